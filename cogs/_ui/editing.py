"""What the editing commands show: the modal a Form becomes, and the replies to a save, a
conflict, a refused field, a history, a diff, an import preview and the missing lookups.

Building only: a modal gets its save callback from the caller (cogs/_items/editing.py), so
nothing here calls a service.

A moderator reading Traditional (zh-TW, zh-HK) gets every screen of editing in Traditional: the
modal's title and labels, the replies, histories, diffs and previews (the replies through
cogs/_ui/reply.py). What the modal is prefilled with is the one exception: it is the stored
text, Simplified as stored, so that submitting it unchanged changes nothing and a save never
rewrites an entry's script behind the moderator's back. The title of a modal holding Chinese
text says so (编辑 X（简体原文）, shown 編輯 X（簡體原文）), and what is typed is saved as typed.
The files given back (your-text.txt, current-text.txt, a long .diff) are data, kept as stored.
"""

from __future__ import annotations

import io
from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime
from typing import Any

import discord
from discord import app_commands

from bot.editing.fields import Form, ModalFields
from bot.editing.views import (
    ChangeResult,
    DiffView,
    HistoryItem,
    HistoryPage,
    ImportPlan,
    MissingQuery,
)
from bot.errors import EditConflict, InvalidField
from bot.i18n import Lang, t
from bot.i18n.script import Script, in_script
from bot.limits import CONTENT, DESCRIPTION, FIELD_VALUE, MODAL_INPUTS, MODAL_TITLE, TITLE
from cogs._ui.errors import describe_user_error, echoed, handle_error
from cogs._ui.text import clip, safe

COLOUR = 0xF0B232
MODAL_TIMEOUT = 3600.0
"""An editor may take a while over a body; after an hour the form is let go (its submit is then
answered "expired" by cogs/core.py, and the text is in the editor's client until they close it)."""
DIFF_INLINE = 1800
"""A diff longer than this goes out as a file: a code block beyond it is unreadable on a phone."""
HISTORY_LINE = 380

Save = Callable[[discord.Interaction[Any], ModalFields], Awaitable[None]]


def modal_title(form: Form, name: str, lang: Lang, script: Script) -> str:
    """The modal's title in the reader's script; `name` (the entry's stored name) as stored,
    like the fields below it."""
    if form.action == "add":
        kind = t(f"kind.{form.kind.value}", lang)
        return clip(in_script(t("eui.modal.add", lang, kind=kind), script), MODAL_TITLE)
    stored_simplified = lang == "zh" and form.lang == "zh" and script != "hans"
    key = "eui.modal.edit_simplified" if stored_simplified else "eui.modal.edit"
    template = in_script(t(key, lang, name="{name}"), script)
    room = MODAL_TITLE - len(template) + len("{name}")
    return template.replace("{name}", clip(name, room))


class FormModal(discord.ui.Modal):
    """A Form as Discord's modal: one text input per field, named by the field, prefilled, each
    as long as the stored limit allows. The Form (and so the version it started from) stays with
    the modal until it is submitted."""

    def __init__(
        self,
        form: Form,
        *,
        title: str,
        custom_id: str,
        lang: Lang,
        script: Script,
        save: Save,
    ) -> None:
        super().__init__(title=title[:MODAL_TITLE], timeout=MODAL_TIMEOUT, custom_id=custom_id)
        self.form = form
        self.lang = lang
        self._save = save
        self.inputs: list[discord.ui.TextInput[FormModal]] = []
        for spec in form.fields[:MODAL_INPUTS]:
            field = discord.ui.TextInput[FormModal](
                label=in_script(t(spec.label_key, lang), script)[:MODAL_TITLE],
                custom_id=spec.name,
                style=discord.TextStyle.paragraph if spec.paragraph else discord.TextStyle.short,
                required=spec.required,
                max_length=spec.max_length,
                default=spec.value[: spec.max_length] or None,
            )
            self.inputs.append(field)
            self.add_item(field)

    def submitted(self) -> ModalFields:
        return ModalFields(**{str(i.custom_id): i.value for i in self.inputs})

    async def on_submit(self, interaction: discord.Interaction[Any]) -> None:
        await self._save(interaction, self.submitted())

    async def on_error(  # type: ignore[override]  # discord.py's stubs differ from Modal's
        self, interaction: discord.Interaction[Any], error: Exception, /
    ) -> None:
        await handle_error(interaction, error)


def text_file(text: str, name: str) -> discord.File:
    return discord.File(io.BytesIO(text.encode("utf-8")), filename=name)


# -- saves ----------------------------------------------------------------------------------


def saved_text(result: ChangeResult, lang: Lang) -> str:
    entry = echoed(result.entry_id, 100)
    if result.duplicate:
        return t("eui.saved_again", lang, entry=entry, number=result.number)
    if result.action == "remove":
        return t("eui.removed", lang, entry=entry, number=result.number)
    return t("eui.saved", lang, entry=entry, number=result.number, what=result.describe(lang))


def reverted_text(result: ChangeResult, source: int, lang: Lang) -> str:
    entry = echoed(result.entry_id, 100)
    if result.duplicate:
        return t("eui.saved_again", lang, entry=entry, number=result.number)
    return t("eui.reverted", lang, entry=entry, source=source, number=result.number)


def conflict_reply(error: EditConflict, lang: Lang) -> tuple[str, list[discord.File]]:
    """The refusal, the editor's text and the text now, both as files so nothing is cut."""
    files = []
    if error.mine is not None:
        files.append(text_file(error.mine.as_text(), "your-text.txt"))
    if error.current is not None:
        files.append(text_file(error.current.as_text(), "current-text.txt"))
    return describe_user_error(error, lang), files


