"""«One figure, one truth» in the desktop: a second source imported beside the official figures, the
reconciliation view's figures per unit against sums made here, the disagreeing rows marked, a planner
certifying through the dialog (read back from the database, then shown by the scorecard), a commander
who cannot certify, the plan screen's sources panel and the import wizard's source."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from openpyxl import Workbook
from PySide6.QtCore import Qt
from sqlalchemy import select

from importers.figures_import import import_figures
from scorecard.models import Certification, Indicator, Result, Unit
from scorecard.store import Store
from tests.builders import load_small
from tests.people import add_people, signed_in

pytestmark = pytest.mark.gui

# DINASED's homicides for January at the circuits (the official figures of tests/builders.py: 6, 2, 4, 0)
SECOND = pd.DataFrame(
    {"unidad": ["09D08C04", "09D08C06", "09D01C01", "17D06C11"], "valor": [9.0, 2.0, 4.0, 0.0]},
)
ZONE = {"09D08C04": "Z8", "09D08C06": "Z8", "09D01C01": "Z8", "17D06C11": "Z9"}


def long_table(path: Path) -> Path:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["unidad", "indicador", "periodo", "valor"])
    for unit, value in SECOND.itertuples(index=False):
        ws.append([unit, "HOM-01", "2025-01", value])
    wb.save(path)
    return path


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "db.sqlite"
    store = Store.open(path, create=True)
    load_small(store)  # the official figures of January 2025
    add_people(store)
    store.sources.add("PN", "DINASED", "Dirección de Delitos contra la Vida")
    import_figures(store, long_table(tmp_path / "dinased.xlsx"), "PN", source="DINASED")
    return path


def official_by_zone(store: Store) -> dict[str, float]:
    """The official circuits' figures summed by zone, read straight from the results table."""
    with store.reading() as s:
        rows = s.execute(
            select(Unit.code, Result.value)
            .join(Unit, Unit.id == Result.unit_id)
            .join(Indicator, Indicator.id == Result.indicator_id)
            .where(Indicator.code == "HOM-01", Result.month == 202501)
        ).all()
    frame = pd.DataFrame(rows, columns=["unidad", "valor"])
    return sums(frame)


def sums(frame: pd.DataFrame) -> dict[str, float]:
    by_zone = frame.assign(zone=frame["unidad"].map(ZONE)).groupby("zone")["valor"].sum()
    return {"PN": float(frame["valor"].sum()), **{z: float(v) for z, v in by_zone.items()}}


def opened(qtbot, store: Store, unit: str = "PN"):  # type: ignore[no-untyped-def]
    from ui.reconciliation_view import ReconciliationDialog

    dialog = ReconciliationDialog(store, "PN", "2025-01", unit, "HOM-01")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.worker.wait_idle()
    return dialog


def select_unit(dialog, code: str) -> None:  # type: ignore[no-untyped-def]
    from ui.models.reconciliation_model import UnitRole

    model = dialog.model
    row = next(r for r in range(model.rowCount()) if model.index(r, 0).data(UnitRole) == code)
    dialog.table.selectRow(row)


def test_the_view_shows_each_source_per_unit_and_marks_the_disagreements(
    qtbot, db: Path, spanish, qtmodeltester
) -> None:  # type: ignore[no-untyped-def]
    from ui.models.reconciliation_model import DisagreeRole, RawRole, StateRole, UnitRole

    store = signed_in(str(db), "planif")
    dialog = opened(qtbot, store)
    model = dialog.model
    qtmodeltester.check(model)
    official, second = official_by_zone(store), sums(SECOND)
    assert official == {"PN": 12.0, "Z8": 12.0, "Z9": 0.0} and second == {"PN": 15.0, "Z8": 15.0, "Z9": 0.0}
    units = [model.index(r, 0).data(UnitRole) for r in range(model.rowCount())]
    assert units == ["PN", "Z8", "Z9"]
    col_official, col_second = model.column_of("value", model.official), model.column_of("value", "DINASED")
    col_diff = model.column_of("diff", "DINASED")
    for r, unit in enumerate(units):
        assert model.index(r, col_official).data(RawRole) == official[unit]
        assert model.index(r, col_second).data(RawRole) == second[unit]
        assert model.index(r, col_diff).data(RawRole) == second[unit] - official[unit]
    z8, z9 = units.index("Z8"), units.index("Z9")
    assert model.index(z8, col_diff).data() == "+3 (+25 %)"
    assert model.index(z8, col_second).data(DisagreeRole) and not model.index(z9, col_second).data(DisagreeRole)
    assert model.index(z8, col_second).data(Qt.ItemDataRole.BackgroundRole) is not None  # the cell is shaded
    assert model.index(z9, col_second).data(Qt.ItemDataRole.BackgroundRole) is None
    state = model.column_of("state")
    assert model.index(z8, state).data(StateRole) == "disagree" and "No coinciden" in model.index(z8, state).data()
    assert model.index(z9, state).data(StateRole) == "agree"
    header = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert header == ["Unidad", "Oficial", "DINASED", "Diferencia DINASED", "Cifra certificada", "Estado"]


