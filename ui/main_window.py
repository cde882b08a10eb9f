"""The main window: institutions and their unit tree on the left; the selected unit's scorecard and the
league table of the units below it on the right.

Scorecards are computed on the database worker (:mod:`ui.worker`); the window shows the unit's name at
once and the figures when they arrive, and keeps the last views so that going back is instant.
Every word goes through ``tr()``; a language switch rebuilds the window's widgets in place.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QEvent, QModelIndex, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QTableView,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from scorecard.domain import Role, ScorecardView
from scorecard.errors import UserError
from scorecard.formatting import percent, status_letter
from scorecard.store import Store
from ui import i18n, league_funnel, source_marks
from ui.i18n import month_name, tr
from ui.models.league_model import LeagueModel, UnitCodeRole
from ui.models.scorecard_model import IndicatorCodeRole, ScorecardModel, SourcesRole
from ui.models.unit_tree import UnitFilter, build_tree
from ui.sparkline import SparklineDelegate
from ui.tables import read_only_table
from ui.theme import status_colour
from ui.worker import DbWorker

if TYPE_CHECKING:  # the core's arithmetic (pandas) is imported by the worker, off the start-up path
    from scorecard.history import YearHistory

VIEW_CACHE = 64  # scorecards kept for instant back-and-forth between units


class MainWindow(QMainWindow):
    def __init__(self, store: Store, lang: str | None = None, *, period: str | None = None) -> None:
        super().__init__()
        self.store = store
        self.lang = lang or i18n.current_lang()
        self.settings = QSettings()
        self.view: ScorecardView | None = None
        self.history: YearHistory | None = None
        self.worker = DbWorker(self)
        # the year behind sparklines takes longer than a scorecard: its own thread, so it never delays
        # the scorecard of the next unit clicked
        self.history_worker = DbWorker(self)
        self._views: OrderedDict[tuple[str, str, str | None, bool], ScorecardView] = OrderedDict()
        self._histories: OrderedDict[tuple[str, str, str | None], YearHistory] = OrderedDict()
        self._retranslating = False
        self._state: dict[str, Any] = {
            "institution": str(self.settings.value("institution", "PN")),
            "period": period or str(self.settings.value("period", "2025-10")),
            "unit": None,
            "ytd": False,
        }
        self._build()
        geometry = self.settings.value("geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        else:
            self.resize(1360, 840)

    # --- building -------------------------------------------------------------------------------------

    def _build(self) -> None:
        """Every widget and action, in the current language; the selection survives a rebuild."""
        self.menuBar().clear()
        split = QSplitter()
        split.addWidget(self._left_panel())
        self.right_panel = self._right_panel()
        split.addWidget(self.right_panel)
        split.setSizes([340, 1020])
        split.setStretchFactor(1, 1)
        self.setCentralWidget(split)
        self.statusBar().showMessage("")
        self._menus()
        self.institution_box.currentIndexChanged.connect(lambda *_: self._institution_changed())
        self.search.textChanged.connect(self._search)
        self.tree.selectionModel().currentChanged.connect(lambda *_: self.refresh())
        self.period_box.currentIndexChanged.connect(lambda *_: self.refresh())
        self.ytd.toggled.connect(lambda *_: self.refresh())
        self._fill_institutions(self._state["institution"])
        self._fill_periods(self._state["period"])
        self.ytd.blockSignals(True)
        self.ytd.setChecked(bool(self._state["ytd"]))
        self.ytd.blockSignals(False)
        self._institution_changed(select=self._state["unit"])

    def _left_panel(self) -> QWidget:
        self.institution_box = QComboBox()
        self.institution_box.setAccessibleName(tr("Institución"))
        self.search = QLineEdit()
        self.search.setPlaceholderText(tr("Buscar unidad…"))
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(tr("Buscar unidad…"))
        self.tree = QTreeView()
        self.tree.setHeaderHidden(True)
        self.tree.setUniformRowHeights(True)  # keeps 2,000 units fast
        self.tree.setAccessibleName(tr("Unidades"))
        self.unit_filter = UnitFilter()
        self.tree.setModel(self.unit_filter)

        left = QWidget()
        left.setMinimumWidth(280)  # codes and names of units stay readable
        layout = QVBoxLayout(left)
        layout.addWidget(self.institution_box)
        layout.addWidget(self.search)
        layout.addWidget(self.tree)
        return left

    def _right_panel(self) -> QWidget:
        self.period_box = QComboBox()
        self.period_box.setAccessibleName(tr("Periodo"))
        self.period_box.setMinimumContentsLength(16)
        self.ytd = QCheckBox(tr("Acumulado (año a la fecha)"))
        self.unit_title = QLabel()
        self.unit_title.setStyleSheet("font-size: 18px; font-weight: 600;")
        self.score_label = QLabel()
        self.score_label.setAccessibleName(tr("Puntaje"))
        self.detail_label = QLabel()
        self.busy_label = QLabel()
        self.busy_label.setAccessibleName(tr("Estado del cálculo"))

        bar = QHBoxLayout()
        period_label = QLabel(tr("Periodo") + ":")
        period_label.setBuddy(self.period_box)
        bar.addWidget(period_label)
        bar.addWidget(self.period_box)
        bar.addWidget(self.ytd)
        bar.addStretch(1)
        bar.addWidget(self.busy_label)
        header = QFrame()
        header.setFrameShape(QFrame.Shape.StyledPanel)
        header_layout = QHBoxLayout(header)
        titles = QVBoxLayout()
        titles.addWidget(self.unit_title)
        titles.addWidget(self.detail_label)
        header_layout.addLayout(titles, 1)
        header_layout.addWidget(self.score_label)

        self.scorecard_model = ScorecardModel(self.lang)
        self.table = self._table(self.scorecard_model, stretch=1)
        self.table.setAccessibleName(tr("Cuadro de mando"))
        self.table.setItemDelegateForColumn(ScorecardModel.SPARK_COLUMN, SparklineDelegate(self.table))
        self.table.horizontalHeader().setSectionResizeMode(ScorecardModel.SPARK_COLUMN, QHeaderView.ResizeMode.Fixed)
        self.table.setColumnWidth(ScorecardModel.SPARK_COLUMN, 130)
        self.table.doubleClicked.connect(self._open_indicator)
        source_marks.attach(self)  # a line's context menu: reconcile its sources
        self.table.setToolTip(tr("Doble clic en un indicador: su ficha y su evolución"))
        self.league_model = LeagueModel(self.lang)
        self.league = self._table(self.league_model, stretch=2)
        self.league.setAccessibleName(tr("Unidades subordinadas"))
        self.league.doubleClicked.connect(self._open_league_row)
        league_box = QWidget()
        league_layout = QVBoxLayout(league_box)
        league_layout.setContentsMargins(0, 0, 0, 0)
        self.league_title = QLabel(tr("Unidades subordinadas, por puntaje"))
        self.league_title.setStyleSheet("font-weight: 600;")
        league_layout.addWidget(self.league_title)
        league_layout.addWidget(self.league)

        right_split = QSplitter(Qt.Orientation.Vertical)
        right_split.addWidget(self.table)
        right_split.addWidget(league_funnel.wrap(self, league_box))  # «Ranking» | «Embudo» (funnel plot)
        right_split.setSizes([540, 240])
        right = QWidget()
        layout = QVBoxLayout(right)
        layout.addLayout(bar)
        layout.addWidget(header)
        layout.addWidget(right_split, 1)
        return right

    def _table(self, model: ScorecardModel | LeagueModel, stretch: int) -> QTableView:
        return read_only_table(model, None, stretch)

    def _action(self, text: str, slot: Any, shortcut: QKeySequence.StandardKey | str | None = None) -> QAction:
        action = QAction(text, self)
        if isinstance(shortcut, QKeySequence.StandardKey) or shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        return action

    def _menus(self) -> None:
        from ui import menus

        file_menu = self.menuBar().addMenu(tr("&Archivo"))
        self.entry_action = self._action(tr("&Registro mensual…"), self.open_data_entry, "Ctrl+E")
        file_menu.addAction(self.entry_action)
        self.entry_action.setEnabled(self.store.actor.role is not Role.EXECUTIVE)  # executives read only
        from ui import screen_actions  # import wizard, reports, signature check

        screen_actions.add_to(self, file_menu)
        file_menu.addSeparator()
        file_menu.addAction(self._action(tr("&Copia de seguridad…"), lambda: menus.backup(self)))
        file_menu.addAction(self._action(tr("Restaurar copia de &seguridad…"), lambda: menus.restore(self)))
        file_menu.addSeparator()
        self.print_action = self._action(
            tr("&Vista previa de impresión…"), self.print_preview, QKeySequence.StandardKey.Print
        )
        file_menu.addAction(self.print_action)
        file_menu.addSeparator()
        file_menu.addAction(self._action(tr("&Salir"), self.close, QKeySequence.StandardKey.Quit))

        view_menu = self.menuBar().addMenu(tr("&Ver"))
        view_menu.addAction(self._action(tr("&Actualizar"), self.reload, QKeySequence.StandardKey.Refresh))
        language = view_menu.addMenu(tr("&Idioma"))
        group = QActionGroup(self)
        self.language_actions: dict[str, QAction] = {}
        for code, name in (("es", "Español"), ("en", "English")):  # each language in its own words
            action = QAction(name, self, checkable=True)
            action.setChecked(code == self.lang)
            action.triggered.connect(lambda _checked=False, c=code: self.switch_language(c))
            group.addAction(action)
            language.addAction(action)
            self.language_actions[code] = action

        from ui.workflow_menu import add_workflow_menu

        source_marks.add_menu(self)  # Datos: the reconciliation of sources
        add_workflow_menu(self)  # Revisión: review queue, audit; who is signed in
        help_menu = self.menuBar().addMenu(tr("A&yuda"))
        help_menu.addAction(self._action(tr("&Acerca de"), lambda: menus.about(self)))

    # --- filling --------------------------------------------------------------------------------------

    def _fill_institutions(self, remembered: str) -> None:
        self.institution_box.blockSignals(True)
        for info in self.store.institutions.list():
            self.institution_box.addItem(f"{info.code} — {info.name}", info.code)
        self.institution_box.setCurrentIndex(max(0, self.institution_box.findData(remembered)))
        self.institution_box.blockSignals(False)

    def _fill_periods(self, selected: str) -> None:
        self.period_box.blockSignals(True)
        for year in (2025, 2026):
            for month in range(1, 13):
                self.period_box.addItem(f"{month_name(month)} {year}", f"{year}-{month:02d}")
        self.period_box.setCurrentIndex(max(0, self.period_box.findData(selected)))
        self.period_box.blockSignals(False)

    @property
    def institution(self) -> str:
        return str(self.institution_box.currentData())

    @property
    def period(self) -> str:
        return str(self.period_box.currentData())

    @property
    def busy(self) -> bool:
        """True while a worker still owes an answer (tests wait on it)."""
        return self.worker.pending > 0 or self.history_worker.pending > 0

    def wait_idle(self, timeout_s: float = 60.0) -> bool:
        """Every answer in, the sparklines' too (scripts and tests; the app itself never waits)."""
        return self.worker.wait_idle(timeout_s) and self.history_worker.wait_idle(timeout_s)

    def _institution_changed(self, select: str | None = None) -> None:
        model, self.unit_items = build_tree(self.store.units.list(self.institution))
        self.unit_model = model
        self.unit_filter.setSourceModel(model)
        self.tree.expandToDepth(0)
        self.setWindowTitle(tr("Tablero GPR") + f" — {self.institution_box.currentText()}")
        if select and select in self.unit_items:
            self.select_unit(select)  # the tree's currentChanged asks for the scorecard
        else:
            self.refresh()

    def _search(self, text: str) -> None:
        self.unit_filter.set_text(text)
        if text.strip():
            self.tree.expandAll()

    def selected_unit(self) -> str | None:
        index = self.tree.currentIndex()
        return str(index.data(UnitCodeRole)) if index.isValid() else None

    def select_unit(self, code: str) -> None:
        item = self.unit_items.get(code)
        if item is None:
            return
        index = self.unit_filter.mapFromSource(item.index())
        self.tree.setCurrentIndex(index)
        self.tree.scrollTo(index)

    def _open_league_row(self, index: QModelIndex) -> None:
        self.select_unit(str(index.data(UnitCodeRole)))

    # --- the scorecard, from the worker ------------------------------------------------------------------

    def refresh(self) -> None:
        """Ask the worker for the selection's scorecard (a cached one shows at once)."""
        if not hasattr(self, "period_box") or self.period_box.count() == 0:
            return
        inst, period, unit, ytd = self.institution, self.period, self.selected_unit(), self.ytd.isChecked()
        self._state.update(institution=inst, period=period, unit=unit, ytd=ytd)
        key = (inst, period, unit, ytd)
        cached = self._views.get(key)
        if cached is not None:
            self.worker.submit("scorecard", lambda: cached, lambda _v: None)  # a stale answer in flight loses
            self.show_view(cached)
            self._ask_history(inst, period, unit)
            return
        if unit is not None:
            item = self.unit_items.get(unit)
            self.unit_title.setText(item.text() if item else unit)
        self.busy_label.setText(tr("Calculando…"))
        store = self.store

        def job() -> ScorecardView:
            from ui.operations.scorecard import load_scorecard

            return load_scorecard(store, inst, period, unit, ytd)

        def done(view: ScorecardView) -> None:
            self._remember(self._views, key, view)
            self.show_view(view)
            self._ask_history(inst, period, unit)

        self.worker.submit("scorecard", job, done, self._failed)

    def _ask_history(self, inst: str, period: str, unit: str | None) -> None:
        key = (inst, period, unit)
        cached = self._histories.get(key)
        if cached is not None:
            self.history_worker.submit("history", lambda: cached, lambda _h: None)
            self._show_history(cached)
            return
        store = self.store

        def done(history: YearHistory) -> None:
            self._remember(self._histories, key, history)
            self._show_history(history)

        def job() -> YearHistory:
            from ui.operations.scorecard import load_history

            return load_history(store, inst, period, unit)

        self.history_worker.submit("history", job, done, self._failed)

    def _show_history(self, history: YearHistory) -> None:
        self.history = history
        self.scorecard_model.set_history(history)
        self._prefetch_previous_month()

    def _prefetch_previous_month(self) -> None:
        """The month before is the next thing people look at: compute it while the user reads."""
        index = self.period_box.currentIndex() - 1
        if index < 0:
            return
        inst, period, unit, ytd = self.institution, str(self.period_box.itemData(index)), self.selected_unit(), False
        key = (inst, period, unit, ytd)
        if key in self._views:
            return
        store = self.store

        def job() -> ScorecardView:
            from ui.operations.scorecard import load_scorecard

            return load_scorecard(store, inst, period, unit, ytd)

        self.history_worker.submit("prefetch", job, lambda view: self._remember(self._views, key, view))

    @staticmethod
    def _remember(cache: OrderedDict[Any, Any], key: Any, value: Any) -> None:
        cache[key] = value
        cache.move_to_end(key)
        while len(cache) > VIEW_CACHE:
            cache.popitem(last=False)

    def _failed(self, exc: Exception) -> None:
        self.busy_label.setText("")
        text = exc.text(self.lang) if isinstance(exc, UserError) else str(exc)
        self.statusBar().showMessage(text, 15_000)

    def reload(self) -> None:
        """Forget computed views (the data changed: an import, a save, a restore) and ask again."""
        self._views.clear()
        self._histories.clear()
        self.refresh()

    def show_view(self, view: ScorecardView) -> None:
        self.view = view
        lang = self.lang
        self.busy_label.setText("")
        self.scorecard_model.set_view(view)
        self.scorecard_model.set_history(None)
        self.league_model.set_units(view.children)
        source_marks.ask(self, view)  # which lines' sources disagree: marked when the worker answers
        period = self.period_box.currentText() + (" · " + tr("Acumulado (año a la fecha)") if view.ytd else "")
        self.unit_title.setText(f"{view.unit_name}  ({view.unit_code}) — {period}")
        self.score_label.setText(f"{percent(view.score, lang)}  {status_letter(view.status, lang)}")
        colour = status_colour(view.status.key, self.palette())
        self.score_label.setStyleSheet(f"font-size: 30px; font-weight: 700; color: {colour};")
        self.detail_label.setText(
            tr("{scored} de {total} indicadores", scored=view.indicators_scored, total=view.indicators_total)
            + "  ·  "
            + tr("Tasa de reporte {value}", value=percent(view.completeness, lang))
            + "  ·  "
            + tr("Oportunidad {value}", value=percent(view.timeliness, lang))
        )
        self.league_title.setVisible(bool(view.children))
        self.league.setVisible(bool(view.children))
        league_funnel.show_view(self, view)  # the funnel plot follows the unit, period and year to date

    # --- other screens -----------------------------------------------------------------------------------

    def _open_indicator(self, index: QModelIndex) -> None:
        code = index.siblingAtColumn(0).data(IndicatorCodeRole)
        if code and index.data(SourcesRole) == "open":  # sources disagree: reconcile them first
            source_marks.open_reconciliation(self, str(code))
        elif code:
            self.open_indicator(str(code))

    def open_indicator(self, code: str) -> Any:
        from ui.indicator_detail import IndicatorDialog

        dialog = IndicatorDialog(self.store, self.institution, self.period, self.selected_unit(), code, self.history)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def open_data_entry(self) -> Any:
        from ui.data_entry import DataEntryDialog

        unit = self.selected_unit() or (self.view.unit_code if self.view else None)
        if unit is None and self.store.actor.role is not Role.COMMANDER:  # a commander files their own scope
            return None
        dialog = DataEntryDialog(self.store, self.institution, unit or "", self)
        dialog.saved.connect(self.reload)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def print_preview(self) -> None:
        from ui.menus import print_preview

        print_preview(self)

    # --- language ------------------------------------------------------------------------------------

    def switch_language(self, lang: str) -> None:
        """Install the language's translators; Qt's LanguageChange event then rebuilds the widgets."""
        if lang == self.lang:
            return
        self.settings.setValue("lang", lang)
        if not i18n.install_language(lang):
            QMessageBox.warning(self, tr("Idioma"), tr("No se encontró la traducción; reinicie la aplicación."))
        self.lang = lang
        self._retranslate()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.PaletteChange and self.view is not None:  # light ↔ dark
            QTimer.singleShot(0, self, self._repaint_view)  # dropped if the window is gone by then
        if event.type() == QEvent.Type.LanguageChange and i18n.current_lang() != self.lang:
            self.lang = i18n.current_lang()
            QTimer.singleShot(0, self._retranslate)
        super().changeEvent(event)

    def _repaint_view(self) -> None:
        """The score's colour is set when a view is shown: shown again in the new palette's."""
        if self.view is not None:
            history = self.history
            self.show_view(self.view)
            if history is not None:
                self.scorecard_model.set_history(history)

    def _retranslate(self) -> None:
        if self._retranslating:
            return
        self._retranslating = True
        try:
            self._build()
        finally:
            self._retranslating = False

    def closeEvent(self, event: Any) -> None:  # noqa: N802
        self.settings.setValue("geometry", self.saveGeometry())
        self.settings.setValue("institution", self.institution)
        self.settings.setValue("period", self.period)
        self.worker.stop()
        self.history_worker.stop()
        super().closeEvent(event)
