"""The catalog takes each committed change for its own scope only, never an older version over
a newer one, and never by rebuilding everything."""

from __future__ import annotations

import copy

import pytest
from sqlalchemy import select

from bot.db.models import Entry
from bot.editing.fields import ModalFields
from bot.knowledge import service
from bot.knowledge.models import EntryKind
from tests.editing.conftest import EDITOR, GUILD_A, GUILD_B, Env


async def edit(
    env: Env, summary: str | None = None, guild_id: int = GUILD_A, *, title: str | None = None
) -> None:
    form = await env.editing.edit_form(guild_id, "term/alpha", "en")
    await env.editing.edit(
        guild_id,
        "term/alpha",
        "en",
        ModalFields(title=title, summary=summary),
        based_on=form.based_on or 0,
        editor_id=EDITOR,
    )


async def overlay_row(env: Env, guild_id: int = GUILD_A) -> Entry:
    async with env.database.sessions() as session:
        row = await session.scalar(
            select(Entry).where(Entry.guild_id == guild_id, Entry.slug == "alpha")
        )
    assert row is not None
    return row


async def test_an_older_version_never_lands_over_a_newer_one(small_env: Env) -> None:
    """A late delivery of version N after N+1 is ignored."""
    await edit(small_env, "Version one.")
    older = copy.copy(await overlay_row(small_env))
    await edit(small_env, "Version two.")
    assert small_env.knowledge.apply(older) is False
    seen = small_env.knowledge.get(EntryKind.TERM, "alpha", guild_id=GUILD_A)
    assert seen.entry.summary.en == "Version two."
    assert small_env.knowledge.apply(await overlay_row(small_env)) is False


async def test_a_change_touches_only_its_guilds_index(
    small_env: Env, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No full rebuild on a change; other guilds and the shipped scope search as before."""
    await edit(small_env, "Guild B's narwhal text.", guild_id=GUILD_B)

    def no_rebuild(*_: object) -> None:
        raise AssertionError("a change rebuilt the whole index")

    monkeypatch.setattr(service, "_indexes", no_rebuild)
    await edit(small_env, "Guild A's walrus text.")
    assert "alpha" in [h.slug for h in small_env.knowledge.search("walrus", guild_id=GUILD_A)]
    for guild_id in (GUILD_B, None):
        assert "alpha" not in [
            h.slug for h in small_env.knowledge.search("walrus", guild_id=guild_id)
        ]
    assert "alpha" in [h.slug for h in small_env.knowledge.search("narwhal", guild_id=GUILD_B)]
    assert "alpha" not in [h.slug for h in small_env.knowledge.search("narwhal", guild_id=GUILD_A)]


async def test_a_removed_then_restored_entry_leaves_and_rejoins_the_index(small_env: Env) -> None:
    """Hidden rows drop out of the guild's search and lists; a revert brings them back."""
    await small_env.editing.remove(GUILD_A, "term/gamma", editor_id=EDITOR)
    assert "gamma" not in [v.slug for v in small_env.knowledge.visible(guild_id=GUILD_A)]
    assert "gamma" not in [
        h.slug for h in small_env.knowledge.suggest(None, "gamma", guild_id=GUILD_A)
    ]
    assert "gamma" in [h.slug for h in small_env.knowledge.suggest(None, "gamma", guild_id=GUILD_B)]
    await small_env.editing.revert(GUILD_A, "term/gamma", 1, editor_id=EDITOR)
    assert "gamma" in [h.slug for h in small_env.knowledge.suggest(None, "gamma", guild_id=GUILD_A)]


async def test_a_query_asked_before_an_edit_finds_what_the_edit_says(small_env: Env) -> None:
    """An edit changes what the same query, asked again, finds by text and by name."""
    knowledge = small_env.knowledge

    def by_text(query: str) -> list[str]:
        return [h.slug for h in knowledge.search(query, guild_id=GUILD_A)]

    def by_name(query: str) -> list[str]:
        return [h.slug for h in knowledge.suggest(None, query, guild_id=GUILD_A)]

    await edit(small_env, "Guild A's walrus text.")
    assert "alpha" in by_text("walrus")
    assert "alpha" not in by_text("narwhal")
    await edit(small_env, "Guild A's narwhal text.")
    assert "alpha" in by_text("narwhal")
    assert "alpha" not in by_text("walrus")
    assert "alpha" not in by_name("zebrafish")
    await edit(small_env, title="Zebrafish")
    assert by_name("zebrafish")[0] == "alpha"
