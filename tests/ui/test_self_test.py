"""``scorecard-gui --self-test``, run as IT runs it after installing: the installed entry point, in a
process of its own, with no screen."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = [pytest.mark.gui, pytest.mark.slow]


def test_self_test_passes_every_step_and_says_so(tmp_path: Path) -> None:
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "TMPDIR": str(scratch), "HOME": str(tmp_path)}
    env.update({f"XDG_{d}_HOME": str(tmp_path / d.lower()) for d in ("CONFIG", "DATA", "STATE", "CACHE")})
    done = subprocess.run(
        [sys.executable, "-m", "ui.app", "--self-test", "--lang", "es"],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )
    lines = done.stdout.splitlines()
    assert done.returncode == 0, done.stdout + done.stderr
    steps = [line.split(" (")[0] for line in lines if line.startswith("ok ")]
    assert steps == ["ok   demo database", "ok   main window", "ok   scorecard", "ok   signed report"]
    assert "HOM-01 = 753" in done.stdout
    assert lines[-1] == "self-test passed"
    # it cleans up after itself and never touches the user's data or settings
    assert list(scratch.iterdir()) == []
    assert not (tmp_path / "data").exists()
    assert not (tmp_path / "config").exists()
