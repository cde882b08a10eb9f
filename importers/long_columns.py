"""The fast lane for a clean long table of results: whole columns resolved at once, no object per row.

A national file holds ≈ 0.9 M rows; a :class:`Figure` and a :class:`ResultRow` for each is most of an
import's time.  When every cell is as a machine writes it (codes the database knows, months, numbers as
numbers, no duplicates, no totals, no empty rows in between) the columns go straight to the core's
column writer, which checks the same rules.  Anything else returns None and the row-by-row reader
(:mod:`long_table`, :mod:`apply`) takes the file and words every problem where it is.
"""

from __future__ import annotations

from operator import itemgetter
from typing import Any

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session

from importers.cells import NotAMonth, parse_month
from importers.long_table import find_table
from importers.workbook import Book, text
from scorecard.domain import Definition
from scorecard.models import Indicator, Institution, Unit
from scorecard.result_columns import ResultColumns
from scorecard.store import Store


class _Decline(Exception):
    """Something the row-by-row path must look at."""


def resolve(
    store: Store, session: Session, inst: Institution, book: Book, file: str
) -> tuple[ResultColumns, dict[int, Definition]] | None:
    """The file's results as columns with the definitions they are filed under, or None to take the
    row-by-row path."""
    try:
        return _resolve(store, session, inst, book, file)
    except _Decline:
        return None


def _resolve(
    store: Store, session: Session, inst: Institution, book: Book, file: str
) -> tuple[ResultColumns, dict[int, Definition]]:
    found = find_table(book)
    if found is None or book.problems:
        raise _Decline
    sheet, rows, header = found
    col = header.columns
    if "value" not in col:  # a table of targets
        raise _Decline
    data = rows[header.row + 1 :]
    while data and all(c is None or c == "" for c in data[-1]):
        data = data[:-1]
    width = max(col.values()) + 1
    if not data or min(map(len, data)) < width:
        raise _Decline

    def column(field: str) -> list[Any]:
        return list(map(itemgetter(col[field]), data))

    units = dict(session.execute(select(Unit.code, Unit.id).where(Unit.institution_id == inst.id)).all())
    units = {code.upper(): uid for code, uid in units.items()}
    unit_col = column("unit")
    unit_of = {raw: units.get(_code(raw), 0) for raw in set(unit_col)}
    if 0 in unit_of.values():  # unknown codes, TOTAL rows, empty cells
        raise _Decline
    period_col = column("period")
    months = {raw: _month(raw) for raw in set(period_col)}
    ind_col = column("indicator")
    known = {
        c.upper(): i
        for c, i in session.execute(select(Indicator.code, Indicator.id).where(Indicator.institution_id == inst.id))
    }
    ind_of = {raw: known.get(_code(raw), 0) for raw in set(ind_col)}
    if 0 in ind_of.values():
        raise _Decline
    definitions = _definitions(store, session, inst, set(ind_of.values()), set(months.values()))
    n = len(data)
    none = np.full(n, np.nan)
    ind_ids = np.fromiter(map(ind_of.__getitem__, ind_col), np.int64, n)
    unit_ids = np.fromiter(map(unit_of.__getitem__, unit_col), np.int64, n)
    value = _numbers(column("value"))
    numerator = _numbers(column("numerator")) if "numerator" in col else none
    denominator = _numbers(column("denominator")) if "denominator" in col else none
    if (np.isnan(value) & np.isnan(numerator) & np.isnan(denominator)).any():
        raise _Decline  # a row without a value: the row-by-row path notes it
    if unit_ids.max() >= 10**7 or ind_ids.max() >= 10**5:
        raise _Decline  # beyond the one-number keys the core compares with
    cols = ResultColumns(
        indicator_id=ind_ids,
        unit_id=unit_ids,
        month=np.fromiter(map(months.__getitem__, period_col), np.int64, n),
        value=value,
        numerator=numerator,
        denominator=denominator,
        observations=_numbers(column("observations")) if "observations" in col else none,
        source_row=np.arange(header.row + 2, header.row + 2 + n, dtype=np.int64),
        comment=_comments(column("comment")) if "comment" in col else None,
        source_file=file,
        source_sheet=sheet,
    )
    return cols, definitions  # a repeated key is found by the core as it sorts (RepeatedKey)


def _code(raw: object) -> str:
    return (raw.strip() if isinstance(raw, str) else text(raw)).upper()


def _month(raw: object) -> int:
    try:
        month = parse_month(raw)
    except NotAMonth:
        raise _Decline from None
    return month


def _definitions(
    store: Store, session: Session, inst: Institution, ids: set[int], months: set[int]
) -> dict[int, Definition]:
    """The definitions in force in the file's months; a file that spans a redefinition takes the row path."""
    out: dict[int, Definition] = {}
    for month in sorted(months):
        shape, _ = store.plans.shape(session, inst, month)
        by_id = {d.indicator_id: d for d in shape.definitions}
        for iid in ids:
            d = by_id.get(iid)
            if d is None or out.setdefault(iid, d) != d:
                raise _Decline
    return out


def _numbers(cells: list[Any]) -> np.ndarray:
    """Number cells as floats, empty cells as NaN; text of any kind is for the row path to parse."""
    n = len(cells)
    if cells.count("") == n:
        return np.full(n, np.nan)
    kinds = list(map(type, cells))
    types = set(kinds)
    if not types <= {float, int, str, type(None)}:
        raise _Decline
    arr = np.array(cells, dtype=object)
    if str in types:
        blank = arr == ""
        if int(blank.sum()) != kinds.count(str):
            raise _Decline
        arr[blank] = np.nan
    return arr.astype(float)  # None → NaN


def _comments(cells: list[Any]) -> list[str | None] | None:
    out = [None if c is None or c == "" else (text(c) or None) for c in cells]
    return out if any(c is not None for c in out) else None
