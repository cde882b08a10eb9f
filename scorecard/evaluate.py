"""From filed figures to the scorecard of every unit of a tree: values, targets, performance, statuses,
objective and unit scores, completeness.  Pure: it takes frames and returns frames, no database.

The same function scores one unit (the service passes its subtree) and a whole country (the benchmark
passes every unit), so the figures of the two can never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import TypeVar

import numpy as np
import numpy.typing as npt
import pandas as pd

from scorecard import arithmetic
from scorecard.domain import DEFAULT_THRESHOLDS, Definition, Kind, ObjectiveKind, Status, Thresholds
from scorecard.rollup import (
    KEY,
    KIND_CODES,
    Tree,
    column_figures,
    components,
    finish,
    month_figures,
    over_time,
    result_rows,
    rollup,
    rollup_grids,
    target_rows,
    targets_over_time,
)
from scorecard.rollup_grid import Grids

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
G = TypeVar("G", bound=np.generic)


@dataclass(frozen=True)
class ObjectiveShape:
    objective_id: int
    code: str
    name: str
    kind: ObjectiveKind
    parent: int  # index into PlanShape.objectives, -1 for a strategic objective
    weight: float


@dataclass(frozen=True)
class PlanShape:
    """The plan as in force for one period: definitions in dense order and the objectives they serve."""

    definitions: tuple[Definition, ...]
    objective_of: tuple[int, ...]  # per definition: index into objectives
    objectives: tuple[ObjectiveShape, ...]
    thresholds: Thresholds = DEFAULT_THRESHOLDS

    def __post_init__(self) -> None:
        for obj in self.objectives:
            if obj.parent >= 0 and self.objectives[obj.parent].kind is not ObjectiveKind.STRATEGIC:
                raise ValueError(f"objective {obj.code}: an operational objective hangs from a strategic one")

    @property
    def size(self) -> int:
        return len(self.definitions)

    def array(self, name: str, default: float = np.nan) -> FloatArray:
        return np.array([_num(getattr(d, name), default) for d in self.definitions], dtype=float)

    @property
    def kind_codes(self) -> IntArray:
        return np.array([KIND_CODES[d.kind] for d in self.definitions], dtype=np.int64)


def _num(value: object, default: float) -> float:
    return default if value is None else float(value)  # type: ignore[arg-type]


@dataclass(frozen=True)
class Rolled:
    """Figures rolled up the tree for every month they were filed in (computed once, sliced per period).

    The roll-up's grids are kept: a single month is read straight off them.  ``results`` and ``targets``
    (rows sorted by month, so that a period is a slice) are made from them when first asked for (several
    months, the history views); :func:`roll` sorts ``filed`` by month too."""

    grids: Grids
    kinds: IntArray  # per indicator, KIND_CODES
    factors: FloatArray  # per indicator
    baselines: pd.DataFrame  # ind, unit, month(=0), target (the unit's baseline)
    filed: pd.DataFrame  # own filed rows: ind, unit, month, on_time

    @cached_property
    def figures(self) -> list[dict[str, FloatArray]]:
        """Every month's value, num, den and target off the grids (:func:`column_figures`)."""
        return column_figures(self.grids, self.kinds, self.factors)

    @cached_property
    def results(self) -> pd.DataFrame:
        """ind, unit, month, c1..c5 of every unit and month with a figure."""
        return result_rows(self.grids)

    @cached_property
    def targets(self) -> pd.DataFrame:
        """ind, unit, month, t1..t5, target of every unit and month with a target."""
        return target_rows(self.grids, self.kinds)


def roll(
    tree: Tree,
    plan: PlanShape,
    results: pd.DataFrame,
    targets: pd.DataFrame,
    baselines: pd.DataFrame | None = None,
) -> Rolled:
    """``results``: ind, unit, month, value, num, den, nobs[, on_time]; ``targets``: ind, unit, month, target;
    ``baselines``: ind, unit, target.  ``ind``/``unit`` are dense indexes into ``plan``/``tree``."""
    kinds = plan.kind_codes
    comps = (_key_arrays(results), components(results, kinds))
    grids = rollup_grids(tree, comps, targets, kinds)
    if baselines is None or baselines.empty:
        rolled_base = pd.DataFrame({"ind": [], "unit": [], "month": [], "target": []})
    else:
        rolled_base = rollup(tree, None, baselines.assign(month=0), kinds)[1]
    filed = {k: results[k].to_numpy(np.int64) for k in KEY}
    filed["on_time"] = results["on_time"].to_numpy(bool) if "on_time" in results else np.ones(len(results), bool)
    return Rolled(grids, kinds, plan.array("factor", 1.0), rolled_base, _by_month(filed))


