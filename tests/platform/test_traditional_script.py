"""Simplified and Traditional Chinese (bot/i18n/script.py): who reads which, and both directions."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.i18n.script import in_script, script_for, to_hongkong, to_simplified, to_traditional
from bot.i18n.strings import STRINGS
from bot.knowledge.files import DEFAULT_ROOT, load_knowledge
from bot.knowledge.matching import fold
from bot.knowledge.search import normalize


@pytest.mark.parametrize(
    ("locale", "script"),
    [
        ("zh-TW", "hant"),
        ("zh-HK", "hk"),
        ("zh_hk", "hk"),
        ("zh-MO", "hk"),
        ("zh-Hant-TW", "hant"),
        ("zh-CN", "hans"),
        ("zh", "hans"),
        ("en-US", "hans"),
        (None, "hans"),
    ],
)
def test_script_for_locale(locale: str | None, script: str) -> None:
    """zh-TW reads Taiwan's Traditional, zh-HK and zh-MO Hong Kong's; zh-CN and everyone else
    get the text as written."""
    assert script_for(locale) == script


@pytest.mark.parametrize(
    ("simplified", "traditional"),
    [
        ("软件", "軟體"),
        ("信息", "資訊"),
        ("内存", "記憶體"),
        ("显存", "視訊記憶體"),
        ("英伟达", "輝達"),  # the company's name in Taiwan
        ("零知识机器学习", "零知識機器學習"),
        ("参数量", "參數量"),  # s2twp says 引數量 (a function's arguments)
        ("激活函数", "激活函數"),  # s2twp says 啟用函式
        ("多卡线性扩展", "多卡線性擴展"),  # s2twp says 擴充套件 (a plug-in)
        ("组织类型", "組織類型"),  # s2twp says 型別 (a programming type)
        ("700 亿参数", "700 億參數"),
        ("循环神经网络", "循環神經網路"),  # s2twp says 迴圈 (a loop in code)
        ("不含循环结构", "不含循環結構"),
    ],
)
def test_to_traditional_uses_taiwan_wording(simplified: str, traditional: str) -> None:
    """s2twp with the machine-learning corrections."""
    assert to_traditional(simplified) == traditional
    assert in_script(simplified, "hant") == traditional
    assert in_script(simplified, "hans") == simplified


@pytest.mark.parametrize(
    ("simplified", "hong_kong"),
    [
        ("软件", "軟件"),  # Taiwan: 軟體
        ("数据库", "數據庫"),  # Taiwan: 資料庫
        ("英伟达", "英偉達"),  # Taiwan: 輝達
        ("网络", "網絡"),  # Taiwan: 網路
        ("里面", "裏面"),  # Hong Kong's character; Taiwan: 裡面
        ("参数量", "參數量"),
        ("激活函数", "激活函數"),
        ("多卡线性扩展", "多卡線性擴展"),
    ],
)
def test_to_hongkong_uses_hong_kong_wording(simplified: str, hong_kong: str) -> None:
    """s2hk: Hong Kong's characters and words, none of Taiwan's phrases."""
    assert to_hongkong(simplified) == hong_kong
    assert in_script(simplified, "hk") == hong_kong
    assert to_simplified(hong_kong) == to_simplified(to_traditional(simplified))


@pytest.mark.parametrize(
    ("typed", "simplified"),
    [
        ("零知識機器學習", "零知识机器学习"),
        ("輝達", "英伟达"),
        ("軟體", "软件"),
        ("記憶體", "内存"),
        ("700億", "700亿"),
        ("時間序列", "时间序列"),  # tw2sp alone says 串行
        ("向量資料庫", "向量数据库"),  # tw2sp alone says 矢量
    ],
)
def test_to_simplified_reads_taiwan_wording(typed: str, simplified: str) -> None:
    assert to_simplified(typed) == simplified


def _chinese_corpus() -> list[str]:
    texts = [v["zh"] for v in STRINGS.values() if v.get("zh")]
    for entry in load_knowledge(DEFAULT_ROOT).entries:
        for name in type(entry).model_fields:
            value = getattr(entry, name)
            zh = getattr(value, "zh", None)
            if isinstance(zh, str):
                texts.append(zh)
    return texts


def test_simplified_text_is_never_rewritten() -> None:
    """Every shipped Chinese string reads the same through to_simplified (序列 stays 序列): the
    index and the matching see the data as it is stored."""
    changed = [text for text in _chinese_corpus() if to_simplified(text) != text]
    assert changed == []


def test_traditional_input_meets_simplified_names() -> None:
    """The search index's normalize and the name matching's fold read both scripts as one."""
    assert normalize("輝達 H100") == normalize("英伟达 H100")
    assert fold("零知識機器學習") == fold("零知识机器学习")
    assert normalize("ＺＫＭＬ 零知識") == normalize("zkml 零知识")


CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)
MIXED = st.text(st.one_of(CJK, st.characters(max_codepoint=0x7F)), max_size=40)


@given(MIXED)
def test_to_simplified_is_a_fixed_point(text: str) -> None:
    """Reading typed text twice changes nothing more than reading it once."""
    once = to_simplified(text)
    assert to_simplified(once) == once


@given(st.text(st.characters(max_codepoint=0x7F), max_size=60))
def test_text_without_chinese_is_untouched(text: str) -> None:
    assert to_traditional(text) == text
    assert to_hongkong(text) == text
    assert to_simplified(text) == text
