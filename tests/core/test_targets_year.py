"""A planning office's targets over its year: set at any level of the tree, frozen once a month is
approved, re-programmed from an open month on with a reason (issue 14).

The small tree of tests/builders.py: HOM-01 (a count, lower is better) is reported by the circuits; January
2025 has the circuits' results 6, 2, 4, 0 against targets 5, 3, 2, 1 (09D08C04, 09D08C06, 09D01C01,
17D06C11).  Every expected figure below is written out by hand from those.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select

from importers.figures_import import import_figures
from scorecard.errors import UserError, ValidationFailed
from scorecard.figures import TargetRow
from scorecard.models import AuditEntry, Target
from scorecard.reprogramming import reprogram
from scorecard.store import Store
from tests.builders import ids, load_small
from tests.libreoffice import convert
from tests.people import add_people, signed_in


@pytest.fixture
def url(db_url: str) -> str:
    store = Store.open(db_url, create=True)
    load_small(store)
    add_people(store)
    store.close()
    return db_url


def targets_sheet(path: Path, rows: list[tuple[str, str, str, object]]) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "metas"
    ws.append(["unidad", "indicador", "periodo", "meta"])
    for row in rows:
        ws.append(list(row))
    wb.save(path)
    return path


def figure(store: Store, unit: str, period: str = "2025-01") -> dict[str, object]:
    return store.scoring.value("PN", "HOM-01", unit, period)


def stored_targets(store: Store, unit: str, year: int = 2025) -> dict[int, float]:
    u, i = ids(store)
    with store.reading() as s:
        return {
            m: v
            for m, v in s.execute(
                select(Target.month, Target.value).where(
                    Target.unit_id == u[unit], Target.indicator_id == i["HOM-01"], Target.month // 100 == year
                )
            )
        }


@pytest.mark.parametrize("writer", ["openpyxl", "libreoffice"])
def test_zone_and_district_targets_of_a_circuit_indicator(url: str, tmp_path: Path, writer: str) -> None:
    planif = signed_in(url, "planif")
    sheet = targets_sheet(tmp_path / "metas.xlsx", [("Z8", "HOM-01", "2025-01", 9), ("09d01", "hom-01", "ene-2025", 3)])
    if writer == "libreoffice":
        sheet = convert(sheet, "xlsx", tmp_path / "lo")
    out = import_figures(planif, sheet, "PN")
    assert (out["errors"], out["targets"], out["new"]) == ([], True, 2)
    # a parent's own target wins over its children's; where a parent has none, its children's add up
    assert figure(planif, "09D01")["target"] == 3  # own, over its circuit's 2
    assert figure(planif, "09D08")["target"] == 5 + 3  # none of its own
    assert figure(planif, "Z8")["target"] == 9  # own, over 8 + 3 = 11
    assert figure(planif, "Z9")["target"] == 1
    assert figure(planif, "PN")["target"] == 9 + 1  # the zones' targets as they stand
    z8 = figure(planif, "Z8")
    assert z8["value"] == 6 + 2 + 4 and z8["performance"] == pytest.approx(9 / 12) and z8["status"] == "yellow"


def test_the_targets_grid_path_and_the_core_agree_at_any_level(url: str) -> None:
    planif = signed_in(url, "planif")
    u, i = ids(planif)
    with planif.transaction() as s:
        report = planif.figures.write_targets(s, 1, [TargetRow(i["HOM-01"], u["Z9"], 202501, 4)], reason="zona")
    assert report.new == 1
    assert figure(planif, "Z9")["target"] == 4 and figure(planif, "PN")["target"] == (5 + 3 + 2) + 4


def approve_january_of_09d08(url: str) -> Store:
    jefe, planif = signed_in(url, "jefe_09d08"), signed_in(url, "planif")
    for code in ("HOM-01", "RES-01"):
        jefe.workflow.justify("PN", "09D08C04", code, "2025-01", "Causa", "Acción")
    jefe.workflow.submit("PN", "09D08", "2025-01")
    planif.workflow.approve("PN", "09D08", "2025-01")
    return planif


def test_targets_of_an_approved_month_are_frozen(url: str, tmp_path: Path) -> None:
    planif = approve_january_of_09d08(url)
    u, i = ids(planif)
    # the core refuses a revision, naming the unit, the indicator and the month
    with pytest.raises(ValidationFailed) as exc, planif.transaction() as s:
        planif.figures.write_targets(s, 1, [TargetRow(i["HOM-01"], u["09D08C04"], 202501, 7)], reason="otra")
    assert [p.message_id for p in exc.value.problems] == ["target.frozen"]
    words = exc.value.text("es")
    assert "09D08C04" in words and "HOM-01" in words and "2025-01" in words and "congelada" in words
    # an unchanged figure is no revision: the same file again goes through
    with planif.transaction() as s:
        same = planif.figures.write_targets(s, 1, [TargetRow(i["HOM-01"], u["09D08C04"], 202501, 5)])
    assert (same.unchanged, same.changed) == (1, 0)
    # an import that would revise one is refused whole, saying where in the file
    sheet = targets_sheet(
        tmp_path / "metas.xlsx",
        [("17D06C11", "HOM-01", "2025-01", 2), ("09D08C06", "HOM-01", "2025-01", 4), ("09D08", "HOM-01", "2025-02", 8)],
    )
    out_error = None
    try:
        import_figures(planif, sheet, "PN")
    except ValidationFailed as failed:
        out_error = failed
    assert out_error is not None
    assert [(p.sheet, p.row, p.column, p.value) for p in out_error.problems] == [("metas", 3, "meta", 4)]
    assert stored_targets(planif, "17D06C11") == {202501: 1}  # nothing written, not even the open month
    assert stored_targets(planif, "09D08") == {}
    # outside the approved subtree, and in an open month, targets still move
    with planif.transaction() as s:
        moved = planif.figures.write_targets(s, 1, [TargetRow(i["HOM-01"], u["17D06C11"], 202501, 2)], reason="r")
    assert moved.changed == 1


def test_a_reprogramming_keeps_the_closed_months_and_spreads_the_rest(url: str) -> None:
    planif = approve_january_of_09d08(url)
    with pytest.raises(UserError) as exc:
        reprogram(planif, "PN", "HOM-01", ["09D08C04"], "2025-01", annual=60, reason="Plan de seguridad")
    assert exc.value.message_id == "reprogram.start_frozen"
    with pytest.raises(UserError) as exc:
        reprogram(planif, "PN", "HOM-01", ["09D08C04"], "2025-02", annual=60, reason="  ")
    assert exc.value.message_id == "reprogram.reason"
    with pytest.raises(UserError) as exc:
        reprogram(planif, "PN", "HOM-01", ["09D08C04"], "2025-02", annual=4, reason="menos")
    assert exc.value.message_id == "reprogram.below_kept"  # January alone already holds 5
    dry = reprogram(planif, "PN", "HOM-01", ["09D08C04", "09D08C06"], "2025-02", annual=60, reason="r", dry_run=True)
    assert dry.batch is None and len(dry.rows) == 2 * 11 and stored_targets(planif, "09D08C04") == {202501: 5}

    done = reprogram(planif, "PN", "HOM-01", ["09D08C04", "09D08C06"], "2025-02", annual=60, reason="Plan 2025-II")
    assert (done.new, done.changed) == (22, 0)
    # 09D08C04 keeps January's 5: (60 - 5) / 11 = 5 a month; 09D08C06 keeps 3: (60 - 3) / 11
    c04, c06 = stored_targets(planif, "09D08C04"), stored_targets(planif, "09D08C06")
    assert c04[202501] == 5 and all(c04[202500 + m] == pytest.approx(55 / 11) for m in range(2, 13))
    assert c06[202501] == 3 and all(c06[202500 + m] == pytest.approx(57 / 11) for m in range(2, 13))
    assert sum(c04.values()) == pytest.approx(60) and sum(c06.values()) == pytest.approx(60)
    # a second re-programming revises what the first set, each revision audited with its reason
    again = reprogram(planif, "PN", "HOM-01", ["09D08C04"], "2025-07", monthly=3, reason="Ajuste de julio")
    assert (again.new, again.changed) == (0, 6)
    c04 = stored_targets(planif, "09D08C04")
    assert [c04[202500 + m] for m in range(7, 13)] == [3.0] * 6
    with planif.reading() as s:
        reasons = set(
            s.scalars(select(AuditEntry.reason).where(AuditEntry.entity == "target", AuditEntry.month >= 202507))
        )
    assert "Ajuste de julio" in reasons


def test_a_reprogramming_of_a_level_keeps_the_annual_figure_each_month(url: str) -> None:
    planif = signed_in(url, "planif")
    done = reprogram(planif, "PN", "BRI-01", ["09D08"], "2025-10", annual=14, reason="Brigadas nuevas")
    assert [r["new"] for r in done.rows] == [14.0, 14.0, 14.0]  # a stock: the level itself, not 14 / 3
    with pytest.raises(UserError) as exc:
        reprogram(signed_in(url, "jefe_09d08"), "PN", "HOM-01", ["09D08C04"], "2025-03", monthly=1, reason="r")
    assert exc.value.message_id.startswith("access.")


def test_a_parent_s_reprogramming_keeps_what_its_children_set_for_the_months_before(url: str) -> None:
    planif = signed_in(url, "planif")
    # 09D08 has no target of its own: January's is its circuits' 5 + 3 = 8, so 30 leaves 22 for 11 months
    done = reprogram(planif, "PN", "HOM-01", ["09d08"], "2025-02", annual=30, reason="Distrito")
    assert [r["new"] for r in done.rows] == pytest.approx([(30 - (5 + 3)) / 11] * 11)
    assert planif.scoring.value("PN", "HOM-01", "09D08", "2025", ytd=False)["target"] == pytest.approx(30)
