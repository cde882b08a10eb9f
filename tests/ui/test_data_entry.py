"""Registro mensual: a commander files November for a subcircuit, justifies its red, undoes and redoes,
and cannot lose edits by closing."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from scorecard.domain import Status
from scorecard.store import Store
from tests.ui.answers import answer_questions

pytestmark = pytest.mark.gui
UNIT = "09D08C01S01"


@pytest.fixture
def entry(qtbot, demo_copy: Path, spanish):  # type: ignore[no-untyped-def]
    from ui.data_entry import DataEntryDialog

    dialog = DataEntryDialog(Store.open(demo_copy), "PN", UNIT)
    dialog.show()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=30_000)  # the sheet is read on the worker
    yield dialog
    # not given to qtbot: it closes widgets before fixtures end, and this one would ask about edits
    dialog.model.undo_stack.setClean()
    dialog.close()


def row_of(entry, code: str) -> int:  # type: ignore[no-untyped-def]
    return next(r for r, line in enumerate(entry.model.lines) if line.indicator_code == code)


def test_the_sheet_is_the_open_month_and_the_units_due(entry, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    assert entry.month == 202511  # the month after the last one filed in the demo
    assert [line.indicator_code for line in entry.model.lines] == ["HOM-01", "HOM-02", "OPE-01"]
    assert {line.unit_code for line in entry.model.lines} == {UNIT}
    qtmodeltester.check(entry.model)


def test_numbers_are_typed_the_ecuadorian_way(entry) -> None:  # type: ignore[no-untyped-def]
    from ui.models.entry_model import DENOMINATOR, NUMERATOR, VALUE, ProblemRole

    model = entry.model
    ope = row_of(entry, "OPE-01")
    assert model.setData(model.index(ope, VALUE), "1.234,5")
    assert model.lines[ope].value == 1234.5
    assert model.index(ope, VALUE).data() == "1.234,50"
    model.setData(model.index(ope, VALUE), "12.5")  # an English decimal point: kept as typed, and why
    assert model.lines[ope].value is None
    assert model.index(ope, VALUE).data() == "12.5"
    assert "coma decimal" in model.index(ope, VALUE).data(ProblemRole)
    assert model.index(ope, VALUE).data(Qt.ItemDataRole.BackgroundRole) is not None
    assert not entry.save_button.isEnabled()
    hom2 = row_of(entry, "HOM-02")  # a ratio: numerator and denominator, the rate derived
    assert not model.flags(model.index(hom2, VALUE)) & Qt.ItemFlag.ItemIsEditable
    model.setData(model.index(hom2, NUMERATOR), "1")
    assert "numerador y denominador" in model.index(hom2, DENOMINATOR).data(ProblemRole)
    model.setData(model.index(hom2, DENOMINATOR), "0")
    assert "mayor que cero" in model.index(hom2, DENOMINATOR).data(ProblemRole)
    model.setData(model.index(hom2, DENOMINATOR), "2.000")
    line = model.lines[hom2]
    assert line.figure() == pytest.approx(1 / 2000 * line.definition.factor)


def test_a_red_needs_its_cause_and_action_then_saves_through_the_core(entry, qtbot) -> None:  # type: ignore[no-untyped-def]
    from ui.models.entry_model import ACTION, CAUSE, STATUS, VALUE, ProblemRole

    model = entry.model
    hom = row_of(entry, "HOM-01")
    ope = row_of(entry, "OPE-01")
    model.setData(model.index(ope, VALUE), "7")
    model.setData(model.index(hom, VALUE), "5")  # five homicides against a target under two: red
    line = model.lines[hom]
    assert line.status() is Status.RED
    assert model.index(hom, STATUS).data() == "rojo"
    assert model.index(hom, CAUSE).data(ProblemRole) and model.index(hom, ACTION).data(ProblemRole)
    assert not entry.save_button.isEnabled() and "causa" in entry.problems_label.text()
    entry.select(hom)
    qtbot.keyClicks(entry.cause_edit, "Disputa entre bandas")
    qtbot.keyClicks(entry.action_edit, "Patrullaje reforzado")
    assert model.lines[hom].cause == "Disputa entre bandas"
    assert entry.model.undo_stack.count() == 4  # typing in a box merges into one step per box
    assert entry.save_button.isEnabled()

    saved = []
    entry.saved.connect(lambda: saved.append(True))
    qtbot.mouseClick(entry.save_button, Qt.MouseButton.LeftButton)
    assert saved and not entry.model.dirty
    qtbot.waitUntil(lambda: not entry.busy, timeout=30_000)
    store = Store.open(entry.store.engine.url.render_as_string(False))
    from sqlalchemy import text

    with store.reading() as s:
        row = s.execute(
            text(
                "select r.value, r.cause, r.action, r.source from results r join units u on u.id = r.unit_id "
                "join indicators i on i.id = r.indicator_id "
                "where u.code = :u and i.code = 'HOM-01' and r.month = 202511"
            ),
            {"u": UNIT},
        ).one()
    assert tuple(row) == (5.0, "Disputa entre bandas", "Patrullaje reforzado", "typed")
    assert store.scoring.value("PN", "HOM-01", UNIT, "2025-11")["status"] == "red"
    assert any(e.action == "justify" for e in store.audit.entries(entity="result", month=202511))
    # the grid reloaded what is stored
    assert entry.model.lines[hom].value == 5.0 and entry.model.lines[hom].action == "Patrullaje reforzado"


def test_undo_and_redo_with_the_standard_shortcuts(entry, qtbot) -> None:  # type: ignore[no-untyped-def]
    from ui.models.entry_model import VALUE

    model = entry.model
    ope = row_of(entry, "OPE-01")
    model.setData(model.index(ope, VALUE), "3")
    model.setData(model.index(ope, VALUE), "4")
    assert model.lines[ope].value == 4
    from PySide6.QtGui import QKeySequence

    assert entry.undo_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Undo)
    assert entry.redo_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Redo)
    entry.undo_action.trigger()
    assert model.lines[ope].value == 3
    entry.redo_action.trigger()
    assert model.lines[ope].value == 4
    entry.undo_action.trigger()
    entry.undo_action.trigger()
    assert model.lines[ope].value is None and not model.dirty
    assert not entry.undo_action.isEnabled() and entry.redo_action.isEnabled()


def test_closing_with_unsaved_edits_asks(entry, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    from ui.models.entry_model import VALUE

    model = entry.model
    model.setData(model.index(row_of(entry, "OPE-01"), VALUE), "9")
    asked = answer_questions(monkeypatch, QMessageBox.StandardButton.Cancel)
    entry.close()
    assert entry.isVisible() and "sin guardar" in asked[0]
    answer_questions(monkeypatch, QMessageBox.StandardButton.Discard)
    entry.close()
    assert not entry.isVisible()
    store = Store.open(entry.store.engine.url.render_as_string(False))
    assert store.scoring.value("PN", "OPE-01", UNIT, "2025-11")["value"] is None  # nothing was written


def test_the_main_window_opens_it_for_the_selected_unit(qtbot, demo_copy: Path, spanish) -> None:  # type: ignore[no-untyped-def]
    from ui.main_window import MainWindow

    window = MainWindow(Store.open(demo_copy), "es", period="2025-10")
    qtbot.addWidget(window)
    window.select_unit(UNIT)
    assert window.wait_idle()
    dialog = window.open_data_entry()
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
    assert dialog.unit == UNIT and dialog.submit_button.text() == "Enviar para revisión"
    dialog.close()
