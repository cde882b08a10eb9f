"""The league table's funnel plot (statistics.md §2): one point per unit, the benchmark and the 95 % and
99.8 % limits drawn from the core's ``curve``, the units outside named, a hover that says the unit, and a
click that selects the unit in the main window's tree.

The core's ``store.funnel`` is another change: :func:`standin_funnel` here computes §2's JSON with scipy for
the test, and :class:`StandIn` stands in for the manager (``store.funnel.funnel(...)``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PySide6.QtCore import Qt
from scipy.stats import chi2, norm, poisson

from scorecard.store import Store

pytestmark = pytest.mark.gui

TAILS = {"95": (0.025, 0.975), "998": (0.001, 0.999)}
# the nine zones' October homicides, and their populations (one month of a year's exposure)
ZONES = {
    "Z1": (30, 1_574_450),
    "Z2": (14, 693_630),
    "Z3": (5, 720_530),
    "Z4": (95, 2_787_480),
    "Z5": (60, 1_300_000),
    "Z6": (8, 1_000_000),
    "Z7": (12, 1_100_000),
    "Z8": (150, 2_900_000),
    "Z9": (40, 2_700_000),
}


def limits(theta: float, n: np.ndarray, phi: float, over: bool, tail: float) -> np.ndarray:
    if not over:
        return np.asarray(poisson.ppf(tail, theta * n) / n, dtype=float)
    z = norm.ppf(tail)
    return np.maximum(theta + z * np.sqrt(phi * theta / n), 0.0)


def standin_funnel(
    indicator: str, period: str, rows: list[tuple[str, str, float, float]], factor: float = 100_000.0
) -> dict[str, Any]:
    """§2's JSON for units ``(code, name, observed, exposure)``: overall benchmark, φ, limits, flags, curve."""
    kept = [r for r in rows if r[3] > 0]
    observed = np.array([r[2] for r in kept], dtype=float)
    exposure = np.array([r[3] for r in kept], dtype=float)
    theta = observed.sum() / exposure.sum()
    expected = theta * exposure
    z = (observed - expected) / np.sqrt(expected)
    low, high = np.percentile(z, [10, 90])
    phi = float(np.mean(np.clip(z, low, high) ** 2))
    over = bool(len(kept) * phi > chi2.ppf(0.95, len(kept) - 1))
    units = []
    for k, (code, name, o, n) in enumerate(kept):
        rate = o / n
        lim = {
            f"{side}{c}": float(limits(theta, np.array([n]), phi, over, t[s])[0])
            for c, t in TAILS.items()
            for s, side in enumerate(("lower", "upper"))
        }
        flag = "within"
        for c in ("998", "95"):
            if rate > lim[f"upper{c}"]:
                flag = f"above_{c}"
                break
            if rate < lim[f"lower{c}"]:
                flag = f"below_{c}"
                break
        units.append(
            {
                "unit": code,
                "name": name,
                "observed": o,
                "exposure": n,
                "expected": float(expected[k]),
                "rate": rate * factor,
                "z": float(z[k]),
                **{key: v * factor for key, v in lim.items()},
                "flag": flag,
            }
        )
    grid = np.linspace(exposure.min(), exposure.max(), 60)
    curve: dict[str, list[float]] = {"exposure": grid.tolist()}
    for c, t in TAILS.items():
        for s, side in enumerate(("lower", "upper")):
            curve[f"{side}{c}"] = (limits(theta, grid, phi, over, t[s]) * factor).tolist()
    return {
        "indicator": indicator,
        "period": period,
        "level": "zona",
        "benchmark": theta * factor,
        "factor": factor,
        "phi": phi,
        "overdispersed": over,
        "units": units,
        "without_exposure": [r[0] for r in rows if r[3] <= 0],
        "curve": curve,
    }


class StandIn:
    """``store.funnel`` until the core's lands: records what it was asked, answers the zones' funnel."""

    def __init__(self) -> None:
        self.asked: list[tuple[Any, ...]] = []

    def funnel(self, institution: str, indicator: str, period: str, **options: Any) -> dict[str, Any]:
        self.asked.append((institution, indicator, period, options))
        rows = [(code, f"Zona {code[1:]}", o, pop / 12) for code, (o, pop) in ZONES.items()]
        return standin_funnel(indicator, period, [*rows, ("Z99", "Zona no delimitada", 2, 0.0)])


@pytest.fixture
def window(qtbot, demo_template: Path, spanish, monkeypatch):  # type: ignore[no-untyped-def]
    from ui.main_window import MainWindow

    stand_in = StandIn()
    monkeypatch.setattr(Store, "funnel", property(lambda _store: stand_in), raising=False)
    w = MainWindow(Store.open(demo_template), "es", period="2025-10")
    qtbot.addWidget(w)
    w.show()
    assert w.wait_idle()
    w.stand_in = stand_in
    return w


