"""Results and targets into the database and out of it: results validated, diffed against what is stored,
written in bulk, revisions audited (targets: :mod:`scorecard.target_writes`); the frames scoring reads.

The rows, the report and the rules they obey are :mod:`scorecard.figure_rows` (imported from here too,
where most callers take them).  Writes use Core ``executemany`` (an ORM ``add_all`` of a national year
takes ~90 s and 2 GB here; Core takes seconds).  Re-writing the same figures changes nothing and writes
nothing, audit included.  New values are audited once per batch (each row keeps its batch id); every
changed value is audited row by row with old → new.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
from sqlalchemy import Integer, and_, bindparam, case, cast, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from scorecard import access, view_cache
from scorecard.audit import give_reason, record
from scorecard.bulk import insert_rows
from scorecard.domain import Definition
from scorecard.errors import UserError, ValidationFailed
from scorecard.fetch import fetch_frame
from scorecard.figure_rows import (
    VALUE_COLUMNS,
    ResultRow,
    StoredResult,
    TargetRow,
    WriteReport,
    check_results,
    result_values,
    unchanged,
)
from scorecard.models import Batch, Result, Target, Unit, UnitClosure, table_of, utcnow
from scorecard.periods import deadline

if TYPE_CHECKING:
    import pandas as pd

    from scorecard.result_columns import ResultColumns
    from scorecard.store import Store


RESULT_KEY = (Result.indicator_id, Result.unit_id, Result.month)
RESULT_FIGURES = (Result.value, Result.numerator, Result.denominator, Result.observations)


class Figures:
    def __init__(self, store: Store) -> None:
        self.store = store

    def _new_batch(self, session: Session, kind: str, file: str | None, **summary: int) -> Batch:
        """The batch every value of one write points back to."""
        batch = Batch(kind=kind, file=file, user=self.store.user, summary=summary)
        session.add(batch)
        session.flush()
        return batch

    # --- writing ---------------------------------------------------------------------------------------

    def write_results(
        self,
        session: Session,
        institution_id: int,
        rows: Sequence[ResultRow],
        definitions: dict[int, Definition],
        *,
        batch_kind: str = "typed",
        file: str | None = None,
        source: str = "typed",
        reason: str | None = None,
    ) -> WriteReport:
        """Validate, diff and write ``rows`` inside the caller's transaction (all or nothing)."""
        units = dict(session.execute(select(Unit.id, Unit.level).where(Unit.institution_id == institution_id)).all())
        codes = dict(session.execute(select(Unit.id, Unit.code).where(Unit.institution_id == institution_id)).all())
        problems = check_results(rows, definitions, units, codes)
        if problems:
            raise ValidationFailed(problems)
        report = WriteReport(rows=len(rows))
        if not rows:
            return report
        actor = self.store.actor
        access.require_unit_writer(session, actor, institution_id, {r.unit_id for r in rows}, "results.write")
        give_reason(session, reason)
        stored = self._stored_results(session, rows)
        new, changed = [], []
        for r in rows:
            values = result_values(r, definitions[r.indicator_id])
            old = stored.get((r.indicator_id, r.unit_id, r.month))
            moved_on = r.expected_version is not None and r.expected_version != (old["version"] if old else 0)
            if moved_on and (old is None or not unchanged(old, values)):
                raise UserError("conflict.stale")
            if old is None:
                new.append((r, values))
            elif unchanged(old, values):
                report.unchanged += 1
            else:
                changed.append((r, values, old))
        if not new and not changed:
            return report
        cells = {(r.unit_id, r.month) for r, _v in new} | {(r.unit_id, r.month) for r, _v, _o in changed}
        access.require_open_cells(session, actor, cells)
        batch = self._new_batch(session, batch_kind, file, rows=len(rows), new=len(new), changed=len(changed))
        report.batch = batch.id
        now = utcnow()
        if new:
            # in the unique key's order: SQLite then appends to its index instead of seeking all over it
            new.sort(key=lambda rv: (rv[0].indicator_id, rv[0].month, rv[0].unit_id))
            insert_or_conflict(
                session,
                table_of(Result),
                [
                    {
                        "indicator_id": r.indicator_id,
                        "unit_id": r.unit_id,
                        "month": r.month,
                        **v,
                        "source": source,
                        "source_file": r.source_file,
                        "source_sheet": r.source_sheet,
                        "source_row": r.source_row,
                        "batch_id": batch.id,
                        "entered_by": self.store.user,
                        "entered_at": r.entered_at or now,
                        "version": 1,
                    }
                    for r, v in new
                ],
            )
        update_changed(session, changed, batch.id, source, self.store.user, now)
        audit = revision_audit(institution_id, changed, reason, batch.id)
        if new:
            audit.append(filing_audit(institution_id, len(new), file, batch_kind, reason, batch.id))
        record(session, self.store.user, audit)
        view_cache.invalidate(session, institution_id)
        report.new, report.changed = len(new), len(changed)
        report.changes = [a for a in audit if a["entity"] == "result"][:1000]
        return report

    def write_result_columns(
        self,
        session: Session,
        institution_id: int,
        cols: ResultColumns,
        definitions: dict[int, Definition],
        *,
        batch_kind: str = "import",
        source: str = "import",
        reason: str | None = None,
        tick: Callable[[int, int], None] | None = None,
    ) -> WriteReport:
        """:meth:`write_results` for a national file's figures given as columns (see :mod:`result_columns`)."""
        from scorecard.result_column_writing import write_columns

        return write_columns(
            self, session, institution_id, cols, definitions, batch_kind=batch_kind, source=source, reason=reason,
            tick=tick,
        )  # fmt: skip

    def write_result_parts(
        self,
        session: Session,
        institution_id: int,
        parts: Iterable[ResultColumns],
        definitions: dict[int, Definition],
        *,
        rows: int,
        span: tuple[int, int],
        batch_kind: str = "import",
        source: str = "import",
        reason: str | None = None,
        tick: Callable[[int, int], None] | None = None,
        open_editions: Callable[[int], dict[int, int]] | None = None,
    ) -> WriteReport:
        """:meth:`write_result_columns` of a file made a part at a time (``rows`` values, months in ``span``);
        ``open_editions``: makes the write's editions once its batch is made (batch id → indicator → edition)
        so the values inserted are logged there as they go in, where the writer can (``report.new_logged``
        says whether it did)."""
        from scorecard.result_column_writing import write_column_chunks

        return write_column_chunks(
            self, session, institution_id, parts, definitions, rows=rows, span=span, batch_kind=batch_kind,
            source=source, reason=reason, tick=tick, open_editions=open_editions,
        )  # fmt: skip

    @staticmethod
    def _stored_results(session: Session, rows: Sequence[ResultRow]) -> dict[tuple[int, int, int], dict[str, Any]]:
        ind_ids = sorted({r.indicator_id for r in rows})
        months = [r.month for r in rows]
        q = select(Result.id, *RESULT_KEY, *RESULT_FIGURES, Result.comment, Result.version).where(
            Result.indicator_id.in_(ind_ids), Result.month >= min(months), Result.month <= max(months)
        )
        keys = ("id", "indicator_id", "unit_id", "month", *VALUE_COLUMNS, "version")
        # rows zipped with the known keys: Row._asdict costs ~10 µs a row on a national year
        return {(r[1], r[2], r[3]): dict(zip(keys, r, strict=True)) for r in session.execute(q)}

    def write_targets(
        self,
        session: Session,
        institution_id: int,
        rows: Sequence[TargetRow],
        *,
        reason: str | None = None,
        batch_kind: str = "targets",
        file: str | None = None,
    ) -> WriteReport:
        """Set targets (the institution's planning office); a revised target is audited with its reason."""
        from scorecard.target_writes import write_targets

        return write_targets(self, session, institution_id, rows, reason=reason, batch_kind=batch_kind, file=file)

    def stored_result(self, indicator_id: int, unit_id: int, month: int) -> StoredResult | None:
        """One filed figure with its version, for an editor that writes it back with ``expected_version``."""
        with self.store.reading() as s:
            r = s.execute(
                select(*RESULT_FIGURES, Result.comment, Result.cause, Result.action, Result.version).where(
                    Result.indicator_id == indicator_id, Result.unit_id == unit_id, Result.month == month
                )
            ).first()
        return StoredResult(*r) if r is not None else None

    # --- reading frames for scoring ------------------------------------------------------------------

    @staticmethod
    def result_frame(
        session: Session,
        root_unit_id: int | None,
        indicator_ids: Iterable[int],
        first: int,
        last: int,
        deadline_days: int,
    ) -> pd.DataFrame:
        """Results for months first..last under ``root_unit_id`` (None: the whole institution of the
        indicators), as indicator_id, unit_id, month, value, num, den, nobs, on_time (filed by the
        month's deadline)."""
        months = [m for m in range(first, last + 1) if 1 <= m % 100 <= 12]
        limits = {m: dt.datetime.combine(deadline(m, deadline_days), dt.time(23, 59, 59)) for m in months}
        on_time = case(
            *[(and_(Result.month == m, Result.entered_at <= limit), 1) for m, limit in limits.items()], else_=0
        )
        q = select(*RESULT_KEY, *RESULT_FIGURES, on_time).where(
            Result.indicator_id.in_(list(indicator_ids)), Result.month >= first, Result.month <= last
        )
        q = _in_subtree(q, Result.unit_id, root_unit_id)
        frame = fetch_frame(session, q, ["indicator_id", "unit_id", "month", "value", "num", "den", "nobs", "on_time"])
        frame["on_time"] = frame["on_time"].to_numpy() > 0
        return _with_int_keys(frame)

    @staticmethod
    def target_frame(
        session: Session, root_unit_id: int | None, indicator_ids: Iterable[int], first: int, last: int
    ) -> pd.DataFrame:
        q = select(Target.indicator_id, Target.unit_id, Target.month, Target.value).where(
            Target.indicator_id.in_(list(indicator_ids)), Target.month >= first, Target.month <= last
        )
        q = _in_subtree(q, Target.unit_id, root_unit_id)
        return _with_int_keys(fetch_frame(session, q, ["indicator_id", "unit_id", "month", "target"]))


