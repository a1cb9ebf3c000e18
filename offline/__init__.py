"""Talk to the bot without Discord: Discord-shaped payloads in, the bot's HTTP requests out.

`aixbot ask` and the tests both use this. Payloads go into discord.py's own state parser
(`parse_interaction_create`) and from there through the real CommandTree, views and modals; the
replies are captured where they leave discord.py, at its aiohttp session, and answered the way
Discord's REST API would answer them. Nothing here is a mock of a discord.py object.

- `payloads`: who acts (`Actor`), what options point at (`Role`, `Channel`, `Upload`), and the
  payloads Discord would build from them.
- `visibility`: whether Discord would deliver a command to this member (default_member_permissions,
  contexts, an admin's command permissions); `CommandHidden` when it would not.
- `transport`: `DiscordStandIn`, the aiohttp session: interaction tokens answered once, expiring,
  webhooks existing only after a callback, the CDN.
- `driver`: `OfflineDiscord`, which sends interactions, and `Exchange`, what came back.
- `render`: messages and modals as a person would read them.
- `checks`: Discord's documented limits on every captured request.
- `openapi` (tests only: needs jsonschema): every captured body against Discord's OpenAPI spec.
"""

from offline.checks import limit_violations
from offline.driver import DISPATCH_TASK_PREFIXES, Exchange, MissingOption, OfflineDiscord
from offline.payloads import (
    ADMIN_PERMISSIONS,
    ADMINISTRATOR,
    ALL_PERMISSIONS,
    APPLICATION_ID,
    BOT_USER_ID,
    DEFAULT_CHANNEL_ID,
    DEFAULT_GUILD_ID,
    DEFAULT_USER_ID,
    DM_CHANNEL_ID,
    EVERYDAY_PERMISSIONS,
    MANAGE_GUILD,
    MANAGE_MESSAGES,
    MANAGE_ROLES,
    MODERATOR_PERMISSIONS,
    Actor,
    Channel,
    OptionValueError,
    Role,
    Upload,
    bot_user_payload,
    interaction_base,
    user_payload,
)
from offline.render import find_component, render_message, render_modal, walk_components
from offline.transport import (
    CALLBACK_AUTOCOMPLETE,
    CALLBACK_DEFER,
    CALLBACK_DEFER_UPDATE,
    CALLBACK_MESSAGE,
    CALLBACK_MODAL,
    CALLBACK_UPDATE,
    EPHEMERAL,
    LOADING,
    DiscordStandIn,
    Request,
)
from offline.visibility import CommandHidden, CommandOverwrite

__all__ = [
    "ADMINISTRATOR",
    "ADMIN_PERMISSIONS",
    "ALL_PERMISSIONS",
    "APPLICATION_ID",
    "BOT_USER_ID",
    "CALLBACK_AUTOCOMPLETE",
    "CALLBACK_DEFER",
    "CALLBACK_DEFER_UPDATE",
    "CALLBACK_MESSAGE",
    "CALLBACK_MODAL",
    "CALLBACK_UPDATE",
    "DEFAULT_CHANNEL_ID",
    "DEFAULT_GUILD_ID",
    "DEFAULT_USER_ID",
    "DISPATCH_TASK_PREFIXES",
    "DM_CHANNEL_ID",
    "EPHEMERAL",
    "EVERYDAY_PERMISSIONS",
    "LOADING",
    "MANAGE_GUILD",
    "MANAGE_MESSAGES",
    "MANAGE_ROLES",
    "MODERATOR_PERMISSIONS",
    "Actor",
    "Channel",
    "CommandHidden",
    "CommandOverwrite",
    "DiscordStandIn",
    "Exchange",
    "MissingOption",
    "OfflineDiscord",
    "OptionValueError",
    "Request",
    "Role",
    "Upload",
    "bot_user_payload",
    "find_component",
    "interaction_base",
    "limit_violations",
    "render_message",
    "render_modal",
    "user_payload",
    "walk_components",
]
