"""Every sentence a user reads from the engine, zh and en side by side, and how it is worded.

A rule records what it decided as a message id and raw values (``d.say("visit.owner_receives",
owner="S02")``: staff codes, instants, numbers); the sentences are worded only when a ruling is
(``Site.apply``), in Chinese and in English, with the site's staff labels. A value's *name* says
how it is worded (``KINDS``): ``owner`` is a staff code shown as its label (``张伟（S02）`` in a
Chinese sentence, ``张伟 (S02)`` in an English one), ``until`` an exclusive deadline
(``2026-03-07 00:00 前`` / ``2026-03-07 00:00 (exclusive)``), ``window`` a duration (``3天`` /
``3 days``), ``status`` a status word, and so on. Names are never spaced inside Chinese sentences.

The sentences live in ``reception`` (the desk), ``records`` (everything else) and ``refusals``;
the product's words for the format's ids (statuses, fields, values) in ``terms``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, time, tzinfo
from string import Formatter
from typing import Final

from ..state import HOUSE, StaffMember
from ..windows import Duration
from . import terms
from .reception import SENTENCES as _RECEPTION
from .records import SENTENCES as _RECORDS
from .refusals import SENTENCES as _REFUSALS

ZH: Final = 0
EN: Final = 1

MESSAGES: Final[dict[str, tuple[str, str]]] = {**_RECEPTION, **_RECORDS, **_REFUSALS}

# A recorded sentence: its message id and its values, by name (see ``Decision.say``).
Said = tuple[str, dict[str, object]]

_REMEMBERED: Final = 256  # sentences (and instants) a voice remembers before starting afresh


class Voice:
    """How one site words its sentences: its staff's names and its time zone.

    A site says the same sentences of the same people and the same day's deadlines over and
    over: a sentence, a label and a time, once worded, are remembered (a staff member's name
    never changes within a site; a new policy, and so a new time zone, gets a new voice).
    """

    __slots__ = ("labels", "memo", "parts", "staff", "times", "tz")

    def __init__(self, staff: dict[str, StaffMember], tz: tzinfo) -> None:
        self.staff = staff
        self.tz = tz
        self.labels: dict[str, tuple[str, str]] = {}
        self.times: dict[datetime, str] = {}
        self.memo: dict[tuple[object, ...], tuple[str, str]] = {}  # (id, values named) -> (zh, en)
        self.parts: list[str] = []  # the pieces of the sentence being worded (one list, reused)

    def label(self, code: object, lang: int = ZH) -> str:
        """A staff code as people read it: ``张伟（S02）`` (zh), ``张伟 (S02)`` (en), or the code alone."""
        if code is None:
            return _pick(terms.POOL, lang)
        if not isinstance(code, str):
            return str(code)
        found = self.labels.get(code)
        if found is None:
            if code == HOUSE:
                return _pick(terms.COMPANY, lang)
            member = self.staff.get(code)
            if member is None:  # not (yet) on the staff: the code as typed, not remembered
                return code
            found = (staff_label(code, member.name, ZH), staff_label(code, member.name, EN))
            self.labels[code] = found
        return _pick(found, lang)

    def time(self, at: datetime) -> str:
        found = self.times.get(at)
        if found is None:
            if len(self.times) >= _REMEMBERED:
                self.times.clear()
            found = self.times[at] = at.astimezone(self.tz).strftime("%Y-%m-%d %H:%M")
        return found

    def words(self, key: str, **values: object) -> tuple[str, str]:
        """One message in both languages (refusals, notices, deals: worded as they happen)."""
        return self.sentence(key, values)

    def zh(self, key: str, **values: object) -> str:
        """One message in Chinese (the owner's reason kept with a customer)."""
        return self.sentence(key, values)[0]

    def reason(self, said: Sequence[Said]) -> tuple[str, str]:
        """A ruling's reason from its recorded sentences: ``…；…。`` and ``…; ….``."""
        if not said:
            return "", ""
        zh = []
        en = []
        for key, values in said:
            pair = self.sentence(key, values)
            zh.append(pair[0])
            en.append(pair[1])
        return "；".join(zh) + "。", "; ".join(en) + "."

    def sentence(self, key: str, values: dict[str, object]) -> tuple[str, str]:
        """One sentence in both languages, remembered by the values it names."""
        named: list[object] = [key]
        for name in _NAMES[key]:
            value = values.get(name)
            named.append(tuple(value) if isinstance(value, list) else value)
        remembered = tuple(named)
        found = self.memo.get(remembered)
        if found is None:
            parts = _PARTS[key]
            found = (self._fill(parts[ZH], ZH, values), self._fill(parts[EN], EN, values))
            if len(self.memo) >= _REMEMBERED:
                self.memo.clear()
            self.memo[remembered] = found
        return found

    def _fill(self, parts: tuple[Part, ...], lang: int, values: dict[str, object]) -> str:
        if len(parts) == 1 and parts[0].kind < 0:  # a sentence without values
            return parts[0].literal
        out = self.parts
        out.clear()
        for part in parts:
            out.append(part.literal)
            if part.kind >= 0:
                out.append(self.render(part.kind, values.get(part.name), lang))
        return "".join(out)

    def render(self, kind: int, value: object, lang: int) -> str:
        """A value in words by its kind (``KINDS``)."""
        if kind == STAFF:
            return self.label(value, lang)
        if value is None:
            return "—"
        if kind == TEXT:
            return str(value)
        if kind == STAFF_LIST and isinstance(value, (list, tuple)):
            return ("、" if lang == ZH else ", ").join(self.label(code, lang) for code in value)
        if kind == TIME and isinstance(value, datetime):
            return self.time(value)
        if kind == UNTIL and isinstance(value, datetime):
            return deadline(self, value, lang)
        if kind == DURATION and isinstance(value, Duration):
            return duration(value, lang)
        if kind == CLOCK and isinstance(value, time):
            return value.strftime("%H:%M")
        if kind == FIELD:
            return field_name(str(value), lang)
        if kind == FIELDS and isinstance(value, (list, tuple)):
            return ("、" if lang == ZH else ", ").join(term(terms.FIELD, name, lang) for name in value)
        if kind == EVENT:
            word = term(terms.EVENT, value, lang)
            return f"{word}（{value}）" if lang == ZH else word
        return term(_TERMS[kind], value, lang)


def _pick(words: tuple[str, str], lang: int) -> str:
    # a constant index keeps a (zh, en) pair unboxed in compiled code, where words[lang] would box it
    return words[0] if lang == ZH else words[1]


def staff_label(code: str, name: str, lang: int = ZH) -> str:
    """The one way a person is named: ``张伟（S02）`` in Chinese, ``张伟 (S02)`` in English."""
    if not name or name == code:
        return code
    return f"{name}（{code}）" if lang == ZH else f"{name} ({code})"


def term(table: dict[str, tuple[str, str]], value: object, lang: int) -> str:
    """A format id in words (``terms.STATUS``, ``terms.EVENT``, …); an unknown id stays as it is."""
    found = table.get(value) if isinstance(value, str) else None
    return _pick(found, lang) if found is not None else ("—" if value is None else str(value))


def field_name(field: str, lang: int) -> str:
    """An event field for a reader: ``手机号（phone）``; in English the word, with the id if they differ."""
    word = _pick(terms.FIELD.get(field, (field, field)), lang)
    if lang == ZH:
        return f"{word}（{field}）"
    return word if word == field else f"{word} ({field})"


def duration(value: Duration, lang: int) -> str:
    unit = terms.UNIT[value.unit]
    if lang == ZH:
        return f"{value.amount}{unit[0]}"
    return f"{value.amount} {unit[1] if value.amount == 1 else unit[2]}"


def deadline(voice: Voice, at: datetime, lang: int) -> str:
    """An exclusive deadline, one convention everywhere: ``2026-03-07 00:00 前`` / ``… (exclusive)``."""
    return f"{voice.time(at)} 前" if lang == ZH else f"{voice.time(at)} (exclusive)"


# ------------------------------------------------------------------ how each value is worded
# the kinds of value (``Voice.render``)
STAFF: Final = 0  # a staff code, shown as its label
STAFF_LIST: Final = 1
TEXT: Final = 2  # shown as it is
TIME: Final = 3
UNTIL: Final = 4  # an exclusive deadline
DURATION: Final = 5
CLOCK: Final = 6
FIELD: Final = 7  # an event field, named in words with its id
FIELDS: Final = 8
EVENT: Final = 9
STATUS: Final = 10
CONTACT: Final = 11
EVIDENCE: Final = 12
ASSIGN_REASON: Final = 13

_TERMS: Final[dict[int, dict[str, tuple[str, str]]]] = {
    STATUS: terms.STATUS,
    CONTACT: terms.VALUE["kind"],
    EVIDENCE: terms.VALUE["evidence"],
    ASSIGN_REASON: terms.VALUE["reason"],
}

# Every value a sentence may name, and its kind (how it is worded).
KINDS: Final[dict[str, int]] = {
    # staff codes, shown as labels
    "owner": STAFF,
    "by": STAFF,
    "receiver": STAFF,
    "helper": STAFF,
    "agent": STAFF,
    "to": STAFF,
    "against": STAFF,
    "closer": STAFF,
    "original": STAFF,
    "first": STAFF,
    "second": STAFF,
    "winner": STAFF,
    "station": STAFF,
    "knows": STAFF,
    "named": STAFF,
    "turn_of": STAFF,
    "staff": STAFF_LIST,
    # instants and lengths of time
    "at": TIME,
    "until": UNTIL,
    "window": DURATION,
    "clock": CLOCK,
    # format ids, in words
    "status": STATUS,
    "old": STATUS,
    "new": STATUS,
    "contact": CONTACT,
    "evidence": EVIDENCE,
    "reason": ASSIGN_REASON,
    "field": FIELD,
    "fields": FIELDS,
    "event": EVENT,
    # shown as they are
    "phone": TEXT,
    "region": TEXT,
    "clause": TEXT,
    "n": TEXT,
    "amount": TEXT,
    "value": TEXT,
    "detail": TEXT,
}


class Part:
    """A piece of a parsed sentence: a literal, then (if ``kind >= 0``) the value ``name``."""

    __slots__ = ("kind", "literal", "name")

    def __init__(self, literal: str, name: str, kind: int) -> None:
        self.literal = literal
        self.name = name
        self.kind = kind


def _compile(template: str) -> tuple[Part, ...]:
    """A template as parts, parsed once."""
    parts = []
    for literal, name, spec, conversion in Formatter().parse(template):
        if spec or conversion:
            raise ValueError(f"a sentence formats its values by their names only: {template!r}")
        if name is None:
            parts.append(Part(literal, "", -1))
        else:
            parts.append(Part(literal, name, KINDS[name]))
    return tuple(parts)


_PARTS: Final[dict[str, tuple[tuple[Part, ...], tuple[Part, ...]]]] = {
    key: (_compile(zh), _compile(en)) for key, (zh, en) in MESSAGES.items()
}
# the values each sentence names (in either language), in a fixed order
_NAMES: Final[dict[str, tuple[str, ...]]] = {
    key: tuple(sorted({p.name for p in zh + en if p.kind >= 0})) for key, (zh, en) in _PARTS.items()
}


# Sentences that name no staff and no instant (the format's own refusals) need no site.
_PLAIN: Final = Voice({}, UTC)


def words(key: str, **values: object) -> tuple[str, str]:
    """One message in both languages, without a site (staff shown by their codes, times in UTC)."""
    return _PLAIN.words(key, **values)
