"""Memoised scorecards of large units.

The scorecard of the national root reads every figure of the country (≈ 76 k results and as many targets
for one month of a national year: ~170 ms of SQLite reading alone).  For units with many units below them
the finished :class:`ScorecardView` is therefore kept per period, computed by the same
:func:`scorecard.evaluate.evaluate` over the whole institution, so the cache cannot compute differently
from the live path — only be stale.  Staleness is prevented by deleting an institution's entries in the
same transaction as every write that can change a figure: results, targets, baselines, units, the plan.
Any new write path in the core must call :func:`invalidate` (tests check the existing ones).
Small units' views are kept here too when the command line asks for one (``Scoring.scorecard(keep=True)``).
"""

from __future__ import annotations

import dataclasses
import functools
from enum import Enum
from types import UnionType
from typing import Any, Union, get_args, get_origin, get_type_hints

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from scorecard.domain import ScorecardView
from scorecard.models import ScorecardCache, UnitClosure, table_of

# units with at least this many units in their subtree (themselves included) are served from the cache
LARGE_SUBTREE = 100


def invalidate(session: Session, institution_id: int) -> None:
    if session.connection().dialect.name == "postgresql":  # every user's cache, not only the visible own
        session.execute(select(func.gpr_drop_cache(institution_id)))
        return
    session.execute(delete(ScorecardCache).where(ScorecardCache.institution_id == institution_id))


def subtree_size(session: Session, unit_id: int) -> int:
    return int(session.scalar(select(func.count()).where(UnitClosure.ancestor_id == unit_id)) or 0)


def load(session: Session, institution_id: int, period: str, ytd: bool, unit_id: int) -> ScorecardView | None:
    payload = session.scalar(
        select(ScorecardCache.payload).where(
            ScorecardCache.institution_id == institution_id,
            ScorecardCache.period == period,
            ScorecardCache.ytd == ytd,
            ScorecardCache.unit_id == unit_id,
        )
    )
    return None if payload is None else view_from_dict(payload)  # another format: a miss, rebuilt


def store(session: Session, institution_id: int, period: str, ytd: bool, views: dict[int, ScorecardView]) -> None:
    """Keep views, replacing any entry for the same key (another session's, or one of an older format)."""
    if not views:
        return
    rows = [
        {"institution_id": institution_id, "period": period, "ytd": ytd, "unit_id": uid, "payload": view_to_dict(v)}
        for uid, v in views.items()
    ]
    # the dialects' inserts where a view is kept: a command reading one pays nothing for them
    from sqlalchemy.dialects.postgresql import insert as pg_insert
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert

    table = table_of(ScorecardCache)
    stmt: Any = (pg_insert if session.bind and session.bind.dialect.name == "postgresql" else sqlite_insert)(table)
    key = ["institution_id", "period", "ytd", "unit_id", "built_by"]  # built_by: the server's current_user
    session.execute(stmt.on_conflict_do_update(index_elements=key, set_={"payload": stmt.excluded.payload}), rows)


# --- views to JSON and back ------------------------------------------------------------------------------

# bump when ScorecardView changes shape: entries of another format are treated as missing
FORMAT = 4  # 2: indicator lines carry last year's figure; 3: whose figure it is; 4: the signal (chance.py)


def view_to_dict(view: ScorecardView) -> dict[str, Any]:
    return {"format": FORMAT, "view": _plain(view)}


def view_from_dict(payload: dict[str, Any]) -> ScorecardView | None:
    if payload.get("format") != FORMAT:
        return None
    view = _rebuild(ScorecardView, payload["view"])
    assert isinstance(view, ScorecardView)
    return view


def _plain(x: Any) -> Any:
    if dataclasses.is_dataclass(x) and not isinstance(x, type):
        return {f.name: _plain(getattr(x, f.name)) for f in dataclasses.fields(x)}
    if isinstance(x, Enum):
        return x.value
    if isinstance(x, tuple | list):
        return [_plain(v) for v in x]
    if isinstance(x, dict):
        return {k: _plain(v) for k, v in x.items()}
    return x


@functools.cache
def _fields(kind: type) -> tuple[tuple[str, Any], ...]:
    """A dataclass's fields with their resolved hints, once per class (a view has hundreds of lines)."""
    hints = get_type_hints(kind)
    return tuple((f.name, hints[f.name]) for f in dataclasses.fields(kind))


def _rebuild(kind: Any, data: Any) -> Any:
    """The value of type ``kind`` that :func:`_plain` turned into ``data``, led by the type hints."""
    origin, args = get_origin(kind), get_args(kind)
    if data is None:
        return None
    if origin in (Union, UnionType):  # X | None
        return _rebuild(next(a for a in args if a is not type(None)), data)
    if origin is tuple:  # tuple[X, ...] or tuple[X, Y]
        kinds = [args[0]] * len(data) if args[-1] is Ellipsis else list(args)
        return tuple(_rebuild(k, v) for k, v in zip(kinds, data, strict=True))
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        return kind(**{name: _rebuild(hint, data[name]) for name, hint in _fields(kind)})
    if isinstance(kind, type) and issubclass(kind, Enum):
        return kind(data)
    return data  # numbers, strings, plain dicts
