"""The demo database: the real police tree and homicides of 2025, a plan covering every kind and polarity,
generated figures for the rest (fixed seed, plausible), and two smaller institutions.

HOM-01 (homicides), HOM-02 (their annualised rate) and FEM-01 (femicides) come from the Ministerio del
Interior register bundled in ``resources/demo``; everything else is generated.  The demo's "today" is
mid-November 2025: January–October are filed, November and December have targets only.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
from sqlalchemy import insert, select

from scorecard import editions as editions_
from scorecard import police, view_cache
from scorecard.domain import Frequency, Kind, Method, ObjectiveKind, Polarity
from scorecard.errors import UserError
from scorecard.figures import ResultRow, TargetRow
from scorecard.models import Indicator, Source, UnitBaseline
from scorecard.periods import add_months, month_key
from scorecard.plans import IndicatorSpec, ObjectiveSpec, PlanSpec
from scorecard.store import Store
from scorecard.units import UnitSpec

YEAR = 2025
FILED_MONTHS = [month_key(YEAR, m) for m in range(1, 11)]
ALL_MONTHS = [month_key(YEAR, m) for m in range(1, 13)]
SEED = 20251115
REGISTER = "mdi_homicidios_intencionales_2025_ene_oct.xlsx"
REGISTER_SOURCE = "mdi"  # the source its indicators name (scorecard.sources)
REGISTER_SOURCE_NAME = "Ministerio del Interior — registro de homicidios intencionales"
REGISTER_INDICATORS = ("HOM-01", "HOM-02", "FEM-01")


def register_path() -> Path:
    return Path(str(resources.files("resources") / "demo" / REGISTER))


@dataclass(frozen=True)
class Event:
    month: int
    subcircuit: str
    kind: str  # tipo_muerte


def read_register(path: Path) -> tuple[list[police.HierarchyRow], list[Event]]:
    """The hierarchy and the events of the bundled register (sheet "1", header in the first row)."""
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_path(str(path))
    rows = book.get_sheet_by_name("1").to_python()
    head = [str(h).strip().lower() for h in rows[0]]
    col = {
        name: head.index(name)
        for name in (
            "tipo_muerte",
            "zona",
            "subzona",
            "distrito",
            "circuito",
            "codigo_subcircuito",
            "subcircuito",
            "fecha_infraccion",
        )
    }
    hierarchy, events = [], []
    for n, r in enumerate(rows[1:], start=2):
        date = r[col["fecha_infraccion"]]
        if not isinstance(date, dt.date):
            date = dt.date.fromisoformat(str(date)[:10])
        code = str(r[col["codigo_subcircuito"]]).strip().upper()
        hierarchy.append(
            police.HierarchyRow(
                str(r[col["zona"]]),
                str(r[col["subzona"]]),
                str(r[col["distrito"]]),
                str(r[col["circuito"]]),
                code,
                str(r[col["subcircuito"]]),
                n,
            )
        )
        events.append(Event(month_key(date.year, date.month), code, str(r[col["tipo_muerte"]]).strip().upper()))
    return hierarchy, events


# --- the police plan --------------------------------------------------------------------------------------

OK = ObjectiveKind
PN_OBJECTIVES = (
    ObjectiveSpec(
        "OE1",
        "Reducir la violencia letal en el territorio nacional",
        OK.STRATEGIC,
        None,
        3,
        "Plan Nacional de Desarrollo — Objetivo 9 (seguridad integral)",
    ),
    ObjectiveSpec("OE1.1", "Fortalecer la capacidad de respuesta policial", OK.OPERATIONAL, "OE1", 1),
    ObjectiveSpec(
        "OE2",
        "Mejorar la investigación y el esclarecimiento de delitos",
        OK.STRATEGIC,
        None,
        2,
        "Plan Nacional de Desarrollo — Objetivo 9",
    ),
    ObjectiveSpec(
        "OE3",
        "Fortalecer la prevención y la participación ciudadana",
        OK.STRATEGIC,
        None,
        2,
        "Plan Nacional de Seguridad Ciudadana — eje de prevención",
    ),
    ObjectiveSpec("OE3.1", "Asegurar la presencia policial preventiva en el territorio", OK.OPERATIONAL, "OE3", 1),
    ObjectiveSpec("OE4", "Reducir los delitos contra la propiedad", OK.STRATEGIC, None, 2),
    ObjectiveSpec("OE5", "Gestionar la institución con eficiencia", OK.STRATEGIC, None, 1),
)

P, K, F = Polarity, Kind, Frequency
SRC_MDI = "Ministerio del Interior — registro de homicidios intencionales"
SRC_PN = "Policía Nacional — sistema David / partes policiales"


def _ind(code: str, name: str, objective: str, polarity: Polarity, kind: Kind, level: str, **kw: Any) -> IndicatorSpec:
    return IndicatorSpec(
        code=code,
        name=name,
        objective=objective,
        polarity=polarity,
        kind=kind,
        levels=(level,),
        responsible=kw.pop("responsible", "Dirección de Planificación"),
        source=kw.pop("source", SRC_PN),
        **kw,
    )


PN_INDICATORS = (
    _ind(
        "HOM-01",
        "Homicidios intencionales",
        "OE1",
        P.LOWER_IS_BETTER,
        K.COUNT,
        "subcircuito",
        unit_of_measure="homicidios",
        source=SRC_MDI,
        weight=3,
        description="Muertes violentas intencionales (asesinato, homicidio, femicidio, sicariato) "
        "registradas en el mes.",
        formula="Número de víctimas de muertes violentas intencionales en el periodo",
    ),
    _ind(
        "HOM-02",
        "Tasa anualizada de homicidios por 100.000 habitantes",
        "OE1",
        P.LOWER_IS_BETTER,
        K.RATIO,
        "subcircuito",
        unit_of_measure="por 100.000 hab.",
        factor=100000,
        source=SRC_MDI,
        weight=2,
        formula="homicidios / (población × meses / 12) × 100.000",
    ),
    _ind(
        "FEM-01",
        "Femicidios",
        "OE1",
        P.LOWER_IS_BETTER,
        K.COUNT,
        "distrito",
        unit_of_measure="víctimas",
        source=SRC_MDI,
    ),
    _ind(
        "RES-01",
        "Tiempo de respuesta a emergencias",
        "OE1.1",
        P.LOWER_IS_BETTER,
        K.AVERAGE,
        "circuito",
        unit_of_measure="minutos",
        green=0.95,
        yellow=0.85,
        source="ECU 911 — despacho de unidades",
        formula="Promedio de minutos entre la asignación del evento y el arribo, ponderado por eventos",
    ),
    _ind(
        "ARM-01", "Armas de fuego incautadas", "OE1.1", P.HIGHER_IS_BETTER, K.COUNT, "distrito", unit_of_measure="armas"
    ),
    _ind(
        "OPE-01",
        "Operativos de control ejecutados",
        "OE1.1",
        P.HIGHER_IS_BETTER,
        K.COUNT,
        "subcircuito",
        unit_of_measure="operativos",
    ),
    _ind(
        "ESC-01",
        "Porcentaje de delitos contra la vida esclarecidos",
        "OE2",
        P.HIGHER_IS_BETTER,
        K.RATIO,
        "distrito",
        frequency=F.QUARTERLY,
        factor=100,
        unit_of_measure="%",
        weight=2,
        formula="casos esclarecidos / casos registrados × 100",
        source="Dirección de Investigación Antidelincuencial",
    ),
    _ind(
        "DET-01",
        "Personas aprehendidas en delito flagrante",
        "OE2",
        P.HIGHER_IS_BETTER,
        K.COUNT,
        "circuito",
        unit_of_measure="personas",
    ),
    _ind(
        "EXT-01",
        "Denuncias de extorsión",
        "OE2",
        P.LOWER_IS_BETTER,
        K.COUNT,
        "distrito",
        unit_of_measure="denuncias",
        source="Fiscalía General del Estado — denuncias",
    ),
    _ind(
        "ASA-01",
        "Asambleas comunitarias de seguridad realizadas",
        "OE3",
        P.HIGHER_IS_BETTER,
        K.COUNT,
        "circuito",
        unit_of_measure="asambleas",
    ),
    _ind(
        "PRE-01",
        "Brigadas barriales activas",
        "OE3",
        P.HIGHER_IS_BETTER,
        K.STOCK,
        "distrito",
        unit_of_measure="brigadas",
        formula="Brigadas activas al cierre del periodo",
    ),
    _ind(
        "CON-01",
        "Confianza ciudadana en la Policía",
        "OE3",
        P.HIGHER_IS_BETTER,
        K.RATIO,
        "zona",
        frequency=F.SEMIANNUAL,
        factor=100,
        unit_of_measure="%",
        source="Encuesta semestral de percepción",
        formula="encuestados con confianza alta o muy alta / encuestados × 100",
    ),
    _ind(
        "PAT-01",
        "Porcentaje del tiempo operativo en patrullaje preventivo",
        "OE3.1",
        P.IN_BAND,
        K.RATIO,
        "distrito",
        factor=100,
        band_min=60,
        band_max=80,
        unit_of_measure="%",
        formula="horas de patrullaje preventivo / horas operativas × 100 (banda 60–80 %)",
    ),
    _ind(
        "EFE-01",
        "Servidores policiales operativos en territorio",
        "OE3.1",
        P.HIGHER_IS_BETTER,
        K.STOCK,
        "distrito",
        unit_of_measure="servidores",
        source="Dirección de Talento Humano",
    ),
    _ind(
        "ROB-01",
        "Robos a personas",
        "OE4",
        P.LOWER_IS_BETTER,
        K.COUNT,
        "distrito",
        method=Method.BASELINE,
        baseline_year=2024,
        unit_of_measure="denuncias",
        weight=2,
        formula="Reducción del 12 % anual respecto de la línea base 2024 (promedio mensual)",
    ),
    _ind("ROB-02", "Robos a domicilios", "OE4", P.LOWER_IS_BETTER, K.COUNT, "distrito", unit_of_measure="denuncias"),
    _ind(
        "VEH-01",
        "Porcentaje de vehículos robados recuperados",
        "OE4",
        P.HIGHER_IS_BETTER,
        K.RATIO,
        "distrito",
        factor=100,
        unit_of_measure="%",
        formula="vehículos recuperados / vehículos robados × 100",
    ),
    _ind(
        "EJE-01",
        "Ejecución presupuestaria",
        "OE5",
        P.HIGHER_IS_BETTER,
        K.RATIO,
        "zona",
        factor=100,
        unit_of_measure="%",
        source="e-SIGEF",
        formula="devengado / codificado del mes × 100",
    ),
    _ind(
        "CAP-01",
        "Servidores policiales capacitados",
        "OE5",
        P.HIGHER_IS_BETTER,
        K.COUNT,
        "zona",
        frequency=F.QUARTERLY,
        unit_of_measure="servidores",
        source="Dirección de Educación",
    ),
    _ind(
        "ATE-01",
        "Tiempo promedio de despacho de denuncias",
        "OE5",
        P.LOWER_IS_BETTER,
        K.AVERAGE,
        "distrito",
        unit_of_measure="días",
        formula="Promedio simple de días por unidad (sin número de casos)",
    ),
)


Series = tuple[list[tuple[str, int, dict[str, float]]], list[tuple[str, int, float]]]


def register_series(at_level: dict[str, list[str]], events: list[Event], pop_of: dict[str, int]) -> dict[str, Series]:
    """HOM-01, HOM-02 and FEM-01 from the register: (unit, month, figure) rows and monthly targets."""
    count = Counter((e.subcircuit, e.month) for e in events)
    out: dict[str, Series] = {}
    for code in ("HOM-01", "HOM-02"):
        rows: list[tuple[str, int, dict[str, float]]] = []
        tgt: list[tuple[str, int, float]] = []
        for u in at_level["subcircuito"]:
            total = sum(count[(u, m)] for m in FILED_MONTHS)
            annual_target = round(total * 12 / 10 * 0.9)  # a 10 % reduction on the year's pace
            den = pop_of[u] / 12  # person-years: the monthly rate is annualised and sums over months
            for m in FILED_MONTHS:
                a = float(count[(u, m)])
                rows.append((u, m, {"value": a} if code == "HOM-01" else {"numerator": a, "denominator": den}))
            for m in ALL_MONTHS:
                t = annual_target / 12
                tgt.append((u, m, t if code == "HOM-01" else round(t / den * 100000, 4)))
        out[code] = (rows, tgt)
    fem = Counter((e.subcircuit[:5], e.month) for e in events if e.kind == "FEMICIDIO")
    rows, tgt = [], []
    for d in at_level["distrito"]:
        total = sum(fem[(d, m)] for m in FILED_MONTHS)
        rows += [(d, m, {"value": float(fem[(d, m)])}) for m in FILED_MONTHS]
        tgt += [(d, m, round(total / 10 * 0.8, 3)) for m in ALL_MONTHS]
    out["FEM-01"] = (rows, tgt)
    return out


class DemoBuilder:
    def __init__(self, store: Store) -> None:
        self.store = store
        self.rng = np.random.default_rng(SEED)

    def build(self) -> dict[str, int]:
        with self.store.transaction() as s:
            from sqlalchemy import select

            from scorecard.models import Institution

            if s.scalar(select(Institution.id).where(Institution.code == police.INSTITUTION)) is not None:
                raise UserError("demo.exists", institution=police.INSTITUTION)
            counts = self._police(s)
            counts["results"] += self._small_institutions(s)
        return counts

    # --- police --------------------------------------------------------------------------------------

    def _with_populations(
        self, specs: list[UnitSpec], events: list[Event]
    ) -> tuple[list[UnitSpec], Counter[str], dict[str, int]]:
        """About 17.6 M people over the subcircuits (more where more happens), summed up the tree."""
        per_sub = Counter(e.subcircuit for e in events)
        subs = [u for u in specs if u.level == "subcircuito"]
        raw = np.sqrt(np.array([per_sub[u.code] + 3.0 for u in subs])) * self.rng.lognormal(0, 0.45, len(subs))
        pops = np.maximum(np.round(raw / raw.sum() * 17_600_000, -1), 1500).astype(int)
        pop_of = {u.code: int(p) for u, p in zip(subs, pops, strict=True)}
        parent = {u.code: u.parent for u in specs}
        totals: Counter[str] = Counter()
        for code, p in pop_of.items():
            node: str | None = code
            while node is not None:
                totals[node] += p
                node = parent[node]
        with_pop = [UnitSpec(u.code, u.name, u.level, u.parent, totals[u.code], YEAR) for u in specs]
        return with_pop, totals, pop_of

    def _police(self, s: Any) -> dict[str, int]:
        hierarchy, events = read_register(register_path())
        specs, issues = police.tree_from_hierarchy(hierarchy)
        if issues:
            raise UserError("demo.register", issues="; ".join(issues[:5]))
        specs, totals, pop_of = self._with_populations(specs, events)
        self.store.units.load(
            police.INSTITUTION, specs, name=police.INSTITUTION_NAME, level_names=police.LEVELS, session=s
        )
        g = _Generator(self.rng, dict(totals), _filing_dates(self.rng, [u.code for u in specs]))
        districts = [u.code for u in specs if u.level == "distrito"]
        # ROB-01 is measured against its 2024 baseline (monthly mean per district; national = their sum)
        rob_base = {u: max(1.0, round(g.size(u) / 100000 * 18 * g.skill(u, 0.25), 1)) for u in districts}
        indicators = tuple(
            replace(i, baseline=round(sum(rob_base.values()), 1)) if i.code == "ROB-01" else i for i in PN_INDICATORS
        )
        self.store.plans.load(
            police.INSTITUTION,
            PlanSpec(PN_OBJECTIVES, indicators, "Plan Estratégico Institucional 2025–2028", 2025, 2028),
            effective_from=190001,
            session=s,
        )
        inst = self.store.institution(s, police.INSTITUTION)
        shape, inds = self.store.plans.shape(s, inst, FILED_MONTHS[-1])
        defs = {d.indicator_id: d for d in shape.definitions}
        ind_id = {i.code: i.id for i in inds}
        units = {u.code: u for u in self.store.units.list(police.INSTITUTION, s)}
        at_level: dict[str, list[str]] = defaultdict(list)
        for spec in specs:
            at_level[spec.level].append(spec.code)

        results: list[ResultRow] = []
        targets: list[TargetRow] = []
        baselines: list[dict[str, Any]] = []

        def add(code: str, rows: list[tuple[str, int, dict[str, float]]], tgt: list[tuple[str, int, float]]) -> None:
            iid = ind_id[code]
            results.extend(result_row(iid, units[u].id, m, v, g.filed_at(u, m)) for u, m, v in rows)
            targets.extend(TargetRow(iid, units[u].id, m, t) for u, m, t in tgt)

        for code, (rows, tgt) in register_series(at_level, events, pop_of).items():
            add(code, rows, tgt)
        district_of = {sub: sub[:5] for sub in at_level["subcircuito"]}
        hom_by_district = Counter((district_of[e.subcircuit], e.month) for e in events)

        # generated indicators: (code, level, generator)
        gen: list[tuple[str, str, Callable[[str], tuple[list[Any], list[Any]]]]] = [
            ("RES-01", "circuito", lambda u: g.average(u, minutes=11.5, spread=2.5, target=10.0, calls=0.004)),
            ("ARM-01", "distrito", lambda u: g.count(u, per_100k=2.2, target_ratio=1.05)),
            ("OPE-01", "subcircuito", lambda u: g.count(u, per_100k=24, target_ratio=1.0)),
            (
                "ESC-01",
                "distrito",
                lambda u: g.ratio(
                    u,
                    den_fn=lambda m: (
                        4 + sum(hom_by_district[(u, k)] for k in (add_months(m, -2), add_months(m, -1), m))
                    ),
                    rate=0.42,
                    target=45.0,
                    months=[m for m in FILED_MONTHS if m % 100 % 3 == 0],
                    quarterly_targets=True,
                ),
            ),
            ("DET-01", "circuito", lambda u: g.count(u, per_100k=9, target_ratio=0.98)),
            ("EXT-01", "distrito", lambda u: g.count(u, per_100k=5.5, target_ratio=0.85)),
            ("ASA-01", "circuito", lambda u: g.count(u, per_100k=6, target_ratio=1.1, floor=1)),
            ("PRE-01", "distrito", lambda u: g.stock(u, per_100k=6, target_ratio=1.08)),
            (
                "CON-01",
                "zona",
                lambda u: g.ratio(
                    u,
                    den_fn=lambda _m: 400 + g.size(u) // 8000,
                    rate=0.38,
                    target=42.0,
                    months=[month_key(YEAR, 6)],
                    semiannual=True,
                ),
            ),
            ("PAT-01", "distrito", lambda u: g.band(u, hours=lambda _m: 2000 + g.size(u) // 60, centre=0.70)),
            ("EFE-01", "distrito", lambda u: g.stock(u, per_100k=160, target_ratio=1.04)),
            ("ROB-02", "distrito", lambda u: g.count(u, per_100k=12, target_ratio=0.9)),
            (
                "VEH-01",
                "distrito",
                lambda u: g.ratio(
                    u, den_fn=lambda _m: 3 + g.size(u) // 9000, rate=0.36, target=40.0, months=FILED_MONTHS
                ),
            ),
            (
                "EJE-01",
                "zona",
                lambda u: g.ratio(
                    u, den_fn=lambda _m: 2_000_000 + g.size(u) * 0.9, rate=0.88, target=92.0, months=FILED_MONTHS
                ),
            ),
            (
                "CAP-01",
                "zona",
                lambda u: g.count(
                    u,
                    per_100k=45,
                    target_ratio=1.0,
                    months=[m for m in FILED_MONTHS if m % 100 % 3 == 0],
                    target_months=[m for m in ALL_MONTHS if m % 100 % 3 == 0],
                ),
            ),
            ("ATE-01", "distrito", lambda u: g.average(u, minutes=6.0, spread=1.8, target=5.0, calls=None)),
        ]
        for code, level, fn in gen:
            rows, tgt = [], []
            for u in at_level[level]:
                r, t = fn(u)
                rows += r
                tgt += t
            add(code, rows, tgt)
        # ROB-01 against its 2024 baseline: −12 % a year
        rows, tgt = [], []
        for u in at_level["distrito"]:
            base = rob_base[u]
            baselines.append({"indicator_id": ind_id["ROB-01"], "unit_id": units[u].id, "value": base, "year": 2024})
            rows += [(u, m, {"value": float(g.rng.poisson(base * 0.9 / g.skill(u, 0.15)))}) for m in FILED_MONTHS]
            tgt += [(u, m, round(base * 0.88, 2)) for m in ALL_MONTHS]
        add("ROB-01", rows, tgt)

        report = self.store.figures.write_results(
            s, inst.id, results, defs, batch_kind="demo", source="demo", file=REGISTER, reason="Datos de demostración"
        )
        self.store.figures.write_targets(s, inst.id, targets, reason="Metas de demostración")
        s.execute(insert(UnitBaseline), baselines)
        self._register_source(s, inst, report.batch, [ind_id[c] for c in REGISTER_INDICATORS])
        view_cache.invalidate(s, inst.id)  # baselines change ROB-01's figures
        return {"units": len(specs), "indicators": len(PN_INDICATORS), "results": report.new}

    def _register_source(self, s: Any, inst: Any, batch: int | None, ids: list[int]) -> None:
        """The register's indicators name their source, and the demo's load is its first edition."""
        s.add(Source(institution_id=inst.id, code=REGISTER_SOURCE, name=REGISTER_SOURCE_NAME))
        for ind in s.scalars(select(Indicator).where(Indicator.id.in_(ids))):
            ind.official_source = REGISTER_SOURCE
        e = editions_.record_edition(s, inst, REGISTER_SOURCE, "demo", REGISTER, batch, ids, FILED_MONTHS, None)
        editions_.log_official(s, e)

    # --- ECU 911 and a municipality --------------------------------------------------------------------

    def _small_institutions(self, s: Any) -> int:
        total = 0
        for inst_code, name, levels, units, objectives, indicators, gens in _SMALL:
            specs = [UnitSpec(inst_code, name, levels[0], None)]
            specs += [UnitSpec(code, uname, levels[1], inst_code, pop, YEAR) for code, uname, pop in units]
            root_pop = sum(p for _c, _n, p in units)
            specs[0] = UnitSpec(inst_code, name, levels[0], None, root_pop, YEAR)
            self.store.units.load(inst_code, specs, name=name, level_names=levels, session=s)
            self.store.plans.load(
                inst_code,
                PlanSpec(objectives, indicators, f"Plan institucional {name}", 2025, 2028),
                effective_from=190001,
                session=s,
            )
            inst = self.store.institution(s, inst_code)
            shape, inds = self.store.plans.shape(s, inst, FILED_MONTHS[-1])
            defs = {d.indicator_id: d for d in shape.definitions}
            ids = {i.code: i.id for i in inds}
            unit_ids = {u.code: u.id for u in self.store.units.list(inst_code, s)}
            g = _Generator(self.rng, {c: p for c, _n, p in units}, _filing_dates(self.rng, list(unit_ids)))
            results, targets = [], []
            for code, fn in gens:
                for u, _n, _p in units:
                    rows, tgt = fn(g, u)
                    results += [result_row(ids[code], unit_ids[uu], m, v, g.filed_at(uu, m)) for uu, m, v in rows]
                    targets += [TargetRow(ids[code], unit_ids[uu], m, t) for uu, m, t in tgt]
            total += self.store.figures.write_results(
                s, inst.id, results, defs, batch_kind="demo", source="demo", reason="Datos de demostración"
            ).new
            self.store.figures.write_targets(s, inst.id, targets, reason="Metas de demostración")
        return total


def result_row(indicator_id: int, unit_id: int, month: int, v: dict[str, float], at: dt.datetime) -> ResultRow:
    return ResultRow(
        indicator_id,
        unit_id,
        month,
        value=v.get("value"),
        numerator=v.get("numerator"),
        denominator=v.get("denominator"),
        observations=v.get("observations"),
        entered_at=at,
    )


def _filing_dates(rng: np.random.Generator, units: list[str]) -> dict[str, float]:
    """Each unit's habit: how many days after month end it usually files."""
    return {u: float(rng.gamma(2.0, 2.2)) for u in units}


