"""«Reportes»: choose the scope and period, generate the PDF (and .xlsx) on the database worker, sign it
with a .p12, and see what was made: pages, the signature level said honestly, the SHA-256 and a preview
of the first pages.

The .p12's password is asked each time and lives only as long as the identity is being opened; it is
never stored, logged or shown.  The signer's position (cargo) and the last folders are remembered.
"""

from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QPixmap
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QCompleter,
    QDialog,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressDialog,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from scorecard.errors import UserError
from scorecard.store import Store
from ui.i18n import month_name, tr
from ui.operations.reports import Made, ReportOptions, make_report, put_in_place
from ui.owned_worker import OwnsWorker
from ui.theme import error_colour, good_colour

TSA_ENV = "SCORECARD_TSA_URL"
PROGRESS_DELAY_MS = 500


def period_choices(years: tuple[int, ...] = (2025, 2026)) -> list[tuple[str, str]]:
    """(label, code): every month, quarter, half and year the report command understands."""
    out: list[tuple[str, str]] = []
    for year in years:
        out += [(f"{month_name(m)} {year}", f"{year}-{m:02d}") for m in range(1, 13)]
        out += [(tr("Trimestre {n} de {year}", n=q, year=year), f"{year}-Q{q}") for q in range(1, 5)]
        out += [(tr("Semestre {n} de {year}", n=h, year=year), f"{year}-H{h}") for h in (1, 2)]
        out.append((tr("Año {year}", year=year), str(year)))
    return out


