"""One figure, one truth through the ``scorecard`` command: the real Ministerio del Interior register as
source ``mdi``, a national summary written here with openpyxl as source ``resumen``, and a later register
edition (events moved from late September to October) built here from the real file.  Every expected
figure is counted with pandas from the register, or written out by hand."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import openpyxl
import pandas as pd
import pytest
from python_calamine import CalamineWorkbook

REGISTER = Path(__file__).parents[2] / "resources" / "demo" / "mdi_homicidios_intencionales_2025_ene_oct.xlsx"
MOVED_FROM = "2025-09-28"  # later edition: events of Guayas (09…) from this day on move to 1 October


def cli(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(
        [sys.executable, "-m", "cli.main", *args], capture_output=True, text=True, timeout=300, check=False
    )
    if check:
        assert proc.returncode == 0, proc.stderr
    return proc


def as_json(*args: str) -> dict[str, Any]:
    return dict(json.loads(cli(*args, "--json").stdout))


def value_of(db: str, unit: str, period: str) -> dict[str, Any]:
    return as_json(
        "value", "--institution", "PN", "--indicator", "HOM-01", "--unit", unit, "--period", period, "--db", db
    )


def reconcile(db: str) -> dict[str, Any]:
    return as_json("reconcile", "--institution", "PN", "--indicator", "HOM-01", "--period", "2025-09", "--db", db)


@pytest.fixture(scope="module")
def register() -> pd.DataFrame:
    frame = pd.read_excel(REGISTER, sheet_name="1", engine="calamine", dtype=str)
    frame["month"] = frame["fecha_infraccion"].str[:7]
    frame["zone"] = "Z" + frame["zona"].str.replace("ZONA ", "", regex=False)
    frame["row"] = range(2, len(frame) + 2)
    return frame


@pytest.fixture(scope="module")
def later_edition(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real register with Guayas' last days of September moved to 1 October (as a later edition
    restates months), written by openpyxl."""
    rows = CalamineWorkbook.from_path(str(REGISTER)).get_sheet_by_name("1").to_python()
    head = rows[0]
    date, unit = head.index("fecha_infraccion"), head.index("codigo_subcircuito")
    out = openpyxl.Workbook(write_only=True)
    ws = out.create_sheet("1")
    ws.append(head)
    for row in rows[1:]:
        r = list(row)
        if str(r[date])[:10] >= MOVED_FROM and str(r[date])[:7] == "2025-09" and str(r[unit]).startswith("09"):
            r[date] = dt.date(2025, 10, 1)
        ws.append(r)
    path = tmp_path_factory.mktemp("ed") / "mdi_noviembre.xlsx"
    out.save(path)
    return path


