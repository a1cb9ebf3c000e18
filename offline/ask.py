"""What `aixbot ask` needs on top of the driver: who asks, options from the command line, and
one-line messages for what the Discord client would not have let through."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import discord

from offline.driver import MissingOption, OfflineDiscord
from offline.payloads import (
    ADMIN_PERMISSIONS,
    EVERYDAY_PERMISSIONS,
    MODERATOR_PERMISSIONS,
    Actor,
    OptionType,
    OptionValueError,
)

ASKERS = {
    "admin": ADMIN_PERMISSIONS,
    "moderator": MODERATOR_PERMISSIONS,
    "member": EVERYDAY_PERMISSIONS,
}
"""`--as NAME`: whose permissions the question is asked with. The default is the server's admin,
as the person running the bot usually is; `--as member` shows what everyone else gets."""
DEFAULT_ASKER = "admin"


def ask_arguments(
    offline: OfflineDiscord,
    path: str,
    options: dict[str, str],
    *,
    locale: str,
    dm: bool,
    user_install: bool = False,
    group_dm: bool = False,
) -> tuple[Actor, dict[str, Any]]:
    """The actor and option values for `aixbot ask PATH --option value ...`.

    `--as admin|moderator|member` picks the asker (unless the command has an option named
    "as"); an attachment option takes a file path. Raises LookupError for an unknown command or
    asker.
    """
    command = offline.find_command(path)
    names = {p.display_name for p in command.parameters}
    values: dict[str, Any] = dict(options)
    asker = DEFAULT_ASKER
    if "as" in values and "as" not in names:
        asker = str(values.pop("as")).strip().lower()
        if asker not in ASKERS:
            raise LookupError(f"--as takes one of {', '.join(ASKERS)}, got {asker!r}")
    for parameter in command.parameters:
        name = parameter.display_name
        if parameter.type is OptionType.attachment and isinstance(values.get(name), str):
            values[name] = Path(values[name])
    actor = ask_actor(
        locale=locale, dm=dm, asker=asker, user_install=user_install, group_dm=group_dm
    )
    return actor, values


def message_menu(offline: OfflineDiscord, path: str) -> str | None:
    """The message command (right-click > Apps) that `path` names, as in `aixbot ask Explain
    terms --message "..."`, or None when `path` names no such menu."""
    for command in offline.bot.tree.get_commands(type=discord.AppCommandType.message):
        if command.name.casefold() == " ".join(path.split()).casefold():
            return command.name
    return None


def menu_arguments(
    name: str,
    options: dict[str, str],
    *,
    locale: str,
    dm: bool,
    user_install: bool = False,
    group_dm: bool = False,
) -> tuple[Actor, str]:
    """The actor and the target message's text for a message command; `--message` is the text
    of the message right-clicked, `--as` the asker as for slash commands."""
    values = dict(options)
    asker = str(values.pop("as", DEFAULT_ASKER)).strip().lower()
    if asker not in ASKERS:
        raise LookupError(f"--as takes one of {', '.join(ASKERS)}, got {asker!r}")
    if "message" not in values:
        raise LookupError(f"{name!r} needs --message TEXT: the message it is used on")
    content = values.pop("message")
    if values:
        raise LookupError(f"{name!r} takes only --message and --as, not --{next(iter(values))}")
    actor = ask_actor(
        locale=locale, dm=dm, asker=asker, user_install=user_install, group_dm=group_dm
    )
    return actor, content


def ask_actor(
    *,
    locale: str,
    dm: bool,
    asker: str = DEFAULT_ASKER,
    user_install: bool = False,
    group_dm: bool = False,
) -> Actor:
    """Who asks: in a DM, or in the server with the permissions of `asker`. `user_install`:
    through the asker's own install of aixbot, in a server that has not installed it (or, with
    `dm`, in a DM with the bot); `group_dm`: in a group DM, where only a user install reaches."""
    in_guild = not (dm or group_dm)
    return Actor(
        locale=locale,
        guild_id=Actor().guild_id if in_guild else None,
        permissions=ASKERS[asker],
        user_install=user_install or group_dm,
        server_installed=not (user_install and in_guild),
        group_dm=group_dm,
    )


def describe_option_error(error: OptionValueError) -> str:
    """`--batch expects a whole number, got '1.5'`: the option as it was typed."""
    if isinstance(error, MissingOption):
        return f"--{error.option} is required"
    value = str(error.value) if isinstance(error.value, Path) else error.value
    return f"--{error.option} expects {error.expected}, got {value!r}"