def _key_arrays(frame: pd.DataFrame) -> tuple[IntArray, IntArray, IntArray]:
    ind, unit, month = (frame[k].to_numpy(np.int64) for k in KEY)
    return ind, unit, month


def _by_month(columns: dict[str, npt.NDArray[np.generic]]) -> pd.DataFrame:
    month = np.asarray(columns["month"], dtype=np.int64)
    if len(month) and not (month[1:] >= month[:-1]).all():
        span = month - month.min()
        # months of a few years apart sort as small integers, which numpy sorts by radix in one pass
        order = np.argsort(span.astype(np.uint16) if span.max() < 2**16 else month, kind="stable")
        columns = {k: v[order] for k, v in columns.items()}
    return pd.DataFrame(columns, copy=False)


def _month_slice(frame: pd.DataFrame, months: IntArray) -> pd.DataFrame:
    """Rows of a frame of :class:`Rolled` whose month lies in ``months`` (a contiguous range: a period never
    has gaps): a slice, the frame being sorted by month."""
    col = frame["month"].to_numpy(np.int64)
    lo = int(np.searchsorted(col, months.min(), side="left"))
    hi = int(np.searchsorted(col, months.max(), side="right"))
    return frame.iloc[lo:hi]


@dataclass(frozen=True)
class Evaluation:
    """Per (ind, unit): ``indicators``; per unit: ``units``; per (unit, objective): ``objectives``."""

    indicators: pd.DataFrame
    objectives: pd.DataFrame
    units: pd.DataFrame


def evaluate(
    tree: Tree,
    plan: PlanShape,
    rolled: Rolled,
    months: list[int],
    *,
    institution_root: int = -1,
) -> Evaluation:
    """Score every unit of ``tree`` over ``months`` (one month, a quarter, or year to date)."""
    kinds = plan.kind_codes
    factor = plan.array("factor", 1.0)
    n_ind, n_units = plan.size, tree.size
    month_set = np.asarray(months, dtype=np.int64)

    # Which (indicator, unit) pairs are due: some due month in range, and someone below reports it.
    due_months = np.array(
        [[d.frequency.is_due_in(int(m)) for m in month_set] for d in plan.definitions], dtype=bool
    ).reshape(n_ind, len(month_set))
    n_due_months = due_months.sum(axis=1)
    names, level_of_unit = tree.level_codes
    reports_at = np.array([[name in d.levels for name in names] for d in plan.definitions], dtype=float)
    reports_self = reports_at.reshape(n_ind, len(names))[:, level_of_unit]
    reporters = tree.subtree_sum(reports_self)
    due = (reporters > 0) & (n_due_months[:, None] > 0)

    # Values and targets over the months: one month straight off the roll-up's grids, else from rows.
    same_plan = np.array_equal(kinds, rolled.kinds) and np.array_equal(factor, rolled.factors)
    one = None
    if len(month_set) == 1 and same_plan:
        one = month_figures(rolled.grids, rolled.figures, int(month_set[0]), n_ind)
    if one is not None:
        value, num, den, target = one["value"], one["num"], one["den"], one["target"]
    else:
        value, num, den, target = _over_months(rolled, month_set, kinds, factor, (n_ind, n_units))
    baseline = np.full((n_ind, n_units), np.nan)
    if not rolled.baselines.empty:
        b = rolled.baselines
        baseline[b["ind"].to_numpy(np.int64), b["unit"].to_numpy(np.int64)] = b["target"].to_numpy(float)
    if institution_root >= 0:
        ind_base = plan.array("baseline")
        at_root = np.isnan(baseline[:, institution_root])
        baseline[at_root, institution_root] = ind_base[at_root]
    # A baseline is a figure per reporting period: over several periods a flow's baseline adds up.
    baseline *= np.where(kinds == KIND_CODES[Kind.COUNT], np.maximum(n_due_months, 1), 1)[:, None]

    # Performance and status, flattened to one row per (ind, unit).
    pol = np.array([arithmetic.POLARITY_CODES[d.polarity] for d in plan.definitions], dtype=np.int64)
    meth = np.array([arithmetic.METHOD_CODES[d.method] for d in plan.definitions], dtype=np.int64)
    green = np.array([(d.thresholds or plan.thresholds).green for d in plan.definitions])
    yellow = np.array([(d.thresholds or plan.thresholds).yellow for d in plan.definitions])

    def flat(per_ind: npt.NDArray[G]) -> npt.NDArray[G]:
        return np.repeat(per_ind, n_units)

    v = value.ravel()
    p = arithmetic.performance(
        v,
        target.ravel(),
        flat(pol),
        band_min=flat(plan.array("band_min")),
        band_max=flat(plan.array("band_max")),
        method=flat(meth),
        baseline=baseline.ravel(),
    )
    st = arithmetic.status(v, p, due.ravel(), flat(green), flat(yellow))
    indicators = pd.DataFrame(
        {
            "ind": np.repeat(np.arange(n_ind), n_units),
            "unit": np.tile(np.arange(n_units), n_ind),
            "value": v,
            "num": num.ravel(),
            "den": den.ravel(),
            "target": target.ravel(),
            "baseline": baseline.ravel(),
            "performance": p,
            "status": st,
        },
        copy=False,  # every column is this evaluation's own: no consolidation into one block
    )

    objectives, unit_scores = score(indicators, plan)

    for name, column in completeness(tree, rolled.filed, month_set, due_months, reports_self).items():
        unit_scores[name] = column
    return Evaluation(indicators, objectives, unit_scores)


