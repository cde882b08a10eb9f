"""Aggregation over units (children → parent) and over time (months → quarter, year to date).

Aggregation always works on the underlying values, never on percentages or colours.  Each result is
turned into additive *components*; parents and periods sum components; a figure is finished from its
components only at the end:

=========  ==========================================  ====================================================
kind       components of one value                     finished figure
=========  ==========================================  ====================================================
count      c1 = value                                  c1                      (sum over units and time)
stock      c1 = value                                  c1                      (sum over units; over time the
                                                                               last month with data)
average    c1 = value·n, c2 = n (n known);             c1 / c2 when every value carries its number of
           c3 = value, c4 = 1, c5 = 1 if n unknown     observations, else c3 / c4 (plain mean)
ratio      c1 = numerator, c2 = denominator            c1 / c2 × factor  (a ratio of sums)
=========  ==========================================  ====================================================

A unit's own filed figure wins over the aggregate of its children for the same indicator and month
(an indicator reported at two levels is not counted twice).

Targets roll up the same way: sums for counts and stocks; for ratios and averages the children's targets
are weighted by their denominators / numbers of observations in the same month (a plain mean where any of
those is unknown).  A target set for a parent wins over its children's.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pandas as pd

from scorecard.domain import Kind

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]

KIND_CODES = {Kind.COUNT: 0, Kind.STOCK: 1, Kind.AVERAGE: 2, Kind.RATIO: 3}
COMPONENTS = ["c1", "c2", "c3", "c4", "c5"]
KEY = ["ind", "unit", "month"]


@dataclass(frozen=True)
class Tree:
    """A unit tree in dense form: unit i has parent ``parent[i]`` (-1 at a root) and ``depth[i]``."""

    ids: IntArray
    parent: IntArray
    depth: IntArray
    level: tuple[str, ...]

    @classmethod
    def build(cls, ids: list[int], parent_ids: list[int | None], levels: list[str]) -> Tree:
        index = {uid: i for i, uid in enumerate(ids)}
        parent = np.array([index.get(p, -1) if p is not None else -1 for p in parent_ids], dtype=np.int64)
        depth = np.full(len(ids), -1, dtype=np.int64)
        # depth by walking up; parents outside the given set make a root of the child
        for i in range(len(ids)):
            chain = []
            j = i
            while j >= 0 and depth[j] < 0:
                chain.append(j)
                if len(chain) > len(ids):
                    raise ValueError("cycle in unit tree")
                j = int(parent[j])
            base = -1 if j < 0 else int(depth[j])
            for k in reversed(chain):
                base += 1
                depth[k] = base
        return cls(np.asarray(ids, dtype=np.int64), parent, depth, tuple(levels))

    @property
    def size(self) -> int:
        return int(self.ids.shape[0])

    def index_of(self) -> dict[int, int]:
        return {int(u): i for i, u in enumerate(self.ids)}

    def subtree_sum(self, per_unit: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
        """Sum of a per-unit quantity (last axis) over each unit's subtree, the unit included."""
        total = np.array(per_unit, dtype=float, copy=True)
        for d in range(int(self.depth.max(initial=0)), 0, -1):
            at = np.nonzero(self.depth == d)[0]
            parents = self.parent[at]
            ok = parents >= 0
            np.add.at(total.T, parents[ok], total.T[at[ok]])
        return total


def _keys(frame: pd.DataFrame, n_units: int) -> IntArray:
    ind = frame["ind"].to_numpy(np.int64)
    unit = frame["unit"].to_numpy(np.int64)
    month = frame["month"].to_numpy(np.int64)
    return (ind * n_units + unit) * 1_000_000 + month


def result_components(frame: pd.DataFrame, kind_of_ind: IntArray) -> pd.DataFrame:
    """Components of filed results: ``frame`` has ind, unit, month, value, num, den, nobs."""
    kind = kind_of_ind[frame["ind"].to_numpy(np.int64)]
    value = frame["value"].to_numpy(float)
    num = frame["num"].to_numpy(float)
    den = frame["den"].to_numpy(float)
    nobs = frame["nobs"].to_numpy(float)
    known = ~np.isnan(nobs)
    is_avg = kind == 2
    is_ratio = kind == 3
    c1 = np.where(is_ratio, num, np.where(is_avg, np.where(known, value * np.nan_to_num(nobs), 0.0), value))
    c2 = np.where(is_ratio, den, np.where(is_avg & known, nobs, 0.0))
    c3 = np.where(is_avg, value, 0.0)
    c4 = np.where(is_avg, 1.0, 0.0)
    c5 = np.where(is_avg & ~known, 1.0, 0.0)
    out = frame[KEY].copy()
    for name, col in zip(COMPONENTS, (c1, c2, c3, c4, c5), strict=True):
        out[name] = np.nan_to_num(col)
    return out


