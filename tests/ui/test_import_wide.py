"""The import wizard on wide sheets: a district's years down the rows and the months across, about one
unit and one indicator the user picks; previewed figure by figure, then imported."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import openpyxl
import pytest

from scorecard.store import Store

pytestmark = pytest.mark.gui
WAIT = 120_000
MONTHS = ["ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sep", "oct", "nov", "dic"]
UNIT = "09D08C01S01"


def history_sheet(path: Path) -> dict[int, float]:
    """Ten years (2015–2024) of a subcircuit's homicides, months across; the figures it holds."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "historia"
    sheet.append([f"Homicidios intencionales, subcircuito {UNIT}"])
    sheet.append(["Año", *MONTHS, "Total"])
    figures: dict[int, float] = {}
    for year in range(2015, 2025):
        values = [float((year * 7 + m * 3) % 5) for m in range(1, 13)]
        figures.update({year * 100 + m: v for m, v in enumerate(values, start=1)})
        sheet.append([year, *values, sum(values)])
    book.save(path)
    return figures


def test_a_wide_sheet_about_one_unit_is_previewed_and_imported(qtbot, demo_copy: Path, spanish, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from ui.import_wizard import ImportWizard

    expected = history_sheet(tmp_path / "historia.xlsx")
    wizard = ImportWizard(Store.open(demo_copy), "PN", "es")
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.file_page.choose(tmp_path / "historia.xlsx")
    qtbot.waitUntil(lambda: not wizard.busy, timeout=WAIT)
    assert wizard.detected is not None and wizard.detected.kind == "wide", wizard.file_page.status.text()
    assert "Hoja ancha" in wizard.file_page.status.text()
    wizard.next()
    page = wizard.mapping_page
    assert page.about_unit.isVisible() and page.about_indicator.isVisible() and not page.about_mapping.isVisible()
    page.about_unit.setCurrentIndex(page.about_unit.findData(UNIT))
    page.about_indicator.setCurrentIndex(page.about_indicator.findData("HOM-01"))
    wizard.next()
    assert wizard.currentPage() is wizard.preview_page
    qtbot.waitUntil(lambda: not wizard.busy, timeout=WAIT)
    preview = wizard.preview_page
    assert preview.isComplete(), preview.status.text()
    assert preview.outcome is not None and preview.outcome.report["new"] == 120
    shown = {(c.unit_code, c.month): c.new for c in preview.outcome.changes}
    assert shown == {(UNIT, f"{m // 100}-{m % 100:02d}"): v for m, v in expected.items()}
    wizard.next()  # the import itself
    qtbot.waitUntil(lambda: not wizard.busy, timeout=WAIT)
    with sqlite3.connect(demo_copy) as conn:
        stored = dict(
            conn.execute(
                "select r.month, r.value from results r join units u on u.id = r.unit_id join indicators i on "
                "i.id = r.indicator_id where u.code = ? and i.code = 'HOM-01' and r.month < 202501",
                (UNIT,),
            ).fetchall()
        )
    assert stored == expected


def test_category_columns_are_mapped_in_the_wizard_and_the_mapping_saved(
    qtbot, demo_copy: Path, spanish, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    from importers.saved_mappings import wide_mappings
    from ui.import_wizard import ImportWizard

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Subcircuito", "Año", *[f"{m}_hom" for m in MONTHS], *[f"{m.upper()}-OPERATIVOS" for m in MONTHS]])
    sheet.append([UNIT, 2024, *([1] * 12), *([0] * 11), 1])
    book.save(tmp_path / "sexo.xlsx")
    store = Store.open(demo_copy)
    wizard = ImportWizard(store, "PN", "es")
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.file_page.choose(tmp_path / "sexo.xlsx")
    qtbot.waitUntil(lambda: not wizard.busy, timeout=WAIT)
    wizard.next()
    editor = wizard.mapping_page.about_mapping
    assert editor.isVisible() and sorted(editor.boxes) == ["hom", "operativos"]
    assert not editor.save(store, "PN", "es")  # nothing assigned yet: said, not saved
    editor.boxes["hom"].setCurrentIndex(editor.boxes["hom"].findData("HOM-01"))
    editor.boxes["operativos"].setCurrentIndex(editor.boxes["operativos"].findData("OPE-01"))
    editor.name_box.setEditText("homicidios-y-operativos")
    assert editor.save(store, "PN", "es") and "guardado" in editor.status.text()
    assert wide_mappings(store) == {"homicidios-y-operativos": {"hom": "HOM-01", "operativos": "OPE-01"}}
    wizard.next()
    qtbot.waitUntil(lambda: not wizard.busy, timeout=WAIT)
    outcome = wizard.preview_page.outcome
    assert outcome is not None, wizard.preview_page.status.text()
    assert outcome.report["new"] == 24
    assert {(c.indicator, c.month, c.new) for c in outcome.changes if c.month == "2024-12"} == {
        ("HOM-01", "2024-12", 1.0),
        ("OPE-01", "2024-12", 1.0),
    }
