"""This year beside last year: ``previous_value``, ``change`` and ``change_pct`` on a real SQLite store with
ten years of monthly history (tests/ten_years.py), the expected figures added up here by hand."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cli.main import main
from scorecard.domain import IndicatorLine, ScorecardView
from scorecard.store import Store
from tests.ten_years import CIRCUITS, POPULATION, homicides, load_ten_years, murders


@pytest.fixture(scope="module")
def ten_years(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("ten_years") / "ten_years.sqlite"
    load_ten_years(Store.open(path, create=True))
    return path


@pytest.fixture
def store(ten_years: Path) -> Store:
    return Store.open(ten_years)


def line(view: ScorecardView, code: str) -> IndicatorLine:
    return next(i for o in view.objectives for i in o.indicators if i.code == code)


def total(circuits: tuple[str, ...], year: int, months: range) -> int:
    figures = [homicides(c, year, m) for c in circuits for m in months]
    return sum(f for f in figures if f is not None)


def test_a_month_at_the_root(store: Store) -> None:
    # March: every circuit in 2025; in 2024 the circuit 17D06C11 filed nothing
    now = sum(homicides(c, 2025, 3) or 0 for c in CIRCUITS)
    before = sum(homicides(c, 2024, 3) or 0 for c in CIRCUITS[:3])
    assert now == (3 * 0 + 18 + 3) % 7 + (3 + 21) % 7 + (6 + 21) % 7 + (9 + 21) % 7 == 0 + 3 + 6 + 2
    assert before == (16 + 3) % 7 + (3 + 19) % 7 + (6 + 19) % 7 == 5 + 1 + 4
    hom = line(store.scoring.scorecard("PN", "2025-03"), "HOM-01")
    assert (hom.value, hom.previous_value) == (11, 10)
    assert hom.change == 1
    assert hom.change_pct == pytest.approx(10.0)  # (11 − 10) / 10 × 100, in percent


def test_a_quarter_of_a_parent_sums_its_children(store: Store) -> None:
    children = ("09D08C04", "09D08C06")
    now, before = total(children, 2025, range(4, 7)), total(children, 2024, range(4, 7))
    # 09D08C04: 2025 → (18+4)%7, (18+5)%7, (18+6)%7 = 1, 2, 3; 2024 → (16+4)%7.. = 6, 0, 1
    # 09D08C06: 2025 → (21+4)%7.. = 4, 5, 6; 2024 → (19+4)%7.. = 2, 3, 4
    assert (now, before) == (1 + 2 + 3 + 4 + 5 + 6, 6 + 0 + 1 + 2 + 3 + 4) == (21, 16)
    hom = line(store.scoring.scorecard("PN", "2025-Q2", "09D08"), "HOM-01")
    assert (hom.value, hom.previous_value, hom.change) == (21, 16, 5)
    assert hom.change_pct == pytest.approx(5 / 16 * 100)


def test_year_to_date_compares_with_last_years_year_to_date(store: Store) -> None:
    zone = ("09D08C04", "09D08C06", "09D01C01")
    now, before = total(zone, 2025, range(1, 11)), total(zone, 2024, range(1, 11))
    ytd = line(store.scoring.scorecard("PN", "2025-10", "Z8", ytd=True), "HOM-01")
    assert (ytd.value, ytd.previous_value) == (now, before)
    assert ytd.change == now - before
    assert ytd.change_pct == pytest.approx((now - before) / before * 100)
    # not the whole of last year: November and December 2024 stay out
    assert total(zone, 2024, range(1, 13)) != before


def test_a_ratio_compares_rates_of_sums(store: Store) -> None:
    districts = ("09D08", "09D01")  # zone 8
    den = POPULATION["09D08"] + POPULATION["09D01"]

    def rate(year: int) -> float:
        num = sum(murders(d, year, m) or 0 for d in districts for m in range(1, 4))
        return num / (3 * den) * 100_000

    # 2025-Q1: 09D08 (9+m)%5+1 = 1, 2, 3; 09D01 (10+m)%5+1 = 2, 3, 4 → 15 over 3 × 500 000
    # 2024-Q1: 09D08 (8+m)%5+1 = 5, 1, 2; 09D01 (9+m)%5+1 = 1, 2, 3 → 14
    assert rate(2025) == pytest.approx(15 / 1_500_000 * 100_000) and rate(2024) == pytest.approx(14 / 1_500_000 * 1e5)
    tas = line(store.scoring.scorecard("PN", "2025-Q1", "Z8"), "TAS-01")
    assert tas.value == pytest.approx(1.0) and tas.previous_value == pytest.approx(14 / 15)
    assert tas.change == pytest.approx(1.0 - 14 / 15)  # in the indicator's unit: per 100 000 inhabitants
    assert tas.change_pct == pytest.approx((1.0 - 14 / 15) / (14 / 15) * 100)


def test_no_figure_last_year_leaves_the_keys_null(store: Store) -> None:
    for unit in ("17D06C11", "17D06", "Z9"):  # the circuit, and the parents it alone reports to
        hom = line(store.scoring.scorecard("PN", "2025-03", unit), "HOM-01")
        assert hom.value == (9 + 21) % 7 == 2
        assert (hom.previous_value, hom.change, hom.change_pct) == (None, None, None)
    # the first year of history has nothing before it
    first = line(store.scoring.scorecard("PN", "2016-05"), "HOM-01")
    assert first.value is not None and first.previous_value is None and first.change is None


def test_zero_last_year_gives_a_change_but_no_percentage(store: Store) -> None:
    assert homicides("09D08C04", 2024, 5) == (16 + 5) % 7 == 0
    assert homicides("09D08C04", 2025, 5) == (18 + 5) % 7 == 2
    hom = line(store.scoring.scorecard("PN", "2025-05", "09D08C04"), "HOM-01")
    assert (hom.value, hom.previous_value, hom.change, hom.change_pct) == (2, 0, 2, None)


def test_a_whole_year_against_the_year_before(store: Store) -> None:
    zone = ("09D08C04", "09D08C06", "09D01C01")
    hom = line(store.scoring.scorecard("PN", "2019", "Z8"), "HOM-01")
    assert (hom.value, hom.previous_value) == (total(zone, 2019, range(1, 13)), total(zone, 2018, range(1, 13)))


def test_the_cli_json_carries_the_keys(ten_years: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(ten_years)
    assert main(["scorecard", "--db", db, "--institution", "PN", "--period", "2025-03", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    hom = next(i for o in out["objectives"] for i in o["indicators"] if i["code"] == "HOM-01")
    assert (hom["value"], hom["previous_value"], hom["change"]) == (11, 10, 1)
    assert hom["change_pct"] == pytest.approx(10.0)
    assert {"previous_value", "change", "change_pct"}.isdisjoint(out["objectives"][0])  # objectives unchanged
    argv = ["value", "--db", db, "--institution", "PN", "--indicator", "HOM-01", "--unit", "09D08C04"]
    assert main([*argv, "--period", "2025-05", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert (out["value"], out["previous_value"], out["change"], out["change_pct"]) == (2, 0, 2, None)
    assert main([*argv, "--period", "2025-10", "--ytd", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    before = total(("09D08C04",), 2024, range(1, 11))
    assert (out["previous_value"], out["change"]) == (before, out["value"] - before)
    assert main([*argv, "--period", "2025-05", "--lang", "en"]) == 0
    assert "Same period last year: 0" in capsys.readouterr().out


def test_last_year_is_scored_with_the_definitions_in_force_then(tmp_path: Path) -> None:
    """TAS-01 counted per 100 000 until 2024 and per 1 000 from 2025 (a redefinition): last year's figure is
    the one last year's scorecard showed, at its own factor."""
    import dataclasses

    from tests.builders import PLAN

    store = Store.open(tmp_path / "redefined.sqlite", create=True)
    load_ten_years(store)
    per_thousand = tuple(dataclasses.replace(i, factor=1_000) if i.code == "TAS-01" else i for i in PLAN.indicators)
    store.plans.load("PN", dataclasses.replace(PLAN, indicators=per_thousand), effective_from=202501)
    num_now = sum(murders(d, 2025, m) or 0 for d in ("09D08", "09D01") for m in (1, 2, 3))
    num_before = sum(murders(d, 2024, m) or 0 for d in ("09D08", "09D01") for m in (1, 2, 3))
    assert (num_now, num_before) == (15, 14)  # as in test_a_ratio_compares_rates_of_sums
    tas = line(store.scoring.scorecard("PN", "2025-Q1", "Z8"), "TAS-01")
    assert tas.value == pytest.approx(15 / 1_500_000 * 1_000)
    assert tas.previous_value == pytest.approx(14 / 1_500_000 * 100_000)
    assert tas.previous_value == line(store.scoring.scorecard("PN", "2024-Q1", "Z8"), "TAS-01").value


