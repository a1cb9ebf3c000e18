"""/suggest and its review buttons through the real discord.py stack, across a restart."""

from __future__ import annotations

import copy
from typing import Any

from bot.app import AixBot, build_services
from offline import EVERYDAY_PERMISSIONS, MANAGE_GUILD, Actor, OfflineDiscord
from tests.config_commands.test_config import EDITORS, GUILD_B, LOG, MANAGER, REVIEW, channel_posts
from tests.conftest import make_settings

MEMBER = Actor(user_id=1_400_000_000_000_000_077)
EDITOR = Actor(user_id=1_400_000_000_000_000_088, roles=(EDITORS.id,))
MANAGING_EDITOR = Actor(
    user_id=1_400_000_000_000_000_066, permissions=EVERYDAY_PERMISSIONS | MANAGE_GUILD
)
"""An editor by Manage Server: a restarted stand-in has not seen the editor role yet (a real
bot's guild cache has every role from GUILD_CREATE)."""
EDITOR_OF_B = Actor(
    user_id=1_400_000_000_000_000_099,
    guild_id=GUILD_B,
    permissions=EVERYDAY_PERMISSIONS | MANAGE_GUILD,
)
SOURCE = "https://arxiv.org/abs/1706.03762 Attention Is All You Need"
NEW_SUMMARY = "A neural network architecture built on self-attention, corrected by a member."


async def configure(env: OfflineDiscord, *, review: bool = False) -> None:
    await env.command("config editor-role", MANAGER, role=EDITORS)
    await env.command("config log-channel", MANAGER, channel=LOG)
    if review:
        await env.command("config review-channel", MANAGER, channel=REVIEW)


async def suggest(env: OfflineDiscord, actor: Actor = MEMBER, **values: str) -> Any:
    opened = await env.command("suggest", actor, entry="term/transformer")
    fields = {"summary": NEW_SUMMARY, "source": SOURCE, "reason": "the summary is vague"}
    return await env.submit(opened.modal, {**fields, **values}, actor)


def cards(env: OfflineDiscord, channel_id: int) -> list[dict[str, Any]]:
    return [m for m in channel_posts(env, channel_id) if m.get("components")]


async def press_as_seen(env: OfflineDiscord, card: dict[str, Any], actor: Actor, label: str) -> Any:
    """Press a button of the card as it looked when posted: another editor's client may still
    show the buttons after the card was decided and updated."""
    env.stand_in.messages[int(card["id"])] = copy.deepcopy(card)
    return await env.press(int(card["id"]), actor, label=label)


async def summary_in(env: OfflineDiscord, guild_id: int) -> str:
    draft = await env.bot.services.editing.draft(guild_id, "term/transformer")
    assert draft.entry is not None
    return draft.entry.summary.en


async def test_suggestion_waits_in_the_review_channel_and_only_editors_decide(
    discord_env: OfflineDiscord,
) -> None:
    """The card goes to the review channel; a member pressing Approve is refused."""
    await configure(discord_env, review=True)
    sent = await suggest(discord_env)
    assert sent.ephemeral
    assert f"<#{REVIEW.id}>" in sent.text()
    [card] = cards(discord_env, REVIEW.id)
    assert "Suggestion #" in str(card["embeds"][0]["title"])
    refused = await discord_env.press(int(card["id"]), MEMBER, label="Approve")
    assert refused.ephemeral
    assert "Only editors" in refused.text()
    assert await summary_in(discord_env, MEMBER.guild_id or 0) != NEW_SUMMARY


async def test_approved_after_a_restart_with_the_old_message(
    discord_env: OfflineDiscord, db_url: str
) -> None:
    """A new bot process on the same database answers the old card's Approve button: the
    change is applied, announced in the log channel, and a second press is stale."""
    await configure(discord_env)
    await suggest(discord_env)
    [card] = copy.deepcopy(cards(discord_env, LOG.id))
    restarted = OfflineDiscord(AixBot(build_services(make_settings(db_url))))
    await restarted.start()
    try:
        restarted.stand_in.messages[int(card["id"])] = copy.deepcopy(card)
        approved = await restarted.press(int(card["id"]), MANAGING_EDITOR, label="Approve")
        assert approved.ephemeral
        assert "Approved suggestion" in approved.text()
        assert await summary_in(restarted, EDITOR.guild_id or 0) == NEW_SUMMARY
        [embed] = [
            e
            for m in channel_posts(restarted, LOG.id)
            for e in m.get("embeds") or []
            if "suggestion approved" in e["title"]
        ]
        assert NEW_SUMMARY[:40] in embed["description"]
        again = await press_as_seen(restarted, card, MANAGING_EDITOR, "Approve")
        assert "already" in again.text()
    finally:
        await restarted.close()


async def test_reject_is_announced_and_changes_nothing(discord_env: OfflineDiscord) -> None:
    await configure(discord_env)
    await suggest(discord_env)
    [card] = copy.deepcopy(cards(discord_env, LOG.id))
    rejected = await discord_env.press(int(card["id"]), EDITOR, label="Reject")
    assert "Rejected suggestion" in rejected.text()
    assert await summary_in(discord_env, EDITOR.guild_id or 0) != NEW_SUMMARY
    assert any("was rejected" in str(m.get("content")) for m in channel_posts(discord_env, LOG.id))
    stale = await press_as_seen(discord_env, card, EDITOR, "Approve")
    assert "already" in stale.text()
    assert await summary_in(discord_env, EDITOR.guild_id or 0) != NEW_SUMMARY


async def test_an_editor_of_another_guild_cannot_decide(discord_env: OfflineDiscord) -> None:
    """Guild B's manager pressing guild A's card finds no such suggestion in their server."""
    await configure(discord_env)
    await suggest(discord_env)
    [card] = cards(discord_env, LOG.id)
    refused = await discord_env.press(int(card["id"]), EDITOR_OF_B, label="Approve")
    assert refused.ephemeral
    assert "no suggestion" in refused.text()
    assert await summary_in(discord_env, MEMBER.guild_id or 0) != NEW_SUMMARY


async def test_without_a_channel_the_suggestion_waits_and_is_posted_when_one_is_set(
    discord_env: OfflineDiscord,
) -> None:
    """Saved and said so; setting the log channel later posts it for review."""
    sent = await suggest(discord_env)
    assert "saved" in sent.text()
    assert "/config review-channel" in sent.text()
    set_log = await discord_env.command("config log-channel", MANAGER, channel=LOG)
    assert "Posted 1" in set_log.text()
    assert len(cards(discord_env, LOG.id)) == 1


async def test_suggest_in_chinese(discord_env: OfflineDiscord) -> None:
    """A zh-CN member gets the modal and the reply in Chinese."""
    zh = Actor(user_id=MEMBER.user_id, locale="zh-CN")
    opened = await discord_env.command("suggest", zh, entry="term/transformer")
    assert opened.modal["title"] == "建议修改"
    sent = await discord_env.submit(
        opened.modal, {"summary": "一种基于自注意力的神经网络架构。", "source": SOURCE}, zh
    )
    assert "谢谢" in sent.text()
