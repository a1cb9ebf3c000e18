"""Rebuilding the catalog never holds the event loop, never drops a change made meanwhile and
reads what a fresh build reads.

The index is built in slices (bot/knowledge/search.py SLICE_S); these tests set the slice to
zero so every entry is a turn of the loop, and check what that must not change.
"""

from __future__ import annotations

import asyncio
import gc
from collections.abc import AsyncIterator, Iterable
from dataclasses import replace
from typing import TypeVar

import pytest

from bot.knowledge import search, service
from bot.knowledge.files import DEFAULT_ROOT, load_knowledge
from bot.knowledge.models import EntryKind
from bot.knowledge.search import SearchIndex
from tests.editing.conftest import EDITOR, GUILD_A, Env

T = TypeVar("T")
QUERIES = ("transformer", "vector database", "英伟达", "gpt 4", "zkml", "decentralized gpu")


def _built_one_by_one() -> SearchIndex:
    index = SearchIndex()
    for entry in load_knowledge(DEFAULT_ROOT).entries:
        index.add(entry)
    return index


def _answers(index: SearchIndex) -> list[object]:
    return [
        (index.match_names(q, None, 10), index.match_text(q, None, 10), index.top(None, 5))
        for q in QUERIES
    ]


async def edit_transformer(env: Env, summary: str) -> None:
    """Guild A's edit of term/transformer's summary, from the form it was shown."""
    form = await env.form_values(GUILD_A, "term/transformer")
    shown = await env.editing.edit_form(GUILD_A, "term/transformer", "en")
    await env.editing.edit(
        GUILD_A,
        "term/transformer",
        "en",
        replace(form, summary=summary),
        based_on=shown.based_on or 0,
        editor_id=EDITOR,
    )


async def test_a_pending_index_answers_as_one_built_entry_by_entry() -> None:
    entries = load_knowledge(DEFAULT_ROOT).entries
    lazy = SearchIndex((e, 0.0) for e in entries)
    assert not lazy.settled
    assert _answers(lazy) == _answers(_built_one_by_one())
    assert lazy.settled
    settled = SearchIndex((e, 0.0) for e in entries)
    await settled.settle()
    assert settled.settled
    assert _answers(settled) == _answers(lazy)


async def test_settling_hands_the_loop_back_between_slices(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(search, "SLICE_S", 0.0)
    entries = load_knowledge(DEFAULT_ROOT).entries[:40]
    index = SearchIndex((e, 0.0) for e in entries)
    turns = 0
    building = asyncio.create_task(index.settle())
    while not building.done():
        turns += 1
        await asyncio.sleep(0)
    assert turns >= len(entries) - 1
    assert len(index) == len(entries)


async def test_an_edit_during_a_reload_is_in_the_new_catalog(
    env: Env, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The reload read its rows before the edit committed; the edit must survive the swap."""
    read = asyncio.Event()
    go_on = asyncio.Event()
    sliced = service.in_slices

    async def paused(items: Iterable[T]) -> AsyncIterator[T]:
        read.set()
        await go_on.wait()
        async for item in sliced(items):
            yield item

    monkeypatch.setattr(service, "in_slices", paused)
    reload = asyncio.create_task(env.knowledge.refresh())
    await read.wait()
    await edit_transformer(env, "Edited while the catalog reloaded, axolotl.")
    go_on.set()
    await reload
    seen = env.knowledge.get(EntryKind.TERM, "transformer", guild_id=GUILD_A)
    assert seen.entry.summary.en == "Edited while the catalog reloaded, axolotl."
    assert "transformer" in [h.slug for h in env.knowledge.search("axolotl", guild_id=GUILD_A)]


async def test_a_reload_settles_before_it_replaces_the_catalog(
    env: Env, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After the first build, a reload never leaves a pending index for a search to finish."""
    monkeypatch.setattr(search, "SLICE_S", 0.0)
    await env.knowledge.refresh()
    assert env.knowledge.search("transformer")  # the first build, settled by this search
    reload = asyncio.create_task(env.knowledge.refresh())
    while not reload.done():
        assert env.knowledge.search("transformer")  # the old catalog answers meanwhile
        await asyncio.sleep(0)
    assert all(index.settled for index in env.knowledge.indexes())


def _catalog(knowledge: service.KnowledgeService, guild_id: int) -> list[object]:
    views = [(v.id, v.version, v.entry) for v in knowledge.visible(guild_id=guild_id)]
    return [views, *([knowledge.search(q, guild_id=guild_id)] for q in QUERIES)]


async def test_a_reloaded_catalog_is_what_a_fresh_build_reads(env: Env) -> None:
    """Reloaded over the old catalog (whose index is emptied a slice at a time after the swap),
    the catalog answers as one built from scratch in a new process would."""
    await edit_transformer(env, "Edited before the reload, axolotl.")
    assert env.knowledge.search("axolotl", guild_id=GUILD_A)  # the first build, settled
    await env.knowledge.refresh()
    fresh = service.KnowledgeService(env.database.sessions)
    await fresh.refresh()
    await fresh.warm()
    for guild_id in (GUILD_A, 0):
        assert _catalog(env.knowledge, guild_id) == _catalog(fresh, guild_id)


async def test_a_failed_reload_keeps_the_catalog_and_the_collectors_settings(
    env: Env, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Nothing of a reload that raised is frozen (its traceback holds it), the full collections
    it held back are back on, and the old catalog still answers."""
    before = _catalog(env.knowledge, GUILD_A)
    thresholds, frozen = gc.get_threshold(), gc.get_freeze_count()

    async def broken(*_: object) -> None:
        raise OSError("disk gone")

    monkeypatch.setattr(service, "_indexes", broken)
    with pytest.raises(OSError, match="disk gone"):
        await env.knowledge.refresh()
    assert gc.get_threshold() == thresholds
    assert gc.get_freeze_count() <= frozen  # only frees: a frozen object can still be freed
    assert _catalog(env.knowledge, GUILD_A) == before
