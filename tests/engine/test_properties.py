"""Properties of the engine over random but valid event sequences (hypothesis).

The sequences mix every kind of event a site sees — walk-ins with and without ``by``, names,
designations, referrals, calls, follow-ups, deposits, deals, links, status changes,
assignments, releases and abandons — over a small pool of staff and phones, in time order,
under a random preset. Whatever happens, the engine must keep its accounts straight.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from guishu.engine import HOUSE, CustomerView, Ruling, Site, StaffMember, load_policy, preset_ids
from guishu.engine import events as ev

SH = ZoneInfo("Asia/Shanghai")
START = datetime(2026, 3, 2, 9, 0, tzinfo=SH)
STAFF = ("A", "B", "C", "D")
PHONES = tuple(f"1390000{n:04d}" for n in range(1, 9))
NAMES = ("王", "李", "张先生", "刘女士")
HUNDRED = Decimal("100.00")
PRESETS = preset_ids()

# statuses a salesperson moves through (departed only rarely: it ends their part in the story)
STATUSES = ("on_duty", "on_duty", "away", "busy", "leave", "official", "rest", "departed")

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@dataclass(frozen=True)
class Story:
    preset: str
    events: tuple[ev.Event, ...]

    def site(self) -> Site:
        # fresh staff records every time: a Site must not share them with another replay
        members = [
            StaffMember(
                code,
                name=f"销售{code}",
                team="一组" if code in "AB" else "二组",
                region="东区" if code in "AC" else "西区",
            )
            for code in STAFF
        ]
        members += [
            StaffMember("G", role="agent", team="一组"),
            StaffMember("L", role="lead", team="一组"),
            StaffMember("M", role="manager"),
        ]
        return Site(load_policy(self.preset), members)


# nondecreasing times: same instant, minutes, hours, or days apart (windows lapse)
GAPS = (
    timedelta(0),
    timedelta(minutes=7),
    timedelta(hours=3),
    timedelta(days=1),
    timedelta(days=9),
    timedelta(days=40),
)
# the kinds of event after the first customer is known (walk-ins and deals weighted up), and before
LATER_KINDS = (
    "visit",
    "visit",
    "visit",
    "call",
    "followup",
    "deposit",
    "deal",
    "deal",
    "link",
    "status",
    "assign",
    "release",
    "abandon",
    "report",
    "objection",
    "complaint",
    "transfer",
)
FIRST_KINDS = ("visit", "call", "report")

_staff = st.sampled_from(STAFF)
_maybe_staff = st.none() | _staff


@st.composite
def stories(draw: st.DrawFn, presets: tuple[str, ...] = tuple(PRESETS), max_events: int = 50) -> Story:
    preset = draw(st.sampled_from(presets))
    n = draw(st.integers(1, max_events))
    at = START
    seen: list[str] = []
    out: list[ev.Event] = []
    for _ in range(n):
        at = at + draw(st.sampled_from(GAPS))
        kind = draw(st.sampled_from(LATER_KINDS if seen else FIRST_KINDS))
        out.append(_EVENTS[kind](draw, at, seen))
    return Story(preset, tuple(out))


def _known(draw: st.DrawFn, seen: list[str]) -> str:
    """A phone already seen in the story (any phone before the first)."""
    return draw(st.sampled_from(seen) if seen else st.sampled_from(PHONES))


def _new_contact(draw: st.DrawFn, seen: list[str]) -> str:
    """Any phone of the pool, remembered as seen once its event is built."""
    phone = draw(st.sampled_from(PHONES))
    if phone not in seen:
        seen.append(phone)
    return phone


def _visit(draw: st.DrawFn, at: datetime, seen: list[str]) -> ev.Event:
    phone = draw(st.sampled_from(PHONES))
    others = [p for p in seen if p != phone]
    other = st.none() | st.sampled_from(others) if others else st.none()
    visit = ev.Visit(
        at=at,
        id=None,
        phone=phone,
        name=draw(st.sampled_from(NAMES)),
        by=draw(_maybe_staff),
        first_visit=draw(st.booleans()),
        names=draw(st.none() | st.none() | _staff),
        designates=draw(st.none() | st.none() | _staff),
        recognized_by=draw(st.none() | st.none() | st.none() | _staff),
        invited_by=draw(st.none() | st.none() | st.none() | _staff),
        relative_of=draw(st.none() | st.none() | st.none() | _staff),
        knows=draw(st.none() | st.none() | st.none() | _staff),
        called_before=draw(st.booleans()),
        referred_by=draw(other),
        brought_by=draw(other),
        family_of=draw(other),
        source=draw(st.sampled_from(ev.SOURCES)),
        engagement=draw(st.sampled_from(ev.ENGAGEMENTS)),
        point=draw(st.none() | st.sampled_from(["东门", "西门"])),
        agent=draw(st.none() | st.none() | st.just("G")),
        region=draw(st.none() | st.sampled_from(["东区", "西区"])),
    )
    if phone not in seen:
        seen.append(phone)
    return visit


def _call(draw: st.DrawFn, at: datetime, seen: list[str]) -> ev.Event:
    phone = _new_contact(draw, seen)
    return ev.Call(at=at, id=None, phone=phone, name=draw(st.sampled_from(NAMES)), by=draw(_maybe_staff))


def _report(draw: st.DrawFn, at: datetime, seen: list[str]) -> ev.Event:
    phone = _new_contact(draw, seen)
    return ev.Report(
        at=at,
        id=None,
        phone=phone,
        by=draw(st.sampled_from((*STAFF, "G"))),
        name=draw(st.none() | st.sampled_from(NAMES)),
        property=draw(st.none() | st.just("3-1201")),
    )


def _objection(draw: st.DrawFn, at: datetime, seen: list[str]) -> ev.Event:
    phone = _known(draw, seen)
    return ev.Objection(at=at, id=None, phone=phone, by=draw(_staff), evidence=draw(st.sampled_from(ev.EVIDENCE)))


def _complaint(draw: st.DrawFn, at: datetime, seen: list[str]) -> ev.Event:
    return ev.Complaint(
        at=at,
        id=None,
        phone=_known(draw, seen),
        against=draw(_maybe_staff),
        fault=draw(st.sampled_from(ev.FAULTS)),
        assign_to=draw(_maybe_staff),
    )


def _transfer(draw: st.DrawFn, at: datetime, seen: list[str]) -> ev.Event:
    return ev.Transfer(at=at, id=None, phone=_known(draw, seen), to=draw(_staff), consent=draw(st.booleans()))


def _followup(draw: st.DrawFn, at: datetime, seen: list[str]) -> ev.Event:
    phone = _known(draw, seen)
    return ev.Followup(at=at, id=None, phone=phone, by=draw(_staff), kind=draw(st.sampled_from(ev.FOLLOWUP_KINDS)))


def _deposit(draw: st.DrawFn, at: datetime, seen: list[str]) -> ev.Event:
    return ev.Deposit(at=at, id=None, phone=_known(draw, seen), by=draw(_staff))


def _deal(draw: st.DrawFn, at: datetime, seen: list[str]) -> ev.Event:
    phone = _known(draw, seen)
    return ev.Deal(at=at, id=None, phone=phone, by=draw(_staff), amount=draw(st.none() | st.just("800000")))


def _link(draw: st.DrawFn, at: datetime, seen: list[str]) -> ev.Event:
    phones = (_known(draw, seen), _known(draw, seen))
    return ev.Link(at=at, id=None, phones=phones, by=draw(_staff), as_=draw(st.sampled_from(ev.LINK_KINDS)))


def _status(draw: st.DrawFn, at: datetime, seen: list[str]) -> ev.Event:
    return ev.Status(at=at, id=None, staff=draw(_staff), is_=draw(st.sampled_from(STATUSES)))


def _assign(draw: st.DrawFn, at: datetime, seen: list[str]) -> ev.Event:
    phone = _known(draw, seen)
    return ev.Assign(at=at, id=None, phone=phone, to=draw(_staff), reason=draw(st.sampled_from(ev.ASSIGN_REASONS)))


def _release(draw: st.DrawFn, at: datetime, seen: list[str]) -> ev.Event:
    return ev.Release(at=at, id=None, phone=_known(draw, seen), by=draw(_maybe_staff))


def _abandon(draw: st.DrawFn, at: datetime, seen: list[str]) -> ev.Event:
    return ev.Abandon(at=at, id=None, phone=_known(draw, seen), by=draw(_staff))


# every kind of event a story may hold, and how to draw one at ``at`` given the phones seen so far
_EVENTS: dict[str, Callable[[st.DrawFn, datetime, list[str]], ev.Event]] = {
    "visit": _visit,
    "call": _call,
    "report": _report,
    "objection": _objection,
    "complaint": _complaint,
    "transfer": _transfer,
    "followup": _followup,
    "deposit": _deposit,
    "deal": _deal,
    "link": _link,
    "status": _status,
    "assign": _assign,
    "release": _release,
    "abandon": _abandon,
}


def replay(story: Story) -> tuple[Site, list[Ruling]]:
    site = story.site()
    return site, [site.apply(e) for e in story.events]


def end_of(story: Story) -> datetime:
    return story.events[-1].at


# ------------------------------------------------------------ (a) every split totals exactly 100
def _check_shares(shares: dict[str, Decimal], what: str) -> None:
    assert sum(shares.values()) == HUNDRED, f"{what} totals {sum(shares.values())}: {shares}"
    assert all(v >= 0 for v in shares.values()), f"{what} has a negative share: {shares}"
    assert all(v.as_tuple().exponent == -2 for v in shares.values()), f"{what} is not in cents: {shares}"


@SETTINGS
@given(stories())
def test_every_deal_split_totals_exactly_100(story: Story) -> None:
    # given any valid story / when it is replayed
    site, rulings = replay(story)
    # then every split announced (and every amendment) and every deal's final split totals exactly 100.00
    for r in rulings:
        for split in ([r.split] if r.split else []) + list(r.amended):
            _check_shares(split.credit, f"deal {split.deal} credit")
            _check_shares(split.commission, f"deal {split.deal} commission")
    for deal in site.deals:
        _check_shares(deal.credit, f"deal {deal.number} credit")
        _check_shares(deal.commission, f"deal {deal.number} commission")
        assert all(code in site.staff for code in deal.credit), deal.credit


# ------------------------------------------------------------ (b) replays are deterministic
def _observable(site: Site, at: datetime) -> dict[str, Any]:
    return {
        "owners": {p: site.owner(p, at) for p in PHONES},
        "next": site.next_up(at),
        "queue": site.queue_rows(at),
        "deals": [(d.credit, d.commission, d.clauses) for d in site.deals],
        "notices": [(n.kind, n.staff, n.clause, n.at) for n in site.notices],
    }


@SETTINGS
@given(stories())
def test_replaying_the_same_events_gives_the_same_rulings(story: Story) -> None:
    # given one story replayed twice into fresh sites
    first, rulings1 = replay(story)
    second, rulings2 = replay(story)
    # then the rulings and everything observable afterwards are identical
    assert [r.as_dict() for r in rulings1] == [r.as_dict() for r in rulings2]
    for at in (end_of(story), end_of(story) + timedelta(days=100)):
        assert _observable(first, at) == _observable(second, at)


# ------------------------------------------------------------ (c) fair rotation
def _walk_ins(n: int, gaps: list[int]) -> list[ev.Visit]:
    at = START
    out = []
    for i in range(n):
        at += timedelta(minutes=gaps[i % len(gaps)])
        out.append(ev.Visit(at=at, id=None, phone=f"1380000{i:04d}", name="王"))
    return out


@settings(max_examples=150, deadline=None)
@given(
    preset=st.sampled_from(PRESETS),
    staff_count=st.integers(1, 7),
    n=st.integers(1, 60),
    gaps=st.lists(st.sampled_from([0, 5, 60, 60 * 24, 60 * 24 * 10]), min_size=1, max_size=5),
)
def test_counted_turns_never_differ_by_more_than_one(preset: str, staff_count: int, n: int, gaps: list[int]) -> None:
    # given everyone on duty all the time and only new walk-ins without `by`
    codes = [f"S{i}" for i in range(staff_count)]
    site = Site(load_policy(preset), [StaffMember(c) for c in codes])
    turns = dict.fromkeys(codes, 0)
    for visit in _walk_ins(n, gaps):
        r = site.apply(visit)
        # when each is received / then each uses exactly one turn, the rotation's pick
        assert r.accepted and r.counted_turn is True and r.turn_of in turns, r.as_dict()
        turns[r.turn_of] += 1
        # then at every moment the counted turns of any two salespeople differ by at most one
        assert max(turns.values()) - min(turns.values()) <= 1, turns
    # and the next in line is one of those with the fewest turns
    assert turns[site.next_up(visit.at)] == min(turns.values())  # type: ignore[index]


# ------------------------------------------------------------ (d) one owner per customer
def _check_one_owner(site: Site) -> None:
    # asked through find(): the record a phone leads to is a registered record holding that phone
    for phone in PHONES:
        cust = site.book.find(phone)
        if cust is not None:
            assert site.customers.get(cust.key) is cust, f"{phone} leads to a record that is not registered"
            assert phone in cust.phones, f"{phone} is not among the phones of {cust.key}"
    for key, cust in site.customers.items():
        assert cust.key == key
        for phone in cust.phones:
            assert site.book.find(phone) is cust, f"{phone} of {key} leads elsewhere"
        assert cust.owner is None or cust.owner == HOUSE or cust.owner in site.staff, cust.owner
    all_phones = [p for c in site.customers.values() for p in c.phones]
    assert len(all_phones) == len(set(all_phones)), "a phone is in two customer records"


@SETTINGS
@given(stories())
def test_no_event_leaves_a_customer_with_two_owners(story: Story) -> None:
    site = story.site()
    for e in story.events:
        # when each event is applied
        r = site.apply(e)
        # then every phone still maps to exactly one record with one owner value
        _check_one_owner(site)
        if r.accepted and r.phone is not None:
            # and the ruling's owner is what the site answers for that phone at that instant
            assert site.owner(r.phone, e.at) == r.owner, (e, r.as_dict())
        if isinstance(e, ev.Link) and r.accepted and e.as_ == "same_person":
            # and after a same-person link both phones report the same owner
            a, b = site.customer(e.phones[0]), site.customer(e.phones[1])
            assert a is b and a is not None
            assert site.owner(e.phones[0], e.at) == site.owner(e.phones[1], e.at)


# ------------------------------------------------------------ (e) a refused event changes nothing
BAD_PHONES = ("12345", "10012345678", "+1 650 253 0000", "138abc00001", "")


@SETTINGS
@given(story=stories(), bad=st.sampled_from(BAD_PHONES), kind=st.sampled_from(["visit", "call", "followup", "deal"]))
def test_an_event_with_an_invalid_phone_changes_nothing(story: Story, bad: str, kind: str) -> None:
    # given any story so far
    site, _ = replay(story)
    at = end_of(story) + timedelta(minutes=1)
    before = _observable(site, at)
    before_raw = (list(site.queue.order), dict(site.queue.makeup), dict(site.status), len(site.customers))
    # when an event with an invalid phone arrives
    refused = {
        "visit": ev.Visit(at=at, id=None, phone=bad, name="王"),
        "call": ev.Call(at=at, id=None, phone=bad, name="王", by="A"),
        "followup": ev.Followup(at=at, id=None, phone=bad, by="A"),
        "deal": ev.Deal(at=at, id=None, phone=bad, by="A"),
    }[kind]
    r = site.apply(refused)
    # then it is refused naming the phone, and owners, queue and deals are as before
    assert not r.accepted and r.field == "phone", r.as_dict()
    assert _observable(site, at) == before
    assert (list(site.queue.order), dict(site.queue.makeup), dict(site.status), len(site.customers)) == before_raw


def _whole(site: Site) -> dict[str, Any]:
    """Everything a later event or query could depend on, raw (lapses not applied, make-ups not expired)."""
    return {
        "customers": {
            k: (v, site.customers[k].previous_owner, site.customers[k].lapsed_at) for k, v in _customers(site).items()
        },
        "queues": _queue(site),
        "deals": _deals(site),
        "notices": list(site.notices),
        "clock": (site.clock, site.day, site.calendar.day_end),
        "count": site.count,
    }


@SETTINGS
@given(stories(max_events=30))
def test_any_refused_event_changes_nothing_at_all(story: Story) -> None:
    # given a story where some events are refused (unknown phones, departed staff, nobody on duty, ...)
    site = story.site()
    for e in story.events:
        before = _observable(site, e.at)
        whole = _whole(site)
        r = site.apply(e)
        # then a refused event leaves everything observable at its instant as it was
        if not r.accepted:
            assert _observable(site, e.at) == before, (e, r.reason)
            # and the whole state too: no lapse, no make-up expiry, not even the clock or the count moved
            assert _whole(site) == whole, (e, r.reason)


def test_a_site_does_not_share_its_queue_between_instances() -> None:
    policy = load_policy("re-office")
    one = Site(policy, [StaffMember("A"), StaffMember("B")])
    two = Site(policy, [StaffMember("A"), StaffMember("B")])
    one.apply(ev.Visit(at=START, id=None, phone=PHONES[0]))
    assert two.next_up(START) == "A"


def test_a_site_does_not_change_the_staff_records_it_was_given() -> None:
    # given one staff list used for two sites, e.g. a replay after a refusal
    staff = [StaffMember("A"), StaffMember("B")]
    policy = load_policy("re-office")
    first = Site(policy, staff)
    first.apply(ev.Status(at=START, id=None, staff="A", is_="rest"))
    # when a second site is built from the same list
    second = Site(policy, staff)
    # then everyone starts on duty there, as the scenario format says
    assert second.next_up(START) == "A"


@settings(max_examples=60, deadline=None)
@given(
    staff_count=st.integers(1, 6),
    n=st.integers(1, 40),
    gaps=st.lists(st.sampled_from([0, 5, 60, 60 * 24]), min_size=1, max_size=4),
)
def test_the_phone_rotation_is_fair_too(staff_count: int, n: int, gaps: list[int]) -> None:
    # given dafang, the only preset with a phone rotation (DF-10, ROT-6), everyone on duty
    presets_with_phone_rotation = [p for p in PRESETS if load_policy(p).phone_rotation]
    assert presets_with_phone_rotation == ["dafang"]
    codes = [f"S{i}" for i in range(staff_count)]
    site = Site(load_policy("dafang"), [StaffMember(c) for c in codes])
    answered = dict.fromkeys(codes, 0)
    at = START
    for i in range(n):
        at += timedelta(minutes=gaps[i % len(gaps)])
        # when new callers ring without anyone named
        r = site.apply(ev.Call(at=at, id=None, phone=f"1380000{i:04d}", name="王"))
        assert r.accepted and r.received_by in answered, r.as_dict()
        answered[r.received_by] += 1  # type: ignore[index]
        # then the calls are shared out evenly, and walk-in turns are not used by calls
        assert max(answered.values()) - min(answered.values()) <= 1, answered
    assert site.next_up(at) == codes[0]


# ------------------------------------------------------------ (f) an accepted ruling says what it changed
def _customers(site: Site) -> dict[str, CustomerView]:
    return {view.key: view for view in site.customer_views()}


def _queue(site: Site) -> tuple[Any, ...]:
    return (
        tuple(site.queue.order),
        tuple(sorted(site.queue.makeup.items())),
        tuple(site.rotation.phone_queue.order),
        tuple(sorted(site.rotation.phone_queue.makeup.items())),
        tuple(sorted(site.status.items())),
    )


def _deals(site: Site) -> dict[int, tuple[Any, ...]]:
    return {
        d.number: (d.customer, d.phone, d.at, d.by, d.credit, d.commission, d.clauses, d.reason, d.amended_by)
        for d in site.deals
    }


@SETTINGS
@given(stories())
def test_an_accepted_ruling_lists_everything_the_event_changed(story: Story) -> None:
    site = story.site()
    for e in story.events:
        customers, queue, deals, notices = _customers(site), _queue(site), _deals(site), len(site.notices)
        # when each event is applied
        r = site.apply(e)
        if not r.accepted:
            assert r.changes is None
            continue
        changes = r.changes
        assert changes is not None
        # then every customer whose view differs (or who appeared or was merged away) is listed
        after = _customers(site)
        differ = {k for k in customers.keys() | after.keys() if customers.get(k) != after.get(k)}
        assert differ <= changes.customers, (e, differ - changes.customers)
        # and every listed key is either a customer now or one that was merged away by this event
        assert all(k in after or k in customers for k in changes.customers)
        # the queue flag is up whenever the queues or any status changed
        if _queue(site) != queue:
            assert changes.queue, e
        # every deal created or amended is listed
        now = _deals(site)
        assert {n for n in now if deals.get(n) != now[n]} <= changes.deals, e
        # and the notices are exactly those the event added
        assert changes.notices == tuple(site.notices[notices:]) == r.notices