def _in_subtree(q: Any, unit_column: Any, root_unit_id: int | None) -> Any:
    """Restrict ``q`` to the units under ``root_unit_id`` (None: no restriction, the whole institution)."""
    if root_unit_id is None:
        return q
    return q.join(UnitClosure, UnitClosure.descendant_id == unit_column).where(UnitClosure.ancestor_id == root_unit_id)


def insert_or_conflict(session: Session, table: Any, rows: list[dict[str, Any]]) -> None:
    """Insert new figures; one that someone else inserted meanwhile (the unique key) is a conflict."""
    try:
        insert_rows(session, table, rows)
    except IntegrityError as exc:
        raise UserError("conflict.stale") from exc


def _with_int_keys(frame: pd.DataFrame) -> pd.DataFrame:
    for c in ("indicator_id", "unit_id", "month"):
        frame[c] = frame[c].astype(np.int64)
    return frame


def update_changed(
    session: Session, changed: list[tuple[ResultRow, dict[str, Any], dict[str, Any]]], batch_id: int, source: str,
    user: str | None, now: dt.datetime,
) -> None:  # fmt: skip
    """Overwrite revised results; a row whose version moved on since it was read is a conflict."""
    if not changed:
        return
    t = table_of(Result)
    done = session.connection().execute(
        update(t)
        .where(t.c.id == bindparam("rid"), t.c.version == bindparam("read_version"))
        .values(
            value=bindparam("value"),
            numerator=bindparam("numerator"),
            denominator=bindparam("denominator"),
            observations=bindparam("observations"),
            comment=bindparam("comment"),
            source=source,
            source_file=bindparam("source_file"),
            source_sheet=bindparam("source_sheet"),
            source_row=bindparam("source_row"),
            batch_id=batch_id,
            entered_by=user,
            entered_at=now,
            version=t.c.version + cast(1, Integer),
        ),
        [
            {
                "rid": old["id"],
                "read_version": old["version"],
                **v,
                "source_file": r.source_file,
                "source_sheet": r.source_sheet,
                "source_row": r.source_row,
            }
            for r, v, old in changed
        ],
    )
    if done.rowcount != len(changed):
        raise UserError("conflict.stale")


