"""The demo, now built by the importers, holds the same figures as before (tests/demo/golden.json, written by
make_golden.py from commit f548b84's scorecard/demo.py), table by table and institution by institution.

What changed on purpose is where the figures say they came from: the batches, the editions, the audit
log, and the results' provenance columns (``source``, ``source_file``…) are a user's imports' now.  Those
are checked here against what the imports must have made, counted from the register itself."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from tests.demo.golden import GOLDEN_PATH, PROVENANCE, picture, rows_of, without_provenance

# what the demo says: the same rows, the same sums, the same figures (provenance aside, golden.PROVENANCE)
FIGURE_TABLES = [
    "institutions",
    "units",
    "unit_closure",
    "unit_populations",
    "plans",
    "objectives",
    "indicators",
    "indicator_versions",
    "unit_baselines",
    "sources",
    "targets",
    "results",
]
# where the figures came from: a user's imports' now (checked below by what they must hold)
PROVENANCE_TABLES = {"batches", "editions", "edition_values", "register_events", "audit_log", "audit_chain"}


@pytest.fixture(scope="module")
def golden() -> dict[str, Any]:
    return dict(json.loads(GOLDEN_PATH.read_text(encoding="utf-8")))


@pytest.fixture(scope="module")
def built(demo_template: Path) -> tuple[Path, dict[str, Any]]:
    return demo_template, picture(demo_template)


@pytest.fixture(scope="module")
def register_kinds() -> list[str]:
    """The register's tipo_muerte, one per row (one row per death), read by openpyxl."""
    import openpyxl

    from demo import register_path

    book = openpyxl.load_workbook(register_path(), read_only=True)
    rows = book["1"].iter_rows(values_only=True)
    head = [str(h).strip().lower() for h in next(rows)]
    kind = head.index("tipo_muerte")
    kinds = [str(r[kind]).strip().upper() for r in rows if any(c is not None for c in r)]
    book.close()
    return kinds


def _where(path: Path, inst: str, table: str, want: dict[str, Any], have: dict[str, Any], samples: list[str]) -> str:
    """Which indicators' rows differ, the sums that do, and the first golden sample row not built."""
    parts = [f"{inst}/{table}: {have['rows']} rows (golden {want['rows']})"]
    bad = [k for k in sorted(set(want["by_indicator"]) | set(have["by_indicator"]))
           if want["by_indicator"].get(k) != have["by_indicator"].get(k)]  # fmt: skip
    if bad:
        parts.append(f"indicators whose rows differ (provenance included): {', '.join(bad[:10])}")
    sums = {n: (s, have["sums"].get(n)) for n, s in want["sums"].items() if have["sums"].get(n) != s}
    if sums:
        parts.append(f"sums (golden, now): {sums}")
    columns = want["columns"]
    now = {without_provenance(table, columns, r) for r in rows_of(path, inst, table)}
    missing = next((r for r in samples[1:] if without_provenance(table, columns, r) not in now), None)
    if missing is not None:
        parts.append(f"first golden sample row not built: {missing!r}")
    return "; ".join(parts)


def test_no_table_of_the_golden_file_is_missing(golden: dict[str, Any], built: tuple[Path, dict[str, Any]]) -> None:
    _path, now = built
    assert set(now["tables"]) == set(golden["tables"])
    for inst, tables in golden["tables"].items():
        missing = set(tables) - set(now["tables"][inst])
        assert not missing, f"{inst}: {sorted(missing)}"
        extra = set(now["tables"][inst]) - set(tables)
        assert extra <= PROVENANCE_TABLES, f"{inst}: {sorted(extra)}"  # only an import's own records


def test_every_table_of_the_golden_file_is_checked(golden: dict[str, Any]) -> None:
    tables = {t for tables in golden["tables"].values() for t in tables}
    assert tables <= set(FIGURE_TABLES) | PROVENANCE_TABLES, sorted(tables - set(FIGURE_TABLES) - PROVENANCE_TABLES)


