"""The kinds of file the import wizard knows, each a small record of plain callables run on the database
worker: ``identify`` (is this file of my kind, and with which mapping?), ``run`` (a dry run for the
preview, or the import itself).  Today: event registers; the template and long-table importers plug in by
adding an :class:`ImportKind` to :data:`KINDS`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scorecard.store import Store

Checkpoint = Callable[[str], None]


class Cancelled(Exception):
    """Raised from a checkpoint when the user cancels: the import's transaction rolls back."""


@dataclass(frozen=True)
class Detected:
    kind: str
    mapping: Any  # the kind's own mapping object (a RegisterMapping for registers)
    columns: tuple[str, ...]  # the file's headers, offered when the user edits the mapping
    sheet: str


@dataclass(frozen=True)
class Change:
    """One unit-month whose figure the import would change."""

    unit_code: str
    unit_name: str
    month: str  # 2025-03
    old: float | None
    new: float | None


@dataclass
class Outcome:
    """What a run did (or, dry, would do): the import command's JSON report plus the changed figures."""

    report: dict[str, Any]
    changes: list[Change] = field(default_factory=list)


@dataclass(frozen=True)
class ImportKind:
    key: str
    label: str  # Spanish, marked with QT_TR_NOOP where the kind is declared
    identify: Callable[[Store, Path], Detected | None]
    run: Callable[[Store, Path, str, Any, bool, Checkpoint | None], Outcome]


# --- event registers ---------------------------------------------------------------------------------


def identify_register(store: Store, path: Path) -> Detected | None:
    """The first known register mapping (saved ones first) whose date and unit columns the file has."""
    from importers.saved_mappings import register_mappings
    from importers.workbook import find_header, read_workbook

    sheets = read_workbook(path)
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
    store: Store, path: Path, institution: str, mapping: Any, dry_run: bool, checkpoint: Checkpoint | None
) -> Outcome:
    from importers.register import import_register

    report = import_register(store, path, institution, mapping, dry_run=dry_run, checkpoint=checkpoint, details=True)
    changes = report.pop("changes", [])
    units = {u.id: u for u in store.units.list(institution)}
    out = []
    for c in changes:
        unit = units.get(c["unit_id"])
        out.append(
            Change(
                unit.code if unit else str(c["unit_id"]),
                unit.name if unit else "",
                month_code(c["month"]),
                (c["old"] or {}).get("value"),
                (c["new"] or {}).get("value"),
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


KINDS: list[ImportKind] = [_register_kind()]


def detect(store: Store, path: Path) -> Detected | None:
    for kind in KINDS:
        found = kind.identify(store, path)
        if found is not None:
            return found
    return None


def kind(key: str) -> ImportKind:
    return next(k for k in KINDS if k.key == key)
