"""A units sheet as planning offices write it: the zones with an empty ``padre`` hang under the
institution's root, made from the institution when it has none yet (spec: issue 14)."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select

from cli.main import main
from scorecard.models import AuditEntry, Unit, UnitClosure
from scorecard.store import Store
from tests.libreoffice import convert

SHEET = [
    ("codigo", "nombre", "nivel", "padre", "poblacion", "anio"),
    ("Z1", "Zona 1", "zona", None, 1_200_000, 2025),
    ("Z2", "Zona 2", "zona", "", 800_000, 2025),
    ("Z1-D1", "Distrito Norte", "distrito", "Z1", None, None),
    ("Z1-D2", "Distrito Sur", "distrito", "Z1", None, None),
    ("Z2-D1", "Distrito Este", "distrito", "z2", None, None),
]


def write_sheet(path: Path, rows: list[tuple[object, ...]]) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "unidades"
    ws.append(["Unidades de la institución (borrador de planificación)"])  # a title row above the header
    for row in rows:
        ws.append(list(row))
    wb.save(path)
    return path


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict[str, object], str]:
    db = args[args.index("--db") + 1]
    if not Path(db).exists():
        Store.open(db, create=True).close()
    code = main([*args, "--json"])
    out, err = capsys.readouterr()
    return code, (json.loads(out) if out.strip() else {}), err


def tree(db: Path, institution: str = "MI") -> dict[str, tuple[str | None, str, str]]:
    """code → (parent code, level, name), read straight from the tables."""
    with Store.open(db).reading() as s:
        units = list(s.scalars(select(Unit)))
        code_of = {u.id: u.code for u in units}
        return {u.code: (code_of.get(u.parent_id or -1), u.level, u.name) for u in units}


def test_several_top_units_hang_under_a_root_made_from_the_institution(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "t.sqlite"
    sheet = write_sheet(tmp_path / "unidades.xlsx", SHEET)
    code, out, err = cli(
        capsys, "units", "import", str(sheet), "--institution", "MI", "--name", "Ministerio", "--db", str(db)
    )
    assert code == 0, err
    assert out["root_created"] == {"code": "MI", "name": "Ministerio", "level": "nacional"}
    assert (out["units"], out["new"]) == (6, 6)
    assert tree(db) == {
        "MI": (None, "nacional", "Ministerio"),
        "Z1": ("MI", "zona", "Zona 1"),
        "Z2": ("MI", "zona", "Zona 2"),
        "Z1-D1": ("Z1", "distrito", "Distrito Norte"),
        "Z1-D2": ("Z1", "distrito", "Distrito Sur"),
        "Z2-D1": ("Z2", "distrito", "Distrito Este"),
    }
    with Store.open(db).reading() as s:
        root = s.scalar(select(Unit.id).where(Unit.code == "MI"))
        below = set(
            s.scalars(
                select(Unit.code)
                .join(UnitClosure, UnitClosure.descendant_id == Unit.id)
                .where(UnitClosure.ancestor_id == root)
            )
        )
        created = [e.new for e in s.scalars(select(AuditEntry).where(AuditEntry.entity == "unit"))]
    assert below == {"MI", "Z1", "Z2", "Z1-D1", "Z1-D2", "Z2-D1"}
    assert any(e and "MI" in e.get("codes", []) for e in created)
    # the words of the report say so, in both languages
    assert main(["units", "list", "--institution", "MI", "--db", str(db)]) == 0
    capsys.readouterr()
    db2 = tmp_path / "t2.sqlite"
    Store.open(db2, create=True).close()
    assert main(["units", "import", str(sheet), "--institution", "MI", "--db", str(db2), "--lang", "es"]) == 0
    assert "Raíz creada: MI" in capsys.readouterr().out
    db3 = tmp_path / "t3.sqlite"
    Store.open(db3, create=True).close()
    assert main(["units", "import", str(sheet), "--institution", "MI", "--db", str(db3), "--lang", "en"]) == 0
    assert "Root created: MI" in capsys.readouterr().out


def test_the_same_sheet_again_changes_nothing_and_makes_no_second_root(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "t.sqlite"
    sheet = write_sheet(tmp_path / "unidades.xlsx", SHEET)
    assert cli(capsys, "units", "import", str(sheet), "--institution", "MI", "--db", str(db))[0] == 0
    code, again, err = cli(capsys, "units", "import", str(sheet), "--institution", "MI", "--db", str(db))
    assert code == 0, err
    assert (again["new"], again["changed"], again["root_created"]) == (0, 0, None)
    # a new zone later, again without a parent: under the stored root
    more = write_sheet(tmp_path / "mas.xlsx", [SHEET[0], ("Z3", "Zona 3", "zona", None, None, None)])
    code, out, err = cli(capsys, "units", "import", str(more), "--institution", "MI", "--db", str(db))
    assert code == 0, err
    assert (out["new"], out["root_created"]) == (1, None)
    assert tree(db)["Z3"] == ("MI", "zona", "Zona 3")


def test_a_single_root_tree_is_unchanged(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "t.sqlite"
    rows = [SHEET[0], ("PN", "Policía", "nacional", None, None, None), ("Z1", "Zona 1", "zona", "PN", None, None)]
    code, out, err = cli(
        capsys, "units", "import", str(write_sheet(tmp_path / "u.xlsx", rows)), "--institution", "PN", "--db", str(db)
    )
    assert code == 0, err
    assert out["root_created"] is None
    assert tree(db, "PN") == {"PN": (None, "nacional", "Policía"), "Z1": ("PN", "zona", "Zona 1")}


def test_a_top_unit_named_as_the_institution_is_its_root(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "t.sqlite"
    rows = [SHEET[0], ("Z1", "Zona 1", "zona", None, None, None), ("mi", "Ministerio", "país", None, None, None)]
    code, out, err = cli(
        capsys, "units", "import", str(write_sheet(tmp_path / "u.xlsx", rows)), "--institution", "MI", "--db", str(db)
    )
    assert code == 0, err
    assert out["root_created"] is None
    assert tree(db) == {"mi": (None, "país", "Ministerio"), "Z1": ("mi", "zona", "Zona 1")}


def test_a_sheet_saved_by_libreoffice_with_empty_parents(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    made = write_sheet(tmp_path / "orig.xlsx", SHEET)
    resaved = convert(made, "xlsx", tmp_path / "lo")
    db = tmp_path / "t.sqlite"
    code, out, err = cli(capsys, "units", "import", str(resaved), "--institution", "MI", "--db", str(db))
    assert code == 0, err
    assert out["root_created"] == {"code": "MI", "name": "MI", "level": "nacional"}
    assert {c: p for c, (p, _l, _n) in tree(db).items()} == {
        "MI": None,
        "Z1": "MI",
        "Z2": "MI",
        "Z1-D1": "Z1",
        "Z1-D2": "Z1",
        "Z2-D1": "Z2",
    }
