"""Issue 12: every report topic it names has an entry a member can open by that name."""

from __future__ import annotations

from datetime import date

import pytest

from bot.knowledge.files import DEFAULT_ROOT, KnowledgeSet, load_knowledge

# Topic as issue 12 (or the seed report) names it -> the entry that answers it.
TOPICS = {
    "natural language processing": "term/natural-language-processing",
    "自然语言处理": "term/natural-language-processing",
    "人机对话": "term/human-computer-dialogue",
    "CPU": "term/cpu",
    "表征学习": "term/representation-learning",
    "representation learning": "term/representation-learning",
    "大力出奇迹": "term/scale-brings-miracles",
    "行业常数": "term/compute-rule-6nd",
    "6ND": "term/compute-rule-6nd",
    "BCG study": "term/bcg-gpt4-study",
    "fourth industrial revolution": "term/fourth-industrial-revolution",
    "第四次工业革命": "term/fourth-industrial-revolution",
    "new software paradigm": "term/software-2-0",
    "geothermal": "term/geothermal-energy-for-ai",
    "hydrogen": "term/hydrogen-for-data-centres",
    "value network": "term/value-network",
    "价值网络": "term/value-network",
    "P/E ratio": "term/pe-ratio",
    "市盈率": "term/pe-ratio",
    "store of value": "term/store-of-value",
    "medium of exchange": "term/store-of-value",
    "FP16": "term/mixed-precision",
    "floating point": "term/floating-point-format",
    "restaking": "term/restaking",
    "Bitcoin": "term/bitcoin",
    "以太坊": "term/ethereum",
    "Kaito": "project/kaito",
    "EigenLayer": "project/eigenlayer",
}


@pytest.fixture(scope="module")
def shipped() -> KnowledgeSet:
    return load_knowledge(DEFAULT_ROOT)


def _names(shipped: KnowledgeSet) -> dict[str, set[str]]:
    names: dict[str, set[str]] = {}
    for entry in shipped.entries:
        for name in (entry.name.en, entry.name.zh, *entry.aliases):
            names.setdefault(name.casefold(), set()).add(entry.id)
    return names


@pytest.mark.parametrize(("topic", "entry_id"), sorted(TOPICS.items()))
def test_topic_opens_its_entry(shipped: KnowledgeSet, topic: str, entry_id: str) -> None:
    """The topic is a name or alias of exactly the entry that answers it."""
    assert _names(shipped).get(topic.casefold()) == {entry_id}


def test_no_source_points_at_the_missing_asi_proposal(shipped: KnowledgeSet) -> None:
    """fetchai/FIPs has no ASI/governance-proposal-01; no entry cites it any more."""
    urls = [str(s.url) for e in shipped.entries for s in e.sources]
    assert not [u for u in urls if "governance-proposal-01" in u]


def test_meson_status_says_it_was_delisted(shipped: KnowledgeSet) -> None:
    """Meson's card shows the August 2024 delistings next to its status, verified as of then."""
    meson = next(e for e in shipped.entries if e.id == "project/meson-network")
    assert getattr(meson, "status_as_of", None) == date(2024, 8, 14)
    note = getattr(meson, "status_note", None)
    assert note is not None
    assert "KuCoin" in note.en
    assert "KuCoin" in note.zh
