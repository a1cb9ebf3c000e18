"""Persistent buttons: the Discord half of every DynamicItem in cogs/_items.

A persistent button carries what it acts on in its custom_id, so a press works after a restart;
its label is the only other thing Discord gives back on a press. The callbacks (the controllers)
stay in cogs/_items.
"""

from __future__ import annotations

import re
from typing import Any, ClassVar, Self

import discord

from bot.i18n import Lang, t
from bot.limits import BUTTON_LABEL
from cogs._ui.text import clip


def persistent_button(
    label: str, style: discord.ButtonStyle, custom_id: str
) -> discord.ui.Button[Any]:
    """The button a DynamicItem wraps, its label cut to what Discord takes."""
    return discord.ui.Button(label=clip(label, BUTTON_LABEL), style=style, custom_id=custom_id)


def label_of(item: discord.ui.Item[Any], fallback: str) -> str:
    """The label of the button pressed, for `from_custom_id` to build the item again with."""
    return getattr(item, "label", None) or fallback


DECISION_TEMPLATE = r"aix:(?P<prefix>[a-z]+):(?P<action>[a-z]+):(?P<id>[0-9]+)"


class DecisionButton(discord.ui.DynamicItem[discord.ui.Button[Any]], template=DECISION_TEMPLATE):
    """One of the buttons that settle a stored item by its id, `aix:<prefix>:<action>:<id>`: a
    suggestion (approve / reject), a shipped-change notice (keep / take).

    A subclass gives its own `template`, its `prefix`, its `actions` with their styles (in the
    order they are shown) and the callback; it is registered, this base never is.
    """

    prefix: ClassVar[str]
    actions: ClassVar[tuple[tuple[str, discord.ButtonStyle], ...]]

    def __init__(self, action: str, target_id: int, label: str) -> None:
        self.action, self.target_id = action, target_id
        custom_id = f"aix:{self.prefix}:{action}:{target_id}"
        super().__init__(persistent_button(label, dict(self.actions)[action], custom_id))

    @classmethod
    async def from_custom_id(
        cls,
        interaction: discord.Interaction[Any],
        item: discord.ui.Item[Any],
        match: re.Match[str],
        /,
    ) -> Self:
        return cls(match["action"], int(match["id"]), label_of(item, ""))

    @classmethod
    def decision_view(cls, target_id: int, lang: Lang) -> discord.ui.View:
        """Every action on the item as one row of buttons, labelled `review.button.<action>`."""
        view = discord.ui.View(timeout=None)
        for action, _ in cls.actions:
            view.add_item(cls(action, target_id, t(f"review.button.{action}", lang)))
        return view
