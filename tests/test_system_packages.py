"""The README's apt-get line names every system package the desktop needs (issue 17).

A fresh Debian desktop lacked libxcb-icccm4 and libxcb-keysyms1 and the app died in Qt's platform plugin;
CI renders offscreen and never saw it.  Here the real loader decides: ``ldd`` of the installed PySide6's
Qt libraries and the plugins the app loads (xcb and offscreen, GL integrations, image formats, icon
engines, input methods), each resolved library mapped to its package with ``dpkg -S``, and each package
either installed by the README's line (itself or through the dependencies apt pulls in) or part of every
Debian system (Essential, or priority required/important, and what those depend on).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ui.platform_check import APT_COMMAND, DEBIAN_PACKAGES, PACKAGE_OF, qt_folder

ROOT = Path(__file__).resolve().parents[1]
FIRST_COMMAND = "python3 -m venv .venv && .venv/bin/pip install -e . && .venv/bin/scorecard-gui --demo"
QT_LIBRARIES = ("Core", "Gui", "Widgets", "DBus", "XcbQpa", "OpenGL", "OpenGLWidgets", "Svg", "PrintSupport", "Test")
PLUGINS = (
    "platforms/libqxcb.so",
    "platforms/libqoffscreen.so",
    "xcbglintegrations/*.so",
    "imageformats/*.so",
    "iconengines/*.so",
    "platforminputcontexts/*.so",
)
# plugins of Qt modules that live in the PySide6-Addons wheel, which the app does not install: they cannot
# load in any installation of ours, whatever the system has
ADDON_PLUGINS = {"libqpdf.so", "libqtvirtualkeyboardplugin.so"}

debian = pytest.mark.skipif(
    not (sys.platform.startswith("linux") and shutil.which("dpkg-query") and shutil.which("ldd")),
    reason="not a Debian/Ubuntu system (no dpkg-query or ldd): the apt-get line cannot be checked here",
)


def readme_line() -> str:
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    apt = [i for i, line in enumerate(lines) if line.strip().startswith("sudo apt-get install")]
    assert len(apt) == 1, "the README shows one apt-get install line"
    first = next(i for i, line in enumerate(lines) if line.strip() == FIRST_COMMAND)
    assert apt[0] < first, "the apt-get line comes before the first command"
    return lines[apt[0]].strip()


def test_readme_line_is_the_apps():
    """The line the app prints when a library is missing is the README's, and names no package twice."""
    assert readme_line() == APT_COMMAND
    assert len(set(DEBIAN_PACKAGES)) == len(DEBIAN_PACKAGES)


def test_deb_depends_on_the_same_libraries():
    """The .deb carries its own Python and Qt; the system libraries under them are the README's."""
    control = (ROOT / "installer" / "linux" / "control.in").read_text(encoding="utf-8")
    depends = re.search(r"^Depends:(.*)$", control, re.MULTILINE)
    assert depends
    names = {re.split(r"[\s(]", item.strip())[0] for item in depends.group(1).split(",")}
    assert names - {"libc6"} == set(DEBIAN_PACKAGES) - {"python3-venv"}


def checked_files(qt: Path) -> list[Path]:
    files = [qt / "lib" / f"libQt6{name}.so.6" for name in QT_LIBRARIES]
    for pattern in PLUGINS:
        found = sorted((qt / "plugins").glob(pattern))
        assert found, f"the wheel has no {pattern}"
        files += [f for f in found if f.name not in ADDON_PLUGINS]
    assert all(f.exists() for f in files), [str(f) for f in files if not f.exists()]
    return files


def ldd(path: Path) -> dict[str, str]:
    """soname → resolved path ('' when not found), as the dynamic loader resolves them."""
    out = subprocess.run(["ldd", str(path)], capture_output=True, text=True, check=True).stdout
    libs = {}
    for line in out.splitlines():
        if "=>" in line:
            name, _, where = line.partition("=>")
            libs[name.strip()] = "" if "not found" in where else where.split()[0]
    return libs


