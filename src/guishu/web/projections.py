"""The projections: customers, their phones, the staff and queue, deals and notices, as tables.

They are written in the same transaction as each log entry, from exactly what the engine says the
event changed (``Ruling.changes``), so a write costs what it changes. ``write_all`` writes them
from scratch (a rebuild, a bulk load); ``differences`` compares them with a replay (verify).
Reads build the engine's public views from these rows and ask the engine's pure functions
(``desk_advice``, ``next_up``, ``station``): the rules are never written twice.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import Any

from django.db import connection
from django.db.models import CharField, F, Model, TextField

from guishu.engine import Changes, CustomerView, DealView, Notice, QueueRow, Ruling, StaffView
from guishu.engine import Site as EngineSite

from . import models as m

# The shape of the projections: a site whose rows were written by an older shape is rebuilt by
# `guishu migrate` (Site.projections records the shape last written).
SHAPE = 2


# ---------------------------------------------------------------------- row values
# A customer's view attribute -> its projected column; text columns store None as "", lists as JSON.
CUSTOMER_COLUMNS: tuple[tuple[str, str], ...] = (
    ("name", "name"),
    ("first_source", "source"),
    ("channel", "channel"),
    ("family", "family"),
    ("referrer", "referrer"),
    ("owner", "owner"),
    ("protected_until", "protected_until"),
    ("window_clause", "window_clause"),
    ("owner_since", "owner_since"),
    ("owner_clauses", "owner_clauses"),
    ("owner_reason", "owner_reason"),
    ("registered_at", "registered_at"),
    ("registered_by", "registered_by"),
    ("bought", "bought"),
)
_TEXT = {f.name for f in m.Customer._meta.get_fields() if isinstance(f, (CharField, TextField))}


def customer_fields(c: CustomerView, seq: int) -> dict[str, Any]:
    """The projected columns of a customer as the engine sees them after log entry ``seq``."""
    out: dict[str, Any] = {"seq": seq}
    for attr, column in CUSTOMER_COLUMNS:
        value = getattr(c, attr)
        if column in _TEXT:
            value = value or ""
        elif isinstance(value, tuple):
            value = [x for x in value if x]
        out[column] = value
    return out


def staff_fields(engine: EngineSite) -> dict[str, dict[str, Any]]:
    """One queue row's fields per staff member, as the engine holds them after its last event."""
    queue = {row.staff: row for row in engine.queue_rows(None)}
    out = {}
    for s in engine.staff_views():
        row = queue.get(s.code)
        out[s.code] = {
            "name": s.name,
            "role": s.role,
            "team": s.team or "",
            "region": s.region or "",
            "status": s.status,
            "position": row.position if row else None,
            "makeup": bool(row and row.makeup_since is not None),
            "makeup_since": row.makeup_since if row else None,
        }
    return out


def deal_fields(d: DealView, seq: int) -> dict[str, Any]:
    return {
        "customer": d.customer,
        "phone": d.phone,
        "at": d.at,
        "by": d.by,
        "amount": d.amount or "",
        "credit": {k: str(v) for k, v in d.credit.items()},
        "commission": {k: str(v) for k, v in d.commission.items()},
        "clauses": list(d.clauses),
        "reason": d.reason,
        "reason_en": d.reason_en,
        "amended_by": list(d.amended_by),
        "seq": seq,
    }


def notice_row(site: m.Site, n: Notice, seq: int) -> m.Notice:
    return m.Notice(
        site=site,
        seq=seq,
        kind=n.kind,
        staff=n.staff,
        clause=n.clause,
        at=n.at,
        message=n.message,
        phone=n.phone or "",
        amount=n.amount,
    )


# ---------------------------------------------------------------------- writing
def write_changes(site: m.Site, engine: EngineSite, changes: Changes, seq: int) -> None:
    """Project what one event changed (same transaction as its log entry)."""
    views = {key: engine.customer_view(key) for key in sorted(changes.customers)}
    for key, view in views.items():  # records merged into another go first: their phones move
        if view is None or view.key != key:
            m.Customer.objects.filter(site=site, key=key).delete()
    for key, view in views.items():
        if view is not None and view.key == key:
            _write_customer(site, view, seq)
    if changes.queue:
        _write_staff(site, staff_fields(engine))
    for number in sorted(changes.deals):
        deal = engine.deal_view(number)
        if deal is not None:
            m.Deal.objects.update_or_create(site=site, number=number, defaults=deal_fields(deal, seq))
    if changes.notices:
        insert_rows(m.Notice, [notice_row(site, n, seq) for n in changes.notices])


