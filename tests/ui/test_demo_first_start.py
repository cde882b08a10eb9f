"""The app's first start, or `scorecard init --demo` into a new file, builds the demo (several imports now): cut
short, it leaves no demo to open as if whole.

Real processes: the app's own opening of the demo (or the command) runs in a child, killed once the police's
units are in."""

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


FRONT_DOORS = {  # the app's first start, and the command line's `scorecard init --demo` into a new file
    "app": lambda path: [sys.executable, "-c", OPEN_THE_DEMO, str(path)],
    "init --demo": lambda path: [sys.executable, "-m", "cli.main", "init", "--demo", "--db", str(path)],
}


def _start(door: str, path: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.Popen(FRONT_DOORS[door](path), cwd=ROOT, env=env, stdout=subprocess.DEVNULL)


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
@pytest.mark.parametrize("door", sorted(FRONT_DOORS))
def test_a_first_start_cut_short_leaves_no_demo_and_the_next_builds_it_whole(door: str, tmp_path: Path) -> None:
    path = tmp_path / "demo.sqlite"
    part = tmp_path / "demo.sqlite.building"
    proc = _start(door, path)
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

    proc = _start(door, path)
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
