"""``guishu scenario explain``: the full ruling history of a scenario, Chinese first."""

from __future__ import annotations

from guishu.engine import HOUSE, Ruling
from guishu.engine.clauses import clause_title
from guishu.engine.splits import format_pct

from .loader import Scenario
from .runner import replay

KIND_ZH = {
    "visit": "来访",
    "call": "来电",
    "report": "报备",
    "followup": "回访",
    "deposit": "定金",
    "deal": "成交",
    "link": "关联",
    "objection": "异议",
    "complaint": "投诉",
    "assign": "分配",
    "transfer": "变更",
    "release": "释放",
    "abandon": "甩客",
    "status": "状态",
}


def _owner(value: str | None, lang: str) -> str:
    if value is None:
        return "公共池" if lang == "zh" else "pool"
    if value == HOUSE:
        return "公司" if lang == "zh" else "house"
    return value


def explain(scenario: Scenario, lang: str = "zh") -> str:
    zh = lang == "zh"
    site, rulings = replay(scenario)
    p = scenario.policy
    lines = [scenario.title or scenario.path]
    lines.append(("策略：" if zh else "Policy: ") + f"{p.preset} {p.title if zh else p.title_en}")
    params = p.describe_params()
    if params:
        lines.append(("参数：" if zh else "Parameters: ") + "，".join(f"{k}={v}" for k, v in params.items() if v))
    lines.append(
        ("员工：" if zh else "Staff: ")
        + " ".join(f"{s.code}" + (f"({s.role})" if s.role != "sales" else "") for s in scenario.staff)
    )
    lines.append("")
    for entry, ruling in zip(scenario.events, rulings, strict=True):
        lines.extend(
            _event_lines(
                entry.position, entry.event_id, entry.kind, entry.event.body() if entry.event else {}, ruling, zh
            )
        )
    if site.deals:
        lines.append("")
        lines.append("成交分配：" if zh else "Deal splits:")
        for record in site.deals:
            credit = "，".join(f"{k} {format_pct(v)}%" for k, v in record.credit.items())
            commission = "，".join(f"{k} {format_pct(v)}%" for k, v in record.commission.items())
            lines.append(
                f"  {'第' if zh else '#'}{record.number}{'单' if zh else ''} {record.phone} "
                f"{'业绩' if zh else 'credit'} {credit}；{'佣金' if zh else 'commission'} {commission}"
                f"（{', '.join(record.clauses)}）"
            )
            lines.append(f"      {record.reason if zh else record.reason_en}")
    lines.append("")
    end = scenario.events[-1].at if scenario.events else None
    if end is not None:
        nxt = site.next_up(end)
        lines.append(
            ("轮序：" if zh else "Queue: ")
            + " → ".join(site.queue.order)
            + (f"；{'下一位' if zh else 'next'} {nxt or '—'}")
        )
        owners = []
        for cust in site.customers.values():
            owner = cust.owner_at(end)
            until = (
                f"（{'至' if zh else 'until'} {cust.protected_until:%Y-%m-%d %H:%M}）"
                if owner and cust.protected_until
                else ""
            )
            owners.append(f"  {'/'.join(cust.phones)} → {_owner(owner, lang)}{until}")
        lines.append("客户归属：" if zh else "Owners:")
        lines.extend(owners)
        notices = site.notices_at(end)
        if notices:
            lines.append("提醒与通知：" if zh else "Notices:")
            for n in notices:
                amount = f" {n.amount}元" if n.amount else ""
                lines.append(f"  {n.at:%Y-%m-%d %H:%M} [{n.kind}] {n.staff} {n.clause}{amount}：{n.message}")
    used = sorted({c for r in rulings for c in r.clauses})
    if used:
        lines.append("")
        lines.append("引用条款：" if zh else "Clauses cited:")
        for c in used:
            lines.append(f"  {c} {clause_title(c)}")
    return "\n".join(lines)


def _event_lines(
    position: int, event_id: str | None, kind: str, body: dict[str, object], ruling: Ruling, zh: bool
) -> list[str]:
    label = f"#{position}" + (f" [{event_id}]" if event_id else "")
    fields = " ".join(f"{k}={v}" for k, v in body.items())
    head = f"{label} {ruling.at:%Y-%m-%d %H:%M} {KIND_ZH.get(kind, kind) if zh else kind} {fields}"
    out = [head]
    if not ruling.accepted:
        out.append(
            ("   ✗ 拒绝（字段 " if zh else "   ✗ refused (field ")
            + f"{ruling.field}）：{ruling.reason if zh else ruling.reason_en}"
        )
        return out
    parts = []
    if ruling.phone is not None and kind not in ("status",):
        parts.append(("归属 " if zh else "owner ") + _owner(ruling.owner, "zh" if zh else "en"))
        if ruling.protected_until is not None and ruling.owner is not None:
            parts.append(("保护至 " if zh else "until ") + f"{ruling.protected_until:%Y-%m-%d %H:%M}")
    if kind == "visit":
        parts.append(("接待 " if zh else "received by ") + str(ruling.received_by))
        turn = ("计轮次" if zh else "turn used") + (f"（{ruling.turn_of}）" if ruling.counted_turn else "")
        parts.append(turn if ruling.counted_turn else ("不计轮次" if zh else "no turn"))
    if ruling.split is not None:
        credit = "，".join(f"{k} {format_pct(v)}%" for k, v in ruling.split.credit.items())
        commission = "，".join(f"{k} {format_pct(v)}%" for k, v in ruling.split.commission.items())
        parts.append(f"{'业绩' if zh else 'credit'} {credit}；{'佣金' if zh else 'commission'} {commission}")
    if ruling.clauses:
        parts.append(("依据 " if zh else "clauses ") + ", ".join(ruling.clauses))
    out.append("   → " + "；".join(parts))
    out.append("     " + (ruling.reason if zh else ruling.reason_en))
    for split in ruling.amended:
        credit = "，".join(f"{k} {format_pct(v)}%" for k, v in split.credit.items())
        commission = "，".join(f"{k} {format_pct(v)}%" for k, v in split.commission.items())
        out.append(f"     {'改判第' if zh else 'amends deal '}{split.deal}{'单' if zh else ''}：{credit}；{commission}")
    for n in ruling.notices:
        out.append(f"     [{n.kind}] {n.staff} {n.clause}：{n.message}")
    return out
