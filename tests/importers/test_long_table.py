"""Long tables of values and targets: every rule of spec/imports.md's "What a cell may say", and what an
import does (all or nothing, valid rows only, dry run, preview, idempotence, conflicts)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from importers.figures_import import import_figures, preview
from importers.progress import Cancelled, Progress
from scorecard.errors import UserError, ValidationFailed
from scorecard.models import AuditEntry, Batch, Result, Target
from scorecard.store import Store
from tests.builders import load_small

HEAD = ["unidad", "indicador", "periodo", "valor"]


def table(path: Path, rows: list[list[object]], head: list[str] = HEAD, title: bool = True) -> Path:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "datos"
    if title:  # title rows above the header are skipped
        ws.append(["Resultados de marzo"])
        ws.append([])
    ws.append(head)
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = Store.open(tmp_path / "db.sqlite", create=True)
    load_small(s, figures=False)
    return s


def stored(store: Store, unit: str, indicator: str, month: int, what: type = Result) -> float | None:
    from scorecard.models import Indicator, Unit

    with store.reading() as s:
        return s.scalar(
            select(what.value)  # type: ignore[attr-defined]
            .join(Unit, Unit.id == what.unit_id)  # type: ignore[attr-defined]
            .join(Indicator, Indicator.id == what.indicator_id)  # type: ignore[attr-defined]
            .where(Unit.code == unit, Indicator.code == indicator, what.month == month)  # type: ignore[attr-defined]
        )


def count(store: Store, model: type) -> int:
    with store.reading() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


def refused(store: Store, path: Path, **kw: object) -> list[dict[str, object]]:
    before = [count(store, m) for m in (Result, Target, Batch, AuditEntry)]
    with pytest.raises(ValidationFailed) as exc:
        import_figures(store, path, "PN", **kw)  # type: ignore[arg-type]
    assert [count(store, m) for m in (Result, Target, Batch, AuditEntry)] == before, "all or nothing"
    return [p.as_json("en") for p in exc.value.problems]


# --- numbers -------------------------------------------------------------------------------------------


def test_a_number_cell_is_that_number(store: Store, tmp_path: Path) -> None:
    out = import_figures(store, table(tmp_path / "a.xlsx", [["09D08C04", "HOM-01", "2025-03", 7]]), "PN")
    assert out["new"] == 1 and stored(store, "09D08C04", "HOM-01", 202503) == 7


@pytest.mark.parametrize(
    ("written", "value"), [("12,5", 12.5), ("1.234,5", 1234.5), ("1234.5", 1234.5), ("1,234.5", 1234.5)]
)
def test_numbers_written_as_text_follow_the_decimal_rule(
    store: Store, tmp_path: Path, written: str, value: float
) -> None:
    import_figures(store, table(tmp_path / "a.xlsx", [["09D08", "BRI-01", "2025-03", written]]), "PN")
    assert stored(store, "09D08", "BRI-01", 202503) == value


def test_a_lone_dot_and_three_digits_is_ambiguous_unless_the_mark_is_stated(store: Store, tmp_path: Path) -> None:
    path = table(tmp_path / "a.xlsx", [["09D08C04", "HOM-01", "2025-03", "1.234"]])
    [err] = refused(store, path)
    assert (err["sheet"], err["row"], err["column"], err["value"]) == ("datos", 4, "valor", "1.234")
    import_figures(store, path, "PN", decimal_mark=",")
    assert stored(store, "09D08C04", "HOM-01", 202503) == 1234


def test_a_percentage_is_read_in_a_ratio_as_percent_column_only(store: Store, tmp_path: Path) -> None:
    targets = table(
        tmp_path / "t.xlsx", [["09D08", "PAT-01", "2025-03", "85 %"]], head=["unidad", "indicador", "mes", "meta"]
    )
    out = import_figures(store, targets, "PN")
    assert out["targets"] and stored(store, "09D08", "PAT-01", 202503, Target) == pytest.approx(85.0)
    count_col = table(tmp_path / "c.xlsx", [["09D08C04", "HOM-01", "2025-03", "85%"]])
    [err] = refused(store, count_col)
    assert "percentage" in str(err["message"]) and err["row"] == 4


@pytest.mark.parametrize("marker", ["", "s/d", "S/D", "N/A", "ND", "sin dato", "-"])
def test_no_value_markers_are_never_zero(store: Store, tmp_path: Path, marker: str) -> None:
    rows = [["09D08C04", "HOM-01", "2025-03", marker or None], ["09D08C06", "HOM-01", "2025-03", 2]]
    out = import_figures(store, table(tmp_path / "a.xlsx", rows), "PN")
    assert out["new"] == 1 and out["skipped"] == 1
    assert [(e["row"], e["value"]) for e in out["no_value"]] == [(4, marker)]
    assert stored(store, "09D08C04", "HOM-01", 202503) is None


MARCH = [
    "2025-03", "2025/03", "03/2025", "marzo 2025", "mar-25", "Marzo-2025", "MARZO DE 2025",
    dt.datetime(2025, 3, 1), dt.date(2025, 3, 31),
]  # fmt: skip


@pytest.mark.parametrize("month", MARCH)
def test_every_month_form_means_march_2025(store: Store, tmp_path: Path, month: object) -> None:
    import_figures(store, table(tmp_path / "a.xlsx", [["09D08C04", "HOM-01", month, 4]]), "PN")
    assert stored(store, "09D08C04", "HOM-01", 202503) == 4


def test_a_month_that_is_not_one_is_an_error(store: Store, tmp_path: Path) -> None:
    [err] = refused(store, table(tmp_path / "a.xlsx", [["09D08C04", "HOM-01", "marzoo 2025", 4]]))
    assert err["column"] == "periodo" and err["value"] == "marzoo 2025"


def test_total_rows_are_skipped_and_their_sum_checked(store: Store, tmp_path: Path) -> None:
    rows = [
        ["09D08C04", "HOM-01", "2025-03", 6],
        ["09D08C06", "HOM-01", "2025-03", 2],
        ["TOTAL", "HOM-01", "2025-03", 8],
    ]
    out = import_figures(store, table(tmp_path / "a.xlsx", rows), "PN")
    assert (out["new"], out["skipped"]) == (2, 1)
    bad = [["09D01C01", "HOM-01", "2025-03", 6], ["09D08C04", "HOM-01", "2025-03", 2], ["Total general", "", "", 9]]
    [err] = refused(store, table(tmp_path / "b.xlsx", bad))
    assert (err["row"], err["value"]) == (6, 9) and "8" in str(err["message"])


def test_codes_are_trimmed_and_case_insensitive(store: Store, tmp_path: Path) -> None:
    import_figures(store, table(tmp_path / "a.xlsx", [["  09d08c04 ", " hom-01", "2025-03", 3]]), "PN")
    assert stored(store, "09D08C04", "HOM-01", 202503) == 3


def test_an_unknown_code_suggests_the_nearest(store: Store, tmp_path: Path) -> None:
    rows = [["09D08C05", "HOM-01", "2025-03", 3], ["09D08C04", "HOM-10", "2025-03", 3]]
    errs = refused(store, table(tmp_path / "a.xlsx", rows))
    assert "09D08C04" in str(errs[0]["message"]) and errs[0]["value"] == "09D08C05"
    assert "HOM-01" in str(errs[1]["message"]) and errs[1]["row"] == 5


# --- conflicts -------------------------------------------------------------------------------------------


def test_conflicts_are_errors(store: Store, tmp_path: Path) -> None:
    rows = [
        ["09D08C04", "HOM-01", "2025-03", 3],
        ["09D08C04", "HOM-01", "2025-03", 4],  # same key, other value
        ["09D08C06", "HOM-01", "2025-03", -1],  # negative count
        ["Z8", "ESC-01", "2025-02", 5],  # quarterly: not due in February
        ["09D08", "HOM-01", "2025-03", 5],  # HOM-01 is reported by circuits only
    ]
    errs = refused(store, table(tmp_path / "a.xlsx", rows))
    assert [e["row"] for e in errs] == [5, 6, 7, 8]
    assert "row 4" in str(errs[0]["message"])
    assert "negative" in str(errs[1]["message"])
    assert "ESC-01" in str(errs[2]["message"]) and "circuito" in str(errs[3]["message"])


def test_the_same_value_twice_is_no_conflict(store: Store, tmp_path: Path) -> None:
    rows = [["09D08C04", "HOM-01", "2025-03", 3], ["09d08c04", "HOM-01", "03/2025", 3]]
    out = import_figures(store, table(tmp_path / "a.xlsx", rows), "PN")
    assert (out["new"], out["skipped"]) == (1, 1)


def test_valid_rows_only_writes_them_and_reports_the_rest(store: Store, tmp_path: Path) -> None:
    rows = [["09D08C04", "HOM-01", "2025-03", 3], ["09D08C06", "HOM-01", "2025-03", -1], ["XX", "HOM-01", "2025-03", 1]]
    out = import_figures(store, table(tmp_path / "a.xlsx", rows), "PN", valid_rows_only=True)
    assert (out["new"] == 1 and [e["row"] for e in out["errors"]] == [6, 5]) or [e["row"] for e in out["errors"]] == [
        5,
        6,
    ]
    assert stored(store, "09D08C04", "HOM-01", 202503) == 3 and stored(store, "09D08C06", "HOM-01", 202503) is None


# --- what an import does ------------------------------------------------------------------------------------


def test_dry_run_reports_the_same_and_writes_nothing(store: Store, tmp_path: Path) -> None:
    path = table(tmp_path / "a.xlsx", [["09D08C04", "HOM-01", "2025-03", 3], ["09D08C06", "HOM-01", "2025-03", 1]])
    audit = count(store, AuditEntry)
    dry = import_figures(store, path, "PN", dry_run=True)
    assert count(store, Result) == 0 and count(store, Batch) == 0 and count(store, AuditEntry) == audit
    real = import_figures(store, path, "PN")
    assert {k: dry[k] for k in ("rows_read", "new", "changed", "unchanged", "skipped")} == {
        k: real[k] for k in ("rows_read", "new", "changed", "unchanged", "skipped")
    }
    assert dry["batch"] is None and real["batch"] is not None


def test_reimport_is_idempotent_and_a_revision_is_audited(db_url: str, tmp_path: Path) -> None:
    store = Store.open(db_url, create=True)
    load_small(store, figures=False)
    path = table(tmp_path / "a.xlsx", [["09D08C04", "HOM-01", "2025-03", 3], ["09D08C06", "HOM-01", "2025-03", 1]])
    first = import_figures(store, path, "PN")
    audit, batches = count(store, AuditEntry), count(store, Batch)
    again = import_figures(store, path, "PN")
    assert (again["new"], again["changed"], again["unchanged"], again["batch"]) == (0, 0, 2, None)
    assert (count(store, AuditEntry), count(store, Batch)) == (audit, batches), "no audit noise"
    revised = table(tmp_path / "b.xlsx", [["09D08C04", "HOM-01", "2025-03", 5], ["09D08C06", "HOM-01", "2025-03", 1]])
    rows = preview(store, revised, "PN")
    assert sorted((r["unit"], r["state"], r["old"], r["new"]) for r in rows) == [
        ("09D08C04", "changed", 3.0, 5.0),
        ("09D08C06", "unchanged", 1.0, 1.0),
    ]
    third = import_figures(store, revised, "PN")
    assert (third["changed"], third["unchanged"]) == (1, 1) and first["batch"] != third["batch"]
    with store.reading() as s:
        rev = s.scalars(select(AuditEntry).where(AuditEntry.action == "revise")).all()
    assert len(rev) == 1 and rev[0].old["value"] == 3 and rev[0].new["value"] == 5 and rev[0].batch_id == third["batch"]
    store.close()


def test_annual_targets_are_distributed(store: Store, tmp_path: Path) -> None:
    head = ["unidad", "indicador", "periodo", "meta", "distribucion"]
    rows = [["09D08C04", "HOM-01", 2025, 120, "uniforme"], ["09D08C06", "HOM-01", "2025", 130, "fin_de_anio"]]
    out = import_figures(store, table(tmp_path / "t.xlsx", rows, head=head), "PN")
    assert out["new"] == 24
    assert stored(store, "09D08C04", "HOM-01", 202507, Target) == pytest.approx(10)
    assert stored(store, "09D08C06", "HOM-01", 202512, Target) == pytest.approx(130 * 1.6 / 13.2)
    bad = table(tmp_path / "u.xlsx", [["09D08C04", "HOM-01", 2025, 1, "uniformee"]], head=head)
    with pytest.raises(ValidationFailed) as exc:
        import_figures(store, bad, "PN")
    assert "uniforme" in exc.value.problems[0].reason("en")


def test_a_year_is_only_a_period_for_targets(store: Store, tmp_path: Path) -> None:
    [err] = refused(store, table(tmp_path / "a.xlsx", [["09D08C04", "HOM-01", "2025", 12]]))
    assert err["value"] == "2025" and "targets" in str(err["message"])


def test_progress_reports_steps_and_cancel_leaves_nothing_written(store: Store, tmp_path: Path) -> None:
    path = table(tmp_path / "a.xlsx", [["09D08C04", "HOM-01", "2025-03", 3]])
    seen: list[str] = []
    import_figures(store, path, "PN", dry_run=True, progress=Progress(lambda step, _done, _total: seen.append(step)))
    assert seen[0] == "check" and "write" in seen and seen[-1] == "done"

    def cancel_at_write(step: str, done: int, total: int) -> None:
        if step == "write" and done > 0:
            progress.cancel()

    progress = Progress(cancel_at_write)
    audit = count(store, AuditEntry)
    with pytest.raises(Cancelled):
        import_figures(store, path, "PN", progress=progress)
    assert count(store, Result) == 0 and count(store, Batch) == 0 and count(store, AuditEntry) == audit


def test_a_table_of_nothing_known_is_refused_with_its_headers(store: Store, tmp_path: Path) -> None:
    path = table(tmp_path / "a.xlsx", [["x", "y"]], head=["foo", "bar"])
    with pytest.raises(UserError) as exc:
        import_figures(store, path, "PN")
    assert exc.value.message_id == "import.kind_unknown" and "foo" in exc.value.text("en")
