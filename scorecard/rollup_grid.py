"""The roll-up up the unit tree on dense grids: the engine under :func:`scorecard.rollup.rollup_grids`.

Rows keyed by (ind, unit, month) become planes of units × columns, one column per (month, indicator) pair
present, one plane per component (and one "has a figure"), each over the columns that can need it
(:class:`Planes`).  Children are summed into their parents
level by level, deepest first, a parent's own figure winning over its children's sum.  The grids are
kept (:class:`Grids`): a single month is a block of columns; rows ordered by month, then indicator, then
unit are read off them only when a caller wants rows (several months, the history views).

Why a grid rather than a pandas groupby per level: every (unit, month, indicator) above a reporting unit
has a figure, so the grid is nearly full, and the groupby's hashing and sorting were most of the national
recompute's time.  Where the grid would be large (many months or units) it is rolled in slices of whole
months of at most :data:`GRID_BYTES` each, so that a slice's memory stays bounded whatever the period.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]
Columns = dict[str, npt.NDArray[np.generic]]

GRID_BYTES = 96 * 2**20  # one grid over one slice of columns


@dataclass(frozen=True)
class Level:
    """One depth of the tree: the distinct parents of its units and, for each rank r, the units that are
    the r-th child of their parent, with the index into ``parents`` of each one's parent."""

    parents: IntArray
    by_rank: list[tuple[IntArray, IntArray]]  # (children, index into parents) for rank 0, 1, 2…


def levels(parent: IntArray, depth: IntArray) -> list[Level]:
    """The tree's depths from the deepest up to 1 (a unit at depth 0 has no parent to add to)."""
    out = []
    for d in range(int(depth.max(initial=0)), 0, -1):
        at = np.nonzero(depth == d)[0]
        kids = at[np.argsort(parent[at], kind="stable")]
        par = parent[kids]
        starts = np.flatnonzero(np.concatenate(([True], par[1:] != par[:-1])))
        group = np.repeat(np.arange(len(starts)), np.diff(np.append(starts, len(kids))))
        rank = np.arange(len(kids)) - starts[group]
        out.append(Level(par[starts], [(kids[rank == r], group[rank == r]) for r in range(int(rank.max()) + 1)]))
    return out


def roll_up(grid: FloatArray, own: BoolArray, tree_levels: list[Level]) -> None:
    """Sum children into parents, in place.  ``grid``: (components, units, columns) (one of them "has a
    figure", 1 where a unit filed); ``own``: (units, columns), where the unit filed its own.

    Children are added rank by rank (every first child, then every second…): as many vector additions
    as the widest family, each over whole rows, where a ``reduceat`` over families of two or three
    rows was several times slower.  The sums are compensated (Kahan), as pandas' groupby sums were
    before this engine: the same figures to the last bit, and a target summed from two-decimal
    figures that lands on a threshold lands there as it did."""
    for lv in tree_levels:
        first, _ = lv.by_rank[0]
        sums = grid[:, first]
        lost: FloatArray | None = None  # what each sum's rounding dropped so far (none before a second child)
        last = len(lv.by_rank) - 1
        for rank, (children, group) in enumerate(lv.by_rank[1:], 1):
            y = grid[:, children]
            if lost is not None:
                y -= lost[:, group]
            before = sums[:, group]
            t = before + y
            if rank < last:  # the last child's rounding would only be dropped
                if lost is None:
                    lost = np.zeros_like(sums)
                dropped = t - before
                dropped -= y
                lost[:, group] = dropped
            sums[:, group] = t
        kept = own[lv.parents]
        if kept.any():
            sums[:, kept] = grid[:, lv.parents][:, kept]
        grid[:, lv.parents] = sums


