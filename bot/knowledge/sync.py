"""Keeping the catalog of every process in step through PostgreSQL LISTEN/NOTIFY.

A change's transaction sends one notification with keys only (bot/db/notify.py); PostgreSQL
delivers it at commit, so a rolled-back change never notifies. Every process has one
`CatalogSync`: a dedicated connection that LISTENs, re-reads each notified row and hands it to
`KnowledgeService.apply`, which takes it only when it is newer than what the process holds (a
process's own edits come back too, and are ignored as not newer). The revision id is the cursor:
on every (re)connect the listener first replays each revision after the last one it saw, so a
dropped connection loses nothing. A shipped load's notification makes listeners rebuild the
catalog; its stored fingerprint is compared on reconnect, so a missed one is noticed too.

SQLite has no LISTEN/NOTIFY and serves one process: there is no listener there.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.db.models import Entry, Revision, Setting
from bot.db.notify import CHANNEL
from bot.knowledge.store import FINGERPRINT_KEY

if TYPE_CHECKING:
    import asyncpg

    from bot.knowledge.service import KnowledgeService

log = logging.getLogger("aixbot.sync")

APPLICATION_NAME = "aixbot-listener"
"""What pg_stat_activity shows for a listener connection, followed by the process id."""
FIRST_DELAY_S = 0.5
MAX_DELAY_S = 30.0

Connect = Callable[[], Awaitable["asyncpg.Connection[Any]"]]


@dataclass(frozen=True, slots=True)
class Notice:
    """One notification as the listener reads it."""

    kind: str
    guild: int = 0
    entry: str = ""
    row: int = 0
    version: int = 0
    revision: int = 0

    @classmethod
    def parse(cls, payload: str) -> Notice | None:
        try:
            data = json.loads(payload)
            if data.get("kind") == "catalog":
                return cls("catalog")
            return cls(
                "entry",
                guild=int(data["guild"]),
                entry=str(data["entry"]),
                row=int(data["row"]),
                version=int(data["version"]),
                revision=int(data["revision"]),
            )
        except (ValueError, KeyError, TypeError, AttributeError):
            return None


def listener_dsn(url: str) -> str:
    """The SQLAlchemy URL (postgresql+asyncpg://...) as asyncpg takes it."""
    parsed = make_url(url).set(drivername="postgresql")
    return parsed.render_as_string(hide_password=False)


LOST = object()
"""Put on the queue when the listener's connection closes: time to reconnect."""


class CatalogSync:
    """The listener of one process. `mark` before the catalog is built, `start` after it,
    `stop` on close."""

    def __init__(
        self,
        url: str,
        sessions: async_sessionmaker[AsyncSession],
        knowledge: KnowledgeService,
        *,
        connect: Connect | None = None,
    ) -> None:
        self._url = url
        self._sessions = sessions
        self._knowledge = knowledge
        self._connect = connect or self._default_connect
        self.cursor = 0
        """The highest revision id seen: a reconnect replays every revision after it."""
        self._fingerprint: str | None = None
        self._task: asyncio.Task[None] | None = None
        self._moved = asyncio.Event()
        self.connections = 0
        """How many times the listener has connected: a test can see a reconnect."""
        self.listening = asyncio.Event()
        """Set while connected and caught up (replayed); cleared when the connection is lost."""

    async def _default_connect(self) -> asyncpg.Connection[Any]:
        import asyncpg

        return await asyncpg.connect(
            listener_dsn(self._url),
            server_settings={"application_name": f"{APPLICATION_NAME} pid={os.getpid()}"},
        )

    async def mark(self) -> None:
        """Note where the database is now; call it before the catalog reads the entries, so a
        change committed between the two is replayed (and ignored if the read had it)."""
        async with self._sessions() as session:
            self.cursor = int(await session.scalar(select(func.max(Revision.id))) or 0)
            self._fingerprint = await _fingerprint(session)

    def start(self) -> None:
        if self._task is None:
            self._task = asyncio.create_task(self._run(), name="aixbot-catalog-sync")

    async def stop(self) -> None:
        task, self._task = self._task, None
        if task is None:
            return
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task

    async def caught_up(self, revision_id: int) -> None:
        """Wait until the listener has seen `revision_id` (applied or found not newer)."""
        while self.cursor < revision_id:
            moved = self._moved
            await moved.wait()

    def _advance(self, revision_id: int) -> None:
        if revision_id > self.cursor:
            self.cursor = revision_id
            moved, self._moved = self._moved, asyncio.Event()
            moved.set()

    async def _run(self) -> None:
        delay = FIRST_DELAY_S
        while True:
            connected = self.connections
            try:
                await self._listen()
            except Exception as exc:
                if self.connections > connected:
                    delay = FIRST_DELAY_S
                log.warning(
                    "catalog listener lost its connection (%s: %s); reconnecting in %.1f s",
                    type(exc).__name__,
                    exc,
                    delay,
                )
            await asyncio.sleep(delay)
            delay = min(delay * 2, MAX_DELAY_S)

    async def _listen(self) -> None:
        """One connection: LISTEN, replay what was missed, then apply each notification until
        the connection closes (raises ConnectionError then)."""
        queue: asyncio.Queue[object] = asyncio.Queue()
        connection = await self._connect()
        try:
            connection.add_termination_listener(lambda _c: queue.put_nowait(LOST))
            await connection.add_listener(
                CHANNEL, lambda _c, _pid, _ch, payload: queue.put_nowait(payload)
            )
            self.connections += 1
            replayed = await self._replay()
            log.info(
                "listening on %s; replayed %d revisions, cursor at revision %d",
                CHANNEL,
                replayed,
                self.cursor,
            )
            self.listening.set()
            while (item := await queue.get()) is not LOST:
                await self._handle(str(item))
            raise ConnectionError("the listener's connection was closed")
        finally:
            self.listening.clear()
            if not connection.is_closed():
                connection.terminate()

    async def _handle(self, payload: str) -> None:
        notice = Notice.parse(payload)
        if notice is None:
            log.warning("ignoring a notification that is not aixbot's: %.200s", payload)
            return
        if notice.kind == "catalog":
            await self._refresh()
            return
        kind, _, slug = notice.entry.partition("/")
        held = self._knowledge.version(notice.guild, kind, slug)
        if not self._knowledge.holds(notice.guild):
            log.debug("revision %d: guild %d is not on our shards", notice.revision, notice.guild)
        elif held is not None and held >= notice.version:
            log.debug("revision %d of %s is not newer than ours", notice.revision, notice.entry)
        else:
            async with self._sessions() as session:
                row = await session.get(Entry, notice.row)
            if row is not None and self._knowledge.apply(row):
                log.info(
                    "applied revision %d: %s of guild %d at version %d",
                    notice.revision,
                    notice.entry,
                    notice.guild,
                    row.version,
                )
        self._advance(notice.revision)

    async def _refresh(self) -> None:
        async with self._sessions() as session:
            top = int(await session.scalar(select(func.max(Revision.id))) or 0)
            self._fingerprint = await _fingerprint(session)
        await self._knowledge.refresh()
        log.info("shipped knowledge changed; catalog rebuilt")
        self._advance(top)

    async def _replay(self) -> int:
        """Apply every revision after the cursor, and any row newer than the one held; returns
        how many revisions there were after the cursor.

        Revision ids are taken at insert and become visible at commit, so a change that took a
        lower id than one already seen, and committed while the connection was down, is below
        the cursor: comparing every held row's version with the catalog's finds it too.
        """
        async with self._sessions() as session:
            if await _fingerprint(session) != self._fingerprint:
                reload = True
            else:
                reload = False
                found = (
                    await session.execute(
                        select(Revision.id, Revision.entry_id)
                        .where(Revision.id > self.cursor)
                        .order_by(Revision.id)
                    )
                ).all()
                latest = {entry_id: rev_id for rev_id, entry_id in found}
                versions = await session.execute(
                    select(Entry.id, Entry.guild_id, Entry.kind, Entry.slug, Entry.version)
                )
                wanted = set(latest) | {
                    entry_id
                    for entry_id, guild_id, kind, slug, version in versions.tuples()
                    if self._knowledge.holds(guild_id)
                    and (self._knowledge.version(guild_id, kind, slug) or 0) < version
                }
                rows = list(await session.scalars(select(Entry).where(Entry.id.in_(wanted))))
        if reload:
            await self._refresh()
            return 0
        for row in rows:
            if self._knowledge.apply(row):
                log.info(
                    "applied revision %s: %s/%s of guild %d at version %d (replayed)",
                    latest.get(row.id, "before the cursor"),
                    row.kind,
                    row.slug,
                    row.guild_id,
                    row.version,
                )
        if found:
            self._advance(found[-1][0])
        return len(found)


async def _fingerprint(session: AsyncSession) -> str | None:
    stored = await session.get(Setting, FINGERPRINT_KEY)
    return stored.value if stored is not None else None
