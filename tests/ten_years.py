"""Ten years (2016–2025) of monthly history for the small institution of tests/builders.py.

The figures are plain functions of (unit, year, month), so tests can add them up by hand.  Two holes
on purpose: circuit 17D06C11 (alone under 17D06, alone under Z9) filed nothing in 2024, and nobody filed
after October 2025.
"""

from __future__ import annotations

from scorecard.figures import ResultRow, TargetRow
from scorecard.periods import month_key
from scorecard.store import Store
from tests.builders import ids, load_small

YEARS = range(2016, 2026)
CIRCUITS = ("09D08C04", "09D08C06", "09D01C01", "17D06C11")
DISTRICTS = ("09D08", "09D01", "17D06")
POPULATION = {"09D08": 300_000, "09D01": 200_000, "17D06": 500_000}
LAST_MONTH = 202510


def filed(year: int, month: int) -> bool:
    return month_key(year, month) <= LAST_MONTH


def homicides(circuit: str, year: int, month: int) -> int | None:
    """HOM-01 (a count) of a circuit in a month; None where nothing was filed."""
    if not filed(year, month) or (circuit == "17D06C11" and year == 2024):
        return None
    return (3 * CIRCUITS.index(circuit) + 2 * (year - 2016) + month) % 7


def homicide_target(circuit: str, year: int, month: int) -> int:
    """Every month of every year has a target, the future included: 4 in even years, 3 in odd ones."""
    return 4 if year % 2 == 0 else 3


def murders(district: str, year: int, month: int) -> int | None:
    """TAS-01's numerator (its denominator is the district's population)."""
    if not filed(year, month):
        return None
    return (DISTRICTS.index(district) + year - 2016 + month) % 5 + 1


def load_ten_years(store: Store) -> None:
    load_small(store, figures=False)
    u, i = ids(store)
    results, targets = [], []
    for year in YEARS:
        for month in range(1, 13):
            key = month_key(year, month)
            for c in CIRCUITS:
                targets.append(TargetRow(i["HOM-01"], u[c], key, homicide_target(c, year, month)))
                value = homicides(c, year, month)
                if value is not None:
                    results.append(ResultRow(i["HOM-01"], u[c], key, value))
            for d in DISTRICTS:
                n = murders(d, year, month)
                if n is not None:
                    results.append(ResultRow(i["TAS-01"], u[d], key, numerator=n, denominator=POPULATION[d]))
    with store.transaction() as s:
        inst = store.institution(s, "PN")
        shape, _ = store.plans.shape(s, inst, LAST_MONTH)
        defs = {d.indicator_id: d for d in shape.definitions}
        store.figures.write_results(s, inst.id, results, defs)
        store.figures.write_targets(s, inst.id, targets)
