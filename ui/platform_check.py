"""Before Qt starts: can its platform plugin load here, and is there a screen at all?

When a system library of Qt's ``xcb`` plugin is missing (a fresh desktop often lacks libxcb-cursor0,
libxcb-icccm4, libxcb-keysyms1) Qt prints "Could not load the Qt platform plugin" and aborts, naming
nothing a user can act on.  This loads the plugin first with the real loader and, when it fails, says
which library is missing, from which Debian/Ubuntu package, and the line that installs them all (the
README's), in the user's language.  Standard library only: it runs before anything of Qt is imported.
"""

from __future__ import annotations

import ctypes
import importlib.util
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

# Every system package the desktop app needs on Debian 12 / Ubuntu, for a real screen (xcb) and offscreen:
# the libraries Qt's own libraries and plugins link to that a base system lacks, and python3-venv for the
# README's first command.  The README shows this line and .ci/run installs from it;
# tests/test_system_packages.py checks it against ldd and dpkg of the installed PySide6.
DEBIAN_PACKAGES = (
    "python3-venv",
    "libegl1",
    "libgl1",
    "libfontconfig1",
    "libfreetype6",
    "libglib2.0-0",
    "libdbus-1-3",
    "libxkbcommon0",
    "libxkbcommon-x11-0",
    "libx11-6",
    "libx11-xcb1",
    "libxcb1",
    "libxcb-cursor0",
    "libxcb-glx0",
    "libxcb-icccm4",
    "libxcb-image0",
    "libxcb-keysyms1",
    "libxcb-randr0",
    "libxcb-render0",
    "libxcb-render-util0",
    "libxcb-shape0",
    "libxcb-shm0",
    "libxcb-sync1",
    "libxcb-util1",
    "libxcb-xfixes0",
    "libxcb-xkb1",
)
APT_COMMAND = "sudo apt-get install " + " ".join(DEBIAN_PACKAGES)

# the package of each library Qt links to directly (a test checks each pair against dpkg -S)
PACKAGE_OF = {
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
    "libdbus-1.so.3": "libdbus-1-3",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libX11.so.6": "libx11-6",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libxcb.so.1": "libxcb1",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-glx.so.0": "libxcb-glx0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
}

CHECKED_PLATFORMS = ("xcb", "offscreen")


def qt_folder() -> Path | None:
    """The ``Qt`` folder of the installed PySide6 (its libraries and plugins), found without importing Qt."""
    spec = importlib.util.find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / "Qt"


def platform_plugin(env: Mapping[str, str]) -> str | None:
    """The platform plugin Qt will load first, or None when it is not one this module knows how to check."""
    requested = env.get("QT_QPA_PLATFORM", "").split(";")[0].split(":")[0].strip()
    if requested:
        return requested if requested in CHECKED_PLATFORMS else None
    if not sys.platform.startswith("linux"):
        return None
    if env.get("WAYLAND_DISPLAY") and (env.get("XDG_SESSION_TYPE") == "wayland" or not env.get("DISPLAY")):
        return None  # Qt takes Wayland in a Wayland session (and falls back to xcb on XWayland)
    return "xcb"


def unloadable(library: Path) -> tuple[list[str], str]:
    """(the libraries that keep ``library`` from loading, the loader's own words); ([], "") when it loads."""
    try:
        ctypes.CDLL(str(library))
    except OSError as exc:
        said = str(exc)
    else:
        return [], ""
    missing: list[str] = []
    if shutil.which("ldd"):  # the loader names only the first missing library; ldd names them all
        out = subprocess.run(["ldd", str(library)], capture_output=True, text=True, check=False, timeout=30)
        missing = [line.split("=>")[0].strip() for line in out.stdout.splitlines() if "not found" in line]
    if not missing:  # "libxcb-icccm.so.4: cannot open shared object file…", "/path/libX.so.1: file too short"
        named = re.match(r"\s*([^:\s]+\.so[^:\s]*):", said)
        missing = [Path(named.group(1)).name] if named else []
    if not missing or Path(missing[0]).name == library.name:
        missing = [said]  # the plugin itself is unreadable: the loader's words are all there is
    return missing, said


def problem(lang: str, env: Mapping[str, str] | None = None) -> str | None:
    """What keeps Qt from opening a window here, in ``lang``; None when nothing does (as far as we can tell)."""
    from scorecard.messages import translate

    env = os.environ if env is None else env
    platform = platform_plugin(env)
    if platform == "xcb" and not env.get("DISPLAY"):
        if env.get("WAYLAND_DISPLAY"):  # xcb asked for by name in a Wayland session: a screen, not X11's
            return translate("desktop.no_x_display", lang, wayland=env["WAYLAND_DISPLAY"])
        return translate("desktop.no_screen", lang)
    folder = qt_folder()
    if platform is None or folder is None:
        return None
    plugin = folder / "plugins" / "platforms" / f"libq{platform}.so"
    if not plugin.exists():
        return None
    missing, said = unloadable(plugin)
    if not missing or any(Path(lib).name.startswith("libQt6") for lib in missing):
        return None  # nothing missing, or one of Qt's own (a bundle's layout): no package to name, Qt speaks
    named = ", ".join(f"{lib} ({PACKAGE_OF[lib]})" if lib in PACKAGE_OF else lib for lib in missing)
    return translate(
        "desktop.missing_libraries", lang, platform=platform, libraries=named, loader=said, command=APT_COMMAND
    )
