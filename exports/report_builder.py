"""Reports built from the core's scoring: one rolled-up subtree per institution, evaluated for the report's
period (the same evaluation ``scorecard scorecard`` shows) and for each of the twelve months of the trends.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session

from exports.report_model import (
    APPROVED,
    DRAFT,
    ConsolidatedReport,
    InstitutionReport,
    Justification,
    RedLine,
    Section,
    SummaryRow,
    Trend,
)
from scorecard import year_on_year
from scorecard.domain import ScorecardView, Status
from scorecard.errors import UserError
from scorecard.evaluate import Evaluation
from scorecard.models import Institution, Result, Submission, Unit
from scorecard.periods import Period, add_months, months_between
from scorecard.scoring import Computed, Prepared, shape_view
from scorecard.store import Store

TREND_MONTHS = 12
JUSTIFICATIONS_SHOWN = 4


def key_indicators(c: Computed) -> list[int]:
    """Per strategic objective (its operational objectives included), the indicator of greatest weight,
    the first in plan order on a tie: the few a minister follows month by month."""
    objectives = c.plan.objectives
    best: dict[int, int] = {}
    for k, o in enumerate(c.plan.objective_of):
        strategic = objectives[o].parent if objectives[o].parent >= 0 else o
        current = best.get(strategic)
        if current is None or c.plan.definitions[k].weight > c.plan.definitions[current].weight:
            best[strategic] = k
    return [best[s] for s in sorted(best)]


@dataclass
class Snapshot:
    """One institution's subtree rolled up once: the period's evaluation and twelve monthly ones."""

    prepared: Prepared
    computed: Computed
    trend_months: list[int]
    monthly: list[Evaluation]
    submissions: tuple[np.ndarray, np.ndarray]  # per dense unit: approved and total submissions in its subtree
    justifications: dict[tuple[int, int], list[tuple[int, Justification]]]  # (ind, dense unit) -> filed
    keys: list[int]
    store: Store | None = None  # to find the disagreements between sources each section lists

    @classmethod
    def take(
        cls, store: Store, session: Session, institution: str, period: Period, unit: str | None, ytd: bool
    ) -> Snapshot:
        months = (period.year_to_date() if ytd else period).months
        first = min(months[0], add_months(period.last, -(TREND_MONTHS - 1)))
        prepared = store.scoring.prepare(session, institution, first, period.last, unit)
        computed = Computed(
            prepared.institution,
            period,
            ytd,
            months,
            prepared.plan,
            prepared.indicators,
            prepared.tree,
            prepared.units,
            prepared.evaluate(months),
            year_on_year.previous_values(store, session, prepared, months),
            prepared.certified,
        )
        trend_months = months_between(add_months(period.last, -(TREND_MONTHS - 1)), period.last)
        monthly = [prepared.evaluate([m]) for m in trend_months]
        return cls(
            prepared,
            computed,
            trend_months,
            monthly,
            _submissions(session, prepared, months),
            _justifications(session, prepared, months),
            key_indicators(computed),
            store,
        )

    def series(self, column: str) -> list[np.ndarray]:
        n_ind, n_units = self.prepared.plan.size, self.prepared.tree.size
        return [ev.indicators[column].to_numpy().reshape(n_ind, n_units) for ev in self.monthly]

    def section(
        self,
        u: int,
        depth: int = 0,
        values: list[np.ndarray] | None = None,
        targets: list[np.ndarray] | None = None,
        statuses: list[np.ndarray] | None = None,
    ) -> Section:
        view = shape_view(self.computed, u)
        values = values if values is not None else self.series("value")
        targets = targets if targets is not None else self.series("target")
        statuses = statuses if statuses is not None else self.series("status")
        trends = []
        for k in self.keys:
            line = next(
                i for o in view.objectives for i in o.indicators if i.code == self.prepared.plan.definitions[k].code
            )
            trends.append(
                Trend(
                    line.code,
                    line.name,
                    tuple(self.trend_months),
                    tuple(_opt(v[k, u]) for v in values),
                    tuple(_opt(t[k, u]) for t in targets),
                    tuple(Status(int(s[k, u])) for s in statuses),
                )
            )
        approved, total = self.submissions
        state = APPROVED if total[u] > 0 and approved[u] == total[u] else DRAFT
        inst = self.prepared.institution
        disagreements: tuple[dict[str, Any], ...] = ()
        if self.store is not None:
            found = self.store.reconciliation.open_disagreements(
                inst.code, self.computed.period.code, view.unit_code, ytd=self.computed.ytd
            )
            disagreements = tuple(found)
        return Section(
            inst.code,
            inst.name,
            self.prepared.units[u].level,
            view,
            tuple(trends),
            self._reds(view, u),
            state,
            depth,
            disagreements,
        )

    def _reds(self, view: ScorecardView, u: int) -> tuple[RedLine, ...]:
        index = {d.code: k for k, d in enumerate(self.prepared.plan.definitions)}
        reds = []
        for o in view.objectives:
            for line in o.indicators:
                if line.status is not Status.RED:
                    continue
                filed = [j for _, j in sorted(self.justifications.get((index[line.code], u), []), key=_order)]
                shown = filed[:JUSTIFICATIONS_SHOWN]
                reds.append(RedLine(o.code, line, tuple(shown), len(filed) - len(shown)))
        return tuple(reds)


def _order(item: tuple[int, Justification]) -> tuple[int, int, str]:
    # the unit's own justification first, then the units below by month and code
    distance, j = item
    return (distance, -j.month, j.unit_code)


def _opt(x: float) -> float | None:
    f = float(x)
    return None if np.isnan(f) else f


def _submissions(session: Session, p: Prepared, months: list[int]) -> tuple[np.ndarray, np.ndarray]:
    """Approved and total submissions (unit × month) in each unit's subtree over the period."""
    index = p.tree.index_of()
    q = (
        select(Submission.unit_id, Submission.state)
        .join(Unit, Unit.id == Submission.unit_id)
        .where(Unit.institution_id == p.institution.id, Submission.month.between(months[0], months[-1]))
    )
    rows = session.execute(q).all()
    approved = np.zeros(p.tree.size)
    total = np.zeros(p.tree.size)
    for unit_id, state in rows:
        u = index.get(unit_id)
        if u is None:
            continue
        total[u] += 1
        approved[u] += state == APPROVED
    return p.tree.subtree_sum(approved), p.tree.subtree_sum(total)


