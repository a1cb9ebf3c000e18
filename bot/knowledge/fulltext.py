"""Relevance-ranked full-text search: BM25F over every text field of an entry, both languages.

Chosen over SQLite FTS5, tantivy, bm25s and rank_bm25 after measuring them on the same entries
(bench/search_candidates.py; the table is in issue 11's closing note): all of them rank about as
well once given the same tokens, but only this one updates one entry in microseconds without a
commit or a rebuild, gives each field its own weight *before* term saturation (BM25F), and has no
float ties that depend on an engine's internal order.

Scoring. Each field of an entry (name > alias > summary > note, players, people, relation to AI
> body) adds its weighted term frequency, normalized by the field's length, into one pseudo
frequency that BM25 saturates; the inverse document frequency comes from the live posting lists.
Length is normalized against a fixed pivot per field rather than the corpus average (and only
a field longer than its pivot is discounted, so a two-word summary never outweighs a name), so an
entry's contribution never changes when another entry is edited: adding, replacing or removing
one entry touches only its own postings, and an index updated entry by entry is identical to one
built from scratch.

Tokens. Latin words are folded by the Snowball English stemmer (``databases`` and ``database``
meet, ``laws`` never becomes ``aws``); a hyphenated or dotted word is indexed whole and by its
parts (``gpt-4`` and ``gpt``, ``4``). Chinese runs are indexed as character bigrams, and a
one-character query is looked up among single characters.
"""

from __future__ import annotations

import heapq
import math
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

import Stemmer

from bot.knowledge import search as names
from bot.knowledge.memo import IdentityMemo
from bot.knowledge.models import EntryBase

if TYPE_CHECKING:
    from bot.knowledge.search import Held, Key

_STOP = (
    "a an and are as at be by can do does for from has have how i in is it its me of on or "
    "that the this to was what when where which who why with"
)
STOPWORDS = frozenset(_STOP.split())
"""Function words and the question words members type ("what is ZKML")."""

FIELDS = ("name", "alias", "summary", "detail", "body")
"""detail: the note, players, people, products, relation to AI, what a person is known for and
the other short structured fields."""
WEIGHTS = (6.0, 4.0, 2.5, 1.5, 1.0)
"""name > alias > summary > detail > body, as issue 11 asks; the gaps were tuned on the bench's
relevance set so a word in a name outweighs the same word said three times in a body."""
PIVOTS = (4.0, 12.0, 40.0, 80.0, 220.0)
"""Typical field lengths in tokens (shipped entries, both languages): the length a field is
normalized against."""
B = (0.3, 0.3, 0.75, 0.75, 0.75)
"""Length normalization per field: weak for names and aliases, where length says little."""
K1 = 1.2
COMMON = 500
"""A term in more entries than this only re-scores entries a rarer query term already found:
reading its whole posting list costs milliseconds and changes no ranking above it."""
LEADERS = 256
"""When every query term is that common, the candidates are each term's LEADERS entries of
highest saturation: exact for a one-word query (the usual case), and for several common words
it can only miss an entry that is middling for all of them."""

_STEMMER = Stemmer.Stemmer("english")


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    return str(_STEMMER.stemWord(word))


def _latin(word: str) -> Iterator[str]:
    if word in STOPWORDS:
        return
    yield _stem(word)
    if "-" in word or "." in word:
        for part in re.split(r"[.\-]", word):
            if part and part not in STOPWORDS:
                yield _stem(part)


def tokens(text: str) -> list[str]:
    """Index tokens in text order, repeats kept: stemmed words and Chinese character bigrams."""
    found: list[str] = []
    for word in names.WORD.findall(names.normalize(text)):
        if names.HAN.match(word):
            if len(word) == 1:
                found.append(word)
            found.extend(word[i : i + 2] for i in range(len(word) - 1))
        else:
            found.extend(_latin(word))
    return found


def query_terms(query: str) -> list[str]:
    """The distinct tokens of a query, sorted so that scores add up in one order everywhere."""
    return sorted(set(tokens(query)))


@lru_cache(maxsize=4096)
def _wanted(query: str) -> frozenset[str]:
    """The query's tokens, for `snippet`: asked once per hit of a page, 25 times a /search."""
    return frozenset(tokens(query))


def _players(entry: EntryBase) -> Iterable[str]:
    for player in getattr(entry, "players", []):
        yield from (player.name, player.line.en, player.line.zh)


def field_texts(entry: EntryBase) -> tuple[list[str], ...]:
    """Every text of an entry, in the five fields, both languages."""
    detail: list[str] = [*entry.tags, *_players(entry), *getattr(entry, "people", [])]
    detail += getattr(entry, "products", [])
    for name in ("note", "misreport", "ai_relation", "role", "known_for", "trends", "status_note"):
        value = getattr(entry, name, None)
        if value is not None:
            detail += [value.en, value.zh]
    for name in (
        "token",
        "chain",
        "organisation",
        "vendor",
        "hardware",
        "category",
        "org_type",
        "headquarters",
    ):
        value = getattr(entry, name, None)
        if value:
            detail.append(str(value))
    return (
        [entry.name.en, entry.name.zh, entry.slug.replace("-", " ")],
        list(entry.aliases),
        [entry.summary.en, entry.summary.zh],
        detail,
        [entry.body.en, entry.body.zh],
    )


