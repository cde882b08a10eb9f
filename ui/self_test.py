"""``scorecard-gui --self-test``: prove that an installed copy works, end to end, without touching the
user's data: a throw-away demo database, the main window drawn offscreen, a scorecard computed, a report
written, signed with a throw-away certificate and verified.  Prints one line per step; exits 0 when every
step passed, else 1 with the reason of the first failure.

IT runs it after installing (the ``.deb``'s build script does); support asks for its output.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

# the register's national count of October 2025, a figure the demo must reproduce
NATIONAL_HOMICIDES_2025_10 = 753


class StepFailed(Exception):
    pass


def _check(condition: bool, reason: str) -> None:
    if not condition:
        raise StepFailed(reason)


def run(lang: str = "es", out: Any = None) -> int:
    out = out or sys.stdout
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # runs on a server without a screen, too
    with tempfile.TemporaryDirectory(prefix="gpr-self-test-") as tmp:
        folder = Path(tmp)
        state: dict[str, Any] = {}
        steps: list[tuple[str, Callable[[], str]]] = [
            ("demo database", lambda: _demo(folder, lang, state)),
            ("main window", lambda: _window(folder, lang, state)),
            ("scorecard", lambda: _scorecard(state)),
            ("signed report", lambda: _report(folder, lang, state)),
        ]
        try:
            for name, step in steps:
                started = time.perf_counter()
                try:
                    detail = step()
                except Exception as exc:
                    reason = str(exc) if isinstance(exc, StepFailed) else traceback.format_exc(limit=3)
                    print(f"FAIL {name}: {reason}", file=out)
                    return 1
                print(f"ok   {name} ({time.perf_counter() - started:.1f} s): {detail}", file=out)
        finally:
            if "store" in state:
                state["store"].close()
    print("self-test passed", file=out)
    return 0


def _demo(folder: Path, lang: str, state: dict[str, Any]) -> str:
    from demo import load_demo
    from scorecard.store import Store

    store = Store.open(folder / "demo.sqlite", create=True, lang=lang)
    state["store"] = store
    loaded = load_demo(store)
    return f"{loaded['results']:,} results"


def _window(folder: Path, lang: str, state: dict[str, Any]) -> str:
    from PySide6.QtCore import QCoreApplication, QSettings
    from PySide6.QtWidgets import QApplication

    QCoreApplication.setOrganizationName("GPR-self-test")  # never the user's own settings
    QCoreApplication.setApplicationName("gpr-scorecard")
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(folder / "settings"))
    app = QApplication.instance() or QApplication([sys.argv[0]])
    from ui.gui_collector import collect_on_gui_thread
    from ui.i18n import install_language

    collect_on_gui_thread()
    from ui.main_window import MainWindow

    install_language(lang)
    window = MainWindow(state["store"], lang, period="2025-10")
    window.show()
    window.worker.wait_idle()  # the first scorecard is on screen
    app.processEvents()
    _check(window.scorecard_model.rowCount() > 0, "the main window shows no scorecard")
    image = window.grab().toImage()
    window.close()
    window.settings.sync()  # written now, inside the throw-away folder, not at exit after it is gone
    window.deleteLater()
    app.processEvents()
    _check(not image.isNull() and image.width() > 400, "the main window drew nothing")
    path = folder / "window.png"
    _check(image.save(str(path)), "the window could not be saved as an image")
    colours = {image.pixel(x, y) for x in range(0, image.width(), 37) for y in range(0, image.height(), 29)}
    _check(len(colours) > 8, "the main window is blank")
    return f"{image.width()}×{image.height()} px"


def _scorecard(state: dict[str, Any]) -> str:
    view = state["store"].scoring.scorecard("PN", "2025-10")
    line = next(i for o in view.objectives for i in o.indicators if i.code == "HOM-01")
    _check(
        line.value == NATIONAL_HOMICIDES_2025_10,
        f"HOM-01 nacional 2025-10 = {line.value}, se esperaba {NATIONAL_HOMICIDES_2025_10}",
    )
    _check(view.score is not None, "the national scorecard has no score")
    state["view"] = view
    return f"PN 2025-10 score {view.score:.3f}, HOM-01 = {line.value:.0f}"


def _report(folder: Path, lang: str, state: dict[str, Any]) -> str:
    from exports import test_authority
    from exports.publish import publish
    from exports.report_builder import institution_report
    from exports.signing import load_identity
    from exports.verification import verify_pdf

    pki = test_authority.build(folder / "pki")
    identity = load_identity(pki.signer_p12, test_authority.PASSWORD, lang=lang)
    report = institution_report(state["store"], "PN", "2025-10", lang=lang)
    done = publish(report, folder / "reporte.pdf", xlsx=folder / "reporte.xlsx", identity=identity)
    signed = done.signed
    _check(done.pages > 0 and signed is not None, "the report was not written and signed")
    assert signed is not None
    verdict = verify_pdf(done.path, trust=[pki.root_pem])
    _check(verdict.valid, "; ".join(verdict.lines(lang, reasons_only=True)) or "the signature did not verify")
    _check((folder / "reporte.xlsx").stat().st_size > 0, "the xlsx export is empty")
    return f"{done.pages} pages, signed {signed.level}, verified"
