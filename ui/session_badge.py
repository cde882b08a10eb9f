"""Who is signed in, and as what: a permanent label in the main window's status bar."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QLabel, QMainWindow

from scorecard.errors import UserError
from scorecard.store import Store
from ui.i18n import tr
from ui.workflow_words import role_word


class SessionBadge(QLabel):
    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store
        self.setAccessibleName(tr("Usuario conectado"))
        self.refresh()

    def refresh(self) -> None:
        try:
            actor = self.store.actor
        except UserError:  # nobody signed in on a server: say so rather than guess
            self.setText(tr("Sin sesión"))
            return
        self.setText(tr("Usuario: {user} · {role}", user=actor.name, role=role_word(actor.role.value)))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.refresh()
        super().changeEvent(event)


def install_badge(window: QMainWindow, store: Store) -> SessionBadge:
    """One badge per window (the window's menus are rebuilt on a language switch; the badge stays)."""
    badge = window.findChild(SessionBadge)
    if badge is None:
        badge = SessionBadge(store)
        window.statusBar().addPermanentWidget(badge)
    else:
        badge.refresh()
    return badge
