"""Editions: each import of a source, the figures it created or changed, and the figures of sources that
are not an indicator's official one (scorecard.sources says which source is which).

An edition's figures are logged as they change (``edition_values``): the figure as of an edition is, cell
by cell, the latest logged at or before it.  A source's first edition logs every figure it covers, so
what was there before it is what it gave.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from sqlalchemy import CursorResult, func, insert, literal, or_, select
from sqlalchemy.orm import Session

from scorecard import access, view_cache
from scorecard.audit import give_reason, record
from scorecard.domain import Definition
from scorecard.errors import ValidationFailed
from scorecard.figure_rows import ResultRow, WriteReport, check_results, result_values, same_figure
from scorecard.models import (
    Edition,
    EditionValue,
    Institution,
    Result,
    SourceFigure,
    Unit,
    UnitClosure,
    table_of,
    utcnow,
)
from scorecard.sources import FIGURES, same_code, source_id

if TYPE_CHECKING:
    from scorecard.store import Store


def record_edition(
    s: Session,
    inst: Institution,
    source: str,
    kind: str,
    file: str | None,
    batch_id: int | None,
    indicator_ids: Iterable[int],
    months: Sequence[int],
    user: str | None,
) -> Edition:
    ids = sorted(set(indicator_ids))
    e = Edition(
        institution_id=inst.id,
        source=source,
        batch_id=batch_id,
        kind=kind,
        file=file,
        user=user,
        indicator_ids=ids,
        first_month=min(months),
        last_month=max(months),
    )
    s.add(e)
    s.flush()
    return e


def log_official(
    s: Session, e: Edition, scope_unit_id: int | None = None, *, new_logged: bool = False, inserted: int | None = None
) -> int:
    """The edition's figures of an official source: the results its batch wrote; the first edition of a
    source for an indicator takes every result it covers (what was there before it is what it gave) —
    of a commander's edition (``scope_unit_id``), those of their units only: the rest are not theirs to
    vouch for, and a server refuses their edition rows outside the scope.  ``new_logged``: the values the
    batch inserted are logged already (the column writer logs them as it inserts them), the rest here;
    ``inserted``: how many of this edition's indicators' values it inserted, when known."""
    res = table_of(Result)
    cols = [res.c.indicator_id, res.c.unit_id, res.c.month, *(res.c[f] for f in FIGURES)]
    earlier = s.scalar(
        select(func.count())
        .select_from(Edition)
        .where(Edition.institution_id == e.institution_id, Edition.source == e.source, Edition.id < e.id)
    )
    if earlier:
        if e.batch_id is None:
            return 0
        q = select(literal(e.id), *cols).where(res.c.batch_id == e.batch_id)
    else:
        q = select(literal(e.id), *cols).where(
            res.c.indicator_id.in_(e.indicator_ids), res.c.month >= e.first_month, res.c.month <= e.last_month
        )
        if scope_unit_id is not None:
            inside = select(UnitClosure.descendant_id).where(UnitClosure.ancestor_id == scope_unit_id)
            q = q.where(res.c.unit_id.in_(inside))
    if new_logged and e.batch_id is not None:  # a value this batch inserted is its batch's at version 1
        if (
            not earlier
            and inserted is not None
            and s.scalar(select(func.count()).select_from(q.subquery())) == inserted
        ):
            return inserted  # it covers only what it inserted (a first import): counted on the key's index
        q = q.where(or_(res.c.batch_id.is_(None), res.c.batch_id != e.batch_id, res.c.version != 1))
    ev = table_of(EditionValue)
    done = s.execute(insert(ev).from_select(["edition_id", "indicator_id", "unit_id", "month", *FIGURES], q))
    return int(done.rowcount or 0) if isinstance(done, CursorResult) else 0


def write_source_figures(
    store: Store,
    s: Session,
    inst: Institution,
    source: str,
    rows: Sequence[ResultRow],
    definitions: dict[int, Definition],
    *,
    kind: str,
    file: str | None,
    months: Sequence[int],
    reason: str | None = None,
) -> WriteReport:
    """A source's figures that are not its indicators' official ones: checked by the core's rules (a source
    may report at any level), compared with what the source gave before, written, logged as an edition."""
    levels = dict(s.execute(select(Unit.id, Unit.level).where(Unit.institution_id == inst.id)).all())
    codes = dict(s.execute(select(Unit.id, Unit.code).where(Unit.institution_id == inst.id)).all())
    any_level = {k: _any_level(d, levels) for k, d in definitions.items()}
    problems = check_results(rows, any_level, levels, codes)
    if problems:
        raise ValidationFailed(problems)
    access.require_planner(s, store.actor, inst.id, "sources.import")
    give_reason(s, reason)
    sid = source_id(s, inst, source, create=True)
    sf = table_of(SourceFigure)
    ids = sorted({r.indicator_id for r in rows})
    stored = {
        (r.indicator_id, r.unit_id, r.month): r
        for r in s.execute(
            select(sf.c.id, sf.c.indicator_id, sf.c.unit_id, sf.c.month, *(sf.c[f] for f in FIGURES)).where(
                sf.c.source_id == sid, sf.c.indicator_id.in_(ids)
            )
        )
    }
    report = WriteReport(rows=len(rows))
    new, changed = [], []
    for r in rows:
        v = result_values(r, definitions[r.indicator_id])
        old = stored.get((r.indicator_id, r.unit_id, r.month))
        if old is None:
            new.append((r, v))
        elif all(same_figure(getattr(old, f), v[f]) for f in FIGURES):
            report.unchanged += 1
        else:
            changed.append((r, v, old))
    report.new, report.changed = len(new), len(changed)
    e = record_edition(s, inst, source, kind, file, None, ids, months, store.actor.name)
    now = utcnow()
    first = not s.scalar(
        select(func.count())
        .select_from(Edition)
        .where(Edition.institution_id == inst.id, Edition.source == source, Edition.id < e.id)
    )
    if new:
        s.execute(
            insert(sf),
            [
                {
                    "source_id": sid,
                    "indicator_id": r.indicator_id,
                    "unit_id": r.unit_id,
                    "month": r.month,
                    **{f: v[f] for f in FIGURES},
                    "edition_id": e.id,
                    "updated_at": now,
                }
                for r, v in new
            ],
        )
    for _r, v, old in changed:
        s.execute(
            sf.update().where(sf.c.id == old.id).values(**{f: v[f] for f in FIGURES}, edition_id=e.id, updated_at=now)
        )
    logged = [(r, v) for r, v in new] + [(r, v) for r, v, _o in changed]
    if first:
        logged = [(r, result_values(r, definitions[r.indicator_id])) for r in rows]
    if logged:
        s.execute(
            insert(table_of(EditionValue)),
            [
                {
                    "edition_id": e.id,
                    "indicator_id": r.indicator_id,
                    "unit_id": r.unit_id,
                    "month": r.month,
                    **{f: v[f] for f in FIGURES},
                }
                for r, v in logged
            ],
        )
    record(
        s,
        store.actor.name,
        [
            {
                "action": "edition",
                "entity": "source",
                "entity_key": f"{inst.code}/{source}/{e.id}",
                "institution_id": inst.id,
                "old": None,
                "new": {"file": file, "new": len(new), "changed": len(changed), "unchanged": report.unchanged},
                "reason": reason,
            }
        ]
        + [
            {
                "action": "revise",
                "entity": "source_figure",
                "entity_key": f"{source}/{r.indicator_id}/{r.unit_id}/{r.month}",
                "institution_id": inst.id,
                "unit_id": r.unit_id,
                "indicator_id": r.indicator_id,
                "month": r.month,
                "old": {f: getattr(old, f) for f in FIGURES},
                "new": {f: v[f] for f in FIGURES},
                "reason": reason,
            }
            for r, v, old in changed
        ],
    )
    report.batch = None
    report.edition = e.id
    view_cache.invalidate(s, inst.id)
    return report


def _any_level(d: Definition, levels: dict[int, str]) -> Definition:
    """A source may report at any level: the reporting-level rule is the official figures' only."""
    return dataclasses.replace(d, levels=tuple(sorted(set(levels.values()))))


def editions_covering(
    s: Session, inst: Institution, indicator_id: int, first: int, last: int, source: str | None
) -> list[Edition]:
    q = (
        select(Edition)
        .where(Edition.institution_id == inst.id, Edition.first_month <= last, Edition.last_month >= first)
        .order_by(Edition.imported_at, Edition.id)
    )
    out = [e for e in s.scalars(q) if indicator_id in (e.indicator_ids or [])]
    return [e for e in out if source is None or same_code(e.source, source)]
