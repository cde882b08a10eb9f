"""Every ``tr()`` string of ui/ is in the English catalogue with its translation, and the compiled .qm is
the one the app loads: a fresh pyside6-lupdate over a copy of the catalogue finds nothing new or unfinished."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

pytestmark = pytest.mark.gui


def test_no_string_lacks_english(tmp_path: Path) -> None:
    from ui import translations

    ts = tmp_path / "gpr_en.ts"
    shutil.copy(translations.TS, ts)
    translations.update(ts)
    messages = ET.parse(ts).getroot().iter("message")
    missing = [
        m.findtext("source")
        for m in messages
        if (t := m.find("translation")) is None or t.get("type") == "unfinished" or not (t.text or "").strip()
    ]
    assert missing == []


def test_the_new_screens_speak_english(qapp) -> None:  # type: ignore[no-untyped-def]
    from ui.i18n import install_language, tr

    try:
        assert install_language("en")
        assert tr("Verificar firma") == "Verify signature"
        assert tr("Cifras que cambiarían (unidad y mes: antes → después)").startswith("Figures that would change")
    finally:
        install_language("es")
    assert tr("Verificar firma") == "Verificar firma"
