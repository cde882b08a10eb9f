"""Next year's targets from history: every expected target below is worked out by hand (the figures of
the history are simple formulas of the year and month, so each reference is a mean written out here).

The small tree of tests/builders.py, three years (2022–2024) of history:
- HOM-01 (count, circuits): circuit k (1, 2, 3 for 09D08C04, 09D08C06, 09D01C01) files k·m + (y − 2022)
  in month m of year y; 09D01C01 never filed March; 17D06C11 filed nothing.
- BRI-01 (stock, districts): 10 + m + 2·(y − 2022).
- TAS-01 (ratio per 100 000, districts): numerator m, denominator 100 000·(y − 2021).
- RES-01 (average, circuits 09D08C04 and 09D08C06): value 10 + m with 2·(y − 2021) observations at
  09D08C04 and value y − 2000 with no count at 09D08C06.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from scorecard.errors import UserError
from scorecard.figures import ResultRow
from scorecard.models import AuditEntry, Target
from scorecard.store import Store
from scorecard.target_derivation import derive_targets
from tests.builders import ids, load_small
from tests.people import add_people, signed_in

YEARS = (2022, 2023, 2024)
CIRCUITS = {"09D08C04": 1, "09D08C06": 2, "09D01C01": 3}


def history(store: Store) -> None:
    u, i = ids(store)
    rows = []
    for y in YEARS:
        for m in range(1, 13):
            month = y * 100 + m
            for code, k in CIRCUITS.items():
                if code == "09D01C01" and m == 3:
                    continue
                rows.append(ResultRow(i["HOM-01"], u[code], month, k * m + (y - 2022)))
            for code in ("09D08", "09D01", "17D06"):
                rows.append(ResultRow(i["BRI-01"], u[code], month, 10 + m + 2 * (y - 2022)))
                rows.append(ResultRow(i["TAS-01"], u[code], month, numerator=m, denominator=100_000 * (y - 2021)))
            rows.append(ResultRow(i["RES-01"], u["09D08C04"], month, 10 + m, observations=2 * (y - 2021)))
            rows.append(ResultRow(i["RES-01"], u["09D08C06"], month, y - 2000))
    with store.transaction() as s:
        inst = store.institution(s, "PN")
        shape, _ = store.plans.shape(s, inst, 202412)
        store.figures.write_results(s, inst.id, rows, {d.indicator_id: d for d in shape.definitions})


@pytest.fixture
def url(db_url: str) -> str:
    store = Store.open(db_url, create=True)
    load_small(store, figures=False)
    add_people(store)
    history(store)
    store.close()
    return db_url


def targets(result: object, code: str, unit: str) -> dict[int, float]:
    rows = result.rows  # type: ignore[attr-defined]
    return {int(r["period"][-2:]): r["target"] for r in rows if r["indicator"] == code and r["unit"] == unit}


def test_seasonal_from_one_year_and_from_three(url: str) -> None:
    planif = signed_in(url, "planif")
    one = derive_targets(planif, "PN", 2025, 2024, change=-10, reason="Plan 2025", dry_run=True)
    # 2024 alone: circuit k's month m was k·m + 2, so its target is (k·m + 2) × 0.9
    for code, k in CIRCUITS.items():
        got = targets(one, "HOM-01", code)
        months = [m for m in range(1, 13) if not (code == "09D01C01" and m == 3)]
        assert got == pytest.approx({m: (k * m + 2) * 0.9 for m in months})
    three = derive_targets(planif, "PN", 2025, 2024, years=3, change=-10, reason="Plan 2025", dry_run=True)
    # the mean of k·m + 0, k·m + 1, k·m + 2 is k·m + 1
    assert targets(three, "HOM-01", "09D08C06") == pytest.approx({m: (2 * m + 1) * 0.9 for m in range(1, 13)})
    # a stock month by month: mean of 10 + m + 0, + 2, + 4 = 12 + m
    assert targets(three, "BRI-01", "17D06") == pytest.approx({m: (12 + m) * 0.9 for m in range(1, 13)})
    # a ratio pools its parts: Σ num / Σ den × 100 000 = 3m / (100 000 × (1 + 2 + 3)) × 100 000 = m / 2
    assert targets(three, "TAS-01", "09D01") == pytest.approx({m: m / 2 * 0.9 for m in range(1, 13)})
    # an average weighted by its observations: (10 + m) at every year, so 10 + m whatever the weights;
    # where no counts are known, the plain mean of 22, 23, 24
    assert targets(three, "RES-01", "09D08C04") == pytest.approx({m: (10 + m) * 0.9 for m in range(1, 13)})
    assert targets(three, "RES-01", "09D08C06") == pytest.approx(dict.fromkeys(range(1, 13), 23 * 0.9))
    # nothing invented: a month never filed, a unit that never filed
    missing = {(w["indicator"], w["unit"]): w["missing"] for w in three.without_history}
    assert missing[("HOM-01", "09D01C01")] == ["2025-03"]
    assert missing[("HOM-01", "17D06C11")] == [f"2025-{m:02d}" for m in range(1, 13)]
    assert "17D06C11" not in {r["unit"] for r in three.rows if r["indicator"] == "HOM-01"}
    # quarterly ESC-01 (zones) has no history at all: listed per due month, never given a target
    assert missing[("ESC-01", "Z8")] == ["2025-03", "2025-06", "2025-09", "2025-12"]
    assert "ESC-01" not in three.indicators
    with planif.reading() as s:
        assert s.scalar(select(Target.id).limit(1)) is None  # a dry run wrote nothing


def test_even_spreads_a_count_s_year_and_keeps_a_level(url: str) -> None:
    planif = signed_in(url, "planif")
    done = derive_targets(
        planif, "PN", 2025, 2024, years=3, change=5, profile="even", indicators=["HOM-01", "bri-01"], reason="r",
        dry_run=True,
    )  # fmt: skip
    assert done.indicators == ["HOM-01", "BRI-01"]
    # a count's year: Σ_m (k·m + y − 2022) = 78k + 12·(y − 2022); the mean over three years is 78k + 12
    for code, k in (("09D08C04", 1), ("09D08C06", 2)):
        assert targets(done, "HOM-01", code) == pytest.approx(dict.fromkeys(range(1, 13), (78 * k + 12) * 1.05 / 12))
    # no year of 09D01C01 has March: no total to spread, so it is listed and gets nothing
    assert "09D01C01" not in {r["unit"] for r in done.rows}
    assert any(w["unit"] == "09D01C01" for w in done.without_history)
    # a stock's annual figure is its December level: 22, 24, 26, mean 24
    assert targets(done, "BRI-01", "09D08") == pytest.approx(dict.fromkeys(range(1, 13), 24 * 1.05))


def test_written_targets_are_audited_with_the_reason_and_rescored(url: str) -> None:
    planif = signed_in(url, "planif")
    done = derive_targets(planif, "PN", 2025, 2024, change=-10, indicators=["HOM-01"], reason="Meta -10 %")
    assert done.batch is not None and done.new == len(done.rows) == 12 + 12 + 11
    u, i = ids(planif)
    with planif.reading() as s:
        stored = dict(
            s.execute(
                select(Target.month, Target.value).where(
                    Target.unit_id == u["09D08C06"], Target.indicator_id == i["HOM-01"]
                )
            ).all()
        )
        reasons = set(s.scalars(select(AuditEntry.reason).where(AuditEntry.entity.in_(["target", "batch"]))))
    assert stored == pytest.approx({202500 + m: (2 * m + 2) * 0.9 for m in range(1, 13)})
    assert "Meta -10 %" in reasons
    # the district's target is its circuits' sum: (1·m + 2 + 2·m + 2) × 0.9 in month m
    assert planif.scoring.value("PN", "HOM-01", "09D08", "2025-05")["target"] == pytest.approx((5 + 2 + 10 + 2) * 0.9)
    again = derive_targets(planif, "PN", 2025, 2024, change=-10, indicators=["HOM-01"], reason="Meta -10 %")
    assert (again.new, again.changed, again.batch) == (0, 0, None)


def test_bad_requests_are_refused_before_anything_is_read(url: str) -> None:
    planif = signed_in(url, "planif")
    for kwargs, message in (
        ({"reason": " "}, "derive.reason"),
        ({"profile": "lunar"}, "derive.profile"),
        ({"year": 2024}, "derive.year_order"),
        ({"change": -100}, "derive.change"),
        ({"indicators": ["NOPE"]}, "indicator.unknown"),
    ):
        args = {"year": 2025, "change": 0.0, "reason": "r", **kwargs}
        year = args.pop("year")
        with pytest.raises(UserError) as exc:
            derive_targets(planif, "PN", year, 2024, **args)  # type: ignore[arg-type]
        assert exc.value.message_id == message
    with pytest.raises(UserError) as exc:
        derive_targets(signed_in(url, "jefe_09d08"), "PN", 2025, 2024, change=0, reason="r")
    assert exc.value.message_id.startswith("access.")


def test_the_command_line(tmp_path: Path) -> None:
    db = tmp_path / "h.sqlite"
    store = Store.open(db, create=True)
    load_small(store, figures=False)
    history(store)
    store.close()
    args = ["targets", "derive", "--institution", "PN", "--year", "2025", "--from", "2024", "--years", "3",
            "--change", "-10", "--indicator", "HOM-01", "--reason", "Plan", "--db", str(db)]  # fmt: skip
    proc = subprocess.run([sys.executable, "-m", "cli.main", *args, "--json", "--dry-run"],
                          capture_output=True, text=True, timeout=120, check=False)  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert {"targets", "units", "indicators", "without_history", "dry_run"} <= set(out)
    assert (out["targets"], out["units"], out["indicators"], out["dry_run"]) == (12 + 12 + 11, 3, ["HOM-01"], True)
    assert out["without_history"] == [
        {"indicator": "HOM-01", "unit": "09D01C01", "missing": ["2025-03"]},
        {"indicator": "HOM-01", "unit": "17D06C11", "missing": [f"2025-{m:02d}" for m in range(1, 13)]},
    ]
    text = subprocess.run([sys.executable, "-m", "cli.main", *args, "--lang", "en"],
                          capture_output=True, text=True, timeout=120, check=False)  # fmt: skip
    assert text.returncode == 0 and text.stdout.startswith("2025 targets from 2022–2024: 35 targets in 3 units")
