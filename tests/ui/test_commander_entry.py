"""Registro mensual for a signed-in commander, on the demo: their scope's reporting units whatever the
window shows, the earliest month the workflow leaves open (following submissions and reopenings made
through the core), closed months visible but not selectable; the sheet loads on the worker, greyed out."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from scorecard.models import Unit, UnitClosure
from scorecard.store import Store

pytestmark = pytest.mark.gui

PASSWORD = "clave-segura-1"
DISTRICT = "09D08"


@pytest.fixture
def people(demo_copy: Path) -> Path:
    with Store.open(demo_copy) as admin:  # an SQLite file without users: its local administrator
        admin.users.add("jefe_d", "commander", institution="PN", scope=DISTRICT, password=PASSWORD)
        admin.users.add("planif", "planner", institution="PN", password=PASSWORD)
        admin.users.add("jefa_ti", "admin", password=PASSWORD)
        admin.users.add("autoridad", "executive", password=PASSWORD)
    return demo_copy


def signed_in(path: Path, name: str) -> Store:
    store = Store.open(path)
    store.users.authenticate(name, PASSWORD)
    return store


def opened(qtbot, store: Store, unit: str = "09D01C01S01"):  # type: ignore[no-untyped-def]
    from ui.data_entry import DataEntryDialog

    dialog = DataEntryDialog(store, "PN", unit)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.busy and not dialog.table.isEnabled()  # read on the worker, the grid greyed out meanwhile
    assert dialog.busy_label.text() == "Cargando el registro…" and not dialog.save_button.isEnabled()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=30_000)
    assert dialog.table.isEnabled() and dialog.busy_label.text() == ""
    return dialog


def offered(dialog) -> dict[int, tuple[str, bool]]:  # type: ignore[no-untyped-def]
    box, items = dialog.month_box, dialog.month_box.model()
    return {int(box.itemData(k)): (box.itemText(k), items.item(k).isEnabled()) for k in range(box.count())}


def test_a_district_commander_files_their_subcircuits(qtbot, people: Path, spanish, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    jefe = signed_in(people, "jefe_d")
    dialog = opened(qtbot, jefe)  # asked for another district's subcircuit: the scope wins
    assert (dialog.unit, dialog.by_scope) == (DISTRICT, True)
    assert dialog.windowTitle().startswith(f"Registro mensual — {DISTRICT}")
    qtmodeltester.check(dialog.model)

    with jefe.reading() as s:  # the unit tree as stored
        below = _subtree(s, DISTRICT)
    subcircuits = {code for code, level in below if level == "subcircuito"}
    assert len(subcircuits) > 3
    lines = dialog.model.lines
    assert {line.unit_code for line in lines if dict(below)[line.unit_code] == "subcircuito"} == subcircuits
    assert {line.unit_code for line in lines} <= {code for code, _level in below}  # nothing outside the scope
    for line in lines:  # each line at a level its indicator is reported at
        assert dict(below)[line.unit_code] in line.definition.levels
    assert {line.indicator_code for line in lines if line.unit_code in subcircuits} == {"HOM-01", "HOM-02", "OPE-01"}

    # nothing submitted in the demo: January, the earliest month still open; every month offered
    assert dialog.month == 202501
    months = offered(dialog)
    assert min(months) == 202501 and max(months) == 202511
    assert all(enabled for _text, enabled in months.values())
    assert "Abierto" in dialog.submission.state_label.text()

    # another open month from the picker: read on the worker too
    dialog.month_box.setCurrentIndex(dialog.month_box.findData(202503))
    assert dialog.busy
    qtbot.waitUntil(lambda: not dialog.busy, timeout=30_000)
    assert dialog.month == 202503 and dialog.model.sheet.month == 202503 and dialog.model.lines[0].value is not None
    dialog.close()


def test_the_open_month_follows_the_workflow(qtbot, people: Path, spanish) -> None:  # type: ignore[no-untyped-def]
    root, planif, jefe = (signed_in(people, n) for n in ("jefa_ti", "planif", "jefe_d"))
    for b in root.workflow.blockers("PN", DISTRICT, "2025-01"):
        root.workflow.justify("PN", b.unit, b.indicator, "2025-01", "Feriado", "Refuerzo de turnos")
    jefe.workflow.submit("PN", DISTRICT, "2025-01")

    dialog = opened(qtbot, jefe)
    assert dialog.month == 202502
    months = offered(dialog)
    assert months[202501] == ("enero 2025 — Enviado", False)  # seen with its state, not selectable
    assert months[202502] == ("febrero 2025", True)
    dialog.close()

    planif.workflow.approve("PN", DISTRICT, "2025-01")
    dialog = opened(qtbot, jefe)
    assert dialog.month == 202502 and offered(dialog)[202501] == ("enero 2025 — Aprobado", False)
    dialog.close()

    planif.workflow.reopen("PN", DISTRICT, "2025-01", "Corrección de la población de referencia")
    dialog = opened(qtbot, jefe)
    assert dialog.month == 202501 and offered(dialog)[202501] == ("enero 2025", True)
    assert "Abierto" in dialog.submission.state_label.text()
    dialog.close()


def test_planners_keep_the_unit_they_picked_and_the_month_after_the_last_filed(qtbot, people: Path, spanish) -> None:  # type: ignore[no-untyped-def]
    dialog = opened(qtbot, signed_in(people, "planif"), "09D01C01S01")
    assert (dialog.unit, dialog.by_scope, dialog.month) == ("09D01C01S01", False, 202511)
    assert list(offered(dialog)) == [*range(202412, 202413), *range(202501, 202512)]
    dialog.close()


def test_the_main_window_opens_the_commanders_scope(qtbot, people: Path, spanish) -> None:  # type: ignore[no-untyped-def]
    from ui.main_window import MainWindow

    window = MainWindow(signed_in(people, "jefe_d"), "es", period="2025-10")
    qtbot.addWidget(window)
    window.select_unit("17D06")  # a unit of another zone on screen
    assert window.wait_idle()
    dialog = window.open_data_entry()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=30_000)
    assert dialog.unit == DISTRICT and dialog.month == 202501
    dialog.close()


def _subtree(s, code: str) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    scope = s.scalar(select(Unit.id).where(Unit.code == code))
    q = select(Unit.code, Unit.level).join(UnitClosure, UnitClosure.descendant_id == Unit.id)
    return [tuple(r) for r in s.execute(q.where(UnitClosure.ancestor_id == scope))]


def test_an_executive_reads_only_so_the_data_entry_is_off(qtbot, people: Path, spanish) -> None:  # type: ignore[no-untyped-def]
    from ui.main_window import MainWindow

    window = MainWindow(signed_in(people, "autoridad"), "es", period="2025-10")
    qtbot.addWidget(window)
    assert window.wait_idle()
    assert not window.entry_action.isEnabled()
