"""The column-at-a-time lane for clean long tables of results (importers/long_columns.py and
scorecard/result_columns.py) against the row-by-row path it stands in for: the same figures stored, the
same report, the same audit, the same refusals; both of its ways of inserting (direct and staged)."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from importers.figures_import import import_figures
from importers.progress import Cancelled, Progress
from scorecard import result_columns
from scorecard.errors import UserError, ValidationFailed
from scorecard.models import AuditEntry, Batch, Indicator, Result, Unit
from scorecard.periods import Period
from scorecard.store import Store
from tests.builders import load_small
from tests.importers.test_long_table import table as long_table

HEAD = ["unidad", "indicador", "periodo", "valor", "numerador", "denominador", "casos", "comentario"]
FIELDS = ("value", "numerator", "denominator", "observations", "comment", "source", "source_file", "source_sheet")


def filed_months(months: list[int]) -> list[list[object]]:
    """The small plan's figures of several months, as a long table's rows (every kind: counts, stocks,
    averages with their cases, ratios with their parts), from a database that filed them through the core;
    every fifth row carries a comment."""
    with tempfile.TemporaryDirectory() as folder:
        source = Store.open(Path(folder) / "source.sqlite", create=True)
        load_small(source, figures=False)
        from tests.builders import file_month

        for m in months:
            file_month(source, m)
        with source.reading() as s:
            rows = s.execute(
                select(Unit.code, Indicator.code, Result.month, Result.value, Result.numerator, Result.denominator,
                       Result.observations)
                .join(Unit, Unit.id == Result.unit_id)
                .join(Indicator, Indicator.id == Result.indicator_id)
                .order_by(Result.month, Unit.code, Indicator.code)
            ).all()  # fmt: skip
        source.close()
    out: list[list[object]] = []
    for k, (unit, ind, month, value, num, den, obs) in enumerate(rows):
        ratio = num is not None  # a ratio is written as its parts
        out.append([unit, ind, Period.of_month(month).code, None if ratio else value, num, den, obs,
                    "revisado" if k % 5 == 0 else None])  # fmt: skip
    return out


def table(path: Path, rows: list[list[object]]) -> Path:
    return long_table(path, rows, head=HEAD, title=False)


def fresh(url: str) -> Store:
    store = Store.open(url, create=True)
    load_small(store, figures=False)
    return store


def stored_rows(store: Store) -> list[tuple[Any, ...]]:
    with store.reading() as s:
        return sorted(
            s.execute(
                select(
                    Unit.code,
                    Indicator.code,
                    Result.month,
                    Result.source_row,
                    Result.version,
                    *(getattr(Result, f) for f in FIELDS),
                )
                .join(Unit, Unit.id == Result.unit_id)
                .join(Indicator, Indicator.id == Result.indicator_id)
            ).all()
        )


def count(store: Store, model: type) -> int:
    with store.reading() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


def steps_of(store: Store, path: Path, **kw: Any) -> tuple[dict[str, Any], set[str]]:
    seen: set[str] = set()
    out = import_figures(store, path, "PN", progress=Progress(lambda step, _d, _t: seen.add(step)), **kw)
    return out, seen


@pytest.fixture(params=["direct", "staged"])
def way(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Few new values are inserted directly; many are staged by a second thread: both, on small files."""
    if request.param == "staged":
        monkeypatch.setattr(result_columns, "SMALL", 0)
    return str(request.param)


@pytest.mark.parametrize("comments", [True, False], ids=["comment column", "no comment column"])
def test_the_lane_stores_what_the_row_path_stores(way: str, comments: bool, tmp_path: Path) -> None:
    rows = filed_months([202501, 202502, 202503])
    if comments:
        path = table(tmp_path / "tres_meses.xlsx", rows)
    else:  # the lane then stages no comment column at all
        path = long_table(tmp_path / "tres_meses.xlsx", [r[:-1] for r in rows], head=HEAD[:-1], title=False)
    fast, slow = fresh(str(tmp_path / "fast.sqlite")), fresh(str(tmp_path / "slow.sqlite"))
    out_fast, fast_steps = steps_of(fast, path)
    out_slow, slow_steps = steps_of(slow, path, valid_rows_only=True)  # valid_rows_only: the row path
    assert "parse" not in fast_steps and "parse" in slow_steps, "each import went its own way"
    keys = ("rows_read", "new", "changed", "unchanged", "skipped", "errors", "kind", "targets", "written")
    assert {k: out_fast[k] for k in keys} == {k: out_slow[k] for k in keys}
    assert out_fast["new"] == len(rows) == 48
    assert stored_rows(fast) == stored_rows(slow)
    ratio = next(r for r in stored_rows(fast) if r[1] == "TAS-01" and r[0] == "09D08" and r[2] == 202502)
    assert ratio[5] == 8 / 300_000 * 100_000 and ratio[6:8] == (8, 300_000), "a ratio is stored from its parts"
    filed = select(AuditEntry.action, AuditEntry.entity, AuditEntry.new).where(AuditEntry.batch_id.is_not(None))
    with fast.reading() as s:
        entries = s.execute(filed).all()
    with slow.reading() as s:
        assert entries == s.execute(filed).all()
    assert [(a, e) for a, e, _n in entries] == [("file", "batch")] and entries[0][2]["new_values"] == 48
    assert not list(Path(tempfile.gettempdir()).glob("gpr-stage-*")), "staging files are gone"
    fast.close()
    slow.close()


