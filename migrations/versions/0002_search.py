"""Search index queue.

Revision ID: 0002_search
Revises: 0001_core
"""
from alembic import op
import sqlalchemy as sa

revision = "0002_search"
down_revision = "0001_core"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('search_pending',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('object_id', sa.Integer(), nullable=False),
    sa.Column('action', sa.String(length=10), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('applied_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_search_pending'))
    )
    with op.batch_alter_table('search_pending', schema=None) as batch_op:
        batch_op.create_index('ix_search_pending_applied_at', ['applied_at'], unique=False)


def downgrade():
    with op.batch_alter_table('search_pending', schema=None) as batch_op:
        batch_op.drop_index('ix_search_pending_applied_at')

    op.drop_table('search_pending')
