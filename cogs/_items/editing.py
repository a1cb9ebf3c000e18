"""The controllers of moderator editing: the permission check every use makes, opening and
saving the entry modals, and the persistent buttons (confirm a removal, re-open the editor on
the new version after a conflict, Apply / Cancel an import, Add a missing entry).

Every button carries what it acts on in its custom_id, checks the presser is an editor of the
guild it is pressed in, and reads the service afresh, so it works after a restart and a stale
one says so instead of acting.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands

from bot.editing.fields import Form, ModalFields
from bot.errors import EditConflict, InvalidField
from bot.i18n import Lang, t
from bot.i18n.script import in_script
from bot.knowledge.models import ID_RE, EntryKind
from cogs._items.permissions import guild_of, require_editor
from cogs._ui.autocomplete import entry_choices
from cogs._ui.buttons import label_of, persistent_button
from cogs._ui.editing import (
    FormModal,
    conflict_reply,
    invalid_reply,
    modal_title,
    revision_choice,
    saved_text,
)
from cogs._ui.errors import answers_errors
from cogs._ui.reply import lang_of, reply
from cogs._ui.script import script_of

if TYPE_CHECKING:
    from bot.app import AixBot

Choices = list[app_commands.Choice[str]]
ENTRY_DESCRIBE = "Entry, e.g. transformer or Bittensor"
"""The `entry` option of /edit, /entry and /suggest."""
QUERY_MAX = 100
"""What an `entry` option takes (its Range), and what autocomplete looks up of the text typed."""

ENTRY = r"(?P<kind>[a-z]+)/(?P<slug>[a-z0-9-]+)"
REOPEN_PATTERN = rf"aix:ed:reopen:(?P<lang>en|zh):{ENTRY}"
REMOVE_PATTERN = rf"aix:ed:rm:(?P<version>\d+):{ENTRY}"
IMPORT_PATTERN = r"aix:ed:imp:(?P<action>apply|cancel):(?P<digest>[0-9a-f]{16})"
ADD_PATTERN = r"aix:ed:add:(?P<kind>[a-z]+):(?P<query>.{1,80})"
CUSTOM_ID_QUERY = 80


# -- who may edit, and what -----------------------------------------------------------------


def entry_id_of(interaction: discord.Interaction[AixBot], text: str) -> str:
    """An `entry` option as an id: the autocomplete's `kind/slug` as it is (a removed entry
    included), else the one entry that carries exactly this name or alias."""
    value = text.strip()
    if ID_RE.match(value):
        return value
    knowledge = interaction.client.services.knowledge
    return knowledge.named(value[:100], guild_id=interaction.guild_id).id


def entry_options(interaction: discord.Interaction[AixBot], current: str) -> Choices:
    """Entries of every kind as choices valued by id, never by slug: `term/lstm` and
    `event/lstm` share a slug, and a pick must act on exactly the entry picked."""
    knowledge = interaction.client.services.knowledge
    hits = knowledge.suggest(None, current[:QUERY_MAX], guild_id=interaction.guild_id)
    return [
        app_commands.Choice(name=choice.name, value=hit.id)
        for choice, hit in zip(entry_choices(hits, lang_of(interaction)), hits, strict=False)
    ]


def who(interaction: discord.Interaction[AixBot], user_id: int | None, lang: Lang) -> str:
    """An author as the guild knows them, for plain-text places (autocomplete) where a mention
    does not render."""
    if user_id is None:
        return t("eui.revision.shipped_author", lang)
    member = interaction.guild.get_member(user_id) if interaction.guild else None
    return member.display_name if member is not None else str(user_id)


async def revision_choices(
    interaction: discord.Interaction[AixBot], entry: str, current: str
) -> list[app_commands.Choice[int]]:
    """The entry's revisions, newest first, filtered by the number typed so far."""
    lang = lang_of(interaction)
    entry_id = entry_id_of(interaction, entry)
    page = await interaction.client.services.editing.history(
        interaction.guild_id or 0, entry_id, per_page=25
    )
    typed = current.strip().lstrip("#")
    return [
        revision_choice(item, who(interaction, item.author_id, lang), lang)
        for item in page.items
        if not typed or str(item.number).startswith(typed)
    ]


# -- the modals -----------------------------------------------------------------------------


async def send_form(
    interaction: discord.Interaction[AixBot], form: Form, name: str, lang: Lang
) -> None:
    """Open `form` as a modal; its submit saves with the interaction's id (idempotent)."""

    async def save(submit: discord.Interaction[AixBot], fields: ModalFields) -> None:
        await save_form(submit, form, fields, name)

    script = script_of(interaction)
    modal = FormModal(
        form,
        title=modal_title(form, name, lang, script),
        custom_id=f"aix:form:{form.action}:{interaction.id}",
        lang=lang,
        script=script,
        save=save,
    )
    await interaction.response.send_modal(modal)


