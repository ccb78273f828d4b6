"""Sparring requests and offers.

Revision ID: 0003_sparring
Revises: 0002_search
"""
from alembic import op  # noqa: F401
import sqlalchemy as sa  # noqa: F401

revision = "0003_sparring"
down_revision = "0002_search"
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
