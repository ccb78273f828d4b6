"""Meetings, RSVPs, reminders, calendar feed tokens, membership applications.

Revision ID: 0004_meetings
Revises: 0003_sparring
"""
from alembic import op
import sqlalchemy as sa

revision = "0004_meetings"
down_revision = "0003_sparring"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('meeting',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('date', sa.Date(), nullable=False),
    sa.Column('starts', sa.Time(), nullable=False),
    sa.Column('ends', sa.Time(), nullable=False),
    sa.Column('host_organization_id', sa.Integer(), nullable=True),
    sa.Column('host_name', sa.String(length=200), nullable=False),
    sa.Column('address', sa.String(length=300), nullable=False),
    sa.Column('room', sa.String(length=200), nullable=False),
    sa.Column('agenda_source', sa.Text(), nullable=False),
    sa.Column('agenda_html', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('notes_thread_id', sa.Integer(), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['member.id'], name=op.f('fk_meeting_created_by_id_member'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['host_organization_id'], ['organization.id'], name=op.f('fk_meeting_host_organization_id_organization'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['notes_thread_id'], ['thread.id'], name=op.f('fk_meeting_notes_thread_id_thread'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meeting'))
    )
    with op.batch_alter_table('meeting', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_meeting_host_organization_id'), ['host_organization_id'], unique=False)
        batch_op.create_index('ix_meeting_status_date', ['status', 'date'], unique=False)

    op.create_table('meeting_rsvp',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('attending', sa.Boolean(), nullable=False),
    sa.Column('answered_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], name=op.f('fk_meeting_rsvp_meeting_id_meeting'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['member_id'], ['member.id'], name=op.f('fk_meeting_rsvp_member_id_member'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meeting_rsvp')),
    sa.UniqueConstraint('meeting_id', 'member_id', name=op.f('uq_meeting_rsvp_meeting_id'))
    )
    with op.batch_alter_table('meeting_rsvp', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_meeting_rsvp_member_id'), ['member_id'], unique=False)

    op.create_table('meeting_reminder',
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('queued_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], name=op.f('fk_meeting_reminder_meeting_id_meeting'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['member_id'], ['member.id'], name=op.f('fk_meeting_reminder_member_id_member'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('meeting_id', 'member_id', name=op.f('pk_meeting_reminder'))
    )
    op.create_table('calendar_token',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('last_used_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['member_id'], ['member.id'], name=op.f('fk_calendar_token_member_id_member'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_calendar_token')),
    sa.UniqueConstraint('member_id', name=op.f('uq_calendar_token_member_id')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_calendar_token_token_hash'))
    )
    op.create_table('application',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('organization_name', sa.String(length=200), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('motivation', sa.Text(), nullable=False),
    sa.Column('commitment', sa.Boolean(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('reviewed_by_id', sa.Integer(), nullable=True),
    sa.Column('reviewed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('member_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['member_id'], ['member.id'], name=op.f('fk_application_member_id_member'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['reviewed_by_id'], ['member.id'], name=op.f('fk_application_reviewed_by_id_member'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_application'))
    )
    with op.batch_alter_table('application', schema=None) as batch_op:
        batch_op.create_index('ix_application_email_status', ['email', 'status'], unique=False)
        batch_op.create_index(batch_op.f('ix_application_status'), ['status'], unique=False)


def downgrade():
    with op.batch_alter_table('application', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_application_status'))
        batch_op.drop_index('ix_application_email_status')

    op.drop_table('application')
    op.drop_table('calendar_token')
    op.drop_table('meeting_reminder')
    with op.batch_alter_table('meeting_rsvp', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_meeting_rsvp_member_id'))

    op.drop_table('meeting_rsvp')
    with op.batch_alter_table('meeting', schema=None) as batch_op:
        batch_op.drop_index('ix_meeting_status_date')
        batch_op.drop_index(batch_op.f('ix_meeting_host_organization_id'))

    op.drop_table('meeting')
