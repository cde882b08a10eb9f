"""edition values without their cell index

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-04 15:20:00

``edition_values`` is read by source, edition and indicator (scorecard.reconciliation.edition_frame): the
primary key (edition_id, indicator_id, unit_id, month) serves that.  The second index, by cell, served no
query and cost half of logging a national year's first edition (0.86 s → 0.42 s for 912,000 values).
"""

from alembic import op


revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index('ix_edition_values_cell', table_name='edition_values')


def downgrade() -> None:
    op.create_index('ix_edition_values_cell', 'edition_values', ['indicator_id', 'month', 'unit_id'], unique=False)
