"""Whether Discord would deliver an application command to this member, here.

Discord never sends an interaction for a command the client does not show. What it shows
follows, in this order (developers/interactions/application-commands, "Permissions" and
"Contexts"):

1. `contexts` (or, when it is null, the deprecated `dm_permission`): is the command offered in a
   server, in a DM with the bot, in a group DM? Then `integration_types`: does an install that
   authorizes this interaction (the server's, the member's own) carry the command? Permissions
   apply neither in DMs nor to a member's own install.
2. Members with ADMINISTRATOR can use every command.
3. Channel overwrites an admin set in Server Settings > Integrations: the command's own for this
   channel, then its "all channels" one (guild id - 1), then the app-wide ones.
4. Member overwrites: the command's own for this user, else for any of the member's roles
   (allowed if one of them allows), else for @everyone (the guild id); when the command has
   none, the app-wide ones (an overwrite on the application id) in the same order.
5. Without an overwrite that decides, `default_member_permissions`: the member needs every bit
   of it, and "0" lets no one but admins in.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import discord

from offline.payloads import (
    ADMINISTRATOR,
    CONTEXT_BOT_DM,
    CONTEXT_GUILD,
    CONTEXT_PRIVATE_CHANNEL,
    GUILD_INSTALL,
    USER_INSTALL,
    Actor,
)

ROLE = 1
USER = 2
CHANNEL = 3
INSTALL_NAMES = {GUILD_INSTALL: "a server's install", USER_INSTALL: "a member's own install"}
WHERE = {
    CONTEXT_GUILD: "server",
    CONTEXT_BOT_DM: "DM with the bot",
    CONTEXT_PRIVATE_CHANNEL: "group DM",
}


class CommandHidden(LookupError):
    """Discord would not show this command to this member here, so it never arrives."""


@dataclass(frozen=True, slots=True)
class CommandOverwrite:
    """One entry of an admin's command permissions (Server Settings > Integrations).

    `command` is a top-level command name, or None for the app-wide entry that applies to every
    command without its own.
    """

    guild_id: int
    command: str | None
    kind: int
    target_id: int
    allowed: bool


def permission_names(bits: int) -> str:
    names = [name for name, on in discord.Permissions(bits) if on]
    return ", ".join(n.replace("_", " ").title().replace("Guild", "Server") for n in names)


def _channel_rule(rules: list[CommandOverwrite], actor: Actor) -> bool | None:
    all_channels = (actor.guild_id or 0) - 1
    for target in (actor.channel_id, all_channels):
        for rule in rules:
            if rule.kind == CHANNEL and rule.target_id == target:
                return rule.allowed
    return None


def _member_rule(rules: list[CommandOverwrite], actor: Actor) -> bool | None:
    for rule in rules:
        if rule.kind == USER and rule.target_id == actor.user_id:
            return rule.allowed
    by_role = [r.allowed for r in rules if r.kind == ROLE and r.target_id in actor.roles]
    if by_role:
        return any(by_role)
    for rule in rules:
        if rule.kind == ROLE and rule.target_id == actor.guild_id:
            return rule.allowed
    return None


def refusal(
    payload: dict[str, Any], actor: Actor, overwrites: Iterable[CommandOverwrite]
) -> str | None:
    """Why Discord would not deliver the command described by `payload` (its `to_dict`), or
    None when it would."""
    name = payload["name"]
    label = f"/{name}" if payload.get("type", 1) == 1 else repr(name)
    contexts = payload.get("contexts")
    if contexts is not None:
        if actor.context not in contexts:
            where = {
                CONTEXT_GUILD: "in servers",
                CONTEXT_BOT_DM: "in direct messages",
                CONTEXT_PRIVATE_CHANNEL: "in group DMs",
            }[actor.context]
            return f"{label} is not offered {where} (its contexts are {sorted(contexts)})"
    elif actor.context != CONTEXT_GUILD and payload.get("dm_permission") is False:
        return f"{label} is not offered in direct messages (dm_permission is false)"
    types = set(payload.get("integration_types") or [GUILD_INSTALL])
    if not types & actor.installs:
        return (
            f"{label} comes only with {INSTALL_NAMES[min(types)]}, and that does not reach "
            f"this {WHERE[actor.context]}"
        )
    if actor.in_dm or GUILD_INSTALL not in types & actor.installs:
        # A server's command permissions govern its own install only.
        return None
    if actor.effective_permissions & ADMINISTRATOR:
        return None
    in_guild = [o for o in overwrites if o.guild_id == actor.guild_id]
    own = [o for o in in_guild if o.command == name]
    app_wide = [o for o in in_guild if o.command is None]
    channel = _channel_rule(own, actor)
    if channel is None:
        channel = _channel_rule(app_wide, actor)
    if channel is False:
        return f"{label} is turned off in this channel by the server's command permissions"
    member = _member_rule(own, actor)
    if member is None:
        member = _member_rule(app_wide, actor)
    if member is not None:
        if member:
            return None
        return f"{label} is denied to this member by the server's command permissions"
    required = payload.get("default_member_permissions")
    if required is None:
        return None
    needed = int(required)
    if needed == 0:
        return f"{label} is for administrators only (default_member_permissions is 0)"
    missing = needed & ~actor.effective_permissions
    if missing:
        return (
            f"{label} is hidden from members without {permission_names(missing)} "
            "(default_member_permissions), and no command permission lets this member in"
        )
    return None
