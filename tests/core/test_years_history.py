"""Every year of an indicator (the indicator sheet's multi-year chart) on ten years of history
(tests/ten_years.py), the totals added up here by hand."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pytest

from scorecard.store import Store
from scorecard.years_history import years_history
from tests.builders import PLAN
from tests.ten_years import homicide_target, homicides, load_ten_years, murders

ZONE = ("09D08C04", "09D08C06", "09D01C01")  # the circuits of zone 8


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    path = tmp_path_factory.mktemp("years") / "ten.sqlite"
    load_ten_years(Store.open(path, create=True))
    return Store.open(path)


def test_monthly_and_annual_figures_of_a_zone(store: Store) -> None:
    h = years_history(store, "PN", "2025-10", "HOM-01", "Z8")
    assert h.years == tuple(range(2016, 2026)) and h.unit_codes == ("Z8", "09D01", "09D08")
    for year in (2016, 2020, 2024):
        for month in (1, 7, 12):
            assert h.monthly_value[0, year - 2016, month - 1] == sum(homicides(c, year, month) or 0 for c in ZONE)
        assert h.annual_value[0, year - 2016] == sum(homicides(c, year, m) or 0 for c in ZONE for m in range(1, 13))
        assert h.annual_target[0, year - 2016] == 3 * 12 * homicide_target("", year, 1)
    # 2025 to October: its year to date, against ten months of targets
    assert h.annual_value[0, -1] == sum(homicides(c, 2025, m) or 0 for c in ZONE for m in range(1, 11))
    assert h.annual_target[0, -1] == 3 * 10 * 3
    assert np.isnan(h.monthly_value[0, -1, 10:]).all() and h.monthly_target[0, -1, 11] == 3 * 3
    # the district 09D01 has one circuit
    assert h.annual_value[1, 3] == sum(homicides("09D01C01", 2019, m) or 0 for m in range(1, 13))


def test_a_gap_year_has_no_total(store: Store) -> None:
    h = years_history(store, "PN", "2025-10", "HOM-01", "17D06C11")  # filed nothing in 2024
    assert np.isnan(h.annual_value[0, 2024 - 2016]) and np.isnan(h.monthly_value[0, 2024 - 2016]).all()
    assert h.annual_value[0, 2023 - 2016] == sum(homicides("17D06C11", 2023, m) or 0 for m in range(1, 13))


def test_each_year_is_scored_with_its_own_definitions(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "redefined.sqlite", create=True)
    load_ten_years(store)
    per_thousand = tuple(dataclasses.replace(i, factor=1_000) if i.code == "TAS-01" else i for i in PLAN.indicators)
    store.plans.load("PN", dataclasses.replace(PLAN, indicators=per_thousand), effective_from=202501)
    h = years_history(store, "PN", "2025-10", "TAS-01", "09D08")

    def murders_in(year: int, months: range) -> int:
        return sum(murders("09D08", year, m) or 0 for m in months)

    assert h.annual_value[0, 2024 - 2016] == pytest.approx(murders_in(2024, range(1, 13)) / (12 * 300_000) * 1e5)
    assert h.annual_value[0, 2025 - 2016] == pytest.approx(murders_in(2025, range(1, 11)) / (10 * 300_000) * 1e3)
    assert h.monthly_value[0, 0, 0] == pytest.approx(murders("09D08", 2016, 1) / 300_000 * 1e5)
