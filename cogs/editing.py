"""/edit: moderators correct and extend this server's entries (entry, add, remove, revert,
export, import).

Discord hides the group from members without Manage Server (default_permissions), and every
command checks again that the member is an editor (Manage Server or the configured role), since
admins can change who sees it. Each command parses, calls the editing service, renders.
"""

from __future__ import annotations

import io
import json
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.errors import InvalidOption, one_of
from bot.i18n import Lang, t
from bot.knowledge.models import EntryKind
from cogs._items.editing import (
    EDITING_ITEMS,
    ENTRY_DESCRIBE,
    QUERY_MAX,
    Choices,
    ImportButton,
    RemoveButton,
    entry_id_of,
    entry_options,
    open_add,
    open_edit,
    revision_choices,
)
from cogs._items.installs import server_install_only
from cogs._items.permissions import guild_of, require_editor
from cogs._ui.autocomplete import never_fails
from cogs._ui.editing import import_embed, remove_embed, reverted_text
from cogs._ui.reply import lang_of, reply
from cogs._ui.text import clip

if TYPE_CHECKING:
    from bot.app import AixBot

REASON_MAX = 300
LANGUAGES = [
    app_commands.Choice(name="English", value="en"),
    app_commands.Choice(name="中文", value="zh"),
]
KINDS = [app_commands.Choice(name=k.value, value=k.value) for k in EntryKind]