def _write_customer(site: m.Site, view: CustomerView, seq: int) -> None:
    fields = customer_fields(view, seq)
    if not m.Customer.objects.filter(site=site, key=view.key).update(**fields):
        row = m.Customer.objects.create(site=site, key=view.key, **fields)
        insert_values(m.CustomerPhone, ("site", "customer", "phone"), [(site.pk, row.pk, p) for p in view.phones])
        return
    if view.phones == (view.key,):
        return  # a one-phone customer's phone row is its key's, written when it was created
    row = m.Customer.objects.only("pk").get(site=site, key=view.key)
    have = set(m.CustomerPhone.objects.filter(customer=row).values_list("phone", flat=True))
    if have != set(view.phones):
        m.CustomerPhone.objects.filter(customer=row).exclude(phone__in=view.phones).delete()
        m.CustomerPhone.objects.filter(site=site, phone__in=view.phones).exclude(customer=row).delete()
        insert_values(
            m.CustomerPhone, ("site", "customer", "phone"), [(site.pk, row.pk, p) for p in view.phones if p not in have]
        )


def _write_staff(site: m.Site, want: dict[str, dict[str, Any]]) -> None:
    """Write the staff rows that differ. A queue row's ``position`` is an ordering key, not an index:
    whoever goes to the end of the queue gets a key above every other, so a counted turn rewrites
    one row, not the whole queue (readers number the rows 1, 2, …)."""
    have = {row.staff_code: row for row in m.QueueEntry.objects.filter(site=site)}
    stored = sorted((r.position, c) for c, r in have.items() if r.position is not None)
    order = sorted((f["position"], c) for c, f in want.items() if f["position"] is not None)
    keys = _order_keys([c for _, c in stored], [c for _, c in order], {c: p for p, c in stored})
    for code, fields in want.items():
        fields = {**fields, "position": keys.get(code)}
        row = have.pop(code, None)
        if row is None:
            m.QueueEntry.objects.create(site=site, staff_code=code, **fields)
            continue
        changed = {k: v for k, v in fields.items() if getattr(row, k) != v}
        if changed:
            m.QueueEntry.objects.filter(pk=row.pk).update(**changed)
    if have:
        m.QueueEntry.objects.filter(pk__in=[r.pk for r in have.values()]).delete()


def _order_keys(stored: list[str], wanted: list[str], key: dict[str, int]) -> dict[str, int]:
    """Ordering keys for ``wanted`` that keep the stored keys of its longest prefix already in order."""
    out: dict[str, int] = {}
    i = 0
    for n, code in enumerate(wanted):
        while i < len(stored) and stored[i] != code:
            i += 1
        if i == len(stored):
            top = max([*key.values(), *out.values(), 0])
            out.update({c: top + k for k, c in enumerate(wanted[n:], 1)})
            break
        out[code] = key[code]
        i += 1
    return out


def write_staff(site: m.Site, engine: EngineSite) -> None:
    """The staff and queue rows after a staff change outside the log (a site created, a person joining)."""
    _write_staff(site, staff_fields(engine))


