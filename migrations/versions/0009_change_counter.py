"""The change counter behind the per-member page cache (forum/pagecache).

Revision ID: 0009_change_counter
Revises: 0008_listing_indexes
"""
import sqlalchemy as sa
from alembic import op

revision = "0009_change_counter"
down_revision = "0008_listing_indexes"
branch_labels = None
depends_on = None


def upgrade():
    counter = op.create_table(
        "change_counter",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("value", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_change_counter")),
    )
    op.bulk_insert(counter, [{"id": 1, "value": 0}])


def downgrade():
    op.drop_table("change_counter")
