"""Small helpers the rule families share: the preset's own words for the same ideas."""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from ..decision import refusal
from ..policy import Policy

if TYPE_CHECKING:
    from ..site import Site

# The clause that says "the first reception owns" in each preset (cited for ordinary new customers).
FIRST_RECEPTION: Final = (
    ("RE-1", "RE-1"),
    ("GM-2", "GM-2"),
    ("FC-1", "FC-1"),
    ("MC-1", "MC-1"),
    ("DEAL-1", "DEAL-1"),
    ("CASES-1", "CASES-1"),
    ("DF-1", "DF-1"),
    ("DECO-1", "DECO-1"),
    ("STORE-1", "STORE-1"),
    ("AG-1", "AG-1"),
    ("RCPT-1", "ROT-1"),
    ("PARK-2", "PARK-2"),
)

# The clause that says "an old customer goes back to the original receptionist".
OLD_CUSTOMER: Final = (
    ("RE-3", "RE-3"),
    ("RCPT-3", "RCPT-3"),
    ("GM-2", "GM-2"),
    ("FC-1", "FC-1"),
    ("MC-1", "MC-1"),
    ("DEAL-1", "DEAL-1"),
    ("CASES-5", "CASES-5"),
    ("DF-1", "DF-1"),
    ("DECO-1", "DECO-1"),
    ("STORE-1", "STORE-1"),
    ("AG-1", "AG-1"),
    ("PARK-5", "PARK-5"),
)


def first_clause(policy: Policy, table: tuple[tuple[str, str], ...] = FIRST_RECEPTION) -> str:
    """The preset's own clause for the idea of ``table`` (looked up once per policy)."""
    memo = policy.memo()
    key = table[0][0]  # a table is known by its first marker (never by id(): constants may be copies)
    found = memo.get(key)
    if found is None:
        found = next((clause for marker, clause in table if policy.has(marker)), "ROT-1")
        memo[key] = found
    assert isinstance(found, str)
    return found


def require_name(site: Site, name: str | None, phone: str) -> None:
    """FC-4, DF-9: a visit, call or report without the customer's name or surname is refused (P-1)."""
    p = site.policy
    if p.require_name and not (name or "").strip():
        clause = "DF-9" if p.has("DF-9") else "FC-4"
        raise refusal(site.voice, "name", "refuse.name_required", phone=phone, clause=clause)
