"""``scorecard init --demo`` then ``scorecard scorecard --json``, with every figure re-derived independently:
homicides straight from the Ministerio del Interior register with pandas, everything else from the raw
tables with SQL and arithmetic written here from domain.md (not the app's engine).
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from sqlalchemy import create_engine, text

REGISTER = Path(__file__).parents[2] / "resources" / "demo" / "mdi_homicidios_intencionales_2025_ene_oct.xlsx"


def cli(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(
        [sys.executable, "-m", "cli.main", *args], capture_output=True, text=True, timeout=300, check=False
    )
    if check:
        assert proc.returncode == 0, proc.stderr
    return proc


def as_json(*args: str) -> dict[str, Any]:
    out = cli(*args, "--json").stdout
    return dict(json.loads(out))  # exactly one JSON object, nothing else


@pytest.fixture(scope="module")
def register() -> pd.DataFrame:
    frame = pd.read_excel(REGISTER, sheet_name="1", engine="calamine", dtype=str)
    frame["month"] = frame["fecha_infraccion"].str[:7]
    return frame


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def demo(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('demo') / 'demo.sqlite'}"
    else:
        from tests.conftest import _PG_SKIP, PG_URL

        if _PG_SKIP:
            pytest.skip(_PG_SKIP)
        import psycopg

        dsn = PG_URL.replace("postgresql+psycopg://", "postgresql://")
        with psycopg.connect(dsn, autocommit=True) as conn:
            conn.execute("drop schema if exists e2e_demo cascade")
            conn.execute("create schema e2e_demo")
        url = f"{PG_URL}?options=-csearch_path%3De2e_demo"
    out = as_json("init", "--demo", "--db", url)
    assert out["institutions"] == 3 and out["indicators"] == 27
    assert out["units"] == 1 + 9 + 25 + 125 + 697 + 1082 + 9 + 10  # police tree + ECU 911 + Quito
    return url


def test_hom01_is_the_register_counted_month_by_month(demo: str, register: pd.DataFrame) -> None:
    national = register.groupby("month").size()
    for month in ("2025-01", "2025-06", "2025-10"):
        got = as_json(
            "value", "--institution", "PN", "--indicator", "HOM-01", "--unit", "PN", "--period", month, "--db", demo
        )
        assert got["value"] == national[month]
    by_zone = register[register["month"] == "2025-10"].groupby("zona").size()
    for zona, count in by_zone.items():
        code = "Z" + str(zona).split()[-1]
        got = as_json(
            "value", "--institution", "PN", "--indicator", "HOM-01", "--unit", code, "--period", "2025-10", "--db", demo
        )
        assert got["value"] == count, zona
    ytd = as_json(
        "value",
        "--institution",
        "PN",
        "--indicator",
        "HOM-01",
        "--unit",
        "09D08",
        "--period",
        "2025-10",
        "--ytd",
        "--db",
        demo,
    )
    assert ytd["value"] == int((register["codigo_subcircuito"].str[:5] == "09D08").sum())


# --- the independent derivation -------------------------------------------------------------------------


def _performance(
    a: float, t: float | None, polarity: str, band: tuple[float, float] | None, method: str, baseline: float | None
) -> float | None:
    if polarity == "in_band":
        assert band is not None
        lo, hi = band
        return 1.0 if lo <= a <= hi else (a / lo if a < lo else hi / a)
    if t is None:
        return None
    if method == "baseline":
        assert baseline is not None
        span = (baseline - t) if polarity == "lower_is_better" else (t - baseline)
        gain = (baseline - a) if polarity == "lower_is_better" else (a - baseline)
        return max(gain / span, 0.0)
    if polarity == "higher_is_better":
        return a / t if t > 0 else 1.0
    if a == 0:
        return 1.0
    return t / a if t > 0 else 0.0


def _colour(p: float, green: float, yellow: float) -> str:
    p = min(p, 1.0)
    return "green" if p >= green else "yellow" if p >= yellow else "red"


def derive(url: str, month: int) -> dict[str, Any]:
    """The institution-level scorecard of PN for one month, from the raw tables."""
    engine = create_engine(url.replace("postgresql+psycopg", "postgresql+psycopg", 1))
    with engine.connect() as c:
        inst_id, green0, yellow0 = c.execute(text("select id, green, yellow from institutions where code = 'PN'")).one()
        levels_by_unit = dict(
            c.execute(text("select id, level from units where institution_id = :i"), {"i": inst_id}).all()
        )
        objectives = {
            r.id: r for r in c.execute(text("select id, code, kind, parent_id, weight from objectives")).all()
        }
        indicators = c.execute(
            text(
                "select i.id, i.code, i.objective_id, v.kind, v.polarity, v.frequency, v.factor, v.method, v.band_min,"
                " v.band_max, v.baseline, v.weight, v.green, v.yellow, v.levels from indicators i"
                " join indicator_versions v on v.indicator_id = i.id where i.institution_id = :i"
            ),
            {"i": inst_id},
        ).all()
        results = defaultdict(list)
        for r in c.execute(
            text(
                "select indicator_id, unit_id, value, numerator, denominator, observations "
                "from results where month = :m"
            ),
            {"m": month},
        ):
            results[r.indicator_id].append(r)
        targets = defaultdict(dict)
        for r in c.execute(text("select indicator_id, unit_id, value from targets where month = :m"), {"m": month}):
            targets[r.indicator_id][r.unit_id] = r.value
        baselines = defaultdict(float)
        for r in c.execute(text("select indicator_id, value from unit_baselines")):
            baselines[r.indicator_id] += r.value
    engine.dispose()

    due_months = {"monthly": 1, "quarterly": 3, "semiannual": 6, "annual": 12}
    lines: dict[str, dict[str, Any]] = {}
    due_total = filed_total = 0
    for ind in indicators:
        levels = json.loads(ind.levels) if isinstance(ind.levels, str) else ind.levels
        reporters = [u for u, lvl in levels_by_unit.items() if lvl in levels]
        due = (month % 100) % due_months[ind.frequency] == 0
        rows = results[ind.id]
        if not due:
            lines[ind.code] = {"status": "not_due", "value": None}
            continue
        due_total += len(reporters)
        filed_total += len(rows)
        if not rows:
            lines[ind.code] = {"status": "no_data", "value": None}
            continue
        tmap = targets[ind.id]
        if ind.kind in ("count", "stock"):
            value = sum(r.value for r in rows)
            target = sum(tmap.values()) if tmap else None
            num = den = None
        elif ind.kind == "ratio":
            num, den = sum(r.numerator for r in rows), sum(r.denominator for r in rows)
            value = num / den * ind.factor
            den_of = {r.unit_id: r.denominator for r in rows}
            target = (sum(t * den_of[u] for u, t in tmap.items()) / sum(den_of[u] for u in tmap)) if tmap else None
        else:  # average
            num = den = None
            if all(r.observations is not None for r in rows):
                value = sum(r.value * r.observations for r in rows) / sum(r.observations for r in rows)
                n_of = {r.unit_id: r.observations for r in rows}
                target = sum(t * n_of[u] for u, t in tmap.items()) / sum(n_of[u] for u in tmap) if tmap else None
            else:
                value = sum(r.value for r in rows) / len(rows)
                target = sum(tmap.values()) / len(tmap) if tmap else None
        band = (ind.band_min, ind.band_max) if ind.polarity == "in_band" else None
        base = baselines.get(ind.id, ind.baseline) if ind.method == "baseline" else None
        p = _performance(value, target, ind.polarity, band, ind.method, base)
        green, yellow = (ind.green, ind.yellow) if ind.green is not None else (green0, yellow0)
        lines[ind.code] = {
            "value": value,
            "target": list(band) if band else target,
            "numerator": num,
            "denominator": den,
            "performance": p,
            "status": "no_target" if p is None else _colour(p, green, yellow),
            "objective": ind.objective_id,
            "weight": ind.weight,
        }

    def objective_score(oid: int) -> float | None:
        members = [
            (line["weight"], min(line["performance"], 1.0))
            for line in lines.values()
            if line.get("objective") == oid and line["status"] in ("green", "yellow", "red")
        ]
        members += [
            (o.weight, s) for o in objectives.values() if o.parent_id == oid if (s := objective_score(o.id)) is not None
        ]
        total = sum(w for w, _ in members)
        return sum(w * s for w, s in members) / total if members and total > 0 else None

    scores = {
        o.code: objective_score(o.id)
        for o in objectives.values()
        if o.id in {i.objective_id for i in indicators} or any(x.parent_id == o.id for x in objectives.values())
    }
    strategic = [
        (o.weight, scores[o.code])
        for o in objectives.values()
        if o.kind == "strategic" and o.code in scores and scores[o.code] is not None
    ]
    score = sum(w * s for w, s in strategic) / sum(w for w, _ in strategic)
    return {"lines": lines, "objectives": scores, "score": score, "completeness": filed_total / due_total}


def close(a: Any, b: Any) -> bool:
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, list):
        return all(close(x, y) for x, y in zip(a, b, strict=True))
    return math.isclose(float(a), float(b), rel_tol=1e-9, abs_tol=1e-9)


@pytest.mark.parametrize("period", ["2025-10", "2025-06"])
def test_the_national_scorecard_matches_an_independent_derivation(demo: str, period: str) -> None:
    got = as_json("scorecard", "--institution", "PN", "--period", period, "--db", demo)
    month = int(period.replace("-", ""))
    want = derive(demo, month)
    seen = 0
    for objective in got["objectives"]:
        assert close(objective["score"], want["objectives"][objective["code"]]), objective["code"]
        for line in objective["indicators"]:
            w = want["lines"][line["code"]]
            assert line["status"] == w["status"], line["code"]
            assert close(line["value"], w["value"]), line["code"]
            if w["value"] is not None:
                for key in ("target", "numerator", "denominator", "performance"):
                    assert close(line[key], w[key]), (line["code"], key, line[key], w[key])
            seen += 1
    assert seen == 20
    assert close(got["score"], want["score"])
    assert close(got["completeness"], want["completeness"])
    assert got["status"] in ("green", "yellow", "red")
    assert set(got) >= {"institution", "unit", "period", "score", "completeness", "objectives"}
    assert all(
        {"code", "value", "target", "performance", "status"} <= set(i)
        for o in got["objectives"]
        for i in o["indicators"]
    )


def test_every_kind_polarity_and_state_is_in_the_demo(demo: str) -> None:
    plan = as_json("scorecard", "--institution", "PN", "--period", "2025-06", "--db", demo)
    inds = [i for o in plan["objectives"] for i in o["indicators"]]
    assert {i["kind"] for i in inds} == {"count", "stock", "average", "ratio"}
    assert {i["polarity"] for i in inds} == {"higher_is_better", "lower_is_better", "in_band"}
    november = as_json("scorecard", "--institution", "PN", "--period", "2025-11", "--db", demo)
    states = {i["status"] for o in november["objectives"] for i in o["indicators"]}
    assert states == {"no_data", "not_due"}  # targets set, nothing filed yet
    assert november["completeness"] == 0
    for inst in ("ECU911", "DMQ"):
        other = as_json("scorecard", "--institution", inst, "--period", "2025-10", "--db", demo)
        assert other["score"] is not None and len(other["units"]) >= 8


def test_a_second_demo_load_is_refused(demo: str) -> None:
    proc = cli("init", "--demo", "--db", demo, "--lang", "en", check=False)
    assert proc.returncode == 1
    assert "already holds institution PN" in proc.stderr and proc.stdout == ""
