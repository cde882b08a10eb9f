"""New results into ``results`` a part of a file at a time: staged into small SQLite files copied by a second
thread with ``INSERT … SELECT``, or inserted directly when they are few (see :class:`Inserter`)."""

from __future__ import annotations

import contextlib
import queue
import shutil
import sqlite3
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
from sqlalchemy import event
from sqlalchemy.orm import Session

from scorecard.result_columns import STAGED_CHUNKS, RepeatedKey, ResultColumns

_COLUMNS = ("indicator_id", "unit_id", "month", "value", "numerator", "denominator", "observations")
_CONSTANT = ("source", "source_file", "source_sheet", "batch_id", "entered_by", "entered_at")
_IN_ORDER = " ORDER BY rowid"  # as staged: by key, so SQLite appends to the indexes
_STAGED_TYPES = {"indicator_id": "INTEGER", "unit_id": "INTEGER", "month": "INTEGER", "comment": "TEXT",
                 "source_row": "INTEGER"}  # fmt: skip


def insert_head(fields: tuple[str, ...]) -> str:
    """The insert's head: the staged ``fields``, then the constants of a write (as selected or bound)."""
    return f"INSERT INTO results ({', '.join(fields + _CONSTANT)}, version)"


def staged_fields(cols: ResultColumns) -> tuple[str, ...]:
    """The columns a staged row carries: no comment column when the file has none, as binding a None
    costs the sqlite3 module an adapter lookup per row (≈ 0.5 s of a national file's staging)."""
    return (*_COLUMNS, "comment", "source_row") if cols.comment is not None else (*_COLUMNS, "source_row")


def staged_rows(cols: ResultColumns, arrays: dict[str, np.ndarray], at: np.ndarray) -> Any:
    """Rows of :func:`staged_fields` at sorted positions ``at``; NaN binds as NULL (SQLite)."""
    lists = [arrays[c][at].tolist() for c in _COLUMNS]
    if cols.comment is not None:
        lists.append([cols.comment[i] for i in arrays["order"][at].tolist()])
    return zip(*lists, arrays["source_row"][at].tolist(), strict=True)


class Inserter:
    """New values into ``results``, a part of the file at a time, in key order (SQLite then appends to its
    indexes).

    Many values: each part is staged by the caller's thread into a small SQLite file and copied by a second
    thread with ``INSERT … SELECT`` (SQLite releases the GIL as it works), so the next part is made and
    staged while this one is inserted.  A staged file read inside the transaction stays locked until it
    ends: the files are detached and deleted when the transaction commits or rolls back.  Few values go
    in directly, on the caller's thread."""

    def __init__(
        self, session: Session, fields: tuple[str, ...], constants: tuple[Any, ...], *, staged: bool,
        edition_of: dict[int, int] | None = None,
    ):  # fmt: skip
        raw = session.connection().connection.driver_connection
        assert raw is not None
        self.raw, self.fields, self.constants, self.staged = raw, fields, constants, staged
        self.parts = 0
        # staged values are logged in their edition as they go in, by the same thread: one INSERT … SELECT
        # more per part, off the caller's thread (the edition's log was 1.4 s of a national import after it)
        self.log_sql = _edition_insert(edition_of) if staged and edition_of else None
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
        rows = staged_rows(cols, arrays, new)
        if not self.staged:
            marks = ", ".join("?" * (len(self.fields) + len(self.constants)))
            with _repeated_as_such():
                self.raw.executemany(
                    f"{insert_head(self.fields)} VALUES ({marks}, 1)", (r + self.constants for r in rows)
                )
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
                        f"{insert_head(self.fields)} SELECT {', '.join(self.fields)}, ?, ?, ?, ?, ?, ?, 1 FROM {name}.s"
                        + _IN_ORDER,
                        self.constants,
                    )
                if self.log_sql:
                    self.raw.execute(self.log_sql.format(stage=name))
        except BaseException as exc:  # handed to the caller's thread, which raises it
            self.failed.append(exc)

    def _clean_up(self, *_args: Any) -> None:
        for name in self.attached:
            with contextlib.suppress(sqlite3.Error):
                self.raw.execute(f"DETACH DATABASE {name}")
        self.attached.clear()
        shutil.rmtree(self.folder, ignore_errors=True)


def _edition_insert(edition_of: dict[int, int]) -> str:
    """``INSERT … SELECT`` of a staged part (``{stage}``) into ``edition_values``, each value under its
    indicator's edition."""
    ids = set(edition_of.values())
    if len(ids) == 1:
        edition = str(ids.pop())
    else:
        edition = (
            "CASE indicator_id " + " ".join(f"WHEN {int(i)} THEN {int(e)}" for i, e in edition_of.items()) + " END"
        )
    figures = "indicator_id, unit_id, month, value, numerator, denominator, observations"
    return (
        f"INSERT INTO edition_values (edition_id, {figures}) SELECT {edition}, {figures} FROM {{stage}}.s" + _IN_ORDER
    )


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
