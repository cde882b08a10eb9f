"""«Metas desde la historia» on the demo: 2026's homicide targets from the real 2025 register, previewed
in a grid, then written with the reason and read back from the database."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from scorecard.store import Store

pytestmark = pytest.mark.gui


def stored(path: Path, sql: str, *args: object) -> list[tuple[object, ...]]:
    with sqlite3.connect(path) as conn:
        return conn.execute(sql, args).fetchall()


HOM = "select id from indicators where code = 'HOM-01'"


def test_the_dialog_previews_and_writes_targets_from_last_year(qtbot, demo_copy: Path, spanish) -> None:  # type: ignore[no-untyped-def]
    from ui.plan_editor import PlanEditor

    editor = PlanEditor(Store.open(demo_copy), "PN")
    editor.show()
    editor.target_year.setValue(2026)
    dialog = editor.open_derive()
    for k in range(dialog.indicator_list.count()):
        item = dialog.indicator_list.item(k)
        item.setCheckState(
            Qt.CheckState.Checked if item.data(Qt.ItemDataRole.UserRole) == "HOM-01" else Qt.CheckState.Unchecked
        )
    assert (dialog.year.value(), dialog.start.value()) == (2026, 2025)
    dialog.change.setValue(-10)
    dialog.run_preview()
    assert dialog.worker.wait_idle(120)
    preview = dialog.preview
    assert preview is not None and preview.dry_run and preview.indicators == ["HOM-01"]
    assert not dialog.apply_button.isEnabled()  # no reason yet
    # the register covers January–October 2025: every subcircuit's January target is its January × 0.9,
    # and November and December have no reference
    january = dict(
        stored(
            demo_copy,
            f"select u.code, r.value from results r join units u on u.id = r.unit_id "
            f"where r.month = 202501 and r.indicator_id = ({HOM})",
        )
    )
    got = {r["unit"]: r["target"] for r in preview.rows if r["period"] == "2026-01"}
    assert got == pytest.approx({u: v * 0.9 for u, v in january.items()})
    assert all(w["missing"][-2:] == ["2026-11", "2026-12"] for w in preview.without_history)
    model = dialog.grid.model()
    assert model.rowCount() == len(january)
    assert "HOM-01, sin historia para 2026-11, 2026-12: " in dialog.missing.text()
    assert f"y {len(preview.without_history) - 6} más" in dialog.missing.text()
    assert stored(demo_copy, f"select count(*) from targets where month > 202600 and indicator_id = ({HOM})") == [(0,)]

    dialog.reason.setText("Reducción del 10 % sobre 2025")
    assert dialog.apply_button.isEnabled()
    dialog.run_apply()
    assert dialog.worker.wait_idle(120)
    assert dialog.applied is not None and dialog.applied.new == len(preview.rows)
    written = stored(
        demo_copy,
        f"select count(*), sum(value) from targets where month between 202601 and 202612 and indicator_id = ({HOM})",
    )
    assert written[0][0] == len(preview.rows)
    assert written[0][1] == pytest.approx(sum(r["target"] for r in preview.rows))
    reasons = stored(demo_copy, "select count(*) from audit_log where reason = ?", "Reducción del 10 % sobre 2025")
    assert reasons[0][0] >= 1
    dialog.close()
    editor.close()
