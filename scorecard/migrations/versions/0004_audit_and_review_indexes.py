"""audit trail and review queue look-ups

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23 08:00:00

``scorecard audit --unit/--indicator/--period`` and the review queue of a month read by these columns;
without indexes each is a scan of the whole (ever-growing, append-only) audit log.
"""

from alembic import op


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.create_index('ix_audit_log_unit_month', ['unit_id', 'month'], unique=False)
        batch_op.create_index('ix_audit_log_indicator_month', ['indicator_id', 'month'], unique=False)
    with op.batch_alter_table('submissions', schema=None) as batch_op:
        batch_op.create_index('ix_submissions_month_state', ['month', 'state'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('submissions', schema=None) as batch_op:
        batch_op.drop_index('ix_submissions_month_state')
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.drop_index('ix_audit_log_indicator_month')
        batch_op.drop_index('ix_audit_log_unit_month')
