"""The kinds of file the import wizard knows, each a small record of plain callables run on the database
worker: ``identify`` (is this file of my kind, and with which mapping?), ``run`` (a dry run for the
preview, or the import itself).  Event registers, the app's monthly template and long tables (values or
targets); another format plugs in by adding an :class:`ImportKind` to :data:`KINDS`.
"""

from __future__ import annotations

import gc
import heapq
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scorecard.collector import no_cycle_collection
from scorecard.store import Store

if TYPE_CHECKING:
    from importers.workbook import Book

Checkpoint = Callable[[str], None]


class Cancelled(Exception):
    """Raised from a checkpoint when the user cancels: the import's transaction rolls back."""


@dataclass(frozen=True)
class Detected:
    kind: str
    mapping: Any  # the kind's own mapping object (a RegisterMapping for registers)
    columns: tuple[str, ...]  # the file's headers, offered when the user edits the mapping
    sheet: str
    needs: WideNeeds | None = None  # a wide sheet: what it does not say itself


@dataclass(frozen=True)
class WideNeeds:
    unit: bool  # no unit column: the user names the unit
    indicator: bool  # no indicator column (and months without a category): the user names the indicator
    categories: tuple[str, ...]  # month columns with categories: a saved mapping says where each goes


@dataclass(frozen=True)
class Change:
    """One unit-month whose figure the import would change."""

    unit_code: str
    unit_name: str
    month: str  # 2025-03
    old: float | None
    new: float | None
    indicator: str | None = None  # templates and long tables carry several indicators
    flags: tuple[tuple[str, str], ...] = ()  # its data-quality flags (importers.quality): (flag, detail)


@dataclass
class Outcome:
    """What a run did (or, dry, would do): the import command's JSON report plus the changed figures."""

    report: dict[str, Any]
    changes: list[Change] = field(default_factory=list)


@dataclass(frozen=True)
class ImportKind:
    key: str
    label: str  # Spanish, marked with QT_TR_NOOP where the kind is declared
    identify: Callable[[Store, Book], Detected | None]  # the file read once by :func:`detect`
    run: Callable[[Store, Path, str, Any, bool, Checkpoint | None, str | None], Outcome]  # last: the source


# --- event registers ---------------------------------------------------------------------------------


def identify_register(store: Store, book: Book) -> Detected | None:
    """The first known register mapping (saved ones first) whose date and unit columns the file has."""
    from importers.saved_mappings import register_mappings
    from importers.workbook import find_header
    from scorecard.errors import ValidationFailed

    if book.problems:  # a formula without its result: refused as the register import would
        raise ValidationFailed(book.problems)
    sheets = book.sheets
    known = register_mappings(store)
    ordered = sorted(known.values(), key=lambda m: m.name in _bundled())  # saved (edited) mappings win
    for name, rows in sheets.items():
        for m in ordered:
            header = find_header(rows, {"date": [m.date_column], "unit": [m.unit_column]}, ["date", "unit"])
            if header is not None:
                columns = tuple(str(c) for c in rows[header.row] if c not in (None, ""))
                return Detected("register", m, columns, name)
    return None


def _bundled() -> set[str]:
    from importers.register import BUNDLED

    return set(BUNDLED)


def run_register(
    store: Store,
    path: Path,
    institution: str,
    mapping: Any,
    dry_run: bool,
    checkpoint: Checkpoint | None,
    source: str | None = None,
) -> Outcome:
    from importers.register import import_register

    report = import_register(
        store, path, institution, mapping, dry_run=dry_run, checkpoint=checkpoint, details=True, source=source
    )
    changes = report.pop("changes", [])
    units = {u.id: u for u in store.units.list(institution)}
    flagged: dict[tuple[str, str], list[tuple[str, str]]] = {}  # a register feeds one indicator
    for f in report.get("quality", []):
        flagged.setdefault((f["unit"], f["period"]), []).append((f["flag"], f["detail"]))
    out = []
    for c in changes:
        unit = units.get(c["unit_id"])
        code = unit.code if unit else str(c["unit_id"])
        out.append(
            Change(
                code,
                unit.name if unit else "",
                month_code(c["month"]),
                (c["old"] or {}).get("value"),
                (c["new"] or {}).get("value"),
                flags=tuple(flagged.get((code, month_code(c["month"])), ())),
            )
        )
    out.sort(key=lambda ch: (ch.unit_code, ch.month))
    return Outcome(report, out)


def month_code(month: int) -> str:
    """202503 → '2025-03'."""
    return f"{month // 100}-{month % 100:02d}"


def _register_kind() -> ImportKind:
    from ui.i18n import QT_TR_NOOP

    return ImportKind("register", QT_TR_NOOP("Registro de eventos"), identify_register, run_register)


# --- the app's template and long tables ----------------------------------------------------------------


def _figures_identify(key: str) -> Callable[[Store, Book], Detected | None]:
    def identify(_store: Store, book: Book) -> Detected | None:
        """Mine when the format detection of importers.kinds says so; the headers it recognised."""
        from importers import kinds
        from importers.workbook import best_header_cells

        scores = kinds.identify(book)
        best, score = max(scores.items(), key=lambda kv: kv[1])
        if best != key or score <= 0:
            return None
        needs = _wide_needs(book) if key == "wide" else None
        for name, rows in book.sheets.items():
            if name in book.hidden:
                continue
            columns = tuple(best_header_cells(rows))
            if columns:
                return Detected(key, None, columns, name, needs)
        return Detected(key, None, (), next(iter(book.sheets), ""), needs)

    return identify


