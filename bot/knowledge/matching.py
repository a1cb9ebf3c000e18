"""When a typed name may open an entry: the honest-matching rule behind every lookup.

A lookup that opens the wrong entry is worse than one that opens none: "GPT-5" answered with
GPT-1 reads as a fact. So an entry opens only when the text *is* one of its names after folding
away what a person does not mean (case, full-width forms, punctuation, spacing), or is a
near-certain typo of one: the same numbers in the same order, only long words misspelt, and no
other name as close. Everything else is a candidate the reply offers, never the answer.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import TypeVar

from bot.i18n.script import to_simplified
from bot.knowledge.memo import IdentityMemo
from bot.knowledge.models import EntryBase, Event, Gpu, Model, Org

K = TypeVar("K")

TOKEN = re.compile(r"\d+(?:\.\d+)*|[^\W\d_]+")
"""A number (a version such as 2.5 stays whole) or a run of letters; everything else separates."""
HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
PARENTHESIS = re.compile(r"\(([^()]*)\)")
QUESTION = re.compile(
    r"^(?:what\s+is|what\s+are|what's|whats|who\s+is|define|explain|tell\s+me\s+about|"
    r"什么是|啥是|何为|解释一下|解释)\s*|\s*(?:是什么|是啥|是什么意思|什么意思)$",
    re.IGNORECASE,
)

SHORT = 4
"""Names of at most this many characters (GPT, RNN, TAO) match only as whole words: as a part of
a longer word ("gptq") they say nothing."""
TYPO_WORD = 4
"""A word shorter than this is never taken as a misspelling: "H20" and "A10" are names."""


def tokens(text: str) -> list[str]:
    """Numbers and letter runs, after folding case, width (NFKC turns ＧＰＴ－５ into gpt-5) and
    script (輝達 is read as 英伟达)."""
    return TOKEN.findall(to_simplified(unicodedata.normalize("NFKC", text).casefold()))


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """The comparison key of a name: `GPT-5`, `gpt5` and `ＧＰＴ５` meet; `Llama 3 8B` and
    `Llama 38B` do not (two numbers in a row keep a space between them)."""
    parts = tokens(text)
    out: list[str] = []
    for i, part in enumerate(parts):
        if i and part[0].isdigit() and parts[i - 1][0].isdigit():
            out.append(" ")
        out.append(part)
    return "".join(out)


def numbers(text: str) -> tuple[str, ...]:
    """The numbers of a name, in order, leading zeros dropped: what must agree for a match."""
    return tuple(
        ".".join(p.lstrip("0") or "0" for p in t.split(".")) for t in tokens(text) if t[0].isdigit()
    )


def strip_question(text: str) -> str:
    """The name inside a question ("what is ZKML?", "什么是零知识证明"), or the text itself."""
    bare = text.strip().rstrip("?？!！。. ")
    stripped = QUESTION.sub("", bare).strip()
    return stripped or bare


def short(name: str) -> bool:
    """A name too short to be recognised inside another word."""
    key = fold(name)
    return 0 < len(key) <= SHORT and not HAN.search(key)


def whole_word(query: str, name: str) -> bool:
    """True unless `name` is short and is not one of the query's words (or the whole query)."""
    if not short(name):
        return True
    key = fold(name)
    return key == fold(query) or key in tokens(query)


def _names_of(entry: EntryBase) -> tuple[str, ...]:
    found = [entry.name.en, entry.name.zh, entry.slug.replace("-", " "), *entry.aliases]
    for name in (entry.name.en, unicodedata.normalize("NFKC", entry.name.zh)):
        head = PARENTHESIS.sub("", name).strip()
        found.append(head)
        found.extend(m.strip() for m in PARENTHESIS.findall(name))
    return tuple(n for n in dict.fromkeys(found) if fold(n))


names_of = IdentityMemo(_names_of)
"""Every name an entry answers to: name (both languages, and the part before and inside a
parenthesis: "Token (crypto)" is also "Token"), slug and aliases. Kept per entry
(bot/knowledge/memo.py): every lookup reads them for each of its candidates."""


def year_of(entry: EntryBase) -> int | None:
    """The year a reader places the entry by, where it has one."""
    if isinstance(entry, Event):
        return entry.year
    if isinstance(entry, Model):
        return int(entry.released[:4])
    if isinstance(entry, Gpu):
        return entry.launch_year
    if isinstance(entry, Org) and entry.founded:
        return int(entry.founded[:4])
    return None


def _typo_distance(query: str, name: str) -> int | None:
    """Edits between two names when one is a near-certain misspelling of the other, else None.

    Word for word: numbers and short words identical, each long word at most one edit away
    (two from eight letters); Chinese is never guessed at.
    """
    from rapidfuzz.distance import OSA  # here: a start that looks nothing up never loads it

    if numbers(query) != numbers(name):
        return None
    ours, theirs = tokens(query), tokens(name)
    if len(ours) != len(theirs):
        return None
    total = 0
    for a, b in zip(ours, theirs, strict=True):
        if a == b:
            continue
        if a[0].isdigit() or HAN.search(a + b) or min(len(a), len(b)) < TYPO_WORD:
            return None
        edits = OSA.distance(a, b)
        if edits > (2 if min(len(a), len(b)) >= 8 else 1):
            return None
        total += edits
    return total or None


def resolve(query: str, candidates: Iterable[tuple[K, Sequence[str]]]) -> tuple[list[K], K | None]:
    """The candidates the query names exactly (in the given order), and the one candidate it is a
    unique nearest typo of (None when there is none, or two are as close)."""
    key = fold(query)
    pool = list(candidates)
    exact = [c for c, names in pool if key and any(fold(n) == key for n in names)]
    if exact:  # an exact name wins over every typo: no need to measure them
        return exact, None
    best: dict[int, list[K]] = {}
    for candidate, names in pool:
        distances = [d for n in names if (d := _typo_distance(query, n)) is not None]
        if distances:
            best.setdefault(min(distances), []).append(candidate)
    if not best:
        return [], None
    closest = best[min(best)]
    return [], closest[0] if len(closest) == 1 else None
