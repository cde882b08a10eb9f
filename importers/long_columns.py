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

from sqlalchemy import select
from sqlalchemy.orm import Session

from importers.cells import NotAMonth, parse_month
from importers.long_table import find_table
from importers.workbook import Book, text
from scorecard.domain import Definition
from scorecard.models import Indicator, Institution, Unit
from scorecard.result_columns import ResultColumns
from scorecard.store import Store

_EMPTY: dict[object, None] = {"": None}


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
    cols = ResultColumns(
        indicator_id=list(map(ind_of.__getitem__, ind_col)),
        unit_id=list(map(unit_of.__getitem__, unit_col)),
        month=list(map(months.__getitem__, period_col)),
        value=_numbers(column("value")),
        numerator=_numbers(column("numerator")) if "numerator" in col else [None] * len(data),
        denominator=_numbers(column("denominator")) if "denominator" in col else [None] * len(data),
        observations=_numbers(column("observations")) if "observations" in col else [None] * len(data),
        source_row=list(range(header.row + 2, header.row + 2 + len(data))),
        comment=_comments(column("comment")) if "comment" in col else None,
        source_file=file,
        source_sheet=sheet,
    )
    no_value = [i for i, v in enumerate(cols.value) if v is None]
    if any(cols.numerator[i] is None and cols.denominator[i] is None for i in no_value):
        raise _Decline  # a row without a value: the row-by-row path notes it
    if max(cols.unit_id) >= 10**7 or max(cols.indicator_id) >= 10**5:
        raise _Decline  # beyond the one-number keys the core compares with
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


def _numbers(cells: list[Any]) -> list[float | None]:
    """Number cells as they are, empty cells as None; text of any kind is for the row path to parse."""
    types = set(map(type, cells))
    if not types <= {float, int, str, type(None)}:
        raise _Decline
    if str in types:
        cells = list(map(_EMPTY.get, cells, cells))  # '' → None, numbers as they are, at C speed
        if str in set(map(type, cells)):
            raise _Decline
    return cells


def _comments(cells: list[Any]) -> list[str | None] | None:
    out = [None if c is None or c == "" else (text(c) or None) for c in cells]
    return out if any(c is not None for c in out) else None
