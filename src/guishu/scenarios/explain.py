"""``guishu scenario explain``: the full ruling history of a scenario, in Chinese or in English.

Every id of the format is shown in words (``engine.wording``): event kinds, fields, statuses and
enumerated values, staff by their labels, deadlines in the one convention of the rulings.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import time
from decimal import Decimal

from guishu.engine import Ruling, Site
from guishu.engine.clauses import clause_title
from guishu.engine.splits import format_pct
from guishu.engine.windows import Duration
from guishu.engine.wording import EN, ZH, Voice, deadline, duration, field_name, term, terms

from .loader import Scenario
from .runner import replay

# the event fields that name a staff member (shown as their labels)
STAFF_FIELDS = frozenset(
    {
        "by",
        "names",
        "designates",
        "knows",
        "recognized_by",
        "invited_by",
        "relative_of",
        "agent",
        "arranged_by",
        "against",
        "assign_to",
        "to",
        "staff",
    }
)


class _Page:
    """The words of one language: punctuation and the voice of the scenario's site."""

    def __init__(self, voice: Voice, lang: int) -> None:
        self.voice = voice
        self.lang = lang
        self.zh = lang == ZH
        self.sep = "；" if self.zh else "; "
        self.comma = "，" if self.zh else ", "
        self.colon = "：" if self.zh else ": "

    def t(self, zh: str, en: str) -> str:
        return zh if self.zh else en

    def list(self, items: Iterable[str]) -> str:
        return ("、" if self.zh else ", ").join(items)

    def who(self, code: str | None) -> str:
        return self.voice.label(code, self.lang)

    def shares(self, shares: Mapping[str, Decimal]) -> str:
        return self.comma.join(f"{self.who(k)} {format_pct(v)}%" for k, v in shares.items())

    def split(self, credit: Mapping[str, Decimal], commission: Mapping[str, Decimal]) -> str:
        return (
            self.t("业绩 ", "credit ")
            + self.shares(credit)
            + self.sep
            + self.t("佣金 ", "commission ")
            + (self.shares(commission))
        )

    def value(self, kind: str, key: str, value: object) -> str:
        if value == "":
            return self.t("（空）", "(empty)")
        if key in STAFF_FIELDS and isinstance(value, str):
            return self.who(value)
        if isinstance(value, bool):
            return terms.BOOL[value][self.lang]
        if isinstance(value, list):
            return ("、" if self.zh else ", ").join(str(v) for v in value)
        if key in terms.VALUE:
            return term(terms.VALUE[key], value, self.lang)
        return str(value)

    def field(self, kind: str, key: str) -> str:
        if key == "by" and kind in terms.BY:
            return terms.BY[kind][self.lang]
        return term(terms.FIELD, key, self.lang)


def explain(scenario: Scenario, lang: str = "zh") -> str:
    site, rulings = replay(scenario)
    page = _Page(site.voice, ZH if lang == "zh" else EN)
    lines = [scenario.title or scenario.path, *_header(scenario, page), ""]
    for entry, ruling in zip(scenario.events, rulings, strict=True):
        body = entry.event.body() if entry.event else {}
        lines.extend(_event_lines(entry.position, entry.event_id, entry.kind, body, ruling, page))
    if site.deals:
        lines.append("")
        lines.append(page.t("成交分配：", "Deal splits:"))
        for record in site.deals:
            lines.append(
                page.t(f"  第{record.number}单 ", f"  deal {record.number} ")
                + f"{record.phone}{page.colon}{page.split(record.credit, record.commission)}"
                + page.t(f"（{page.list(record.clauses)}）", f" ({page.list(record.clauses)})")
            )
            lines.append(f"      {page.t(record.reason, record.reason_en)}")
    lines.append("")
    if scenario.events:
        lines.extend(_end_state(scenario, site, page))
    used = sorted({c for r in rulings for c in r.clauses})
    if used:
        lines.append("")
        lines.append(page.t("引用条款：", "Clauses cited:"))
        lines.extend(f"  {c} {clause_title(c, lang)}" for c in used)
    return "\n".join(lines)


