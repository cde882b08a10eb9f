"""Institutions: code, name, the names of their tree's levels, thresholds and filing deadline."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from scorecard import access, view_cache
from scorecard.audit import record
from scorecard.domain import SubmissionState, Thresholds
from scorecard.errors import UserError
from scorecard.models import Institution, Submission, Unit
from scorecard.periods import Period

if TYPE_CHECKING:
    from scorecard.store import Store


@dataclass(frozen=True)
class InstitutionInfo:
    id: int
    code: str
    name: str
    level_names: tuple[str, ...]
    thresholds: Thresholds
    deadline_days: int
    units: int


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

    def set_thresholds(
        self, code: str, green: float | None, yellow: float | None, *, session: Session | None = None
    ) -> InstitutionInfo:
        """The institution's default thresholds (fractions of performance: 0.9, 0.75), used by every
        indicator without its own.  Both or none (none: the domain's 90 % / 75 %), yellow ≤ green — the
        plan's rule.  They hold for every month (the institution's thresholds have no history), so they
        are refused while any month of the institution is approved: a closed month is never rescored.
        Planning office or admin; audited."""
        from scorecard.plans import thresholds_invalid

        if thresholds_invalid(green, yellow):
            raise UserError("thresholds.invalid", green=green, yellow=yellow)
        th = Thresholds() if green is None or yellow is None else Thresholds(green, yellow)
        if session is None:
            with self.store.transaction() as s:
                self.set_thresholds(code, green, yellow, session=s)
            return self.get(code)
        inst = self.store.institution(session, code)
        access.require_planner(session, self.store.actor, inst.id, "institution.thresholds")
        old = {"green": inst.green, "yellow": inst.yellow}
        new = {"green": th.green, "yellow": th.yellow}
        if old != new:
            closed = session.scalar(
                select(Submission.month)
                .join(Unit, Unit.id == Submission.unit_id)
                .where(Unit.institution_id == inst.id, Submission.state == SubmissionState.APPROVED.value)
                .order_by(Submission.month.desc())
                .limit(1)
            )
            if closed is not None:
                raise UserError(
                    "institution.thresholds_closed", institution=inst.code, period=Period.of_month(closed).code
                )
            inst.green, inst.yellow = th.green, th.yellow
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
                        "new": new,
                    }
                ],
            )
            view_cache.invalidate(session, inst.id)  # every stored scorecard was coloured by the old ones
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
                )
                for i in s.scalars(select(Institution).order_by(Institution.code))
            ]

    def get(self, code: str) -> InstitutionInfo:
        with self.store.reading() as s:
            return self.info_of(s, self.store.institution(s, code))

    @staticmethod
    def info_of(session: Session, i: Institution) -> InstitutionInfo:
        n = session.scalar(select(func.count()).select_from(Unit).where(Unit.institution_id == i.id)) or 0
        return InstitutionInfo(
            i.id, i.code, i.name, tuple(i.level_names), Thresholds(i.green, i.yellow), i.deadline_days, n
        )