def test_reimport_writes_nothing_and_a_revision_is_audited(db_url: str, way: str, tmp_path: Path) -> None:
    store = fresh(db_url)
    rows = filed_months([202501, 202502])
    first = import_figures(store, table(tmp_path / "a.xlsx", rows), "PN")
    audit, batches = count(store, AuditEntry), count(store, Batch)
    again = import_figures(store, table(tmp_path / "a.xlsx", rows), "PN")
    assert (again["new"], again["changed"], again["unchanged"], again["batch"]) == (0, 0, 32, None)
    assert (count(store, AuditEntry), count(store, Batch)) == (audit, batches), "no audit noise"
    revised = [list(r) for r in rows]
    hom = next(r for r in revised if r[:3] == ["09D08C04", "HOM-01", "2025-02"])
    tas = next(r for r in revised if r[:3] == ["09D08", "TAS-01", "2025-02"])
    hom[3], tas[4] = 7, 9  # a count and a ratio's numerator change
    revised.append(["09D08C04", "HOM-01", "2025-03", 1, None, None, None, None])  # and a new month
    third = import_figures(store, table(tmp_path / "b.xlsx", revised), "PN")
    assert (third["new"], third["changed"], third["unchanged"]) == (1, 2, 30) and third["batch"] != first["batch"]
    with store.reading() as s:
        rev = s.execute(
            select(AuditEntry.old, AuditEntry.new, AuditEntry.batch_id).where(AuditEntry.action == "revise")
        ).all()
    changes = sorted((o["value"], n["value"], b) for o, n, b in rev)
    assert changes == sorted([(6, 7, third["batch"]), (8 / 300_000 * 100_000, 9 / 300_000 * 100_000, third["batch"])])
    versions = {(r[0], r[1], r[2]): r[4] for r in stored_rows(store)}
    assert versions[("09D08C04", "HOM-01", 202502)] == 2 and versions[("09D08C04", "HOM-01", 202501)] == 1
    store.close()


BROKEN = {
    "a negative count": (lambda r: r[1] == "HOM-01", 3, -2, "valor", -2),
    "a district's indicator at a circuit": (lambda r: r[1] == "BRI-01", 0, "09D08C04", "valor", 5),
    "a ratio's denominator of 0": (lambda r: r[1] == "TAS-01", 5, 0, "valor", 0),
}


@pytest.mark.parametrize("case", list(BROKEN))
def test_a_broken_rule_is_worded_as_the_row_path_words_it(case: str, way: str, tmp_path: Path) -> None:
    which, column, written, label, value = BROKEN[case]
    bad = [list(r) for r in filed_months([202501])]
    next(r for r in bad if which(r))[column] = written  # cells as a machine writes them: the lane takes them
    bad.append(["Z8", "ESC-01", "2025-01", 3, None, None, None, None])  # and a quarterly count in January
    fast, slow = fresh(str(tmp_path / "fast.sqlite")), fresh(str(tmp_path / "slow.sqlite"))
    path = table(tmp_path / "mal.xlsx", bad)
    with pytest.raises(ValidationFailed) as lane:
        import_figures(fast, path, "PN")
    with pytest.raises(ValidationFailed) as row_path:
        import_figures(slow, path, "PN", decimal_mark=",")  # a stated decimal mark: the row path
    assert [p.as_json("es") for p in lane.value.problems] == [p.as_json("es") for p in row_path.value.problems]
    problems = sorted(lane.value.problems, key=lambda p: p.row or 0)
    assert [p.message_id for p in problems][-1] == "value.not_due"
    assert (problems[0].sheet, problems[0].column, problems[0].value) == ("datos", label, value)
    assert count(fast, Result) == 0 and count(fast, Batch) == 0


