"""Render the screens of «one figure, one truth» into screenshots/out/*.png, in Spanish and English:
the reconciliation view with disagreements and a certified figure, the scorecard marking the line whose
sources disagree, and the plan screen's «Fuentes» tab.

xvfb-run -a -s "-screen 0 1600x1000x24" env QT_QPA_PLATFORM=xcb .venv/bin/python screenshots/sources.py

The second source (DINASED) is made up here from the demo's own October homicides, a few districts'
figures moved, and imported as a long table through the real importer: a SYNTHETIC disagreement.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

OUT = Path(__file__).with_name("out")
MONTH, PERIOD = 202510, "2025-10"


def second_source(db: Path) -> None:
    """DINASED's homicides: the official subcircuit figures, one more in every fourth unit of zone 8."""
    from openpyxl import Workbook
    from sqlalchemy import select

    from importers.figures_import import import_figures
    from scorecard.certification import certify
    from scorecard.models import Indicator, Result, Unit, UnitClosure
    from scorecard.store import Store

    store = Store.open(db)
    store.sources.add("PN", "DINASED", "Dirección Nacional de Delitos contra la Vida")
    store.sources.add("PN", "ECU911", "Servicio Integrado de Seguridad ECU 911")
    with store.reading() as s:
        z8 = s.scalar(select(Unit.id).where(Unit.code == "Z8"))
        under_z8 = set(s.scalars(select(UnitClosure.descendant_id).where(UnitClosure.ancestor_id == z8)))
        rows = s.execute(
            select(Unit.code, Unit.id, Result.value)
            .join(Unit, Unit.id == Result.unit_id)
            .join(Indicator, Indicator.id == Result.indicator_id)
            .where(Indicator.code == "HOM-01", Result.month == MONTH)
            .order_by(Unit.code)
        ).all()
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["unidad", "indicador", "periodo", "valor"])
    for k, (code, uid, value) in enumerate(rows):
        moved = uid in under_z8 and k % 4 == 0
        ws.append([code, "HOM-01", PERIOD, (value or 0) + (1 if moved else 0)])
    path = db.with_name("dinased.xlsx")
    wb.save(path)
    import_figures(store, path, "PN", source="DINASED")
    # one zone's figure certified, so the view shows that state too
    other = store.reconciliation.reconcile("PN", "HOM-01", PERIOD, level="zona")["rows"]
    agreed = next((r for r in other if not r["disagree"] and r["official"] is not None), None)
    if agreed is not None:
        certify(store, "PN", "HOM-01", agreed["unit"], PERIOD, source="DINASED", reason="Cifra revisada con DINASED")


def main() -> int:
    from PySide6.QtCore import QCoreApplication, QSettings
    from PySide6.QtWidgets import QApplication

    from demo import load_demo
    from scorecard.store import Store
    from ui import source_marks
    from ui.i18n import install_language
    from ui.main_window import MainWindow
    from ui.plan_editor import PlanEditor

    QCoreApplication.setOrganizationName("GPR-screenshots")  # never the user's own settings
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, tempfile.mkdtemp())
    app = QApplication.instance() or QApplication([])
    OUT.mkdir(parents=True, exist_ok=True)
    db = Path(tempfile.mkdtemp(prefix="gpr-sources-")) / "demo.sqlite"
    load_demo(Store.open(db, create=True))
    second_source(db)

    for lang in ("es", "en"):
        install_language(lang)
        window = MainWindow(Store.open(db), lang, period=PERIOD)
        window.resize(1360, 840)
        window.show()
        window.select_unit("Z8")
        window.wait_idle(120)
        app.processEvents()
        window.grab().save(str(OUT / f"sources-scorecard-mark-{lang}.png"))

        dialog = source_marks.open_reconciliation(window, "HOM-01")
        dialog.resize(1240, 560)
        dialog.worker.wait_idle(120)
        dialog.level_box.setCurrentIndex(dialog.level_box.findData("distrito"))
        dialog.worker.wait_idle(120)
        app.processEvents()
        row = next((r for r, x in enumerate(dialog.model.rows) if x["open"]), 0)
        dialog.table.selectRow(row)
        app.processEvents()
        dialog.grab().save(str(OUT / f"sources-reconciliation-{lang}.png"))
        certify = dialog.ask_certify()
        if certify is not None:
            certify.reason.setPlainText(
                "El registro de DINASED incluye un caso confirmado"
                if lang == "es"
                else "DINASED's register has one more confirmed case"
            )
            app.processEvents()
            certify.grab().save(str(OUT / f"sources-certify-{lang}.png"))
            certify.reject()
        dialog.close()
        window.close()

        editor = PlanEditor(Store.open(db), "PN")
        editor.resize(1280, 760)
        editor.show()
        editor.tabs.setCurrentWidget(editor.sources_panel)
        app.processEvents()
        editor.grab().save(str(OUT / f"sources-plan-panel-{lang}.png"))
        editor.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
