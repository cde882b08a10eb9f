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
the per-row path's update and audit.  Other databases take the per-row path (SQLAlchemy batches inserts).
"""

from __future__ import annotations

import contextlib
import itertools
import math
import queue
import shutil
import sqlite3
import tempfile
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
from sqlalchemy import event, select
from sqlalchemy.orm import Session

from scorecard import access, view_cache
from scorecard.audit import record
from scorecard.domain import Definition, Kind
from scorecard.errors import ValidationFailed
from scorecard.models import Batch, Result, Unit, table_of, utcnow

if TYPE_CHECKING:
    from scorecard.figures import Figures, ResultRow, WriteReport

STAGED_CHUNKS = 8  # parts of a large file; each stays attached to the end, and ATTACH allows 10
SMALL = 50_000  # fewer new values than this are inserted directly
FIGURES = ("value", "numerator", "denominator", "observations")
_STORED = np.dtype(
    [("key", np.int64), *((f, np.float64) for f in ("value", "numerator", "denominator", "observations"))]
)
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
        from scorecard.figures import ResultRow

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


def write_columns(
    figures: Figures,
    session: Session,
    institution_id: int,
    cols: ResultColumns,
    definitions: dict[int, Definition],
    *,
    batch_kind: str,
    source: str,
    reason: str | None,
    tick: Tick | None = None,
) -> WriteReport:
    """What :meth:`Figures.write_results` does with ``cols.rows()``: the same report, audit and refusals."""
    parts = (cols.part(a, b) for a, b in chunk_bounds(len(cols)))
    span = (int(np.min(cols.month)), int(np.max(cols.month))) if len(cols) else (0, 0)
    return write_column_chunks(
        figures, session, institution_id, parts, definitions, rows=len(cols), span=span, batch_kind=batch_kind,
        source=source, reason=reason, tick=tick,
    )  # fmt: skip


def chunk_bounds(n: int) -> list[tuple[int, int]]:
    """Row ranges a file of ``n`` values is checked and inserted by: a small first one (the inserting
    thread waits only for it), then ``STAGED_CHUNKS - 1`` alike; one range for few values."""
    if n < SMALL:
        return [(0, n)]
    first = max(1, n // (4 * STAGED_CHUNKS))
    cuts = [0, *np.linspace(first, n, STAGED_CHUNKS).astype(int).tolist()]
    return [(a, b) for a, b in itertools.pairwise(cuts) if b > a]


def write_column_chunks(
    figures: Figures,
    session: Session,
    institution_id: int,
    chunks: Iterable[ResultColumns],
    definitions: dict[int, Definition],
    *,
    rows: int,
    span: tuple[int, int],
    batch_kind: str,
    source: str,
    reason: str | None,
    tick: Tick | None = None,
) -> WriteReport:
    """:func:`write_columns` of a file given a part at a time (``rows`` values in all, months within
    ``span``), each part made only when asked for: while SQLite inserts one part on a second thread, this
    thread makes, checks and stages the next.  Whatever the file breaks, wherever, raises before the
    caller can commit, and a rollback leaves nothing."""
    from scorecard.figures import WriteReport

    if session.connection().dialect.name != "sqlite":
        parts = list(chunks)
        every = [r for part in parts for r in part.rows()]
        return figures.write_results(
            session, institution_id, every, definitions, batch_kind=batch_kind,
            file=parts[0].source_file if parts else None, source=source, reason=reason,
        )  # fmt: skip
    tick = tick or _no_tick
    report = WriteReport(rows=rows)
    if not rows:
        return report
    actor = figures.store.actor
    levels = dict(session.execute(select(Unit.id, Unit.level).where(Unit.institution_id == institution_id)).all())
    stored = _Stored(session, sorted(definitions), span, rows)  # read on a second thread meanwhile
    filing = _Filing(figures, session, rows, batch_kind, source, tick)
    made: list[tuple[ResultColumns, dict[str, np.ndarray]]] = []
    try:
        for cols in chunks:
            made.append((cols, _checked_arrays(session, institution_id, cols, definitions, levels)))
            if stored.ready():  # else (a re-import) the next part is made while the stored figures are read
                filing.take(stored, made)
        stored.wait()
        filing.take(stored, made)
        filing.finish()
    finally:
        stored.wait(quiet=True)
        filing.stop()
    all_keys = np.sort(np.concatenate(filing.keys))
    if (all_keys[1:] == all_keys[:-1]).any():
        raise RepeatedKey  # the same key in two parts of the file
    units, cells, revised, new_count, batch = filing.units, filing.cells, filing.revised, filing.new, filing.batch
    access.require_unit_writer(session, actor, institution_id, units, "results.write")
    report.unchanged = rows - new_count - len(revised)
    if not new_count and not revised:
        return report
    access.require_open_cells(session, actor, {divmod(c, 1_000_000) for c in cells})
    if batch is None:
        batch = figures._new_batch(session, batch_kind, revised[0][0].source_file, rows=rows)
    batch.summary = {"rows": rows, "new": new_count, "changed": len(revised)}
    report.batch, report.new, report.changed = batch.id, new_count, len(revised)
    report.changes = _revise_and_audit(
        figures, session, institution_id, batch, revised, new_count, source, reason, filing.now
    )
    tick(rows, rows)
    return report


class _Filing:
    """What the parts of a file came to so far: their keys, units and touched cells, the changed values,
    the new ones counted and handed to the inserter (the batch made with the first of them)."""

    def __init__(self, figures: Figures, session: Session, rows: int, kind: str, source: str, tick: Tick):
        self.figures, self.session, self.rows, self.tick = figures, session, rows, tick
        self.kind, self.source = kind, source
        self.keys: list[np.ndarray] = []
        self.units: set[int] = set()
        self.cells: set[int] = set()
        self.revised: list[tuple[ResultRow, dict[str, Any], dict[str, Any]]] = []
        self.new = self.done = 0
        self.batch: Batch | None = None
        self.inserter: _Inserter | None = None
        self.now = utcnow()

    def take(self, stored: _Stored, made: list[tuple[ResultColumns, dict[str, np.ndarray]]]) -> None:
        """Tell the parts made so far against the stored figures; their new values to the inserter."""
        for cols, arrays in made:
            new, changed = stored.diff(self.session, cols, arrays)
            self.keys.append(_key(arrays["indicator_id"], arrays["month"], arrays["unit_id"]))
            self.units.update(_distinct(np.sort(arrays["unit_id"])))
            touched = new.copy()
            touched[[i for i, _v, _o in changed]] = True
            self.cells.update(_distinct(np.sort(arrays["unit_id"][touched] * 1_000_000 + arrays["month"][touched])))
            self.revised += [(_row(cols, arrays, i), values, old) for i, values, old in changed]
            self.done += len(cols)
            if new.any():
                self._inserter(cols).add(cols, arrays, np.flatnonzero(new))
                self.new += int(new.sum())
            self.tick(self.done, self.rows)
        made.clear()

    def _inserter(self, cols: ResultColumns) -> _Inserter:
        if self.inserter is None:
            self.batch = self.figures._new_batch(self.session, self.kind, cols.source_file, rows=self.rows)
            dialect = self.session.connection().dialect
            at = table_of(Result).c.entered_at.type.dialect_impl(dialect).bind_processor(dialect)
            constants = (self.source, cols.source_file, cols.source_sheet, self.batch.id, self.figures.store.user,
                         at(self.now) if at else self.now)  # fmt: skip
            self.inserter = _Inserter(self.session, _staged_fields(cols), constants, staged=self.rows >= SMALL)
        return self.inserter

    def finish(self) -> None:
        if self.inserter is not None:
            self.inserter.finish()

    def stop(self) -> None:
        if self.inserter is not None:
            self.inserter.stop()


def _revise_and_audit(
    figures: Figures, session: Session, institution_id: int, batch: Batch,
    revised: list[tuple[ResultRow, dict[str, Any], dict[str, Any]]], new_count: int, source: str,
    reason: str | None, now: Any,
) -> list[dict[str, Any]]:  # fmt: skip
    """Changed values updated, the batch's audit written, cached views dropped; the first audit entries."""
    from scorecard.figures import filing_audit, revision_audit, update_changed

    update_changed(session, revised, batch.id, source, figures.store.user, now)
    audit = revision_audit(institution_id, revised, reason, batch.id)
    if new_count:
        audit.append(filing_audit(institution_id, new_count, batch.file, batch.kind, reason, batch.id))
    record(session, figures.store.user, audit)
    view_cache.invalidate(session, institution_id)
    return [a for a in audit if a["entity"] == "result"][:1000]


