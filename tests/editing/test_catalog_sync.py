"""LISTEN/NOTIFY between two catalogs on one real PostgreSQL database: notified at commit only,
newer rows applied and others ignored, nothing lost across a cut connection."""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import AsyncIterator, Awaitable
from dataclasses import dataclass, replace
from typing import Any, TypeVar

import asyncpg
import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.models import Revision, utcnow
from bot.db.notify import CHANNEL
from bot.editing.rows import Change, scoped, write
from bot.knowledge.store import load_shipped
from bot.knowledge.sync import CatalogSync, Notice, listener_dsn
from tests.editing.conftest import EDITOR, GUILD_A, SMALL_SET, Env, make_env, term

ENTRY = "term/alpha"
T = TypeVar("T")
FAIL_AFTER_S = 60.0
"""Waits are on the listener's own signals; this bound only turns a hang into a failure."""


async def signalled(waiting: Awaitable[T]) -> T:
    return await asyncio.wait_for(waiting, FAIL_AFTER_S)


async def edit(env: Env, summary: str, guild_id: int = GUILD_A) -> int:
    """An edit of term/alpha through `env`; returns its revision id."""
    draft = await env.editing.draft(guild_id, ENTRY)
    fields = replace(await env.form_values(guild_id, ENTRY), summary=summary)
    await env.editing.edit(guild_id, ENTRY, "en", fields, based_on=draft.version, editor_id=EDITOR)
    return await top_revision(env)


async def top_revision(env: Env) -> int:
    async with env.database.sessions() as session:
        return int(await session.scalar(select(func.max(Revision.id))) or 0)


def summary_of(env: Env, guild_id: int = GUILD_A) -> str:
    view = env.knowledge.by_id(ENTRY, guild_id=guild_id)
    assert view is not None
    return view.entry.summary.en


@dataclass
class Gate:
    """Connects the listener as the bot does, and lets a test hold a reconnect back."""

    url: str
    open: asyncio.Event
    asked: asyncio.Event
    pids: list[int]

    async def connect(self) -> asyncpg.Connection[Any]:
        if self.pids:
            self.asked.set()
            await self.open.wait()
        connection: asyncpg.Connection[Any] = await asyncpg.connect(listener_dsn(self.url))
        self.pids.append(connection.get_server_pid())
        return connection


@dataclass
class Pair:
    a: Env
    b: Env
    sync: CatalogSync
    gate: Gate


@pytest.fixture
async def pair(pg_url: str) -> AsyncIterator[Pair]:
    """Process A edits; process B, started first, listens."""
    a = await make_env(pg_url, SMALL_SET)
    b_database_env = await make_env(pg_url)
    gate = Gate(pg_url, asyncio.Event(), asyncio.Event(), [])
    gate.open.set()
    sync = CatalogSync(
        pg_url, b_database_env.database.sessions, b_database_env.knowledge, connect=gate.connect
    )
    await sync.mark()
    sync.start()
    await signalled(sync.listening.wait())
    yield Pair(a, b_database_env, sync, gate)
    await sync.stop()
    await a.database.close()
    await b_database_env.database.close()


async def listening(url: str) -> tuple[asyncpg.Connection[Any], asyncio.Queue[str]]:
    connection: asyncpg.Connection[Any] = await asyncpg.connect(listener_dsn(url))
    queue: asyncio.Queue[str] = asyncio.Queue()
    await connection.add_listener(CHANNEL, lambda _c, _p, _ch, payload: queue.put_nowait(payload))
    return connection, queue


async def written(session: AsyncSession, slug: str, summary: str) -> int:
    """The write path for a shipped term of GUILD_A, in the caller's transaction: the
    revision id it took."""
    rows = await scoped(session, GUILD_A, "term", slug)
    assert rows.shipped is not None
    change = Change(
        guild_id=GUILD_A,
        kind="term",
        slug=slug,
        action="edit",
        author_id=EDITOR,
        reason=None,
        based_on=rows.token,
        data={**rows.shipped.data, "summary": {"en": summary, "zh": "一个简短的定义。"}},
    )
    return int((await write(session, rows, change, utcnow())).revision.id)


async def rolled_back_edit(env: Env) -> None:
    """The write path up to the revision and its notification, then a rollback."""
    async with env.database.sessions.begin() as session:
        await written(session, "alpha", "Rolled back.")
        raise RuntimeError("roll back")


async def test_notified_at_commit_never_on_rollback(pg_env: Env, pg_url: str) -> None:
    """A rolled-back write sends nothing; the committed edit after it is the first notice, with
    keys only."""
    connection, queue = await listening(pg_url)
    try:
        with pytest.raises(RuntimeError):
            await rolled_back_edit(pg_env)
        revision = await edit(pg_env, "Committed.")
        first = json.loads(await signalled(queue.get()))
        assert queue.empty()
    finally:
        await connection.close()
    assert first == {
        "kind": "entry",
        "guild": GUILD_A,
        "entry": ENTRY,
        "row": first["row"],
        "version": pg_env.knowledge.version(GUILD_A, "term", "alpha"),
        "revision": revision,
    }


