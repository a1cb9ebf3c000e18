"""/about and /help: what the bot is, and what it can do."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from cogs._items.installs import anywhere
from cogs._items.posting import answers_privately, public_post_limit, scope_of
from cogs._ui.meta import about_embed, help_pages
from cogs._ui.paginator import Paginator
from cogs._ui.reply import lang_of, reply

if TYPE_CHECKING:
    from bot.app import AixBot


class Meta(commands.Cog):
    def __init__(self, bot: AixBot) -> None:
        self.bot = bot

    @anywhere
    @app_commands.command(
        name="about",
        description="About aixbot: version, uptime, latency, database and entry counts",
    )
    @public_post_limit()
    async def about(self, interaction: discord.Interaction[AixBot]) -> None:
        services = self.bot.services
        embed = about_embed(
            lang=lang_of(interaction),
            uptime_s=time.monotonic() - self.bot.started_at,
            latency_s=self.bot.latency,
            backend=services.database.backend,
            counts=services.knowledge.counts(guild_id=scope_of(interaction)),
            shard_id=interaction.guild.shard_id if interaction.guild else 0,
            shard_count=self.bot.shard_count or 1,
        )
        await reply(interaction, embeds=[embed], ephemeral=answers_privately(interaction))

    @anywhere
    @app_commands.command(name="help", description="Every aixbot command, grouped")
    @public_post_limit()
    async def help(self, interaction: discord.Interaction[AixBot]) -> None:
        lang = lang_of(interaction)
        pages = help_pages(self.bot.tree, lang)
        paginator = Paginator(pages, owner_id=interaction.user.id, lang=lang)
        await paginator.start(interaction, ephemeral=answers_privately(interaction))


async def setup(bot: AixBot) -> None:
    await bot.add_cog(Meta(bot))
