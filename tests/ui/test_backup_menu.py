"""The File menu's backup and restore go through the core (scorecard.backup): the online backup API, the
integrity check of a restore, the copy taken before it, the audit entry."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from scorecard.errors import UserError
from scorecard.store import Store

pytestmark = pytest.mark.gui


@pytest.fixture
def window(qtbot, demo_copy: Path, spanish):  # type: ignore[no-untyped-def]
    from ui.main_window import MainWindow

    w = MainWindow(Store.open(demo_copy), "es", period="2025-10")
    qtbot.addWidget(w)
    assert w.worker.wait_idle()
    return w


def users(path: Path) -> list[str]:
    with sqlite3.connect(path) as conn:
        return [r[0] for r in conn.execute("select name from users order by name")]


def test_backup_then_restore_from_the_menu(window, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from ui import menus

    errors: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", staticmethod(lambda _p, _t, text, *_a, **_k: errors.append(text)))
    copy = tmp_path / "copia.sqlite"
    copy.write_bytes(b"an older file the user chose to replace")
    assert menus.backup(window, copy) == copy.resolve()
    with sqlite3.connect(copy) as conn:
        assert conn.execute("pragma integrity_check").fetchone() == ("ok",)
    assert not list(tmp_path.glob("*.part"))

    window.store.users.add("nuevo", "planner", institution="PN", password="clave-segura-1")
    assert menus.restore(window, copy, confirm=False)
    database = Path(str(window.store.engine.url.database))
    assert users(database) == []  # the user added after the backup is gone
    kept = list((database.parent / "backups").glob("*-before-restore-*.sqlite"))
    assert len(kept) == 1 and users(kept[0]) == ["nuevo"]  # what was there is kept beside it
    last = window.store.audit.search(limit=1)[0]
    assert (last.action, last.entity, last.user) == ("restore", "database", "admin")
    assert errors == []

    bad = tmp_path / "no-es-base.sqlite"
    bad.write_bytes(b"not a database at all" * 100)
    assert not menus.restore(window, bad, confirm=False)
    assert errors and "no-es-base.sqlite" in errors[-1]
    assert window.store.audit.search(limit=1)[0].action == "restore"  # nothing changed


def test_a_server_database_is_not_backed_up_from_the_menu(window, pg_url: str, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from ui import menus

    errors: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", staticmethod(lambda _p, _t, text, *_a, **_k: errors.append(text)))
    local, window.store = window.store, Store.open(pg_url, create=True)
    try:
        assert menus.backup(window, tmp_path / "never.sqlite") is None
    finally:
        window.store.close()
        window.store = local  # the window outlives the test's schema; it must not query it again
    assert not (tmp_path / "never.sqlite").exists()
    assert errors == [UserError("backup.server").text("es")]
