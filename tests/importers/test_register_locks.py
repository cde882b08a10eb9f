"""An approved unit-month is locked against register imports too: an edition that would change it is
refused whole; one that leaves it as it is goes through."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from python_calamine import CalamineWorkbook
from sqlalchemy import func, select

from scorecard.models import Result
from tests.importers.test_register import REGISTER, cli, import_json, police_without_figures


def _edition_without_one_event(tmp_path: Path, unit: str, month: str) -> Path:
    rows = CalamineWorkbook.from_path(str(REGISTER)).get_sheet_by_name("1").to_python()
    head = rows[0]
    sub, date = head.index("codigo_subcircuito"), head.index("fecha_infraccion")
    victim = next(i for i, r in enumerate(rows) if i and r[sub] == unit and str(r[date]).startswith(month))
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for i, r in enumerate(rows):
        if i != victim:
            sheet.append(list(r))
    path = tmp_path / "segunda_edicion.xlsx"
    book.save(path)
    return path


def test_an_import_into_an_approved_month_is_refused_whole(tmp_path: Path) -> None:
    db = tmp_path / "pn.sqlite"
    store = police_without_figures(db)
    import_json(str(db), REGISTER)
    at = ("--institution", "PN", "--unit", "09D08C04", "--period", "2025-01", "--db", str(db))
    for step in ("submit", "approve"):
        proc = cli(step, *at, "--json")
        assert proc.returncode == 0, proc.stderr
    edition = _edition_without_one_event(tmp_path, "09D08C04S07", "2025-01")

    def snapshot() -> list[tuple[int, int, int, float | None, int]]:
        with store.reading() as s:
            q = select(Result.indicator_id, Result.unit_id, Result.month, Result.value, Result.version)
            return sorted(tuple(r) for r in s.execute(q))

    before = snapshot()
    proc = cli("import", str(edition), "--mapping", "mdi-homicidios", "--institution", "PN", "--db", str(db),
               "--lang", "es")  # fmt: skip
    assert proc.returncode == 1
    assert "09D08C04S07 2025-01 está aprobado" in proc.stderr
    assert snapshot() == before
    # the same edition as before changes nothing in the locked month: it goes through (idempotent)
    assert import_json(str(db), REGISTER)["changed"] == 0
    proc = cli("reopen", *at, "--reason", "Segunda edición del registro", "--json")
    assert proc.returncode == 0, proc.stderr
    out = import_json(str(db), edition)
    assert out["changed"] == 1
    with store.reading() as s:
        assert s.scalar(select(func.count()).select_from(Result)) == len(before)
