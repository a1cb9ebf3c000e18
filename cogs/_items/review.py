"""Review of members' suggestions: the card posted to the review channel and its persistent
Approve / Reject buttons (the suggestion id is in the custom_id, so they work after a restart).

Only editors may press them, checked on every press; a suggestion decided already answers
"already approved/rejected" (SuggestionStale from the service) and changes nothing.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import discord

from bot.editing.views import SuggestionView
from bot.i18n import Lang, t
from cogs._items.announce import (
    announce_change,
    announce_text,
    guild_lang,
    in_guild_script,
    post,
)
from cogs._items.permissions import require_editor
from cogs._ui.buttons import DecisionButton
from cogs._ui.errors import answers_errors
from cogs._ui.reply import lang_of, reply
from cogs._ui.review import suggestion_embed

if TYPE_CHECKING:
    from bot.app import AixBot

log = logging.getLogger("aixbot.review")

REVIEW_PATTERN = r"aix:review:(?P<action>approve|reject):(?P<id>[0-9]+)"


class ReviewButton(DecisionButton, template=REVIEW_PATTERN):
    prefix = "review"
    actions = (("approve", discord.ButtonStyle.success), ("reject", discord.ButtonStyle.danger))

    @answers_errors
    async def callback(self, interaction: discord.Interaction[AixBot]) -> None:
        guild_id = (await require_editor(interaction)).guild_id
        bot = interaction.client
        lang = lang_of(interaction)
        await interaction.response.defer(ephemeral=True, thinking=True)
        decision = await bot.services.editing.decide(
            guild_id,
            self.target_id,
            approve=self.action == "approve",
            decider_id=interaction.user.id,
            interaction_id=interaction.id,
        )
        suggestion = decision.suggestion
        if decision.change is not None:
            text = t(
                "review.approved",
                lang,
                number=suggestion.id,
                entry=decision.change.entry_id,
                revision=decision.change.number,
            )
        else:
            text = t("review.rejected", lang, number=suggestion.id)
        await refresh_card(bot, suggestion)
        if decision.change is not None:
            await announce_change(bot, guild_id, decision.change)
        else:
            await announce_text(
                bot,
                guild_id,
                t(
                    "review.log.suggestion_rejected",
                    guild_lang(bot, guild_id),
                    number=suggestion.id,
                    entry=suggestion.entry_id,
                    user=f"<@{interaction.user.id}>",
                ),
            )
        await reply(interaction, content=text, ephemeral=True)


def review_view(suggestion: SuggestionView, lang: Lang) -> discord.ui.View:
    if suggestion.status != "pending":
        return discord.ui.View(timeout=None)
    return ReviewButton.decision_view(suggestion.id, lang)


async def post_suggestion(bot: AixBot, suggestion: SuggestionView) -> discord.Message | None:
    """Post a pending suggestion to its guild's review channel and remember where; None when
    the guild has none (it stays pending and is posted once one is set) or Discord refused."""
    settings = await bot.services.editing.settings(suggestion.guild_id)
    channel_id = settings.review_channel_id
    if channel_id is None:
        return None
    lang = guild_lang(bot, suggestion.guild_id)
    embed, files = suggestion_embed(suggestion, lang)
    message = await post(
        bot,
        suggestion.guild_id,
        channel_id,
        embed=embed,
        files=files,
        view=review_view(suggestion, lang),
    )
    if message is not None:
        await bot.services.editing.set_review_message(
            suggestion.id, channel_id=channel_id, message_id=message.id
        )
    return message


async def post_waiting_suggestions(bot: AixBot, guild_id: int) -> int:
    """Pending suggestions never posted (made before a review channel was set): post them."""
    posted = 0
    for suggestion in await bot.services.editing.pending_suggestions(guild_id):
        if suggestion.review_message_id is None and await post_suggestion(bot, suggestion):
            posted += 1
    return posted


async def refresh_card(bot: AixBot, suggestion: SuggestionView) -> None:
    """Show the decision on the review card and take its buttons off."""
    if suggestion.review_channel_id is None or suggestion.review_message_id is None:
        return
    lang = guild_lang(bot, suggestion.guild_id)
    embed, _ = suggestion_embed(suggestion, lang)
    channel = bot.get_partial_messageable(
        suggestion.review_channel_id, guild_id=suggestion.guild_id
    )
    try:
        shown = in_guild_script(bot, suggestion.guild_id, embeds=[embed])
        await channel.get_partial_message(suggestion.review_message_id).edit(**shown, view=None)
    except discord.HTTPException as exc:
        # The card was deleted or the channel closed: the decision itself is saved.
        log.info("could not update review card of suggestion %s: %s", suggestion.id, exc.status)
