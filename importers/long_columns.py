"""The fast lane for a clean long table of results: whole columns resolved at once, no object per row.

A national file holds ≈ 0.9 M rows; a :class:`Figure` and a :class:`ResultRow` for each is most of an
import's time.  When every cell is as a machine writes it (codes the database knows, months, numbers as
numbers, no duplicates, no totals, no empty rows in between) the columns go straight to the core's
column writer, which checks the same rules.  Anything else returns None and the row-by-row reader
(:mod:`long_table`, :mod:`apply`) takes the file and words every problem where it is.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
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
from scorecard.result_columns import ResultColumns, chunk_bounds
from scorecard.store import Store


class Declined(Exception):
    """Something the row-by-row path must look at (raised as late as a part of the file is made)."""


@dataclass
class Resolved:
    """A clean long table: its definitions, size, month span, and its parts, each made when asked for."""

    definitions: dict[int, Definition]
    rows: int
    span: tuple[int, int]
    parts: Iterator[ResultColumns]


def resolve(
    store: Store, session: Session, inst: Institution, book: Book, file: str
) -> tuple[ResultColumns, dict[int, Definition]] | None:
    """The file's results as columns with the definitions they are filed under, or None to take the
    row-by-row path."""
    try:
        found = resolve_parts(store, session, inst, book, file, whole=True)
        return (next(found.parts), found.definitions) if found is not None else None
    except Declined:
        return None


def resolve_parts(
    store: Store, session: Session, inst: Institution, book: Book, file: str, *, whole: bool = False
) -> Resolved | None:
    """The file's results a part at a time (:func:`result_columns.chunk_bounds`; one part when ``whole``),
    or None to take the row-by-row path.  Codes and months are known good here; a number cell a part holds
    may still send the file down that path: :class:`Declined` is raised as that part is made."""
    try:
        return _resolve(store, session, inst, book, file, whole)
    except Declined:
        return None


def _resolve(store: Store, session: Session, inst: Institution, book: Book, file: str, whole: bool) -> Resolved:
    found = find_table(book)
    if found is None or book.problems:
        raise Declined
    sheet, rows, header = found
    col = header.columns
    if "value" not in col:  # a table of targets
        raise Declined
    data = rows[header.row + 1 :]
    while data and all(c is None or c == "" for c in data[-1]):
        data = data[:-1]
    width = max(col.values()) + 1
    if not data or min(map(len, data)) < width:
        raise Declined
    units = dict(session.execute(select(Unit.code, Unit.id).where(Unit.institution_id == inst.id)).all())
    units = {code.upper(): uid for code, uid in units.items()}
    unit_col = list(map(itemgetter(col["unit"]), data))
    unit_of = {raw: units.get(_code(raw), 0) for raw in set(unit_col)}
    if 0 in unit_of.values():  # unknown codes, TOTAL rows, empty cells
        raise Declined
    period_col = list(map(itemgetter(col["period"]), data))
    months = {raw: _month(raw) for raw in set(period_col)}
    ind_col = list(map(itemgetter(col["indicator"]), data))
    known = {
        c.upper(): i
        for c, i in session.execute(select(Indicator.code, Indicator.id).where(Indicator.institution_id == inst.id))
    }
    ind_of = {raw: known.get(_code(raw), 0) for raw in set(ind_col)}
    if 0 in ind_of.values():
        raise Declined
    if max(unit_of.values()) >= 10**7 or max(ind_of.values()) >= 10**5:
        raise Declined  # beyond the one-number keys the core compares with
    definitions = _definitions(store, session, inst, set(ind_of.values()), set(months.values()))
    first = header.row + 2  # the sheet's row number of data[0]
    # the whole file has a comment column or not: every part stages the same columns
    comments = _comments(list(map(itemgetter(col["comment"]), data))) if "comment" in col else None

    def part(a: int, b: int) -> ResultColumns:
        n = b - a
        none = np.full(n, np.nan)

        def numbers(field: str) -> np.ndarray:
            return _numbers(list(map(itemgetter(col[field]), data[a:b]))) if field in col else none

        value, numerator, denominator = numbers("value"), numbers("numerator"), numbers("denominator")
        if (np.isnan(value) & np.isnan(numerator) & np.isnan(denominator)).any():
            raise Declined  # a row without a value: the row-by-row path notes it
        return ResultColumns(
            indicator_id=np.fromiter(map(ind_of.__getitem__, ind_col[a:b]), np.int64, n),
            unit_id=np.fromiter(map(unit_of.__getitem__, unit_col[a:b]), np.int64, n),
            month=np.fromiter(map(months.__getitem__, period_col[a:b]), np.int64, n),
            value=value,
            numerator=numerator,
            denominator=denominator,
            observations=numbers("observations"),
            source_row=np.arange(first + a, first + b, dtype=np.int64),
            comment=comments[a:b] if comments is not None else None,
            source_file=file,
            source_sheet=sheet,
        )

    bounds = [(0, len(data))] if whole else chunk_bounds(len(data))
    span = (min(months.values()), max(months.values()))
    # a repeated key is found by the core as it sorts (RepeatedKey)
    return Resolved(definitions, len(data), span, (part(a, b) for a, b in bounds))


def _code(raw: object) -> str:
    return (raw.strip() if isinstance(raw, str) else text(raw)).upper()


def _month(raw: object) -> int:
    try:
        month = parse_month(raw)
    except NotAMonth:
        raise Declined from None
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
                raise Declined
    return out


def _numbers(cells: list[Any]) -> np.ndarray:
    """Number cells as floats, empty cells as NaN; text of any kind is for the row path to parse."""
    n = len(cells)
    if cells.count("") == n:
        return np.full(n, np.nan)
    kinds = list(map(type, cells))
    types = set(kinds)
    if not types <= {float, int, str, type(None)}:
        raise Declined
    arr = np.array(cells, dtype=object)
    if str in types:
        blank = arr == ""
        if int(blank.sum()) != kinds.count(str):
            raise Declined
        arr[blank] = np.nan
    return arr.astype(float)  # None → NaN


def _comments(cells: list[Any]) -> list[str | None] | None:
    out = [None if c is None or c == "" else (text(c) or None) for c in cells]
    return out if any(c is not None for c in out) else None
