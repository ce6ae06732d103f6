"""A whole snapshot: the header, the site's parts in order, and the compressed bytes.

``dump`` and ``load`` turn a ``Site`` into a JSON-compatible document and back; ``to_bytes``
and ``from_bytes`` add compact JSON and zlib. ``load`` checks the header first (the engine, the
``FORMAT`` number, the policy's digest), then builds a new site and hands it over only when all of
it was read: a refused snapshot changes nothing.
"""

from __future__ import annotations

import gc
import hashlib
import json
import zlib
from collections.abc import Mapping
from typing import Any, Final

from ..policy import Policy
from ..site import Site
from ..state import Customer
from .codec import Codec, SnapshotError, as_int, as_list, as_mapping, as_record, as_text
from .customers import ATTRIBUTES, customer_in, customer_out
from .records import deal_in, deal_out, notice_in, notice_out, queue_in, queue_out, staff_in, staff_out

FORMAT: Final = 1
ENGINE: Final = "guishu"
FIELDS: Final = (
    "format",
    "engine",
    "policy",
    "preset",
    "zone",
    "count",
    "clock",
    "day",
    "staff",
    "status",
    "queue",
    "phone_queue",
    "customers",
    "deals",
    "notices",
    "disputes",
)
_REPLAY = "请改为从事件日志重放"


