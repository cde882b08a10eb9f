"""The indicator sheet's expected band (spec/statistics.md §3): drawn for a count once its unit has two
years of history, with a marker and a tooltip on each month outside it; limits checked with scipy.stats."""

from __future__ import annotations

from pathlib import Path

import pyqtgraph as pg
import pytest
from scipy.stats import poisson
from sqlalchemy import select

from scorecard.figures import ResultRow
from scorecard.models import Indicator, Unit
from scorecard.store import Store

pytestmark = pytest.mark.gui

HISTORY = [y * 100 + m for y in (2023, 2024) for m in range(1, 13)]


def with_history(path: Path) -> int:
    """One homicide a month in each of 09D08's subcircuits through 2023 and 2024: μ = their number."""
    store = Store.open(path)
    with store.transaction() as s:
        inst = store.institution(s, "PN")
        hom = s.scalar(select(Indicator.id).where(Indicator.institution_id == inst.id, Indicator.code == "HOM-01"))
        subs = list(
            s.scalars(
                select(Unit.id).where(
                    Unit.institution_id == inst.id, Unit.level == "subcircuito", Unit.code.like("09D08%")
                )
            )
        )
        shape, _ = store.plans.shape(s, inst, 202412)
        rows = [ResultRow(hom, u, m, 1.0) for u in subs for m in HISTORY]
        store.figures.write_results(s, inst.id, rows, {d.indicator_id: d for d in shape.definitions})
    store.close()
    return len(subs)


def test_the_band_and_the_months_outside_it(qtbot, demo_copy: Path, spanish) -> None:  # type: ignore[no-untyped-def]
    from ui.indicator_detail import IndicatorDialog

    n = with_history(demo_copy)
    d = IndicatorDialog(Store.open(demo_copy), "PN", "2025-10", "09D08", "HOM-01")
    qtbot.addWidget(d)
    d.show()
    assert d.wait_band()
    qtbot.waitUntil(lambda: d.band_fill is not None)
    items = d.plot.getPlotItem().items
    assert d.band_fill in items
    january_low, january_high = d.band_fill.curves[0].yData[0], d.band_fill.curves[1].yData[0]
    assert (january_low, january_high) == (poisson.ppf(0.001, n), poisson.ppf(0.999, n))
    values = d.series()[0]
    # each month judged by scipy against the district's 24 months before it (its own 2025 months included)
    wanted = {}
    for i in range(10):
        mu = (n * (24 - i) + sum(values[:i])) / 24
        if poisson.sf(values[i] - 1, mu) < 0.001:
            wanted[i + 1] = "Fuera de lo esperado: alto"
        elif poisson.cdf(values[i], mu) < 0.001:
            wanted[i + 1] = "Fuera de lo esperado: bajo"
    marks = d.band_marks
    assert marks is not None
    assert marks in items
    assert {round(x): t for x, t in zip(marks.data["x"], marks.data["data"], strict=True)} == wanted
    assert wanted[1] == "Fuera de lo esperado: alto"  # 09D08 saw far more than one homicide a subcircuit
    assert "Fuera de lo esperado: alto" in d.month_text(0)


def test_no_band_without_two_years(qtbot, demo_template: Path, spanish) -> None:  # type: ignore[no-untyped-def]
    from ui.indicator_detail import IndicatorDialog

    d = IndicatorDialog(Store.open(demo_template), "PN", "2025-10", "09D08", "HOM-01")
    qtbot.addWidget(d)
    d.show()
    assert d.wait_band()
    assert d.band_fill is None or not any(
        isinstance(i, pg.FillBetweenItem) and i is d.band_fill for i in d.plot.getPlotItem().items
    )
    assert all(p["mu"] is None for p in d.bands[0])
