"""Autocomplete that never fails in front of the user.

discord.py only logs an exception raised in an autocomplete callback and sends nothing, so the
user sees "Loading options failed". Wrapped callbacks answer with no choices instead, and the
error is logged with the command and the text typed so far.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Coroutine, Sequence
from typing import Any, TypeVar, get_args

import discord
from discord import app_commands
from discord.enums import InteractionResponseType

from bot.i18n import Lang
from bot.i18n.script import Script
from bot.knowledge.memo import IdentityMemo
from bot.knowledge.search import Hit, normalize
from bot.limits import CHOICE_NAME, CHOICE_VALUE, CHOICES
from cogs._ui import script
from cogs._ui.reply import respond
from cogs._ui.text import clip

log = logging.getLogger("aixbot.autocomplete")

ChoiceT = TypeVar("ChoiceT", str, int, float)
Source = Callable[..., Coroutine[Any, Any, Sequence[app_commands.Choice[ChoiceT]]]]
"""An autocomplete callback as written here: its choices, a tuple when it keeps them."""
Callback = Callable[..., Coroutine[Any, Any, list[app_commands.Choice[ChoiceT]]]]
"""As discord.py takes it."""
Body = dict[str, Any]
ANSWERS_KEPT = 4096
"""Serialized answers kept, per script: above the distinct prefixes members type in a while."""


def _body(choices: Sequence[app_commands.Choice[Any]], script_name: Script) -> Body:
    """The autocomplete callback's body: up to 25 choices, in the reader's script, each within
    Discord's limits. Choices are plain strings, so there is nothing for discord.py's
    translator to do."""
    shown = script.choices(script_name, list(choices[:CHOICES]))
    return {
        "type": InteractionResponseType.autocomplete_result.value,
        "data": {
            "choices": [
                {"name": clip(c.name, CHOICE_NAME), "value": c.value}
                for c in shown
                if not isinstance(c.value, str) or len(c.value) <= CHOICE_VALUE
            ]
        },
    }


_KEPT_BODIES = {
    name: IdentityMemo[Sequence[app_commands.Choice[Any]], Body](
        functools.partial(_body, script_name=name), ANSWERS_KEPT
    )
    for name in get_args(Script)
}
"""Bodies of the tuples of choices callbacks keep per catalog (KnowledgeService.derived), by
identity and script: serialized once, not on every key a member types."""


def never_fails(callback: Source[ChoiceT]) -> Callback[ChoiceT]:
    """Answer the autocomplete with what `callback` returns (a tuple it keeps is serialized
    once); discord.py sends nothing more once it is answered."""

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
        shown = script.script_of(interaction)
        body = _KEPT_BODIES[shown](choices) if isinstance(choices, tuple) else _body(choices, shown)
        await respond(interaction, body, InteractionResponseType.autocomplete_result)
        return []

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
