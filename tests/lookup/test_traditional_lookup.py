"""Lookups for zh-TW readers through the real command tree: Traditional in, Traditional out.

A zh-TW reply holds no Simplified-only character (one OpenCC's s2tw changes and tw2s leaves
alone: 这, 条, 个, but not those Taiwan writes too in some words: 里程碑, 上游, 高峰, 台積電, 若干),
apart from what the user typed. The
zh-CN reply of the same command is its source: converted, it is the zh-TW reply.
"""

from __future__ import annotations

from functools import cache

import opencc
import pytest

from bot.i18n.script import to_traditional
from offline import Actor, OfflineDiscord

TW = Actor(locale="zh-TW")
CN = Actor(locale="zh-CN")


BOTH_SCRIPTS = frozenset("里游峰台干")
"""Characters s2tw changes alone that Taiwan keeps in words: 里程碑, 上游, 高峰, 台積電, 若干."""


@cache
def simplified_only() -> frozenset[str]:
    s2tw, tw2s = opencc.OpenCC("s2tw"), opencc.OpenCC("tw2s")
    chars = map(chr, range(0x3400, 0xA000))
    found = {c for c in chars if s2tw.convert(c) != c and tw2s.convert(c) == c}
    return frozenset(found - BOTH_SCRIPTS)


def simplified_in(text: str, typed: str = "") -> set[str]:
    return (set(text) - set(typed)) & simplified_only()


def test_detector_finds_simplified() -> None:
    """The detector would catch an unconverted reply."""
    assert simplified_in("这个条目") == {"这", "个", "条"}
    assert simplified_in(to_traditional("这个条目")) == set()


def options(message: dict) -> list[dict]:
    return [
        o
        for row in message.get("components", [])
        for c in row["components"]
        for o in c.get("options", [])
    ]


REPLIES = [
    ("define", {"term": "零知識機器學習"}),
    ("define", {"term": "transformer"}),
    ("search", {"query": "輝達"}),
    ("search", {"query": "零知識"}),
    ("history year", {"year": "2017"}),
    ("history event", {"name": "transformer"}),
    ("industry chain", {}),
    ("project info", {"name": "FET"}),
    ("compute gpu", {"name": "H100 SXM"}),
    ("compute train", {"params": "700億", "tokens": "15兆"}),
    ("help", {}),
    ("about", {}),
]


@pytest.mark.parametrize(("path", "typed"), REPLIES, ids=[f"{p} {o}" for p, o in REPLIES])
async def test_zh_tw_replies_are_traditional(
    discord_env: OfflineDiscord, path: str, typed: dict[str, str]
) -> None:
    """Embeds, buttons and menus of a zh-TW reply hold no Simplified-only character; the zh-CN
    reply of the same command is the Traditional one's source, character for character."""
    tw = await discord_env.command(path, TW, **typed)
    text = tw.text()
    assert simplified_in(text, "".join(typed.values())) == set(), text
    cn = await discord_env.command(path, CN, **typed)
    assert to_traditional(cn.text()) == text


async def test_define_takes_a_traditional_name(discord_env: OfflineDiscord) -> None:
    """/define 零知識機器學習 opens ZKML with its Traditional title; zh-CN keeps Simplified."""
    tw = await discord_env.command("define", TW, term="零知識機器學習")
    assert tw.last["embeds"][0]["title"] == "ZKML（零知識機器學習）"
    assert tw.last["embeds"][0]["footer"]["text"] == "term/zkml"
    cn = await discord_env.command("define", CN, term="零知识机器学习")
    assert cn.last["embeds"][0]["title"] == "ZKML（零知识机器学习）"


async def test_search_reads_taiwan_names(discord_env: OfflineDiscord) -> None:
    """輝達 (NVIDIA's name in Taiwan) finds what 英伟达 finds, in the same order."""
    tw = await discord_env.command("search", TW, query="輝達")
    cn = await discord_env.command("search", CN, query="英伟达")
    found = [o["value"] for o in options(tw.last)]
    assert found
    assert found == [o["value"] for o in options(cn.last)]
    assert "輝達" in tw.last["embeds"][0]["description"]


@pytest.mark.parametrize(
    ("path", "focused", "typed", "wanted"),
    [
        ("define", "term", "零知識機器學習", "term/zkml"),
        ("define", "term", "零知識", "term/zkml"),
        ("compute gpu", "name", "輝達 H100", "h100-sxm"),
        ("search", "query", "輝達", None),
    ],
)
async def test_autocomplete_takes_traditional(
    discord_env: OfflineDiscord, path: str, focused: str, typed: str, wanted: str | None
) -> None:
    """Traditional typed into autocomplete finds the entry; the choice names are Traditional and
    the values the same slugs zh-CN gets."""
    tw = (await discord_env.autocomplete(path, focused, TW, **{focused: typed})).choices
    cn_typed = {"零知識機器學習": "零知识机器学习", "零知識": "零知识"}.get(typed, typed)
    cn_typed = cn_typed.replace("輝達", "英伟达")
    cn = (await discord_env.autocomplete(path, focused, CN, **{focused: cn_typed})).choices
    assert tw, typed
    assert [c["value"] for c in tw] == [c["value"] for c in cn]
    if wanted is not None:
        assert wanted in [c["value"] for c in tw]
    assert all(not simplified_in(c["name"], typed) for c in tw)


async def test_command_names_are_traditional_for_zh_tw(discord_env: OfflineDiscord) -> None:
    """Discord's command picker shows zh-TW readers Traditional names and descriptions."""
    payload = await discord_env.bot.tree_payload(None)
    texts: list[str] = []

    def walk(node: dict) -> None:
        for key in ("name_localizations", "description_localizations"):
            texts.append((node.get(key) or {}).get("zh-TW", ""))
        for option in node.get("options") or []:
            walk(option)

    for command in payload:
        walk(command)
    joined = "".join(texts)
    assert joined
    assert simplified_in(joined) == set()
    names = {c["name"]: c for c in payload}
    assert names["search"]["name_localizations"]["zh-TW"] == to_traditional(
        names["search"]["name_localizations"]["zh-CN"]
    )


async def test_every_page_of_a_zh_tw_list_is_traditional(discord_env: OfflineDiscord) -> None:
    """Paging a zh-TW /search: the page and the menu of its entries (built when the page is
    first shown) in Traditional, again when the reader pages back and forth."""
    first = await discord_env.command("search", TW, query="模型")
    shown = [first.last]
    for arrow in ("›", "›", "‹", "›"):
        await discord_env.press(first.message_id, TW, label=arrow)
        shown.append(discord_env.stand_in.messages[first.message_id])
    assert len({options(m)[0]["value"] for m in shown}) >= 2, "the list has one page"
    for message in shown:
        labels = "".join(o["label"] + o.get("description", "") for o in options(message))
        assert simplified_in(labels) == set(), labels
        assert simplified_in(message["embeds"][0]["description"], "模型") == set()
