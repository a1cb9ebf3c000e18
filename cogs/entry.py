"""/entry: an entry's revisions and changes (history, diff, for everyone) and what members
looked up in vain (missing, for editors).

A separate group from /edit because Discord sets default permissions per top-level command:
reading history is for everyone, so it cannot live under the group Discord hides.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.db.models import SHIPPED
from bot.editing.views import HistoryPage
from bot.i18n import t
from cogs._items.editing import (
    ENTRY_DESCRIBE,
    QUERY_MAX,
    AddMissingButton,
    Choices,
    entry_id_of,
    entry_options,
    revision_choices,
)
from cogs._items.installs import server_install_only
from cogs._items.permissions import guild_of, require_editor
from cogs._ui.autocomplete import never_fails
from cogs._ui.editing import diff_reply, history_pages, missing_embed
from cogs._ui.paginator import Paginator
from cogs._ui.reply import lang_of, reply
from cogs._ui.text import clip

if TYPE_CHECKING:
    from bot.app import AixBot

PER_PAGE = 10
MAX_PAGES = 25
"""The newest 250 revisions are paged through; the footer says how many there are in all."""
MISSING_SHOWN = 25
ADD_BUTTONS = 10


class EntryHistory(commands.Cog):
    entry = server_install_only(
        app_commands.Group(name="entry", description="An entry's revisions and changes")
    )

    def __init__(self, bot: AixBot) -> None:
        self.bot = bot
        self.editing = bot.services.editing

    @entry.command(name="history", description="Every revision of an entry")
    @app_commands.describe(entry=ENTRY_DESCRIBE)
    async def history(
        self,
        interaction: discord.Interaction[AixBot],
        entry: app_commands.Range[str, 1, QUERY_MAX],
    ) -> None:
        lang = lang_of(interaction)
        entry_id = entry_id_of(interaction, entry)
        guild_id = interaction.guild_id or SHIPPED
        first = await self.editing.history(guild_id, entry_id, per_page=PER_PAGE)
        pages: list[HistoryPage] = [first]
        for number in range(2, min(first.pages, MAX_PAGES) + 1):
            pages.append(
                await self.editing.history(guild_id, entry_id, page=number, per_page=PER_PAGE)
            )
        paginator = Paginator(history_pages(pages, lang), owner_id=interaction.user.id, lang=lang)
        await paginator.start(interaction)

    @entry.command(name="diff", description="The changed lines between two revisions")
    @app_commands.describe(
        entry=ENTRY_DESCRIBE,
        from_="Older revision number (default: the one before)",
        to="Newer revision number (default: the current one)",
    )
    @app_commands.rename(from_="from")
    async def diff(
        self,
        interaction: discord.Interaction[AixBot],
        entry: app_commands.Range[str, 1, QUERY_MAX],
        from_: app_commands.Range[int, 1, 1_000_000] | None = None,
        to: app_commands.Range[int, 1, 1_000_000] | None = None,
    ) -> None:
        lang = lang_of(interaction)
        view = await self.editing.diff(
            interaction.guild_id or SHIPPED,
            entry_id_of(interaction, entry),
            from_number=from_,
            to_number=to,
            lang=lang,
        )
        content, files = diff_reply(view, lang)
        await reply(interaction, content=content, files=files)

    @entry.command(name="missing", description="What members looked up and did not find (editors)")
    async def missing(self, interaction: discord.Interaction[AixBot]) -> None:
        await require_editor(interaction)
        lang = lang_of(interaction)
        queries = await self.editing.missing(guild_of(interaction), limit=MISSING_SHOWN)
        view = discord.ui.View(timeout=None)
        for query in queries[:ADD_BUTTONS]:
            label = t("eui.missing.add", lang, query=clip(query.query, 60))
            kind = query.kind.value if query.kind else "term"
            view.add_item(AddMissingButton(kind, query.query, label))
        await reply(
            interaction,
            embeds=[missing_embed(queries, lang)],
            view=view if view.children else None,
            ephemeral=True,
        )

    @history.autocomplete("entry")
    @diff.autocomplete("entry")
    @never_fails
    async def entry_autocomplete(
        self, interaction: discord.Interaction[AixBot], current: str
    ) -> Choices:
        return entry_options(interaction, current)

    @diff.autocomplete("from_")
    @diff.autocomplete("to")
    @never_fails
    async def revision_autocomplete(
        self, interaction: discord.Interaction[AixBot], current: str
    ) -> list[app_commands.Choice[int]]:
        entry = str(getattr(interaction.namespace, "entry", "") or "")
        if not entry:
            return []
        return await revision_choices(interaction, entry, current)


async def setup(bot: AixBot) -> None:
    await bot.add_cog(EntryHistory(bot))
