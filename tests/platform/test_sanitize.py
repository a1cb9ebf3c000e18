"""The echo sanitizer over arbitrary text."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from bot.sanitize import BIDI_CONTROLS, MARKUP, ZERO_WIDTH_SPACE, clean_echo

MARKUPISH = st.sampled_from(["<#1>", "<@2>", "<@&3>", "<t:4:R>", "</x:5>", "<:e:6>", "<a:e:7>"])
TEXT = st.lists(st.one_of(st.text(), MARKUPISH, st.sampled_from(sorted(BIDI_CONTROLS)))).map(
    "".join
)


@given(TEXT)
def test_no_control_bidi_or_line_break_survives(text: str) -> None:
    cleaned = clean_echo(text)
    for char in cleaned:
        assert char not in BIDI_CONTROLS
        assert unicodedata.category(char) not in ("Cc", "Cs", "Co", "Cn")
        assert unicodedata.category(char) != "Cf" or char in (ZERO_WIDTH_SPACE, "\u200d")


@given(TEXT)
def test_no_markup_opening_survives(text: str) -> None:
    assert MARKUP.search(clean_echo(text)) is None


@given(TEXT)
def test_cleaning_twice_changes_nothing(text: str) -> None:
    once = clean_echo(text)
    assert clean_echo(once) == once


@given(st.text(alphabet=st.characters(categories=("L", "N", "P", "Zs"))))
def test_ordinary_text_is_kept(text: str) -> None:
    """Letters, digits, punctuation and spaces pass through (but a '<' opening markup)."""
    assert clean_echo(text).replace(ZERO_WIDTH_SPACE, "") == text
