"""Reuse records.

Revision ID: 0006_spreading
Revises: 0005_moderation
"""
from alembic import op
import sqlalchemy as sa

revision = "0006_spreading"
down_revision = "0005_moderation"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('reuse_record',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('thread_id', sa.Integer(), nullable=False),
    sa.Column('organization_id', sa.Integer(), nullable=False),
    sa.Column('phase_id', sa.Integer(), nullable=False),
    sa.Column('moved_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['thread_id'], ['thread.id'], name=op.f('fk_reuse_record_thread_id_thread'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['organization_id'], ['organization.id'], name=op.f('fk_reuse_record_organization_id_organization')),
    sa.ForeignKeyConstraint(['phase_id'], ['phase.id'], name=op.f('fk_reuse_record_phase_id_phase')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reuse_record')),
    sa.UniqueConstraint('thread_id', 'organization_id', name=op.f('uq_reuse_record_thread_id'))
    )
    with op.batch_alter_table('reuse_record', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_reuse_record_organization_id'), ['organization_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_reuse_record_phase_id'), ['phase_id'], unique=False)

    op.create_table('reuse_step',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('record_id', sa.Integer(), nullable=False),
    sa.Column('phase_id', sa.Integer(), nullable=False),
    sa.Column('previous_phase_id', sa.Integer(), nullable=True),
    sa.Column('note', sa.String(length=500), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['record_id'], ['reuse_record.id'], name=op.f('fk_reuse_step_record_id_reuse_record'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['phase_id'], ['phase.id'], name=op.f('fk_reuse_step_phase_id_phase')),
    sa.ForeignKeyConstraint(['previous_phase_id'], ['phase.id'], name=op.f('fk_reuse_step_previous_phase_id_phase')),
    sa.ForeignKeyConstraint(['member_id'], ['member.id'], name=op.f('fk_reuse_step_member_id_member'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reuse_step'))
    )
    with op.batch_alter_table('reuse_step', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_reuse_step_record_id'), ['record_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_reuse_step_phase_id'), ['phase_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_reuse_step_member_id'), ['member_id'], unique=False)


def downgrade():
    with op.batch_alter_table('reuse_step', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_reuse_step_member_id'))
        batch_op.drop_index(batch_op.f('ix_reuse_step_phase_id'))
        batch_op.drop_index(batch_op.f('ix_reuse_step_record_id'))

    op.drop_table('reuse_step')
    with op.batch_alter_table('reuse_record', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_reuse_record_phase_id'))
        batch_op.drop_index(batch_op.f('ix_reuse_record_organization_id'))

    op.drop_table('reuse_record')
