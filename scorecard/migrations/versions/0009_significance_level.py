"""the institution's significance level

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-04 07:00:00

Beside the traffic light, a count says whether it can be told apart from its target by chance
(scorecard.chance): below ``alpha`` (default 0.05), per institution.
"""

from alembic import op
import sqlalchemy as sa


revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('institutions') as b:
        b.add_column(sa.Column('alpha', sa.Float(), nullable=False, server_default='0.05'))


def downgrade() -> None:
    with op.batch_alter_table('institutions') as b:
        b.drop_column('alpha')
