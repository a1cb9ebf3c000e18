"""The honest-matching rule: folding, numbers, short names and typos (bot.knowledge.matching)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.knowledge.matching import fold, numbers, resolve, strip_question, whole_word

NAMES = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40)


@given(NAMES)
def test_fold_is_idempotent_and_ignores_case_and_width(text: str) -> None:
    """Folding twice changes nothing; case and full-width forms never matter."""
    assert fold(fold(text)) == fold(text)
    assert fold(text.upper()) == fold(text.lower()) or not text.isascii()


@given(NAMES, st.sampled_from(["-", " ", "_", ".", "·", "  "]))
def test_fold_ignores_punctuation_between_letters(text: str, sep: str) -> None:
    """A separator between two letter words never changes the key."""
    assert fold(f"gpt{sep}oss") == fold("gptoss")
    assert fold(text + sep) == fold(text) or text.endswith(tuple("0123456789"))


@given(st.lists(st.integers(0, 999), min_size=1, max_size=4))
def test_numbers_read_every_number_in_order(values: list[int]) -> None:
    """Every number of a name is read, in order, whatever separates it."""
    text = "x ".join(str(v) for v in values)
    assert numbers(text) == tuple(str(v) for v in values)


@given(NAMES)
def test_numbers_and_question_stripping_never_fail(text: str) -> None:
    """Any input reads without error, and stripping a question never empties a name."""
    numbers(text)
    assert strip_question(text) or not text.strip().rstrip("?？!！。. ")


@pytest.mark.parametrize(
    ("typed", "name"),
    [
        ("ＧＰＴ－５", "GPT-5"),
        ("gpt5", "GPT-5"),
        ("llama-4", "Llama 4"),
        ("gemini 2.5", "Gemini 2.5"),
    ],
)
def test_same_name_after_folding(typed: str, name: str) -> None:
    """Case, width, punctuation and spacing fold away."""
    assert resolve(typed, [("hit", [name])]) == (["hit"], None)


@pytest.mark.parametrize(
    ("typed", "name"),
    [
        ("GPT-5", "GPT-1"),
        ("H20", "H200"),
        ("A10", "A100"),
        ("Llama 4", "LLaMA"),
        ("Gemini 2.5", "Gemini 1.0"),
        ("Llama 3 8B", "Llama 38B"),
        ("GPT", "GPTQ"),
    ],
)
def test_numbers_and_short_names_must_agree(typed: str, name: str) -> None:
    """A different number, or a short name inside a longer one, never matches."""
    assert resolve(typed, [("hit", [name])]) == ([], None)


def test_a_long_word_typo_is_taken_only_when_unique() -> None:
    """One edit in a long word is a typo; two names as close are not guessed between."""
    assert resolve("transfomer", [("t", ["Transformer"])]) == ([], "t")
    assert resolve("alphfold", [("a", ["AlphaFold"]), ("b", ["AlphaFold 2"])]) == ([], "a")
    assert resolve("bokens", [("a", ["tokens"]), ("b", ["brokens"])]) == ([], None)


def test_short_names_match_only_whole_words() -> None:
    """GPT is a word of "GPT 4" but not of "gptq"; long names are never restricted."""
    assert whole_word("GPT 4", "GPT")
    assert not whole_word("gptq", "GPT")
    assert whole_word("gptq", "quantization")


@pytest.mark.parametrize(
    ("question", "name"),
    [("what is ZKML?", "ZKML"), ("什么是零知识证明", "零知识证明"), ("RAG 是什么", "RAG")],
)
def test_questions_are_read_as_the_name_they_ask_about(question: str, name: str) -> None:
    """A question around a name is read as the name."""
    assert strip_question(question) == name
