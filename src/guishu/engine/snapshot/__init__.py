"""Snapshots (快照): the engine state of a site saved and loaded as plain, versioned data.

A service that keeps a snapshot every N events starts a cold site from the latest one and
replays only the events after it (issue 6, part 3). The format is JSON-compatible values only
(objects, lists, text, integers, booleans, null) — never pickle — and is documented field by
field in ``docs/snapshot-format.md``; ``FORMAT`` changes whenever it does.

Everything that can influence a later ruling is saved: staff and statuses, both queues with their
make-ups, every customer with every attribute, deals with their splits and amendments, notices,
the GM-6 dispute counts, the event count, the clock and the current day. Caches (typed phones,
the reused decision, the day-window memos) are not: the engine rebuilds them as it runs.

    blob = to_bytes(site)                 # dump(site) as compact JSON, zlib-compressed
    site = from_bytes(blob, policy)       # SnapshotError (zh / en) if it cannot be used
"""

from .codec import SnapshotError
from .customers import ATTRIBUTES as CUSTOMER_ATTRIBUTES
from .document import ENGINE, FIELDS, FORMAT, check_header, decode, dump, from_bytes, load, policy_digest, to_bytes

__all__ = [
    "CUSTOMER_ATTRIBUTES",
    "ENGINE",
    "FIELDS",
    "FORMAT",
    "SnapshotError",
    "check_header",
    "decode",
    "dump",
    "from_bytes",
    "load",
    "policy_digest",
    "to_bytes",
]
