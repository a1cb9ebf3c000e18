"""Finding the entries a chat message names, for the Explain-terms menu.

Whole words only: "MoE" is found in "a MoE layer" but not in "Moet", and a Chinese name is found
anywhere in a run of Chinese text (Chinese has no spaces, so every character boundary is a word
boundary).

Chat is mostly ordinary language, and some names are ordinary words (bot/knowledge/everyday.py).
A one-word name that is an everyday word counts only as a name:

- written with the inner capitals it is spelt with, when those carry it: "SuperVision"
  (AlexNet's team) must be written so, never "supervision";
- a proper name (a project, model, event or GPU: Render, Story, Lean) must not be written all
  in lowercase: "render the page" explains nothing; capitalised only because it opens a sentence
  ("Near the end…"), it counts as a common noun does;
- a common noun (attention, power, 注意力) counts only next to a technical mention: "attention"
  in a message about a transformer, not in "thanks for your attention".

And no match counts inside an everyday phrase ("paying attention", "computing power",
"注意力不集中"), whatever else the message names.

Every match is returned, most useful first, one entry per concept: entries sharing a name or an
alias (the ZKML segment and the zkML term) are one concept, shown by the most useful of them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from enum import Enum

from bot.knowledge.everyday import EVERYDAY_PHRASES, EVERYDAY_WORDS
from bot.knowledge.models import EntryBase, EntryKind
from bot.knowledge.search import HAN, WORD, Key, normalize

HAN_RUN = re.compile(r"[\u3400-\u9fff]+")
CASED_WORD = re.compile(WORD.pattern, re.IGNORECASE)
CAMEL = re.compile(r"[a-z][A-Z]")
SENTENCE_END = frozenset(".!?。！？\n")
MAX_WORDS = 6
"""The longest name, in words, that is looked for; longer names are found by their aliases."""
PROPER_KINDS = frozenset(
    {
        EntryKind.PROJECT,
        EntryKind.MODEL,
        EntryKind.EVENT,
        EntryKind.GPU,
        EntryKind.ORG,
        EntryKind.PERSON,
    }
)
"""Kinds whose names are proper names (Render, Lean): capitalised, they are not the word."""
KEEP_ORDER = (
    EntryKind.TERM,
    EntryKind.PROJECT,
    EntryKind.MODEL,
    EntryKind.GPU,
    EntryKind.SEGMENT,
    EntryKind.ORG,
    EntryKind.PERSON,
    EntryKind.EVENT,
)
"""Which entry of a concept explains it best when nothing else decides: the definition first, and
an organisation or person before an event that shares its name."""


class Rule(Enum):
    """When a name found in a message counts."""

    ANY = "any"
    """A name that is no everyday word: always."""
    EXACT = "exact"
    """Its inner capitals carry it (SuperVision): only so, or in all capitals."""
    CASED = "cased"
    """A proper name that is also a word (Render, RENDER): not when written all in lowercase."""
    CONTEXT = "context"
    """A common noun (attention): only when the message names something else, technically."""


@dataclass(frozen=True, slots=True)
class _Name:
    key: Key
    rule: Rule
    form: str
    """The name as the entry spells it (folded but for case), for EXACT."""
    own: bool
    """The entry's own name, not one of its aliases."""


@dataclass(slots=True)
class _Found:
    key: Key
    at: int
    own: bool
    plain: bool
    count: int = 1


def _phrase(text: str, *, keep_case: bool = False) -> str:
    pattern = CASED_WORD if keep_case else WORD
    return " ".join(pattern.findall(normalize(text, keep_case=keep_case)))


def _rule(entry: EntryBase, phrase: str, form: str) -> Rule:
    if " " in phrase or phrase not in EVERYDAY_WORDS:
        return Rule.ANY
    if CAMEL.search(form):
        return Rule.EXACT
    if form[:1].isupper() and entry.kind in PROPER_KINDS:
        return Rule.CASED
    return Rule.CONTEXT


def _spans(words: list[str], phrases: Iterable[tuple[str, ...]]) -> list[range]:
    spans = []
    for phrase in phrases:
        size = len(phrase)
        for start in range(len(words) - size + 1):
            if tuple(words[start : start + size]) == phrase:
                spans.append(range(start, start + size))
    return spans


def _opens_sentence(text: str, start: int) -> bool:
    before = text[:start].rstrip(" \t\"'“‘(")
    return not before or before[-1] in SENTENCE_END


def _as_word(name: _Name) -> _Name:
    """A proper name capitalised only because it opens a sentence reads as the everyday word."""
    return replace(name, rule=Rule.CONTEXT) if name.rule is Rule.CASED else name


def _inside(start: int, size: int, spans: list[range]) -> bool:
    return any(start >= span.start and start + size <= span.stop for span in spans)


