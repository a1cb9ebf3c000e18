"""What every interaction relies on: the error path, the translator, persistent items, expiry.

An extension rather than code in bot/app.py so that the process knows nothing of cogs: it loads
extensions by name, and this one hands it the error handler and registers the items.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import discord
from discord.ext import commands

from bot.i18n import t
from cogs._items.open_entry import OpenEntryButton
from cogs._ui.errors import handle_error
from cogs._ui.reply import lang_of, reply
from cogs._ui.translator import AixTranslator

if TYPE_CHECKING:
    from bot.app import AixBot

log = logging.getLogger("aixbot.core")

COMPONENT_KINDS = (discord.InteractionType.component, discord.InteractionType.modal_submit)


class Core(commands.Cog):
    def __init__(self, bot: AixBot) -> None:
        self.bot = bot

    @commands.Cog.listener()
    async def on_interaction(self, interaction: discord.Interaction[AixBot]) -> None:
        """Answer a button, select or modal nothing is listening for any more.

        Without this Discord shows "This interaction failed" for the buttons of a list sent
        before a restart or after its view timed out.
        """
        if interaction.type not in COMPONENT_KINDS or interaction.extras.get("live", True):
            return
        log.info("expired component %s", dict(interaction.data or {}).get("custom_id"))
        key = "error.draining" if self.bot.draining else "error.expired"
        await reply(interaction, content=t(key, lang_of(interaction)), ephemeral=True)


async def setup(bot: AixBot) -> None:
    bot.error_handler = handle_error
    await bot.tree.set_translator(AixTranslator())
    bot.add_dynamic_items(OpenEntryButton)
    await bot.add_cog(Core(bot))
