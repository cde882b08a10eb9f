"""Two smaller institutions beside the police: ECU 911's zonal centres and Quito's zonal administrations,
each a two-level tree, a short plan and generated figures."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from demo.plan import ALL_MONTHS, FILED_MONTHS, YEAR
from demo.series import Collected, Generator, filing_dates
from scorecard.domain import Frequency, Kind, ObjectiveKind, Polarity
from scorecard.plan_specs import IndicatorSpec, ObjectiveSpec
from scorecard.units import UnitSpec

OK, P, K, F = ObjectiveKind, Polarity, Kind, Frequency


@dataclass(frozen=True)
class Small:
    code: str
    name: str
    levels: list[str]
    units: list[tuple[str, str, int]]  # (code, name, population)
    objectives: tuple[ObjectiveSpec, ...]
    indicators: tuple[IndicatorSpec, ...]
    generators: list[tuple[str, Callable[[Generator, str], Any]]]

    def unit_specs(self) -> list[UnitSpec]:
        root = UnitSpec(self.code, self.name, self.levels[0], None, sum(p for _c, _n, p in self.units), YEAR)
        return [root, *(UnitSpec(c, n, self.levels[1], self.code, p, YEAR) for c, n, p in self.units)]

    def figures(self, rng: np.random.Generator) -> Collected:
        codes = sorted(u.code for u in self.unit_specs())  # the habits are drawn in code order
        g = Generator(rng, {c: p for c, _n, p in self.units}, filing_dates(rng, codes))
        out = Collected()
        for code, fn in self.generators:
            for u, _n, _p in self.units:
                rows, tgt = fn(g, u)
                out.add(code, rows, tgt, g.filed_at)
        return out


def _small(
    code: str, name: str, objective: str, polarity: Polarity, kind: Kind, level: str, **kw: Any
) -> IndicatorSpec:
    return IndicatorSpec(code=code, name=name, objective=objective, polarity=polarity, kind=kind, levels=(level,), **kw)


SMALL: list[Small] = [
    Small(
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
    Small(
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
