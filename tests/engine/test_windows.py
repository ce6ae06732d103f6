"""Windows: durations and exclusive deadlines, counted in local days (rules.md, "Windows")."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from guishu.engine.windows import Duration, DurationError, add_months, deadline_from_date

SH = ZoneInfo("Asia/Shanghai")


def sh(y: int, mo: int, d: int, h: int = 0, mi: int = 0) -> datetime:
    return datetime(y, mo, d, h, mi, tzinfo=SH)


@pytest.mark.parametrize(
    ("text", "amount", "unit"),
    [
        pytest.param("5d", 5, "d", id="days"),
        pytest.param("1mo", 1, "mo", id="one_month"),
        pytest.param("3mo", 3, "mo", id="three_months"),
        pytest.param("15min", 15, "min", id="minutes"),
        pytest.param("2h", 2, "h", id="hours"),
        pytest.param("1y", 1, "y", id="year"),
        pytest.param("2w", 2, "w", id="weeks"),
        pytest.param(" 7 d ", 7, "d", id="spaces_are_tolerated"),
    ],
)
def test_duration_parse(text: str, amount: int, unit: str) -> None:
    d = Duration.parse(text)
    assert (d.amount, d.unit) == (amount, unit)
    assert str(d) == f"{amount}{unit}"


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("5", id="no_unit"),
        pytest.param("d", id="no_amount"),
        pytest.param("-1d", id="negative"),
        pytest.param("1.5d", id="fraction"),
        pytest.param("5 days", id="english_word"),
        pytest.param("5D", id="upper_case_unit"),
        pytest.param("", id="empty"),
        pytest.param("五天", id="chinese"),
    ],
)
def test_duration_parse_refuses_bad_input_in_chinese_first(text: str) -> None:
    with pytest.raises(DurationError) as caught:
        Duration.parse(text)
    assert str(caught.value).startswith("时长格式不正确")


@pytest.mark.parametrize(
    ("duration", "start", "deadline"),
    [
        # "within N days of an event on date D" lasts to the end of day D+N (the event's day is not counted)
        pytest.param("5d", sh(2026, 3, 1, 10), sh(2026, 3, 7), id="5d_ends_at_the_end_of_day_D_plus_5"),
        pytest.param("5d", sh(2026, 3, 1, 23, 59), sh(2026, 3, 7), id="5d_late_in_the_day_same_deadline"),
        pytest.param("1d", sh(2026, 3, 1, 0, 0), sh(2026, 3, 3), id="1d_from_midnight"),
        pytest.param("1mo", sh(2026, 3, 15, 9), sh(2026, 4, 16), id="1mo_same_day_next_month"),
        pytest.param("1mo", sh(2026, 1, 31, 10), sh(2026, 3, 1), id="1mo_from_jan_31_clamps_to_feb_28"),
        pytest.param("1mo", sh(2028, 1, 31, 10), sh(2028, 3, 1), id="1mo_leap_year_clamps_to_feb_29"),
        pytest.param("1y", sh(2028, 2, 29, 10), sh(2029, 3, 1), id="1y_from_feb_29_clamps_to_feb_28"),
        pytest.param("3mo", sh(2026, 11, 30, 10), sh(2027, 3, 1), id="3mo_across_the_year_clamps_to_feb_28"),
        pytest.param("1mo", sh(2026, 12, 31, 10), sh(2027, 2, 1), id="1mo_across_the_year"),
        pytest.param("15min", sh(2026, 3, 1, 23, 50), sh(2026, 3, 2, 0, 5), id="15min_is_exact_not_by_day"),
        pytest.param("2h", sh(2026, 3, 1, 23, 50), sh(2026, 3, 2, 1, 50), id="2h_is_exact_not_by_day"),
    ],
)
def test_deadline_is_the_exclusive_end(duration: str, start: datetime, deadline: datetime) -> None:
    # given a window starting at `start` / when its deadline is computed / then the window holds while t < deadline
    assert Duration.parse(duration).deadline(start, SH) == deadline


@pytest.mark.parametrize(
    ("utc_start", "deadline"),
    [
        # 15:59 UTC is 23:59 in Shanghai on March 1st: the local day is March 1st
        pytest.param(datetime(2026, 3, 1, 15, 59, tzinfo=UTC), sh(2026, 3, 3), id="just_before_shanghai_midnight"),
        # 16:00 UTC is already March 2nd in Shanghai
        pytest.param(datetime(2026, 3, 1, 16, 0, tzinfo=UTC), sh(2026, 3, 4), id="at_shanghai_midnight"),
        pytest.param(datetime(2026, 3, 1, 16, 30, tzinfo=UTC), sh(2026, 3, 4), id="just_after_shanghai_midnight"),
    ],
)
def test_days_are_counted_in_the_site_time_zone(utc_start: datetime, deadline: datetime) -> None:
    # given an aware UTC instant near midnight in Shanghai
    # when a 1-day window starts then
    got = Duration.parse("1d").deadline(utc_start, SH)
    # then the local (Shanghai) date decides, and the deadline is the same instant whatever zone shows it
    assert got == deadline
    assert got.astimezone(UTC) == deadline.astimezone(UTC)


def test_a_window_holds_until_just_before_its_deadline() -> None:
    end = Duration.parse("5d").deadline(sh(2026, 3, 1, 10), SH)
    assert sh(2026, 3, 6, 23, 59) < end
    assert not sh(2026, 3, 7, 0, 0) < end


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        pytest.param((2026, 1, 31), 1, (2026, 2, 28), id="clamp_to_february"),
        pytest.param((2028, 1, 31), 1, (2028, 2, 29), id="leap_february"),
        pytest.param((2026, 3, 31), 1, (2026, 4, 30), id="thirty_day_month"),
        pytest.param((2026, 12, 15), 1, (2027, 1, 15), id="next_year"),
        pytest.param((2026, 5, 10), 12, (2027, 5, 10), id="twelve_months"),
    ],
)
def test_add_months(day: tuple[int, int, int], months: int, expected: tuple[int, int, int]) -> None:
    from datetime import date

    assert add_months(date(*day), months) == date(*expected)


def test_deadline_from_date_refuses_minute_windows() -> None:
    from datetime import date

    with pytest.raises(DurationError):
        deadline_from_date(date(2026, 3, 1), Duration.parse("15min"), SH)


def test_deadline_across_a_dst_zone_is_local_midnight() -> None:
    # given a site in a zone with daylight saving time
    ny = ZoneInfo("America/New_York")
    start = datetime(2026, 3, 7, 12, 0, tzinfo=ny)  # DST starts on 2026-03-08
    # when a 1-day window is computed
    end = Duration.parse("1d").deadline(start, ny)
    # then it ends at local midnight of day D+2, which is 35 real hours later (the night lost an hour)
    assert end == datetime(2026, 3, 9, 0, 0, tzinfo=ny)
    assert end.astimezone(UTC) - start.astimezone(UTC) == timedelta(hours=35)
