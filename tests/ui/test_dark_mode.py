"""Dark mode follows the system: the app's palette turns dark with the system's colour scheme, and every
part the app paints itself — status discs and letters, the score, sparklines, the trend chart, state
words — takes its colours from the palette, legible on the dark background."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QPainter

from scorecard.store import Store
from ui import theme

pytestmark = pytest.mark.gui


@pytest.fixture
def dark(qapp):  # type: ignore[no-untyped-def]
    """The system switched to dark (as follow_system applies it); light again afterwards."""
    style, palette = qapp.style().name(), qapp.palette()
    theme.apply_scheme(qapp, Qt.ColorScheme.Dark)
    yield qapp
    qapp.setStyle(style)
    qapp.setPalette(palette)


def contrast(a: QColor, b: QColor) -> float:
    """WCAG contrast ratio of two colours."""

    def lum(c: QColor) -> float:
        def ch(v: float) -> float:
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

        return 0.2126 * ch(c.redF()) + 0.7152 * ch(c.greenF()) + 0.0722 * ch(c.blueF())

    hi, lo = sorted((lum(a), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_the_palette_follows_the_systems_scheme(qapp) -> None:  # type: ignore[no-untyped-def]
    style, palette = qapp.style().name(), qapp.palette()
    try:
        assert not theme.is_dark()
        theme.apply_scheme(qapp, Qt.ColorScheme.Dark)
        assert theme.is_dark() and theme.is_dark(qapp.palette())
        theme.apply_scheme(qapp, Qt.ColorScheme.Light)
        assert not theme.is_dark()
    finally:
        qapp.setStyle(style)
        qapp.setPalette(palette)


def test_status_colours_and_words_stay_legible_on_dark(dark) -> None:  # type: ignore[no-untyped-def]
    background = dark.palette().base().color()
    for key in ("green", "yellow", "red", "no_data", "no_target"):
        colour = QColor(theme.status_colour(key))
        assert colour != QColor(theme.STATUS[key][0])  # the dark variant
        assert contrast(colour, background) >= 3.0, key  # a large figure or a disc: WCAG's 3:1
    for state in theme.STATE:
        assert contrast(QColor(theme.state_colour(state)), dark.palette().window().color()) >= 4.5, state
    assert contrast(QColor(theme.error_colour()), dark.palette().window().color()) >= 4.5


def test_status_discs_are_drawn_for_the_palette_in_use(dark) -> None:  # type: ignore[no-untyped-def]
    from ui.status_icons import status_icon

    image = status_icon("green", "es").pixmap(22, 22).toImage()
    assert image.pixelColor(4, 11) == QColor(theme.STATUS["green"][1])  # the lighter disc on dark
    letter = [image.pixelColor(x, y) for x in range(22) for y in range(22)]
    assert QColor("#1b1b1b") in letter  # its letter written dark on the light disc


def test_the_main_window_paints_dark_and_legible(qtbot, dark, demo_template: Path, spanish) -> None:  # type: ignore[no-untyped-def]
    from ui.main_window import MainWindow
    from ui.models.scorecard_model import ScorecardModel, SparklineRole

    window = MainWindow(Store.open(demo_template), "es", period="2025-10")
    qtbot.addWidget(window)
    window.resize(1360, 840)
    window.show()
    assert window.wait_idle()
    assert window.view is not None
    score = theme.status_colour(window.view.status.key)
    assert score in window.score_label.styleSheet() and score == theme.STATUS[window.view.status.key][1]
    shot = window.grab().toImage()
    dark_pixels = sum(
        1
        for x in range(0, shot.width(), 17)
        for y in range(0, shot.height(), 17)
        if shot.pixelColor(x, y).lightness() < 80
    )
    total = len(range(0, shot.width(), 17)) * len(range(0, shot.height(), 17))
    assert dark_pixels / total > 0.8  # no light panel left behind

    # the sparkline: its target dashes in the palette's secondary colour, its line in the text colour
    table, column, model = window.table, ScorecardModel.SPARK_COLUMN, window.scorecard_model
    row = next(r for r in range(model.rowCount()) if model.index(r, column).data(SparklineRole))
    rect = table.visualRect(model.index(row, column))
    image = QImage(rect.size(), QImage.Format.Format_ARGB32)
    image.fill(dark.palette().base().color())
    painter = QPainter(image)
    from PySide6.QtWidgets import QStyleOptionViewItem

    option = QStyleOptionViewItem()
    option.rect = image.rect()
    option.palette = table.palette()
    option.widget = table
    table.itemDelegateForColumn(column).paint(painter, option, model.index(row, column))
    painter.end()
    pixels = [image.pixelColor(x, y) for x in range(image.width()) for y in range(image.height())]
    assert max(c.lightness() for c in pixels) > 180  # the result's line, light on dark
    assert QColor("#9e9e9e") not in pixels  # no fixed grey: the dashes are the palette's