def finish(comps: pd.DataFrame, kind_of_ind: IntArray, factor_of_ind: FloatArray) -> pd.DataFrame:
    """Figures from components: adds value, num, den (num/den only for ratios)."""
    ind = comps["ind"].to_numpy(np.int64)
    kind = kind_of_ind[ind]
    c1, c2, c3, c4, c5 = (comps[c].to_numpy(float) for c in COMPONENTS)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(c2 > 0, c1 / c2 * factor_of_ind[ind], np.nan)
        weighted = np.where((c5 == 0) & (c2 > 0), c1 / c2, np.where(c4 > 0, c3 / c4, np.nan))
    value = np.where(kind == 3, ratio, np.where(kind == 2, weighted, c1))
    out = comps.copy()
    out["value"] = value
    out["num"] = np.where(kind == 3, c1, np.nan)
    out["den"] = np.where(kind == 3, c2, np.nan)
    return out


def rollup_units(comps: pd.DataFrame, tree: Tree) -> pd.DataFrame:
    """Add every ancestor's aggregate to ``comps`` (rows keyed by ind, unit, month; units dense)."""
    if comps.empty:
        return comps.copy()
    depth_of_row = tree.depth[comps["unit"].to_numpy(np.int64)]
    out: list[pd.DataFrame] = []
    carried: pd.DataFrame | None = None
    for d in range(int(tree.depth.max(initial=0)), -1, -1):
        level_rows = comps[depth_of_row == d]
        if carried is not None and not carried.empty:
            if not level_rows.empty:
                own_keys = _keys(level_rows, tree.size)
                carried = carried[~np.isin(_keys(carried, tree.size), own_keys)]
            level_rows = pd.concat([level_rows, carried], ignore_index=True)
        if level_rows.empty:
            carried = None
            continue
        out.append(level_rows)
        parents = tree.parent[level_rows["unit"].to_numpy(np.int64)]
        has_parent = parents >= 0
        if not has_parent.any():
            carried = None
            continue
        up = level_rows[has_parent].copy()
        up["unit"] = parents[has_parent]
        carried = up.groupby(KEY, sort=False, as_index=False)[COMPONENTS].sum()
    return pd.concat(out, ignore_index=True) if out else comps.iloc[0:0].copy()


TARGET_COMPONENTS = ["t1", "t2", "t3", "t4", "t5"]


def rollup_targets(targets: pd.DataFrame, weights: pd.DataFrame, tree: Tree, kind_of_ind: IntArray) -> pd.DataFrame:
    """Targets for every unit that has one or whose descendants have one.

    ``targets``: ind, unit, month, target (as a figure of the indicator: a count, a rate, a mean…).
    ``weights``: the rolled-up results (ind, unit, month, c2, c5) whose denominators / observation counts
    weight ratio and average targets.  Like values, targets carry components up the tree
    (t1 = target·weight, t2 = weight, t3 = target, t4 = 1, t5 = 1 if the weight is unknown) and are
    finished only at the end, so a plain mean is over the underlying targets, as it is for values.
    Own targets win over the aggregate of children.
    """
    if targets.empty:
        return targets.copy()
    w = weights.set_index(KEY)[["c2", "c5"]] if not weights.empty else None
    weight, known = _target_weights(targets, w, kind_of_ind)
    t = targets["target"].to_numpy(float)
    comps = targets[KEY].assign(t1=t * weight, t2=weight, t3=t, t4=1.0, t5=(~known).astype(float))
    depth_of_row = tree.depth[comps["unit"].to_numpy(np.int64)]
    out: list[pd.DataFrame] = []
    carried: pd.DataFrame | None = None
    for d in range(int(tree.depth.max(initial=0)), -1, -1):
        rows = comps[depth_of_row == d]
        if carried is not None and not carried.empty:
            if not rows.empty:
                carried = carried[~np.isin(_keys(carried, tree.size), _keys(rows, tree.size))]
            rows = pd.concat([rows, carried], ignore_index=True)
        if rows.empty:
            carried = None
            continue
        out.append(rows)
        parents = tree.parent[rows["unit"].to_numpy(np.int64)]
        has_parent = parents >= 0
        if not has_parent.any():
            carried = None
            continue
        up = rows[has_parent].assign(unit=parents[has_parent])
        carried = up.groupby(KEY, sort=False, as_index=False)[TARGET_COMPONENTS].sum()
    rolled = pd.concat(out, ignore_index=True)
    return rolled.assign(target=_finish_targets(rolled, kind_of_ind))


