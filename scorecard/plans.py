"""Plans: objectives and indicators (the ficha), with effective-dated definitions.

A change to what scores an indicator (kind, polarity, frequency, factor, method, band, baseline, weight,
thresholds, levels, formula) takes effect from a month on as a new :class:`IndicatorVersion`; earlier
months keep being scored with the version that was in force then.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field, replace
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from scorecard import access, view_cache
from scorecard.audit import record
from scorecard.domain import (
    Definition,
    Frequency,
    Kind,
    Method,
    ObjectiveKind,
    Polarity,
    Thresholds,
)
from scorecard.errors import UserError, ValidationFailed
from scorecard.institutions import thresholds_at
from scorecard.models import Indicator, IndicatorVersion, Institution, Objective, Plan
from scorecard.periods import month_of
from scorecard.plan_specs import IndicatorSpec, ObjectiveSpec, PlanSpec, validate_plan

if TYPE_CHECKING:
    from scorecard.evaluate import PlanShape
    from scorecard.store import Store


@dataclass
class PlanChange:
    objectives: int = 0
    indicators: int = 0
    new: int = 0
    changed: int = 0
    new_versions: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {
            "objectives": self.objectives,
            "indicators": self.indicators,
            "new": self.new,
            "changed": self.changed,
            "new_versions": self.new_versions,
        }


# fields of IndicatorVersion that a spec sets (the rest of the ficha lives on Indicator)
VERSION_FIELDS = (
    "kind",
    "polarity",
    "frequency",
    "factor",
    "method",
    "band_min",
    "band_max",
    "baseline",
    "baseline_year",
    "weight",
    "green",
    "yellow",
    "levels",
    "formula",
)
STATIC_FIELDS = ("name", "description", "unit_of_measure", "source", "responsible")


def _version_values(spec: IndicatorSpec, level_names: tuple[str, ...]) -> dict[str, Any]:
    canonical = {lvl.lower(): lvl for lvl in level_names}
    return {
        "kind": spec.kind.value,
        "polarity": spec.polarity.value,
        "frequency": spec.frequency.value,
        "factor": float(spec.factor or 1.0),
        "method": spec.method.value,
        "band_min": spec.band_min,
        "band_max": spec.band_max,
        "baseline": spec.baseline,
        "baseline_year": spec.baseline_year,
        "weight": float(spec.weight),
        "green": spec.green,
        "yellow": spec.yellow,
        "levels": [canonical.get(lvl.lower(), lvl) for lvl in spec.levels],
        "formula": spec.formula,
    }


def _version_of(v: IndicatorVersion) -> dict[str, Any]:
    return {f: getattr(v, f) for f in VERSION_FIELDS}


class Plans:
    def __init__(self, store: Store) -> None:
        self.store = store

    def load(
        self,
        institution: str,
        spec: PlanSpec,
        *,
        effective_from: int | None = None,
        session: Session | None = None,
    ) -> PlanChange:
        """Create or update the institution's plan (all or nothing).

        A changed definition becomes a new version from ``effective_from`` (default: this month); new
        indicators are in force from the start.
        """
        if session is None:
            with self.store.transaction() as s:
                return self.load(institution, spec, effective_from=effective_from, session=s)
        inst = self.store.institution(session, institution)
        access.require_planner(session, self.store.actor, inst.id, "plan.load")
        levels = tuple(inst.level_names)
        problems = validate_plan(spec, levels)
        if problems:
            raise ValidationFailed(problems)
        effective = effective_from or month_of(dt.date.today())
        year = effective // 100
        plan = session.scalar(select(Plan).where(Plan.institution_id == inst.id).order_by(Plan.id))
        if plan is None:
            plan = Plan(
                institution_id=inst.id,
                code="PEI",
                name=spec.name or f"Plan {inst.code}",
                first_year=spec.first_year or year,
                last_year=spec.last_year or year + 3,
            )
            session.add(plan)
            session.flush()
        change = PlanChange(objectives=len(spec.objectives), indicators=len(spec.indicators))
        audit: list[dict[str, Any]] = []
        objectives = self._load_objectives(session, inst, plan, spec.objectives, audit)
        indicators = {
            i.code.upper(): i for i in session.scalars(select(Indicator).where(Indicator.institution_id == inst.id))
        }
        for pos, i in enumerate(spec.indicators):
            static = {f: getattr(i, f) for f in STATIC_FIELDS}
            static["objective_id"] = objectives[i.objective.upper()].id
            static["position"] = pos
            version = _version_values(i, levels)
            row = indicators.get(i.code.upper())
            if row is None:
                row = Indicator(institution_id=inst.id, code=i.code, **static)
                session.add(row)
                session.flush()
                session.add(IndicatorVersion(indicator_id=row.id, valid_from=190001, **version))
                change.new += 1
                audit.append(
                    self._audit("create", "indicator", inst, i.code, None, {**static, **version}, indicator_id=row.id)
                )
                continue
            before_static = {k: getattr(row, k) for k in static}
            if before_static != static:
                for k, v in static.items():
                    setattr(row, k, v)
                audit.append(
                    self._audit("update", "indicator", inst, i.code, before_static, static, indicator_id=row.id)
                )
            if self._redefine(session, inst, row, version, effective, audit):
                change.new_versions.append(i.code)
            if before_static != static or change.new_versions[-1:] == [i.code]:
                change.changed += 1
        record(session, self.store.user, audit)
        if audit:
            view_cache.invalidate(session, inst.id)
        return change

    def _load_objectives(
        self,
        session: Session,
        inst: Institution,
        plan: Plan,
        specs: tuple[ObjectiveSpec, ...],
        audit: list[dict[str, Any]],
    ) -> dict[str, Objective]:
        """Create or update the objectives, then link each to its parent; returns them by upper-case code."""
        objectives = {o.code.upper(): o for o in session.scalars(select(Objective).where(Objective.plan_id == plan.id))}
        for pos, o in enumerate(specs):
            row = objectives.get(o.code.upper())
            values = {
                "name": o.name,
                "kind": o.kind.value,
                "weight": float(o.weight),
                "alignment": o.alignment,
                "position": pos,
            }
            if row is None:
                row = Objective(plan_id=plan.id, code=o.code, **values)
                session.add(row)
                objectives[o.code.upper()] = row
                audit.append(self._audit("create", "objective", inst, o.code, None, values))
                continue
            before = {k: getattr(row, k) for k in values}
            if before != values:
                for k, v in values.items():
                    setattr(row, k, v)
                audit.append(self._audit("update", "objective", inst, o.code, before, values))
        session.flush()
        for o in specs:
            objectives[o.code.upper()].parent_id = objectives[o.parent.upper()].id if o.parent else None
        return objectives

    def _redefine(
        self,
        session: Session,
        inst: Institution,
        row: Indicator,
        version: dict[str, Any],
        effective: int,
        audit: list[dict[str, Any]],
    ) -> bool:
        """A new definition from ``effective`` on, if what scores the indicator changed."""
        in_force = self._version_at(session, row.id, 999912)
        if in_force is not None and _version_of(in_force) == version:
            return False
        same_month = session.scalar(
            select(IndicatorVersion).where(
                IndicatorVersion.indicator_id == row.id, IndicatorVersion.valid_from == effective
            )
        )
        if same_month is not None:
            for k, v in version.items():
                setattr(same_month, k, v)
        else:
            session.add(IndicatorVersion(indicator_id=row.id, valid_from=effective, **version))
        old = _version_of(in_force) if in_force else None
        audit.append(
            self._audit("redefine", "definition", inst, row.code, old, version, indicator_id=row.id, month=effective)
        )
        return True

    @staticmethod
    def _audit(
        action: str, entity: str, inst: Institution, code: str, old: Any, new: Any, **extra: Any
    ) -> dict[str, Any]:
        return {
            "action": action,
            "entity": entity,
            "entity_key": f"{inst.code}/{code}",
            "institution_id": inst.id,
            "old": old,
            "new": new,
            **extra,
        }

    @staticmethod
    def _version_at(session: Session, indicator_id: int, month: int) -> IndicatorVersion | None:
        return session.scalar(
            select(IndicatorVersion)
            .where(IndicatorVersion.indicator_id == indicator_id, IndicatorVersion.valid_from <= month)
            .order_by(IndicatorVersion.valid_from.desc())
            .limit(1)
        )

    # --- reading ---------------------------------------------------------------------------------------

    def spec(self, institution: str) -> PlanSpec:
        """The plan as in force now, in the shape the plan workbook round-trips."""
        with self.store.reading() as s:
            inst = self.store.institution(s, institution)
            plan = s.scalar(select(Plan).where(Plan.institution_id == inst.id).order_by(Plan.id))
            if plan is None:
                return PlanSpec((), ())
            objs = list(
                s.scalars(
                    select(Objective).where(Objective.plan_id == plan.id).order_by(Objective.position, Objective.id)
                )
            )
            code_of = {o.id: o.code for o in objs}
            objectives = tuple(
                ObjectiveSpec(
                    o.code, o.name, ObjectiveKind(o.kind), code_of.get(o.parent_id or -1), o.weight, o.alignment
                )
                for o in objs
            )
            indicators = []
            inds = list(
                s.scalars(
                    select(Indicator)
                    .where(Indicator.institution_id == inst.id)
                    .order_by(Indicator.position, Indicator.id)
                )
            )
            latest = _versions_at(s, [i.id for i in inds], 999912)  # one query, not one per indicator
            for ind in inds:
                v = latest[ind.id]
                indicators.append(
                    IndicatorSpec(
                        code=ind.code,
                        name=ind.name,
                        objective=code_of[ind.objective_id],
                        polarity=Polarity(v.polarity),
                        kind=Kind(v.kind),
                        frequency=Frequency(v.frequency),
                        unit_of_measure=ind.unit_of_measure,
                        factor=v.factor,
                        baseline=v.baseline,
                        baseline_year=v.baseline_year,
                        method=Method(v.method),
                        band_min=v.band_min,
                        band_max=v.band_max,
                        weight=v.weight,
                        green=v.green,
                        yellow=v.yellow,
                        levels=tuple(v.levels),
                        source=ind.source,
                        responsible=ind.responsible,
                        description=ind.description,
                        formula=v.formula,
                    )
                )
            return PlanSpec(objectives, tuple(indicators), plan.name, plan.first_year, plan.last_year)

    def shape(self, session: Session, inst: Institution, month: int) -> tuple[PlanShape, list[Indicator]]:
        """The plan as in force at ``month``: what :func:`scorecard.evaluate.evaluate` scores with."""
        from scorecard.evaluate import ObjectiveShape, PlanShape  # here: pandas only where a plan is scored

        plan = session.scalar(select(Plan).where(Plan.institution_id == inst.id).order_by(Plan.id))
        if plan is None:
            raise UserError("plan.none", institution=inst.code, year=month // 100)
        objs = list(
            session.scalars(
                select(Objective).where(Objective.plan_id == plan.id).order_by(Objective.position, Objective.id)
            )
        )
        index = {o.id: k for k, o in enumerate(objs)}
        objectives = tuple(
            ObjectiveShape(
                o.id,
                o.code,
                o.name,
                ObjectiveKind(o.kind),
                index.get(o.parent_id, -1) if o.parent_id is not None else -1,
                o.weight,
            )
            for o in objs
        )
        inds = list(
            session.scalars(
                select(Indicator).where(Indicator.institution_id == inst.id).order_by(Indicator.position, Indicator.id)
            )
        )
        versions = _versions_at(session, [i.id for i in inds], month)
        lowest = inst.level_names[-1] if inst.level_names else ""
        definitions, objective_of, kept = [], [], []
        for ind in inds:
            v = versions.get(ind.id)
            if v is None:  # not yet defined at that month
                continue
            th = Thresholds(v.green, v.yellow) if v.green is not None and v.yellow is not None else None
            definitions.append(
                Definition(
                    indicator_id=ind.id,
                    code=ind.code,
                    kind=Kind(v.kind),
                    polarity=Polarity(v.polarity),
                    frequency=Frequency(v.frequency),
                    valid_from=v.valid_from,
                    factor=v.factor,
                    method=Method(v.method),
                    band_min=v.band_min,
                    band_max=v.band_max,
                    baseline=v.baseline,
                    baseline_year=v.baseline_year,
                    weight=v.weight,
                    thresholds=th,
                    levels=tuple(v.levels) or (lowest,),
                )
            )
            objective_of.append(index[ind.objective_id])
            kept.append(ind)
        shape = PlanShape(tuple(definitions), tuple(objective_of), objectives, thresholds_at(session, inst, month))
        return shape, kept


def _versions_at(session: Session, indicator_ids: list[int], month: int) -> dict[int, IndicatorVersion]:
    out: dict[int, IndicatorVersion] = {}
    rows = session.scalars(
        select(IndicatorVersion)
        .where(IndicatorVersion.indicator_id.in_(indicator_ids), IndicatorVersion.valid_from <= month)
        .order_by(IndicatorVersion.indicator_id, IndicatorVersion.valid_from)
    )
    for v in rows:
        out[v.indicator_id] = v  # the last one wins: the latest in force
    return out


def spec_as_dict(spec: IndicatorSpec) -> dict[str, Any]:
    return {k: v for k, v in asdict(spec).items() if k != "row"}


__all__ = ["IndicatorSpec", "ObjectiveSpec", "PlanChange", "PlanSpec", "Plans", "replace", "spec_as_dict"]
