"""Issue 13's spellings: grouped digits, decimal commas, Chinese numerals, money in its own
currency, and K in a context length as 1024; each parser also under hypothesis."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.compute.quantities import (
    PRICE,
    TRAIN_BUDGET,
    Currency,
    Money,
    chinese_number,
    format_money,
    parse_length,
    parse_money,
    parse_params,
    parse_token_count,
    parse_tokens,
)
from bot.errors import InvalidOption

DIGITS = "零一二三四五六七八九"


def chinese(n: int) -> str:
    """A reference writer of Chinese numerals below 10^12: 亿 and 万 sections, 零 for gaps."""

    def section(x: int) -> str:
        out, gap = "", False
        for unit, size in (("千", 1000), ("百", 100), ("十", 10), ("", 1)):
            digit = x // size % 10
            if digit:
                out += ("零" if gap and out else "") + DIGITS[digit] + unit
                gap = False
            else:
                gap = True
        return out

    yi, wan, rest = n // 10**8, n // 10**4 % 10**4, n % 10**4
    text = ""
    if yi:
        text += section(yi) + "亿"
    if wan:
        text += ("零" if text and wan < 1000 else "") + section(wan) + "万"
    elif text and rest:
        text += "零"
    if rest:
        text += ("零" if text and not text.endswith("零") and rest < 1000 else "") + section(rest)
    return text


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("7 000 000 000", 7e9),
        ("7\u202f000\u202f000\u202f000", 7e9),
        ("7,5B", 7.5e9),
        ("0,5T", 0.5e12),
        ("一千亿", 1e11),
        ("七百亿", 7e10),
        ("七百億", 7e10),
        ("两千亿", 2e11),
        ("一点五万亿", 1.5e12),
        ("3千亿", 3e11),
        ("一万二千", 12_000),
        ("1750亿", 1.75e11),
        ("175,000,000,000", 1.75e11),
    ],
)
def test_issue_spellings(typed: str, value: float) -> None:
    """Each spelling of the issue reads as the number it means."""
    assert parse_params(typed) == pytest.approx(value, rel=1e-12)


@pytest.mark.parametrize(
    ("typed", "money"),
    [
        ("$2.49", Money(2.49, Currency.USD)),
        ("US$2.49", Money(2.49, Currency.USD)),
        ("$2.49/h", Money(2.49, Currency.USD)),
        ("$2.49/GPU-hour", Money(2.49, Currency.USD)),
        ("2.49 USD", Money(2.49, Currency.USD)),
        ("2元/小时", Money(2, Currency.CNY)),
        ("2 元每小时", Money(2, Currency.CNY)),
        ("¥15", Money(15, Currency.CNY)),
        ("￥15", Money(15, Currency.CNY)),
        ("RMB 15", Money(15, Currency.CNY)),
        ("CNY 15", Money(15, Currency.CNY)),
        ("15 CNY", Money(15, Currency.CNY)),
        ("€2", Money(2, Currency.EUR)),
        ("2 EUR", Money(2, Currency.EUR)),
        ("2", Money(2, Currency.USD, assumed=True)),
    ],
)
def test_prices_keep_their_currency(typed: str, money: Money) -> None:
    """Each currency form is read in its own currency; a bare number is dollars, marked so."""
    assert parse_money(typed, PRICE) == money


def test_budgets_scale_in_any_currency() -> None:
    """Budgets take scale words as any number does: 500万元, $5M, €1.2M."""
    assert parse_money("500万元", TRAIN_BUDGET) == Money(5e6, Currency.CNY)
    assert parse_money("$5M", TRAIN_BUDGET) == Money(5e6, Currency.USD)
    assert parse_money("€1.2M", TRAIN_BUDGET) == Money(1.2e6, Currency.EUR)


def test_tokens_are_not_yuan() -> None:
    """词元 ends in 元 but is a token count, not money."""
    assert parse_tokens("15兆词元") == 15e12
    assert parse_tokens("3000亿词元") == 3e11


@pytest.mark.parametrize("typed", ["$2 €", "2 dollars 元", "¥"])
def test_two_currencies_or_none_is_refused(typed: str) -> None:
    """Two currencies in one price, or a sign alone, are refused naming the option."""
    with pytest.raises(InvalidOption) as caught:
        parse_money(typed, PRICE)
    assert caught.value.params["option"] == "price"


def test_money_in_a_count_option_is_refused() -> None:
    """`params: $5` is money in a count: refused with the unit named."""
    with pytest.raises(InvalidOption) as caught:
        parse_params("¥5")
    assert caught.value.params["unit"] == "money"


def test_context_k_is_1024() -> None:
    """128K and 128k contexts are 131,072 tokens and say so; 128000 stays 128,000; output
    lengths count k as 1,000."""
    assert parse_length("128K", "context").tokens == 131_072
    assert parse_length("128k tokens", "context").binary
    plain = parse_length("128000", "context")
    assert (plain.tokens, plain.binary) == (128_000, False)
    assert parse_token_count("4k", "output") == 4000


@given(st.integers(min_value=1, max_value=10**12 - 1))
def test_chinese_numerals_read_back(n: int) -> None:
    """Every number below 10^12 written in Chinese numerals reads as itself."""
    written = chinese(n)
    assert chinese_number(written) == n
    assert parse_params(written) == n


@given(st.integers(min_value=1, max_value=10**15))
def test_space_grouped_digits(n: int) -> None:
    """`7 000 000 000`: digits grouped by spaces read as the number."""
    assert parse_params(f"{n:,}".replace(",", " ")) == n


@given(st.integers(min_value=0, max_value=999), st.integers(min_value=1, max_value=99))
def test_decimal_comma(whole: int, fraction: int) -> None:
    """`7,5B` is 7.5 billion: a comma followed by one or two digits is a decimal comma."""
    typed = f"{whole},{fraction}B"
    assert parse_params(typed) == pytest.approx(float(f"{whole}.{fraction}") * 1e9)


@given(st.integers(min_value=1, max_value=4096))
def test_context_kilo_is_binary(n: int) -> None:
    """nK and nk are n × 1024 tokens in a context or sequence length."""
    assert parse_length(f"{n}K", "context").tokens == n * 1024
    assert parse_length(f"{n}k", "seq").tokens == n * 1024


@given(
    st.floats(min_value=0.01, max_value=9e4, allow_nan=False),
    st.sampled_from(list(Currency)),
)
def test_money_round_trip(value: float, currency: Currency) -> None:
    """format_money → parse_money gives the same currency and the shown value."""
    shown = format_money(value, currency)
    parsed = parse_money(shown, PRICE)
    assert parsed.currency is currency
    assert format_money(parsed.value, currency) == shown


@given(st.text(alphabet="0123456789.,  $¥€元/小时hUSDRMBkK万亿千百十一二七两点", max_size=24))
def test_money_and_lengths_raise_only_invalid_option(text: str) -> None:
    """Whatever is typed, money and length parsers read a value or refuse it, nothing else."""
    for parse in (
        lambda t: parse_money(t, PRICE),
        lambda t: parse_money(t, TRAIN_BUDGET),
        lambda t: parse_length(t, "context"),
        parse_params,
    ):
        try:
            parse(text)
        except InvalidOption:
            continue


@given(st.text(max_size=40))
def test_any_text_is_read_or_refused(text: str) -> None:
    """Arbitrary text never raises anything but InvalidOption from the new parsers."""
    for parse in (lambda t: parse_money(t, PRICE), lambda t: parse_length(t, "seq")):
        try:
            value = parse(text)
        except InvalidOption:
            continue
        assert value is not None
