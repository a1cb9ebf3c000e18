"""One way to answer an interaction, whichever state it is in."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import discord
from discord.enums import InteractionResponseType
from discord.http import Route
from discord.webhook.async_ import async_context, interaction_message_response_params

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
    return await _send(
        interaction, content=content, embeds=shown, view=view, files=files, ephemeral=ephemeral
    )


async def _send(
    interaction: discord.Interaction[Any],
    *,
    content: str | None,
    embeds: Sequence[discord.Embed],
    view: discord.ui.View | None,
    files: Sequence[discord.File],
    ephemeral: bool,
) -> discord.Message | None:
    """`reply` once the text is in the reader's script."""
    kwargs: dict[str, Any] = {
        "content": content,
        "embeds": list(embeds),
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
        _expired_or_raise(interaction, exc)
        return None


def _expired_or_raise(interaction: discord.Interaction[Any], error: discord.NotFound) -> None:
    if not expired(error):
        raise error
    log.warning("interaction %s expired before we could answer", interaction.id)


@dataclass(frozen=True, slots=True)
class Prepared:
    """An answer serialized once, for an answer many readers get alike (an entry's first
    screen): the body of its interaction callback, and the embeds and view it was made of, for
    when it has to go as a followup instead.

    Its view must be answered by DynamicItems alone and stopped (no state per message), since
    every reader gets the same one."""

    body: dict[str, Any]
    embeds: tuple[discord.Embed, ...]
    view: discord.ui.View | None
    ephemeral: bool


def prepare(
    interaction: discord.Interaction[Any],
    *,
    embeds: Sequence[discord.Embed],
    view: discord.ui.View | None,
    ephemeral: bool,
) -> Prepared:
    """`embeds` and `view` in the reader's script (the view converted in place), serialized as
    discord.py's send_message would: the same body, mentions off."""
    _, shown = script.localize(script.script_of(interaction), None, embeds, view)
    flags = discord.MessageFlags._from_value(0)
    flags.ephemeral = ephemeral
    params = interaction_message_response_params(
        type=InteractionResponseType.channel_message.value,
        embeds=shown,
        view=view,
        flags=flags,
        allowed_mentions=discord.AllowedMentions.none(),
        previous_allowed_mentions=interaction.client.allowed_mentions,
    )
    return Prepared(params.payload or {}, tuple(shown), view, ephemeral)


async def reply_prepared(interaction: discord.Interaction[Any], prepared: Prepared) -> None:
    """Send a prepared answer as the interaction's response, or as a followup when it was
    already answered or deferred.

    The response goes as send_message's does, through discord.py's webhook adapter (its rate
    limits and errors), but without asking for the created message back (`with_response`):
    Discord answers 204, so discord.py neither parses the echoed message nor builds its embeds
    and components again, which was most of what an entry lookup cost beyond a bare reply.
    Nothing reads that message: the view is stopped and answered by its DynamicItems."""
    if interaction.response.is_done():
        await _send(
            interaction,
            content=None,
            embeds=prepared.embeds,
            view=prepared.view,
            files=(),
            ephemeral=prepared.ephemeral,
        )
        return
    await respond(interaction, prepared.body, InteractionResponseType.channel_message)


async def respond(
    interaction: discord.Interaction[Any], body: dict[str, Any], kind: InteractionResponseType
) -> None:
    """Send `body`, an interaction callback already serialized, as the interaction's response
    (of type `kind`), as discord.py's InteractionResponse would: through its webhook adapter
    (its rate limits and errors), but without asking for the created message back."""
    route = Route(
        "POST",
        "/interactions/{webhook_id}/{webhook_token}/callback",
        webhook_id=interaction.id,
        webhook_token=interaction.token,
    )
    http = interaction.client.http
    try:
        await async_context.get().request(
            route,
            session=interaction._session,
            proxy=http.proxy,
            proxy_auth=http.proxy_auth,
            payload=body,
        )
    except discord.NotFound as exc:
        _expired_or_raise(interaction, exc)
        return
    interaction.response._response_type = kind
