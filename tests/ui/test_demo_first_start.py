"""The app's first start builds the demo (several imports now): cut short, it leaves no demo to open as if whole.

Real processes: the app's own opening of the demo runs in a child, killed once the police's units are in."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]
OPEN_THE_DEMO = (
    "import argparse, sys\n"
    "from ui.app import _open\n"
    "_open(argparse.Namespace(demo=True, db=sys.argv[1]), 'es').close()\n"
)


def _start(path: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.Popen([sys.executable, "-c", OPEN_THE_DEMO, str(path)], cwd=ROOT, env=env)


def _institutions(db: Path) -> set[str]:
    """The institutions a database file holds, read with sqlite3 while another process may be writing."""
    if not db.exists():
        return set()
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as c:
            return {code for (code,) in c.execute("select code from institutions")}
    except sqlite3.Error:  # the schema not made yet
        return set()


@pytest.mark.slow
def test_a_first_start_cut_short_leaves_no_demo_and_the_next_builds_it_whole(tmp_path: Path) -> None:
    path = tmp_path / "demo.sqlite"
    part = tmp_path / "demo.sqlite.building"
    proc = _start(path)
    try:
        deadline = time.monotonic() + 180
        # the police's units are in, wherever the build writes: it is under way
        while not any("PN" in _institutions(db) for db in (part, path)):
            assert proc.poll() is None, "the build ended before it could be cut short"
            assert time.monotonic() < deadline, "the build never started"
            time.sleep(0.02)
    finally:
        proc.kill()
        proc.wait()
    assert not path.exists(), "a half-built demo is where the next start would open it"

    proc = _start(path)
    assert proc.wait(timeout=600) == 0
    assert not part.exists()
    with sqlite3.connect(path) as c:
        institutions = {code for (code,) in c.execute("select code from institutions")}
        (districts,) = c.execute("select count(*) from units where level = 'distrito'").fetchone()
        (baselines,) = c.execute("select count(*) from unit_baselines").fetchone()
        last = c.execute(  # the last institution the demo builds has its figures
            "select count(*) from results r join units u on u.id = r.unit_id "
            "join institutions i on i.id = u.institution_id where i.code = 'DMQ'"
        ).fetchone()
    assert institutions == {"PN", "ECU911", "DMQ"}
    assert baselines == districts > 0  # ROB-01's baseline per district: the police's last step
    assert last[0] > 0
