"""revision step index: revisions(entry_id, action), so counting an entry's steps reads no texts

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02 16:40:00

Every change counts the entry's history steps in the statement that reads its rows
(bot/editing/rows.py `scoped`). With only `entry_id` indexed that count visits each revision
row, and a revision carries the entry's whole text, so an edit got slower as the history grew
(the edit benchmark: 91 edits/s over 1,000 edits of one entry). With `action` in the index the
count is answered from the index alone. Schema only; no row changes.
"""

from collections.abc import Sequence

from alembic import op

revision: str = '0005'
down_revision: str | None = '0004'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index('ix_revisions_entry_action', 'revisions', ['entry_id', 'action'])


def downgrade() -> None:
    op.drop_index('ix_revisions_entry_action', table_name='revisions')
