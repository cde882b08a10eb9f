"""An institution's default thresholds, changed through the core: the plan's rule (both or none, yellow ≤
green), planners of the institution only, audited, used by the next scoring, and refused while a month of
the institution is approved (they hold for every month: a closed month is never rescored)."""

from __future__ import annotations

import pytest

from scorecard.domain import Thresholds
from scorecard.errors import UserError
from scorecard.store import Store
from tests.builders import file_month, load_small
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


def test_a_change_applies_after_the_approved_months_and_never_rescores_them(url: str) -> None:
    planif, jefe = signed_in(url, "planif"), signed_in(url, "jefe_09d08")
    file_month(planif, 202502)  # February filed like January: HOM-01 at 09D08C04 is 6 against a target of 5
    jefe.workflow.justify("PN", "09D08C04", "RES-01", "2025-01", "Lluvias", "Ruta alterna")
    jefe.workflow.submit("PN", "09D08", "2025-01")
    planif.workflow.approve("PN", "09D08", "2025-01")

    def status(period: str) -> str:
        return str(planif.scoring.value("PN", "HOM-01", "09D08C04", period)["status"])

    # lower is better: performance 5 / 6 = 0.833…, yellow under 90 % / 75 %, green under 80 % / 50 %
    assert 0.75 <= 5 / 6 < 0.9 and 5 / 6 >= 0.8
    assert (status("2025-01"), status("2025-02")) == ("yellow", "yellow")
    # from a month at or before the approved one: refused, saying from when it may apply
    with pytest.raises(UserError) as exc:
        planif.institutions.set_thresholds("PN", 0.8, 0.5, effective_from=202501)
    assert exc.value.message_id == "institution.thresholds_closed"
    assert "2025-01" in exc.value.text("es") and "2025-02" in exc.value.text("en")
    # without a month: from the month after the last approved one
    info = planif.institutions.set_thresholds("PN", 0.8, 0.5)
    assert info.history == ((202502, Thresholds(0.8, 0.5)),)
    assert (status("2025-01"), status("2025-02")) == ("yellow", "green")
    if planif.dialect == "postgresql":  # the server's trigger: the row as it was inserted
        entry = planif.audit.entries(entity="thresholds")[-1]
        assert (entry.action, entry.user, entry.new) == (
            "create",
            "planif",
            {"green": 0.8, "yellow": 0.5, "valid_from": 202502, "institution_id": entry.new["institution_id"]},
        )
    else:
        entry = [e for e in planif.audit.entries(entity="institution") if e.action == "update"][-1]
        assert (entry.old, entry.new) == (
            {"green": 0.9, "yellow": 0.75},
            {"green": 0.8, "yellow": 0.5, "from": "2025-02"},
        )
    # reopened, a change for every month is possible again
    planif.workflow.reopen("PN", "09D08", "2025-01", "Umbrales de la institución")
    assert planif.institutions.set_thresholds("PN", 0.8, 0.5).history == ()
    assert (status("2025-01"), status("2025-02")) == ("green", "green")


def test_the_tolerance_between_sources_is_the_planners_audited(url: str) -> None:
    planif = signed_in(url, "planif")
    info = planif.institutions.get("PN")
    assert (info.tolerance_pct, info.tolerance_abs) == (2.0, 2.0)  # the model's defaults
    info = planif.institutions.set_tolerance("PN", 5, 10)
    assert (info.tolerance_pct, info.tolerance_abs) == (5.0, 10.0)
    assert (planif.institutions.list()[-1].code, planif.institutions.get("PN").tolerance_abs) == ("PN", 10.0)
    entries = [e for e in planif.audit.entries(entity="institution") if e.action == "update"]
    assert [(e.old, e.new) for e in entries] == [
        ({"tolerance_pct": 2.0, "tolerance_abs": 2.0}, {"tolerance_pct": 5.0, "tolerance_abs": 10.0})
    ]
    with pytest.raises(UserError) as refused:
        signed_in(url, "jefe_09d08").institutions.set_tolerance("PN", 1, 1)
    assert refused.value.message_id == "access.role"
    with pytest.raises(UserError) as invalid:
        planif.institutions.set_tolerance("PN", -1, 1)
    assert invalid.value.message_id == "institution.tolerance_invalid"
