"""Periods: a calendar month, quarter, half or year, and the months they span.

Months are stored everywhere as an integer ``yyyymm`` (202503 is March 2025): it sorts, indexes and
compares like the month itself.  A result of a quarterly indicator is stored at the last month of its
quarter, so "the values in a period" is always "the stored months in its range".
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum

from scorecard.errors import UserError


class Frequency(StrEnum):
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    SEMIANNUAL = "semiannual"
    ANNUAL = "annual"

    @property
    def months(self) -> int:
        return {"monthly": 1, "quarterly": 3, "semiannual": 6, "annual": 12}[self.value]

    def is_due_in(self, month: int) -> bool:
        """A result of this frequency is due at the last month of each of its periods."""
        return (month % 100) % self.months == 0


def month_key(year: int, month: int) -> int:
    return year * 100 + month


def month_of(date: dt.date) -> int:
    return date.year * 100 + date.month


def add_months(month: int, n: int) -> int:
    index = (month // 100) * 12 + (month % 100 - 1) + n
    return month_key(index // 12, index % 12 + 1)


def months_between(first: int, last: int) -> list[int]:
    out, m = [], first
    while m <= last:
        out.append(m)
        m = add_months(m, 1)
    return out


_PATTERNS = (
    (re.compile(r"^(\d{4})-(\d{2})$"), "M"),
    (re.compile(r"^(\d{4})-Q([1-4])$", re.IGNORECASE), "Q"),
    (re.compile(r"^(\d{4})-[HS]([12])$", re.IGNORECASE), "H"),
    (re.compile(r"^(\d{4})$"), "Y"),
)


@dataclass(frozen=True, order=True)
class Period:
    """A closed range of months with the code users write (``2025-03``, ``2025-Q1``, ``2025-H1``, ``2025``)."""

    first: int
    last: int
    code: str

    @classmethod
    def parse(cls, text: str) -> Period:
        text = text.strip()
        for pattern, kind in _PATTERNS:
            match = pattern.match(text)
            if not match:
                continue
            year = int(match.group(1))
            if not 1900 <= year <= 2200:
                break
            if kind == "M":
                month = int(match.group(2))
                if not 1 <= month <= 12:
                    break
                return cls.month(year, month)
            if kind == "Q":
                q = int(match.group(2))
                return cls(month_key(year, 3 * q - 2), month_key(year, 3 * q), f"{year}-Q{q}")
            if kind == "H":
                h = int(match.group(2))
                return cls(month_key(year, 6 * h - 5), month_key(year, 6 * h), f"{year}-H{h}")
            return cls(month_key(year, 1), month_key(year, 12), f"{year}")
        raise UserError("period.invalid", value=text)

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        key = month_key(year, month)
        return cls(key, key, f"{year}-{month:02d}")

    @classmethod
    def of_month(cls, key: int) -> Period:
        return cls.month(key // 100, key % 100)

    @property
    def year(self) -> int:
        return self.last // 100

    @property
    def months(self) -> list[int]:
        return months_between(self.first, self.last)

    @property
    def is_month(self) -> bool:
        return self.first == self.last

    def year_to_date(self) -> Period:
        """January of the period's last year up to its last month (acumulado)."""
        return Period(month_key(self.year, 1), self.last, f"{self.code} (acum.)")

    def __str__(self) -> str:
        return self.code


def deadline(month: int, working_days: int) -> dt.date:
    """The filing deadline: the n-th working day (Monday–Friday) after the month ends.

    National holidays are not modelled; an office that needs them sets a larger n.
    """
    day = dt.date(month // 100, month % 100, 1)
    day = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)  # first day of next month
    counted = 0
    while True:
        if day.weekday() < 5:
            counted += 1
            if counted >= max(working_days, 1):
                return day
        day += dt.timedelta(days=1)
