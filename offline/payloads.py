"""What Discord sends: the people, places and things an interaction payload names.

An `Actor` is who acts and where; `Role`, `Channel` and `Upload` are what an option can point at.
`interaction_base` builds the part of INTERACTION_CREATE every interaction shares, and
`option_value` turns a test's (or the command line's) value into the option Discord would send,
with the `resolved` objects that go with it.
"""

from __future__ import annotations

import mimetypes
import re
import zlib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import discord
from discord import app_commands

APPLICATION_ID = 1_100_000_000_000_000_001
BOT_USER_ID = APPLICATION_ID
DEFAULT_GUILD_ID = 1_200_000_000_000_000_001
DEFAULT_CHANNEL_ID = 1_300_000_000_000_000_001
DM_CHANNEL_ID = DEFAULT_CHANNEL_ID + 1
DEFAULT_USER_ID = 1_400_000_000_000_000_001

ADMINISTRATOR = 1 << 3
MANAGE_GUILD = 1 << 5
MANAGE_MESSAGES = 1 << 13
MANAGE_ROLES = 1 << 28
EVERYDAY_PERMISSIONS = (1 << 10) | (1 << 11) | (1 << 31)  # view channel, send, use app commands
MODERATOR_PERMISSIONS = EVERYDAY_PERMISSIONS | MANAGE_GUILD | MANAGE_MESSAGES
ADMIN_PERMISSIONS = EVERYDAY_PERMISSIONS | ADMINISTRATOR
ALL_PERMISSIONS = discord.Permissions.all().value
APP_PERMISSIONS = EVERYDAY_PERMISSIONS | (1 << 14) | (1 << 15)  # and embed links, attach files

CONTEXT_GUILD = 0
CONTEXT_BOT_DM = 1
CONTEXT_PRIVATE_CHANNEL = 2
GUILD_INSTALL = 0
USER_INSTALL = 1
GROUP_DM_CHANNEL_ID = DEFAULT_CHANNEL_ID + 2

CDN = "https://cdn.discordapp.com"
MEDIA = "https://media.discordapp.net"
ATTACHMENT_SIZE_LIMIT = 8 * 1024 * 1024


def effective_permissions(permissions: int) -> int:
    """What Discord puts in an interaction's `member.permissions`: every bit for an admin."""
    return ALL_PERMISSIONS if permissions & ADMINISTRATOR else permissions


def stable_id(name: str, base: int) -> int:
    """A snowflake for something named on the command line, the same on every run."""
    return base + zlib.crc32(name.encode("utf-8"))


def bot_user_payload() -> dict[str, Any]:
    return {
        "id": str(BOT_USER_ID),
        "username": "aixbot",
        "discriminator": "0",
        "global_name": "aixbot",
        "avatar": None,
        "bot": True,
        "public_flags": 0,
    }


def user_payload(user_id: int, name: str | None = None) -> dict[str, Any]:
    return {
        "id": str(user_id),
        "username": name or f"user{user_id % 10000}",
        "discriminator": "0",
        "global_name": name or f"User {user_id % 10000}",
        "avatar": None,
        "public_flags": 0,
    }