class _Generator:
    """Plausible monthly figures for one unit, with a per-unit 'skill' so league tables are not noise."""

    def __init__(self, rng: np.random.Generator, sizes: dict[str, int], habit: dict[str, float]) -> None:
        self.rng = rng
        self.sizes = sizes
        self.habit = habit
        self._skill: dict[str, float] = {}

    def size(self, unit: str) -> int:
        return self.sizes.get(unit, 50_000)

    def skill(self, unit: str, spread: float = 0.12) -> float:
        if unit not in self._skill:
            self._skill[unit] = float(self.rng.lognormal(0, 1))
        return float(np.exp(np.log(self._skill[unit]) * spread))

    def filed_at(self, unit: str, month: int) -> dt.datetime:
        nxt = add_months(month, 1)
        days = self.habit.get(unit, 4.0) + float(self.rng.exponential(1.5))
        return dt.datetime(nxt // 100, nxt % 100, 1, 9) + dt.timedelta(days=days)

    def count(
        self,
        u: str,
        *,
        per_100k: float,
        target_ratio: float,
        floor: float = 0,
        months: list[int] | None = None,
        target_months: list[int] | None = None,
    ) -> tuple[list[Any], list[Any]]:
        expected = max(floor, self.size(u) / 100000 * per_100k)
        k = 3 if months is not None and len(months) < len(FILED_MONTHS) else 1
        rows = [
            (u, m, {"value": float(self.rng.poisson(expected * k * self.skill(u)))}) for m in (months or FILED_MONTHS)
        ]
        tgt = [(u, m, round(expected * k * target_ratio, 2)) for m in (target_months or ALL_MONTHS)]
        return rows, tgt

    def stock(self, u: str, *, per_100k: float, target_ratio: float) -> tuple[list[Any], list[Any]]:
        level = max(1.0, self.size(u) / 100000 * per_100k)
        rows, current = [], level * self.skill(u, 0.08)
        for m in FILED_MONTHS:
            current = max(0.0, current * (1 + float(self.rng.normal(0.004, 0.02))))
            rows.append((u, m, {"value": float(round(current))}))
        return rows, [(u, m, float(round(level * target_ratio))) for m in ALL_MONTHS]

    def average(
        self, u: str, *, minutes: float, spread: float, target: float, calls: float | None
    ) -> tuple[list[Any], list[Any]]:
        mean = minutes / self.skill(u, 0.12)
        rows = []
        for m in FILED_MONTHS:
            v = {"value": round(max(1.0, float(self.rng.normal(mean, spread / 3))), 2)}
            if calls is not None:
                v["observations"] = float(max(1, self.rng.poisson(self.size(u) * calls)))
            rows.append((u, m, v))
        return rows, [(u, m, target) for m in ALL_MONTHS]

    def ratio(
        self,
        u: str,
        *,
        den_fn: Callable[[int], float],
        rate: float,
        target: float,
        months: list[int],
        quarterly_targets: bool = False,
        semiannual: bool = False,
    ) -> tuple[list[Any], list[Any]]:
        p = min(0.98, rate * self.skill(u, 0.15))
        rows = []
        for m in months:
            den = float(max(1, round(den_fn(m))))
            rows.append(
                (
                    u,
                    m,
                    {
                        "numerator": float(self.rng.binomial(int(den), p)) if den < 1e6 else round(den * p, 2),
                        "denominator": den,
                    },
                )
            )
        if semiannual:
            tmonths = [month_key(YEAR, 6), month_key(YEAR, 12)]
        elif quarterly_targets:
            tmonths = [m for m in ALL_MONTHS if m % 100 % 3 == 0]
        else:
            tmonths = ALL_MONTHS
        return rows, [(u, m, target) for m in tmonths]

    def band(self, u: str, *, hours: Callable[[int], float], centre: float) -> tuple[list[Any], list[Any]]:
        bias = (self.skill(u, 0.3) - 1) * 0.25
        rows = []
        for m in FILED_MONTHS:
            den = float(round(hours(m)))
            share = min(0.97, max(0.3, centre + bias + float(self.rng.normal(0, 0.05))))
            rows.append((u, m, {"numerator": float(round(den * share)), "denominator": den}))
        return rows, []


def _small(
    code: str, name: str, objective: str, polarity: Polarity, kind: Kind, level: str, **kw: Any
) -> IndicatorSpec:
    return IndicatorSpec(code=code, name=name, objective=objective, polarity=polarity, kind=kind, levels=(level,), **kw)


_SMALL: list[
    tuple[
        str,
        str,
        list[str],
        list[tuple[str, str, int]],
        tuple[ObjectiveSpec, ...],
        tuple[IndicatorSpec, ...],
        list[tuple[str, Callable[[_Generator, str], Any]]],
    ]
] = [
    (
        "ECU911",
        "Servicio Integrado de Seguridad ECU 911",
        ["nacional", "centro zonal"],
        [
            ("CZ-QUI", "Centro Zonal Quito", 3_300_000),
            ("CZ-GYE", "Centro Zonal Samborondón", 4_100_000),
            ("CZ-CUE", "Centro Zonal Cuenca", 1_300_000),
            ("CZ-AMB", "Centro Zonal Ambato", 1_500_000),
            ("CZ-POR", "Centro Zonal Portoviejo", 1_600_000),
            ("CZ-IBA", "Centro Zonal Ibarra", 900_000),
            ("CZ-MAC", "Centro Zonal Machala", 1_100_000),
            ("CZ-RIO", "Centro Zonal Riobamba", 800_000),
        ],
        (
            ObjectiveSpec("E1", "Atender las emergencias con oportunidad", OK.STRATEGIC, None, 2),
            ObjectiveSpec("E2", "Asegurar la operación de la plataforma de videovigilancia", OK.STRATEGIC, None, 1),
        ),
        (
            _small(
                "E911-01",
                "Tiempo promedio de atención de llamadas",
                "E1",
                P.LOWER_IS_BETTER,
                K.AVERAGE,
                "centro zonal",
                unit_of_measure="segundos",
            ),
            _small(
                "E911-02",
                "Llamadas atendidas en menos de 10 segundos",
                "E1",
                P.HIGHER_IS_BETTER,
                K.RATIO,
                "centro zonal",
                factor=100,
                unit_of_measure="%",
            ),
            _small(
                "E911-03",
                "Llamadas falsas o maliciosas",
                "E1",
                P.LOWER_IS_BETTER,
                K.COUNT,
                "centro zonal",
                unit_of_measure="llamadas",
            ),
            _small(
                "E911-04",
                "Cámaras de videovigilancia operativas",
                "E2",
                P.HIGHER_IS_BETTER,
                K.RATIO,
                "centro zonal",
                factor=100,
                unit_of_measure="%",
            ),
        ),
        [
            ("E911-01", lambda g, u: g.average(u, minutes=9.5, spread=2.0, target=9.0, calls=0.02)),
            (
                "E911-02",
                lambda g, u: g.ratio(
                    u, den_fn=lambda _m: g.size(u) * 0.02, rate=0.86, target=90.0, months=FILED_MONTHS
                ),
            ),
            ("E911-03", lambda g, u: g.count(u, per_100k=120, target_ratio=0.8)),
            (
                "E911-04",
                lambda g, u: g.ratio(
                    u, den_fn=lambda _m: 150 + g.size(u) // 8000, rate=0.9, target=95.0, months=FILED_MONTHS
                ),
            ),
        ],
    ),
    (
        "DMQ",
        "Municipio del Distrito Metropolitano de Quito",
        ["municipio", "administración zonal"],
        [
            ("AZ-CAL", "Administración Zonal Calderón", 220_000),
            ("AZ-ELA", "Administración Zonal Eloy Alfaro", 470_000),
            ("AZ-EES", "Administración Zonal Eugenio Espejo", 430_000),
            ("AZ-LDE", "Administración Zonal La Delicia", 400_000),
            ("AZ-LCH", "Administración Zonal Los Chillos", 190_000),
            ("AZ-MSA", "Administración Zonal Manuela Sáenz", 230_000),
            ("AZ-QUI", "Administración Zonal Quitumbe", 380_000),
            ("AZ-TUM", "Administración Zonal Tumbaco", 110_000),
            ("AZ-AER", "Administración Zonal Aeropuerto", 110_000),
        ],
        (
            ObjectiveSpec("M1", "Recuperar el espacio público para la convivencia segura", OK.STRATEGIC, None, 1),
            ObjectiveSpec("M2", "Fortalecer la organización comunitaria", OK.STRATEGIC, None, 1),
        ),
        (
            _small(
                "DMQ-01",
                "Luminarias reparadas en zonas de riesgo",
                "M1",
                P.HIGHER_IS_BETTER,
                K.COUNT,
                "administración zonal",
                unit_of_measure="luminarias",
            ),
            _small(
                "DMQ-02",
                "Espacios públicos recuperados",
                "M1",
                P.HIGHER_IS_BETTER,
                K.COUNT,
                "administración zonal",
                frequency=F.QUARTERLY,
                unit_of_measure="espacios",
            ),
            _small(
                "DMQ-03",
                "Alarmas comunitarias instaladas",
                "M2",
                P.HIGHER_IS_BETTER,
                K.COUNT,
                "administración zonal",
                unit_of_measure="alarmas",
            ),
        ),
        [
            ("DMQ-01", lambda g, u: g.count(u, per_100k=30, target_ratio=1.05)),
            (
                "DMQ-02",
                lambda g, u: g.count(
                    u,
                    per_100k=1.2,
                    target_ratio=1.1,
                    floor=1,
                    months=[m for m in FILED_MONTHS if m % 100 % 3 == 0],
                    target_months=[m for m in ALL_MONTHS if m % 100 % 3 == 0],
                ),
            ),
            ("DMQ-03", lambda g, u: g.count(u, per_100k=8, target_ratio=1.0)),
        ],
    ),
]


def load_demo(store: Store) -> dict[str, int]:
    from scorecard.collector import no_cycle_collection

    with no_cycle_collection():
        return DemoBuilder(store).build()