def revision_audit(
    institution_id: int, changed: list[tuple[ResultRow, dict[str, Any], dict[str, Any]]], reason: str | None,
    batch_id: int,
) -> list[dict[str, Any]]:  # fmt: skip
    """One audit entry per revised value, old → new."""
    return [
        {
            "action": "revise",
            "entity": "result",
            "entity_key": f"{r.indicator_id}/{r.unit_id}/{r.month}",
            "institution_id": institution_id,
            "unit_id": r.unit_id,
            "indicator_id": r.indicator_id,
            "month": r.month,
            "old": {c: old[c] for c in VALUE_COLUMNS},
            "new": {c: v[c] for c in VALUE_COLUMNS},
            "reason": reason,
            "batch_id": batch_id,
        }
        for r, v, old in changed
    ]


def filing_audit(
    institution_id: int, new: int, file: str | None, batch_kind: str, reason: str | None, batch_id: int
) -> dict[str, Any]:
    """New values are audited once per batch (each row keeps its batch id)."""
    return {
        "action": "file",
        "entity": "batch",
        "entity_key": str(batch_id),
        "institution_id": institution_id,
        "old": None,
        "new": {"new_values": new, "file": file, "kind": batch_kind},
        "reason": reason,
        "batch_id": batch_id,
    }


__all__ = ["Figures", "ResultRow", "StoredResult", "TargetRow", "WriteReport"]