@pytest.mark.parametrize(("period", "ytd"), [("2025-02", False), ("2025-Q1", False), ("2025-03", True)])
def test_last_years_figure_is_last_years_scorecard_for_every_kind(tmp_path: Path, period: str, ytd: bool) -> None:
    """Counts, a stock (its last month), a weighted average, ratios and a quarterly count, at every unit:
    the previous figure equals the value the scorecard of the same period a year earlier shows."""
    from tests.builders import file_month, load_small

    store = Store.open(tmp_path / "kinds.sqlite", create=True)
    load_small(store, figures=False)
    for month in (202401, 202402, 202403, 202501, 202502, 202503):
        file_month(store, month)
    earlier = str(int(period[:4]) - 1) + period[4:]
    compared = 0
    for unit in ("PN", "Z8", "Z9", "09D08", "09D01", "17D06", "09D08C04", "09D01C01"):
        now = store.scoring.scorecard("PN", period, unit, ytd=ytd)
        then = store.scoring.scorecard("PN", earlier, unit, ytd=ytd)
        for o in now.objectives:
            for i in o.indicators:
                assert i.previous_value == line(then, i.code).value, (unit, i.code)
                compared += i.previous_value is not None
    assert compared > 20
    bri = line(store.scoring.scorecard("PN", period, "Z8", ytd=ytd), "BRI-01")
    assert bri.previous_value == 10 + 5  # a stock: the last month's 10 + 5, never a sum over months
