"""Import data-quality flags (spec/statistics.md §3): each flag exactly where the spec puts it, nowhere
else, on every import path; the import still writes everything.  Expectations from scipy.stats directly."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook
from scipy.stats import poisson
from sqlalchemy import func, select

from importers.figures_import import import_figures
from scorecard.figures import ResultRow
from scorecard.models import Result
from scorecard.periods import add_months, month_key
from scorecard.store import Store
from tests.builders import ids, load_small

HEAD = ["unidad", "indicador", "periodo", "valor", "numerador", "denominador"]
HISTORY = [month_key(2023, m) for m in range(1, 13)] + [month_key(2024, m) for m in range(1, 13)]

ROWS: list[list[object]] = [
    ["09D08C04", "HOM-01", "2025-01", 12, None, None],  # μ 3: improbable_high
    ["09D08C06", "HOM-01", "2025-01", 0, None, None],  # μ 10: improbable_low, and a zero after a run of 10s
    ["09D01C01", "HOM-01", "2025-01", 30, None, None],  # 11 months filed: no band, no flag
    ["09D01C01", "HOM-01", "2025-02", 0, None, None],  # after 1,1,1,1,1,30: zero_after_run only
    ["17D06C11", "HOM-01", "2025-01", 2, None, None],  # μ 2: within
    ["17D06C11", "HOM-01", "2025-02", 0, None, None],  # μ 2, run of 2s: nothing
    ["09D08", "TAS-01", "2025-01", None, 8, 300_000],
    ["09D08", "TAS-01", "2025-02", None, 8, 300_000],  # 96 events a year: stable
    ["09D01", "TAS-01", "2025-01", None, 0, 200_000],
    ["09D01", "TAS-01", "2025-02", None, 1, 200_000],  # 1 × 12 / 2 = 6 a year: unstable, at its last month
    ["09D08", "PAT-01", "2025-01", None, 1200, 1000],  # a percentage over 100 %
    ["09D01", "PAT-01", "2025-01", None, 500, 1000],
]


def history(unit: str) -> list[float | None]:
    if unit == "09D08C04":
        return [3.0] * 24
    if unit == "09D08C06":
        return [10.0] * 24
    if unit == "09D01C01":
        return [None] * 13 + [1.0] * 11
    return [2.0] * 24


def expected_flags() -> set[tuple[str, str, str, str]]:
    """Worked out with scipy.stats, independently of the code under test."""
    assert poisson.sf(12 - 1, 3.0) < 0.001  # P(X ≥ 12 | 3)
    assert poisson.cdf(0, 10.0) < 0.001  # P(X ≤ 0 | 10)
    assert poisson.sf(2 - 1, 2.0) >= 0.001
    assert poisson.cdf(2, 2.0) >= 0.001
    assert poisson.cdf(0, 2.0) >= 0.001  # 17D06C11 in February: μ of 23 filed 2s
    assert (1 + 1 + 1 + 1 + 1 + 30) / 6 >= 3
    assert 1 * 12 / 2 < 10 <= 16 * 12 / 2
    return {
        ("09D08C04", "HOM-01", "2025-01", "improbable_high"),
        ("09D08C06", "HOM-01", "2025-01", "improbable_low"),
        ("09D08C06", "HOM-01", "2025-01", "zero_after_run"),
        ("09D01C01", "HOM-01", "2025-02", "zero_after_run"),
        ("09D01", "TAS-01", "2025-02", "unstable_rate"),
        ("09D08", "PAT-01", "2025-01", "share_over_one"),
    }


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = Store.open(tmp_path / "db.sqlite", create=True)
    load_small(s, figures=False)
    u, i = ids(s)
    rows = [
        ResultRow(i["HOM-01"], u[c], m, v)
        for c in ("09D08C04", "09D08C06", "09D01C01", "17D06C11")
        for m, v in zip(HISTORY, history(c), strict=True)
        if v is not None
    ]
    with s.transaction() as session:
        inst = s.institution(session, "PN")
        shape, _ = s.plans.shape(session, inst, 202412)
        s.figures.write_results(session, inst.id, rows, {d.indicator_id: d for d in shape.definitions})
    return s


def workbook(path: Path) -> Path:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(HEAD)
    for r in ROWS:
        ws.append(r)
    wb.save(path)
    return path


def found(out: dict[str, object]) -> set[tuple[str, str, str, str]]:
    flags = out["quality"]
    assert isinstance(flags, list)
    return {(f["unit"], f["indicator"], f["period"], f["flag"]) for f in flags}


def count_results(store: Store) -> int:
    with store.reading() as s:
        return int(s.scalar(select(func.count()).select_from(Result).where(Result.month >= 202501)) or 0)


@pytest.mark.parametrize("valid_rows_only", [False, True], ids=["column-path", "row-path"])
def test_each_flag_where_expected_and_everything_written(store: Store, tmp_path: Path, valid_rows_only: bool) -> None:
    out = import_figures(store, workbook(tmp_path / "f.xlsx"), "PN", valid_rows_only=valid_rows_only)
    assert found(out) == expected_flags()
    assert out["errors"] == []
    assert out["new"] == len(ROWS)
    assert count_results(store) == len(ROWS)  # flags never block


def test_detail_in_the_user_language(store: Store, tmp_path: Path) -> None:
    out = import_figures(store, workbook(tmp_path / "f.xlsx"), "PN", dry_run=True)
    high = next(f for f in out["quality"] if f["flag"] == "improbable_high")  # type: ignore[attr-defined]
    assert high["detail"] == "12 con un esperado de 3,0 (P < 0,001)"
    store.lang = "en"
    out = import_figures(store, workbook(tmp_path / "f.xlsx"), "PN", dry_run=True)
    high = next(f for f in out["quality"] if f["flag"] == "improbable_high")  # type: ignore[attr-defined]
    assert high["detail"] == "12 against an expected 3.0 (P < 0.001)"
    assert count_results(store) == 0  # dry runs


def test_preview_rows_carry_their_flags(store: Store, tmp_path: Path) -> None:
    out = import_figures(store, workbook(tmp_path / "f.xlsx"), "PN", dry_run=True, preview=True)
    marked = {
        (r["unit"], r["indicator"], r["period"], f["flag"])
        for r in out["preview"]  # type: ignore[attr-defined]
        for f in r.get("flags", [])
    }
    assert marked == expected_flags()


def test_history_is_what_was_stored_before_the_import(store: Store, tmp_path: Path) -> None:
    """Importing the same file again judges it against the same 24 months: the file's own earlier months
    are not history for improbable_* (09D01C01's 30 in January does not make February's band)."""
    path = workbook(tmp_path / "f.xlsx")
    import_figures(store, path, "PN")
    again = import_figures(store, path, "PN")
    assert again["unchanged"] == len(ROWS)
    assert found(again) == expected_flags()
    assert add_months(202501, -24) == HISTORY[0]
