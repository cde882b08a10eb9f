"""``scorecard gui …``: the desktop app, started as its own process with the same arguments.

The command line and the desktop app are independent front doors (the layer contract in pyproject.toml):
the command line never imports the app, it starts it, as ``scorecard-gui`` would be started.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path


def gui_command(argv: Sequence[str]) -> list[str]:
    """The process that is ``scorecard-gui argv``: the bundle's sibling executable, else ``python -m ui.app``."""
    if getattr(sys, "frozen", False):  # the installer's bundle: gpr-scorecard beside this scorecard
        name = "gpr-scorecard.exe" if sys.platform == "win32" else "gpr-scorecard"
        return [str(Path(sys.executable).with_name(name)), *argv]
    return [sys.executable, "-m", "ui.app", *argv]


def run_gui(argv: Sequence[str]) -> int:
    command = gui_command(argv)
    sys.stdout.flush()
    sys.stderr.flush()
    if sys.platform != "win32":  # the app takes this process's place: its signals, exit code and terminal
        os.execv(command[0], command)
    return subprocess.call(command)  # Windows' execv starts a new process and returns at once
