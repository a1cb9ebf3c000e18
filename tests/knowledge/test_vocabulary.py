"""The house vocabulary: the glossary's preferred zh renderings, and the validator rule that
flags a discouraged variant in an entry's Chinese text unless the entry is allowed it."""

from __future__ import annotations

import yaml
from pydantic import TypeAdapter

from bot.knowledge.files import DEFAULT_ROOT, load_knowledge, parse_entry
from bot.knowledge.vocabulary import GLOSSARY_FILE, Rendering, check_vocabulary, zh_texts
from tests.samples import org_data, person_data

GLOSSARY = TypeAdapter(list[Rendering]).validate_python(
    yaml.safe_load((DEFAULT_ROOT / GLOSSARY_FILE).read_text(encoding="utf-8"))
)
TOKEN = Rendering(en="token (language models)", preferred="词元", discouraged=["代币", "令牌"])


def test_a_discouraged_variant_is_flagged_with_its_field_and_the_preferred_word() -> None:
    person = parse_entry(person_data(known_for={"en": "Tokens.", "zh": "把文本切成代币的方法。"}))
    (problem,) = check_vocabulary([person], [TOKEN])
    assert problem.entry_id == "person/ada-example"
    assert problem.message.startswith("known_for.zh: 代币 → 词元 (token (language models);")


def test_names_and_aliases_may_hold_variants() -> None:
    """Aliases exist to catch the variants people type."""
    org = parse_entry(org_data(name={"en": "Lab", "zh": "令牌实验室"}, aliases=["令牌", "代币"]))
    assert check_vocabulary([org], [TOKEN]) == []


def test_allow_by_id_glob_and_tag() -> None:
    org = parse_entry(
        org_data(summary={"en": "Pays in tokens.", "zh": "用代币支付。"}, tags=["crypto"])
    )
    for allow in (["org/example-lab"], ["org/*"], ["tag:crypto"]):
        rule = TOKEN.model_copy(update={"allow": allow})
        assert check_vocabulary([org], [rule]) == []
    assert len(check_vocabulary([org], [TOKEN.model_copy(update={"allow": ["tag:ai"]})])) == 1


def test_every_localized_text_but_the_name_is_read() -> None:
    org = parse_entry(org_data(note={"en": "N.", "zh": "注。"}))
    fields = [field for field, _ in zh_texts(org)]
    assert fields == ["summary.zh", "body.zh", "note.zh"]


def test_the_glossary_prefers_what_the_entries_use() -> None:
    """Each preferred rendering appears in the shipped zh text, and is none of its variants."""
    texts = " ".join(t for e in load_knowledge().entries for _, t in zh_texts(e))
    for rule in GLOSSARY:
        assert rule.preferred in texts, rule.en
        assert rule.preferred not in rule.discouraged
    assert {"词元", "算力", "推理", "大模型", "智能体", "参数", "微调", "预训练", "张量并行"} <= {
        r.preferred for r in GLOSSARY
    }
