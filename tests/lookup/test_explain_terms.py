"""Explain terms through the real command tree: every match, one per concept, no plain-English
hits, in English, Simplified and Traditional Chinese."""

from __future__ import annotations

import pytest

from offline import Actor, OfflineDiscord

EN = Actor()
ZH = Actor(locale="zh-CN")
TW = Actor(locale="zh-TW")
LOCALES = pytest.mark.parametrize("actor", [EN, ZH, TW], ids=["en", "zh-CN", "zh-TW"])
NONE = {
    "en-US": "I found no entry named",
    "zh-CN": "这条消息中没有找到已收录的条目",
    "zh-TW": "這條訊息中沒有找到已收錄的條目",
}
MANY = (
    "RLHF PPO DPO SFT LoRA MoE GQA RoPE FlashAttention CUDA NVLink InfiniBand TPU "
    "Bittensor Akash Chinchilla"
)


def components(message: dict, kind: int) -> list[dict]:
    rows = message.get("components", [])
    return [c for row in rows for c in row["components"] if c["type"] == kind]


@LOCALES
@pytest.mark.parametrize(
    "text",
    [
        "ok everyone, paying attention now?",
        "kids need supervision at the pool",
        "computing power is the new oil, more power to you",
        "我今天注意力不集中，电力也不够用",
        "我今天注意力不集中",
    ],
)
async def test_plain_language_explains_nothing(
    discord_env: OfflineDiscord, actor: Actor, text: str
) -> None:
    """The issue's false hits (Attention, AlexNet, Energy and cooling) are gone."""
    exchange = await discord_env.message_command("Explain terms", text, actor)
    assert exchange.ephemeral
    assert exchange.last["content"].startswith(NONE[actor.locale])


@LOCALES
async def test_every_match_with_a_menu_for_the_rest(
    discord_env: OfflineDiscord, actor: Actor
) -> None:
    """Sixteen names: ten lines with a button each, the rest in a menu, "+N more" said."""
    exchange = await discord_env.message_command("Explain terms", MANY, actor)
    body = exchange.last
    lines = body["embeds"][0]["description"].split("\n")
    buttons = components(body, 2)
    menu = components(body, 3)[0]
    assert len(buttons) == 10
    assert len(lines) == 11
    rest = len(menu["options"])
    assert rest >= 5
    more = {"en-US": f"+{rest} more", "zh-CN": f"另有 {rest} 个", "zh-TW": f"另有 {rest} 個"}
    assert lines[-1].startswith(more[actor.locale])
    shown = {b["custom_id"].rsplit(":", 1)[1] for b in buttons}
    listed = {o["value"].split("/", 1)[1] for o in menu["options"]}
    assert not shown & listed
    picked = menu["options"][0]["value"]
    opened = await discord_env.choose(exchange.message_id, [picked], actor)
    assert opened.ephemeral
    assert opened.last["embeds"][0]["footer"]["text"].endswith(picked)


@LOCALES
async def test_one_line_per_concept(discord_env: OfflineDiscord, actor: Actor) -> None:
    """ZKML (a segment's alias) and zkML (a term) take one slot: the term's."""
    exchange = await discord_env.message_command(
        "Explain terms", "ZKML is hot, zkML 就是零知识机器学习", actor
    )
    buttons = components(exchange.last, 2)
    assert [b["custom_id"].split(":", 3)[3] for b in buttons] == ["term:zkml"]
    assert len(exchange.last["embeds"][0]["description"].split("\n")) == 1


async def test_traditional_reader_gets_traditional_text(discord_env: OfflineDiscord) -> None:
    """A zh-TW reader's title and lines are in Traditional characters."""
    exchange = await discord_env.message_command("Explain terms", "變換器的注意力機制", TW)
    shown = exchange.last["embeds"][0]
    assert shown["title"] == "這條訊息中的術語"
    assert "變換器" in shown["description"]
