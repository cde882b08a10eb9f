"""Registro mensual: a red that may be chance says so beside its justification (statistics.md §1), and is
justified all the same; a red beyond chance says nothing of the kind."""

from __future__ import annotations

from pathlib import Path

import pytest
from scipy.stats import poisson

from scorecard.domain import Status
from scorecard.store import Store
from tests.ui.test_data_entry import UNIT, row_of

pytestmark = pytest.mark.gui


@pytest.fixture
def entry(qtbot, demo_copy: Path, spanish):  # type: ignore[no-untyped-def]
    from ui.data_entry import DataEntryDialog

    dialog = DataEntryDialog(Store.open(demo_copy), "PN", UNIT)
    dialog.show()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=30_000)
    yield dialog
    dialog.model.undo_stack.setClean()
    dialog.close()


def test_a_red_within_chance_says_so_and_still_asks_for_its_justification(entry) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    from ui.models.entry_model import ACTION, CAUSE, STATUS, VALUE, ProblemRole

    model = entry.model
    hom = row_of(entry, "HOM-01")
    target = model.lines[hom].target
    assert target is not None and 1 < target < 2  # the demo's subcircuit: under two homicides a month
    entry.table.setCurrentIndex(model.index(hom, VALUE))
    model.setData(model.index(hom, VALUE), "3")
    assert model.lines[hom].status() is Status.RED
    p = float(poisson.sf(2, target))  # P(X ≥ 3 | target): lower is better
    assert 0.05 < p < 0.5
    shown = f"{round(p * 100)} %"
    note = entry.chance_label.text()
    assert note == f"Este rojo puede deberse al azar (P = {shown}): igual debe justificarse."
    assert entry.chance_label.isVisibleTo(entry)
    assert model.index(hom, STATUS).data(Qt.ItemDataRole.ToolTipRole) == note
    # the rule stays: the red is justified all the same
    assert model.index(hom, CAUSE).data(ProblemRole) and model.index(hom, ACTION).data(ProblemRole)
    assert not entry.save_button.isEnabled()

    model.setData(model.index(hom, VALUE), "9")  # far beyond chance: red, and nothing said of chance
    assert float(poisson.sf(8, target)) < 0.05
    assert model.lines[hom].status() is Status.RED
    assert entry.chance_label.text() == "" and not entry.chance_label.isVisibleTo(entry)
    model.setData(model.index(hom, VALUE), "0")  # green: nothing either
    assert entry.chance_label.text() == ""
