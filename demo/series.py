"""The demo's figures: the register's series and plausible generated ones, drawn from one seeded generator.

The draws happen in a fixed order (populations, filing habits, skills, then indicator by indicator, each
row's filing date right after its indicator's figures): change the order and every generated figure
changes (tests/demo/test_demo_figures.py compares them with the reference).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from demo.plan import ALL_MONTHS, FILED_MONTHS, YEAR
from scorecard.periods import add_months, month_key

Figures = dict[str, float]  # value, or numerator and denominator, and observations
Rows = list[tuple[str, int, Figures]]  # (unit, month, figures)
TargetRows = list[tuple[str, int, float]]
Series = tuple[Rows, TargetRows]


@dataclass
class Collected:
    """An institution's results (with the day each was filed) and targets, by indicator code."""

    results: list[tuple[str, str, int, Figures, dt.datetime]] = field(default_factory=list)
    targets: list[tuple[str, str, int, float]] = field(default_factory=list)

    def add(self, code: str, rows: Rows, targets: TargetRows, filed_at: Callable[[str, int], dt.datetime]) -> None:
        self.results.extend((code, u, m, v, filed_at(u, m)) for u, m, v in rows)
        self.targets.extend((code, u, m, t) for u, m, t in targets)


def register_series(
    at_level: dict[str, list[str]],
    homicides: Counter[tuple[str, int]],
    femicides: Counter[tuple[str, int]],
    pop_of: dict[str, int],
) -> dict[str, Series]:
    """HOM-01, HOM-02 and FEM-01 from the register's monthly counts per subcircuit: (unit, month, figure)
    rows and monthly targets."""
    count = homicides
    out: dict[str, Series] = {}
    for code in ("HOM-01", "HOM-02"):
        rows: Rows = []
        tgt: TargetRows = []
        for u in at_level["subcircuito"]:
            total = sum(count[(u, m)] for m in FILED_MONTHS)
            annual_target = round(total * 12 / 10 * 0.9)  # a 10 % reduction on the year's pace
            den = pop_of[u] / 12  # person-years: the monthly rate is annualised and sums over months
            for m in FILED_MONTHS:
                a = float(count[(u, m)])
                rows.append((u, m, {"value": a} if code == "HOM-01" else {"numerator": a, "denominator": den}))
            for m in ALL_MONTHS:
                t = annual_target / 12
                tgt.append((u, m, t if code == "HOM-01" else round(t / den * 100000, 4)))
        out[code] = (rows, tgt)
    fem: Counter[tuple[str, int]] = Counter()
    for (sub, m), n in femicides.items():
        fem[(sub[:5], m)] += n
    rows, tgt = [], []
    for d in at_level["distrito"]:
        total = sum(fem[(d, m)] for m in FILED_MONTHS)
        rows += [(d, m, {"value": float(fem[(d, m)])}) for m in FILED_MONTHS]
        tgt += [(d, m, round(total / 10 * 0.8, 3)) for m in ALL_MONTHS]
    out["FEM-01"] = (rows, tgt)
    return out


def filing_dates(rng: np.random.Generator, units: list[str]) -> dict[str, float]:
    """Each unit's habit: how many days after month end it usually files."""
    return {u: float(rng.gamma(2.0, 2.2)) for u in units}


