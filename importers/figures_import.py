"""``scorecard import`` of templates and long tables: read, resolve, check everything, then write all or
nothing (or only the valid rows when asked), in one transaction.  The JSON report of spec/cli.md."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from importers import apply, editions, kinds, long_columns, long_table, quality, template, wide_sheet
from importers.figures_file import Extract
from importers.progress import Progress
from importers.workbook import Book, read_book, release
from scorecard.collector import no_cycle_collection
from scorecard.errors import Problem, UserError, ValidationFailed
from scorecard.figures import WriteReport
from scorecard.result_columns import RepeatedKey
from scorecard.store import Store
from scorecard.stored_results import preview_columns

MAX_LISTED = 1000  # problems and no-value notes listed in a report; counts are always complete


class _Rollback(Exception):
    pass


def read(path: Path, kind: str | None, *, decimal_mark: str | None, progress: Progress) -> tuple[str, Extract]:
    """The file checked, read and extracted by its format (detected when ``kind`` is None)."""
    kind, book = read_kind(path, kind, progress)
    return kind, extract(book, kind, decimal_mark=decimal_mark, progress=progress)


def read_kind(path: Path | Book, kind: str | None, progress: Progress) -> tuple[str, Book]:
    """The file checked and read, and its format (detected when ``kind`` is None); a book already read
    (the command line's, when it detected the kind) is not read and scanned again."""
    progress.step("check")
    book: Book = path if isinstance(path, Book) else read_book(path)
    progress.step("read")
    kind = kind or kinds.detect(book)
    if kind in kinds.OWN_COMMAND:
        raise UserError("import.wrong_kind", path=book.path.name, value=kind, command=kinds.OWN_COMMAND[kind])
    if kind not in ("template", "long", "wide"):
        raise UserError("import.kind_unsupported", value=kind)
    return kind, book


def extract(
    book: Book, kind: str, *, decimal_mark: str | None, progress: Progress, given: wide_sheet.Given | None = None
) -> Extract:
    if kind == "template":
        return template.extract(book, decimal_mark=decimal_mark, progress=progress)[0]
    if kind == "wide":
        return wide_sheet.extract(book, given or wide_sheet.Given(decimal_mark=decimal_mark), progress=progress)
    return long_table.extract(book, decimal_mark=decimal_mark, progress=progress)[0]


@dataclass(frozen=True)
class About:
    """What the user says a wide sheet is about where the sheet does not: its unit, its indicator, and a
    mapping of month-column categories to indicators (with its name, for messages)."""

    unit: str | None = None
    indicator: str | None = None
    mapping: dict[str, str] | None = None
    mapping_name: str = ""

    @property
    def name(self) -> str:  # what an import report calls the mapping used
        return self.mapping_name


def wide_given(store: Store, institution: str | None, about: About, decimal_mark: str | None) -> wide_sheet.Given:
    """The wide extractor's knowledge of the institution: its indicator codes and their kinds (the plan in
    force this month, else none), with what the user said."""
    if not institution:
        raise UserError("institution.missing")
    import datetime as dt

    from scorecard.periods import month_of

    with store.reading() as s:
        inst = store.institution(s, institution)
        try:
            shape, _ = store.plans.shape(s, inst, month_of(dt.date.today()))
            kinds = {d.code.upper(): d.kind for d in shape.definitions}
        except UserError:
            kinds = {}
        from sqlalchemy import select

        from scorecard.models import Indicator

        codes = list(s.scalars(select(Indicator.code).where(Indicator.institution_id == inst.id)))
        code = inst.code
    return wide_sheet.Given(
        unit=about.unit, indicator=about.indicator, mapping=about.mapping, mapping_name=about.mapping_name,
        codes=codes, kinds=kinds, decimal_mark=decimal_mark, institution=code,
    )  # fmt: skip


def import_figures(
    store: Store,
    path: Path | Book,
    institution: str | None,
    *,
    kind: str | None = None,
    dry_run: bool = False,
    valid_rows_only: bool = False,
    decimal_mark: str | None = None,
    progress: Progress | None = None,
    preview: bool = False,
    about: About | None = None,
    source: str | None = None,
) -> dict[str, Any]:
    """Import ``path`` (or a book already read from it); with ``dry_run`` the same report, nothing written.
    ``preview`` adds every figure with its state (new / changed / unchanged) under ``"preview"``.  ``about``:
    what a wide sheet is about where it does not say (its unit, its indicator, a mapping of its categories)."""
    with no_cycle_collection():
        return _import_figures(
            store, path, institution, kind=kind, dry_run=dry_run, valid_rows_only=valid_rows_only,
            decimal_mark=decimal_mark, progress=progress, preview=preview, about=about or About(), source=source,
        )  # fmt: skip


def _import_figures(
    store: Store,
    path: Path | Book,
    institution: str | None,
    *,
    kind: str | None,
    dry_run: bool,
    valid_rows_only: bool,
    decimal_mark: str | None,
    progress: Progress | None,
    preview: bool,
    about: About,
    source: str | None,
) -> dict[str, Any]:
    progress = progress or Progress()
    kind, book = read_kind(path if isinstance(path, Book) else Path(path), kind, progress)
    file = book.path.name
    if kind == "long" and not valid_rows_only and decimal_mark is None:
        fast = _import_columns(
            store, book, institution, dry_run=dry_run, preview=preview, progress=progress, source=source
        )
        if fast is not None:
            release(book)
            return fast
    given = wide_given(store, institution, about, decimal_mark) if kind == "wide" else None
    ex = extract(book, kind, decimal_mark=decimal_mark, progress=progress, given=given)
    release(book)
    problems: list[Problem] = list(ex.problems)
    report = WriteReport()
    rows: list[dict[str, Any]] = []
    flags: list[dict[str, Any]] = []
    skipped = 0
    try:
        with store.transaction() as s:
            inst = apply.institution_of(store, s, institution, ex)
            progress.step("resolve", 0, len(ex.figures))
            res = apply.resolve(store, s, inst, ex, file)
            if ex.kind == "wide":  # its values sit in month columns: the core's problems are placed there
                ex.places = _month_columns(ex)
            ex.figures = []  # resolved into rows: a national file's figures as written would only hold memory
            problems += _unique(res.problems)  # a wide row's unknown unit is one problem, not twelve
            progress.step("validate", 0, len(res.results))
            if valid_rows_only:  # the core's rules first, to set the bad rows aside
                core = apply.core_problems(res, s, inst)
                apply.drop_bad(res, core)
                problems += _placed(core, ex)
            elif problems:  # every problem in one report: the core's rules too
                raise ValidationFailed(problems + _placed(apply.core_problems(res, s, inst), ex))
            skipped = res.skipped
            flags = _flags_of_rows(store, s, inst.id, res)  # against the history as stored before the write
            if preview:
                rows = apply.preview_rows(s, res)
                quality.mark_preview(rows, flags)
            try:  # else the core checks its rules once, as it writes
                report = apply.write(store, s, inst, res, file, progress=progress, source=source)
            except ValidationFailed as exc:
                raise ValidationFailed(problems + _placed(exc.problems, ex)) from None
            progress.step("write", report.rows, report.rows)  # a last chance to cancel: it rolls back
            if dry_run:
                raise _Rollback
    except _Rollback:
        report.batch = None
    progress.step("done", report.rows, report.rows)
    out: dict[str, Any] = {
        "batch": report.batch,
        "rows_read": ex.rows_read,
        "new": report.new,
        "changed": report.changed,
        "unchanged": report.unchanged,
        "skipped": skipped + len(ex.no_value) + len(ex.totals) + (len(problems) if valid_rows_only else 0),
        "errors": [p.as_json(store.lang) for p in problems[:MAX_LISTED]],
        "kind": kind,
        "targets": ex.targets,
        "no_value": [p.as_json(store.lang) for p in ex.no_value[:MAX_LISTED]],
        "dry_run": dry_run,
        "written": 0 if dry_run else report.new + report.changed,
        "source": source,  # None: each indicator's official source
        "edition": None if dry_run else report.edition,
        "quality": flags,
    }
    if preview:
        out["preview"] = rows
    return out


def _flags_of_rows(store: Store, s: Any, institution_id: int, res: apply.Resolved) -> list[dict[str, Any]]:
    if res.targets or not res.results:
        return []
    months = [r.month for r in res.results]
    check = quality.QualityCheck(
        s,
        institution_id,
        res.definitions,
        (min(months), max(months)),
        store.lang,
        units=[r.unit_id for r in res.results],
    )
    check.add_rows(res.results)
    return check.flags()


def _import_columns(
    store: Store, book: Book, institution: str | None, *, dry_run: bool, preview: bool, progress: Progress,
    source: str | None = None,
) -> dict[str, Any] | None:  # fmt: skip
    """A clean long table of results, a column at a time (:mod:`long_columns`); None when the file needs
    the row-by-row path (which then words every problem)."""
    file = book.path.name
    report = WriteReport()
    rows: list[dict[str, Any]] = []
    flags: list[dict[str, Any]] = []
    try:
        with store.transaction() as s:
            inst = apply.institution_of(store, s, institution, Extract("long", False))
            progress.step("resolve")
            tick = lambda done, total: progress.step("write", done, total)  # noqa: E731
            reason = f"importación {file}"
            if preview:  # the preview needs the whole file at once
                whole = long_columns.resolve(store, s, inst, book, file)
                if whole is None:
                    return None
                cols, definitions = whole
                written = list(definitions)
                if not editions.all_official(s, inst, source, list(definitions)):
                    return None  # another source's figures: the row path sends them beside the results
                read = len(cols)
                progress.step("validate", 0, read)
                rows = preview_columns(s, inst.id, cols, definitions)
                if read:  # against the history as stored before the write
                    check = quality.QualityCheck(s, inst.id, definitions, span_of(cols), store.lang, units=cols.unit_id)
                    check.add_columns(cols)
                    flags = check.flags()
                    quality.mark_preview(rows, flags)
                report = store.figures.write_result_columns(
                    s, inst.id, cols, definitions, batch_kind="import", source="import", reason=reason, tick=tick
                )
                if read:
                    span = (int(min(cols.month)), int(max(cols.month)))
                    editions.record_official(store, s, inst, report, written, span, kind="import", file=file)
            else:  # a part at a time: SQLite inserts one while the next is made
                found = long_columns.resolve_parts(store, s, inst, book, file)
                if found is None or not editions.all_official(s, inst, source, list(found.definitions)):
                    return None
                read, span, written = found.rows, found.span, list(found.definitions)
                progress.step("validate", 0, read)
                # the history is read now, before the first part is written; the parts are judged after
                check = quality.QualityCheck(s, inst.id, found.definitions, found.span, store.lang)
                official = editions.OfficialEditions(store, s, inst, written, span, kind="import", file=file)
                report = store.figures.write_result_parts(
                    s, inst.id, _watched(found.parts, check), found.definitions, rows=found.rows, span=found.span,
                    batch_kind="import", source="import", reason=reason, tick=tick, open_editions=official.open,
                )  # fmt: skip
                flags = check.flags()
                if read:
                    official.close(report)
            progress.step("write", report.rows, report.rows)  # a last chance to cancel: it rolls back
            if dry_run:
                raise _Rollback
    except _Rollback:
        report.batch = None
    except (ValidationFailed, RepeatedKey, long_columns.Declined):
        return None  # rolled back; the row-by-row path words the problems where they are in the file
    progress.step("done", report.rows, report.rows)
    out: dict[str, Any] = {
        "batch": report.batch,
        "rows_read": read,
        "new": report.new,
        "changed": report.changed,
        "unchanged": report.unchanged,
        "skipped": 0,
        "errors": [],
        "kind": "long",
        "targets": False,
        "no_value": [],
        "dry_run": dry_run,
        "written": 0 if dry_run else report.new + report.changed,
        "source": source,  # None: each indicator's official source
        "edition": None if dry_run else report.edition,
        "quality": flags,
    }
    if preview:
        out["preview"] = rows
    return out


def span_of(cols: Any) -> tuple[int, int]:
    return int(min(cols.month)), int(max(cols.month))


def _watched(parts: Iterator[Any], check: quality.QualityCheck) -> Iterator[Any]:
    """The parts as they are made, each kept (its figures only) for the quality flags, judged once the last
    is made: while the writer's second thread still inserts it."""
    for part in parts:
        check.add_columns(part)
        yield part
    check.flags()


def _unique(problems: list[Problem]) -> list[Problem]:
    """The same problem at the same cell once."""
    seen: set[tuple[object, ...]] = set()
    out = []
    for p in problems:
        key = (p.message_id, p.sheet, p.row, p.column, str(p.value))
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out


def _month_columns(ex: Extract) -> dict[tuple[str, int, str, str], str]:
    """(sheet, row, indicator, period) → the month column of a wide sheet's figure."""
    from scorecard.periods import Period

    return {(f.sheet, f.row, f.indicator.upper(), Period.of_month(f.period).code): f.column for f in ex.figures}


def _placed(core: list[Problem], ex: Extract) -> list[Problem]:
    """A long table's value sits in its value column, whatever the indicator the core names; a wide
    sheet's in its month column."""
    if ex.places:
        for p in core:
            column = ex.places.get(
                (p.sheet or "", p.row or 0, str(p.column or "").upper(), str(p.params.get("period")))
            )
            if column:
                p.column = column
        return core
    if ex.value_column:
        for p in core:
            p.column = ex.value_column
    return core


def preview(
    store: Store,
    path: Path,
    institution: str | None,
    *,
    kind: str | None = None,
    decimal_mark: str | None = None,
    about: About | None = None,
) -> list[dict[str, Any]]:
    """What an import would do, figure by figure, as plain rows the GUI shows: unit, indicator, period,
    state (new / changed / unchanged), old, new.  Nothing is written; problems raise ValidationFailed."""
    out = import_figures(
        store, path, institution, kind=kind, decimal_mark=decimal_mark, dry_run=True, preview=True, about=about
    )
    rows: list[dict[str, Any]] = out["preview"]
    return rows
