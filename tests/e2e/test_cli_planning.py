"""``scorecard targets reprogram`` and ``scorecard thresholds`` as a month-end script runs them: the
process, its JSON and its exit codes (issue 14)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from scorecard.store import Store
from tests.builders import load_small


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cli.main", *args], capture_output=True, text=True, timeout=120, check=False
    )


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = tmp_path / "small.sqlite"
    store = Store.open(path, create=True)
    load_small(store)
    store.workflow.justify("PN", "09D08C04", "RES-01", "2025-01", "Causa", "Acción")
    store.workflow.justify("PN", "09D08C04", "HOM-01", "2025-01", "Causa", "Acción")
    store.workflow.submit("PN", "09D08", "2025-01")
    store.workflow.approve("PN", "09D08", "2025-01")
    store.close()
    return str(path)


def test_a_reprogramming_from_the_command_line(db: str) -> None:
    base = ["targets", "reprogram", "--institution", "PN", "--indicator", "HOM-01", "--unit", "09D08C04", "--db", db]
    refused = run(*base, "--from", "2025-01", "--annual", "60", "--reason", "x", "--lang", "en")
    assert refused.returncode == 1 and "2025-01 is approved for 09D08C04" in refused.stderr
    assert run(*base, "--from", "2025-02", "--annual", "60").returncode == 2  # --reason is required
    done = run(*base, "--from", "2025-02", "--annual", "60", "--reason", "Plan de seguridad", "--json")
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert (out["indicator"], out["from"], out["units"], out["targets"], out["new"]) == (
        "HOM-01",
        "2025-02",
        ["09D08C04"],
        11,
        11,
    )
    # January keeps its 5: the other eleven months share 60 - 5
    assert [r["period"] for r in out["rows"]] == [f"2025-{m:02d}" for m in range(2, 13)]
    assert all(r["new"] == pytest.approx((60 - 5) / 11) for r in out["rows"])
    text = run(*base, "--from", "2025-02", "--monthly", "4", "--reason", "r", "--dry-run", "--lang", "es")
    assert text.returncode == 0 and text.stdout.startswith(
        "Simulación, nada escrito: HOM-01 reprogramado desde 2025-02"
    )


def test_thresholds_from_a_month_on(db: str) -> None:
    base = ["thresholds", "set", "--institution", "PN", "--db", db, "--json"]
    refused = run(*base, "--green", "80", "--yellow", "60", "--effective-from", "2025-01", "--lang", "es")
    assert refused.returncode == 1 and "2025-01 ya está aprobado" in refused.stderr and "2025-02" in refused.stderr
    done = run(*base, "--green", "80", "--yellow", "60")
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert out["history"] == [{"from": "2025-02", "green": 0.8, "yellow": 0.6}]
    shown = json.loads(run("thresholds", "show", "--institution", "PN", "--db", db, "--json").stdout)
    assert shown["history"] == out["history"] and (shown["green"], shown["yellow"]) == (0.8, 0.6)
    # January, approved, is scored as it was; February by the new pair
    jan = json.loads(run("value", "--institution", "PN", "--indicator", "HOM-01", "--unit", "09D08C04",
                         "--period", "2025-01", "--db", db, "--json").stdout)  # fmt: skip
    assert jan["performance"] == pytest.approx(5 / 6) and jan["status"] == "yellow"  # 0.833 < 0.9
