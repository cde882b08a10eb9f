"""Bulk inserts at the driver's speed.

SQLAlchemy's ``executemany`` builds and type-processes every row's parameters in Python (≈ 20 µs a row
here); for a national import that is most of the write.  On SQLite the rows go straight to the DBAPI
cursor as named parameters, each column's bind processor applied once per distinct value where one
exists (datetimes);
other databases keep SQLAlchemy's own batched path (insertmanyvalues), which is already fast there.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Table, insert
from sqlalchemy.orm import Session


def insert_rows(session: Session, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """Insert ``rows`` (dicts with the same keys) into ``table`` inside the session's transaction."""
    if not rows:
        return
    conn = session.connection()
    if conn.dialect.name != "sqlite":
        session.execute(insert(table), list(rows))
        return
    keys = list(rows[0])
    sql = f"INSERT INTO {table.name} ({', '.join(keys)}) VALUES ({', '.join(':' + k for k in keys)})"
    for k in keys:  # datetimes and the like: the column's own conversion, once per distinct value
        proc = table.c[k].type.dialect_impl(conn.dialect).bind_processor(conn.dialect)
        if proc is None:
            continue
        seen: dict[Any, Any] = {}
        for r in rows:
            v = r[k]
            if v is not None:
                try:
                    r[k] = seen[v]
                except KeyError:
                    r[k] = seen[v] = proc(v)
                except TypeError:
                    r[k] = proc(v)
    conn.exec_driver_sql(sql, list(rows))
