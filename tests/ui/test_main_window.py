"""The main window on the demo: what it shows equals what the core computes."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt

from scorecard.store import Store

pytestmark = pytest.mark.gui


@pytest.fixture
def window(qtbot, demo_template: Path, spanish):  # type: ignore[no-untyped-def]
    from ui.main_window import MainWindow

    w = MainWindow(Store.open(demo_template), "es", period="2025-10")
    qtbot.addWidget(w)
    assert w.wait_idle()
    return w


def settle(window) -> None:  # type: ignore[no-untyped-def]
    assert window.wait_idle()


def shown(window) -> dict[str, str]:  # type: ignore[no-untyped-def]
    model = window.scorecard_model
    return {model.index(r, 0).data().strip(): model.index(r, 2).data() for r in range(model.rowCount())}


def test_the_root_scorecard_is_the_cores(window) -> None:  # type: ignore[no-untyped-def]
    view = Store.open(window.store.engine.url.render_as_string(False)).scoring.scorecard("PN", "2025-10")
    rows = shown(window)
    indicators = [i for o in view.objectives for i in o.indicators]
    assert len(indicators) == 20 and all(i.code in rows for i in indicators)
    assert rows["HOM-01"] == "753"
    assert rows["OPE-01"] == "4.162"  # Ecuadorian thousands separator
    assert window.score_label.text().startswith("92,1 %")
    assert "17 de 17 indicadores" in window.detail_label.text()


def test_models_pass_the_model_tester(window, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    qtmodeltester.check(window.scorecard_model)
    qtmodeltester.check(window.league_model)
    qtmodeltester.check(window.unit_filter)


def test_sparklines_carry_the_cores_months(window) -> None:  # type: ignore[no-untyped-def]
    from ui.models.scorecard_model import SparklineRole

    store = window.store
    model = window.scorecard_model
    row = next(r for r in range(model.rowCount()) if model.index(r, 0).data().strip() == "HOM-01")
    values, targets = model.index(row, model.SPARK_COLUMN).data(SparklineRole)
    assert len(values) == len(targets) == 12
    for month in (1, 6, 10):
        core = store.scoring.value("PN", "HOM-01", "PN", f"2025-{month:02d}")
        assert values[month - 1] == pytest.approx(core["value"])
        assert targets[month - 1] == pytest.approx(core["target"])
    assert values[10] != values[10]  # November: nothing filed yet (NaN)
    objective_row = next(r for r in range(model.rowCount()) if model.index(r, 0).data() == "OE1")
    assert model.index(objective_row, model.SPARK_COLUMN).data(SparklineRole) is None


def test_search_keeps_the_matching_branch(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClicks(window.search, "prosperina")
    proxy = window.unit_filter
    found = []

    def walk(parent) -> None:  # type: ignore[no-untyped-def]
        for r in range(proxy.rowCount(parent)):
            index = proxy.index(r, 0, parent)
            found.append(index.data())
            walk(index)

    walk(QModelIndex())
    assert any(text.startswith("09D08 ·") for text in found)
    assert any(text.startswith("Z8 ·") for text in found)  # its ancestors stay visible
    assert not any(text.startswith("Z1 ·") for text in found)


def test_selecting_a_unit_and_year_to_date(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    store = Store.open(window.store.engine.url.render_as_string(False))
    window.select_unit("Z8")
    settle(window)
    z8 = store.scoring.scorecard("PN", "2025-10", "Z8")
    assert window.view.unit_code == "Z8" and window.view == z8
    window.ytd.setChecked(True)
    settle(window)
    ytd = store.scoring.value("PN", "HOM-01", "Z8", "2025-10", ytd=True)
    assert shown(window)["HOM-01"] == f"{int(ytd['value']):,}".replace(",", ".")


def test_a_stale_answer_is_dropped(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Clicking through units faster than the worker answers ends on the last unit clicked, and the
    answers for the units passed over are never shown."""
    seen: list[str] = []
    original = window.show_view
    window.show_view = lambda view: (seen.append(view.unit_code), original(view))
    for code in ("Z1", "Z2", "Z3", "09D08"):
        window.select_unit(code)
    settle(window)
    assert window.view.unit_code == "09D08"
    assert seen == ["09D08"]
    window.select_unit("Z1")  # computed before? no: Z1's answer was dropped, so it is asked again
    settle(window)
    assert window.view.unit_code == "Z1"
    window.select_unit("09D08")  # remembered: shown at once, no wait
    assert window.view.unit_code == "09D08"


def test_league_table_is_ranked_and_opens_a_unit(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    scores = [u.score for u in window.league_model.units]
    assert scores == sorted(scores, reverse=True) and len(scores) == 9
    first = window.league_model.index(0, 1)
    code = first.data()
    window.league.doubleClicked.emit(first)
    settle(window)
    assert window.view.unit_code == code == "Z8"


def test_english(qtbot, demo_template: Path) -> None:  # type: ignore[no-untyped-def]
    from ui.i18n import install_language
    from ui.main_window import MainWindow

    install_language("en")
    try:
        w = MainWindow(Store.open(demo_template), "en", period="2025-10")
        qtbot.addWidget(w)
        settle(w)
        headers = [w.scorecard_model.headerData(c, Qt.Orientation.Horizontal) for c in range(10)]
        assert headers == [
            "Code",
            "Name",
            "Result",
            "Last year",
            "Change",
            "Target",
            "Performance",
            "Status",
            "Signal",
            "Last 12 months",
        ]
        assert w.score_label.text() == "92.1 %  G"
        assert "17 of 17 indicators" in w.detail_label.text()
        assert shown(w)["OPE-01"] == "4,162"
        assert w.period_box.currentText() == "October 2025"
    finally:
        install_language("es")


def test_language_switch_needs_no_restart(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.select_unit("Z8")
    settle(window)
    window.language_actions["en"].trigger()
    settle(window)
    try:
        titles = [a.text() for a in window.menuBar().actions()]
        assert titles == ["&File", "&View", "&Data", "&Review", "&Help"]
        assert window.scorecard_model.headerData(5, Qt.Orientation.Horizontal) == "Target"
        assert window.view.unit_code == "Z8"  # the selection survives
        assert "of" in window.detail_label.text() and window.score_label.text().endswith(("G", "Y", "R"))
    finally:
        window.language_actions["es"].trigger()
    assert [a.text() for a in window.menuBar().actions()] == ["&Archivo", "&Ver", "&Datos", "&Revisión", "A&yuda"]


def test_the_app_renders_a_screenshot_and_refuses_a_bad_database(
    demo_template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtGui import QImage
    from PySide6.QtWidgets import QMessageBox

    from ui.app import main

    out = tmp_path / "shot.png"
    assert main(["--db", str(demo_template), "--period", "2025-10", "--screenshot", str(out), "--lang", "es"]) == 0
    image = QImage(str(out))
    assert image.width() >= 1000 and image.height() >= 600
    shown_errors: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, _t, text: shown_errors.append(text))
    assert main(["--db", str(tmp_path / "missing.sqlite")]) == 1
    assert "scorecard init" in shown_errors[0]
