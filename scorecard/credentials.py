"""Where a server password comes from: the caller (the GUI's sign-in), ``$SCORECARD_PASSWORD`` (the CLI, a
service), or the system keyring when the optional ``keyring`` package is there and holds one.  Never an
argument list, a URL the app keeps, a log or a file of ours.
"""

from __future__ import annotations

import logging
import os

from sqlalchemy.engine import make_url

log = logging.getLogger(__name__)
SERVICE = "gpr-scorecard"


def keyring_entry(url: str, user: str) -> str:
    """The keyring's user field for a role on a server: ``user@host:port/db``."""
    u = make_url(url)
    return f"{user}@{u.host or 'localhost'}:{u.port or 5432}/{u.database}"


def server_login(url: str, user: str | None, password: str | None) -> tuple[str | None, str | None]:
    """The role to connect as and its password (None: the driver's defaults, e.g. ``~/.pgpass``)."""
    login = user or os.environ.get("SCORECARD_USER") or make_url(url).username
    secret = password or os.environ.get("SCORECARD_PASSWORD") or None
    if secret is None and login:
        secret = from_keyring(url, login)
    return login, secret


def from_keyring(url: str, user: str) -> str | None:
    try:
        import keyring
    except ImportError:
        return None
    try:
        return keyring.get_password(SERVICE, keyring_entry(url, user))
    except Exception as exc:  # no keyring back end on this desktop: as if it held nothing
        log.info("system keyring not available: %s", exc)
        return None


def remember(url: str, user: str, password: str) -> bool:
    """Keep the password in the system keyring (the GUI's "remember"); False where there is none."""
    try:
        import keyring

        keyring.set_password(SERVICE, keyring_entry(url, user), password)
    except Exception as exc:  # ImportError, or no back end
        log.info("password not kept in a keyring: %s", exc)
        return False
    return True


def keyring_available() -> bool:
    try:
        import keyring
        from keyring.backends import fail
    except ImportError:
        return False
    return not isinstance(keyring.get_keyring(), fail.Keyring)
