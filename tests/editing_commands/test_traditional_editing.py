"""Editing for a moderator who reads Traditional (zh-TW), through the real tree: every screen in
Traditional, except the stored text a modal is prefilled with, which stays as stored (Simplified)
so that saving an unchanged form changes nothing."""

from __future__ import annotations

from typing import Any

import discord
import pytest

from bot.i18n.script import to_traditional
from bot.knowledge.models import EntryBase
from offline import (
    DEFAULT_GUILD_ID,
    MODERATOR_PERMISSIONS,
    Actor,
    Channel,
    OfflineDiscord,
    walk_components,
)

ENTRY = "term/transformer"
TW_MOD = Actor(user_id=21, permissions=MODERATOR_PERMISSIONS, locale="zh-TW")
CN_MOD = Actor(user_id=22, permissions=MODERATOR_PERMISSIONS, locale="zh-CN")
EN_MOD = Actor(user_id=23, permissions=MODERATOR_PERMISSIONS)
TW_MEMBER = Actor(user_id=24, locale="zh-TW")
REVIEW = Channel(1_300_000_000_000_000_202, name="aix-review")


def simplified_only(text: str) -> set[str]:
    """Characters of `text` that Traditional writes otherwise (这, 辑, 简): none may be left in
    a screen a zh-TW reader gets, outside the stored text it quotes."""
    return {c for c in text if "\u4e00" <= c <= "\u9fff" and to_traditional(c) != c}


def labels(modal: dict[str, Any]) -> list[str]:
    """What each input of the modal is called, wherever Discord's payload puts it."""
    found = []
    for row in modal.get("components") or []:
        if row.get("type") == 18:
            found.append(str(row["label"]))
        else:
            found += [str(c["label"]) for c in walk_components([row]) if c.get("type") == 4]
    return found


def prefilled(modal: dict[str, Any]) -> dict[str, str]:
    fields = [c for c in walk_components(modal.get("components") or []) if c.get("type") == 4]
    return {str(c["custom_id"]): str(c.get("value") or "") for c in fields}


def stored(env: OfflineDiscord) -> EntryBase:
    view = env.bot.services.knowledge.by_id(ENTRY, guild_id=DEFAULT_GUILD_ID)
    assert view is not None
    return view.entry


async def revisions(env: OfflineDiscord) -> int:
    return (await env.bot.services.editing.history(DEFAULT_GUILD_ID, ENTRY)).total


@pytest.mark.parametrize(
    ("actor", "title", "label"),
    [
        pytest.param(TW_MOD, "編輯 Transformer（变换器）（簡體原文）", "出處", id="zh-TW"),
        pytest.param(CN_MOD, "编辑 Transformer（变换器）", "出处", id="zh-CN"),
    ],
)
async def test_the_modal_speaks_the_readers_script_and_holds_the_stored_text(
    discord_env: OfflineDiscord, actor: Actor, title: str, label: str
) -> None:
    """zh-TW: title and labels in Traditional, the title saying the text is the Simplified
    original, and every field prefilled with exactly what is stored."""
    opened = await discord_env.command("edit entry", actor, entry=ENTRY, language="zh")
    modal = opened.modal
    assert modal["title"] == title
    names = labels(modal)
    assert any(name.startswith(label) for name in names)
    if actor is TW_MOD:
        assert simplified_only(modal["title"].replace("Transformer（变换器）", "")) == set()
        assert all(simplified_only(name) == set() for name in names)
    entry = stored(discord_env)
    values = prefilled(modal)
    assert values["title"] == entry.name.zh
    assert values["summary"] == entry.summary.zh
    assert values["body"] == entry.body.zh  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("actor", "answer"),
    [
        pytest.param(TW_MOD, "沒有任何改動", id="zh-TW"),
        pytest.param(CN_MOD, "没有任何改动", id="zh-CN"),
        pytest.param(EN_MOD, "Nothing changed", id="en"),
    ],
)
@pytest.mark.parametrize("language", ["zh", "en"])
async def test_saving_an_unchanged_form_changes_nothing(
    discord_env: OfflineDiscord, actor: Actor, answer: str, language: str
) -> None:
    """Submitted as prefilled, in any reader's script: no revision, the stored text identical
    (no Traditional slipped into it), and the answer says nothing changed."""
    before = stored(discord_env).model_dump()
    count = await revisions(discord_env)
    opened = await discord_env.command("edit entry", actor, entry=ENTRY, language=language)
    saved = await discord_env.submit(opened.modal, {}, actor)
    assert saved.ephemeral
    assert answer in saved.last["content"]
    assert await revisions(discord_env) == count
    assert stored(discord_env).model_dump() == before


