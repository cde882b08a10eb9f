"""Last year in the desktop app: the scorecard's two new columns (figure, change coloured by polarity) and
the indicator sheet's multi-year charts, on ten years of history (tests/ten_years.py) added up by hand."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtCore import Qt

from scorecard.store import Store
from tests.ten_years import homicide_target, homicides, load_ten_years, murders

pytestmark = pytest.mark.gui
DISTRICT = ("09D08C04", "09D08C06")  # the circuits of district 09D08


@pytest.fixture(scope="module")
def ten_years(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("ten_years_gui") / "ten.sqlite"
    load_ten_years(Store.open(path, create=True))
    return path


def row_of(model, code: str) -> int:  # type: ignore[no-untyped-def]
    return next(r for r in range(model.rowCount()) if (model.index(r, 0).data() or "").strip() == code)


def test_the_scorecard_shows_last_year_and_the_change(qtbot, ten_years: Path, spanish) -> None:  # type: ignore[no-untyped-def]
    from ui.main_window import MainWindow
    from ui.theme import error_colour, good_colour

    w = MainWindow(Store.open(ten_years), "es", period="2025-03")
    qtbot.addWidget(w)
    assert w.wait_idle()
    model = w.scorecard_model
    r = row_of(model, "HOM-01")
    # 11 homicides in March 2025 against 10 in March 2024: up 10 %, bad news for a lower-is-better count
    assert model.index(r, model.PREVIOUS_COLUMN).data() == "10"
    assert model.index(r, model.CHANGE_COLUMN).data() == "▲ +10,0 %"
    brush = model.index(r, model.CHANGE_COLUMN).data(Qt.ItemDataRole.ForegroundRole)
    assert brush.color().name() == error_colour().lower() != good_colour().lower()
    tip = model.index(r, model.CHANGE_COLUMN).data(Qt.ItemDataRole.ToolTipRole)
    assert "2024-03" in tip and "empeora" in tip
    # the zone 9 filed nothing in 2024: no figure, no change
    w.select_unit("Z9")
    assert w.wait_idle()
    r = row_of(model, "HOM-01")
    assert [model.index(r, c).data() for c in (model.PREVIOUS_COLUMN, model.CHANGE_COLUMN)] == ["—", "—"]
    # a fall is good news: district 09D08 in March
    w.select_unit("09D08")
    assert w.wait_idle()
    r = row_of(model, "HOM-01")
    now = sum(homicides(c, 2025, 3) or 0 for c in DISTRICT)
    before = sum(homicides(c, 2024, 3) or 0 for c in DISTRICT)
    assert model.index(r, 2).data() == str(now) and model.index(r, model.PREVIOUS_COLUMN).data() == str(before)
    assert (now, before) == ((18 + 3) % 7 + (21 + 3) % 7, (16 + 3) % 7 + (19 + 3) % 7) == (3, 6)
    assert model.index(r, model.CHANGE_COLUMN).data() == "▼ −50,0 %"
    brush = model.index(r, model.CHANGE_COLUMN).data(Qt.ItemDataRole.ForegroundRole)
    assert brush.color().name() == good_colour().lower()


@pytest.fixture
def sheet(qtbot, ten_years: Path, spanish):  # type: ignore[no-untyped-def]
    from ui.indicator_detail import IndicatorDialog

    d = IndicatorDialog(Store.open(ten_years), "PN", "2025-10", "09D08", "HOM-01")
    qtbot.addWidget(d)
    d.show()
    return d


def test_the_monthly_chart_spans_every_year(sheet) -> None:  # type: ignore[no-untyped-def]
    assert sheet.wait_years()
    chart = sheet.years
    assert chart.history.years == tuple(range(2016, 2026))
    x, y = chart.value_curve.getData()
    assert len(x) == 10 * 12 and x[0] == pytest.approx(2016 + 0.5 / 12) and x[-1] == pytest.approx(2025 + 11.5 / 12)
    for year, month in ((2016, 1), (2019, 7), (2024, 12), (2025, 10)):
        k = (year - 2016) * 12 + month - 1
        assert y[k] == sum(homicides(c, year, month) or 0 for c in DISTRICT)
    assert np.isnan(y[-2:]).all()  # November and December 2025: nothing filed yet
    _, targets = chart.target_curve.getData()
    assert targets[0] == 2 * 4 and targets[12] == 2 * 3  # two circuits: 4 each in even years, 3 in odd ones
    assert {i.text for _, i in chart.monthly.getPlotItem().legend.items} == {"Meta", "Resultado"}
    assert chart.monthly.accessibleName() and "2016:" in chart.monthly.accessibleDescription()
    tabs = [sheet.views.tabText(t) for t in range(sheet.views.count())]
    assert tabs == ["Año 2025", "Todos los años, mes a mes", "Totales anuales"]


def test_the_annual_view_has_each_years_total_and_target(sheet) -> None:  # type: ignore[no-untyped-def]
    assert sheet.wait_years()
    chart = sheet.years
    heights = chart.bars.opts["height"]
    for y, year in enumerate(range(2016, 2026)):
        months = range(1, 13) if year < 2025 else range(1, 11)  # 2025: January to October
        assert heights[y] == sum(homicides(c, year, m) or 0 for c in DISTRICT for m in months)
    _, goals = chart.annual_target_curve.getData()
    assert list(goals) == [2 * 12 * homicide_target("", year, 1) for year in range(2016, 2025)] + [2 * 10 * 3]
    assert chart.year_label(9) == "2025 (ene–oct)"
    # a circuit of the district: the charts follow the unit picked
    sheet.unit_box.setCurrentIndex(sheet.history.unit_codes.index("09D08C06"))
    assert sheet.wait_years()
    heights = sheet.years.bars.opts["height"]
    assert heights[3] == sum(homicides("09D08C06", 2019, m) or 0 for m in range(1, 13))
    assert isinstance(chart.bars, pg.BarGraphItem)


def test_a_ratios_annual_total_is_a_rate_of_sums(qtbot, ten_years: Path, spanish) -> None:  # type: ignore[no-untyped-def]
    from ui.indicator_detail import IndicatorDialog

    d = IndicatorDialog(Store.open(ten_years), "PN", "2025-10", "Z8", "TAS-01")
    qtbot.addWidget(d)
    assert d.wait_years()
    heights = d.years.bars.opts["height"]
    for y, year in enumerate(range(2016, 2026)):
        months = range(1, 13) if year < 2025 else range(1, 11)
        num = sum(murders(dist, year, m) or 0 for dist in ("09D08", "09D01") for m in months)
        assert heights[y] == pytest.approx(num / (len(months) * 500_000) * 100_000)
