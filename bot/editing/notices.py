"""A release that changes the shipped text under a guild's own edit: the guild's text stays, a
notice row waits for "keep ours" or "take the new shipped text", and guilds that follow the
shipped text are moved onto the new one."""

from __future__ import annotations

from datetime import datetime
from typing import Literal, cast

from sqlalchemy import and_, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from bot.db.models import SHIPPED, Entry, Revision, ShippedNotice, utcnow
from bot.editing.core import EditingCore
from bot.editing.diff import render, unified
from bot.editing.guilds import upsert
from bot.editing.rows import Change, Scoped, Stale, write
from bot.editing.views import ChangeResult, ShippedNoticeView, aware
from bot.errors import NoticeNotFound, NoticeStale
from bot.knowledge.models import EntryKind


class NoticeMethods(EditingCore):
    async def reconcile_shipped(self) -> list[ShippedNoticeView]:
        """Run after every shipped load: a notice for each guild text whose shipped base is now
        older, and guilds that follow the shipped text moved onto the new one (a `follow`
        revision, not shown in history). Returns the notices it created.

        It reads the state, not what the load reported, so it is safe on every start and a
        crash between the load and this call loses nothing: the next start finds the same
        rows. Two processes running it at once create each notice once.
        """
        overlay, shipped = aliased(Entry), aliased(Entry)
        created: list[int] = []
        followed: list[Entry] = []
        async with self._sessions.begin() as session:
            pairs = (
                await session.execute(
                    select(overlay, shipped)
                    .join(
                        shipped,
                        and_(
                            shipped.guild_id == SHIPPED,
                            shipped.kind == overlay.kind,
                            shipped.slug == overlay.slug,
                        ),
                    )
                    .where(
                        overlay.guild_id != SHIPPED,
                        func.coalesce(overlay.base_version, 0) < shipped.version,
                    )
                    .order_by(overlay.id)
                )
            ).all()
            now = utcnow()
            for mine, theirs in pairs:
                if not mine.follows_shipped:
                    notice_id = await self._notice(session, mine, theirs, now)
                    if notice_id is not None:
                        created.append(notice_id)
                    continue
                change = Change(
                    guild_id=mine.guild_id,
                    kind=mine.kind,
                    slug=mine.slug,
                    action="follow",
                    author_id=None,
                    reason=None,
                    based_on=mine.version,
                    follows=True,
                    allow_same=True,
                )
                try:
                    written = await write(session, Scoped(mine, theirs), change, now)
                except Stale:
                    continue
                followed.append(written.row)
        for row in followed:
            self._knowledge.apply(row)
        async with self._sessions() as session:
            rows = await session.scalars(
                select(ShippedNotice)
                .where(ShippedNotice.id.in_(created))
                .order_by(ShippedNotice.id)
            )
            return [await self._notice_view(session, row) for row in rows]

    @staticmethod
    async def _notice(
        session: AsyncSession, mine: Entry, theirs: Entry, now: datetime
    ) -> int | None:
        """Insert the notice once (unique per overlay and shipped version); an older pending
        one of the same entry is superseded by it."""
        statement = (
            upsert(session, ShippedNotice)
            .values(
                guild_id=mine.guild_id,
                entry_id=mine.id,
                shipped_entry_id=theirs.id,
                old_version=mine.base_version,
                new_version=theirs.version,
                status="pending",
                created_at=now,
            )
            .on_conflict_do_nothing(index_elements=["entry_id", "new_version"])
            .returning(ShippedNotice.id)
        )
        notice_id: int | None = (await session.execute(statement)).scalar_one_or_none()
        if notice_id is not None:
            await session.execute(
                update(ShippedNotice)
                .where(
                    ShippedNotice.entry_id == mine.id,
                    ShippedNotice.status == "pending",
                    ShippedNotice.id != notice_id,
                )
                .values(status="superseded", decided_at=now)
            )
        return notice_id

    @staticmethod
    async def _notice_view(session: AsyncSession, row: ShippedNotice) -> ShippedNoticeView:
        overlay = await session.get(Entry, row.entry_id)
        assert overlay is not None
        versions = [v for v in (row.old_version, row.new_version) if v is not None]
        found = await session.execute(
            select(Revision.version, Revision.data, Revision.hidden).where(
                Revision.entry_id == row.shipped_entry_id, Revision.version.in_(versions)
            )
        )
        by_version = {version: (data, hidden) for version, data, hidden in found.all()}
        new_data, new_hidden = by_version.get(row.new_version, (None, False))
        if row.old_version is not None and row.old_version in by_version:
            before, before_name = by_version[row.old_version], f"shipped v{row.old_version}"
        else:
            before, before_name = (overlay.data, overlay.hidden), "this server"
        entry_id = f"{overlay.kind}/{overlay.slug}"
        return ShippedNoticeView(
            id=row.id,
            guild_id=row.guild_id,
            entry_id=entry_id,
            old_version=row.old_version,
            new_version=row.new_version,
            status=cast(Literal["pending", "kept", "taken", "superseded"], row.status),
            created_at=aware(row.created_at),
            decided_by=row.decided_by,
            decided_at=aware(row.decided_at) if row.decided_at else None,
            channel_id=row.channel_id,
            message_id=row.message_id,
            diff=tuple(
                unified(
                    render(*before),
                    render(new_data, new_hidden),
                    before_name=f"{entry_id} ({before_name})",
                    after_name=f"{entry_id} (shipped v{row.new_version})",
                )
            ),
        )

    async def notices(
        self, guild_id: int | None = None, *, unposted: bool = False
    ) -> list[ShippedNoticeView]:
        """Pending notices, of one guild or of all; `unposted`: only those not yet posted to a
        log channel (what start-up posts, so a restart loses none)."""
        conditions = [ShippedNotice.status == "pending"]
        if guild_id is not None:
            conditions.append(ShippedNotice.guild_id == guild_id)
        if unposted:
            conditions.append(ShippedNotice.message_id.is_(None))
        async with self._sessions() as session:
            rows = await session.scalars(
                select(ShippedNotice).where(*conditions).order_by(ShippedNotice.id)
            )
            return [await self._notice_view(session, row) for row in rows]

    async def notice(self, guild_id: int, notice_id: int) -> ShippedNoticeView:
        """One notice of this guild, whatever its status (NoticeNotFound otherwise)."""
        async with self._sessions() as session:
            row = await session.get(ShippedNotice, notice_id)
            if row is None or row.guild_id != guild_id:
                raise NoticeNotFound(notice_id)
            return await self._notice_view(session, row)

    async def mark_notice_posted(self, notice_id: int, *, channel_id: int, message_id: int) -> None:
        """Record where the notice was posted; `notices(unposted=True)` leaves it out after."""
        async with self._sessions.begin() as session:
            await session.execute(
                update(ShippedNotice)
                .where(ShippedNotice.id == notice_id)
                .values(channel_id=channel_id, message_id=message_id)
            )

    async def _notice_entry(self, guild_id: int, notice_id: int) -> tuple[EntryKind, str, int]:
        async with self._sessions() as session:
            row = await session.get(ShippedNotice, notice_id)
            if row is None or row.guild_id != guild_id:
                raise NoticeNotFound(notice_id)
            if row.status != "pending":
                raise NoticeStale(notice_id, row.status, row.decided_by)
            overlay = await session.get(Entry, row.entry_id)
            assert overlay is not None
            return EntryKind(overlay.kind), overlay.slug, row.new_version

    async def keep_ours(
        self, guild_id: int, notice_id: int, *, editor_id: int, interaction_id: int | None = None
    ) -> ChangeResult:
        """Keep the guild's text over the new shipped one: its base moves up to the new shipped
        version (a revision, action `keep`, same text) and the notice closes as kept.
        NoticeStale when it was settled (or superseded) already."""
        if interaction_id is not None and (first := await self._replay_only(interaction_id)):
            return first
        kind, slug, version = await self._notice_entry(guild_id, notice_id)

        def make(rows: Scoped) -> Change:
            return Change(
                guild_id=guild_id,
                kind=kind.value,
                slug=slug,
                action="keep",
                author_id=editor_id,
                reason=None,
                based_on=None,
                base_version=version,
                interaction_id=interaction_id,
                allow_same=True,
            )

        guard = self._closing_notices(
            guild_id, kind, slug, editor_id, notice_id=notice_id, status="kept"
        )
        return await self._run(
            guild_id, kind, slug, make, based_on=None, interaction_id=interaction_id, guard=guard
        )

    async def take_shipped(
        self, guild_id: int, notice_id: int, *, editor_id: int, interaction_id: int | None = None
    ) -> ChangeResult:
        """Take the new shipped text: the guild follows the shipped entry again (a revision,
        action `take`; the catalog serves the shipped row) and the notice closes as taken.
        NoticeStale when it was settled (or superseded) already."""
        if interaction_id is not None and (first := await self._replay_only(interaction_id)):
            return first
        kind, slug, _ = await self._notice_entry(guild_id, notice_id)
        guard = self._closing_notices(guild_id, kind, slug, editor_id, notice_id=notice_id)
        return await self._take(
            guild_id, kind, slug, editor_id, None, None, interaction_id, guard=guard
        )
