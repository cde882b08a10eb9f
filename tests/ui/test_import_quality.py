"""The import wizard's preview shows each figure's data-quality flags (column «Calidad», the detail as its
tooltip) and counts them; the flags never stop the import.  The expectation is worked out with scipy."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import Qt
from scipy.stats import poisson
from sqlalchemy import select

from scorecard.figures import ResultRow
from scorecard.models import Indicator, Result, Unit
from scorecard.store import Store
from tests.ui.test_import_wizard import WAIT, _through_mapping, _wizard

pytestmark = pytest.mark.gui

UNIT = "09D08C01S01"
HISTORY = [y * 100 + m for y in (2023, 2024) for m in range(1, 13)]


def _history(store: Store) -> list[float]:
    """One homicide a month through 2023 and 2024; returns the 24 months before November 2025 as stored."""
    with store.transaction() as s:
        inst = store.institution(s, "PN")
        hom = s.scalar(select(Indicator.id).where(Indicator.institution_id == inst.id, Indicator.code == "HOM-01"))
        unit = s.scalar(select(Unit.id).where(Unit.institution_id == inst.id, Unit.code == UNIT))
        shape, _ = store.plans.shape(s, inst, 202412)
        rows = [ResultRow(hom, unit, m, 1.0) for m in HISTORY]
        store.figures.write_results(s, inst.id, rows, {d.indicator_id: d for d in shape.definitions})
    with store.reading() as s:
        return [
            float(v)
            for v in s.scalars(
                select(Result.value).where(
                    Result.indicator_id == hom, Result.unit_id == unit, Result.month >= 202311, Result.month <= 202510
                )
            )
        ]


def test_the_preview_shows_and_counts_the_flags(qtbot, demo_copy: Path, spanish, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from ui.models.changes_model import QUALITY

    store = Store.open(demo_copy)
    window = _history(store)
    assert len(window) == 24
    mu = sum(window) / 24
    assert poisson.sf(15 - 1, mu) < 0.001  # 15 homicides against μ: out of chance, high
    assert poisson.sf(1 - 1, mu) >= 0.001 and poisson.cdf(1, mu) >= 0.001  # 1 is within
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["unidad", "indicador", "periodo", "valor"])
    sheet.append([UNIT, "HOM-01", "2025-11", 15])
    sheet.append(["09D08C01S02", "HOM-01", "2025-11", 1])
    path = tmp_path / "tabla.xlsx"
    book.save(path)

    wizard = _wizard(qtbot, store)
    _through_mapping(qtbot, wizard, path)
    preview = wizard.preview_page
    qtbot.waitUntil(preview.isComplete, timeout=WAIT)
    model = preview.model
    rows = {model.index(r, 0).data(): r for r in range(model.rowCount())}
    flagged = model.index(rows[UNIT], QUALITY)
    assert flagged.data() == "Improbablemente alto"
    expected = f"15 con un esperado de {mu:.1f}".replace(".", ",")
    assert expected in flagged.data(Qt.ItemDataRole.ToolTipRole)
    assert model.index(rows["09D08C01S02"], QUALITY).data() == ""
    assert model.headerData(QUALITY, Qt.Orientation.Horizontal) == "Calidad"
    assert "1 cifras con alertas de calidad" in preview.status.text()

    wizard.next()  # the import: flags never block it
    qtbot.waitUntil(lambda: wizard.run_page.state != "running", timeout=WAIT)
    with store.reading() as s:
        written = s.scalar(
            select(Result.value).join(Unit, Unit.id == Result.unit_id).where(Unit.code == UNIT, Result.month == 202511)
        )
    assert written == 15
