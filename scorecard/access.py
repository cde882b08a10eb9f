"""Who may do what: the acting user (:class:`Actor`) and the checks every core write path makes.

The rules of spec/domain.md: a commander writes results in their unit and everything below it, in
months that are not under review or approved; a planner acts on their own institution; an executive
reads only; an administrator does everything (and every act is audited).  A refusal is a
:class:`UserError` raised before anything is written, so the caller's transaction rolls back whole.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import ARRAY, Integer, cast, func, select
from sqlalchemy.orm import Session

from scorecard.domain import Role, SubmissionState
from scorecard.errors import UserError
from scorecard.models import Institution, Submission, Unit, UnitClosure
from scorecard.periods import Period


@dataclass(frozen=True)
class Actor:
    """The user a store acts as.  ``local`` marks the local administrator of an SQLite file (or of a
    database that has no users yet), who has no row in ``users``."""

    name: str
    role: Role
    institution_id: int | None = None
    scope_unit_id: int | None = None
    local: bool = False

    @property
    def is_admin(self) -> bool:
        return self.role is Role.ADMIN


def _institution_code(session: Session, institution_id: int | None) -> str:
    if institution_id is None:
        return "-"
    return session.scalar(select(Institution.code).where(Institution.id == institution_id)) or str(institution_id)


def require_role(actor: Actor, action: str, *roles: Role) -> None:
    """Only ``roles`` (and the administrator) may do ``action``."""
    if actor.is_admin or actor.role in roles:
        return
    if actor.role is Role.EXECUTIVE:
        raise UserError("access.read_only", user=actor.name, action=action)
    raise UserError("access.role", user=actor.name, role=actor.role.value, action=action)


def require_institution(session: Session, actor: Actor, institution_id: int, action: str) -> None:
    """A planner (or commander) acts on their own institution only."""
    if actor.is_admin:
        return
    if actor.institution_id != institution_id:
        raise UserError(
            "access.institution",
            user=actor.name,
            action=action,
            own=_institution_code(session, actor.institution_id),
            institution=_institution_code(session, institution_id),
        )


def require_planner(session: Session, actor: Actor, institution_id: int, action: str) -> None:
    """Plans, targets, unit trees, approvals: the planning office of the institution, or an admin."""
    require_role(actor, action, Role.PLANNER)
    require_institution(session, actor, institution_id, action)


def require_reader(session: Session, actor: Actor, institution_id: int) -> None:
    """Anyone reads the scorecards of their own institution; a user bound to none (an administrator, a
    national executive) reads every institution's."""
    if actor.institution_id is not None and actor.institution_id != institution_id and not actor.is_admin:
        raise UserError(
            "access.read_institution",
            user=actor.name,
            own=_institution_code(session, actor.institution_id),
            institution=_institution_code(session, institution_id),
        )


def outside_scope(session: Session, actor: Actor, unit_ids: Iterable[int]) -> list[int]:
    """The units of ``unit_ids`` that are not in the actor's subtree (none for a non-commander)."""
    wanted = set(unit_ids)
    if actor.role is not Role.COMMANDER or not wanted:
        return []
    if actor.scope_unit_id is None:
        return sorted(wanted)
    inside = set(
        session.scalars(
            select(UnitClosure.descendant_id).where(
                UnitClosure.ancestor_id == actor.scope_unit_id, UnitClosure.descendant_id.in_(wanted)
            )
        )
    )
    return sorted(wanted - inside)


def _codes(session: Session, unit_ids: Iterable[int]) -> list[str]:
    ids = list(unit_ids)
    return sorted(session.scalars(select(Unit.code).where(Unit.id.in_(ids[:200]))))


def require_unit_writer(
    session: Session, actor: Actor, institution_id: int, unit_ids: Iterable[int], action: str
) -> None:
    """Writing a unit's figures: planners of the institution, commanders in their subtree, admins."""
    require_role(actor, action, Role.PLANNER, Role.COMMANDER)
    require_institution(session, actor, institution_id, action)
    outside = outside_scope(session, actor, unit_ids)
    if outside:
        scope = _codes(session, [actor.scope_unit_id]) if actor.scope_unit_id else ["-"]
        codes = _codes(session, outside)
        raise UserError(
            "access.scope", user=actor.name, scope=scope[0], units=", ".join(codes[:10]), count=len(outside)
        )


def locked_cells(
    session: Session, pairs: set[tuple[int, int]], states: Iterable[str], *, hold: bool = True
) -> dict[tuple[int, int], str]:
    """Which (unit, month) pairs fall under a submission in one of ``states`` (of the unit or an
    ancestor): cell → the state.  With ``hold`` the submission rows are share-locked, so an approval
    cannot slip in between this check and the caller's commit (a screen that only shows them does not
    hold them)."""
    if not pairs:
        return {}
    months = sorted({m for _u, m in pairs})
    units = {u for u, _m in pairs}
    q = (
        select(UnitClosure.descendant_id, Submission.month, Submission.state)
        .join(UnitClosure, UnitClosure.ancestor_id == Submission.unit_id)
        .where(Submission.month.in_(months), Submission.state.in_(list(states)))
    )
    if len(units) <= 500:
        q = q.where(UnitClosure.descendant_id.in_(units))
    if not hold:
        pass
    elif session.connection().dialect.name == "postgresql":
        # SELECT … FOR SHARE needs UPDATE on submissions, which no user has: the server's function locks
        session.execute(select(func.gpr_hold_months(cast(months, ARRAY(Integer)))))
    else:
        q = q.with_for_update(read=True, of=Submission)
    found: dict[tuple[int, int], str] = {}
    for unit_id, month, state in session.execute(q):
        if (unit_id, month) in pairs and found.get((unit_id, month)) != SubmissionState.APPROVED:
            found[(unit_id, month)] = state
    return found


def require_open_cells(session: Session, actor: Actor, pairs: set[tuple[int, int]]) -> None:
    """Results of an approved unit-month are locked for everyone (a planner reopens first); while one is
    submitted, under review, its commander cannot change it either."""
    states = [SubmissionState.APPROVED.value]
    if actor.role is Role.COMMANDER:
        states.append(SubmissionState.SUBMITTED.value)
    locked = locked_cells(session, pairs, states)
    if not locked:
        return
    (unit_id, month), state = min(locked.items())
    code = _codes(session, [unit_id])
    raise UserError(
        "period.locked" if state == SubmissionState.APPROVED else "period.under_review",
        unit=code[0] if code else unit_id,
        period=Period.of_month(month).code,
        count=len(locked),
    )
