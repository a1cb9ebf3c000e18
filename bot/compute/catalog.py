"""The GPUs and reference models the calculator knows, read from the knowledge service.

They are ordinary knowledge entries, so a guild that corrects a datasheet figure sees its own
figure in every estimate, and a typo in a name gets the same "did you mean" as any lookup.
"""

from __future__ import annotations

from bot.compute.estimates import Reference, reference
from bot.errors import AmbiguousName, Suggestion
from bot.knowledge.matching import names_of, tokens
from bot.knowledge.models import EntryBase, EntryKind, Gpu, Model
from bot.knowledge.service import KnowledgeService

MAX_CHOICES = 5
"""One row of buttons."""


def _extends(short: list[str], name: str) -> bool:
    """`H100 PCIe` extends `H100`; `H200` does not extend `H20` (numbers compare whole)."""
    longer = tokens(name)
    return len(longer) > len(short) and longer[: len(short)] == short


def _choice(entry: EntryBase) -> Suggestion:
    return Suggestion(entry.kind.value, entry.slug, entry.name.en, entry.name.zh, reason="sense")


class Catalog:
    def __init__(self, knowledge: KnowledgeService) -> None:
        self._knowledge = knowledge

    def gpu(self, query: str, *, guild_id: int | None = None) -> Gpu:
        """Raises EntryNotFound (with suggestions) when nothing matches, and AmbiguousName when
        the name is a family's (`A100` is the 40 GB card's alias, but `A100 80GB` extends it):
        a 40 GB and an 80 GB card give different answers, so the asker picks."""
        entry = self._knowledge.get(EntryKind.GPU, query, guild_id=guild_id).entry
        assert isinstance(entry, Gpu)
        asked = tokens(query)
        if query.strip().startswith(f"{EntryKind.GPU.value}/") or query.strip() == entry.slug:
            return entry
        family = [
            view.entry
            for view in self._knowledge.visible(EntryKind.GPU, guild_id=guild_id)
            if view.slug != entry.slug and any(_extends(asked, n) for n in names_of(view.entry))
        ]
        if family:
            choices = [_choice(entry), *(_choice(e) for e in family)][:MAX_CHOICES]
            raise AmbiguousName(EntryKind.GPU.value, query, choices)
        return entry

    def model(self, query: str, *, guild_id: int | None = None) -> Model:
        entry = self._knowledge.get(EntryKind.MODEL, query, guild_id=guild_id).entry
        assert isinstance(entry, Model)
        return entry

    def gpus(self, *, guild_id: int | None = None) -> dict[str, Gpu]:
        views = self._knowledge.visible(EntryKind.GPU, guild_id=guild_id)
        return {v.slug: v.entry for v in views if isinstance(v.entry, Gpu)}

    def models(self, *, guild_id: int | None = None) -> list[Model]:
        views = self._knowledge.visible(EntryKind.MODEL, guild_id=guild_id)
        return [v.entry for v in views if isinstance(v.entry, Model)]

    def references(self, *, guild_id: int | None = None) -> list[Reference]:
        return [reference(m) for m in self.models(guild_id=guild_id)]
