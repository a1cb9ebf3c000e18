"""Explain terms' finder on chat as members write it: true hits, plain English and Chinese that
must not be taken for a name, one entry per concept, every match, the most useful first."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.knowledge.everyday import EVERYDAY_PHRASES, EVERYDAY_WORDS
from bot.knowledge.files import DEFAULT_ROOT, load_knowledge
from bot.knowledge.mentions import KEEP_ORDER, MentionFinder, _phrase
from bot.knowledge.models import EntryKind
from bot.knowledge.search import normalize

ENTRIES = load_knowledge(DEFAULT_ROOT).entries
RANKS: Counter[str] = Counter()
for _entry in ENTRIES:
    RANKS.update(_entry.related)
FINDER = MentionFinder(ENTRIES, RANKS)


def found(message: str) -> list[str]:
    return ["/".join(key) for key in FINDER.find(message)]


# (message, entries it must name, entries it must not name)
TRUE_AND_FALSE_HITS = [
    # en: the three false hits of issue 11, and the same words used technically
    ("ok everyone, paying attention now?", [], ["term/attention"]),
    ("I've been paying attention to the transformer papers", ["term/transformer"],
     ["term/attention"]),
    ("thanks for your attention", [], ["term/attention"]),
    ("attention is quadratic in a transformer's context length", ["term/attention",
     "term/transformer"], []),
    ("kids need supervision at the pool", [], ["event/alexnet"]),
    ("SuperVision won ILSVRC 2012 by a mile", ["event/alexnet"], []),
    ("computing power is the new oil", [], ["segment/energy-cooling"]),
    ("more power to you", [], ["segment/energy-cooling"]),
    ("we lost power again last night", [], ["segment/energy-cooling"]),
    ("an H100 cluster draws a lot of power", ["segment/energy-cooling"], []),
    ("nuclear power deals for data centres", ["segment/energy-cooling"], []),
    # en: names that are words
    ("can you render the page before lunch", [], ["project/render"]),
    ("Render and Akash both rent out GPUs", ["project/render", "project/akash"], []),
    ("long story short, it shipped", [], ["project/story-protocol"]),
    # a capital that only opens a sentence is no name, unless the message is technical
    ("Near the end of the call we agreed.", [], ["project/near-ai"]),
    ("ok. Story time: it shipped", [], ["project/story-protocol"]),
    ("Near AI trains agents on a GPU cluster", ["project/near-ai"], []),
    ("we love NEAR", ["project/near-ai"], []),
    ("gm, Render is live on the Solana mainnet", ["project/render"], []),
    ("she went mining for gold", [], ["term/proof-of-work"]),
    ("she went mining for bitcoin", ["term/bitcoin", "term/proof-of-work"], []),
    ("GPU mining with ASICs is over for ETH", ["term/proof-of-work"], []),
    ("lean on me", [], ["event/alphaproof-imo-2024"]),
    ("We fine-tuned a MoE transformer with RLHF", ["term/moe", "term/transformer",
     "term/rlhf"], []),
    ("FET and Bittensor pumped", ["project/fetch-ai", "project/bittensor"], []),
    ("bittensor subnets are where the emissions go", ["project/bittensor"], []),
    # en: orgs and people (issue 12), whose names can be words too
    ("we rent H100s from Lambda and CoreWeave", ["org/lambda", "org/coreweave"], []),
    ("a lambda function in Python", [], ["org/lambda"]),
    ("Yann LeCun and Hinton shared the Turing Award", ["person/yann-lecun",
     "person/geoffrey-hinton"], []),
    # zh-CN
    ("我今天注意力不集中，电力也不够用", [], ["term/attention", "segment/energy-cooling"]),
    ("变换器的注意力机制是核心", ["term/transformer", "term/attention"], []),
    ("我们用变换器做翻译，再用 RLHF 对齐", ["term/transformer", "term/rlhf"], []),
    ("温度计坏了", [], ["term/sampling-temperature"]),
    ("这个算力太贵了", ["term/flops"], []),
    ("零知识机器学习很酷", ["term/zkml"], ["segment/crypto-zkml"]),
    ("黄仁勋说英伟达的 GPU 又卖光了", ["person/jensen-huang", "org/nvidia", "term/gpu"], []),
    # zh-TW (read as Simplified)
    ("我今天注意力不集中", [], ["term/attention"]),
    ("變換器的注意力機制", ["term/transformer", "term/attention"], []),
    ("零知識機器學習和 ZKML", ["term/zkml"], ["segment/crypto-zkml"]),
    ("輝達的 GPU 太貴", ["term/gpu"], []),
]  # fmt: skip


@pytest.mark.parametrize(("message", "named", "not_named"), TRUE_AND_FALSE_HITS)
def test_chat_messages(message: str, named: list[str], not_named: list[str]) -> None:
    """Technical uses are found; the same words in their everyday sense are not."""
    hits = found(message)
    assert set(named) <= set(hits), hits
    assert not set(not_named) & set(hits), hits


def test_one_entry_per_concept() -> None:
    """The ZKML segment and the zkML term share a name: one slot, the term (a definition)."""
    assert found("ZKML, zkML and 零知识机器学习") == ["term/zkml"]


def test_every_match_no_stop_at_ten() -> None:
    """Sixteen technical names in one message: all of them come back, none twice."""
    message = (
        "RLHF PPO DPO SFT LoRA MoE GQA RoPE FlashAttention CUDA NVLink InfiniBand TPU "
        "Bittensor Akash Chinchilla"
    )
    hits = found(message)
    assert len(hits) >= 15
    assert len(set(hits)) == len(hits)


def test_most_useful_first() -> None:
    """A name written twice, and by a technical word, comes before a plain word named once."""
    hits = found("the transformer's attention: transformer layers, 变换器 everywhere")
    assert hits[0] == "term/transformer"
    assert hits.index("term/transformer") < hits.index("term/attention")


def test_everyday_lists_are_folded() -> None:
    """The lists are written as a message is folded, so every entry of them can match."""
    for word in EVERYDAY_WORDS:
        assert normalize(word) == word
        assert " " not in word
    for phrase in EVERYDAY_PHRASES:
        assert normalize(phrase) == phrase


def test_no_name_is_an_everyday_phrase() -> None:
    """A shipped name that is itself an everyday phrase could never be found: none is."""
    names = {_phrase(n) for e in ENTRIES for n in (e.name.en, e.name.zh, *e.aliases)}
    assert not names & EVERYDAY_PHRASES


def test_every_listed_word_is_a_name() -> None:
    """Each everyday word is there because some entry is called so (no stale entries)."""
    names = {_phrase(n) for e in ENTRIES for n in (e.name.en, e.name.zh, *e.aliases)}
    assert names >= EVERYDAY_WORDS


FILLER = ["we", "the", "a", "is", "are", "to", "so", "and", "really", "today", "it", "ok"]
PLAIN = sorted(w for w in EVERYDAY_WORDS if w.isascii()) + sorted(EVERYDAY_PHRASES)
TECHNICAL = {"RLHF": "term/rlhf", "MoE": "term/moe", "transformer": "term/transformer"}


@given(st.lists(st.sampled_from(FILLER + PLAIN), max_size=30))
def test_plain_english_names_nothing(words: list[str]) -> None:
    """A lowercase message made only of ordinary words, the listed ones among them, names
    nothing."""
    assert found(" ".join(words)) == []


@given(
    st.lists(st.sampled_from(FILLER + PLAIN), max_size=20),
    st.sampled_from(sorted(TECHNICAL)),
    st.integers(min_value=0, max_value=20),
)
def test_a_technical_name_is_found_anywhere(words: list[str], name: str, at: int) -> None:
    """A technical name among ordinary words is found, in any case and any place."""
    words.insert(min(at, len(words)), name.upper() if at % 2 else name)
    assert TECHNICAL[name] in found(" ".join(words))


@given(st.text(max_size=300))
def test_concepts_never_share_a_name(message: str) -> None:
    """Whatever the message, no two entries returned share a name or alias."""
    keys = FINDER.find(message)
    names = [FINDER._phrases[key] for key in keys]
    for i, these in enumerate(names):
        for those in names[i + 1 :]:
            assert not these & those


def test_every_kind_has_a_place() -> None:
    """A concept's entry is chosen by kind among others: every kind is ranked."""
    assert sorted(KEEP_ORDER) == sorted(EntryKind)
