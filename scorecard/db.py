"""Opening a database: URL resolution, SQLite pragmas, schema creation and upgrade through Alembic.

SQLite is the embedded default (WAL, foreign keys on, synchronous=NORMAL); PostgreSQL is the shared
server.  ``ensure_schema`` creates a new database, upgrades an older one after backing it up (SQLite's
backup API; ``pg_dump`` for a server schema), and refuses one written by a newer version of the app.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import os
import shutil
import sqlite3
import subprocess
import weakref
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.pool import ConnectionPoolEntry

from scorecard.errors import UserError

log = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).with_name("migrations")

# The newest migration's revision, known without parsing the scripts: a database already there opens without
# importing alembic (a third of a command's start).  A test checks it against the scripts' head.
HEAD_REVISION = "0010"


def default_database_path() -> Path:
    from platformdirs import user_data_path

    return user_data_path("gpr-scorecard", appauthor=False, ensure_exists=True) / "scorecard.sqlite"


def resolve_url(db: str | os.PathLike[str] | None) -> str:
    """An SQLAlchemy URL from ``--db``: a URL as is, a path as an SQLite file; default ``$SCORECARD_DB``."""
    raw = os.fspath(db) if db is not None else os.environ.get("SCORECARD_DB") or ""
    if not raw:
        raw = str(default_database_path())
    if "://" in raw:
        return raw
    return f"sqlite:///{Path(raw).expanduser().resolve()}"


def is_server(url: str) -> bool:
    return make_url(url).get_backend_name() == "postgresql"


# what a server answers to a refused sign-in (as opposed to a server that does not answer)
_REFUSED_LOGIN = ("password authentication failed", "no password supplied", "not permitted to log in",
                  "authentication failed")  # fmt: skip


def login_refused(exc: OperationalError) -> bool:
    """A wrong password, an unknown or deactivated role (one answer for all: nothing to learn from it)."""
    reason = str(exc.orig)
    return any(m in reason for m in _REFUSED_LOGIN) or ('role "' in reason and "does not exist" in reason)


def server_refusal(exc: Exception) -> UserError | None:
    """The server's own refusal (a grant, a row-level policy, a workflow function) as the user's error;
    None for any other database error."""
    orig = getattr(exc, "orig", None)
    state = getattr(orig, "sqlstate", None)
    if state == "40001":  # a workflow function found the submission changed since it was read
        return UserError("conflict.stale")
    if state == "42501":
        first = str(orig).strip().splitlines()[0] if str(orig).strip() else state
        return UserError("server.refused", reason=first)
    return None


PAGE_SIZE = 16384


def _sqlite_pragmas(dbapi_connection: Any, _record: ConnectionPoolEntry) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    # 16 KB pages for a new database (an existing one keeps its own): a national import writes ~20 % faster
    # and commits in half the time than with 4 KB (benchmarks/importing.py); must precede journal_mode
    cursor.execute(f"PRAGMA page_size={PAGE_SIZE}")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    # 64 MB of page cache (default 2 MB): a national import updates three indexes of a large table
    cursor.execute("PRAGMA cache_size=-65536")
    cursor.close()


def make_engine(url: str, *, user: str | None = None, password: str | None = None) -> Engine:
    """An engine for ``url``; on a server, connecting as ``user`` (else the URL's) with ``password`` given to
    the driver apart from the URL, so that no URL the app prints, logs or keeps ever holds it."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database
        if database and database != ":memory:":
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    if parsed.get_backend_name() == "postgresql" and parsed.get_driver_name() in ("", "psycopg2"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    if user:
        parsed = parsed.set(username=user)
    connect_args = {"password": password} if password else {}
    engine = create_engine(parsed, pool_pre_ping=True, connect_args=connect_args)
    if password:
        _PASSWORDS[engine] = password  # for pg_dump before an upgrade, through its environment
    return engine


_PASSWORDS: weakref.WeakKeyDictionary[Engine, str] = weakref.WeakKeyDictionary()


def has_password(engine: Engine) -> bool:
    return bool(engine.url.password or _PASSWORDS.get(engine))


def _alembic_config(engine: Engine) -> Any:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["engine"] = engine
    return cfg


@functools.cache
def _scripts() -> Any:
    """The migration scripts, parsed once per process (each open of a database asks for them)."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(_alembic_config(None))  # type: ignore[arg-type]


def head_revision() -> str:
    head = _scripts().get_current_head()
    assert head is not None
    return str(head)


def current_revision(engine: Engine) -> str | None:
    """The ``alembic_version`` row, read as alembic's MigrationContext reads it (``None``: no table, no row)."""
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        rows = list(conn.execute(text("SELECT version_num FROM alembic_version")).scalars())
    if len(rows) > 1:  # several heads: alembic's own refusal
        from alembic.runtime.migration import MigrationContext

        with engine.connect() as conn:
            return MigrationContext.configure(conn).get_current_revision()
    return str(rows[0]) if rows else None


def schema_state(engine: Engine) -> str:
    """``empty``, ``current``, ``older`` or ``newer`` (or ``foreign``: tables but no version of ours)."""
    rev = current_revision(engine)
    if rev is None:
        return "foreign" if inspect(engine).get_table_names() else "empty"
    if rev == HEAD_REVISION:
        return "current"
    script = _scripts()
    if rev == script.get_current_head():
        return "current"
    try:
        script.get_revision(rev)
    except Exception:  # alembic raises several kinds for an unknown revision
        return "newer"
    return "older"


def ensure_schema(engine: Engine, *, backup_dir: Path | None = None) -> dict[str, Any]:
    """Create or upgrade the schema.  Returns what was done: ``{"state", "revision", "backup"}``."""
    state = schema_state(engine)
    if state == "newer":
        raise UserError("db.newer", revision=current_revision(engine), head=head_revision())
    if state == "foreign":
        raise UserError("db.foreign", url=engine.url.render_as_string(hide_password=True))
    backup: Path | None = None
    if state == "older":
        backup = backup_before_upgrade(engine, backup_dir)
    if state != "current":
        from alembic import command

        command.upgrade(_alembic_config(engine), "head")
    revision = HEAD_REVISION if state == "current" else head_revision()
    done: dict[str, Any] = {"state": state, "revision": revision, "backup": str(backup) if backup else None}
    if engine.dialect.name == "postgresql":  # the server's own rules: roles, grants, policies, audit triggers
        from scorecard.server_security import install

        done["server"] = install(engine)
    return done


def backup_before_upgrade(engine: Engine, backup_dir: Path | None) -> Path | None:
    """A copy of the database before its schema changes: SQLite through the backup API, a PostgreSQL
    schema with ``pg_dump`` (custom format, for ``pg_restore``).  Without a backup there is no upgrade."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    if engine.url.get_backend_name() == "postgresql":
        folder = backup_dir or default_database_path().parent / "backups"
        target = folder / f"{engine.url.database}-before-upgrade-{stamp}.dump"
        return pg_dump(engine, target)
    if not engine.url.database or engine.url.database == ":memory:":
        return None
    source = Path(engine.url.database)
    folder = backup_dir or source.parent / "backups"
    target = folder / f"{source.stem}-before-upgrade-{stamp}{source.suffix}"
    sqlite_backup(source, target)
    return target


def pg_dump(engine: Engine, target: Path) -> Path:
    """The schema the engine works in, dumped by ``pg_dump`` into ``target``; refused if it cannot be."""
    exe = shutil.which("pg_dump")
    if exe is None:
        raise UserError("db.upgrade_without_pg_dump")
    url = engine.url
    with engine.connect() as conn:
        schema = conn.exec_driver_sql("SELECT current_schema()").scalar()
    target.parent.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ)
    password = url.password or _PASSWORDS.get(engine)
    if password:
        env["PGPASSWORD"] = str(password)
    command = [exe, "--format=custom", f"--file={target}", f"--schema={schema}", f"--dbname={conninfo(engine)}"]
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=6 * 3600, check=False)
    if done.returncode != 0:
        target.unlink(missing_ok=True)
        raise UserError("db.upgrade_backup_failed", reason=(done.stderr or done.stdout).strip()[-400:])
    log.info("schema %s of %s dumped to %s before its upgrade", schema, url.database, target)
    return target


def conninfo(engine: Engine) -> str:
    """libpq's connection string of a server engine, without the password (TLS options kept: sslmode,
    sslrootcert…), for the PostgreSQL tools the app runs."""
    url = engine.url
    parts = {"host": url.host or "localhost", "port": url.port or 5432, "dbname": url.database, "user": url.username}
    for key, value in url.query.items():
        if key != "options":  # the search path is the schema the tool is given
            parts[key] = value if isinstance(value, str) else value[-1]
    return " ".join(f"{k}='{str(v).replace(chr(92), chr(92) * 2).replace(chr(39), chr(92) + chr(39))}'"
                    for k, v in parts.items() if v is not None)  # fmt: skip


def sqlite_backup(source: Path, target: Path) -> Path:
    """A consistent copy of a live SQLite database (the backup API, never a file copy)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    return target
