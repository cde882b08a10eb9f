"""The main window on the demo: what it shows equals what the core computes."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from scorecard.demo import load_demo
from scorecard.store import Store

pytestmark = pytest.mark.gui


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("ui") / "demo.sqlite"
    load_demo(Store.open(path, create=True))
    return path


@pytest.fixture
def window(qtbot, demo_path: Path):  # type: ignore[no-untyped-def]
    from ui.main_window import MainWindow

    w = MainWindow(Store.open(demo_path), "es", period="2025-10")
    qtbot.addWidget(w)
    return w


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


def test_search_keeps_the_matching_branch(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClicks(window.search, "prosperina")
    proxy = window.unit_filter
    found = []

    def walk(parent) -> None:  # type: ignore[no-untyped-def]
        for r in range(proxy.rowCount(parent)):
            index = proxy.index(r, 0, parent)
            found.append(index.data())
            walk(index)

    from PySide6.QtCore import QModelIndex

    walk(QModelIndex())
    assert any(text.startswith("09D08 ·") for text in found)
    assert any(text.startswith("Z8 ·") for text in found)  # its ancestors stay visible
    assert not any(text.startswith("Z1 ·") for text in found)


def test_selecting_a_unit_and_year_to_date(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    store = Store.open(window.store.engine.url.render_as_string(False))
    window.select_unit("Z8")
    z8 = store.scoring.scorecard("PN", "2025-10", "Z8")
    assert window.view.unit_code == "Z8" and window.view == z8
    window.ytd.setChecked(True)
    ytd = store.scoring.value("PN", "HOM-01", "Z8", "2025-10", ytd=True)
    assert shown(window)["HOM-01"] == f"{int(ytd['value']):,}".replace(",", ".")


def test_league_table_is_ranked_and_opens_a_unit(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    scores = [u.score for u in window.league_model.units]
    assert scores == sorted(scores, reverse=True) and len(scores) == 9
    first = window.league_model.index(0, 1)
    code = first.data()
    window.league.doubleClicked.emit(first)
    assert window.view.unit_code == code == "Z8"


def test_english(qtbot, demo_path: Path) -> None:  # type: ignore[no-untyped-def]
    from ui.main_window import MainWindow

    w = MainWindow(Store.open(demo_path), "en", period="2025-10")
    qtbot.addWidget(w)
    headers = [w.scorecard_model.headerData(c, Qt.Orientation.Horizontal) for c in range(6)]
    assert headers == ["Code", "Name", "Result", "Target", "Performance", "Status"]
    assert w.score_label.text() == "92.1 %  G"
    assert "17 of 17 indicators" in w.detail_label.text()


def test_the_app_renders_a_screenshot_and_refuses_a_bad_database(
    demo_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtGui import QImage
    from PySide6.QtWidgets import QMessageBox

    from ui.app import main

    out = tmp_path / "shot.png"
    assert main(["--db", str(demo_path), "--period", "2025-10", "--screenshot", str(out), "--lang", "es"]) == 0
    image = QImage(str(out))
    assert image.width() >= 1000 and image.height() >= 600
    shown_errors: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, _t, text: shown_errors.append(text))
    assert main(["--db", str(tmp_path / "missing.sqlite")]) == 1
    assert "scorecard init" in shown_errors[0]
