"""Translations the Qt way: Spanish is the source language of every ``tr()`` string; English comes from
``resources/translations/gpr_en.qm`` (made from ``gpr_en.ts`` by ``python -m ui.translations``), and
Qt's own ``qtbase_es`` makes standard dialogs say "Cancelar" in Spanish.

All strings live in one context (the empty one): ``tr("Meta")`` anywhere in ``ui/`` is one entry of the
``.ts`` file, which is how pyside6-lupdate files a module-level ``tr()`` call.  Core messages keep
coming from :mod:`scorecard.messages` in the language the window was built for (``current_lang()``).
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

LANGS = ("es", "en")


def QT_TR_NOOP(source: str) -> str:  # noqa: N802  (the name pyside6-lupdate looks for)
    """Marks a string for the catalogue where it is declared; ``tr()`` translates it where it is shown."""
    return source


MONTHS = (
    QT_TR_NOOP("enero"),
    QT_TR_NOOP("febrero"),
    QT_TR_NOOP("marzo"),
    QT_TR_NOOP("abril"),
    QT_TR_NOOP("mayo"),
    QT_TR_NOOP("junio"),
    QT_TR_NOOP("julio"),
    QT_TR_NOOP("agosto"),
    QT_TR_NOOP("septiembre"),
    QT_TR_NOOP("octubre"),
    QT_TR_NOOP("noviembre"),
    QT_TR_NOOP("diciembre"),
)
_installed: list[QTranslator] = []
_lang = "es"


def translations_dir() -> Path:
    return Path(str(resources.files("resources") / "translations"))


def tr(source: str, /, **params: object) -> str:
    """``source`` (Spanish) in the installed language; ``{name}`` placeholders filled from ``params``."""
    out = QCoreApplication.translate("", source)
    return out.format(**params) if params else out


def month_name(month: int) -> str:
    """'octubre' / 'October' for month 1..12."""
    return tr(MONTHS[month - 1])


def current_lang() -> str:
    return _lang


def locale_for(lang: str) -> QLocale:
    """Numbers as people of the language read them: 1.234,5 in Ecuador, 1,234.5 in English."""
    if lang == "en":
        return QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
    return QLocale(QLocale.Language.Spanish, QLocale.Country.Ecuador)


def install_language(lang: str) -> bool:
    """Swap the application's translators for ``lang`` (no restart: windows rebuild their words on the
    LanguageChange event Qt sends).  False when the language's catalogue could not be loaded."""
    global _lang  # noqa: PLW0603  (one language per application, as Qt's translators are)
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("install_language needs a QApplication")
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    ok = True
    QLocale.setDefault(locale_for(lang))
    if lang == "en":
        own = QTranslator(app)
        ok = own.load(str(translations_dir() / "gpr_en.qm"))
        if ok:
            app.installTranslator(own)
            _installed.append(own)
    else:  # Spanish is the source language: only Qt's own strings need a catalogue
        qt = QTranslator(app)
        if qt.load("qtbase_es", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            app.installTranslator(qt)
            _installed.append(qt)
        else:
            ok = False
    _lang = lang
    return ok
