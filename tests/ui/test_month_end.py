"""A planner's month-end from the GUI, on the demo: sign-in, the commander's status and Submit (refused
while a red lacks its justification), the review queue (approve, return with a reason, reopen with a
reason) and the audit view listing every transition.  Only QMessageBox / QInputDialog are patched."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QMessageBox

from scorecard.store import Store

pytestmark = pytest.mark.gui

PASSWORD = "clave-segura-1"
BLOCKED = "09D08C01S03"  # October 2025 of the demo: OPE-01 red, without cause or action
CLEAN = "09D08C01S01"  # October 2025 of the demo: nothing red
PERIOD = "2025-10"


@pytest.fixture
def people(demo_copy: Path) -> Path:
    with Store.open(demo_copy) as admin:  # an SQLite file without users: its local administrator
        admin.users.add("jefe_s03", "commander", institution="PN", scope=BLOCKED, password=PASSWORD)
        admin.users.add("jefe_s01", "commander", institution="PN", scope=CLEAN, password=PASSWORD)
        admin.users.add("planif", "planner", institution="PN", password=PASSWORD, full_name="Planificación PN")
    return demo_copy


def signed_in(path: Path, name: str) -> Store:
    store = Store.open(path)
    store.users.authenticate(name, PASSWORD)
    return store


class Said:
    """What the app said in its message boxes (the only dialogs a test cannot click)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.lines: list[tuple[str, str]] = []
        for kind in ("warning", "information", "critical"):
            monkeypatch.setattr(QMessageBox, kind, self._box(kind))

    def _box(self, kind: str) -> Any:
        def box(_parent: Any, _title: str, text: str, *_a: Any, **_k: Any) -> QMessageBox.StandardButton:
            self.lines.append((kind, text))
            return QMessageBox.StandardButton.Ok

        return staticmethod(box)

    def last(self) -> str:
        return self.lines[-1][1]


def typed_reason(monkeypatch: pytest.MonkeyPatch, text: str, ok: bool = True) -> list[str]:
    asked: list[str] = []

    def ask(_parent: Any, _title: str, label: str, *_a: Any, **_k: Any) -> tuple[str, bool]:
        asked.append(label)
        return text, ok

    monkeypatch.setattr(QInputDialog, "getMultiLineText", staticmethod(ask))
    return asked


def entry_for(qtbot: Any, store: Store, unit: str) -> Any:
    from ui.data_entry import DataEntryDialog

    dialog = DataEntryDialog(store, "PN", unit, month=202510)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: not dialog.busy, timeout=30_000)  # the sheet and the month's state, on the worker
    return dialog


def queue_of(qtbot: Any, store: Store) -> Any:
    from ui.review_queue import ReviewQueueDialog

    dialog = ReviewQueueDialog(store, "PN", PERIOD)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: not dialog.busy, timeout=30_000)
    return dialog


def states(queue: Any) -> dict[str, str]:
    return {r.unit: r.state for r in queue.model.rows}


def test_login_accepts_the_right_password_and_refuses_a_wrong_one(qtbot, people: Path, spanish) -> None:  # type: ignore[no-untyped-def]
    from ui.login_dialog import LoginDialog

    store = Store.open(people)
    assert store.users.needs_sign_in()  # three users on the file
    dialog = LoginDialog(store)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.user_edit, "planif")
    qtbot.keyClicks(dialog.password_edit, "no-es-esta")
    qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)  # Enter signs in
    assert dialog.result() != dialog.DialogCode.Accepted and dialog.signed_in is None
    assert dialog.message.text() == "Usuario o contraseña incorrectos."  # the core's message
    assert dialog.password_edit.text() == ""

    qtbot.keyClicks(dialog.password_edit, PASSWORD)
    qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)
    assert dialog.result() == dialog.DialogCode.Accepted
    assert dialog.signed_in is not None and dialog.signed_in.role.value == "planner"
    assert (store.actor.name, store.actor.role.value) == ("planif", "planner")


def test_repeated_failures_lock_the_account_with_the_cores_message(qtbot, people: Path, spanish) -> None:  # type: ignore[no-untyped-def]
    from ui.login_dialog import LoginDialog

    dialog = LoginDialog(Store.open(people), user="jefe_s01")
    qtbot.addWidget(dialog)
    for _ in range(5):
        dialog.password_edit.setText("mala-clave")
        assert not dialog.try_sign_in()
    dialog.password_edit.setText(PASSWORD)  # even the right one, while locked
    assert not dialog.try_sign_in()
    assert dialog.message.text().startswith("La cuenta «jefe_s01» está bloqueada por intentos fallidos")


def test_the_window_shows_who_is_signed_in(qtbot, people: Path, spanish) -> None:  # type: ignore[no-untyped-def]
    from ui.main_window import MainWindow
    from ui.session_badge import SessionBadge

    window = MainWindow(signed_in(people, "planif"), "es", period=PERIOD)
    qtbot.addWidget(window)
    assert window.worker.wait_idle()
    badge = window.statusBar().findChild(SessionBadge)
    assert badge.text() == "Usuario: planif · Planificador"
    window.switch_language("en")
    assert window.statusBar().findChild(SessionBadge).text() == "User: planif · Planner"
    window.switch_language("es")


