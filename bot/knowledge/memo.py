"""Work done once per distinct entry, however often the catalog is rebuilt.

Every refresh re-reads every row, and most rows are what they were the last time: after a
reload that changed three entries, or in the tests, where every bot reads the same shipped rows.
Parsing a row and computing what the search index holds for it is nearly all of a rebuild, so
both are kept: a parsed entry per distinct content, and derived values per parsed entry.
"""

from __future__ import annotations

import json
from collections import OrderedDict
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from bot.knowledge.files import parse_entry
from bot.knowledge.models import EntryBase

K = TypeVar("K")
V = TypeVar("V")

ENTRIES_KEPT = 16384
"""Above the largest catalog the bench builds (10,000 entries) plus a reload's worth of changes."""


class IdentityMemo(Generic[K, V]):
    """`compute(obj)`, kept while `obj` is among the last `size` objects asked about.

    Keyed by identity, and holding the object itself so that its id cannot be taken by another
    object while the value is kept. For frozen entries: they are not hashable (they hold lists),
    and comparing two by value costs about what computing the value again does.
    """

    def __init__(self, compute: Callable[[K], V], size: int = ENTRIES_KEPT) -> None:
        self._compute = compute
        self._size = size
        self._kept: OrderedDict[int, tuple[K, V]] = OrderedDict()

    def __call__(self, obj: K) -> V:
        found = self._kept.get(id(obj))
        if found is not None and found[0] is obj:
            self._kept.move_to_end(id(obj))
            return found[1]
        value = self._compute(obj)
        self._kept[id(obj)] = (obj, value)
        if len(self._kept) > self._size:
            self._kept.popitem(last=False)
        return value


class LastAnswers(Generic[K, V]):
    """The last `size` answers asked for, by key: a bounded LRU that its owner empties whenever
    what the answers were computed from changes."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._kept: OrderedDict[K, V] = OrderedDict()

    def __len__(self) -> int:
        return len(self._kept)

    def get(self, key: K, compute: Callable[[], V]) -> V:
        """The kept answer, else `compute()` kept. What `compute` raises is raised, not kept."""
        found = self._kept.get(key, _MISSING)
        if found is not _MISSING:
            self._kept.move_to_end(key)
            return found  # type: ignore[return-value]
        value = self._kept[key] = compute()
        if len(self._kept) > self._size:
            self._kept.popitem(last=False)
        return value

    def clear(self) -> None:
        self._kept.clear()


_MISSING = object()

_parsed: OrderedDict[str, EntryBase] = OrderedDict()


def parsed(data: dict[str, Any]) -> EntryBase:
    """The entry a row's data holds: the same object for the same content, so what the index
    derived from it (IdentityMemo) is found again. Raises what `parse_entry` raises."""
    key = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    entry = _parsed.get(key)
    if entry is not None:
        _parsed.move_to_end(key)
        return entry
    entry = _parsed[key] = parse_entry(data)
    if len(_parsed) > ENTRIES_KEPT:
        _parsed.popitem(last=False)
    return entry
