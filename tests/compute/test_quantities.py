"""The quantity parser: every spelling from issue 6, every refusal, and its round trip."""

from __future__ import annotations

import contextlib
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from bot.compute.quantities import (
    BUDGET,
    PARAMS,
    PRICE,
    TOKENS,
    Currency,
    InvalidQuantity,
    Money,
    Quantity,
    Spec,
    Unit,
    format_number,
    format_quantity,
    parse_budget,
    parse_params,
    parse_price,
    parse_token_count,
    parse_tokens,
    read_quantity,
)
from bot.errors import InvalidOption


@pytest.mark.parametrize(
    "text",
    [
        "175B",
        "175b",
        "1.75e11",
        "175,000,000,000",
        "175 billion",
        "1750亿",
        "175B params",
        "1.75E+11",
        "175_000_000_000",
        "１７５B",
        "1.75 x 10^11",
    ],
)
def test_params_spellings_all_read_175_billion(text: str) -> None:
    """Each spelling of 175 billion in the issue reads as exactly 1.75e11."""
    assert parse_params(text) == 175e9


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1.8T", 1.8e12),
        ("70M", 70e6),
        ("70m", 70e6),
        ("2.5k", 2500),
        ("7 bn", 7e9),
        ("1.3万亿", 1.3e12),
        ("3万", 3e4),
    ],
)
def test_scale_suffixes(text: str, value: float) -> None:
    """T, M, k, bn and the Chinese 万/亿/万亿 scale the number."""
    assert parse_params(text) == pytest.approx(value, rel=1e-12)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3.14e23", Quantity(3.14e23, Unit.FLOPS)),
        ("3.14e23 FLOPs", Quantity(3.14e23, Unit.FLOPS)),
        ("1e24 FLOP", Quantity(1e24, Unit.FLOPS)),
        ("10^24", Quantity(1e24, Unit.FLOPS)),
        ("3640 PF-days", Quantity(3640, Unit.PF_DAYS)),
        ("2.5k GPU-hours", Quantity(2500, Unit.GPU_HOURS)),
        ("1.72M GPU hours", Quantity(1.72e6, Unit.GPU_HOURS)),
    ],
)
def test_budget_units(text: str, expected: Quantity) -> None:
    """A budget is FLOPs by default, or PF-days, or GPU-hours when it says so."""
    assert parse_budget(text) == expected


def test_tokens_price_and_counts() -> None:
    """Token counts take a unit word; prices take a dollar sign; context lengths round."""
    assert parse_tokens("300B tokens") == 300e9
    assert parse_tokens("1.4T") == 1.4e12
    assert parse_price("$2.49") == Money(2.49, Currency.USD)
    assert parse_price("2.49 USD") == Money(2.49, Currency.USD)
    assert parse_price("$2.49/h") == Money(2.49, Currency.USD)
    assert parse_token_count("128k", "output") == 128_000
    assert parse_token_count("4096 tokens", "context") == 4096


@pytest.mark.parametrize(
    ("text", "spec", "problem"),
    [
        ("5 days", TOKENS, "unit"),
        ("300B tokens", BUDGET, "unit"),
        ("80 GB", PARAMS, "unit"),
        ("$5", PARAMS, "unit"),
        ("989 TFLOPS", BUDGET, "unit"),
        ("-175B", PARAMS, "not_positive"),
        ("0", PARAMS, "not_positive"),
        ("0.0e5", TOKENS, "not_positive"),
        ("NaN", PARAMS, "not_finite"),
        ("inf", TOKENS, "not_finite"),
        ("-Infinity", PARAMS, "not_finite"),
        ("1e17", PARAMS, "too_large"),
        ("1e9999", PARAMS, "too_large"),
        ("0.5", PARAMS, "too_small"),
        ("$500000", PRICE, "too_large"),
        ("lots", PARAMS, "unreadable"),
        ("1,7,5B", PARAMS, "unreadable"),
        ("", PARAMS, "unreadable"),
        ("1" * 101, PARAMS, "unreadable"),
        ("175 gazillion", PARAMS, "unreadable"),
    ],
)
def test_refusals_name_option_input_and_example(text: str, spec: Spec, problem: str) -> None:
    """Wrong units, non-positive, non-finite, absurd and unreadable values are refused."""
    with pytest.raises(InvalidQuantity) as caught:
        read_quantity(text, spec)
    error = caught.value
    assert isinstance(error, InvalidOption)
    assert error.key == f"compute.invalid.{problem}"
    assert error.params["option"] == spec.option
    assert error.params["example"] == spec.example
    assert error.params["got"] == (text.strip()[:100] or "(empty)")


