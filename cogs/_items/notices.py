"""Shipped-change notices in the log channel, and their persistent "Keep ours" / "Take the new
shipped text" buttons (the notice id is in the custom_id, so they work after a restart).

A notice is posted once: where it went is stored (`mark_notice_posted`) and start-up posts only
the unposted ones. A guild with no log channel keeps its notices pending until one is set.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import discord

from bot.editing.views import ShippedNoticeView
from bot.i18n import Lang, t
from bot.i18n.script import in_script
from cogs._items.announce import announce_change, guild_lang, post
from cogs._items.permissions import require_editor
from cogs._ui.buttons import DecisionButton
from cogs._ui.errors import answers_errors
from cogs._ui.reply import lang_of
from cogs._ui.review import notice_embed
from cogs._ui.script import script_of

if TYPE_CHECKING:
    from bot.app import AixBot

log = logging.getLogger("aixbot.notices")

NOTICE_PATTERN = r"aix:notice:(?P<action>keep|take):(?P<id>[0-9]+)"


class NoticeButton(DecisionButton, template=NOTICE_PATTERN):
    prefix = "notice"
    actions = (("keep", discord.ButtonStyle.primary), ("take", discord.ButtonStyle.secondary))

    @answers_errors
    async def callback(self, interaction: discord.Interaction[AixBot]) -> None:
        guild_id = (await require_editor(interaction)).guild_id
        bot = interaction.client
        editing = bot.services.editing
        settle = editing.keep_ours if self.action == "keep" else editing.take_shipped
        change = await settle(
            guild_id, self.target_id, editor_id=interaction.user.id, interaction_id=interaction.id
        )
        key = "review.notice.kept" if self.action == "keep" else "review.notice.taken"
        line = in_script(
            t(key, lang_of(interaction), user=f"<@{interaction.user.id}>"), script_of(interaction)
        )
        # The notice's message shows the outcome and loses its buttons: one decision per notice.
        await interaction.response.edit_message(content=line, view=None)
        await announce_change(bot, guild_id, change)


def notice_view(notice: ShippedNoticeView, lang: Lang) -> discord.ui.View:
    return NoticeButton.decision_view(notice.id, lang)


async def post_notice(bot: AixBot, notice: ShippedNoticeView) -> bool:
    settings = await bot.services.editing.settings(notice.guild_id)
    if settings.log_channel_id is None:
        return False
    lang = guild_lang(bot, notice.guild_id)
    embed, files = notice_embed(notice, lang)
    message = await post(
        bot,
        notice.guild_id,
        settings.log_channel_id,
        embed=embed,
        files=files,
        view=notice_view(notice, lang),
    )
    if message is None:
        return False
    await bot.services.editing.mark_notice_posted(
        notice.id, channel_id=settings.log_channel_id, message_id=message.id
    )
    return True


async def post_pending_notices(bot: AixBot, guild_id: int | None = None) -> int:
    """Post every pending notice not posted yet (of one guild, or all); returns how many."""
    posted = 0
    for notice in await bot.services.editing.notices(guild_id, unposted=True):
        if await post_notice(bot, notice):
            posted += 1
    if posted:
        log.info("posted %d shipped-change notice(s)", posted)
    return posted
