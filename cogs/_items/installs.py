"""Where a command can be installed and used: Discord's integration_types and contexts.

The lookups, /search, /compute, /about, /help and Explain terms can also be installed by a
member on their own account, and then work in any server (one that never installed aixbot too),
in DMs and in group DMs; there they answer privately with the shipped text
(cogs/_items/posting.py). Editing, /entry, /config and /suggest change or read one server's own
entries and settings: they come only with a server's install, and only in that server.
"""

from __future__ import annotations

from typing import TypeVar

from discord import app_commands

T = TypeVar("T")


def anywhere(command: T) -> T:
    """Installable by a server or by a member, usable in servers, DMs and group DMs."""
    command = app_commands.allowed_installs(guilds=True, users=True)(command)
    return app_commands.allowed_contexts(guilds=True, dms=True, private_channels=True)(command)


def server_install_only(command: T) -> T:
    """Only with a server's install, only in that server."""
    command = app_commands.allowed_installs(guilds=True, users=False)(command)
    return app_commands.allowed_contexts(guilds=True, dms=False, private_channels=False)(command)
