"""Menu entries for the import wizard, the reports dialog and the signature check: the main window calls
:func:`add_to` once while building its «Archivo» menu, so these screens stay out of its module."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from ui.i18n import tr

if TYPE_CHECKING:
    from ui.import_wizard import ImportWizard
    from ui.main_window import MainWindow
    from ui.plan_editor import PlanEditor
    from ui.report_dialog import ReportDialog
    from ui.verify_dialog import VerifyDialog


def add_to(window: MainWindow, menu: QMenu) -> None:
    for text, slot, shortcut in (
        (tr("&Importar…"), open_import, "Ctrl+I"),
        (tr("&Reportes…"), open_reports, "Ctrl+Shift+R"),
        (tr("&Verificar firma…"), open_verify, None),
        (tr("Configuración del &plan…"), open_plan, None),
    ):
        action = QAction(text, window)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _checked=False, s=slot: s(window))
        menu.addAction(action)


def open_import(window: MainWindow) -> ImportWizard:
    """The wizard; a finished import reloads the window's scorecard."""
    from ui.import_wizard import ImportWizard

    wizard = ImportWizard(window.store, window.institution, window.lang, window)
    wizard.imported.connect(lambda _report: window.reload())
    wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    wizard.show()
    return wizard


def open_reports(window: MainWindow) -> ReportDialog:
    from ui.report_dialog import ReportDialog

    dialog = ReportDialog(window.store, window.institution, window.period, window.selected_unit(), window.lang, window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog


def open_verify(window: MainWindow) -> VerifyDialog:
    from ui.verify_dialog import VerifyDialog

    dialog = VerifyDialog(window.lang, window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog


def open_plan(window: MainWindow) -> PlanEditor:
    """The plan screen; a save reloads the window's scorecard."""
    from ui.plan_editor import PlanEditor

    editor = PlanEditor(window.store, window.institution, window)
    editor.saved.connect(window.reload)
    editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    editor.show()
    return editor
