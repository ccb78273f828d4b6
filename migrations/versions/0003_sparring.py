"""Sparring requests and offers.

Revision ID: 0003_sparring
Revises: 0002_search
"""
from alembic import op
import sqlalchemy as sa

revision = "0003_sparring"
down_revision = "0002_search"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('sparring_profile',
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('open_now', sa.Boolean(), nullable=False),
    sa.Column('note', sa.String(length=300), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['member_id'], ['member.id'], name=op.f('fk_sparring_profile_member_id_member'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('member_id', name=op.f('pk_sparring_profile'))
    )
    op.create_table('sparring_profile_phase',
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('phase_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['member_id'], ['sparring_profile.member_id'], name=op.f('fk_sparring_profile_phase_member_id_sparring_profile'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['phase_id'], ['phase.id'], name=op.f('fk_sparring_profile_phase_phase_id_phase'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('member_id', 'phase_id', name=op.f('pk_sparring_profile_phase'))
    )
    with op.batch_alter_table('sparring_profile_phase', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sparring_profile_phase_phase_id'), ['phase_id'], unique=False)

    op.create_table('sparring_request',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('requester_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('body_source', sa.Text(), nullable=False),
    sa.Column('body_html', sa.Text(), nullable=False),
    sa.Column('channels', sa.String(length=40), nullable=False),
    sa.Column('open_to_all', sa.Boolean(), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('answer_by', sa.Date(), nullable=True),
    sa.Column('matched_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('closed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('closed_by_id', sa.Integer(), nullable=True),
    sa.Column('learning_source', sa.Text(), nullable=False),
    sa.Column('learning_html', sa.Text(), nullable=False),
    sa.Column('learning_thread_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['closed_by_id'], ['member.id'], name=op.f('fk_sparring_request_closed_by_id_member')),
    sa.ForeignKeyConstraint(['learning_thread_id'], ['thread.id'], name=op.f('fk_sparring_request_learning_thread_id_thread'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['requester_id'], ['member.id'], name=op.f('fk_sparring_request_requester_id_member')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sparring_request'))
    )
    with op.batch_alter_table('sparring_request', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sparring_request_requester_id'), ['requester_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_sparring_request_status'), ['status'], unique=False)

    op.create_table('sparring_offer',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('message', sa.Text(), nullable=False),
    sa.Column('accepted', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['member_id'], ['member.id'], name=op.f('fk_sparring_offer_member_id_member')),
    sa.ForeignKeyConstraint(['request_id'], ['sparring_request.id'], name=op.f('fk_sparring_offer_request_id_sparring_request'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sparring_offer')),
    sa.UniqueConstraint('request_id', 'member_id', name=op.f('uq_sparring_offer_request_id'))
    )
    with op.batch_alter_table('sparring_offer', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sparring_offer_member_id'), ['member_id'], unique=False)

    op.create_table('sparring_recipient',
    sa.Column('request_id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['member_id'], ['member.id'], name=op.f('fk_sparring_recipient_member_id_member'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['request_id'], ['sparring_request.id'], name=op.f('fk_sparring_recipient_request_id_sparring_request'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('request_id', 'member_id', name=op.f('pk_sparring_recipient'))
    )
    with op.batch_alter_table('sparring_recipient', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sparring_recipient_member_id'), ['member_id'], unique=False)

    op.create_table('sparring_request_phase',
    sa.Column('request_id', sa.Integer(), nullable=False),
    sa.Column('phase_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['phase_id'], ['phase.id'], name=op.f('fk_sparring_request_phase_phase_id_phase'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['request_id'], ['sparring_request.id'], name=op.f('fk_sparring_request_phase_request_id_sparring_request'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('request_id', 'phase_id', name=op.f('pk_sparring_request_phase'))
    )
    with op.batch_alter_table('sparring_request_phase', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sparring_request_phase_phase_id'), ['phase_id'], unique=False)


def downgrade():
    with op.batch_alter_table('sparring_request_phase', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sparring_request_phase_phase_id'))

    op.drop_table('sparring_request_phase')
    with op.batch_alter_table('sparring_recipient', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sparring_recipient_member_id'))

    op.drop_table('sparring_recipient')
    with op.batch_alter_table('sparring_offer', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sparring_offer_member_id'))

    op.drop_table('sparring_offer')
    with op.batch_alter_table('sparring_request', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sparring_request_status'))
        batch_op.drop_index(batch_op.f('ix_sparring_request_requester_id'))

    op.drop_table('sparring_request')
    with op.batch_alter_table('sparring_profile_phase', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sparring_profile_phase_phase_id'))

    op.drop_table('sparring_profile_phase')
    op.drop_table('sparring_profile')
