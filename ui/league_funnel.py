"""The league table's two views on tabs: «Ranking» (the units below, by score) and «Embudo» (the funnel
plot of :mod:`ui.funnel_view`).  The funnel's module (and pyqtgraph) loads when its tab is first opened,
so the window starts as fast as before; it follows the window's unit, period and year-to-date, and a
click on a point selects that unit in the tree.  The main window only calls in here."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QSplitter, QTabWidget, QVBoxLayout, QWidget

from scorecard.domain import ScorecardView
from ui.i18n import tr

if TYPE_CHECKING:
    from ui.funnel_view import FunnelView
    from ui.main_window import MainWindow

RANKING, FUNNEL = 0, 1
ROOM = 0.55  # the share of the scorecard's splitter the funnel takes when opened in a smaller pane


def wrap(window: MainWindow, league_box: QWidget) -> QTabWidget:
    """The league table's box on the first tab, the funnel's place on the second."""
    tabs = QTabWidget()
    tabs.setDocumentMode(True)
    tabs.addTab(league_box, tr("Ranking"))
    holder = QWidget()
    QVBoxLayout(holder).setContentsMargins(0, 0, 0, 0)
    tabs.addTab(holder, tr("Embudo"))
    tabs.setTabToolTip(FUNNEL, tr("Gráfico de embudo: qué unidades se apartan más de lo que explica el azar"))
    tabs.currentChanged.connect(lambda index: _opened(window, tabs) if index == FUNNEL else None)
    window.league_tabs = tabs  # type: ignore[attr-defined]  # tests and the screenshots find it here
    window.funnel_view = None  # type: ignore[attr-defined]
    return tabs


def _opened(window: MainWindow, tabs: QTabWidget) -> None:
    """A plot needs more room than a table: the pane grows to a little over half of the splitter."""
    funnel(window)
    split = tabs.parentWidget()
    if isinstance(split, QSplitter) and split.count() == 2:
        total = sum(split.sizes())
        if total and split.sizes()[1] < ROOM * total:
            split.setSizes([round(total * (1 - ROOM)), round(total * ROOM)])


def funnel(window: MainWindow) -> FunnelView:
    """The funnel view, made on first use."""
    view: FunnelView | None = getattr(window, "funnel_view", None)
    if view is None:
        from ui.funnel_view import FunnelView

        view = FunnelView(window.store, window.worker)
        view.unit_clicked.connect(window.select_unit)
        holder = window.league_tabs.widget(FUNNEL)  # type: ignore[attr-defined]
        holder.layout().addWidget(view)
        view.show()  # at once, not at the layout's next pass: it is asked for its plot right below
        window.funnel_view = view  # type: ignore[attr-defined]
        if window.view is not None:
            show_view(window, window.view)
    return view


def show_view(window: MainWindow, view: ScorecardView) -> None:
    """The window shows ``view``: the funnel (once made) follows its institution, period, unit and year to date."""
    funnel_view = getattr(window, "funnel_view", None)
    if funnel_view is not None:
        funnel_view.show_for(view.institution, view.period, view.unit_code, view.ytd)
