"""sources, editions, certified figures

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-04 06:20:00

An institution's figures come from several sources (``sources``); each import of one is an edition
(``editions``, with the figures it created or changed in ``edition_values``); a source other than an
indicator's official one keeps its figures in ``source_figures``; a register edition keeps its events'
keys (``register_events``); the planning office certifies a unit-month's figure (``certifications``).
Institutions get the tolerance beyond which two sources disagree; indicators name their official source.
"""

from alembic import op
import sqlalchemy as sa


revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('institutions') as b:
        b.add_column(sa.Column('tolerance_pct', sa.Float(), nullable=False, server_default='2'))
        b.add_column(sa.Column('tolerance_abs', sa.Float(), nullable=False, server_default='2'))
    with op.batch_alter_table('indicators') as b:
        b.add_column(sa.Column('official_source', sa.String(length=32), nullable=True))
    op.create_table('sources',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('institution_id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['institution_id'], ['institutions.id'],
                            name=op.f('fk_sources_institution_id_institutions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sources')),
    sa.UniqueConstraint('institution_id', 'code', name='uq_sources_institution_code')
    )
    op.create_index(op.f('ix_sources_institution_id'), 'sources', ['institution_id'], unique=False)
    op.create_table('editions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('institution_id', sa.Integer(), nullable=False),
    sa.Column('source', sa.String(length=32), nullable=False),
    sa.Column('batch_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('file', sa.String(length=500), nullable=True),
    sa.Column('user', sa.String(length=64), nullable=True),
    sa.Column('imported_at', sa.DateTime(), nullable=False),
    sa.Column('indicator_ids', sa.JSON(), nullable=False),
    sa.Column('first_month', sa.Integer(), nullable=False),
    sa.Column('last_month', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['batch_id'], ['batches.id'], name=op.f('fk_editions_batch_id_batches')),
    sa.ForeignKeyConstraint(['institution_id'], ['institutions.id'],
                            name=op.f('fk_editions_institution_id_institutions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_editions'))
    )
    op.create_index('ix_editions_institution_source', 'editions', ['institution_id', 'source'], unique=False)
    op.create_table('edition_values',
    sa.Column('edition_id', sa.Integer(), nullable=False),
    sa.Column('indicator_id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('month', sa.Integer(), nullable=False),
    sa.Column('value', sa.Float(), nullable=True),
    sa.Column('numerator', sa.Float(), nullable=True),
    sa.Column('denominator', sa.Float(), nullable=True),
    sa.Column('observations', sa.Float(), nullable=True),
    sa.ForeignKeyConstraint(['edition_id'], ['editions.id'],
                            name=op.f('fk_edition_values_edition_id_editions'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['indicator_id'], ['indicators.id'],
                            name=op.f('fk_edition_values_indicator_id_indicators'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_edition_values_unit_id_units'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('edition_id', 'indicator_id', 'unit_id', 'month', name=op.f('pk_edition_values'))
    )
    op.create_index('ix_edition_values_cell', 'edition_values', ['indicator_id', 'month', 'unit_id'], unique=False)
    op.create_table('source_figures',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('source_id', sa.Integer(), nullable=False),
    sa.Column('indicator_id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('month', sa.Integer(), nullable=False),
    sa.Column('value', sa.Float(), nullable=True),
    sa.Column('numerator', sa.Float(), nullable=True),
    sa.Column('denominator', sa.Float(), nullable=True),
    sa.Column('observations', sa.Float(), nullable=True),
    sa.Column('edition_id', sa.Integer(), nullable=True),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['edition_id'], ['editions.id'], name=op.f('fk_source_figures_edition_id_editions')),
    sa.ForeignKeyConstraint(['indicator_id'], ['indicators.id'],
                            name=op.f('fk_source_figures_indicator_id_indicators'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['source_id'], ['sources.id'], name=op.f('fk_source_figures_source_id_sources'),
                            ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_source_figures_unit_id_units'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_source_figures')),
    sa.UniqueConstraint('source_id', 'indicator_id', 'month', 'unit_id', name='uq_source_figures_key')
    )
    op.create_index('ix_source_figures_indicator_month', 'source_figures', ['indicator_id', 'month'], unique=False)
    op.create_table('register_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('edition_id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('month', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=500), nullable=False),
    sa.Column('row', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['edition_id'], ['editions.id'],
                            name=op.f('fk_register_events_edition_id_editions'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_register_events_unit_id_units'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_register_events'))
    )
    op.create_index('ix_register_events_edition_month', 'register_events', ['edition_id', 'month'], unique=False)
    op.create_table('certifications',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('institution_id', sa.Integer(), nullable=False),
    sa.Column('indicator_id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('month', sa.Integer(), nullable=False),
    sa.Column('value', sa.Float(), nullable=False),
    sa.Column('numerator', sa.Float(), nullable=True),
    sa.Column('denominator', sa.Float(), nullable=True),
    sa.Column('observations', sa.Float(), nullable=True),
    sa.Column('source', sa.String(length=32), nullable=True),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('basis', sa.JSON(), nullable=False),
    sa.Column('certified_by', sa.String(length=64), nullable=True),
    sa.Column('certified_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['indicator_id'], ['indicators.id'],
                            name=op.f('fk_certifications_indicator_id_indicators'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['institution_id'], ['institutions.id'],
                            name=op.f('fk_certifications_institution_id_institutions'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_certifications_unit_id_units'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_certifications')),
    sa.UniqueConstraint('indicator_id', 'month', 'unit_id', name='uq_certifications_key')
    )
    op.create_index(op.f('ix_certifications_institution_id'), 'certifications', ['institution_id'], unique=False)
    op.create_index('ix_certifications_unit_month', 'certifications', ['unit_id', 'month'], unique=False)


def downgrade() -> None:
    for t in ('certifications', 'register_events', 'source_figures', 'edition_values', 'editions', 'sources'):
        op.drop_table(t)
    with op.batch_alter_table('indicators') as b:
        b.drop_column('official_source')
    with op.batch_alter_table('institutions') as b:
        b.drop_column('tolerance_abs')
        b.drop_column('tolerance_pct')
