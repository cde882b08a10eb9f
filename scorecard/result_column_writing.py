"""A file's results written a column at a time: its parts made, checked, told against the stored
figures and handed to the inserter, then the changed values revised and the batch audited (the design:
:mod:`scorecard.result_columns`)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session

from scorecard import access, result_columns, view_cache
from scorecard.audit import give_reason, record
from scorecard.domain import Definition
from scorecard.figure_rows import ResultRow, WriteReport
from scorecard.figures import Figures, filing_audit, revision_audit, update_changed
from scorecard.models import Batch, Result, Unit, table_of, utcnow
from scorecard.result_columns import (
    RepeatedKey,
    ResultColumns,
    Tick,
    checked_arrays,
    chunk_bounds,
    distinct,
    result_key,
    row_at,
)
from scorecard.result_staging import Inserter, staged_fields
from scorecard.server_staging import ServerInserter
from scorecard.stored_results import Stored


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
    open_editions: Callable[[int], dict[int, int]] | None = None,
) -> WriteReport:
    """:func:`write_columns` of a file given a part at a time (``rows`` values in all, months within
    ``span``), each part made only when asked for: while SQLite inserts one part on a second thread, this
    thread makes, checks and stages the next (a server: each part copied, one insert at the end,
    :mod:`scorecard.server_staging`).  Whatever the file breaks, wherever, raises before the caller can
    commit, and a rollback leaves nothing."""
    tick = tick or _no_tick
    report = WriteReport(rows=rows)
    if not rows:
        return report
    actor = figures.store.actor
    give_reason(session, reason)  # a server's audit triggers record it (SQLite: the app's entries do)
    levels = dict(session.execute(select(Unit.id, Unit.level).where(Unit.institution_id == institution_id)).all())
    stored = Stored(session, sorted(definitions), span, rows)  # read on a second thread meanwhile (a server: now)
    filing = _Filing(figures, session, rows, batch_kind, source, tick, open_editions)
    made: list[tuple[ResultColumns, dict[str, np.ndarray]]] = []
    try:
        for cols in chunks:
            made.append((cols, checked_arrays(session, institution_id, cols, definitions, levels)))
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
    report.new_logged = filing.logging  # else (a server, a small file) the editions log the batch's values after
    access.require_unit_writer(session, actor, institution_id, units, "results.write")
    report.unchanged = rows - new_count - len(revised)
    if not new_count and not revised:
        return report
    access.require_open_cells(session, actor, {divmod(c, 1_000_000) for c in cells})
    if isinstance(filing.inserter, ServerInserter):  # after the app's own checks, as the per-row path
        filing.inserter.insert()
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

    def __init__(
        self, figures: Figures, session: Session, rows: int, kind: str, source: str, tick: Tick,
        open_editions: Callable[[int], dict[int, int]] | None,
    ):  # fmt: skip
        self.figures, self.session, self.rows, self.tick = figures, session, rows, tick
        self.kind, self.source, self.open_editions = kind, source, open_editions
        self.logging = False  # the inserted values logged in their editions as they go in
        self.keys: list[np.ndarray] = []
        self.units: set[int] = set()
        self.cells: set[int] = set()
        self.revised: list[tuple[ResultRow, dict[str, Any], dict[str, Any]]] = []
        self.new = self.done = 0
        self.batch: Batch | None = None
        self.inserter: Inserter | ServerInserter | None = None
        self.now = utcnow()

    def take(self, stored: Stored, made: list[tuple[ResultColumns, dict[str, np.ndarray]]]) -> None:
        """Tell the parts made so far against the stored figures; their new values to the inserter."""
        for cols, arrays in made:
            new, changed = stored.diff(self.session, cols, arrays)
            self.keys.append(result_key(arrays["indicator_id"], arrays["month"], arrays["unit_id"]))
            self.units.update(distinct(np.sort(arrays["unit_id"])))
            touched = new.copy()
            touched[[i for i, _v, _o in changed]] = True
            self.cells.update(distinct(np.sort(arrays["unit_id"][touched] * 1_000_000 + arrays["month"][touched])))
            self.revised += [(row_at(cols, arrays, i), values, old) for i, values, old in changed]
            self.done += len(cols)
            if new.any():
                self._inserter(cols).add(cols, arrays, np.flatnonzero(new))
                self.new += int(new.sum())
            self.tick(self.done, self.rows)
        made.clear()

    def _inserter(self, cols: ResultColumns) -> Inserter | ServerInserter:
        if self.inserter is None:
            self.batch = self.figures._new_batch(self.session, self.kind, cols.source_file, rows=self.rows)
            dialect = self.session.connection().dialect
            at = table_of(Result).c.entered_at.type.dialect_impl(dialect).bind_processor(dialect)
            constants = (self.source, cols.source_file, cols.source_sheet, self.batch.id, self.figures.store.user,
                         at(self.now) if at else self.now)  # fmt: skip
            if dialect.name == "postgresql":
                self.inserter = ServerInserter(self.session, staged_fields(cols), constants)
            else:
                staged = self.rows >= result_columns.SMALL
                self.logging = staged and self.open_editions is not None
                edition_of = self.open_editions(self.batch.id) if self.logging and self.open_editions else None
                self.inserter = Inserter(
                    self.session, staged_fields(cols), constants, staged=staged, edition_of=edition_of
                )
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
    update_changed(session, revised, batch.id, source, figures.store.user, now)
    audit = revision_audit(institution_id, revised, reason, batch.id)
    if new_count:
        audit.append(filing_audit(institution_id, new_count, batch.file, batch.kind, reason, batch.id))
    record(session, figures.store.user, audit)
    view_cache.invalidate(session, institution_id)
    return [a for a in audit if a["entity"] == "result"][:1000]


def _no_tick(_done: int, _total: int) -> None:
    pass