class Editing(commands.Cog):
    edit = server_install_only(
        app_commands.Group(
            name="edit",
            description="Edit this server's entries (editors)",
            default_permissions=discord.Permissions(manage_guild=True),
        )
    )

    def __init__(self, bot: AixBot) -> None:
        self.bot = bot
        self.editing = bot.services.editing

    @edit.command(name="entry", description="Edit an entry's text in a form")
    @app_commands.describe(
        entry=ENTRY_DESCRIBE, language="Language of the text to edit (default: yours)"
    )
    @app_commands.choices(language=LANGUAGES)
    async def edit_entry(
        self,
        interaction: discord.Interaction[AixBot],
        entry: app_commands.Range[str, 1, QUERY_MAX],
        language: str | None = None,
    ) -> None:
        await require_editor(interaction)
        lang: Lang = (
            one_of(language, ["en", "zh"], "language") if language else lang_of(interaction)
        )
        await open_edit(interaction, entry_id_of(interaction, entry), lang)

    @edit.command(name="add", description="Add a new entry to this server")
    @app_commands.describe(kind="Kind of entry", name="Title of the new entry (optional)")
    @app_commands.choices(kind=KINDS)
    async def edit_add(
        self,
        interaction: discord.Interaction[AixBot],
        kind: str,
        name: app_commands.Range[str, 1, QUERY_MAX] | None = None,
    ) -> None:
        await require_editor(interaction)
        chosen = EntryKind(one_of(kind, [k.value for k in EntryKind], "kind"))
        await open_add(interaction, chosen, lang_of(interaction), name)

    @edit.command(name="remove", description="Remove an entry from this server (restorable)")
    @app_commands.describe(entry=ENTRY_DESCRIBE, reason="Why it is removed (shown in the history)")
    async def edit_remove(
        self,
        interaction: discord.Interaction[AixBot],
        entry: app_commands.Range[str, 1, QUERY_MAX],
        reason: app_commands.Range[str, 1, REASON_MAX] | None = None,
    ) -> None:
        await require_editor(interaction)
        lang = lang_of(interaction)
        entry_id = entry_id_of(interaction, entry)
        draft = await self.editing.draft(guild_of(interaction), entry_id)
        view = discord.ui.View(timeout=None)
        kind, slug = entry_id.split("/", 1)
        view.add_item(RemoveButton(draft.version, kind, slug, t("eui.remove.button", lang)))
        await reply(
            interaction, embeds=[remove_embed(entry_id, reason, lang)], view=view, ephemeral=True
        )

    @edit.command(name="revert", description="Restore an earlier revision of an entry")
    @app_commands.describe(entry=ENTRY_DESCRIBE, revision="Revision number to restore")
    async def edit_revert(
        self,
        interaction: discord.Interaction[AixBot],
        entry: app_commands.Range[str, 1, QUERY_MAX],
        revision: app_commands.Range[int, 1, 1_000_000],
    ) -> None:
        await require_editor(interaction)
        result = await self.editing.revert(
            guild_of(interaction),
            entry_id_of(interaction, entry),
            revision,
            editor_id=interaction.user.id,
            interaction_id=interaction.id,
        )
        await reply(
            interaction,
            content=reverted_text(result, revision, lang_of(interaction)),
            ephemeral=True,
        )

    @edit.command(name="export", description="Download this server's entries and history as JSON")
    async def edit_export(self, interaction: discord.Interaction[AixBot]) -> None:
        await require_editor(interaction)
        guild_id = guild_of(interaction)
        await interaction.response.defer(ephemeral=True, thinking=True)
        blob = await self.editing.export(guild_id)
        count = len(json.loads(blob).get("entries", []))
        file = discord.File(io.BytesIO(blob), filename=f"aixbot-{guild_id}.json")
        content = t("eui.export.done", lang_of(interaction), count=count)
        await reply(interaction, content=content, files=[file], ephemeral=True)

    @edit.command(name="import", description="Import entries from an aixbot export file")
    @app_commands.describe(file="The JSON file /edit export made")
    async def edit_import(
        self, interaction: discord.Interaction[AixBot], file: discord.Attachment
    ) -> None:
        await require_editor(interaction)
        guild_id = guild_of(interaction)
        lang = lang_of(interaction)
        await interaction.response.defer(ephemeral=True, thinking=True)
        try:
            blob = await file.read()
        except discord.HTTPException:
            raise InvalidOption(
                "file", clip(file.filename, 100), "expected.json_file", "aixbot-1.json"
            ) from None
        plan = await self.editing.plan_import(guild_id, blob)
        view = discord.ui.View(timeout=None)
        if plan.added or plan.changed:
            digest = plan.digest
            view.add_item(ImportButton("apply", digest, t("eui.import.apply", lang)))
            view.add_item(ImportButton("cancel", digest, t("eui.import.cancel", lang)))
        preview = discord.File(io.BytesIO(blob), filename="import.json")
        await reply(
            interaction,
            embeds=[import_embed(plan, lang)],
            files=[preview],
            view=view if view.children else None,
            ephemeral=True,
        )

    @edit_entry.autocomplete("entry")
    @edit_remove.autocomplete("entry")
    @never_fails
    async def entry_autocomplete(
        self, interaction: discord.Interaction[AixBot], current: str
    ) -> Choices:
        return entry_options(interaction, current)

    @edit_add.autocomplete("name")
    @never_fails
    async def name_autocomplete(
        self, interaction: discord.Interaction[AixBot], current: str
    ) -> Choices:
        """A new entry's title: what members of this guild looked up and did not find."""
        if interaction.guild_id is None:
            return []
        typed = current.strip().lower()
        asked = await self.editing.missing(interaction.guild_id)
        return [
            app_commands.Choice(name=clip(q.query, 100), value=clip(q.query, 100))
            for q in asked
            if typed in q.query
        ]

    @edit_revert.autocomplete("entry")
    @never_fails
    async def revert_entry_autocomplete(
        self, interaction: discord.Interaction[AixBot], current: str
    ) -> Choices:
        """Visible entries, and the ones this guild removed (a revert brings them back)."""
        choices = entry_options(interaction, current)
        if interaction.guild_id is None:
            return choices
        typed = current.strip().lower()
        removed = await self.editing.removed_entries(interaction.guild_id)
        lang = lang_of(interaction)
        for draft in removed:
            name = draft.entry.name.pick(lang) if draft.entry else draft.entry_id
            if typed in draft.entry_id or typed in name.lower():
                label = t("eui.removed_label", lang, name=name)
                choices.append(app_commands.Choice(name=label, value=draft.entry_id))
        return choices

    @edit_revert.autocomplete("revision")
    @never_fails
    async def revision_autocomplete(
        self, interaction: discord.Interaction[AixBot], current: str
    ) -> list[app_commands.Choice[int]]:
        entry = str(getattr(interaction.namespace, "entry", "") or "")
        if not entry:
            return []
        return await revision_choices(interaction, entry, current)


async def setup(bot: AixBot) -> None:
    bot.add_dynamic_items(*EDITING_ITEMS)
    await bot.add_cog(Editing(bot))