def invalid_reply(error: InvalidField, lang: Lang) -> tuple[str, list[discord.File]]:
    """The field that failed, named, and everything typed given back as a file."""
    message = describe_user_error(error, lang)
    files = []
    if error.submitted is not None:
        files.append(text_file(error.submitted.as_text(), "your-text.txt"))
        message += "\n" + t("eui.given_back", lang)
    return clip(message, CONTENT), files


# -- remove ---------------------------------------------------------------------------------


def remove_embed(entry_id: str, reason: str | None, lang: Lang) -> discord.Embed:
    embed = discord.Embed(
        description=t("eui.remove.confirm", lang, entry=echoed(entry_id, 100)), colour=COLOUR
    )
    if reason:
        shown = clip(safe(discord.utils.escape_markdown(reason)), FIELD_VALUE)
        embed.add_field(name=t("eui.reason", lang), value=shown, inline=False)
    return embed


# -- history and diff -----------------------------------------------------------------------


def when(moment: datetime) -> str:
    """Discord renders this in the reader's own zone and language."""
    return discord.utils.format_dt(moment, "f")


def history_line(item: HistoryItem, current: int, lang: Lang) -> str:
    who = f"<@{item.author_id}>" if item.author_id else t("eui.history.shipped", lang)
    mark = f" · **{t('eui.history.current', lang)}**" if item.number == current else ""
    head = f"**#{item.number}** · {who} · {when(item.created_at)}{mark}"
    what = safe(discord.utils.escape_markdown(item.describe(lang)))
    line = f"{head}\n{what}"
    if item.reason:
        line += f" · _{safe(discord.utils.escape_markdown(item.reason))}_"
    return clip(line, HISTORY_LINE)


def history_pages(pages: Sequence[HistoryPage], lang: Lang) -> list[discord.Embed]:
    """One embed per page of revisions, newest first."""
    first = pages[0]
    shown = sum(len(p.items) for p in pages)
    if shown < first.total:
        footer = t("eui.history.more", lang, total=first.total, current=first.current, shown=shown)
    else:
        footer = t("eui.history.footer", lang, total=first.total, current=first.current)
    title = clip(t("eui.history.title", lang, entry=first.entry_id), TITLE)
    embeds = []
    for page in pages:
        lines = [history_line(item, page.current, lang) for item in page.items]
        embed = discord.Embed(
            title=title, description=clip("\n".join(lines), DESCRIPTION), colour=COLOUR
        )
        embed.set_footer(text=footer)
        embeds.append(embed)
    return embeds


def diff_reply(view: DiffView, lang: Lang) -> tuple[str, list[discord.File]]:
    """The changed lines in a code block, or as a file when they would not fit a phone screen."""
    start = f"#{view.from_number}" if view.from_number is not None else "∅"
    params = {"entry": echoed(view.entry_id, 100), "start": start, "to": view.to_number}
    if view.empty:
        return t("eui.diff.none", lang, **params), []
    text = view.text.replace("```", "`\u200b``")
    if len(text) <= DIFF_INLINE:
        return f"{t('eui.diff.title', lang, **params)}\n```diff\n{text}\n```", []
    name = f"{view.entry_id.replace('/', '-')}-{view.from_number or 0}-{view.to_number}.diff"
    return t("eui.diff.file", lang, **params), [text_file(view.text + "\n", name)]


def revision_choice(item: HistoryItem, who: str, lang: Lang) -> app_commands.Choice[int]:
    """`#5 · alice · 2025-01-02 · edited: body.en (reason)`: number, author, date, reason."""
    what = item.describe(lang)
    if item.reason:
        what = f"{what} ({item.reason})"
    name = t(
        "eui.revision.choice",
        lang,
        number=item.number,
        who=who,
        date=item.created_at.date().isoformat(),
        what=what,
    )
    return app_commands.Choice(name=clip(" ".join(name.split()), 100), value=item.number)


# -- import ---------------------------------------------------------------------------------


def import_embed(plan: ImportPlan, lang: Lang) -> discord.Embed:
    """Added / changed / conflicts, each a field of entry ids (cut with a count when long)."""
    embed = discord.Embed(title=t("eui.import.title", lang), colour=COLOUR)
    for key, items in (
        ("eui.import.added", plan.added),
        ("eui.import.changed", plan.changed),
        ("eui.import.conflicts", plan.conflicts),
    ):
        if not items:
            continue
        ids = ", ".join(f"`{i.entry_id}`" for i in items)
        value = clip(ids, FIELD_VALUE - 10)
        embed.add_field(name=f"{t(key, lang)} ({len(items)})", value=value, inline=False)
    embed.set_footer(text=t("eui.import.unchanged", lang, count=len(plan.unchanged)))
    if not plan.added and not plan.changed:
        embed.description = t("eui.import.nothing", lang)
    return embed


# -- missing lookups ------------------------------------------------------------------------


def missing_embed(queries: Sequence[MissingQuery], lang: Lang) -> discord.Embed:
    embed = discord.Embed(title=t("eui.missing.title", lang), colour=COLOUR)
    if not queries:
        embed.description = t("eui.missing.none", lang)
        return embed
    lines = []
    for query in queries:
        kind = t(f"kind.{query.kind.value}", lang) if query.kind else t("eui.missing.any", lang)
        lines.append(
            t(
                "eui.missing.line",
                lang,
                query=echoed(query.query, 100),
                kind=kind,
                count=query.count,
                date=discord.utils.format_dt(query.last_seen, "d"),
            )
        )
    embed.description = clip("\n".join(lines), DESCRIPTION)
    return embed
