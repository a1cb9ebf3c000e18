"""Answers kept per catalog (KnowledgeService.derived): the same question gets the same answer
without building it again, and never an answer from before a change.
"""

from __future__ import annotations

import asyncio
from typing import Any

import discord
import pytest
from discord import app_commands

import cogs._items.entry as entry_items
from bot.i18n.script import to_traditional
from bot.knowledge.memo import LastAnswers
from bot.knowledge.models import EntryKind
from cogs._ui import autocomplete
from offline import DEFAULT_GUILD_ID, MODERATOR_PERMISSIONS, Actor, OfflineDiscord

CN = Actor(user_id=21, locale="zh-CN")
TW = Actor(user_id=22, locale="zh-TW")
EN = Actor(user_id=23)
MOD = Actor(user_id=24, permissions=MODERATOR_PERMISSIONS)


def test_last_answers_keeps_the_most_recent() -> None:
    kept: LastAnswers[str, int] = LastAnswers(2)
    calls: list[str] = []

    def compute(key: str) -> int:
        calls.append(key)
        return len(calls)

    assert kept.get("a", lambda: compute("a")) == 1
    assert kept.get("b", lambda: compute("b")) == 2
    assert kept.get("a", lambda: compute("a")) == 1  # kept, and now the most recent
    assert kept.get("c", lambda: compute("c")) == 3  # "b" goes, the least recent
    assert kept.get("a", lambda: compute("a")) == 1
    assert kept.get("b", lambda: compute("b")) == 4
    assert calls == ["a", "b", "c", "b"]
    assert len(kept) == 2
    kept.clear()
    assert len(kept) == 0


def test_last_answers_keeps_nothing_that_raised() -> None:
    kept: LastAnswers[str, int] = LastAnswers(4)

    def fail() -> int:
        raise LookupError("no")

    with pytest.raises(LookupError):
        kept.get("a", fail)
    assert kept.get("a", lambda: 5) == 5
    assert len(kept) == 1


async def test_derived_lasts_until_the_catalog_changes(discord_env: OfflineDiscord) -> None:
    knowledge = discord_env.bot.services.knowledge
    assert knowledge.derived("k", lambda: 1) == 1
    assert knowledge.derived("k", lambda: 2) == 1
    before = knowledge.get(EntryKind.TERM, "transformer", guild_id=DEFAULT_GUILD_ID)
    assert knowledge.get(EntryKind.TERM, "transformer", guild_id=DEFAULT_GUILD_ID) is before
    await save_summary(discord_env, "A rewritten summary.")
    assert knowledge.derived("k", lambda: 3) == 3
    after = knowledge.get(EntryKind.TERM, "transformer", guild_id=DEFAULT_GUILD_ID)
    assert after.entry.summary.en == "A rewritten summary."


async def save_summary(env: OfflineDiscord, summary: str) -> None:
    opened = await env.command("edit entry", MOD, entry="term/transformer", language="en")
    await env.submit(opened.modal, {"summary": summary}, MOD)


