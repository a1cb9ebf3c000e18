"""A button that opens an entry by id, valid across restarts (a DynamicItem)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import discord

from bot.errors import Suggestion
from bot.i18n import Lang
from cogs._items.entry import open_entry_id
from cogs._ui.errors import answers_errors, suggestion_label
from cogs._ui.text import clip

if TYPE_CHECKING:
    from bot.app import AixBot

OPEN_PATTERN = r"aix:open:(?P<private>[01]):(?P<kind>[a-z]+):(?P<slug>[a-z0-9-]+)"


class OpenEntryButton(discord.ui.DynamicItem[discord.ui.Button[Any]], template=OPEN_PATTERN):
    """Opens `kind/slug`; `private` keeps the answer ephemeral when the question was."""

    def __init__(self, kind: str, slug: str, label: str, *, private: bool = False) -> None:
        self.kind, self.slug, self.private = kind, slug, private
        super().__init__(
            discord.ui.Button(
                label=clip(label, 80),
                style=discord.ButtonStyle.secondary,
                custom_id=f"aix:open:{int(private)}:{kind}:{slug}",
            )
        )

    @classmethod
    async def from_custom_id(
        cls,
        interaction: discord.Interaction[Any],
        item: discord.ui.Item[Any],
        match: re.Match[str],
        /,
    ) -> OpenEntryButton:
        label = getattr(item, "label", None) or match["slug"]
        return cls(match["kind"], match["slug"], label, private=match["private"] == "1")

    @answers_errors
    async def callback(self, interaction: discord.Interaction[AixBot]) -> None:
        await open_entry_id(interaction, f"{self.kind}/{self.slug}", private=self.private)


def suggestion_view(
    suggestions: list[Suggestion], lang: Lang, *, private: bool = True
) -> discord.ui.View:
    """One button per offered entry, labelled with what it is (kind, year), one row of five."""
    view = discord.ui.View(timeout=None)
    for suggestion in suggestions[:5]:
        label = suggestion_label(suggestion, lang)
        view.add_item(OpenEntryButton(suggestion.kind, suggestion.slug, label, private=private))
    return view
