"""Wide sheets — the months across the columns — as planning offices keep them, written by openpyxl and
re-saved by LibreOffice: each layout read into the real store, the stored figures compared with the
frame the test wrote them from, and every bad cell said where it is.

The small tree and plan of tests/builders.py: HOM-01 (count, circuits), ROB-01 (count, districts),
BRI-01 (stock, districts).
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import Workbook
from sqlalchemy import select

from importers import kinds
from importers.figures_import import About, import_figures
from importers.saved_mappings import save_wide_mapping
from scorecard.errors import ValidationFailed
from scorecard.models import Indicator, Result, Target, Unit
from scorecard.store import Store
from tests.builders import load_small
from tests.libreoffice import convert

ES = ["Ene", "Feb", "Mar", "Abr", "May", "Jun", "Jul", "Ago", "Sep", "Oct", "Nov", "Dic"]
EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
      "November", "December"]  # fmt: skip
CIRCUITS = ["09D08C04", "09D08C06", "09D01C01"]
YEARS = range(2016, 2026)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = Store.open(tmp_path / "db.sqlite", create=True)
    load_small(s, figures=False)
    return s


def write(path: Path, rows: list[list[object]], *, title: str | None = None, sheet: str = "datos") -> Path:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = sheet
    if title:
        ws.append([title])
        ws.append([])
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


def through(path: Path, writer: str, tmp_path: Path) -> Path:
    return path if writer == "openpyxl" else convert(path, "xlsx", tmp_path / "lo")


def stored(store: Store, what: type = Result) -> pd.DataFrame:
    with store.reading() as s:
        rows = s.execute(
            select(Unit.code, Indicator.code, what.month, what.value)  # type: ignore[attr-defined]
            .join(Unit, Unit.id == what.unit_id)  # type: ignore[attr-defined]
            .join(Indicator, Indicator.id == what.indicator_id)  # type: ignore[attr-defined]
        ).all()
    frame = pd.DataFrame(rows, columns=["unit", "indicator", "month", "value"])
    return frame.sort_values(["unit", "indicator", "month"]).reset_index(drop=True)


def history() -> pd.DataFrame:
    """Ten years of a count for three circuits: a figure nobody would guess (unit, year and month mixed)."""
    rows = [
        (u, "HOM-01", y * 100 + m, float((k + 1) * m + (y - 2016) * 3 + (m * y) % 7))
        for k, u in enumerate(CIRCUITS)
        for y in YEARS
        for m in range(1, 13)
    ]
    frame = pd.DataFrame(rows, columns=["unit", "indicator", "month", "value"])
    return frame.sort_values(["unit", "indicator", "month"]).reset_index(drop=True)


@pytest.mark.parametrize("writer", ["openpyxl", "libreoffice"])
def test_ten_years_by_unit_and_year_with_a_total_column(store: Store, tmp_path: Path, writer: str) -> None:
    expected = history()
    rows: list[list[object]] = [["Unidad", "Indicador", "Año", *ES, "Total"]]
    for (unit, year), g in expected.groupby(["unit", expected["month"] // 100]):
        values = g.sort_values("month")["value"].tolist()
        rows.append([unit, "HOM-01", int(year), *values, sum(values)])
    path = through(
        write(tmp_path / "historia.xlsx", rows, title="Homicidios intencionales 2016-2025"), writer, tmp_path
    )
    assert max(kinds.identify(path).items(), key=lambda kv: kv[1])[0] == "wide"
    out = import_figures(store, path, "PN")
    assert (out["kind"], out["errors"], out["new"], out["rows_read"]) == ("wide", [], len(expected), 30)
    pd.testing.assert_frame_equal(stored(store), expected)  # the totals column is never a month
    again = import_figures(store, path, "PN")
    assert (again["new"], again["changed"], again["unchanged"]) == (0, 0, len(expected))


def test_a_total_column_that_does_not_add_up_is_said_and_nothing_written(store: Store, tmp_path: Path) -> None:
    rows = [
        ["Unidad", "Indicador", "Año", *ES, "Total", "Promedio"],
        ["09D08C04", "HOM-01", 2024, *range(1, 13), 78, 6.5],  # right: 1 + … + 12 = 78, mean 6.5
        ["09D08C06", "HOM-01", 2024, *([2] * 12), 25, 2],  # 12 × 2 = 24, not 25
        ["09D01C01", "HOM-01", 2024, *([3] * 12), 36, 3.5],  # the mean of twelve 3s is 3
    ]
    path = write(tmp_path / "t.xlsx", rows)
    with pytest.raises(ValidationFailed) as exc:
        import_figures(store, path, "PN")
    assert [(p.row, p.column, p.message_id) for p in exc.value.problems] == [
        (3, "Total", "cell.total_sum"),
        (4, "Promedio", "cell.total_mean"),
    ]
    words = exc.value.text("es")
    assert "el total dice 25 pero los 12 meses de la fila suman 24" in words
    assert "el promedio dice 3.5 pero el de los 12 meses de la fila es 3" in words
    assert stored(store).empty


@pytest.mark.parametrize("writer", ["openpyxl", "libreoffice"])
def test_months_as_periods_and_the_indicator_given(store: Store, tmp_path: Path, writer: str) -> None:
    heads = ["2025-01", "feb-2025", "03/2025", dt.datetime(2025, 4, 1), "Mayo 2025", "jun-25"]
    rows: list[list[object]] = [["Código", *heads], ["09D08C04", 1, 2, 3, 4, 5, 6], ["09d08c06", 0, 0, "s/d", 1, 1, 1]]
    path = through(write(tmp_path / "p.xlsx", rows), writer, tmp_path)
    with pytest.raises(ValidationFailed) as exc:  # no indicator column: the sheet must be told
        import_figures(store, path, "PN")
    assert [p.message_id for p in exc.value.problems] == ["wide.indicator_missing"]
    assert "--indicator" in exc.value.text("en")
    out = import_figures(store, path, "PN", about=About(indicator="HOM-01"))
    assert out["errors"] == [] and out["new"] == 6 + 5
    assert [(n["row"], n["column"], n["value"]) for n in out["no_value"]] == [(3, "03/2025", "s/d")]
    got = stored(store)
    assert got[got["unit"] == "09D08C04"]["value"].tolist() == [1, 2, 3, 4, 5, 6]
    assert got[got["unit"] == "09D08C06"]["month"].tolist() == [202501, 202502, 202504, 202505, 202506]


def test_rows_of_years_about_one_unit_and_one_indicator_in_english(store: Store, tmp_path: Path) -> None:
    rows: list[list[object]] = [["Year", *EN, "Annual total"]]
    for y in (2023, 2024):
        rows.append([y, *[y - 2020 + m for m in range(1, 13)], sum(y - 2020 + m for m in range(1, 13))])
    path = write(tmp_path / "y.xlsx", rows, title="Robberies, district Nueva Prosperina")
    with pytest.raises(ValidationFailed) as exc:
        import_figures(store, path, "PN")
    assert {p.message_id for p in exc.value.problems} == {"wide.unit_missing", "wide.indicator_missing"}
    out = import_figures(store, path, "PN", about=About(unit="09D08", indicator="ROB-01"))
    assert out["errors"] == [] and out["new"] == 24
    got = stored(store)
    assert got["value"].tolist() == [float(y - 2020 + m) for y in (2023, 2024) for m in range(1, 13)]
    assert set(got["unit"]) == {"09D08"} and set(got["indicator"]) == {"ROB-01"}


def test_indicator_codes_across_the_columns_one_month_a_row(store: Store, tmp_path: Path) -> None:
    rows: list[list[object]] = [
        ["Unidad", "Periodo", "ROB-01", "BRI-01"],
        ["09D08", "2025-01", 40, 10],
        ["09D08", "2025-02", 38, 11],
        ["09D01", "marzo 2025", 30, "-"],
    ]
    out = import_figures(store, write(tmp_path / "c.xlsx", rows), "PN")
    assert out["errors"] == [] and out["new"] == 5
    got = stored(store)
    assert got.to_dict("records") == [
        {"unit": "09D01", "indicator": "ROB-01", "month": 202503, "value": 30.0},
        {"unit": "09D08", "indicator": "BRI-01", "month": 202501, "value": 10.0},
        {"unit": "09D08", "indicator": "BRI-01", "month": 202502, "value": 11.0},
        {"unit": "09D08", "indicator": "ROB-01", "month": 202501, "value": 40.0},
        {"unit": "09D08", "indicator": "ROB-01", "month": 202502, "value": 38.0},
    ]


def test_bad_cells_are_said_where_they_are(store: Store, tmp_path: Path) -> None:
    rows: list[list[object]] = [
        ["Unidad", "Indicador", "Año", *ES],
        ["09D08C04", "HOM-01", 2025, 1, "abc", *([0] * 10)],
        ["09D08C06", "HOM-01", 2025, "1.234", *([0] * 11)],
        ["09D01C01", "HOM-01", 2025, 0, 0, -2, *([0] * 9)],
        ["09D08C4", "HOM-01", 2025, *([1] * 12)],
        ["09D08C04", "HOM-01", "dos mil", *([1] * 12)],
    ]
    with pytest.raises(ValidationFailed) as exc:
        import_figures(store, write(tmp_path / "b.xlsx", rows), "PN")
    got = [(p.row, p.column, p.value, p.message_id) for p in exc.value.problems]
    # the header is row 1: the sheet's rows 2 to 6
    assert (2, "Feb", "abc", "cell.number") in got
    assert (3, "Ene", "1.234", "cell.ambiguous") in got
    assert (4, "Mar", -2.0, "cell.negative") in got
    assert (6, "Año", "dos mil", "cell.year") in got
    unknown = [p for p in exc.value.problems if p.message_id == "cell.unit_unknown"]
    assert [(p.row, p.column) for p in unknown] == [(5, "Unidad")]  # once for the row, not per month
    assert len(got) == 5
    assert "09D08C04" in unknown[0].text("es")  # the nearest known code is suggested
    assert stored(store).empty  # all or nothing


@pytest.mark.parametrize("writer", ["openpyxl", "libreoffice"])
def test_category_columns_with_a_saved_mapping_exported_and_imported(store: Store, tmp_path: Path, writer: str) -> None:
    head = [f"{m.lower()}_rob" for m in ES] + [f"{m.upper()}-BRIGADAS" for m in ES]
    rows: list[list[object]] = [["Distrito", "Año", *head]]
    rows.append(["09D08", 2025, *range(30, 42), *([10] * 12)])
    rows.append(["09D01", 2025, *range(20, 32), *([5] * 11), None])
    path = through(write(tmp_path / "cat.xlsx", rows), writer, tmp_path)
    with pytest.raises(ValidationFailed) as exc:
        import_figures(store, path, "PN")
    assert [p.message_id for p in exc.value.problems] == ["wide.mapping_needed"]
    assert "brigadas, rob" in exc.value.text("es")
    db = str(tmp_path / "db.sqlite")
    save_wide_mapping(store, "robos-brigadas", {"rob": "ROB-01", "brigadas": "BRI-01"}, "PN")
    run = lambda *a: subprocess.run([sys.executable, "-m", "cli.main", *a, "--json"],  # noqa: E731
                                    capture_output=True, text=True, timeout=120, check=False)  # fmt: skip
    done = run("import", str(path), "--institution", "PN", "--mapping", "robos-brigadas", "--db", db)
    assert done.returncode == 0, done.stderr
    assert (json.loads(done.stdout)["kind"], json.loads(done.stdout)["new"]) == ("wide", 12 + 12 + 12 + 11)
    got = stored(store)
    assert got[(got["unit"] == "09D01") & (got["indicator"] == "ROB-01")]["value"].tolist() == list(
        map(float, range(20, 32))
    )
    # exported, imported into a fresh database, and used there the same way
    exported = run("mapping", "export", "robos-brigadas", "-o", str(tmp_path / "m.json"), "--db", db)
    assert exported.returncode == 0 and json.loads(exported.stdout)["mapping"] == "robos-brigadas"
    fresh = Store.open(tmp_path / "fresh.sqlite", create=True)
    load_small(fresh, figures=False)
    fresh.close()
    imported = run("mapping", "import", str(tmp_path / "m.json"), "--db", str(tmp_path / "fresh.sqlite"))
    assert imported.returncode == 0, imported.stderr
    assert json.loads(imported.stdout) == {
        "mapping": "robos-brigadas",
        "kind": "wide",
        "path": str((tmp_path / "m.json").resolve()),
        "replaced": False,
    }
    again = run("import", str(path), "--institution", "PN", "--mapping", "robos-brigadas", "--db",
                str(tmp_path / "fresh.sqlite"))  # fmt: skip
    assert again.returncode == 0 and json.loads(again.stdout)["new"] == 47
    pd.testing.assert_frame_equal(stored(Store.open(tmp_path / "fresh.sqlite")), got)


def test_a_mapping_file_that_is_not_one_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "db.sqlite"
    Store.open(db, create=True).close()
    bad = {"format": "gpr-mapping/1", "name": "x", "kind": "wide", "config": {"categories": {"h": ""}}}
    (tmp_path / "bad.json").write_text(json.dumps(bad))
    command = ["mapping", "import", str(tmp_path / "bad.json"), "--db", str(db), "--lang", "en"]
    done = subprocess.run(
        [sys.executable, "-m", "cli.main", *command], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 1 and "not a mapping exported by this app" in done.stderr


def test_a_wide_sheet_of_targets_at_the_zones(store: Store, tmp_path: Path) -> None:
    rows: list[list[object]] = [["Zona", "Indicador", "Año", *ES], ["Z8", "HOM-01", 2026, *([9] * 12)]]
    sheet = write(tmp_path / "m.xlsx", [["Unidad", *rows[0][1:]], *[["Z8", *rows[1][1:]]]], title="Metas 2026")
    out = import_figures(store, sheet, "PN")
    assert out["targets"] and out["new"] == 12
    got = stored(store, Target)
    assert got["unit"].tolist() == ["Z8"] * 12 and got["value"].tolist() == [9.0] * 12
    assert stored(store).empty  # no results written


def test_a_totals_row_is_checked_and_skipped(store: Store, tmp_path: Path) -> None:
    rows: list[list[object]] = [
        ["Unidad", "Indicador", "Año", *ES],
        ["09D08C04", "HOM-01", 2025, *([1] * 12)],
        ["09D08C06", "HOM-01", 2025, *([2] * 12)],
        ["TOTAL", "HOM-01", 2025, *([3] * 11), 4],
    ]
    with pytest.raises(ValidationFailed) as exc:
        import_figures(store, write(tmp_path / "r.xlsx", rows), "PN")
    assert [(p.row, p.column, p.message_id) for p in exc.value.problems] == [(4, "Dic", "cell.total_mismatch")]
    rows[-1][-1] = 3
    out = import_figures(store, write(tmp_path / "r2.xlsx", rows), "PN")
    assert out["errors"] == [] and out["new"] == 24


def test_formats_keep_their_claims(tmp_path: Path) -> None:
    """A long table stays a long table, the real register a register: a wide sheet claims its own only."""
    from demo import register_path

    long = write(
        tmp_path / "l.xlsx", [["unidad", "indicador", "periodo", "valor"], ["09D08C04", "HOM-01", "2025-01", 3]]
    )
    assert max(kinds.identify(long).items(), key=lambda kv: kv[1])[0] == "long"
    assert kinds.identify(register_path())["wide"] == 0.0


def test_the_core_s_problems_point_at_their_month_column(store: Store, tmp_path: Path) -> None:
    """ROB-01 is filed by districts: a circuit's row breaks the rule in each month, each said at its column."""
    rows: list[list[object]] = [["Unidad", "Indicador", "Año", *ES[:3]], ["09D08C04", "ROB-01", 2025, 0, 0, 0]]
    with pytest.raises(ValidationFailed) as exc:
        import_figures(store, write(tmp_path / "l.xlsx", rows), "PN")
    assert [(p.row, p.column, p.message_id) for p in exc.value.problems] == [
        (2, "Ene", "value.level"),
        (2, "Feb", "value.level"),
        (2, "Mar", "value.level"),
    ]


def test_a_sheet_with_the_whole_hierarchy_is_about_its_finest_units(store: Store, tmp_path: Path) -> None:
    rows: list[list[object]] = [
        ["Zona", "Distrito", "Circuito", "Indicador", "Año", *ES[:2]],
        ["Z8", "09D08", "09D08C04", "HOM-01", 2025, 3, 4],
        ["Z8", "09D01", "09D01C01", "HOM-01", 2025, 1, 0],
    ]
    out = import_figures(store, write(tmp_path / "h.xlsx", rows), "PN")
    assert out["errors"] == []
    assert stored(store)[["unit", "month", "value"]].values.tolist() == [
        ["09D01C01", 202501, 1.0],
        ["09D01C01", 202502, 0.0],
        ["09D08C04", 202501, 3.0],
        ["09D08C04", 202502, 4.0],
    ]
