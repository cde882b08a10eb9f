"""The safety scan the command line starts in a second process (importers.prescan): it must say exactly what
the scan in this process says — for every file of the hostile corpus — and when it cannot say anything the
file is scanned here, as before."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from cli.main import main
from importers import prescan, safety
from tests.importers.test_long_columns import filed_months, fresh, table

CORPUS = Path(__file__).parent / "corpus"
SPREADSHEETS = sorted(p for p in CORPUS.iterdir() if p.suffix.lower() in prescan.SUFFIXES)


def verdict(scan: Any, path: Path) -> tuple[Any, ...]:
    try:
        package = scan(path)
    except safety.Refused as exc:
        return ("refused", exc.reasons)
    problems = [(p.message_id, p.sheet, p.row, p.column, p.value, p.params) for p in package.problems]
    return (package.kind, sorted(package.hidden_sheets), problems)


@pytest.mark.parametrize("path", SPREADSHEETS, ids=lambda p: p.name)
def test_the_child_says_what_the_scan_here_says(path: Path) -> None:
    child = prescan.start(str(path))
    assert child is not None
    assert verdict(child.package, path) == verdict(safety.check, path)


def test_the_corpus_holds_refusals_and_problems_for_the_child_to_carry() -> None:
    said = [verdict(safety.check, p) for p in SPREADSHEETS]
    assert sum(v[0] == "refused" for v in said) >= 5
    assert any(v[0] != "refused" and v[2] for v in said), "a file with a formula without its result"
    assert any(v[0] != "refused" and v[1] for v in said), "a file with a hidden sheet"


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(argv)
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.mark.parametrize("name", ["entity_bomb.xlsx", "far_row.xlsx", "formula_no_result.xlsx", "zip_bomb_ratio.xlsx"])
def test_the_command_answers_a_hostile_file_as_without_the_child(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "db.sqlite"
    fresh(str(db)).close()
    argv = ["import", str(CORPUS / name), "--institution", "PN", "--db", str(db), "--json"]
    used: list[bool] = []
    real = prescan.Prescan.package
    monkeypatch.setattr(prescan.Prescan, "package", lambda self, p: used.append(True) or real(self, p))
    with_child = run(argv, capsys)
    assert used, "the child's scan was taken"
    monkeypatch.setattr(prescan, "start", lambda _file: None)
    assert with_child == run(argv, capsys)
    assert with_child[0] == 1 and with_child[2].strip()


def test_a_child_that_fails_leaves_the_scan_to_this_process(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = filed_months([202501])
    path = table(tmp_path / "resultados.xlsx", rows)
    db = tmp_path / "db.sqlite"
    fresh(str(db)).close()
    scans: list[str] = []
    real_check = safety.check
    monkeypatch.setattr(safety, "check", lambda p: scans.append(Path(p).name) or real_check(p))
    monkeypatch.setattr(prescan.sys, "executable", "/bin/false")  # the child exits 1 and prints nothing
    code, out, _err = run(["import", str(path), "--institution", "PN", "--db", str(db), "--json"], capsys)
    assert code == 0 and json.loads(out)["new"] == len(rows)
    assert scans == ["resultados.xlsx"]


def test_a_child_asked_about_another_file_says_nothing(tmp_path: Path) -> None:
    a = table(tmp_path / "a.xlsx", filed_months([202501]))
    b = table(tmp_path / "b.xlsx", filed_months([202502]))
    child = prescan.start(str(a))
    assert child is not None
    assert child.package(b) is None
    assert child.proc.returncode is not None, "and it is not left running"
