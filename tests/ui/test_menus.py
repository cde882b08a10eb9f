"""Backup and restore through sqlite3's backup API, print preview, about: from the window's menus."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from scorecard.store import Store

pytestmark = pytest.mark.gui


@pytest.fixture
def window(qtbot, demo_copy: Path, spanish):  # type: ignore[no-untyped-def]
    from ui.main_window import MainWindow

    w = MainWindow(Store.open(demo_copy), "es", period="2025-10")
    qtbot.addWidget(w)
    assert w.wait_idle()
    return w


def hom01(store: Store) -> float:
    return float(store.scoring.value("PN", "HOM-01", "PN", "2025-10")["value"])


def test_backup_then_restore_brings_the_data_back(window, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    from scorecard.figures import ResultRow
    from ui import menus

    copy = menus.backup(window, tmp_path / "copia.sqlite")
    assert copy is not None and copy.exists()
    with Store.open(copy) as backup:  # a complete, openable database
        assert hom01(backup) == 753

    store = window.store  # change a figure after the backup
    with store.transaction() as s:
        inst = store.institution(s, "PN")
        shape, _ = store.plans.shape(s, inst, 202510)
        d = next(d for d in shape.definitions if d.code == "HOM-01")
        unit = store.units.find(s, inst.id, "09D08C01S01", "PN")
        store.figures.write_results(
            s, inst.id, [ResultRow(d.indicator_id, unit.id, 202510, value=500)], {d.indicator_id: d}
        )
    assert hom01(store) != 753

    monkeypatch.setattr(QMessageBox, "question", lambda *_a, **_k: QMessageBox.StandardButton.Yes)
    assert menus.restore(window, copy)
    assert hom01(store) == 753
    assert window.wait_idle()
    assert window.view is not None and window.scorecard_model.rowCount() > 0
    assert "restaurada" in window.statusBar().currentMessage()


def test_restore_refuses_a_file_that_is_not_a_backup(window, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    from ui import menus

    bogus = tmp_path / "otra.sqlite"
    import sqlite3

    with sqlite3.connect(bogus) as conn:
        conn.execute("create table x (a)")
    conn.close()
    errors: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, _t, text: errors.append(text))
    assert not menus.restore(window, bogus, confirm=False)
    assert "no es una base de datos de esta aplicación" in errors[0] and "no se restauró nada" in errors[0]
    assert hom01(window.store) == 753  # untouched


def test_print_preview_paints_the_scorecard(window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtPrintSupport import QPrinter

    from ui import menus

    window.print_action.trigger()
    preview = window.preview
    assert preview.windowTitle() == "Vista previa de impresión"
    preview.close()
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "tablero.pdf"
    printer.setOutputFileName(str(out))
    menus.paint_scorecard(window, printer)
    assert out.read_bytes().startswith(b"%PDF") and out.stat().st_size > 5_000


def test_icon_only_and_menu_actions_have_names(window) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QToolButton

    menus_text = [a.text() for a in window.menuBar().actions()]
    assert menus_text == ["&Archivo", "&Ver", "&Datos", "&Revisión", "A&yuda"]
    for widget in (window.tree, window.table, window.league, window.search, window.period_box, window.institution_box):
        assert widget.accessibleName()
    from ui.data_entry import DataEntryDialog

    dialog = DataEntryDialog(window.store, "PN", "09D08C01S01")
    try:
        buttons = dialog.findChildren(QToolButton)
        assert buttons and all(b.accessibleName() for b in buttons)
    finally:
        dialog.close()
