"""The in-memory search index over entry names, aliases and full text, in both languages.

Names and aliases are matched fuzzily with rapidfuzz (typos, word order, partial names); every
text field goes into a BM25F index (bot/knowledge/fulltext.py), so a query can find an entry by
what it says and not only by what it is called, the most relevant first.

rapidfuzz's WRatio over every name is ~80 ms at 10,000 entries, far over an autocomplete's
budget, so names also go into an n-gram index: a query first collects the names that share its
rarest n-grams (plus the names it is a prefix of), and WRatio only ranks those few hundred.
"""

from __future__ import annotations

import asyncio
import bisect
import functools
import itertools
import re
import sys
import time
import unicodedata
from collections import Counter, defaultdict, deque
from collections.abc import AsyncIterator, Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from bot.i18n.script import to_simplified
from bot.knowledge import fulltext
from bot.knowledge.memo import IdentityMemo, LastAnswers
from bot.knowledge.models import EntryBase, EntryKind

HAN = re.compile(r"[\u3400-\u9fff]")
WORD = re.compile(r"[a-z0-9]+(?:[.\-][a-z0-9]+)*|[\u3400-\u9fff]+")

NAME_CUTOFF = 55.0
"""Below this WRatio a name is not a match at all."""
CANDIDATES = 100
"""How many n-gram candidates WRatio ranks; enough for a typo to survive, cheap to score."""
QUERY_GRAMS = 8
"""Only a long query's rarest n-grams are counted: they pick the same names, at a fraction of
the cost."""
COMMON = 500
"""An n-gram in more names than this says little; it is skipped unless the query has nothing
rarer, and then only this many of its postings are read."""
TEXT_FLOOR, TEXT_SPAN = 40.0, 45.0
"""Full-text scores lie in 40-85 (the best hit of a query at 85, the others by their BM25F score
relative to it): below a confident name match (88)."""

ANSWERS_KEPT = 1024
"""Queries whose name and text matches each index keeps until it changes: members ask the same
terms again, and autocomplete asks for every prefix typed; each answer is a few hits."""

SLICE_S = 0.02
"""The longest `SearchIndex.settle` holds the event loop before it lets others run: a rebuild
at 10,000 entries takes seconds of CPU, and no lookup may wait behind it for more than this."""

Key = tuple[str, str]
"""(kind, slug): the stable id of an entry within any scope."""
T = TypeVar("T")
Held = dict[Any, Any] | list[Any] | set[Any] | deque[Any]
"""A container a replaced index hands back to be emptied a slice at a time."""


COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
DASHES = re.compile("[\u2010-\u2015]")
PARENTHESIS = re.compile(r"[(（][^()（）]*[)）]")


def normalize(text: str, *, keep_case: bool = False) -> str:
    """Fold case, width, accents and script so `ＧＰＴ-4`, `gpt-4` and `GPT‑4` meet, and so do
    `輝達` and `英伟达` (Traditional is read as Simplified, bot/i18n/script.py). `keep_case`
    folds all but case, for the mention finder, where `SuperVision` is a name and
    `supervision` a word."""
    text = unicodedata.normalize("NFKC", text)
    if not keep_case:
        text = text.casefold()
    if not text.isascii():
        text = to_simplified(text)
        text = COMBINING.sub("", unicodedata.normalize("NFKD", text))
        text = DASHES.sub("-", text)
    return " ".join(text.split())


@functools.lru_cache(maxsize=65536)
def grams(text: str) -> frozenset[str]:
    """Padded character trigrams, plus single characters and bigrams of Chinese runs; interned,
    so the grams many names share are one string each, in the postings and in this cache."""
    padded = f" {text} "
    found = {padded[i : i + 3] for i in range(len(padded) - 2)}
    for run in HAN.findall(text):
        found.add(run)
    for i in range(len(text) - 1):
        if HAN.match(text[i]) or HAN.match(text[i + 1]):
            found.add(text[i : i + 2])
    return frozenset(map(sys.intern, found))


