"""Alembic environment, driven from code (``scorecard.db.ensure_schema``) with the app's own engine."""

from __future__ import annotations

from alembic import context

from scorecard.models import Base

config = context.config
engine = config.attributes["engine"]

with engine.begin() as connection:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    context.run_migrations()
