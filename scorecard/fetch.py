"""Fetching numeric columns fast: the DBAPI cursor straight into numpy, skipping per-row objects.

Building SQLAlchemy rows and then a DataFrame from them costs several times the query itself for the
tens of thousands of figures a national scorecard reads (measured: 0.24 s against 0.07 s for 66 k rows).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
from sqlalchemy import Select
from sqlalchemy.orm import Session

if TYPE_CHECKING:
    import pandas as pd


def fetch_frame(session: Session, stmt: Select[*tuple[Any, ...]], columns: list[str]) -> pd.DataFrame:
    """Run ``stmt`` and return its columns as float64 (NULL → NaN) under ``columns``."""
    import pandas as pd  # here: a command that fetches no frame (an import) starts without pandas

    conn = session.connection()
    compiled = stmt.compile(dialect=conn.dialect, compile_kwargs={"render_postcompile": True})
    params = compiled.construct_params()
    args: object = tuple(params[k] for k in compiled.positiontup or ()) if compiled.positional else params
    cursor = conn.exec_driver_sql(str(compiled), args).cursor  # type: ignore[arg-type]
    assert cursor is not None
    data = cursor.fetchall()
    if not data:
        return pd.DataFrame({c: np.array([], dtype=float) for c in columns})
    array = np.array(data, dtype=float).reshape(len(data), len(columns))
    return pd.DataFrame({c: array[:, k] for k, c in enumerate(columns)})