def open_funnel(window, qtbot):  # type: ignore[no-untyped-def]
    window.league_tabs.setCurrentIndex(1)
    assert window.wait_idle()
    view = window.funnel_view
    qtbot.waitUntil(lambda: view.data is not None and not window.busy, timeout=30_000)
    return view


def test_the_tabs_are_ranking_and_funnel(window) -> None:  # type: ignore[no-untyped-def]
    tabs = window.league_tabs
    assert [tabs.tabText(k) for k in range(tabs.count())] == ["Ranking", "Embudo"]
    assert window.funnel_view is None  # made (and pyqtgraph loaded) only when its tab is opened


def test_one_point_per_unit_the_limits_and_the_outside_units_named(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    view = open_funnel(window, qtbot)
    institution, indicator, period, options = window.stand_in.asked[-1]
    assert (institution, indicator, period) == ("PN", "HOM-01", "2025-10")  # the plan's first count indicator
    assert options == {"unit": window.view.unit_code, "level": None, "ytd": False, "benchmark": "overall"}
    data = view.data
    points = view.scatter.points()
    assert sorted(p.data() for p in points) == sorted(ZONES)  # one point per unit with exposure
    for p in points:
        u = next(u for u in data["units"] if u["unit"] == p.data())
        assert (p.pos().x(), p.pos().y()) == pytest.approx((u["exposure"], u["rate"]))
    for key in ("lower95", "upper95", "lower998", "upper998"):
        x, y = view.curves[key].getData()
        assert list(x) == pytest.approx(data["curve"]["exposure"]) and list(y) == pytest.approx(data["curve"][key])
    outside = sorted(u["unit"] for u in data["units"] if u["flag"] != "within")
    assert outside and len(outside) < len(ZONES)  # the numbers put some zones outside, not all
    assert sorted(label.toPlainText() for label in view.labels) == outside
    assert "Z99" in view.without.text()  # no exposure: listed below, not drawn
    # the hover's words: unit, rate, expected and where it lies
    z8 = next(u for u in data["units"] if u["unit"] == "Z8")
    tip = view.scatter.opts["tip"](x=z8["exposure"], y=z8["rate"], data="Z8")  # what the hover shows
    assert tip.startswith("Z8 · Zona 8") and "esperados" in tip and "límite" in tip


def test_the_controls_ask_again(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    view = open_funnel(window, qtbot)
    view.benchmark_box.setCurrentIndex(view.benchmark_box.findData("target"))
    view.level_box.setCurrentIndex(view.level_box.findData("zona"))
    view.ytd.setChecked(True)
    assert window.wait_idle()
    options = window.stand_in.asked[-1][3]
    assert options["benchmark"] == "target" and options["level"] == "zona" and options["ytd"] is True
    codes = [view.indicator_box.itemData(k) for k in range(view.indicator_box.count())]
    assert "HOM-02" in codes and "RES-01" not in codes  # counts and ratios only: no averages, no stocks


def test_a_click_on_a_point_selects_the_unit(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication

    view = open_funnel(window, qtbot)
    QApplication.processEvents()  # the pane's new size laid out (no waiting: the events already posted)
    view.plot.grab()  # pyqtgraph settles its view range when it paints
    point = view.point_of("Z5")
    at = view.plot.mapFromScene(view.scatter.mapToScene(point.pos()))
    qtbot.mouseClick(view.plot.viewport(), Qt.MouseButton.LeftButton, pos=at)
    assert window.wait_idle()
    assert window.selected_unit() == "Z5"


def test_the_view_draws_the_cores_funnel(qtbot, demo_template: Path, spanish) -> None:  # type: ignore[no-untyped-def]
    """No stand-in: the demo's zones from the core (scorecard.funnel), as ``scorecard signal`` gives them."""
    from ui.main_window import MainWindow

    store = Store.open(demo_template)
    w = MainWindow(store, "es", period="2025-10")
    qtbot.addWidget(w)
    w.show()
    assert w.wait_idle()
    view = open_funnel(w, qtbot)
    expected = store.funnel.funnel("PN", "HOM-01", "2025-10", unit=w.view.unit_code)
    assert sorted(p.data() for p in view.scatter.points()) == sorted(u["unit"] for u in expected["units"])
    outside = sorted(u["unit"] for u in expected["units"] if u["flag"] != "within")
    assert sorted(label.toPlainText() for label in view.labels) == outside
