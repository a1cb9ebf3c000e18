"""editing: guild settings, suggestions, missing lookups, shipped notices, append-only revisions

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01 23:43:44.602834

Columns are added in place (ALTER TABLE ADD / DROP COLUMN), never by SQLite's batch copy: a copy
of `entries` would have to drop the table that `revisions` points at, and the triggers on
`revisions` would not survive a copy of that one.
"""

from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op


revision: str = '0002'
down_revision: str | None = '0001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

REFUSAL = 'revisions are append-only: never updated or deleted'

SQLITE_TRIGGERS = [
    f"""CREATE TRIGGER revisions_no_update BEFORE UPDATE ON revisions
    BEGIN SELECT RAISE(ABORT, '{REFUSAL}'); END""",
    f"""CREATE TRIGGER revisions_no_delete BEFORE DELETE ON revisions
    BEGIN SELECT RAISE(ABORT, '{REFUSAL}'); END""",
]

POSTGRES_TRIGGERS = [
    f"""CREATE FUNCTION revisions_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION '{REFUSAL}' USING ERRCODE = 'restrict_violation';
    END
    $$""",
    """CREATE TRIGGER revisions_no_update_or_delete BEFORE UPDATE OR DELETE ON revisions
    FOR EACH ROW EXECUTE FUNCTION revisions_append_only()""",
    """CREATE TRIGGER revisions_no_truncate BEFORE TRUNCATE ON revisions
    FOR EACH STATEMENT EXECUTE FUNCTION revisions_append_only()""",
]


def _is_sqlite() -> bool:
    return op.get_bind().dialect.name == 'sqlite'


def upgrade() -> None:
    op.create_table('guild_settings',
    sa.Column('guild_id', sa.BigInteger(), autoincrement=False, nullable=False),
    sa.Column('editor_role_id', sa.BigInteger(), nullable=True),
    sa.Column('log_channel_id', sa.BigInteger(), nullable=True),
    sa.Column('review_channel_id', sa.BigInteger(), nullable=True),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_by', sa.BigInteger(), nullable=True),
    sa.PrimaryKeyConstraint('guild_id', name=op.f('pk_guild_settings'))
    )
    op.create_table('missing_lookups',
    sa.Column('guild_id', sa.BigInteger(), autoincrement=False, nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('query', sa.String(length=100), nullable=False),
    sa.Column('count', sa.Integer(), nullable=False),
    sa.Column('first_seen', sa.DateTime(timezone=True), nullable=False),
    sa.Column('last_seen', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('guild_id', 'kind', 'query', name=op.f('pk_missing_lookups'))
    )
    op.create_table('suggestions',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('guild_id', sa.BigInteger(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('slug', sa.String(length=64), nullable=True),
    sa.Column('based_on_version', sa.Integer(), nullable=True),
    sa.Column('language', sa.String(length=2), nullable=False),
    sa.Column('data', sa.JSON(), nullable=False),
    sa.Column('source', sa.Text(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('author_id', sa.BigInteger(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('decided_by', sa.BigInteger(), nullable=True),
    sa.Column('decided_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('decision_reason', sa.Text(), nullable=True),
    sa.Column('review_channel_id', sa.BigInteger(), nullable=True),
    sa.Column('review_message_id', sa.BigInteger(), nullable=True),
    sa.Column('interaction_id', sa.BigInteger(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_suggestions'))
    )
    op.create_index('ix_suggestions_guild_status', 'suggestions', ['guild_id', 'status'], unique=False)
    op.create_index(op.f('ix_suggestions_interaction_id'), 'suggestions', ['interaction_id'], unique=True)

    op.create_table('shipped_notices',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('guild_id', sa.BigInteger(), nullable=False),
    sa.Column('entry_id', sa.Integer(), nullable=False),
    sa.Column('shipped_entry_id', sa.Integer(), nullable=False),
    sa.Column('old_version', sa.Integer(), nullable=True),
    sa.Column('new_version', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('decided_by', sa.BigInteger(), nullable=True),
    sa.Column('decided_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('channel_id', sa.BigInteger(), nullable=True),
    sa.Column('message_id', sa.BigInteger(), nullable=True),
    sa.ForeignKeyConstraint(['entry_id'], ['entries.id'], name=op.f('fk_shipped_notices_entry_id_entries')),
    sa.ForeignKeyConstraint(['shipped_entry_id'], ['entries.id'], name=op.f('fk_shipped_notices_shipped_entry_id_entries')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_shipped_notices')),
    sa.UniqueConstraint('entry_id', 'new_version', name='uq_shipped_notices_entry_version')
    )
    op.create_index('ix_shipped_notices_guild_status', 'shipped_notices', ['guild_id', 'status'], unique=False)

    op.add_column('entries', sa.Column('schema_version', sa.Integer(), server_default='1', nullable=False))
    op.add_column('entries', sa.Column('base_version', sa.Integer(), nullable=True))
    op.add_column('entries', sa.Column('follows_shipped', sa.Boolean(), server_default='0', nullable=False))
    op.add_column('revisions', sa.Column('schema_version', sa.Integer(), server_default='1', nullable=False))
    op.add_column('revisions', sa.Column('interaction_id', sa.BigInteger(), nullable=True))
    op.create_index(op.f('ix_revisions_interaction_id'), 'revisions', ['interaction_id'], unique=True)

    for statement in SQLITE_TRIGGERS if _is_sqlite() else POSTGRES_TRIGGERS:
        op.execute(statement)


def downgrade() -> None:
    if _is_sqlite():
        op.execute('DROP TRIGGER revisions_no_update')
        op.execute('DROP TRIGGER revisions_no_delete')
    else:
        op.execute('DROP TRIGGER revisions_no_truncate ON revisions')
        op.execute('DROP TRIGGER revisions_no_update_or_delete ON revisions')
        op.execute('DROP FUNCTION revisions_append_only()')

    op.drop_index(op.f('ix_revisions_interaction_id'), table_name='revisions')
    op.drop_column('revisions', 'interaction_id')
    op.drop_column('revisions', 'schema_version')
    op.drop_column('entries', 'follows_shipped')
    op.drop_column('entries', 'base_version')
    op.drop_column('entries', 'schema_version')

    op.drop_index('ix_shipped_notices_guild_status', table_name='shipped_notices')
    op.drop_table('shipped_notices')
    op.drop_index(op.f('ix_suggestions_interaction_id'), table_name='suggestions')
    op.drop_index('ix_suggestions_guild_status', table_name='suggestions')
    op.drop_table('suggestions')
    op.drop_table('missing_lookups')
    op.drop_table('guild_settings')
