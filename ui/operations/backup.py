"""Backup and restore of the local SQLite database through sqlite3's online backup API (never a file
copy: a copy taken while the app writes can be torn; the backup API copies a consistent snapshot)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from scorecard.errors import UserError
from scorecard.store import Store


def database_file(store: Store) -> Path:
    url = store.engine.url
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        raise UserError("backup.sqlite_only", url=url.render_as_string(hide_password=True))
    return Path(url.database)


def backup(store: Store, destination: Path) -> Path:
    """A consistent copy of the open database at ``destination`` (replaced if it exists)."""
    source_path = database_file(store)
    destination = Path(destination)
    tmp = destination.with_name(destination.name + ".part")
    try:
        with sqlite3.connect(source_path) as src, sqlite3.connect(tmp) as dst:
            src.backup(dst)
        dst.close()
        tmp.replace(destination)
    except (sqlite3.Error, OSError) as exc:
        tmp.unlink(missing_ok=True)
        raise UserError("backup.failed", path=str(destination), reason=exc) from exc
    return destination


def restore(store: Store, source: Path) -> None:
    """Replace the open database's content with the backup at ``source``, in one step.

    The backup is checked first (it must open and carry this app's schema), so a wrong file changes
    nothing; the store's connections are closed so the next query sees the restored data."""
    target = database_file(store)
    source = Path(source)
    try:
        with sqlite3.connect(f"file:{source}?mode=ro", uri=True) as probe:
            probe.execute("select version_num from alembic_version").fetchone()
            probe.execute("select count(*) from results").fetchone()
        probe.close()
    except sqlite3.Error as exc:
        raise UserError("backup.restore_invalid", path=str(source), reason=exc) from exc
    store.engine.dispose()
    with sqlite3.connect(f"file:{source}?mode=ro", uri=True) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    src.close()
    dst.close()
    store.engine.dispose()
