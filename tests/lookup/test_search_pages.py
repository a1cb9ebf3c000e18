"""/search's pages turn by buttons that carry the search in their custom ids
(cogs/_items/search.py): only for the searcher, in place, while the bot keeps the search."""

from __future__ import annotations

import asyncio
import re
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from bot.i18n import t
from bot.knowledge.asked import TOKEN_PATTERN, AskedSearch, AskedSearches, token_of
from offline import DEFAULT_GUILD_ID, Actor, OfflineDiscord
from offline.driver import find_component

SEARCHER = Actor(user_id=31)
OTHER = Actor(user_id=32, locale="zh-CN")
QUERY = "model"
"""Finds more than three pages of the shipped catalog."""


def counter(exchange: Any) -> str:
    """The label of the "page x of y" button on screen."""
    buttons = [c for row in exchange.last["components"] for c in row["components"]]
    return next(b["label"] for b in buttons if b["custom_id"].split(":")[4] == "j")


def pages_of(exchange: Any) -> int:
    return int(counter(exchange).rsplit(" ", 1)[1])


async def test_the_searcher_turns_the_pages_in_place(discord_env: OfflineDiscord) -> None:
    first = await discord_env.command("search", SEARCHER, query=QUERY)
    pages = pages_of(first)
    assert pages >= 3
    assert counter(first) == f"Page 1 of {pages}"
    shown = first.last["embeds"][0]["description"]
    second = await discord_env.press(first.message_id, SEARCHER, label="›")
    assert counter(second) == f"Page 2 of {pages}"
    assert second.last["embeds"][0]["description"] != shown
    last = await discord_env.press(first.message_id, SEARCHER, label="≫")
    assert counter(last) == f"Page {pages} of {pages}"
    assert find_component(last.last, label="›", kind=2)["disabled"] is True
    back = await discord_env.press(first.message_id, SEARCHER, label="≪")
    assert back.last["embeds"][0]["description"] == shown
    assert find_component(back.last, label="‹", kind=2)["disabled"] is True
    # The menu offers the page on screen: its tag names the page.
    menu = find_component(second.last, kind=3)
    assert menu["custom_id"] == "aix:pick:0:p1"


async def test_only_the_searcher_turns_the_pages(discord_env: OfflineDiscord) -> None:
    first = await discord_env.command("search", SEARCHER, query=QUERY)
    before = discord_env.stand_in.messages[first.message_id]["embeds"]
    refused = await discord_env.press(first.message_id, OTHER, label="›")
    assert refused.ephemeral
    assert refused.last["content"] == t("error.not_yours", "zh")  # in the presser's language
    assert discord_env.stand_in.messages[first.message_id]["embeds"] == before


async def test_a_search_the_bot_no_longer_keeps_says_so(discord_env: OfflineDiscord) -> None:
    first = await discord_env.command("search", SEARCHER, query=QUERY)
    discord_env.bot.searches = AskedSearches()  # as after a restart
    expired = await discord_env.press(first.message_id, SEARCHER, label="›")
    assert expired.ephemeral
    assert expired.last["content"] == t("error.expired", "en")


async def test_everyone_asking_the_same_gets_the_same_answer(discord_env: OfflineDiscord) -> None:
    """One body for every reader, built once; each reader still pages their own message."""
    again = Actor(user_id=33)
    first = await discord_env.command("search", SEARCHER, query=QUERY)
    second = await discord_env.command("search", again, query=QUERY)
    assert second.last == first.last
    turned = await discord_env.press(second.message_id, again, label="›")
    assert counter(turned).startswith("Page 2 ")
    assert counter(await discord_env.press(first.message_id, SEARCHER, label="≫")).startswith(
        f"Page {pages_of(first)} "
    )


async def test_the_counter_asks_for_a_page(discord_env: OfflineDiscord) -> None:
    first = await discord_env.command("search", SEARCHER, query=QUERY)
    pages = pages_of(first)
    asked = await discord_env.press(first.message_id, SEARCHER, label=f"Page 1 of {pages}")
    jumped = await discord_env.submit(asked.modal, {"Page number": "3"}, SEARCHER)
    assert counter(jumped) == f"Page 3 of {pages}"
    asked = await discord_env.press(first.message_id, SEARCHER, label=f"Page 3 of {pages}")
    wrong = await discord_env.submit(asked.modal, {"Page number": "0"}, SEARCHER)
    assert wrong.ephemeral
    assert wrong.last["content"] == t("page.bad_number", "en", pages=pages)
    refused = await discord_env.press(first.message_id, OTHER, label=f"Page 3 of {pages}")
    assert refused.last["content"] == t("error.not_yours", "zh")