def test_a_planner_certifies_and_the_scorecard_shows_the_certified_figure(qtbot, db: Path, spanish) -> None:  # type: ignore[no-untyped-def]
    from ui.main_window import MainWindow
    from ui.models.scorecard_model import IndicatorCodeRole, ScorecardModel, SourcesRole

    store = signed_in(str(db), "planif")
    window = MainWindow(store, "es", period="2025-01")
    qtbot.addWidget(window)
    window.select_unit("Z8")
    assert window.wait_idle()
    model = window.scorecard_model
    row = next(r for r in range(model.rowCount()) if model.index(r, 0).data(IndicatorCodeRole) == "HOM-01")
    value = model.index(row, ScorecardModel.VALUE_COLUMN)
    assert value.data(SourcesRole) == "open" and value.data() == "⚠ 12"
    assert value.data(Qt.ItemDataRole.ToolTipRole) == "Las fuentes no coinciden"  # ToolTipRole

    window.table.doubleClicked.emit(value)  # a double-click on the marked line: its reconciliation
    dialog = window.reconciliation
    qtbot.addWidget(dialog)
    assert dialog.worker.wait_idle()
    assert dialog.unit == "Z8" and dialog.indicator == "HOM-01"
    select_unit(dialog, "Z8")
    assert dialog.certify_button.isEnabled()
    certify = dialog.ask_certify()
    certify.radios["DINASED"].setChecked(True)
    assert not certify.buttons.button(certify.buttons.StandardButton.Ok).isEnabled(), "a reason is required"
    certify.reason.setPlainText("El registro de DINASED incluye tres casos confirmados")
    certify.buttons.button(certify.buttons.StandardButton.Ok).click()
    assert dialog.worker.wait_idle() and window.wait_idle()

    with store.reading() as s:
        cert = s.execute(select(Certification, Unit.code).join(Unit, Unit.id == Certification.unit_id)).one()
    assert cert[1] == "Z8" and cert[0].month == 202501 and cert[0].value == 15.0 and cert[0].source == "DINASED"
    assert cert[0].reason == "El registro de DINASED incluye tres casos confirmados"
    assert cert[0].certified_by == "planif"

    from ui.models.reconciliation_model import StateRole

    z8 = next(r for r in range(dialog.model.rowCount()) if dialog.model.rows[r]["unit"] == "Z8")
    assert dialog.model.index(z8, dialog.model.column_of("state")).data(StateRole) == "certified"
    row = next(r for r in range(model.rowCount()) if model.index(r, 0).data(IndicatorCodeRole) == "HOM-01")
    value = model.index(row, ScorecardModel.VALUE_COLUMN)
    assert value.data(SourcesRole) == "certified" and value.data() == "✔ 15"
    assert "Cifra certificada" in value.data(Qt.ItemDataRole.ToolTipRole)


def test_editions_and_events_of_the_selected_unit(qtbot, db: Path, spanish) -> None:  # type: ignore[no-untyped-def]
    store = signed_in(str(db), "planif")
    dialog = opened(qtbot, store)
    select_unit(dialog, "Z8")
    dialog.show_editions()
    assert dialog.worker.wait_idle()
    rows = dialog.details.table.model().rows
    assert [rows[-1][0], rows[-1][4]] == ["DINASED", "15"]
    dialog.show_events()  # no register was imported: the view says so instead of failing
    assert dialog.worker.wait_idle()
    assert "registro" in dialog.state_label.text()


