"""The police plan of the demo (Policía Nacional): objectives, indicators, and the demo's calendar.

HOM-01 (homicides), HOM-02 (their annualised rate) and FEM-01 (femicides) come from the Ministerio del
Interior register bundled in ``resources/demo``; everything else is generated (:mod:`demo.series`).  The
demo's "today" is mid-November 2025: January–October are filed, November and December have targets only.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any

from scorecard.domain import Frequency, Kind, Method, ObjectiveKind, Polarity
from scorecard.periods import month_key
from scorecard.plan_specs import IndicatorSpec, ObjectiveSpec

YEAR = 2025
FILED_MONTHS = [month_key(YEAR, m) for m in range(1, 11)]
ALL_MONTHS = [month_key(YEAR, m) for m in range(1, 13)]
SEED = 20251115
REGISTER = "mdi_homicidios_intencionales_2025_ene_oct.xlsx"
REGISTER_MAPPING = "mdi-homicidios"  # importers.register's bundled mapping
REGISTER_SOURCE = "mdi"  # the source its indicators name (scorecard.sources)
REGISTER_SOURCE_NAME = "Ministerio del Interior — registro de homicidios intencionales"
REGISTER_INDICATORS = ("HOM-01", "HOM-02", "FEM-01")
PLAN_NAME = "Plan Estratégico Institucional 2025–2028"
PLAN_YEARS = (2025, 2028)


def register_path() -> Path:
    return Path(str(resources.files("resources") / "demo" / REGISTER))


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