def preview_columns(
    session: Session, institution_id: int, cols: ResultColumns, definitions: dict[int, Definition]
) -> list[dict[str, Any]]:
    """What writing ``cols`` would do, value by value (unit, indicator, period, state new / changed /
    unchanged, old, new), in the unique key's order; a broken rule raises as the write would."""
    from scorecard.periods import Period

    levels = dict(session.execute(select(Unit.id, Unit.level).where(Unit.institution_id == institution_id)).all())
    arrays = _checked_arrays(session, institution_id, cols, definitions, levels)
    span = (int(np.min(cols.month)), int(np.max(cols.month))) if len(cols) else (0, 0)
    stored = _Stored(session, sorted(definitions), span, len(cols))
    stored.wait()
    new, changed = stored.diff(session, cols, arrays)
    old_of = {i: old["value"] for i, _v, old in changed}
    units = dict(session.execute(select(Unit.id, Unit.code).where(Unit.institution_id == institution_id)).all())
    codes = {d.indicator_id: d.code for d in definitions.values()}
    periods = {m: Period.of_month(m).code for m in _distinct(np.sort(arrays["month"]))}
    values = arrays["value"].tolist()  # never NaN: every value passed the rules
    out: list[dict[str, Any]] = []
    for i, (ind, unit, month, value, is_new) in enumerate(
        zip(arrays["indicator_id"].tolist(), arrays["unit_id"].tolist(), arrays["month"].tolist(), values,
            new.tolist(), strict=True)
    ):  # fmt: skip
        if is_new:
            state, old = "new", None
        elif i in old_of:
            state, old = "changed", old_of[i]
        else:
            state, old = "unchanged", value
        out.append({"unit": units[unit], "indicator": codes[ind], "period": periods[month], "state": state,
                    "old": old, "new": value})  # fmt: skip
    return out