@dataclass(frozen=True, slots=True)
class Actor:
    """Who sends an interaction, from where, in which language.

    `permissions` are the member's permissions in the channel; with ADMINISTRATOR among them
    Discord sends every bit, and so does the stand-in. `roles` are role ids; an admin's
    command-permission overwrites (`OfflineDiscord.allow_command`) can name them.
    """

    user_id: int = DEFAULT_USER_ID
    guild_id: int | None = DEFAULT_GUILD_ID
    locale: str = "en-US"
    roles: tuple[int, ...] = ()
    permissions: int = EVERYDAY_PERMISSIONS
    name: str | None = None
    user_install: bool = False
    """The member uses aixbot through their own install (Discord's USER_INSTALL), as well as
    or instead of the server's."""
    server_installed: bool = True
    """The server has installed aixbot. When not, only a user install reaches it there, and the
    bot has never seen the server (no GUILD_CREATE, nothing in its cache)."""
    group_dm: bool = False
    """In a group DM or a DM between users (context PRIVATE_CHANNEL; set guild_id=None)."""

    @property
    def in_dm(self) -> bool:
        return self.guild_id is None

    @property
    def context(self) -> int:
        """The interaction context type Discord reports: GUILD (0), BOT_DM (1) or
        PRIVATE_CHANNEL (2)."""
        if self.in_dm:
            return CONTEXT_PRIVATE_CHANNEL if self.group_dm else CONTEXT_BOT_DM
        return CONTEXT_GUILD

    @property
    def channel_id(self) -> int:
        if self.in_dm:
            return GROUP_DM_CHANNEL_ID if self.group_dm else DM_CHANNEL_ID
        return DEFAULT_CHANNEL_ID

    @property
    def server_install_here(self) -> bool:
        """The server's install of aixbot authorizes this interaction (a bot DM counts: it
        comes with the app's bot user)."""
        if self.context == CONTEXT_GUILD:
            return self.server_installed
        return self.context == CONTEXT_BOT_DM and not self.user_install

    @property
    def installs(self) -> frozenset[int]:
        """The installation types that authorize this interaction."""
        found = set()
        if self.server_install_here:
            found.add(GUILD_INSTALL)
        if self.user_install or not self.server_install_here:
            found.add(USER_INSTALL)
        return frozenset(found)

    def integration_owners(self) -> dict[str, str]:
        """authorizing_integration_owners as Discord sends it: the guild id for a server's
        install ("0" in a DM with the bot), the user id for the member's own."""
        owners = {}
        if GUILD_INSTALL in self.installs:
            owners[str(GUILD_INSTALL)] = str(self.guild_id or 0)
        if USER_INSTALL in self.installs:
            owners[str(USER_INSTALL)] = str(self.user_id)
        return owners

    @property
    def effective_permissions(self) -> int:
        return effective_permissions(self.permissions)


@dataclass(frozen=True, slots=True)
class Role:
    """A role, for role and mentionable options."""

    id: int
    name: str = "role"
    permissions: int = 0
    color: int = 0
    position: int = 1
    hoist: bool = False
    managed: bool = False
    mentionable: bool = False

    def payload(self) -> dict[str, Any]:
        return {
            "id": str(self.id),
            "name": self.name,
            "color": self.color,
            "colors": {
                "primary_color": self.color,
                "secondary_color": None,
                "tertiary_color": None,
            },
            "hoist": self.hoist,
            "icon": None,
            "unicode_emoji": None,
            "position": self.position,
            "permissions": str(self.permissions),
            "managed": self.managed,
            "mentionable": self.mentionable,
            "flags": 0,
        }


@dataclass(frozen=True, slots=True)
class Channel:
    """A guild channel, for channel options. `type` is Discord's channel type (0 is text)."""

    id: int
    name: str = "general"
    type: int = 0
    parent_id: int | None = None

    @property
    def is_thread(self) -> bool:
        return self.type in (10, 11, 12)

    def guild_payload(self, guild_id: int, position: int = 0) -> dict[str, Any]:
        """The channel as GUILD_CREATE or CHANNEL_CREATE carries it, for discord.py's cache."""
        return {
            "id": str(self.id),
            "type": self.type,
            "guild_id": str(guild_id),
            "name": self.name,
            "position": position,
            "permission_overwrites": [],
            "nsfw": False,
            "parent_id": None if self.parent_id is None else str(self.parent_id),
            "topic": None,
            "last_message_id": None,
            "rate_limit_per_user": 0,
            "bitrate": 64000,
            "user_limit": 0,
            "rtc_region": None,
            "available_tags": [],
            "flags": 0,
        }

    def payload(self, permissions: int) -> dict[str, Any]:
        """The channel as an interaction's `resolved.channels` carries it."""
        data: dict[str, Any] = {
            "id": str(self.id),
            "name": self.name,
            "type": self.type,
            "permissions": str(permissions),
            "parent_id": None if self.parent_id is None else str(self.parent_id),
            "flags": 0,
        }
        if self.is_thread:
            data["thread_metadata"] = {
                "archived": False,
                "auto_archive_duration": 1440,
                "archive_timestamp": datetime.now(UTC).isoformat(),
                "locked": False,
            }
        return data


