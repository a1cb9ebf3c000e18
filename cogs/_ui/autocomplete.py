"""Autocomplete that never fails in front of the user.

discord.py only logs an exception raised in an autocomplete callback and sends nothing, so the
user sees "Loading options failed". Wrapped callbacks answer with no choices instead, and the
error is logged with the command and the text typed so far.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

import discord
from discord import app_commands

from bot.i18n import Lang
from bot.knowledge.search import Hit, normalize
from bot.limits import CHOICE_NAME, CHOICE_VALUE, CHOICES
from cogs._ui import script
from cogs._ui.text import clip

log = logging.getLogger("aixbot.autocomplete")

ChoiceT = TypeVar("ChoiceT", str, int, float)
Callback = Callable[..., Coroutine[Any, Any, list[app_commands.Choice[ChoiceT]]]]


def never_fails(callback: Callback[ChoiceT]) -> Callback[ChoiceT]:
    @functools.wraps(callback)
    async def wrapper(*args: Any) -> list[app_commands.Choice[ChoiceT]]:
        interaction = next(a for a in args if isinstance(a, discord.Interaction))
        current = args[-1]
        try:
            choices = await callback(*args)
        except Exception:
            command = interaction.command.qualified_name if interaction.command else "?"
            log.exception("autocomplete failed: command=%s current=%r", command, current)
            return []
        shown = script.choices(script.script_of(interaction), choices[:CHOICES])
        return [
            c
            if len(c.name) <= CHOICE_NAME
            else app_commands.Choice(name=clip(c.name, CHOICE_NAME), value=c.value)
            for c in shown
            if not isinstance(c.value, str) or len(c.value) <= CHOICE_VALUE
        ]

    return wrapper


def entry_choices(hits: list[Hit], lang: Lang) -> list[app_commands.Choice[str]]:
    """Entry hits as choices valued by slug; an alias that matched is shown beside the title
    unless the title already says it."""
    choices = []
    for hit in hits[:CHOICES]:
        title = hit.title(lang)
        shown = hit.matched not in ("", "text") and hit.matched not in normalize(title)
        label = f"{title} ({hit.matched})" if shown else title
        choices.append(app_commands.Choice(name=clip(label, CHOICE_NAME), value=hit.slug))
    return choices
