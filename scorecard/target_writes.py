"""Targets written: checked, diffed against what is stored, frozen where the month was approved, audited;
and monthly targets made from an annual one.  :meth:`Figures.write_targets` is this module's way in."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
from sqlalchemy import Integer, bindparam, cast, select, update
from sqlalchemy.orm import Session

from scorecard import access, view_cache
from scorecard.audit import give_reason, record
from scorecard.domain import Kind, SubmissionState
from scorecard.errors import Problem, ValidationFailed
from scorecard.figure_rows import TargetRow, WriteReport, same_figure
from scorecard.figures import insert_or_conflict
from scorecard.models import Indicator, Target, Unit, table_of, utcnow
from scorecard.periods import Period, add_months

if TYPE_CHECKING:
    from scorecard.figures import Figures


def write_targets(
    figures: Figures,
    session: Session,
    institution_id: int,
    rows: Sequence[TargetRow],
    *,
    reason: str | None = None,
    batch_kind: str = "targets",
    file: str | None = None,
) -> WriteReport:
    """Set targets (the institution's planning office); a revised target is audited with its reason."""
    report = WriteReport(rows=len(rows))
    if not rows:
        return report
    access.require_planner(session, figures.store.actor, institution_id, "targets.write")
    give_reason(session, reason)
    problems = [Problem("cell.negative", column="meta", value=r.value) for r in rows if r.value < 0]
    if problems:
        raise ValidationFailed(problems)
    ind_ids = sorted({r.indicator_id for r in rows})
    stored = {
        (t.indicator_id, t.unit_id, t.month): (t.id, t.value)
        for t in session.execute(
            select(Target.id, Target.indicator_id, Target.unit_id, Target.month, Target.value).where(
                Target.indicator_id.in_(ind_ids)
            )
        )
    }
    new = [r for r in rows if (r.indicator_id, r.unit_id, r.month) not in stored]
    changed = [
        (r, stored[(r.indicator_id, r.unit_id, r.month)])
        for r in rows
        if (k := (r.indicator_id, r.unit_id, r.month)) in stored and not same_figure(stored[k][1], r.value)
    ]
    report.unchanged = len(rows) - len(new) - len(changed)
    if not new and not changed:
        return report
    _refuse_frozen(session, [*new, *(r for r, _old in changed)], {r: i for i, r in enumerate(rows)})
    batch = figures._new_batch(session, batch_kind, file, rows=len(rows), new=len(new), changed=len(changed))
    report.batch, report.new, report.changed = batch.id, len(new), len(changed)
    now = utcnow()
    if new:
        insert_or_conflict(
            session,
            table_of(Target),
            [
                {
                    "indicator_id": r.indicator_id,
                    "unit_id": r.unit_id,
                    "month": r.month,
                    "value": r.value,
                    "batch_id": batch.id,
                    "updated_at": now,
                    "updated_by": figures.store.user,
                    "version": 1,
                }
                for r in new
            ],
        )
    if changed:
        t = table_of(Target)
        session.connection().execute(
            update(t)
            .where(t.c.id == bindparam("tid"))
            .values(
                value=bindparam("v"),
                batch_id=batch.id,
                updated_at=now,
                updated_by=figures.store.user,
                version=t.c.version + cast(1, Integer),
            ),
            [{"tid": tid, "v": r.value} for r, (tid, _old) in changed],
        )
    audit = [
        {
            "action": "revise",
            "entity": "target",
            "entity_key": f"{r.indicator_id}/{r.unit_id}/{r.month}",
            "institution_id": institution_id,
            "unit_id": r.unit_id,
            "indicator_id": r.indicator_id,
            "month": r.month,
            "old": old,
            "new": r.value,
            "reason": reason,
            "batch_id": batch.id,
        }
        for r, (_tid, old) in changed
    ]
    if new:
        audit.append(
            {
                "action": "set",
                "entity": "batch",
                "entity_key": str(batch.id),
                "institution_id": institution_id,
                "old": None,
                "new": {"new_targets": len(new), "file": file},
                "reason": reason,
                "batch_id": batch.id,
            }
        )
    record(session, figures.store.user, audit)
    view_cache.invalidate(session, institution_id)
    return report


def _refuse_frozen(session: Session, rows: Sequence[TargetRow], index: dict[TargetRow, int]) -> None:
    """Targets of an approved unit-month are frozen: what the month was judged against stays (a
    re-programming applies from an open month on).  One problem per frozen target, its ``index`` the
    row's position in the caller's list so an import can say where in the file it is."""
    pairs = {(r.unit_id, r.month) for r in rows}
    frozen = access.locked_cells(session, pairs, [SubmissionState.APPROVED.value])
    if not frozen:
        return
    hit = [r for r in rows if (r.unit_id, r.month) in frozen]
    units = dict(session.execute(select(Unit.id, Unit.code).where(Unit.id.in_({r.unit_id for r in hit}))).all())
    wanted = {r.indicator_id for r in hit}
    inds = dict(session.execute(select(Indicator.id, Indicator.code).where(Indicator.id.in_(wanted))).all())
    problems = []
    for r in sorted(hit, key=lambda r: (r.month, units.get(r.unit_id, ""))):
        p = Problem(
            "target.frozen",
            column="meta",
            value=r.value,
            unit=units.get(r.unit_id, r.unit_id),
            indicator=inds.get(r.indicator_id, r.indicator_id),
            period=Period.of_month(r.month).code,
        )
        p.params["index"] = index.get(r)
        problems.append(p)
    raise ValidationFailed(problems)


def distribute_annual(total: float, year: int, kind: Kind, profile: Sequence[float] | None = None) -> list[TargetRow]:
    """Monthly targets from an annual one (without indicator/unit: callers fill those in).

    Flows (counts) are split by the profile (evenly by default) so the months add up to the year;
    levels, means and rates keep the annual figure each month.
    """
    weights = np.asarray(profile if profile is not None else [1.0] * 12, dtype=float)
    if weights.shape != (12,) or (weights < 0).any() or weights.sum() <= 0:
        raise ValueError("a monthly profile has 12 non-negative weights that do not all vanish")
    months = [add_months(year * 100 + 1, k) for k in range(12)]
    values = total * weights / weights.sum() if kind is Kind.COUNT else np.full(12, float(total))
    return [TargetRow(0, 0, m, float(v)) for m, v in zip(months, values, strict=True)]
