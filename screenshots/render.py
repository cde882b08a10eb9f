"""Render the main screens from a fresh demo database into screenshots/out/*.png, in Spanish and English.

QT_QPA_PLATFORM=offscreen .venv/bin/python screenshots/render.py
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

OUT = Path(__file__).with_name("out")


def main() -> int:
    from PySide6.QtCore import QCoreApplication, QSettings
    from PySide6.QtWidgets import QApplication

    from scorecard.demo import load_demo
    from scorecard.store import Store
    from ui.main_window import MainWindow

    QCoreApplication.setOrganizationName("GPR-screenshots")  # never the user's own settings
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, tempfile.mkdtemp())
    app = QApplication.instance() or QApplication([])
    OUT.mkdir(exist_ok=True)
    db = Path(tempfile.mkdtemp(prefix="gpr-shots-")) / "demo.sqlite"
    load_demo(Store.open(db, create=True))
    for lang in ("es", "en"):
        window = MainWindow(Store.open(db), lang, period="2025-10")
        window.resize(1320, 820)
        window.show()
        app.processEvents()
        window.grab().save(str(OUT / f"scorecard-national-{lang}.png"))
        window.select_unit("Z8")
        window.ytd.setChecked(True)
        app.processEvents()
        window.grab().save(str(OUT / f"scorecard-z8-ytd-{lang}.png"))
        window.search.setText("prosperina")
        app.processEvents()
        window.grab().save(str(OUT / f"search-{lang}.png"))
        window.close()
    print("\n".join(str(p) for p in sorted(OUT.glob("*.png"))))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
