"""Benchmark 3 (``--only gui``): the desktop app on the demo database.

- Cold start to a usable main window (a fresh process: the window on screen with the national
  scorecard in it): ≤ 2 s, against a bare QApplication + empty QMainWindow started the same way.
- Switching unit or period (the scorecard of a unit not seen before, computed on the worker and shown):
  ≤ 100 ms, against the core's own scorecard call for the same unit and period.
Also lists which heavy modules the start-up imports (``python -X importtime``).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.start import BARE, time_to_ready

START_TARGET_S = 2.0
SWITCH_TARGET_MS = 100.0
HEAVY = ("reportlab", "pyhanko", "pandas", "openpyxl", "python_calamine", "pyqtgraph", "alembic")


def _env(tmp: Path) -> dict[str, str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    for var in ("XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME"):
        env[var] = str(tmp / var.lower())  # never the user's settings or logs
    return env


def start_up(db: Path, tmp: Path, runs: int = 3) -> tuple[float, float]:
    env = _env(tmp)
    app = [sys.executable, "-m", "ui.app", "--db", str(db), "--period", "2025-10", "--exit-when-ready"]
    time_to_ready(app, env)  # the first open after building the demo fills its caches: not a user's start
    ours = statistics.median(time_to_ready(app, env) for _ in range(runs))
    bare = statistics.median(time_to_ready([sys.executable, "-c", BARE], env) for _ in range(runs))
    return ours, bare


def heavy_imports(db: Path, tmp: Path) -> list[str]:
    """Heavy modules imported by the time the window is usable."""
    out = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "ui.app", "--db", str(db), "--exit-when-ready"],
        capture_output=True,
        text=True,
        env=_env(tmp),
        timeout=120,
        check=False,
    )
    names = {line.rsplit("|", 1)[-1].strip() for line in out.stderr.splitlines() if line.startswith("import time:")}
    return sorted(h for h in HEAVY if h in names)


def switching(db: Path) -> tuple[list[tuple[str, float, float]], float]:
    """(what, GUI ms, core ms) per switch; the GUI figure is from the click to the figures on screen."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QCoreApplication, QSettings
    from PySide6.QtWidgets import QApplication

    from scorecard.store import Store
    from ui.i18n import install_language
    from ui.main_window import MainWindow

    QCoreApplication.setOrganizationName("GPR-benchmark")
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, tempfile.mkdtemp())
    app = QApplication.instance() or QApplication([])
    install_language("es")
    import sqlite3

    twin = db.with_name("twin.sqlite")  # the core's baseline gets the same cache state as the window's
    with sqlite3.connect(db) as src, sqlite3.connect(twin) as dst:
        src.backup(dst)
    window = MainWindow(Store.open(db), "es", period="2025-10")
    window.show()
    window.wait_idle()
    core = Store.open(twin)
    core.scoring.scorecard("PN", "2025-10")
    out = []
    for unit, period in (
        ("Z8", None),
        ("09D08", None),
        ("09D08C01", None),
        ("09D08C01S01", None),
        ("Z3", None),
        (None, "2025-09"),
        (None, "2025-08"),
    ):
        window.wait_idle()  # the previous unit's sparklines are in: measure the switch alone
        t = time.perf_counter()
        if unit:
            window.select_unit(unit)
        else:
            window.period_box.setCurrentIndex(window.period_box.findData(period))
        shown = lambda u=unit: window.view is not None and (u is None or window.view.unit_code == u)  # noqa: E731
        while not (shown() and window.view.period == window.period):
            app.processEvents()
            time.sleep(0.0005)  # an idle GUI thread, as in the app: no busy loop fighting the worker for the GIL
        gui_ms = (time.perf_counter() - t) * 1000
        window.wait_idle()  # the baseline runs alone too
        t = time.perf_counter()
        core.scoring.scorecard("PN", window.period, window.selected_unit())
        core_ms = (time.perf_counter() - t) * 1000
        core.scoring.scorecard("PN", _previous(window.period), window.selected_unit())  # as the window prefetched
        out.append((f"{unit or window.selected_unit()} {window.period}", gui_ms, core_ms))
    # perceived: the title of the unit clicked is on screen at once, before the figures arrive
    t = time.perf_counter()
    window.select_unit("Z9")
    title_ms = (time.perf_counter() - t) * 1000
    window.wait_idle()
    window.close()
    return out, title_ms


def _previous(period: str) -> str:
    year, month = int(period[:4]), int(period[5:])
    return f"{year - 1}-12" if month == 1 else f"{year}-{month - 1:02d}"


def run() -> bool:
    from demo import load_demo
    from scorecard.store import Store

    print("\n== GUI: cold start and switching, demo database ==")
    tmp = Path(tempfile.mkdtemp(prefix="gpr-bench-gui-"))
    db = tmp / "demo.sqlite"
    with Store.open(db, create=True) as store:
        load_demo(store)
    ours, bare = start_up(db, tmp)
    print(
        f"cold start to a usable window: {ours:.2f} s (target ≤ {START_TARGET_S:.0f} s); "
        f"bare QApplication + QMainWindow: {bare:.2f} s ({ours / bare:.1f}×)"
    )
    print("heavy modules loaded at start-up:", ", ".join(heavy_imports(db, tmp)) or "none")
    switches, title_ms = switching(db)
    for what, gui_ms, core_ms in switches:
        print(f"  switch to {what:<22} {gui_ms:6.1f} ms on screen · core call alone {core_ms:6.1f} ms")
    worst = max(g for _, g, _ in switches)
    print(
        f"switching unit or period: worst {worst:.1f} ms (target ≤ {SWITCH_TARGET_MS:.0f} ms); "
        f"the clicked unit's title shows in {title_ms:.1f} ms"
    )
    return ours <= START_TARGET_S and worst <= SWITCH_TARGET_MS
