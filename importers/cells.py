"""What a cell may say (spec/imports.md): months in every form people write them, and percentages.

Numbers and 'no value' markers live in :mod:`importers.workbook`; this module adds the month forms
(``2025-03``, ``2025/03``, ``03/2025``, ``marzo 2025``, ``mar-25``, ``Marzo-2025``, a date cell) and
``85 %``.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from importers.workbook import Cell, NotANumber, parse_number

MONTH_NAMES = {
    "enero": 1, "ene": 1, "january": 1, "jan": 1,
    "febrero": 2, "feb": 2, "february": 2,
    "marzo": 3, "mar": 3, "march": 3,
    "abril": 4, "abr": 4, "april": 4, "apr": 4,
    "mayo": 5, "may": 5,
    "junio": 6, "jun": 6, "june": 6,
    "julio": 7, "jul": 7, "july": 7,
    "agosto": 8, "ago": 8, "august": 8, "aug": 8,
    "septiembre": 9, "setiembre": 9, "sep": 9, "sept": 9, "set": 9, "september": 9,
    "octubre": 10, "oct": 10, "october": 10,
    "noviembre": 11, "nov": 11, "november": 11,
    "diciembre": 12, "dic": 12, "december": 12, "dec": 12,
}  # fmt: skip

_YEAR_MONTH = re.compile(r"^(\d{4})[-/.](\d{1,2})(?:[-/.]\d{1,2})?(?:[ T].*)?$")  # 2025-03, 2025/03, 2025-03-31
_MONTH_YEAR = re.compile(r"^(?:(\d{1,2})[-/.])?(\d{1,2})[-/.](\d{4})(?: .*)?$")  # 03/2025, 31/03/2025
_NAMED = re.compile(r"^([a-z]+)\.?[\s\-/_.]*(?:de[\s]+)?('?\d{2}|\d{4})$")  # marzo 2025, mar-25, marzo de 2025
_YEAR = re.compile(r"^(\d{4})(?:\.0)?$")


class NotAMonth(ValueError):
    message_id = "cell.month"


class NotAPercent(ValueError):
    message_id = "cell.percent"


def _plain(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().strip().lower()


def _checked(year: int, month: int, written: object) -> int:
    if not (1900 <= year <= 2200 and 1 <= month <= 12):
        raise NotAMonth(str(written))
    return year * 100 + month


def parse_month(value: Cell, *, allow_year: bool = False) -> int:
    """The month a cell names, as ``yyyymm``; with ``allow_year`` a bare year gives ``yyyy`` (annual)."""
    if isinstance(value, dt.datetime | dt.date):
        return _checked(value.year, value.month, value)
    if isinstance(value, bool) or value is None:
        raise NotAMonth(str(value))
    if isinstance(value, int | float):
        if allow_year and float(value).is_integer() and 1900 <= value <= 2200:
            return int(value)
        raise NotAMonth(str(value))
    s = _plain(str(value))
    if m := _YEAR_MONTH.match(s):
        return _checked(int(m.group(1)), int(m.group(2)), value)
    if m := _MONTH_YEAR.match(s):
        return _checked(int(m.group(3)), int(m.group(2)), value)
    if m := _NAMED.match(s):
        month = MONTH_NAMES.get(m.group(1))
        year_text = m.group(2).lstrip("'")
        if month is None:
            raise NotAMonth(str(value))
        year = int(year_text) + (2000 if len(year_text) == 2 else 0)
        return _checked(year, month, value)
    if allow_year and (m := _YEAR.match(s)):
        year = int(m.group(1))
        if 1900 <= year <= 2200:
            return year
    raise NotAMonth(str(value))


def is_percent(value: Cell) -> bool:
    return isinstance(value, str) and value.strip().endswith("%")


def parse_percent(value: Cell, *, decimal_mark: str | None = None) -> float:
    """``85 %`` → 0.85; only callers that know the column holds a ratio as a percentage may ask."""
    if not is_percent(value):
        raise NotAPercent(str(value))
    try:
        number = parse_number(str(value).strip()[:-1].strip(), decimal_mark=decimal_mark)
    except NotANumber as exc:
        raise NotAPercent(str(value)) from exc
    if number is None:
        raise NotAPercent(str(value))
    return number / 100
