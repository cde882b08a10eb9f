"""Every role × every write action of the core: allowed ones happen, refused ones change nothing."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import func, select

from scorecard.errors import UserError
from scorecard.figures import TargetRow
from scorecard.models import AuditEntry, Batch, Result, Submission, Target, User
from scorecard.store import Store
from tests.builders import PLAN, TREE, ids, load_small
from tests.people import PASSWORD, PEOPLE, add_people, hom, set_targets, signed_in, write

ROLES = list(PEOPLE)
MONTH = {name: 202502 + k for k, name in enumerate(ROLES)}  # each user acts on a month of their own

Action = Callable[[Store, int], object]


def period(m: int) -> str:
    return f"{m // 100}-{m % 100:02d}"


ACTIONS: dict[str, Action] = {
    "result_in_scope": lambda s, m: write(s, [hom(s, "09D08C04", m, 1)]),
    "result_elsewhere": lambda s, m: write(s, [hom(s, "09D01C01", m, 1)]),
    "target": lambda s, m: set_targets(s, [TargetRow(ids(s)[1]["HOM-01"], ids(s)[0]["09D08C04"], m, 3)]),
    "plan": lambda s, _m: s.plans.load("PN", PLAN, effective_from=190001),
    "units": lambda s, _m: s.units.load("PN", TREE),
    "user": lambda s, m: s.users.add(f"nuevo{m}", "executive", password=PASSWORD),
    "justify": lambda s, m: s.workflow.justify("PN", "09D08C04", "HOM-01", period(m), "causa", "acción"),
    "submit": lambda s, m: s.workflow.submit("PN", "09D08C04", period(m)),
    "approve": lambda s, m: s.workflow.approve("PN", "09D08C06", period(m)),
    "return": lambda s, m: s.workflow.return_("PN", "09D01", period(m), "faltan datos"),
    "reopen": lambda s, m: s.workflow.reopen("PN", "17D06", period(m), "corrección"),
}

ALLOWED = {
    "jefe_09d08": {"result_in_scope", "justify", "submit"},
    "jefe_c04": {"result_in_scope", "justify", "submit"},
    "planif": {
        "result_in_scope",
        "result_elsewhere",
        "target",
        "plan",
        "units",
        "justify",
        "submit",
        "approve",
        "return",
        "reopen",
    },
    "planif_fge": set(),
    "autoridad": set(),
    "jefa_ti": set(ACTIONS),
}


def footprint(store: Store) -> tuple[int, ...]:
    with store.reading() as s:
        return tuple(
            int(s.scalar(select(func.count()).select_from(m)) or 0)
            for m in (Result, Target, Batch, AuditEntry, Submission, User)
        )


@pytest.fixture
def url(db_url: str) -> str:
    store = Store.open(db_url, create=True)
    load_small(store)
    add_people(store)
    for m in MONTH.values():  # something to approve, return and reopen in each user's month
        store.workflow.submit("PN", "09D08C06", period(m))
        store.workflow.submit("PN", "09D01", period(m))
        store.workflow.submit("PN", "17D06", period(m))
        store.workflow.approve("PN", "17D06", period(m))
    store.close()
    return db_url


def test_each_role_may_do_what_its_role_allows_and_nothing_else(url: str) -> None:
    seen = []
    for name in ROLES:
        store = signed_in(url, name)
        for action, act in ACTIONS.items():
            before = footprint(store)
            refusal: UserError | None = None
            try:
                act(store, MONTH[name])
            except UserError as exc:
                refusal = exc
            if refusal is not None:
                assert refusal.message_id.startswith("access."), (name, action, refusal.message_id)
                assert "No se cambió nada" in refusal.text("es") and "Nothing was changed" in refusal.text("en")
                assert footprint(store) == before, (name, action)
            seen.append((name, action, refusal is None))
        store.close()
    got = {(n, a) for n, a, ok in seen if ok}
    assert got == {(n, a) for n, allowed in ALLOWED.items() for a in allowed}


def test_a_commander_names_the_units_outside_their_scope(url: str) -> None:
    store = signed_in(url, "jefe_c04")
    with pytest.raises(UserError) as exc:
        write(store, [hom(store, "09D08C04", 202503, 2), hom(store, "09D08C06", 202503, 2)])
    assert exc.value.message_id == "access.scope"
    assert "09D08C06" in exc.value.text("es") and "09D08C04" not in exc.value.params["units"]


def test_scorecards_are_read_within_ones_own_institution(url: str) -> None:
    for name in ("autoridad", "jefa_ti", "planif", "jefe_c04"):  # national executive, admin, PN staff
        assert signed_in(url, name).scoring.scorecard("PN", "2025-01").unit_code == "PN"
    with pytest.raises(UserError) as exc:
        signed_in(url, "planif_fge").scoring.scorecard("PN", "2025-01")
    assert exc.value.message_id == "access.read_institution"
    assert "FGE" in exc.value.text("es") and "PN" in exc.value.text("en")
