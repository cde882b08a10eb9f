from __future__ import annotations

import datetime as dt

import pytest

from scorecard.errors import UserError
from scorecard.periods import Frequency, Period, add_months, deadline, months_between


@pytest.mark.parametrize(
    ("text", "first", "last", "code"),
    [
        ("2025-03", 202503, 202503, "2025-03"),
        (" 2025-q1 ", 202501, 202503, "2025-Q1"),
        ("2025-Q4", 202510, 202512, "2025-Q4"),
        ("2025-H2", 202507, 202512, "2025-H2"),
        ("2025-S1", 202501, 202506, "2025-H1"),
        ("2025", 202501, 202512, "2025"),
    ],
)
def test_periods_parse_to_their_months(text: str, first: int, last: int, code: str) -> None:
    p = Period.parse(text)
    assert (p.first, p.last, p.code) == (first, last, code)


@pytest.mark.parametrize("text", ["2025-13", "2025-00", "2025-Q5", "25-03", "marzo", "", "2025-H3"])
def test_bad_periods_are_refused_with_the_text_in_the_message(text: str) -> None:
    with pytest.raises(UserError) as exc:
        Period.parse(text)
    assert exc.value.message_id == "period.invalid"
    assert f"«{text.strip()}»" in exc.value.text("es")
    assert "2025-Q1" in exc.value.text("en")


def test_year_to_date_runs_from_january() -> None:
    assert Period.parse("2025-10").year_to_date().months == months_between(202501, 202510)
    assert len(Period.parse("2025-Q2").year_to_date().months) == 6


def test_month_arithmetic_crosses_years() -> None:
    assert add_months(202512, 1) == 202601
    assert add_months(202501, -1) == 202412
    assert add_months(202503, 24) == 202703
    assert months_between(202411, 202502) == [202411, 202412, 202501, 202502]


@pytest.mark.parametrize(
    ("freq", "due"),
    [
        (Frequency.MONTHLY, list(range(1, 13))),
        (Frequency.QUARTERLY, [3, 6, 9, 12]),
        (Frequency.SEMIANNUAL, [6, 12]),
        (Frequency.ANNUAL, [12]),
    ],
)
def test_a_frequency_is_due_at_the_end_of_its_periods(freq: Frequency, due: list[int]) -> None:
    assert [m for m in range(1, 13) if freq.is_due_in(202500 + m)] == due


def test_deadline_counts_working_days_after_month_end() -> None:
    # October 2025 ends on a Friday: Mon 3, Tue 4, Wed 5, Thu 6, Fri 7 November
    assert deadline(202510, 5) == dt.date(2025, 11, 7)
    # November 2025 ends on a Sunday: Mon 1 Dec is the first working day
    assert deadline(202511, 1) == dt.date(2025, 12, 1)
    # February 2024 (leap year) ends on Thursday 29: Fri 1, Mon 4, Tue 5 March
    assert deadline(202402, 3) == dt.date(2024, 3, 5)
