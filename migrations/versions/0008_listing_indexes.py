"""An index for newest-activity lists (the dashboard scanned every thread at 20,000).

Revision ID: 0008_listing_indexes
Revises: 0007_production
"""
from alembic import op

revision = "0008_listing_indexes"
down_revision = "0007_production"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("thread", schema=None) as batch_op:
        batch_op.create_index("ix_thread_recent", ["hidden", "last_activity_at"], unique=False)


def downgrade():
    with op.batch_alter_table("thread", schema=None) as batch_op:
        batch_op.drop_index("ix_thread_recent")
