"""«Verificar firma»: choose a signed PDF and the roots the user trusts (remembered), check it on the
database worker with :func:`exports.verification.verify_pdf`, and show the verdict in colour AND words:
valid or not, then each of the four checks with a mark, then the signer, date and level."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from scorecard.errors import UserError
from ui.i18n import QT_TR_NOOP, tr
from ui.owned_worker import OwnsWorker
from ui.theme import good_colour, status_colour

if TYPE_CHECKING:
    from exports.verification import Verdict

ROOTS_KEY = "verify/roots"
CHECKS = (  # (the verdict's attribute, whether True is good, the check in words)
    ("intact", True, QT_TR_NOOP("El contenido firmado está intacto")),
    ("whole_file", True, QT_TR_NOOP("La firma cubre todo el archivo")),
    ("modified_after_signing", False, QT_TR_NOOP("Sin cambios después de firmar")),
    ("trusted", True, QT_TR_NOOP("El firmante pertenece a una raíz de confianza")),
)


def verify(path: Path, roots: list[Path]) -> Verdict:
    from exports.verification import verify_pdf

    return verify_pdf(path, roots)


class VerifyDialog(OwnsWorker, QDialog):
    def __init__(self, lang: str = "es", parent: QWidget | None = None, path: Path | None = None) -> None:  # noqa: PLR0915
        super().__init__(parent)
        self.lang = lang
        self.settings = QSettings()
        self.start_worker()
        self.verdict: Verdict | None = None
        self.setWindowTitle(tr("Verificar firma"))
        self.setMinimumSize(720, 520)

        self.pdf_edit = QLineEdit(str(path) if path else "")
        self.pdf_edit.setAccessibleName(tr("Reporte firmado (PDF)"))
        browse = QPushButton(tr("Examinar…"))
        browse.clicked.connect(self._choose_pdf)
        pdf_row = QHBoxLayout()
        pdf_row.addWidget(self.pdf_edit, 1)
        pdf_row.addWidget(browse)

        self.roots = QListWidget()
        self.roots.setAccessibleName(tr("Raíces de confianza"))
        self.roots.setMaximumHeight(96)
        for root in self._remembered_roots():
            self.roots.addItem(root)
        add = QPushButton(tr("Añadir raíz…"))
        add.clicked.connect(self._add_root)
        remove = QPushButton(tr("Quitar"))
        remove.clicked.connect(self._remove_root)
        root_buttons = QVBoxLayout()
        root_buttons.addWidget(add)
        root_buttons.addWidget(remove)
        root_buttons.addStretch(1)
        roots_row = QHBoxLayout()
        roots_row.addWidget(self.roots, 1)
        roots_row.addLayout(root_buttons)

        form = QFormLayout()
        form.addRow(tr("Reporte firmado (PDF)") + ":", pdf_row)
        form.addRow(tr("Raíces de confianza") + ":", roots_row)

        self.verify_button = QPushButton(tr("Verificar"))
        self.verify_button.setDefault(True)
        self.verify_button.clicked.connect(self.start)
        close = QPushButton(tr("Cerrar"))
        close.clicked.connect(self.close)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.verify_button)
        buttons.addWidget(close)

        self.panel = QFrame()
        self.panel.setObjectName("verdict")
        self.panel.setFrameShape(QFrame.Shape.StyledPanel)
        panel = QVBoxLayout(self.panel)
        self.head_label = QLabel(tr("Elija el PDF y al menos una raíz de confianza, y pulse «Verificar»."))
        self.head_label.setWordWrap(True)
        self.head_label.setAccessibleName(tr("Veredicto"))
        self.checks_label = QLabel()
        self.checks_label.setTextFormat(Qt.TextFormat.RichText)
        self.details_label = QLabel()
        self.details_label.setWordWrap(True)
        self.details_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        panel.addWidget(self.head_label)
        panel.addWidget(self.checks_label)
        panel.addWidget(self.details_label)
        panel.addStretch(1)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.panel, 1)
        layout.addLayout(buttons)

    # --- choosing ---------------------------------------------------------------------------------------

    def _remembered_roots(self) -> list[str]:
        value = self.settings.value(ROOTS_KEY, [])
        items = [value] if isinstance(value, str) else list(value) if isinstance(value, list | tuple) else []
        return [str(v) for v in items if v]

    def root_paths(self) -> list[Path]:
        return [Path(self.roots.item(i).text()) for i in range(self.roots.count())]

    def add_root(self, path: Path) -> None:
        if str(path) not in {str(p) for p in self.root_paths()}:
            self.roots.addItem(str(path))
        self.settings.setValue(ROOTS_KEY, [str(p) for p in self.root_paths()])

    def _add_root(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(
            self, tr("Raíz de confianza"), "", tr("Certificados (*.pem *.crt *.cer *.der)")
        )
        if chosen:
            self.add_root(Path(chosen))

    def _remove_root(self) -> None:
        for item in self.roots.selectedItems():
            self.roots.takeItem(self.roots.row(item))
        self.settings.setValue(ROOTS_KEY, [str(p) for p in self.root_paths()])

    def _choose_pdf(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(self, tr("Reporte firmado"), self.pdf_edit.text(), tr("PDF (*.pdf)"))
        if chosen:
            self.pdf_edit.setText(chosen)

    # --- checking -------------------------------------------------------------------------------------

    def start(self) -> None:
        text = self.pdf_edit.text().strip()
        if not text:
            self._problem(tr("Elija el PDF firmado que quiere verificar."))
            return
        path, roots = Path(text).expanduser(), self.root_paths()
        self.settings.setValue(ROOTS_KEY, [str(p) for p in roots])
        self.verdict = None
        self.head_label.setText(tr("Verificando…"))
        self.head_label.setStyleSheet("")
        self.checks_label.clear()
        self.details_label.clear()
        self.verify_button.setEnabled(False)
        self.worker.submit("verify", lambda: verify(path, roots), self.show_verdict, self._failed)

    def _failed(self, exc: Exception) -> None:
        self.verify_button.setEnabled(True)
        self._problem(exc.text(self.lang) if isinstance(exc, UserError) else str(exc) or type(exc).__name__)

    def _problem(self, text: str) -> None:
        self.verdict = None
        self.head_label.setText("⚠ " + text)
        self.head_label.setStyleSheet(f"color: {self._bad()}; font-weight: 600;")
        self._paint(self._bad())

    def _good(self) -> str:
        return good_colour(self.palette())

    def _bad(self) -> str:
        return status_colour("red", self.palette())

    def _paint(self, colour: str | None) -> None:
        if colour is None:
            self.panel.setStyleSheet("")
        else:
            self.panel.setStyleSheet(f"QFrame#verdict {{ border: 2px solid {colour}; border-radius: 6px; }}")

    def show_verdict(self, verdict: Verdict) -> None:
        self.verify_button.setEnabled(True)
        self.verdict = verdict
        lines = verdict.lines(self.lang)
        colour = self._good() if verdict.valid else self._bad()
        mark = "✔" if verdict.valid else "✘"
        self.head_label.setText(f"{mark} {lines[0].rstrip(':')}")
        self.head_label.setStyleSheet(f"color: {colour}; font-size: 20px; font-weight: 700;")
        self.checks_label.setText(self.checks_html(verdict))
        failed = [line.strip().removeprefix("- ") for line in lines[1:] if line.startswith("  - ")]
        details = [line for line in lines[1:] if not line.startswith("  - ")]
        text = ""
        if failed:
            text += tr("Lo que falló:") + "\n" + "\n".join(f"✘ {f}" for f in failed) + "\n\n"
        self.details_label.setText(text + "\n".join(details))
        self._paint(colour)

    @staticmethod
    def checks_html(verdict: Any) -> str:
        rows = []
        for attribute, good_when, words in CHECKS:
            ok = bool(getattr(verdict, attribute)) == good_when
            colour, mark, state = (good_colour(), "✔", tr("sí")) if ok else (status_colour("red"), "✘", tr("no"))
            rows.append(
                f"<tr><td style='color:{colour}; font-weight:700; padding-right:8px'>{mark}</td>"
                f"<td>{tr(words)}</td><td style='color:{colour}; padding-left:12px'>{state}</td></tr>"
            )
        return "<table>" + "".join(rows) + "</table>"
