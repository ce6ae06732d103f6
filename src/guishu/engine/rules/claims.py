"""What a new customer says at the door (P-2) and whom it gives them to: an ordered table, first match wins.

Hold ``ROWS`` next to rules.md. Each row reads: *the field said at the door*, *the clause the policy
must have* (``None``: any policy), *a further condition* (``None``: none), then the claim — the
clauses cited (``FIRST``/``OLD`` stand for the preset's own first-reception and old-customer
clause), the sentence, and how the customer is received: ``handover`` (the rotation's pick receives
and hands over: RE-4, CASES-2, DEAL-2), ``count`` (``always``: RE-9; ``if_head``: RCPT-4) and
``absent`` (who helps when the claimant is away: ``head`` for RE-5, ``team`` for GM-5, the reverse
rotation otherwise).

A field's claimant is the staff member it names (``recognized_by``, ``names``, ``designates``,
``invited_by``, ``relative_of``), the owner of the customer whose phone it gives (``referred_by``,
``brought_by``, ``family_of``) or the region's salesperson (``region``). A departed claimant, or a
named customer without an owner, claims nothing: the table goes on to the next field. When no row
matches, the customer is a plain walk-in (``visits._walk_in``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Final

from ..events import Visit
from ..state import HOUSE, Customer
from .common import OLD_CUSTOMER, first_clause

if TYPE_CHECKING:
    from ..site import Site

FIRST: Final = "<first>"  # the preset's "first reception owns" clause (common.FIRST_RECEPTION)
OLD: Final = "<old>"  # the preset's "an old customer goes back to the original" clause (common.OLD_CUSTOMER)


class Claim:
    """A clause gives a new customer to ``owner`` on arrival."""

    def __init__(
        self,
        owner: str,
        clauses: tuple[str, ...],
        key: str,
        phone: str | None = None,
        region: str | None = None,
        handover: bool = False,
        count: str = "never",
        absent: str = "reverse",
    ) -> None:
        self.owner = owner
        self.clauses = clauses
        self.key = key  # the sentence (wording), naming owner, phone and region
        self.phone = phone  # the customer whose phone was given at the door (referred_by, brought_by, family_of)
        self.region = region
        self.handover = handover
        self.count = count  # never | always | if_head
        self.absent = absent  # reverse | head | team


class Door:
    """What the rows read: the site, the visit, the customer found (if any) and the customers named by phone."""

    __slots__ = ("cust", "e", "refs", "site")

    def __init__(self, site: Site, e: Visit, cust: Customer | None, refs: dict[str, Customer | None]) -> None:
        self.site = site
        self.e = e
        self.cust = cust
        self.refs = refs

    def staff(self, code: str | None) -> str | None:
        """A staff member named at the door, unless departed."""
        return None if code is None or self.site.status.get(code) == "departed" else code

    def owner_of(self, field: str) -> str | None:
        """The owner of the customer whose phone was given in ``field``, unless nobody, the house or departed."""
        ref = self.refs.get(field)
        owner = ref.owner if ref is not None else None
        return None if owner == HOUSE else self.staff(owner)

    @property
    def previous(self) -> str | None:
        return self.cust.previous_owner if self.cust is not None else None

    @property
    def house(self) -> bool:
        return self.cust is not None and self.cust.owner == HOUSE


def _region_staff(door: Door) -> str | None:
    """STORE-1: the region's salesperson, the first available in the queue, else the first listed."""
    site, region = door.site, door.e.region
    if region is None:
        return None
    matches = [
        c for c, m in site.staff.items() if m.region == region and m.role == "sales" and door.staff(c) is not None
    ]
    if not matches:
        return None
    here = [c for c in site.queue.order if c in matches and site.available(c)]
    return here[0] if here else matches[0]


def claimant(door: Door, field: str) -> str | None:
    """Who the field said at the door gives the customer to, if anyone."""
    e = door.e
    if field == "recognized_by":
        return door.staff(e.recognized_by)
    if field == "names":
        return door.staff(e.names)
    if field == "designates":
        return door.staff(e.designates)
    if field == "invited_by":
        return door.staff(e.invited_by)
    if field == "relative_of":
        return door.staff(e.relative_of)
    if field == "region":
        return _region_staff(door)
    return door.owner_of(field)  # referred_by, brought_by, family_of


When = Callable[[Door, str], bool]


# ------------------------------------------------------------------ the further conditions
def _was_theirs(door: Door, who: str) -> bool:
    """The claimant owned the customer before (DEAL-1: after the validity)."""
    return door.previous == who


def _family_said(door: Door, who: str) -> bool:
    return door.e.family_of is not None


def _their_callback(door: Door, who: str) -> bool:
    """DEAL-6: the departed one's customer (held by the house) names the callback salesperson."""
    return door.house and door.cust is not None and door.cust.callback == who


def _called_before(door: Door, who: str) -> bool:
    return door.e.called_before or (door.cust is not None and door.cust.channel == "call")


def _no_callback_hold(door: Door, who: str) -> bool:
    """DEAL-6: naming anyone but the callback salesperson of a departed one's customer gives nothing."""
    return not (door.house and door.site.policy.has("DEAL-6"))


def _referred(door: Door, who: str) -> bool:
    return door.e.referred_by is not None


def _buyer(door: Door, who: str) -> bool:
    """The customer who brought them has bought."""
    bringer = door.refs.get("brought_by")
    return bringer is not None and bringer.bought


def _buyer_of_kin(door: Door, who: str) -> bool:
    """A buyer brings a family member or someone they referred (DEAL-4 before DEAL-5)."""
    return _buyer(door, who) and bool(door.e.family_of or door.e.referred_by)


