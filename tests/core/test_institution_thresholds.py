"""An institution's default thresholds, changed through the core: the plan's rule (both or none, yellow ≤
green), planners of the institution only, audited, used by the next scoring, and refused while a month of
the institution is approved (they hold for every month: a closed month is never rescored)."""

from __future__ import annotations

import pytest

from scorecard.domain import Thresholds
from scorecard.errors import UserError
from scorecard.store import Store
from tests.builders import load_small
from tests.people import add_people, signed_in


@pytest.fixture
def url(db_url: str) -> str:
    store = Store.open(db_url, create=True)
    load_small(store)  # January 2025 filed; HOM-01 uses the institution's thresholds
    add_people(store)
    store.close()
    return db_url


def hom_status(store: Store) -> str:
    return str(store.scoring.value("PN", "HOM-01", "09D08C04", "2025-01")["status"])


def test_a_planner_changes_them_audited_and_the_scoring_follows(url: str) -> None:
    planif = signed_in(url, "planif")
    assert planif.institutions.get("PN").thresholds == Thresholds(0.9, 0.75)
    before = hom_status(planif)
    assert before != "green"
    info = planif.institutions.set_thresholds("PN", 0.0, 0.0)  # everything scored is green now
    assert info.thresholds == Thresholds(0.0, 0.0)
    assert hom_status(planif) == "green"
    entries = [e for e in planif.audit.entries(entity="institution") if e.action == "update"]
    assert [(e.user, e.old, e.new) for e in entries] == [
        ("planif", {"green": 0.9, "yellow": 0.75}, {"green": 0.0, "yellow": 0.0})
    ]
    # none: back to the domain's defaults; an unchanged pair writes nothing
    assert planif.institutions.set_thresholds("PN", None, None).thresholds == Thresholds(0.9, 0.75)
    planif.institutions.set_thresholds("PN", 0.9, 0.75)
    assert len([e for e in planif.audit.entries(entity="institution") if e.action == "update"]) == 2
    assert hom_status(planif) == before


@pytest.mark.parametrize(("green", "yellow"), [(0.9, None), (None, 0.75), (0.7, 0.8), (0.9, -0.1)])
def test_the_plans_rule_both_or_none_and_yellow_below_green(url: str, green, yellow) -> None:  # type: ignore[no-untyped-def]
    planif = signed_in(url, "planif")
    with pytest.raises(UserError) as exc:
        planif.institutions.set_thresholds("PN", green, yellow)
    assert exc.value.message_id == "thresholds.invalid"
    assert planif.institutions.get("PN").thresholds == Thresholds(0.9, 0.75)


@pytest.mark.parametrize(
    ("user", "refusal"),
    [("jefe_09d08", "access.role"), ("autoridad", "access.read_only"), ("planif_fge", "access.institution")],
)
def test_only_the_institutions_planners(url: str, user: str, refusal: str) -> None:
    with pytest.raises(UserError) as exc:
        signed_in(url, user).institutions.set_thresholds("PN", 0.95, 0.8)
    assert exc.value.message_id == refusal


def test_refused_while_a_month_is_closed(url: str) -> None:
    planif, jefe = signed_in(url, "planif"), signed_in(url, "jefe_09d08")
    jefe.workflow.justify("PN", "09D08C04", "RES-01", "2025-01", "Lluvias", "Ruta alterna")
    jefe.workflow.submit("PN", "09D08", "2025-01")
    planif.institutions.set_thresholds("PN", 0.95, 0.8)  # under review is not closed
    planif.workflow.approve("PN", "09D08", "2025-01")
    with pytest.raises(UserError) as exc:
        planif.institutions.set_thresholds("PN", 0.9, 0.75)
    assert exc.value.message_id == "institution.thresholds_closed" and "2025-01" in exc.value.text("es")
    assert planif.institutions.get("PN").thresholds == Thresholds(0.95, 0.8)
    planif.workflow.reopen("PN", "09D08", "2025-01", "Umbrales de la institución")
    assert planif.institutions.set_thresholds("PN", 0.9, 0.75).thresholds == Thresholds(0.9, 0.75)