@dataclass(frozen=True, slots=True)
class Upload:
    """A file a user attaches to an attachment option; `discord.Attachment.read()` returns
    `data`, served by the stand-in from the attachment's CDN url."""

    filename: str
    data: bytes
    content_type: str | None = None
    description: str | None = None

    @classmethod
    def from_path(cls, path: str | Path) -> Upload:
        file = Path(path)
        return cls(file.name, file.read_bytes())

    @property
    def media_type(self) -> str:
        guessed = mimetypes.guess_type(self.filename)[0]
        return self.content_type or guessed or "application/octet-stream"


# -- interactions ------------------------------------------------------------------------------

GENERAL = Channel(DEFAULT_CHANNEL_ID, "general")
GUILD_OWNER_ID = DEFAULT_USER_ID - 1
"""The server's owner: not the default actor (an owner gets every permission)."""


def guild_payload(guild_id: int) -> dict[str, Any]:
    """The server as GUILD_CREATE delivers it to a bot with the guilds intent: its roles, its
    channels and the bot's own member."""
    everyone = Role(guild_id, "@everyone", permissions=EVERYDAY_PERMISSIONS, position=0)
    bot_member = member_payload(Actor(user_id=BOT_USER_ID, guild_id=guild_id))
    bot_member["user"] = bot_user_payload()
    return {
        "id": str(guild_id),
        "name": "aixbot test server",
        "owner_id": str(GUILD_OWNER_ID),
        "icon": None,
        "features": [],
        "roles": [everyone.payload()],
        "emojis": [],
        "stickers": [],
        "channels": [GENERAL.guild_payload(guild_id)],
        "threads": [],
        "members": [bot_member],
        "member_count": 2,
        "large": False,
        "unavailable": False,
        "preferred_locale": "en-US",
        "premium_tier": 0,
        "system_channel_flags": 0,
        "verification_level": 0,
        "default_message_notifications": 0,
        "explicit_content_filter": 0,
        "mfa_level": 0,
        "nsfw_level": 0,
    }


def member_payload(actor: Actor, *, with_user: bool = True) -> dict[str, Any]:
    member: dict[str, Any] = {
        "roles": [str(r) for r in actor.roles],
        "permissions": str(actor.effective_permissions),
        "joined_at": "2024-01-01T00:00:00+00:00",
        "deaf": False,
        "mute": False,
        "flags": 0,
        "pending": False,
        "nick": None,
        "avatar": None,
        "premium_since": None,
        "communication_disabled_until": None,
    }
    if with_user:
        member["user"] = user_payload(actor.user_id, actor.name)
    return member


def interaction_base(actor: Actor, interaction_id: int, kind: int) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "id": str(interaction_id),
        "application_id": str(APPLICATION_ID),
        "type": kind,
        "token": f"token-{interaction_id}",
        "version": 1,
        "locale": actor.locale,
        "app_permissions": str(APP_PERMISSIONS),
        "entitlements": [],
        "attachment_size_limit": ATTACHMENT_SIZE_LIMIT,
        "context": actor.context,
    }
    payload["authorizing_integration_owners"] = actor.integration_owners()
    if actor.in_dm:
        recipients = [user_payload(actor.user_id, actor.name)]
        if actor.group_dm:
            recipients.append(user_payload(actor.user_id + 1))
        payload["user"] = user_payload(actor.user_id, actor.name)
        payload["channel_id"] = str(actor.channel_id)
        payload["channel"] = {
            "id": str(actor.channel_id),
            "type": 3 if actor.group_dm else 1,
            "recipients": recipients,
        }
    else:
        payload["guild_id"] = str(actor.guild_id)
        payload["guild_locale"] = "en-US"
        payload["guild"] = {"id": str(actor.guild_id), "locale": "en-US", "features": []}
        payload["channel_id"] = str(DEFAULT_CHANNEL_ID)
        payload["channel"] = {
            "id": str(DEFAULT_CHANNEL_ID),
            "type": 0,
            "guild_id": str(actor.guild_id),
            "name": "general",
            "position": 0,
            "permission_overwrites": [],
            "nsfw": False,
            "parent_id": None,
            "permissions": str(actor.effective_permissions),
        }
        payload["member"] = member_payload(actor)
    return payload


