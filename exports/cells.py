"""One way every workbook the app writes puts a value in a cell: numbers stay numbers, and text stays text
even where a spreadsheet would run it as a formula (CSV/formula injection: OWASP's leading ``=``, ``+``,
``-``, ``@``, tab and carriage return, plus line feed, NUL and their full-width forms).  The user's text is
kept as it was — no apostrophe is added to the value; the cell is typed as a string (and marked with
Excel's quote prefix), so it reads back exactly and nothing runs it.

Templates, reports, the plan workbook and import reports all write through :func:`put` (a normal sheet)
or :func:`write_only_cell` (a write-only sheet's ``append``).
"""

from __future__ import annotations

import re
from typing import Any

FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "\x00", "＝", "＋", "－", "＠")
# characters XML 1.0 cannot carry: shown as the visible symbol of the control character instead
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def looks_like_formula(value: Any) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_START)


def _visible(text: str) -> str:
    return _ILLEGAL.sub(lambda m: chr(0x2400 + ord(m.group())), text)


def fill(cell: Any, value: Any, number_format: str | None = None) -> Any:
    """Put ``value`` in an openpyxl cell (normal or write-only) the safe way; returns the cell."""
    if isinstance(value, str):
        cell.value = _visible(value)
        if looks_like_formula(value):
            cell.data_type = "s"
            cell.quotePrefix = True
    else:
        cell.value = value
        if number_format and value is not None:
            cell.number_format = number_format
    return cell


def put(sheet: Any, row: int, col: int, value: Any, number_format: str | None = None) -> Any:
    """One cell of a normal sheet (1-based ``row``, ``col``)."""
    return fill(sheet.cell(row=row, column=col), value, number_format)


def put_row(sheet: Any, row: int, values: list[Any], *, first_col: int = 1) -> None:
    for c, value in enumerate(values, start=first_col):
        put(sheet, row, c, value)


def write_only_cell(sheet: Any, value: Any, *, font: Any = None, number_format: str | None = None) -> Any:
    """What :func:`put` writes, for a write-only sheet's ``append``: plain text and empty cells as they are
    (no cell object: a national report has millions), anything styled or formula-like as a cell."""
    plain = value is None or (isinstance(value, str) and not looks_like_formula(value) and value.isprintable())
    if plain and font is None:
        return value
    from openpyxl.cell import WriteOnlyCell

    cell = fill(WriteOnlyCell(sheet), value, number_format)
    if font is not None:
        cell.font = font
    return cell
