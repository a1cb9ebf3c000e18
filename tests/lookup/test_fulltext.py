"""The BM25F full-text index: field weights, stemming, Chinese bigrams, updates, determinism."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.knowledge.files import DEFAULT_ROOT, load_knowledge
from bot.knowledge.fulltext import STOPWORDS, FullTextIndex, snippet, tokens
from bot.knowledge.models import EntryBase, Term

ENTRIES = load_knowledge(DEFAULT_ROOT).entries
SHIPPED = FullTextIndex()
for _entry in ENTRIES:
    SHIPPED.add((_entry.kind.value, _entry.slug), _entry)
ROOT = Path(__file__).resolve().parents[2]


def term(
    slug: str, name: str, summary: str = "A term.", body: str = "Some text.", **more: Any
) -> Term:
    return Term.model_validate(
        {
            "id": f"term/{slug}",
            "name": {"en": name, "zh": f"{name}术语"},
            "summary": {"en": summary, "zh": "一个术语。"},
            "body": {"en": body, "zh": "一些文字。"},
            "checked": "2026-11-01",
            "sources": [{"url": "https://example.org/", "title": "t", "publisher": "p"}],
            **more,
        }
    )


def build(entries: list[EntryBase]) -> FullTextIndex:
    index = FullTextIndex()
    for entry in entries:
        index.add((entry.kind.value, entry.slug), entry)
    return index


def first(query: str, index: FullTextIndex = SHIPPED) -> list[str]:
    return ["/".join(s.key) for s in index.search(query, 10)]


def test_name_outweighs_alias_summary_and_body() -> None:
    """The same word ranks an entry by where it stands: name > alias > summary > body."""
    index = build(
        [
            term("in-body", "Alpha", body="Quokka is mentioned here."),
            term("in-summary", "Beta", summary="About quokka."),
            term("in-alias", "Gamma", aliases=["Quokka method"]),
            term("in-name", "Quokka"),
        ]
    )
    assert first("quokka", index) == [
        "term/in-name",
        "term/in-alias",
        "term/in-summary",
        "term/in-body",
    ]


def test_note_and_structured_fields_are_indexed() -> None:
    """The note, players, people and relation to AI are searchable (they were not before)."""
    assert "event/turing-award-2018" in first("Yann LeCun")[:3]
    assert "segment/vector-databases" in first("Pinecone")[:3]
    assert first("Bitcoin")[0] != "term/asic"


@pytest.mark.parametrize(
    ("query", "expected"),
    [("vector databases", "term/vector-database"), ("scaling law", "term/scaling-laws")],
)
def test_plurals_fold(query: str, expected: str) -> None:
    """English plurals and singulars meet through the stemmer."""
    assert expected in first(query)[:2]


def test_a_short_word_is_never_found_inside_a_longer_one() -> None:
    """AWS finds entries naming AWS, never Chinchilla through "laws"."""
    found = first("AWS")
    assert found
    assert not {"event/chinchilla", "term/chinchilla-scaling", "term/scaling-laws"} & set(found)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("零知识机器学习", {"term/zkml", "segment/crypto-zkml"}),
        ("向量数据库", {"term/vector-database"}),
    ],
)
def test_chinese_by_bigrams(query: str, expected: set[str]) -> None:
    """Chinese queries match by character bigrams, with no segmenter."""
    assert expected & set(first(query)[:2])


def test_chinese_single_character() -> None:
    """A one-character query is looked up among one-character runs."""
    assert tokens("链") == ["链"]
    assert tokens("区块链") == ["区块", "块链"]


def test_incremental_updates_equal_a_rebuild() -> None:
    """Adding, replacing and removing entries one at a time gives the index a rebuild gives."""
    changed = ENTRIES[5].model_copy(
        update={"summary": ENTRIES[5].summary.model_copy(update={"en": "Now about quokkas."})}
    )
    index = build(list(ENTRIES))
    index.add((changed.kind.value, changed.slug), changed)
    index.remove((ENTRIES[7].kind.value, ENTRIES[7].slug))
    index.add((ENTRIES[7].kind.value, ENTRIES[7].slug), ENTRIES[7])
    index.remove((ENTRIES[9].kind.value, ENTRIES[9].slug))
    final = [changed if e is ENTRIES[5] else e for e in ENTRIES if e is not ENTRIES[9]]
    rebuilt = build(final)
    for query in ("quokka", "attention", "decentralized GPU compute", "英伟达", "token", "Hinton"):
        assert index.search(query, 25) == rebuilt.search(query, 25)
    assert len(index) == len(rebuilt)


def test_removed_entry_is_gone() -> None:
    index = build([term("quokka", "Quokka")])
    index.remove(("term", "quokka"))
    assert index.search("quokka", 5) == []
    assert len(index) == 0


def test_ties_break_by_key() -> None:
    """Entries that score the same come in key order, whatever order they were added in."""
    twins = [term(f"twin-{i}", f"Twin {i}", summary="About wombats.") for i in range(5)]
    forward, backward = build(twins), build(twins[::-1])
    assert (
        first("wombats", forward) == first("wombats", backward) == sorted(first("wombats", forward))
    )


def test_kind_filter() -> None:
    found = SHIPPED.search("attention", 10, "event")
    assert found
    assert all(s.key[0] == "event" for s in found)


SCRIPT = """
import json
from bot.knowledge.files import DEFAULT_ROOT, load_knowledge
from bot.knowledge.service import KnowledgeService
from bot.knowledge.fulltext import FullTextIndex
index = FullTextIndex()
for e in load_knowledge(DEFAULT_ROOT).entries:
    index.add((e.kind.value, e.slug), e)
queries = ["attention", "token", "decentralized GPU compute", "英伟达", "model", "Bitcoin"]
print(json.dumps({q: [[*s.key, s.score] for s in index.search(q, 25)] for q in queries}))
"""


def test_same_order_under_any_hash_seed() -> None:
    """Results (and their scores) do not depend on PYTHONHASHSEED."""
    outputs = set()
    for seed in ("0", "1", "4242"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT)}
        done = subprocess.run(
            [sys.executable, "-c", SCRIPT], env=env, capture_output=True, text=True, check=True
        )
        outputs.add(done.stdout)
    assert len(outputs) == 1
    assert json.loads(outputs.pop())["attention"]


def test_snippet_bolds_the_query_words() -> None:
    """The snippet is the entry's own sentence that holds the query, matches marked."""
    entry = next(e for e in ENTRIES if e.id == "event/turing-award-2018")
    parts = snippet(entry, "en", "Yann LeCun")
    assert ("Yann LeCun", True) in parts
    zh = snippet(next(e for e in ENTRIES if e.id == "term/zkml"), "zh", "零知识")
    assert any(bold and "零知识" in text for text, bold in zh)


LATIN = st.text(alphabet="abcdefgXYZ019 -.", max_size=30)
MIXED = st.text(alphabet="abcXYZ09 -.零知识区块链", max_size=30)


@given(MIXED)
def test_tokens_are_clean(text: str) -> None:
    """Tokens are non-empty, never a stopword, and a Chinese token is one or two characters."""
    for token in tokens(text):
        assert token
        assert token not in STOPWORDS
        if "\u3400" <= token[0] <= "\u9fff":
            assert len(token) <= 2


@given(MIXED, MIXED)
def test_tokens_of_words_apart_concatenate(a: str, b: str) -> None:
    """Two texts side by side, a space apart, tokenize as each on its own."""
    assert tokens(f"{a} {b}") == tokens(a) + tokens(b)


@given(LATIN)
def test_tokens_ignore_case(text: str) -> None:
    assert tokens(text.upper()) == tokens(text.lower())
