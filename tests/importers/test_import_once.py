"""``scorecard import`` as the command line runs it: a file whose kind is detected is read and safety-scanned
once (the book read to detect its kind is the one imported), and the unchanged re-import writes no figure."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, inspect, select, text

from cli.main import main
from scorecard.models import Result
from scorecard.store import Store
from tests.importers.test_long_columns import filed_months, fresh, table


def cli_import(path: Path, db: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    capsys.readouterr()
    code = main(["import", str(path), "--institution", "PN", "--db", str(db), "--json"])  # no --kind: detected
    out = capsys.readouterr().out
    assert code == 0, out
    report: dict[str, Any] = json.loads(out)
    return report


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[str]]:
    """Every workbook parse (python-calamine), every safety scan in this process and every one taken from
    the scanning child the command line starts (importers.prescan), by the file it was of."""
    import python_calamine

    from importers import prescan, safety

    calls: dict[str, list[str]] = {"read": [], "scan": [], "prescan": []}
    real_workbook, real_check, real_package = python_calamine.CalamineWorkbook, safety.check, prescan.Prescan.package

    def package(self: prescan.Prescan, path: Path) -> Any:
        said = real_package(self, path)
        if said is not None:
            calls["prescan"].append(Path(path).name)
        return said

    monkeypatch.setattr(prescan.Prescan, "package", package)

    class Counting:
        @staticmethod
        def from_path(path: str) -> Any:
            calls["read"].append(Path(path).name)
            return real_workbook.from_path(path)

    def check(path: Path) -> Any:
        calls["scan"].append(Path(path).name)
        return real_check(path)

    monkeypatch.setattr(python_calamine, "CalamineWorkbook", Counting)
    monkeypatch.setattr(safety, "check", check)
    return calls


def counts(db: Path) -> dict[str, int]:
    """Rows in every table of the database."""
    with Store.open(db) as store, store.reading() as s:
        names = inspect(s.connection()).get_table_names()
        return {n: int(s.execute(text(f'select count(*) from "{n}"')).scalar_one()) for n in names}


def test_a_detected_kind_is_read_and_scanned_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], counted: dict[str, list[str]]
) -> None:
    rows = filed_months([202501, 202502])
    path = table(tmp_path / "resultados.xlsx", rows)
    fresh(str(tmp_path / "db.sqlite")).close()
    out = cli_import(path, tmp_path / "db.sqlite", capsys)
    assert (out["kind"], out["new"], out["rows_read"]) == ("long", len(rows), len(rows))
    assert counted == {"read": ["resultados.xlsx"], "scan": [], "prescan": ["resultados.xlsx"]}
    with Store.open(tmp_path / "db.sqlite") as store, store.reading() as s:
        assert s.scalar(select(func.count()).select_from(Result)) == len(rows)


def test_a_detected_register_is_read_and_scanned_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], counted: dict[str, list[str]]
) -> None:
    from tests.importers.test_register import REGISTER, police_without_figures

    police_without_figures(tmp_path / "pn.sqlite").close()  # reads the register for its tree: not counted
    counted["read"].clear()
    counted["scan"].clear()
    out = cli_import(REGISTER, tmp_path / "pn.sqlite", capsys)
    assert (out["rows_read"], out["new"]) == (7553, 1082 * 10)  # as test_register counts them
    assert counted == {"read": [REGISTER.name], "scan": [], "prescan": [REGISTER.name]}


def test_an_unchanged_reimport_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = filed_months([202501, 202502, 202503])
    path = table(tmp_path / "resultados.xlsx", rows)
    db = tmp_path / "db.sqlite"
    fresh(str(db)).close()
    first = cli_import(path, db, capsys)
    assert (first["new"], first["changed"], first["unchanged"]) == (len(rows), 0, 0)
    before = counts(db)
    again = cli_import(path, db, capsys)
    assert (again["new"], again["changed"], again["written"], again["unchanged"]) == (0, 0, 0, len(rows))
    assert again["batch"] is None
    after = counts(db)
    # the one row it adds says the source sent its figures again (spec/cli.md's editions): no figure, no
    # batch, no audit entry, no edition value
    assert after.pop("editions") == before.pop("editions") + 1
    assert after == before