# -- option values ---------------------------------------------------------------------------

OptionType = discord.AppCommandOptionType

EXPECTED = {
    OptionType.integer: "a whole number",
    OptionType.number: "a number",
    OptionType.boolean: "true or false",
    OptionType.user: "a user (an id or an Actor)",
    OptionType.role: "a role (an id, a name or a Role)",
    OptionType.channel: "a channel (an id, a name or a Channel)",
    OptionType.mentionable: "a user or a role",
    OptionType.attachment: "a file (a path, bytes or an Upload)",
}
INTEGER = re.compile(r"[-+]?[0-9]+")
NUMBER = re.compile(r"[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?")
TRUE = ("true", "yes", "on", "1")
FALSE = ("false", "no", "off", "0")
CHANNEL_TYPE_NAMES = {
    0: "a text channel",
    2: "a voice channel",
    4: "a category",
    5: "an announcement channel",
    10: "an announcement thread",
    11: "a thread",
    12: "a private thread",
    13: "a stage channel",
    15: "a forum",
    16: "a media channel",
}


class OptionValueError(ValueError):
    """A value the Discord client would not let anyone send for this option."""

    def __init__(self, command: str, option: str, expected: str, value: object) -> None:
        self.command = command
        self.option = option
        self.expected = expected
        self.value = value
        super().__init__(f"/{command} option {option!r} expects {expected}, got {value!r}")


@dataclass
class Resolved:
    """The `data.resolved` of one interaction, filled as options are added."""

    users: dict[str, Any] = field(default_factory=dict)
    members: dict[str, Any] = field(default_factory=dict)
    roles: dict[str, Any] = field(default_factory=dict)
    channels: dict[str, Any] = field(default_factory=dict)
    attachments: dict[str, Any] = field(default_factory=dict)
    uploads: dict[str, bytes] = field(default_factory=dict)
    """CDN url → bytes, for the stand-in to serve."""
    channel_objects: list[Channel] = field(default_factory=list)
    role_objects: list[Role] = field(default_factory=list)
    """What the options named, for the guild cache: the server has these."""

    def payload(self) -> dict[str, Any]:
        kinds = ("users", "members", "roles", "channels", "attachments")
        return {kind: getattr(self, kind) for kind in kinds if getattr(self, kind)}


@dataclass
class OptionContext:
    """What an option value is resolved against: who acts, and a source of new ids."""

    command: str
    actor: Actor
    resolved: Resolved
    next_id: Any
    """A zero-argument callable that returns a fresh snowflake."""


def coerce(parameter: app_commands.Parameter, value: Any, where: OptionContext) -> Any:
    """The option's `value` as Discord sends it, adding any resolved object to `where`."""
    kind = parameter.type
    name = parameter.display_name

    def refuse(expected: str | None = None) -> OptionValueError:
        return OptionValueError(where.command, name, expected or EXPECTED[kind], value)

    if kind is OptionType.string:
        return value if isinstance(value, str) else str(value)
    if kind is OptionType.integer:
        if isinstance(value, bool):
            raise refuse()
        if isinstance(value, int):
            return value
        if isinstance(value, float) and value.is_integer():
            return int(value)
        if isinstance(value, str) and INTEGER.fullmatch(value.strip()):
            return int(value.strip())
        raise refuse()
    if kind is OptionType.number:
        if isinstance(value, bool):
            raise refuse()
        if isinstance(value, int | float):
            number = float(value)
        elif isinstance(value, str) and NUMBER.fullmatch(value.strip()):
            number = float(value.strip())
        else:
            raise refuse()
        if number != number or number in (float("inf"), float("-inf")):
            raise refuse()
        return value if isinstance(value, int | float) else number
    if kind is OptionType.boolean:
        if isinstance(value, bool):
            return value
        word = str(value).strip().lower()
        if word in TRUE:
            return True
        if word in FALSE:
            return False
        raise refuse()
    if kind is OptionType.user:
        return _user(value, where, refuse)
    if kind is OptionType.role:
        return _role(value, where, refuse)
    if kind is OptionType.mentionable:
        if isinstance(value, Role):
            return _role(value, where, refuse)
        return _user(value, where, refuse)
    if kind is OptionType.channel:
        return _channel(parameter, value, where, refuse)
    if kind is OptionType.attachment:
        return _attachment(value, where, refuse)
    raise refuse(f"an option type the stand-in does not know ({kind!r})")


