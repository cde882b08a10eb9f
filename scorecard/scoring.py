"""The scorecard of one unit and period, from the database: load its subtree's figures, evaluate, shape.

Definitions are those in force at the period's last month, so a closed month keeps being scored as it
was whatever changed later.
"""

from __future__ import annotations

import dataclasses
import logging
import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt
import pandas as pd
from sqlalchemy import select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from scorecard import access, certification, chance, view_cache, year_on_year
from scorecard.domain import (
    IndicatorLine,
    ObjectiveLine,
    Polarity,
    ScorecardView,
    Status,
    UnitLine,
)
from scorecard.errors import UserError
from scorecard.evaluate import Evaluation, PlanShape, Rolled, evaluate, roll
from scorecard.figures import Figures
from scorecard.models import Indicator, Institution, Unit, UnitBaseline, UnitClosure
from scorecard.periods import Period
from scorecard.rollup import Tree
from scorecard.sources import IMPLICIT
from scorecard.stored_views import value_json, view_as_json
from scorecard.units import UnitInfo, Units

# a command asking one unit's kept figures never imports this module (scorecard/stored_views.py)
if TYPE_CHECKING:
    from scorecard.store import Store

log = logging.getLogger(__name__)


def _opt(x: Any) -> float | None:
    if x is None:
        return None
    f = float(x)
    return None if math.isnan(f) else f


@dataclass(frozen=True)
class Computed:
    """Everything one evaluation produced, with the look-ups to read it."""

    institution: Institution
    period: Period
    ytd: bool
    months: list[int]
    plan: PlanShape
    indicators: list[Indicator]
    tree: Tree
    units: list[UnitInfo]
    evaluation: Evaluation
    previous: npt.NDArray[np.float64] | None = None  # per (ind, unit): the same months a year earlier (year_on_year)
    certified: pd.DataFrame | None = None  # ind, unit, month, source, certified_at (Prepared.certified)


@dataclass(frozen=True)
class Prepared:
    """A subtree's figures rolled up once, evaluated for as many month ranges as wanted (a period, a trend)."""

    institution: Institution
    plan: PlanShape
    indicators: list[Indicator]
    tree: Tree
    units: list[UnitInfo]
    rolled: Rolled
    at_root: bool  # the subtree is the institution's: its root takes the indicators' own baselines
    certified: pd.DataFrame | None = None  # ind, unit, month, source, certified_at of the certified figures

    def evaluate(self, months: list[int]) -> Evaluation:
        return evaluate(self.tree, self.plan, self.rolled, months, institution_root=0 if self.at_root else -1)


