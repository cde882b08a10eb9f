"""Configuración del plan on the demo: thresholds that change the core's scorecard, targets typed and
distributed and read back from the database, the plan workbook out and in, and a refused write."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QMessageBox

from scorecard.access import Actor
from scorecard.domain import ObjectiveKind, Role
from scorecard.figures import Figures
from scorecard.store import Store
from tests.ui.answers import answer_questions

pytestmark = pytest.mark.gui


@pytest.fixture
def editor(qtbot, demo_copy: Path, spanish):  # type: ignore[no-untyped-def]
    from ui.plan_editor import PlanEditor

    dialog = PlanEditor(Store.open(demo_copy), "PN")
    dialog.show()
    yield dialog
    dialog.original = dialog.store.plans.spec("PN")  # leave without the close guard's question
    if dialog.targets is not None:
        dialog.targets.saved()
    dialog.deadline.setValue(dialog.info.deadline_days)
    dialog.info = dialog.store.institutions.get("PN")
    for edit, value in (
        (dialog.green_edit, dialog.info.thresholds.green),
        (dialog.yellow_edit, dialog.info.thresholds.yellow),
    ):
        edit.setText(str(round(value * 100, 6)).replace(".", ","))
    dialog.objectives.objectives = list(dialog.original.objectives)
    dialog.indicators.indicators = list(dialog.original.indicators)
    dialog.close()


def pick(editor, code: str) -> None:  # type: ignore[no-untyped-def]
    editor.pick_indicator(next(k for k, i in enumerate(editor.indicators.indicators) if i.code == code))


def type_into(editor, field: str, text: str) -> None:  # type: ignore[no-untyped-def]
    edit = editor.fields[field]
    edit.setText(text)
    edit.textEdited.emit(text)


def stored_targets(path: Path, code: str, unit: str, year: int) -> dict[int, float]:
    store = Store.open(path)
    with store.reading() as s:
        from sqlalchemy import select

        from scorecard.models import Indicator, Unit

        ind = s.scalar(select(Indicator.id).where(Indicator.code == code))
        uid = s.scalar(select(Unit.id).where(Unit.code == unit))
        frame = Figures.target_frame(s, None, [ind], year * 100 + 1, year * 100 + 12)
    return {
        int(m): float(t) for u, m, t in zip(frame["unit_id"], frame["month"], frame["target"], strict=True) if u == uid
    }


def test_every_model_passes_the_model_tester(editor, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    assert [i.code for i in editor.indicators.indicators][:3] == ["HOM-01", "HOM-02", "FEM-01"]
    qtmodeltester.check(editor.objectives)
    qtmodeltester.check(editor.indicators)
    assert editor.targets is not None and editor.targets.rowCount() > 1000  # HOM-01: every subcircuit
    qtmodeltester.check(editor.targets)


def test_thresholds_edited_and_saved_change_the_core_status(editor, demo_copy: Path) -> None:  # type: ignore[no-untyped-def]
    before = Store.open(demo_copy).scoring.value("PN", "HOM-01", "PN", "2025-10")
    assert before["status"] == "yellow" and 0.85 < before["performance"] < 0.9
    pick(editor, "HOM-01")
    type_into(editor, "green", "60")
    type_into(editor, "yellow", "70")  # upside down: the core's check shows at once and blocks saving
    assert "HOM-01" in editor.problems_label.text() and not editor.save_button.isEnabled()
    assert editor.problems_label.text().startswith("1 problema: "), "one problem, in the singular"
    assert editor.form_problems.text()
    type_into(editor, "yellow", "50")
    type_into(editor, "green", "85")
    assert editor.validate() == [] and editor.save_button.isEnabled() and editor.isWindowModified()
    editor.effective.setDate(QDate(2025, 1, 1))
    assert editor.save()
    after = Store.open(demo_copy).scoring.value("PN", "HOM-01", "PN", "2025-10")
    assert after["performance"] == pytest.approx(before["performance"])
    assert after["status"] == "green"  # 0.89 ≥ the new 0.85
    spec = next(i for i in Store.open(demo_copy).plans.spec("PN").indicators if i.code == "HOM-01")
    assert (spec.green, spec.yellow) == (pytest.approx(0.85), pytest.approx(0.5))
    assert not editor.isWindowModified() and not editor.save_button.isEnabled()


def test_band_and_weight_are_checked_as_typed(editor) -> None:  # type: ignore[no-untyped-def]
    pick(editor, "HOM-01")
    type_into(editor, "weight", "-1")
    assert any("HOM-01" in p for p in editor.validate())
    type_into(editor, "weight", "2")
    type_into(editor, "factor", "abc")
    assert any("abc" in p for p in editor.validate())
    type_into(editor, "factor", "1")
    box = editor.fields["polarity"]
    box.setCurrentIndex(box.findData("in_band"))
    type_into(editor, "band_min", "10")
    type_into(editor, "band_max", "5")
    assert any("HOM-01" in p for p in editor.validate())
    type_into(editor, "band_max", "1.000,5")
    assert editor.validate() == []
    assert editor.indicators.indicators[0].band_max == 1000.5


def test_a_target_typed_in_the_grid_is_read_back_from_the_database(editor, demo_copy: Path) -> None:  # type: ignore[no-untyped-def]
    model = editor.targets
    row = next(r for r, u in enumerate(model.units) if u.code == "09D08C01S01")
    assert model.setData(model.index(row, 3), "1.234,5")  # March, the Ecuadorian way
    assert model.index(row, 3).data() == "1.234,50"
    model.setData(model.index(row, 4), "12.5")  # not a number here: kept as typed, and blocks saving
    assert not editor.save_button.isEnabled() and "12.5" in editor.problems_label.text()
    model.setData(model.index(row, 4), "")
    editor.reason.setText("revisión del tercer trimestre")
    assert editor.save()
    assert stored_targets(demo_copy, "HOM-01", "09D08C01S01", 2025)[202503] == 1234.5
    assert not model.dirty


def test_an_annual_target_is_distributed_over_twelve_months(editor, demo_copy: Path) -> None:  # type: ignore[no-untyped-def]
    model = editor.targets
    row = next(r for r, u in enumerate(model.units) if u.code == "09D08C01S01")
    editor.distribute([row], 120)
    assert [model.values[model.key(row, m)] for m in range(1, 13)] == [10.0] * 12
    assert model.index(row, model.TOTAL).data() == "120"
    profile = [2.0] * 6 + [0.0] * 6
    editor.distribute([row], 90, profile)
    assert editor.save()
    stored = stored_targets(demo_copy, "HOM-01", "09D08C01S01", 2025)
    assert len(stored) == 12 and sum(stored.values()) == pytest.approx(90)
    assert stored[202501] == pytest.approx(15) and stored[202512] == 0


def test_the_plan_exported_and_imported_again_is_unchanged(editor, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "plan.xlsx"
    editor.export_plan(path)
    assert path.stat().st_size > 0
    before = editor.spec_without_rows()
    editor.objectives.objectives.clear()  # the screen's plan gone, then back from the file
    assert editor.import_plan(path)
    assert editor.spec_without_rows() == before
    assert not editor.dirty


def test_a_refused_write_shows_the_core_message_and_changes_nothing(editor, demo_copy: Path) -> None:  # type: ignore[no-untyped-def]
    editor.store.act_as(Actor("autoridad", Role.EXECUTIVE))
    pick(editor, "HOM-01")
    type_into(editor, "green", "85")
    type_into(editor, "yellow", "50")
    model = editor.targets
    model.setData(model.index(0, 1), "7")
    assert not editor.save()
    assert editor.refusal_box.isVisible() and editor.refusal_box.text() == editor.last_refusal
    assert "autoridad" in editor.last_refusal and "solo lectura" in editor.last_refusal
    assert "No se cambió nada" in editor.last_refusal
    spec = next(i for i in Store.open(demo_copy).plans.spec("PN").indicators if i.code == "HOM-01")
    assert spec.green is None
    assert stored_targets(demo_copy, "HOM-01", model.units[0].code, 2025).get(202501) != 7
    editor.refusal_box.close()
    editor.indicators.indicators = list(editor.original.indicators)  # the targets alone: refused as well
    assert not editor.save() and "targets.write" in editor.last_refusal
    assert stored_targets(demo_copy, "HOM-01", model.units[0].code, 2025).get(202501) != 7
    editor.refusal_box.close()


def test_a_definition_changed_from_a_later_month_leaves_earlier_months_alone(editor, demo_copy: Path) -> None:  # type: ignore[no-untyped-def]
    pick(editor, "HOM-01")
    type_into(editor, "green", "85")
    type_into(editor, "yellow", "50")
    editor.effective.setDate(QDate(2025, 11, 1))
    assert editor.save()
    store = Store.open(demo_copy)
    assert store.scoring.value("PN", "HOM-01", "PN", "2025-10")["status"] == "yellow"  # as it was scored


def test_the_filing_deadline_is_saved_through_the_core(editor, demo_copy: Path) -> None:  # type: ignore[no-untyped-def]
    assert editor.deadline.value() == editor.info.deadline_days
    editor.deadline.setValue(editor.info.deadline_days + 2)
    assert editor.save_button.isEnabled()
    expected = editor.deadline.value()
    assert editor.save()
    assert Store.open(demo_copy).institutions.get("PN").deadline_days == expected


def test_closing_with_unsaved_edits_asks(editor, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    pick(editor, "HOM-01")
    type_into(editor, "name", "Homicidios")
    monkeypatch.setattr(QMessageBox, "question", lambda *_a, **_k: QMessageBox.StandardButton.Cancel)
    assert not editor.close() and editor.isVisible()
    monkeypatch.setattr(QMessageBox, "question", lambda *_a, **_k: QMessageBox.StandardButton.Discard)
    assert editor.close()


def test_the_menu_opens_the_plan_and_a_save_repaints_the_scorecard(qtbot, demo_copy: Path, spanish) -> None:  # type: ignore[no-untyped-def]
    from ui import screen_actions
    from ui.main_window import MainWindow

    def hom01(window) -> str:  # type: ignore[no-untyped-def]
        return next(i.status.key for o in window.view.objectives for i in o.indicators if i.code == "HOM-01")

    window = MainWindow(Store.open(demo_copy), "es", period="2025-10")
    qtbot.addWidget(window)
    assert window.worker.wait_idle()
    qtbot.waitUntil(lambda: window.view is not None)
    assert hom01(window) == "yellow"
    from PySide6.QtGui import QAction

    titles = [a.text() for a in window.findChildren(QAction)]
    assert "Configuración del &plan…" in titles
    editor = screen_actions.open_plan(window)
    pick(editor, "HOM-01")
    type_into(editor, "green", "85")
    type_into(editor, "yellow", "50")
    editor.effective.setDate(QDate(2025, 1, 1))
    assert editor.save()
    editor.close()
    assert window.worker.wait_idle()
    qtbot.waitUntil(lambda: hom01(window) == "green")


def test_objectives_are_picked_from_lists_and_saved(editor, demo_copy: Path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QComboBox, QStyleOptionViewItem

    from ui.models.plan_models import O_KIND, O_PARENT, O_WEIGHT

    editor.add_objective(ObjectiveKind.OPERATIONAL)
    model = editor.objectives
    row = model.rowCount() - 1
    delegate = editor.objectives_view.itemDelegate()
    parent_box = delegate.createEditor(editor.objectives_view, QStyleOptionViewItem(), model.index(row, O_PARENT))
    assert isinstance(parent_box, QComboBox)
    choices = [parent_box.itemText(k) for k in range(parent_box.count())]
    assert choices == ["", "OE1", "OE2", "OE3", "OE4", "OE5"]  # the strategic objectives only
    parent_box.setCurrentText("OE4")
    delegate.setModelData(parent_box, model, model.index(row, O_PARENT))
    assert not model.setData(model.index(row, O_WEIGHT), "-2")  # a negative weight is not taken
    assert model.setData(model.index(row, O_WEIGHT), "1,5")
    kind_box = delegate.createEditor(editor.objectives_view, QStyleOptionViewItem(), model.index(row, O_KIND))
    kind_box.setCurrentText("estratégico")  # a strategic objective with a parent: the core says no
    delegate.setModelData(kind_box, model, model.index(row, O_KIND))
    assert any("OE4" in p for p in editor.validate()) and not editor.save_button.isEnabled()
    kind_box.setCurrentText("operativo")
    delegate.setModelData(kind_box, model, model.index(row, O_KIND))
    assert editor.validate() == []
    assert editor.save()
    saved = Store.open(demo_copy).plans.spec("PN").objectives[-1]
    assert (saved.kind, saved.parent, saved.weight) == (ObjectiveKind.OPERATIONAL, "OE4", 1.5)


def test_switching_indicator_with_unsaved_targets_asks(editor, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    model = editor.targets
    model.setData(model.index(0, 1), "3")
    monkeypatch.setattr(QMessageBox, "question", lambda *_a, **_k: QMessageBox.StandardButton.Cancel)
    editor.target_indicator.setCurrentIndex(2)
    assert editor.targets is model and editor.target_indicator.currentIndex() == 0  # kept, pickers back
    monkeypatch.setattr(QMessageBox, "question", lambda *_a, **_k: QMessageBox.StandardButton.Discard)
    editor.target_indicator.setCurrentIndex(2)
    assert editor.targets is not model and editor.target_indicator.currentData() == "FEM-01"


def type_threshold(edit, text: str) -> None:  # type: ignore[no-untyped-def]
    edit.setText(text)
    edit.textEdited.emit(text)


def test_the_institutions_thresholds_are_checked_as_typed_and_saved_through_the_core(editor, demo_copy: Path) -> None:  # type: ignore[no-untyped-def]
    from scorecard.domain import Thresholds

    before = Store.open(demo_copy).scoring.value("PN", "HOM-01", "PN", "2025-10")
    assert before["status"] == "yellow" and 0.85 < before["performance"] < 0.9  # by the institution's 90 / 75
    assert (editor.green_edit.text(), editor.yellow_edit.text()) == ("90", "75")
    assert not editor.save_button.isEnabled()
    type_threshold(editor.green_edit, "70")  # below yellow: the core's rule shows at once, Save stays off
    assert "Umbrales no válidos" in editor.problems_label.text() and not editor.save_button.isEnabled()
    assert editor.isWindowModified()
    type_threshold(editor.green_edit, "8x")
    assert "no es un número" in editor.problems_label.text() and not editor.save_button.isEnabled()
    type_threshold(editor.green_edit, "")  # one without the other: both or none
    assert "Umbrales no válidos" in editor.problems_label.text()
    type_threshold(editor.green_edit, "85,5")
    type_threshold(editor.yellow_edit, "50")
    assert editor.validate() == [] and editor.save_button.isEnabled()
    assert editor.save()
    store = Store.open(demo_copy)
    assert store.institutions.get("PN").thresholds == Thresholds(0.855, 0.5)
    after = store.scoring.value("PN", "HOM-01", "PN", "2025-10")
    assert after["status"] == "green" and after["performance"] == pytest.approx(before["performance"])
    changes = [(e.old, e.new) for e in store.audit.entries(entity="institution") if e.action == "update"]
    assert changes == [({"green": 0.9, "yellow": 0.75}, {"green": 0.855, "yellow": 0.5})]
    assert not editor.isWindowModified() and not editor.save_button.isEnabled()


def test_the_institutions_thresholds_change_after_the_approved_months(editor, demo_copy: Path) -> None:  # type: ignore[no-untyped-def]
    from scorecard.domain import Thresholds
    from scorecard.scoring import view_as_json

    admin = Store.open(demo_copy)  # the file's local administrator
    admin.workflow.submit("PN", "09D08C01S01", "2025-10")  # a month with nothing red
    admin.workflow.approve("PN", "09D08C01S01", "2025-10")
    october = view_as_json(admin.scoring.scorecard("PN", "2025-10", "09D08C01S01"))
    type_threshold(editor.green_edit, "95")
    assert editor.validate() == []
    assert editor.save()
    info = Store.open(demo_copy).institutions.get("PN")
    assert info.history == ((202511, Thresholds(0.95, 0.75)),)  # from the month after the approved one
    assert view_as_json(Store.open(demo_copy).scoring.scorecard("PN", "2025-10", "09D08C01S01")) == october
    assert "2025-11" in editor.threshold_history.text() and "95" in editor.threshold_history.text()
    assert not editor.isWindowModified()


def test_a_year_with_an_approved_month_keeps_its_targets_and_is_reprogrammed(editor, demo_copy: Path) -> None:  # type: ignore[no-untyped-def]
    admin = Store.open(demo_copy)
    for month in ("2025-01", "2025-02"):
        admin.workflow.submit("PN", "09D08C01S01", month)
        admin.workflow.approve("PN", "09D08C01S01", month)
    editor._load_targets()  # the grid reads the approved months again
    model = editor.targets
    row = next(r for r, u in enumerate(model.units) if u.code == "09D08C01S01")
    jan, feb = model.values.get(model.key(row, 1)), model.values.get(model.key(row, 2))
    assert not model.flags(model.index(row, 1)) & Qt.ItemFlag.ItemIsEditable
    assert model.flags(model.index(row, 3)) & Qt.ItemFlag.ItemIsEditable
    assert "congelada" in model.index(row, 2).data(Qt.ItemDataRole.ToolTipRole)
    editor.distribute([row], 120)  # January and February keep theirs: the rest over March–December
    kept = (jan or 0.0) + (feb or 0.0)
    assert model.values.get(model.key(row, 1)) == jan and model.values.get(model.key(row, 2)) == feb
    assert [model.values[model.key(row, m)] for m in range(3, 13)] == pytest.approx([(120 - kept) / 10] * 10)
    assert not editor.save()  # a re-programming needs its reason
    assert "motivo" in editor.last_refusal
    editor.refusal_box.close()
    editor.reason.setText("Reprogramación del segundo semestre")
    assert editor.save()
    stored = stored_targets(demo_copy, "HOM-01", "09D08C01S01", 2025)
    assert sum(stored.values()) == pytest.approx(120) and stored.get(202501) == jan


def test_closing_with_unsaved_thresholds_asks(editor, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    type_threshold(editor.yellow_edit, "70")
    asked = answer_questions(monkeypatch, QMessageBox.StandardButton.Cancel)
    assert not editor.close() and editor.isVisible() and "sin guardar" in asked[0]
    answer_questions(monkeypatch, QMessageBox.StandardButton.Discard)
    assert editor.close()