def _snowflake(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isascii() and value.strip().isdigit():
        return int(value.strip())
    return None


def _user(value: Any, where: OptionContext, refuse: Any) -> str:
    if isinstance(value, Actor):
        user = value
    elif (user_id := _snowflake(value)) is not None:
        user = Actor(user_id=user_id, guild_id=where.actor.guild_id)
    elif isinstance(value, str) and value.strip():
        name = value.strip().lstrip("@")
        user = Actor(user_id=stable_id(name, DEFAULT_USER_ID), name=name)
    else:
        raise refuse()
    key = str(user.user_id)
    where.resolved.users[key] = user_payload(user.user_id, user.name)
    if not where.actor.in_dm:
        where.resolved.members[key] = member_payload(user, with_user=False)
    return key


def _role(value: Any, where: OptionContext, refuse: Any) -> str:
    if where.actor.in_dm:
        raise refuse("a role, and a direct message has none to pick")
    if isinstance(value, Role):
        role = value
    elif (role_id := _snowflake(value)) is not None:
        role = Role(id=role_id, name=f"role{role_id % 10000}")
    elif isinstance(value, str) and value.strip():
        name = value.strip().lstrip("@")
        role = Role(id=stable_id(name, DEFAULT_GUILD_ID), name=name)
    else:
        raise refuse()
    where.resolved.roles[str(role.id)] = role.payload()
    where.resolved.role_objects.append(role)
    return str(role.id)


def _channel(
    parameter: app_commands.Parameter, value: Any, where: OptionContext, refuse: Any
) -> str:
    if isinstance(value, Channel):
        channel = value
    elif (channel_id := _snowflake(value)) is not None:
        channel = Channel(id=channel_id, name=f"channel{channel_id % 10000}")
    elif isinstance(value, str) and value.strip():
        name = value.strip().lstrip("#")
        channel = Channel(id=stable_id(name, DEFAULT_CHANNEL_ID), name=name)
    else:
        raise refuse()
    allowed = [int(t.value) for t in parameter.channel_types]
    if allowed and channel.type not in allowed:
        # The client's channel picker lists only these types.
        kinds = " or ".join(CHANNEL_TYPE_NAMES.get(t, f"channel type {t}") for t in allowed)
        raise refuse(kinds)
    permissions = where.actor.effective_permissions
    where.resolved.channels[str(channel.id)] = channel.payload(permissions)
    where.resolved.channel_objects.append(channel)
    return str(channel.id)


def _attachment(value: Any, where: OptionContext, refuse: Any) -> str:
    if isinstance(value, Upload):
        upload = value
    elif isinstance(value, Path):
        try:
            upload = Upload.from_path(value)
        except OSError as exc:
            raise refuse(f"a readable file ({exc.strerror or exc})") from None
    elif isinstance(value, bytes | bytearray):
        upload = Upload("upload.bin", bytes(value))
    else:
        raise refuse()
    if len(upload.data) > ATTACHMENT_SIZE_LIMIT:
        raise refuse(f"a file of at most {ATTACHMENT_SIZE_LIMIT} bytes")
    attachment_id = str(where.next_id())
    url = f"{CDN}/ephemeral-attachments/{where.actor.channel_id}/{attachment_id}/{upload.filename}"
    proxy = url.replace(CDN, MEDIA)
    data: dict[str, Any] = {
        "id": attachment_id,
        "filename": upload.filename,
        "size": len(upload.data),
        "url": url,
        "proxy_url": proxy,
        "content_type": upload.media_type,
        "ephemeral": True,
    }
    if upload.description is not None:
        data["description"] = upload.description
    where.resolved.attachments[attachment_id] = data
    where.resolved.uploads[url] = upload.data
    where.resolved.uploads[proxy] = upload.data
    return attachment_id
