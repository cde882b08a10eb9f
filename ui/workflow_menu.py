"""The main window's workflow menu (review queue, audit) and its signed-in badge, added in one call so
the window's own code changes in one place."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence

from ui.i18n import tr
from ui.session_badge import install_badge

if TYPE_CHECKING:
    from ui.audit_view import AuditDialog
    from ui.main_window import MainWindow
    from ui.review_queue import ReviewQueueDialog


def add_workflow_menu(window: MainWindow) -> None:
    menu = window.menuBar().addMenu(tr("&Revisión"))
    review = QAction(tr("Cola de &revisión…"), window)
    review.setShortcut(QKeySequence("Ctrl+Shift+R"))
    review.triggered.connect(lambda: open_review_queue(window))
    audit = QAction(tr("&Auditoría…"), window)
    audit.setShortcut(QKeySequence("Ctrl+Shift+A"))
    audit.triggered.connect(lambda: open_audit(window))
    menu.addAction(review)
    menu.addAction(audit)
    window.review_action, window.audit_action = review, audit  # type: ignore[attr-defined]
    install_badge(window, window.store)


def open_review_queue(window: MainWindow) -> ReviewQueueDialog:
    from ui.review_queue import ReviewQueueDialog

    dialog = ReviewQueueDialog(window.store, window.institution, window.period, window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.finished.connect(lambda *_: window.reload())  # approvals and returns change the scorecard's marks
    dialog.show()
    return dialog


def open_audit(window: MainWindow) -> AuditDialog:
    from ui.audit_view import AuditDialog

    dialog = AuditDialog(window.store, window.institution, window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog
