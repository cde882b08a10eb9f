"""Start-up on a machine Qt cannot draw on (issue 17): the app says what is missing instead of Qt's abort.

Real processes of the app, with a real loader failure: an empty ``libxcb-icccm.so.4`` first on
LD_LIBRARY_PATH, so dlopen of Qt's xcb plugin fails the way it does on a machine without libxcb-icccm4
(a control run shows Qt itself then aborts).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ui.platform_check import APT_COMMAND, problem, qt_folder

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Qt's xcb platform is Linux's")

NO_SCREEN_VARS = ("QT_QPA_PLATFORM", "WAYLAND_DISPLAY", "XDG_SESSION_TYPE", "DISPLAY", "LD_LIBRARY_PATH")


def app_command() -> list[str]:
    script = Path(sys.executable).with_name("scorecard-gui")  # the console script pip installed
    return [str(script)] if script.exists() else [sys.executable, "-m", "ui.app"]


def environment(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in NO_SCREEN_VARS}
    for var in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        env[var] = str(tmp_path / var.lower())
    env["SCORECARD_LANG"] = "es"
    env.update(extra)
    return env


def start(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, env=env, capture_output=True, text=True, timeout=60, check=False)


@pytest.fixture
def broken_icccm(tmp_path: Path) -> Path:
    folder = tmp_path / "broken-libs"
    folder.mkdir()
    (folder / "libxcb-icccm.so.4").write_bytes(b"")  # found first, and the loader cannot map it
    return folder


def test_qt_itself_aborts_there(tmp_path: Path, broken_icccm: Path):
    """The control: without the app's check Qt dies on this machine, naming nothing to install."""
    env = environment(tmp_path, DISPLAY=":97", QT_QPA_PLATFORM="xcb", LD_LIBRARY_PATH=str(broken_icccm))
    bare = "from PySide6.QtWidgets import QApplication; QApplication([])"
    run = start([sys.executable, "-c", bare], env)
    assert run.returncode != 0
    assert 'Qt platform plugin "xcb"' in run.stderr
    assert "libxcb-icccm4" not in run.stderr


@pytest.mark.parametrize(
    ("lang", "opening"),
    [("es", "No se puede abrir la ventana"), ("en", "Cannot open the window")],
)
def test_missing_library_named_with_the_package_line(tmp_path: Path, broken_icccm: Path, lang: str, opening: str):
    env = environment(tmp_path, DISPLAY=":97", LD_LIBRARY_PATH=str(broken_icccm))
    run = start([*app_command(), "--demo", "--lang", lang], env)
    assert run.returncode == 1, run.stderr
    assert opening in run.stderr
    assert "libxcb-icccm.so.4 (libxcb-icccm4)" in run.stderr
    assert "    " + APT_COMMAND + "\n" in run.stderr
    assert "file too short" in run.stderr  # the loader's own words, for whoever reads further
    assert "Qt platform plugin" not in run.stderr  # Qt never got to abort
    assert not list((tmp_path / "xdg_data_home").rglob("demo.sqlite"))  # nothing built for a window never shown


def test_language_chosen_in_the_menu_last_time(tmp_path: Path, broken_icccm: Path):
    """Without --lang the message follows the app's saved language, read before Qt's GUI loads."""
    env = environment(tmp_path, DISPLAY=":97", LD_LIBRARY_PATH=str(broken_icccm))
    settings = tmp_path / "xdg_config_home" / "GPR" / "gpr-scorecard.conf"
    settings.parent.mkdir(parents=True)
    settings.write_text("[General]\nlang=en\n", encoding="utf-8")
    run = start([*app_command(), "--demo"], env)
    assert run.returncode == 1
    assert "Cannot open the window" in run.stderr


@pytest.mark.parametrize(("lang", "opening"), [("es", "No hay pantalla"), ("en", "There is no screen")])
def test_no_screen_says_how_to_run_offscreen(tmp_path: Path, lang: str, opening: str):
    env = environment(tmp_path)  # neither DISPLAY nor WAYLAND_DISPLAY, no platform asked for
    run = start([*app_command(), "--demo", "--lang", lang], env)
    assert run.returncode == 1
    assert opening in run.stderr
    assert "QT_QPA_PLATFORM=offscreen" in run.stderr
    assert "xvfb-run" in run.stderr


def test_nothing_to_say_where_the_plugin_loads():
    """On this machine (the libraries are installed) the check lets Qt start, for xcb and offscreen."""
    assert problem("en", {"DISPLAY": ":97"}) is None
    assert problem("en", {"QT_QPA_PLATFORM": "offscreen"}) is None
    assert problem("en", {"QT_QPA_PLATFORM": "vnc"}) is None  # not one it knows: Qt speaks for itself
    assert "no screen" in (problem("en", {}) or "")


def test_xcb_asked_for_in_a_wayland_session_says_so():
    env = {"QT_QPA_PLATFORM": "xcb", "WAYLAND_DISPLAY": "wayland-0"}
    said = {lang: problem(lang, env) or "" for lang in ("es", "en")}
    assert "DISPLAY" in said["en"] and "wayland-0" in said["en"] and "no screen" not in said["en"]
    assert "wayland-0" in said["es"] and "No hay pantalla" not in said["es"]
    assert problem("en", {"WAYLAND_DISPLAY": "wayland-0"}) is None, "left alone, Qt takes Wayland"


def test_a_missing_qt_library_is_left_to_qt(tmp_path: Path):
    """A plugin whose own Qt libraries do not resolve (a bundle laid out otherwise) names no system package:
    the check steps aside rather than keep a working app from starting.  The plugin alone, copied where its
    RUNPATH ($ORIGIN/../../lib) finds no Qt, in a fresh process that has loaded no Qt library yet."""
    qt = qt_folder()
    assert qt is not None
    copy = tmp_path / "Qt"
    (copy / "plugins" / "platforms").mkdir(parents=True)
    shutil.copy(qt / "plugins" / "platforms" / "libqxcb.so", copy / "plugins" / "platforms")
    script = (
        "import sys; from pathlib import Path; import ui.platform_check as pc\n"
        "print(pc.unloadable(Path(sys.argv[1]) / 'plugins/platforms/libqxcb.so')[0])\n"
        "pc.qt_folder = lambda: Path(sys.argv[1])\n"
        "print(pc.problem('en', {'DISPLAY': ':97'}))\n"
    )
    run = start([sys.executable, "-c", script, str(copy)], environment(tmp_path))
    assert run.returncode == 0, run.stderr
    missing, verdict = run.stdout.splitlines()
    assert "libQt6XcbQpa.so.6" in missing
    assert verdict == "None"
