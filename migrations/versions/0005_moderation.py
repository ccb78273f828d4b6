"""Flags, suspensions, notification choices.

Revision ID: 0005_moderation
Revises: 0004_meetings
"""
from alembic import op  # noqa: F401
import sqlalchemy as sa  # noqa: F401

revision = "0005_moderation"
down_revision = "0004_meetings"
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
