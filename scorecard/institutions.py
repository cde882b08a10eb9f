"""Institutions: code, name, the names of their tree's levels, thresholds and filing deadline."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from scorecard import access, view_cache
from scorecard.audit import record
from scorecard.domain import SubmissionState, Thresholds
from scorecard.errors import UserError
from scorecard.models import Institution, InstitutionThresholds, Submission, Unit
from scorecard.periods import Period, add_months, month_of

if TYPE_CHECKING:
    from scorecard.store import Store


@dataclass(frozen=True)
class InstitutionInfo:
    id: int
    code: str
    name: str
    level_names: tuple[str, ...]
    thresholds: Thresholds  # in force this month
    deadline_days: int
    units: int
    history: tuple[tuple[int, Thresholds], ...] = ()  # (from month, thresholds), after the base pair
    tolerance_pct: float = 2.0  # two sources disagree where their difference passes both tolerances
    tolerance_abs: float = 2.0
    alpha: float = 0.05  # a count is told apart from its target by chance below this (scorecard.chance)


def thresholds_at(session: Session, inst: Institution, month: int) -> Thresholds:
    """The institution's thresholds in force at ``month``: the latest change from a month on or before
    it, else its own pair."""
    row = session.execute(
        select(InstitutionThresholds.green, InstitutionThresholds.yellow)
        .where(InstitutionThresholds.institution_id == inst.id, InstitutionThresholds.valid_from <= month)
        .order_by(InstitutionThresholds.valid_from.desc())
        .limit(1)
    ).first()
    return Thresholds(row[0], row[1]) if row else Thresholds(inst.green, inst.yellow)


class Institutions:
    def __init__(self, store: Store) -> None:
        self.store = store

    def ensure(
        self,
        session: Session,
        code: str,
        name: str | None = None,
        *,
        level_names: list[str] | None = None,
        thresholds: Thresholds | None = None,
        deadline_days: int | None = None,
    ) -> tuple[Institution, bool]:
        """The institution with this code, created (and audited) if new."""
        code = code.strip().upper()
        inst = session.scalar(select(Institution).where(Institution.code == code))
        if inst is not None:
            return inst, False
        access.require_role(self.store.actor, "institution.create")
        th = thresholds or Thresholds()
        inst = Institution(
            code=code,
            name=name or code,
            level_names=level_names or [],
            green=th.green,
            yellow=th.yellow,
            deadline_days=deadline_days or 5,
        )
        session.add(inst)
        session.flush()
        record(
            session,
            self.store.user,
            [
                {
                    "action": "create",
                    "entity": "institution",
                    "entity_key": code,
                    "institution_id": inst.id,
                    "old": None,
                    "new": {"code": code, "name": inst.name, "levels": inst.level_names},
                }
            ],
        )
        return inst, True

    def set_deadline(self, code: str, working_days: int) -> InstitutionInfo:
        """The filing deadline: the n-th working day after the month ends (planning office, audited)."""
        if not 1 <= working_days <= 60:
            raise UserError("institution.deadline_invalid", value=working_days)
        with self.store.transaction() as s:
            inst = self.store.institution(s, code)
            access.require_planner(s, self.store.actor, inst.id, "institution.deadline")
            old, inst.deadline_days = inst.deadline_days, working_days
            if old != working_days:
                record(
                    s,
                    self.store.user,
                    [
                        {
                            "action": "update",
                            "entity": "institution",
                            "entity_key": inst.code,
                            "institution_id": inst.id,
                            "old": {"deadline_days": old},
                            "new": {"deadline_days": working_days},
                        }
                    ],
                )
        return self.get(code)

    def set_tolerance(self, code: str, pct: float, abs_: float) -> InstitutionInfo:
        """How far two sources may differ (percent of the official figure and absolute) before the
        reconciliation calls it a disagreement: planning office, audited."""
        if not (0 <= pct <= 100 and 0 <= abs_ <= 1e9):
            raise UserError("institution.tolerance_invalid", pct=pct, abs=abs_)
        with self.store.transaction() as s:
            inst = self.store.institution(s, code)
            access.require_planner(s, self.store.actor, inst.id, "institution.tolerance")
            old = {"tolerance_pct": inst.tolerance_pct, "tolerance_abs": inst.tolerance_abs}
            new = {"tolerance_pct": float(pct), "tolerance_abs": float(abs_)}
            if old != new:
                inst.tolerance_pct, inst.tolerance_abs = new["tolerance_pct"], new["tolerance_abs"]
                record(
                    s,
                    self.store.user,
                    [
                        {
                            "action": "update",
                            "entity": "institution",
                            "entity_key": inst.code,
                            "institution_id": inst.id,
                            "old": old,
                            "new": new,
                        }
                    ],
                )
                view_cache.invalidate(s, inst.id)  # stored views marked disagreements by the old ones
        return self.get(code)

    def set_alpha(self, code: str, alpha: float) -> InstitutionInfo:
        """The significance level of the signal beside each colour (statistics.md §1): planning office,
        audited.  Between 0.0001 and 0.5: beyond, every result or none would be a signal."""
        if not 0.0001 <= alpha <= 0.5:
            raise UserError("institution.alpha_invalid", value=alpha)
        with self.store.transaction() as s:
            inst = self.store.institution(s, code)
            access.require_planner(s, self.store.actor, inst.id, "institution.alpha")
            if inst.alpha != alpha:
                old, inst.alpha = inst.alpha, float(alpha)
                entry = {
                    "action": "update",
                    "entity": "institution",
                    "entity_key": inst.code,
                    "institution_id": inst.id,
                    "old": {"alpha": old},
                    "new": {"alpha": float(alpha)},
                }
                record(s, self.store.user, [entry])
                view_cache.invalidate(s, inst.id)  # stored views carry the signal at the old level
        return self.get(code)

    def set_thresholds(
        self,
        code: str,
        green: float | None,
        yellow: float | None,
        *,
        effective_from: int | None = None,
        session: Session | None = None,
    ) -> InstitutionInfo:
        """The institution's default thresholds (fractions of performance: 0.9, 0.75), used by every
        indicator without its own.  Both or none (none: the domain's 90 % / 75 %), yellow ≤ green — the
        plan's rule.  A change takes effect from a month on (``effective_from``, yyyymm) and never
        rescores an approved month: by default from the month after the last approved one, or for every
        month while none is approved; a month given at or before an approved one is refused.  Planning
        office or admin; audited."""
        from scorecard.plan_specs import thresholds_invalid

        if thresholds_invalid(green, yellow):
            raise UserError("thresholds.invalid", green=green, yellow=yellow)
        th = Thresholds() if green is None or yellow is None else Thresholds(green, yellow)
        if session is None:
            with self.store.transaction() as s:
                self.set_thresholds(code, green, yellow, effective_from=effective_from, session=s)
            return self.get(code)
        inst = self.store.institution(session, code)
        access.require_planner(session, self.store.actor, inst.id, "institution.thresholds")
        closed = session.scalar(
            select(Submission.month)
            .join(Unit, Unit.id == Submission.unit_id)
            .where(Unit.institution_id == inst.id, Submission.state == SubmissionState.APPROVED.value)
            .order_by(Submission.month.desc())
            .limit(1)
        )
        if effective_from is None and closed is not None:
            effective_from = add_months(closed, 1)
        if effective_from is not None and closed is not None and effective_from <= closed:
            raise UserError(
                "institution.thresholds_closed",
                institution=inst.code,
                period=Period.of_month(closed).code,
                start=Period.of_month(effective_from).code,
                next=Period.of_month(add_months(closed, 1)).code,
            )
        before = thresholds_at(session, inst, effective_from or 0)
        old = {"green": before.green, "yellow": before.yellow}
        new = {"green": th.green, "yellow": th.yellow}
        table = InstitutionThresholds
        if effective_from is None:  # no month judged yet: the pair for every month
            history = session.scalar(select(func.count()).select_from(table).where(table.institution_id == inst.id))
            if old == new and not history:
                return self.info_of(session, inst)
            session.execute(delete(table).where(table.institution_id == inst.id))
            inst.green, inst.yellow = th.green, th.yellow
        else:
            if old == new:
                return self.info_of(session, inst)
            stored = session.get(table, (inst.id, effective_from))
            if stored is None:
                session.add(table(institution_id=inst.id, valid_from=effective_from, green=th.green, yellow=th.yellow))
            else:
                stored.green, stored.yellow = th.green, th.yellow
            session.flush()
        record(
            session,
            self.store.user,
            [
                {
                    "action": "update",
                    "entity": "institution",
                    "entity_key": inst.code,
                    "institution_id": inst.id,
                    "old": old,
                    "new": new if effective_from is None else {**new, "from": Period.of_month(effective_from).code},
                }
            ],
        )
        view_cache.invalidate(session, inst.id)  # stored scorecards were coloured by the old ones
        return self.info_of(session, inst)

    def list(self) -> list[InstitutionInfo]:
        with self.store.reading() as s:
            counts = dict(s.execute(select(Unit.institution_id, func.count()).group_by(Unit.institution_id)).all())
            return [
                InstitutionInfo(
                    i.id,
                    i.code,
                    i.name,
                    tuple(i.level_names),
                    Thresholds(i.green, i.yellow),
                    i.deadline_days,
                    counts.get(i.id, 0),
                    tolerance_pct=i.tolerance_pct,
                    tolerance_abs=i.tolerance_abs,
                    alpha=i.alpha,
                )
                for i in s.scalars(select(Institution).order_by(Institution.code))
            ]

    def get(self, code: str) -> InstitutionInfo:
        with self.store.reading() as s:
            return self.info_of(s, self.store.institution(s, code))

    @staticmethod
    def info_of(session: Session, i: Institution) -> InstitutionInfo:
        n = session.scalar(select(func.count()).select_from(Unit).where(Unit.institution_id == i.id)) or 0
        history = tuple(
            (m, Thresholds(g, y))
            for m, g, y in session.execute(
                select(InstitutionThresholds.valid_from, InstitutionThresholds.green, InstitutionThresholds.yellow)
                .where(InstitutionThresholds.institution_id == i.id)
                .order_by(InstitutionThresholds.valid_from)
            )
        )
        now = thresholds_at(session, i, month_of(dt.date.today())) if history else Thresholds(i.green, i.yellow)
        return InstitutionInfo(
            i.id,
            i.code,
            i.name,
            tuple(i.level_names),
            now,
            i.deadline_days,
            n,
            history,
            tolerance_pct=i.tolerance_pct,
            tolerance_abs=i.tolerance_abs,
            alpha=i.alpha,
        )
