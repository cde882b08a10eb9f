"""A synthetic national year: the police tree's shape (9 zones, 25 subzones, 140 districts, 1,100 circuits,
1,900 subcircuits) with 40 indicators of every kind reported by the subcircuits for 12 months:
1,900 × 40 × 12 ≈ 0.9 M values.  Deterministic (fixed seed)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from scorecard.domain import Definition, Frequency, Kind, ObjectiveKind, Polarity
from scorecard.evaluate import ObjectiveShape, PlanShape
from scorecard.plan_specs import IndicatorSpec, ObjectiveSpec, PlanSpec
from scorecard.rollup import Tree
from scorecard.units import UnitSpec

LEVELS = ["nacional", "zona", "subzona", "distrito", "circuito", "subcircuito"]
SHAPE = [1, 9, 25, 140, 1100, 1900]
PREFIX = ["PN", "Z", "SZ", "D", "C", "S"]
MONTHS = list(range(202501, 202513))
N_INDICATORS = 40
KINDS = [Kind.COUNT, Kind.RATIO, Kind.AVERAGE, Kind.STOCK]


@dataclass(frozen=True)
class National:
    codes: list[str]
    parents: list[int]  # index of the parent, -1 for the root
    levels: list[str]
    tree: Tree
    plan: PlanShape
    results: pd.DataFrame  # ind, unit, month, value, num, den, nobs, on_time
    targets: pd.DataFrame  # ind, unit, month, target

    @property
    def values(self) -> int:
        return len(self.results)


def build(seed: int = 7) -> National:
    rng = np.random.default_rng(seed)
    parents: list[int] = [-1]
    levels = [LEVELS[0]]
    codes = ["PN"]
    previous = [0]
    for depth in range(1, len(SHAPE)):
        start = len(parents)
        # spread the children over the level above, every parent getting at least one
        owners = np.sort(np.concatenate([previous, rng.choice(previous, SHAPE[depth] - len(previous))]))
        for k, owner in enumerate(owners):
            parents.append(int(owner))
            levels.append(LEVELS[depth])
            codes.append(f"{PREFIX[depth]}{k:04d}")
        previous = list(range(start, len(parents)))
    tree = Tree.build(list(range(len(parents))), [None if p < 0 else p for p in parents], levels)

    definitions, objective_of = [], []
    objectives = [
        ObjectiveShape(k, f"OE{k + 1}", f"Objetivo {k + 1}", ObjectiveKind.STRATEGIC, -1, 1.0) for k in range(6)
    ]
    objectives += [
        ObjectiveShape(6 + k, f"OE{k + 1}.1", f"Operativo {k + 1}", ObjectiveKind.OPERATIONAL, k, 1.0) for k in range(2)
    ]
    for i in range(N_INDICATORS):
        kind = KINDS[i % 4]
        polarity = (
            Polarity.IN_BAND
            if i % 10 == 9 and kind is Kind.RATIO
            else (Polarity.LOWER_IS_BETTER if i % 2 else Polarity.HIGHER_IS_BETTER)
        )
        definitions.append(
            Definition(
                indicator_id=i + 1,
                code=f"IND-{i + 1:02d}",
                kind=kind,
                polarity=polarity,
                frequency=Frequency.MONTHLY,
                factor=100.0 if kind is Kind.RATIO else 1.0,
                band_min=60.0 if polarity is Polarity.IN_BAND else None,
                band_max=80.0 if polarity is Polarity.IN_BAND else None,
                levels=("subcircuito",),
            )
        )
        objective_of.append(i % len(objectives))
    plan = PlanShape(tuple(definitions), tuple(objective_of), tuple(objectives))

    leaves = np.array([u for u, lvl in enumerate(levels) if lvl == "subcircuito"], dtype=np.int64)
    n_ind, n_leaf, n_month = N_INDICATORS, len(leaves), len(MONTHS)
    ind = np.repeat(np.arange(n_ind), n_leaf * n_month)
    unit = np.tile(np.repeat(leaves, n_month), n_ind)
    month = np.tile(np.array(MONTHS), n_ind * n_leaf)
    kind = np.array([KINDS[i % 4] for i in range(n_ind)])[ind]
    size = len(ind)
    value = rng.poisson(6, size).astype(float)
    den = np.where(kind == Kind.RATIO, rng.integers(20, 400, size).astype(float), np.nan)
    num = np.where(kind == Kind.RATIO, np.floor(den * rng.uniform(0.4, 0.9, size)), np.nan)
    value = np.where(kind == Kind.RATIO, num / den * 100, value)
    value = np.where(kind == Kind.AVERAGE, rng.normal(11, 2, size).round(2), value)
    nobs = np.where(kind == Kind.AVERAGE, rng.integers(1, 60, size).astype(float), np.nan)
    results = pd.DataFrame(
        {
            "ind": ind,
            "unit": unit,
            "month": month,
            "value": value,
            "num": num,
            "den": den,
            "nobs": nobs,
            "on_time": rng.random(size) < 0.8,
        }
    )
    base = np.where(kind == Kind.RATIO, 65.0, np.where(kind == Kind.AVERAGE, 10.0, 6.0))
    targets = pd.DataFrame(
        {"ind": ind, "unit": unit, "month": month, "target": (base * rng.uniform(0.8, 1.2, size)).round(2)}
    )
    return National(codes, parents, levels, tree, plan, results, targets)


# --- the plain-Python baseline: what a straightforward implementation of domain.md does -------------------


def unit_specs(n: National) -> list[UnitSpec]:
    """The national tree as the core's units loader takes it (codes for names)."""
    return [
        UnitSpec(code, code, lvl, None if p < 0 else n.codes[p])
        for code, p, lvl in zip(n.codes, n.parents, n.levels, strict=True)
    ]