async def in_slices(items: Iterable[T]) -> AsyncIterator[T]:
    """The items, handing the event loop back every SLICE_S seconds of work on them.

    It is handed back before the first item too: what ran since the last turn (another sliced
    loop's last slice, a swap) must not add up with this loop's first slice.
    """
    await asyncio.sleep(0)
    deadline = time.perf_counter() + SLICE_S
    for item in items:
        yield item
        if time.perf_counter() >= deadline:
            await asyncio.sleep(0)
            deadline = time.perf_counter() + SLICE_S


def _frequent(postings: list[set[T]], common: int) -> Iterable[T]:
    """The postings worth counting: the informative ones, or a slice of the rarest one."""
    informative = [p for p in postings if len(p) <= common]
    if informative:
        return itertools.chain.from_iterable(informative)
    rarest = min(postings, key=len)
    return itertools.islice(rarest, common)


@dataclass(frozen=True, slots=True)
class Hit:
    kind: EntryKind
    slug: str
    name_en: str
    name_zh: str
    score: float
    matched: str
    """What matched: the name or alias text, or "text" for a full-text match."""

    @property
    def id(self) -> str:
        return f"{self.kind.value}/{self.slug}"

    def title(self, lang: str) -> str:
        return self.name_zh if lang == "zh" else self.name_en


@dataclass(slots=True)
class _Doc:
    key: Key
    kind: EntryKind
    name_en: str
    name_zh: str
    rank: float
    """Prior usefulness, used to order equal scores and the empty-query list."""


@dataclass(slots=True)
class _NameScope:
    """The names of one kind (or of every kind), indexed for candidate lookup."""

    postings: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))
    ids: set[int] = field(default_factory=set)
    _sorted: list[tuple[str, int]] | None = None

    def add(self, name_id: int, text: str) -> None:
        self.ids.add(name_id)
        for gram in grams(text):
            self.postings[gram].add(name_id)
        if self._sorted is not None:  # after the bulk load: keep it sorted, do not re-sort
            bisect.insort(self._sorted, (text, name_id))

    def remove(self, name_id: int, text: str) -> None:
        self.ids.discard(name_id)
        for gram in grams(text):
            self.postings[gram].discard(name_id)
        if self._sorted is not None:
            at = bisect.bisect_left(self._sorted, (text, name_id))
            if at < len(self._sorted) and self._sorted[at] == (text, name_id):
                del self._sorted[at]

    def parts(self) -> list[Held]:
        """What the scope holds (SearchIndex.detach)."""
        return [self.postings, self.ids, self._sorted or []]

    def prefixed(self, query: str, texts: dict[int, str], limit: int) -> list[int]:
        """Names that start with the query, shortest first: what someone typing wants."""
        if self._sorted is None:
            self._sorted = sorted((texts[i], i) for i in self.ids)
        start = bisect.bisect_left(self._sorted, (query, -1))
        found: list[int] = []
        # A slice, not islice: islice walks the list from its head to `start`, 40,000 names
        # for a query late in the alphabet.
        for text, name_id in self._sorted[start : start + limit * 4]:
            if not text.startswith(query):
                break
            found.append(name_id)
        return found

    def candidates(self, query: str, limit: int) -> list[int]:
        # Rarest n-grams first, equal ones by text, and equal counts by name id: a set of str
        # iterates in an order PYTHONHASHSEED picks, and the pool must not depend on it.
        found = sorted((len(p), g) for g in grams(query) if (p := self.postings.get(g)))
        if not found:
            return []
        postings = [self.postings[g] for _, g in found]
        counts = Counter(_frequent(postings[:QUERY_GRAMS], COMMON))
        # Most shared n-grams first, equal counts by name id: sorted by id, then stably by
        # count, all in C (heapq.nlargest's key, a Python call per name, took 5 times as long).
        ranked = sorted(counts)
        ranked.sort(key=counts.__getitem__, reverse=True)
        return ranked[:limit]