def _saturations(entry: EntryBase) -> dict[str, float]:
    pseudo: dict[str, float] = defaultdict(float)
    for texts, weight, pivot, b in zip(field_texts(entry), WEIGHTS, PIVOTS, B, strict=True):
        counted: Counter[str] = Counter()
        for text in texts:
            counted.update(tokens(text))
        norm = max(1.0, 1.0 - b + b * sum(counted.values()) / pivot)  # long fields only
        for token, count in counted.items():
            pseudo[token] += weight * count / norm
    # Interned: a token many entries hold is one string, not one per entry (at 477 entries,
    # 92,000 token strings became 35,000).
    return {sys.intern(token): tf / (K1 + tf) for token, tf in sorted(pseudo.items())}


saturations = IdentityMemo(_saturations)
"""Each token's BM25F saturation tf/(k1 + tf) in an entry, from its fields alone, in token
order (what `FullTextIndex.add` posts). Kept per entry: bot/knowledge/memo.py."""


@dataclass(frozen=True, slots=True)
class Scored:
    key: Key
    score: float
    matched: int
    """How many distinct query terms the entry holds."""


class FullTextIndex:
    """One scope's BM25F index: posting lists of precomputed saturations, per-entry updates."""

    def __init__(self) -> None:
        self._postings: dict[str, dict[Key, float]] = defaultdict(dict)
        self._doc_tokens: dict[Key, tuple[str, ...]] = {}
        self._leaders: dict[str, list[Key]] = {}
        """Per common token, its entries of highest saturation; dropped when the token's
        postings change."""

    def __len__(self) -> int:
        return len(self._doc_tokens)

    def parts(self) -> list[Held]:
        """What the index holds, for an owner that drops it to empty a slice at a time
        (SearchIndex.detach)."""
        return [self._postings, self._doc_tokens, self._leaders]

    def add(self, key: Key, entry: EntryBase) -> None:
        """Index an entry, replacing what was indexed under its key."""
        self.remove(key)
        sat = saturations(entry)
        postings = self._postings
        for token, value in sat.items():
            postings[token][key] = value
        if self._leaders:
            for token in sat:
                self._leaders.pop(token, None)
        self._doc_tokens[key] = tuple(sat)

    def remove(self, key: Key) -> None:
        for token in self._doc_tokens.pop(key, ()):
            posting = self._postings[token]
            del posting[key]
            self._leaders.pop(token, None)
            if not posting:
                del self._postings[token]

    def _leaders_of(self, token: str, posting: dict[Key, float]) -> list[Key]:
        leaders = self._leaders.get(token)
        if leaders is None:
            best = heapq.nsmallest(LEADERS, posting.items(), key=lambda ks: (-ks[1], ks[0]))
            leaders = self._leaders[token] = [key for key, _ in best]
        return leaders

    def _idf(self, df: int) -> float:
        n = len(self._doc_tokens)
        return math.log(1.0 + (n - df + 0.5) / (df + 0.5))

    def search(self, query: str, limit: int, kind: str | None = None) -> list[Scored]:
        """The best entries for the query (of one kind, if given), best first; ties go to the
        smaller key, so the order never depends on the hash seed or on the order of updates."""
        postings = [(t, p) for t in query_terms(query) if (p := self._postings.get(t))]
        if not postings:
            return []
        rare = [p for _, p in postings if len(p) <= COMMON]
        common = [p for _, p in postings if len(p) > COMMON]
        scores: dict[Key, float] = {}
        if not rare:
            scores = dict.fromkeys(
                sorted({k for t, p in postings for k in self._leaders_of(t, p)}), 0.0
            )
        matched: Counter[Key] = Counter()
        for posting in [*rare, *common]:  # each in token order: one summation order everywhere
            idf = self._idf(len(posting))
            if len(posting) > COMMON:
                for key in scores:
                    if (sat := posting.get(key)) is not None:
                        scores[key] += idf * sat
                        matched[key] += 1
                continue
            for key, sat in posting.items():
                scores[key] = scores.get(key, 0.0) + idf * sat
                matched[key] += 1
        items: Iterable[tuple[Key, float]] = scores.items()
        if kind is not None:
            items = ((k, s) for k, s in items if k[0] == kind)
        best = heapq.nsmallest(limit, items, key=lambda ks: (-ks[1], ks[0]))
        return [Scored(key, score, matched[key]) for key, score in best]


SENTENCE = re.compile(r".+?(?:[.!?](?=\s|$)|[。！？]|$)", re.DOTALL)


