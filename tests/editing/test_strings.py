"""Every message editing can raise has its text in both languages, with the same blanks."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from bot.i18n.areas import editing
from bot.i18n.strings import STRINGS

ROOT = Path(__file__).resolve().parents[2]
PROBLEM = re.compile(r'InvalidField\(\s*[^,()]+,\s*"(\w+)"')
REASON = re.compile(r'ImportRefused\(\s*"(\w+)"')


def _blanks(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("key", sorted(editing.STRINGS))
def test_both_languages_with_the_same_blanks(key: str) -> None:
    """A Chinese reply needs every value the English one uses, and no other."""
    texts = editing.STRINGS[key]
    assert set(texts) == {"en", "zh"}
    assert _blanks(texts["en"]) == _blanks(texts["zh"])


def test_every_raised_problem_has_a_message() -> None:
    """Each InvalidField problem and ImportRefused reason in bot/editing has its string."""
    source = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "bot/editing").glob("*.py"))
    problems = set(PROBLEM.findall(source)) - {"field"}
    reasons = set(REASON.findall(source))
    assert problems
    assert {f"editing.invalid.{p}" for p in problems} <= set(STRINGS)
    assert {f"editing.import.{r}" for r in reasons} <= set(STRINGS)


def test_editing_strings_are_registered() -> None:
    """bot.i18n.t finds them."""
    assert set(editing.STRINGS) <= set(STRINGS)
