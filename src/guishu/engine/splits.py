"""Credit (业绩) and commission (佣金) shares: Decimal percentages that always total exactly 100.

P-8: shares have two decimals; a remainder of 0.01 goes to the one who closed the deal or,
if they have no share, to the first listed (the first-registered salesperson).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import ROUND_DOWN, Decimal
from typing import Final

HUNDRED: Final = Decimal("100.00")
CENT: Final = Decimal("0.01")

Shares = dict[str, Decimal]


def whole(person: str) -> Shares:
    return {person: HUNDRED}


def equal(people: Sequence[str], closer: str | None) -> Shares:
    """Equal shares among ``people`` (order kept, duplicates dropped).

    Everyone gets the same cents rounded down; the cents left over go one each, first to the
    closer, then in order, so that no two shares differ by more than 0.01 (P-8).
    """
    unique = list(dict.fromkeys(people))
    if not unique:
        raise ValueError("a split needs at least one person")
    each = (HUNDRED / len(unique)).quantize(CENT, rounding=ROUND_DOWN)
    shares = {p: each for p in unique}
    left = int((HUNDRED - each * len(unique)) / CENT)
    order = ([closer] if closer in shares else []) + [p for p in unique if p != closer]
    for person in order[:left]:
        shares[person] += CENT
    assert sum(shares.values()) == HUNDRED
    return shares


def weighted(parts: Mapping[str, int | Decimal], closer: str | None) -> Shares:
    """Shares in proportion to ``parts`` (e.g. {A: 70, B: 30}); people listed twice are added up."""
    total = sum(Decimal(v) for v in parts.values())
    shares = {p: (HUNDRED * Decimal(v) / total).quantize(CENT, rounding=ROUND_DOWN) for p, v in parts.items()}
    return _settle(shares, closer)


def _settle(shares: Shares, closer: str | None) -> Shares:
    remainder = HUNDRED - sum(shares.values())
    if remainder:
        target = closer if closer in shares else next(iter(shares))
        shares[target] += remainder
    assert sum(shares.values()) == HUNDRED
    return shares


def format_pct(value: Decimal) -> str:
    text = f"{value:.2f}"
    return text.rstrip("0").rstrip(".") if "." in text else text