def _index_names(entry: EntryBase) -> list[str]:
    names = [entry.name.en, entry.name.zh, entry.slug.replace("-", " "), *entry.aliases]
    # "Large language model (LLM)" is also "Large language model": a typo of that must
    # not lose to names that merely share its words (bot.knowledge.matching.names_of).
    names += [PARENTHESIS.sub("", n).strip() for n in (entry.name.en, entry.name.zh)]
    return list(dict.fromkeys(normalize(n) for n in names if n.strip()))


index_names = IdentityMemo(_index_names)
"""The normalized names and aliases an entry is found by; kept per entry (bot/knowledge/memo.py)."""


class SearchIndex:
    """One scope's documents (the shipped set, or one guild's overlay).

    Built lazily: the entries it is created with wait in `_pending` until `settle` indexes them
    a slice at a time, or until the first call that needs them indexes the rest at once. A start
    that answers no search (`aixbot ask about`) never pays for the index.
    """

    def __init__(self, entries: Iterable[tuple[EntryBase, float]] = ()) -> None:
        self._empty()
        self._pending.extend(entries)

    def _empty(self) -> None:
        self._pending: deque[tuple[EntryBase, float]] = deque()
        self._docs: dict[Key, _Doc] = {}
        self._names: dict[Key, list[str]] = {}
        self._name_ids: dict[Key, list[int]] = {}
        self._name_text: dict[int, str] = {}
        self._name_key: dict[int, Key] = {}
        self._scopes: dict[EntryKind | None, _NameScope] = defaultdict(_NameScope)
        self._next_id = itertools.count()
        self._fulltext = fulltext.FullTextIndex()
        self._top: dict[EntryKind | None, list[_Doc]] = {}
        self._answers: LastAnswers[tuple[str, str, EntryKind | None, int], tuple[Hit, ...]] = (
            LastAnswers(ANSWERS_KEPT)
        )
        """Recent match_names and match_text answers, dropped whenever an entry is indexed or
        removed: what they hold depends on every entry of the scope."""

    def detach(self) -> list[Held]:
        """Empty the index at once and hand back what it held, for the caller to free a slice
        at a time (bot/knowledge/heap.py release); the index stays usable, empty."""
        held: list[Held] = [self._pending, self._docs, self._names, self._name_ids]
        held += [self._name_text, self._name_key, self._top]
        for scope in self._scopes.values():
            held += scope.parts()
        held += self._fulltext.parts()
        self._empty()
        return held

    def __len__(self) -> int:
        self._settle_now()
        return len(self._docs)

    def __contains__(self, key: Key) -> bool:
        self._settle_now()
        return key in self._docs

    @property
    def settled(self) -> bool:
        return not self._pending

    async def settle(self) -> None:
        """Index every pending entry, a slice (SLICE_S) at a time."""
        async for _ in in_slices(range(len(self._pending))):
            if not self._pending:  # a search settled the rest meanwhile
                return
            self._index(*self._pending.popleft())

    def _settle_now(self) -> None:
        while self._pending:
            self._index(*self._pending.popleft())

    def add(self, entry: EntryBase, rank: float = 0.0) -> None:
        self._settle_now()
        self._index(entry, rank)

    def _index(self, entry: EntryBase, rank: float) -> None:
        key = (entry.kind.value, entry.slug)
        self._unindex(key)
        self._docs[key] = _Doc(key, entry.kind, entry.name.en, entry.name.zh, rank)
        self._names[key] = index_names(entry)
        ids = []
        for text in self._names[key]:
            name_id = next(self._next_id)
            ids.append(name_id)
            self._name_text[name_id], self._name_key[name_id] = text, key
            self._scopes[entry.kind].add(name_id, text)
            self._scopes[None].add(name_id, text)
        self._name_ids[key] = ids
        self._fulltext.add(key, entry)
        self._top.clear()
        self._answers.clear()

    def remove(self, key: Key) -> None:
        self._settle_now()
        self._unindex(key)

    def _unindex(self, key: Key) -> None:
        doc = self._docs.pop(key, None)
        if doc is None:
            return
        del self._names[key]
        for name_id in self._name_ids.pop(key):
            text = self._name_text.pop(name_id)
            del self._name_key[name_id]
            self._scopes[doc.kind].remove(name_id, text)
            self._scopes[None].remove(name_id, text)
        self._fulltext.remove(key)
        self._top.clear()
        self._answers.clear()

    def _hit(self, key: Key, score: float, matched: str) -> Hit:
        doc = self._docs[key]
        return Hit(doc.kind, key[1], doc.name_en, doc.name_zh, score, matched)

    def top(self, kind: EntryKind | None, limit: int) -> list[Hit]:
        self._settle_now()
        if kind not in self._top:
            docs = [d for d in self._docs.values() if kind is None or d.kind is kind]
            docs.sort(key=lambda d: (-d.rank, d.name_en.casefold()))
            self._top[kind] = docs
        return [self._hit(d.key, 0.0, "") for d in self._top[kind][:limit]]

    def _remembered(
        self,
        how: Callable[[str, EntryKind | None, int], list[Hit]],
        query: str,
        kind: EntryKind | None,
        limit: int,
    ) -> list[Hit]:
        self._settle_now()
        key = (how.__name__, query, kind, limit)
        return list(self._answers.get(key, lambda: tuple(how(query, kind, limit))))

    def match_names(self, query: str, kind: EntryKind | None, limit: int) -> list[Hit]:
        """Fuzzy match on names and aliases; the best score per entry, best first."""
        return self._remembered(self._match_names, query, kind, limit)

    def _match_names(self, query: str, kind: EntryKind | None, limit: int) -> list[Hit]:
        from rapidfuzz import fuzz, process  # here: a start that searches nothing never loads it

        q = normalize(query)
        if not q:
            return []
        scope = self._scopes.get(kind)
        if scope is None:
            return []
        prefixed = scope.prefixed(q, self._name_text, limit)
        pool = dict.fromkeys([*prefixed, *scope.candidates(q, CANDIDATES)])
        choices = {i: self._name_text[i] for i in pool}
        best: dict[Key, tuple[float, str]] = {}
        for text, score, name_id in process.extract(
            q, choices, scorer=fuzz.WRatio, limit=None, score_cutoff=NAME_CUTOFF
        ):
            key = self._name_key[name_id]
            if text == q:
                score = 100.0 + 1
            elif text.startswith(q):
                score = max(score, 96.0)
            if score > best.get(key, (-1.0, ""))[0]:
                best[key] = (score, text)
        for name_id in prefixed:
            key, text = self._name_key[name_id], self._name_text[name_id]
            if key not in best:
                best[key] = (101.0 if text == q else 96.0, text)
        ranked = sorted(best.items(), key=lambda kv: (-kv[1][0], -self._docs[kv[0]].rank, kv[0][1]))
        return [self._hit(key, min(score, 100.0), text) for key, (score, text) in ranked[:limit]]

    def match_text(self, query: str, kind: EntryKind | None, limit: int) -> list[Hit]:
        """Entries whose text holds the query's words, by BM25F relevance, best first."""
        return self._remembered(self._match_text, query, kind, limit)

    def _match_text(self, query: str, kind: EntryKind | None, limit: int) -> list[Hit]:
        found = self._fulltext.search(query, limit, kind.value if kind else None)
        if not found:
            return []
        top = found[0].score
        return [self._hit(s.key, TEXT_FLOOR + TEXT_SPAN * s.score / top, "text") for s in found]

    def keys(self) -> Iterable[Key]:
        self._settle_now()
        return self._docs.keys()
