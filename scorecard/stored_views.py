"""One unit's scorecard and one figure as the view cache keeps them, answered without numpy or pandas.

``scorecard value`` and ``scorecard scorecard --unit`` are called hundreds of times by month-end scripts;
a kept view answers them from one row (see :mod:`scorecard.view_cache`, which keeps it fresh), so a
command that finds one never imports the computation (:mod:`scorecard.scoring`).  The JSON of both
commands is built here, from a view, whichever way the view was obtained.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from scorecard import access, view_cache
from scorecard.domain import ScorecardView
from scorecard.periods import Period
from scorecard.units import Units

if TYPE_CHECKING:
    from scorecard.store import Store


def stored_view(
    store: Store, institution: str, period: Period | str, unit: str | None = None, *, ytd: bool = False
) -> ScorecardView | None:
    """The kept scorecard of ``unit`` (default: the root), checked as a live one is; ``None`` when none is kept."""
    period = Period.parse(period) if isinstance(period, str) else period
    with store.reading() as s:
        inst = store.institution(s, institution)
        access.require_reader(s, store.actor, inst.id)
        selected = Units.root(s, inst.id) if unit is None else store.units.find(s, inst.id, unit, inst.code)
        return view_cache.load(s, inst.id, period.code, ytd, selected.id)


def value_json(view: ScorecardView, indicator: str) -> dict[str, Any] | None:
    """The JSON of ``scorecard value`` (keys in spec/cli.md, kept stable); ``None``: no such indicator."""
    code = indicator.strip().upper()
    line = next((i for o in view.objectives for i in o.indicators if i.code.upper() == code), None)
    if line is None:
        return None
    return {
        "institution": view.institution,
        "indicator": line.code,
        "unit": view.unit_code,
        "period": view.period,
        "ytd": view.ytd,
        "value": line.value,
        "target": list(line.band) if line.band else line.target,
        "numerator": line.numerator,
        "denominator": line.denominator,
        "performance": line.performance,
        "status": line.status.key,
        "previous_value": line.previous_value,
        "change": line.change,
        "change_pct": line.change_pct,
        "certified": line.certified,
        "source": line.source,
        "certified_at": line.certified_at,
        "certified_in": line.certified_in,
        "signal": line.signal,
        "p_worse": line.p_worse,
        "p_better": line.p_better,
    }


def view_as_json(view: ScorecardView) -> dict[str, Any]:
    """The JSON of ``scorecard scorecard --json`` (keys in spec/cli.md, kept stable)."""
    return {
        "institution": view.institution,
        "unit": view.unit_code,
        "unit_name": view.unit_name,
        "period": view.period,
        "ytd": view.ytd,
        "score": view.score,
        "status": view.status.key,
        "indicators_scored": view.indicators_scored,
        "indicators_total": view.indicators_total,
        "status_counts": view.status_counts,
        "completeness": view.completeness,
        "timeliness": view.timeliness,
        "results_due": view.results_due,
        "results_filed": view.results_filed,
        "results_on_time": view.results_on_time,
        "objectives": [
            {
                "code": o.code,
                "name": o.name,
                "kind": o.kind.value,
                "parent": o.parent_code,
                "weight": o.weight,
                "score": o.score,
                "status": o.status.key,
                "indicators_scored": o.indicators_scored,
                "indicators_total": o.indicators_total,
                "indicators": [
                    {
                        "code": i.code,
                        "name": i.name,
                        "kind": i.kind.value,
                        "polarity": i.polarity.value,
                        "value": i.value,
                        "target": list(i.band) if i.band else i.target,
                        "numerator": i.numerator,
                        "denominator": i.denominator,
                        "performance": i.performance,
                        "status": i.status.key,
                        "weight": i.weight,
                        "previous_value": i.previous_value,
                        "change": i.change,
                        "change_pct": i.change_pct,
                        "certified": i.certified,
                        "source": i.source,
                        "certified_at": i.certified_at,
                        "certified_in": i.certified_in,
                        "signal": i.signal,
                        "p_worse": i.p_worse,
                        "p_better": i.p_better,
                    }
                    for i in o.indicators
                ],
            }
            for o in view.objectives
        ],
        "units": [
            {
                "code": c.code,
                "name": c.name,
                "level": c.level,
                "score": c.score,
                "status": c.status.key,
                "completeness": c.completeness,
            }
            for c in view.children
        ],
    }
