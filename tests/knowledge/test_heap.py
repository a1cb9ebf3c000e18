"""A rebuild holds back full collections and freezes what it built, leaving the collector's
settings as it found them; a replaced catalog is emptied a slice at a time."""

from __future__ import annotations

import asyncio
import gc
from collections import deque
from collections.abc import Iterator

import pytest

from bot.knowledge import heap, search
from bot.knowledge.files import DEFAULT_ROOT, load_knowledge
from bot.knowledge.search import Held, SearchIndex


class Built(Exception):
    """What a build that fails raises."""


@pytest.fixture
def thresholds() -> Iterator[tuple[int, int, int]]:
    """The collector's thresholds as a test found them, put back if it fails half-way."""
    found = gc.get_threshold()
    yield found
    gc.set_threshold(*found)


def test_a_build_holds_back_full_collections_and_freezes_what_it_built(
    thresholds: tuple[int, int, int],
) -> None:
    frozen = gc.get_freeze_count()
    with heap.building():
        assert gc.get_threshold() == (*thresholds[:2], heap.HELD_BACK)
        built = [[n] for n in range(1000)]
    assert gc.get_threshold() == thresholds
    assert gc.get_freeze_count() >= frozen + len(built)
    assert not any(item is built for item in gc.get_objects())


@pytest.mark.parametrize("enabled", [True, False])
def test_a_build_leaves_the_collector_on_or_off_as_it_was(
    enabled: bool, thresholds: tuple[int, int, int]
) -> None:
    was = gc.isenabled()
    (gc.enable if enabled else gc.disable)()
    try:
        with heap.building():
            assert gc.isenabled() is enabled
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()
    assert gc.get_threshold() == thresholds


def test_a_failed_build_freezes_nothing_and_puts_the_thresholds_back(
    thresholds: tuple[int, int, int],
) -> None:
    frozen = gc.get_freeze_count()
    with pytest.raises(Built), heap.building():
        raise Built
    assert gc.get_freeze_count() == frozen
    assert gc.get_threshold() == thresholds


def test_an_overlapping_build_leaves_the_thresholds_to_the_outer_one(
    thresholds: tuple[int, int, int],
) -> None:
    with heap.building():
        with heap.building():
            pass
        assert gc.get_threshold()[2] == heap.HELD_BACK
    assert gc.get_threshold() == thresholds


async def test_release_empties_every_container_handing_the_loop_back(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(search, "SLICE_S", 0.0)
    parts: list[Held] = [
        {n: [n] for n in range(450)},
        set(range(300)),
        [[n] for n in range(250)],
        deque(range(10)),
    ]
    turns = 0
    releasing = asyncio.create_task(heap.release(parts))
    while not releasing.done():
        turns += 1
        await asyncio.sleep(0)
    assert all(not part for part in parts)
    assert turns >= 1010 // heap.BATCH


def test_a_detached_index_hands_back_what_it_held_and_stays_usable() -> None:
    entries = load_knowledge(DEFAULT_ROOT).entries
    index = SearchIndex()
    for entry in entries:
        index.add(entry)
    held = index.detach()
    assert sum(len(part) for part in held) > len(entries)
    assert len(index) == 0
    assert index.match_names("transformer", None, 5) == []
    transformer = next(e for e in entries if e.id == "term/transformer")
    index.add(transformer)
    assert [h.slug for h in index.match_names("transformer", None, 5)] == ["transformer"]
    assert [h.slug for h in index.match_text("attention", None, 5)] == ["transformer"]


def test_a_serving_process_collects_the_young_generation_less_often(
    thresholds: tuple[int, int, int],
) -> None:
    heap.serving()
    assert gc.get_threshold() == (heap.SERVING_YOUNG, *thresholds[1:])
    with heap.building():  # a rebuild puts back what serving set, not the default
        pass
    assert gc.get_threshold() == (heap.SERVING_YOUNG, *thresholds[1:])
