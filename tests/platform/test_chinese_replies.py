"""A zh-CN or zh-TW user reads no English word, except names, units and code.

What may stay in Latin letters is listed in ALLOWED: names (of products, companies, people,
models), units and acronyms, formula symbols, and the bot's own name. Everything else Latin in a
Chinese reply is an untranslated word: a missing zh string, English hard-coded in a view, or an
error carrying English prose instead of a message key. Entry text (the knowledge files' zh
fields, and their language-neutral fields such as aliases, source titles and figures) is taken
out first: it is the content, not the bot's words.

The tolerance is zero, and `test_detector_*` show that a reintroduced English sentence fails.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import cache
from typing import Any

import pytest
from pydantic import BaseModel

from bot.i18n.commands import DESCRIPTIONS_ZH, NAMES_ZH
from bot.i18n.script import to_traditional
from bot.i18n.strings import STRINGS
from bot.knowledge.files import DEFAULT_ROOT, load_knowledge
from bot.knowledge.models import Localized
from offline import Actor, OfflineDiscord

# fmt: off
ALLOWED = frozenset(
    {
        # names: the bot, platforms, products, people and models the strings mention
        "aixbot", "Discord", "SQLite", "PostgreSQL", "Ctrl", "R", "JSON",
        "Chinchilla", "Hoffmann", "Korthikanti", "Rajbhandari", "Adam", "ZeRO", "CNY",
        "AlphaGo", "Transformer", "transformer", "Render", "Bittensor", "FET", "RLHF", "MoE",
        "GPT-3", "Llama", "H100", "A100", "SXM", "Crypto", "Gate",
        # acronyms and fields of the trade
        "AI", "GPU", "ZKML", "KV", "GQA", "MLA", "MFU", "PUE", "TDP", "ID", "x",
        # number formats
        "BF16", "FP16", "FP32", "FP8", "INT8", "TF32", "bf16", "fp16", "fp32", "fp8", "tf32",
        # units
        "FLOPs", "TFLOPS", "TOPS", "PF-days", "MWh", "W", "B", "kB", "MB", "GB", "TB", "PB",
        "ms", "s", "d", "h", "m", "k", "K", "M", "T", "B/param", "TB/s", "GB/s", "http",
        # formula symbols and the architecture's variable names
        "C", "N", "D", "L", "b", "N_active", "d_model", "heads", "kv_heads", "head_dim", "d_attn",
        "YYYY", "YYYY-YYYY",
    }
)
# fmt: on
"""Latin words a Chinese reply may contain. Never an English word of a sentence."""

ENGLISH_PROSE = frozenset(
    {"a", "an", "the", "and", "or", "of", "to", "in", "is", "not", "no", "for", "with", "on",
     "by", "be", "this", "that", "it", "you", "your", "tokens", "hours", "days", "none", "set",
     "could", "read", "year", "entry", "page", "more", "sources", "explain", "terms"}
)  # fmt: skip

_WORD = re.compile(r"(?<![A-Za-z0-9_.$])[A-Za-z][A-Za-z0-9]*(?:[-_/'][A-Za-z0-9]+)*")
_NOT_WORDS = [
    re.compile(p)
    for p in (
        r"\{[^{}]*\}",  # placeholders
        r"`[^`]*`",  # code spans: option values, examples, commands
        r"https?://\S+?(?=[)\s]|$)",  # links
        r"<[@#][!&]?\d+>|<t:\d+(?::[A-Za-z])?>",  # mentions, timestamps
        r"\b(?:event|segment|project|term|gpu|model)/[a-z0-9-]+",  # entry ids
        r"(?<![\w/])/[a-z][a-z-]*(?: [a-z][a-z-]*)?(?=[:：`\s]|$)",  # command paths
    )
]
_RENDERER = [
    re.compile(p, re.MULTILINE)
    for p in (
        r"^\(only you can see this\)$",
        r"\[(?:attachment|image): [^\]]*\]",
        r"\[button: Cancel\] \[button: Submit\]",  # a modal's own buttons, drawn by the client
        r"\[(?:button|select|modal): ?",
        r" \(disabled\)",
        r"\((?:short|paragraph), (?:required|optional), (?:up to )?[\d-]+ characters\)",
        r"^\s*(?:prefilled:|\(empty\)|placeholder:)",
        r"^\(file [^)]*\)$",
    )
]


def latin_words(text: str) -> list[str]:
    for pattern in _NOT_WORDS:
        text = pattern.sub(" ", text)
    return _WORD.findall(text)


def untranslated(text: str) -> list[str]:
    return [w for w in latin_words(text) if w not in ALLOWED]


def _strings(value: Any) -> Iterator[str]:
    """An entry's text a zh reply shows: zh of every localized field, and every field that has
    one language only (aliases, people, source titles, figures, hardware, formula...)."""
    if isinstance(value, Localized):
        yield value.zh
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _strings(getattr(value, name))
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)
    elif isinstance(value, str):
        yield value
    elif value is not None and not isinstance(value, bool | int | float):
        yield str(value)  # URLs, enums


@cache
def entry_texts() -> tuple[str, ...]:
    texts: set[str] = set()
    for entry in load_knowledge(DEFAULT_ROOT).entries:
        found = {s.strip() for s in _strings(entry) if len(s.strip()) >= 2}
        texts.update(found)
        texts.update(to_traditional(s) for s in found)  # as a zh-TW reader gets it
        texts.add(entry.id.split("/", 1)[1])  # a slug, as the calculator names a GPU
    return tuple(sorted(texts, key=len, reverse=True))


def without(text: str, known: Iterable[str]) -> str:
    """`text` with each of `known` taken out where it stands as a whole (never "ai" out of
    "aixbot")."""
    for item in known:
        if item in text:
            text = re.sub(rf"(?<![A-Za-z0-9]){re.escape(item)}(?![A-Za-z0-9])", " ", text)
    return text


def reply_words(text: str, typed: Iterable[object] = ()) -> list[str]:
    """The untranslated words of a reply, once the renderer's frame, the entries' text and what
    the user typed (echoed back) are out."""
    for pattern in _RENDERER:
        text = pattern.sub(" ", text)
    text = without(text, [str(value) for value in typed])
    return untranslated(without(text, entry_texts()))


# -- the strings ---------------------------------------------------------------------------


def test_every_string_has_chinese() -> None:
    """A missing zh value would fall back to English in a Chinese reply."""
    missing = [key for key, texts in STRINGS.items() if not texts.get("zh", "").strip()]
    assert not missing, f"no zh text: {missing}"


def _placeholders(text: str) -> set[str]:
    return {m.split(":")[0].split("!")[0] for m in re.findall(r"\{([^{}]*)\}", text)}


def test_chinese_keeps_the_placeholders() -> None:
    differ = {
        key: (sorted(_placeholders(texts["en"])), sorted(_placeholders(texts["zh"])))
        for key, texts in STRINGS.items()
        if _placeholders(texts["en"]) != _placeholders(texts.get("zh", ""))
    }
    assert not differ, f"placeholders differ between en and zh: {differ}"


def _flagged(pairs: Iterable[tuple[str, str]]) -> dict[str, list[str]]:
    found = {key: untranslated(text) for key, text in pairs}
    return {key: words for key, words in found.items() if words}


def test_chinese_strings_have_no_english_words() -> None:
    flagged = _flagged((key, texts.get("zh", "")) for key, texts in STRINGS.items())
    assert not flagged, f"English words in zh strings: {flagged}"


def test_command_localizations_have_no_english_words() -> None:
    pairs = [*NAMES_ZH.items(), *DESCRIPTIONS_ZH.items()]
    flagged = _flagged((english, chinese) for english, chinese in pairs)
    assert not flagged, f"English words in command localizations: {flagged}"


def test_allow_list_holds_no_english_prose() -> None:
    """The allow-list is names and units: a common English word in it would hide sentences."""
    assert not ALLOWED & ENGLISH_PROSE


@pytest.mark.parametrize(
    "sentence",
    [
        "Could not read that value.",
        "没有名为 **{query}** 的条目。Try again later",
        "已保存：Saved as revision",
    ],
)
def test_detector_flags_an_english_sentence(sentence: str) -> None:
    assert untranslated(sentence)


# -- the replies -----------------------------------------------------------------------------

COMMANDS: list[tuple[str, dict[str, Any]]] = [
    ("about", {}),
    ("help", {}),
    ("define", {"term": "transformer"}),
    ("define", {"term": "nosuchterm"}),
    ("history year", {"year": "2017"}),
    ("history year", {"year": "abc"}),
    ("history timeline", {"start": 2000, "end": 1990}),
    ("industry chain", {}),
    ("project list", {"category": "compute"}),
    ("search", {"query": "xyzzyqq"}),
    ("compute train", {"params": "175B", "tokens": "300B"}),
    ("compute train", {"params": "abc", "tokens": "300B"}),
    ("compute infer", {"params": "70B", "context": "4k", "batch": 8}),
    ("compute memory", {"params": "7B", "seq": 4096, "batch": 8}),
    ("compute optimal", {"budget": "2.5M GPU-hours"}),
    ("compute model", {"name": "Llama 2 70B"}),
    ("compute gpu", {"name": "H100 SXM"}),
    ("config show", {}),
    ("entry history", {"entry": "term/transformer"}),
    ("entry missing", {}),
]


@pytest.mark.parametrize("locale", ["zh-CN", "zh-TW"])
async def test_chinese_replies_have_no_english_words(
    discord_env: OfflineDiscord, locale: str
) -> None:
    """Lookups, compute, errors and settings, through the real tree, as a Chinese user."""
    from offline.payloads import ADMIN_PERMISSIONS

    actor = Actor(locale=locale, permissions=ADMIN_PERMISSIONS)
    flagged = {}
    typed: list[object] = []  # /entry missing lists what was looked up before
    for path, options in COMMANDS:
        typed += options.values()
        exchange = await discord_env.command(path, actor, **options)
        text = exchange.text()
        assert re.search(r"[\u4e00-\u9fff]", text), f"/{path} {options}: no Chinese at all"
        words = reply_words(text, typed)
        if words:
            flagged[f"/{path} {options}"] = sorted(set(words))
    assert not flagged, f"English words in {locale} replies: {flagged}"


async def test_detector_flags_english_in_a_reply(
    discord_env: OfflineDiscord, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The reply check catches an English sentence reintroduced into a zh string."""
    monkeypatch.setitem(
        STRINGS, "search.none", {"en": "x", "zh": "Nothing matches **{query}**, sorry."}
    )
    exchange = await discord_env.command("search", Actor(locale="zh-CN"), query="xyzzyqq")
    assert {"Nothing", "matches", "sorry"} <= set(reply_words(exchange.text()))