async def open_edit(interaction: discord.Interaction[AixBot], entry_id: str, lang: Lang) -> None:
    guild_id = guild_of(interaction)
    editing = interaction.client.services.editing
    form = await editing.edit_form(guild_id, entry_id, lang)
    draft = await editing.draft(guild_id, entry_id)
    name = draft.entry.name.pick(lang) if draft.entry is not None else entry_id
    await send_form(interaction, form, name, lang)


async def open_add(
    interaction: discord.Interaction[AixBot], kind: EntryKind, lang: Lang, name: str | None
) -> None:
    form = interaction.client.services.editing.add_form(kind, lang, name)
    await send_form(interaction, form, name or "", lang)


async def save_form(
    interaction: discord.Interaction[AixBot], form: Form, fields: ModalFields, name: str
) -> None:
    """Save a submitted form. A conflict gives both texts back with a button to edit the new
    version; a refused field is named and the typed text given back with a button to retry."""
    await require_editor(interaction)
    guild_id = guild_of(interaction)
    editing = interaction.client.services.editing
    lang = form.lang
    shown = lang_of(interaction)
    try:
        if form.action == "add":
            result = await editing.add(
                guild_id,
                form.kind,
                lang,
                fields,
                editor_id=interaction.user.id,
                interaction_id=interaction.id,
            )
        else:
            assert form.entry_id is not None
            assert form.based_on is not None
            result = await editing.edit(
                guild_id,
                form.entry_id,
                lang,
                fields,
                based_on=form.based_on,
                editor_id=interaction.user.id,
                interaction_id=interaction.id,
            )
    except EditConflict as conflict:
        content, files = conflict_reply(conflict, shown)
        view = discord.ui.View(timeout=None)
        kind, slug = conflict.entry_id.split("/", 1)
        view.add_item(ReopenButton(lang, kind, slug, t("eui.conflict.reopen", shown)))
        await reply(interaction, content=content, files=files, view=view, ephemeral=True)
        return
    except InvalidField as invalid:
        content, files = invalid_reply(invalid, shown)
        retry = RetryView(form.with_values(invalid.submitted or fields), name, shown)
        await reply(interaction, content=content, files=files, view=retry, ephemeral=True)
        return
    await reply(interaction, content=saved_text(result, shown), ephemeral=True)


class RetryView(discord.ui.View):
    """After a refused field: open the same form again with what the editor typed in it."""

    def __init__(self, form: Form, name: str, lang: Lang) -> None:
        super().__init__(timeout=900)
        self.form, self.name, self.lang = form, name, lang
        self.retry.label = t("eui.retry", lang)

    @discord.ui.button(style=discord.ButtonStyle.primary, custom_id="aix:ed:retry")
    async def retry(self, interaction: discord.Interaction[Any], _: discord.ui.Button[Any]) -> None:
        await require_editor(interaction)
        await send_form(interaction, self.form, self.name, self.lang)


# -- persistent buttons ---------------------------------------------------------------------


class ReopenButton(discord.ui.DynamicItem[discord.ui.Button[Any]], template=REOPEN_PATTERN):
    """After a conflict: the editor's modal again, on the entry's version now."""

    def __init__(self, lang: str, kind: str, slug: str, label: str) -> None:
        self.lang: Lang = "zh" if lang == "zh" else "en"
        self.entry_id = f"{kind}/{slug}"
        super().__init__(
            persistent_button(
                label, discord.ButtonStyle.primary, f"aix:ed:reopen:{self.lang}:{self.entry_id}"
            )
        )

    @classmethod
    async def from_custom_id(
        cls,
        interaction: discord.Interaction[Any],
        item: discord.ui.Item[Any],
        match: re.Match[str],
        /,
    ) -> ReopenButton:
        label = label_of(item, "Edit")
        return cls(match["lang"], match["kind"], match["slug"], label)

    @answers_errors
    async def callback(self, interaction: discord.Interaction[AixBot]) -> None:
        await require_editor(interaction)
        await open_edit(interaction, self.entry_id, self.lang)


def reason_of(message: discord.Message | None) -> str | None:
    """The reason a removal was asked with, read back from its confirm message (the only
    place it is kept until the press), with the escaping for display undone."""
    if message is None or not message.embeds or not message.embeds[0].fields:
        return None
    value = message.embeds[0].fields[0].value or ""
    return re.sub(r"\\(.)", r"\1", value.replace("@\u200b", "@")) or None


