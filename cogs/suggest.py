"""/suggest: any member proposes a correction (or a new entry) with a source; editors review it."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.editing.fields import ModalFields
from bot.errors import GuildOnly
from bot.i18n import t
from bot.i18n.script import Script, in_script
from bot.limits import MODAL_TITLE
from cogs._items.announce import announce_text, guild_lang
from cogs._items.editing import QUERY_MAX, Choices, entry_id_of, entry_options
from cogs._items.installs import server_install_only
from cogs._items.review import ReviewButton, post_suggestion
from cogs._ui.autocomplete import never_fails
from cogs._ui.errors import handle_error
from cogs._ui.reply import lang_of, reply
from cogs._ui.review import form_inputs
from cogs._ui.script import script_of
from cogs._ui.text import clip

if TYPE_CHECKING:
    from bot.app import AixBot
    from bot.editing.fields import Form


class SuggestionModal(discord.ui.Modal):
    """The /suggest modal: the entry's text prefilled, one source line, and why."""

    def __init__(self, form: Form, script: Script) -> None:
        key = "review.suggest.modal_new" if form.entry_id is None else "review.suggest.modal_fix"
        if form.entry_id is not None and form.lang == "zh" and script != "hans":
            key = "review.suggest.modal_fix_simplified"  # prefilled as stored, like /edit's
        title = clip(in_script(t(key, form.lang), script), MODAL_TITLE)
        super().__init__(title=title, timeout=30 * 60)
        self.form = form
        self.inputs = form_inputs(form, form.lang, script, with_reason=True)
        for text_input in self.inputs:
            self.add_item(text_input)

    def typed(self) -> tuple[ModalFields, str | None]:
        values = {str(i.custom_id): i.value for i in self.inputs}
        reason = values.pop("reason", None)
        return ModalFields(**values), reason

    async def on_submit(self, interaction: discord.Interaction[AixBot]) -> None:  # type: ignore[override]
        bot = interaction.client
        assert interaction.guild_id is not None
        # Posting the card can take a while; the member's answer comes last, once it is known.
        await interaction.response.defer(ephemeral=True, thinking=True)
        fields, reason = self.typed()
        suggestion = await bot.services.editing.suggest(
            interaction.guild_id,
            self.form.lang,
            fields,
            author_id=interaction.user.id,
            entry_id=self.form.entry_id,
            kind=self.form.kind,
            based_on=self.form.based_on,
            reason=reason,
            interaction_id=interaction.id,
        )
        lang = lang_of(interaction)
        if suggestion.duplicate:
            await reply(
                interaction,
                content=t("review.suggest.duplicate", lang, number=suggestion.id),
                ephemeral=True,
            )
            return
        message = await post_suggestion(bot, suggestion)
        if message is None:
            text = t(
                "review.suggest.saved_unposted",
                lang,
                number=suggestion.id,
                entry=suggestion.entry_id,
            )
        else:
            text = t(
                "review.suggest.posted",
                lang,
                number=suggestion.id,
                entry=suggestion.entry_id,
                channel=f"<#{message.channel.id}>",
            )
        settings = await bot.services.editing.settings(interaction.guild_id)
        if message is not None and settings.log_channel_id not in (None, message.channel.id):
            await announce_text(
                bot,
                interaction.guild_id,
                t(
                    "review.log.suggestion_new",
                    guild_lang(bot, interaction.guild_id),
                    number=suggestion.id,
                    entry=suggestion.entry_id,
                    user=f"<@{interaction.user.id}>",
                    channel=f"<#{message.channel.id}>",
                ),
            )
        await reply(interaction, content=text, ephemeral=True)

    async def on_error(  # type: ignore[override]
        self, interaction: discord.Interaction[AixBot], error: Exception
    ) -> None:
        """A refused field gives the modal's text back through the one error handler."""
        await handle_error(interaction, error)


class Suggest(commands.Cog):
    def __init__(self, bot: AixBot) -> None:
        self.bot = bot

    @app_commands.command(
        name="suggest", description="Suggest a correction of an entry, or a new one, with a source"
    )
    @server_install_only
    @app_commands.describe(entry="The entry to correct; leave empty to suggest a new one")
    async def suggest(
        self,
        interaction: discord.Interaction[AixBot],
        entry: app_commands.Range[str, 1, QUERY_MAX] | None = None,
    ) -> None:
        if interaction.guild_id is None:
            raise GuildOnly()
        entry_id = entry_id_of(interaction, entry) if entry is not None else None
        form = await self.bot.services.editing.suggest_form(
            interaction.guild_id, entry_id, lang_of(interaction)
        )
        await interaction.response.send_modal(SuggestionModal(form, script_of(interaction)))

    @suggest.autocomplete("entry")
    @never_fails
    async def entry_choices(
        self, interaction: discord.Interaction[AixBot], current: str
    ) -> Choices:
        """Every kind: the value is the entry id (`term/transformer`)."""
        return entry_options(interaction, current)


async def setup(bot: AixBot) -> None:
    bot.add_dynamic_items(ReviewButton)
    await bot.add_cog(Suggest(bot))
