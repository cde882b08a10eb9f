"""Comparing units on a funnel plot (spec statistics.md §2; Spiegelhalter 2005, Stat Med 24:1185).

A league table of rates ranks small units at both ends by chance alone.  The funnel puts each unit's rate
against its exposure with the limits chance allows around a benchmark: limits that narrow as exposure
grows, so only units outside them are told apart.  Over-dispersion (more spread than Poisson, as between
territories there always is) widens the limits, multiplicatively, as Spiegelhalter's paper does.

Exposure: a ratio's denominator; a count's unit population × months / 12 (rates then per 100 000).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt
from sqlalchemy import select

from scorecard import access
from scorecard.domain import Kind
from scorecard.errors import UserError
from scorecard.models import Indicator, UnitPopulation
from scorecard.periods import Period

if TYPE_CHECKING:
    from scorecard.store import Store

COUNT_FACTOR = 100_000.0  # a count's rate is shown per 100 000 inhabitants
TAILS = {"95": (0.025, 0.975), "998": (0.001, 0.999)}
CURVE_POINTS = 200  # the discrete Poisson limits step: a fine grid draws their steps, not a sawtooth
FloatArray = npt.NDArray[np.float64]


def overdispersion(z: FloatArray) -> tuple[float, bool]:
    """φ: the mean square of the z-scores winsorised at their 10th and 90th percentiles; over-dispersed
    when I·φ passes the 95th percentile of χ² with I − 1 degrees of freedom."""
    from scipy.stats import chi2

    z = z[np.isfinite(z)]
    if z.size < 2:
        return 1.0, False
    lo, hi = np.percentile(z, [10, 90])
    phi = float(np.mean(np.clip(z, lo, hi) ** 2))
    return phi, bool(z.size * phi > chi2.ppf(0.95, z.size - 1))


def limits(theta: float, exposure: FloatArray, phi: float, over: bool) -> dict[str, FloatArray]:
    """The 95 % and 99.8 % limits on the rate scale (events per unit of exposure) for each exposure."""
    from scipy.stats import norm, poisson

    n = np.asarray(exposure, dtype=float)
    out: dict[str, FloatArray] = {}
    for name, (low, high) in TAILS.items():
        if over:
            half = norm.ppf(1 - low) * np.sqrt(phi * theta / n)
            out[f"lower{name}"] = np.maximum(theta - half, 0.0)
            out[f"upper{name}"] = theta + half
        else:
            out[f"lower{name}"] = poisson.ppf(low, theta * n) / n
            out[f"upper{name}"] = poisson.ppf(high, theta * n) / n
    return out


def flags(rate: FloatArray, lim: dict[str, FloatArray]) -> list[str]:
    out = []
    for k, r in enumerate(rate):
        if r > lim["upper998"][k]:
            out.append("above_998")
        elif r > lim["upper95"][k]:
            out.append("above_95")
        elif r < lim["lower998"][k]:
            out.append("below_998")
        elif r < lim["lower95"][k]:
            out.append("below_95")
        else:
            out.append("within")
    return out


def _number(x: float) -> float | None:
    return None if x is None or not math.isfinite(x) else float(x)


class Funnel:
    def __init__(self, store: Store) -> None:
        self.store = store

    def funnel(
        self,
        institution: str,
        indicator: str,
        period: str,
        *,
        unit: str | None = None,
        level: str | None = None,
        ytd: bool = False,
        benchmark: str = "overall",
    ) -> dict[str, Any]:
        if benchmark not in ("overall", "target"):
            raise UserError("funnel.benchmark", value=benchmark)
        p = Period.parse(period)
        months = list((p.year_to_date() if ytd else p).months)
        with self.store.reading() as s:
            prepared = self.store.scoring.prepare(s, institution, months[0], months[-1], unit, indicator=indicator)
            inst = prepared.institution
            access.require_reader(s, self.store.actor, inst.id)
            if not prepared.plan.definitions:
                codes = list(s.scalars(select(Indicator.code).where(Indicator.institution_id == inst.id)))
                raise UserError("indicator.unknown", code=indicator, institution=inst.code, candidates=codes)
            d = prepared.plan.definitions[0]
            if d.kind not in (Kind.COUNT, Kind.RATIO):
                raise UserError("funnel.kind", indicator=d.code, kind=d.kind.value)
            wanted = _compared(prepared.tree, prepared.units, level)
            population = _populations(s, d.kind, [prepared.units[i].id for i in [0, *wanted]], months[-1] // 100)
        return _funnel(prepared, d, wanted, population, p, months, ytd, level, benchmark)


def _compared(tree: Any, infos: list[Any], level: str | None) -> list[int]:
    """The units compared: those of ``level`` in the subtree, else the children of its top."""
    if level:
        wanted = [i for i in range(tree.size) if infos[i].level.lower() == level.strip().lower()]
        if not wanted:
            raise UserError("reconcile.level", value=level, candidates=sorted({u.level for u in infos}))
        return wanted
    wanted = [int(j) for j in np.nonzero(tree.parent == 0)[0]]
    if not wanted:
        raise UserError("funnel.no_units", unit=infos[0].code)
    return wanted


def _populations(s: Any, kind: Kind, ids: list[int], year: int) -> dict[int, float]:
    """A count's exposure: the units' populations of the period's year (a ratio has its denominators)."""
    if kind is not Kind.COUNT:
        return {}
    q = select(UnitPopulation.unit_id, UnitPopulation.population).where(
        UnitPopulation.unit_id.in_(ids), UnitPopulation.year == year
    )
    return {uid: float(pop) for uid, pop in s.execute(q)}


