"""Memoised scorecards of large units.

The scorecard of the national root reads every figure of the country (≈ 76 k results and as many targets
for one month of a national year: ~170 ms of SQLite reading alone).  For units with many units below them
the finished :class:`ScorecardView` is therefore kept per period, computed by the same
:func:`scorecard.evaluate.evaluate` over the whole institution, so the cache cannot compute differently
from the live path — only be stale.  Staleness is prevented by deleting an institution's entries in the
same transaction as every write that can change a figure: results, targets, baselines, units, the plan.
Any new write path in the core must call :func:`invalidate` (tests check the existing ones).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from scorecard.domain import (
    IndicatorLine,
    Kind,
    ObjectiveKind,
    ObjectiveLine,
    Polarity,
    ScorecardView,
    Status,
    UnitLine,
)
from scorecard.models import ScorecardCache, UnitClosure, table_of

# units with at least this many units in their subtree (themselves included) are served from the cache
LARGE_SUBTREE = 100


def invalidate(session: Session, institution_id: int) -> None:
    session.execute(delete(ScorecardCache).where(ScorecardCache.institution_id == institution_id))


def subtree_size(session: Session, unit_id: int) -> int:
    return int(session.scalar(select(func.count()).where(UnitClosure.ancestor_id == unit_id)) or 0)


def load(session: Session, institution_id: int, period: str, ytd: bool, unit_id: int) -> ScorecardView | None:
    payload = session.scalar(
        select(ScorecardCache.payload).where(
            ScorecardCache.institution_id == institution_id,
            ScorecardCache.period == period,
            ScorecardCache.ytd == ytd,
            ScorecardCache.unit_id == unit_id,
        )
    )
    return None if payload is None else view_from_dict(payload)


def store(session: Session, institution_id: int, period: str, ytd: bool, views: dict[int, ScorecardView]) -> None:
    """Keep views; an entry another session wrote meanwhile is left as it is (it holds the same figures)."""
    if not views:
        return
    rows = [
        {"institution_id": institution_id, "period": period, "ytd": ytd, "unit_id": uid, "payload": view_to_dict(v)}
        for uid, v in views.items()
    ]
    table = table_of(ScorecardCache)
    stmt: Any = (pg_insert if session.bind and session.bind.dialect.name == "postgresql" else sqlite_insert)(table)
    session.execute(stmt.on_conflict_do_nothing(), rows)


# --- views to JSON and back ------------------------------------------------------------------------------


def view_to_dict(v: ScorecardView) -> dict[str, Any]:
    return {
        "institution": v.institution,
        "unit_code": v.unit_code,
        "unit_name": v.unit_name,
        "period": v.period,
        "ytd": v.ytd,
        "score": v.score,
        "status": v.status.key,
        "indicators_scored": v.indicators_scored,
        "indicators_total": v.indicators_total,
        "status_counts": v.status_counts,
        "completeness": v.completeness,
        "timeliness": v.timeliness,
        "results_due": v.results_due,
        "results_filed": v.results_filed,
        "results_on_time": v.results_on_time,
        "objectives": [
            {
                "objective_id": o.objective_id,
                "code": o.code,
                "name": o.name,
                "kind": o.kind.value,
                "parent_code": o.parent_code,
                "weight": o.weight,
                "score": o.score,
                "status": o.status.key,
                "indicators_scored": o.indicators_scored,
                "indicators_total": o.indicators_total,
                "indicators": [
                    {
                        "indicator_id": i.indicator_id,
                        "code": i.code,
                        "name": i.name,
                        "kind": i.kind.value,
                        "polarity": i.polarity.value,
                        "unit_of_measure": i.unit_of_measure,
                        "value": i.value,
                        "target": i.target,
                        "band": list(i.band) if i.band else None,
                        "numerator": i.numerator,
                        "denominator": i.denominator,
                        "performance": i.performance,
                        "status": i.status.key,
                        "weight": i.weight,
                    }
                    for i in o.indicators
                ],
            }
            for o in v.objectives
        ],
        "children": [
            {
                "unit_id": c.unit_id,
                "code": c.code,
                "name": c.name,
                "level": c.level,
                "score": c.score,
                "status": c.status.key,
                "indicators_scored": c.indicators_scored,
                "indicators_total": c.indicators_total,
                "completeness": c.completeness,
            }
            for c in v.children
        ],
    }


def view_from_dict(d: dict[str, Any]) -> ScorecardView:
    objectives = tuple(
        ObjectiveLine(
            objective_id=o["objective_id"],
            code=o["code"],
            name=o["name"],
            kind=ObjectiveKind(o["kind"]),
            parent_code=o["parent_code"],
            weight=o["weight"],
            score=o["score"],
            status=Status.from_key(o["status"]),
            indicators_scored=o["indicators_scored"],
            indicators_total=o["indicators_total"],
            indicators=tuple(
                IndicatorLine(
                    indicator_id=i["indicator_id"],
                    code=i["code"],
                    name=i["name"],
                    kind=Kind(i["kind"]),
                    polarity=Polarity(i["polarity"]),
                    unit_of_measure=i["unit_of_measure"],
                    value=i["value"],
                    target=i["target"],
                    band=(i["band"][0], i["band"][1]) if i["band"] else None,
                    numerator=i["numerator"],
                    denominator=i["denominator"],
                    performance=i["performance"],
                    status=Status.from_key(i["status"]),
                    weight=i["weight"],
                )
                for i in o["indicators"]
            ),
        )
        for o in d["objectives"]
    )
    children = tuple(
        UnitLine(
            unit_id=c["unit_id"],
            code=c["code"],
            name=c["name"],
            level=c["level"],
            score=c["score"],
            status=Status.from_key(c["status"]),
            indicators_scored=c["indicators_scored"],
            indicators_total=c["indicators_total"],
            completeness=c["completeness"],
        )
        for c in d["children"]
    )
    return ScorecardView(
        institution=d["institution"],
        unit_code=d["unit_code"],
        unit_name=d["unit_name"],
        period=d["period"],
        ytd=d["ytd"],
        score=d["score"],
        status=Status.from_key(d["status"]),
        indicators_scored=d["indicators_scored"],
        indicators_total=d["indicators_total"],
        status_counts=dict(d["status_counts"]),
        completeness=d["completeness"],
        timeliness=d["timeliness"],
        results_due=d["results_due"],
        results_filed=d["results_filed"],
        results_on_time=d["results_on_time"],
        objectives=objectives,
        children=children,
    )
