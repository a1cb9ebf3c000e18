"""Coverage (issue 12): every topic issue 12 names, and every topic of the seed report
(/work/shared/seeds: "AI x Crypto: From Zero to Peak", its history, deep-learning chain and
crypto x AI chain), mapped to the shipped entry that answers it. A missing entry fails.

A topic whose entry has not landed yet is marked xfail(strict=True) with its name, so the test
turns red the day the entry lands and the marker must go.
"""

from __future__ import annotations

import pytest

from bot.knowledge.files import DEFAULT_ROOT, load_knowledge
from bot.knowledge.matching import fold, names_of

ENTRIES = load_knowledge(DEFAULT_ROOT).entries
IDS = {entry.id for entry in ENTRIES}
NAMES = {(e.kind.value, fold(name)) for e in ENTRIES for name in names_of(e)}


ISSUE_12 = [
    # the last two years
    ("Anthropic", "org/anthropic"),
    ("a Claude model", "event/claude-3"),
    ("o3", "event/openai-o3"),
    ("Sora", "event/sora"),
    ("DeepSeek-R1", "model/deepseek-r1"),
    ("Gemini 2.x", "event/gemini-2-0"),
    ("Llama 4", "event/llama-4"),
    ("Qwen", "event/qwen2-5"),
    ("H800", "gpu/h800-sxm"),
    ("H20", "gpu/h20"),
    # No primary datasheet for these chips could be opened, so the term answers them and says
    # so; the missing gpu entries stay visible as xfails in tests/compute/test_catalog.py.
    ("Ascend 910B", "term/huawei-ascend"),
    ("Ascend 910C", "term/huawei-ascend"),
    ("MI300X", "gpu/mi300x"),
    ("MI325X", "gpu/mi325x"),
    ("MI355X", "term/amd-instinct-mi350"),
    ("GB200", "gpu/gb200"),
    ("Kaito", "project/kaito"),
    ("restaking", "term/restaking"),
    # topics of the report that had no entry
    ("natural language processing (自然语言处理)", "term/natural-language-processing"),
    ("human-computer dialogue (人机对话)", "term/human-computer-dialogue"),
    ("CPU", "term/cpu"),
    ("representation learning (表征学习)", "term/representation-learning"),
    ("大力出奇迹 (scale brings miracles)", "term/scale-brings-miracles"),
    ("the 6ND/2ND industry constant (行业常数)", "term/compute-rule-6nd"),
    ("the BCG +20% efficiency claim", "term/bcg-gpt4-study"),
    ("AI as the fourth industrial revolution", "term/fourth-industrial-revolution"),
    ("large models as a new software paradigm", "term/software-2-0"),
    ("geothermal energy for AI", "term/geothermal-energy-for-ai"),
    ("hydrogen energy for AI", "term/hydrogen-for-data-centres"),
    ("value network", "term/value-network"),
    ("P/E ratio", "term/pe-ratio"),
    ("store of value", "term/store-of-value"),
    # players named only inside segment text
    ("AWS", "org/aws"),
    ("Azure", "org/microsoft"),
    ("Google Cloud", "org/google-cloud"),
    ("CoreWeave", "org/coreweave"),
    ("Lambda", "org/lambda"),
    ("Together AI", "org/together-ai"),
    ("Fireworks AI", "org/fireworks-ai"),
    ("Pinecone", "org/pinecone"),
    ("Milvus / Zilliz", "org/zilliz"),
    ("Weaviate", "org/weaviate"),
    ("Scale AI", "org/scale-ai"),
    # people named only in event fields
    ("Geoffrey Hinton", "person/geoffrey-hinton"),
    ("Yann LeCun", "person/yann-lecun"),
    ("Yoshua Bengio", "person/yoshua-bengio"),
    ("Ilya Sutskever", "person/ilya-sutskever"),
    ("Edward Feigenbaum", "person/edward-feigenbaum"),
    # statuses and sources issue 12 names
    ("Meson Network's status", "project/meson-network"),
    ("the ASI alliance", "project/asi-alliance"),
    ("Axiom", "project/axiom"),
]

