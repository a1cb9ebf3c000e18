"""What a change's transaction tells the other processes: PostgreSQL NOTIFY, keys only.

PostgreSQL delivers a notification when its transaction commits, and never when it rolls back,
so sending it inside the change's own transaction is exactly "tell them what was committed".
The listener is bot/knowledge/sync.py. SQLite serves one process and sends nothing.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.models import Entry

CHANNEL = "aixbot_catalog"


async def _notify(session: AsyncSession, payload: dict[str, Any]) -> None:
    connection = await session.connection()
    if connection.dialect.name != "postgresql":
        return
    await connection.execute(
        text("SELECT pg_notify(:channel, :payload)"),
        {"channel": CHANNEL, "payload": json.dumps(payload, separators=(",", ":"))},
    )


async def notify_change(session: AsyncSession, row: Entry, revision_id: int) -> None:
    """At commit: `row` moved to its version with revision `revision_id`."""
    await _notify(
        session,
        {
            "kind": "entry",
            "guild": row.guild_id,
            "entry": f"{row.kind}/{row.slug}",
            "row": row.id,
            "version": row.version,
            "revision": revision_id,
        },
    )


async def notify_catalog(session: AsyncSession) -> None:
    """At commit: the shipped set changed, so every process rebuilds its catalog."""
    await _notify(session, {"kind": "catalog"})
