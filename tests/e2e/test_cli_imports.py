"""What one command's process loads: month-end scripts start `scorecard value` hundreds of times, so the
answer must not pay for pandas, numpy, scipy, alembic or the report libraries (benchmarks/command.py times it).
Real processes on the real demo database; the figure is checked against the stored results summed by sqlite3."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from cli.main import build_parser

HEAVY = ("pandas", "numpy", "scipy", "alembic", "openpyxl", "reportlab", "pyhanko", "python_calamine")
VALUE = ["value", "--institution", "PN", "--indicator", "HOM-01", "--unit", "09D08", "--period", "2025-10"]


def imported(args: list[str]) -> tuple[dict, set[str]]:  # type: ignore[type-arg]
    """The JSON answer of ``scorecard ARGS --json`` and every module its process imported."""
    proc = subprocess.run([sys.executable, "-X", "importtime", "-m", "cli", *args, "--json"],
                          capture_output=True, text=True, timeout=300, check=False)  # fmt: skip
    assert proc.returncode == 0, proc.stderr[-2000:]
    names = {line.rsplit("|", 1)[-1].strip() for line in proc.stderr.splitlines() if line.startswith("import time:")}
    assert "cli.main" in names, "importtime saw nothing: the check would pass vacuously"
    return json.loads(proc.stdout), names


def hom01_of_09d08_in_october(db: Path) -> float:
    """HOM-01 is a count: the district's figure is the sum of what its leaves filed that month."""
    with sqlite3.connect(db) as conn:
        (total,) = conn.execute(
            """SELECT sum(r.value) FROM results r
               JOIN indicators i ON i.id = r.indicator_id
               JOIN institutions n ON n.id = i.institution_id AND n.code = 'PN'
               JOIN unit_closure c ON c.descendant_id = r.unit_id
               JOIN units u ON u.id = c.ancestor_id AND u.institution_id = n.id AND u.code = '09D08'
               WHERE i.code = 'HOM-01' AND r.month = 202510
                 AND NOT EXISTS (SELECT 1 FROM units child WHERE child.parent_id = r.unit_id)"""
        ).fetchone()
    conn.close()
    return float(total)


@pytest.mark.slow
def test_a_value_asked_again_loads_no_heavy_library(demo_copy: Path) -> None:
    expected = hom01_of_09d08_in_october(demo_copy)
    assert expected > 0
    first, _ = imported([*VALUE, "--db", str(demo_copy)])  # computes the figure and keeps the unit's view
    again, modules = imported([*VALUE, "--db", str(demo_copy)])
    assert first["value"] == again["value"] == expected
    assert again == first
    assert sorted(h for h in HEAVY if h in modules) == []


@pytest.mark.slow
def test_a_scorecard_asked_again_loads_no_heavy_library_and_answers_the_same(demo_copy: Path) -> None:
    args = ["scorecard", "--institution", "PN", "--period", "2025-10", "--unit", "09D08", "--db", str(demo_copy)]
    first, _ = imported(args)
    again, modules = imported(args)
    assert again == first
    line = next(i for o in again["objectives"] for i in o["indicators"] if i["code"] == "HOM-01")
    assert line["value"] == hom01_of_09d08_in_october(demo_copy)
    assert sorted(h for h in HEAVY if h in modules) == []


def test_building_the_parser_imports_no_handler_module() -> None:
    code = (
        "import sys; from cli.main import build_parser; build_parser(); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('sqlalchemy', 'pandas', 'numpy') "
        "or m in ('cli.commands', 'cli.workflow_commands', 'scorecard.store')))"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]"


def test_every_command_names_a_handler_that_exists() -> None:
    from cli.main import _handler

    def leaves(parser: object) -> list[object]:
        subs = [a for a in getattr(parser, "_actions", []) if a.__class__.__name__ == "_SubParsersAction"]
        if not subs:
            return [parser]
        return [leaf for s in subs for p in s.choices.values() for leaf in leaves(p)]

    handlers = [p.get_default("handler") for p in leaves(build_parser())]  # type: ignore[attr-defined]
    named = [h for h in handlers if h is not None]
    assert len(named) >= 40  # every command but `gui` (handed over before parsing)
    assert all(callable(_handler(h)) for h in named)


def test_main_leaves_the_cyclic_collector_as_it_found_it(demo_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The handler's imports run with the collector off (cli.main); a caller's setting survives either way."""
    import gc

    from cli.main import main

    was_on = gc.isenabled()
    try:
        for on in (False, True):
            (gc.enable if on else gc.disable)()
            assert main([*VALUE, "--db", str(demo_copy), "--json"]) == 0
            assert gc.isenabled() is on
            assert json.loads(capsys.readouterr().out)["value"] == hom01_of_09d08_in_october(demo_copy)
    finally:
        (gc.enable if was_on else gc.disable)()


@pytest.mark.slow
def test_the_process_exit_still_flushes_a_long_answer_and_keeps_the_status(demo_copy: Path) -> None:
    """`scorecard` exits without collecting what it imported (cli.main.run): a national answer larger than a
    pipe's buffer still arrives whole, and a user error still exits 1 with its reason."""
    with sqlite3.connect(demo_copy) as conn:
        query = "SELECT u.code FROM units u JOIN institutions i ON i.id = u.institution_id WHERE i.code = 'PN'"
        codes = {c for (c,) in conn.execute(query)}
    conn.close()
    args = ["units", "list", "--institution", "PN", "--db", str(demo_copy), "--json"]
    proc = subprocess.run([sys.executable, "-m", "cli", *args], capture_output=True, text=True, timeout=99, check=False)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert len(proc.stdout) > 1 << 16
    assert {u["code"] for u in json.loads(proc.stdout)["units"]} == codes
    bad = subprocess.run([sys.executable, "-m", "cli", *VALUE, "--db", str(demo_copy.with_name("none.sqlite"))],
                         capture_output=True, text=True, timeout=300, check=False)  # fmt: skip
    assert bad.returncode == 1 and bad.stderr.strip() and not bad.stdout