def counting(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    built: list[str] = []
    real = entry_items.entry_message

    def entry_message(view: Any, *args: Any, **kwargs: Any) -> Any:
        built.append(view.id)
        return real(view, *args, **kwargs)

    monkeypatch.setattr(entry_items, "entry_message", entry_message)
    return built


async def test_an_entry_is_built_once_and_rebuilt_after_an_edit(
    discord_env: OfflineDiscord, monkeypatch: pytest.MonkeyPatch
) -> None:
    built = counting(monkeypatch)
    first = await discord_env.command("define", EN, term="transformer")
    again = await discord_env.command("define", EN, term="transformer")
    assert again.last["embeds"] == first.last["embeds"]
    assert again.last["components"] == first.last["components"]
    assert built == ["term/transformer"]
    await save_summary(discord_env, "A rewritten summary.")
    edited = await discord_env.command("define", EN, term="transformer")
    assert "A rewritten summary." in edited.text()
    assert built == ["term/transformer", "term/transformer"]


async def test_an_entry_is_serialized_once_per_script_and_sent_as_it_is(
    discord_env: OfflineDiscord, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Simplified and Traditional readers each get one answer built per catalog, and it goes
    without asking for the created message back (no with_response: Discord answers 204, and
    discord.py has nothing to parse)."""
    built = counting(monkeypatch)
    answers = [
        await discord_env.command("define", actor, term="transformer")
        for actor in (CN, TW, TW, CN, EN)
    ]
    assert built == ["term/transformer"] * 3  # zh in Simplified, zh in Traditional, en
    assert answers[2].last == answers[1].last
    assert answers[3].last == answers[0].last
    for answer in answers:
        (callback,) = answer.requests
        assert callback.is_callback
        assert "with_response" not in callback.query
        assert callback.status == 204


async def test_a_traditional_reader_never_changes_a_kept_answer(
    discord_env: OfflineDiscord,
) -> None:
    """The zh-TW answer is converted in place as it is sent: the kept Simplified one, asked for
    before and after it, stays Simplified."""
    before = await discord_env.command("define", CN, term="transformer")
    tw = await discord_env.command("define", TW, term="transformer")
    after = await discord_env.command("define", CN, term="transformer")
    assert after.text() == before.text()
    assert tw.text() == to_traditional(before.text())
    assert tw.text() != before.text()


async def test_a_private_entry_leaves_no_view_behind(discord_env: OfflineDiscord) -> None:
    """Its buttons and menu answer by custom id alone: no per-message view, and no 15-minute
    timeout task per ephemeral answer (which discord.py gives a view still listening)."""
    store = discord_env.bot._connection._view_store
    held = len(store._synced_message_views)
    for _ in range(3):
        await discord_env.command("define", EN, term="transformer", private=True)
    timeouts = [
        t
        for t in asyncio.all_tasks()
        if "timeout_task" in getattr(t.get_coro(), "__qualname__", "")
    ]
    assert timeouts == []
    assert len(store._synced_message_views) == held


async def test_search_lines_follow_an_edit(discord_env: OfflineDiscord) -> None:
    first = await discord_env.command("search", EN, query="transformer")
    again = await discord_env.command("search", EN, query="transformer")
    assert again.last["embeds"] == first.last["embeds"]
    await save_summary(discord_env, "A rewritten summary about transformer blocks.")
    edited = await discord_env.command("search", EN, query="transformer")
    assert "rewritten summary" in edited.last["embeds"][0]["description"]


async def test_a_traditional_reader_never_changes_a_kept_search(
    discord_env: OfflineDiscord,
) -> None:
    """A search's pages and menu options are kept per catalog; each reader's menus are built
    from them anew, since a zh-TW reader's are converted in place, page 2's as it is shown."""

    def screen(exchange: Any) -> tuple[Any, Any, str]:
        """Its pages, its menu (the paging buttons have custom ids of their own) and text."""
        return exchange.last["embeds"], exchange.last["components"][1:], exchange.text()

    before = await discord_env.command("search", CN, query="注意力")
    tw = await discord_env.command("search", TW, query="注意力")
    await discord_env.press(tw.message_id, TW, label="›")
    after = await discord_env.command("search", CN, query="注意力")
    assert screen(after) == screen(before)
    assert tw.text() == to_traditional(before.text()) != before.text()
    cn_next = await discord_env.press(after.message_id, CN, label="›")
    assert to_traditional(cn_next.text()) != cn_next.text(), "page 2 is not in Simplified"


async def test_autocomplete_follows_a_removal(discord_env: OfflineDiscord) -> None:
    """/define's choices for what was typed are kept per catalog: a removed entry leaves them
    at once."""

    def offered(choices: Any) -> list[str]:
        return [c["value"] for c in choices.choices]

    before = await discord_env.autocomplete("define", "term", EN, term="transform")
    assert "term/transformer" in offered(before)
    assert offered(await discord_env.autocomplete("define", "term", EN, term="transform")) == (
        offered(before)
    )
    asked = await discord_env.command("edit remove", MOD, entry="term/transformer", reason="test")
    await discord_env.press(asked.message_id, MOD, label="Remove")
    after = await discord_env.autocomplete("define", "term", EN, term="transform")
    assert "term/transformer" not in offered(after)


async def test_choices_kept_per_catalog_are_serialized_once_per_script(
    discord_env: OfflineDiscord,
) -> None:
    """The same prefix typed again sends the body made the first time, without asking for a
    response back; a Traditional reader has one of their own."""
    kept = autocomplete._KEPT_BODIES
    before = {name: len(memo._kept) for name, memo in kept.items()}
    answers = [
        await discord_env.autocomplete("define", "term", actor, term="transf")
        for actor in (EN, EN, TW, TW)
    ]
    assert answers[1].choices == answers[0].choices
    assert answers[3].choices == answers[2].choices != answers[0].choices
    assert len(kept["hans"]._kept) == before["hans"] + 1
    assert len(kept["hant"]._kept) == before["hant"] + 1
    for answer in answers:
        (callback,) = answer.requests
        assert "with_response" not in callback.query
        assert callback.status == 204


async def test_a_kept_entry_goes_as_a_followup_once_the_interaction_is_answered(
    discord_env: OfflineDiscord,
) -> None:
    """A prepared answer is the interaction's response only while it has none: after a
    deferral it is sent as the followup, with the same embed and menu as a direct answer."""
    knowledge = discord_env.bot.services.knowledge

    async def deferred(interaction: discord.Interaction[Any]) -> None:
        await interaction.response.defer()
        view = knowledge.get(EntryKind.TERM, "transformer", guild_id=interaction.guild_id)
        await entry_items.send_entry(interaction, view, private=False)

    discord_env.bot.tree.add_command(
        app_commands.Command(name="deferred", description="test command", callback=deferred)
    )
    direct = await discord_env.command("define", EN, term="transformer")
    later = await discord_env.command("deferred", EN)
    defer, followup = later.requests
    assert defer.is_callback
    assert not followup.is_callback
    assert followup.method == "POST"
    assert followup.path.startswith("/webhooks/")
    assert later.last["embeds"] == direct.last["embeds"]
    assert later.last["components"] == direct.last["components"]
