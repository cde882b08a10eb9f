"""GUI tests: offscreen Qt, a throw-away settings folder, and a clear skip where Qt cannot load."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

try:
    from PySide6 import QtWidgets  # noqa: F401  (needs libEGL, libxkbcommon, fontconfig on Linux)

    QT_ERROR = None
except ImportError as exc:  # a machine without Qt's system libraries
    from ui.platform_check import APT_COMMAND

    QT_ERROR = f"Qt cannot load ({exc}); {APT_COMMAND}"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    if QT_ERROR:
        for item in items:
            if "tests/ui" in str(item.fspath):
                item.add_marker(pytest.mark.skip(reason=QT_ERROR))


@pytest.fixture(autouse=True)
def private_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Never the user's settings, logs or data folder."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    from PySide6.QtCore import QCoreApplication, QSettings

    QCoreApplication.setOrganizationName("GPR-tests")
    QCoreApplication.setApplicationName("gpr-scorecard-tests")
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))


@pytest.fixture(autouse=True)
def collected_on_the_gui_thread(qapp):  # type: ignore[no-untyped-def]
    """As the app does (ui/gui_collector.py): no cyclic collection on a worker thread.  The previous
    test's windows are collected here, on the GUI thread, rather than by a later worker's allocations."""
    import gc

    from ui.gui_collector import collect_on_gui_thread

    collect_on_gui_thread()
    gc.collect()


@pytest.fixture
def spanish(qapp):  # type: ignore[no-untyped-def]
    """The app's Spanish: Qt's own catalogue installed, Ecuadorian numbers."""
    from ui.i18n import install_language

    install_language("es")
    yield
    install_language("es")
