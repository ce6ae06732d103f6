"""Every sentence a user reads from the engine, zh and en side by side, and how it is worded.

A rule records what it decided as a message id and raw values (``d.say("visit.owner_receives",
owner="S02")``: staff codes, instants, numbers); the sentences are worded only when a ruling is
(``Site.apply``), in Chinese and in English, with the site's staff labels. A value's *name* says
how it is worded (``KINDS``): ``owner`` is a staff code shown as its label (``张伟（S02）`` in a
Chinese sentence, ``张伟 (S02)`` in an English one), ``until`` an exclusive deadline
(``2026-03-07 00:00 前`` / ``2026-03-07 00:00 (exclusive)``), ``window`` a duration (``3天`` /
``3 days``), ``status`` a status word, and so on. Names are never spaced inside Chinese sentences.

The sentences live in ``reception`` (the desk) and ``records`` (everything else); the product's
words for the format's ids (statuses, fields, values) in ``terms``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import UTC, datetime, time, tzinfo
from string import Formatter
from typing import Final

from ..state import HOUSE, StaffMember
from ..windows import Duration
from . import terms
from .reception import SENTENCES as _RECEPTION
from .records import SENTENCES as _RECORDS

ZH: Final = 0
EN: Final = 1

MESSAGES: Final[dict[str, tuple[str, str]]] = {**_RECEPTION, **_RECORDS}

# A recorded sentence: its message id and the values of ``SAY`` in order (see ``Decision.say``).
Said = tuple[str, tuple[object, ...]]


class Voice:
    """How one site words its sentences: its staff's names and its time zone."""

    __slots__ = ("staff", "tz")

    def __init__(self, staff: Mapping[str, StaffMember], tz: tzinfo) -> None:
        self.staff = staff
        self.tz = tz

    def label(self, code: object, lang: int = ZH) -> str:
        """A staff code as people read it: ``张伟（S02）`` (zh), ``张伟 (S02)`` (en), or the code alone."""
        if code is None:
            return terms.POOL[lang]
        if code == HOUSE:
            return terms.COMPANY[lang]
        member = self.staff.get(code) if isinstance(code, str) else None
        return staff_label(str(code), member.name if member is not None else "", lang)

    def time(self, at: datetime) -> str:
        return at.astimezone(self.tz).strftime("%Y-%m-%d %H:%M")

    def words(self, key: str, **values: object) -> tuple[str, str]:
        """One message in both languages (refusals, notices, deals: worded as they happen)."""
        zh, en = _PARTS[key]
        return self._fill(zh, ZH, values), self._fill(en, EN, values)

    def zh(self, key: str, **values: object) -> str:
        return self._fill(_PARTS[key][ZH], ZH, values)

    def reason(self, said: Sequence[Said]) -> tuple[str, str]:
        """A ruling's reason from its recorded sentences: ``…；…。`` and ``…; ….``."""
        if not said:
            return "", ""
        zh = [self._fill_said(_PARTS[key][ZH], ZH, values) for key, values in said]
        en = [self._fill_said(_PARTS[key][EN], EN, values) for key, values in said]
        return "；".join(zh) + "。", "; ".join(en) + "."

    def _fill(self, parts: Parts, lang: int, values: Mapping[str, object]) -> str:
        out = []
        for literal, name, _index, render in parts:
            out.append(literal)
            if name:
                out.append(render(self, values.get(name), lang))
        return "".join(out)

    def _fill_said(self, parts: Parts, lang: int, values: tuple[object, ...]) -> str:
        out = []
        for literal, name, index, render in parts:
            out.append(literal)
            if name:
                out.append(render(self, values[index], lang))
        return "".join(out)


def staff_label(code: str, name: str, lang: int = ZH) -> str:
    """The one way a person is named: ``张伟（S02）`` in Chinese, ``张伟 (S02)`` in English."""
    if not name or name == code:
        return code
    return f"{name}（{code}）" if lang == ZH else f"{name} ({code})"


def term(table: Mapping[str, tuple[str, str]], value: object, lang: int) -> str:
    """A format id in words (``terms.STATUS``, ``terms.EVENT``, …); an unknown id stays as it is."""
    found = table.get(value) if isinstance(value, str) else None
    return found[lang] if found is not None else ("—" if value is None else str(value))


