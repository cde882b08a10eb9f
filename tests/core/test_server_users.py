"""Users of a shared server are the server's: names it takes unquoted, deactivation as NOLOGIN, a password
from the system keyring, none in the URL the app keeps, and a name another role already holds refused."""

from __future__ import annotations

import psycopg
import pytest
from keyring.backend import KeyringBackend

from scorecard import credentials
from scorecard.errors import UserError
from scorecard.store import Store
from tests.builders import load_small
from tests.people import PASSWORD, add_people, signed_in

pytestmark = pytest.mark.postgres


@pytest.fixture
def server(passwords_checked: str) -> Store:
    store = Store.open(passwords_checked, create=True)
    load_small(store, figures=False)
    add_people(store)
    return store


def _can_login(store: Store, name: str) -> bool:
    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/test") as conn:
        row = conn.execute("select rolcanlogin from pg_roles where rolname = %s", (name,)).fetchone()
    return bool(row and row[0])


@pytest.mark.parametrize(
    ("name", "suggestion"),
    [("jefe.09d08", "jefe_09d08"), ("Planif", "planif"), ("ana-maria@pn", "ana_maria_pn"), ("9jefe", "jefe")],
)
def test_names_postgresql_would_quote_are_refused_with_a_suggestion(server: Store, name: str, suggestion: str) -> None:
    with pytest.raises(UserError) as exc:
        server.users.add(name, "executive", password=PASSWORD)
    assert exc.value.message_id == "user.name_server" and exc.value.params["suggestion"] == suggestion
    assert suggestion in exc.value.text("es") and "PostgreSQL" in exc.value.text("en")
    with pytest.raises(UserError) as exc:  # a reserved word would need quoting too
        server.users.add("select", "executive", password=PASSWORD)
    assert exc.value.message_id == "user.name_server"
    assert name not in {u.name for u in server.users.list()}


def test_a_name_held_by_a_role_that_is_not_the_app_s_is_refused(server: Store) -> None:
    with pytest.raises(UserError) as exc:
        server.users.add("postgres", "admin", password=PASSWORD)  # the superuser's own name
    assert exc.value.message_id == "server.refused" and "not one of this app" in exc.value.text("en")
    assert "postgres" not in {u.name for u in server.users.list()}


def test_a_deactivated_user_cannot_sign_in_until_reactivated(server: Store) -> None:
    admin = signed_in(server.engine.url.render_as_string(hide_password=False), "jefa_ti")
    assert admin.users.set_active("planif", False).active is False
    assert not _can_login(server, "planif")
    url = server.engine.url.render_as_string(hide_password=False)
    with pytest.raises(UserError) as exc:
        signed_in(url, "planif")
    assert exc.value.message_id == "user.bad_credentials"  # the same answer as a wrong password
    with pytest.raises(UserError) as exc:
        signed_in(url, "jefe_c04").users.set_active("jefe_c04", True)
    assert exc.value.message_id == "access.role"
    admin.users.set_active("planif", True)
    assert _can_login(server, "planif") and signed_in(url, "planif").actor.name == "planif"
    with server.reading() as s:
        from sqlalchemy import select

        from scorecard.models import AuditEntry

        moves = [
            (e.db_user, e.old, e.new)
            for e in s.scalars(select(AuditEntry).where(AuditEntry.entity == "user", AuditEntry.action == "update"))
        ]
    assert moves == [("jefa_ti", {"active": True}, {"active": False}), ("jefa_ti", {"active": False}, {"active": True})]


class _Memory(KeyringBackend):
    """A keyring of this test's own (a desktop has the Secret Service, KWallet…)."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.kept: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.kept.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.kept[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.kept.pop((service, username), None)


def test_a_password_kept_in_the_system_keyring_signs_in_and_never_sits_in_the_url(
    server: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    import keyring

    monkeypatch.delenv("SCORECARD_PASSWORD", raising=False)
    memory = _Memory()
    previous = keyring.get_keyring()
    keyring.set_keyring(memory)
    try:
        url = server.engine.url.render_as_string(hide_password=False)
        with pytest.raises(UserError) as exc:  # nothing kept yet: where a password goes is said
            Store.open(url, user="planif")
        assert exc.value.message_id == "user.sign_in_required"
        assert credentials.keyring_available() and credentials.remember(url, "planif", PASSWORD)
        assert list(memory.kept) == [("gpr-scorecard", "planif@127.0.0.1:5432/test")]
        store = Store.open(url, user="planif")
        assert store.actor.name == "planif"
        shown = store.engine.url.render_as_string(hide_password=False)
        assert PASSWORD not in shown and store.engine.url.password is None
    finally:
        keyring.set_keyring(previous)