@pytest.mark.parametrize("table", FIGURE_TABLES)
def test_table_is_as_golden(table: str, golden: dict[str, Any], built: tuple[Path, dict[str, Any]]) -> None:
    path, now = built
    checked = 0
    for inst, tables in golden["tables"].items():
        if table not in tables:
            continue
        want, have = tables[table], now["tables"].get(inst, {}).get(table)
        assert have is not None, f"{inst}/{table} is empty now"
        checked += 1
        sums = {n: v for n, v in have["sums"].items() if n not in PROVENANCE.get(table, set())}
        same = (have["columns"], have["rows"], sums, have["figures_sha256"]) == (
            want["columns"], want["rows"], want["sums"], want["figures_sha256"],
        )  # fmt: skip
        if not same:
            pytest.fail(_where(path, inst, table, want, have, golden["samples"].get(f"{inst}/{table}", [])))
    assert checked, f"{table} is in no institution of the golden file"


def test_homicides_are_the_register_rows(built: tuple[Path, dict[str, Any]], register_kinds: list[str]) -> None:
    """HOM-01's national total for Jan–Oct 2025 is the register's row count; FEM-01's its FEMICIDIO rows."""
    path, _ = built
    with sqlite3.connect(path) as db:
        total = dict(
            db.execute(
                "select i.code, sum(r.value) from results r join indicators i on i.id = r.indicator_id "
                "where i.code in ('HOM-01', 'FEM-01') group by i.code"
            )
        )
    assert total == {"HOM-01": float(len(register_kinds)), "FEM-01": float(register_kinds.count("FEMICIDIO"))}


def test_the_register_is_the_first_edition_of_its_source(
    built: tuple[Path, dict[str, Any]], register_kinds: list[str]
) -> None:
    """mdi's first edition is the register's import, of HOM-01, with its values and every event's key; the
    figures derived from it (HOM-02's rate, FEM-01 by district) are its second, a long table's."""
    from demo import REGISTER

    path, _ = built
    with sqlite3.connect(path) as db:
        editions = list(
            db.execute(
                "select e.id, e.kind, e.file, e.indicator_ids, e.first_month, e.last_month, b.kind from editions e "
                "join institutions n on n.id = e.institution_id left join batches b on b.id = e.batch_id "
                "where n.code = 'PN' and e.source = 'mdi' order by e.id"
            )
        )
        ids = dict(db.execute("select code, id from indicators where code in ('HOM-01', 'HOM-02', 'FEM-01')"))
        assert len(editions) == 2
        first, kind, file, on, since, until, batch = editions[0]
        assert (kind, file, json.loads(on), since, until, batch) == (
            "register", REGISTER, [ids["HOM-01"]], 202501, 202510, "register",
        )  # fmt: skip
        assert sorted(json.loads(editions[1][3])) == sorted([ids["HOM-02"], ids["FEM-01"]])
        for edition, codes in ((first, ["HOM-01"]), (editions[1][0], ["HOM-02", "FEM-01"])):
            marks = ",".join("?" * len(codes))
            kept = db.execute(
                "select count(*), total(value), total(numerator) from edition_values where edition_id = ?", (edition,)
            ).fetchone()
            results = db.execute(
                f"select count(*), total(value), total(numerator) from results where indicator_id in ({marks})",
                [ids[c] for c in codes],
            ).fetchone()
            assert kept[0] == results[0], codes
            assert kept[1:] == pytest.approx(results[1:], rel=1e-12), codes  # summed in another order
        events = db.execute("select count(*) from register_events where edition_id = ?", (first,)).fetchone()
        assert events == (len(register_kinds),)


def test_every_figure_came_through_an_import(built: tuple[Path, dict[str, Any]]) -> None:
    path, _ = built
    with sqlite3.connect(path) as db:
        kinds = {k for (k,) in db.execute("select distinct kind from batches")}
        sources = {s for (s,) in db.execute("select distinct source from results")}
        unbatched = db.execute("select count(*) from results where batch_id is null").fetchone()
        untargeted = db.execute("select count(*) from targets where batch_id is null").fetchone()
    assert kinds == {"register", "import", "import-targets"}
    assert sources == {"import"} and unbatched == (0,) and untargeted == (0,)
