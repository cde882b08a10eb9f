"""PostgreSQL: the application's role may read and write every table but never rewrite history.

``scorecard db grant-app-role ROLE`` (run by the schema's owner) grants ROLE what the app needs on the
schema of the database URL and nothing but SELECT and INSERT on ``audit_log``: the append-only audit is
then enforced by the server, not only by the application.
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import Engine, text

from scorecard.errors import UserError

ROLE_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,62}$")


def grant_statements(schema: str, role: str) -> list[str]:
    s, r = f'"{schema}"', f'"{role}"'
    return [
        f"GRANT USAGE ON SCHEMA {s} TO {r}",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {s} TO {r}",
        f"GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA {s} TO {r}",
        f"REVOKE UPDATE, DELETE, TRUNCATE ON {s}.audit_log FROM {r}",
        f"GRANT SELECT, INSERT ON {s}.audit_log TO {r}",
    ]


def grant_app_role(engine: Engine, role: str) -> dict[str, Any]:
    """Grant ``role`` the application's rights on the current schema; returns what was granted."""
    if engine.dialect.name != "postgresql":
        raise UserError("grant.server_only")
    if not ROLE_NAME.match(role):
        raise UserError("grant.role_invalid", role=role)
    with engine.begin() as conn:
        schema = conn.execute(text("select current_schema()")).scalar_one()
        statements = grant_statements(schema, role)
        for sql in statements:
            conn.execute(text(sql))
    return {"role": role, "schema": schema, "audit_log": ["SELECT", "INSERT"], "statements": statements}
