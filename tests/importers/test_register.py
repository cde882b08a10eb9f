"""The real Ministerio del Interior register through `scorecard import --kind register`."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import Workbook
from sqlalchemy import select

from demo import PN_INDICATORS, PN_OBJECTIVES, register_path
from importers import register
from scorecard import police
from scorecard.models import AuditEntry, Result, Unit
from scorecard.plan_specs import PlanSpec
from scorecard.store import Store

REGISTER = register_path()


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cli.main", *args], capture_output=True, text=True, timeout=300, check=False
    )


def import_json(db: str, path: Path, *extra: str) -> dict[str, object]:
    proc = cli(
        "import",
        str(path),
        "--kind",
        "register",
        "--mapping",
        "mdi-homicidios",
        "--institution",
        "PN",
        "--db",
        db,
        "--json",
        *extra,
    )
    assert proc.returncode == 0, proc.stderr
    return dict(json.loads(proc.stdout))


def police_without_figures(db: Path, drop: set[str] | None = None) -> Store:
    """PN's units (from the register) and plan, but no figures."""
    store = Store.open(db, create=True)
    hierarchy = register.extract(REGISTER, register.mapping("mdi-homicidios")).hierarchy
    specs, _ = police.tree_from_hierarchy(hierarchy)
    specs = [u for u in specs if u.code not in (drop or set())]
    store.units.load("PN", specs, name=police.INSTITUTION_NAME, level_names=police.LEVELS)
    store.plans.load(
        "PN", PlanSpec(PN_OBJECTIVES, tuple(i for i in PN_INDICATORS if i.code != "ROB-01")), effective_from=190001
    )
    return store


@pytest.fixture(scope="module")
def register_frame() -> pd.DataFrame:
    frame = pd.read_excel(REGISTER, sheet_name="1", engine="calamine", dtype=str)
    frame["month"] = frame["fecha_infraccion"].str[:7].str.replace("-", "").astype(int)
    return frame


def test_every_subcircuit_month_equals_the_register_counted_with_pandas(
    tmp_path: Path, register_frame: pd.DataFrame
) -> None:
    db = tmp_path / "pn.sqlite"
    store = police_without_figures(db)
    out = import_json(str(db), REGISTER)
    assert (out["rows_read"], out["new"], out["changed"], out["skipped"]) == (7553, 1082 * 10, 0, 0)
    with store.reading() as s:
        stored = {
            (code, month): value
            for code, month, value in s.execute(
                select(Unit.code, Result.month, Result.value).join(Unit, Unit.id == Result.unit_id)
            )
        }
    expected = register_frame.groupby(["codigo_subcircuito", "month"]).size()
    for (code, month), count in expected.items():
        assert stored.pop((code, month)) == count
    assert set(stored.values()) == {0.0}  # every other subcircuit-month covered by the register is a 0
    # and summed up the tree: every zone, a subzone, district and circuit
    for level, key in (("zona", None), ("distrito", 5), ("circuito", 8)):
        sample = (
            sorted(register_frame["codigo_subcircuito"].str[:key].unique())[:3]
            if key
            else [f"Z{z}" for z in range(1, 10)]
        )
        for code in sample:
            for month in (202503, 202510):
                got = store.scoring.value("PN", "HOM-01", code, f"{month // 100}-{month % 100:02d}")["value"]
                rows = register_frame[register_frame["month"] == month]
                want = (
                    (rows["zona"] == f"ZONA {code[1:]}").sum()
                    if key is None
                    else (rows["codigo_subcircuito"].str[:key] == code).sum()
                )
                assert got == want, (level, code, month)
    dmq = store.scoring.value("PN", "HOM-01", "SZ17DMQ", "2025-10", ytd=True)["value"]
    assert dmq == (register_frame["subzona"] == "D.M. QUITO").sum()


def test_a_later_edition_replaces_the_months_it_covers(tmp_path: Path) -> None:
    db = tmp_path / "pn.sqlite"
    store = police_without_figures(db)
    import_json(str(db), REGISTER)
    # the publisher's next edition: one event of 09D08C04S07 in January withdrawn, everything else equal
    from python_calamine import CalamineWorkbook

    rows = CalamineWorkbook.from_path(str(REGISTER)).get_sheet_by_name("1").to_python()
    head = rows[0]
    sub, date = head.index("codigo_subcircuito"), head.index("fecha_infraccion")
    victim = next(i for i, r in enumerate(rows) if i and r[sub] == "09D08C04S07" and str(r[date]).startswith("2025-01"))
    before = sum(1 for r in rows[1:] if r[sub] == "09D08C04S07" and str(r[date]).startswith("2025-01"))
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for i, r in enumerate(rows):
        if i != victim:
            sheet.append(list(r))
    edition = tmp_path / "mdi_homicidios_segunda_edicion.xlsx"
    book.save(edition)

    preview = import_json(str(db), edition, "--dry-run")
    assert (preview["changed"], preview["batch"], preview["dry_run"]) == (1, None, True)
    out = import_json(str(db), edition)
    assert (out["new"], out["changed"], out["unchanged"]) == (0, 1, 1082 * 10 - 1)
    assert store.scoring.value("PN", "HOM-01", "09D08C04S07", "2025-01")["value"] == before - 1
    with store.reading() as s:
        entry = s.scalars(select(AuditEntry).where(AuditEntry.entity == "result")).one()
    assert (entry.old["value"], entry.new["value"], entry.batch_id) == (before, before - 1, out["batch"])
    again = import_json(str(db), edition)  # idempotent: nothing written the second time
    assert (again["batch"], again["changed"], again["new"]) == (None, 0, 0)


def test_unknown_units_are_listed_or_created(tmp_path: Path) -> None:
    db = tmp_path / "pn.sqlite"
    store = police_without_figures(db, drop={"09D08C04S07", "09D08C04S01"})
    proc = cli(
        "import",
        str(REGISTER),
        "--kind",
        "register",
        "--mapping",
        "mdi-homicidios",
        "--institution",
        "PN",
        "--db",
        str(db),
        "--lang",
        "es",
    )
    assert proc.returncode == 1
    assert "2 códigos de unidad del registro no existen" in proc.stderr and "09D08C04S07" in proc.stderr
    with store.reading() as s:
        assert s.scalar(select(Result.id).limit(1)) is None  # nothing written
    out = import_json(str(db), REGISTER, "--add-missing-units")
    assert out["units_created"] == 2 and out["new"] == 1082 * 10
    assert {u.code for u in store.units.list("PN")} >= {"09D08C04S07", "09D08C04S01"}


def test_an_unknown_mapping_suggests_the_bundled_one(tmp_path: Path) -> None:
    db = tmp_path / "pn.sqlite"
    police_without_figures(db)
    proc = cli(
        "import", str(REGISTER), "--mapping", "mdi-homicidio", "--institution", "PN", "--db", str(db), "--lang", "en"
    )
    assert proc.returncode == 1 and "Did you mean: mdi-homicidios" in proc.stderr