def _kind_codes(definitions: dict[int, Definition]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    ids = np.array(sorted(definitions), dtype=np.int64)
    kinds = np.array([list(Kind).index(definitions[int(i)].kind) for i in ids], dtype=np.int8)
    factors = np.array([float(definitions[int(i)].factor) for i in ids], dtype=float)
    return ids, kinds, factors


def _checked_arrays(
    session: Session,
    institution_id: int,
    cols: ResultColumns,
    definitions: dict[int, Definition],
    levels: dict[int, str],
) -> dict[str, np.ndarray]:
    """The columns as arrays, stored values derived (ratios from their parts); any row that breaks a rule of
    :func:`check_results` makes that function word the problems of every such row."""
    from scorecard.figures import check_results

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
    for key in _distinct(np.sort(ind_month)):
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


def _distinct(ordered: np.ndarray) -> list[int]:
    """The distinct values of a sorted array."""
    if not len(ordered):
        return []
    return ordered[np.concatenate(([True], ordered[1:] != ordered[:-1]))].tolist()


def _row(cols: ResultColumns, arrays: dict[str, np.ndarray], i: int) -> ResultRow:
    """The :class:`ResultRow` of sorted position ``i`` (for the audit of a revised value)."""
    from scorecard.figures import ResultRow

    return ResultRow(
        int(arrays["indicator_id"][i]), int(arrays["unit_id"][i]), int(arrays["month"][i]),
        source_file=cols.source_file, source_sheet=cols.source_sheet, source_row=int(arrays["source_row"][i]),
    )  # fmt: skip


def _comment(cols: ResultColumns, arrays: dict[str, np.ndarray], i: int) -> str | None:
    return cols.comment[int(arrays["order"][i])] if cols.comment is not None else None


def _key(ind: np.ndarray, month: np.ndarray, unit: np.ndarray) -> np.ndarray:
    """One int64 per result key, ordered as (indicator, month, unit)."""
    return ind.astype(np.int64) * 10**13 + month.astype(np.int64) * 10**7 + unit.astype(np.int64)


class _Stored:
    """The stored figures a file's values are told new, changed or unchanged against: read once, before
    anything is written, on a second thread (SQLite releases the GIL between rows) while the caller makes
    the file's first parts; compared a part at a time."""

    def __init__(self, session: Session, indicator_ids: list[int], span: tuple[int, int], rows: int) -> None:
        ids = ",".join(str(int(i)) for i in indicator_ids) or "NULL"
        conn = session.connection()
        # a file about as large as the table reads it in storage order (the index would fetch every row
        # apart: 1.6 s against 1.2 s for a national year); a smaller one, or a larger table, uses the index
        rows_stored = conn.exec_driver_sql("SELECT max(id) FROM results").scalar() or 0
        scan = "NOT INDEXED" if conn.dialect.name == "sqlite" and 2 * rows >= rows_stored else ""
        # the key as one number and the four figures: a national year is 912,000 rows of Python objects,
        # so ids, versions and comments are fetched later, for the changed values only
        self.sql = (
            f"SELECT CAST(indicator_id AS BIGINT) * {10**13} + CAST(month AS BIGINT) * {10**7} + unit_id,"
            f" value, numerator, denominator, observations FROM results {scan} WHERE indicator_id IN ({ids})"
            f" AND month BETWEEN {span[0]} AND {span[1]}"
        )
        raw = conn.connection.driver_connection
        assert raw is not None
        self.raw = raw
        self.figures, self.keys = np.empty((0, 4)), np.empty(0, dtype=np.int64)
        self.failed: list[BaseException] = []
        self.thread = threading.Thread(target=self._read, name="gpr-stored", daemon=True)
        self.thread.start()

    def _read(self) -> None:  # the second thread
        try:
            data = self.raw.execute(self.sql).fetchall()
            stored = np.array(data, dtype=_STORED)  # NULL → NaN
            del data
            by_key = np.argsort(stored["key"], kind="stable")
            self.figures = np.column_stack([stored[f] for f in FIGURES])[by_key]
            self.keys = stored["key"][by_key]
        except BaseException as exc:  # handed to the caller's thread
            self.failed.append(exc)

    def ready(self) -> bool:
        return not self.thread.is_alive()

    def wait(self, *, quiet: bool = False) -> None:
        self.thread.join()
        if self.failed and not quiet:
            raise self.failed[0]

    def diff(
        self, session: Session, cols: ResultColumns, arrays: dict[str, np.ndarray]
    ) -> tuple[np.ndarray, list[tuple[int, dict[str, Any], dict[str, Any]]]]:
        """Which values are new (a mask over the sorted positions) and which changed: (position, new
        values, old values with id and version), told with the per-row path's tolerance."""
        from scorecard.figures import _unchanged

        incoming = _key(arrays["indicator_id"], arrays["month"], arrays["unit_id"])
        if not len(self.keys):
            return np.ones(len(incoming), dtype=bool), []
        figures, keys = self.figures, self.keys
        at = np.minimum(np.searchsorted(keys, incoming), len(keys) - 1)
        found = keys[at] == incoming
        same = found.copy()
        for k, name in enumerate(FIGURES):
            a, b = arrays[name], figures[at, k]
            with np.errstate(invalid="ignore"):
                close = np.abs(a - b) <= np.maximum(TOLERANCE * np.maximum(np.abs(a), np.abs(b)), TOLERANCE)
            same &= close | (np.isnan(a) & np.isnan(b))
        if cols.comment is not None:  # a comment given must equal the stored one; none keeps it
            same[[i for i in np.flatnonzero(same).tolist() if _comment(cols, arrays, i) is not None]] = False
        candidates = np.flatnonzero(found & ~same).tolist()
        details = _stored_details(session, [int(incoming[i]) for i in candidates])
        changed = []
        for i in candidates:
            rid, version, comment = details[int(incoming[i])]
            old: dict[str, Any] = {"id": rid, "version": version, "comment": comment}
            old.update({name: _none(figures[at[i], k]) for k, name in enumerate(FIGURES)})
            values: dict[str, Any] = {name: _none(arrays[name][i]) for name in FIGURES}
            values["comment"] = _comment(cols, arrays, i)
            if not _unchanged(old, values):
                changed.append((i, values, old))
        return ~found, changed


def _none(x: float) -> float | None:
    return None if np.isnan(x) else float(x)


def _stored_details(session: Session, keys: list[int]) -> dict[int, tuple[int, int, str | None]]:
    """Id, version and comment of the stored results with these keys (see :func:`_key`)."""
    out: dict[int, tuple[int, int, str | None]] = {}
    conn = session.connection()
    for k in range(0, len(keys), 300):
        part = keys[k : k + 300]
        values = ", ".join(f"({key // 10**13}, {key // 10**7 % 10**6}, {key % 10**7})" for key in part)
        rows = conn.exec_driver_sql(
            "SELECT indicator_id, month, unit_id, id, version, comment FROM results"
            f" WHERE (indicator_id, month, unit_id) IN (VALUES {values})"
        )
        out.update(
            (ind * 10**13 + month * 10**7 + unit, (rid, version, comment))
            for ind, month, unit, rid, version, comment in rows
        )
    return out


_COLUMNS = ("indicator_id", "unit_id", "month", "value", "numerator", "denominator", "observations")
_CONSTANT = ("source", "source_file", "source_sheet", "batch_id", "entered_by", "entered_at")


_STAGED_TYPES = {"indicator_id": "INTEGER", "unit_id": "INTEGER", "month": "INTEGER", "comment": "TEXT",
                 "source_row": "INTEGER"}  # fmt: skip


def _insert(fields: tuple[str, ...]) -> str:
    return f"INSERT INTO results ({', '.join(fields + _CONSTANT)}, version)"


def _staged_fields(cols: ResultColumns) -> tuple[str, ...]:
    """The columns a staged row carries: no comment column when the file has none, as binding a None
    costs the sqlite3 module an adapter lookup per row (≈ 0.5 s of a national file's staging)."""
    return (*_COLUMNS, "comment", "source_row") if cols.comment is not None else (*_COLUMNS, "source_row")


def _staged_rows(cols: ResultColumns, arrays: dict[str, np.ndarray], at: np.ndarray) -> Any:
    """Rows of :func:`_staged_fields` at sorted positions ``at``; NaN binds as NULL."""
    lists = [arrays[c][at].tolist() for c in _COLUMNS]
    if cols.comment is not None:
        lists.append([cols.comment[i] for i in arrays["order"][at].tolist()])
    return zip(*lists, arrays["source_row"][at].tolist(), strict=True)


class _Inserter:
    """New values into ``results``, a part of the file at a time, in key order (SQLite then appends to its
    indexes).

    Many values: each part is staged by the caller's thread into a small SQLite file and copied by a second
    thread with ``INSERT … SELECT`` (SQLite releases the GIL as it works), so the next part is made and
    staged while this one is inserted.  A staged file read inside the transaction stays locked until it
    ends: the files are detached and deleted when the transaction commits or rolls back.  Few values go
    in directly, on the caller's thread."""

    def __init__(self, session: Session, fields: tuple[str, ...], constants: tuple[Any, ...], *, staged: bool):
        raw = session.connection().connection.driver_connection
        assert raw is not None
        self.raw, self.fields, self.constants, self.staged = raw, fields, constants, staged
        self.parts = 0
        if not staged:
            return
        self.folder = Path(tempfile.mkdtemp(prefix="gpr-stage-"))
        self.ready: queue.Queue[Path | None] = queue.Queue()
        self.failed: list[BaseException] = []
        self.attached: list[str] = []
        event.listen(session, "after_commit", self._clean_up, once=True)
        event.listen(session, "after_rollback", self._clean_up, once=True)
        self.thread = threading.Thread(target=self._insert, name="gpr-insert", daemon=True)
        self.thread.start()

    def add(self, cols: ResultColumns, arrays: dict[str, np.ndarray], new: np.ndarray) -> None:
        """Insert the values at sorted positions ``new`` of this part (staged: queued for the second thread)."""
        rows = _staged_rows(cols, arrays, new)
        if not self.staged:
            marks = ", ".join("?" * (len(self.fields) + len(self.constants)))
            with _repeated_as_such():
                self.raw.executemany(f"{_insert(self.fields)} VALUES ({marks}, 1)", (r + self.constants for r in rows))
            return
        if self.failed:
            raise self.failed[0]
        if self.parts >= STAGED_CHUNKS:  # ATTACH allows ten databases, and each stays attached to the end
            raise RuntimeError(f"more than {STAGED_CHUNKS} staged parts")
        self.ready.put(_stage_file(self.folder / f"{self.parts}.sqlite", self.fields, rows))
        self.parts += 1

    def finish(self) -> None:
        """Wait for every queued part to be inserted; raise what the second thread met."""
        if self.staged:
            self.ready.put(None)
            self.thread.join()
            if self.failed:
                raise self.failed[0]

    def stop(self) -> None:
        """After a failure on the caller's side: let the second thread end before the rollback."""
        if self.staged and self.thread.is_alive():
            self.ready.put(None)
            self.thread.join()

    def _insert(self) -> None:  # the second thread
        try:
            while (path := self.ready.get()) is not None:
                if self.failed:
                    continue
                name = f"gpr_stage{len(self.attached)}"
                self.raw.execute(f"ATTACH DATABASE ? AS {name}", (str(path),))
                self.attached.append(name)
                with _repeated_as_such():
                    self.raw.execute(
                        f"{_insert(self.fields)} SELECT {', '.join(self.fields)}, ?, ?, ?, ?, ?, ?, 1 FROM {name}.s"
                        " ORDER BY rowid",
                        self.constants,
                    )
        except BaseException as exc:  # handed to the caller's thread, which raises it
            self.failed.append(exc)

    def _clean_up(self, *_args: Any) -> None:
        for name in self.attached:
            with contextlib.suppress(sqlite3.Error):
                self.raw.execute(f"DETACH DATABASE {name}")
        self.attached.clear()
        shutil.rmtree(self.folder, ignore_errors=True)


@contextlib.contextmanager
def _repeated_as_such() -> Iterator[None]:
    """A key of this file already inserted from an earlier part: the unique key says so first."""
    try:
        yield
    except sqlite3.IntegrityError as exc:
        if "UNIQUE" in str(exc):
            raise RepeatedKey from exc
        raise


def _stage_file(path: Path, fields: tuple[str, ...], rows: Any) -> Path:
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode=OFF")  # scratch: deleted with the transaction
        conn.execute("PRAGMA synchronous=OFF")
        typed = ", ".join(f"{f} {_STAGED_TYPES.get(f, 'REAL')}" for f in fields)
        conn.execute(f"CREATE TABLE s ({typed})")
        conn.execute("BEGIN")
        conn.executemany(f"INSERT INTO s VALUES ({', '.join('?' * len(fields))})", rows)
        conn.execute("COMMIT")
    finally:
        conn.close()
    return path


def _no_tick(_done: int, _total: int) -> None:
    pass