class Scoring:
    def __init__(self, store: Store) -> None:
        self.store = store

    def compute(
        self, session: Session, institution: str, period: Period | str, unit: str | None = None, *, ytd: bool = False
    ) -> Computed:
        period = Period.parse(period) if isinstance(period, str) else period
        months = (period.year_to_date() if ytd else period).months
        p = self.prepare(session, institution, months[0], months[-1], unit)
        previous = year_on_year.previous_values(self.store, session, p, months)
        return Computed(
            p.institution, period, ytd, months, p.plan, p.indicators, p.tree, p.units, p.evaluate(months), previous,
            p.certified,
        )  # fmt: skip

    def prepare(
        self,
        session: Session,
        institution: str,
        first: int,
        last: int,
        unit: str | None = None,
        *,
        indicator: str | None = None,
    ) -> Prepared:
        """The unit's subtree with its figures from month ``first`` to ``last`` rolled up, ready to be
        evaluated over any months of that range (definitions as in force at ``last``).  ``indicator``
        narrows the plan to that one indicator (none when it was not defined at ``last``)."""
        inst = self.store.institution(session, institution)
        access.require_reader(session, self.store.actor, inst.id)
        root = Units.root(session, inst.id)
        selected = root if unit is None else self.store.units.find(session, inst.id, unit, inst.code)
        plan, indicators = self.store.plans.shape(session, inst, last)
        if indicator is not None:
            keep = [k for k, d in enumerate(plan.definitions) if d.code == indicator]
            plan = dataclasses.replace(
                plan,
                definitions=tuple(plan.definitions[k] for k in keep),
                objective_of=tuple(plan.objective_of[k] for k in keep),
            )
            indicators = [indicators[k] for k in keep]
        tree, infos = Units.subtree(session, selected.id)
        ids = [d.indicator_id for d in plan.definitions]

        def dense(frame: pd.DataFrame) -> pd.DataFrame:
            return dense_frame(frame, plan, tree)

        # the root's subtree is the whole institution: no join needed to find it
        scope = None if selected.id == root.id else selected.id
        filed = Figures.result_frame(session, scope, ids, first, last, inst.deadline_days)
        # a certified figure is the unit-month's own figure: it wins over the official one and the children's
        certified = certification.frame(session, scope, ids, first, last)
        results = dense(certification.overlay(filed, certified))
        targets = dense(Figures.target_frame(session, scope, ids, first, last))
        baselines = dense(self._baselines(session, selected.id, ids))
        rolled = roll(tree, plan, results, targets, baselines)
        return Prepared(inst, plan, indicators, tree, infos, rolled, selected.id == root.id, dense(certified))

    @staticmethod
    def _baselines(session: Session, root_unit_id: int, ids: list[int]) -> pd.DataFrame:
        q = (
            select(UnitBaseline.indicator_id, UnitBaseline.unit_id, UnitBaseline.value)
            .join(UnitClosure, UnitClosure.descendant_id == UnitBaseline.unit_id)
            .where(UnitClosure.ancestor_id == root_unit_id, UnitBaseline.indicator_id.in_(ids))
        )
        frame = pd.DataFrame(session.execute(q).all(), columns=["indicator_id", "unit_id", "target"])
        frame["target"] = frame["target"].astype(float)
        return frame

    # --- the views ---------------------------------------------------------------------------------------

    def scorecard(
        self, institution: str, period: Period | str, unit: str | None = None, *, ytd: bool = False, keep: bool = False
    ) -> ScorecardView:
        """The scorecard of ``unit``.  Large units' views are kept (:mod:`scorecard.view_cache`); ``keep`` keeps
        a small unit's too, for callers that will ask again (the command line's month-end scripts)."""
        period = Period.parse(period) if isinstance(period, str) else period
        with self.store.reading() as s:
            inst = self.store.institution(s, institution)
            access.require_reader(s, self.store.actor, inst.id)
            root = Units.root(s, inst.id)
            selected = root if unit is None else self.store.units.find(s, inst.id, unit, inst.code)
            small = view_cache.subtree_size(s, selected.id) < view_cache.LARGE_SUBTREE
            if small and not keep:
                return shape_view(self.compute(s, institution, period, unit, ytd=ytd))
            cached = view_cache.load(s, inst.id, period.code, ytd, selected.id)
            if cached is not None:
                return cached
            if small:
                view = shape_view(self.compute(s, institution, period, unit, ytd=ytd))
            else:  # one evaluation of the whole institution gives every large unit's scorecard at once
                c = self.compute(s, institution, period, None, ytd=ytd)
                sizes = c.tree.subtree_sum(np.ones(c.tree.size))
                large = np.nonzero(sizes >= view_cache.LARGE_SUBTREE)[0]
                views = {c.units[k].id: shape_view(c, int(k)) for k in large}
        if small:
            self._keep_if_possible(inst.id, period.code, ytd, {selected.id: view})
            return view
        with self.store.transaction() as s:
            view_cache.store(s, inst.id, period.code, ytd, views)
        return views[selected.id]

    def _keep_if_possible(self, institution_id: int, period: str, ytd: bool, views: dict[int, ScorecardView]) -> None:
        """A small unit's view is a convenience: a database busy or read-only for this user answers all the same."""
        try:
            with self.store.transaction() as s:
                view_cache.store(s, institution_id, period, ytd, views)
        except (DBAPIError, UserError) as exc:
            log.info("a small unit's scorecard was not kept: %s", exc)

    def value(
        self,
        institution: str,
        indicator: str,
        unit: str,
        period: Period | str,
        *,
        ytd: bool = False,
        keep: bool = False,
    ) -> dict[str, Any]:
        view = self.scorecard(institution, period, unit, ytd=ytd, keep=keep)
        out = value_json(view, indicator)
        if out is None:
            with self.store.reading() as s:
                inst = self.store.institution(s, institution)
                known = list(s.scalars(select(Indicator.code).where(Indicator.institution_id == inst.id)))
            raise UserError("indicator.unknown", code=indicator, institution=view.institution, candidates=known)
        return out


def dense_frame(frame: pd.DataFrame, plan: PlanShape, tree: Tree) -> pd.DataFrame:
    """Database ids to the dense indexes of ``plan`` and ``tree`` (rows outside them must not be given)."""
    ind_index = {d.indicator_id: k for k, d in enumerate(plan.definitions)}
    out = frame.assign(
        ind=frame["indicator_id"].map(ind_index).astype("int64"),
        unit=frame["unit_id"].map(tree.index_of()).astype("int64"),
    )
    return out.drop(columns=["indicator_id", "unit_id"])


