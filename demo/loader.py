"""The demo database built through the front door: the files a user would bring, loaded by the importers.

The police: a units sheet (the register's tree with populations), the plan workbook, the targets and the
generated results as long tables, then the bundled register with its mapping ``mdi-homicidios`` as source
``mdi`` (its first edition).  ECU 911 and Quito's municipality: a units sheet, a plan workbook and long
tables each.  What no importer covers goes through the core: the sources declared, ROB-01's unit
baselines, and the day each figure was filed (the demo's history; an import files today).

Several transactions, as a user's imports are: a demo that fails half-way is a database to delete, which
``init --demo`` made a moment ago.
"""

from __future__ import annotations

import tempfile
from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
from sqlalchemy import bindparam, insert, select, update

from demo import files
from demo.plan import (
    PLAN_NAME,
    PLAN_YEARS,
    PN_INDICATORS,
    PN_OBJECTIVES,
    REGISTER_INDICATORS,
    REGISTER_MAPPING,
    REGISTER_SOURCE,
    REGISTER_SOURCE_NAME,
    SEED,
    register_path,
)
from demo.series import Collected, police_series
from demo.small import SMALL
from exports.plan_workbook import write_plan
from importers import register
from importers.figures_import import import_figures
from importers.plan_workbook import read_plan
from importers.units_sheet import read_units
from scorecard import police, view_cache
from scorecard.errors import Problem, UserError, ValidationFailed
from scorecard.models import Indicator, Institution, Result, Unit, UnitBaseline, table_of
from scorecard.plan_specs import PlanSpec
from scorecard.store import Store

EFFECTIVE_FROM = 190001  # the plan's definitions hold for all the history
KIND_OF_DEATH = "tipo_muerte"  # the register's column FEM-01 filters on
T = TypeVar("T")


def _read(reader: Callable[[Path], tuple[T, list[Problem]]], path: Path) -> T:
    value, problems = reader(path)
    if problems:
        raise ValidationFailed(problems)
    return value


