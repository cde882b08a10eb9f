"""Render every main screen from a fresh demo database into screenshots/out/*.png, in Spanish and English.

QT_QPA_PLATFORM=offscreen .venv/bin/python screenshots/render.py [--dark]

``--dark`` renders the same screens with the dark palette the app takes when the system is dark, into
screenshots/out/dark/.

Screens: the national scorecard; zone 8 year to date; a unit search; a district's indicator sheet and
trend chart; the monthly data entry of a subcircuit with a red figure awaiting its justification; the
print preview of the scorecard; the reports dialog with a signed report and its preview; the signature
check, valid and tampered; the import wizard's preview of the real register over a changed figure; the
sign-in (after a wrong password); a month returned to its commander; October's review queue and the
audit view after a month-end played by commanders and a planner (``_month_end``); the plan configuration
(objectives, an indicator's ficha, a targets grid); a district's scorecard with last year's figures and the
multi-year charts of its homicides, over SYNTHETIC 2016–2024 history (``_year_on_year``).
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
    global OUT  # noqa: PLW0603  (the dark set goes to its own folder)
    from PySide6.QtCore import QCoreApplication, QSettings
    from PySide6.QtWidgets import QApplication

    from demo import load_demo
    from scorecard.store import Store
    from ui.i18n import install_language
    from ui.main_window import MainWindow

    QCoreApplication.setOrganizationName("GPR-screenshots")  # never the user's own settings
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, tempfile.mkdtemp())
    app = QApplication.instance() or QApplication([])
    dark = "--dark" in sys.argv[1:]
    if dark:  # the system's dark scheme, as ui.theme.follow_system applies it
        from PySide6.QtCore import Qt

        from ui.theme import apply_scheme

        apply_scheme(app, Qt.ColorScheme.Dark)
        OUT = OUT / "dark"
    OUT.mkdir(parents=True, exist_ok=True)
    db = Path(tempfile.mkdtemp(prefix="gpr-shots-")) / "demo.sqlite"
    load_demo(Store.open(db, create=True))
    _month_end(db)

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
        entry.worker.wait_idle()  # the sheet is read on the dialog's worker
        _fill_a_month(entry)
        app.processEvents()
        entry.grab().save(str(OUT / f"data-entry-{lang}.png"))
        entry.model.undo_stack.setClean()  # the screenshot's edits are not saved
        entry.close()
        _workflow_screens(app, window, db, lang)
        window.close()
        _reports_and_import(app, db, lang)
        _plan(app, db, lang)
    _year_on_year(app, db)
    print("\n".join(str(p) for p in sorted(OUT.glob("*.png"))))
    return 0


def _year_on_year(app, db: Path) -> None:  # type: ignore[no-untyped-def]
    """Last year beside this year and the multi-year chart, on a copy of the demo to which
    screenshots/synthetic_history.py adds INVENTED 2016–2024 figures for district 09D08 (the demo has only
    2025): the pictures show the screens, not real history."""
    import shutil

    from scorecard.store import Store
    from screenshots.synthetic_history import load_synthetic_history
    from ui.i18n import install_language
    from ui.main_window import MainWindow

    copy = db.with_name("demo-synthetic-history.sqlite")
    shutil.copy(db, copy)
    load_synthetic_history(Store.open(copy))
    for lang in ("es", "en"):
        install_language(lang)
        window = MainWindow(Store.open(copy), lang, period="2025-10")
        window.resize(1360, 840)
        window.show()
        window.select_unit("09D08")
        window.wait_idle()
        app.processEvents()
        window.grab().save(str(OUT / f"scorecard-last-year-{lang}.png"))
        detail = window.open_indicator("HOM-01")
        detail.unit_box.setCurrentIndex(0)
        for tab, name in ((1, "indicator-years"), (2, "indicator-annual")):
            detail.views.setCurrentIndex(tab)
            app.processEvents()
            detail.wait_years()
            chart = detail.years
            chart.readout.setText(
                chart.month_text(len(chart.history.years) - 2, 9) if tab == 1 else chart.year_text(-2)
            )
            detail.grab().save(str(OUT / f"{name}-{lang}.png"))
        detail.close()
        window.close()


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


def _plan(app, db: Path, lang: str) -> None:  # type: ignore[no-untyped-def]
    """Configuración del plan: the objectives, HOM-01's ficha, its targets grid at the subcircuits of one
    district, and next year's targets derived from history (nothing is saved)."""
    from PySide6.QtCore import Qt

    from scorecard.store import Store
    from ui.plan_editor import PlanEditor

    editor = PlanEditor(Store.open(db), "PN")
    editor.show()
    app.processEvents()
    editor.grab().save(str(OUT / f"plan-objectives-{lang}.png"))
    editor.tabs.setCurrentIndex(1)
    editor.pick_indicator(0)
    app.processEvents()
    editor.grab().save(str(OUT / f"plan-indicator-{lang}.png"))
    editor.tabs.setCurrentIndex(2)
    model = editor.targets
    row = next(r for r, u in enumerate(model.units) if u.code == SUBCIRCUIT)
    editor.targets_view.scrollTo(model.index(row, 0), editor.targets_view.ScrollHint.PositionAtTop)
    editor.targets_view.selectRow(row)
    app.processEvents()
    editor.grab().save(str(OUT / f"plan-targets-{lang}.png"))
    # 2026's homicide targets from the 2025 register, 10 % lower, previewed (nothing is written)
    editor.target_year.setValue(2026)
    derive = editor.open_derive()
    for k in range(derive.indicator_list.count()):
        item = derive.indicator_list.item(k)
        keep = item.data(Qt.ItemDataRole.UserRole) == "HOM-01"
        item.setCheckState(Qt.CheckState.Checked if keep else Qt.CheckState.Unchecked)
    derive.change.setValue(-10)
    derive.reason.setText("Plan 2026: −10 % sobre 2025" if lang == "es" else "2026 plan: −10 % on 2025")
    derive.run_preview()
    derive.worker.wait_idle(120)
    app.processEvents()
    derive.grab().save(str(OUT / f"plan-derive-{lang}.png"))
    derive.close()
    editor.close()


