"""A process holds the guild overlays of its own shards only, and any other guild on demand."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select

from bot.app import AixBot, build_services
from bot.db.models import Entry
from bot.editing.service import EditingService
from bot.knowledge.service import KnowledgeService
from bot.knowledge.shards import Shards, shard_of
from offline import Actor, OfflineDiscord
from tests.conftest import make_settings
from tests.editing.conftest import EDITOR, Env, make_env

ENTRY = "term/alpha"
SNOWFLAKES = st.integers(min_value=0, max_value=2**63 - 1)
MINE = (7 << 22) | 12345
"""Shard 1 of 2 ((7 >> 0) % 2)."""
THEIRS = (8 << 22) | 12345
"""Shard 0 of 2."""


@given(SNOWFLAKES, st.integers(min_value=1, max_value=64))
def test_every_guild_is_on_exactly_one_shard(guild_id: int, count: int) -> None:
    owners = [i for i in range(count) if Shards(count, frozenset({i})).holds(guild_id)]
    assert owners == [shard_of(guild_id, count)]
    assert 0 <= owners[0] < count


def test_a_process_running_every_shard_filters_nothing() -> None:
    assert Shards.of(None, []) is None
    assert Shards.of(4, []) is None
    assert Shards.of(4, [3, 1, 0, 2]) is None
    assert Shards.of(4, [1, 3]) == Shards(4, frozenset({1, 3}))
    assert str(Shards(4, frozenset({3, 1}))) == "1,3 of 4"


async def edit(env: Env, guild_id: int, summary: str) -> None:
    draft = await env.editing.draft(guild_id, ENTRY)
    fields = replace(await env.form_values(guild_id, ENTRY), summary=summary)
    await env.editing.edit(guild_id, ENTRY, "en", fields, based_on=draft.version, editor_id=EDITOR)


def summary(knowledge: KnowledgeService, guild_id: int) -> str:
    view = knowledge.by_id(ENTRY, guild_id=guild_id)
    assert view is not None
    return view.entry.summary.en


@pytest.fixture
async def shard_one(any_env: Env) -> KnowledgeService:
    """Both guilds edited; then a process of shard 1 of 2 starts."""
    await edit(any_env, MINE, "Mine.")
    await edit(any_env, THEIRS, "Theirs.")
    knowledge = KnowledgeService(any_env.database.sessions, Shards(2, frozenset({1})))
    await knowledge.refresh()
    return knowledge


async def test_only_the_overlays_of_its_shards_are_loaded(shard_one: KnowledgeService) -> None:
    assert shard_one.holds(MINE)
    assert not shard_one.holds(THEIRS)
    assert summary(shard_one, MINE) == "Mine."
    assert shard_one.version(THEIRS, "term", "alpha") is None
    assert summary(shard_one, THEIRS) == "A short definition."
    assert shard_one.search("alpha", guild_id=MINE)[0].id == ENTRY


@pytest.mark.parametrize("shards", [Shards(3, frozenset({0, 2})), Shards(5, frozenset({1}))])
async def test_the_sql_filter_agrees_with_the_shard_arithmetic(
    any_env: Env, shards: Shards
) -> None:
    """The filter runs in the database on both backends, at snowflakes' full width."""
    guilds = [(n << 22) | 99 for n in range(12)] + [2**63 - 1, 1 << 62]
    for guild_id in guilds:
        await edit(any_env, guild_id, f"Guild {guild_id}.")
    async with any_env.database.sessions() as session:
        found = set(
            await session.scalars(
                select(Entry.guild_id).where(Entry.guild_id != 0, shards.where(Entry.guild_id))
            )
        )
    assert found == {g for g in guilds if shards.holds(g)}
    assert found
    assert found != set(guilds)


async def test_another_shards_guild_is_not_applied_until_loaded_on_demand(
    any_env: Env, shard_one: KnowledgeService
) -> None:
    async with any_env.database.sessions() as session:
        theirs = await session.scalar(select(Entry).where(Entry.guild_id == THEIRS))
    assert theirs is not None
    assert not shard_one.apply(theirs)
    await shard_one.ensure_guild(THEIRS)
    assert shard_one.holds(THEIRS)
    assert summary(shard_one, THEIRS) == "Theirs."
    await edit(any_env, THEIRS, "Theirs, again.")
    async with any_env.database.sessions() as session:
        again = await session.scalar(select(Entry).where(Entry.guild_id == THEIRS))
    assert again is not None
    assert shard_one.apply(again)
    await shard_one.refresh()
    assert summary(shard_one, THEIRS) == "Theirs, again."


async def test_a_guild_new_to_its_shard_needs_no_loading(
    any_env: Env, shard_one: KnowledgeService
) -> None:
    """A guild that joined after start has nothing stored: the shipped text, then its edits."""
    newcomer = (9 << 22) | 1
    assert shard_one.holds(newcomer)
    await shard_one.ensure_guild(newcomer)
    assert summary(shard_one, newcomer) == "A short definition."
    process = Env(any_env.database, shard_one, EditingService(any_env.database.sessions, shard_one))
    await edit(process, newcomer, "Newcomer.")
    assert summary(shard_one, newcomer) == "Newcomer."


async def test_a_command_from_another_shards_guild_is_answered_with_its_text(
    db_url: str,
) -> None:
    """The tree loads the guild before the command reads the catalog."""
    env = await make_env(db_url)
    draft = await env.editing.draft(THEIRS, "term/transformer")
    fields = replace(await env.form_values(THEIRS, "term/transformer"), summary="Theirs.")
    await env.editing.edit(
        THEIRS, "term/transformer", "en", fields, based_on=draft.version, editor_id=EDITOR
    )
    await env.database.close()
    settings = make_settings(db_url).model_copy(update={"shard_count": 2, "shard_ids": [1]})
    offline = OfflineDiscord(AixBot(build_services(settings)))
    await offline.start()
    try:
        knowledge = offline.bot.services.knowledge
        assert not knowledge.holds(THEIRS)
        answer = await offline.command("define", Actor(guild_id=THEIRS), term="transformer")
        assert "Theirs." in answer.text()
        assert knowledge.holds(THEIRS)
    finally:
        await offline.close()
