"""An entry of each new kind for tests that need one of every kind, whatever the shipped files
hold yet: fictional, on example.org, never shipped."""

from __future__ import annotations

from typing import Any

from bot.knowledge.models import EntryBase, EntryKind, Org, Person

CHECKED = "2026-11-01"


def org_data(slug: str = "example-lab", **more: Any) -> dict[str, Any]:
    return {
        "id": f"org/{slug}",
        "name": {"en": "Example Lab", "zh": "示例实验室"},
        "aliases": ["ExLab"],
        "summary": {
            "en": "A research lab that makes examples.",
            "zh": "一家制作示例的研究实验室。",
        },
        "body": {"en": "It makes examples for tests.", "zh": "它为测试制作示例。"},
        "checked": CHECKED,
        "sources": [{"url": "https://example.org/about", "title": "About", "publisher": "Example"}],
        "org_type": "lab",
        "founded": "2015",
        "headquarters": "Example City",
        "products": ["Example-1", "Example-2"],
        "website": "https://example.org/",
        **more,
    }


def person_data(slug: str = "ada-example", **more: Any) -> dict[str, Any]:
    return {
        "id": f"person/{slug}",
        "name": {"en": "Ada Example", "zh": "艾达·示例"},
        "summary": {"en": "A researcher who writes examples.", "zh": "一位编写示例的研究者。"},
        "body": {"en": "She wrote the first example.", "zh": "她写下了第一个示例。"},
        "checked": CHECKED,
        "sources": [{"url": "https://example.org/ada", "title": "Ada", "publisher": "Example"}],
        "role": {"en": "Chief example officer", "zh": "首席示例官"},
        "known_for": {"en": "The first example.", "zh": "第一个示例。"},
        **more,
    }


SAMPLES: dict[EntryKind, EntryBase] = {
    EntryKind.ORG: Org.model_validate(org_data()),
    EntryKind.PERSON: Person.model_validate(person_data()),
}


def one_of_each(shipped: list[EntryBase]) -> dict[EntryKind, EntryBase]:
    """A shipped entry of each kind, or the sample where the files have none yet."""
    found: dict[EntryKind, EntryBase] = {}
    for entry in shipped:
        found.setdefault(entry.kind, entry)
    return {**SAMPLES, **found}
