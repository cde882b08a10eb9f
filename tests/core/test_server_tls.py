"""TLS to the shared server as docs/domain-decisions.md sets it up: ``sslmode=verify-full`` and the CA file
pass through the URL to libpq (and to pg_dump), a certificate that does not name the host or is signed by
another CA is refused.  Needs a server with TLS and the CA that signed its certificate (``.ci/run`` makes
both and says where, in ``$SCORECARD_TEST_PG_CA``)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url

from scorecard import db
from scorecard.errors import UserError
from scorecard.store import Store

pytestmark = pytest.mark.postgres


@pytest.fixture
def ca() -> Path:
    path = os.environ.get("SCORECARD_TEST_PG_CA")
    if not path or not Path(path).is_file():
        pytest.skip("no test CA for the server's certificate ($SCORECARD_TEST_PG_CA, set by .ci/run)")
    return Path(path)


def _url(pg_url: str, host: str, **query: str) -> str:
    u = make_url(pg_url)
    return u.set(host=host).update_query_dict(query).render_as_string(hide_password=False)


def test_verify_full_connects_to_the_named_host_over_tls(pg_url: str, ca: Path, tmp_path: Path) -> None:
    url = _url(pg_url, "localhost", sslmode="verify-full", sslrootcert=str(ca))
    store = Store.open(url, create=True)
    with store.reading() as s:
        ssl = s.execute(text("select ssl, version from pg_stat_ssl where pid = pg_backend_pid()")).one()
    assert ssl[0] is True and str(ssl[1]).startswith("TLS")
    # pg_dump (the copy before a schema upgrade) gets the same TLS settings
    info = db.conninfo(store.engine)
    assert "sslmode='verify-full'" in info and f"sslrootcert='{ca}'" in info
    dump = db.pg_dump(store.engine, tmp_path / "copia.dump")
    listed = subprocess.run(["pg_restore", "--list", str(dump)], capture_output=True, text=True, check=False)
    assert listed.returncode == 0 and "TABLE" in listed.stdout and "audit_log" in listed.stdout
    store.close()


def test_a_certificate_for_another_name_or_from_another_ca_is_refused(pg_url: str, ca: Path, tmp_path: Path) -> None:
    Store.open(pg_url, create=True).close()
    with pytest.raises(UserError) as exc:  # the certificate names localhost, not 127.0.0.1
        Store.open(_url(pg_url, "127.0.0.1", sslmode="verify-full", sslrootcert=str(ca)))
    assert exc.value.message_id == "db.unreachable" and "127.0.0.1" in exc.value.text("en")
    other = tmp_path / "otra-ca.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=Otra CA",
         "-keyout", str(tmp_path / "otra.key"), "-out", str(other)],
        capture_output=True, check=True,
    )  # fmt: skip
    with pytest.raises(UserError) as exc:
        Store.open(_url(pg_url, "localhost", sslmode="verify-full", sslrootcert=str(other)))
    assert exc.value.message_id == "db.unreachable" and "certificate" in exc.value.text("en").lower()
