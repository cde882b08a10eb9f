"""Users: roles, scopes, scrypt passwords, sign-in with lockout, and who the store acts as.

Who a store acts as (``store.actor``) comes from its user name:

- a row of ``users`` (active) is that user; on a PostgreSQL server a user must also sign in with
  :meth:`Users.authenticate` (or have the password in ``$SCORECARD_PASSWORD``, as the CLI does); on an SQLite
  file, whoever can open the file already holds all of it, so a name alone selects the user;
- the local administrator (``admin``) without a row is the administrator of an SQLite file, and of any
  database that has no users yet (someone must create the first one);
- any other name is refused.

Failed sign-ins count; from the fifth in a row the account is locked, for 30 s doubling with each
further failure up to an hour.  A correct password resets the count.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from scorecard import access
from scorecard.access import Actor
from scorecard.audit import record
from scorecard.domain import Role
from scorecard.errors import UserError
from scorecard.models import Institution, Unit, User, utcnow
from scorecard.passwords import hash_password, verify_password

if TYPE_CHECKING:
    from scorecard.store import Store

MAX_FAILURES = 5
FIRST_LOCK = dt.timedelta(seconds=30)
LONGEST_LOCK = dt.timedelta(hours=1)
NAME = re.compile(r"^[A-Za-z0-9._@-]{1,64}$")


def lock_after(failures: int) -> dt.timedelta | None:
    """How long an account stays locked after ``failures`` failed sign-ins in a row (None: not locked)."""
    if failures < MAX_FAILURES:
        return None
    return min(FIRST_LOCK * 2 ** min(failures - MAX_FAILURES, 20), LONGEST_LOCK)


@dataclass(frozen=True)
class UserInfo:
    name: str
    role: Role
    institution: str | None
    scope: str | None
    full_name: str | None
    active: bool
    has_password: bool
    locked_until: dt.datetime | None

    def as_json(self) -> dict[str, Any]:
        return {
            "user": self.name,
            "role": self.role.value,
            "institution": self.institution,
            "scope": self.scope,
            "full_name": self.full_name,
            "active": self.active,
            "password": self.has_password,
            "locked_until": self.locked_until.isoformat(timespec="seconds") + "Z" if self.locked_until else None,
        }


class Users:
    def __init__(self, store: Store) -> None:
        self.store = store

    # --- who acts ----------------------------------------------------------------------------------------

    def resolve(self, name: str) -> Actor:
        """The actor a store named ``name`` acts as, without a password (see the module's rules)."""
        from scorecard.store import LOCAL_ADMIN

        with self.store.reading() as s:
            row = s.scalar(select(User).where(User.name == name))
            if row is None:
                no_users = not s.scalar(select(func.count(User.id)))
                if name == LOCAL_ADMIN and (self.store.dialect == "sqlite" or no_users):
                    return Actor(name, Role.ADMIN, local=True)
                raise UserError("user.unknown", user=name, server=self.store.dialect != "sqlite")
            if not row.active:
                raise UserError("user.inactive", user=name)
            if self.store.dialect == "sqlite":
                return _actor(row)
        # a server: sign in, with the password a command line or a service was given in the environment
        password = os.environ.get("SCORECARD_PASSWORD")
        if not password:
            raise UserError("user.sign_in_required", user=name)
        self.authenticate(name, password)
        assert self.store._actor is not None
        return self.store._actor

    def authenticate(self, name: str, password: str) -> UserInfo:
        """Check a password and, if right, make the store act as that user (the GUI's sign-in).

        A wrong password and an unknown name get the same answer, after the same scrypt work.
        """
        now = utcnow()
        failure: UserError | None = None
        with self.store.transaction() as s:
            row = s.scalar(select(User).where(User.name == name).with_for_update())
            if row is not None and row.locked_until is not None and row.locked_until > now:
                seconds = int((row.locked_until - now).total_seconds()) + 1
                raise UserError("user.locked", user=name, seconds=seconds)
            right = verify_password(password, row.password_hash if row is not None else None)
            if row is None or not row.active or not right:
                failure = UserError("user.bad_credentials", user=name)
                if row is not None:
                    self._count_failure(s, row, now)
            else:
                row.failed_attempts = 0
                row.locked_until = None
                info, actor = self._info(s, row), _actor(row)
        if failure is not None:
            raise failure
        self.store.user = name
        self.store.act_as(actor)
        return info

    def _count_failure(self, session: Session, row: User, now: dt.datetime) -> None:
        row.failed_attempts = (row.failed_attempts or 0) + 1
        lock = lock_after(row.failed_attempts)
        if lock is not None:
            row.locked_until = now + lock
            record(
                session,
                row.name,
                [
                    {
                        "action": "lock",
                        "entity": "user",
                        "entity_key": row.name,
                        "institution_id": row.institution_id,
                        "old": None,
                        "new": {"failed_attempts": row.failed_attempts, "locked_seconds": int(lock.total_seconds())},
                        "reason": "failed sign-ins",
                    }
                ],
            )

    # --- managing users ----------------------------------------------------------------------------------

    def add(
        self,
        name: str,
        role: Role | str,
        *,
        institution: str | None = None,
        scope: str | None = None,
        password: str | None = None,
        full_name: str | None = None,
    ) -> UserInfo:
        """Create a user (administrators only).  A commander needs an institution and a scope unit; a
        planner an institution; an executive may be limited to one institution."""
        role = _role(role)
        if not NAME.match(name or ""):
            raise UserError("user.name_invalid", user=name)
        with self.store.transaction() as s:
            access.require_role(self.store.actor, "user.add")
            if s.scalar(select(User.id).where(User.name == name)) is not None:
                raise UserError("user.exists", user=name)
            inst_id, unit_id = self._scope(s, role, institution, scope)
            if password is not None and len(password) < 8:
                raise UserError("user.password_short", user=name)
            row = User(
                name=name,
                full_name=full_name,
                role=role.value,
                institution_id=inst_id,
                scope_unit_id=unit_id,
                password_hash=hash_password(password) if password is not None else None,
                failed_attempts=0,
                active=True,
            )
            s.add(row)
            s.flush()
            info = self._info(s, row)
            record(
                s,
                self.store.user,
                [
                    {
                        "action": "create",
                        "entity": "user",
                        "entity_key": name,
                        "institution_id": inst_id,
                        "unit_id": unit_id,
                        "old": None,
                        "new": {"role": role.value, "institution": info.institution, "scope": info.scope},
                    }
                ],
            )
            return info

    def set_password(self, name: str, password: str) -> None:
        """A new password (administrators, or the user for themselves); unlocks the account."""
        if len(password) < 8:
            raise UserError("user.password_short", user=name)
        with self.store.transaction() as s:
            actor = self.store.actor
            if actor.name != name:
                access.require_role(actor, "user.password")
            row = self._row(s, name)
            row.password_hash = hash_password(password)
            row.failed_attempts = 0
            row.locked_until = None
            record(
                s,
                self.store.user,
                [{"action": "password", "entity": "user", "entity_key": name, "old": None, "new": None}],
            )

    def list(self) -> list[UserInfo]:
        with self.store.reading() as s:
            return [self._info(s, u) for u in s.scalars(select(User).order_by(User.name))]

    def get(self, name: str) -> UserInfo:
        with self.store.reading() as s:
            return self._info(s, self._row(s, name))

    def needs_sign_in(self) -> bool:
        """Whether a front end should ask who is there: a shared server with users, or a file with more
        than one user (a single-user file is its owner's, as the local administrator)."""
        n = self.count()
        return n > 1 or (n > 0 and self.store.dialect != "sqlite")

    def count(self) -> int:
        with self.store.reading() as s:
            return int(s.scalar(select(func.count(User.id))) or 0)

    # --- helpers -----------------------------------------------------------------------------------------

    @staticmethod
    def _row(session: Session, name: str) -> User:
        row = session.scalar(select(User).where(User.name == name))
        if row is None:
            raise UserError("user.unknown", user=name, server=False)
        return row

    def _scope(
        self, session: Session, role: Role, institution: str | None, scope: str | None
    ) -> tuple[int | None, int | None]:
        if role is Role.ADMIN:
            if institution or scope:
                raise UserError("user.admin_scope")
            return None, None
        if institution is None:
            if role is Role.EXECUTIVE and scope is None:
                return None, None
            raise UserError("user.institution_required", role=role.value)
        inst = self.store.institution(session, institution)
        if scope is None:
            if role is Role.COMMANDER:
                raise UserError("user.scope_required")
            return inst.id, None
        unit = self.store.units.find(session, inst.id, scope, inst.code)
        return inst.id, unit.id

    @staticmethod
    def _info(session: Session, row: User) -> UserInfo:
        inst = session.scalar(select(Institution.code).where(Institution.id == row.institution_id))
        unit = session.scalar(select(Unit.code).where(Unit.id == row.scope_unit_id))
        return UserInfo(
            row.name,
            Role(row.role),
            inst,
            unit,
            row.full_name,
            row.active,
            row.password_hash is not None,
            row.locked_until,
        )


def _role(role: Role | str) -> Role:
    try:
        return Role(role)
    except ValueError:
        raise UserError("user.role_invalid", value=role, candidates=[r.value for r in Role]) from None


def _actor(row: User) -> Actor:
    return Actor(row.name, Role(row.role), row.institution_id, row.scope_unit_id)
