"""The search index and the mention finder over the shipped entries: typos, aliases, Chinese."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.knowledge.files import DEFAULT_ROOT, load_knowledge
from bot.knowledge.mentions import MentionFinder
from bot.knowledge.models import EntryKind
from bot.knowledge.search import SearchIndex

ENTRIES = load_knowledge(DEFAULT_ROOT).entries
INDEX = SearchIndex()
for _entry in ENTRIES:
    INDEX.add(_entry)
FINDER = MentionFinder(ENTRIES)


@pytest.mark.parametrize(
    ("query", "kind", "expected"),
    [
        ("tranformer", EntryKind.TERM, "transformer"),
        ("alphfold", EntryKind.EVENT, "alphafold"),
        ("变换器", EntryKind.TERM, "transformer"),
        ("RLHF", EntryKind.TERM, "rlhf"),
        ("MoE", EntryKind.TERM, "moe"),
        ("FET", EntryKind.PROJECT, "fetch-ai"),
        ("bitensor", EntryKind.PROJECT, "bittensor"),
        ("AI 芯片", EntryKind.SEGMENT, "ai-hardware"),
    ],
)
def test_names_are_found_despite_typos_aliases_and_language(
    query: str, kind: EntryKind, expected: str
) -> None:
    """The intended entry is the first name match."""
    hits = INDEX.match_names(query, kind, 25)
    assert hits
    assert hits[0].slug == expected


def test_chinese_brand_name_finds_the_gpus() -> None:
    """英伟达 (NVIDIA) finds NVIDIA GPUs through their Chinese aliases."""
    hits = INDEX.match_names("英伟达", EntryKind.GPU, 25)
    assert {"a100-40gb", "h100-sxm"} <= {h.slug for h in hits}


def test_full_text_finds_entries_by_what_they_say() -> None:
    """A word from a body finds the entry, scored below a confident name match."""
    hits = INDEX.match_text("self-attention recurrence", None, 25)
    assert "term/transformer" in [h.id for h in hits]
    assert all(h.score <= 85 for h in hits)


@given(st.text(max_size=60))
def test_any_query_returns_ranked_hits_without_raising(query: str) -> None:
    """Whatever the text, names and full text answer with at most `limit` hits, best first."""
    for hits in (INDEX.match_names(query, None, 25), INDEX.match_text(query, None, 25)):
        assert len(hits) <= 25
        scores = [h.score for h in hits]
        assert scores == sorted(scores, reverse=True)


def test_removed_entries_are_no_longer_found() -> None:
    """After remove(), an entry is gone from names and text, the rest stays."""
    index = SearchIndex()
    for entry in ENTRIES:
        index.add(entry)
    index.remove(("term", "transformer"))
    assert "transformer" not in [
        h.slug for h in index.match_names("transformer", EntryKind.TERM, 25)
    ]
    assert ("term", "transformer") not in index
    assert index.match_names("RLHF", EntryKind.TERM, 1)[0].slug == "rlhf"


def test_an_answer_asked_before_a_change_follows_the_change() -> None:
    """A query asked again after add() or remove() sees the change in names and text."""
    index = SearchIndex()
    for entry in ENTRIES:
        index.add(entry)
    key = ("term", "transformer")

    def found() -> tuple[bool, bool]:
        return (
            "transformer" in [h.slug for h in index.match_names("transformer", EntryKind.TERM, 25)],
            "term/transformer" in [h.id for h in index.match_text("self-attention", None, 25)],
        )

    assert found() == (True, True)
    index.remove(key)
    assert found() == (False, False)
    index.add(next(e for e in ENTRIES if (e.kind.value, e.slug) == key))
    assert found() == (True, True)


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("We trained a MoE transformer with RLHF", ["term/moe", "term/transformer", "term/rlhf"]),
        ("我们用变换器做翻译，再用 RLHF 对齐", ["term/transformer", "term/rlhf"]),
        ("FET and Bittensor pumped", ["project/fetch-ai", "project/bittensor"]),
    ],
)
def test_mentions_are_found(message: str, expected: list[str]) -> None:
    """Names and aliases in English and Chinese are found (tests/lookup/test_mentions.py
    checks their order)."""
    found = ["/".join(key) for key in FINDER.find(message)]
    assert set(expected) <= set(found)


@pytest.mark.parametrize("message", ["render the page", "Moet et Chandon", "transformers2000x"])
def test_mentions_need_whole_words(message: str) -> None:
    """Parts of words and lowercase everyday words are not mentions."""
    found = ["/".join(key) for key in FINDER.find(message)]
    assert "project/render" not in found
    assert "term/moe" not in found
    assert "term/transformer" not in found


@given(st.text(max_size=200))
def test_mentions_are_distinct(message: str) -> None:
    """Any message yields each entry at most once."""
    found = FINDER.find(message)
    assert len(set(found)) == len(found)
