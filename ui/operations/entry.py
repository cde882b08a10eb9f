"""Opening the data entry: whose units, which month and which months to offer (called on the worker).

A commander files for their own scope whatever unit the window shows, in the earliest month the workflow
still leaves open (:mod:`scorecard.filing`); planners and administrators file the unit they picked, in the
month after the latest one filed, with the eleven before it to choose from.
"""

from __future__ import annotations

from dataclasses import dataclass

from scorecard.domain import Role
from scorecard.entry import EntrySheet, load_sheet, open_month
from scorecard.filing import FilingMonth, filing_calendar
from scorecard.periods import add_months
from scorecard.store import Store


@dataclass(frozen=True)
class EntryStart:
    institution: str
    unit: str
    month: int
    months: tuple[FilingMonth, ...]  # what the month picker offers, oldest first
    sheet: EntrySheet
    by_scope: bool  # the units are the signed-in commander's scope


def start_entry(store: Store, institution: str, unit: str, month: int | None) -> EntryStart:
    actor = store.actor
    by_scope = actor.role is Role.COMMANDER and actor.scope_unit_id is not None
    if by_scope:
        me = store.users.get(actor.name)
        institution, unit = me.institution or institution, me.scope or unit
        calendar = filing_calendar(store, institution, unit, horizon=open_month(store, institution))
        month = month or calendar.default
        months = calendar.months
        if month not in {m.month for m in months}:
            months = tuple(sorted((*months, FilingMonth(month, "", True)), key=lambda m: m.month))
    else:
        month = month or open_month(store, institution)
        months = tuple(FilingMonth(add_months(month, -back), "", True) for back in range(11, -1, -1))
    return EntryStart(institution, unit, month, months, load_sheet(store, institution, unit, month), by_scope)


def load_month(store: Store, institution: str, unit: str, month: int) -> EntrySheet:
    return load_sheet(store, institution, unit, month)
