"""Sign-in: who is there, when the database is shared (PostgreSQL) or has more than one user.

The core checks the password (:meth:`scorecard.users.Users.authenticate`; on a server the server does, as
the store connects as the user's own role): its answers — a wrong name or password, an account locked for
a while after repeated failures — are shown as they come, in the window's language.  Accepted, the store
acts as that user from then on.  On a server the password may be kept in the system keyring.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from scorecard.credentials import keyring_available, remember
from scorecard.errors import UserError
from scorecard.store import Store
from scorecard.users import UserInfo
from ui.i18n import current_lang, tr
from ui.theme import error_colour


class LoginDialog(QDialog):
    def __init__(self, store: Store, parent: QWidget | None = None, *, user: str | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.lang = current_lang()
        self.signed_in: UserInfo | None = None
        self.setWindowTitle(tr("Iniciar sesión — Tablero GPR"))
        self.setMinimumWidth(420)

        title = QLabel(tr("Tablero GPR"))
        title.setStyleSheet("font-size: 20px; font-weight: 700;")
        where = QLabel(tr("Base de datos: {where}", where=_where(store)))
        where.setStyleSheet("color: palette(placeholder-text);")
        where.setWordWrap(True)
        self.user_edit = QLineEdit(user or "")
        self.user_edit.setAccessibleName(tr("Usuario"))
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setAccessibleName(tr("Contraseña"))
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName(tr("Mensaje de inicio de sesión"))
        self.message.setStyleSheet(f"color: {error_colour(self.palette())}; font-weight: 600;")
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.hide()

        form = QFormLayout()
        form.addRow(tr("&Usuario:"), self.user_edit)
        form.addRow(tr("&Contraseña:"), self.password_edit)
        self.remember = QCheckBox(tr("&Recordar la contraseña en el llavero del sistema"))
        self.remember.setAccessibleName(tr("Recordar la contraseña"))
        self.can_remember = store.dialect == "postgresql" and keyring_available()
        if self.can_remember:
            form.addRow("", self.remember)
        else:
            self.remember.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(tr("Entrar"))
        ok.setDefault(True)  # Enter signs in
        self.buttons.accepted.connect(self.try_sign_in)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(where)
        layout.addSpacing(8)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        (self.password_edit if user else self.user_edit).setFocus()

    def try_sign_in(self) -> bool:
        """Ask the core; accepted, close the dialog; refused, say why and clear the password."""
        name = self.user_edit.text().strip()
        if not name:
            self._say(tr("Escriba su usuario."))
            self.user_edit.setFocus()
            return False
        try:
            self.signed_in = self.store.users.authenticate(name, self.password_edit.text())
        except UserError as exc:
            self._say(exc.text(self.lang))
            self.password_edit.clear()
            self.password_edit.setFocus()
            return False
        if self.can_remember and self.remember.isChecked():
            url = self.store.engine.url.render_as_string(hide_password=True)
            remember(url, name, self.password_edit.text())
        self.accept()
        return True

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()


def _where(store: Store) -> str:
    url = store.engine.url
    if url.get_backend_name() == "sqlite":
        return str(url.database)
    return f"{url.host or 'localhost'}:{url.port or 5432}/{url.database}"


def sign_in(store: Store, parent: QWidget | None = None) -> bool:
    """Show the sign-in when the store needs one; False when the user gave up."""
    if not store.users.needs_sign_in():
        return True
    dialog = LoginDialog(store, parent, user=store.engine.url.username if store.dialect == "postgresql" else None)
    return dialog.exec() == QDialog.DialogCode.Accepted
