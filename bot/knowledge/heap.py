"""A catalog rebuild and CPython's cyclic garbage collector.

At 10,000 entries the catalog is about 600,000 objects the collector tracks, and they live
until the next rebuild. A full (generation 2) collection walks every one of them, and the
rebuild's own allocations set two of them off: each held the loop for 0.5-1.1 s. So a rebuild
builds with full collections held back (the young generations are still collected, so what a
lookup or an edit drops meanwhile is freed as usual), and then freezes what it built
(`gc.freeze`, as Instagram does after start-up): the collector never walks it again, and the
full collections after it walk only what is younger. A frozen object is still freed when its
last reference goes; only a reference cycle that dies after being frozen is never collected.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterable, Iterator

from bot.knowledge.search import Held, in_slices

HELD_BACK = 2**31 - 1
"""The full collection's threshold while a build runs: never reached (a C int)."""
BATCH = 100
"""Items `release` drops between two looks at the clock: each is freed in microseconds, and
one at a time made a loop turn per posting list."""


SERVING_YOUNG = 5000
"""The youngest generation's threshold in a serving bot (CPython's default: 700)."""


def serving() -> None:
    """Collect the youngest generation less often in a process that serves interactions.

    At 50 interactions in flight most young objects are still alive when a collection comes
    (each interaction, its payload, its HTTP request), so every young collection walks them and
    moves them up, and the middle and full collections walk them again: with the default 700,
    `aixbot run` spent about a fifth of its CPU in the collector (717 young, 65 middle and 3
    full collections, 0.35 s, in 2,000 autocompletes). Two processes measured in turns, 700
    against 5,000: /define 1,264 -> 1,411/s, /search 818 -> 888/s, an autocomplete 1,390 ->
    1,583/s, each p50 one at a time unchanged. A young collection then takes about 3 ms
    instead of 0.8 ms. The other thresholds stay, so reference cycles that reach the oldest
    generation are collected as often as before.
    """
    _, middle, full = gc.get_threshold()
    gc.set_threshold(SERVING_YOUNG, middle, full)


@contextlib.contextmanager
def building() -> Iterator[None]:
    """Build long-lived objects without a full collection, and freeze them if the build ends.

    Whatever is alive at the end is frozen, so a reference cycle that reached the oldest
    generation and died uncollected meanwhile is frozen with it and never collected: over 20
    reloads at 10,477 entries with /define answered throughout, 1,414-2,156 objects, about 10
    per command answered during a reload (discord.py's Interaction and its response hold each
    other). A build that raises freezes nothing: its traceback holds its half-built objects in
    cycles that must stay collectable. The collector's thresholds are put back as they were
    (whether it is enabled is never touched), by the outermost build when two overlap.
    """
    young, middle, full = gc.get_threshold()
    outermost = full != HELD_BACK
    if outermost:
        gc.set_threshold(young, middle, HELD_BACK)
    try:
        yield
        gc.freeze()
    finally:
        if outermost:
            gc.set_threshold(young, middle, full)


def _emptied(parts: Iterable[Held]) -> Iterator[list[object]]:
    for part in parts:
        while part:
            count = min(BATCH, len(part))
            if isinstance(part, dict):
                yield [part.popitem() for _ in range(count)]
            else:
                yield [part.pop() for _ in range(count)]


async def release(parts: Iterable[Held]) -> None:
    """Empty these containers a slice at a time (SLICE_S), so what they alone hold is freed in
    small steps: a replaced catalog's maps and index freed in one step held the loop ~100 ms."""
    async for _ in in_slices(_emptied(parts)):
        pass  # the work is the popping in _emptied; in_slices hands the loop back between slices
