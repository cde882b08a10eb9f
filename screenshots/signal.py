"""Render the screens of «signal or chance» (statistics.md §1–§2) into screenshots/out/*.png, in Spanish and
English: the scorecard's «Señal» column, the league table's «Embudo» tab with the funnel plot, and the
data entry's word on a red that may be chance.

xvfb-run -a -s "-screen 0 1600x1000x24" env QT_QPA_PLATFORM=xcb .venv/bin/python screenshots/signal.py

Until the core's ``store.funnel`` and ``IndicatorLine.signal`` land, the numbers are computed here with
scipy from the demo's real data: zone 8's subcircuit homicides (HOM-01) of October 2025 against their
populations (the ``unit_populations`` table, one month's twelfth of a year), and each scorecard line's
Poisson tails from its own value and target.  The layout is the app's; the statistics are a STAND-IN.
"""

from __future__ import annotations

import os
import sys
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

OUT = Path(__file__).with_name("out")
MONTH, PERIOD, ZONE = 202510, "2025-10", "Z8"


def zone_rows(db: Path) -> list[tuple[str, str, float, float]]:
    """(code, name, homicides, exposure) of the zone's subcircuits in the month, from the demo database."""
    from sqlalchemy import select

    from scorecard.models import Indicator, Result, Unit, UnitClosure, UnitPopulation
    from scorecard.store import Store

    store = Store.open(db)
    with store.reading() as s:
        zone = s.scalar(select(Unit.id).where(Unit.code == ZONE))
        below = select(UnitClosure.descendant_id).where(UnitClosure.ancestor_id == zone)
        units = s.execute(
            select(Unit.id, Unit.code, Unit.name).where(Unit.id.in_(below), Unit.level == "subcircuito")
        ).all()
        hom = s.scalar(select(Indicator.id).where(Indicator.code == "HOM-01"))
        values = dict(
            s.execute(
                select(Result.unit_id, Result.value).where(Result.indicator_id == hom, Result.month == MONTH)
            ).all()
        )
        people = dict(
            s.execute(
                select(UnitPopulation.unit_id, UnitPopulation.population).where(UnitPopulation.year == 2025)
            ).all()
        )
    return [(code, name, float(values.get(uid) or 0), (people.get(uid) or 0) / 12) for uid, code, name in units]


class StandIn:
    def __init__(self, rows: list[tuple[str, str, float, float]]) -> None:
        self.rows = rows

    def funnel(self, _institution: str, indicator: str, period: str, **_options: Any) -> dict[str, Any]:
        """Zone 8's subcircuits whatever is asked (the stand-in knows one level of one zone)."""
        from tests.ui.test_funnel_view import standin_funnel

        data = standin_funnel(indicator, period, self.rows)
        return data | {"level": "subcircuito"}


def with_signals(view: Any) -> Any:
    """Each count line's §1 tails from its own value and target (a ratio's from numerator and target)."""
    from scipy.stats import poisson

    from scorecard.domain import Kind, Polarity

    def signalled(i: Any) -> Any:
        if i.target is None or i.value is None or i.polarity is Polarity.IN_BAND:
            return i
        if i.kind is Kind.COUNT:
            o, e = i.value, i.target
        elif i.kind is Kind.RATIO and i.numerator is not None and i.value:
            o, e = i.numerator, i.target * i.numerator / i.value
        else:
            return i
        o = round(o)
        at_least, at_most = float(poisson.sf(o - 1, e)) if o > 0 else 1.0, float(poisson.cdf(o, e))
        worse, better = (at_most, at_least) if i.polarity is Polarity.HIGHER_IS_BETTER else (at_least, at_most)
        signal = "worse" if worse < 0.05 else "better" if better < 0.05 else "chance"
        return replace(i, signal=signal, p_worse=worse, p_better=better)

    objectives = tuple(replace(o, indicators=tuple(signalled(i) for i in o.indicators)) for o in view.objectives)
    return replace(view, objectives=objectives)


def entry_shot(db: Path, lang: str) -> None:
    """Registro mensual: three homicides against a target under two, a red that may be chance."""
    from scorecard.store import Store
    from ui.data_entry import DataEntryDialog
    from ui.models.entry_model import VALUE

    dialog = DataEntryDialog(Store.open(db), "PN", "09D08C01S01")
    dialog.resize(1360, 520)
    dialog.show()
    dialog.worker.wait_idle(120)
    model = dialog.model
    row = next(r for r, line in enumerate(model.lines) if line.indicator_code == "HOM-01")
    dialog.table.setCurrentIndex(model.index(row, VALUE))
    model.setData(model.index(row, VALUE), "3")
    dialog.grab().save(str(OUT / f"signal-entry-{lang}.png"))
    model.undo_stack.setClean()
    dialog.close()


def main() -> int:
    from PySide6.QtCore import QCoreApplication, QSettings
    from PySide6.QtWidgets import QApplication

    from demo import load_demo
    from scorecard.store import Store
    from ui import league_funnel
    from ui.i18n import install_language
    from ui.main_window import MainWindow

    QCoreApplication.setOrganizationName("GPR-screenshots")  # never the user's own settings
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, tempfile.mkdtemp())
    app = QApplication.instance() or QApplication([])
    OUT.mkdir(parents=True, exist_ok=True)
    db = Path(tempfile.mkdtemp(prefix="gpr-signal-")) / "demo.sqlite"
    load_demo(Store.open(db, create=True))

    for lang in ("es", "en"):
        install_language(lang)
        window = MainWindow(Store.open(db), lang, period=PERIOD)
        window.resize(1500, 900)
        window.show()
        window.select_unit(ZONE)
        window.wait_idle(120)
        assert window.view is not None
        window.show_view(with_signals(window.view))
        window.wait_idle(120)
        app.processEvents()
        window.grab().save(str(OUT / f"signal-scorecard-{lang}.png"))

        window.league_tabs.setCurrentIndex(league_funnel.FUNNEL)  # type: ignore[attr-defined]
        view = league_funnel.funnel(window)
        window.wait_idle(120)  # the choices (indicators, levels) arrive from the worker
        app.processEvents()
        view.level_box.setCurrentIndex(view.level_box.findData("subcircuito"))
        window.wait_idle(120)
        app.processEvents()
        window.grab().save(str(OUT / f"signal-funnel-window-{lang}.png"))
        view.resize(1200, 640)
        app.processEvents()
        view.grab().save(str(OUT / f"signal-funnel-{lang}.png"))
        entry_shot(db, lang)
        window.close()
    install_language("es")
    print("screenshots in", OUT)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
