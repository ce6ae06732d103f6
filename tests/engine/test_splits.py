"""P-8: credit and commission shares are Decimal percentages with two decimals that total exactly 100."""

from __future__ import annotations

from decimal import Decimal

import pytest

from guishu.engine import splits

D = Decimal


@pytest.mark.parametrize(
    ("people", "closer", "expected"),
    [
        pytest.param(["A", "B"], "B", {"A": D("50.00"), "B": D("50.00")}, id="two_halves"),
        pytest.param(
            ["A", "B", "C"],
            "B",
            {"A": D("33.33"), "B": D("33.34"), "C": D("33.33")},
            id="three_remainder_to_the_closer",
        ),
        pytest.param(
            ["A", "B", "C"],
            "Z",
            {"A": D("33.34"), "B": D("33.33"), "C": D("33.33")},
            id="closer_without_a_share_remainder_to_the_first",
        ),
        pytest.param(
            ["A", "B", "C"],
            None,
            {"A": D("33.34"), "B": D("33.33"), "C": D("33.33")},
            id="no_closer_remainder_to_the_first",
        ),
        pytest.param(["A", "A", "B"], "A", {"A": D("50.00"), "B": D("50.00")}, id="duplicates_count_once"),
        pytest.param(["A"], "B", {"A": D("100.00")}, id="one_person_takes_all"),
    ],
)
def test_equal(people: list[str], closer: str | None, expected: dict[str, Decimal]) -> None:
    # given the people to share / when split equally / then exactly these shares, in this order
    got = splits.equal(people, closer)
    assert got == expected
    assert list(got) == list(expected)


def test_equal_among_seven_totals_100_and_favours_the_closer() -> None:
    # given seven people and a closer who is one of them
    people = list("ABCDEFG")
    # when split equally
    got = splits.equal(people, "D")
    # then the total is exact, nobody gets less than 14.28, and the closer gets the most
    assert sum(got.values()) == D("100.00")
    assert all(v >= D("14.28") for v in got.values())
    assert max(got.values()) == got["D"]


def test_equal_shares_differ_by_at_most_one_cent() -> None:
    # given seven people / when split equally / then no two shares differ by more than 0.01
    got = splits.equal(list("ABCDEFG"), "D")
    assert max(got.values()) - min(got.values()) <= D("0.01")


@pytest.mark.parametrize(
    ("parts", "closer", "expected"),
    [
        pytest.param({"A": 70, "B": 30}, "B", {"A": D("70.00"), "B": D("30.00")}, id="seventy_thirty"),
        pytest.param({"A": 30, "B": 70}, "B", {"A": D("30.00"), "B": D("70.00")}, id="thirty_seventy"),
        pytest.param(
            {"A": 1, "B": 1, "C": 1},
            "C",
            {"A": D("33.33"), "B": D("33.33"), "C": D("33.34")},
            id="thirds_remainder_to_the_closer",
        ),
        pytest.param(
            {"A": 1, "B": 2},
            "Z",
            {"A": D("33.34"), "B": D("66.66")},
            id="closer_without_a_share_remainder_to_the_first",
        ),
    ],
)
def test_weighted(parts: dict[str, int], closer: str, expected: dict[str, Decimal]) -> None:
    assert splits.weighted(parts, closer) == expected


@pytest.mark.parametrize("n", [pytest.param(n, id=f"{n}_people") for n in range(1, 31)])
def test_equal_always_totals_exactly_100_with_two_decimals(n: int) -> None:
    people = [f"S{i}" for i in range(n)]
    for closer in (people[0], people[-1], None):
        got = splits.equal(people, closer)
        assert sum(got.values()) == D("100.00")
        assert all(v >= 0 and v.as_tuple().exponent == -2 for v in got.values())


@pytest.mark.parametrize(
    "parts",
    [
        pytest.param({"A": 70, "B": 30}, id="70_30"),
        pytest.param({"A": 1, "B": 1, "C": 1}, id="thirds"),
        pytest.param({"A": 3, "B": 3, "C": 3, "D": 1}, id="uneven"),
        pytest.param({"A": D("0.5"), "B": D("99.5")}, id="decimals"),
    ],
)
def test_weighted_always_totals_exactly_100(parts: dict[str, int]) -> None:
    got = splits.weighted(parts, "A")
    assert sum(got.values()) == D("100.00")


def test_equal_needs_someone() -> None:
    with pytest.raises(ValueError):
        splits.equal([], "A")


@pytest.mark.parametrize(
    ("value", "text"),
    [
        pytest.param(D("100.00"), "100", id="whole"),
        pytest.param(D("33.34"), "33.34", id="cents"),
        pytest.param(D("50.50"), "50.5", id="trailing_zero_dropped"),
    ],
)
def test_format_pct(value: Decimal, text: str) -> None:
    assert splits.format_pct(value) == text
