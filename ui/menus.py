"""What the menus do beyond showing screens: backup, restore, print preview, about.  Each asks the
user what it needs, calls one operation and says what happened."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QFileDialog, QMessageBox

from scorecard.errors import UserError
from ui.i18n import tr
from ui.operations import backup as backups

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter

    from ui.main_window import MainWindow


def _backup_folder() -> str:
    from platformdirs import user_documents_path

    return str(user_documents_path())


def backup(window: MainWindow, destination: Path | None = None) -> Path | None:
    if destination is None:
        suggested = Path(_backup_folder()) / f"tablero-gpr-{dt.date.today():%Y%m%d}.sqlite"
        chosen, _ = QFileDialog.getSaveFileName(
            window, tr("Copia de seguridad"), str(suggested), tr("Base de datos SQLite (*.sqlite)")
        )
        if not chosen:
            return None
        destination = Path(chosen)
    try:
        out = backups.backup(window.store, destination)
    except UserError as exc:
        QMessageBox.critical(window, tr("Copia de seguridad"), exc.text(window.lang))
        return None
    window.statusBar().showMessage(tr("Copia de seguridad guardada en {path}", path=str(out)), 10_000)
    return out


def restore(window: MainWindow, source: Path | None = None, *, confirm: bool = True) -> bool:
    if source is None:
        chosen, _ = QFileDialog.getOpenFileName(
            window, tr("Restaurar copia de seguridad"), _backup_folder(), tr("Base de datos SQLite (*.sqlite)")
        )
        if not chosen:
            return False
        source = Path(chosen)
    if confirm:
        answer = QMessageBox.question(
            window,
            tr("Restaurar copia de seguridad"),
            tr("Los datos actuales se reemplazarán por los de {path}. ¿Continuar?", path=str(source)),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
    try:
        backups.restore(window.store, source)
    except UserError as exc:
        QMessageBox.critical(window, tr("Restaurar copia de seguridad"), exc.text(window.lang))
        return False
    window.reload()
    window.statusBar().showMessage(tr("Copia de seguridad restaurada desde {path}", path=str(source)), 10_000)
    return True


def about(window: MainWindow) -> None:
    QMessageBox.about(
        window,
        tr("Acerca del Tablero GPR"),
        tr("Tablero de Gobierno por Resultados para la seguridad ciudadana.")
        + "\n\n"
        + tr("Versión {version}", version=_version()),
    )


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("gpr-scorecard")
    except PackageNotFoundError:
        return "0"


def paint_scorecard(window: MainWindow, printer: QPrinter) -> None:
    """The scorecard panel as it is on screen, scaled to the page's width."""
    painter = QPainter(printer)
    page = printer.pageLayout().paintRectPixels(printer.resolution())
    widget = window.right_panel
    scale = min(page.width() / max(widget.width(), 1), page.height() / max(widget.height(), 1))
    painter.scale(scale, scale)
    widget.render(painter, QPoint(0, 0))
    painter.end()


def print_preview(window: MainWindow) -> None:
    from PySide6.QtGui import QPageLayout
    from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(tr("Tablero GPR"))
    printer.setPageOrientation(QPageLayout.Orientation.Landscape)
    dialog = QPrintPreviewDialog(printer, window)
    dialog.setWindowTitle(tr("Vista previa de impresión"))
    dialog.paintRequested.connect(lambda p: paint_scorecard(window, p))
    window.preview = dialog  # type: ignore[attr-defined]  # tests find it here
    dialog.open()
