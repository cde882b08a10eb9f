"""The scorecard's «Señal» column (statistics.md §1): a mark beside the status for the lines whose signal
is set, with the two Poisson tails in its tooltip; empty where no signal applies.

Here the demo's real scorecard is shown with the signal fields of three lines set by hand (worked example
of §1: 3 against 1.75), so each mark is checked whatever the demo's figures say."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from scipy.stats import poisson

from scorecard.domain import IndicatorLine, ScorecardView
from scorecard.store import Store

pytestmark = pytest.mark.gui


def with_signals(view: ScorecardView, signals: dict[str, IndicatorLine]) -> ScorecardView:
    objectives = tuple(
        replace(o, indicators=tuple(signals.get(i.code, i) for i in o.indicators)) for o in view.objectives
    )
    return replace(view, objectives=objectives)


@pytest.fixture
def window(qtbot, demo_template: Path, spanish):  # type: ignore[no-untyped-def]
    from ui.main_window import MainWindow

    w = MainWindow(Store.open(demo_template), "es", period="2025-10")
    qtbot.addWidget(w)
    assert w.wait_idle()
    return w


def row_of(model, code: str) -> int:  # type: ignore[no-untyped-def]
    return next(r for r in range(model.rowCount()) if model.index(r, 0).data().strip() == code)


def test_the_signal_column_shows_the_mark_and_the_tails(window, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    from ui.models.scorecard_model import ScorecardModel

    view = window.view
    lines = {i.code: i for o in view.objectives for i in o.indicators}
    hom = replace(
        lines["HOM-01"],
        value=3.0,
        target=1.75,
        signal="chance",
        p_worse=float(poisson.sf(2, 1.75)),
        p_better=float(poisson.cdf(3, 1.75)),
    )
    ope = replace(lines["OPE-01"], signal="worse", p_worse=0.012, p_better=0.993)
    rob = replace(lines["ROB-01"], signal="better", p_worse=0.97, p_better=0.021)
    window.show_view(with_signals(view, {"HOM-01": hom, "OPE-01": ope, "ROB-01": rob}))
    model = window.scorecard_model
    qtmodeltester.check(model)
    column = ScorecardModel.SIGNAL_COLUMN
    assert column == ScorecardModel.STATUS_COLUMN + 1  # right after the status
    assert model.headerData(column, Qt.Orientation.Horizontal) == "Señal"
    assert model.headerData(ScorecardModel.SPARK_COLUMN, Qt.Orientation.Horizontal) == "Últimos 12 meses"
    cell = model.index(row_of(model, "HOM-01"), column)
    assert cell.data() == "≈ azar"
    tip = cell.data(Qt.ItemDataRole.ToolTipRole)
    assert tip.splitlines() == [
        "Dentro del azar",
        "P(≥ 3 | esperado 1,75) = 25,6 %",  # the worse tail for «lower is better»
        f"P(≤ 3 | esperado 1,75) = {poisson.cdf(3, 1.75) * 100:.1f} %".replace(".", ","),  # 89,9 %
    ]
    assert model.index(row_of(model, "OPE-01"), column).data() == "▲ peor"
    ope_tip = model.index(row_of(model, "OPE-01"), column).data(Qt.ItemDataRole.ToolTipRole)
    assert ope_tip.startswith("Peor de lo esperado por azar\nP(≤ ") and "1,2 %" in ope_tip  # higher is better
    rob_cell = model.index(row_of(model, "ROB-01"), column)
    assert rob_cell.data() == "▼ mejor"
    assert rob_cell.data(Qt.ItemDataRole.ForegroundRole) is not None
    # no signal (an average: the core gives none): an empty cell and no tooltip of its own
    plain = model.index(row_of(model, "ATE-01"), column)
    assert not plain.data() and plain.data(Qt.ItemDataRole.ToolTipRole) is None
    # the other columns keep their place
    assert model.index(row_of(model, "HOM-01"), ScorecardModel.VALUE_COLUMN).data() == "3"
