"""Simplified and Traditional Chinese: which one a reader gets, and the conversion both ways.

The shipped Chinese text and the bot's own strings are written once, in Simplified. A reader in
Taiwan (Discord's zh-TW, and zh-Hant) gets them in Traditional with Taiwan's wording, converted by
OpenCC's s2twp profile (软件 → 軟體, 信息 → 資訊, 内存 → 記憶體, and the company's Taiwanese name,
英伟达 → 輝達). A reader in Hong Kong or Macau (zh-HK, zh-MO, where a client sends them: Discord's
own clients offer only zh-TW) gets Hong Kong's characters and words through OpenCC's s2hk profile
(软件 → 軟件, 数据库 → 數據庫, 英伟达 → 英偉達, 里 → 裏), which Taiwan's phrases would get wrong
there. Conversion happens only on the way out, one cached call per distinct string; the stored
data stays Simplified.

Typed Chinese goes the other way before anything is matched or parsed: text holding Traditional
characters goes through OpenCC's tw2sp profile, which turns Taiwan's words back into the
mainland's (輝達 → 英伟达, 記憶體 → 内存, 700億 → 700亿), so one Simplified index serves both
scripts. Simplified text is left alone: tw2sp would rewrite words the two share (序列 → 串行), so
it runs only on text that OpenCC's plain t2s would change.

s2twp is a general-purpose profile; where its choice is wrong for machine learning (参数 is a
model's parameter, 參數, not a function's argument, 引數) a short table below puts it right.
"""

from __future__ import annotations

from functools import cache, lru_cache
from typing import Literal, Protocol, cast

Script = Literal["hans", "hant", "hk"]
"""Simplified; Traditional as Taiwan writes it; Traditional as Hong Kong writes it."""

TRADITIONAL_LOCALES = ("zh-tw", "zh-hk", "zh-mo", "zh-hant")
"""Locale tags (lower case, `_` read as `-`) whose readers get Traditional characters."""
HONG_KONG_LOCALES = ("zh-hk", "zh-mo")
"""Of those, the ones written with Hong Kong's characters and words."""

AFTER_S2TWP: tuple[tuple[str, str], ...] = (
    ("引數", "參數"),  # 参数: a model's parameters, not a function's arguments
    ("啟用函式", "激活函數"),  # 激活函数: the activation function of a neuron
    ("啟用值", "激活值"),  # 激活值: a layer's activations, which memory estimates count
    ("擴充套件", "擴展"),  # 扩展: scaling out, not a software plug-in
    ("相關係統", "相關系統"),  # 相关系统: related systems (s2twp reads 关系 inside it)
    ("型別", "類型"),  # 类型: a kind of entry or organisation, not a programming language's type
    ("迴圈", "循環"),  # 循环: recurrent (循環神經網路) or a cycle, never a loop in code
)
"""Machine-learning wording s2twp gets wrong, fixed after it ran."""

AFTER_TW2SP: tuple[tuple[str, str], ...] = (
    ("串行", "序列"),  # 序列 is a sequence in Taiwan too (時間序列), not the mainland's serial
    ("矢量", "向量"),  # 向量 (a vector, 向量資料庫) is the mainland's word as well
    ("升腾", "昇腾"),  # Huawei's Ascend is 昇腾 on the mainland too
)
"""Words tw2sp maps to a mainland word that machine learning does not use, put back."""

SIMPLIFIED_TOO = frozenset("昇")
"""Characters t2s changes that mainland text writes as they are, in names (昇腾, Ascend): on
their own they do not make a text Traditional."""

CACHE = 65_536
"""Distinct strings kept converted: every bot string and entry field, with room for user text."""


class _Converter(Protocol):
    def convert(self, text: str) -> str: ...


_converters: dict[str, _Converter] = {}

TO_TRADITIONAL = ("s2twp", "s2hk")
"""The profiles that write Traditional: s2twp's phrase dictionaries alone hold 42 MB."""


def _converter(profile: str) -> _Converter:
    found = _converters.get(profile)
    if found is None:
        import opencc  # imported on first use: a process that never meets Chinese never loads it

        found = _converters[profile] = cast(_Converter, opencc.OpenCC(profile))
    return found


def release_traditional() -> None:
    """Free the Traditional converters until a reader needs one again. A start that syncs its
    commands converts their zh-TW text (kept in `to_traditional`'s cache) before any member can
    ask; a bot whose members read Simplified or English would hold the dictionaries for good."""
    import contextlib
    import ctypes

    for profile in TO_TRADITIONAL:
        _converters.pop(profile, None)
    # glibc hands the freed pages back to the system; with another C library they stay free
    # inside the process, for what it allocates next.
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None).malloc_trim(0)


def script_for(locale: str | None) -> Script:
    """`hk` for zh-HK and zh-MO, `hant` for zh-TW (and zh-Hant), else `hans`."""
    tag = str(locale or "").lower().replace("_", "-")
    if tag.startswith(HONG_KONG_LOCALES):
        return "hk"
    return "hant" if tag.startswith(TRADITIONAL_LOCALES) else "hans"


def _has_han(text: str) -> bool:
    return not text.isascii() and any("\u3400" <= c <= "\u9fff" or c == "\u3007" for c in text)


@lru_cache(maxsize=CACHE)
def to_traditional(text: str) -> str:
    """Simplified text as Taiwan writes it; text without Chinese comes back unchanged."""
    if not _has_han(text):
        return text
    out = _converter("s2twp").convert(text)
    for wrong, right in AFTER_S2TWP:
        out = out.replace(wrong, right)
    return out


@lru_cache(maxsize=CACHE)
def to_hongkong(text: str) -> str:
    """Simplified text as Hong Kong writes it; text without Chinese comes back unchanged."""
    if not _has_han(text):
        return text
    return _converter("s2hk").convert(text)


@cache
def _traditional_characters() -> frozenset[str]:
    """Every CJK character t2s changes: text with none of them is not Traditional (~20 ms once)."""
    t2s = _converter("t2s")
    changed = frozenset(c for c in map(chr, range(0x3400, 0xA000)) if t2s.convert(c) != c)
    return changed - SIMPLIFIED_TOO


def to_simplified(text: str) -> str:
    """Traditional text (Taiwan's wording too) as the mainland writes it; Simplified text and
    text without Chinese come back unchanged (the common case costs a set test)."""
    if text.isascii() or _traditional_characters().isdisjoint(text):
        return text
    return _from_traditional(text)


@lru_cache(maxsize=CACHE)
def _from_traditional(text: str) -> str:
    if _converter("t2s").convert(text) == text:  # 著名, 乾坤: characters both scripts write
        return text
    out = _converter("tw2sp").convert(text)
    for wrong, right in AFTER_TW2SP:
        out = out.replace(wrong, right)
    return out


def in_script(text: str, script: Script) -> str:
    """`text` for a reader of `script`."""
    if script == "hant":
        return to_traditional(text)
    return to_hongkong(text) if script == "hk" else text
