"""Benchmark ``--only start``: a user's second start of the demo, ≤ 2 s to a usable window.

The README's command as a user runs it again: the installed ``scorecard-gui --demo`` (the demo database
already built by the first start, in a throw-away XDG_DATA_HOME), timed from the process's launch to the
window on screen with the national scorecard in it (the app prints "ready").  On a real X server (Xvfb,
Qt's xcb platform, what a desktop runs) when Xvfb is installed, offscreen otherwise (it says which);
beside a bare QApplication + QMainWindow started the same way in the same run.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

BARE = (
    "from PySide6.QtWidgets import QApplication, QMainWindow\n"
    "app = QApplication([]); w = QMainWindow(); w.resize(1360, 840); w.show(); app.processEvents()\n"
    "print('ready', flush=True)\n"
)


TARGET_S = 2.0
RUNS = 5


@contextmanager
def screen() -> Iterator[dict[str, str]]:
    """The environment's display: a private Xvfb (xcb) when there is one, else Qt's offscreen platform."""
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "WAYLAND_DISPLAY", "DISPLAY")}
    xvfb = shutil.which("Xvfb")
    if not xvfb:
        yield {**env, "QT_QPA_PLATFORM": "offscreen"}
        return
    read, write = os.pipe()  # Xvfb picks a free display and writes its number here once it listens
    server = subprocess.Popen(
        [xvfb, "-displayfd", str(write), "-screen", "0", "1600x1000x24", "-nolisten", "tcp"],
        pass_fds=(write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    try:
        with os.fdopen(read) as pipe:
            display = pipe.readline().strip()
        if not display:
            raise RuntimeError("Xvfb did not start")
        yield {**env, "DISPLAY": f":{display}"}
    finally:
        server.terminate()
        server.wait(10)


def time_to_ready(args: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.startswith("ready"):
            elapsed = time.perf_counter() - started
            break
    else:
        proc.wait(60)
        raise RuntimeError(f"{args[0]} never got ready: {proc.stderr.read() if proc.stderr else ''}")
    proc.communicate(timeout=60)
    return elapsed


def app_command() -> list[str]:
    script = Path(sys.executable).with_name("scorecard-gui")  # what the README's first command runs
    return [str(script)] if script.exists() else [sys.executable, "-m", "ui.app"]


def run() -> bool:
    print("\n== Start: the README's demo started a second time, to a usable window ==")
    home = Path(tempfile.mkdtemp(prefix="gpr-bench-start-"))
    with screen() as env:
        for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
            env[var] = str(home / var.lower())  # never the user's demo, settings or logs
        platform = "offscreen (no Xvfb here)" if env.get("QT_QPA_PLATFORM") else f"xcb on Xvfb {env['DISPLAY']}"
        app = [*app_command(), "--demo", "--exit-when-ready"]
        first = time_to_ready(app, env)  # builds the demo database
        assert any((home / "xdg_data_home").rglob("demo.sqlite")), "the first start built no demo database"
        ours, bare = [], []
        for _ in range(RUNS):  # interleaved: the machine's load falls on both alike
            ours.append(time_to_ready(app, env))
            bare.append(time_to_ready([sys.executable, "-c", BARE], env))
    shutil.rmtree(home, ignore_errors=True)
    second, floor = statistics.median(ours), statistics.median(bare)
    print(f"platform: {platform}")
    print(f"first start (builds the demo database): {first:.2f} s")
    print(
        f"second start to a usable window: median {second:.2f} s of {RUNS} (min {min(ours):.2f}, "
        f"max {max(ours):.2f}; target ≤ {TARGET_S:.0f} s); bare QApplication + QMainWindow: {floor:.2f} s "
        f"({second / floor:.1f}×)"
    )
    return second <= TARGET_S