def _texts_in(entry: EntryBase, lang: str) -> list[str]:
    """The entry's sentences-worth texts in one language, summary first, body last."""
    pick = 1 if lang == "zh" else 0
    texts = [(entry.summary.en, entry.summary.zh)[pick]]
    for name in ("note", "misreport", "ai_relation", "role", "known_for", "trends"):
        value = getattr(entry, name, None)
        if value is not None:
            texts.append((value.en, value.zh)[pick])
    texts += [
        p.line.zh if pick else f"{p.name}: {p.line.en}" for p in getattr(entry, "players", [])
    ]
    texts.append((entry.body.en, entry.body.zh)[pick])
    return texts


MARKABLE = re.compile(r"[A-Za-z0-9]+(?:[.\-][A-Za-z0-9]+)*|[\u3400-\u9fff]+")


def _units(text: str) -> Iterator[tuple[int, int, tuple[str, ...]]]:
    """Each span of text a snippet can bold, with the query tokens that bold it."""
    for match in MARKABLE.finditer(text):
        word, at = match.group(), match.start()
        if names.HAN.match(word):
            for i in range(len(word) - 1):
                yield at + i, at + i + 2, (word[i : i + 2],)
            if len(word) == 1:
                yield at, match.end(), (word,)
        else:
            yield at, match.end(), _word_tokens(word)


@lru_cache(maxsize=65536)
def _word_tokens(word: str) -> tuple[str, ...]:
    """A Latin word's tokens: a body repeats its words and the catalog shares them, and folding
    one (normalize, then stem) cost more than the rest of splitting a sentence."""
    return tuple(_latin(names.normalize(word)))


def _spans(text: str) -> dict[str, tuple[tuple[int, int], ...]]:
    """Each token of the text with the spans it bolds, kept with the split text: tokenizing
    every hit's sentences again on each /search was two thirds of its time when the query is in
    long bodies (`attention` at 10,477 entries)."""
    found: dict[str, list[tuple[int, int]]] = {}
    for start, end, held in _units(text):
        for token in held:
            found.setdefault(token, []).append((start, end))
    return {token: tuple(spans) for token, spans in found.items()}


def _marks(
    text: str, spans: dict[str, tuple[tuple[int, int], ...]], wanted: frozenset[str]
) -> list[tuple[int, int]]:
    """Spans of text whose tokens are among the query's."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted({span for token in wanted for span in spans.get(token, ())}):
        if merged and not text[merged[-1][1] : start].strip():  # touching or one space apart
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


@dataclass(frozen=True, slots=True)
class _Sentences:
    """An entry's text in one language as `snippet` reads it, split and tokenized once."""

    summary: str
    sentences: tuple[tuple[str, dict[str, tuple[tuple[int, int], ...]]], ...]
    """Each sentence with every token that would bold a part of it, and the spans it bolds."""


def _split(entry: EntryBase, lang: str) -> _Sentences:
    texts = _texts_in(entry, lang)
    sentences = tuple(
        (sentence, _spans(sentence))
        for text in texts
        for sentence in (m.group().strip() for m in SENTENCE.finditer(text))
    )
    return _Sentences(texts[0], sentences)


SPLIT_KEPT = 2048
"""Entries whose split text is kept: a page of /search reads up to 25, and a popular query's
entries come back; the whole 10,000-entry bench catalog would hold a few hundred MB."""
_split_en: IdentityMemo[EntryBase, _Sentences] = IdentityMemo(
    lambda entry: _split(entry, "en"), size=SPLIT_KEPT
)
_split_zh: IdentityMemo[EntryBase, _Sentences] = IdentityMemo(
    lambda entry: _split(entry, "zh"), size=SPLIT_KEPT
)


def snippet(entry: EntryBase, lang: str, query: str, width: int = 110) -> list[tuple[str, bool]]:
    """One line of the entry's own text that best shows the query, as (text, is_match) parts.

    The sentence holding most of the query's terms wins, the summary on a tie; a long sentence
    is cut around its first match. Rendering (escaping, bold) is the caller's.
    """
    wanted = _wanted(query)
    split = (_split_zh if lang == "zh" else _split_en)(entry)
    best, best_marks, best_count = split.summary, [], 0
    for sentence, spans in split.sentences:
        if spans.keys().isdisjoint(wanted):  # nothing to bold: it cannot be the best
            continue
        marks = _marks(sentence, spans, wanted)
        count = len({names.normalize(sentence[a:b]) for a, b in marks})
        if count > best_count:
            best, best_marks, best_count = sentence, marks, count
    start = 0
    if len(best) > width and best_marks:
        start = max(0, min(best_marks[0][0] - width // 3, len(best) - width))
    end = min(len(best), start + width)
    parts: list[tuple[str, bool]] = [("…", False)] if start else []
    at = start
    for a, b in best_marks:
        a, b = max(a, start), min(b, end)
        if a >= b:
            continue
        if a > at:
            parts.append((best[at:a], False))
        parts.append((best[a:b], True))
        at = b
    if at < end:
        parts.append((best[at:end], False))
    if end < len(best):
        parts.append(("…", False))
    return parts