class Generator:
    """Plausible monthly figures for one unit, with a per-unit 'skill' so league tables are not noise."""

    def __init__(self, rng: np.random.Generator, sizes: dict[str, int], habit: dict[str, float]) -> None:
        self.rng = rng
        self.sizes = sizes
        self.habit = habit
        self._skill: dict[str, float] = {}

    def size(self, unit: str) -> int:
        return self.sizes.get(unit, 50_000)

    def skill(self, unit: str, spread: float = 0.12) -> float:
        if unit not in self._skill:
            self._skill[unit] = float(self.rng.lognormal(0, 1))
        return float(np.exp(np.log(self._skill[unit]) * spread))

    def filed_at(self, unit: str, month: int) -> dt.datetime:
        nxt = add_months(month, 1)
        days = self.habit.get(unit, 4.0) + float(self.rng.exponential(1.5))
        return dt.datetime(nxt // 100, nxt % 100, 1, 9) + dt.timedelta(days=days)

    def count(
        self,
        u: str,
        *,
        per_100k: float,
        target_ratio: float,
        floor: float = 0,
        months: list[int] | None = None,
        target_months: list[int] | None = None,
    ) -> tuple[list[Any], list[Any]]:
        expected = max(floor, self.size(u) / 100000 * per_100k)
        k = 3 if months is not None and len(months) < len(FILED_MONTHS) else 1
        rows = [
            (u, m, {"value": float(self.rng.poisson(expected * k * self.skill(u)))}) for m in (months or FILED_MONTHS)
        ]
        tgt = [(u, m, round(expected * k * target_ratio, 2)) for m in (target_months or ALL_MONTHS)]
        return rows, tgt

    def stock(self, u: str, *, per_100k: float, target_ratio: float) -> tuple[list[Any], list[Any]]:
        level = max(1.0, self.size(u) / 100000 * per_100k)
        rows, current = [], level * self.skill(u, 0.08)
        for m in FILED_MONTHS:
            current = max(0.0, current * (1 + float(self.rng.normal(0.004, 0.02))))
            rows.append((u, m, {"value": float(round(current))}))
        return rows, [(u, m, float(round(level * target_ratio))) for m in ALL_MONTHS]

    def average(
        self, u: str, *, minutes: float, spread: float, target: float, calls: float | None
    ) -> tuple[list[Any], list[Any]]:
        mean = minutes / self.skill(u, 0.12)
        rows = []
        for m in FILED_MONTHS:
            v = {"value": round(max(1.0, float(self.rng.normal(mean, spread / 3))), 2)}
            if calls is not None:
                v["observations"] = float(max(1, self.rng.poisson(self.size(u) * calls)))
            rows.append((u, m, v))
        return rows, [(u, m, target) for m in ALL_MONTHS]

    def ratio(
        self,
        u: str,
        *,
        den_fn: Callable[[int], float],
        rate: float,
        target: float,
        months: list[int],
        quarterly_targets: bool = False,
        semiannual: bool = False,
    ) -> tuple[list[Any], list[Any]]:
        p = min(0.98, rate * self.skill(u, 0.15))
        rows = []
        for m in months:
            den = float(max(1, round(den_fn(m))))
            rows.append(
                (
                    u,
                    m,
                    {
                        "numerator": float(self.rng.binomial(int(den), p)) if den < 1e6 else round(den * p, 2),
                        "denominator": den,
                    },
                )
            )
        if semiannual:
            tmonths = [month_key(YEAR, 6), month_key(YEAR, 12)]
        elif quarterly_targets:
            tmonths = [m for m in ALL_MONTHS if m % 100 % 3 == 0]
        else:
            tmonths = ALL_MONTHS
        return rows, [(u, m, target) for m in tmonths]

    def band(self, u: str, *, hours: Callable[[int], float], centre: float) -> tuple[list[Any], list[Any]]:
        bias = (self.skill(u, 0.3) - 1) * 0.25
        rows = []
        for m in FILED_MONTHS:
            den = float(round(hours(m)))
            share = min(0.97, max(0.3, centre + bias + float(self.rng.normal(0, 0.05))))
            rows.append((u, m, {"numerator": float(round(den * share)), "denominator": den}))
        return rows, []


@dataclass
class PoliceSeries:
    units: list[Any]  # UnitSpec with populations
    figures: Collected
    rob_base: dict[str, float]  # ROB-01's 2024 baseline per district (monthly mean)


def with_populations(
    rng: np.random.Generator, specs: list[Any], events_per_sub: Counter[str]
) -> tuple[list[Any], Counter[str], dict[str, int]]:
    """About 17.6 M people over the subcircuits (more where more happens), summed up the tree."""
    from scorecard.units import UnitSpec

    subs = [u for u in specs if u.level == "subcircuito"]
    raw = np.sqrt(np.array([events_per_sub[u.code] + 3.0 for u in subs])) * rng.lognormal(0, 0.45, len(subs))
    pops = np.maximum(np.round(raw / raw.sum() * 17_600_000, -1), 1500).astype(int)
    pop_of = {u.code: int(p) for u, p in zip(subs, pops, strict=True)}
    parent = {u.code: u.parent for u in specs}
    totals: Counter[str] = Counter()
    for code, p in pop_of.items():
        node: str | None = code
        while node is not None:
            totals[node] += p
            node = parent[node]
    with_pop = [UnitSpec(u.code, u.name, u.level, u.parent, totals[u.code], YEAR) for u in specs]
    return with_pop, totals, pop_of


def police_series(
    rng: np.random.Generator,
    specs: list[Any],
    homicides: Counter[tuple[str, int]],
    femicides: Counter[tuple[str, int]],
) -> PoliceSeries:
    """The police tree with populations and every figure of its plan, the register's and the generated."""
    per_sub: Counter[str] = Counter()
    for (sub, _m), n in homicides.items():
        per_sub[sub] += n
    specs, totals, pop_of = with_populations(rng, specs, per_sub)
    g = Generator(rng, dict(totals), filing_dates(rng, [u.code for u in specs]))
    at_level: dict[str, list[str]] = {}
    for spec in specs:
        at_level.setdefault(spec.level, []).append(spec.code)
    districts = at_level["distrito"]
    # ROB-01 is measured against its 2024 baseline (monthly mean per district; national = their sum)
    rob_base = {u: max(1.0, round(g.size(u) / 100000 * 18 * g.skill(u, 0.25), 1)) for u in districts}
    out = Collected()
    for code, (rows, tgt) in register_series(at_level, homicides, femicides, pop_of).items():
        out.add(code, rows, tgt, g.filed_at)
    hom_by_district: Counter[tuple[str, int]] = Counter()
    for (sub, m), n in homicides.items():
        hom_by_district[(sub[:5], m)] += n

    # generated indicators: (code, level, generator)
    gen: list[tuple[str, str, Callable[[str], tuple[list[Any], list[Any]]]]] = [
        ("RES-01", "circuito", lambda u: g.average(u, minutes=11.5, spread=2.5, target=10.0, calls=0.004)),
        ("ARM-01", "distrito", lambda u: g.count(u, per_100k=2.2, target_ratio=1.05)),
        ("OPE-01", "subcircuito", lambda u: g.count(u, per_100k=24, target_ratio=1.0)),
        (
            "ESC-01",
            "distrito",
            lambda u: g.ratio(
                u,
                den_fn=lambda m: 4 + sum(hom_by_district[(u, k)] for k in (add_months(m, -2), add_months(m, -1), m)),
                rate=0.42,
                target=45.0,
                months=[m for m in FILED_MONTHS if m % 100 % 3 == 0],
                quarterly_targets=True,
            ),
        ),
        ("DET-01", "circuito", lambda u: g.count(u, per_100k=9, target_ratio=0.98)),
        ("EXT-01", "distrito", lambda u: g.count(u, per_100k=5.5, target_ratio=0.85)),
        ("ASA-01", "circuito", lambda u: g.count(u, per_100k=6, target_ratio=1.1, floor=1)),
        ("PRE-01", "distrito", lambda u: g.stock(u, per_100k=6, target_ratio=1.08)),
        (
            "CON-01",
            "zona",
            lambda u: g.ratio(
                u,
                den_fn=lambda _m: 400 + g.size(u) // 8000,
                rate=0.38,
                target=42.0,
                months=[month_key(YEAR, 6)],
                semiannual=True,
            ),
        ),
        ("PAT-01", "distrito", lambda u: g.band(u, hours=lambda _m: 2000 + g.size(u) // 60, centre=0.70)),
        ("EFE-01", "distrito", lambda u: g.stock(u, per_100k=160, target_ratio=1.04)),
        ("ROB-02", "distrito", lambda u: g.count(u, per_100k=12, target_ratio=0.9)),
        (
            "VEH-01",
            "distrito",
            lambda u: g.ratio(u, den_fn=lambda _m: 3 + g.size(u) // 9000, rate=0.36, target=40.0, months=FILED_MONTHS),
        ),
        (
            "EJE-01",
            "zona",
            lambda u: g.ratio(
                u, den_fn=lambda _m: 2_000_000 + g.size(u) * 0.9, rate=0.88, target=92.0, months=FILED_MONTHS
            ),
        ),
        (
            "CAP-01",
            "zona",
            lambda u: g.count(
                u,
                per_100k=45,
                target_ratio=1.0,
                months=[m for m in FILED_MONTHS if m % 100 % 3 == 0],
                target_months=[m for m in ALL_MONTHS if m % 100 % 3 == 0],
            ),
        ),
        ("ATE-01", "distrito", lambda u: g.average(u, minutes=6.0, spread=1.8, target=5.0, calls=None)),
    ]
    for code, level, fn in gen:
        rows, tgt = [], []
        for u in at_level[level]:
            r, t = fn(u)
            rows += r
            tgt += t
        out.add(code, rows, tgt, g.filed_at)
    # ROB-01 against its 2024 baseline: −12 % a year
    rows, tgt = [], []
    for u in at_level["distrito"]:
        base = rob_base[u]
        rows += [(u, m, {"value": float(g.rng.poisson(base * 0.9 / g.skill(u, 0.15)))}) for m in FILED_MONTHS]
        tgt += [(u, m, round(base * 0.88, 2)) for m in ALL_MONTHS]
    out.add("ROB-01", rows, tgt, g.filed_at)
    return PoliceSeries(specs, out, rob_base)
