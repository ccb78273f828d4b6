"""Reuse records.

Revision ID: 0006_spreading
Revises: 0005_moderation
"""
from alembic import op  # noqa: F401
import sqlalchemy as sa  # noqa: F401

revision = "0006_spreading"
down_revision = "0005_moderation"
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
