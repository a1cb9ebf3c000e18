"""The house vocabulary: one rendering in Chinese per concept, checked in every entry's zh text.

knowledge/glossary.yaml lists each concept's preferred rendering and the variants the entries
should not use for it. A variant can be right in another context (代币 is the crypto token,
never a language model's), so a rule carries `allow`: entry ids, globs (project/*) or tags
(tag:crypto) where the variant is the proper word. Names and aliases are not checked: aliases
exist to catch the variants people type.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Iterator, Sequence
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from bot.knowledge.files import Problem
from bot.knowledge.models import EntryBase, Localized

GLOSSARY_FILE = "glossary.yaml"
_Word = Annotated[str, Field(min_length=1, max_length=40)]


class Rendering(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    en: Annotated[str, Field(min_length=1, max_length=100)]
    """The concept, in English (with its sense where the word has several)."""
    preferred: _Word
    discouraged: Annotated[list[_Word], Field(min_length=1)]
    allow: list[Annotated[str, Field(min_length=1, max_length=80)]] = []
    """Where a discouraged variant is the right word: an id, a glob or tag:<tag>."""

    def allows(self, entry: EntryBase) -> bool:
        for pattern in self.allow:
            if pattern.startswith("tag:"):
                if pattern[4:] in entry.tags:
                    return True
            elif fnmatch.fnmatchcase(entry.id, pattern):
                return True
        return False


def zh_texts(value: object, path: str = "") -> Iterator[tuple[str, str]]:
    """(field path, Chinese text) of every localized text of an entry but its name."""
    if isinstance(value, Localized):
        yield f"{path}.zh", value.zh
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            if name not in ("name", "aliases"):
                yield from zh_texts(getattr(value, name), f"{path}.{name}".lstrip("."))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from zh_texts(item, f"{path}[{index}]")


def check_vocabulary(
    entries: Sequence[EntryBase], rules: Sequence[Rendering], where: str = "knowledge"
) -> list[Problem]:
    """One problem per entry, field and discouraged variant found there."""
    problems = []
    for entry in entries:
        texts = list(zh_texts(entry))
        for rule in rules:
            if rule.allows(entry):
                continue
            for field, text in texts:
                for variant in rule.discouraged:
                    if variant in text:
                        message = (
                            f"{field}: {variant} → {rule.preferred} ({rule.en}; "
                            f"{GLOSSARY_FILE} lists where {variant} is allowed)"
                        )
                        problems.append(Problem(where, entry.id, message))
    return problems
