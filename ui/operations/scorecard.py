"""Asking the core for a scorecard and its year: plain values back, called on the database worker."""

from __future__ import annotations

from scorecard.domain import ScorecardView
from scorecard.history import YearHistory, year_history
from scorecard.store import Store


def load_scorecard(store: Store, institution: str, period: str, unit: str | None, ytd: bool) -> ScorecardView:
    return store.scoring.scorecard(institution, period, unit, ytd=ytd)


def load_history(store: Store, institution: str, period: str, unit: str | None) -> YearHistory:
    return year_history(store, institution, period, unit)
