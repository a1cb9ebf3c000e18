"""/config: a guild's editing settings (editor role, log and review channels), Manage Server only.

Discord hides the group from members without Manage Server (`default_permissions`), but a
server's admins can override that in Server Settings > Integrations, so every command checks the
member's permissions again. Replies are ephemeral, in the member's language.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.editing.views import GuildConfig
from bot.errors import GuildOnly, UserFacingError
from bot.i18n import Lang, t
from cogs._items.announce import guild_lang, post
from cogs._items.installs import server_install_only
from cogs._items.notices import NoticeButton, post_pending_notices
from cogs._items.review import post_waiting_suggestions
from cogs._ui.config import settings_embed
from cogs._ui.reply import lang_of, reply

if TYPE_CHECKING:
    from bot.app import AixBot

log = logging.getLogger("aixbot.config")


class ManageGuildRequired(UserFacingError):
    """Settings change who may edit: only Manage Server may change them, never the editor role."""

    key = "review.config.manage_guild"


class CannotPost(UserFacingError):
    """The bot cannot post in the channel chosen: saying so now beats a silent log later."""

    key = "review.config.cannot_post"

    def __init__(self, channel_id: int) -> None:
        super().__init__(channel=f"<#{channel_id}>")


def manager_guild(interaction: discord.Interaction[AixBot]) -> int:
    if interaction.guild_id is None:
        raise GuildOnly()
    if not interaction.permissions.manage_guild:
        raise ManageGuildRequired()
    return interaction.guild_id


class Config(commands.Cog):
    config = server_install_only(
        app_commands.Group(
            name="config",
            description="This server's editing settings (Manage Server)",
            default_permissions=discord.Permissions(manage_guild=True),
        )
    )

    def __init__(self, bot: AixBot) -> None:
        self.bot = bot
        self.editing = bot.services.editing

    async def cog_load(self) -> None:
        """Loaded in `prepare`, right after the shipped load: note every guild text whose
        shipped base a release changed (reconcile_shipped reads the state, so a crash before
        this loses nothing)."""
        created = await self.editing.reconcile_shipped()
        if created:
            log.info("%d shipped change(s) under guild edits", len(created))

    @commands.Cog.listener()
    async def on_ready(self) -> None:
        """Connected: post each pending shipped-change notice to its guild's log channel once."""
        await post_pending_notices(self.bot)

    async def answer(
        self, interaction: discord.Interaction[AixBot], settings: GuildConfig, line: str
    ) -> None:
        embed = settings_embed(settings, lang_of(interaction))
        await reply(interaction, content=line, embeds=[embed], ephemeral=True)

    async def greet(
        self, interaction: discord.Interaction[AixBot], guild_id: int, channel_id: int, key: str
    ) -> None:
        """Post a first line in the channel chosen: proves the bot can post there before the
        setting is saved (CannotPost else, nothing changed) and tells its readers why."""
        content = t(key, guild_lang(self.bot, guild_id), user=f"<@{interaction.user.id}>")
        if await post(self.bot, guild_id, channel_id, content=content) is None:
            raise CannotPost(channel_id)

    async def backlog(self, guild_id: int, lang: Lang) -> str:
        """Suggestions and shipped-change notices that waited for a channel are posted now."""
        count = await post_waiting_suggestions(self.bot, guild_id)
        count += await post_pending_notices(self.bot, guild_id)
        return "\n" + t("review.config.posted_backlog", lang, count=count) if count else ""

    @config.command(
        name="editor-role", description="Who counts as an editor besides members with Manage Server"
    )
    @app_commands.describe(role="The role whose members may edit")
    async def editor_role(
        self, interaction: discord.Interaction[AixBot], role: discord.Role
    ) -> None:
        guild_id = manager_guild(interaction)
        settings = await self.editing.set_editor_role(guild_id, role.id, by=interaction.user.id)
        lang = lang_of(interaction)
        await self.answer(
            interaction, settings, t("review.config.saved_role", lang, role=role.mention)
        )

    @config.command(
        name="log-channel", description="Where every change and suggestion is announced"
    )
    @app_commands.describe(channel="A text channel the bot can post in")
    async def log_channel(
        self,
        interaction: discord.Interaction[AixBot],
        channel: discord.TextChannel,
    ) -> None:
        guild_id = manager_guild(interaction)
        await interaction.response.defer(ephemeral=True, thinking=True)
        await self.greet(interaction, guild_id, channel.id, "review.config.hello_log")
        settings = await self.editing.set_log_channel(guild_id, channel.id, by=interaction.user.id)
        lang = lang_of(interaction)
        line = t("review.config.saved_log", lang, channel=channel.mention)
        await self.answer(interaction, settings, line + await self.backlog(guild_id, lang))

    @config.command(
        name="review-channel",
        description="Where suggestions wait for review (defaults to the log channel)",
    )
    @app_commands.describe(channel="A text channel the bot can post in")
    async def review_channel(
        self,
        interaction: discord.Interaction[AixBot],
        channel: discord.TextChannel,
    ) -> None:
        guild_id = manager_guild(interaction)
        await interaction.response.defer(ephemeral=True, thinking=True)
        await self.greet(interaction, guild_id, channel.id, "review.config.hello_review")
        settings = await self.editing.set_review_channel(
            guild_id, channel.id, by=interaction.user.id
        )
        lang = lang_of(interaction)
        line = t("review.config.saved_review", lang, channel=channel.mention)
        await self.answer(interaction, settings, line + await self.backlog(guild_id, lang))

    @config.command(name="show", description="This server's editing settings")
    async def show(self, interaction: discord.Interaction[AixBot]) -> None:
        guild_id = manager_guild(interaction)
        settings = await self.editing.settings(guild_id)
        await reply(
            interaction, embeds=[settings_embed(settings, lang_of(interaction))], ephemeral=True
        )


async def setup(bot: AixBot) -> None:
    bot.add_dynamic_items(NoticeButton)
    await bot.add_cog(Config(bot))
