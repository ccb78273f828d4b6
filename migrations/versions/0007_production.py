"""Deletion requests; on PostgreSQL, full-text search columns (tsvector, GIN).

Revision ID: 0007_production
Revises: 0006_spreading

The search columns exist only on PostgreSQL: generated `tsvector` columns with the
built-in `danish` configuration, so the database keeps them in step with every insert and
update and every app server searches the same data (FORUM_SEARCH_BACKEND=postgres).
Adding a stored generated column rewrites the table: on 200,000 posts expect a minute.
The same statements are in forum/search/pg_backend.py (SEARCH_COLUMNS) for test schemas
built with create_all; keep the two equal.
"""
from alembic import op
import sqlalchemy as sa

revision = "0007_production"
down_revision = "0006_spreading"
branch_labels = None
depends_on = None

_DANISH = "'danish'::regconfig"


def _words(column: str) -> str:
    # PostgreSQL's parser reads "<script>" as an HTML tag and skips it; Whoosh indexes the
    # word. Angle brackets become spaces so both backends find the same words.
    return f"regexp_replace(coalesce({column}, ''), '[<>]', ' ', 'g')"


SEARCH_COLUMNS = {
    "thread": f"setweight(to_tsvector({_DANISH}, {_words('title')}), 'A')",
    "post": f"setweight(to_tsvector({_DANISH}, {_words('body_source')}), 'B')",
    "meeting": (f"setweight(to_tsvector({_DANISH}, {_words('title')}), 'A') || "
                f"setweight(to_tsvector({_DANISH}, {_words('agenda_source')}), 'B')"),
    "sparring_request": (f"setweight(to_tsvector({_DANISH}, {_words('title')}), 'A') || "
                         f"setweight(to_tsvector({_DANISH}, {_words('body_source')}), 'B')"),
}


def upgrade():
    op.create_table('deletion_request',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('reason', sa.String(length=1000), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('posts', sa.String(length=10), nullable=True),
    sa.Column('handled_by_id', sa.Integer(), nullable=True),
    sa.Column('handled_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['member_id'], ['member.id'], name=op.f('fk_deletion_request_member_id_member'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['handled_by_id'], ['member.id'], name=op.f('fk_deletion_request_handled_by_id_member'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_deletion_request'))
    )
    with op.batch_alter_table('deletion_request', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_deletion_request_member_id'), ['member_id'], unique=False)
        batch_op.create_index('ix_deletion_request_status_created', ['status', 'created_at'], unique=False)

    if op.get_bind().dialect.name == "postgresql":
        for table, expression in SEARCH_COLUMNS.items():
            op.execute(f"ALTER TABLE {table} ADD COLUMN search_vector tsvector "
                       f"GENERATED ALWAYS AS ({expression}) STORED")
            op.execute(f"CREATE INDEX ix_{table}_search_vector ON {table} USING gin (search_vector)")


def downgrade():
    if op.get_bind().dialect.name == "postgresql":
        for table in SEARCH_COLUMNS:
            op.execute(f"DROP INDEX IF EXISTS ix_{table}_search_vector")
            op.execute(f"ALTER TABLE {table} DROP COLUMN IF EXISTS search_vector")

    with op.batch_alter_table('deletion_request', schema=None) as batch_op:
        batch_op.drop_index('ix_deletion_request_status_created')
        batch_op.drop_index(batch_op.f('ix_deletion_request_member_id'))

    op.drop_table('deletion_request')