def plan_spec(n: National) -> PlanSpec:
    """The national plan as the core's plans loader takes it."""
    return PlanSpec(
        tuple(
            ObjectiveSpec(o.code, o.name, o.kind, n.plan.objectives[o.parent].code if o.parent >= 0 else None)
            for o in n.plan.objectives
        ),
        tuple(
            IndicatorSpec(
                d.code,
                d.code,
                n.plan.objectives[n.plan.objective_of[k]].code,
                d.polarity,
                d.kind,
                factor=d.factor,
                band_min=d.band_min,
                band_max=d.band_max,
                levels=d.levels,
            )
            for k, d in enumerate(n.plan.definitions)
        ),
    )


def plain_python_year(n: National) -> dict[tuple[int, int, int], tuple[float, str]]:
    """Value and status of every (indicator, unit, month), by dictionaries and loops up the tree."""
    children: dict[int, list[int]] = {}
    for u, p in enumerate(n.parents):
        if p >= 0:
            children.setdefault(p, []).append(u)
    order = sorted(range(len(n.parents)), key=lambda u: -int(n.tree.depth[u]))  # leaves first
    kinds = [d.kind for d in n.plan.definitions]
    res = n.results
    comps: dict[tuple[int, int, int], list[float]] = {}
    for i, u, m, v, a, b, o in zip(
        res["ind"], res["unit"], res["month"], res["value"], res["num"], res["den"], res["nobs"], strict=True
    ):
        k = kinds[i]
        if k is Kind.RATIO:
            comps[(i, u, m)] = [a, b]
        elif k is Kind.AVERAGE:
            comps[(i, u, m)] = [v * o, o]
        else:
            comps[(i, u, m)] = [v, 0.0]
    tgts = {
        (i, u, m): t
        for i, u, m, t in zip(n.targets["ind"], n.targets["unit"], n.targets["month"], n.targets["target"], strict=True)
    }
    out: dict[tuple[int, int, int], tuple[float, str]] = {}
    for i, d in enumerate(n.plan.definitions):
        for m in MONTHS:
            for u in order:
                key = (i, u, m)
                if key not in comps and u in children:
                    parts = [comps[(i, c, m)] for c in children[u] if (i, c, m) in comps]
                    if parts:
                        comps[key] = [sum(x[0] for x in parts), sum(x[1] for x in parts)]
                        wsum = sum(
                            tgts[(i, c, m)] * (comps[(i, c, m)][1] if d.kind in (Kind.RATIO, Kind.AVERAGE) else 1.0)
                            for c in children[u]
                            if (i, c, m) in tgts
                        )
                        tgts[key] = wsum / comps[key][1] if d.kind in (Kind.RATIO, Kind.AVERAGE) else wsum
                if key not in comps:
                    continue
                c = comps[key]
                value = (
                    c[0] / c[1] * d.factor
                    if d.kind is Kind.RATIO
                    else (c[0] / c[1] if d.kind is Kind.AVERAGE else c[0])
                )
                t = tgts.get(key)
                if d.polarity is Polarity.IN_BAND:
                    lo, hi = d.band_min or 0.0, d.band_max or 0.0
                    p = 1.0 if lo <= value <= hi else (value / lo if value < lo else hi / value)
                elif t is None:
                    out[key] = (value, "no_target")
                    continue
                elif d.polarity is Polarity.HIGHER_IS_BETTER:
                    p = value / t if t > 0 else 1.0
                else:
                    p = 1.0 if value == 0 else (t / value if t > 0 else 0.0)
                p = min(p, 1.0)
                out[key] = (value, "green" if p >= 0.9 else "yellow" if p >= 0.75 else "red")
    return out
