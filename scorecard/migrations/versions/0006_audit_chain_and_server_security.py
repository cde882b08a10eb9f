"""audit hash chain, who at the database, per-user scorecard cache

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03 01:30:00

Every audit entry gets its place in a SHA-256 chain (``seq``, ``prev_hash``, ``hash``) and the database
login that made it (``db_user``); ``audit_chain`` holds the head.  Entries already there are chained in
id order: on SQLite here, on PostgreSQL by ``scorecard.server_security.install`` (the hash is the
server's own function there).  Cached scorecards belong to whoever built them (``built_by``).
"""

from alembic import op
import sqlalchemy as sa


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.add_column(sa.Column('db_user', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('seq', sa.BigInteger(), nullable=True))
        batch_op.add_column(sa.Column('prev_hash', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('hash', sa.String(length=64), nullable=True))
        batch_op.create_unique_constraint(batch_op.f('uq_audit_log_seq'), ['seq'])
    op.create_table('audit_chain',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('seq', sa.BigInteger(), nullable=False),
    sa.Column('hash', sa.String(length=64), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_chain'))
    )
    with op.batch_alter_table('scorecard_cache', schema=None) as batch_op:
        batch_op.add_column(sa.Column('built_by', sa.String(length=64), server_default='', nullable=False))
        batch_op.drop_constraint('uq_scorecard_cache_key', type_='unique')
        batch_op.create_unique_constraint(
            'uq_scorecard_cache_key', ['institution_id', 'period', 'ytd', 'unit_id', 'built_by'])
    bind = op.get_bind()
    if bind.dialect.name == 'sqlite':
        from scorecard.audit_chain import chain_existing_sqlite

        chain_existing_sqlite(bind)
    else:
        op.execute("INSERT INTO audit_chain (id, seq, hash) VALUES (1, 0, NULL)")


def downgrade() -> None:
    with op.batch_alter_table('scorecard_cache', schema=None) as batch_op:
        batch_op.drop_constraint('uq_scorecard_cache_key', type_='unique')
        batch_op.create_unique_constraint('uq_scorecard_cache_key', ['institution_id', 'period', 'ytd', 'unit_id'])
        batch_op.drop_column('built_by')
    op.drop_table('audit_chain')
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_audit_log_seq'), type_='unique')
        batch_op.drop_column('hash')
        batch_op.drop_column('prev_hash')
        batch_op.drop_column('seq')
        batch_op.drop_column('db_user')