def _finish_targets(comps: pd.DataFrame, kind_of_ind: IntArray) -> FloatArray:
    """Counts and stocks add up; ratios and averages are weighted where every weight is known, else a
    plain mean of the underlying targets."""
    kind = kind_of_ind[comps["ind"].to_numpy(np.int64)]
    t1, t2, t3, t4, t5 = (comps[c].to_numpy(float) for c in TARGET_COMPONENTS)
    with np.errstate(divide="ignore", invalid="ignore"):
        weighted = np.where((t5 == 0) & (t2 > 0), t1 / t2, t3 / t4)
    return np.where(kind <= 1, t3, weighted)


def _target_weights(
    rows: pd.DataFrame, w: pd.DataFrame | None, kind_of_ind: IntArray
) -> tuple[FloatArray, npt.NDArray[np.bool_]]:
    """Weight of each target in its parent's: the result's denominator (ratio) or observations (average)."""
    n = len(rows)
    if w is None or n == 0:
        return np.ones(n), np.zeros(n, dtype=bool) | (kind_of_ind[rows["ind"].to_numpy(np.int64)] <= 1)
    idx = pd.MultiIndex.from_frame(rows[KEY])
    found = w.reindex(idx)
    c2 = found["c2"].to_numpy(float)
    c5 = found["c5"].to_numpy(float)
    kind = kind_of_ind[rows["ind"].to_numpy(np.int64)]
    known = (~np.isnan(c2)) & (c2 > 0) & np.where(kind == 2, c5 == 0, True)
    known |= kind <= 1
    return np.where(known, np.nan_to_num(c2), 1.0), known


def over_time(comps: pd.DataFrame, kind_of_ind: IntArray) -> pd.DataFrame:
    """Aggregate rolled components over the months they carry: one row per (ind, unit).

    Flows, ratios and averages sum their components; a stock keeps the last month with data.
    Adds ``last_month``, the last month with data (the month a stock's target is read at).
    """
    if comps.empty:
        return comps.assign(last_month=pd.Series(dtype=np.int64)).drop(columns="month")
    kind = kind_of_ind[comps["ind"].to_numpy(np.int64)]
    flows = comps[kind != 1]
    stocks = comps[kind == 1]
    parts = []
    if not flows.empty:
        g = flows.groupby(["ind", "unit"], sort=False, as_index=False).agg(
            **{c: (c, "sum") for c in COMPONENTS}, last_month=("month", "max")
        )
        parts.append(g)
    if not stocks.empty:
        last = stocks.sort_values("month").groupby(["ind", "unit"], sort=False, as_index=False).tail(1)
        parts.append(last.rename(columns={"month": "last_month"}))
    return pd.concat(parts, ignore_index=True)


def targets_over_time(targets: pd.DataFrame, kind_of_ind: IntArray, last_month: pd.DataFrame) -> pd.DataFrame:
    """Aggregate rolled targets (with their components) over months: one row per (ind, unit).

    Counts add up; ratios and averages sum their components, so each month weighs by its denominator /
    observations as the values do; a stock reads the target at its value's last month with data (else the
    last month with a target).
    """
    if targets.empty:
        return pd.DataFrame({"ind": [], "unit": [], "target": []})
    kind = kind_of_ind[targets["ind"].to_numpy(np.int64)]
    parts = []
    flows = targets[kind != 1]
    if not flows.empty:
        sums = flows.groupby(["ind", "unit"], sort=False, as_index=False)[TARGET_COMPONENTS].sum()
        parts.append(sums[["ind", "unit"]].assign(target=_finish_targets(sums, kind_of_ind)))
    stocks = targets[kind == 1]
    if not stocks.empty:
        stocks = stocks.merge(last_month, on=["ind", "unit"], how="left")
        at_last = stocks[stocks["month"] == stocks["last_month"]]
        done = pd.MultiIndex.from_frame(at_last[["ind", "unit"]])
        rest = stocks[~pd.MultiIndex.from_frame(stocks[["ind", "unit"]]).isin(done)]
        rest = rest.sort_values("month").groupby(["ind", "unit"], sort=False).tail(1)
        parts.append(pd.concat([at_last, rest])[["ind", "unit", "target"]])
    return pd.concat(parts, ignore_index=True)