def field_name(field: str, lang: int) -> str:
    """An event field for a reader: ``手机号（phone）``; in English the word, with the id if they differ."""
    word = terms.FIELD.get(field, (field, field))[lang]
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
Render = Callable[[Voice, object, int], str]


def _staff(voice: Voice, value: object, lang: int) -> str:
    return voice.label(value, lang)


def _staff_list(voice: Voice, value: object, lang: int) -> str:
    codes: Iterable[object] = value if isinstance(value, (list, tuple)) else ()
    return ("、" if lang == ZH else ", ").join(voice.label(code, lang) for code in codes)


def _text(voice: Voice, value: object, lang: int) -> str:
    return "—" if value is None else str(value)


def _time(voice: Voice, value: object, lang: int) -> str:
    return voice.time(value) if isinstance(value, datetime) else "—"


def _until(voice: Voice, value: object, lang: int) -> str:
    return deadline(voice, value, lang) if isinstance(value, datetime) else "—"


def _duration(voice: Voice, value: object, lang: int) -> str:
    return duration(value, lang) if isinstance(value, Duration) else "—"


def _clock(voice: Voice, value: object, lang: int) -> str:
    return value.strftime("%H:%M") if isinstance(value, time) else "—"


def _field(voice: Voice, value: object, lang: int) -> str:
    return field_name(str(value), lang)


def _fields(voice: Voice, value: object, lang: int) -> str:
    names: Iterable[object] = value if isinstance(value, (list, tuple)) else ()
    return ("、" if lang == ZH else ", ").join(term(terms.FIELD, name, lang) for name in names)


def _event(voice: Voice, value: object, lang: int) -> str:
    word = term(terms.EVENT, value, lang)
    return f"{word}（{value}）" if lang == ZH else word


def _status(voice: Voice, value: object, lang: int) -> str:
    return term(terms.STATUS, value, lang)


def _contact(voice: Voice, value: object, lang: int) -> str:
    return term(terms.VALUE["kind"], value, lang)


def _evidence(voice: Voice, value: object, lang: int) -> str:
    return term(terms.VALUE["evidence"], value, lang)


def _assign_reason(voice: Voice, value: object, lang: int) -> str:
    return term(terms.VALUE["reason"], value, lang)


# Every value a sentence may name, and how it is worded. ``Decision.say`` takes exactly these, in this order.
KINDS: Final[dict[str, Render]] = {
    # staff codes, shown as labels
    "owner": _staff,
    "by": _staff,
    "receiver": _staff,
    "helper": _staff,
    "agent": _staff,
    "to": _staff,
    "against": _staff,
    "closer": _staff,
    "original": _staff,
    "first": _staff,
    "second": _staff,
    "winner": _staff,
    "station": _staff,
    "knows": _staff,
    "named": _staff,
    "turn_of": _staff,
    "staff": _staff_list,
    # instants and lengths of time
    "at": _time,
    "until": _until,
    "window": _duration,
    "clock": _clock,
    # format ids, in words
    "status": _status,
    "old": _status,
    "new": _status,
    "contact": _contact,
    "evidence": _evidence,
    "reason": _assign_reason,
    "field": _field,
    "fields": _fields,
    "event": _event,
    # shown as they are
    "phone": _text,
    "region": _text,
    "clause": _text,
    "n": _text,
    "amount": _text,
    "value": _text,
    "detail": _text,
}
SAY: Final = tuple(KINDS)

Parts = tuple[tuple[str, str, int, Render], ...]


def _compile(template: str) -> Parts:
    """A template as (literal, value name, index in SAY, render) parts, parsed once."""
    parts: list[tuple[str, str, int, Render]] = []
    for literal, name, spec, conversion in Formatter().parse(template):
        if spec or conversion:
            raise ValueError(f"a sentence formats its values by their names only: {template!r}")
        if name is None:
            parts.append((literal, "", -1, _text))
        else:
            parts.append((literal, name, SAY.index(name), KINDS[name]))
    return tuple(parts)


_PARTS: Final[dict[str, tuple[Parts, Parts]]] = {
    key: (_compile(zh), _compile(en)) for key, (zh, en) in MESSAGES.items()
}

# Sentences that name no staff and no instant (the format's own refusals) need no site.
_PLAIN: Final = Voice({}, UTC)


def words(key: str, **values: object) -> tuple[str, str]:
    """One message in both languages, without a site (staff shown by their codes, times in UTC)."""
    return _PLAIN.words(key, **values)