def _unsold(door: Door, who: str) -> bool:
    family = door.refs.get("family_of")
    return family is not None and not family.bought


class Row:
    """One line of the claim table; ``sentence`` names ``claim.<sentence>`` in the wording."""

    __slots__ = ("absent", "clause", "clauses", "count", "field", "handover", "key", "when")

    def __init__(
        self,
        field: str,
        clause: str | None,
        when: When | None,
        clauses: tuple[str, ...],
        sentence: str,
        handover: bool = False,
        count: str = "never",
        absent: str = "reverse",
    ) -> None:
        self.field = field
        self.clause = clause
        self.when = when
        self.clauses = clauses
        self.key = "claim." + sentence
        self.handover = handover
        self.count = count
        self.absent = absent


# fmt: off
ROWS: Final = (
    # field said at the door, the policy has, and when, clauses cited, sentence, how the customer is received
    Row("recognized_by", "RE-4",    None,              ("RE-4",),            "recognized",            handover=True),
    Row("recognized_by", "CASES-2", None,              ("CASES-2",),         "recognized",            handover=True),
    Row("recognized_by", "DEAL-1",  _was_theirs,       ("DEAL-1",),          "recognized",            handover=True),
    Row("recognized_by", "GM-4",    None,              ("GM-2", "GM-4"),     "recognized",            handover=True),
    Row("recognized_by", None,      None,              (FIRST,),             "recognized",            handover=True),
    Row("names",         "DEAL-2",  _family_said,      ("DEAL-2",),          "names_with_family"),
    Row("names",         "DEAL-6",  _their_callback,   ("DEAL-6", "P-3"),    "names_callback"),
    Row("names",         "DEAL-1",  _was_theirs,       ("DEAL-1",),          "names_after_validity"),
    Row("names",         "CASES-6", _called_before,    ("CASES-6",),         "names_answerer"),
    Row("names",         "CASES-5", None,              ("CASES-5",),         "names_consultant"),
    Row("names",         "GM-3",    None,              ("GM-3",),            "names_original"),
    Row("names",         "RCPT-3",  _no_callback_hold, ("RCPT-3",),          "names_original"),
    Row("names",         None,      _no_callback_hold, (OLD,),               "names_original"),
    Row("designates",    "RCPT-4",  None,              ("RCPT-4",),          "asks_on_arrival",       count="if_head"),
    Row("designates",    "RE-5",    None,              ("RE-5",),            "asks_before_reception", absent="head"),
    Row("designates",    "FC-5",    _referred,         ("FC-5",),            "referred_asks"),
    Row("designates",    "DEAL-5",  _referred,         ("DEAL-5",),          "referred_asks_anyway"),
    Row("designates",    "DECO-1",  _referred,         ("DECO-1",),          "referrer_designates"),
    Row("designates",    "STORE-1", None,              ("STORE-1",),         "customer_wish"),
    Row("designates",    None,      None,              ("P-2", FIRST),       "asks_for"),
    Row("invited_by",    None,      None,              ("P-2", FIRST),       "invited"),
    Row("relative_of",   "FC-2",    None,              ("FC-2",),            "relative"),
    Row("referred_by",   "FC-2",    None,              ("FC-2",),            "referred_chain"),
    Row("referred_by",   "DF-3",    None,              ("DF-3",),            "referred"),
    Row("brought_by",    "RE-9",    None,              ("RE-9",),            "brought_counted",       count="always"),
    Row("brought_by",    "GM-5",    _buyer,            ("GM-5",),            "buyer_brings_friend",   absent="team"),
    Row("brought_by",    "DEAL-4",  _buyer_of_kin,     ("DEAL-4", "DEAL-5"), "brought_by_buyer"),
    Row("brought_by",    "DEAL-4",  _buyer,            ("DEAL-5", "DEAL-4"), "brought_by_buyer"),
    Row("brought_by",    "FC-2",    None,              ("FC-2",),            "brought_chain"),
    Row("brought_by",    "DF-3",    None,              ("DF-3",),            "brought"),
    Row("family_of",     "DEAL-2",  _unsold,           ("DEAL-2",),          "family_found",          handover=True),
    Row("family_of",     "RE-6",    None,              ("RE-6",),            "family_registered"),
    Row("region",        "STORE-1", None,              ("STORE-1",),         "region"),
)
# fmt: on

_PHONE_FIELDS: Final = frozenset({"referred_by", "brought_by", "family_of"})


def claim(site: Site, e: Visit, cust: Customer | None, refs: dict[str, Customer | None]) -> Claim | None:
    """The first row of ``ROWS`` that matches what the customer says at the door, as a claim; None: a walk-in."""
    p = site.policy
    door = Door(site, e, cust, refs)
    field = ""
    who: str | None = None
    for row in ROWS:
        if row.clause is not None and not p.has(row.clause):
            continue
        if row.field != field:
            field = row.field
            who = claimant(door, field)
        if who is None or (row.when is not None and not row.when(door, who)):
            continue
        return _build(site, row, who, door)
    return None


def _build(site: Site, row: Row, who: str, door: Door) -> Claim:
    clauses = row.clauses
    if FIRST in clauses or OLD in clauses:
        p = site.policy
        clauses = tuple(
            first_clause(p) if c == FIRST else first_clause(p, OLD_CUSTOMER) if c == OLD else c for c in clauses
        )
    ref = door.refs.get(row.field) if row.field in _PHONE_FIELDS else None
    return Claim(
        who,
        clauses,
        row.key,
        phone=ref.key if ref is not None else None,
        region=door.e.region if row.field == "region" else None,
        handover=row.handover,
        count=row.count,
        absent=row.absent,
    )
