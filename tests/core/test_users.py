"""Users: scrypt hashes, roles and scopes, sign-in with lockout and back-off, who a store acts as."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select, update

from scorecard.access import Actor
from scorecard.domain import Role
from scorecard.errors import UserError
from scorecard.models import AuditEntry, User
from scorecard.passwords import hash_password, verify_password
from scorecard.store import Store
from scorecard.users import MAX_FAILURES, lock_after
from tests.builders import load_small
from tests.people import PASSWORD, add_people, signed_in


@pytest.fixture
def store(db_url: str) -> Store:
    s = Store.open(db_url, create=True)
    load_small(s, figures=False)
    add_people(s)
    return s


def test_a_hash_carries_salt_and_cost_and_verifies_only_its_password() -> None:
    h1, h2 = hash_password("correcto-1"), hash_password("correcto-1")
    scheme, n, r, p, _salt, _key = h1.split("$")
    assert (scheme, int(n), int(r), int(p)) == ("scrypt", 2**14, 8, 1)
    assert h1 != h2  # a fresh salt each time
    assert verify_password("correcto-1", h1) and verify_password("correcto-1", h2)
    assert not verify_password("correcto-2", h1)
    assert not verify_password("correcto-1", None)
    assert not verify_password("correcto-1", "md5$abc")
    # parameters come from the string: a hash made at another cost still verifies
    import base64
    import hashlib

    raw = hashlib.scrypt(b"otra-clave", salt=b"0123456789abcdef", n=2**10, r=4, p=2, dklen=32)
    cheap = f"scrypt${2**10}$4$2${base64.b64encode(b'0123456789abcdef').decode()}${base64.b64encode(raw).decode()}"
    assert verify_password("otra-clave", cheap) and not verify_password("otra-clav", cheap)


def test_users_are_listed_with_role_institution_and_scope(store: Store) -> None:
    listed = {u.name: u.as_json() for u in store.users.list()}
    assert listed["jefe_09d08"] | {} == {
        "user": "jefe_09d08",
        "role": "commander",
        "institution": "PN",
        "scope": "09D08",
        "full_name": None,
        "active": True,
        "password": True,
        "locked_until": None,
    }
    assert (listed["planif"]["institution"], listed["planif"]["scope"]) == ("PN", None)
    assert (listed["jefa_ti"]["role"], listed["jefa_ti"]["institution"]) == ("admin", None)
    with store.reading() as s:
        stored = s.scalar(select(User.password_hash).where(User.name == "planif"))
        created = list(s.scalars(select(AuditEntry).where(AuditEntry.entity == "user", AuditEntry.action == "create")))
    if store.dialect == "sqlite":
        assert stored is not None and PASSWORD not in stored and stored.startswith("scrypt$")
    else:  # the server keeps the password (its own catalogue): the row only says that it has one
        assert stored == "server-managed"
    assert len(created) == 6 and all("hash" not in str(e.new) and PASSWORD not in str(e.new) for e in created)


@pytest.mark.parametrize(
    ("kw", "message_id"),
    [
        ({"role": "commander", "institution": "PN"}, "user.scope_required"),
        ({"role": "planner"}, "user.institution_required"),
        ({"role": "admin", "institution": "PN"}, "user.admin_scope"),
        ({"role": "jefe"}, "user.role_invalid"),
        ({"role": "commander", "institution": "PN", "scope": "09D99"}, "unit.unknown"),
        ({"role": "planner", "institution": "XX"}, "institution.unknown"),
        ({"role": "planner", "institution": "PN", "password": "corta"}, "user.password_short"),
    ],
)
def test_bad_users_are_refused_and_nothing_is_written(store: Store, kw: dict[str, str], message_id: str) -> None:
    before = len(store.users.list())
    kw = dict(kw)
    role = kw.pop("role")
    with pytest.raises(UserError) as exc:
        store.users.add("nuevo", role, **kw)
    assert exc.value.message_id == message_id
    assert exc.value.text("es") != exc.value.text("en")
    assert len(store.users.list()) == before


def test_a_name_is_taken_once(store: Store) -> None:
    with pytest.raises(UserError) as exc:
        store.users.add("planif", "planner", institution="PN")
    assert exc.value.message_id == "user.exists"


def test_only_an_administrator_adds_users(store: Store) -> None:
    for name in ("planif", "jefe_09d08", "autoridad"):
        with pytest.raises(UserError) as exc:
            signed_in(store.engine.url.render_as_string(hide_password=False), name).users.add(
                "x1", "executive", password=PASSWORD
            )
        assert exc.value.message_id.startswith("access.")
    root = signed_in(store.engine.url.render_as_string(hide_password=False), "jefa_ti")
    assert root.users.add("x1", "executive", password=PASSWORD).role is Role.EXECUTIVE


def test_sign_in_acts_as_the_user(store: Store) -> None:
    info = store.users.authenticate("jefe_09d08", PASSWORD)
    assert (info.name, info.role, info.scope) == ("jefe_09d08", Role.COMMANDER, "09D08")
    assert store.user == "jefe_09d08" and store.actor.role is Role.COMMANDER
    assert store.actor.scope_unit_id is not None


def test_wrong_passwords_lock_the_account_with_back_off(sqlite_url: str) -> None:
    """On a file the app counts failures; on a server the server checks passwords (and its lockout is the
    server's: docs/domain-decisions.md)."""
    store = Store.open(sqlite_url, create=True)
    load_small(store, figures=False)
    add_people(store)
    assert [lock_after(n) for n in (4, 5, 6, 7)] == [None, *(dt.timedelta(seconds=s) for s in (30, 60, 120))]
    assert lock_after(40) == dt.timedelta(hours=1)
    for _ in range(MAX_FAILURES):
        with pytest.raises(UserError) as exc:
            store.users.authenticate("planif", "equivocada")
        assert exc.value.message_id == "user.bad_credentials"
    # locked: even the right password is refused, and says for how long
    with pytest.raises(UserError) as exc:
        store.users.authenticate("planif", PASSWORD)
    assert exc.value.message_id == "user.locked" and 0 < exc.value.params["seconds"] <= 31
    info = store.users.get("planif")
    assert info.locked_until is not None
    with store.reading() as s:
        locks = list(s.scalars(select(AuditEntry).where(AuditEntry.entity == "user", AuditEntry.action == "lock")))
    assert [e.entity_key for e in locks] == ["planif"]
    # once the lock has run out, one more failure locks it for longer (back-off)
    with store.transaction() as s:
        s.execute(update(User).where(User.name == "planif").values(locked_until=dt.datetime(2000, 1, 1)))
    with pytest.raises(UserError):
        store.users.authenticate("planif", "equivocada")
    with pytest.raises(UserError) as exc:
        store.users.authenticate("planif", PASSWORD)
    assert exc.value.message_id == "user.locked" and 31 < exc.value.params["seconds"] <= 61
    # after it runs out, the right password gets in and resets the count
    with store.transaction() as s:
        s.execute(update(User).where(User.name == "planif").values(locked_until=dt.datetime(2000, 1, 1)))
    assert store.users.authenticate("planif", PASSWORD).name == "planif"
    with store.reading() as s:
        assert s.scalar(select(User.failed_attempts).where(User.name == "planif")) == 0


def test_an_unknown_user_gets_the_same_answer_as_a_wrong_password(store: Store) -> None:
    with pytest.raises(UserError) as exc:
        store.users.authenticate("nadie", PASSWORD)
    assert exc.value.message_id == "user.bad_credentials"


def test_who_a_store_acts_as(store: Store) -> None:
    url = store.engine.url.render_as_string(hide_password=False)
    if store.dialect == "sqlite":
        # the file is the boundary: the local admin stays, a name selects the user without a password
        with pytest.raises(UserError) as exc:
            _ = Store(store.engine, user="nadie").actor
        assert exc.value.message_id == "user.unknown"
        assert Store(store.engine).actor == Actor("admin", Role.ADMIN, local=True)
        assert Store(store.engine, user="planif").actor.role is Role.PLANNER
        return
    # a server: the connection is the user; a name alone changes nothing, the owner stays the owner
    assert Store(store.engine, user="planif").actor == Actor("postgres", Role.ADMIN, local=True)
    assert signed_in(url, "planif").actor.role is Role.PLANNER
    with pytest.raises(UserError) as exc:
        Store.open(url, user="nadie", password=PASSWORD)
    assert exc.value.message_id == "user.bad_credentials"


def test_a_server_without_users_is_run_by_its_owner(db_url: str) -> None:
    store = Store.open(db_url, create=True)
    owner = "admin" if store.dialect == "sqlite" else "postgres"  # the file's local admin; the schema's owner
    assert store.actor == Actor(owner, Role.ADMIN, local=True)
    store.users.add("jefa_ti", "admin", password=PASSWORD)
    assert store.users.count() == 1
    assert not store.users.needs_sign_in()  # a file with one user is its owner's; on a server, connected
    later = Store.open(db_url, sign_in_later=True)  # the GUI on a server: the sign-in makes the connection
    assert later.users.needs_sign_in() == (store.dialect != "sqlite")


def test_a_new_password_unlocks_and_only_an_admin_sets_someone_elses(store: Store) -> None:
    if store.dialect == "sqlite":
        for _ in range(MAX_FAILURES):
            with pytest.raises(UserError):
                store.users.authenticate("planif", "equivocada")
    url = store.engine.url.render_as_string(hide_password=False)
    jefe = signed_in(url, "jefe_c04")
    with pytest.raises(UserError) as exc:
        jefe.users.set_password("planif", "otra-clave-9")
    assert exc.value.message_id == "access.role"
    jefe.users.set_password("jefe_c04", "mi-nueva-clave")  # their own
    assert signed_in(url, "jefa_ti").users.set_password("planif", "otra-clave-9") is None
    assert store.users.get("planif").locked_until is None
    assert store.users.authenticate("planif", "otra-clave-9").name == "planif"
    assert store.users.authenticate("jefe_c04", "mi-nueva-clave").name == "jefe_c04"


def test_the_filing_deadline_is_the_planners_to_set(store: Store) -> None:
    url = store.engine.url.render_as_string(hide_password=False)
    with pytest.raises(UserError) as exc:
        signed_in(url, "jefe_c04").institutions.set_deadline("PN", 8)
    assert exc.value.message_id == "access.role"
    assert signed_in(url, "planif").institutions.set_deadline("PN", 8).deadline_days == 8
    with pytest.raises(UserError):
        store.institutions.set_deadline("PN", 0)
    assert store.workflow.state("PN", "09D08", "2025-01").deadline == dt.date(2025, 2, 12)


@pytest.mark.postgres
def test_on_a_server_any_front_end_signs_in_from_scorecard_password(
    pg_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = Store.open(pg_url, create=True)
    load_small(store, figures=False)
    add_people(store)
    monkeypatch.setenv("SCORECARD_PASSWORD", "equivocada")
    with pytest.raises(UserError) as exc:
        Store.open(pg_url, user="planif").scoring.scorecard("PN", "2025-01")
    assert exc.value.message_id == "user.bad_credentials"
    monkeypatch.setenv("SCORECARD_PASSWORD", PASSWORD)
    reader = Store.open(pg_url, user="planif")
    assert reader.scoring.scorecard("PN", "2025-01").unit_code == "PN"
    assert reader.actor.role is Role.PLANNER