def _indicator_line(c: Computed, k: int, u: int) -> IndicatorLine:
    frame = c.evaluation.indicators
    row = frame.iloc[k * c.tree.size + u]
    d = c.plan.definitions[k]
    ind = c.indicators[k]
    band = (d.band_min, d.band_max) if d.polarity is Polarity.IN_BAND and d.band_min is not None else None
    value = _opt(row["value"])
    previous = _opt(c.previous[k, u]) if c.previous is not None else None
    change, change_pct = year_on_year.change(value, previous)
    whose = _whose(c, k, u)
    target = _opt(row["target"])
    sig = chance.signal_of(
        d.kind, d.polarity, value, target, _opt(row["num"]), _opt(row["den"]), float(d.factor or 1.0),
        float(getattr(c.institution, "alpha", None) or chance.ALPHA),
    )  # fmt: skip
    return IndicatorLine(
        indicator_id=d.indicator_id,
        code=d.code,
        name=ind.name,
        kind=d.kind,
        polarity=d.polarity,
        unit_of_measure=ind.unit_of_measure or "",
        value=value,
        target=target,
        band=band,  # type: ignore[arg-type]
        numerator=_opt(row["num"]),
        denominator=_opt(row["den"]),
        performance=_opt(row["performance"]),
        status=Status(int(row["status"])),
        weight=d.weight,
        previous_value=previous,
        change=change,
        change_pct=change_pct,
        **whose,
        signal=sig.signal,
        p_worse=sig.p_worse,
        p_better=sig.p_better,
    )


def _whose(c: Computed, k: int, u: int) -> dict[str, Any]:
    """Whose figure line (k, u) shows: certified (every month at this unit) or the official source's."""
    official = c.indicators[k].official_source or IMPLICIT
    cert = c.certified
    if cert is None or cert.empty:
        return {"source": official}
    mine = cert[cert["ind"].to_numpy() == k]
    mine = mine[np.isin(mine["month"].to_numpy(), c.months)]
    if mine.empty:
        return {"source": official}
    inside = 0
    for unit in mine["unit"].to_numpy():  # a certification counts for the unit and every unit above it
        j = int(unit)
        while j >= 0 and j != u:
            j = int(c.tree.parent[j])
        inside += j == u
    here = mine[mine["unit"].to_numpy() == u]
    due = [m for m in c.months if c.plan.definitions[k].frequency.is_due_in(int(m))]
    if here.empty or set(here["month"].astype(int)) < set(due or c.months):
        return {"source": official, "certified_in": inside}
    last = here.sort_values("certified_at").iloc[-1]
    sources = set(here["source"].dropna())
    return {
        "certified": True,
        "source": sources.pop() if len(sources) == 1 and here["source"].notna().all() else None,
        "certified_at": last["certified_at"].isoformat(timespec="seconds"),
        "certified_in": inside,
    }


def shape_view(c: Computed, u: int = 0) -> ScorecardView:
    """The scorecard of dense unit ``u`` of an evaluation (0: the selected unit)."""
    ev = c.evaluation
    n_obj = len(c.plan.objectives)
    objectives = []
    for k, o in enumerate(c.plan.objectives):
        row = ev.objectives.iloc[u * n_obj + k]
        lines = tuple(_indicator_line(c, i, u) for i, obj in enumerate(c.plan.objective_of) if obj == k)
        parent = c.plan.objectives[o.parent].code if o.parent >= 0 else None
        objectives.append(
            ObjectiveLine(
                objective_id=o.objective_id,
                code=o.code,
                name=o.name,
                kind=o.kind,
                parent_code=parent,
                weight=o.weight,
                score=_opt(row["score"]),
                status=Status(int(row["status"])),
                indicators_scored=int(row["indicators_scored"]),
                indicators_total=int(row["indicators_total"]),
                indicators=lines,
            )
        )
    urow = ev.units.iloc[u]
    children = []
    for j in np.nonzero(c.tree.parent == u)[0]:
        crow = ev.units.iloc[int(j)]
        info = c.units[int(j)]
        children.append(
            UnitLine(
                unit_id=info.id,
                code=info.code,
                name=info.name,
                level=info.level,
                score=_opt(crow["score"]),
                status=Status(int(crow["status"])),
                indicators_scored=int(crow["indicators_scored"]),
                indicators_total=int(crow["indicators_total"]),
                completeness=_opt(crow["completeness"]),
            )
        )
    # league table: best score first, units without a score last, then by code
    children.sort(key=lambda x: (x.score is None, -(x.score or 0.0), x.code))
    info = c.units[u]
    return ScorecardView(
        institution=c.institution.code,
        unit_code=info.code,
        unit_name=info.name,
        period=c.period.code,
        ytd=c.ytd,
        score=_opt(urow["score"]),
        status=Status(int(urow["status"])),
        indicators_scored=int(urow["indicators_scored"]),
        indicators_total=int(urow["indicators_total"]),
        status_counts={s.key: int(urow[f"n_{s.key}"]) for s in Status},
        completeness=_opt(urow["completeness"]),
        timeliness=_opt(urow["timeliness"]),
        results_due=int(urow["results_due"]),
        results_filed=int(urow["results_filed"]),
        results_on_time=int(urow["results_on_time"]),
        objectives=tuple(objectives),
        children=tuple(children),
    )


__all__ = ["Computed", "Prepared", "Scoring", "Unit", "shape_view", "view_as_json"]
