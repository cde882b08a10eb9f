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

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property

import numpy as np
import numpy.typing as npt
import pandas as pd

from scorecard import rollup_grid as grid
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

    @cached_property
    def level_codes(self) -> tuple[list[str], IntArray]:
        """The distinct level names, and each unit's index into them."""
        names = sorted(set(self.level))
        index = {name: k for k, name in enumerate(names)}
        return names, np.array([index[lvl] for lvl in self.level], dtype=np.int64)

    @cached_property
    def rollup_order(self) -> list[grid.Level]:
        """Its depths, deepest first, as the roll-up walks them."""
        return grid.levels(self.parent, self.depth)

    def subtree_sum(self, per_unit: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
        """Sum of a per-unit quantity (last axis) over each unit's subtree, the unit included (children
        added into their parents level by level, deepest first, as the roll-up does)."""
        total = np.array(per_unit, dtype=float, copy=True)
        units_first = np.moveaxis(total, -1, 0)  # a view: adding into it adds into total
        for lv in self.rollup_order:
            for children, group in lv.by_rank:  # one child per parent at each rank: no index repeats
                units_first[lv.parents[group]] += units_first[children]
        return total


def components(frame: pd.DataFrame, kind_of_ind: IntArray) -> FloatArray:
    """Components c1..c5 (rows × 5) of filed results: ``frame`` has ind, value, num, den, nobs."""
    kind = kind_of_ind[frame["ind"].to_numpy(np.int64)]
    value = frame["value"].to_numpy(float)
    num = frame["num"].to_numpy(float)
    den = frame["den"].to_numpy(float)
    nobs = frame["nobs"].to_numpy(float)
    known = ~np.isnan(nobs)
    is_avg = kind == 2
    is_ratio = kind == 3
    out = np.empty((len(frame), len(COMPONENTS)), order="F")  # a column at a time, as the grid takes them
    out[:, 0] = np.where(is_ratio, num, np.where(is_avg, np.where(known, value * np.nan_to_num(nobs), 0.0), value))
    out[:, 1] = np.where(is_ratio, den, np.where(is_avg & known, nobs, 0.0))
    out[:, 2] = np.where(is_avg, value, 0.0)
    out[:, 3] = is_avg
    out[:, 4] = is_avg & ~known
    return out if np.isfinite(out).all() else np.nan_to_num(out, copy=False)


def result_components(frame: pd.DataFrame, kind_of_ind: IntArray) -> pd.DataFrame:
    """Components of filed results: ``frame`` has ind, unit, month, value, num, den, nobs."""
    comps = components(frame, kind_of_ind)
    return pd.DataFrame(
        {**{k: frame[k].to_numpy(np.int64) for k in KEY}, **{c: comps[:, j] for j, c in enumerate(COMPONENTS)}}
    )


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


TARGET_COMPONENTS = ["t1", "t2", "t3", "t4", "t5"]


def rollup_units(comps: pd.DataFrame, tree: Tree, kind_of_ind: IntArray) -> pd.DataFrame:
    """Every unit's components (as :func:`result_components` makes them for indicators of these kinds),
    its own or its children's sum (rows keyed by ind, unit, month; units dense), ordered by month."""
    values = comps[COMPONENTS].to_numpy(float)
    return rollup(tree, (_key_arrays(comps), values), None, kind_of_ind)[0]


def rollup(
    tree: Tree,
    results: tuple[tuple[IntArray, IntArray, IntArray], FloatArray] | None,
    targets: pd.DataFrame | None,
    kind_of_ind: IntArray,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Results' components and targets rolled up the tree together (:func:`rollup_grids`), as rows:
    ind, unit, month, c1..c5 for every unit with a figure (its own, else its children's sum) and ind,
    unit, month, t1..t5, target for every unit with a target, ordered by month."""
    g = rollup_grids(tree, results, targets, kind_of_ind)
    return result_rows(g), target_rows(g, kind_of_ind)


def rollup_grids(
    tree: Tree,
    results: tuple[tuple[IntArray, IntArray, IntArray], FloatArray] | None,
    targets: pd.DataFrame | None,
    kind_of_ind: IntArray,
) -> grid.Grids:
    """Results' components and targets rolled up the tree together, on grids (:mod:`rollup_grid`).

    ``results``: the (ind, unit, month) keys and components c1..c5 of filed figures (:func:`components`:
    a component an indicator's kind never has is 0 there, and is kept on no plane for its columns);
    ``targets``: ind, unit, month, target (as a figure of the indicator: a count, a rate, a mean…).

    Targets are weighted by the rolled-up results' denominators / observation counts in the same cell
    (ratios and averages).  Like values, they carry components up the tree (t1 = target·weight,
    t2 = weight, t3 = target, t4 = 1, t5 = 1 if the weight is unknown) and are finished only at the end,
    so a plain mean is over the underlying targets, as it is for values.  Own figures and targets win
    over the aggregate of children.
    """
    empty = np.array([], dtype=np.int64)
    r_keys, r_values = results if results is not None else ((empty, empty, empty), np.zeros((0, 5)))
    if targets is None:
        targets = pd.DataFrame({"ind": empty, "unit": empty, "month": empty, "target": np.array([], dtype=float)})
    t_keys = _key_arrays(targets)
    t_value = targets["target"].to_numpy(float)
    n_ind = len(kind_of_ind)
    keys = grid.Keys.of(np.concatenate([r_keys[0], t_keys[0]]), np.concatenate([r_keys[2], t_keys[2]]), n_ind)
    r_col, t_col = keys.column(r_keys[0], r_keys[2]), keys.column(t_keys[0], t_keys[2])
    slices = list(keys.slices(tree.size, len(COMPONENTS)))
    r_rows = grid.RowsByColumn(r_col, keys.size, len(slices) <= 1)
    t_rows = grid.RowsByColumn(t_col, keys.size, len(slices) <= 1)
    parts: list[tuple[slice, grid.Planes, grid.Planes | None]] = []
    for cols in slices:
        kind = kind_of_ind[keys.ind[cols]]
        weighed, averaged = kind >= 2, kind == 2  # ratios and averages; averages
        r = r_rows.take(cols)
        rv = r_values[r]
        values: dict[str, FloatArray | float] = {c: rv[:, j] for j, c in enumerate(COMPONENTS)} | {"has": 1.0}
        layout: grid.Layout = [(["c1", "has"], None), (["c2"], weighed), (["c3", "c5"], averaged)]
        # c4 counts an average's figures: "has a figure" on averages' columns
        rg, own = grid.planes_of(r_col[r], r_keys[1][r], values, cols, tree.size, layout, {"c4": ("has", averaged)})
        grid.roll_up_planes(rg, own, tree.rollup_order)
        if len(t_col) == 0:
            parts.append((cols, rg, None))
            continue
        t = t_rows.take(cols)
        t_ind, t_unit, t_at = t_keys[0][t], t_keys[1][t], t_col[t] - cols.start
        tv = t_value[t]
        # a count's or a stock's target weighs nothing: weights are looked up for ratios and averages only
        w = np.flatnonzero(weighed[t_at])
        cells = np.stack([rg.at(c, t_unit[w], t_at[w]) for c in ("c2", "c5", "has")])
        weight, known = np.zeros(len(tv)), np.ones(len(tv), dtype=bool)
        weight[w], known[w] = _target_weights(cells, kind_of_ind[t_ind[w]])
        t_values: dict[str, FloatArray | float] = {"t1": tv * weight, "t2": weight, "t3": tv, "t5": (~known) * 1.0}
        t_layout: grid.Layout = [(["t3", "has"], None), (["t1", "t2", "t5"], weighed)]
        # a count's target weighs nothing (t1, t2, t5 are 0 there); t4 counts targets: "has a target"
        tg, own = grid.planes_of(t_col[t], t_unit, t_values | {"has": 1.0}, cols, tree.size, t_layout,
                                 {"t4": ("has", None)})  # fmt: skip
        grid.roll_up_planes(tg, own, tree.rollup_order)
        parts.append((cols, rg, tg))
    return grid.Grids(keys, tree.size, parts)


def result_rows(g: grid.Grids) -> pd.DataFrame:
    """ind, unit, month, c1..c5 of every cell with a figure, ordered by month."""
    rows = [grid.read_rows(rg, g.keys, cols, COMPONENTS) for cols, rg, _tg in g.parts]
    return pd.DataFrame(grid.joined(rows, COMPONENTS), copy=False)


def target_rows(g: grid.Grids, kind_of_ind: IntArray) -> pd.DataFrame:
    """ind, unit, month, t1..t5, target of every cell with a target, ordered by month."""
    rows = grid.joined(
        [grid.read_rows(tg, g.keys, cols, TARGET_COMPONENTS) for cols, _rg, tg in g.parts if tg is not None],
        TARGET_COMPONENTS,
    )
    rows["target"] = _finish_targets(rows, kind_of_ind)
    return pd.DataFrame(rows, copy=False)


FIGURES = ("value", "num", "den", "target")


def column_figures(g: grid.Grids, kind_of_ind: IntArray, factor_of_ind: FloatArray) -> list[dict[str, FloatArray]]:
    """Per part of the grids: value, num, den and target of each (month, indicator) column and unit, as
    (columns, units) arrays, computed as :func:`finish` and the targets' finishing compute them from rows
    (NaN where there is none): a month is then a block of rows of each.  Each kind's columns are worked
    out from the planes it has: a count's value is its sum, and only ratios have a numerator."""
    out = []
    for cols, r, t in g.parts:
        inds = g.keys.ind[cols]
        kind, factor = kind_of_ind[inds], factor_of_ind[inds]
        has = r.full("has")  # (units, columns)
        filed = has > 0
        c1 = r.full("c1")
        value = np.where(filed, c1, np.nan)  # counts and stocks; ratios and averages are replaced below
        num, den = (np.full((len(kind), g.n_units), np.nan) for _ in range(2))
        weighed, c2 = r.plane("c2")
        assert weighed is not None
        is_ratio = kind[weighed] == 3
        with np.errstate(divide="ignore", invalid="ignore"):
            rc, c1r, c2r, fr = weighed[is_ratio], c1[:, weighed[is_ratio]], c2[:, is_ratio], filed[:, weighed[is_ratio]]
            value[:, rc] = np.where(fr & (c2r > 0), c1r / c2r * factor[rc], np.nan)
            num[rc] = np.where(fr, c1r, np.nan).T
            den[rc] = np.where(fr, c2r, np.nan).T
            averaged, c3 = r.plane("c3")
            assert averaged is not None
            c5 = r.plane("c5")[1]
            c1a, c2a, c4a = c1[:, averaged], c2[:, ~is_ratio], has[:, averaged]
            weighted = np.where((c5 == 0) & (c2a > 0), c1a / c2a, np.where(c4a > 0, c3 / c4a, np.nan))
            value[:, averaged] = np.where(filed[:, averaged], weighted, np.nan)
        figures = {"value": np.ascontiguousarray(value.T), "num": num, "den": den}
        if t is None:
            figures["target"] = np.full((len(kind), g.n_units), np.nan)
        else:
            t_has, t3 = t.full("has"), t.full("t3")
            target = np.where(t_has > 0, t3, np.nan)  # counts and stocks add up
            weighed, t1 = t.plane("t1")
            assert weighed is not None
            t2, t5 = t.plane("t2")[1], t.plane("t5")[1]
            t3w, t4w = t3[:, weighed], t_has[:, weighed]
            with np.errstate(divide="ignore", invalid="ignore"):
                weighted_t = np.where((t5 == 0) & (t2 > 0), t1 / t2, t3w / t4w)
            target[:, weighed] = np.where(t4w > 0, weighted_t, np.nan)
            figures["target"] = np.ascontiguousarray(target.T)
        out.append(figures)
    return out


def month_figures(
    g: grid.Grids, figures: list[dict[str, FloatArray]], month: int, n_ind: int
) -> dict[str, FloatArray] | None:
    """Value, num, den and target of every (indicator, unit) in one month (NaN where there is none), from
    :func:`column_figures`; None where the grids cannot say (the caller reads rows)."""
    found = g.locate(month)
    if found is None:
        return None
    part, at = found
    inds = g.keys.ind[g.parts[part][0]][at]
    out = {name: np.full((n_ind, g.n_units), np.nan) for name in FIGURES}
    for name in FIGURES:
        out[name][inds] = figures[part][name][at]
    return out


def _key_arrays(frame: pd.DataFrame) -> tuple[IntArray, IntArray, IntArray]:
    ind, unit, month = (frame[k].to_numpy(np.int64) for k in KEY)
    return ind, unit, month


def _finish_targets(comps: Mapping[str, npt.NDArray[np.generic]] | pd.DataFrame, kind_of_ind: IntArray) -> FloatArray:
    """Counts and stocks add up; ratios and averages are weighted where every weight is known, else a
    plain mean of the underlying targets."""
    kind = kind_of_ind[np.asarray(comps["ind"], dtype=np.int64)]
    t1, t2, t3, t4, t5 = (np.asarray(comps[c], dtype=float) for c in TARGET_COMPONENTS)
    with np.errstate(divide="ignore", invalid="ignore"):
        weighted = np.where((t5 == 0) & (t2 > 0), t1 / t2, t3 / t4)
    return np.where(kind <= 1, t3, weighted)


def _target_weights(cells: FloatArray, kind: IntArray) -> tuple[FloatArray, npt.NDArray[np.bool_]]:
    """Weight of each target in its parent's: the result's denominator (ratio) or observations (average)
    in the target's cell of the rolled-up results (``cells``: c2, c5 and "has a figure", × targets)."""
    c2 = np.where(cells[2] > 0, cells[0], np.nan)
    c5 = cells[1]
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
