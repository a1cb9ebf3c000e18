"""Numbers typed in Traditional Chinese: 億, 萬, 兆 (10^12, as Taiwan reads it), 參數, 詞元."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.compute.quantities import (
    InvalidQuantity,
    Unit,
    parse_budget,
    parse_params,
    parse_tokens,
    readings,
)
from bot.i18n.script import to_traditional
from bot.i18n.strings import t
from offline import Actor, OfflineDiscord

TW = Actor(locale="zh-TW")
CN = Actor(locale="zh-CN")
ZHAO_LINE = "「兆」按 10¹² 計"


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("700億", 7e10),
        ("700 億", 7e10),
        ("700億參數", 7e10),
        ("700億個參數", 7e10),
        ("1.5萬億", 1.5e12),
        ("4萬", 4e4),
        ("1兆", 1e12),
        ("0.5兆", 5e11),
    ],
)
def test_traditional_params(typed: str, value: float) -> None:
    assert parse_params(typed) == pytest.approx(value)


@pytest.mark.parametrize(
    ("typed", "value"),
    [("15兆", 15e12), ("15兆詞元", 15e12), ("15 兆個詞元", 15e12), ("3000億詞元", 3e11)],
)
def test_traditional_tokens(typed: str, value: float) -> None:
    assert parse_tokens(typed) == pytest.approx(value)


def test_traditional_budget_units() -> None:
    """GPU小時 in Traditional is the GPU-hours unit."""
    quantity = parse_budget("2.5千GPU小時")
    assert (quantity.value, quantity.unit) == (2500, Unit.GPU_HOURS)


def test_traditional_refusal_shows_what_was_typed() -> None:
    """The refusal echoes the text as typed, not its Simplified reading."""
    with pytest.raises(InvalidQuantity) as caught:
        parse_params("700億位元組")
    assert caught.value.params["got"] == "700億位元組"


def test_readings_name_only_the_ambiguous_scale() -> None:
    assert readings("15兆", "700億") == ["zhao"]
    assert readings("15T", "700亿", None) == []
    assert readings("1兆", "2兆") == ["zhao"]


SCALES = {"萬": 4, "億": 8, "兆": 12, "万": 4, "亿": 8}


@given(st.integers(min_value=1, max_value=9999), st.sampled_from(sorted(SCALES)))
def test_chinese_scales_read_both_scripts(number: int, word: str) -> None:
    """n萬, n億, n兆 read as n x 10^4, 10^8, 10^12, in either script."""
    assert parse_tokens(f"{number}{word}") == pytest.approx(number * 10 ** SCALES[word])
    assert parse_tokens(to_traditional(f"{number}{word}")) == parse_tokens(f"{number}{word}")


async def test_train_with_traditional_numbers(discord_env: OfflineDiscord) -> None:
    """/compute train 700億 × 15兆 as zh-TW: 70B × 15T, in Traditional, and the 兆 reading said."""
    exchange = await discord_env.command("compute train", TW, params="700億", tokens="15兆")
    text = exchange.text()
    shown = exchange.last["embeds"][0]
    assert shown["title"] == "訓練估算：70B 參數 × 15T 詞元"
    assert "6.3e24 FLOPs" in shown["description"]
    assert ZHAO_LINE in text


async def test_train_states_the_reading_in_english_too(discord_env: OfflineDiscord) -> None:
    exchange = await discord_env.command("compute train", params="70B", tokens="15兆")
    assert t("compute.assume.zhao", "en") in exchange.text()
    plain = await discord_env.command("compute train", params="70B", tokens="15T")
    assert t("compute.assume.zhao", "en") not in plain.text()


async def test_train_in_simplified_is_unchanged(discord_env: OfflineDiscord) -> None:
    """zh-CN reads the Simplified strings exactly."""
    exchange = await discord_env.command("compute train", CN, params="700亿", tokens="15万亿")
    shown = exchange.last["embeds"][0]
    assert shown["title"] == t("compute.train.title", "zh", params="70B", tokens="15T 词元")
    assert "「兆」" not in exchange.text()
