"""The scorecard's side of «one figure, one truth»: after a scorecard shows, the worker asks the core
which indicators have a second source or a certified figure, and the lines whose sources disagree are
marked; a marked line (double-click, or the context menu of any line) and the «Datos» menu open the
reconciliation view.  Kept out of the main window's module, which only calls in here."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from scorecard.domain import ScorecardView
from ui.i18n import tr
from ui.models.scorecard_model import IndicatorCodeRole

if TYPE_CHECKING:
    from ui.main_window import MainWindow
    from ui.reconciliation_view import ReconciliationDialog


def add_menu(window: MainWindow) -> None:
    menu = window.menuBar().addMenu(tr("&Datos"))
    action = QAction(tr("&Conciliar fuentes…"), window)
    action.setShortcut(QKeySequence("Ctrl+Shift+F"))
    action.triggered.connect(lambda: open_reconciliation(window))
    menu.addAction(action)
    window.reconcile_action = action  # type: ignore[attr-defined]  # tests find it here


def ask(window: MainWindow, view: ScorecardView) -> None:
    """The marks of ``view``'s indicators, from the worker (a failure leaves the lines unmarked)."""
    store = window.store

    def job() -> dict[str, dict[str, Any]]:
        return store.reconciliation.disagreements(view.institution, view.period, view.unit_code, ytd=view.ytd)

    def done(marks: dict[str, dict[str, Any]]) -> None:
        if window.view is view:  # the user may have moved on meanwhile
            window.scorecard_model.set_marks(marks)

    window.worker.submit("sources", job, done, None)


def open_reconciliation(window: MainWindow, indicator: str | None = None) -> ReconciliationDialog:
    from ui.reconciliation_view import ReconciliationDialog

    marks = window.scorecard_model.marks
    indicator = indicator or next((c for c, r in marks.items() if r["open"]), None) or next(iter(marks), None)
    unit = window.selected_unit() or (window.view.unit_code if window.view else None)
    dialog = ReconciliationDialog(window.store, window.institution, window.period, unit, indicator, window)
    dialog.certified.connect(window.reload)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    window.reconciliation = dialog  # type: ignore[attr-defined]  # tests find it here
    return dialog


def attach(window: MainWindow) -> None:
    window.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
    window.table.customContextMenuRequested.connect(lambda pos: context_menu(window, pos))


def context_menu(window: MainWindow, pos: QPoint) -> QMenu | None:
    """Ficha or reconciliation of the indicator line under the pointer."""
    code = window.table.indexAt(pos).siblingAtColumn(0).data(IndicatorCodeRole)
    if not code:
        return None
    menu = QMenu(window.table)
    menu.addAction(tr("Ficha del indicador…"), lambda: window.open_indicator(str(code)))
    menu.addAction(tr("Conciliar fuentes…"), lambda: open_reconciliation(window, str(code)))
    menu.popup(window.table.viewport().mapToGlobal(pos))
    return menu
