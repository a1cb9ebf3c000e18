"""The shipped knowledge files: valid, complete enough, bilingual and primary-sourced."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from bot.knowledge.files import DEFAULT_ROOT, KnowledgeSet, load_knowledge
from bot.knowledge.models import EntryKind

MINIMUM = {
    EntryKind.EVENT: 60,
    EntryKind.SEGMENT: 12,
    EntryKind.PROJECT: 30,
    EntryKind.TERM: 80,
    EntryKind.GPU: 12,
    EntryKind.MODEL: 13,
}
NOT_PRIMARY = ("gate.com", "gate.io", "medium.com", "seeds/")


@pytest.fixture(scope="module")
def shipped() -> KnowledgeSet:
    return load_knowledge(DEFAULT_ROOT)


def test_every_file_validates(shipped: KnowledgeSet) -> None:
    """`aixbot knowledge validate` would report no problem."""
    assert [str(p) for p in shipped.problems] == []


@pytest.mark.parametrize("kind", list(MINIMUM))
def test_minimum_content_ships(shipped: KnowledgeSet, kind: EntryKind) -> None:
    """Each kind has at least the entries the knowledge-base issue asks for."""
    counted = Counter(e.kind for e in shipped.entries)
    assert counted[kind] >= MINIMUM[kind]


def test_required_ids_exist(shipped: KnowledgeSet) -> None:
    """The entries other features and the docs name by id are all there."""
    ids = {e.id for e in shipped.entries}
    required = {
        "event/dartmouth-workshop",
        "event/transformer-paper",
        "event/chatgpt",
        "event/gpt-4",
        "term/transformer",
        "term/rlhf",
        "term/moe",
        "term/kv-cache",
        "term/zkml",
        "gpu/a100-80gb",
        "gpu/h100-sxm",
        "model/gpt-3-175b",
        "model/llama-2-70b",
        "project/render",
        "project/bittensor",
        "project/fetch-ai",
        "segment/ai-hardware",
        "segment/crypto-gpu-supply",
    }
    assert required - ids == set()


def test_no_entry_cites_the_seed_report(shipped: KnowledgeSet) -> None:
    """Sources are primary: the paper, the announcement, the datasheet."""
    bad = [
        (e.id, str(s.url))
        for e in shipped.entries
        for s in e.sources
        if any(marker in str(s.url) for marker in NOT_PRIMARY)
    ]
    assert bad == []


def test_seed_errors_are_corrected(shipped: KnowledgeSet) -> None:
    """The seed's known mistakes do not survive into the entries."""
    by_id = {e.id: e for e in shipped.entries}
    gpt4 = by_id["event/gpt-4"]
    assert getattr(gpt4, "date", "").startswith("2023-03")
    gpt3 = by_id["model/gpt-3-175b"]
    assert getattr(gpt3, "training_tokens", None) == pytest.approx(300e9)
    assert (
        by_id["event/alphafold"].misreport is not None
        or "AlphaFold" in by_id["event/alphafold"].name.en
    )


RIGHT = re.compile(r"\b(?:is right that|correctly|which fits)\b|说对|是对的，|这一点恰当")


def test_misreports_are_corrections_and_notes_name_the_report(shipped: KnowledgeSet) -> None:
    """`misreport` is only where the report was wrong, and says "the report" (its heading names
    it); a general `note` that mentions the report names it in full."""
    misreports = [e for e in shipped.entries if e.misreport is not None]
    assert len(misreports) >= 50
    for entry in misreports:
        assert entry.misreport is not None
        for text in (entry.misreport.en, entry.misreport.zh):
            assert "AI x Crypto" not in text, entry.id
        assert not RIGHT.search(entry.misreport.en.split(".")[0]), entry.id
    for entry in shipped.entries:
        if entry.note is not None and "AI x Crypto" in entry.note.en + entry.note.zh:
            assert "From Zero to Peak" in entry.note.en, entry.id
            assert "从零到巅峰" in entry.note.zh, entry.id
    by_id = {e.id: e for e in shipped.entries}
    assert by_id["project/risc-zero"].misreport is None  # the report was right there
    assert by_id["project/render"].misreport is None
