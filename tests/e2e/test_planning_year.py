"""A planning office's first year, through the ``scorecard`` command as a month-end script runs it: its
tree from a sheet with several top zones, ten years of monthly history from a months-across sheet
(re-saved by LibreOffice), next year's targets derived from the last three years, and this year beside
last year in the scorecard.  Every expected figure is computed here with pandas from the frame the
sheets were written from."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from exports.plan_workbook import write_plan
from scorecard.domain import Kind, ObjectiveKind, Polarity
from scorecard.plan_specs import IndicatorSpec, ObjectiveSpec, PlanSpec
from tests.libreoffice import convert

MONTHS = ["Ene", "Feb", "Mar", "Abr", "May", "Jun", "Jul", "Ago", "Sep", "Oct", "Nov", "Dic"]
CIRCUITS = {"Z1-D1-C1": "Z1-D1", "Z1-D1-C2": "Z1-D1", "Z1-D2-C1": "Z1-D2", "Z2-D1-C1": "Z2-D1"}


def scorecard(*args: str) -> dict:  # type: ignore[type-arg]
    done = subprocess.run(
        [sys.executable, "-m", "cli.main", *args, "--json"],
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)  # type: ignore[no-any-return]


def sheet(path: Path, rows: list[list[object]], title: str) -> Path:
    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    ws.append([title])
    for row in rows:
        ws.append(row)
    book.save(path)
    return path


def history() -> pd.DataFrame:
    rows = [
        (unit, year, month, float((k + 2) * (month % 4 + 1) + (year - 2016) + (year * month) % 3))
        for k, unit in enumerate(CIRCUITS)
        for year in range(2016, 2026)
        for month in range(1, 13)
    ]
    return pd.DataFrame(rows, columns=["unit", "year", "month", "value"])


def test_tree_history_targets_and_last_year_beside_this_year(tmp_path: Path) -> None:
    db = str(tmp_path / "oficina.sqlite")
    scorecard("init", "--db", db)
    units = [["codigo", "nombre", "nivel", "padre"], ["Z1", "Zona 1", "zona", None], ["Z2", "Zona 2", "zona", None]]
    units += [[d, f"Distrito {d}", "distrito", d[:2]] for d in sorted(set(CIRCUITS.values()))]
    units += [[c, f"Circuito {c}", "circuito", d] for c, d in CIRCUITS.items()]
    tree = scorecard("units", "import", str(sheet(tmp_path / "u.xlsx", units, "Unidades")), "--institution", "MI",
                     "--name", "Ministerio del Interior", "--db", db)  # fmt: skip
    assert tree["root_created"] == {"code": "MI", "name": "Ministerio del Interior", "level": "nacional"}
    plan = PlanSpec(
        objectives=(ObjectiveSpec("OE1", "Reducir la violencia", ObjectiveKind.STRATEGIC, None, 1),),
        indicators=(
            IndicatorSpec("HOM-01", "Homicidios", "OE1", Polarity.LOWER_IS_BETTER, Kind.COUNT, levels=("circuito",)),
        ),
        name="Plan",
        first_year=2016,
        last_year=2030,
    )
    write_plan(plan, tmp_path / "plan.xlsx")
    scorecard("plan", "import", str(tmp_path / "plan.xlsx"), "--institution", "MI", "--effective-from", "2016-01",
              "--db", db)  # fmt: skip

    frame = history()
    rows: list[list[object]] = [["Circuito", "Indicador", "Año", *MONTHS, "Total"]]
    for (unit, year), g in frame.groupby(["unit", "year"]):
        values = g.sort_values("month")["value"].tolist()
        rows.append([unit, "HOM-01", year, *values, sum(values)])
    wide = convert(sheet(tmp_path / "historia.xlsx", rows, "Homicidios 2016–2025"), "xlsx", tmp_path / "lo")
    imported = scorecard("import", str(wide), "--institution", "MI", "--db", db)
    assert (imported["kind"], imported["new"], imported["errors"]) == ("wide", len(frame), [])

    derived = scorecard("targets", "derive", "--institution", "MI", "--year", "2026", "--from", "2025", "--years",
                        "3", "--change", "-10", "--reason", "Plan 2026", "--db", db)  # fmt: skip
    assert derived["without_history"] == [] and derived["targets"] == 4 * 12
    reference = frame[frame["year"] >= 2023].groupby(["unit", "month"])["value"].mean()
    got = {(r["unit"], int(r["period"][-2:])): r["target"] for r in derived["rows"]}
    assert got == pytest.approx({key: value * 0.9 for key, value in reference.items()})

    card = scorecard("scorecard", "--institution", "MI", "--period", "2025-10", "--db", db)
    hom = card["objectives"][0]["indicators"][0]
    october = frame[frame["month"] == 10].groupby("year")["value"].sum()
    assert (hom["value"], hom["previous_value"]) == (october[2025], october[2024])
    assert hom["change"] == october[2025] - october[2024]
    assert hom["change_pct"] == pytest.approx((october[2025] - october[2024]) / october[2024] * 100)
    ytd = scorecard("scorecard", "--institution", "MI", "--period", "2025-10", "--unit", "Z1", "--ytd", "--db", db)
    z1 = frame[frame["unit"].str.startswith("Z1") & (frame["month"] <= 10)].groupby("year")["value"].sum()
    line = ytd["objectives"][0]["indicators"][0]
    assert (line["value"], line["previous_value"]) == (z1[2025], z1[2024])