def owners(paths: set[str]) -> dict[str, str]:
    """path → its Debian package (dpkg -S), trying the /lib ↔ /usr/lib spellings of a merged /usr."""
    spellings = {}
    for path in paths:
        real = str(Path(path).resolve())
        for spelling in (path, real, re.sub(r"^/usr/lib/", "/lib/", real), re.sub(r"^/lib/", "/usr/lib/", real)):
            spellings[spelling] = path
    out = subprocess.run(["dpkg", "-S", *spellings], capture_output=True, text=True, check=False).stdout
    found = {}
    for line in out.splitlines():
        package, _, spelling = line.partition(": ")
        if spelling in spellings and "," not in package:  # a diversion lists several: not a library's
            found[spellings[spelling]] = package.split(":")[0]  # libc6:amd64 → libc6
    return found


def installed() -> tuple[dict[str, set[str]], dict[str, str], set[str]]:
    """(package → what it depends on, name → the installed package providing it, base packages)."""
    fields = "${Package}\t${Essential}\t${Priority}\t${Provides}\t${Pre-Depends}, ${Depends}\n"
    out = subprocess.run(["dpkg-query", "-W", "-f", fields], capture_output=True, text=True, check=True).stdout
    depends: dict[str, set[str]] = {}
    provider: dict[str, str] = {}
    base = set()

    def names(field: str) -> set[str]:
        return {re.split(r"[\s:(]", alt.strip())[0] for group in field.split(",") for alt in group.split("|")} - {""}

    for line in out.splitlines():
        package, essential, priority, provides, deps = line.split("\t")
        depends[package] = names(deps)
        provider[package] = package
        for name in names(provides):
            provider.setdefault(name, package)  # Ubuntu's libglib2.0-0t64 provides libglib2.0-0
        if essential == "yes" or priority in ("required", "important"):
            base.add(package)
    return depends, provider, base


def closure(roots: set[str], depends: dict[str, set[str]], provider: dict[str, str]) -> set[str]:
    seen: set[str] = set()
    todo = list(roots)
    while todo:
        package = provider.get(todo.pop())
        if package and package not in seen:
            seen.add(package)
            todo += depends[package]
    return seen


@debian
def test_every_library_qt_needs_comes_from_the_readme_line_or_the_base_system():
    qt = qt_folder()
    assert qt is not None and qt.is_dir()
    libraries: dict[str, str] = {}
    for file in checked_files(qt):
        for name, path in ldd(file).items():
            assert path, f"{file.name} needs {name}, which is not found on this system"
            libraries[name] = path
    system = {name: path for name, path in libraries.items() if qt.parent.as_posix() not in path}
    package_of = owners(set(system.values()))
    unowned = {name: path for name, path in system.items() if path not in package_of}
    assert not unowned, f"libraries no Debian package installs: {unowned}"

    depends, provider, base = installed()
    from_readme = closure(set(DEBIAN_PACKAGES), depends, provider)
    everywhere = closure(base, depends, provider)
    needed = set(package_of.values())
    uncovered = {
        name: package_of[path] for name, path in system.items() if package_of[path] not in from_readme | everywhere
    }
    assert not uncovered, f"libraries whose package neither the README's line nor a base system installs: {uncovered}"
    # no stale names on the line: each is a library's package (python3-venv is for the README's venv)
    provided = {name for name, package in provider.items() if package in needed}
    assert set(DEBIAN_PACKAGES) - {"python3-venv"} <= provided, set(DEBIAN_PACKAGES) - provided
    # the ones a minimal system lacks, as the issue found them, are on it
    assert {"libxcb-cursor0", "libxcb-icccm4", "libxcb-keysyms1"} <= set(DEBIAN_PACKAGES)
    assert not {"libxcb-icccm4", "libxcb-keysyms1", "libxcb-cursor0"} & everywhere


@debian
def test_the_apps_table_of_library_packages_agrees_with_dpkg():
    """The package the start-up message names for a missing library is the one dpkg says owns it."""
    qt = qt_folder()
    assert qt is not None
    libraries: dict[str, str] = {}
    for file in checked_files(qt):
        libraries.update(ldd(file))
    assert set(PACKAGE_OF) <= set(libraries), set(PACKAGE_OF) - set(libraries)
    package_of = owners({libraries[name] for name in PACKAGE_OF})
    _, provider, _ = installed()
    wrong = {
        name: (package, package_of.get(libraries[name]))
        for name, package in PACKAGE_OF.items()
        if provider.get(package) != package_of.get(libraries[name])
    }
    assert not wrong, wrong
    assert set(PACKAGE_OF.values()) <= set(DEBIAN_PACKAGES)
