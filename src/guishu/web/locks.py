"""Writers wait in a queue instead of polling.

SQLite has one writer at a time per database file. Left to itself, a writer that finds the
database locked sleeps in SQLite's busy handler (up to 100 ms a nap) and tries again, so with a
few desks at once the unlucky ones wait far longer than the write takes. Every writer of this
service therefore takes a blocking file lock next to the database before its transaction begins:
the kernel wakes the next waiter the moment the lock is released, across threads and processes.
PostgreSQL needs none of this: a write locks its site's row, and sites never wait for each other.
"""

from __future__ import annotations

import fcntl
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection

_held = threading.local()  # the lock is re-entrant within a thread (a service calling another)


def _lock_path() -> str | None:
    if connection.vendor != "sqlite":
        return None
    name = str(connection.settings_dict["NAME"])
    if not name or name == ":memory:" or name.startswith("file:"):
        return None
    return name + ".writer-lock"


@contextmanager
def writer_lock() -> Iterator[None]:
    """Hold the database's writer lock (SQLite) for the block; a no-op on PostgreSQL."""
    path = _lock_path()
    depth: int = getattr(_held, "depth", 0)
    if path is None or depth:
        _held.depth = depth + 1
        try:
            yield
        finally:
            _held.depth -= 1
        return
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        _held.depth = 1
        yield
    finally:
        _held.depth = 0
        os.close(fd)  # closing the descriptor releases the lock
