"""Small, explicit institutions for tests (the demo is for end-to-end tests)."""

from __future__ import annotations

from scorecard.domain import Frequency, Kind, Method, ObjectiveKind, Polarity
from scorecard.figures import ResultRow, TargetRow
from scorecard.plan_specs import IndicatorSpec, ObjectiveSpec, PlanSpec
from scorecard.store import Store
from scorecard.units import UnitSpec

LEVELS = ["nacional", "zona", "distrito", "circuito"]

TREE = [
    UnitSpec("PN", "Policía Nacional", "nacional", None),
    UnitSpec("Z8", "Zona 8", "zona", "PN"),
    UnitSpec("Z9", "Zona 9", "zona", "PN"),
    UnitSpec("09D08", "Nueva Prosperina", "distrito", "Z8", population=300_000, year=2025),
    UnitSpec("09D01", "Sur", "distrito", "Z8", population=200_000, year=2025),
    UnitSpec("17D06", "Eloy Alfaro", "distrito", "Z9", population=500_000, year=2025),
    UnitSpec("09D08C04", "Flor de Bastión", "circuito", "09D08"),
    UnitSpec("09D08C06", "Nuevo Guayaquil", "circuito", "09D08"),
    UnitSpec("09D01C01", "Guasmo", "circuito", "09D01"),
    UnitSpec("17D06C11", "Ferroviaria", "circuito", "17D06"),
]

PLAN = PlanSpec(
    objectives=(
        ObjectiveSpec("OE1", "Reducir la violencia", ObjectiveKind.STRATEGIC, None, 2),
        ObjectiveSpec("OE1.1", "Responder a tiempo", ObjectiveKind.OPERATIONAL, "OE1", 1),
        ObjectiveSpec("OE2", "Prevenir", ObjectiveKind.STRATEGIC, None, 1),
    ),
    indicators=(
        IndicatorSpec(
            "HOM-01", "Homicidios", "OE1", Polarity.LOWER_IS_BETTER, Kind.COUNT, levels=("circuito",), weight=2
        ),
        IndicatorSpec(
            "TAS-01",
            "Tasa de homicidios",
            "OE1",
            Polarity.LOWER_IS_BETTER,
            Kind.RATIO,
            factor=100_000,
            levels=("distrito",),
        ),
        IndicatorSpec(
            "RES-01",
            "Tiempo de respuesta",
            "OE1.1",
            Polarity.LOWER_IS_BETTER,
            Kind.AVERAGE,
            levels=("circuito",),
            green=0.95,
            yellow=0.85,
        ),
        IndicatorSpec(
            "PAT-01",
            "Patrullaje preventivo",
            "OE2",
            Polarity.IN_BAND,
            Kind.RATIO,
            factor=100,
            band_min=60,
            band_max=80,
            levels=("distrito",),
        ),
        IndicatorSpec("BRI-01", "Brigadas activas", "OE2", Polarity.HIGHER_IS_BETTER, Kind.STOCK, levels=("distrito",)),
        IndicatorSpec(
            "ESC-01",
            "Casos esclarecidos",
            "OE2",
            Polarity.HIGHER_IS_BETTER,
            Kind.COUNT,
            frequency=Frequency.QUARTERLY,
            levels=("zona",),
        ),
        IndicatorSpec(
            "ROB-01",
            "Robos",
            "OE2",
            Polarity.LOWER_IS_BETTER,
            Kind.COUNT,
            method=Method.BASELINE,
            baseline=100,
            baseline_year=2024,
            levels=("distrito",),
        ),
    ),
    name="Plan de prueba",
    first_year=2025,
    last_year=2028,
)


def load_small(store: Store, *, figures: bool = True) -> None:
    store.units.load("PN", TREE, name="Policía Nacional", level_names=LEVELS)
    store.plans.load("PN", PLAN, effective_from=190001)
    if figures:
        file_month(store, 202501)


def ids(store: Store) -> tuple[dict[str, int], dict[str, int]]:
    from sqlalchemy import select

    from scorecard.models import Indicator

    units = {u.code: u.id for u in store.units.list("PN")}
    with store.reading() as s:
        inds = {code: iid for code, iid in s.execute(select(Indicator.code, Indicator.id)).all()}
    return units, inds


def file_month(store: Store, month: int) -> None:
    """A hand-computable month: see tests/core/test_scoring.py for the expected figures."""
    u, i = ids(store)
    results = [
        ResultRow(i["HOM-01"], u["09D08C04"], month, 6),
        ResultRow(i["HOM-01"], u["09D08C06"], month, 2),
        ResultRow(i["HOM-01"], u["09D01C01"], month, 4),
        ResultRow(i["HOM-01"], u["17D06C11"], month, 0),
        ResultRow(i["TAS-01"], u["09D08"], month, numerator=8, denominator=300_000),
        ResultRow(i["TAS-01"], u["09D01"], month, numerator=4, denominator=200_000),
        ResultRow(i["TAS-01"], u["17D06"], month, numerator=0, denominator=500_000),
        ResultRow(i["RES-01"], u["09D08C04"], month, 12, observations=30),
        ResultRow(i["RES-01"], u["09D08C06"], month, 8, observations=10),
        ResultRow(i["PAT-01"], u["09D08"], month, numerator=700, denominator=1000),
        ResultRow(i["PAT-01"], u["09D01"], month, numerator=500, denominator=1000),
        ResultRow(i["BRI-01"], u["09D08"], month, 10),
        ResultRow(i["BRI-01"], u["09D01"], month, 5),
        ResultRow(i["ROB-01"], u["09D08"], month, 40),
        ResultRow(i["ROB-01"], u["09D01"], month, 30),
        ResultRow(i["ROB-01"], u["17D06"], month, 24),
    ]
    targets = [
        TargetRow(i["HOM-01"], u["09D08C04"], month, 5),
        TargetRow(i["HOM-01"], u["09D08C06"], month, 3),
        TargetRow(i["HOM-01"], u["09D01C01"], month, 2),
        TargetRow(i["HOM-01"], u["17D06C11"], month, 1),
        TargetRow(i["TAS-01"], u["09D08"], month, 2.0),
        TargetRow(i["TAS-01"], u["09D01"], month, 2.0),
        TargetRow(i["TAS-01"], u["17D06"], month, 0.5),
        TargetRow(i["RES-01"], u["09D08C04"], month, 10),
        TargetRow(i["RES-01"], u["09D08C06"], month, 10),
        TargetRow(i["BRI-01"], u["09D08"], month, 12),
        TargetRow(i["BRI-01"], u["09D01"], month, 5),
        TargetRow(i["ROB-01"], u["09D08"], month, 35),
        TargetRow(i["ROB-01"], u["09D01"], month, 30),
        TargetRow(i["ROB-01"], u["17D06"], month, 23),
    ]
    with store.transaction() as s:
        inst = store.institution(s, "PN")
        shape, _ = store.plans.shape(s, inst, month)
        defs = {d.indicator_id: d for d in shape.definitions}
        store.figures.write_results(s, inst.id, results, defs)
        store.figures.write_targets(s, inst.id, targets)
