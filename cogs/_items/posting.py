"""Who an answer is for, and the limit on public posts.

Lookups answer in the channel (they are meant for the discussion) unless the member asks for
`private`. Everything aixbot posts publicly for one member counts against one short cooldown
(bot.app.PublicPosts, `POST_COOLDOWN__*`): a command's answer, a pick from a menu on their own
message, Post in channel. A pick from a menu on somebody else's message answers the picker alone,
with a Post in channel button, so nobody can flood a channel through another member's answer.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import discord
from discord import app_commands

from bot.app import leaf_options

if TYPE_CHECKING:
    from bot.app import AixBot

T = TypeVar("T")


def private_option(interaction: discord.Interaction[Any]) -> bool | None:
    """The command's `private` option as the member set it; None when they left it out."""
    if interaction.type is not discord.InteractionType.application_command:
        return None
    for option in leaf_options(dict(interaction.data or {})):
        if option.get("name") == "private":
            return bool(option.get("value"))
    return None


def shipped_only(interaction: discord.Interaction[Any]) -> bool:
    """Asked through a member's own install, in a server that has not installed aixbot.

    That server never configured aixbot: there is no overlay of its own to show, and it never
    asked for aixbot's posts in its channels."""
    return interaction.guild_id is not None and not interaction.is_guild_integration()


def scope_of(interaction: discord.Interaction[Any]) -> int | None:
    """The guild whose version of the entries the answer shows: None (the shipped text) in a
    DM and where the server has not installed aixbot."""
    return None if shipped_only(interaction) else interaction.guild_id


def answers_privately(interaction: discord.Interaction[Any]) -> bool:
    """`private: true`; and, where the server has not installed aixbot, unless the member asked
    for `private: false` and the server lets members' apps post (Use External Apps)."""
    asked = private_option(interaction)
    if asked:
        return True
    if shipped_only(interaction):
        return not (asked is False and may_post(interaction))
    return False


def may_post(interaction: discord.Interaction[Any]) -> bool:
    """Whether aixbot may post in this channel for the member: always where the server has
    installed it, elsewhere only where the server lets members' apps post."""
    return not shipped_only(interaction) or interaction.permissions.use_external_apps


def take_public_post(interaction: discord.Interaction[AixBot]) -> None:
    """Count a public post for the member; PostOnCooldown (answered with when to retry) when
    they are over the limit."""
    posts = interaction.client.public_posts
    posts.take(interaction.user.id, interaction.created_at.timestamp())


def public_post_limit() -> Callable[[T], T]:
    """A check on a command whose answer goes to the channel: it counts against the member's
    post limit (discord.py's cooldown check, with one bucket shared by every public answer);
    a private answer never does."""

    async def predicate(interaction: discord.Interaction[AixBot]) -> bool:
        if not answers_privately(interaction):
            take_public_post(interaction)
        return True

    return app_commands.check(predicate)


def owns_message(interaction: discord.Interaction[Any]) -> bool:
    """The member pressing or picking is the one the message answered."""
    message = interaction.message
    metadata = message.interaction_metadata if message is not None else None
    return metadata is not None and metadata.user.id == interaction.user.id