def _over_months(
    rolled: Rolled, month_set: IntArray, kinds: IntArray, factor: FloatArray, shape: tuple[int, int]
) -> tuple[FloatArray, FloatArray, FloatArray, FloatArray]:
    """Value, num, den and target per (ind, unit) over several months, from the rolled rows."""
    res = _month_slice(rolled.results, month_set)
    tgt = _month_slice(rolled.targets, month_set)
    if len(month_set) == 1:  # one month: nothing to aggregate over time
        agg = finish(res, kinds, factor)
        tgt_agg = tgt
    else:
        agg = finish(over_time(res, kinds), kinds, factor)
        tgt_agg = targets_over_time(tgt, kinds, agg[["ind", "unit", "last_month"]])
    value, num, den, target = (np.full(shape, np.nan) for _ in range(4))
    if not agg.empty:
        i, u = agg["ind"].to_numpy(np.int64), agg["unit"].to_numpy(np.int64)
        value[i, u] = agg["value"].to_numpy(float)
        num[i, u] = agg["num"].to_numpy(float)
        den[i, u] = agg["den"].to_numpy(float)
    if not tgt_agg.empty:
        i, u = tgt_agg["ind"].to_numpy(np.int64), tgt_agg["unit"].to_numpy(np.int64)
        target[i, u] = tgt_agg["target"].to_numpy(float)
    return value, num, den, target


def completeness(
    tree: Tree,
    filed: pd.DataFrame,
    month_set: IntArray,
    due_months: npt.NDArray[np.bool_],
    reports_self: FloatArray,
) -> dict[str, npt.NDArray[np.generic]]:
    """Per unit: results due, filed and filed on time in its subtree, and the two rates.

    Due: each reporting unit owes one figure per due month of each indicator.  Filed: the rows of
    reporting units in due months (a figure filed where nobody owed it does not count).
    """
    n_units = tree.size
    filed = _month_slice(filed, month_set)
    per_unit_filed = np.zeros(n_units)
    per_unit_on_time = np.zeros(n_units)
    if not filed.empty:
        fi = filed["ind"].to_numpy(np.int64)
        fu = filed["unit"].to_numpy(np.int64)
        col = np.searchsorted(month_set, filed["month"].to_numpy(np.int64))
        counts = (reports_self[fi, fu] > 0) & due_months[fi, col]
        per_unit_filed = np.bincount(fu[counts], minlength=n_units).astype(float)
        on_time = counts & filed["on_time"].to_numpy(bool)
        per_unit_on_time = np.bincount(fu[on_time], minlength=n_units).astype(float)
    filed_sub = tree.subtree_sum(per_unit_filed)
    on_time_sub = tree.subtree_sum(per_unit_on_time)
    due_count = tree.subtree_sum((reports_self * due_months.sum(axis=1)[:, None]).sum(axis=0))
    with np.errstate(divide="ignore", invalid="ignore"):
        return {
            "results_due": due_count.astype(np.int64),
            "results_filed": filed_sub.astype(np.int64),
            "results_on_time": on_time_sub.astype(np.int64),
            "completeness": np.where(due_count > 0, filed_sub / due_count, np.nan),
            "timeliness": np.where(due_count > 0, on_time_sub / due_count, np.nan),
        }


