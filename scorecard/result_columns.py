"""Results a column at a time: a national file's figures checked, diffed and written without a Python
object per value.

:meth:`Figures.write_results` handles one :class:`ResultRow` per value; for the ≈ 0.9 M values of a
national year that per-row work (objects, dicts, per-row rules) is most of an import.  Here the same rules
run on numpy arrays (whatever breaks one is handed to :func:`check_results`, so the messages are exactly
the per-row path's), and the stored figures are compared in numpy with the same tolerance.

A file goes through in parts (:func:`chunk_bounds`), each made only when asked for: the caller's thread
makes, checks, compares and stages one part into a small SQLite file while a second thread copies the
previous one into ``results`` with ``INSERT … SELECT`` (SQLite releases the GIL as it works).  The stored
figures are read on another thread meanwhile.  A key repeated across parts, a rule broken in a late part,
anything: raised before the caller commits, and its rollback leaves nothing.  Changed values go through
the per-row path's update and audit.  A PostgreSQL server copies each part into a temporary table and
inserts them with one statement (:mod:`scorecard.server_staging`).

Here: the columns and the rules they are checked by.  The stored figures they are told against and the
preview: :mod:`scorecard.stored_results`; the staged inserts: :mod:`scorecard.result_staging`; the write
that drives them: :mod:`scorecard.result_column_writing`.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session

from scorecard.domain import Definition, Kind
from scorecard.errors import ValidationFailed
from scorecard.figure_rows import ResultRow, check_results
from scorecard.models import Unit

STAGED_CHUNKS = 8  # parts of a large file; each stays attached to the end, and ATTACH allows 10
SMALL = 50_000  # fewer new values than this are inserted directly
FIGURES = ("value", "numerator", "denominator", "observations")
_PARALLEL = ("indicator_id", "unit_id", "month", *FIGURES, "source_row")
TOLERANCE = 1e-12  # as the per-row path's comparison (math.isclose, rel and abs)


class RepeatedKey(ValueError):
    """Two values for one indicator, unit and month: callers hand such files to the row-by-row path."""


@dataclass
class ResultColumns:
    """Figures to file as parallel columns (one entry per value), with where each came from.

    Codes and months may be lists or int arrays; figures lists (None: no figure) or float arrays (NaN)."""

    indicator_id: Sequence[int] | np.ndarray
    unit_id: Sequence[int] | np.ndarray
    month: Sequence[int] | np.ndarray
    value: Sequence[float | None] | np.ndarray
    numerator: Sequence[float | None] | np.ndarray
    denominator: Sequence[float | None] | np.ndarray
    observations: Sequence[float | None] | np.ndarray
    source_row: Sequence[int] | np.ndarray
    comment: list[str | None] | None = None  # None: no comment column at all
    source_file: str | None = None
    source_sheet: str | None = None

    def __len__(self) -> int:
        return len(self.indicator_id)

    def row(self, i: int) -> ResultRow:
        return ResultRow(
            int(self.indicator_id[i]),
            int(self.unit_id[i]),
            int(self.month[i]),
            value=_figure(self.value[i]),
            numerator=_figure(self.numerator[i]),
            denominator=_figure(self.denominator[i]),
            observations=_figure(self.observations[i]),
            comment=self.comment[i] if self.comment is not None else None,
            source_file=self.source_file,
            source_sheet=self.source_sheet,
            source_row=int(self.source_row[i]),
        )

    def rows(self) -> list[ResultRow]:
        return [self.row(i) for i in range(len(self))]

    def part(self, start: int, stop: int) -> ResultColumns:
        """Values ``start:stop``, as a file of their own (the same source)."""
        return ResultColumns(
            **{f: getattr(self, f)[start:stop] for f in _PARALLEL},
            comment=self.comment[start:stop] if self.comment is not None else None,
            source_file=self.source_file,
            source_sheet=self.source_sheet,
        )


Tick = Callable[[int, int], None]


def _figure(x: float | None) -> float | None:
    return None if x is None or math.isnan(x) else float(x)  # NaN (a float array's 'no figure') → None


def chunk_bounds(n: int) -> list[tuple[int, int]]:
    """Row ranges a file of ``n`` values is checked and inserted by: a small first one (the inserting
    thread waits only for it), then ``STAGED_CHUNKS - 1`` alike; one range for few values."""
    if n < SMALL:
        return [(0, n)]
    first = max(1, n // (4 * STAGED_CHUNKS))
    cuts = [0, *np.linspace(first, n, STAGED_CHUNKS).astype(int).tolist()]
    return [(a, b) for a, b in itertools.pairwise(cuts) if b > a]


def _kind_codes(definitions: dict[int, Definition]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    ids = np.array(sorted(definitions), dtype=np.int64)
    kinds = np.array([list(Kind).index(definitions[int(i)].kind) for i in ids], dtype=np.int8)
    factors = np.array([float(definitions[int(i)].factor) for i in ids], dtype=float)
    return ids, kinds, factors


def checked_arrays(
    session: Session,
    institution_id: int,
    cols: ResultColumns,
    definitions: dict[int, Definition],
    levels: dict[int, str],
) -> dict[str, np.ndarray]:
    """The columns as arrays, stored values derived (ratios from their parts); any row that breaks a rule of
    :func:`check_results` makes that function word the problems of every such row."""

    ind = np.asarray(cols.indicator_id, dtype=np.int64)
    month = np.asarray(cols.month, dtype=np.int64)
    unit = np.asarray(cols.unit_id, dtype=np.int64)
    v, a, b, o = (np.array(getattr(cols, f), dtype=float) for f in FIGURES)
    ids, kinds, factors = _kind_codes(definitions)
    pos = np.searchsorted(ids, ind)
    kind, factor = kinds[pos], factors[pos]
    ratio = kind == list(Kind).index(Kind.RATIO)
    counted = np.isin(kind, [list(Kind).index(Kind.COUNT), list(Kind).index(Kind.STOCK)])
    with np.errstate(invalid="ignore", divide="ignore"):
        ok = np.where(
            ratio,
            ~np.isnan(a) & ~np.isnan(b) & (b > 0) & (a >= 0),
            ~np.isnan(v) & ((v >= 0) | ~counted) & (np.isnan(o) | (o >= 0)),
        )
        value = np.where(ratio, a / b * factor, v)  # the same two roundings as the per-row path
    # by indicator, unit, month: the unique key (indicator, month, unit) and the (unit, month) index then
    # each take their inserts at a few places at a time (measured: 15 % faster than the key's own order)
    order = np.lexsort((month, unit, ind))
    ind_s, unit_s, month_s = ind[order], unit[order], month[order]
    if ((ind_s[1:] == ind_s[:-1]) & (unit_s[1:] == unit_s[:-1]) & (month_s[1:] == month_s[:-1])).any():
        raise RepeatedKey
    ind_month = ind * 1_000_000 + month
    for key in distinct(np.sort(ind_month)):
        if not definitions[key // 1_000_000].frequency.is_due_in(key % 1_000_000):
            ok &= ind_month != key
    level_names = sorted(set(levels.values()))
    unknown = len(level_names)  # a unit of no level here: refused wherever levels are named
    level_of = np.full(int(unit.max()) + 1, unknown, dtype=np.int64)
    for uid, name in levels.items():
        if uid < len(level_of):
            level_of[uid] = level_names.index(name)
    allowed = np.ones((len(ids), unknown + 1), dtype=bool)  # indicator × level: may it report there?
    for k, iid in enumerate(ids.tolist()):
        if definitions[iid].levels:
            allowed[k] = [name in definitions[iid].levels for name in level_names] + [False]
    ok &= allowed[pos, level_of[unit]]
    if not ok.all():
        bad = [cols.row(i) for i in np.flatnonzero(~ok).tolist()]
        codes = dict(session.execute(select(Unit.id, Unit.code).where(Unit.institution_id == institution_id)).all())
        raise ValidationFailed(check_results(bad, definitions, levels, codes))
    average = kind == list(Kind).index(Kind.AVERAGE)
    return {
        "order": order,
        "indicator_id": ind_s,
        "unit_id": unit_s,
        "month": month_s,
        "value": value[order],
        "numerator": np.where(ratio, a, np.nan)[order],
        "denominator": np.where(ratio, b, np.nan)[order],
        "observations": np.where(average, o, np.nan)[order],
        "source_row": np.asarray(cols.source_row, dtype=np.int64)[order],
    }


def distinct(ordered: np.ndarray) -> list[int]:
    """The distinct values of a sorted array."""
    if not len(ordered):
        return []
    return ordered[np.concatenate(([True], ordered[1:] != ordered[:-1]))].tolist()


def row_at(cols: ResultColumns, arrays: dict[str, np.ndarray], i: int) -> ResultRow:
    """The :class:`ResultRow` of sorted position ``i`` (for the audit of a revised value)."""
    return ResultRow(
        int(arrays["indicator_id"][i]), int(arrays["unit_id"][i]), int(arrays["month"][i]),
        source_file=cols.source_file, source_sheet=cols.source_sheet, source_row=int(arrays["source_row"][i]),
    )  # fmt: skip


def comment_at(cols: ResultColumns, arrays: dict[str, np.ndarray], i: int) -> str | None:
    return cols.comment[int(arrays["order"][i])] if cols.comment is not None else None


def result_key(ind: np.ndarray, month: np.ndarray, unit: np.ndarray) -> np.ndarray:
    """One int64 per result key, ordered as (indicator, month, unit)."""
    return ind.astype(np.int64) * 10**13 + month.astype(np.int64) * 10**7 + unit.astype(np.int64)