async def test_a_forged_page_number_shows_a_real_page(discord_env: OfflineDiscord) -> None:
    """Custom ids come back from the client: a page past the end or before the start is
    clamped, never an error."""
    first = await discord_env.command("search", SEARCHER, query=QUERY)
    pages = pages_of(first)
    token = token_of(AskedSearch(DEFAULT_GUILD_ID, "en", QUERY))
    for move, page, shown in (("n", 999, pages), ("p", 0, 1), ("f", 7, 1), ("l", 0, pages)):
        custom_id = f"aix:sp:{token}:0:{move}:{page}"
        message = discord_env.stand_in.messages[first.message_id]
        message["components"][0]["components"][0]["custom_id"] = custom_id
        turned = await discord_env.press(first.message_id, SEARCHER, custom_id=custom_id)
        assert counter(turned) == f"Page {shown} of {pages}"


async def test_a_traditional_searcher_pages_in_traditional(discord_env: OfflineDiscord) -> None:
    tw = Actor(user_id=34, locale="zh-TW")
    first = await discord_env.command("search", tw, query="注意力")
    turned = await discord_env.press(first.message_id, tw, label=counter(first))
    jumped = await discord_env.submit(turned.modal, {"頁碼": "2"}, tw)
    assert "頁" in counter(jumped)
    assert "页" not in counter(jumped)


def test_a_search_in_another_guild_or_language_has_its_own_token() -> None:
    """Each guild sees its own overlay and each language its own lines."""
    here = token_of(AskedSearch(DEFAULT_GUILD_ID, "en", QUERY))
    assert here != token_of(AskedSearch(None, "en", QUERY))
    assert here != token_of(AskedSearch(DEFAULT_GUILD_ID, "zh", QUERY))


texts = st.text(min_size=1, max_size=100)
scopes = st.one_of(st.none(), st.integers(min_value=0, max_value=2**63))


@given(scopes, st.sampled_from(["en", "zh"]), texts)
def test_a_token_fits_a_custom_id_and_names_one_search(
    scope: int | None, lang: str, text: str
) -> None:
    asked = AskedSearch(scope, lang, text)  # type: ignore[arg-type]
    token = token_of(asked)
    assert re.fullmatch(TOKEN_PATTERN, token)
    assert token == token_of(AskedSearch(scope, lang, text))  # type: ignore[arg-type]
    kept = AskedSearches(size=2)
    assert kept.recall(kept.remember(asked)) == asked


def test_the_kept_searches_are_bounded_and_keep_the_recent() -> None:
    kept = AskedSearches(size=2)
    a, b, c = (AskedSearch(None, "en", w) for w in ("a", "b", "c"))
    ta, tb = kept.remember(a), kept.remember(b)
    assert kept.recall(ta) == a  # now the most recent
    kept.remember(c)
    assert len(kept) == 2
    assert kept.recall(tb) is None
    assert kept.recall(ta) == a


async def test_a_search_leaves_no_view_behind(discord_env: OfflineDiscord) -> None:
    """Its buttons answer by custom id alone: no view per message, no timeout task, however
    many searches are sent and paged."""
    store = discord_env.bot._connection._view_store
    views, synced = len(store._views), len(store._synced_message_views)
    for user_id in range(40, 43):
        asked = await discord_env.command("search", Actor(user_id=user_id), query=QUERY)
        await discord_env.press(asked.message_id, Actor(user_id=user_id), label="›")
    private = await discord_env.command("search", SEARCHER, query=QUERY, private=True)
    await discord_env.press(private.message_id, SEARCHER, label="›")
    timeouts = [
        task
        for task in asyncio.all_tasks()
        if "timeout_task" in getattr(task.get_coro(), "__qualname__", "")
    ]
    assert timeouts == []
    assert (len(store._views), len(store._synced_message_views)) == (views, synced)
