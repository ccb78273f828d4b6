"""Flags, merged threads, notification choices, digest state.

Revision ID: 0005_moderation
Revises: 0004_meetings
"""
from alembic import op
import sqlalchemy as sa

revision = "0005_moderation"
down_revision = "0004_meetings"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('flag',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('post_id', sa.Integer(), nullable=False),
    sa.Column('reporter_id', sa.Integer(), nullable=False),
    sa.Column('reason', sa.String(length=1000), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('resolved_by_id', sa.Integer(), nullable=True),
    sa.Column('resolved_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['post_id'], ['post.id'], name=op.f('fk_flag_post_id_post'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['reporter_id'], ['member.id'], name=op.f('fk_flag_reporter_id_member')),
    sa.ForeignKeyConstraint(['resolved_by_id'], ['member.id'], name=op.f('fk_flag_resolved_by_id_member')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_flag'))
    )
    with op.batch_alter_table('flag', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_flag_post_id'), ['post_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_flag_reporter_id'), ['reporter_id'], unique=False)
        batch_op.create_index('ix_flag_status_created', ['status', 'created_at'], unique=False)

    op.create_table('thread_merge',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('source_thread_id', sa.Integer(), nullable=False),
    sa.Column('target_thread_id', sa.Integer(), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['source_thread_id'], ['thread.id'], name=op.f('fk_thread_merge_source_thread_id_thread'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['target_thread_id'], ['thread.id'], name=op.f('fk_thread_merge_target_thread_id_thread'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['actor_id'], ['member.id'], name=op.f('fk_thread_merge_actor_id_member')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_thread_merge')),
    sa.UniqueConstraint('source_thread_id', name=op.f('uq_thread_merge_source_thread_id'))
    )
    with op.batch_alter_table('thread_merge', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_thread_merge_target_thread_id'), ['target_thread_id'], unique=False)

    op.create_table('notification_preference',
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('delivery', sa.String(length=10), nullable=False),
    sa.ForeignKeyConstraint(['member_id'], ['member.id'], name=op.f('fk_notification_preference_member_id_member'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('member_id', 'kind', name=op.f('pk_notification_preference'))
    )
    op.create_table('digest_state',
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('last_sent_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['member_id'], ['member.id'], name=op.f('fk_digest_state_member_id_member'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('member_id', name=op.f('pk_digest_state'))
    )


def downgrade():
    op.drop_table('digest_state')
    op.drop_table('notification_preference')
    with op.batch_alter_table('thread_merge', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_thread_merge_target_thread_id'))
    op.drop_table('thread_merge')
    with op.batch_alter_table('flag', schema=None) as batch_op:
        batch_op.drop_index('ix_flag_status_created')
        batch_op.drop_index(batch_op.f('ix_flag_reporter_id'))
        batch_op.drop_index(batch_op.f('ix_flag_post_id'))
    op.drop_table('flag')
