"""Traditional characters for readers in Taiwan and Hong Kong, applied to what is sent.

Everything the bot writes in Chinese (its own strings, entry text, embeds, buttons, select
options, autocomplete choices) is Simplified until it leaves: `localize` converts the visible
text of an answer for an interaction whose locale reads Traditional (Taiwan's, or Hong Kong's:
bot/i18n/script.py), one cached conversion per distinct string. Values (slugs, custom ids,
URLs) are never touched.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import discord
from discord import app_commands

from bot.i18n.script import Script, in_script, script_for

EMBED_TEXT = ("title", "description")
NESTED_TEXT = {"footer": ("text",), "author": ("name",)}


def script_of(interaction: discord.Interaction[Any]) -> Script:
    return script_for(interaction.locale.value)


def embed(original: discord.Embed, script: Script) -> discord.Embed:
    """A copy of `original` with its visible text in `script`'s characters."""
    data: dict[str, Any] = dict(original.to_dict())
    for key in EMBED_TEXT:
        if isinstance(data.get(key), str):
            data[key] = in_script(data[key], script)
    for key, inner in NESTED_TEXT.items():
        if isinstance(data.get(key), dict):
            data[key] = {
                k: in_script(v, script) if k in inner and isinstance(v, str) else v
                for k, v in data[key].items()
            }
    data["fields"] = [
        {**f, "name": in_script(f["name"], script), "value": in_script(f["value"], script)}
        for f in data.get("fields", [])
    ]
    return discord.Embed.from_dict(data)


def view_in_place(view: discord.ui.View, script: Script) -> None:
    """Button labels, select placeholders and option labels of `view` in `script`."""
    for child in view.children:
        item_in_place(child, script)


def item_in_place(child: discord.ui.Item[Any], script: Script) -> None:
    """One item's visible text in `script`: for an item added to a view already sent."""
    item = child.item if isinstance(child, discord.ui.DynamicItem) else child
    if isinstance(item, discord.ui.Button) and item.label:
        item.label = in_script(item.label, script)
    elif isinstance(item, discord.ui.Select):
        if item.placeholder:
            item.placeholder = in_script(item.placeholder, script)
        for option in item.options:
            option.label = in_script(option.label, script)
            if option.description:
                option.description = in_script(option.description, script)


def localize(
    script: Script,
    content: str | None,
    embeds: Sequence[discord.Embed],
    view: discord.ui.View | None,
) -> tuple[str | None, list[discord.Embed]]:
    """The content and embeds for a reader of `script`; the view is converted in place."""
    if script == "hans":
        return content, list(embeds)
    if view is not None:
        view_in_place(view, script)
    return (
        in_script(content, script) if content else content,
        [embed(e, script) for e in embeds],
    )


def choices(
    script: Script, found: Sequence[app_commands.Choice[Any]]
) -> list[app_commands.Choice[Any]]:
    """Autocomplete choices with their names (never their values) in the reader's script."""
    if script == "hans":
        return list(found)
    return [app_commands.Choice(name=in_script(c.name, script), value=c.value) for c in found]
