"""Render every main screen from a fresh demo database into screenshots/out/*.png, in Spanish and English.

QT_QPA_PLATFORM=offscreen .venv/bin/python screenshots/render.py

Screens: the national scorecard; zone 8 year to date; a unit search; a district's indicator sheet and
trend chart; the monthly data entry of a subcircuit with a red figure awaiting its justification; the
print preview of the scorecard.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

OUT = Path(__file__).with_name("out")
SUBCIRCUIT = "09D08C01S01"


def main() -> int:
    from PySide6.QtCore import QCoreApplication, QSettings
    from PySide6.QtWidgets import QApplication

    from scorecard.demo import load_demo
    from scorecard.store import Store
    from ui.i18n import install_language
    from ui.main_window import MainWindow

    QCoreApplication.setOrganizationName("GPR-screenshots")  # never the user's own settings
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, tempfile.mkdtemp())
    app = QApplication.instance() or QApplication([])
    OUT.mkdir(exist_ok=True)
    db = Path(tempfile.mkdtemp(prefix="gpr-shots-")) / "demo.sqlite"
    load_demo(Store.open(db, create=True))

    def settle(window: MainWindow) -> None:
        window.wait_idle()
        app.processEvents()

    for lang in ("es", "en"):
        install_language(lang)
        window = MainWindow(Store.open(db), lang, period="2025-10")
        window.resize(1360, 840)
        window.show()
        settle(window)
        window.grab().save(str(OUT / f"scorecard-national-{lang}.png"))
        window.select_unit("Z8")
        window.ytd.setChecked(True)
        settle(window)
        window.grab().save(str(OUT / f"scorecard-z8-ytd-{lang}.png"))
        window.search.setText("prosperina")
        window.ytd.setChecked(False)
        window.select_unit("09D08")
        settle(window)
        window.grab().save(str(OUT / f"scorecard-district-search-{lang}.png"))

        detail = window.open_indicator("HOM-01")
        detail.unit_box.setCurrentIndex(0)
        app.processEvents()
        detail.readout.setText(detail.month_text(9))  # what hovering October shows
        detail.grab().save(str(OUT / f"indicator-detail-{lang}.png"))
        detail.close()

        window.select_unit(SUBCIRCUIT)
        settle(window)
        entry = window.open_data_entry()
        _fill_a_month(entry)
        app.processEvents()
        entry.grab().save(str(OUT / f"data-entry-{lang}.png"))
        entry.model.undo_stack.setClean()  # the screenshot's edits are not saved
        entry.close()
        window.close()
    print("\n".join(str(p) for p in sorted(OUT.glob("*.png"))))
    return 0


def _fill_a_month(entry) -> None:  # type: ignore[no-untyped-def]
    """Type November the way a commander would: one figure red (awaiting justification), the rest fine."""
    from ui.models.entry_model import DENOMINATOR, NUMERATOR, VALUE

    model = entry.model
    sep = model.locale.decimalPoint()
    for row, line in enumerate(model.lines):
        if line.is_ratio:
            model.setData(model.index(row, NUMERATOR), "3")
            model.setData(model.index(row, DENOMINATOR), f"1.250{sep}5" if sep == "," else f"1,250{sep}5")
        elif line.indicator_code == "HOM-01":
            model.setData(model.index(row, VALUE), "1")
        else:
            model.setData(model.index(row, VALUE), "6")
    red = next(r for r, line in enumerate(model.lines) if line.needs_justification())
    entry.select(red)


if __name__ == "__main__":
    raise SystemExit(main())
