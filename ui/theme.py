"""Light and dark: the colours the app paints itself, taken from the palette in use.

Qt's own widgets follow the palette; the app's painted parts (status discs and their letters, the
scorecard's score, sparklines, the trend chart, state words, error lines) ask here, so that each has a
variant readable on a dark background.  :func:`follow_system` makes the application's palette follow the
system's colour scheme, at start-up and when the user switches while the app runs.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette

# status lights: on a light background, and their lighter variants for a dark one (same hue, same order)
STATUS = {
    "green": ("#2e7d32", "#66bb6a"),
    "yellow": ("#f2b705", "#fdd835"),
    "red": ("#c62828", "#ef5350"),
    "no_data": ("#757575", "#9e9e9e"),
    "not_due": ("#b0bec5", "#78909c"),
    "no_target": ("#8d6e63", "#a1887f"),
}
# the discs whose letter is written dark (light discs); the others carry a white letter
DARK_LETTER = {"yellow", "not_due"}
STATE = {
    "open": ("#5f6b7a", "#aab4c0"),
    "submitted": ("#1f6fb2", "#64b5f6"),
    "returned": ("#b26a00", "#ffb74d"),
    "approved": ("#2e7d32", "#81c784"),
}
ERROR = ("#c62828", "#ff8a80")
WARNING = ("#e65100", "#ffab40")
GOOD = ("#2e7d32", "#81c784")


def current_palette() -> QPalette:
    app = QGuiApplication.instance()
    return QGuiApplication.palette() if app is not None else QPalette()


def is_dark(palette: QPalette | None = None) -> bool:
    """True when text is drawn light on dark (the window colour is the darker of the two)."""
    p = palette or current_palette()
    return p.color(QPalette.ColorRole.Window).lightness() < p.color(QPalette.ColorRole.WindowText).lightness()


def _pick(pair: tuple[str, str], palette: QPalette | None) -> str:
    return pair[1] if is_dark(palette) else pair[0]


def status_colour(key: str, palette: QPalette | None = None) -> str:
    return _pick(STATUS[key], palette)


def state_colour(state: str, palette: QPalette | None = None) -> str:
    return _pick(STATE.get(state, STATE["open"]), palette)


def error_colour(palette: QPalette | None = None) -> str:
    return _pick(ERROR, palette)


def warning_colour(palette: QPalette | None = None) -> str:
    return _pick(WARNING, palette)


def good_colour(palette: QPalette | None = None) -> str:
    return _pick(GOOD, palette)


def muted_colour(palette: QPalette | None = None) -> QColor:
    """Secondary lines (a target's dashes): between the text and the background."""
    p = palette or current_palette()
    return p.color(QPalette.ColorGroup.Active, QPalette.ColorRole.PlaceholderText)


def dark_palette() -> QPalette:
    """A dark palette for the Fusion style, for systems whose own style stays light (and screenshots)."""
    p = QPalette()
    roles = QPalette.ColorRole
    for role, colour in (
        (roles.Window, "#202124"),
        (roles.WindowText, "#e8eaed"),
        (roles.Base, "#17181a"),
        (roles.AlternateBase, "#25272a"),
        (roles.ToolTipBase, "#303134"),
        (roles.ToolTipText, "#e8eaed"),
        (roles.PlaceholderText, "#9aa0a6"),
        (roles.Text, "#e8eaed"),
        (roles.Button, "#2b2c2f"),
        (roles.ButtonText, "#e8eaed"),
        (roles.BrightText, "#ffffff"),
        (roles.Light, "#3c4043"),
        (roles.Midlight, "#323336"),
        (roles.Mid, "#5f6368"),
        (roles.Dark, "#111214"),
        (roles.Shadow, "#000000"),
        (roles.Highlight, "#3d6fb4"),
        (roles.HighlightedText, "#ffffff"),
        (roles.Link, "#8ab4f8"),
        (roles.LinkVisited, "#c58af9"),
    ):
        p.setColor(role, QColor(colour))
    for role, colour in ((roles.WindowText, "#7f8388"), (roles.Text, "#7f8388"), (roles.ButtonText, "#7f8388")):
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor(colour))
    return p


def apply_scheme(app: QGuiApplication, scheme: Qt.ColorScheme) -> None:
    """Dark: the Fusion style with :func:`dark_palette` unless the platform's palette is already dark;
    light (or unknown): the style's own palette."""
    from PySide6.QtWidgets import QApplication

    if not isinstance(app, QApplication):
        return
    if scheme is Qt.ColorScheme.Dark:
        if not is_dark(app.style().standardPalette()):
            app.setStyle("Fusion")
            app.setPalette(dark_palette())
    elif is_dark(app.palette()):
        app.setPalette(app.style().standardPalette())


def follow_system(app: QGuiApplication) -> None:
    """The palette of the system's colour scheme now, and again whenever the system switches."""
    hints = app.styleHints()
    apply_scheme(app, hints.colorScheme())
    hints.colorSchemeChanged.connect(lambda scheme: apply_scheme(app, scheme))


def error_style() -> str:
    """The style sheet of a line saying what went wrong."""
    return f"color: {error_colour()};"