SUMMARY = {"2025-08": 760, "2025-09": 770, "2025-10": 753}  # a publisher's national totals
SUMMARY_Z8 = 300  # and its figure for Zona 8 in September


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo with sources declared, the register imported as ``mdi`` and the summary as ``resumen``."""
    folder = tmp_path_factory.mktemp("sources")
    db = folder / "base.sqlite"
    as_json("init", "--demo", "--db", str(db))
    added = as_json(
        "sources",
        "add",
        "mdi",
        "--name",
        "Ministerio del Interior",
        "--institution",
        "PN",
        "--official-for",
        "HOM-01",
        "--db",
        str(db),
    )
    assert "HOM-01" in added["official_for"]  # the demo already names mdi as its register's source
    as_json("sources", "add", "resumen", "--name", "Resumen nacional", "--institution", "PN", "--db", str(db))
    summary = folder / "resumen.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["unidad", "indicador", "periodo", "valor"])
    for month, v in SUMMARY.items():
        ws.append(["PN", "HOM-01", month, v])
    ws.append(["Z8", "HOM-01", "2025-09", SUMMARY_Z8])
    wb.save(summary)
    out = as_json("import", str(summary), "--institution", "PN", "--source", "resumen", "--db", str(db))
    assert (out["new"], out["source"]) == (4, "resumen")
    out = as_json(
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
    )
    assert out["source"] == "mdi" and out["edition"] is not None
    return db


@pytest.fixture
def db(base: Path, tmp_path: Path) -> str:
    copy = tmp_path / "db.sqlite"
    shutil.copy(base, copy)
    return str(copy)


def test_sources_are_listed_with_their_editions(db: str) -> None:
    listed = {s["source"]: s for s in as_json("sources", "list", "--institution", "PN", "--db", db)["sources"]}
    assert listed["mdi"]["name"] == "Ministerio del Interior"  # renamed by the fixture's `sources add`
    assert listed["mdi"]["official_for"] == ["FEM-01", "HOM-01", "HOM-02"]
    # the demo's load is two editions (the register: HOM-01; the rate and femicides derived from it), then
    # the fixture's import of the register
    assert listed["mdi"]["editions"] == 2 + 1 and listed["resumen"]["editions"] == 1
    assert listed["resumen"]["official_for"] == []


def test_reconcile_puts_every_source_side_by_side(db: str, register: pd.DataFrame) -> None:
    out = reconcile(db)
    assert out["official"] == "mdi" and set(out["sources"]) == {"mdi", "resumen"}
    september = register[register["month"] == "2025-09"]
    by_zone = september.groupby("zone").size()
    rows = {r["unit"]: r for r in out["rows"]}
    assert list(rows) == ["PN", *sorted(by_zone.index)]  # the root and its children
    national = len(september)
    assert rows["PN"]["values"] == {"mdi": national, "resumen": SUMMARY["2025-09"]}
    # 770 against 755: 15 events, 1.99 % — within the 2 % tolerance, so no disagreement
    diff = SUMMARY["2025-09"] - national
    assert rows["PN"]["differences"]["resumen"]["abs"] == diff
    assert rows["PN"]["differences"]["resumen"]["pct"] == pytest.approx(diff / national * 100)
    assert (abs(diff) / national * 100 > 2) == rows["PN"]["disagree"]
    assert rows["Z8"]["values"] == {"mdi": by_zone["Z8"], "resumen": SUMMARY_Z8}
    assert rows["Z8"]["disagree"] is True and rows["Z8"]["open"] is True  # 67 events, 28.8 %
    assert rows["Z8"]["spread"] == SUMMARY_Z8 - by_zone["Z8"]
    assert rows["Z1"]["values"] == {"mdi": by_zone["Z1"], "resumen": None} and rows["Z1"]["disagree"] is False
    # the districts of Zona 8, as the register's own district column counts them
    out = as_json(
        "reconcile",
        "--institution",
        "PN",
        "--indicator",
        "HOM-01",
        "--period",
        "2025-09",
        "--unit",
        "Z8",
        "--level",
        "distrito",
        "--db",
        db,
    )
    z8 = september[september["zone"] == "Z8"]
    expected = z8.groupby(z8["codigo_subcircuito"].str[:5]).size()
    got = {r["unit"]: r["values"]["mdi"] for r in out["rows"] if r["values"]["mdi"]}
    assert got == {k: v for k, v in expected.items()}
    # year to date: the summary has only August to October nationally
    out = as_json(
        "reconcile", "--institution", "PN", "--indicator", "HOM-01", "--period", "2025-10", "--ytd", "--db", db
    )
    root = out["rows"][0]
    assert root["values"]["mdi"] == len(register[register["month"] <= "2025-10"])
    assert root["values"]["resumen"] == sum(SUMMARY.values())


def test_a_tighter_tolerance_makes_a_disagreement(db: str) -> None:
    from sqlalchemy import create_engine, text

    with create_engine(f"sqlite:///{db}").begin() as conn:
        conn.execute(text("update institutions set tolerance_pct = 1 where code = 'PN'"))
    out = reconcile(db)
    assert out["rows"][0]["disagree"] is True and out["tolerance"] == {"pct": 1.0, "abs": 2.0}


def test_a_certified_figure_wins_in_the_scorecard_and_the_roll_up(db: str, register: pd.DataFrame) -> None:
    september = register[register["month"] == "2025-09"]
    z8 = int((september["zone"] == "Z8").sum())
    done = as_json(
        "certify",
        "--institution",
        "PN",
        "--indicator",
        "HOM-01",
        "--unit",
        "Z8",
        "--period",
        "2025-09",
        "--value",
        "290",
        "--reason",
        "Conciliado con la Fiscalía",
        "--db",
        db,
    )
    assert done["value"] == 290 and done["source"] is None and done["basis"] == {"mdi": z8, "resumen": SUMMARY_Z8}
    value = value_of(db, "Z8", "2025-09")
    assert value["value"] == 290 and value["certified"] is True and value["source"] is None
    root = value_of(db, "PN", "2025-09")
    assert root["value"] == len(september) - z8 + 290  # Zona 8's certified figure in the national sum
    assert root["certified"] is False and root["source"] == "mdi" and root["certified_in"] == 1
    card = as_json("scorecard", "--institution", "PN", "--period", "2025-09", "--db", db)
    line = next(i for o in card["objectives"] for i in o["indicators"] if i["code"] == "HOM-01")
    assert line["value"] == len(september) - z8 + 290
    # certifying the national figure from the summary: the root's own figure wins over its zones
    as_json(
        "certify",
        "--institution",
        "PN",
        "--indicator",
        "HOM-01",
        "--unit",
        "PN",
        "--period",
        "2025-09",
        "--source",
        "resumen",
        "--reason",
        "Cifra publicada",
        "--db",
        db,
    )
    root = value_of(db, "PN", "2025-09")
    assert (root["value"], root["certified"], root["source"]) == (SUMMARY["2025-09"], True, "resumen")
    quarter = value_of(db, "PN", "2025-Q3")
    july_august = int(register["month"].isin(["2025-07", "2025-08"]).sum())
    assert quarter["value"] == july_august + SUMMARY["2025-09"] and quarter["certified"] is False
    listed = as_json("certifications", "--institution", "PN", "--db", db)["certifications"]
    assert {(c["unit"], c["value"]) for c in listed} == {("Z8", 290), ("PN", SUMMARY["2025-09"])}
    audit = as_json("audit", "--indicator", "HOM-01", "--period", "2025-09", "--db", db)["entries"]
    assert any(e["action"] == "certify" and e["reason"] == "Cifra publicada" for e in audit)


def test_a_later_edition_is_a_pending_revision_and_editions_list_in_order(
    db: str, register: pd.DataFrame, later_edition: Path
) -> None:
    september = register[register["month"] == "2025-09"]
    z8_before = int((september["zone"] == "Z8").sum())
    as_json(
        "certify",
        "--institution",
        "PN",
        "--indicator",
        "HOM-01",
        "--unit",
        "Z8",
        "--period",
        "2025-09",
        "--source",
        "mdi",
        "--reason",
        "Registro del Ministerio",
        "--db",
        db,
    )
    out = as_json(
        "import",
        str(later_edition),
        "--kind",
        "register",
        "--mapping",
        "mdi-homicidios",
        "--institution",
        "PN",
        "--db",
        db,
    )
    moved = september[
        (september["fecha_infraccion"].str[:10] >= MOVED_FROM) & september["codigo_subcircuito"].str.startswith("09")
    ]
    assert out["changed"] > 0
    z8_moved = int((moved["zone"] == "Z8").sum())
    assert z8_moved > 0
    # the certified figure stays; the new edition's is a pending revision
    value = value_of(db, "Z8", "2025-09")
    assert value["value"] == z8_before and value["certified"] is True
    rec = reconcile(db)
    z8 = next(r for r in rec["rows"] if r["unit"] == "Z8")
    assert z8["values"]["mdi"] == z8_before - z8_moved and z8["certified"] == z8_before
    assert z8["pending"] is True and z8["certification"]["revised"] == {"mdi": z8_before - z8_moved}
    z1 = next(r for r in rec["rows"] if r["unit"] == "Z1")
    assert z1["pending"] is False and z1["certified"] is None
    # the revision history of Zona 8's September and October, oldest first
    editions = as_json(
        "editions",
        "--institution",
        "PN",
        "--indicator",
        "HOM-01",
        "--unit",
        "Z8",
        "--period",
        "2025-09",
        "--source",
        "mdi",
        "--db",
        db,
    )["editions"]
    # the demo's load, the same register imported again (nothing changed), the later edition
    assert [e["value"] for e in editions] == [z8_before, z8_before, z8_before - z8_moved]
    assert [e["file"] for e in editions] == [REGISTER.name, REGISTER.name, later_edition.name]
    assert editions[0]["imported_at"] <= editions[1]["imported_at"] <= editions[2]["imported_at"]
    october = register[(register["month"] == "2025-10") & (register["zone"] == "Z8")]
    editions = as_json(
        "editions", "--institution", "PN", "--indicator", "HOM-01", "--unit", "Z8", "--period", "2025-10", "--db", db
    )["editions"]
    assert [(e["source"], e["value"]) for e in editions] == [  # the demo's load came before the summary
        ("mdi", len(october)),
        ("resumen", None),
        ("mdi", len(october)),
        ("mdi", len(october) + z8_moved),
    ]
    # register against register: exactly the moved events, on each side in its own month
    events = as_json(
        "reconcile",
        "--institution",
        "PN",
        "--indicator",
        "HOM-01",
        "--period",
        "2025-09",
        "--unit",
        "Z8",
        "--events",
        "mdi",
        "--db",
        db,
    )
    first, second = events["compared"]
    assert first["file"] == REGISTER.name and second["file"] == later_edition.name
    assert sorted(e["row"] for e in first["only_here"]) == sorted(moved[moved["zone"] == "Z8"]["row"])
    assert second["only_here"] == [] and events["common"] == z8_before - z8_moved
    # certifying again settles the revision
    as_json(
        "certify",
        "--institution",
        "PN",
        "--indicator",
        "HOM-01",
        "--unit",
        "Z8",
        "--period",
        "2025-09",
        "--source",
        "mdi",
        "--reason",
        "Nueva edición",
        "--db",
        db,
    )
    rec = reconcile(db)
    z8 = next(r for r in rec["rows"] if r["unit"] == "Z8")
    assert z8["pending"] is False and z8["certified"] == z8_before - z8_moved


def test_refusals_say_why_and_write_nothing(db: str) -> None:
    bad = cli(
        "certify",
        "--institution",
        "PN",
        "--indicator",
        "HOM-01",
        "--unit",
        "Z8",
        "--period",
        "2025-09",
        "--source",
        "fiscalia",
        "--reason",
        "x",
        "--db",
        db,
        "--lang",
        "en",
        check=False,
    )
    assert bad.returncode == 1 and "fiscalia" in bad.stderr and "mdi" in bad.stderr
    bad = cli(
        "certify",
        "--institution",
        "PN",
        "--indicator",
        "HOM-01",
        "--unit",
        "Z8",
        "--period",
        "2025-Q3",
        "--value",
        "3",
        "--reason",
        "x",
        "--db",
        db,
        "--lang",
        "en",
        check=False,
    )
    assert bad.returncode == 1 and "month" in bad.stderr
    bad = cli(
        "certify",
        "--institution",
        "PN",
        "--indicator",
        "HOM-01",
        "--unit",
        "Z8",
        "--period",
        "2025-09",
        "--value",
        "3",
        "--reason",
        "  ",
        "--db",
        db,
        check=False,
    )
    assert bad.returncode == 1 and "motivo" in bad.stderr
    bad = cli(
        "import",
        str(REGISTER),
        "--kind",
        "register",
        "--institution",
        "PN",
        "--source",
        "fiscalia",
        "--db",
        db,
        "--lang",
        "en",
        check=False,
    )
    assert bad.returncode == 1 and "fiscalia" in bad.stderr
    as_json("user", "add", "jefe_z8", "--role", "commander", "--institution", "PN", "--scope", "Z8", "--db", db)
    bad = cli(
        "certify",
        "--institution",
        "PN",
        "--indicator",
        "HOM-01",
        "--unit",
        "Z8",
        "--period",
        "2025-09",
        "--value",
        "3",
        "--reason",
        "x",
        "--db",
        db,
        "--user",
        "jefe_z8",
        check=False,
    )
    assert bad.returncode == 1 and "certify" in bad.stderr and "jefe_z8" in bad.stderr
    assert as_json("certifications", "--institution", "PN", "--db", db)["certifications"] == []


def test_reports_say_whose_figure_and_list_open_disagreements(db: str, tmp_path: Path, register: pd.DataFrame) -> None:
    september = register[register["month"] == "2025-09"]
    z8 = int((september["zone"] == "Z8").sum())

    def report(name: str) -> dict[str, Any]:
        return as_json(
            "report",
            "--institution",
            "PN",
            "--period",
            "2025-09",
            "--unit",
            "Z8",
            "-o",
            str(tmp_path / f"{name}.pdf"),
            "--xlsx",
            str(tmp_path / f"{name}.xlsx"),
            "--db",
            db,
        )

    before = report("before")
    text = subprocess.run(
        ["pdftotext", "-layout", str(tmp_path / "before.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Anexo — discrepancias entre fuentes" in text
    annex = text[text.index("Anexo — discrepancias") :]
    assert f"mdi {z8}, resumen {SUMMARY_Z8}" in annex and "Abierta" in annex
    as_json(
        "certify",
        "--institution",
        "PN",
        "--indicator",
        "HOM-01",
        "--unit",
        "Z8",
        "--period",
        "2025-09",
        "--value",
        "290",
        "--reason",
        "Conciliado",
        "--db",
        db,
    )
    after = report("after")
    assert after["fingerprint"] != before["fingerprint"]  # what a signature covers includes the certification
    text = subprocess.run(
        ["pdftotext", "-layout", str(tmp_path / "after.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "* Cifra certificada: HOM-01 290 (cifra conciliada," in text
    assert "Anexo — discrepancias" not in text  # certified and not revised since: nothing left open
    book = CalamineWorkbook.from_path(str(tmp_path / "after.xlsx"))
    rows = book.get_sheet_by_name("indicadores").to_python()
    head = rows[0]
    line = next(r for r in rows[1:] if r[head.index("Código")] == "HOM-01")
    assert line[head.index("Resultado")] == 290
    assert (line[head.index("Fuente")], line[head.index("Cifra certificada")]) == ("cifra conciliada", "sí")
    before_book = CalamineWorkbook.from_path(str(tmp_path / "before.xlsx"))
    annex_rows = before_book.get_sheet_by_name("discrepancias").to_python()
    assert annex_rows[1][:8] == [
        "PN",
        "Z8",
        "HOM-01",
        "resumen",
        SUMMARY_Z8,
        z8,
        SUMMARY_Z8 - z8,
        pytest.approx((SUMMARY_Z8 - z8) / z8),
    ]