def test_a_month_end_from_the_gui(qtbot, people: Path, spanish, monkeypatch, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    said = Said(monkeypatch)
    jefe_s03, jefe_s01, planif = (signed_in(people, n) for n in ("jefe_s03", "jefe_s01", "planif"))

    # the commander: Submit is refused while OPE-01 is red without cause and action, and says which
    entry = entry_for(qtbot, jefe_s03, BLOCKED)
    bar = entry.submission
    assert "Abierto" in bar.state_label.text() and "1 rojos sin justificar" in bar.state_label.text()
    assert f"{BLOCKED} · OPE-01" in bar.submit_button.toolTip()
    qtbot.mouseClick(bar.submit_button, Qt.MouseButton.LeftButton)
    assert said.lines[-1][0] == "warning" and f"{BLOCKED} · OPE-01" in said.last()
    assert "falta causa, acción correctiva" in said.last()
    assert jefe_s03.workflow.state("PN", BLOCKED, PERIOD).state == "open"

    # justified in the grid's side editor, saved, then submitted
    red = next(r for r, line in enumerate(entry.model.lines) if line.needs_justification())
    assert entry.model.lines[red].indicator_code == "OPE-01"
    entry.select(red)
    entry.cause_edit.setPlainText("Feriado largo: patrullaje reducido")
    entry.action_edit.setPlainText("Refuerzo de turnos en noviembre")
    assert entry.save()
    qtbot.waitUntil(lambda: not entry.busy, timeout=30_000)
    assert bar.blockers == [] and bar.submit_button.toolTip() == "Nada impide el envío."
    qtbot.mouseClick(bar.submit_button, Qt.MouseButton.LeftButton)
    assert jefe_s03.workflow.state("PN", BLOCKED, PERIOD).state == "submitted"
    qtbot.waitUntil(lambda: not entry.busy, timeout=30_000)
    assert "Enviado" in bar.state_label.text() and not bar.submit_button.isEnabled()

    other = entry_for(qtbot, jefe_s01, CLEAN)
    assert other.submission.submit()

    # the planner's queue: both waiting first, with completeness and timeliness
    queue = queue_of(qtbot, planif)
    qtmodeltester.check(queue.model)
    assert states(queue) == {BLOCKED: "submitted", CLEAN: "submitted"}
    row = queue.model.rows[0]
    assert row.completeness is not None and row.on_time is False  # October's deadline is long past
    shown = [queue.model.index(0, c).data() for c in range(queue.model.columnCount())]
    assert shown[3] == "Enviado" and shown[6] == "Tarde" and "%" in shown[4]

    queue.state_box.setCurrentIndex(queue.state_box.findData("approved"))
    assert queue.proxy.rowCount() == 0  # the filter by state
    queue.state_box.setCurrentIndex(queue.state_box.findData("submitted"))
    assert queue.proxy.rowCount() == 2
    queue.state_box.setCurrentIndex(0)

    assert queue.select(CLEAN) and queue.approve_button.isEnabled() and not queue.reopen_button.isEnabled()
    qtbot.mouseClick(queue.approve_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not queue.busy, timeout=30_000)
    assert states(queue)[CLEAN] == "approved"

    # a return needs a reason: an empty one is refused with the core's message, and nothing changes
    assert queue.select(BLOCKED)
    typed_reason(monkeypatch, "   ")
    queue.return_button.click()
    qtbot.waitUntil(lambda: not queue.busy, timeout=30_000)
    assert "motivo" in said.last().lower() and states(queue)[BLOCKED] == "submitted"
    asked = typed_reason(monkeypatch, "Revise el conteo de operativos de la semana 3")
    assert queue.select(BLOCKED)
    queue.return_button.click()
    qtbot.waitUntil(lambda: not queue.busy, timeout=30_000)
    assert BLOCKED in asked[0]
    assert states(queue)[BLOCKED] == "returned"
    assert queue.model.rows[[r.unit for r in queue.model.rows].index(BLOCKED)].reason.startswith("Revise el conteo")

    # the commander sees the reason and resubmits
    bar.refresh()
    qtbot.waitUntil(lambda: not entry.busy, timeout=30_000)
    assert "Devuelto" in bar.state_label.text() and "Revise el conteo de operativos" in bar.state_label.text()
    assert "Revise el conteo de operativos" in bar.state_label.toolTip(), "the whole reason on hover"
    assert bar.submit()
    assert jefe_s03.workflow.state("PN", BLOCKED, PERIOD).state == "submitted"
    qtbot.waitUntil(lambda: not entry.busy, timeout=30_000)

    # the planner reopens the approved month, with a reason; a reopen of a month not approved is refused
    queue.reload()
    qtbot.waitUntil(lambda: not queue.busy, timeout=30_000)
    assert states(queue) == {BLOCKED: "submitted", CLEAN: "approved"}
    typed_reason(monkeypatch, "Corrección de la población de referencia")
    assert queue.select(CLEAN) and queue.reopen_button.isEnabled()
    queue.reopen_button.click()
    qtbot.waitUntil(lambda: not queue.busy, timeout=30_000)
    assert states(queue)[CLEAN] == "open"
    queue.select(BLOCKED)
    queue._act("reopen", "sin aprobar")  # what a stale button would ask: the core refuses, says why
    qtbot.waitUntil(lambda: not queue.busy, timeout=30_000)
    assert said.lines[-1][0] == "warning" and BLOCKED in said.last()
    assert states(queue)[BLOCKED] == "submitted"

    # the audit view lists the transitions, newest first, with who, old → new and why
    from ui.audit_view import AuditDialog

    audit = AuditDialog(planif, "PN")
    qtbot.addWidget(audit)
    qtbot.waitUntil(lambda: not audit.busy, timeout=30_000)
    qtmodeltester.check(audit.model)
    # the chain's state heads the view: intact, with as many entries as the file holds (read by sqlite3)
    with sqlite3.connect(planif.engine.url.database or "") as conn:
        entries = conn.execute("select count(*) from audit_log").fetchone()[0]
    assert audit.chain.text().startswith("✔ ") and f" {entries} " in audit.chain.text()
    audit.period_edit.setText(PERIOD)
    audit.unit_edit.setText("09D08C01")
    audit.action_box.setCurrentIndex(0)
    audit.search()
    qtbot.waitUntil(lambda: not audit.busy, timeout=30_000)
    seen = [
        (r.action, r.user, r.entity_key.split("/")[1] if r.entity == "submission" else None)
        for r in audit.model.records
    ]
    transitions = [s for s in seen if s[2] is not None]
    assert transitions == [
        ("reopen", "planif", CLEAN),
        ("submit", "jefe_s03", BLOCKED),
        ("return", "planif", BLOCKED),
        ("approve", "planif", CLEAN),
        ("submit", "jefe_s01", CLEAN),
        ("submit", "jefe_s03", BLOCKED),
    ]
    justified = [r for r in audit.model.records if r.action == "justify"]
    row = audit.model.records.index(justified[0])
    assert audit.model.index(row, 4).data() == f"{BLOCKED} · OPE-01 · 2025-10"
    assert audit.model.index(row, 5).data().startswith("causa: —, acción correctiva: — → causa: Feriado largo")
    assert [(r.user, r.new) for r in justified] == [
        ("jefe_s03", {"cause": "Feriado largo: patrullaje reducido", "action": "Refuerzo de turnos en noviembre"})
    ]
    top = [audit.model.index(0, c).data() for c in range(audit.model.columnCount())]
    assert top[1:5] == ["planif", "Reabrir", "Envío", f"{CLEAN} · 2025-10"]
    assert top[5] == "Aprobado → Abierto" and top[6] == "Corrección de la población de referencia"

    audit.user_edit.setText("jefe_s03")
    audit.action_box.setCurrentIndex(audit.action_box.findData("submit"))
    audit.search()
    qtbot.waitUntil(lambda: not audit.busy, timeout=30_000)
    assert [(r.action, r.user) for r in audit.model.records] == [("submit", "jefe_s03")] * 2
    audit.indicator_edit.setText("NO-EXISTE")
    audit.search()
    qtbot.waitUntil(lambda: not audit.busy, timeout=30_000)
    assert audit.model.rowCount() == 0 and "NO-EXISTE" in audit.summary.text()
    for dialog in (queue, audit):
        dialog.close()
    entry.model.undo_stack.setClean()


def test_sign_in_is_asked_only_when_needed(qtbot, demo_template: Path, people: Path, spanish) -> None:  # type: ignore[no-untyped-def]
    from ui.login_dialog import sign_in

    alone = Store.open(demo_template)  # an SQLite file without users: its owner, no question
    assert not alone.users.needs_sign_in() and sign_in(alone)
    assert alone.actor.name == "admin"
    assert Store.open(people).users.needs_sign_in()


def test_a_commander_cannot_approve_from_the_queue(qtbot, people: Path, spanish, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    said = Said(monkeypatch)
    assert signed_in(people, "jefe_s01").workflow.submit("PN", CLEAN, PERIOD).state == "submitted"
    jefe = signed_in(people, "jefe_s03")
    queue = queue_of(qtbot, jefe)
    assert queue.select(CLEAN)
    queue.approve_button.click()
    qtbot.waitUntil(lambda: not queue.busy, timeout=30_000)
    assert said.lines[-1][0] == "warning" and "jefe_s03" in said.last()  # the core's refusal, as it words it
    assert states(queue)[CLEAN] == "submitted"
    queue.close()
