"""results: no index on batch_id

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23 11:20:00

Nothing reads results by batch (a value's batch is read from the value; the audit trail keys batches
itself), and keeping that index cost ~0.8 s of every national import (0.9 M entries).  The column and
its foreign key stay.
"""

from alembic import op


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('results', schema=None) as batch_op:
        batch_op.drop_index('ix_results_batch_id')


def downgrade() -> None:
    with op.batch_alter_table('results', schema=None) as batch_op:
        batch_op.create_index('ix_results_batch_id', ['batch_id'], unique=False)
