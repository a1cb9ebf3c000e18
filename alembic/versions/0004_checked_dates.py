"""checked dates: every stored entry text gains `checked`, every project `status_as_of`

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02 05:58:00

Schema 2 of the knowledge models (issue 12) makes `checked` required on every entry and
`status_as_of` on every project. Rows written before it (a guild's edits, their revisions, the
pending suggestions) would no longer parse, and the catalog would skip a guild's edits. Each is
given the date it was written on: the day its text was last put together from its sources is
the honest "last checked" date of that text, and a project's status was read on the same day.
The new kinds (org, person) need no schema change: `kind` is a free String(16).

Revisions are append-only, and stay so for the bot: the triggers are lifted for this one
rewrite inside the migration's transaction and put back before it commits. Only the missing
fields are added (and the content hash recomputed as the bot computes it); nothing a revision
said is changed. Downgrade takes the two fields out again.
"""

import hashlib
import json
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from alembic import op

revision: str = '0004'
down_revision: str | None = '0003'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

REFUSAL = 'revisions are append-only: never updated or deleted'
SQLITE_TRIGGERS = [
    f"""CREATE TRIGGER revisions_no_update BEFORE UPDATE ON revisions
    BEGIN SELECT RAISE(ABORT, '{REFUSAL}'); END""",
    f"""CREATE TRIGGER revisions_no_delete BEFORE DELETE ON revisions
    BEGIN SELECT RAISE(ABORT, '{REFUSAL}'); END""",
]
POSTGRES_TRIGGER = """CREATE TRIGGER revisions_no_update_or_delete BEFORE UPDATE OR DELETE
    ON revisions FOR EACH ROW EXECUTE FUNCTION revisions_append_only()"""

entries = sa.table(
    'entries',
    sa.column('id', sa.Integer),
    sa.column('kind', sa.String),
    sa.column('version', sa.Integer),
    sa.column('data', sa.JSON),
    sa.column('content_hash', sa.String),
    sa.column('updated_at', sa.DateTime(timezone=True)),
    sa.column('schema_version', sa.Integer),
)
revisions = sa.table(
    'revisions',
    sa.column('id', sa.Integer),
    sa.column('entry_id', sa.Integer),
    sa.column('version', sa.Integer),
    sa.column('data', sa.JSON),
    sa.column('content_hash', sa.String),
    sa.column('created_at', sa.DateTime(timezone=True)),
    sa.column('schema_version', sa.Integer),
)
suggestions = sa.table(
    'suggestions',
    sa.column('id', sa.Integer),
    sa.column('kind', sa.String),
    sa.column('data', sa.JSON),
    sa.column('created_at', sa.DateTime(timezone=True)),
)


def _hash(data: dict[str, Any]) -> str:
    """bot.knowledge.store.content_hash as of this revision (a migration never imports the
    app, whose code moves on)."""
    canonical = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(',', ':'))
    return hashlib.sha256(canonical.encode('utf-8')).hexdigest()


def _with_dates(data: dict[str, Any], written: datetime) -> dict[str, Any]:
    out = dict(data)
    day = written.date().isoformat()
    out.setdefault('checked', day)
    if str(out.get('id', '')).startswith('project/'):
        out.setdefault('status_as_of', out['checked'])
    return out


def _without_dates(data: dict[str, Any], written: datetime) -> dict[str, Any]:
    return {k: v for k, v in data.items() if k not in ('checked', 'status_as_of')}


def _is_sqlite() -> bool:
    return op.get_bind().dialect.name == 'sqlite'


def _rewrite(
    change: Callable[[dict[str, Any], datetime], dict[str, Any]], schema: int
) -> None:
    bind = op.get_bind()
    written: dict[tuple[int, int], datetime] = {}
    for row in bind.execute(sa.select(revisions)).mappings().all():
        written[row['entry_id'], row['version']] = row['created_at']
        data = change(row['data'], row['created_at'])
        if data != row['data']:
            bind.execute(
                revisions.update()
                .where(revisions.c.id == row['id'])
                .values(data=data, content_hash=_hash(data), schema_version=schema)
            )
    for row in bind.execute(sa.select(entries)).mappings().all():
        # The date of the revision holding this text, so row and revision keep one hash (a
        # retired row's updated_at is the retirement, not the text).
        data = change(row['data'], written.get((row['id'], row['version']), row['updated_at']))
        if data != row['data']:
            bind.execute(
                entries.update()
                .where(entries.c.id == row['id'])
                .values(data=data, content_hash=_hash(data), schema_version=schema)
            )
    for row in bind.execute(sa.select(suggestions)).mappings().all():
        data = change(row['data'], row['created_at'])
        if data != row['data']:
            bind.execute(suggestions.update().where(suggestions.c.id == row['id']).values(data=data))


def _lift_append_only() -> None:
    if _is_sqlite():
        op.execute('DROP TRIGGER revisions_no_update')
        op.execute('DROP TRIGGER revisions_no_delete')
    else:
        op.execute('DROP TRIGGER revisions_no_update_or_delete ON revisions')


def _restore_append_only() -> None:
    for statement in SQLITE_TRIGGERS if _is_sqlite() else [POSTGRES_TRIGGER]:
        op.execute(statement)


def upgrade() -> None:
    _lift_append_only()
    _rewrite(_with_dates, 2)
    _restore_append_only()


def downgrade() -> None:
    _lift_append_only()
    _rewrite(_without_dates, 1)
    _restore_append_only()
