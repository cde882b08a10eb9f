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
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.engine import make_url
from sqlalchemy.pool import ConnectionPoolEntry

from scorecard.errors import UserError

log = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).with_name("migrations")


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


def make_engine(url: str) -> Engine:
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
    return create_engine(parsed, pool_pre_ping=True)


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
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def schema_state(engine: Engine) -> str:
    """``empty``, ``current``, ``older`` or ``newer`` (or ``foreign``: tables but no version of ours)."""
    rev = current_revision(engine)
    if rev is None:
        return "foreign" if inspect(engine).get_table_names() else "empty"
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
    from alembic import command

    state = schema_state(engine)
    if state == "newer":
        raise UserError("db.newer", revision=current_revision(engine), head=head_revision())
    if state == "foreign":
        raise UserError("db.foreign", url=engine.url.render_as_string(hide_password=True))
    backup: Path | None = None
    if state == "older":
        backup = backup_before_upgrade(engine, backup_dir)
    if state != "current":
        command.upgrade(_alembic_config(engine), "head")
    return {"state": state, "revision": head_revision(), "backup": str(backup) if backup else None}


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
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    command = [exe, "--format=custom", f"--file={target}", f"--schema={schema}", f"--host={url.host or 'localhost'}",
               f"--port={url.port or 5432}", f"--dbname={url.database}"]  # fmt: skip
    if url.username:
        command.append(f"--username={url.username}")
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=6 * 3600, check=False)
    if done.returncode != 0:
        target.unlink(missing_ok=True)
        raise UserError("db.upgrade_backup_failed", reason=(done.stderr or done.stdout).strip()[-400:])
    log.info("schema %s of %s dumped to %s before its upgrade", schema, url.database, target)
    return target


def sqlite_backup(source: Path, target: Path) -> Path:
    """A consistent copy of a live SQLite database (the backup API, never a file copy)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    return target
