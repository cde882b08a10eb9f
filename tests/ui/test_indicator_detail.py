"""The indicator sheet and its chart: every field of the ficha, the core's figures month by month, the
status bands where the thresholds put them, exact figures on hover."""

from __future__ import annotations

import dataclasses
import math
from pathlib import Path

import numpy as np
import pyqtgraph as pg
import pytest

from scorecard.domain import Status
from scorecard.plan_specs import IndicatorSpec
from scorecard.store import Store

pytestmark = pytest.mark.gui


@pytest.fixture
def dialog(qtbot, demo_template: Path, spanish):  # type: ignore[no-untyped-def]
    from ui.indicator_detail import IndicatorDialog

    d = IndicatorDialog(Store.open(demo_template), "PN", "2025-10", "09D08", "HOM-01")
    qtbot.addWidget(d)
    d.show()
    return d


def test_the_ficha_has_every_field(dialog) -> None:  # type: ignore[no-untyped-def]
    rows = {label: value for label, value, _ in dialog.ficha_rows()}
    shown = [f for _, _, fields in dialog.ficha_rows() for f in fields]
    wanted = [f.name for f in dataclasses.fields(IndicatorSpec) if f.name != "row"]  # row: where it was read
    assert sorted(shown) == sorted(wanted)
    assert rows["Código"] == "HOM-01" and rows["Nombre"] == "Homicidios intencionales"
    assert rows["Polaridad"] == "menor es mejor" and rows["Frecuencia"] == "mensual"
    assert rows["Umbral verde"] == "90 %" and rows["Niveles que reportan"] == "subcircuito"


def test_the_chart_plots_the_cores_figures(dialog) -> None:  # type: ignore[no-untyped-def]
    core = Store.open(_db(dialog))
    values, targets, statuses = dialog.series()
    for month in (1, 3, 10):
        figure = core.scoring.value("PN", "HOM-01", "09D08", f"2025-{month:02d}")
        assert values[month - 1] == pytest.approx(figure["value"])
        assert targets[month - 1] == pytest.approx(figure["target"])
        assert Status(int(statuses[month - 1])).key == figure["status"]
    curves = [item for item in dialog.plot.getPlotItem().items if isinstance(item, pg.PlotDataItem)]
    plotted = curves[-1].getData()[1]
    assert np.allclose(plotted[:10], values[:10])
    # three bands (green, yellow, red) for a lower-is-better indicator
    fills = [i for i in dialog.plot.getPlotItem().items if isinstance(i, pg.FillBetweenItem)]
    status_bands = [i for i in fills if i is not dialog.band_fill]  # the expected band comes on its own
    assert len(status_bands) == 3


def _db(dialog) -> str:  # type: ignore[no-untyped-def]
    return dialog.store.engine.url.render_as_string(False)


def test_bands_match_the_status_arithmetic(dialog) -> None:  # type: ignore[no-untyped-def]
    """A value just inside each band's edge scores that band's colour through the core's arithmetic."""
    from scorecard.arithmetic import performance_of
    from scorecard.history import status_bands

    k = dialog.k
    definition, thresholds = dialog.history.definitions[k], dialog.history.thresholds[k]
    target = 47.8
    for low, high, status in status_bands(np.array([target]), definition, thresholds, 1000.0):
        middle = (float(low[0]) + float(high[0])) / 2
        p = performance_of(middle, target, definition.polarity)
        assert thresholds.status_of(min(p or 0.0, 1.0)) is status


def test_hover_shows_the_months_exact_figures(dialog, qtbot) -> None:  # type: ignore[no-untyped-def]
    vb = dialog.plot.getPlotItem().vb
    october = vb.mapViewToScene(pg.Point(10, 30))
    dialog._hover(october)
    text = dialog.readout.text()
    value = dialog.series()[0][9]
    assert text.startswith("octubre 2025")
    assert f"resultado {int(value)}" in text and "meta 47,83" in text


def test_children_are_selectable_and_the_chart_is_named(dialog) -> None:  # type: ignore[no-untyped-def]
    assert dialog.unit_box.count() == 7  # the district and its six circuits
    dialog.unit_box.setCurrentIndex(2)
    code = dialog.history.unit_codes[2]
    values, _, _ = dialog.series()
    core = Store.open(_db(dialog)).scoring.value("PN", "HOM-01", code, "2025-10")
    assert values[9] == pytest.approx(core["value"])
    assert "HOM-01" in dialog.plot.accessibleName()
    described = dialog.plot.accessibleDescription()
    assert described.count(";") >= 8 and "octubre 2025" in described
    assert all(not math.isnan(v) for v in values[:10])


def test_double_click_opens_it_from_the_scorecard(qtbot, demo_template: Path, spanish) -> None:  # type: ignore[no-untyped-def]
    from ui.main_window import MainWindow
    from ui.models.scorecard_model import IndicatorCodeRole

    window = MainWindow(Store.open(demo_template), "es", period="2025-10")
    qtbot.addWidget(window)
    window.select_unit("09D08")
    assert window.wait_idle()
    model = window.scorecard_model
    row = next(r for r in range(model.rowCount()) if model.index(r, 0).data(IndicatorCodeRole) == "EXT-01")
    opened = []
    original = window.open_indicator
    window.open_indicator = lambda code: opened.append(original(code))
    window.table.doubleClicked.emit(model.index(row, 1))
    assert opened and opened[0].code == "EXT-01"
    assert opened[0].history is window.history  # the year the sparklines used: no second computation
    opened[0].close()


def test_a_dark_system_palette_is_followed(qtbot, qapp, demo_template: Path, spanish) -> None:  # type: ignore[no-untyped-def]
    """Nothing paints a fixed light background: the chart takes the palette's base colour and text."""
    from PySide6.QtGui import QColor, QPalette

    from ui.indicator_detail import IndicatorDialog

    original = qapp.palette()
    dark = QPalette(original)
    dark.setColor(QPalette.ColorRole.Base, QColor("#1e1e1e"))
    dark.setColor(QPalette.ColorRole.Window, QColor("#2b2b2b"))
    dark.setColor(QPalette.ColorRole.Text, QColor("#eeeeee"))
    d = IndicatorDialog(Store.open(demo_template), "PN", "2025-10", "09D08", "HOM-01")
    qtbot.addWidget(d)
    d.show()
    try:
        qapp.setPalette(dark)  # the system turns dark while the dialog is open
        qtbot.waitUntil(lambda: d.plot.backgroundBrush().color() == QColor("#1e1e1e"), timeout=3000)
        result = next(
            i for i in d.plot.getPlotItem().items if isinstance(i, pg.PlotDataItem) and i.name() == "Resultado"
        )
        assert result.opts["pen"].color() == QColor("#eeeeee")
    finally:
        qapp.setPalette(original)