async def test_shipped_load_notifies_a_catalog_change(pg_env: Env, pg_url: str) -> None:
    connection, queue = await listening(pg_url)
    try:
        await load_shipped(pg_env.database.sessions, [*SMALL_SET, term("delta")])
        assert Notice.parse(await signalled(queue.get())) == Notice("catalog")
    finally:
        await connection.close()


async def test_listener_applies_an_edit_made_elsewhere(pair: Pair) -> None:
    revision = await edit(pair.a, "Edited through A.")
    await signalled(pair.sync.caught_up(revision))
    assert summary_of(pair.b) == "Edited through A."
    assert pair.b.knowledge.search("alpha", guild_id=GUILD_A)[0].id == ENTRY


async def test_listener_ignores_its_own_edit_and_older_versions(
    pair: Pair, caplog: pytest.LogCaptureFixture
) -> None:
    """B's own edit comes back as not newer; a notice of an older version changes nothing."""
    caplog.set_level(logging.INFO, logger="aixbot.sync")
    own = await edit(pair.b, "Edited through B.")
    await signalled(pair.sync.caught_up(own))
    assert not [r for r in caplog.records if r.getMessage().startswith("applied")]
    held = pair.b.knowledge.version(GUILD_A, "term", "alpha")
    assert held is not None
    stale = {"kind": "entry", "guild": GUILD_A, "entry": ENTRY, "version": held - 1}
    async with pair.a.database.sessions() as session:
        row_id = (await scoped(session, GUILD_A, "term", "alpha")).ids[-1]
    connection: asyncpg.Connection[Any] = await asyncpg.connect(listener_dsn(pair.gate.url))
    try:
        for version in (held - 1, held):
            payload = {**stale, "row": row_id, "version": version, "revision": own + version}
            await connection.execute("SELECT pg_notify($1, $2)", CHANNEL, json.dumps(payload))
    finally:
        await connection.close()
    await signalled(pair.sync.caught_up(own + held))
    assert summary_of(pair.b) == "Edited through B."
    assert pair.b.knowledge.version(GUILD_A, "term", "alpha") == held
    assert not [r for r in caplog.records if r.getMessage().startswith("applied")]


async def test_edits_while_the_connection_is_cut_are_replayed(pair: Pair) -> None:
    """pg_terminate_backend on the listener; an edit commits while it is away; the reconnect
    replays it."""
    await cut(pair)
    revision = await edit(pair.a, "Edited while B was away.")
    assert summary_of(pair.b) != "Edited while B was away."
    pair.gate.open.set()
    await signalled(pair.sync.caught_up(revision))
    assert summary_of(pair.b) == "Edited while B was away."
    assert pair.sync.connections == 2


async def cut(pair: Pair) -> None:
    """Terminate the listener's connection and hold its reconnect until `gate.open`."""
    pair.gate.open.clear()
    admin: asyncpg.Connection[Any] = await asyncpg.connect(listener_dsn(pair.gate.url))
    try:
        assert await admin.fetchval("SELECT pg_terminate_backend($1)", pair.gate.pids[-1])
    finally:
        await admin.close()
    await signalled(pair.gate.asked.wait())


async def test_a_lower_revision_committed_while_cut_is_not_lost(pair: Pair) -> None:
    """Revision ids are taken at insert: one that commits after a higher one was seen, while
    the listener is away, is below its cursor, and the reconnect still applies it."""
    async with pair.a.database.sessions.begin() as session:
        late = await written(session, "beta", "Committed late.")
        first = await edit(pair.a, "Committed first.")
        await signalled(pair.sync.caught_up(first))
        assert late < first
        await cut(pair)
    pair.gate.open.set()
    await signalled(pair.sync.listening.wait())
    view = pair.b.knowledge.by_id("term/beta", guild_id=GUILD_A)
    assert view is not None
    assert view.entry.summary.en == "Committed late."


async def test_shipped_reload_reaches_the_listener(pair: Pair) -> None:
    await load_shipped(pair.a.database.sessions, [*SMALL_SET, term("delta")])
    await signalled(pair.sync.caught_up(await top_revision(pair.a)))
    assert pair.b.knowledge.by_id("term/delta") is not None
    assert pair.b.knowledge.search("delta")[0].id == "term/delta"


async def test_an_import_reaches_the_listener(pair: Pair) -> None:
    """/edit import writes through the same path: each imported entry is notified."""
    await edit(pair.a, "At export.")
    document = json.loads(await pair.a.editing.export(GUILD_A))
    (alpha,) = document["entries"]
    alpha["data"]["summary"]["en"] = "From the file."
    new = json.loads(json.dumps(alpha))
    new.update(id="term/delta", version=None, history=[])
    new["data"].update(id="term/delta", name={"en": "Delta", "zh": "德尔塔"})
    document["entries"].append(new)
    plan = await pair.a.editing.plan_import(GUILD_A, json.dumps(document).encode())
    await pair.a.editing.apply_import(GUILD_A, plan, editor_id=EDITOR)
    await signalled(pair.sync.caught_up(await top_revision(pair.a)))
    assert summary_of(pair.b) == "From the file."
    assert pair.b.knowledge.search("delta", guild_id=GUILD_A)[0].id == "term/delta"