REPORT = [
    # history: schools, waves and the report's milestones
    ("machine learning", "term/machine-learning"),
    ("connectionism", "term/connectionism"),
    ("symbolism", "term/symbolism"),
    ("behaviorism", "term/behaviorism"),
    ("neural networks", "term/neural-network"),
    ("deep learning", "term/deep-learning"),
    ("the Dartmouth workshop (the first wave)", "event/dartmouth-workshop"),
    ("expert systems (DENDRAL)", "event/dendral"),
    ("Bayesian networks", "event/bayesian-networks"),
    ("Deep Blue beats Kasparov", "event/deep-blue"),
    ("deep belief nets (the third wave, 2006)", "event/deep-belief-nets"),
    ("Watson wins Jeopardy!", "event/ibm-watson-jeopardy"),
    ("GAN", "event/gan"),
    ("the deep learning review in Nature", "event/deep-learning-nature-review"),
    ("OpenAI founded", "event/openai-founded"),
    ("AlphaGo", "event/alphago"),
    ("Sophia's citizenship", "event/sophia-citizenship"),
    ("Attention Is All You Need", "event/transformer-paper"),
    ("GPT-1", "event/gpt-1"),
    ("AlphaFold", "event/alphafold"),
    ("GPT-2", "event/gpt-2"),
    ("GPT-3", "event/gpt-3"),
    ("GPT-4", "event/gpt-4"),
    ("ChatGPT", "event/chatgpt"),
    ("GPT-4o (GPT-4 omni)", "event/gpt-4o"),
    # the deep-learning industry chain
    ("large language models", "term/llm"),
    ("Transformer", "term/transformer"),
    ("tokenization", "term/tokenization"),
    ("pre-training", "term/pre-training"),
    ("fine-tuning", "term/fine-tuning"),
    ("reinforcement learning from human feedback", "term/rlhf"),
    ("the reward model", "term/reward-model"),
    ("parameters", "term/parameters"),
    ("FLOPS (computing power)", "term/flops"),
    ("GPU", "term/gpu"),
    ("hardware: GPUs and accelerators", "segment/ai-hardware"),
    ("NVIDIA", "org/nvidia"),
    ("energy and cooling", "segment/energy-cooling"),
    ("cloud computing", "segment/ai-cloud"),
    ("data sources", "segment/training-data"),
    ("vector databases", "segment/vector-databases"),
    ("edge devices", "term/edge-ai"),
    ("applications", "segment/ai-applications"),
    # crypto x AI
    ("blockchain", "term/blockchain"),
    ("tokenomics", "term/tokenomics"),
    ("decentralized GPU supply", "segment/crypto-gpu-supply"),
    ("Render", "project/render"),
    ("bandwidth", "segment/crypto-bandwidth"),
    ("data (crypto x AI)", "segment/crypto-data"),
    ("ZKML", "segment/crypto-zkml"),
    ("AI applications and agents (crypto x AI)", "segment/crypto-agents"),
    ("AI blockchains", "segment/crypto-ai-chains"),
    ("Tensor (AI blockchain)", "project/tensor"),
    ("Fetch.ai", "project/fetch-ai"),
    ("Bittensor", "project/bittensor"),
    ("TruthGPT", "project/truthgpt"),
]


@pytest.mark.parametrize(("topic", "entry_id"), [*ISSUE_12, *REPORT])
def test_every_topic_has_its_entry(topic: str, entry_id: str) -> None:
    """The entry by its id; for a topic still missing, an entry of that kind by the topic's
    name counts too, so the marker fails whatever slug the entry lands under."""
    kind = entry_id.split("/")[0]
    assert entry_id in IDS or (kind, fold(topic)) in NAMES, f"{topic}: no entry {entry_id}"