def _header(scenario: Scenario, page: _Page) -> list[str]:
    p = scenario.policy
    lines = [page.t("策略：", "Policy: ") + f"{p.preset} {page.t(p.title, p.title_en)}"]
    params = []
    for key, value in p.params.items():
        if value is None or value == "":
            continue
        shown = (
            duration(value, page.lang)
            if isinstance(value, Duration)
            else value.strftime("%H:%M")
            if isinstance(value, time)
            else f"{value}{terms.PARAM_UNIT[key][page.lang]}"
            if key in terms.PARAM_UNIT
            else str(value)
        )
        word = term(terms.PARAM, key, page.lang)
        params.append(f"{word}（{key}）{shown}" if page.zh else f"{word} ({key}) {shown}")
    if params:
        lines.append(page.t("参数：", "Parameters: ") + page.comma.join(params))
    staff = []
    for s in scenario.staff:
        label = page.who(s.code)
        if s.role != "sales":  # the role joins the code in the label's brackets: 张伟（S02，经理）
            role = term(terms.ROLE, s.role, page.lang)
            if page.zh:
                label = label[:-1] + f"，{role}）" if label.endswith("）") else f"{label}（{role}）"
            else:
                label = label[:-1] + f", {role})" if label.endswith(")") else f"{label} ({role})"
        staff.append(label)
    lines.append(page.t("员工：", "Staff: ") + page.list(staff))
    return lines


def _end_state(scenario: Scenario, site: Site, page: _Page) -> list[str]:
    end = scenario.events[-1].at
    nxt = site.next_up(end)
    lines = [
        page.t("轮序：", "Queue: ")
        + " → ".join(page.who(code) for code in site.queue.order)
        + page.sep
        + page.t("下一位 ", "next ")
        + (page.who(nxt) if nxt else "—")
    ]
    lines.append(page.t("客户归属：", "Owners:"))
    for cust in site.customers.values():
        owner = cust.owner_at(end)
        until = ""
        if owner and cust.protected_until:
            until = (
                page.comma
                + page.t("保护期至 ", "protected until ")
                + deadline(site.voice, cust.protected_until, page.lang)
            )
        lines.append(f"  {'/'.join(cust.phones)} → {page.who(owner)}{until}")
    notices = site.notices_at(end)
    if notices:
        lines.append(page.t("提醒与通知：", "Notices:"))
        for n in notices:
            amount = page.t(f" {n.amount}元", f" {n.amount} yuan") if n.amount else ""
            kind = term(terms.NOTICE, n.kind, page.lang)
            message = n.message if page.zh else (n.message_en or n.message)
            lines.append(
                f"  {site.voice.time(n.at)} [{kind}] {page.who(n.staff)} {n.clause}{amount}{page.colon}{message}"
            )
    return lines


def _event_lines(
    position: int, event_id: str | None, kind: str, body: dict[str, object], ruling: Ruling, page: _Page
) -> list[str]:
    label = f"#{position}" + (f" [{event_id}]" if event_id else "")
    fields = page.comma.join(f"{page.field(kind, k)} {page.value(kind, k, v)}" for k, v in body.items())
    head = f"{label} {page.voice.time(ruling.at)} {term(terms.EVENT, kind, page.lang)}"
    out = [head + (page.colon + fields if fields else "")]
    if not ruling.accepted:
        reason = page.t(ruling.reason, ruling.reason_en)
        # every refusal of the engine names its field; one that does not is told which
        if ruling.field and ruling.field not in reason:
            reason += page.t(f"（{field_name(ruling.field, ZH)}）", f" ({field_name(ruling.field, EN)})")
        out.append(page.t("   ✗ 拒绝：", "   ✗ refused: ") + reason)
        return out
    parts = []
    if ruling.phone is not None and kind != "status":
        parts.append(page.t("归属 ", "owner ") + page.who(ruling.owner))
        if ruling.protected_until is not None and ruling.owner is not None:
            until = deadline(page.voice, ruling.protected_until, page.lang)
            parts.append(page.t("保护期至 ", "protected until ") + until)
    if kind == "visit":
        parts.append(page.t("接待 ", "received by ") + page.who(ruling.received_by))
        if ruling.counted_turn:
            parts.append(page.t(f"计{page.who(ruling.turn_of)}的轮次", f"{page.who(ruling.turn_of)}'s turn used"))
        else:
            parts.append(page.t("不计轮次", "no turn"))
    if ruling.split is not None:
        parts.append(page.split(ruling.split.credit, ruling.split.commission))
    if ruling.clauses:
        parts.append(page.t("依据 ", "clauses ") + page.list(ruling.clauses))
    out.append("   → " + page.sep.join(parts))
    out.append("     " + page.t(ruling.reason, ruling.reason_en))
    for split in ruling.amended:
        out.append(
            page.t(f"     改判第{split.deal}单：", f"     re-split of deal {split.deal}: ")
            + page.split(split.credit, split.commission)
        )
        out.append("       " + page.t(split.reason, split.reason_en))
    for n in ruling.notices:
        kind_word = term(terms.NOTICE, n.kind, page.lang)
        message = n.message if page.zh else (n.message_en or n.message)
        out.append(f"     [{kind_word}] {page.who(n.staff)} {n.clause}{page.colon}{message}")
    return out
