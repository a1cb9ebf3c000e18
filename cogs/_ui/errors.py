"""Turning any error into an ephemeral reply: the one error path of the tree and the views."""

from __future__ import annotations

import functools
import logging
import math
import secrets
import unicodedata
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

import discord
from discord import app_commands

from bot.app import CommandChanged, Draining, PostOnCooldown, unwrap
from bot.errors import AmbiguousName, EntryNotFound, InvalidOption, Suggestion, UserFacingError
from bot.i18n import Lang, t
from bot.i18n.commands import NAMES_ZH
from bot.sanitize import clean_echo
from cogs._ui.reply import expired, lang_of, reply
from cogs._ui.text import safe

log = logging.getLogger("aixbot.errors")

ItemT = TypeVar("ItemT")
ItemCallback = Callable[[ItemT, discord.Interaction[Any]], Coroutine[Any, Any, None]]

REF_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def new_ref() -> str:
    return "".join(secrets.choice(REF_ALPHABET) for _ in range(6))


def echoed(value: object, limit: int) -> str:
    """What the user typed, shown back: visible characters on one line with Discord markup
    defused, cut (an escape is never split), no markdown, no pings."""
    return safe(discord.utils.escape_markdown(clean_echo(str(value))[:limit]))


def blank(text: str) -> bool:
    """Nothing a reader could see: spaces, zero-width and control characters, lone accents."""
    return all(c.isspace() or unicodedata.category(c) in ("Cf", "Cc", "Mn") for c in text)


def suggestion_label(suggestion: Suggestion, lang: Lang) -> str:
    """What an offered entry is, so none is taken for the answer: "GPT-1 · event, 2018"."""
    what = t(f"kind.{suggestion.kind}", lang)
    if suggestion.year is not None:
        what = f"{what}, {suggestion.year}"
    return f"{suggestion.title(lang)} · {what}"


def _not_found(error: EntryNotFound, lang: Lang) -> str:
    query = echoed(error.query, 100)
    if blank(error.query):
        return t("error.blank_name", lang)
    offered = error.suggestions
    elsewhere = [s for s in offered if s.reason == "elsewhere"]
    if isinstance(error, AmbiguousName):
        head = t("lookup.ambiguous", lang, query=query)
    elif elsewhere and error.kind:
        head = t(
            "lookup.elsewhere",
            lang,
            query=query,
            asked=t(f"kind.{error.kind}", lang),
            kind_label=t(f"kind.{elsewhere[0].kind}", lang),
        )
    elif not error.kind:
        head = t("error.entry_not_found.any", lang, query=query)
    else:
        head = t(
            "error.entry_not_found", lang, query=query, kind_label=t(f"kind.{error.kind}", lang)
        )
    lines = [head]
    for reason, key in (
        ("sense", None),
        ("elsewhere", None),
        ("near", "lookup.closest"),
        ("mentions", "lookup.mentioned_in"),
    ):
        group = [s for s in offered if s.reason == reason]
        if not group:
            continue
        if key is not None:
            lines.append(t(key, lang))
        lines.extend(
            f"- {safe(discord.utils.escape_markdown(suggestion_label(s, lang)))}" for s in group
        )
    return "\n".join(lines)


def option_label(option: str, lang: Lang) -> str:
    """An option as the asker's Discord client names it: zh users see its Chinese name."""
    return NAMES_ZH.get(option, option) if lang == "zh" else option


def describe_user_error(error: UserFacingError, lang: Lang) -> str:
    if isinstance(error, EntryNotFound):
        return _not_found(error, lang)
    params = {k: echoed(v, 200) for k, v in error.params.items()}
    if isinstance(error, InvalidOption):
        # `expected` is a message key (text that is no key, from an older caller, stays as is).
        params["expected"] = t(str(error.params.get("expected", "")), lang, **params)
        params["option"] = option_label(str(error.params.get("option", "")), lang)
    return t(error.key, lang, **params)


def permission_label(permission: str, lang: Lang) -> str:
    """`manage_guild` as Discord's client names it: Manage Guild, 管理服务器."""
    key = f"permission.{permission}"
    fallback = permission.replace("_", " ").title()
    return fallback if t(key, lang) == key else t(key, lang)


def _check_failure_message(error: app_commands.AppCommandError, lang: Lang) -> str | None:
    if isinstance(error, Draining):
        return t("error.draining", lang)
    if isinstance(
        error,
        CommandChanged | app_commands.CommandNotFound | app_commands.CommandSignatureMismatch,
    ):
        return t("error.command_changed", lang)
    if isinstance(error, app_commands.NoPrivateMessage):
        return t("error.guild_only", lang)
    if isinstance(error, app_commands.MissingPermissions):
        separator = "、" if lang == "zh" else ", "
        perms = separator.join(permission_label(p, lang) for p in error.missing_permissions)
        return t("error.missing_permissions", lang, perms=perms)
    if isinstance(error, PostOnCooldown):
        seconds = max(1, math.ceil(error.retry_after))
        limit = error.cooldown
        return t("error.post_cooldown", lang, posts=limit.rate, per=limit.per, seconds=seconds)
    if isinstance(error, app_commands.CommandOnCooldown):
        return t("error.cooldown", lang, seconds=error.retry_after)
    if isinstance(error, app_commands.TransformerError):
        return t("error.bad_value", lang, option=error.transformer.__class__.__name__, hint="")
    if isinstance(error, app_commands.CheckFailure):
        return t("error.not_allowed", lang)
    return None


async def handle_error(interaction: discord.Interaction[Any], error: BaseException) -> None:
    """Tell the user what went wrong, ephemerally; log what they should not see."""
    lang = lang_of(interaction)
    original = unwrap(error)
    if expired(original):
        log.warning("interaction %s expired before it was answered", interaction.id)
        return
    if interaction.type is discord.InteractionType.autocomplete:
        log.exception("autocomplete failed", exc_info=original)
        if not interaction.response.is_done():
            await interaction.response.autocomplete([])
        return
    view: discord.ui.View | None = None
    if isinstance(original, UserFacingError):
        message = describe_user_error(original, lang)
        if isinstance(original, EntryNotFound) and original.suggestions:
            private = bool(interaction.extras.get("private", True))
            # Imported here: the entry items import this module for `answers_errors`.
            from cogs._items.open_entry import suggestion_view

            view = suggestion_view(original.suggestions, lang, private=private)
    elif isinstance(error, app_commands.AppCommandError) and (
        checked := _check_failure_message(error, lang)
    ):
        message = checked
    else:
        ref = new_ref()
        command = interaction.command.qualified_name if interaction.command else "-"
        log.error(
            "unexpected error ref=%s command=%s user=%s guild=%s",
            ref,
            command,
            interaction.user.id,
            interaction.guild_id,
            exc_info=original,
        )
        message = t("error.unexpected", lang, ref=ref)
    await reply(interaction, content=message, view=view, ephemeral=True)


def answers_errors(callback: ItemCallback[ItemT]) -> ItemCallback[ItemT]:
    """For a DynamicItem's callback: discord.py only logs what one raises and sends nothing, so
    the user would see "This interaction failed". Send it through the one handler instead."""

    @functools.wraps(callback)
    async def wrapper(item: ItemT, interaction: discord.Interaction[Any]) -> None:
        try:
            await callback(item, interaction)
        except Exception as error:
            await handle_error(interaction, error)

    return wrapper