def _justifications(
    session: Session, p: Prepared, months: list[int]
) -> dict[tuple[int, int], list[tuple[int, Justification]]]:
    """Causes and corrective actions filed with results in the period, credited to the filing unit and to
    each unit above it (with the distance, so a unit's own words come first)."""
    index = p.tree.index_of()
    ind_index = {d.indicator_id: k for k, d in enumerate(p.plan.definitions)}
    rows = session.execute(
        select(Result.indicator_id, Result.unit_id, Result.month, Result.cause, Result.action, Unit.code, Unit.name)
        .join(Unit, Unit.id == Result.unit_id)
        .where(
            Unit.institution_id == p.institution.id,
            Result.indicator_id.in_(list(ind_index)),
            Result.month >= months[0],
            Result.month <= months[-1],
            (Result.cause.is_not(None)) | (Result.action.is_not(None)),
        )
    ).all()
    out: dict[tuple[int, int], list[tuple[int, Justification]]] = defaultdict(list)
    parent = p.tree.parent
    for r in rows:
        u = index.get(r.unit_id)
        if u is None:
            continue
        j = Justification(r.code, r.name, r.month, (r.cause or "").strip(), (r.action or "").strip())
        distance = 0
        while u >= 0:
            out[(ind_index[r.indicator_id], int(u))].append((distance, j))
            u, distance = int(parent[u]), distance + 1
    return out


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