def _reports_and_import(app, db: Path, lang: str) -> None:  # type: ignore[no-untyped-def]  # noqa: PLR0915
    """The reports dialog with a signed report, the signature check (valid, then tampered) and the import
    wizard's preview of the real register over a copy of the demo where one HOM-01 figure was changed."""
    import shutil
    import sqlite3
    import time

    from sqlalchemy import select

    from demo import register_path
    from exports import test_authority
    from scorecard import view_cache
    from scorecard.models import Indicator, Result, Unit
    from scorecard.store import Store
    from ui.import_wizard import ImportWizard
    from ui.report_dialog import ReportDialog
    from ui.verify_dialog import VerifyDialog

    def wait(dialog, until=None) -> None:  # type: ignore[no-untyped-def]
        deadline = time.monotonic() + 120
        while (dialog.busy or (until is not None and not until())) and time.monotonic() < deadline:
            app.processEvents()
            time.sleep(0.01)
        app.processEvents()

    work = Path(tempfile.mkdtemp(prefix="gpr-shots-reports-"))
    pki = test_authority.build(work / "pki")
    reports = ReportDialog(Store.open(db), "PN", "2025-10", None, lang)
    reports.resize(1180, 760)
    reports.show()
    pdf = work / ("reporte-pn-2025-10.pdf" if lang == "es" else "report-pn-2025-10.pdf")
    reports.pdf_edit.setText(str(pdf))
    reports.xlsx_check.setChecked(True)
    reports.sign_group.setChecked(True)
    reports.p12_edit.setText(str(pki.signer_p12))
    reports.position_edit.setText("Ministra del Interior" if lang == "es" else "Minister of the Interior")
    reports.ask_password = lambda _p12: test_authority.PASSWORD  # type: ignore[method-assign]
    reports.generate()
    wait(reports)
    reports.grab().save(str(OUT / f"reports-{lang}.png"))
    reports.close()

    check = VerifyDialog(lang, path=pdf)
    check.resize(760, 470)
    check.roots.clear()
    check.add_root(pki.root_pem)
    check.show()
    check.start()
    wait(check)
    check.grab().save(str(OUT / f"verify-valid-{lang}.png"))
    tampered = work / "alterado.pdf"
    data = bytearray(pdf.read_bytes())
    at = data.find(b"stream", data.find(b"/Contents", len(data) // 3)) + 40
    data[at] ^= 0x01
    tampered.write_bytes(bytes(data))
    check.pdf_edit.setText(str(tampered))
    check.start()
    wait(check)
    check.grab().save(str(OUT / f"verify-tampered-{lang}.png"))
    check.close()

    changed = work / "demo-changed.sqlite"
    with sqlite3.connect(db) as src, sqlite3.connect(changed) as dst:
        src.backup(dst)
    store = Store.open(changed)
    with store.transaction() as s:
        result = s.scalar(
            select(Result)
            .join(Unit, Unit.id == Result.unit_id)
            .join(Indicator, Indicator.id == Result.indicator_id)
            .where(Unit.code == SUBCIRCUIT, Indicator.code == "HOM-01", Result.month == 202503)
        )
        result.value = (result.value or 0) + 3
        view_cache.invalidate(s, store.institution(s, "PN").id)
    wizard = ImportWizard(store, "PN", lang)
    wizard.resize(980, 640)
    wizard.show()
    wizard.file_page.choose(register_path())
    wait(wizard, lambda: wizard.detected is not None)
    wizard.next()
    wizard.grab().save(str(OUT / f"import-mapping-{lang}.png"))
    wizard.next()
    wait(wizard, wizard.preview_page.isComplete)
    wizard.grab().save(str(OUT / f"import-preview-{lang}.png"))
    wizard.close()
    # a wide sheet, the way statistics offices keep years of a unit: months across, about one subcircuit
    # and one indicator the user picks (figures made up for the picture, labelled so in the sheet)
    import openpyxl

    wide = work / "historia.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "historia"
    sheet.append([f"Homicidios, subcircuito {SUBCIRCUIT} (cifras de muestra)"])
    months = ["Ene", "Feb", "Mar", "Abr", "May", "Jun", "Jul", "Ago", "Sep", "Oct", "Nov", "Dic"]
    sheet.append(["Año", *months, "Total"])
    for year in range(2020, 2025):
        values = [(year * 7 + m * 3) % 5 for m in range(1, 13)]
        sheet.append([year, *values, sum(values)])
    book.save(wide)
    wizard = ImportWizard(store, "PN", lang)
    wizard.resize(980, 640)
    wizard.show()
    wizard.file_page.choose(wide)
    wait(wizard, lambda: wizard.detected is not None)
    wizard.next()
    page = wizard.mapping_page
    page.about_unit.setCurrentIndex(page.about_unit.findData(SUBCIRCUIT))
    page.about_indicator.setCurrentIndex(page.about_indicator.findData("HOM-01"))
    app.processEvents()
    wizard.grab().save(str(OUT / f"import-wide-mapping-{lang}.png"))
    wizard.next()
    wait(wizard, wizard.preview_page.isComplete)
    wizard.grab().save(str(OUT / f"import-wide-preview-{lang}.png"))
    wizard.close()
    store.close()
    shutil.rmtree(work, ignore_errors=True)


# October 2025 in district 09D08: who submitted, who was returned, what was approved (and reopened)
COMMANDERS = {
    "jefe_c01s01": "09D08C01S01",
    "jefe_c01s02": "09D08C01S02",
    "jefe_c01s03": "09D08C01S03",
    "jefe_c02s01": "09D08C02S01",
    "jefe_c02s02": "09D08C02S02",
    "jefe_c03s01": "09D08C03S01",
    "jefe_c04s01": "09D08C04S01",
    "jefe_c05s01": "09D08C05S01",
}
PASSWORD = "clave-de-muestra-1"


def _month_end(db: Path) -> None:
    """Users and a month-end in the core, as each of them: the review queue and the audit have a story."""
    from scorecard.store import Store

    admin = Store.open(db)
    admin.users.add("planif", "planner", institution="PN", password=PASSWORD, full_name="Planificación PN")
    for name, unit in COMMANDERS.items():
        admin.users.add(name, "commander", institution="PN", scope=unit, password=PASSWORD)
    month = "2025-10"
    for name in ("jefe_c01s01", "jefe_c01s02", "jefe_c01s03", "jefe_c02s01", "jefe_c03s01", "jefe_c05s01"):
        jefe, unit = Store.open(db, user=name), COMMANDERS[name]
        for b in jefe.workflow.blockers("PN", unit, month):
            jefe.workflow.justify(
                "PN", b.unit, b.indicator, month, "Feriado largo: patrullaje reducido", "Refuerzo de turnos"
            )
        jefe.workflow.submit("PN", unit, month)
    planif = Store.open(db, user="planif")
    for unit in ("09D08C01S01", "09D08C03S01"):
        planif.workflow.approve("PN", unit, month)
    planif.workflow.return_("PN", "09D08C01S03", month, "Revise el conteo de operativos de la semana 3.")
    planif.workflow.reopen("PN", "09D08C03S01", month, "Corrección de la población de referencia.")
    jefe = Store.open(db, user="jefe_c03s01")
    jefe.workflow.submit("PN", "09D08C03S01", month)
    planif.workflow.approve("PN", "09D08C03S01", month)


def _workflow_screens(app, window, db: Path, lang: str) -> None:  # type: ignore[no-untyped-def]
    from scorecard.store import Store
    from ui.audit_view import AuditDialog
    from ui.login_dialog import LoginDialog
    from ui.review_queue import ReviewQueueDialog

    login = LoginDialog(Store.open(db), user="planif")
    login.password_edit.setText("una-clave-equivocada")
    login.try_sign_in()  # the core's answer, as the user sees it
    login.password_edit.setText("••••••")
    login.password_edit.deselect()
    login.show()
    app.processEvents()
    login.grab().save(str(OUT / f"login-{lang}.png"))
    login.close()

    planner = Store.open(db, user="planif")
    queue = ReviewQueueDialog(planner, "PN", "2025-10", window)
    queue.show()
    queue.worker.wait_idle()
    queue.select("09D08C01S02")
    app.processEvents()
    queue.grab().save(str(OUT / f"review-queue-{lang}.png"))
    queue.close()

    from ui.data_entry import DataEntryDialog

    returned = DataEntryDialog(Store.open(db, user="jefe_c01s03"), "PN", "09D08C01S03", window, month=202510)
    returned.show()
    returned.worker.wait_idle()
    app.processEvents()
    returned.grab().save(str(OUT / f"data-entry-returned-{lang}.png"))
    returned.close()

    audit = AuditDialog(planner, "PN", window)
    audit.period_edit.setText("2025-10")
    audit.search()
    audit.show()
    audit.worker.wait_idle()
    app.processEvents()
    audit.grab().save(str(OUT / f"audit-{lang}.png"))
    audit.close()


if __name__ == "__main__":
    raise SystemExit(main())
