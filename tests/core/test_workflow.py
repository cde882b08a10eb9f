"""The month-end workflow: submit (blocked by unexplained reds), return with a reason, resubmit, approve
(locks the unit-month), reopen by a planner; audited, optimistic-locked, timeliness from the deadline."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from scorecard.errors import UserError
from scorecard.models import AuditEntry, Result, Submission
from scorecard.periods import deadline
from scorecard.store import Store
from tests.builders import load_small
from tests.people import add_people, hom, signed_in, write


@pytest.fixture
def url(db_url: str) -> str:
    store = Store.open(db_url, create=True)
    load_small(store)  # January 2025, hand-computable (tests/builders.py)
    add_people(store)
    store.close()
    return db_url


def results(store: Store) -> list[tuple[int, int, int, float | None, int]]:
    with store.reading() as s:
        q = select(Result.indicator_id, Result.unit_id, Result.month, Result.value, Result.version)
        return sorted(tuple(r) for r in s.execute(q))


def test_a_month_end_submit_return_resubmit_approve_reopen(url: str) -> None:
    jefe, planif, root = (signed_in(url, n) for n in ("jefe_09d08", "planif", "jefa_ti"))
    start = jefe.workflow.state("PN", "09D08", "2025-01")
    assert (start.state, start.version, start.on_time) == ("open", 0, None)

    # RES-01 at 09D08C04: 12 min against 10 with green 0.95 / yellow 0.85 → p = 0.833, red
    blockers = jefe.workflow.blockers("PN", "09D08", "2025-01")
    assert [(b.unit, b.indicator, b.missing) for b in blockers] == [("09D08C04", "RES-01", ("cause", "action"))]
    assert blockers[0].performance == pytest.approx(10 / 12)
    with pytest.raises(UserError) as exc:
        jefe.workflow.submit("PN", "09D08", "2025-01")
    assert exc.value.message_id == "workflow.blocked" and "09D08C04 RES-01" in exc.value.text("es")
    assert jefe.workflow.state("PN", "09D08", "2025-01").state == "open"

    jefe.workflow.justify("PN", "09D08C04", "RES-01", "2025-01", "Lluvias cortaron dos vías", "Ruta alterna y moto")
    assert jefe.workflow.blockers("PN", "09D08", "2025-01") == []
    sent = jefe.workflow.submit("PN", "09D08", "2025-01")
    assert (sent.state, sent.version) == ("submitted", 1)
    assert sent.deadline == deadline(202501, 5) == dt.date(2025, 2, 7)
    assert sent.on_time is False  # filed today, long after February 2025

    # under review, the commander cannot change the month; other months stay open
    with pytest.raises(UserError) as exc:
        write(jefe, [hom(jefe, "09D08C06", 202501, 9)])
    assert exc.value.message_id == "period.under_review"
    write(jefe, [hom(jefe, "09D08C06", 202502, 9)])

    with pytest.raises(UserError) as exc:
        planif.workflow.return_("PN", "09D08", "2025-01", "  ")
    assert exc.value.message_id == "workflow.reason_required"
    back = planif.workflow.return_("PN", "09D08", "2025-01", "Revisar tiempos de respuesta")
    assert (back.state, back.reason) == ("returned", "Revisar tiempos de respuesta")
    assert jefe.workflow.state("PN", "09D08", "2025-01").reason == "Revisar tiempos de respuesta"
    write(jefe, [hom(jefe, "09D08C06", 202501, 3)])  # returned: the commander corrects
    again = jefe.workflow.submit("PN", "09D08", "2025-01")
    assert again.state == "submitted" and again.submitted_at == sent.submitted_at  # timeliness of the first
    with pytest.raises(UserError) as exc:
        jefe.workflow.approve("PN", "09D08", "2025-01")
    assert exc.value.message_id == "access.role"
    assert planif.workflow.approve("PN", "09D08", "2025-01").state == "approved"

    # approved: locked for everyone, whoever writes; the rest of the institution is not
    before = results(root)
    for who in (jefe, planif, root):
        with pytest.raises(UserError) as exc:
            write(who, [hom(who, "09D08C04", 202501, 1)])
        assert exc.value.message_id == "period.locked"
        assert "09D08C04" in exc.value.text("es") and "2025-01" in exc.value.text("en")
    with pytest.raises(UserError) as exc:
        jefe.workflow.justify("PN", "09D08C04", "RES-01", "2025-01", "otra", "otra")
    assert exc.value.message_id == "period.locked"
    assert results(root) == before
    write(planif, [hom(planif, "09D01C01", 202501, 5)])

    with pytest.raises(UserError) as exc:
        jefe.workflow.reopen("PN", "09D08", "2025-01", "quiero cambiar")
    assert exc.value.message_id == "access.role"
    with pytest.raises(UserError) as exc:
        planif.workflow.reopen("PN", "09D08", "2025-01", None)
    assert exc.value.message_id == "workflow.reason_required"
    reopened = planif.workflow.reopen("PN", "09D08", "2025-01", "Corrección del registro de la Fiscalía")
    assert (reopened.state, reopened.reason) == ("open", "Corrección del registro de la Fiscalía")
    write(jefe, [hom(jefe, "09D08C04", 202501, 1)])

    with root.reading() as s:
        trail = list(s.scalars(select(AuditEntry).where(AuditEntry.entity == "submission").order_by(AuditEntry.id)))
        justified = s.scalars(select(AuditEntry).where(AuditEntry.action == "justify")).one()
    assert [(e.action, e.user, e.old["state"], e.new["state"]) for e in trail] == [
        ("submit", "jefe_09d08", "open", "submitted"),
        ("return", "planif", "submitted", "returned"),
        ("submit", "jefe_09d08", "returned", "submitted"),
        ("approve", "planif", "submitted", "approved"),
        ("reopen", "planif", "approved", "open"),
    ]
    assert [e.reason for e in trail] == [
        None,
        "Revisar tiempos de respuesta",
        None,
        None,
        "Corrección del registro de la Fiscalía",
    ]
    assert justified.old == {"cause": None, "action": None} and justified.new["cause"] == "Lluvias cortaron dos vías"


def test_transitions_from_the_wrong_state_are_refused(url: str) -> None:
    planif = signed_in(url, "planif")
    for act in (planif.workflow.approve, planif.workflow.reopen):
        with pytest.raises(UserError) as exc:
            act("PN", "17D06", "2025-01", *(["motivo"] if act == planif.workflow.reopen else []))
        assert exc.value.message_id.startswith("workflow.cannot_")
        assert "open" in exc.value.text("en")
    with pytest.raises(UserError) as exc:
        planif.workflow.submit("PN", "17D06", "2025-Q1")
    assert exc.value.message_id == "workflow.month_only"
    with planif.reading() as s:
        assert s.scalar(select(func.count()).select_from(Submission)) == 0


def test_two_people_acting_on_the_same_month_the_second_is_told_to_reload(url: str) -> None:
    a, b = signed_in(url, "planif"), signed_in(url, "jefa_ti")
    a.workflow.submit("PN", "17D06", "2025-01")
    seen_by_a = a.workflow.state("PN", "17D06", "2025-01").version
    seen_by_b = b.workflow.state("PN", "17D06", "2025-01").version
    a.workflow.return_("PN", "17D06", "2025-01", "faltan datos", expected_version=seen_by_a)
    with pytest.raises(UserError) as exc:
        b.workflow.approve("PN", "17D06", "2025-01", expected_version=seen_by_b)
    assert exc.value.message_id == "conflict.stale"
    assert "reload" in exc.value.text("en") and "vuelva a cargar" in exc.value.text("es")
    assert b.workflow.state("PN", "17D06", "2025-01").state == "returned"


def test_a_month_submitted_before_its_deadline_is_on_time(url: str) -> None:
    today = dt.date.today()
    period = f"{today.year}-{today.month:02d}"  # its deadline is next month: anything today is on time
    planif = signed_in(url, "planif")
    assert planif.workflow.submit("PN", "17D06", period).on_time is True


def test_the_review_queue_shows_state_completeness_and_timeliness(url: str) -> None:
    planif = signed_in(url, "planif")
    planif.workflow.justify("PN", "09D01C01", "HOM-01", "2025-01", "Disputa de bandas", "Operativo conjunto")
    planif.workflow.submit("PN", "09D01", "2025-01")
    rows = {r.unit: r for r in planif.workflow.queue("PN", "2025-01")}
    # the commanders' units are listed even before they submit
    assert set(rows) == {"09D08", "09D08C04", "09D01"}
    # 09D08: HOM-01 and RES-01 by its 2 circuits, TAS-01, PAT-01, BRI-01, ROB-01 by itself: 8 due, 8 filed
    assert (rows["09D08"].state, rows["09D08"].results_due, rows["09D08"].results_filed) == ("open", 8, 8)
    assert rows["09D08"].completeness == 1.0 and rows["09D08"].on_time is None
    # 09D08C04: HOM-01 and RES-01
    assert (rows["09D08C04"].results_due, rows["09D08C04"].results_filed) == (2, 2)
    assert (rows["09D01"].state, rows["09D01"].on_time) == ("submitted", False)
    assert rows["09D01"].as_json()["state"] == "submitted"
    # submitted first
    assert next(iter(planif.workflow.queue("PN", "2025-01"))).unit == "09D01"


def test_the_data_entry_sheet_obeys_the_lock_and_the_scope(url: str) -> None:
    from dataclasses import replace

    from scorecard.entry import load_sheet, save_sheet

    jefe, planif = signed_in(url, "jefe_09d08"), signed_in(url, "planif")
    sheet = load_sheet(jefe, "PN", "09D08C04", 202501)
    res = next(line for line in sheet.lines if line.indicator_code == "RES-01")
    explained = replace(res, cause="Lluvias", action="Ruta alterna")
    save_sheet(jefe, sheet, [explained])  # figures unchanged, the justification is saved
    jefe.workflow.submit("PN", "09D08", "2025-01")
    planif.workflow.approve("PN", "09D08", "2025-01")
    for who in (jefe, planif):
        with pytest.raises(UserError) as exc:  # only the justification changes: still a change
            save_sheet(who, sheet, [replace(explained, cause="Otra causa")])
        assert exc.value.message_id == "period.locked"
    assert jefe.figures.stored_result(res.indicator_id, res.unit_id, 202501).cause == "Lluvias"  # type: ignore[union-attr]
    other = load_sheet(planif, "PN", "17D06C11", 202501)
    hom_line = next(line for line in other.lines if line.indicator_code == "HOM-01")
    with pytest.raises(UserError) as exc:
        save_sheet(jefe, other, [replace(hom_line, value=1)])
    assert exc.value.message_id == "access.scope"
