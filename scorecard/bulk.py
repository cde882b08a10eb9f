"""Bulk inserts at the driver's speed.

SQLAlchemy's ``executemany`` builds and type-processes every row's parameters in Python (≈ 20 µs a row
here); for a national import that is most of the write.  On SQLite the rows go straight to the DBAPI
cursor, each column's bind processor applied once per distinct value where one exists (datetimes);
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
    processors = [table.c[k].type.dialect_impl(conn.dialect).bind_processor(conn.dialect) for k in keys]
    sql = f"INSERT INTO {table.name} ({', '.join(keys)}) VALUES ({', '.join('?' * len(keys))})"
    convert: list[tuple[int, Any, dict[Any, Any]]] = [(i, p, {}) for i, p in enumerate(processors) if p is not None]
    if not convert:
        params: Any = [tuple(r[k] for k in keys) for r in rows]
    else:
        params = []
        for r in rows:
            values = [r[k] for k in keys]
            for i, p, seen in convert:  # few distinct values (one 'now' per batch): convert each once
                v = values[i]
                if v is not None:
                    try:
                        values[i] = seen[v]
                    except KeyError:
                        values[i] = seen[v] = p(v)
                    except TypeError:
                        values[i] = p(v)
            params.append(tuple(values))
    conn.exec_driver_sql(sql, params)