def institution_report(
    store: Store,
    institution: str,
    period: Period | str,
    unit: str | None = None,
    *,
    ytd: bool = False,
    lang: str = "es",
    paper: str = "a4",
    issued_at: dt.datetime | None = None,
) -> InstitutionReport:
    period = Period.parse(period) if isinstance(period, str) else period
    with store.reading() as s:
        snap = Snapshot.take(store, s, institution, period, unit, ytd)
    return InstitutionReport(period, ytd, issued_at or _now(), lang, paper, snap.section(0))


def _preorder(parent: np.ndarray, codes: list[str]) -> list[int]:
    children: dict[int, list[int]] = defaultdict(list)
    for u in range(1, len(parent)):
        children[int(parent[u])].append(u)
    order, stack = [], [0]
    while stack:
        u = stack.pop()
        order.append(u)
        stack.extend(sorted(children[u], key=lambda c: codes[c], reverse=True))
    return order


def consolidated_report(
    store: Store,
    period: Period | str,
    institutions: list[str] | None = None,
    *,
    levels: list[str] | None = None,
    unit: str | None = None,
    ytd: bool = False,
    lang: str = "es",
    paper: str = "a4",
    issued_at: dt.datetime | None = None,
) -> ConsolidatedReport:
    """A summary page comparing the institutions (or, for one institution, the units of its first level
    below the root — or below ``unit``), then a section per institution (or for ``unit``) followed by one
    per unit at ``levels`` (default: the level just below), each under its parent in the outline."""
    period = Period.parse(period) if isinstance(period, str) else period
    with store.reading() as s:
        codes = institutions or list(s.scalars(select(Institution.code).order_by(Institution.code)))
        if not codes:
            raise UserError("report.no_institutions")
        if unit is not None and len(codes) != 1:
            raise UserError("report.unit_needs_one_institution", unit=unit)
        sections: list[Section] = []
        roots: list[tuple[Snapshot, Section]] = []
        first_level_rows: list[SummaryRow] = []
        compared_level = ""
        without_plan: list[str] = []
        for code in codes:
            try:
                snap = Snapshot.take(store, s, code, period, unit, ytd)
            except UserError as exc:
                # "every institution" means every one with a plan to be scored against; one named is required
                if institutions or exc.message_id != "plan.none":
                    raise
                without_plan.append(code)
                continue
            p = snap.prepared
            level_of = [x.level for x in p.units]
            depth_of = [int(d) for d in p.tree.depth]
            level_depth: dict[str, int] = {}
            for lv, d in zip(level_of, depth_of, strict=True):
                level_depth.setdefault(lv, d)
            unknown = [lv for lv in (levels or []) if lv not in level_depth]
            if unknown and len(codes) == 1:
                raise UserError("report.level_unknown", value=", ".join(unknown), options=", ".join(level_depth))
            wanted = set(levels) if levels else {lv for lv, d in level_depth.items() if d == 1}
            rank = {lv: k for k, lv in enumerate(sorted(wanted & set(level_depth), key=level_depth.__getitem__))}
            series = (snap.series("value"), snap.series("target"), snap.series("status"))
            for u in _preorder(p.tree.parent, [x.code for x in p.units]):
                if u > 0 and level_of[u] not in wanted and depth_of[u] != 1:
                    continue
                section = snap.section(u, 0 if u == 0 else 1 + rank.get(level_of[u], 0), *series)
                if u == 0:
                    roots.append((snap, section))
                elif depth_of[u] == 1:
                    first_level_rows.append(SummaryRow.of(section))
                    compared_level = level_of[u]
                if u == 0 or level_of[u] in wanted:
                    sections.append(section)
    if len(roots) > 1:
        summary = tuple(SummaryRow.of(sec) for snap, sec in roots)
        compared = "institutions"
    else:
        summary = tuple(first_level_rows)
        compared = compared_level or "institutions"
    if not sections:
        raise UserError("report.no_plans", institutions=", ".join(without_plan))
    return ConsolidatedReport(
        period, ytd, issued_at or _now(), lang, paper, compared, summary, tuple(sections), tuple(without_plan)
    )
