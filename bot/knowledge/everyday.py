"""Everyday words and phrases that some entry names also are, for the mention finder.

Explain terms reads ordinary chat. An entry whose name or alias is an ordinary word ("attention",
"power", "story", the team name "SuperVision") would be found in messages that use the word in
its everyday sense: "paying attention", "computing power", "supervision". The finder
(bot/knowledge/mentions.py) treats a one-word name listed in EVERYDAY_WORDS as a plain word,
trusted only in its cased form or next to a technical mention, and drops any match that sits
inside one of the EVERYDAY_PHRASES, where the word has its everyday sense whatever the rest of
the message says.

The words were read off the shipped catalog's one-word names and aliases (Latin and Chinese):
those a general English or Chinese reader uses daily in another sense. A technical word that is
rare outside the field (transformer, convolution, 变换器) is not listed: it stands on its own.
Written in lowercase and Simplified Chinese, as `normalize` folds a message.
"""

from __future__ import annotations

EVERYDAY_WORDS = frozenset(
    {
        # English words with a dominant everyday sense
        "accelerators", "adam", "adapter", "agent", "agents", "alignment", "annotation",
        "applications", "artifacts", "attention", "axiom", "azure", "biases", "blobs", "bonsai",
        "boundless", "checkers", "clip", "confabulation", "cooling", "copilots", "corpus",
        "cursor", "decode", "deployment", "diffusion", "distillation", "eagle", "enclave",
        "erasure", "experts", "fetch", "gemini", "golem", "grass", "grounding", "haiku",
        "hallucination", "inference", "jeopardy", "lambda", "lean", "loss", "luna", "meta",
        "micron", "mining", "modulus", "musk", "near", "nil", "omni", "optimizer", "opus",
        "oracle", "oracles", "orb", "orion", "parameter", "path", "pearl", "power", "prime",
        "prompting", "remainder", "render", "retrieval", "ritual", "router", "serving", "sophia",
        "staking", "story", "strawberry", "supervision", "temperature", "tensor", "tokens",
        "truth", "validator", "verifier", "virtual", "vocabulary", "watson", "weights", "zero",
        # Chinese words with a dominant everyday sense
        "注意力", "电力", "温度", "损失", "权重", "对齐", "部署", "推理", "推断", "合约", "标记",
        "嵌入", "参数", "幻觉", "虚构", "路由", "路由器", "双子座", "深蓝", "羊驼", "蒸馏", "量化",
        "解码", "带宽", "数据库", "标注", "聚类", "沃森", "索菲亚", "散热", "质押", "微调", "核电",
        "甲骨文",
    }
)  # fmt: skip
"""One-word names that are ordinary words: found only cased as the name is, or next to a
technical mention."""

EVERYDAY_PHRASES = frozenset(
    {
        # attention
        "pay attention", "paying attention", "paid attention", "pays attention",
        "attention to", "attention span", "your attention", "my attention", "our attention",
        "for attention", "draw attention", "drew attention", "get attention", "got attention",
        "need attention", "needs attention", "attention please", "thanks for the attention",
        # power
        "computing power", "compute power", "processing power", "power to", "more power",
        "in power", "power of", "purchasing power", "buying power", "power user",
        "power users", "power move",
        # other words of the list in their everyday sense
        "at a loss", "no loss", "weight loss", "story time", "long story short",
        "the truth", "near future", "near me", "in the near",
        "fetch me", "fetch the", "render unto", "clip of", "a clip",
        "under supervision", "adult supervision", "without supervision",
        # Chinese
        "注意力不集中", "集中注意力", "分散注意力", "转移注意力", "吸引注意力", "注意力不够",
        "温度计", "损失惨重", "推理小说", "微调一下",
    }
)  # fmt: skip
"""Collocations in which a listed word has its everyday sense: no match inside them counts."""