def write_all(
    site: m.Site, engine: EngineSite, seq: int, notices: Iterable[tuple[int, Notice]] = (), batch: int = 2000
) -> int:
    """Throw the site's projections away and write them from ``engine`` with bulk inserts; returns the
    number of customers. ``notices`` are the (log entry, notice) pairs of the rulings folded into ``engine``."""
    for model in (m.CustomerPhone, m.Customer, m.QueueEntry, m.Deal, m.Notice):
        model.objects.filter(site=site).delete()
    views = list(engine.customer_views())
    for start in range(0, len(views), batch):
        chunk = views[start : start + batch]
        insert_rows(m.Customer, [m.Customer(site=site, key=c.key, **customer_fields(c, seq)) for c in chunk])
        ids = dict(m.Customer.objects.filter(site=site, key__in=[c.key for c in chunk]).values_list("key", "pk"))
        insert_values(
            m.CustomerPhone, ("site", "customer", "phone"), [(site.pk, ids[c.key], p) for c in chunk for p in c.phones]
        )
    insert_rows(
        m.QueueEntry, [m.QueueEntry(site=site, staff_code=code, **f) for code, f in staff_fields(engine).items()]
    )
    deals = (engine.deal_view(n) for n in range(1, engine.deal_count() + 1))
    insert_rows(m.Deal, [m.Deal(site=site, number=d.number, **deal_fields(d, seq)) for d in deals if d is not None])
    insert_rows(m.Notice, [notice_row(site, n, s) for s, n in notices])
    m.Site.objects.filter(pk=site.pk).update(projections=SHAPE)
    analyze()
    return len(views)


def analyze() -> None:
    """After a bulk write, let PostgreSQL's planner see the tables' new sizes now rather than at the next
    autovacuum: with the statistics of a nearly empty table it would scan instead of using the indexes."""
    if connection.vendor != "postgresql":
        return
    tables = (m.Event, m.EventPhone, m.Customer, m.CustomerPhone, m.Deal, m.Notice)
    with connection.cursor() as cur:
        cur.execute("ANALYZE " + ", ".join(connection.ops.quote_name(t._meta.db_table) for t in tables))


def insert_rows(model: type[Model], objs: Sequence[Model]) -> None:
    """INSERT ``objs`` (new rows of ``model``, ids left to the database), each value as the ORM stores it.

    Django's ``bulk_create`` builds the SQL of every row in Python (about 230 µs a log row on SQLite,
    ten times the cost of storing it); here each field converts its own value and the rows go in one
    ``executemany`` on SQLite and one COPY on PostgreSQL.
    """
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    insert_values(
        model,
        [f.name for f in fields],
        [tuple(f.get_db_prep_save(f.pre_save(obj, True), connection) for f in fields) for obj in objs],
    )


def _column(model: type[Model], name: str) -> str:
    field = model._meta.get_field(name)
    column = getattr(field, "column", None)
    if not isinstance(column, str):
        raise TypeError(f"{model.__name__}.{name} is not a column")
    return column


def insert_values(model: type[Model], names: Sequence[str], rows: Sequence[tuple[Any, ...]]) -> None:
    """INSERT ``rows`` of values the database takes as they are (ids, text) into ``model``'s fields ``names``."""
    if not rows:
        return
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    columns = ", ".join(quote(_column(model, name)) for name in names)
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            # COPY: one stream instead of a round trip per row (psycopg's executemany is one per row)
            with cur.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            cur.executemany(f"INSERT INTO {table} ({columns}) VALUES ({', '.join(['%s'] * len(names))})", rows)


def notices_of(rulings: Sequence[Ruling], first_seq: int = 1) -> list[tuple[int, Notice]]:
    return [(seq, n) for seq, r in enumerate(rulings, first_seq) for n in r.notices]


# ---------------------------------------------------------------------- reading
def customer_view(row: m.Customer, phones: Sequence[str] | None = None) -> CustomerView:
    """The engine's view of a projected customer (what the engine's pure read functions take)."""
    values: dict[str, Any] = {}
    for attr, column in CUSTOMER_COLUMNS:
        value = getattr(row, column)
        if isinstance(value, list):
            value = tuple(value)
        elif column in _TEXT and attr not in ("channel", "owner_reason", "first_source"):
            value = value or None
        values[attr] = value
    return CustomerView(key=row.key, phones=tuple(phones) if phones is not None else (row.key,), **values)


def staff_and_queue(site: m.Site) -> tuple[tuple[StaffView, ...], tuple[QueueRow, ...]]:
    """The staff and the queue as projected after the site's last event (one query)."""
    staff: list[StaffView] = []
    queue: list[QueueRow] = []
    rows = m.QueueEntry.objects.filter(site=site).order_by(F("position").asc(nulls_last=True), "id")
    for r in rows:
        staff.append(StaffView(r.staff_code, r.name, r.team or None, r.role, r.region or None, r.status))
        if r.role == "sales":
            position = len(queue) + 1 if r.position is not None else None
            queue.append(QueueRow(r.staff_code, r.name, position, r.status, r.makeup_since))
    return tuple(staff), tuple(queue)