def score(indicators: pd.DataFrame, plan: PlanShape) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Objective and unit scores from indicator statuses (one row per ind × unit in ``indicators``).

    Objective score: weighted mean of the capped p of its green/yellow/red indicators, an operational
    objective counting in its strategic parent as one more member with its own weight.  Unit score:
    weighted mean of the strategic objectives' scores.  Colours come from the institution's thresholds.
    """
    n_units = int(indicators["unit"].max()) + 1 if not indicators.empty else 0
    n_obj = len(plan.objectives)
    st = indicators["status"].to_numpy(np.int64)
    ind = indicators["ind"].to_numpy(np.int64)
    unit = indicators["unit"].to_numpy(np.int64)
    weight = np.array([d.weight for d in plan.definitions], dtype=float)[ind]
    obj = np.asarray(plan.objective_of, dtype=np.int64)[ind]
    scored = st <= int(Status.RED)
    capped = np.where(scored, np.minimum(indicators["performance"].to_numpy(float), 1.0), 0.0)

    shape = (n_units, n_obj)
    sw = np.zeros(shape)
    ws = np.zeros(shape)
    n_scored = np.zeros(shape)
    n_total = np.zeros(shape)
    n_no_data = np.zeros(shape)
    n_no_target = np.zeros(shape)
    cell = unit * n_obj + obj

    def per_cell(weights: FloatArray) -> FloatArray:
        return np.bincount(cell, weights=weights, minlength=n_units * n_obj).astype(float).reshape(shape)

    sw += per_cell(np.where(scored, weight * capped, 0.0))
    ws += per_cell(np.where(scored, weight, 0.0))
    # the four counts from one count per (cell, status)
    n_status = len(Status)
    by_status = np.bincount(cell * n_status + st, minlength=n_units * n_obj * n_status).reshape(*shape, n_status)
    n_scored += by_status[:, :, [int(Status.GREEN), int(Status.YELLOW), int(Status.RED)]].sum(axis=2)
    n_total += by_status.sum(axis=2) - by_status[:, :, int(Status.NOT_DUE)]
    n_no_data += by_status[:, :, int(Status.NO_DATA)]
    n_no_target += by_status[:, :, int(Status.NO_TARGET)]

    def finish_scores(sw_: FloatArray, ws_: FloatArray) -> FloatArray:
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(ws_ > 0, sw_ / ws_, np.nan)

    objective_score = finish_scores(sw, ws)
    # operational objectives count in their strategic parent
    for k, o in enumerate(plan.objectives):
        if o.parent < 0:
            continue
        s = objective_score[:, k]
        has = ~np.isnan(s)
        sw[:, o.parent] += np.where(has, o.weight * np.nan_to_num(s), 0.0)
        ws[:, o.parent] += np.where(has, o.weight, 0.0)
        for counter in (n_scored, n_total, n_no_data, n_no_target):
            counter[:, o.parent] += counter[:, k]
    objective_score = finish_scores(sw, ws)

    th = plan.thresholds
    obj_status = _score_status(objective_score, n_no_data, n_no_target, th)
    objectives = pd.DataFrame(
        {
            "unit": np.repeat(np.arange(n_units), n_obj),
            "objective": np.tile(np.arange(n_obj), n_units),
            "score": objective_score.ravel(),
            "status": obj_status.ravel(),
            "indicators_scored": n_scored.ravel().astype(np.int64),
            "indicators_total": n_total.ravel().astype(np.int64),
        },
        copy=False,
    )

    strategic = np.array([o.parent < 0 for o in plan.objectives], dtype=bool)
    obj_w = np.array([o.weight for o in plan.objectives], dtype=float)
    s_scores = objective_score[:, strategic]
    has = ~np.isnan(s_scores)
    unit_score = finish_scores(
        (np.nan_to_num(s_scores) * obj_w[strategic] * has).sum(axis=1), (obj_w[strategic] * has).sum(axis=1)
    )
    totals = {
        name: c[:, strategic].sum(axis=1)
        for name, c in (("scored", n_scored), ("total", n_total), ("no_data", n_no_data), ("no_target", n_no_target))
    }
    unit_status = _score_status(unit_score, totals["no_data"], totals["no_target"], th)
    n_status = len(Status)
    per_status = np.bincount(unit * n_status + st, minlength=n_units * n_status).reshape(n_units, n_status)
    counts = {s.key: per_status[:, int(s)].astype(np.int64) for s in Status}
    units = pd.DataFrame(
        {
            "unit": np.arange(n_units),
            "score": unit_score,
            "status": unit_status,
            "indicators_scored": totals["scored"].astype(np.int64),
            "indicators_total": totals["total"].astype(np.int64),
            **{f"n_{k}": v for k, v in counts.items()},
        },
        copy=False,
    )
    return objectives, units


def _score_status(score_: FloatArray, no_data: FloatArray, no_target: FloatArray, th: Thresholds) -> IntArray:
    out = np.where(
        score_ >= th.green, int(Status.GREEN), np.where(score_ >= th.yellow, int(Status.YELLOW), int(Status.RED))
    )
    unscored = np.where(
        no_data > 0, int(Status.NO_DATA), np.where(no_target > 0, int(Status.NO_TARGET), int(Status.NOT_DUE))
    )
    out = np.where(np.isnan(score_), unscored, out)
    return out.astype(np.int64)
