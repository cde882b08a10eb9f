"""The corpus of bad and awkward files (tests/importers/corpus/, written by generate.py, several by
LibreOffice): each file's exact outcome when imported into the small test institution.

``refused``: a UserError before anything is read in full (message id); ``errors``: every problem placed at
(message id, row, column), nothing written; ``ok``: values new and rows skipped."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from importers.figures_import import import_figures
from scorecard.errors import UserError, ValidationFailed
from scorecard.models import Batch, Result
from scorecard.store import Store
from tests.builders import load_small

CORPUS = Path(__file__).parent / "corpus"

REFUSED = "refused"
ERRORS = "errors"
OK = "ok"

EXPECTED: dict[str, tuple[str, Any]] = {
    # hostile: refused before being read in full
    "zip_bomb_ratio.xlsx": (REFUSED, ("file.refused", "zip bomb")),
    "zip_bomb_directory.xlsx": (REFUSED, ("file.refused", "unpacks to 27,000,000,000 bytes")),
    "entity_bomb.xlsx": (REFUSED, ("file.refused", "declares a DTD")),
    "external_entity.xlsx": (REFUSED, ("file.refused", "declares a DTD")),
    "text_renamed.xlsx": (REFUSED, ("file.refused", "not a zip package")),
    "pdf_renamed.xlsx": (REFUSED, ("file.refused", "not a zip package")),
    "png_renamed.ods": (REFUSED, ("file.refused", "not a zip package")),
    "truncated.xlsx": (REFUSED, ("file.refused", "not a zip package")),
    "word_renamed.xlsx": (REFUSED, ("file.refused", "no xl/workbook.xml")),
    "binary.csv": (REFUSED, ("file.refused", "not CSV text")),
    "absurd_dimension.xlsx": (REFUSED, ("file.refused", "1,048,576 rows × 16,384 columns")),
    "far_row.xlsx": (REFUSED, ("file.refused", "2,000,000 rows")),
    "wide_cell.xlsx": (REFUSED, ("file.refused", "18,278 columns")),
    "old_excel.xls": (REFUSED, ("file.format", ".xls")),
    "no_known_headers.xlsx": (REFUSED, ("import.kind_unknown", "foo, bar")),
    "empty_workbook.xlsx": (REFUSED, ("import.kind_unknown", "headers found: —")),
    "plan_workbook.xlsx": (REFUSED, ("import.wrong_kind", "scorecard plan import")),
    # readable, but wrong: every problem at its place
    "formula_no_result.xlsx": (ERRORS, [("cell.formula_no_result", 4, "D")]),
    "ambiguous_number.xlsx": (ERRORS, [("cell.ambiguous", 4, "valor")]),
    "boolean_value.xlsx": (ERRORS, [("cell.number", 4, "valor")]),
    "duplicate_conflict.xlsx": (ERRORS, [("cell.duplicate", 5, "valor")]),
    "negative_count.xlsx": (ERRORS, [("cell.negative", 4, "valor")]),
    "lo_negative.ods": (ERRORS, [("cell.negative", 4, "valor")]),
    "not_a_month.xlsx": (ERRORS, [("cell.month", 4, "periodo")]),
    "not_due.xlsx": (ERRORS, [("value.not_due", 4, "valor")]),
    "wrong_level.xlsx": (ERRORS, [("value.level", 4, "valor")]),
    "percent_in_count.xlsx": (ERRORS, [("cell.percent", 4, "valor")]),
    "total_mismatch.xlsx": (ERRORS, [("cell.total_mismatch", 6, "valor")]),
    "unknown_codes.xlsx": (ERRORS, [("cell.unit_unknown", 4, "unidad"), ("cell.indicator_unknown", 5, "indicador")]),
    "lo_unknown_unit.xlsx": (ERRORS, [("cell.unit_unknown", 4, "unidad")]),
    # awkward and fine: (values new, rows skipped)
    "only_headers.xlsx": (OK, (0, 0)),
    "title_rows_and_totals.xlsx": (OK, (2, 1)),
    "no_value_markers.xlsx": (OK, (1, 2)),
    "date_cells.xlsx": (OK, (2, 0)),
    "macro_named.xlsm": (OK, (2, 0)),
    "latin1_semicolon.csv": (OK, (2, 0)),
    "utf8_bom.csv": (OK, (2, 0)),
    "hidden_garbage_sheet.xlsx": (OK, (2, 0)),
    "lo_month_forms.ods": (OK, (2, 0)),
    "lo_formula_with_result.xlsx": (OK, (2, 0)),
    "lo_formula_with_result.ods": (OK, (2, 0)),
    "lo_text_numbers.xlsx": (OK, (2, 0)),
}


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("corpus") / "base.sqlite"
    store = Store.open(path, create=True)
    load_small(store, figures=False)
    store.close()
    return path


def test_the_table_names_every_file_of_the_corpus() -> None:
    files = {p.name for p in CORPUS.iterdir() if p.suffix not in (".py", "") and not p.name.startswith("__")}
    assert files == set(EXPECTED) and len(files) >= 30
    assert sum(1 for f in files if f.startswith("lo_")) >= 5


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_file_gives_its_exact_outcome(name: str, base: Path, tmp_path: Path) -> None:
    db = tmp_path / "db.sqlite"
    shutil.copy(base, db)
    store = Store.open(db)
    outcome, expected = EXPECTED[name]
    try:
        if outcome == OK:
            out = import_figures(store, CORPUS / name, "PN")
            assert (out["new"], out["skipped"], out["errors"]) == (*expected, [])
            with store.reading() as s:
                assert s.scalar(select(func.count()).select_from(Result)) == expected[0]
            return
        with pytest.raises(UserError) as exc:
            import_figures(store, CORPUS / name, "PN")
        if outcome == REFUSED:
            message_id, says = expected
            assert not isinstance(exc.value, ValidationFailed)
            assert exc.value.message_id == message_id and says in exc.value.text("en")
            assert exc.value.text("es") != exc.value.text("en")
        else:
            assert isinstance(exc.value, ValidationFailed)
            assert [(p.message_id, p.row, p.column) for p in exc.value.problems] == expected
            assert all(p.text("es") and p.text("en") for p in exc.value.problems)
        with store.reading() as s:
            assert s.scalar(select(func.count()).select_from(Result)) == 0
            assert s.scalar(select(func.count()).select_from(Batch)) == 0
    finally:
        store.close()
