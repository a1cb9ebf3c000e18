"""The discord.py internals that aixbot and its stand-in rely on, named in one place.

discord.py is pinned to the minor version these were read from (pyproject.toml). An upgrade
that renames or drops one fails tests/platform/test_discord_hooks.py with the hook's name,
instead of a puzzling error deep inside an interaction test.
"""

from __future__ import annotations

CLASS_HOOKS = (
    "discord.client.Client._async_setup_hook",
    "discord.state.ConnectionState._get_guild",
    "discord.state.ConnectionState._add_guild_from_data",
    "discord.state.ConnectionState.parse_interaction_create",
    "discord.guild.Guild._add_channel",
    "discord.guild.Guild._add_role",
    "discord.channel._guild_channel_factory",
)
"""Methods and functions, by dotted path: the stand-in's way in (offline/driver.py)."""

REPLY_HOOKS = (
    "discord.webhook.async_.interaction_message_response_params",
    "discord.webhook.async_.AsyncWebhookAdapter.request",
)
"""What cogs/_ui/reply.py builds a prepared answer's callback body with, and sends it through
(`async_context`'s adapter), as InteractionResponse.send_message does."""

INTERACTION_SLOTS = (
    ("discord.interactions.Interaction", "_session"),
    ("discord.interactions.InteractionResponse", "_response_type"),
)
"""Read and set by cogs/_ui/reply.reply_prepared: the session the callback goes through, and
the mark that the interaction is answered (InteractionResponse.is_done)."""

HTTP_CLIENT_ATTRIBUTES = ("_HTTPClient__session", "_global_over")
"""What `HTTPClient.static_login` sets up: the stand-in puts its own session and an open
global rate-limit gate there instead of logging in."""

STATE_ATTRIBUTES = ("application_id", "user")
"""Set on the bot's ConnectionState as READY would."""

TASK_NAMES = (
    ("discord.app_commands.tree", "CommandTree-invoker"),
    ("discord.ui.view", "discord-ui-view-dispatch"),
    ("discord.ui.modal", "discord-ui-modal-dispatch"),
    ("discord.ui.view", "discord-ui-dynamic-item"),
    ("discord.client", "discord.py: "),
)
"""The names discord.py gives the tasks running an interaction's callback: the bot waits for
them on shutdown (bot/app.py) and the stand-in waits for them after each dispatch."""