def test_a_late_part_the_lane_cannot_take_sends_the_whole_file_down_the_row_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The lane makes and inserts a file a part at a time; text in a number cell of the last part is found
    after the first parts went in: they are rolled back and the row path imports the whole file."""
    monkeypatch.setattr(result_columns, "SMALL", 0)  # staged, in eight parts
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    rows = filed_months([202501, 202502])
    last = max(k for k, r in enumerate(rows) if r[3] is not None)
    rows[last][3] = str(int(rows[last][3]))  # '7' as text: the row path parses it, the lane does not
    path = table(tmp_path / "texto.xlsx", rows)
    fast, slow = fresh(str(tmp_path / "fast.sqlite")), fresh(str(tmp_path / "slow.sqlite"))
    out_fast, fast_steps = steps_of(fast, path)
    out_slow, _ = steps_of(slow, path, valid_rows_only=True)
    assert {"write", "parse"} <= fast_steps, "the lane wrote parts before it gave the file to the row path"
    assert (out_fast["new"], out_fast["errors"]) == (out_slow["new"], []) == (32, [])
    assert stored_rows(fast) == stored_rows(slow)
    assert count(fast, Batch) == 1 and count(fast, Result) == 32, "nothing of the lane's parts is left"
    assert not list(tmp_path.glob("gpr-stage-*"))
    fast.close()
    slow.close()


def test_a_key_repeated_in_two_parts_is_worded_by_the_row_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(result_columns, "SMALL", 0)
    rows = filed_months([202501])
    again = next(list(r) for r in rows if r[1] == "HOM-01")
    again[3] = again[3] + 1  # the first part's key again, in the last part, with another value
    path = table(tmp_path / "repetida.xlsx", [*rows, again])
    fast, slow = fresh(str(tmp_path / "fast.sqlite")), fresh(str(tmp_path / "slow.sqlite"))
    with pytest.raises(ValidationFailed) as lane:
        import_figures(fast, path, "PN")
    with pytest.raises(ValidationFailed) as row_path:
        import_figures(slow, path, "PN", decimal_mark=",")
    assert [p.as_json("es") for p in lane.value.problems] == [p.as_json("es") for p in row_path.value.problems]
    assert lane.value.problems and count(fast, Result) == 0 and count(fast, Batch) == 0
    fast.close()
    slow.close()


def test_cancel_while_staging_leaves_nothing_and_the_next_import_works(
    way: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # staging files land where the test can see
    store = fresh(str(tmp_path / "db.sqlite"))
    path = table(tmp_path / "a.xlsx", filed_months([202501, 202502]))

    def cancel_in_write(step: str, done: int, _total: int) -> None:
        if step == "write" and done > 0:
            progress.cancel()

    progress = Progress(cancel_in_write)
    audit = count(store, AuditEntry)
    with pytest.raises(Cancelled):
        import_figures(store, path, "PN", progress=progress)
    assert count(store, Result) == 0 and count(store, Batch) == 0 and count(store, AuditEntry) == audit
    assert not list(tmp_path.glob("gpr-stage-*"))
    out = import_figures(store, path, "PN")  # the connection holds no staging database any more
    assert out["new"] == 32 and count(store, Result) == 32
    store.close()


def test_dry_run_through_the_lane_writes_nothing(way: str, tmp_path: Path) -> None:
    store = fresh(str(tmp_path / "db.sqlite"))
    path = table(tmp_path / "a.xlsx", filed_months([202501]))
    audit = count(store, AuditEntry)
    dry = import_figures(store, path, "PN", dry_run=True)
    assert (dry["new"], dry["batch"], dry["written"]) == (16, None, 0) and count(store, Result) == 0
    assert count(store, AuditEntry) == audit and count(store, Batch) == 0
    store.close()


def test_the_lane_refuses_outside_a_commanders_scope(tmp_path: Path) -> None:
    store = fresh(str(tmp_path / "db.sqlite"))
    store.users.add("jefe.09d01", role="commander", institution="PN", scope="09D01", password="clave-segura-1")
    path = table(tmp_path / "a.xlsx", filed_months([202501]))
    commander = Store.open(str(tmp_path / "db.sqlite"), user="jefe.09d01")
    with pytest.raises(UserError) as exc:
        import_figures(commander, path, "PN")
    assert exc.value.message_id == "access.scope" and count(store, Result) == 0
    commander.close()
    store.close()


def test_no_staging_database_stays_attached(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(result_columns, "SMALL", 0)
    store = fresh(str(tmp_path / "db.sqlite"))
    import_figures(store, table(tmp_path / "a.xlsx", filed_months([202501])), "PN")
    with store.reading() as s:
        names = [r[1] for r in s.connection().exec_driver_sql("PRAGMA database_list")]
    assert not [n for n in names if n.startswith("gpr_stage")], names
    store.close()


def test_the_lanes_preview_is_the_row_paths(tmp_path: Path) -> None:

    store = fresh(str(tmp_path / "db.sqlite"))
    rows = filed_months([202501])
    import_figures(store, table(tmp_path / "a.xlsx", rows), "PN")
    revised = [list(r) for r in rows]
    next(r for r in revised if r[1] == "HOM-01")[3] = 11  # one changed, the others unchanged
    revised.append(["09D08C04", "HOM-01", "2025-02", 1, None, None, None, None])  # one new
    path = table(tmp_path / "b.xlsx", revised)
    seen: set[str] = set()
    lane = import_figures(store, path, "PN", dry_run=True, preview=True,
                          progress=Progress(lambda step, _d, _t: seen.add(step)))["preview"]  # fmt: skip
    row_path = import_figures(store, path, "PN", dry_run=True, preview=True, decimal_mark=",")["preview"]
    assert "parse" not in seen
    as_set = lambda rows: sorted(tuple(sorted(r.items())) for r in rows)  # noqa: E731
    assert as_set(lane) == as_set(row_path)
    states = sorted(r["state"] for r in lane)
    assert states.count("new") == 1 and states.count("changed") == 1 and states.count("unchanged") == 15
    store.close()


def edition_log(path: Path) -> dict[int, set[tuple[Any, ...]]]:
    """Edition → its logged (unit code, indicator code, month, value, numerator, denominator, cases), read
    with sqlite3."""
    import sqlite3

    with sqlite3.connect(path) as conn:
        rows = conn.execute(
            "SELECT e.edition_id, u.code, i.code, e.month, e.value, e.numerator, e.denominator, e.observations"
            " FROM edition_values e JOIN units u ON u.id = e.unit_id JOIN indicators i ON i.id = e.indicator_id"
        ).fetchall()
    out: dict[int, set[tuple[Any, ...]]] = {}
    for edition, *cell in rows:
        out.setdefault(edition, set()).add(tuple(cell))
    return out


@pytest.mark.parametrize("typed", [True, False], ids=["figures typed before", "nothing before"])
@pytest.mark.parametrize("lane", ["direct", "staged", "row path"])
def test_an_edition_logs_what_it_covers_then_what_it_changed_whichever_way_it_is_written(
    lane: str, typed: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A source's first edition logs every figure it covers — those typed before it, unchanged or changed
    by it, and the new — and a later edition only what it changed or added; the staged lane logs its new
    values as it inserts them and must log exactly what the others do."""
    from tests.builders import file_month

    if lane == "staged":
        monkeypatch.setattr(result_columns, "SMALL", 0)
    db = tmp_path / "e.sqlite"
    store = fresh(str(db))
    if typed:
        file_month(store, 202501)  # typed: no edition
    rows = [[*r[:7], None] for r in filed_months([202501, 202502])]  # no comments: only figures differ
    hom = next(r for r in rows if r[:3] == ["09D08C04", "HOM-01", "2025-01"])
    hom[3] = 9  # a typed figure the file changes (6 → 9)
    row_path = {"valid_rows_only": True} if lane == "row path" else {}
    first = import_figures(store, table(tmp_path / "a.xlsx", rows), "PN", **row_path)
    assert (first["new"], first["changed"], first["unchanged"]) == ((16, 1, 15) if typed else (32, 0, 0))
    revised = [list(r) for r in rows]
    bri = next(r for r in revised if r[:3] == ["09D01", "BRI-01", "2025-02"])
    bri[3] = 50
    revised.append(["09D08C04", "HOM-01", "2025-03", 1, None, None, None, None])
    second = import_figures(store, table(tmp_path / "b.xlsx", revised), "PN", **row_path)
    assert (second["new"], second["changed"], second["unchanged"]) == (1, 1, 31)
    store.close()

    def cell(r: list[Any]) -> tuple[Any, ...]:
        """A row of the file as logged: the ratios' value from its parts, an average's cases, no comment."""
        unit, ind, period, value, num, den, cases = r[:7]
        month = int(period.replace("-", ""))
        if num not in (None, ""):
            return (unit, ind, month, num / den * 100_000 if ind == "TAS-01" else num / den * 100, num, den, None)
        return (unit, ind, month, float(value), None, None, float(cases) if cases not in (None, "") else None)

    log = edition_log(db)
    assert sorted(log) == [first["edition"], second["edition"]]
    assert log[first["edition"]] == {cell(r) for r in rows}, "the first edition: every figure it covers"
    assert log[second["edition"]] == {cell(bri), cell(revised[-1])}, "a later one: what it changed or added"
