"""Results a column at a time: a national file's figures checked, diffed and written without a Python
object per value.

:meth:`Figures.write_results` handles one :class:`ResultRow` per value; for the ≈ 0.9 M values of a
national year that per-row work (objects, dicts, per-row rules) is most of an import.  Here the same rules
run on numpy arrays (whatever breaks one is handed to :func:`check_results`, so the messages are exactly
the per-row path's), the stored figures are compared in numpy with the same tolerance, and new values
reach ``results`` through ``INSERT … SELECT`` from small staging databases that a second thread fills
while SQLite (which releases the GIL) inserts the previous one.  Changed values go through the per-row
path's update and audit.  Other databases take the per-row path (SQLAlchemy batches their inserts).
"""

from __future__ import annotations

import contextlib
import math
import queue
import shutil
import sqlite3
import tempfile
import threading
from collections.abc import Callable, Sequence
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
from scorecard.models import Result, Unit, table_of, utcnow

if TYPE_CHECKING:
    from scorecard.figures import Figures, ResultRow, WriteReport

STAGED_CHUNKS = 8  # ATTACH allows 10 databases; one staged chunk is attached at a time
SMALL = 50_000  # fewer new values than this are inserted directly
FIGURES = ("value", "numerator", "denominator", "observations")
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
    from scorecard.figures import WriteReport, filing_audit, revision_audit, update_changed

    if session.connection().dialect.name != "sqlite":
        return figures.write_results(
            session, institution_id, cols.rows(), definitions, batch_kind=batch_kind, file=cols.source_file,
            source=source, reason=reason,
        )  # fmt: skip
    tick = tick or _no_tick
    report = WriteReport(rows=len(cols))
    if not len(cols):
        return report
    arrays = _checked_arrays(session, institution_id, cols, definitions)
    actor = figures.store.actor
    access.require_unit_writer(
        session, actor, institution_id, set(_distinct(np.sort(arrays["unit_id"]))), "results.write"
    )
    new, changed = _diff(session, cols, arrays)
    report.unchanged = len(cols) - int(new.sum()) - len(changed)
    if not new.any() and not changed:
        return report
    touched = new.copy()
    touched[[i for i, _v, _o in changed]] = True
    cells = _distinct(np.sort(arrays["unit_id"][touched] * 1_000_000 + arrays["month"][touched]))
    access.require_open_cells(session, actor, {divmod(c, 1_000_000) for c in cells})
    file = cols.source_file
    batch = figures._new_batch(session, batch_kind, file, rows=len(cols), new=int(new.sum()), changed=len(changed))
    report.batch, report.new, report.changed = batch.id, int(new.sum()), len(changed)
    now = utcnow()
    dialect = session.connection().dialect
    at = table_of(Result).c.entered_at.type.dialect_impl(dialect).bind_processor(dialect)
    constants = (source, file, cols.source_sheet, batch.id, figures.store.user, at(now) if at else now)
    _insert_new(session, cols, arrays, np.flatnonzero(new), constants, tick)
    revised = [(_row(cols, arrays, i), values, old) for i, values, old in changed]
    update_changed(session, revised, batch.id, source, figures.store.user, now)
    audit = revision_audit(institution_id, revised, reason, batch.id)
    if new.any():
        audit.append(filing_audit(institution_id, int(new.sum()), file, batch_kind, reason, batch.id))
    record(session, figures.store.user, audit)
    view_cache.invalidate(session, institution_id)
    report.changes = [a for a in audit if a["entity"] == "result"][:1000]
    return report


def preview_columns(
    session: Session, institution_id: int, cols: ResultColumns, definitions: dict[int, Definition]
) -> list[dict[str, Any]]:
    """What writing ``cols`` would do, value by value (unit, indicator, period, state new / changed /
    unchanged, old, new), in the unique key's order; a broken rule raises as the write would."""
    from scorecard.periods import Period

    arrays = _checked_arrays(session, institution_id, cols, definitions)
    new, changed = _diff(session, cols, arrays)
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
    session: Session, institution_id: int, cols: ResultColumns, definitions: dict[int, Definition]
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
    levels = dict(session.execute(select(Unit.id, Unit.level).where(Unit.institution_id == institution_id)).all())
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


