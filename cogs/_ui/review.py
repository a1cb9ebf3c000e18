"""Building only: the suggestion modal's inputs, the review card, the log-channel announcement
and the shipped-change notice, from the editing service's views. No service calls here."""

from __future__ import annotations

import io
from typing import Any

import discord

from bot.editing.fields import REASON_MAX, Form
from bot.editing.views import ChangeResult, ShippedNoticeView, SuggestionView
from bot.i18n import Lang, t
from bot.i18n.script import Script, in_script
from bot.limits import DESCRIPTION, FIELD_VALUE, MODAL_INPUTS, TITLE
from cogs._ui.text import clip, safe

DIFF_INLINE = 3500
"""A diff longer than this goes out as a file: an embed's description holds 4096."""


def form_inputs(
    form: Form, lang: Lang, script: Script, *, with_reason: bool
) -> list[discord.ui.TextInput[Any]]:
    """The form's inputs as TextInputs (max_length as stored), and a reason input when the
    form leaves room for one within Discord's five. Labels are in the reader's script; the
    prefilled text is the entry's as stored (cogs/_ui/editing.py says why)."""
    inputs: list[discord.ui.TextInput[Any]] = [
        discord.ui.TextInput(
            label=clip(in_script(t(spec.label_key, lang), script), 45),
            custom_id=spec.name,
            style=discord.TextStyle.paragraph if spec.paragraph else discord.TextStyle.short,
            default=spec.value[: spec.max_length] or None,
            max_length=spec.max_length,
            required=spec.required,
        )
        for spec in form.fields
    ]
    if with_reason and len(inputs) < MODAL_INPUTS:
        inputs.append(
            discord.ui.TextInput(
                label=in_script(t("review.suggest.reason", lang), script),
                custom_id="reason",
                style=discord.TextStyle.paragraph,
                max_length=REASON_MAX,
                required=False,
            )
        )
    return inputs


def code_block(lines: tuple[str, ...]) -> str:
    """Diff lines in a ```diff block; stored backticks cannot close it early."""
    body = "\n".join(lines).replace("```", "`\u200b``")
    return f"```diff\n{body}\n```"


def diff_file(name: str, lines: tuple[str, ...]) -> discord.File:
    data = ("\n".join(lines) + "\n").encode()
    return discord.File(io.BytesIO(data), filename=name)


def file_name(entry_id: str, suffix: str) -> str:
    return f"{entry_id.replace('/', '-')}-{suffix}.diff"


def with_diff(
    embed: discord.Embed, lines: tuple[str, ...], name: str, lang: Lang, long_key: str
) -> list[discord.File]:
    """Put the diff in the embed when it fits, else say so and return it as a file."""
    if not lines:
        embed.description = t("review.log.no_diff", lang)
        return []
    block = code_block(lines)
    if len(block) <= DIFF_INLINE:
        embed.description = block
        return []
    embed.description = t(long_key, lang)
    return [diff_file(name, lines)]


def change_embed(change: ChangeResult, lang: Lang) -> tuple[discord.Embed, list[discord.File]]:
    """One committed change for the log channel: what, who, why, which revision, the diff."""
    title = t("review.log.change", lang, entry=change.entry_id, what=change.describe(lang))
    embed = discord.Embed(
        title=clip(title, TITLE), color=discord.Color.dark_teal(), timestamp=change.created_at
    )
    files = with_diff(
        embed,
        change.diff,
        file_name(change.entry_id, f"r{change.number}"),
        lang,
        "review.log.diff_file",
    )
    author = f"<@{change.author_id}>" if change.author_id else "-"
    embed.add_field(name=t("review.log.by", lang), value=author)
    embed.add_field(name=t("review.log.revision", lang), value=str(change.number))
    reason = safe(change.reason) if change.reason else t("review.log.no_reason", lang)
    embed.add_field(name=t("review.log.why", lang), value=clip(reason, FIELD_VALUE), inline=False)
    return embed, files


def suggestion_embed(
    suggestion: SuggestionView, lang: Lang
) -> tuple[discord.Embed, list[discord.File]]:
    """The review card: the proposal as a diff against the entry now, its source and reason,
    and once decided, by whom."""
    entry = (
        t("review.card.new", lang, kind=suggestion.kind.value) + f" {suggestion.entry_id}"
        if suggestion.new_entry
        else suggestion.entry_id
    )
    title = t("review.card.title", lang, number=suggestion.id, entry=entry)
    color = {
        "pending": discord.Color.gold(),
        "approved": discord.Color.green(),
        "rejected": discord.Color.red(),
    }[suggestion.status]
    embed = discord.Embed(title=clip(title, TITLE), color=color, timestamp=suggestion.created_at)
    files = with_diff(
        embed,
        suggestion.diff,
        file_name(suggestion.entry_id, f"suggestion-{suggestion.id}"),
        lang,
        "review.card.diff_file",
    )
    embed.add_field(name=t("review.card.by", lang), value=f"<@{suggestion.author_id}>", inline=True)
    embed.add_field(
        name=t("review.card.source", lang), value=clip(safe(suggestion.source), FIELD_VALUE)
    )
    if suggestion.reason:
        embed.add_field(
            name=t("review.card.reason", lang),
            value=clip(safe(suggestion.reason), FIELD_VALUE),
            inline=False,
        )
    if suggestion.status != "pending" and suggestion.decided_by is not None:
        embed.add_field(
            name=t(f"review.card.{suggestion.status}", lang), value=f"<@{suggestion.decided_by}>"
        )
    return embed, files


def notice_embed(notice: ShippedNoticeView, lang: Lang) -> tuple[discord.Embed, list[discord.File]]:
    """A release changed the shipped text under this guild's own: the diff, and the choice."""
    embed = discord.Embed(
        title=clip(t("review.notice.title", lang, entry=notice.entry_id), TITLE),
        color=discord.Color.orange(),
        timestamp=notice.created_at,
    )
    files = with_diff(
        embed,
        notice.diff,
        file_name(notice.entry_id, f"shipped-{notice.new_version}"),
        lang,
        "review.log.diff_file",
    )
    explanation = t("review.notice.body", lang)
    embed.description = clip(f"{explanation}\n\n{embed.description or ''}", DESCRIPTION)
    return embed, files
