"""Bulk writes of a site's projections (customers, their phones, the queue) from an engine state.

The write path projects what one event changed (``engine_state.project``); loading a history or
rebuilding writes every customer at once, and row by row that would cost a round trip per
customer. ``write_all`` throws the site's projections away and inserts them again in batches,
each customer mapped to its row exactly as the write path maps it (``engine_state._customer_fields``).

``insert_rows`` is the bulk INSERT under both this and the history loader: values converted by
each field itself (``get_db_prep_save``, as the ORM stores them), sent with one ``executemany``
on SQLite and one COPY on PostgreSQL. Django's ``bulk_create`` builds the SQL of every row in
Python, which measured at about 230 µs a log row on SQLite, ten times the cost of storing it.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from itertools import islice
from typing import Any

from django.db import connection
from django.db.models import Model

from guishu.engine import Site as EngineSite

from . import engine_state
from . import models as m

BATCH = 2000  # rows per INSERT: well under SQLite's limit of bound parameters, small enough to stream


def _chunks(items: Any, size: int) -> Iterator[list[Any]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def insert_rows(model: type[Model], objs: Sequence[Model]) -> None:
    """INSERT ``objs`` (new rows of ``model``, ids left to the database), each value as the ORM stores it."""
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    insert_values(
        model,
        [f.name for f in fields],
        [tuple(f.get_db_prep_save(f.pre_save(obj, True), connection) for f in fields) for obj in objs],
    )


def insert_values(model: type[Model], names: Sequence[str], rows: Sequence[tuple[Any, ...]]) -> None:
    """INSERT ``rows`` of values the database takes as they are (ids, text) into ``model``'s fields ``names``."""
    if not rows:
        return
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    columns = ", ".join(quote(model._meta.get_field(name).column) for name in names)
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            # COPY: one stream instead of a round trip per row (psycopg's executemany here is one per row)
            with cur.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            cur.executemany(f"INSERT INTO {table} ({columns}) VALUES ({', '.join(['%s'] * len(names))})", rows)


def write_all(site: m.Site, engine: EngineSite, seq: int) -> int:
    """Replace the site's customer, phone and queue projections by the engine's state after log
    entry ``seq``; returns the number of customers written. Call inside the write's transaction."""
    m.CustomerPhone.objects.filter(site=site).delete()
    m.Customer.objects.filter(site=site).delete()
    written = 0
    for chunk in _chunks(engine.customers.items(), BATCH):
        rows = [m.Customer(site=site, key=key, **engine_state._customer_fields(c, seq)) for key, c in chunk]
        insert_rows(m.Customer, rows)
        ids = dict(m.Customer.objects.filter(site=site, key__in=[k for k, _ in chunk]).values_list("key", "pk"))
        phones = [(site.pk, ids[key], phone) for key, c in chunk for phone in c.phones]
        insert_values(m.CustomerPhone, ("site", "customer", "phone"), phones)
        written += len(rows)
    engine_state.write_queue(site, engine_state.queue_fingerprint(engine))
    return written
