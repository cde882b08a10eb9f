"""The commander's filing calendar: the earliest month the workflow leaves open for their reporting units,
following submissions, returns, approvals and reopenings (on SQLite and PostgreSQL)."""

from __future__ import annotations

import pytest

from scorecard.filing import filing_calendar
from scorecard.store import Store
from tests.builders import load_small
from tests.people import add_people, signed_in


@pytest.fixture
def url(db_url: str) -> str:
    store = Store.open(db_url, create=True)
    load_small(store)  # January 2025 filed
    add_people(store)
    store.close()
    return db_url


def calendar(store: Store) -> tuple[int, dict[int, tuple[str, bool]]]:
    c = filing_calendar(store, "PN", "09D08", horizon=202502)
    assert (c.institution, c.unit) == ("PN", "09D08")
    return c.default, {m.month: (m.state, m.open) for m in c.months}


def test_the_default_month_follows_the_workflow(url: str) -> None:
    jefe, planif = signed_in(url, "jefe_09d08"), signed_in(url, "planif")
    assert calendar(jefe) == (202501, {202501: ("open", True), 202502: ("open", True)})

    jefe.workflow.justify("PN", "09D08C04", "RES-01", "2025-01", "Lluvias", "Ruta alterna")
    jefe.workflow.submit("PN", "09D08", "2025-01")
    assert calendar(jefe) == (202502, {202501: ("submitted", False), 202502: ("open", True)})
    assert calendar(planif)[0] == 202501  # a month under review still takes a planner's corrections

    # one circuit submitted alone: the district and its other circuit may still file February
    jefe.workflow.submit("PN", "09D08C04", "2025-02")
    assert calendar(jefe)[0] == 202502

    # every month closed: the month after the last closed one, offered as well
    jefe.workflow.submit("PN", "09D08", "2025-02")
    default, months = calendar(jefe)
    assert default == 202503 and months[202502] == ("submitted", False) and months[202503] == ("open", True)

    planif.workflow.approve("PN", "09D08", "2025-01")
    planif.workflow.return_("PN", "09D08", "2025-02", "Revisar patrullaje")
    default, months = calendar(jefe)
    assert default == 202502 and months[202501] == ("approved", False) and months[202502] == ("returned", True)

    planif.workflow.reopen("PN", "09D08", "2025-01", "Corrección de población")
    assert calendar(jefe)[0] == 202501


def test_an_ancestors_submission_holds_the_month_too(url: str) -> None:
    root = signed_in(url, "jefa_ti")
    for b in root.workflow.blockers("PN", "Z8", "2025-01"):
        root.workflow.justify("PN", b.unit, b.indicator, "2025-01", "Lluvias", "Ruta alterna")
    root.workflow.submit("PN", "Z8", "2025-01")  # the zone's submission covers the district below it
    jefe = signed_in(url, "jefe_09d08")
    default, months = calendar(jefe)
    assert default == 202502 and months[202501] == ("open", False)  # the district's own row: none
