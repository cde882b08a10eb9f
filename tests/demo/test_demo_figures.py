"""The demo builds the same database as before it moved to the importers (tests/demo/golden.json, written by
make_golden.py from commit f548b84's scorecard/demo.py), table by table and institution by institution."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.demo.golden import GOLDEN_PATH, picture, rows_of


@pytest.fixture(scope="module")
def golden() -> dict[str, Any]:
    return json.loads(GOLDEN_PATH.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def built(demo_template: Path) -> tuple[Path, dict[str, Any]]:
    return demo_template, picture(demo_template)


def _where(path: Path, inst: str, table: str, want: dict[str, Any], have: dict[str, Any], samples: list[str]) -> str:
    """Which indicator's rows differ, and the first golden sample row the new build lacks."""
    parts = [f"{inst}/{table}: {have['rows']} rows (golden {want['rows']})"]
    bad = [k for k in sorted(set(want["by_indicator"]) | set(have["by_indicator"]))
           if want["by_indicator"].get(k) != have["by_indicator"].get(k)]  # fmt: skip
    if bad:
        parts.append(f"indicators differing: {', '.join(bad[:10])}")
    sums = {n: (s, have["sums"].get(n)) for n, s in want["sums"].items() if have["sums"].get(n) != s}
    if sums:
        parts.append(f"sums (golden, now): {sums}")
    now = set(rows_of(path, inst, table))
    missing = next((r for r in samples[1:] if r not in now), None)
    if missing is not None:
        parts.append(f"first golden sample row not built: {missing!r}")
    return "; ".join(parts)


def test_every_institution_has_the_golden_tables(golden: dict[str, Any], built: tuple[Path, dict[str, Any]]) -> None:
    _path, now = built
    assert set(now["tables"]) == set(golden["tables"])
    for inst, tables in golden["tables"].items():
        assert set(now["tables"][inst]) == set(tables), inst


@pytest.mark.parametrize(
    "table",
    [
        "units",
        "unit_closure",
        "unit_populations",
        "institutions",
        "plans",
        "objectives",
        "indicators",
        "indicator_versions",
        "unit_baselines",
        "targets",
        "results",
        "sources",
        "editions",
        "edition_values",
        "batches",
        "audit_log",
        "audit_chain",
    ],
)
def test_table_is_as_golden(table: str, golden: dict[str, Any], built: tuple[Path, dict[str, Any]]) -> None:
    path, now = built
    checked = 0
    for inst, tables in golden["tables"].items():
        if table not in tables:
            continue
        want, have = tables[table], now["tables"].get(inst, {}).get(table)
        assert have is not None, f"{inst}/{table} is empty now"
        checked += 1
        if (have["rows"], have["sums"], have["sha256"]) != (want["rows"], want["sums"], want["sha256"]):
            pytest.fail(_where(path, inst, table, want, have, golden["samples"].get(f"{inst}/{table}", [])))
    assert checked, f"{table} is in no institution of the golden file"


def test_homicides_are_the_register_rows(built: tuple[Path, dict[str, Any]]) -> None:
    """HOM-01's national total for Jan–Oct 2025 is the register's row count (one row per intentional
    death), counted here from the xlsx by openpyxl; FEM-01's is its FEMICIDIO rows."""
    import sqlite3

    import openpyxl

    from demo import register_path

    book = openpyxl.load_workbook(register_path(), read_only=True)
    rows = book["1"].iter_rows(values_only=True)
    head = [str(h).strip().lower() for h in next(rows)]
    kind = head.index("tipo_muerte")
    kinds = [str(r[kind]).strip().upper() for r in rows if any(c is not None for c in r)]
    book.close()
    path, _ = built
    with sqlite3.connect(path) as db:
        total = dict(
            db.execute(
                "select i.code, sum(r.value) from results r join indicators i on i.id = r.indicator_id "
                "where i.code in ('HOM-01', 'FEM-01') group by i.code"
            )
        )
    assert total == {"HOM-01": float(len(kinds)), "FEM-01": float(kinds.count("FEMICIDIO"))}
