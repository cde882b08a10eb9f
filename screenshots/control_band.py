"""Render «signal or chance» §3 into screenshots/out/*.png, in Spanish and English: the indicator sheet's
chart with a count's expected band and the months outside it, and an import preview whose figures carry
data-quality flags.

xvfb-run -a -s "-screen 0 1600x1000x24" env QT_QPA_PLATFORM=xcb .venv/bin/python screenshots/control_band.py

The history before 2025 is SYNTHETIC (screenshots/synthetic_history.py); the imported table is made up
here (a spike, a zero after a run) to show the flags.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

OUT = Path(__file__).with_name("out")


def flagged_table(path: Path) -> Path:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["unidad", "indicador", "periodo", "valor"])
    for code, value in (("09D08C01S01", 14), ("09D08C01S02", 0), ("09D08C02S01", 1), ("09D08C04S01", 0)):
        ws.append([code, "HOM-01", "2025-11", value])
    wb.save(path)
    return path


def main() -> int:
    from PySide6.QtWidgets import QApplication

    from demo import load_demo
    from scorecard.store import Store
    from screenshots.synthetic_history import load_synthetic_history
    from ui.i18n import install_language
    from ui.import_wizard import ImportWizard
    from ui.indicator_detail import IndicatorDialog

    OUT.mkdir(exist_ok=True)
    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "demo.sqlite"
        with Store.open(db, create=True) as store:
            load_demo(store)
            load_synthetic_history(store)
        table = flagged_table(Path(tmp) / "tabla.xlsx")
        for lang in ("es", "en"):
            install_language(lang)
            store = Store.open(db, lang=lang)
            dialog = IndicatorDialog(store, "PN", "2025-10", "09D08", "HOM-01")
            dialog.show()
            assert dialog.wait_band()
            for _ in range(20):
                app.processEvents()
            dialog.grab().save(str(OUT / f"control-band-{lang}.png"))
            dialog.close()

            wizard = ImportWizard(store, "PN", lang)
            wizard.resize(1300, 800)
            wizard.show()
            wizard.file_page.choose(table)
            while wizard.busy:
                app.processEvents()
            wizard.next()
            wizard.next()
            for _ in range(600):
                app.processEvents()
                if wizard.preview_page.isComplete():
                    break
                wizard.worker.wait_idle(0.05)
            for _ in range(20):
                app.processEvents()
            wizard.grab().save(str(OUT / f"import-quality-{lang}.png"))
            wizard.reject()
    return 0


if __name__ == "__main__":
    sys.exit(main())