# ---------------------------------------------------------------------- checking
def _same(a: Any, b: Any) -> bool:
    if isinstance(a, datetime) and isinstance(b, datetime):
        return a.astimezone(UTC) == b.astimezone(UTC)
    return bool(a == b)


def differences(site: m.Site, engine: EngineSite, notices: Sequence[tuple[int, Notice]]) -> list[str]:
    """What the stored projections say that a fresh replay (``engine``) does not (empty: they agree)."""
    return [
        *_customer_differences(site, engine),
        *_staff_differences(site, engine),
        *_deal_differences(site, engine),
        *_notice_differences(site, notices),
    ]


def _customer_differences(site: m.Site, engine: EngineSite) -> list[str]:
    problems = []
    stored = {c.key: c for c in m.Customer.objects.filter(site=site)}
    phones: dict[str, set[str]] = defaultdict(set)
    for key, phone in m.CustomerPhone.objects.filter(site=site).values_list("customer__key", "phone"):
        phones[key].add(phone)
    for c in engine.customer_views():
        row = stored.pop(c.key, None)
        if row is None:
            problems.append(f"客户 {c.key} 在投影中缺失 / customer {c.key} missing from the projection")
            continue
        for name, value in customer_fields(c, row.seq).items():
            got = getattr(row, name)
            if not _same(got, value):
                problems.append(
                    f"客户 {c.key} 的 {name}：投影为 {got!r}，重放为 {value!r} / customer {c.key}: {name} differs"
                )
        if phones.get(c.key, set()) != set(c.phones):
            problems.append(f"客户 {c.key} 的手机号不一致 / customer {c.key}: phones differ")
    problems.extend(f"投影中多出客户 {key} / customer {key} is not in the log" for key in stored)
    return problems


def _staff_differences(site: m.Site, engine: EngineSite) -> list[str]:
    problems = []
    have = {r.staff_code: r for r in m.QueueEntry.objects.filter(site=site)}
    want = staff_fields(engine)
    for code, fields in want.items():
        row = have.pop(code, None)
        if row is None or any(not _same(getattr(row, k), v) for k, v in fields.items() if k != "position"):
            problems.append(f"员工 {code} 的轮序投影与重放不一致 / the queue row of {code} differs")
    problems.extend(f"投影中多出员工 {code} / staff {code} is not on the site" for code in have)
    stored_order = [r.staff for r in staff_and_queue(site)[1] if r.position is not None]
    want_order = [c for _, c in sorted((f["position"], c) for c, f in want.items() if f["position"] is not None)]
    if stored_order != want_order:
        problems.append(f"轮序投影与重放不一致 / the queue order differs: {stored_order} != {want_order}")
    return problems


def _deal_differences(site: m.Site, engine: EngineSite) -> list[str]:
    problems = []
    stored = {d.number: d for d in m.Deal.objects.filter(site=site)}
    for n in range(1, engine.deal_count() + 1):
        deal, row = engine.deal_view(n), stored.pop(n, None)
        if deal is None or row is None:
            problems.append(f"第 {n} 笔成交在投影中缺失 / deal {n} missing from the projection")
            continue
        for name, value in deal_fields(deal, row.seq).items():
            if not _same(getattr(row, name), value):
                problems.append(f"第 {n} 笔成交的 {name} 与重放不一致 / deal {n}: {name} differs")
    problems.extend(f"投影中多出第 {n} 笔成交 / deal {n} is not in the log" for n in stored)
    return problems


def _notice_differences(site: m.Site, notices: Sequence[tuple[int, Notice]]) -> list[str]:
    stored = sorted(
        m.Notice.objects.filter(site=site).values_list("seq", "kind", "staff", "clause", "message"), key=str
    )
    want = sorted(((s, n.kind, n.staff, n.clause, n.message) for s, n in notices), key=str)
    return [] if stored == want else ["提醒与处罚的投影与重放不一致 / the notices differ from the replay"]
