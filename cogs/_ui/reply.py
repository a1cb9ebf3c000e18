"""One way to answer an interaction, whichever state it is in."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

import discord

from bot.i18n import Lang, language_for
from cogs._ui import script

log = logging.getLogger(__name__)

UNKNOWN_INTERACTION = 10062
UNKNOWN_WEBHOOK = 10015
GONE = frozenset({UNKNOWN_INTERACTION, UNKNOWN_WEBHOOK})
"""Discord's answers once an interaction's token has expired: the callback (after 3 s) and the
followups (after 15 minutes). Nobody is left to tell; it is logged, not an error."""


def expired(error: BaseException) -> bool:
    return isinstance(error, discord.NotFound) and error.code in GONE


def lang_of(interaction: discord.Interaction[Any]) -> Lang:
    return language_for(interaction.locale.value)


async def reply(
    interaction: discord.Interaction[Any],
    *,
    content: str | None = None,
    embeds: Sequence[discord.Embed] = (),
    view: discord.ui.View | None = None,
    files: Sequence[discord.File] = (),
    ephemeral: bool = False,
) -> discord.Message | None:
    """Send the first response, or a followup when the interaction was already answered or
    deferred. Returns the message so a view can edit it later; None if the interaction expired.
    Chinese text goes out in the reader's script (Traditional for zh-TW, cogs/_ui/script.py).
    """
    content, shown = script.localize(script.script_of(interaction), content, embeds, view)
    kwargs: dict[str, Any] = {
        "content": content,
        "embeds": shown,
        "files": list(files),
        "ephemeral": ephemeral,
        "allowed_mentions": discord.AllowedMentions.none(),
    }
    if view is not None:
        kwargs["view"] = view
    try:
        if interaction.response.is_done():
            return await interaction.followup.send(wait=True, **kwargs)
        # discord.py asks for the created message with the callback (with_response): no
        # second round trip for original_response(), and no second use of the rate limit.
        callback = await interaction.response.send_message(**kwargs)
        sent = callback.resource
        return sent if isinstance(sent, discord.InteractionMessage) else None
    except discord.NotFound as exc:
        if not expired(exc):
            raise
        log.warning("interaction %s expired before we could answer", interaction.id)
        return None