class RemoveButton(discord.ui.DynamicItem[discord.ui.Button[Any]], template=REMOVE_PATTERN):
    """Confirms a removal of the entry at the version the question was asked on: a press after
    the entry changed is refused as a conflict, not applied to text nobody confirmed."""

    def __init__(self, version: int, kind: str, slug: str, label: str) -> None:
        self.version = version
        self.entry_id = f"{kind}/{slug}"
        super().__init__(
            persistent_button(
                label, discord.ButtonStyle.danger, f"aix:ed:rm:{version}:{self.entry_id}"
            )
        )

    @classmethod
    async def from_custom_id(
        cls,
        interaction: discord.Interaction[Any],
        item: discord.ui.Item[Any],
        match: re.Match[str],
        /,
    ) -> RemoveButton:
        label = label_of(item, "Remove")
        return cls(int(match["version"]), match["kind"], match["slug"], label)

    @answers_errors
    async def callback(self, interaction: discord.Interaction[AixBot]) -> None:
        await require_editor(interaction)
        editing = interaction.client.services.editing
        result = await editing.remove(
            guild_of(interaction),
            self.entry_id,
            editor_id=interaction.user.id,
            reason=reason_of(interaction.message),
            based_on=self.version,
            interaction_id=interaction.id,
        )
        lang = lang_of(interaction)
        done = in_script(saved_text(result, lang), script_of(interaction))
        await interaction.response.edit_message(content=done, embeds=[], view=None)


class ImportButton(discord.ui.DynamicItem[discord.ui.Button[Any]], template=IMPORT_PATTERN):
    """Apply or Cancel on an import preview. The file travels with the preview message, so
    Apply re-reads and re-plans it and acts only if the plan is still the one shown."""

    def __init__(self, action: str, digest: str, label: str) -> None:
        self.action, self.digest = action, digest
        style = discord.ButtonStyle.success if action == "apply" else discord.ButtonStyle.secondary
        super().__init__(persistent_button(label, style, f"aix:ed:imp:{action}:{digest}"))

    @classmethod
    async def from_custom_id(
        cls,
        interaction: discord.Interaction[Any],
        item: discord.ui.Item[Any],
        match: re.Match[str],
        /,
    ) -> ImportButton:
        label = label_of(item, match["action"])
        return cls(match["action"], match["digest"], label)

    @answers_errors
    async def callback(self, interaction: discord.Interaction[AixBot]) -> None:
        await require_editor(interaction)
        lang = lang_of(interaction)
        if self.action == "cancel":
            cancelled = in_script(t("eui.import.cancelled", lang), script_of(interaction))
            await interaction.response.edit_message(
                content=cancelled, embeds=[], attachments=[], view=None
            )
            return
        message = interaction.message
        if message is None or not message.attachments:
            await reply(interaction, content=t("eui.import.no_file", lang), ephemeral=True)
            return
        try:
            blob = await message.attachments[0].read()
        except discord.HTTPException:
            await reply(interaction, content=t("eui.import.no_file", lang), ephemeral=True)
            return
        guild_id = guild_of(interaction)
        editing = interaction.client.services.editing
        plan = await editing.plan_import(guild_id, blob)
        if plan.digest != self.digest:
            await reply(interaction, content=t("eui.import.stale", lang), ephemeral=True)
            return
        result = await editing.apply_import(guild_id, plan, editor_id=interaction.user.id)
        applied = t(
            "eui.import.applied", lang, count=len(result.applied), skipped=result.skipped_conflicts
        )
        done = in_script(applied, script_of(interaction))
        await interaction.response.edit_message(content=done, embeds=[], attachments=[], view=None)


def add_custom_id(kind: EntryKind | None, query: str) -> str:
    return f"aix:ed:add:{(kind or EntryKind.TERM).value}:{query[:CUSTOM_ID_QUERY]}"


class AddMissingButton(discord.ui.DynamicItem[discord.ui.Button[Any]], template=ADD_PATTERN):
    """/entry missing: the /edit add modal for a query nobody found, its title prefilled. A
    query asked across kinds is offered as a term, the kind most lookups are."""

    def __init__(self, kind: str, query: str, label: str) -> None:
        self.kind = EntryKind(kind) if kind in {k.value for k in EntryKind} else EntryKind.TERM
        self.query = query
        super().__init__(
            persistent_button(label, discord.ButtonStyle.secondary, add_custom_id(self.kind, query))
        )

    @classmethod
    async def from_custom_id(
        cls,
        interaction: discord.Interaction[Any],
        item: discord.ui.Item[Any],
        match: re.Match[str],
        /,
    ) -> AddMissingButton:
        label = label_of(item, match["query"])
        return cls(match["kind"], match["query"], label)

    @answers_errors
    async def callback(self, interaction: discord.Interaction[AixBot]) -> None:
        await require_editor(interaction)
        await open_add(interaction, self.kind, lang_of(interaction), self.query)


EDITING_ITEMS: tuple[type[discord.ui.DynamicItem[Any]], ...] = (
    ReopenButton,
    RemoveButton,
    ImportButton,
    AddMissingButton,
)
