"""Turning any error into an ephemeral reply: the one error path of the tree and the views."""

from __future__ import annotations

import functools
import logging
import secrets
import unicodedata
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

import discord
from discord import app_commands

from bot.app import CommandChanged, Draining
from bot.errors import EntryNotFound, UserFacingError
from bot.i18n import Lang, t
from bot.sanitize import clean_echo
from cogs._ui.reply import lang_of, reply
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


def describe_user_error(error: UserFacingError, lang: Lang) -> str:
    if isinstance(error, EntryNotFound):
        query = echoed(error.query, 100)
        if blank(error.query):
            return t("error.blank_name", lang)
        if not error.kind:
            return t("error.entry_not_found.any", lang, query=query)
        return t(
            "error.entry_not_found", lang, query=query, kind_label=t(f"kind.{error.kind}", lang)
        )
    params = {k: echoed(v, 200) for k, v in error.params.items()}
    return t(error.key, lang, **params)


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
        perms = ", ".join(p.replace("_", " ").title() for p in error.missing_permissions)
        return t("error.missing_permissions", lang, perms=perms)
    if isinstance(error, app_commands.CommandOnCooldown):
        return t("error.cooldown", lang, seconds=error.retry_after)
    if isinstance(error, app_commands.TransformerError):
        return t("error.bad_value", lang, option=error.transformer.__class__.__name__, hint="")
    if isinstance(error, app_commands.CheckFailure):
        return t("error.not_allowed", lang)
    return None


def unwrap(error: BaseException) -> BaseException:
    while isinstance(error, app_commands.CommandInvokeError | app_commands.TransformerError):
        if error.__cause__ is None:
            break
        error = error.__cause__
    return error


async def handle_error(interaction: discord.Interaction[Any], error: BaseException) -> None:
    """Tell the user what went wrong, ephemerally; log what they should not see."""
    lang = lang_of(interaction)
    original = unwrap(error)
    if interaction.type is discord.InteractionType.autocomplete:
        log.exception("autocomplete failed", exc_info=original)
        if not interaction.response.is_done():
            await interaction.response.autocomplete([])
        return
    view: discord.ui.View | None = None
    if isinstance(original, UserFacingError):
        message = describe_user_error(original, lang)
        if isinstance(original, EntryNotFound) and original.suggestions:
            message += "\n" + t("error.did_you_mean", lang)
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