def _diff(
    session: Session, cols: ResultColumns, arrays: dict[str, np.ndarray]
) -> tuple[np.ndarray, list[tuple[int, dict[str, Any], dict[str, Any]]]]:
    """Which values are new (a mask over the sorted positions) and which changed: (position, new values,
    old values with id and version), told with the per-row path's tolerance."""
    from scorecard.figures import _unchanged

    ids = ",".join(str(i) for i in _distinct(np.sort(arrays["indicator_id"])))
    lo, hi = int(arrays["month"].min()), int(arrays["month"].max())
    conn = session.connection()
    # a file about as large as the table reads it in storage order (the index would fetch every row apart:
    # 1.6 s against 1.2 s for a national year); a smaller one, or a larger table, goes through the index
    rows_stored = conn.exec_driver_sql("SELECT max(id) FROM results").scalar() or 0
    scan = "NOT INDEXED" if conn.dialect.name == "sqlite" and 2 * len(cols) >= rows_stored else ""
    cursor = conn.exec_driver_sql(
        "SELECT indicator_id, month, unit_id, id, version, value, numerator, denominator, observations"
        f" FROM results {scan} WHERE indicator_id IN ({ids}) AND month BETWEEN {lo} AND {hi}"
    ).cursor  # the DBAPI cursor: plain tuples, no Row objects
    assert cursor is not None
    data = cursor.fetchall()
    incoming = _key(arrays["indicator_id"], arrays["month"], arrays["unit_id"])
    if not data:
        return np.ones(len(incoming), dtype=bool), []
    stored = np.array(data, dtype=float).reshape(len(data), 9)
    del data
    keys = _key(stored[:, 0], stored[:, 1], stored[:, 2])
    by_key = np.argsort(keys, kind="stable")
    stored, keys = stored[by_key], keys[by_key]
    at = np.minimum(np.searchsorted(keys, incoming), len(keys) - 1)
    found = keys[at] == incoming
    same = found.copy()
    for k, name in enumerate(FIGURES):
        a, b = arrays[name], stored[at, 5 + k]
        with np.errstate(invalid="ignore"):
            close = np.abs(a - b) <= np.maximum(TOLERANCE * np.maximum(np.abs(a), np.abs(b)), TOLERANCE)
        same &= close | (np.isnan(a) & np.isnan(b))
    if cols.comment is not None:  # a comment given must equal the stored one; none keeps it
        same[[i for i in np.flatnonzero(same).tolist() if _comment(cols, arrays, i) is not None]] = False
    candidates = np.flatnonzero(found & ~same).tolist()
    comments = _stored_comments(session, [int(stored[at[i], 3]) for i in candidates])
    changed = []
    for i in candidates:
        rid = int(stored[at[i], 3])
        old: dict[str, Any] = {"id": rid, "version": int(stored[at[i], 4]), "comment": comments.get(rid)}
        old.update({name: _none(stored[at[i], 5 + k]) for k, name in enumerate(FIGURES)})
        values: dict[str, Any] = {name: _none(arrays[name][i]) for name in FIGURES}
        values["comment"] = _comment(cols, arrays, i)
        if not _unchanged(old, values):
            changed.append((i, values, old))
    return ~found, changed


def _none(x: float) -> float | None:
    return None if np.isnan(x) else float(x)


def _stored_comments(session: Session, ids: list[int]) -> dict[int, str | None]:
    out: dict[int, str | None] = {}
    for k in range(0, len(ids), 900):
        chunk = ",".join(str(i) for i in ids[k : k + 900])
        rows = session.connection().exec_driver_sql(f"SELECT id, comment FROM results WHERE id IN ({chunk})")
        out.update((int(i), c) for i, c in rows)
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


def _insert_new(
    session: Session, cols: ResultColumns, arrays: dict[str, np.ndarray], new: np.ndarray,
    constants: tuple[Any, ...], tick: Tick,
) -> None:  # fmt: skip
    """Insert the values at sorted positions ``new`` in key order (SQLite then appends to its index).

    Many values are staged by a second thread into small SQLite files, one per chunk, while this thread
    copies the previous chunk with ``INSERT … SELECT`` (SQLite releases the GIL as it works): binding
    rows and inserting them overlap.  A staged file read inside the transaction stays locked until it
    ends, so the files are detached and deleted when the transaction commits or rolls back."""
    raw = session.connection().connection.driver_connection
    assert raw is not None
    n = len(new)
    fields = _staged_fields(cols)
    if n < SMALL:
        raw.executemany(f"{_insert(fields)} VALUES ({', '.join('?' * (len(fields) + len(_CONSTANT)))}, 1)",
                        (row + constants for row in _staged_rows(cols, arrays, new)))  # fmt: skip
        tick(n, n)
        return
    # a small first chunk: the inserting thread waits only for it, then stays busy
    first = max(1, n // (4 * STAGED_CHUNKS))
    bounds = np.concatenate(([0], np.linspace(first, n, STAGED_CHUNKS).astype(int)))
    folder = Path(tempfile.mkdtemp(prefix="gpr-stage-"))
    ready: queue.Queue[Path | BaseException] = queue.Queue(maxsize=2)
    stop = threading.Event()
    attached: list[str] = []

    def clean_up(*_args: Any) -> None:
        for name in attached:
            with contextlib.suppress(sqlite3.Error):
                raw.execute(f"DETACH DATABASE {name}")
        attached.clear()
        shutil.rmtree(folder, ignore_errors=True)

    event.listen(session, "after_commit", clean_up, once=True)
    event.listen(session, "after_rollback", clean_up, once=True)

    def stage() -> None:  # the second thread
        try:
            for k in range(STAGED_CHUNKS):
                if stop.is_set():
                    return
                ready.put(
                    _stage_file(
                        folder / f"{k}.sqlite", fields, _staged_rows(cols, arrays, new[bounds[k] : bounds[k + 1]])
                    )
                )
        except BaseException as exc:  # handed to the inserting thread, which raises it
            ready.put(exc)

    worker = threading.Thread(target=stage, name="gpr-stage", daemon=True)
    worker.start()
    try:
        for k in range(STAGED_CHUNKS):
            item = ready.get()
            if isinstance(item, BaseException):
                raise item
            name = f"gpr_stage{k}"
            raw.execute(f"ATTACH DATABASE ? AS {name}", (str(item),))
            attached.append(name)
            raw.execute(
                f"{_insert(fields)} SELECT {', '.join(fields)}, ?, ?, ?, ?, ?, ?, 1 FROM {name}.s ORDER BY rowid",
                constants,
            )
            tick(int(bounds[k + 1]), n)
    finally:
        stop.set()
        while worker.is_alive():  # let a stager waiting to hand over a chunk see the stop and end
            with contextlib.suppress(queue.Empty):
                ready.get(timeout=0.05)


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
