"""zh-CN / zh-TW localizations of command names, descriptions and choices (zh-TW in Traditional)."""

from __future__ import annotations

import discord
from discord import app_commands

from bot.i18n.commands import DESCRIPTIONS_ZH, NAMES_ZH
from bot.i18n.script import to_traditional

NAME_LOCATIONS = {
    app_commands.TranslationContextLocation.command_name,
    app_commands.TranslationContextLocation.group_name,
    app_commands.TranslationContextLocation.parameter_name,
}


class AixTranslator(app_commands.Translator):
    async def translate(
        self,
        string: app_commands.locale_str,
        locale: discord.Locale,
        context: app_commands.TranslationContextTypes,
    ) -> str | None:
        if locale not in (discord.Locale.chinese, discord.Locale.taiwan_chinese):
            return None
        table = NAMES_ZH if context.location in NAME_LOCATIONS else DESCRIPTIONS_ZH
        found = table.get(string.message)
        if found is None or locale is discord.Locale.chinese:
            return found
        return to_traditional(found)  # zh-TW reads Traditional, with Taiwan's words