@pytest.mark.parametrize(
    ("text", "parse", "unit"),
    [("5 days", parse_tokens, "days"), ("300B tokens", parse_budget, "tokens")],
)
def test_unit_refusal_names_the_unit_read(text: str, parse: Any, unit: str) -> None:
    """`tokens: 5 days` names days, and `budget: 300B tokens` names tokens (not "B tokens")."""
    with pytest.raises(InvalidQuantity) as caught:
        parse(text)
    assert caught.value.params["unit"] == unit


def test_tiny_flop_budget_is_refused() -> None:
    """A bare budget below a million FLOPs is refused with the option named."""
    with pytest.raises(InvalidQuantity) as caught:
        parse_budget("1000")
    assert caught.value.params["option"] == "budget"


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (175e9, "175B"),
        (3.14e23, "3.14e23"),
        (1720320, "1.72M"),
        (0.4, "0.4"),
        (2500, "2.5k"),
        (1.4e12, "1.4T"),
        (1e15, "1e15"),
        (999.9, "1k"),
    ],
)
def test_format_number(value: float, text: str) -> None:
    """Numbers are written the way the issue spells them."""
    assert format_number(value) == text


SPEC_FOR_UNIT = {
    Unit.PARAMS: PARAMS,
    Unit.TOKENS: TOKENS,
    Unit.FLOPS: BUDGET,
    Unit.PF_DAYS: BUDGET,
    Unit.GPU_HOURS: BUDGET,
}


@given(
    unit=st.sampled_from(sorted(SPEC_FOR_UNIT)),
    fraction=st.floats(min_value=0, max_value=1),
    digits=st.integers(min_value=1, max_value=6),
)
@example(unit=Unit.PARAMS, fraction=0.5, digits=3)
def test_formatted_quantities_parse_back_to_themselves(
    unit: Unit, fraction: float, digits: int
) -> None:
    """format → parse → format is a fixed point, and the parsed value is the shown one."""
    spec = SPEC_FOR_UNIT[unit]
    low = max(spec.minimum, 1e6 if unit is Unit.FLOPS else spec.minimum)
    # Spread over orders of magnitude, staying a rounding step inside the option's range.
    value = low * 1.01 * ((spec.maximum * 0.98) / (low * 1.01)) ** fraction
    text = format_quantity(value, unit, digits)
    parsed = read_quantity(text, spec)
    assert parsed.unit in (unit, Unit.NUMBER)
    assert format_quantity(parsed.value, unit, digits) == text
    assert parsed.value == pytest.approx(value, rel=10 ** (1 - digits))


@given(st.text(max_size=120))
@example("1e400")
@example("1e-400")
@example("$")
@example("-$5")
@example("10^99999")
@example("1.5e")
@example("٣")
def test_no_input_raises_anything_but_invalid_option(text: str) -> None:
    """Whatever is typed, every option either reads a positive finite value or refuses it."""
    for spec in (PARAMS, TOKENS, BUDGET, PRICE):
        try:
            quantity = read_quantity(text, spec)
        except InvalidOption:
            continue
        assert spec.minimum <= quantity.value <= spec.maximum


@given(st.text(alphabet="0123456789.,eE+-$ kMBTbtn亿万xX^_", max_size=30))
def test_numberlike_input_raises_only_invalid_option(text: str) -> None:
    """Strings made of number characters also either parse or refuse, nothing else."""
    for parse in (parse_params, parse_tokens, parse_price, parse_budget):
        with contextlib.suppress(InvalidOption):
            parse(text)