def policy_digest(policy: Policy) -> str:
    """What a snapshot must be loaded under: the preset (its clauses), the parameters and the zone."""
    described = {
        "preset": policy.preset,
        "clauses": sorted(policy.clauses),
        "require_name": policy.require_name,
        "phone_rotation": policy.phone_rotation,
        "params": policy.describe_params(),
        "zone": policy.tz.key,
    }
    text = json.dumps(described, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def to_bytes(site: Site) -> bytes:
    """The site's snapshot as compact UTF-8 JSON, zlib-compressed."""
    collecting = _pause_gc()
    try:
        text = json.dumps(dump(site), ensure_ascii=False, separators=(",", ":"))
    finally:
        _resume_gc(collecting)
    return zlib.compress(text.encode("utf-8"), 1)


def from_bytes(blob: bytes, policy: Policy) -> Site:
    """A site from ``to_bytes``'s output; a truncated or garbled blob is refused with a clear error."""
    collecting = _pause_gc()  # once for both: a collection between them would walk the whole document
    try:
        return load(_decode(blob), policy)
    finally:
        _resume_gc(collecting)


def decode(blob: bytes) -> dict[str, Any]:
    """The document inside ``to_bytes``'s output, without building a site (to compare with ``dump``)."""
    collecting = _pause_gc()
    try:
        data = _decode(blob)
    finally:
        _resume_gc(collecting)
    if not isinstance(data, dict):
        raise SnapshotError(f"快照数据不是一个文档；{_REPLAY}", "the snapshot is not a document")
    return data


def _decode(blob: bytes) -> Any:
    try:
        text = zlib.decompress(blob)
    except (zlib.error, TypeError) as exc:
        raise SnapshotError(
            f"快照数据已损坏或不完整，无法解压；{_REPLAY}", f"cannot decompress the snapshot: {exc}"
        ) from exc
    try:
        return json.loads(text)
    except ValueError as exc:  # JSONDecodeError and UnicodeDecodeError are ValueErrors
        raise SnapshotError(f"快照数据不是有效的 JSON；{_REPLAY}", f"the snapshot is not valid JSON: {exc}") from exc


def dump(site: Site) -> dict[str, Any]:
    """The site's state as a JSON-compatible document that shares nothing with the site."""
    policy = site.policy
    c = Codec(policy.tz)
    collecting = _pause_gc()
    try:
        calendar, roster, rotation, book, ledger = site.calendar, site.roster, site.rotation, site.book, site.ledger
        return {
            "format": FORMAT,
            "engine": ENGINE,
            "policy": policy_digest(policy),
            "preset": policy.preset,
            "zone": policy.tz.key,
            "count": site.count,
            "clock": None if calendar.clock is None else c.time_out(calendar.clock),
            "day": None if calendar.day is None else calendar.day.isoformat(),
            "staff": [staff_out(m) for m in roster.members.values()],
            "status": dict(roster.status),
            "queue": queue_out(rotation.queue),
            "phone_queue": queue_out(rotation.phone_queue),
            "customers": {
                "fields": list(ATTRIBUTES),
                "registered": book.registered,
                "rows": [customer_out(cust, c) for cust in book.customers.values()],
            },
            "deals": [deal_out(d, c) for d in ledger.deals],
            "notices": [notice_out(n, c) for n in ledger.notices],
            "disputes": dict(ledger.disputes),
        }
    finally:
        _resume_gc(collecting)


def load(data: Mapping[str, Any], policy: Policy) -> Site:
    """A new site in the state ``data`` describes, under ``policy`` (the one it was taken under)."""
    check_header(data, policy)
    place = _Place()
    collecting = _pause_gc()
    try:
        return _build(data, policy, place)
    except SnapshotError:
        raise
    except (KeyError, TypeError, ValueError, AttributeError, IndexError, ArithmeticError) as exc:
        part = place.part if place.index < 0 else f"{place.part}[{place.index}]"
        raise SnapshotError(
            f"快照内容不完整或已损坏（{part}：{type(exc).__name__} {exc}）；{_REPLAY}",
            f"malformed snapshot at {part}: {type(exc).__name__}: {exc}",
            part,
        ) from exc
    finally:
        _resume_gc(collecting)


def check_header(data: Mapping[str, Any], policy: Policy) -> None:
    """Refuse a document that is not a snapshot this engine can load under ``policy``."""
    if not isinstance(data, Mapping) or data.get("engine") != ENGINE:
        raise SnapshotError("这不是归属系统的快照（缺少 engine: guishu）", "not a guishu snapshot", "engine")
    version = data.get("format")
    if type(version) is not int or version != FORMAT:
        raise SnapshotError(
            f"快照格式版本为 {version}，本引擎只能读取版本 {FORMAT}；{_REPLAY}",
            f"snapshot format {version!r}: this engine reads format {FORMAT} only; replay the log instead",
            "format",
        )
    digest = policy_digest(policy)
    if data.get("policy") != digest:
        raise SnapshotError(
            f"快照的策略（{data.get('preset')}，{data.get('zone')}，摘要 {data.get('policy')}）与当前策略"
            f"（{policy.preset}，{policy.tz.key}，摘要 {digest}）不一致；{_REPLAY}",
            f"the snapshot was taken under another policy ({data.get('policy')!r}, now {digest!r}); replay the log",
            "policy",
        )
    unknown = sorted(str(key) for key in data if key not in FIELDS)
    if unknown:
        raise SnapshotError(
            f"快照含有本格式没有的字段：{'、'.join(unknown)}；{_REPLAY}",
            f"unknown snapshot fields {unknown}",
            unknown[0],
        )


class _Place:
    """Where loading is, for the error message."""

    def __init__(self) -> None:
        self.part = "header"
        self.index = -1

    def at(self, part: str) -> None:
        self.part = part
        self.index = -1


def _build(data: Mapping[str, Any], policy: Policy, place: _Place) -> Site:
    """A new site, its parts filled in place (the site's read-only views are of the parts' collections)."""
    c = Codec(policy.tz)
    site = Site(policy)
    site.count = as_int(data["count"])
    # the end of the day is worked out again at the next event, as after a change of policy
    site.calendar.clock = None if data["clock"] is None else c.time_in(data["clock"])
    site.calendar.day = None if data["day"] is None else c.day_in(data["day"])
    _staff(site, data, place)
    place.at("queue")
    queue_in(site.rotation.queue, data["queue"], c, site.roster.members)
    place.at("phone_queue")
    queue_in(site.rotation.phone_queue, data["phone_queue"], c, site.roster.members)
    place.at("deals")
    deals = site.ledger.deals
    for i, rec in enumerate(as_list(data["deals"])):
        place.index = i
        deals.append(deal_in(rec, c, i + 1))
    place.at("customers")
    _customers(site, as_record(data["customers"], _BOOK), c, place)
    place.at("notices")
    notices = site.ledger.notices
    for i, rec in enumerate(as_list(data["notices"])):
        place.index = i
        notices.append(notice_in(rec, c))
    place.at("disputes")
    for code, n in as_mapping(data["disputes"]).items():
        site.ledger.disputes[as_text(code)] = as_int(n)
    return site


def _staff(site: Site, data: Mapping[str, Any], place: _Place) -> None:
    members, status = site.roster.members, site.roster.status
    place.at("staff")
    for i, rec in enumerate(as_list(data["staff"])):
        place.index = i
        member = staff_in(rec)
        if member.code in members:
            raise ValueError(f"staff {member.code} listed twice")
        members[member.code] = member
    place.at("status")
    for code, value in as_mapping(data["status"]).items():
        if code not in members:
            raise ValueError(f"status of unknown staff {code!r}")
        status[code] = as_text(value)


_BOOK: Final = frozenset({"fields", "registered", "rows"})


def _customers(site: Site, table: dict[str, Any], c: Codec, place: _Place) -> None:
    """The book: the customers, the index of every phone, the families; and the customers' deals."""
    if as_list(table["fields"]) != list(ATTRIBUTES):
        raise ValueError("the customers' fields are not this format's (customers.fields)")
    book, deals = site.book, site.ledger.deals
    book.registered = registered = as_int(table["registered"])
    customers, index, families = book.customers, book.index, book.families
    rows = as_list(table["rows"])
    phones = 0
    for i, rec in enumerate(rows):
        place.index = i
        cust = customer_in(rec, c)
        if cust.key not in cust.phones or not 0 < cust.seq <= registered:
            raise ValueError(f"customer {cust.key}: not among its own phones, or registered out of turn")
        customers[cust.key] = cust
        for phone in cust.phones:
            index[phone] = cust
        phones += len(cust.phones)
        if cust.family is not None:
            families.setdefault(cust.family, []).append(cust)
        for n in cust.deals:
            if not 0 <= n < len(deals) or deals[n].customer != cust.key:
                raise ValueError(f"deal index {n} is not a deal of {cust.key}")
    place.index = -1
    if len(customers) != len(rows) or len(index) != phones:  # counted once, rather than asked per row
        raise ValueError("a customer is listed twice, or a phone is in two customer records")
    for members in families.values():
        members.sort(key=_registration)  # a family lists its members in the order they were registered
    for deal in deals:
        if deal.customer not in customers:
            raise ValueError(f"deal {deal.number} is of an unknown customer {deal.customer}")


def _registration(cust: Customer) -> int:
    return cust.seq


# The state is a large, acyclic graph built in one go: the cyclic collector would rescan it again
# and again while it grows without ever finding garbage, so it is paused meanwhile (as Site.replay does).
def _pause_gc() -> bool:
    collecting = gc.isenabled()
    gc.disable()
    return collecting


def _resume_gc(collecting: bool) -> None:
    if collecting:
        gc.enable()