def test_a_commander_cannot_certify(qtbot, db: Path, spanish) -> None:  # type: ignore[no-untyped-def]
    store = signed_in(str(db), "jefe_09d08")
    dialog = opened(qtbot, store, "09D08")
    assert dialog.model.rowCount() > 0
    dialog.table.selectRow(0)
    assert dialog.editions_button.isEnabled() and not dialog.certify_button.isEnabled()
    assert dialog.ask_certify() is None


def test_the_sources_panel_lists_adds_and_sets_the_tolerance(qtbot, db: Path, spanish) -> None:  # type: ignore[no-untyped-def]
    from ui.plan_editor import PlanEditor

    store = signed_in(str(db), "planif")
    editor = PlanEditor(store, "PN")
    qtbot.addWidget(editor)
    panel = editor.sources_panel
    listed = {s.code: s for s in panel.model.sources}
    assert listed["DINASED"].editions == 1 and "HOM-01" in listed["OFICIAL"].official_for
    assert panel.add_source("ECU911", "Servicio Integrado de Seguridad ECU 911")
    assert "ECU911" in {s.code for s in store.sources.list("PN")}
    panel.tol_pct.setValue(30)
    panel.tol_abs.setValue(1)
    assert panel.save_tolerance()
    info = store.institutions.get("PN")
    assert (info.tolerance_pct, info.tolerance_abs) == (30.0, 1.0)
    row = store.reconciliation.reconcile("PN", "HOM-01", "2025-01")["rows"][1]
    assert row["unit"] == "Z8" and not row["disagree"]  # 25 % is within 30 % now

    panel.indicator_box.setCurrentIndex(panel.indicator_box.findData("HOM-01"))
    panel.official_box.setCurrentIndex(panel.official_box.findData("DINASED"))
    assert panel.apply_official()
    assert "HOM-01" in next(s for s in store.sources.list("PN") if s.code == "DINASED").official_for

    commander = PlanEditor(signed_in(str(db), "jefe_09d08"), "PN")
    qtbot.addWidget(commander)
    assert not commander.sources_panel.add_button.isEnabled()
    assert not commander.sources_panel.tolerance_button.isEnabled()


def test_the_import_wizard_offers_the_sources(qtbot, db: Path, spanish) -> None:  # type: ignore[no-untyped-def]
    from ui.import_wizard import ImportWizard

    wizard = ImportWizard(signed_in(str(db), "planif"), "PN", "es")
    qtbot.addWidget(wizard)
    box = wizard.file_page.source_box
    assert box.itemData(0) is None and wizard.source is None
    box.setCurrentIndex(box.findData("DINASED"))
    assert wizard.source == "DINASED"


def test_events_only_one_register_has(qtbot, demo_copy: Path, spanish, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The demo's register imported as the official one, and again as DINASED without three October
    events: «Eventos» lists those three, only in the official register."""
    from openpyxl import load_workbook

    from demo import register_path
    from importers.register import import_register

    store = Store.open(demo_copy)
    store.sources.add("PN", "DINASED", "Dirección de Delitos contra la Vida")
    wb = load_workbook(register_path())
    ws = wb["1"]
    dates = [c.value for c in ws[1]].index("fecha_infraccion") + 1
    october = [r for r in range(2, ws.max_row + 1) if str(ws.cell(r, dates).value).startswith("2025-10")][:3]
    for r in reversed(october):
        ws.delete_rows(r)
    wb.save(tmp_path / "dinased.xlsx")
    import_register(store, register_path(), "PN", "mdi-homicidios")
    import_register(store, tmp_path / "dinased.xlsx", "PN", "mdi-homicidios", source="DINASED")

    from ui.reconciliation_view import ReconciliationDialog

    dialog = ReconciliationDialog(store, "PN", "2025-10", "PN", "HOM-01")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.worker.wait_idle()
    select_unit(dialog, "PN")
    dialog.show_events()
    assert dialog.worker.wait_idle()
    rows = dialog.details.table.model().rows
    # only in the official register (the demo names it mdi), each in October
    assert len(rows) == 3 and all(r[0].startswith("mdi") and r[4] == "2025-10" for r in rows)
