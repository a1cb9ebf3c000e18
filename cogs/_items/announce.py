"""Posting to a guild's log channel: every committed change, and suggestions decided.

`announce_change(bot, guild_id, change)` is what the /edit commands, the review buttons and the
notice buttons call after a change committed. Announcing never undoes or fails a change: the
revision is in the database already, so a channel the bot cannot post in is logged and the
caller gets None.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import discord

from bot.editing.views import ChangeResult
from bot.i18n import Lang, language_for
from bot.i18n.script import Script, script_for
from cogs._ui.review import change_embed
from cogs._ui.script import localize

if TYPE_CHECKING:
    from bot.app import AixBot

log = logging.getLogger("aixbot.announce")


def guild_lang(bot: AixBot, guild_id: int) -> Lang:
    """Channel posts are read by everyone there: the server's own language, not a member's."""
    guild = bot.get_guild(guild_id)
    return language_for(str(guild.preferred_locale)) if guild is not None else "en"


def guild_script(bot: AixBot, guild_id: int) -> Script:
    """The script of the server's own language: a zh-TW server's posts are Traditional."""
    guild = bot.get_guild(guild_id)
    return script_for(str(guild.preferred_locale)) if guild is not None else "hans"


def in_guild_script(
    bot: AixBot,
    guild_id: int,
    *,
    content: str | None = None,
    embeds: Sequence[discord.Embed] = (),
    view: discord.ui.View | None = None,
) -> dict[str, Any]:
    """A channel post's text in the server's script (its view converted in place), as
    keyword arguments for send or edit."""
    shown, converted = localize(guild_script(bot, guild_id), content, embeds, view)
    kwargs: dict[str, Any] = {"embeds": converted} if embeds else {}
    if content is not None:
        kwargs["content"] = shown
    return kwargs


async def post(
    bot: AixBot,
    guild_id: int,
    channel_id: int,
    *,
    content: str | None = None,
    embed: discord.Embed | None = None,
    **kwargs: Any,
) -> discord.Message | None:
    """Send a message to a guild channel by id (no cache needed), in the server's script;
    None if Discord refused."""
    channel = bot.get_partial_messageable(channel_id, guild_id=guild_id)
    embeds = [embed] if embed is not None else []
    text = in_guild_script(bot, guild_id, content=content, embeds=embeds, view=kwargs.get("view"))
    try:
        return await channel.send(allowed_mentions=discord.AllowedMentions.none(), **text, **kwargs)
    except discord.HTTPException as exc:
        log.warning(
            "could not post in channel %s of guild %s: %s %s",
            channel_id,
            guild_id,
            exc.status,
            exc.text,
        )
        return None


async def announce_change(
    bot: AixBot, guild_id: int, change: ChangeResult
) -> discord.Message | None:
    """Announce one committed change (edit, add, remove, revert, import, approved suggestion,
    keep ours, take shipped) in the guild's log channel: who, why, the diff (a file when long).
    None when no log channel is set, the change was a repeated submit, or Discord refused."""
    if change.duplicate:
        return None
    settings = await bot.services.editing.settings(guild_id)
    if settings.log_channel_id is None:
        return None
    embed, files = change_embed(change, guild_lang(bot, guild_id))
    return await post(bot, guild_id, settings.log_channel_id, embed=embed, files=files)


async def announce_text(bot: AixBot, guild_id: int, content: str) -> discord.Message | None:
    """One line in the log channel (a suggestion rejected, waiting for review)."""
    settings = await bot.services.editing.settings(guild_id)
    if settings.log_channel_id is None:
        return None
    return await post(bot, guild_id, settings.log_channel_id, content=content)