def _funnel(
    prepared: Any,
    d: Any,
    wanted: list[int],
    population: dict[int, float],
    p: Period,
    months: list[int],
    ytd: bool,
    level: str | None,
    benchmark: str,
) -> dict[str, Any]:
    infos = prepared.units
    inst = prepared.institution
    ev = prepared.evaluate(months).indicators
    mine = ev[ev["ind"].to_numpy() == 0].sort_values("unit")  # one row per dense unit, in order
    factor = COUNT_FACTOR if d.kind is Kind.COUNT else float(d.factor or 1.0)
    idx = np.asarray(wanted, dtype=np.int64)
    if d.kind is Kind.COUNT:
        observed_all = mine["value"].to_numpy(float)[idx]
        pops = np.array([population.get(infos[i].id, np.nan) for i in wanted], dtype=float)
        exposure_all = pops * len(months) / 12
    else:
        observed_all = mine["num"].to_numpy(float)[idx]
        exposure_all = mine["den"].to_numpy(float)[idx]
    no_exposure = ~np.isfinite(exposure_all) | ~(exposure_all > 0)
    no_figure = ~no_exposure & ~np.isfinite(observed_all)
    keep = ~no_exposure & ~no_figure
    without = [infos[i].code for i in idx[no_exposure]]
    unfiled = [infos[i].code for i in idx[no_figure]]
    rows = list(zip(idx[keep].tolist(), observed_all[keep].tolist(), exposure_all[keep].tolist(), strict=True))
    obs = np.array([o for _i, o, _n in rows], dtype=float)
    exp_n = np.array([n for _i, _o, n in rows], dtype=float)
    if benchmark == "overall":
        theta = float(obs.sum() / exp_n.sum()) if exp_n.sum() > 0 else math.nan
    else:
        target = float(mine["target"].to_numpy(float)[0])
        if d.kind is Kind.COUNT:
            top = population.get(infos[0].id)
            theta = target / (top * len(months) / 12) if top else math.nan
        else:
            theta = target / factor
        if not math.isfinite(theta):
            raise UserError("funnel.no_target", indicator=d.code, unit=infos[0].code)
    expected = theta * exp_n
    with np.errstate(divide="ignore", invalid="ignore"):
        z = np.where(expected > 0, (obs - expected) / np.sqrt(expected), np.nan)
        rate = obs / exp_n
    phi, over = overdispersion(z)
    lim = limits(theta, exp_n, phi, over) if rows else {}
    marks = flags(rate, lim) if rows else []
    units = []
    for k, (i, o, n) in enumerate(rows):
        units.append(
            {
                "unit": infos[i].code,
                "name": infos[i].name,
                "observed": o,
                "exposure": n,
                "expected": _number(expected[k]),
                "rate": _number(rate[k] * factor),
                "z": _number(z[k]),
                **{key: _number(v[k] * factor) for key, v in lim.items()},
                "flag": marks[k],
            }
        )
    curve: dict[str, list[float | None]] = {"exposure": []}
    if rows and math.isfinite(theta):
        grid = np.geomspace(exp_n.min(), exp_n.max(), CURVE_POINTS) if exp_n.min() > 0 else exp_n
        curve = {"exposure": [float(x) for x in grid]}
        curve |= {key: [_number(x * factor) for x in v] for key, v in limits(theta, grid, phi, over).items()}
    return {
        "institution": inst.code,
        "indicator": d.code,
        "unit": infos[0].code,
        "period": p.code,
        "ytd": ytd,
        "level": level or (infos[wanted[0]].level if wanted else None),
        "benchmark": _number(theta * factor),
        "benchmark_kind": benchmark,
        "factor": factor,
        "phi": phi,
        "overdispersed": over,
        "units": units,
        "without_exposure": without,
        "without_figure": unfiled,
        "curve": curve,
    }
