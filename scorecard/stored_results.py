"""The stored figures a file's values are told new, changed or unchanged against (read once, on a second
thread, compared in numpy with the per-row path's tolerance), and the preview of a write built on them."""

from __future__ import annotations

import itertools
import threading
from typing import Any

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session

from scorecard.domain import Definition
from scorecard.figure_rows import unchanged
from scorecard.models import Unit
from scorecard.result_columns import FIGURES, TOLERANCE, ResultColumns, checked_arrays, comment_at, distinct, result_key

_STORED = np.dtype(
    [("key", np.int64), *((f, np.float64) for f in ("value", "numerator", "denominator", "observations"))]
)


def preview_columns(
    session: Session, institution_id: int, cols: ResultColumns, definitions: dict[int, Definition]
) -> list[dict[str, Any]]:
    """What writing ``cols`` would do, value by value (unit, indicator, period, state new / changed /
    unchanged, old, new), in the unique key's order; a broken rule raises as the write would."""
    from scorecard.periods import Period

    levels = dict(session.execute(select(Unit.id, Unit.level).where(Unit.institution_id == institution_id)).all())
    arrays = checked_arrays(session, institution_id, cols, definitions, levels)
    span = (int(np.min(cols.month)), int(np.max(cols.month))) if len(cols) else (0, 0)
    stored = Stored(session, sorted(definitions), span, len(cols))
    stored.wait()
    new, changed = stored.diff(session, cols, arrays)
    old_of = {i: old["value"] for i, _v, old in changed}
    units = dict(session.execute(select(Unit.id, Unit.code).where(Unit.institution_id == institution_id)).all())
    codes = {d.indicator_id: d.code for d in definitions.values()}
    periods = {m: Period.of_month(m).code for m in distinct(np.sort(arrays["month"]))}
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


class Stored:
    """The stored figures a file's values are told new, changed or unchanged against: read once, before
    anything is written, on a second thread (SQLite releases the GIL between rows) while the caller makes
    the file's first parts; compared a part at a time.  On a PostgreSQL server no second thread may use the
    connection while the caller's runs statements: the figures are read at once, on the caller's thread,
    with a binary ``COPY`` straight into numpy (a national year: ≈ 1 s, fetching tuples ≈ 1.6 s)."""

    def __init__(self, session: Session, indicator_ids: list[int], span: tuple[int, int], rows: int) -> None:
        ids = ",".join(str(int(i)) for i in indicator_ids) or "NULL"
        conn = session.connection()
        # a file about as large as the table reads it in storage order (the index would fetch every row
        # apart: 1.6 s against 1.2 s for a national year); a smaller one, or a larger table, uses the index
        rows_stored = conn.exec_driver_sql("SELECT max(id) FROM results").scalar() or 0
        scan = "NOT INDEXED" if conn.dialect.name == "sqlite" and 2 * rows >= rows_stored else ""
        # the key as one number and the four figures: a national year is 912,000 rows of Python objects,
        # so ids, versions and comments are fetched later, for the changed values only
        key = f"CAST(indicator_id AS BIGINT) * {10**13} + CAST(month AS BIGINT) * {10**7} + unit_id"
        where = f"FROM results {scan} WHERE indicator_id IN ({ids}) AND month BETWEEN {span[0]} AND {span[1]}"
        self.sql = f"SELECT {key}, {', '.join(FIGURES)} {where}"
        raw = conn.connection.driver_connection
        assert raw is not None
        self.raw = raw
        self.figures, self.keys = np.empty((0, 4)), np.empty(0, dtype=np.int64)
        self.failed: list[BaseException] = []
        self.thread: threading.Thread | None = None
        if conn.dialect.name == "postgresql":
            figures = ", ".join(f"coalesce({f}, 'NaN')" for f in FIGURES)
            self._keep(_copied(raw, f"SELECT {key}, {figures} {where}"))
            return
        self.thread = threading.Thread(target=self._read, name="gpr-stored", daemon=True)
        self.thread.start()

    def _read(self) -> None:  # the second thread
        try:
            data = self.raw.execute(self.sql).fetchall()
            stored = np.array(data, dtype=_STORED)  # NULL → NaN
            del data
            self._keep(stored)
        except BaseException as exc:  # handed to the caller's thread
            self.failed.append(exc)

    def _keep(self, stored: np.ndarray) -> None:
        by_key = np.argsort(stored["key"], kind="stable")
        self.figures = np.column_stack([stored[f] for f in FIGURES])[by_key]
        self.keys = stored["key"][by_key]

    def ready(self) -> bool:
        return self.thread is None or not self.thread.is_alive()

    def wait(self, *, quiet: bool = False) -> None:
        if self.thread is not None:
            self.thread.join()
        if self.failed and not quiet:
            raise self.failed[0]

    def diff(
        self, session: Session, cols: ResultColumns, arrays: dict[str, np.ndarray]
    ) -> tuple[np.ndarray, list[tuple[int, dict[str, Any], dict[str, Any]]]]:
        """Which values are new (a mask over the sorted positions) and which changed: (position, new
        values, old values with id and version), told with the per-row path's tolerance."""
        incoming = result_key(arrays["indicator_id"], arrays["month"], arrays["unit_id"])
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
            same[[i for i in np.flatnonzero(same).tolist() if comment_at(cols, arrays, i) is not None]] = False
        candidates = np.flatnonzero(found & ~same).tolist()
        details = _stored_details(session, [int(incoming[i]) for i in candidates])
        changed = []
        for i in candidates:
            rid, version, comment = details[int(incoming[i])]
            old: dict[str, Any] = {"id": rid, "version": version, "comment": comment}
            old.update({name: _none(figures[at[i], k]) for k, name in enumerate(FIGURES)})
            values: dict[str, Any] = {name: _none(arrays[name][i]) for name in FIGURES}
            values["comment"] = comment_at(cols, arrays, i)
            if not unchanged(old, values):
                changed.append((i, values, old))
        return ~found, changed


# a row of binary COPY: the field count, then each field's length and big-endian value (no NULL: NaN)
_COPIED = np.dtype(
    [("count", ">i2"), ("key_len", ">i4"), ("key", ">i8"),
     *itertools.chain.from_iterable(((f"{f}_len", ">i4"), (f, ">f8")) for f in FIGURES)]
)  # fmt: skip
_HEADER = 19  # the binary format's signature, flags and extension length


def _copied(raw: Any, query: str) -> np.ndarray:
    """The rows of ``query`` (a key and the four figures, none NULL) through binary ``COPY``."""
    with raw.cursor() as cur, cur.copy(f"COPY ({query}) TO STDOUT (FORMAT BINARY)") as copy:
        data = b"".join(bytes(block) for block in copy)
    rows = np.frombuffer(data, _COPIED, offset=_HEADER, count=(len(data) - _HEADER - 2) // _COPIED.itemsize)
    return np.array(rows[["key", *FIGURES]], dtype=_STORED)


def _none(x: float) -> float | None:
    return None if np.isnan(x) else float(x)


def _stored_details(session: Session, keys: list[int]) -> dict[int, tuple[int, int, str | None]]:
    """Id, version and comment of the stored results with these keys (see :func:`result_key`)."""
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
