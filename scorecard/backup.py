"""Backups of an SQLite database and restores from them, through SQLite's online backup API (a file copy
of a live database in WAL mode can miss pages still in the log, or catch a write half-way).

A restore first checks that the file is one of ours (our tables, a schema revision this version knows,
``PRAGMA integrity_check`` = ok), then backs up the current database beside it, then copies the file
in.  A server database is backed up by its administrators (pg_dump).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine

from scorecard import access, db
from scorecard.audit import record
from scorecard.errors import UserError

if TYPE_CHECKING:
    from scorecard.store import Store


def _sqlite_path(engine: Engine) -> Path:
    if engine.url.get_backend_name() != "sqlite" or not engine.url.database or engine.url.database == ":memory:":
        raise UserError("backup.server")
    return Path(engine.url.database)


def backup(store: Store, target: Path) -> dict[str, Any]:
    source = _sqlite_path(store.engine)
    target = Path(target)
    if target.exists():
        raise UserError("backup.exists", path=str(target))
    db.sqlite_backup(source, target)
    return {"path": str(target.resolve()), "bytes": target.stat().st_size, "schema_version": _revision(target)}


def _revision(path: Path) -> str | None:
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        row = conn.execute("select version_num from alembic_version").fetchone()
    return str(row[0]) if row else None


def check_scorecard_file(path: Path) -> str:
    """The schema revision of a scorecard database file, or a refusal saying why it is not one."""
    path = Path(path)
    if not path.is_file():
        raise UserError("file.missing", path=str(path))

    def refuse(reason: str) -> UserError:
        return UserError("restore.not_scorecard", path=str(path), reason=reason)

    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
            tables = {r[0] for r in conn.execute("select name from sqlite_master where type = 'table'")}
            if not {"alembic_version", "institutions", "units", "results", "audit_log"} <= tables:
                raise refuse("no scorecard tables")
            row = conn.execute("select version_num from alembic_version").fetchone()
            check = conn.execute("pragma integrity_check").fetchone()
    except sqlite3.DatabaseError as exc:
        raise refuse(str(exc)) from exc
    if not row:
        raise refuse("no schema revision")
    if check != ("ok",):
        raise refuse(f"integrity_check: {check[0] if check else '?'}")
    revision = str(row[0])
    try:
        db._scripts().get_revision(revision)
    except Exception as exc:  # alembic raises several kinds for an unknown revision
        raise UserError("db.newer", revision=revision, head=db.head_revision()) from exc
    return revision


def restore(store: Store, source: Path, *, backup_dir: Path | None = None) -> dict[str, Any]:
    """Replace the store's database by the backup ``source`` (administrators; the current database is
    backed up first).  The restore is the first entry of the restored database's audit log."""
    engine = store.engine
    target = _sqlite_path(engine)
    access.require_role(store.actor, "database.restore")
    revision = check_scorecard_file(Path(source))
    previous = None
    if target.exists():
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        previous = (backup_dir or target.parent / "backups") / f"{target.stem}-before-restore-{stamp}{target.suffix}"
        db.sqlite_backup(target, previous)
    engine.dispose()  # our pooled connections must not outlive the pages they cached
    with sqlite3.connect(f"file:{source}?mode=ro", uri=True) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    with store.transaction() as s:
        record(
            s,
            store.user,
            [
                {
                    "action": "restore",
                    "entity": "database",
                    "entity_key": target.name,
                    "old": {"backup": str(previous) if previous else None},
                    "new": {"restored": str(Path(source).resolve()), "schema_version": revision},
                }
            ],
        )
    return {
        "restored": str(Path(source).resolve()),
        "database": str(target),
        "backup": str(previous) if previous else None,
        "schema_version": revision,
    }
