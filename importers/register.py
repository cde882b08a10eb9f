"""Incident registers (spec/imports.md §3): one row per event → monthly counts per unit.

A register covers a range of months (from its first to its last event).  Importing it replaces, for the
indicator and those months, every reporting unit's figure: a unit-month with no event becomes 0, and every
changed figure is an audited revision.  Units the register names but the tree lacks are an error listing
them, unless ``add_missing_units`` creates them from the register's hierarchy columns.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select

from importers import editions, quality
from importers.workbook import Book, find_header, is_empty, normalise, read_book, text
from scorecard import police
from scorecard.domain import Kind
from scorecard.errors import Problem, UserError, ValidationFailed
from scorecard.figures import ResultRow, WriteReport
from scorecard.models import Edition, Indicator, RegisterEvent, table_of
from scorecard.periods import month_key, months_between
from scorecard.store import Store


@dataclass(frozen=True)
class RegisterMapping:
    name: str
    indicator: str
    date_column: str
    unit_column: str
    filter_column: str | None = None
    filter_values: tuple[str, ...] = ()  # empty: every row counts
    hierarchy: dict[str, str] = field(default_factory=dict)  # level → column, for add_missing_units
    # what tells one event from another when two registers are compared (scorecard.reconciliation.events)
    key_columns: tuple[str, ...] = ()
    source: str | None = None  # the source its figures are, where the import does not say


BUNDLED = {
    "mdi-homicidios": RegisterMapping(
        name="mdi-homicidios",
        indicator="HOM-01",
        date_column="fecha_infraccion",
        unit_column="codigo_subcircuito",
        filter_column="tipo_muerte",  # every kind of intentional death counts
        hierarchy={
            "zona": "zona",
            "subzona": "subzona",
            "distrito": "distrito",
            "circuito": "circuito",
            "subcircuito": "subcircuito",
        },
        key_columns=(
            "fecha_infraccion",
            "hora_infraccion",
            "codigo_subcircuito",
            "edad",
            "sexo",
            "coordenada_y",
            "coordenada_x",
        ),
    )
}


@dataclass
class RegisterExtract:
    counts: Counter[tuple[str, int]]
    first: int
    last: int
    rows_read: int
    skipped: int
    sheet: str
    hierarchy: list[police.HierarchyRow]
    problems: list[Problem]
    events: list[tuple[str, int, str, int]] = field(default_factory=list)  # (unit code, month, key, row)


def mapping(name: str) -> RegisterMapping:
    if name not in BUNDLED:
        raise UserError("import.mapping_unknown", value=name, candidates=list(BUNDLED))
    return BUNDLED[name]


def _month(value: Any) -> int | None:
    if isinstance(value, dt.datetime | dt.date):
        return month_key(value.year, value.month)
    raw = text(value)
    try:
        day = dt.date.fromisoformat(raw[:10])
    except ValueError:
        try:
            day = dt.datetime.strptime(raw[:10], "%d/%m/%Y").date()
        except ValueError:
            return None
    return month_key(day.year, day.month)


def extract(path: Path | Book, m: RegisterMapping) -> RegisterExtract:
    """Monthly counts per unit code; problems for missing columns and unreadable dates or codes."""
    book = path if isinstance(path, Book) else read_book(path)  # the command line's, when it detected the kind
    if book.problems:
        raise ValidationFailed(book.problems)
    sheets = book.sheets
    columns = {"date": [m.date_column], "unit": [m.unit_column]}
    if m.filter_column:
        columns["filter"] = [m.filter_column]
    columns.update({f"h:{lvl}": [col] for lvl, col in m.hierarchy.items()})
    columns.update({f"k:{k}": [k] for k in m.key_columns})
    found = next(
        ((n, rows, h) for n, rows in sheets.items() if (h := find_header(rows, columns, ["date", "unit"]))), None
    )
    if found is None:
        return RegisterExtract(
            Counter(),
            0,
            0,
            0,
            0,
            "",
            [],
            [Problem("column.missing", column=f"{m.date_column}, {m.unit_column}", found=", ".join(sheets))],
        )
    name, rows, header = found
    col = header.columns
    wanted = {normalise(v) for v in m.filter_values}
    counts: Counter[tuple[str, int]] = Counter()
    hierarchy: list[police.HierarchyRow] = []
    problems: list[Problem] = []
    events: list[tuple[str, int, str, int]] = []
    read = skipped = 0
    for r in range(header.row + 1, len(rows)):
        row = rows[r]
        cells = [row[c] if c < len(row) else None for c in range(max(col.values()) + 1)]
        if all(is_empty(c) for c in cells):
            continue
        read += 1
        n = r + 1
        if wanted and "filter" in col and normalise(cells[col["filter"]]) not in wanted:
            skipped += 1
            continue
        month = _month(cells[col["date"]])
        code = text(cells[col["unit"]]).upper()
        if month is None:
            problems.append(Problem("cell.date", sheet=name, row=n, column=m.date_column, value=cells[col["date"]]))
            continue
        if not code:
            problems.append(Problem("cell.required", sheet=name, row=n, column=m.unit_column))
            continue
        counts[(code, month)] += 1
        keys = [f"k:{k}" for k in m.key_columns if f"k:{k}" in col]
        if keys:
            events.append((code, month, "|".join(_key_text(cells[col[k]]) for k in keys)[:500], n))
        if all(f"h:{lvl}" in col for lvl in m.hierarchy):
            names = {lvl: text(cells[col[f"h:{lvl}"]]) for lvl in m.hierarchy}
            hierarchy.append(
                police.HierarchyRow(
                    names["zona"], names["subzona"], names["distrito"], names["circuito"], code, names["subcircuito"], n
                )
            )
    months = [mo for _c, mo in counts]
    return RegisterExtract(
        counts, min(months, default=0), max(months, default=0), read, skipped, name, hierarchy, problems, events
    )


def _key_text(value: Any) -> str:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return text(value)


def import_register(
    store: Store,
    path: Path | Book,
    institution: str,
    mapping_name: str | RegisterMapping,
    *,
    dry_run: bool = False,
    add_missing_units: bool = False,
    checkpoint: Callable[[str], None] | None = None,
    details: bool = False,
    source: str | None = None,
) -> dict[str, Any]:
    """Import a register: the JSON report of spec/cli.md's ``import``.  All or nothing.

    ``mapping_name`` may be a mapping the user edited (the app's import wizard); ``checkpoint(stage)`` is
    called after reading and again after writing, still inside the transaction, so raising from it
    cancels with nothing written; ``details`` adds the changed figures (``changes``: old and new).
    ``source``: the source the register is (default: the mapping's, else the indicator's official one);
    the edition keeps each event's key for comparing registers."""
    m = mapping_name if isinstance(mapping_name, RegisterMapping) else mapping(mapping_name)
    ex = extract(path, m)
    path = path.path if isinstance(path, Book) else Path(path)
    if checkpoint is not None:
        checkpoint("read")
    if ex.problems:
        raise ValidationFailed(ex.problems)
    if not ex.counts:
        raise UserError("import.empty", path=str(path))
    months = months_between(ex.first, ex.last)

    class DryRun(Exception):
        pass

    report: WriteReport | None = None
    flags: list[dict[str, Any]] = []
    created = 0
    code_used: str | None = None
    try:
        with store.transaction() as s:
            inst = store.institution(s, institution)
            if add_missing_units:
                created = _add_missing_units(store, s, institution, ex)
            indicator = s.scalar(
                select(Indicator).where(Indicator.institution_id == inst.id, Indicator.code == m.indicator)
            )
            if indicator is None:
                raise UserError("indicator.unknown", code=m.indicator, institution=inst.code, candidates=[])
            shape, _ = store.plans.shape(s, inst, ex.last)
            d = next(x for x in shape.definitions if x.indicator_id == indicator.id)
            if d.kind is not Kind.COUNT:
                raise UserError("import.register_kind", indicator=d.code, kind=d.kind.value)
            units = {u.code.upper(): u for u in store.units.list(institution, s) if u.level in d.levels}
            unknown = sorted({code for code, _m in ex.counts if code not in units})
            if unknown:
                raise ValidationFailed(
                    [
                        Problem(
                            "unit.unknown_in_register",
                            sheet=ex.sheet,
                            column=m.unit_column,
                            value=", ".join(unknown[:20]),
                            count=len(unknown),
                        )
                    ]
                )
            # every reporting unit gets a figure for every month covered: no event is a 0
            rows = [
                ResultRow(
                    indicator.id,
                    u.id,
                    mo,
                    float(ex.counts.get((code, mo), 0)),
                    source_file=path.name,
                    source_sheet=ex.sheet,
                )
                for code, u in sorted(units.items())
                for mo in months
            ]
            # flags against the history as stored before this write
            check = quality.QualityCheck(s, inst.id, {d.indicator_id: d}, (months[0], months[-1]), store.lang)
            check.add_rows(rows)
            flags = check.flags()
            code, official, others = editions.split(s, inst, source or m.source, rows)
            code_used = code or editions.official_sources(s, [d.indicator_id])[d.indicator_id]
            reason = f"registro {m.name} {months[0]}–{months[-1]}"
            span = (months[0], months[-1])
            if official:
                report = store.figures.write_results(
                    s,
                    inst.id,
                    rows,
                    {d.indicator_id: d},
                    batch_kind="register",
                    file=path.name,
                    source="import",
                    reason=reason,
                )
                edition: Edition | None = editions.record_official(
                    store, s, inst, report, [d.indicator_id], span, kind="register", file=path.name
                )[0]
            else:
                assert code is not None
                report = editions.write_others(
                    store,
                    s,
                    inst,
                    code,
                    others,
                    {d.indicator_id: d},
                    kind="register",
                    file=path.name,
                    months=span,
                    reason=f"{reason} ({code})",
                )
                edition = s.get(Edition, report.edition)
            _keep_events(s, edition, ex, {c: u.id for c, u in units.items()})
            if checkpoint is not None:
                checkpoint("written")
            if dry_run:
                raise DryRun
    except DryRun:
        pass
    assert report is not None
    out: dict[str, Any] = {
        "batch": None if dry_run else report.batch,
        "source": code_used,
        "edition": None if dry_run else report.edition,
        "rows_read": ex.rows_read,
        "new": report.new,
        "changed": report.changed,
        "unchanged": report.unchanged,
        "skipped": ex.skipped,
        "errors": [],
        "months": [months[0], months[-1]],
        "units_created": created,
        "dry_run": dry_run,
        "quality": flags,
    }
    if details:
        out["changes"] = report.changes
    return out


def _keep_events(s: Any, edition: Edition | None, ex: RegisterExtract, unit_ids: dict[str, int]) -> None:
    if edition is None or not ex.events:
        return
    s.execute(
        insert(table_of(RegisterEvent)),
        [
            {"edition_id": edition.id, "unit_id": unit_ids[c], "month": mo, "key": k, "row": n}
            for c, mo, k, n in ex.events
            if c in unit_ids
        ],
    )


def _add_missing_units(store: Store, session: Any, institution: str, ex: RegisterExtract) -> int:
    specs, issues = police.tree_from_hierarchy(ex.hierarchy)
    if issues:
        raise ValidationFailed([Problem("unit.register_hierarchy", sheet=ex.sheet, value=i) for i in issues[:20]])
    known = {u.code.upper() for u in store.units.list(institution, session)}
    missing = [u for u in specs if u.code.upper() not in known and u.parent is not None]
    if missing:
        store.units.load(institution, missing, session=session)
    return len(missing)


def identify(source: Path | Book) -> float:
    """0.95 when a sheet has the date and unit columns of a bundled mapping, else 0."""
    book = source if isinstance(source, Book) else read_book(source)
    for m in BUNDLED.values():
        cols = {"date": [m.date_column], "unit": [m.unit_column]}
        if any(find_header(rows, cols, ["date", "unit"]) for rows in book.sheets.values()):
            return 0.95
    return 0.0