class DemoBuilder:
    def __init__(self, store: Store) -> None:
        self.store = store
        self.rng = np.random.default_rng(SEED)

    def build(self) -> dict[str, int]:
        with self.store.reading() as s:
            if s.scalar(select(Institution.id).where(Institution.code == police.INSTITUTION)) is not None:
                raise UserError("demo.exists", institution=police.INSTITUTION)
        with tempfile.TemporaryDirectory(prefix="gpr-demo-") as tmp:
            folder = Path(tmp)
            counts = self._police(folder)
            for small in SMALL:
                counts["results"] += self._institution(
                    folder, small.code, small.name, small.levels, small.unit_specs(),
                    PlanSpec(small.objectives, small.indicators, f"Plan institucional {small.name}", 2025, 2028),
                    small.figures(self.rng),
                )  # fmt: skip
        return counts

    def _police(self, folder: Path) -> dict[str, int]:
        path = register_path()
        mapping = register.mapping(REGISTER_MAPPING)
        # the register as the importer reads it, each event's kind of death kept (FEM-01 counts femicides)
        every = register.extract(path, replace(mapping, key_columns=(KIND_OF_DEATH,)))
        if every.problems:
            raise ValidationFailed(every.problems)
        femicides: Counter[tuple[str, int]] = Counter(
            (code, month) for code, month, kind, _row in every.events if kind.strip().upper() == "FEMICIDIO"
        )
        specs, issues = police.tree_from_hierarchy(every.hierarchy)
        if issues:
            raise UserError("demo.register", issues="; ".join(issues[:5]))
        series = police_series(self.rng, specs, every.counts, femicides)
        indicators = tuple(
            replace(i, baseline=round(sum(series.rob_base.values()), 1)) if i.code == "ROB-01" else i
            for i in PN_INDICATORS
        )
        results = series.figures.results
        generated = [r for r in results if r[0] not in REGISTER_INDICATORS]
        new = self._institution(
            folder, police.INSTITUTION, police.INSTITUTION_NAME, police.LEVELS, series.units,
            PlanSpec(PN_OBJECTIVES, indicators, PLAN_NAME, *PLAN_YEARS),
            Collected(generated, series.figures.targets),
        )  # fmt: skip
        # the register's source, named before its import so that the import is its first edition (HOM-01);
        # the figures derived from it (the rate, the femicides by district) are its second, as a long table
        self.store.sources.add(
            police.INSTITUTION, REGISTER_SOURCE, REGISTER_SOURCE_NAME, official_for=REGISTER_INDICATORS
        )
        report = register.import_register(self.store, path, police.INSTITUTION, mapping, source=REGISTER_SOURCE)
        derived = [r for r in results if r[0] in REGISTER_INDICATORS and r[0] != mapping.indicator]
        table = files.results_table(folder / f"{police.INSTITUTION}-{REGISTER_SOURCE}.xlsx", derived)
        more = import_figures(self.store, table, police.INSTITUTION, source=REGISTER_SOURCE)
        with self.store.transaction() as s:
            inst = self.store.institution(s, police.INSTITUTION)
            ids = self._ids(s, inst)
            _filed_on(s, ids, [r for r in results if r[0] in REGISTER_INDICATORS])
            s.execute(
                insert(UnitBaseline),
                [
                    {"indicator_id": ids[0]["ROB-01"], "unit_id": ids[1][u], "value": base, "year": 2024}
                    for u, base in series.rob_base.items()
                ],
            )
            view_cache.invalidate(s, inst.id)  # baselines change ROB-01's figures
        total = new + int(report["new"]) + int(more["new"])
        return {"units": len(series.units), "indicators": len(PN_INDICATORS), "results": total}

    def _institution(
        self,
        folder: Path,
        code: str,
        name: str,
        levels: list[str],
        units: list[Any],
        plan: PlanSpec,
        figures: Collected,
    ) -> int:
        """One institution's tree, plan, targets and results through the importers; the results' new rows."""
        tree = _read(read_units, files.units_sheet(folder / f"{code}-unidades.xlsx", units))
        self.store.units.load(code, tree, name=name, level_names=levels)
        write_plan(plan, folder / f"{code}-plan.xlsx")
        read = _read(read_plan, folder / f"{code}-plan.xlsx")
        self.store.plans.load(
            code,
            replace(read, name=plan.name, first_year=plan.first_year, last_year=plan.last_year),
            effective_from=EFFECTIVE_FROM,
        )
        import_figures(self.store, files.targets_table(folder / f"{code}-metas.xlsx", figures.targets), code)
        out = import_figures(self.store, files.results_table(folder / f"{code}-resultados.xlsx", figures.results), code)
        with self.store.transaction() as s:
            _filed_on(s, self._ids(s, self.store.institution(s, code)), figures.results)
        return int(out["new"])

    @staticmethod
    def _ids(s: Any, inst: Institution) -> tuple[dict[str, int], dict[str, int]]:
        indicators = {
            r.code: r.id
            for r in s.execute(select(Indicator.code, Indicator.id).where(Indicator.institution_id == inst.id))
        }
        units = {r.code: r.id for r in s.execute(select(Unit.code, Unit.id).where(Unit.institution_id == inst.id))}
        return indicators, units


def _filed_on(s: Any, ids: tuple[dict[str, int], dict[str, int]], results: list[Any]) -> None:
    """The day each result was filed: the demo's history (an import files its figures today).  No store
    sets it after the fact, so the demo does, as the bulk loaders of history the core allows for."""
    if not results:
        return
    table = table_of(Result)
    c = table.c
    s.execute(
        update(table)
        .where(c.indicator_id == bindparam("b_i"), c.unit_id == bindparam("b_u"), c.month == bindparam("b_m"))
        .values(entered_at=bindparam("b_at")),
        [{"b_i": ids[0][code], "b_u": ids[1][u], "b_m": m, "b_at": at} for code, u, m, _v, at in results],
    )


def load_demo(store: Store) -> dict[str, int]:
    from scorecard.collector import no_cycle_collection

    with no_cycle_collection():
        return DemoBuilder(store).build()


def build_new_file(path: Path, lang: str = "es") -> dict[str, int]:
    """The demo as a new SQLite file at ``path``: built beside it and moved there whole.  The demo loads as a
    user's imports do, one transaction each, and a build cut short (a first start closed half-way, a killed
    ``init --demo``) must not leave a half demo where the next start would open it."""
    import contextlib
    import sqlite3

    building = path.with_name(path.name + ".building")
    for leftover in (building, *(building.with_name(building.name + s) for s in ("-wal", "-shm", "-journal"))):
        leftover.unlink(missing_ok=True)
    store = Store.open(building, create=True, lang=lang)
    try:
        loaded = load_demo(store)
    finally:
        store.close()
    with contextlib.closing(sqlite3.connect(building)) as folded:  # the write-ahead log into the file
        folded.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    building.replace(path)
    return loaded
