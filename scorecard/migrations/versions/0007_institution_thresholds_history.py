"""institution thresholds with a history

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-04 03:40:00

An institution's default thresholds change from a month on (``institution_thresholds``), as an
indicator's do: a change never rescores a month already approved.
"""

from alembic import op
import sqlalchemy as sa


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('institution_thresholds',
    sa.Column('institution_id', sa.Integer(), nullable=False),
    sa.Column('valid_from', sa.Integer(), nullable=False),
    sa.Column('green', sa.Float(), nullable=False),
    sa.Column('yellow', sa.Float(), nullable=False),
    sa.ForeignKeyConstraint(['institution_id'], ['institutions.id'],
                            name=op.f('fk_institution_thresholds_institution_id_institutions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('institution_id', 'valid_from', name=op.f('pk_institution_thresholds'))
    )


def downgrade() -> None:
    op.drop_table('institution_thresholds')
