"""The front object: one open database and a manager per entity (``sc.units``, ``sc.plans``…).

Every mutation runs inside one transaction, writes its audit entries in the same transaction and
returns what changed.  Front ends (CLI, GUI) hold a ``Store`` and nothing else.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, select
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from scorecard import db
from scorecard.errors import UserError
from scorecard.models import Institution

if TYPE_CHECKING:
    from scorecard.access import Actor
    from scorecard.audit import AuditLog
    from scorecard.figures import Figures
    from scorecard.funnel import Funnel
    from scorecard.institutions import Institutions
    from scorecard.plans import Plans
    from scorecard.reconciliation import Reconciliation
    from scorecard.scoring import Scoring
    from scorecard.sources import Sources
    from scorecard.units import Units
    from scorecard.users import Users
    from scorecard.workflow import Workflow

LOCAL_ADMIN = "admin"


class Store:
    def __init__(self, engine: Engine, *, user: str | None = None, lang: str = "es") -> None:
        self.engine = engine
        self.user = user or os.environ.get("SCORECARD_USER") or LOCAL_ADMIN
        self.lang = lang
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self._actor: Actor | None = None

    @classmethod
    def open(
        cls,
        db_url: str | os.PathLike[str] | None = None,
        *,
        create: bool = False,
        user: str | None = None,
        password: str | None = None,
        lang: str = "es",
        backup_dir: Path | None = None,
        sign_in_later: bool = False,
    ) -> Store:
        """Open a database; with ``create`` make or upgrade its schema, else refuse an uninitialised one.

        On a PostgreSQL server the store connects as the user's own database role: ``user`` (else
        ``$SCORECARD_USER``, else the URL's user) with ``password`` (else ``$SCORECARD_PASSWORD``, else the
        system keyring's).  ``sign_in_later`` does not connect yet: the GUI's sign-in does
        (:meth:`scorecard.users.Users.authenticate`)."""
        url = db.resolve_url(db_url)
        if db.is_server(url):
            from scorecard.credentials import server_login

            login, secret = server_login(url, user, password)
            engine = db.make_engine(url, user=login, password=secret)
            user = login or user
        else:
            engine = db.make_engine(url)
        store = cls(engine, user=user, lang=lang)
        if sign_in_later:
            return store
        store.schema = store.check_schema(create=create, backup_dir=backup_dir)
        store.connected = True
        return store

    # whether a server's connection has been made and accepted (a file needs none)
    connected = False

    def check_schema(self, *, create: bool = False, backup_dir: Path | None = None) -> dict[str, object] | None:
        """Create or upgrade the schema (``create``, or an older one), or refuse one the app cannot use."""
        engine = self.engine
        try:
            if create:
                return db.ensure_schema(engine, backup_dir=backup_dir)
            state = db.schema_state(engine)
        except OperationalError as exc:
            if db.is_server(str(engine.url)) and db.login_refused(exc):
                who = engine.url.username or "-"
                if not db.has_password(engine):  # nothing to check yet: say where a password goes
                    raise UserError("user.sign_in_required", user=who) from None
                raise UserError("user.bad_credentials", user=who) from None
            raise UserError(
                "db.unreachable", url=engine.url.render_as_string(hide_password=True), reason=exc.orig
            ) from exc
        if state == "newer":
            raise UserError("db.newer", revision=db.current_revision(engine), head=db.head_revision())
        if state in ("empty", "foreign"):
            raise UserError("db.not_initialised", url=engine.url.render_as_string(hide_password=True))
        if state == "older":
            return db.ensure_schema(engine, backup_dir=backup_dir)
        return None

    def rebind(self, engine: Engine) -> None:
        """Work through another engine from now on (a server's sign-in connects as the user's role)."""
        old = self.engine
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self._actor = None
        old.dispose()

    schema: dict[str, object] | None = None

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: committed whole or rolled back whole.  A row someone else changed since it
        was read (its version moved on) is a conflict the user resolves by reloading."""
        try:
            with self._sessions() as session, session.begin():
                yield session
        except StaleDataError as exc:
            raise UserError("conflict.stale") from exc
        except DBAPIError as exc:
            refused = db.server_refusal(exc)
            if refused is None:
                raise
            raise refused from exc

    # --- who acts ------------------------------------------------------------------------------------

    @property
    def actor(self) -> Actor:
        """The user this store acts as (resolved on first use; see :mod:`scorecard.users`)."""
        if self._actor is None:
            self._actor = self.users.resolve(self.user)
        return self._actor

    def act_as(self, actor: Actor) -> None:
        self._actor = actor
        self.user = actor.name

    @contextmanager
    def reading(self) -> Iterator[Session]:
        with self._sessions() as session:
            yield session

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    # --- managers ------------------------------------------------------------------------------------

    @cached_property
    def institutions(self) -> Institutions:
        from scorecard.institutions import Institutions

        return Institutions(self)

    @cached_property
    def units(self) -> Units:
        from scorecard.units import Units

        return Units(self)

    @cached_property
    def plans(self) -> Plans:
        from scorecard.plans import Plans

        return Plans(self)

    @cached_property
    def figures(self) -> Figures:
        from scorecard.figures import Figures

        return Figures(self)

    @cached_property
    def scoring(self) -> Scoring:
        from scorecard.scoring import Scoring

        return Scoring(self)

    @cached_property
    def users(self) -> Users:
        from scorecard.users import Users

        return Users(self)

    @cached_property
    def workflow(self) -> Workflow:
        from scorecard.workflow import Workflow

        return Workflow(self)

    @cached_property
    def sources(self) -> Sources:
        from scorecard.sources import Sources

        return Sources(self)

    @cached_property
    def reconciliation(self) -> Reconciliation:
        from scorecard.reconciliation import Reconciliation

        return Reconciliation(self)

    @cached_property
    def funnel(self) -> Funnel:
        from scorecard.funnel import Funnel

        return Funnel(self)

    @cached_property
    def audit(self) -> AuditLog:
        from scorecard.audit import AuditLog

        return AuditLog(self)

    # --- small shared look-ups -----------------------------------------------------------------------

    def institution(self, session: Session, code: str) -> Institution:
        inst = session.scalar(select(Institution).where(Institution.code == code.strip().upper()))
        if inst is None:
            known = list(session.scalars(select(Institution.code)))
            raise UserError("institution.unknown", code=code, candidates=known)
        return inst
