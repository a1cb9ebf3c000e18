"""Who may edit here, asked on every use: a slash command, a button press and a modal submit.

Admins can override Discord's default_member_permissions, and anyone who sees a message can
press its buttons, so the rule (bot.editing) is applied again each time.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import discord

from bot.editing.views import GuildConfig
from bot.errors import GuildOnly

if TYPE_CHECKING:
    from bot.app import AixBot


async def require_editor(interaction: discord.Interaction[AixBot]) -> GuildConfig:
    """This guild's settings if the member is an editor here; GuildOnly or NotEditor else."""
    role_ids: list[int] = []
    if isinstance(interaction.user, discord.Member):
        role_ids = [role.id for role in interaction.user.roles]
    return await interaction.client.services.editing.require_editor(
        interaction.guild_id,
        has_manage_guild=interaction.permissions.manage_guild,
        role_ids=role_ids,
    )


def guild_of(interaction: discord.Interaction[Any]) -> int:
    if interaction.guild_id is None:
        raise GuildOnly()
    return interaction.guild_id