class ReportDialog(OwnsWorker, QDialog):
    def __init__(
        self,
        store: Store,
        institution: str = "PN",
        period: str = "2025-10",
        unit: str | None = None,
        lang: str = "es",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.lang = lang
        self.settings = QSettings()
        self.start_worker()
        self.made: Made | None = None
        self.pdf_path: Path | None = None
        self.xlsx_path: Path | None = None
        self.error: str | None = None
        self._cancel = threading.Event()
        self.progress: QProgressDialog | None = None
        self.setWindowTitle(tr("Reportes"))
        self.setMinimumSize(980, 640)
        self._build(institution, period, unit)

    # --- building -------------------------------------------------------------------------------------

    def _build(self, institution: str, period: str, unit: str | None) -> None:  # noqa: PLR0915  (one form)
        form = self.form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.single = QRadioButton(tr("Una institución"))
        self.consolidated = QRadioButton(tr("Consolidado (varias instituciones)"))
        scope = QButtonGroup(self)
        scope.addButton(self.single)
        scope.addButton(self.consolidated)
        self.single.setChecked(True)
        scope_row = QHBoxLayout()
        scope_row.addWidget(self.single)
        scope_row.addWidget(self.consolidated)
        scope_row.addStretch(1)
        form.addRow(tr("Alcance") + ":", scope_row)

        self.institution_box = QComboBox()
        self.institution_list = QListWidget()
        self.institution_list.setMaximumHeight(90)
        self.institution_list.setAccessibleName(tr("Instituciones del consolidado"))
        for info in self.store.institutions.list():
            self.institution_box.addItem(f"{info.code} — {info.name}", info.code)
            item = QListWidgetItem(f"{info.code} — {info.name}")
            item.setData(Qt.ItemDataRole.UserRole, info.code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.institution_list.addItem(item)
        self.institution_box.setCurrentIndex(max(0, self.institution_box.findData(institution)))
        form.addRow(tr("Institución") + ":", self.institution_box)
        form.addRow(tr("Instituciones") + ":", self.institution_list)

        self.unit_edit = QLineEdit(unit or "")
        self.unit_edit.setPlaceholderText(tr("la unidad raíz de la institución"))
        self.unit_edit.setAccessibleName(tr("Unidad"))
        form.addRow(tr("Unidad") + ":", self.unit_edit)

        self.period_box = QComboBox()
        for label, code in period_choices():
            self.period_box.addItem(label, code)
        self.period_box.setCurrentIndex(max(0, self.period_box.findData(period)))
        self.ytd = QCheckBox(tr("Acumulado (año a la fecha)"))
        period_row = QHBoxLayout()
        period_row.addWidget(self.period_box, 1)
        period_row.addWidget(self.ytd)
        form.addRow(tr("Periodo") + ":", period_row)

        self.lang_box = QComboBox()
        self.lang_box.addItem("Español", "es")
        self.lang_box.addItem("English", "en")
        self.lang_box.setCurrentIndex(max(0, self.lang_box.findData(self.lang)))
        self.paper_box = QComboBox()
        self.paper_box.addItem(tr("A4"), "a4")
        self.paper_box.addItem(tr("Carta"), "letter")
        doc_row = QHBoxLayout()
        doc_row.addWidget(self.lang_box)
        paper_label = QLabel(tr("Papel") + ":")
        paper_label.setBuddy(self.paper_box)
        doc_row.addWidget(paper_label)
        doc_row.addWidget(self.paper_box)
        doc_row.addStretch(1)
        form.addRow(tr("Idioma del reporte") + ":", doc_row)

        self.pdf_edit = QLineEdit(self._suggested_pdf(institution, period))
        self.pdf_edit.setAccessibleName(tr("Archivo PDF"))
        browse = QPushButton(tr("Examinar…"))
        browse.clicked.connect(self._choose_pdf)
        pdf_row = QHBoxLayout()
        pdf_row.addWidget(self.pdf_edit, 1)
        pdf_row.addWidget(browse)
        form.addRow(tr("Guardar PDF en") + ":", pdf_row)
        self.xlsx_check = QCheckBox(tr("También las tablas en Excel (.xlsx), junto al PDF"))
        form.addRow("", self.xlsx_check)

        self.sign_group = QGroupBox(tr("Firmar electrónicamente con un archivo .p12"))
        self.sign_group.setCheckable(True)
        self.sign_group.setChecked(False)
        sign_form = QFormLayout(self.sign_group)
        self.p12_edit = QLineEdit(str(self.settings.value("reports/p12", "")))
        self.p12_edit.setAccessibleName(tr("Archivo .p12"))
        p12_browse = QPushButton(tr("Examinar…"))
        p12_browse.clicked.connect(self._choose_p12)
        p12_row = QHBoxLayout()
        p12_row.addWidget(self.p12_edit, 1)
        p12_row.addWidget(p12_browse)
        sign_form.addRow(tr("Certificado (.p12)") + ":", p12_row)
        self.position_edit = QLineEdit(str(self.settings.value("reports/position", "")))
        self.position_edit.setPlaceholderText(tr("p. ej. Ministra del Interior"))
        sign_form.addRow(tr("Cargo") + ":", self.position_edit)
        sign_form.addRow(QLabel(tr("La contraseña se pide en cada firma y nunca se guarda.")))

        self.generate_button = QPushButton(tr("Generar"))
        self.generate_button.setDefault(True)
        self.generate_button.clicked.connect(self.generate)
        self.open_button = QPushButton(tr("Abrir PDF"))
        self.open_button.setEnabled(False)
        self.open_button.clicked.connect(self.open_pdf)
        self.check_button = QPushButton(tr("Verificar firma"))
        self.check_button.setEnabled(False)
        self.check_button.clicked.connect(self.check_signature)
        close = QPushButton(tr("Cerrar"))
        close.clicked.connect(self.close)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.check_button)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.generate_button)
        buttons.addWidget(close)

        left = QVBoxLayout()
        left.addLayout(form)
        left.addWidget(self.sign_group)
        left.addStretch(1)
        left.addLayout(buttons)

        self.result_label = QLabel(tr("Elija el alcance y el periodo, y pulse «Generar»."))
        self.result_label.setWordWrap(True)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.result_label.setAccessibleName(tr("Resultado"))
        self.preview_box = QWidget()
        self.preview_layout = QVBoxLayout(self.preview_box)
        self.preview_layout.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        scroll = QScrollArea()
        scroll.setWidgetResizable(False)  # the pages keep their size; the area scrolls
        scroll.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        scroll.setWidget(self.preview_box)
        scroll.setAccessibleName(tr("Vista previa del reporte"))
        scroll.setStyleSheet("QScrollArea { background: palette(mid); }")
        right = QVBoxLayout()
        title = QLabel(tr("Resultado y vista previa"))
        title.setStyleSheet("font-weight: 600;")
        right.addWidget(title)
        right.addWidget(self.result_label)
        right.addWidget(scroll, 1)

        line = QFrame()
        line.setFrameShape(QFrame.Shape.VLine)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 5)
        layout.addWidget(line)
        layout.addLayout(right, 4)

        self.single.toggled.connect(self._scope_changed)
        self.institution_box.currentIndexChanged.connect(lambda *_: self._complete_units())
        self._scope_changed()
        self._complete_units()

    def _scope_changed(self) -> None:
        single = self.single.isChecked()
        self.institution_box.setEnabled(single)
        self.institution_list.setEnabled(not single)
        self.form.setRowVisible(self.institution_box, single)  # one row or the other, never both
        self.form.setRowVisible(self.institution_list, not single)

    def _complete_units(self) -> None:
        codes = [u.code for u in self.store.units.list(str(self.institution_box.currentData()))]
        completer = QCompleter(codes, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.unit_edit.setCompleter(completer)

    def _folder(self) -> str:
        from platformdirs import user_documents_path

        return str(self.settings.value("reports/folder", str(user_documents_path())))

    def _suggested_pdf(self, institution: str, period: str) -> str:
        return str(Path(self._folder()) / f"reporte-{institution.lower()}-{period}.pdf")

    def _choose_pdf(self) -> None:
        chosen, _ = QFileDialog.getSaveFileName(self, tr("Guardar el reporte"), self.pdf_edit.text(), tr("PDF (*.pdf)"))
        if chosen:
            self.pdf_edit.setText(chosen if chosen.lower().endswith(".pdf") else chosen + ".pdf")

    def _choose_p12(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(
            self, tr("Certificado de firma"), self.p12_edit.text() or self._folder(), tr("Certificados (*.p12 *.pfx)")
        )
        if chosen:
            self.p12_edit.setText(chosen)

    # --- generating -----------------------------------------------------------------------------------

    def options(self) -> ReportOptions:
        if self.consolidated.isChecked():
            codes = tuple(
                str(self.institution_list.item(i).data(Qt.ItemDataRole.UserRole))
                for i in range(self.institution_list.count())
                if self.institution_list.item(i).checkState() == Qt.CheckState.Checked
            )
        else:
            codes = (str(self.institution_box.currentData()),)
        return ReportOptions(
            institutions=codes,
            period=str(self.period_box.currentData()),
            unit=self.unit_edit.text().strip().upper() or None,
            ytd=self.ytd.isChecked(),
            consolidated=self.consolidated.isChecked(),
            lang=str(self.lang_box.currentData()),
            paper=str(self.paper_box.currentData()),
        )

    def generate(self) -> None:
        """Ask what is missing (the password), then build, publish and preview on the worker."""
        options = self.options()
        if options.consolidated and not options.institutions:
            self._fail(tr("Marque al menos una institución para el consolidado."))
            return
        text = self.pdf_edit.text().strip()
        if not text:
            self._fail(tr("Indique dónde guardar el PDF."))
            return
        destination = Path(text).expanduser()
        if destination.suffix.lower() != ".pdf":
            destination = destination.with_name(destination.name + ".pdf")
        sign = self.sign_group.isChecked()
        p12 = Path(self.p12_edit.text().strip()).expanduser() if sign else None
        password = b""
        if p12 is not None:
            if not p12.is_file():
                self._fail(tr("No se encuentra el certificado {path}.", path=str(p12)))
                return
            asked = self.ask_password(p12)
            if asked is None:
                return
            password = asked
            self.settings.setValue("reports/p12", str(p12))
        position = self.position_edit.text().strip()
        self.settings.setValue("reports/position", position)
        self.settings.setValue("reports/folder", str(destination.parent))
        xlsx = self.xlsx_check.isChecked()
        store, lang = self.store, self.lang
        tsa = os.environ.get(TSA_ENV) or None
        self._cancel.clear()
        self.error = None

        def job() -> Made:
            identity = None
            if p12 is not None:
                from exports.signing import load_identity

                identity = load_identity(p12, password, lang=lang)
            return make_report(
                store, options, destination, xlsx=xlsx, identity=identity, position=position, tsa_url=tsa
            )

        self._start_progress(tr("Generando el reporte…"))
        self.generate_button.setEnabled(False)
        self.worker.submit("report", job, lambda made: self._done(made, destination), self._failed)

    def ask_password(self, p12: Path) -> bytes | None:
        """The .p12's password, typed now (None when the user cancels); kept by nobody."""
        typed, ok = QInputDialog.getText(
            self,
            tr("Contraseña del certificado"),
            tr("Contraseña de {file}:", file=p12.name),
            QLineEdit.EchoMode.Password,
        )
        return typed.encode("utf-8") if ok else None

    def _start_progress(self, text: str) -> None:
        progress = QProgressDialog(text, tr("Cancelar"), 0, 0, self)
        progress.setWindowTitle(tr("Reportes"))
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(PROGRESS_DELAY_MS)  # shown only if the work takes longer
        progress.setAutoClose(False)
        progress.canceled.connect(self._cancel.set)
        self.progress = progress

    def _stop_progress(self) -> None:
        if self.progress is not None:
            self.progress.canceled.disconnect()
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None
        self.generate_button.setEnabled(True)

    def _done(self, made: Made, destination: Path) -> None:
        cancelled = self._cancel.is_set() or (self.progress is not None and self.progress.wasCanceled())
        self._stop_progress()
        if cancelled:  # nothing reaches the destination
            shutil.rmtree(made.folder, ignore_errors=True)
            self.result_label.setText(tr("Generación cancelada: no se guardó ningún archivo."))
            return
        try:
            self.pdf_path, self.xlsx_path = put_in_place(made, destination)
        except OSError as exc:
            shutil.rmtree(made.folder, ignore_errors=True)
            self._fail(tr("No se pudo guardar {path}: {reason}", path=str(destination), reason=str(exc)))
            return
        self.made = made
        self._show_result(made)
        self._show_previews(made)
        shutil.rmtree(made.folder, ignore_errors=True)
        self.open_button.setEnabled(True)
        self.check_button.setEnabled(made.published.signed is not None)

    def _failed(self, exc: Exception) -> None:
        self._stop_progress()
        self._fail(exc.text(self.lang) if isinstance(exc, UserError) else str(exc) or type(exc).__name__)

    def _fail(self, text: str) -> None:
        self.error = text
        self.result_label.setText(text)
        # said in place, never a modal box
        self.result_label.setStyleSheet(f"color: {error_colour(self.palette())}; font-weight: 600;")

    def _show_result(self, made: Made) -> None:
        p = made.published
        lines = [
            tr("Guardado en {path}", path=str(self.pdf_path)),
            tr("Páginas: {pages} · secciones: {sections}", pages=p.pages, sections=made.sections),
        ]
        if p.signed is None:
            lines.append(tr("Sin firma electrónica."))
        elif p.signed.level == "B-T":
            lines.append(tr("Firmado por {signer} · PAdES B-T (con sello de tiempo)", signer=p.signed.signer))
        else:
            lines.append(
                tr(
                    "Firmado por {signer} · PAdES B-B (sin sello de tiempo: la hora es la del equipo)",
                    signer=p.signed.signer,
                )
            )
        if self.xlsx_path is not None:
            lines.append(tr("Excel: {path}", path=str(self.xlsx_path)))
        lines.append("SHA-256: " + p.sha256)
        self.result_label.setStyleSheet("")
        self.result_label.setText(self.result_html(lines, signed=p.signed is not None))

    @staticmethod
    def result_html(lines: list[str], *, signed: bool) -> str:
        """The summary as a short list; the signature line in green when the report is signed."""
        from html import escape

        out = []
        for k, line in enumerate(lines):
            text = escape(line)
            if k == 2 and signed:
                text = f"<span style='color:{good_colour()}; font-weight:600'>✔ {text}</span>"
            elif line.startswith("SHA-256"):
                text = f"<span style='font-family:monospace; font-size:11px'>{text}</span>"
            out.append(text)
        return "<br>".join(out)

    def _show_previews(self, made: Made) -> None:
        while self.preview_layout.count():
            item = self.preview_layout.takeAt(0)
            old = item.widget() if item is not None else None
            if old is not None:
                old.deleteLater()
        for png in made.previews:
            page = QLabel()
            pixmap = QPixmap(str(png))
            page.setPixmap(pixmap)
            page.setFixedSize(pixmap.size())  # whole pages: the scroll area scrolls, never crops
            page.setStyleSheet("border: 1px solid #9e9e9e; background: white;")
            page.setAccessibleName(tr("Página del reporte"))
            self.preview_layout.addWidget(page)
            page.show()  # now, not at the next event loop pass: the box is sized below
        if not made.previews:  # no poppler: say what the pages hold instead
            note = QLabel(tr("Vista previa no disponible (falta pdftoppm). Use «Abrir PDF»."))
            note.setWordWrap(True)
            self.preview_layout.addWidget(note)
            note.show()
        self.preview_layout.invalidate()
        self.preview_layout.activate()
        self.preview_box.resize(self.preview_layout.sizeHint())

    def check_signature(self) -> QDialog | None:
        """The signature check, on the report just made."""
        from ui.verify_dialog import VerifyDialog

        if self.pdf_path is None:
            return None
        dialog = VerifyDialog(self.lang, self, self.pdf_path)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def open_pdf(self) -> bool:
        if self.pdf_path is None:
            return False
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.pdf_path)))

    def done(self, result: int) -> None:
        self._cancel.set()  # a report still being made is dropped, never put in place
        super().done(result)
