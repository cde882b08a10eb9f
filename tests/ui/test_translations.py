"""Every user-visible string of ui/ is in the catalogue with its English; the compiled .qm matches the .ts;
Qt's own dialogs speak Spanish."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from ui import translations

pytestmark = pytest.mark.gui


def catalogue(ts: Path) -> dict[str, str | None]:
    out: dict[str, str | None] = {}
    for message in ET.parse(ts).iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        done = translation is not None and translation.get("type") not in ("unfinished", "vanished", "obsolete")
        out[source] = (translation.text or None) if done and translation is not None else None
    return out


def test_every_string_of_the_ui_has_its_english(tmp_path: Path) -> None:
    """lupdate over today's sources must find nothing the committed catalogue lacks, and every entry is
    translated: a new tr("…") without its English fails here."""
    fresh = tmp_path / "fresh.ts"
    translations.update(fresh)
    found = set(catalogue(fresh))
    committed = catalogue(translations.TS)
    assert len(found) > 100
    missing = sorted(found - set(committed))
    assert not missing, f"strings missing from gpr_en.ts (run python -m ui.translations): {missing}"
    untranslated = sorted(s for s, t in committed.items() if not t)
    assert not untranslated, f"strings without English: {untranslated}"


def test_the_compiled_catalogue_matches_the_ts(qapp) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QTranslator

    qm = QTranslator()
    assert qm.load(str(translations.TS.with_suffix(".qm")))
    for source, english in catalogue(translations.TS).items():
        assert qm.translate("", source) == english, source


def test_placeholders_survive_translation() -> None:
    import string

    def names(text: str) -> set[str]:
        return {f for _, f, _, _ in string.Formatter().parse(text) if f}

    for source, english in catalogue(translations.TS).items():
        assert names(source) == names(english or ""), source


def test_qt_dialogs_say_cancelar_in_spanish(qapp) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QDialogButtonBox

    from ui.i18n import install_language

    assert install_language("es")
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel | QDialogButtonBox.StandardButton.Save)
    texts = {b.text().replace("&", "") for b in box.buttons()}
    assert "Cancelar" in texts and "Guardar" in texts
    assert install_language("en")
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    assert box.buttons()[0].text().replace("&", "") == "Cancel"
    install_language("es")


def test_numbers_follow_ecuador(qapp) -> None:  # type: ignore[no-untyped-def]
    from ui.i18n import locale_for

    assert locale_for("es").toString(1234.5, "f", 1) == "1.234,5"
    assert locale_for("es").toDouble("1.234,5") == (1234.5, True)
    assert locale_for("en").toString(1234.5, "f", 1) == "1,234.5"
