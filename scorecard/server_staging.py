"""New results into ``results`` on a PostgreSQL server: each part of a file copied with binary ``COPY`` into
a temporary table, then one ``INSERT … SELECT`` for the whole file (see :class:`ServerInserter`).

Why not ``COPY`` straight into ``results``: the server refuses ``COPY FROM`` into a table with row-level
security to the app's roles.  An ``INSERT … SELECT`` goes through the policies (each row checked as the
signed-in role) and fires the statement-level audit triggers once for the file, as any insert does.  Why
not SQLite's second thread (:mod:`scorecard.result_staging`): no second thread may use the connection
while the caller's runs statements, and the server already inserts in a process of its own.
"""

from __future__ import annotations

import itertools
import uuid
from typing import Any

import numpy as np
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from scorecard.errors import UserError
from scorecard.result_columns import FIGURES, ResultColumns
from scorecard.result_staging import insert_head, staged_rows

_SQL_TYPES = {"comment": "text", **dict.fromkeys(FIGURES, "float8")}  # the rest integer
_WIDE = dict.fromkeys(FIGURES, ">f8")  # binary COPY is big-endian; the rest int4
_SIGNATURE = b"PGCOPY\n\xff\r\n\x00" + bytes(8)  # the binary format's header: no flags, no extension
_TRAILER = b"\xff\xff"


class ServerInserter:
    """New values of a file into ``results``: :meth:`add` copies a part into a temporary table (dropped at
    commit or rollback), :meth:`insert` inserts them all with one statement.  A figure a part lacks is
    copied as NaN and inserted as NULL: every row then has the same width, written from numpy at once."""

    def __init__(self, session: Session, fields: tuple[str, ...], constants: tuple[Any, ...]) -> None:
        self.conn = session.connection()
        raw = self.conn.connection.driver_connection
        assert raw is not None
        self.raw, self.fields, self.constants = raw, fields, constants
        self.table = f"gpr_new_{uuid.uuid4().hex[:12]}"
        typed = ", ".join(f"{f} {_SQL_TYPES.get(f, 'integer')}" for f in fields)
        self.conn.exec_driver_sql(f"CREATE TEMPORARY TABLE {self.table} ({typed}) ON COMMIT DROP")

    def add(self, cols: ResultColumns, arrays: dict[str, np.ndarray], new: np.ndarray) -> None:
        """Copy the values at sorted positions ``new`` of this part into the temporary table."""
        with self.raw.cursor() as cur, cur.copy(f"COPY {self.table} FROM STDIN (FORMAT BINARY)") as copy:
            if cols.comment is None:
                copy.write(binary_rows(arrays, new, self.fields))
            else:  # text of any length: psycopg writes the rows
                copy.set_types([_SQL_TYPES.get(f, "int4") for f in self.fields])
                for row in staged_rows(cols, arrays, new):
                    copy.write_row(row)

    def finish(self) -> None:
        """Every part copied: the insert waits for the app's checks of the whole file (:meth:`insert`)."""

    def stop(self) -> None:
        """Nothing runs apart: the temporary table goes with the transaction."""

    def insert(self) -> None:
        """Insert every copied value with one statement.  The caller told keys repeated across parts: a
        key stored since the figures were read is someone else's (a conflict, as on the per-row path)."""
        figures = {f: f"NULLIF({f}, 'NaN')" for f in FIGURES}  # the parts' NaN: no figure
        selected = ", ".join(figures.get(f, f) for f in self.fields)
        marks = ", ".join(["%s"] * len(self.constants))
        try:
            self.conn.exec_driver_sql(
                f"{insert_head(self.fields)} SELECT {selected}, {marks}, 1 FROM {self.table}", self.constants
            )
        except IntegrityError as exc:
            raise UserError("conflict.stale") from exc


def binary_rows(arrays: dict[str, np.ndarray], at: np.ndarray, fields: tuple[str, ...]) -> bytes:
    """``fields`` of the rows at ``at`` in COPY's binary format: per row the field count, then each field's
    length and big-endian value."""
    each = (((f"{f}_len", ">i4"), (f, _WIDE.get(f, ">i4"))) for f in fields)
    dtype = np.dtype([("count", ">i2"), *itertools.chain.from_iterable(each)])
    out = np.empty(len(at), dtype)
    out["count"] = len(fields)
    for f in fields:
        out[f"{f}_len"] = dtype[f].itemsize
        out[f] = arrays[f][at]
    return _SIGNATURE + out.tobytes() + _TRAILER