class MentionFinder:
    """Names and aliases of a set of entries, ready to be found in any message.

    `ranks` (how often other entries name an entry as related) tells, among equals, which
    entry is the more useful to read.
    """

    def __init__(self, entries: Iterable[EntryBase], ranks: Mapping[str, int] | None = None):
        self._latin: dict[str, list[_Name]] = {}
        self._han: dict[str, list[_Name]] = {}
        self._phrases: dict[Key, set[str]] = {}
        self._kinds: dict[Key, EntryKind] = {}
        self._ranks: dict[Key, int] = {}
        for entry in entries:
            key = (entry.kind.value, entry.slug)
            own = {_phrase(entry.name.en), _phrase(entry.name.zh)}
            self._kinds[key] = entry.kind
            self._ranks[key] = (ranks or {}).get(entry.id, 0)
            for name in dict.fromkeys([entry.name.en, entry.name.zh, *entry.aliases]):
                phrase = _phrase(name)
                if len(phrase) < 2 or len(phrase.split()) > MAX_WORDS:
                    continue
                self._phrases.setdefault(key, set()).add(phrase)
                target = self._han if HAN_RUN.fullmatch(phrase) else self._latin
                form = _phrase(name, keep_case=True)
                found = _Name(key, _rule(entry, phrase, form), form, phrase in own)
                target.setdefault(phrase, []).append(found)
        self._han_names = sorted(self._han, key=len, reverse=True)
        self._latin_usage = [tuple(p.split()) for p in EVERYDAY_PHRASES if not HAN.search(p)]
        self._han_usage = [p for p in EVERYDAY_PHRASES if HAN.search(p)]

    def find(self, message: str, limit: int | None = None) -> list[Key]:
        """Every concept the message names, most useful first (see `_useful`)."""
        text = normalize(message, keep_case=True)
        spans = list(CASED_WORD.finditer(text))
        cased = [m.group() for m in spans]
        openers = {i for i, m in enumerate(spans) if _opens_sentence(text, m.start())}
        words = [w.casefold() for w in cased]
        usage = _spans(words, self._latin_usage)
        hits: list[tuple[int, _Name]] = []
        index = 0
        while index < len(words):
            word = words[index]
            if HAN.match(word):
                hits.extend((index * 1000 + at, n) for at, n in self._find_han(word))
                index += 1
                continue
            step = 1
            for size in range(min(MAX_WORDS, len(words) - index), 0, -1):
                names = self._latin.get(" ".join(words[index : index + size]))
                if not names or _inside(index, size, usage):
                    continue
                written = " ".join(cased[index : index + size])
                matched = [n for n in names if self._counts(n, written)]
                if index in openers and not written.isupper():
                    matched = [_as_word(n) for n in matched]
                if matched:
                    hits.extend((index * 1000, n) for n in matched)
                    step = size
                    break
            index += step
        technical = any(n.rule is not Rule.CONTEXT for _, n in hits)
        found: dict[Key, _Found] = {}
        for at, name in hits:
            if name.rule is Rule.CONTEXT and not technical:
                continue
            plain = name.rule is not Rule.ANY
            seen = found.get(name.key)
            if seen is None:
                found[name.key] = _Found(name.key, at, name.own, plain)
            else:
                seen.count += 1
                seen.own = seen.own or name.own
                seen.plain = seen.plain and plain
        concepts = sorted(self._concepts(list(found.values())), key=self._useful)
        return [c.key for c in concepts][:limit]

    @staticmethod
    def _counts(name: _Name, written: str) -> bool:
        if name.rule is Rule.EXACT:
            return written == name.form or (len(written) > 1 and written.isupper())
        if name.rule is Rule.CASED:
            return not written.islower()
        return True

    def _find_han(self, run: str) -> list[tuple[int, _Name]]:
        blocked = [False] * len(run)
        for phrase in self._han_usage:
            start = run.find(phrase)
            while start != -1:
                for i in range(start, start + len(phrase)):
                    blocked[i] = True
                start = run.find(phrase, start + 1)
        hits: list[tuple[int, _Name]] = []
        taken = [False] * len(run)
        for name in self._han_names:
            start = run.find(name)
            while start != -1:
                span = range(start, start + len(name))
                if not any(taken[i] for i in span):
                    for i in span:
                        taken[i] = True
                    if not all(blocked[i] for i in span):
                        hits.extend((start, n) for n in self._han[name])
                start = run.find(name, start + 1)
        return sorted(hits, key=lambda hit: hit[0])

    def _concepts(self, found: list[_Found]) -> list[_Found]:
        """One per group of entries sharing a name or alias: the one that explains it best,
        carrying the group's mentions."""
        groups: list[list[_Found]] = []
        for item in sorted(found, key=lambda f: f.at):
            names = self._phrases.get(item.key, set())
            joined = [g for g in groups if any(names & self._phrases[o.key] for o in g)]
            merged = [item]
            for group in joined:
                groups.remove(group)
                merged.extend(group)
            groups.append(merged)
        best = []
        for group in groups:
            keep = min(group, key=self._best)
            keep.at = min(f.at for f in group)
            keep.count = sum(f.count for f in group)
            keep.plain = all(f.plain for f in group)
            best.append(keep)
        return best

    def _best(self, found: _Found) -> tuple[bool, int, int, Key]:
        return (
            not found.own,
            KEEP_ORDER.index(self._kinds[found.key]),
            -self._ranks[found.key],
            found.key,
        )

    def _useful(self, found: _Found) -> tuple[bool, int, bool, int, int]:
        """Most useful first: what the message names by a technical name before its everyday
        words, what it names most often, by the entry's own name, the entries most others
        relate to, then in the order of the message."""
        return (found.plain, -found.count, not found.own, -self._ranks[found.key], found.at)