async def test_what_a_zh_tw_moderator_types_is_saved_as_typed(
    discord_env: OfflineDiscord,
) -> None:
    """A changed summary is stored exactly as typed, never converted; the answer is
    Traditional, and the diff of the change is shown in Traditional too."""
    opened = await discord_env.command("edit entry", TW_MOD, entry=ENTRY, language="zh")
    typed = "一种完全基于自注意力的网络架构（已更正）。"
    saved = await discord_env.submit(opened.modal, {"summary": typed}, TW_MOD)
    assert stored(discord_env).summary.zh == typed
    assert saved.last["content"].startswith(to_traditional("已保存"))
    assert simplified_only(saved.last["content"].replace("term/transformer", "")) == set()
    diff = await discord_env.command("entry diff", TW_MOD, entry=ENTRY, **{"from": 1})
    shown = diff.last["content"]
    assert to_traditional(typed) in shown
    assert typed not in shown


async def test_remove_confirmation_and_result_are_traditional(discord_env: OfflineDiscord) -> None:
    """The confirmation, its button and the line that replaces it after the press."""
    asked = await discord_env.command("edit remove", TW_MOD, entry=ENTRY, reason="重複")
    button = next(c for c in walk_components(asked.last["components"]) if c.get("type") == 2)
    assert button["label"] == "移除"
    assert simplified_only(asked.last["embeds"][0]["description"]) == set()
    done = await discord_env.press(asked.message_id, TW_MOD, label="移除")
    assert "移除" in done.last["content"]
    assert simplified_only(done.last["content"]) == set()


async def test_the_suggest_modal_and_review_card_in_a_taiwan_server(
    discord_env: OfflineDiscord,
) -> None:
    """A zh-TW member's /suggest modal is Traditional around the stored text; in a server whose
    language is zh-TW the review card posted for editors is Traditional, diff included."""
    await discord_env.command("config review-channel", TW_MOD, channel=REVIEW)
    guild = discord_env.bot.get_guild(DEFAULT_GUILD_ID)
    assert guild is not None
    guild.preferred_locale = discord.Locale.taiwan_chinese  # Server Settings > language
    opened = await discord_env.command("suggest", TW_MEMBER, entry=ENTRY)
    modal = opened.modal
    assert modal["title"] == "建議修改（簡體原文）"
    assert all(simplified_only(name) == set() for name in labels(modal))
    assert prefilled(modal)["summary"] == stored(discord_env).summary.zh
    typed = "一种基于自注意力的架构。"
    sent = await discord_env.submit(
        modal, {"summary": typed, "source": "https://arxiv.org/abs/1706.03762 paper"}, TW_MEMBER
    )
    assert simplified_only(sent.last["content"]) == set()
    cards = [
        m
        for m in discord_env.stand_in.messages.values()
        if m["channel_id"] == str(REVIEW.id) and m.get("embeds")
    ]
    assert cards
    card = cards[-1]["embeds"][0]
    assert card["title"].startswith("建議 #")
    assert to_traditional(typed) in card["description"]
    assert stored(discord_env).summary.zh != to_traditional(typed)  # nothing stored yet
