"""Users: roles, scopes, passwords, sign-in, and who the store acts as.

On an SQLite file (whoever can open the file already holds all of it):
- a row of ``users`` (active) is that user, selected by name; scrypt passwords for the sign-in of a file
  with several users; failed sign-ins count, and from the fifth in a row the account is locked, for 30 s
  doubling with each further failure up to an hour (a correct password resets the count);
- the local administrator (``admin``) without a row is the file's administrator.

On a PostgreSQL server the server is the boundary (``scorecard.server_security``): every user is a login
role of the same name, the store connects as it, and the server checks the password (SCRAM-SHA-256); the
app keeps no hash there.  Adding a user makes the role (a trigger on ``users``), a password is set with
``ALTER ROLE`` (a verifier made on the client), deactivation is NOLOGIN.  The schema's owner (or a
superuser) without a row acts as the administrator.  Lockout after failed sign-ins is the server's to do
(docs/domain-decisions.md).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select, text
from sqlalchemy.exc import OperationalError
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

        if self.store.dialect == "postgresql":
            return self._server_actor()

        with self.store.reading() as s:  # a file: the name selects the user (the file is the boundary)
            row = s.scalar(select(User).where(User.name == name))
            if row is None:
                if name == LOCAL_ADMIN:
                    return Actor(name, Role.ADMIN, local=True)
                raise UserError("user.unknown", user=name, server=False)
            if not row.active:
                raise UserError("user.inactive", user=name)
            return _actor(row)

    def _server_actor(self) -> Actor:
        """On a server the store's connection is the user: its role's ``users`` row, or the schema's owner
        (a superuser, or who ran ``scorecard init``), the administrator of last resort."""
        with self.store.reading() as s:
            me = str(s.scalar(text("SELECT current_user")))
            row = s.scalar(select(User).where(User.name == me))
            if row is None:
                if not s.scalar(text(OWNER_CHECK)):
                    raise UserError("user.unknown", user=me, server=True)
                actor = Actor(me, Role.ADMIN, local=True)
            elif not row.active:
                raise UserError("user.inactive", user=me)
            else:
                actor = _actor(row)
        self.store.act_as(actor)
        return actor

    def authenticate(self, name: str, password: str) -> UserInfo:
        """Check a password and, if right, make the store act as that user (the GUI's sign-in).

        On a server the server checks it: the store connects as the user's own role from then on.  On a
        file a wrong password and an unknown name get the same answer, after the same scrypt work.
        """
        if self.store.dialect == "postgresql":
            return self._server_sign_in(name, password)
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

    def _server_sign_in(self, name: str, password: str) -> UserInfo:
        from scorecard import db

        url = self.store.engine.url.set(username=name).render_as_string(hide_password=False)
        engine = db.make_engine(url, password=password or None)
        try:
            with engine.connect() as conn:
                conn.execute(text("SELECT 1"))
        except OperationalError as exc:
            engine.dispose()
            if not db.login_refused(exc):
                raise UserError(
                    "db.unreachable", url=engine.url.render_as_string(hide_password=True), reason=exc.orig
                ) from exc
            # a wrong password, an unknown or deactivated role: one answer, as on a file
            raise UserError("user.bad_credentials", user=name) from None
        self.store.rebind(engine)
        self.store.schema = self.store.check_schema() or self.store.schema
        self.store.connected = True
        actor = self._server_actor()
        return self.get(actor.name) if not actor.local else _owner_info(actor)

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
        server = self.store.dialect == "postgresql"
        if server and not SERVER_NAME.match(name):
            raise UserError("user.name_server", user=name, suggestion=_server_name(name))
        with self.store.transaction() as s:
            if server and s.scalar(text("SELECT count(*) FROM pg_get_keywords() WHERE word = :w AND catcode <> 'U'"),
                                   {"w": name}):  # fmt: skip
                raise UserError("user.name_server", user=name, suggestion=f"{name}_1")
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
                # on a server the server keeps the password (below); the row makes the role (a trigger)
                password_hash=hash_password(password) if password is not None and not server else None,
                failed_attempts=0,
                active=True,
            )
            s.add(row)
            s.flush()
            if server and password is not None:
                _server_password(s, name, password)
                s.refresh(row)
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
            if self.store.dialect == "postgresql":  # the server's own: ALTER ROLE … PASSWORD, audited there
                _server_password(s, name, password)
                return
            row.password_hash = hash_password(password)
            row.failed_attempts = 0
            row.locked_until = None
            record(
                s,
                self.store.user,
                [{"action": "password", "entity": "user", "entity_key": name, "old": None, "new": None}],
            )

    def set_active(self, name: str, active: bool) -> UserInfo:
        """Deactivate a user (or bring one back; administrators only).  On a server the role becomes
        NOLOGIN (LOGIN again when reactivated, if it has a password); on a file sign-in is refused."""
        with self.store.transaction() as s:
            access.require_role(self.store.actor, "user.active")
            row = self._row(s, name)
            was = row.active
            row.active = active
            s.flush()
            if was != active:
                record(
                    s,
                    self.store.user,
                    [
                        {
                            "action": "activate" if active else "deactivate",
                            "entity": "user",
                            "entity_key": name,
                            "old": {"active": was},
                            "new": {"active": active},
                        }
                    ],
                )
            return self._info(s, row)

    def list(self) -> list[UserInfo]:
        with self.store.reading() as s:
            return [self._info(s, u) for u in s.scalars(select(User).order_by(User.name))]

    def get(self, name: str) -> UserInfo:
        with self.store.reading() as s:
            return self._info(s, self._row(s, name))

    def needs_sign_in(self) -> bool:
        """Whether a front end should ask who is there: a shared server with users, or a file with more
        than one user (a single-user file is its owner's, as the local administrator)."""
        if self.store.dialect == "postgresql":  # the connection is the user, signed in by the server
            return not self.store.connected
        return self.count() > 1

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
            row.password_hash is not None,  # on a server: the marker that the server holds one
            row.locked_until,
        )


# a server's role name as PostgreSQL takes it unquoted (lower case: it folds the rest)
SERVER_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")
OWNER_CHECK = (
    "SELECT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) OR pg_has_role(current_user, "
    "(SELECT tableowner FROM pg_tables WHERE schemaname = current_schema() AND tablename = 'users'), 'MEMBER')"
)


def _server_name(name: str) -> str:
    return re.sub(r"[^a-z0-9_]", "_", name.lower()).lstrip("0123456789") or "usuario"


def _server_password(session: Session, name: str, password: str) -> None:
    """Set a role's password as a SCRAM-SHA-256 verifier made here: the clear text never leaves this process."""
    raw = session.connection().connection.dbapi_connection
    verifier = raw.pgconn.encrypt_password(password.encode(), name.encode(), b"scram-sha-256")  # type: ignore[union-attr]
    session.execute(text("SELECT gpr_set_password(:n, :v)"), {"n": name, "v": verifier.decode()})


def _owner_info(actor: Actor) -> UserInfo:
    return UserInfo(actor.name, Role.ADMIN, None, None, None, True, True, None)


def _role(role: Role | str) -> Role:
    try:
        return Role(role)
    except ValueError:
        raise UserError("user.role_invalid", value=role, candidates=[r.value for r in Role]) from None


def _actor(row: User) -> Actor:
    return Actor(row.name, Role(row.role), row.institution_id, row.scope_unit_id)
