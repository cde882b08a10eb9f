"""The control band of spec/statistics.md §3 on the real register's districts, and its rules on their own.
Every expected figure is computed here with scipy.stats, never with scorecard.control_band."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.stats import poisson
from sqlalchemy import select

from scorecard.control_band import band, control_chart
from scorecard.figures import ResultRow
from scorecard.models import Indicator, Unit
from scorecard.periods import month_key
from scorecard.store import Store

REGISTER = Path(__file__).parents[2] / "resources" / "demo" / "mdi_homicidios_intencionales_2025_ene_oct.xlsx"
MONTHS_2025 = [month_key(2025, m) for m in range(1, 11)]
HISTORY = [month_key(y, m) for y in (2023, 2024) for m in range(1, 13)]


def expected_band(window: list[float | None], observed: float | None) -> dict[str, object] | None:
    filed = [v for v in window if v is not None]
    if len(filed) < 12:
        return None
    mu = sum(filed) / len(filed)
    flag = None
    if observed is not None and float(observed).is_integer():
        if mu == 0:
            flag = "high" if observed > 0 else None
        elif poisson.sf(observed - 1, mu) < 0.001:
            flag = "high"
        elif poisson.cdf(observed, mu) < 0.001:
            flag = "low"
    lower, upper = (0.0, 0.0) if mu == 0 else (poisson.ppf(0.001, mu), poisson.ppf(0.999, mu))
    return {"mu": mu, "lower": float(lower), "upper": float(upper), "flag": flag}


# --- the rule on its own -----------------------------------------------------------------------------------


def test_band_and_flags_against_scipy() -> None:
    history: list[float | None] = [3.0] * 24
    b = band(history, 12)
    assert b is not None
    assert b.mu == 3.0
    assert (b.lower, b.upper) == (poisson.ppf(0.001, 3.0), poisson.ppf(0.999, 3.0))
    assert b.flag == "high"  # P(X ≥ 12 | 3) ≈ 5e-5
    assert band(history, 3) is not None
    assert band(history, 3).flag is None  # type: ignore[union-attr]
    low = band([12.0] * 24, 0)
    assert low is not None
    assert low.flag == "low"
    assert poisson.cdf(0, 12.0) < 0.001


def test_twelve_filed_months_at_least() -> None:
    eleven: list[float | None] = [None] * 13 + [1.0] * 11
    assert band(eleven, 40) is None  # no band, no flag
    twelve: list[float | None] = [None] * 12 + [1.0] * 12
    b = band(twelve, 40)
    assert b is not None
    assert b.mu == 1.0
    assert b.flag == "high"


def test_mu_zero_means_no_event_surely() -> None:
    zeros: list[float | None] = [0.0] * 24
    b = band(zeros, 0)
    assert b is not None
    assert (b.mu, b.lower, b.upper, b.flag) == (0.0, 0.0, 0.0, None)
    one = band(zeros, 1)
    assert one is not None
    assert one.flag == "high"


def test_a_figure_with_decimals_gets_a_band_but_no_flag() -> None:
    b = band([3.0] * 24, 40.5)
    assert b is not None
    assert b.flag is None


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(0, 60), min_size=12, max_size=24))
def test_the_rounded_mean_is_never_flagged(values: list[int]) -> None:
    history: list[float | None] = [None] * (24 - len(values)) + [float(v) for v in values]
    mu = sum(values) / len(values)
    b = band(history, round(mu))
    assert b is not None
    assert b.flag is None


@settings(max_examples=200, deadline=None)
@given(st.floats(0.1, 200), st.floats(1.0, 4.0))
def test_the_band_widens_with_mu(mu: float, k: float) -> None:
    small, large = band([mu] * 24, None), band([mu * k] * 24, None)
    assert small is not None
    assert large is not None
    assert large.lower >= small.lower
    assert large.upper >= small.upper
    if k >= 2:
        assert large.upper - large.lower >= small.upper - small.lower


# --- the chart on the real register's districts ------------------------------------------------------------


def district_counts() -> pd.DataFrame:
    """Events per district (the subcircuit code's first five characters) and month of 2025, from the file."""
    df = pd.read_excel(REGISTER, sheet_name="1", engine="openpyxl", usecols=["codigo_subcircuito", "fecha_infraccion"])
    df["district"] = df["codigo_subcircuito"].astype(str).str.strip().str.upper().str[:5]
    dates = pd.to_datetime(df["fecha_infraccion"])
    df["month"] = dates.dt.year * 100 + dates.dt.month
    return df.groupby(["district", "month"]).size().unstack(fill_value=0)


# district → its history: 24 months of 2023–2024 (None: not filed), all of it on its first subcircuit
SCENARIOS: dict[str, list[float | None]] = {
    "09D08": [40.0] * 24,  # the busiest district, well below its 2025 level: high months
    "12D01": [None] * 13 + [0.0] * 11,  # 11 filed months: no band in January; February has 12
    "09D24": [90.0] * 24,  # above its 2025 level: low months
}


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Store:
    from demo import load_demo

    store = Store.open(tmp_path_factory.mktemp("band") / "demo.sqlite", create=True)
    load_demo(store)
    with store.transaction() as s:
        inst = store.institution(s, "PN")
        hom = s.scalar(select(Indicator.id).where(Indicator.institution_id == inst.id, Indicator.code == "HOM-01"))
        shape, _ = store.plans.shape(s, inst, 202412)
        rows = []
        for district, history in SCENARIOS.items():
            first = s.scalar(
                select(Unit.id)
                .where(Unit.institution_id == inst.id, Unit.level == "subcircuito", Unit.code.like(f"{district}%"))
                .order_by(Unit.code)
            )
            assert first is not None
            rows += [ResultRow(hom, first, m, v) for m, v in zip(HISTORY, history, strict=True) if v is not None]
        store.figures.write_results(s, inst.id, rows, {d.indicator_id: d for d in shape.definitions})
    return store


@pytest.mark.slow
@pytest.mark.parametrize("district", sorted(SCENARIOS))
def test_control_chart_of_a_real_district(demo: Store, district: str) -> None:
    counts = district_counts().loc[district]
    series: list[float | None] = [*SCENARIOS[district], *(float(counts.get(m, 0)) for m in MONTHS_2025)]
    chart = control_chart(demo, "PN", "HOM-01", district, MONTHS_2025[0], MONTHS_2025[-1])
    assert [p["month"] for p in chart] == MONTHS_2025
    for i, point in enumerate(chart):
        observed = series[24 + i]
        assert point["value"] == observed
        want = expected_band(series[i : 24 + i], observed)
        if want is None:
            assert (point["mu"], point["lower"], point["upper"], point["flag"]) == (None, None, None, None)
        else:
            assert point["mu"] == pytest.approx(want["mu"])
            assert (point["lower"], point["upper"], point["flag"]) == (want["lower"], want["upper"], want["flag"])
    flags = {p["flag"] for p in chart}
    if district == "09D08":
        assert "high" in flags
    if district == "09D24":
        assert "low" in flags
    if district == "12D01":
        assert chart[0]["mu"] is None
        assert chart[1]["mu"] is not None


def test_not_a_count_has_no_chart(demo: Store) -> None:
    assert control_chart(demo, "PN", "HOM-02", "09D08", MONTHS_2025[0], MONTHS_2025[-1]) == []
    assert np.isfinite(poisson.ppf(0.999, 1.0))


def test_the_review_queue_counts_the_figures_outside_their_band(demo: Store) -> None:
    from scorecard.control_band import flagged_figures

    df = pd.read_excel(REGISTER, sheet_name="1", engine="openpyxl", usecols=["codigo_subcircuito", "fecha_infraccion"])
    january = df[pd.to_datetime(df["fecha_infraccion"]).dt.month == 1]["codigo_subcircuito"].astype(str).str.upper()
    want = {}
    for district, history in SCENARIOS.items():
        with demo.reading() as s:
            first = s.scalar(
                select(Unit.code).where(Unit.level == "subcircuito", Unit.code.like(f"{district}%")).order_by(Unit.code)
            )
        observed = int((january == first).sum())
        filed = [v for v in history if v is not None]  # only this subcircuit has history: the others no band
        mu = sum(filed) / len(filed)
        out = len(filed) >= 12 and (poisson.sf(observed - 1, mu) < 0.001 or poisson.cdf(observed, mu) < 0.001)
        want[district] = int(out)
    assert flagged_figures(demo, "PN", 202501, sorted(SCENARIOS)) == want
    assert want["12D01"] == 0
    assert want["09D08"] == 1
