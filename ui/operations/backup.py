"""The menu's backup and restore: thin calls to the core (:mod:`scorecard.backup` — SQLite's online
backup API, the integrity check of a restore, the copy of the current database taken first, the audit
entry), plus what a save dialog promises: a file the user chose to replace is replaced."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from scorecard import backup as core
from scorecard.store import Store


def backup(store: Store, destination: Path) -> Path:
    """A consistent copy of the open database at ``destination`` (replaced if it exists, only once the
    new copy is whole)."""
    destination = Path(destination)
    if not destination.exists():
        return Path(core.backup(store, destination)["path"])
    fresh = destination.with_name(destination.name + ".part")
    fresh.unlink(missing_ok=True)
    try:
        core.backup(store, fresh)
        fresh.replace(destination)
    finally:
        fresh.unlink(missing_ok=True)
    return destination.resolve()


def restore(store: Store, source: Path) -> dict[str, Any]:
    """Replace the open database by the backup at ``source`` (checked first; the current one is kept in
    a ``backups`` folder beside it)."""
    return core.restore(store, Path(source))