def _wide_needs(book: Book) -> WideNeeds | None:
    from importers import wide_sheet

    found = wide_sheet.find_sheet(book)
    if found is None:
        return None
    lay = found[2]
    plain = any(not m.category for m in lay.months)
    categories = tuple(sorted({m.category for m in lay.months if m.category}))
    return WideNeeds(lay.unit is None, lay.by_months and plain and lay.indicator is None, categories)


# The importer's steps, as the wizard's progress page knows them.
_STAGE = {"resolve": "read", "write": "written"}


def run_figures(
    store: Store,
    path: Path,
    institution: str,
    key: str,
    dry_run: bool,
    checkpoint: Checkpoint | None,
    about: Any = None,
    source: str | None = None,
) -> Outcome:
    from importers import progress as importer_progress
    from importers.figures_import import import_figures

    def callback(step: str, _done: int, _total: int) -> None:
        if checkpoint is not None:
            checkpoint(_STAGE.get(step, step))

    with collector_waits():
        try:
            report = import_figures(
                store, path, institution, kind=key, dry_run=dry_run, preview=True,
                progress=importer_progress.Progress(callback), about=about, source=source,
            )  # fmt: skip
        except importer_progress.Cancelled:
            raise Cancelled from None
        rows = report.pop("preview", [])
        names = {u.code: u.name for u in store.units.list(institution)}
        out = [
            Change(
                r["unit"],
                names.get(r["unit"], ""),
                r["period"],
                r["old"],
                r["new"],
                r["indicator"],
                tuple((f["flag"], f["detail"]) for f in r.get("flags", ())),
            )
            for r in rows
            if r["state"] in ("new", "changed")
        ]
        while rows:  # freed a slice at a time: a million rows freed at once hold the GIL for ~0.5 s
            del rows[-SLICE:]
        return Outcome(report, sorted_in_slices(out, key=lambda ch: (ch.unit_code, ch.indicator or "", ch.month)))


SLICE = 20_000


def sorted_in_slices(items: list[Change], key: Callable[[Change], Any]) -> list[Change]:
    """``sorted(items, key=key)``, without holding the GIL for the whole sort: slices sorted apart (each a
    few milliseconds in C) and merged in Python, where the GUI thread gets its turns."""
    if len(items) <= SLICE:
        return sorted(items, key=key)
    slices = [sorted(items[k : k + SLICE], key=key) for k in range(0, len(items), SLICE)]
    return list(heapq.merge(*slices, key=key))


@contextmanager
def collector_waits() -> Iterator[None]:
    """A national table allocates millions of objects on the worker; each time the heap grows by a quarter
    Python's cyclic collector scans all of it while holding the GIL, freezing the GUI thread too (measured:
    seven pauses of 115–310 ms in a 912,000-row import).  The collector waits until the job ends, and what
    the job leaves alive (the outcome the report page shows) is frozen out of later scans; reference
    counting still frees it when the wizard lets go, and :func:`collector_resumes` (the wizard closing)
    hands what is left to the collector again, cyclic garbage included."""
    try:
        with no_cycle_collection():  # the GUI thread's collector waits too (ui/gui_collector.py)
            yield
    finally:
        gc.freeze()


def _figures_kind(key: str, label: str) -> ImportKind:
    def run(
        store: Store,
        path: Path,
        institution: str,
        mapping: Any,
        dry_run: bool,
        checkpoint: Checkpoint | None,
        source: str | None = None,
    ) -> Outcome:
        return run_figures(store, path, institution, key, dry_run, checkpoint, about=mapping, source=source)

    return ImportKind(key, label, _figures_identify(key), run)


def _wide_kind() -> ImportKind:
    from ui.i18n import QT_TR_NOOP

    return _figures_kind("wide", QT_TR_NOOP("Hoja ancha (meses en columnas)"))


def _template_kind() -> ImportKind:
    from ui.i18n import QT_TR_NOOP

    return _figures_kind("template", QT_TR_NOOP("Plantilla mensual"))


def _long_kind() -> ImportKind:
    from ui.i18n import QT_TR_NOOP

    return _figures_kind("long", QT_TR_NOOP("Tabla larga"))


# A register is tried first, with its saved mappings: a register is still detected as a register.
KINDS: list[ImportKind] = [_register_kind(), _template_kind(), _long_kind(), _wide_kind()]


def detect(store: Store, path: Path) -> Detected | None:
    """The kind of ``path`` and its mapping; the file is read once for every kind to look at (a national
    table takes seconds to read)."""
    from importers.workbook import read_book

    book = read_book(path)
    for kind in KINDS:
        found = kind.identify(store, book)
        if found is not None:
            return found
    return None


def kind(key: str) -> ImportKind:
    return next(k for k in KINDS if k.key == key)


def collector_resumes() -> None:
    """What :func:`collector_waits` froze goes back to the collector (one full scan, later, when the
    collector next runs): called when the wizard closes, so no cyclic garbage of an import stays frozen."""
    gc.unfreeze()
