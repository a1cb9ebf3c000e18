"""What every interaction relies on: the error path, the translator, persistent items, expiry.

An extension rather than code in bot/app.py so that the process knows nothing of cogs: it loads
extensions by name, and this one hands it the error handler and registers the items.
"""

from __future__ import annotations

import io
import logging
from typing import TYPE_CHECKING, Any

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


class Core(commands.Cog):
    def __init__(self, bot: AixBot) -> None:
        self.bot = bot

    @commands.Cog.listener()
    async def on_expired_component(self, interaction: discord.Interaction[AixBot]) -> None:
        """Answer a button, select or modal nothing is listening for any more (AixBot.dispatch
        tells which).

        Without this Discord shows "This interaction failed" for the buttons of a list sent
        before a restart or after its view timed out.
        """
        data: dict[str, Any] = dict(interaction.data or {})
        log.info("expired component %s", data.get("custom_id"))
        lang = lang_of(interaction)
        typed = typed_values(list(data.get("components") or []))
        if interaction.type is discord.InteractionType.modal_submit and typed:
            # A form submitted after a restart: nothing can take it, but nothing is lost either.
            text = "\n\n".join(typed).encode("utf-8")
            await reply(
                interaction,
                content=t("error.expired_form", lang),
                files=[discord.File(io.BytesIO(text), filename="your-text.txt")],
                ephemeral=True,
            )
            return
        key = "error.draining" if self.bot.draining else "error.expired"
        await reply(interaction, content=t(key, lang), ephemeral=True)


def typed_values(components: list[Any]) -> list[str]:
    """The non-empty text a modal submit carries, in form order (rows and labels unwrapped)."""
    typed: list[str] = []
    for component in components:
        if not isinstance(component, dict):
            continue
        value = component.get("value")
        if isinstance(value, str) and value.strip():
            typed.append(value)
        typed += typed_values(list(component.get("components") or []))
        inner = component.get("component")
        if inner is not None:
            typed += typed_values([inner])
    return typed


async def setup(bot: AixBot) -> None:
    bot.error_handler = handle_error
    await bot.tree.set_translator(AixTranslator())
    bot.add_dynamic_items(OpenEntryButton)
    await bot.add_cog(Core(bot))
