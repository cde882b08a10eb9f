"""The import wizard on the real register over a demo database where one HOM-01 figure was changed: the
preview shows exactly that figure, the import puts it back and the main window's scorecard follows; a
cancelled import leaves the database as it was."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import func, select

from demo import register_path
from scorecard.models import Batch, Indicator, Result, SavedMapping, Unit
from scorecard.store import Store

pytestmark = pytest.mark.gui

UNIT, MONTH = "09D08C01S01", 202503
WAIT = 120_000


def _figure(store: Store) -> float:
    with store.reading() as s:
        return float(
            s.scalar(
                select(Result.value)
                .join(Unit, Unit.id == Result.unit_id)
                .join(Indicator, Indicator.id == Result.indicator_id)
                .where(Unit.code == UNIT, Indicator.code == "HOM-01", Result.month == MONTH)
            )
        )


def _batches(store: Store) -> int:
    with store.reading() as s:
        return int(s.scalar(select(func.count()).select_from(Batch)) or 0)


@pytest.fixture
def tampered(demo_copy: Path) -> tuple[Path, float]:
    """The demo with 09D08C01S01's March homicides raised by 3 behind the register's back."""
    from scorecard import view_cache

    store = Store.open(demo_copy)
    true_value = _figure(store)
    with store.transaction() as s:
        rid = s.scalar(
            select(Result.id)
            .join(Unit, Unit.id == Result.unit_id)
            .join(Indicator, Indicator.id == Result.indicator_id)
            .where(Unit.code == UNIT, Indicator.code == "HOM-01", Result.month == MONTH)
        )
        result = s.get(Result, rid)
        assert result is not None
        result.value = true_value + 3
        view_cache.invalidate(s, store.institution(s, "PN").id)
    store.close()
    return demo_copy, true_value


def _wizard(qtbot, store: Store, parent=None):  # type: ignore[no-untyped-def]
    from ui.import_wizard import ImportWizard

    wizard = ImportWizard(store, "PN", "es", parent)
    qtbot.addWidget(wizard)
    wizard.show()
    return wizard


def _to_preview(qtbot, wizard) -> None:  # type: ignore[no-untyped-def]
    wizard.file_page.choose(register_path())
    qtbot.waitUntil(lambda: wizard.detected is not None or "No" in wizard.file_page.status.text(), timeout=WAIT)
    assert wizard.detected is not None, wizard.file_page.status.text()
    wizard.next()
    assert wizard.currentPage() is wizard.mapping_page
    wizard.next()
    assert wizard.currentPage() is wizard.preview_page
    qtbot.waitUntil(wizard.preview_page.isComplete, timeout=WAIT)


def _shown_hom01(window) -> str:  # type: ignore[no-untyped-def]
    model = window.scorecard_model
    row = next(r for r in range(model.rowCount()) if model.index(r, 0).data().strip() == "HOM-01")
    return str(model.index(row, 2).data())


def test_preview_shows_the_one_changed_figure_and_import_restores_it(  # type: ignore[no-untyped-def]
    qtbot, qtmodeltester, tampered, spanish, tmp_path, monkeypatch
) -> None:
    from PySide6.QtWidgets import QFileDialog

    from ui import screen_actions
    from ui.main_window import MainWindow

    path, true_value = tampered
    window = MainWindow(Store.open(path), "es", period="2025-03")
    qtbot.addWidget(window)
    assert window.worker.wait_idle()
    window.select_unit(UNIT)
    assert window.worker.wait_idle()
    assert _shown_hom01(window) == f"{true_value + 3:.0f}"
    batches = _batches(window.store)

    wizard = screen_actions.open_import(window)
    qtbot.addWidget(wizard)
    _to_preview(qtbot, wizard)
    page = wizard.file_page
    assert "Registro de eventos" in page.status.text() and "mdi-homicidios" in page.status.text()
    assert wizard.mapping_page.date_box.currentText() == "fecha_infraccion"
    assert wizard.mapping_page.unit_box.currentText() == "codigo_subcircuito"
    preview = wizard.preview_page
    counts = preview.counts.text()
    assert counts["changed"] == "1" and counts["new"] == "0"
    assert counts["unchanged"] == "10.819"  # every other unit-month of the register, Ecuadorian separator
    model = preview.model
    qtmodeltester.check(model)
    assert model.rowCount() == 1
    assert [model.index(0, c).data() for c in (0, 2, 3, 4, 5)] == [
        UNIT,
        "2025-03",
        f"{true_value + 3:.0f}",
        f"{true_value:.0f}",
        "-3",
    ]
    assert _figure(window.store) == true_value + 3  # the preview wrote nothing

    wizard.next()  # «Importar» (the commit button)
    assert wizard.currentPage() is wizard.run_page
    qtbot.waitUntil(lambda: wizard.run_page.state != "running", timeout=WAIT)
    assert wizard.run_page.state == "done", wizard.run_page.status.text()
    assert _figure(window.store) == true_value
    assert _batches(window.store) == batches + 1
    assert window.worker.wait_idle()
    assert _shown_hom01(window) == f"{true_value:.0f}"  # the scorecard reloaded by itself

    wizard.next()
    assert wizard.currentPage() is wizard.report_page
    assert wizard.report_page.counts.text()["changed"] == "1"
    target = tmp_path / "informe.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(target), ""))
    wizard.report_page.save_button.click()
    qtbot.waitUntil(lambda: "Guardado en" in wizard.report_page.saved_label.text(), timeout=WAIT)
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_path(str(target))
    summary = dict(book.get_sheet_by_name("Resumen").to_python())
    assert summary["Cambiados"] == 1 and summary["Filas leídas"] == 7553
    changes = book.get_sheet_by_name("Cambios").to_python()
    name = window.unit_items[UNIT].text().split(" · ", 1)[-1]
    assert changes[0] == ["Código", "Unidad", "Mes", "Antes", "Después"], "a register has one indicator"
    assert changes[1][:5] == [UNIT, name, "2025-03", true_value + 3, true_value]


def test_cancel_mid_import_leaves_the_database_unchanged(qtbot, tampered, spanish) -> None:  # type: ignore[no-untyped-def]
    path, true_value = tampered
    store = Store.open(path)
    batches = _batches(store)
    wizard = _wizard(qtbot, store)
    _to_preview(qtbot, wizard)
    wizard.next()
    run = wizard.run_page
    assert run.state == "running"
    run.cancel()  # while the worker still reads the register
    qtbot.waitUntil(lambda: run.state != "running", timeout=WAIT)
    assert run.state == "cancelled"
    assert "no se guardó ningún cambio" in run.status.text()
    assert not run.isComplete()
    assert _figure(store) == true_value + 3
    assert _batches(store) == batches


def test_an_edited_mapping_is_saved_and_found_next_time(qtbot, demo_copy, spanish) -> None:  # type: ignore[no-untyped-def]
    store = Store.open(demo_copy)
    wizard = _wizard(qtbot, store)
    wizard.file_page.choose(register_path())
    qtbot.waitUntil(lambda: wizard.detected is not None, timeout=WAIT)
    wizard.next()
    page = wizard.mapping_page
    page.name_edit.setText("solo-homicidio")
    page.filter_box.setCurrentText("tipo_muerte")
    page.values_edit.setText("HOMICIDIO")
    assert page.save()
    assert "guardado" in page.saved_label.text()
    with store.reading() as s:
        row = s.scalar(select(SavedMapping).where(SavedMapping.name == "solo-homicidio"))
        assert row is not None and row.kind == "register"
        assert row.config["filter_values"] == ["HOMICIDIO"] and row.config["date_column"] == "fecha_infraccion"

    again = _wizard(qtbot, store)
    again.file_page.choose(register_path())
    qtbot.waitUntil(lambda: again.detected is not None, timeout=WAIT)
    assert again.detected.mapping.name == "solo-homicidio"
    again.next()
    assert again.mapping_page.values_edit.text() == "HOMICIDIO"


def test_a_file_of_no_known_kind_is_said_so(qtbot, demo_copy, spanish, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["nombre", "cantidad"])
    book.active.append(["algo", 3])
    odd = tmp_path / "otra-cosa.xlsx"
    book.save(odd)
    wizard = _wizard(qtbot, Store.open(demo_copy))
    wizard.file_page.choose(odd)
    qtbot.waitUntil(lambda: not wizard.busy, timeout=WAIT)
    assert "No se reconoce" in wizard.file_page.status.text()
    assert not wizard.file_page.isComplete()


def test_the_file_menu_opens_the_three_screens(qtbot, demo_template, spanish) -> None:  # type: ignore[no-untyped-def]
    from ui.import_wizard import ImportWizard
    from ui.main_window import MainWindow
    from ui.report_dialog import ReportDialog
    from ui.verify_dialog import VerifyDialog

    window = MainWindow(Store.open(demo_template), "es", period="2025-10")
    qtbot.addWidget(window)
    assert window.worker.wait_idle()
    file_menu = window.menuBar().actions()[0].menu()
    actions = {a.text(): a for a in file_menu.actions()}
    screens = (("&Importar…", ImportWizard), ("&Reportes…", ReportDialog), ("&Verificar firma…", VerifyDialog))
    for text, kind_ in screens:
        actions[text].trigger()
        opened = [w for w in window.findChildren(kind_) if w.isVisible()]
        assert len(opened) == 1, text
        opened[0].close()
    assert actions["&Importar…"].shortcut().toString() == "Ctrl+I"


# --- the app's template and long tables ---------------------------------------------------------------

OPEN = "2025-11"  # the demo files results up to October: November is open and empty


def _figures(store: Store, unit: str, month: int) -> dict[str, float]:
    with store.reading() as s:
        rows = s.execute(
            select(Indicator.code, Result.value)
            .join(Unit, Unit.id == Result.unit_id)
            .join(Indicator, Indicator.id == Result.indicator_id)
            .where(Unit.code == unit, Result.month == month)
        )
        return {code: float(value) for code, value in rows}


def _through_mapping(qtbot, wizard, path: Path) -> None:  # type: ignore[no-untyped-def]
    wizard.file_page.choose(path)
    qtbot.waitUntil(lambda: not wizard.busy, timeout=WAIT)
    assert wizard.detected is not None, wizard.file_page.status.text()
    wizard.next()
    assert wizard.currentPage() is wizard.mapping_page
    wizard.next()
    assert wizard.currentPage() is wizard.preview_page
    qtbot.waitUntil(lambda: not wizard.busy, timeout=WAIT)


def test_a_filled_template_previews_its_two_new_figures_and_imports_them(  # type: ignore[no-untyped-def]
    qtbot, qtmodeltester, demo_copy, spanish, tmp_path, monkeypatch
) -> None:
    from PySide6.QtWidgets import QFileDialog

    store = Store.open(demo_copy)
    filled = _filled_template(store, tmp_path)
    assert _figures(store, UNIT, 202511) == {}
    batches = _batches(store)

    wizard = _wizard(qtbot, store)
    _through_mapping(qtbot, wizard, filled)
    assert wizard.detected.kind == "template"
    assert "Plantilla mensual" in wizard.file_page.status.text()
    assert "Plantilla del periodo" in wizard.mapping_page.fixed_label.text()
    preview = wizard.preview_page
    assert preview.isComplete(), preview.status.text()
    assert preview.counts.text()["new"] == "2" and preview.counts.text()["changed"] == "0"
    model = preview.model
    qtmodeltester.check(model)
    shown = [[model.index(r, c).data() for c in (0, 2, 3, 4, 6)] for r in range(model.rowCount())]
    assert shown == [[UNIT, OPEN, "—", "4", "HOM-01"], [UNIT, OPEN, "—", "17", "OPE-01"]]
    assert not preview.table.isColumnHidden(6)
    assert _figures(store, UNIT, 202511) == {}  # the preview wrote nothing

    wizard.next()
    qtbot.waitUntil(lambda: wizard.run_page.state != "running", timeout=WAIT)
    assert wizard.run_page.state == "done", wizard.run_page.status.text()
    assert _figures(store, UNIT, 202511) == {"HOM-01": 4.0, "OPE-01": 17.0}
    assert _batches(store) == batches + 1

    wizard.next()
    assert wizard.currentPage() is wizard.report_page
    target = tmp_path / "informe.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(target), ""))
    wizard.report_page.save_button.click()
    qtbot.waitUntil(lambda: "Guardado en" in wizard.report_page.saved_label.text(), timeout=WAIT)
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_path(str(target))
    summary = dict(book.get_sheet_by_name("Resumen").to_python())
    assert summary["Nuevos"] == 2
    changes = book.get_sheet_by_name("Cambios").to_python()
    assert changes[0] == ["Código", "Unidad", "Indicador", "Mes", "Antes", "Después"]
    assert sorted((row[0], row[2], row[3], row[5]) for row in changes[1:]) == [
        (UNIT, "HOM-01", "2025-11", 4.0),
        (UNIT, "OPE-01", "2025-11", 17.0),
    ], "each new figure under its indicator"


def test_a_long_table_with_a_bad_cell_lists_it_and_cannot_be_imported(  # type: ignore[no-untyped-def]
    qtbot, demo_copy, spanish, tmp_path
) -> None:
    import openpyxl
    from PySide6.QtWidgets import QWizard

    store = Store.open(demo_copy)
    before = _figure(store)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "datos"
    sheet.append(["unidad", "indicador", "periodo", "valor"])
    sheet.append([UNIT, "HOM-01", "2025-03", before + 5])  # a changed figure
    sheet.append([UNIT, "HOM-01", "2025-04", "siete"])  # not a number
    path = tmp_path / "tabla.xlsx"
    book.save(path)

    wizard = _wizard(qtbot, store)
    _through_mapping(qtbot, wizard, path)
    assert wizard.detected.kind == "long"
    assert "Tabla larga" in wizard.mapping_page.fixed_label.text()
    preview = wizard.preview_page
    assert not preview.isComplete()
    assert not wizard.button(QWizard.WizardButton.CommitButton).isEnabled()
    assert not preview.problems.isHidden()
    lines = [preview.problems.item(i).text() for i in range(preview.problems.count())]
    assert lines == ["Hoja datos, fila 3, columna valor «siete»: «siete» no es un número"]
    assert _figure(store) == before


# --- cancelling the template and long-table imports ------------------------------------------------------


def _counts(store: Store) -> dict[str, int]:
    """Everything an import writes: figures, batches, audit entries."""
    from scorecard.models import AuditEntry

    with store.reading() as s:
        return {
            name: int(s.scalar(select(func.count()).select_from(table)) or 0)
            for name, table in (("results", Result), ("batches", Batch), ("audit", AuditEntry))
        }


def _held_at(monkeypatch: pytest.MonkeyPatch, key: str, stage: str) -> tuple[threading.Event, threading.Event]:
    """The kind's import stops at ``stage`` on the worker until released: (reached, release).  The
    wizard's own cancel then acts on an import genuinely in progress — at «written», after its rows went
    into the open transaction."""
    from dataclasses import replace

    from ui.operations import import_kinds

    reached, release = threading.Event(), threading.Event()
    kinds = list(import_kinds.KINDS)
    k = next(n for n, found in enumerate(kinds) if found.key == key)
    original = kinds[k].run

    def run(store, path, institution, mapping, dry_run, checkpoint, source=None):  # type: ignore[no-untyped-def]
        def held(at: str) -> None:
            if at == stage and not dry_run:
                reached.set()
                release.wait(WAIT / 1000)
            if checkpoint is not None:
                checkpoint(at)

        return original(store, path, institution, mapping, dry_run, held, source)

    kinds[k] = replace(kinds[k], run=run)
    monkeypatch.setattr(import_kinds, "KINDS", kinds)
    return reached, release


def _filled_template(store: Store, tmp_path: Path) -> Path:
    import openpyxl

    from exports.template import make_template

    blank = tmp_path / "plantilla.xlsx"
    make_template(store, "PN", OPEN, blank, unit=UNIT)
    book = openpyxl.load_workbook(blank)
    sheet = book["plantilla"]
    codes = [c.value for c in sheet[3]]
    row = next(r for r in range(4, sheet.max_row + 1) if sheet.cell(r, 1).value == UNIT)
    for code, value in (("HOM-01", 4), ("OPE-01", 17)):
        cell = sheet.cell(row, codes.index(code) + 1)
        assert not cell.protection.locked  # the cells a commander fills are the unlocked ones
        cell.value = value
    filled = tmp_path / "plantilla-llena.xlsx"
    book.save(filled)
    return filled


def _long_table(store: Store, tmp_path: Path) -> Path:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "datos"
    sheet.append(["unidad", "indicador", "periodo", "valor"])
    sheet.append([UNIT, "HOM-01", "2025-03", _figure(store) + 5])  # a changed figure
    sheet.append([UNIT, "HOM-01", OPEN, 2])  # a new one
    sheet.append([UNIT, "OPE-01", OPEN, 11])
    path = tmp_path / "tabla.xlsx"
    book.save(path)
    return path


@pytest.mark.parametrize(("key", "stage"), [("template", "written"), ("long", "written"), ("long", "read")])
def test_cancel_mid_import_of_a_template_or_long_table_writes_nothing(  # type: ignore[no-untyped-def]
    qtbot, demo_copy, spanish, tmp_path, monkeypatch, key: str, stage: str
) -> None:
    store = Store.open(demo_copy)
    path = _filled_template(store, tmp_path) if key == "template" else _long_table(store, tmp_path)
    before, march = _counts(store), _figure(store)
    reached, release = _held_at(monkeypatch, key, stage)

    wizard = _wizard(qtbot, store)
    _through_mapping(qtbot, wizard, path)
    assert wizard.detected.kind == key and wizard.preview_page.isComplete()
    assert int(wizard.preview_page.counts.text()["new"]) >= 2
    wizard.next()
    run = wizard.run_page
    assert run.state == "running" and run.cancel_button.isEnabled()
    qtbot.waitUntil(reached.is_set, timeout=WAIT)  # the import is on the worker, at «stage»
    qtbot.mouseClick(run.cancel_button, Qt.MouseButton.LeftButton)
    assert run.status.text() == "Cancelando…" and not run.cancel_button.isEnabled()
    release.set()
    qtbot.waitUntil(lambda: run.state != "running", timeout=WAIT)

    assert run.state == "cancelled" and not run.isComplete()
    assert "cancel" in run.status.text().lower() and "no se guardó ningún cambio" in run.status.text()
    assert run.bar.value() == 0
    assert _counts(store) == before  # no figure, no batch, no audit entry
    assert _figures(store, UNIT, 202511) == {} and _figure(store) == march
