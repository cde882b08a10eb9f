"""Revision 0004 (audit and review indexes): an 0003 database upgrades with its data, and the migrated
schema is the one the models describe."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import inspect, text

from scorecard import db
from scorecard.models import Base
from scorecard.store import Store


def _at_0003_with_history(url: str) -> None:
    from alembic import command

    engine = db.make_engine(url)
    command.upgrade(db._alembic_config(engine), "0003")
    with engine.begin() as conn:
        conn.execute(
            text(
                'insert into audit_log (at, "user", action, entity, entity_key, unit_id, month) '
                "values ('2025-02-01', 'jefe', 'revise', 'result', '1/2/202501', 2, 202501)"
            )
        )
    engine.dispose()


def test_an_0003_database_upgrades_to_the_workflow_indexes_keeping_its_audit(db_url: str, tmp_path: Path) -> None:
    _at_0003_with_history(db_url)
    store = Store.open(db_url, create=True, backup_dir=tmp_path / "bk")
    assert store.schema is not None and store.schema["state"] == "older"
    assert db.current_revision(store.engine) == db.head_revision()
    assert store.schema["backup"] and Path(str(store.schema["backup"])).exists()  # a copy, or a pg_dump
    insp = inspect(store.engine)
    audit_indexes = {i["name"] for i in insp.get_indexes("audit_log")}
    assert {"ix_audit_log_unit_month", "ix_audit_log_indicator_month"} <= audit_indexes
    assert "ix_submissions_month_state" in {i["name"] for i in insp.get_indexes("submissions")}
    [entry] = store.audit.entries()
    assert (entry.user, entry.action, entry.entity_key) == ("jefe", "revise", "1/2/202501")


def test_the_migrations_build_what_the_models_describe(db_url: str) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    store = Store.open(db_url, create=True)
    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []
