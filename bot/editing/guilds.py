"""Per-guild settings (editor role, log and review channels) and the lookups members made that
found nothing: small tables, written with one upsert each."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import case, delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.models import GuildSettings, MissingLookup, utcnow
from bot.editing.core import EditingCore, config_of, missing_key
from bot.editing.views import GuildConfig, MissingQuery, aware
from bot.knowledge.models import EntryKind

MISSING_WINDOW_DAYS = 30


def upsert(session: AsyncSession, table: type[Any]) -> Any:
    """The dialect's INSERT, which has ON CONFLICT on both SQLite and PostgreSQL; imported here,
    so a process on SQLite never loads the PostgreSQL dialect (20 ms of every start)."""
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects import postgresql

        return postgresql.insert(table)
    from sqlalchemy.dialects import sqlite

    return sqlite.insert(table)


class GuildMethods(EditingCore):
    async def _set(self, guild_id: int, by: int, **values: int | None) -> GuildConfig:
        now = utcnow()
        async with self._sessions.begin() as session:
            statement = (
                upsert(session, GuildSettings)
                .values(guild_id=guild_id, updated_at=now, updated_by=by, **values)
                .on_conflict_do_update(
                    index_elements=["guild_id"],
                    set_={"updated_at": now, "updated_by": by, **values},
                )
            )
            await session.execute(statement)
            row = await session.get(GuildSettings, guild_id, populate_existing=True)
            return config_of(row, guild_id)

    async def set_editor_role(self, guild_id: int, role_id: int | None, *, by: int) -> GuildConfig:
        """Members with this role are editors besides those with Manage Guild (None: none)."""
        return await self._set(guild_id, by, editor_role_id=role_id)

    async def set_log_channel(
        self, guild_id: int, channel_id: int | None, *, by: int
    ) -> GuildConfig:
        """Where every change and suggestion is announced."""
        return await self._set(guild_id, by, log_channel_id=channel_id)

    async def set_review_channel(
        self, guild_id: int, channel_id: int | None, *, by: int
    ) -> GuildConfig:
        """Where suggestions wait for review; None: the log channel."""
        return await self._set(guild_id, by, review_channel_id=channel_id)

    async def record_missing(self, guild_id: int, kind: EntryKind | None, query: str) -> None:
        """Count a lookup that found nothing (`kind` None: a search across kinds). Only the
        normalized query, the kind, the count and the times are kept, never who asked; a
        query quiet for the whole window starts counting again from one."""
        text = missing_key(query)
        if not text:
            return
        now = utcnow()
        quiet = MissingLookup.last_seen < now - timedelta(days=MISSING_WINDOW_DAYS)
        async with self._sessions.begin() as session:
            statement = (
                upsert(session, MissingLookup)
                .values(
                    guild_id=guild_id,
                    kind=kind.value if kind else "",
                    query=text,
                    count=1,
                    first_seen=now,
                    last_seen=now,
                )
                .on_conflict_do_update(
                    index_elements=["guild_id", "kind", "query"],
                    set_={
                        "count": case((quiet, 1), else_=MissingLookup.count + 1),
                        "first_seen": case((quiet, now), else_=MissingLookup.first_seen),
                        "last_seen": now,
                    },
                )
            )
            await session.execute(statement)

    async def missing(
        self, guild_id: int, *, days: int = MISSING_WINDOW_DAYS, limit: int = 25
    ) -> list[MissingQuery]:
        """What the guild looked up and did not find in the last `days`, most asked first."""
        since = utcnow() - timedelta(days=days)
        async with self._sessions() as session:
            rows = await session.scalars(
                select(MissingLookup)
                .where(MissingLookup.guild_id == guild_id, MissingLookup.last_seen >= since)
                .order_by(
                    MissingLookup.count.desc(), MissingLookup.last_seen.desc(), MissingLookup.query
                )
                .limit(limit)
            )
            return [
                MissingQuery(
                    kind=EntryKind(r.kind) if r.kind else None,
                    query=r.query,
                    count=r.count,
                    last_seen=aware(r.last_seen),
                )
                for r in rows
            ]

    async def clear_missing(self, guild_id: int, kind: EntryKind | None, query: str) -> None:
        """Forget one missing query (dismissed). Adding the entry clears its names by itself."""
        async with self._sessions.begin() as session:
            await session.execute(
                delete(MissingLookup).where(
                    MissingLookup.guild_id == guild_id,
                    MissingLookup.kind == (kind.value if kind else ""),
                    MissingLookup.query == missing_key(query),
                )
            )
