"""The rules `aixbot knowledge validate` adds to the models': sources known not to hold what
they were cited for, and (bot/knowledge/vocabulary.py) the house vocabulary of the Chinese text.

They read files beside the entry folders (knowledge/known-bad-sources.yaml, glossary.yaml), so a
reviewer changes a rule in the same pull request as the entries it concerns. They run in
validation, not at start-up: a rule tightened later must never keep the bot from starting.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Annotated

import yaml
from pydantic import BaseModel, ConfigDict, Field, HttpUrl, TypeAdapter, ValidationError

from bot.knowledge.files import Problem, parse_yaml
from bot.knowledge.models import EntryBase, Figure, Model, PublishedCompute
from bot.knowledge.vocabulary import GLOSSARY_FILE, Rendering, check_vocabulary

BAD_SOURCES_FILE = "known-bad-sources.yaml"


class BadSource(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    url: HttpUrl
    why: Annotated[str, Field(min_length=1, max_length=300)]
    """What is wrong with it (does not exist, does not state the claim): the validator says it."""


_BAD_SOURCES = TypeAdapter(list[BadSource])
_GLOSSARY = TypeAdapter(list[Rendering])


def read_yaml(path: Path) -> object:
    """A rules file's content; an absent file is no rules."""
    if not path.is_file():
        return []
    return parse_yaml(path.read_text(encoding="utf-8")) or []


def cited_urls(entry: EntryBase) -> list[str]:
    """Every URL the entry cites: its sources, a figure's or published compute's source."""
    urls = [str(s.url) for s in entry.sources]
    for figure in getattr(entry, "figures", []):
        if isinstance(figure, Figure):
            urls.append(str(figure.source))
    if isinstance(entry, Model):
        urls += [str(c.source) for c in entry.published_compute if isinstance(c, PublishedCompute)]
    return urls


def _normal(url: str) -> str:
    return url.rstrip("/")


def bad_sources(
    entries: Sequence[EntryBase], rules: Sequence[BadSource], where: str = "knowledge"
) -> list[Problem]:
    known = {_normal(str(r.url)): r.why for r in rules}
    problems = []
    for entry in entries:
        for url in dict.fromkeys(cited_urls(entry)):
            why = known.get(_normal(url))
            if why is not None:
                problems.append(Problem(where, entry.id, f"source {url} is known bad: {why}"))
    return problems


def review(entries: Sequence[EntryBase], root: Path) -> list[Problem]:
    """Every problem the validation rules beyond the models find in a loaded, valid set."""
    problems: list[Problem] = []
    try:
        rules = _BAD_SOURCES.validate_python(read_yaml(root / BAD_SOURCES_FILE))
    except (yaml.YAMLError, ValidationError) as exc:
        name = f"{root.name}/{BAD_SOURCES_FILE}"
        problems.append(Problem(name, "-", f"not a list of url/why rules: {exc}"))
    else:
        problems += bad_sources(entries, rules, root.name)
    try:
        glossary = _GLOSSARY.validate_python(read_yaml(root / GLOSSARY_FILE))
    except (yaml.YAMLError, ValidationError) as exc:
        problems.append(Problem(f"{root.name}/{GLOSSARY_FILE}", "-", f"not a glossary: {exc}"))
    else:
        problems += check_vocabulary(entries, glossary, root.name)
    return problems