@dataclass(frozen=True)
class Keys:
    """The (month, indicator) pairs of some rows in month order, each a column of the grid."""

    ind: IntArray
    month: IntArray
    n_ind: int
    first: int = 0  # with ``dense``: the first month
    dense: IntArray | None = None  # column of each (month - first) · n_ind + ind, where the span is short

    @classmethod
    def of(cls, ind: IntArray, month: IntArray, n_ind: int) -> Keys:
        if len(month) and (month.max() - month.min() + 1) * n_ind <= 4 * len(month) + 4096:
            # few months (the usual case): which pairs occur, counted in place of a sort
            first = int(month.min())
            seen = np.bincount((month - first) * n_ind + ind) > 0
            keys = np.flatnonzero(seen) + first * n_ind
            return cls(keys % n_ind, keys // n_ind, n_ind, first, np.cumsum(seen) - 1)
        keys = np.unique(month * n_ind + ind)
        return cls(keys % n_ind, keys // n_ind, n_ind)

    @property
    def size(self) -> int:
        return int(self.ind.shape[0])

    def column(self, ind: IntArray, month: IntArray) -> IntArray:
        """The column of each row (its pair must be among the keys)."""
        if self.dense is not None:
            return self.dense[(month - self.first) * self.n_ind + ind]
        return np.searchsorted(self.month * self.n_ind + self.ind, month * self.n_ind + ind)

    def slices(self, n_units: int, n_components: int) -> Iterator[slice]:
        """Column ranges of whole months, small enough that one grid over them fits in GRID_BYTES (a month
        wider than that alone is cut where it must be)."""
        step = max(GRID_BYTES // max(n_units * (n_components + 1) * 8, 1), 1)
        month_starts = np.flatnonzero(np.concatenate(([True], self.month[1:] != self.month[:-1])))
        lo = 0
        while lo < self.size:
            hi = min(lo + step, self.size)
            if hi < self.size:
                inside = month_starts[(month_starts > lo) & (month_starts <= hi)]
                hi = int(inside[-1]) if len(inside) else hi
            yield slice(lo, hi)
            lo = hi


@dataclass(frozen=True)
class Grids:
    """Results and targets rolled up, kept as grids: ``parts`` holds, per slice of columns, the results'
    grid (c1..c5, has) and the targets' (t1..t5, has; None without targets)."""

    keys: Keys
    n_units: int
    parts: list[tuple[slice, Planes, Planes | None]]

    def locate(self, month: int) -> tuple[int, slice] | None:
        """Which part holds ``month``'s columns, and where in it; None where the month straddles two
        parts (the caller reads rows instead)."""
        lo = int(np.searchsorted(self.keys.month, month, side="left"))
        hi = int(np.searchsorted(self.keys.month, month, side="right"))
        for k, (cols, _results, _targets) in enumerate(self.parts):
            if cols.start <= lo and hi <= cols.stop:
                return k, slice(lo - cols.start, hi - cols.start)
        return None


class RowsByColumn:
    """The rows of each slice of columns, found without a mask per slice (one stable sort, if needed)."""

    def __init__(self, column: IntArray, n_columns: int, whole: bool) -> None:
        self.whole = whole  # one slice covers every column: every row, in its own order
        if not whole:
            self.order = np.argsort(column, kind="stable")
            self.bounds = np.searchsorted(column[self.order], np.arange(n_columns + 1))

    def take(self, cols: slice) -> IntArray | slice:
        if self.whole:
            return slice(None)
        return self.order[self.bounds[cols.start] : self.bounds[cols.stop]]


Layout = list[tuple[list[str], "BoolArray | None"]]  # groups of components, each over some columns (None: all)
Aliases = dict[str, tuple[str, "BoolArray | None"]]  # a component equal to another on some columns, 0 elsewhere


class Planes:
    """One slice's components as planes (units × columns), each over only the columns whose indicators can
    make it non-zero: a count has no denominator and no observation count, so its columns carry two
    planes (the sum and "has a figure") where an average's carry five.  The roll-up then moves no zeros:
    on the national year's mix of kinds, half the grids' bytes.  ``aliases`` name components that equal
    another one on some columns (an average's observation count of figures is "has a figure") and zero
    elsewhere, so that they need no plane of their own."""

    def __init__(self, width: int, n_units: int, layout: Layout, aliases: Aliases) -> None:
        self.width, self.n_units, self.aliases = width, n_units, aliases
        self.blocks: list[tuple[IntArray | None, FloatArray]] = []
        self.names: list[list[str]] = [names for names, _columns in layout]
        self.where: dict[str, tuple[int, int]] = {}  # component → (block, plane in it)
        self.position: list[IntArray | None] = []  # per block: each column's place in it, -1 if absent
        for b, (names, columns) in enumerate(layout):
            cols = None if columns is None else np.flatnonzero(columns)
            size = width if cols is None else len(cols)
            self.blocks.append((cols, np.zeros((len(names), n_units, size))))
            pos = None
            if cols is not None:
                pos = np.full(width, -1, dtype=np.int64)
                pos[cols] = np.arange(len(cols))
            self.position.append(pos)
            self.where.update({name: (b, j) for j, name in enumerate(names)})

    def full(self, name: str) -> FloatArray:
        """The component over every column of the slice (units × columns; a view where it has a whole plane)."""
        if name in self.aliases:
            source, columns = self.aliases[name]
            whole = self.full(source)
            return whole if columns is None else np.where(columns, whole, 0.0)
        b, j = self.where[name]
        cols, grid = self.blocks[b]
        if cols is None:
            return grid[j]
        out = np.zeros((self.n_units, self.width))
        out[:, cols] = grid[j]
        return out

    def plane(self, name: str) -> tuple[IntArray | None, FloatArray]:
        """The columns a component's plane covers (None: all) and the plane (units × those columns)."""
        b, j = self.where[name]
        cols, grid = self.blocks[b]
        return cols, grid[j]

    def at(self, name: str, unit: IntArray, column: IntArray) -> FloatArray:
        """The component at cells (unit, column of the slice); 0 where its indicator cannot have it."""
        if name in self.aliases:
            source, columns = self.aliases[name]
            found = self.at(source, unit, column)
            return found if columns is None else np.where(columns[column], found, 0.0)
        b, j = self.where[name]
        pos, grid = self.position[b], self.blocks[b][1]
        if pos is None:
            return grid[j].reshape(-1)[unit * self.width + column]
        if grid.shape[2] == 0:  # no column of the slice has it
            return np.zeros(len(column))
        p = pos[column]
        inside = p >= 0
        return np.where(inside, grid[j].reshape(-1)[unit * grid.shape[2] + np.where(inside, p, 0)], 0.0)


def planes_of(
    column: IntArray,
    unit: IntArray,
    values: dict[str, FloatArray | float],
    cols: slice,
    n_units: int,
    layout: Layout,
    aliases: Aliases,
) -> tuple[Planes, BoolArray]:
    """The planes of some rows over columns ``cols`` (``values``: each component's value per row, or one
    value for every row; one of them "has", 1.0) and where the units filed their own figures (units ×
    columns; the layout's first block must cover every column and hold "has")."""
    width = cols.stop - cols.start
    local = column - cols.start
    planes = Planes(width, n_units, layout, aliases)
    for (_cols, grid), pos, names in zip(planes.blocks, planes.position, planes.names, strict=True):
        if pos is None:
            rows: IntArray | slice = slice(None)
            cell = unit * width + local  # each row's place in a plane, computed once per block
        else:
            p = pos[local]
            rows = np.flatnonzero(p >= 0)
            cell = unit[rows] * grid.shape[2] + p[rows]
        flat = grid.reshape(grid.shape[0], -1)
        for j, name in enumerate(names):
            v = values[name]
            flat[j, cell] = v if isinstance(v, float) else v[rows]
    b, j = planes.where["has"]  # before the roll-up, "has a figure" is where a unit filed its own
    return planes, planes.blocks[b][1][j] > 0


def roll_up_planes(planes: Planes, own: BoolArray, tree_levels: list[Level]) -> None:
    """:func:`roll_up` of every block of ``planes``, each with the own-figure mask of its columns."""
    for cols, grid in planes.blocks:
        if grid.shape[2]:
            roll_up(grid, own if cols is None else own[:, cols], tree_levels)


def read_rows(planes: Planes, keys: Keys, cols: slice, names: list[str]) -> Columns:
    """The cells that have a figure, as columns ind, unit, month and ``names`` (the components), ordered
    by column (month, then indicator) and then unit."""
    has = np.ascontiguousarray(planes.full("has").T > 0)
    k, u = np.nonzero(has)
    out: Columns = {"ind": keys.ind[cols][k], "unit": u.astype(np.int64), "month": keys.month[cols][k]}
    for name in names:
        out[name] = planes.full(name).T[has]
    return out


def joined(parts: list[Columns], names: list[str]) -> Columns:
    """The rows of several slices as one set of columns (empty ones where there is none)."""
    if len(parts) == 1:
        return parts[0]
    if not parts:
        empty: Columns = {c: np.array([], dtype=np.int64) for c in ("ind", "unit", "month")}
        return empty | {n: np.array([], dtype=float) for n in names}
    return {c: np.concatenate([p[c] for p in parts]) for c in parts[0]}
