"""«Conciliación de fuentes»: one indicator's figures as each source gives them, unit by unit, the
differences to the official source, the disagreements beyond the institution's tolerance and the
certified figures.  The planning office certifies a figure here; anyone sees a unit's editions (the
figure as each import gave it) and the events one register has and the other lacks.

Everything is read and written on the dialog's own worker (:mod:`ui.owned_worker`): a national
reconciliation rolls every source up the whole tree."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from scorecard.errors import UserError
from scorecard.formatting import number
from scorecard.periods import Period
from scorecard.store import Store
from ui.certify_dialog import CertifyDialog, DetailsDialog
from ui.i18n import current_lang, month_name, tr
from ui.models.reconciliation_model import ReconciliationModel, UnitRole, source_label
from ui.models.records_model import RecordsModel
from ui.owned_worker import OwnsWorker
from ui.sources_panel import may_plan
from ui.tables import read_only_table
from ui.theme import error_colour


class ReconciliationDialog(OwnsWorker, QDialog):
    certified = Signal()  # a certification was saved: the scorecard reads it as the unit-month's figure

    def __init__(
        self,
        store: Store,
        institution: str,
        period: str,
        unit: str | None,
        indicator: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.start_worker()
        self.store, self.institution, self.unit, self.lang = store, institution, unit, current_lang()
        self.planner = may_plan(store.actor)
        self.setWindowTitle(tr("Conciliación de fuentes"))
        self.resize(1180, 620)
        self.details: DetailsDialog | None = None
        self.certify_dialog: CertifyDialog | None = None

        self.indicator_box = QComboBox()
        self.indicator_box.setAccessibleName(tr("Indicador"))
        for spec in store.plans.spec(institution).indicators:
            self.indicator_box.addItem(f"{spec.code} · {spec.name}", spec.code)
        self.indicator_box.setCurrentIndex(max(0, self.indicator_box.findData(indicator)))
        self.period_box = QComboBox()
        self.period_box.setAccessibleName(tr("Periodo"))
        year = Period.parse(period).year
        for y in (year - 1, year):
            for month in range(1, 13):
                self.period_box.addItem(f"{month_name(month)} {y}", f"{y}-{month:02d}")
        self.period_box.setCurrentIndex(max(0, self.period_box.findData(Period.parse(period).code)))
        self.level_box = QComboBox()
        self.level_box.setAccessibleName(tr("Nivel"))
        self.level_box.addItem(tr("La unidad y las de debajo"), None)
        for level in store.institutions.get(institution).level_names:
            self.level_box.addItem(level, level)
        for box in (self.indicator_box, self.period_box, self.level_box):
            box.currentIndexChanged.connect(lambda *_: self.load())

        self.model = ReconciliationModel(self.lang)
        self.table = read_only_table(self.model, tr("Fuentes por unidad"), 0)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._enable())
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.state_label = QLabel()
        self.state_label.setAccessibleName(tr("Estado de la lectura"))

        self.certify_button = QPushButton(tr("Certificar…"))
        self.certify_button.clicked.connect(self.ask_certify)
        if not self.planner:
            self.certify_button.setToolTip(tr("Solo la oficina de planificación certifica cifras."))
        self.editions_button = QPushButton(tr("Ediciones"))
        self.editions_button.clicked.connect(self.show_editions)
        self.events_button = QPushButton(tr("Eventos"))
        self.events_button.setToolTip(tr("Los eventos que un registro tiene y el otro no, en la unidad elegida"))
        self.events_button.clicked.connect(self.show_events)
        close = QPushButton(tr("Cerrar"))
        close.clicked.connect(self.close)

        pickers = QHBoxLayout()
        for label, box in ((tr("Indicador:"), self.indicator_box), (tr("Periodo:"), self.period_box)):
            pickers.addWidget(QLabel(label))
            pickers.addWidget(box, 2 if box is self.indicator_box else 0)
        pickers.addWidget(QLabel(tr("Unidades:")))
        pickers.addWidget(self.level_box)
        buttons = QHBoxLayout()
        buttons.addWidget(self.state_label, 1)
        for b in (self.certify_button, self.editions_button, self.events_button, close):
            buttons.addWidget(b)
        layout = QVBoxLayout(self)
        layout.addLayout(pickers)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self._enable()
        self.load()

    # --- reading ------------------------------------------------------------------------------------------

    @property
    def indicator(self) -> str:
        return str(self.indicator_box.currentData())

    @property
    def period(self) -> str:
        return str(self.period_box.currentData())

    def load(self) -> None:
        store, inst, ind, period, unit = self.store, self.institution, self.indicator, self.period, self.unit
        level = self.level_box.currentData()
        self._say(tr("Leyendo las fuentes…"))
        self.worker.submit(
            "reconcile",
            lambda: store.reconciliation.reconcile(inst, ind, period, unit, level=level),
            self._shown,
            self._failed,
        )

    def _shown(self, data: dict[str, Any]) -> None:
        selected = self.selected_unit()
        self.model.set_reconciliation(data)
        # columns come and go with the sources: the unit's column takes the room left after each reset
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        tol = data["tolerance"]
        others = [source_label(s) for s in data["sources"] if s != data["official"]]
        open_rows = sum(1 for r in data["rows"] if r["open"])
        self.summary.setText(
            tr(
                "{indicator} — {name}. Fuente oficial: {official}; otras: {others}. Tolerancia: {pct} % y {abs}.",
                indicator=data["indicator"],
                name=data["indicator_name"],
                official=source_label(data["official"]),
                others=", ".join(others) or "—",
                pct=number(tol["pct"], self.lang),
                abs=number(tol["abs"], self.lang),
            )
        )
        self._say(tr("{count} unidades con fuentes que no coinciden", count=open_rows) if open_rows else "")
        for row, r in enumerate(data["rows"]):
            if r["unit"] == selected:
                self.table.selectRow(row)
        self._enable()

    def _failed(self, exc: Exception) -> None:
        self._say(exc.text(self.lang) if isinstance(exc, UserError) else str(exc), error=True)
        self._enable()

    def _say(self, text: str, *, error: bool = False) -> None:
        self.state_label.setStyleSheet(f"color: {error_colour(self.palette())};" if error else "")
        self.state_label.setText(text)

    def selected_row(self) -> dict[str, Any] | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.rows[rows[0].row()] if rows else None

    def selected_unit(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        return str(rows[0].data(UnitRole)) if rows else None

    def _enable(self) -> None:
        chosen = self.selected_row() is not None
        self.certify_button.setEnabled(self.planner and chosen)
        self.editions_button.setEnabled(chosen)
        self.events_button.setEnabled(chosen)

    # --- certifying -----------------------------------------------------------------------------------------

    def ask_certify(self) -> CertifyDialog | None:
        """Opens the certify dialog (not modal-blocking: tests fill it in); saving runs on the worker."""
        row = self.selected_row()
        if row is None or not self.planner:
            return None
        dialog = CertifyDialog(self.indicator, self.period, row, self.model.official, self)
        dialog.accepted.connect(lambda: self._certify(row["unit"], dialog.choice()))
        self.certify_dialog = dialog
        dialog.open()
        return dialog

    def _certify(self, unit: str, choice: dict[str, Any] | None) -> None:
        if choice is None:
            return
        from scorecard.certification import certify

        store, inst, ind, period = self.store, self.institution, self.indicator, self.period
        self._say(tr("Guardando la cifra certificada…"))

        def done(result: Any) -> None:
            self._say(tr("Cifra certificada: {value} en {unit}", value=number(result.value, self.lang), unit=unit))
            self.certified.emit()
            self.load()

        self.worker.submit("certify", lambda: certify(store, inst, ind, unit, period, **choice), done, self._failed)

    # --- editions and events --------------------------------------------------------------------------------

    def show_editions(self) -> None:
        unit = self.selected_unit()
        if unit is None:
            return
        store, inst, ind, period = self.store, self.institution, self.indicator, self.period

        def done(data: dict[str, Any]) -> None:
            rows = [
                [
                    source_label(e["source"]),
                    str(e["edition"]),
                    e["file"] or "—",
                    e["imported_at"],
                    number(e["value"], self.lang),
                ]
                for e in data["editions"]
            ]
            headers = [tr("Fuente"), tr("Edición"), tr("Archivo"), tr("Importada"), tr("Cifra")]
            summary = tr(
                "{indicator} en {unit}, {period}: la cifra según cada edición, la más antigua primero.",
                indicator=ind,
                unit=unit,
                period=period,
            )
            if not rows:
                summary += " " + tr("Ninguna importación trajo esta cifra.")
            self._details(tr("Ediciones"), summary, headers, rows)

        self.worker.submit(
            "editions", lambda: store.reconciliation.editions(inst, ind, unit, period), done, self._failed
        )

    def show_events(self) -> None:
        unit = self.selected_unit()
        if unit is None:
            return
        # the official register against the first other one; a lone source against its previous edition
        sources = [self.model.official, *self.model.others][:2]
        store, inst, period = self.store, self.institution, self.period

        def done(data: dict[str, Any]) -> None:
            rows, parts = [], []
            for side in data["compared"]:
                label = tr("{source} (edición {edition})", source=source_label(side["source"]), edition=side["edition"])
                parts.append(tr("solo en {side}: {count}", side=label, count=len(side["only_here"])))
                rows += [[label, e["key"], str(e["row"]), e["unit"], e["period"]] for e in side["only_here"]]
            summary = tr(
                "En {unit}, {period}: {common} eventos en común; ", unit=unit, period=period, common=data["common"]
            )
            headers = [tr("Registro"), tr("Clave del evento"), tr("Fila"), tr("Unidad"), tr("Periodo")]
            self._details(tr("Eventos"), summary + "; ".join(parts) + ".", headers, rows)

        self.worker.submit(
            "events", lambda: store.reconciliation.events(inst, unit, period, sources), done, self._failed
        )

    def _details(self, title: str, summary: str, headers: list[str], rows: list[list[str]]) -> None:
        table = read_only_table(RecordsModel(headers, rows), title, len(headers) - 1)
        self.details = DetailsDialog(title, summary, table, self)
        self.details.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.details.open()
