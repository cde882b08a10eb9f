"""What a plan says and whether it is well-formed: the objective and indicator specs that the plan workbook,
the plan editor and the demo produce, and the checks that point each problem to its sheet, row and column.

No database here: :mod:`scorecard.plans` stores a checked spec as effective-dated definitions.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from scorecard.domain import Frequency, Kind, Method, ObjectiveKind, Polarity
from scorecard.errors import Problem

OBJECTIVES_SHEET = "objetivos"
INDICATORS_SHEET = "indicadores"


@dataclass(frozen=True)
class ObjectiveSpec:
    code: str
    name: str
    kind: ObjectiveKind
    parent: str | None = None
    weight: float = 1.0
    alignment: str | None = None
    row: int | None = None


@dataclass(frozen=True)
class IndicatorSpec:
    code: str
    name: str
    objective: str
    polarity: Polarity
    kind: Kind
    frequency: Frequency = Frequency.MONTHLY
    unit_of_measure: str | None = None
    factor: float = 1.0
    baseline: float | None = None
    baseline_year: int | None = None
    method: Method = Method.TARGET
    band_min: float | None = None
    band_max: float | None = None
    weight: float = 1.0
    green: float | None = None
    yellow: float | None = None
    levels: tuple[str, ...] = ()
    source: str | None = None
    responsible: str | None = None
    description: str | None = None
    formula: str | None = None
    row: int | None = None


@dataclass(frozen=True)
class PlanSpec:
    objectives: tuple[ObjectiveSpec, ...]
    indicators: tuple[IndicatorSpec, ...]
    name: str | None = None
    first_year: int | None = None
    last_year: int | None = None


def validate_plan(spec: PlanSpec, level_names: tuple[str, ...]) -> list[Problem]:
    """Every problem of a plan, each with the sheet, row and column of the plan workbook it points to."""
    kinds: dict[str, ObjectiveKind] = {}
    problems = _objective_problems(spec.objectives, kinds)
    seen: set[str] = set()
    for i in spec.indicators:
        if i.code.upper() in seen:
            problems.append(_at(i.row, "codigo", "plan.duplicate", value=i.code))
        seen.add(i.code.upper())
        problems += _indicator_problems(i, kinds, level_names)
    return problems


def _at(row: int | None, column: str, message_id: str, sheet: str = INDICATORS_SHEET, **params: Any) -> Problem:
    return Problem(message_id, sheet=sheet, row=row, column=column, **params)


def _objective_problems(objectives: tuple[ObjectiveSpec, ...], kinds: dict[str, ObjectiveKind]) -> list[Problem]:
    """Problems of the objectives sheet; fills ``kinds`` (code → kind) for the indicators' checks."""
    problems: list[Problem] = []
    sheet = OBJECTIVES_SHEET
    for o in objectives:
        if o.code.upper() in kinds:
            problems.append(_at(o.row, "codigo", "plan.duplicate", sheet, value=o.code))
        kinds[o.code.upper()] = o.kind
        if not o.name:
            problems.append(_at(o.row, "nombre", "cell.required", sheet))
        if o.weight < 0:
            problems.append(_at(o.row, "peso", "cell.negative", sheet, value=o.weight))
    for o in objectives:
        if o.kind is ObjectiveKind.STRATEGIC and o.parent:
            problems.append(_at(o.row, "padre", "plan.strategic_with_parent", sheet, value=o.parent))
        elif o.kind is ObjectiveKind.OPERATIONAL and not o.parent:
            problems.append(_at(o.row, "padre", "plan.operational_without_parent", sheet))
        elif o.kind is ObjectiveKind.OPERATIONAL and o.parent and o.parent.upper() not in kinds:
            problems.append(_at(o.row, "padre", "plan.objective_unknown", sheet, value=o.parent))
        elif (
            o.kind is ObjectiveKind.OPERATIONAL and o.parent and kinds[o.parent.upper()] is not ObjectiveKind.STRATEGIC
        ):
            problems.append(_at(o.row, "padre", "plan.parent_not_strategic", sheet, value=o.parent))
    return problems


def thresholds_invalid(green: float | None, yellow: float | None) -> bool:
    """The thresholds rule, for an indicator's and an institution's: both or none, 0 ≤ yellow ≤ green."""
    one_threshold = (green is None) != (yellow is None)
    return one_threshold or (green is not None and yellow is not None and not 0 <= yellow <= green)


def _indicator_problems(
    i: IndicatorSpec, kinds: dict[str, ObjectiveKind], level_names: tuple[str, ...]
) -> list[Problem]:
    problems: list[Problem] = []
    if not i.name:
        problems.append(_at(i.row, "nombre", "cell.required"))
    if i.objective.upper() not in kinds:
        problems.append(_at(i.row, "objetivo", "plan.objective_unknown", value=i.objective))
    if i.weight < 0:
        problems.append(_at(i.row, "peso", "cell.negative", value=i.weight))
    if i.kind is Kind.RATIO and not (i.factor and i.factor > 0):
        problems.append(_at(i.row, "factor", "plan.ratio_factor", value=i.factor))
    if i.polarity is Polarity.IN_BAND and (i.band_min is None or i.band_max is None or i.band_min > i.band_max):
        problems.append(_at(i.row, "banda_min", "plan.band", value=f"{i.band_min} – {i.band_max}"))
    if i.method is Method.BASELINE and i.baseline is None:
        problems.append(_at(i.row, "linea_base", "plan.baseline"))
    if thresholds_invalid(i.green, i.yellow):
        problems.append(_at(i.row, "umbral_verde", "plan.thresholds", green=i.green, yellow=i.yellow))
    known = {lvl.lower() for lvl in level_names}
    for lvl in i.levels:
        if level_names and lvl.lower() not in known:
            problems.append(_at(i.row, "niveles", "plan.level_unknown", value=lvl, options=", ".join(level_names)))
    return problems
