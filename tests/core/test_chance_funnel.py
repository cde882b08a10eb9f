"""Signal or chance (statistics.md §1) and the funnel plot (§2), every figure computed again here with
scipy.stats from the raw tables and the real Ministerio del Interior register — not with the code under test."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.stats import chi2, norm, poisson
from sqlalchemy import create_engine, text

from scorecard.chance import signal_of
from scorecard.domain import Kind, Polarity
from scorecard.funnel import flags, limits
from scorecard.store import Store

REGISTER = Path(__file__).parents[2] / "resources" / "demo" / "mdi_homicidios_intencionales_2025_ene_oct.xlsx"
GOLDEN = Path(__file__).parent / "golden" / "funnel_z8_districts_2025_10_ytd.json"


def test_the_worked_example_of_the_spec() -> None:
    p_worse = 1 - math.exp(-1.75) * (1 + 1.75 + 1.75**2 / 2)  # P(X ≥ 3 | 1.75), written out
    s = signal_of(Kind.COUNT, Polarity.LOWER_IS_BETTER, 3.0, 1.75)
    assert s.p_worse == pytest.approx(p_worse) and round(p_worse, 3) == 0.256
    assert s.p_better == pytest.approx(poisson.cdf(3, 1.75)) and round(s.p_better, 2) == 0.9  # type: ignore[arg-type]
    assert s.signal == "chance"


def test_tails_direction_ratio_and_what_has_no_signal() -> None:
    # higher is better: worse is the lower tail
    s = signal_of(Kind.COUNT, Polarity.HIGHER_IS_BETTER, 2.0, 10.0)
    assert s.p_worse == pytest.approx(poisson.cdf(2, 10)) and s.signal == "worse"
    s = signal_of(Kind.COUNT, Polarity.LOWER_IS_BETTER, 0.0, 9.0)
    assert s.p_better == pytest.approx(poisson.pmf(0, 9)) and s.signal == "better"
    # a ratio: E = target rate × denominator / factor; O its numerator
    s = signal_of(Kind.RATIO, Polarity.LOWER_IS_BETTER, 12.0, 5.0, numerator=12, denominator=80_000, factor=100_000)
    assert s.expected == pytest.approx(4.0) and s.p_worse == pytest.approx(poisson.sf(11, 4.0))
    assert s.signal == "worse"
    # E = 0: X = 0 surely
    s = signal_of(Kind.COUNT, Polarity.LOWER_IS_BETTER, 1.0, 0.0)
    assert (s.p_worse, s.p_better, s.signal) == (0.0, 1.0, "worse")
    # no signal: averages, stocks, in-band indicators, counts with decimals, no target
    assert signal_of(Kind.AVERAGE, Polarity.LOWER_IS_BETTER, 3.0, 2.0).signal is None
    assert signal_of(Kind.STOCK, Polarity.HIGHER_IS_BETTER, 3.0, 2.0).signal is None
    assert signal_of(Kind.COUNT, Polarity.IN_BAND, 3.0, 2.0).signal is None
    assert signal_of(Kind.COUNT, Polarity.LOWER_IS_BETTER, 2.5, 2.0).signal is None
    assert signal_of(Kind.COUNT, Polarity.LOWER_IS_BETTER, 3.0, None).signal is None
    # the significance level is the institution's
    assert poisson.sf(3, 1.75) == pytest.approx(0.1008, abs=1e-4)  # P(X ≥ 4 | 1.75)
    assert signal_of(Kind.COUNT, Polarity.LOWER_IS_BETTER, 4.0, 1.75).signal == "chance"
    assert signal_of(Kind.COUNT, Polarity.LOWER_IS_BETTER, 4.0, 1.75, alpha=0.15).signal == "worse"


@pytest.fixture
def store(demo_copy: Path) -> Store:
    return Store.open(str(demo_copy))


def test_every_scorecard_line_of_a_subcircuit_carries_its_signal(store: Store) -> None:
    card = store.scoring.scorecard("PN", "2025-09", "09D08C04S07")
    line = next(i for o in card.objectives for i in o.indicators if i.code == "HOM-01")
    with create_engine(store.engine.url).connect() as conn:
        target = conn.execute(
            text(
                "select t.value from targets t join units u on u.id = t.unit_id join indicators i on "
                "i.id = t.indicator_id where u.code = '09D08C04S07' and i.code = 'HOM-01' and t.month = 202509"
            )
        ).scalar_one()
    observed = int(line.value or 0)
    assert line.p_worse == pytest.approx(poisson.sf(observed - 1, target))
    assert line.p_better == pytest.approx(poisson.cdf(observed, target))
    expected = (
        "worse"
        if poisson.sf(observed - 1, target) < 0.05
        else "better"
        if poisson.cdf(observed, target) < 0.05
        else "chance"
    )
    assert line.signal == expected
    value = store.scoring.value("PN", "HOM-01", "09D08C04S07", "2025-09")
    assert (value["signal"], value["p_worse"]) == (line.signal, line.p_worse)


def reference_funnel(observed: np.ndarray, exposure: np.ndarray) -> dict[str, object]:
    """statistics.md §2 written out again with scipy."""
    theta = observed.sum() / exposure.sum()
    expected = theta * exposure
    z = (observed - expected) / np.sqrt(expected)
    lo, hi = np.percentile(z, [10, 90])
    phi = float(np.mean(np.clip(z, lo, hi) ** 2))
    over = len(z) * phi > chi2.ppf(0.95, len(z) - 1)
    out: dict[str, object] = {"theta": theta, "z": z, "phi": phi, "over": over}
    for name, low, high in (("95", 0.025, 0.975), ("998", 0.001, 0.999)):
        if over:
            half = norm.ppf(1 - low) * np.sqrt(phi * theta / exposure)
            out["lower" + name], out["upper" + name] = np.maximum(theta - half, 0), theta + half
        else:
            out["lower" + name] = poisson.ppf(low, expected) / exposure
            out["upper" + name] = poisson.ppf(high, expected) / exposure
    return out


def test_the_funnel_of_zona_8s_districts_against_the_register(store: Store) -> None:
    register = pd.read_excel(REGISTER, sheet_name="1", engine="calamine", dtype=str)
    register = register[(register["zona"] == "ZONA 8") & (register["fecha_infraccion"].str[:7] <= "2025-10")]
    counts = register.groupby(register["codigo_subcircuito"].str[:5]).size()
    with create_engine(store.engine.url).connect() as conn:
        pops = dict(
            conn.execute(
                text(
                    "select u.code, p.population from units u join unit_populations p on p.unit_id = u.id "
                    "join institutions i on i.id = u.institution_id where i.code = 'PN' and u.level = 'distrito' "
                    "and p.year = 2025"
                )
            ).all()
        )
    out = store.funnel.funnel("PN", "HOM-01", "2025-10", unit="Z8", level="distrito", ytd=True)
    codes = [u["unit"] for u in out["units"]]
    assert set(codes) <= set(pops) and out["without_exposure"] == []
    observed = np.array([counts.get(c, 0) for c in codes], dtype=float)
    exposure = np.array([pops[c] * 10 / 12 for c in codes])
    ref = reference_funnel(observed, exposure)
    assert out["benchmark"] == pytest.approx(ref["theta"] * 100_000)
    assert out["phi"] == pytest.approx(ref["phi"]) and out["overdispersed"] == ref["over"]
    for k, u in enumerate(out["units"]):
        assert u["observed"] == observed[k] and u["exposure"] == pytest.approx(exposure[k])
        assert u["rate"] == pytest.approx(observed[k] / exposure[k] * 100_000)
        assert u["z"] == pytest.approx(ref["z"][k])  # type: ignore[index]
        for key in ("lower95", "upper95", "lower998", "upper998"):
            assert u[key] == pytest.approx(ref[key][k] * 100_000)  # type: ignore[index]
        rate = observed[k] / exposure[k]
        flag = (
            "above_998"
            if rate > ref["upper998"][k]
            else "above_95"
            if rate > ref["upper95"][k]  # type: ignore[index]
            else "below_998"
            if rate < ref["lower998"][k]
            else "below_95"
            if rate < ref["lower95"][k]  # type: ignore[index]
            else "within"
        )
        assert u["flag"] == flag
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))
    assert close(json.loads(json.dumps({k: out[k] for k in golden})), golden)


def close(a: object, b: object) -> bool:
    """Equal JSON, floats to 1e-9 relative (the last digit of a sum depends on its order)."""
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(close(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(close(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, float) or isinstance(b, float):
        return isinstance(a, int | float) and isinstance(b, int | float) and math.isclose(a, b, rel_tol=1e-9)
    return a == b


@settings(max_examples=200, deadline=None)
@given(observed=st.integers(1, 5_000), exposure=st.floats(10.0, 1e7), phi=st.floats(1.0, 50.0), over=st.booleans())
def test_a_unit_exactly_at_the_benchmark_is_never_flagged(
    observed: int, exposure: float, phi: float, over: bool
) -> None:
    theta = observed / exposure
    lim = limits(theta, np.array([exposure]), phi, over)
    assert flags(np.array([theta]), lim) == ["within"]


@settings(max_examples=200, deadline=None)
@given(theta=st.floats(1e-5, 1e-2), n=st.floats(1e3, 1e7), phi=st.floats(1.0, 50.0))
def test_limits_widen_as_exposure_shrinks(theta: float, n: float, phi: float) -> None:
    if theta * n < 5:  # the discrete Poisson limits are monotone once a few events are expected
        n = 5 / theta
    for over in (False, True):
        wide, narrow = limits(theta, np.array([n]), phi, over), limits(theta, np.array([4 * n]), phi, over)
        for name in ("95", "998"):
            assert (
                wide[f"upper{name}"][0] - wide[f"lower{name}"][0]
                >= narrow[f"upper{name}"][0] - narrow[f"lower{name}"][0]
            )


@settings(max_examples=200, deadline=None)
@given(theta=st.floats(1e-5, 1e-2), n=st.floats(1e3, 1e7), phi=st.floats(1.0, 50.0))
def test_over_dispersion_only_widens_the_limits(theta: float, n: float, phi: float) -> None:
    plain = limits(theta, np.array([n]), 1.0, True)
    wider = limits(theta, np.array([n]), phi, True)
    for name in ("95", "998"):
        assert wider[f"lower{name}"][0] <= plain[f"lower{name}"][0] + 1e-15
        assert wider[f"upper{name}"][0] >= plain[f"upper{name}"][0] - 1e-15


def test_the_significance_level_is_the_institutions(store: Store) -> None:
    before = store.scoring.value("PN", "HOM-01", "09D08", "2025-09")
    assert store.institutions.set_alpha("PN", 0.5).alpha == 0.5
    after = store.scoring.value("PN", "HOM-01", "09D08", "2025-09")  # the stored view was dropped: recomputed
    p_worse, p_better = after["p_worse"], after["p_better"]
    assert (p_worse, p_better) == (before["p_worse"], before["p_better"])
    assert after["signal"] == ("worse" if p_worse < 0.5 else "better" if p_better < 0.5 else "chance")
    from scorecard.errors import UserError

    with pytest.raises(UserError) as exc:
        store.institutions.set_alpha("PN", 0.9)
    assert exc.value.message_id == "institution.alpha_invalid"
