"""Talk to the bot without Discord: Discord-shaped payloads in, the bot's HTTP requests out.

`aixbot ask` and the tests both use this. Payloads go into discord.py's own state parser
(`parse_interaction_create`) and from there through the real CommandTree, views and modals; the
replies are captured where they leave discord.py, at its aiohttp session, and answered the way
Discord's REST API would answer them. Nothing here is a mock of a discord.py object.
"""

from __future__ import annotations

import asyncio
import itertools
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import aiohttp
import discord
from discord import app_commands

from bot import limits

if TYPE_CHECKING:
    from bot.app import AixBot

APPLICATION_ID = 1_100_000_000_000_000_001
BOT_USER_ID = APPLICATION_ID
DEFAULT_GUILD_ID = 1_200_000_000_000_000_001
DEFAULT_CHANNEL_ID = 1_300_000_000_000_000_001
DEFAULT_USER_ID = 1_400_000_000_000_000_001
ADMINISTRATOR = 1 << 3
EVERYDAY_PERMISSIONS = (1 << 10) | (1 << 11) | (1 << 31)  # view channel, send, use app commands

DISPATCH_TASK_PREFIXES = (
    "CommandTree-invoker",
    "discord-ui-view-dispatch",
    "discord-ui-modal-dispatch",
    "discord-ui-dynamic-item",
    "discord.py: on_app_command_completion",
    "discord.py: on_interaction",
)

CALLBACK_MESSAGE = 4
CALLBACK_DEFER = 5
CALLBACK_DEFER_UPDATE = 6
CALLBACK_UPDATE = 7
CALLBACK_AUTOCOMPLETE = 8
CALLBACK_MODAL = 9
EPHEMERAL = 1 << 6
LOADING = 1 << 7


@dataclass(slots=True)
class Request:
    """One HTTP request discord.py made, with the JSON body it would have sent."""

    method: str
    path: str
    body: Any
    """The JSON body: a dict for messages and callbacks, a list for a command sync."""
    files: list[tuple[str, bytes]] = field(default_factory=list)
    created_id: int | None = None
    """The id of the message this request created, if it created one."""

    @property
    def is_callback(self) -> bool:
        return self.path.endswith("/callback")

    @property
    def callback_type(self) -> int | None:
        return self.body.get("type") if self.is_callback and isinstance(self.body, dict) else None

    @property
    def message(self) -> dict[str, Any] | None:
        """The message body: the callback's data, a followup or an edit."""
        if not isinstance(self.body, dict):
            return None
        if self.is_callback:
            if self.callback_type in (CALLBACK_MESSAGE, CALLBACK_UPDATE):
                return self.body.get("data") or {}
            return None
        if "/webhooks/" in self.path and self.method in ("POST", "PATCH"):
            return self.body
        return None


class _FakeResponse:
    def __init__(self, status: int, data: Any) -> None:
        self.status = status
        self._text = "" if data is None else json.dumps(data)
        self.headers = {"content-type": "application/json"} if data is not None else {}
        self.reason = "OK"

    async def text(self, encoding: str = "utf-8") -> str:
        return self._text

    async def __aenter__(self) -> _FakeResponse:
        return self

    async def __aexit__(self, *exc: object) -> None:
        return None


def _form_parts(form: aiohttp.FormData) -> tuple[dict[str, Any] | None, list[tuple[str, bytes]]]:
    body: dict[str, Any] | None = None
    files: list[tuple[str, bytes]] = []
    for options, _headers, value in form._fields:
        name = options.get("name")
        if name == "payload_json":
            body = json.loads(value)
        elif "filename" in options:
            raw = value.getvalue() if hasattr(value, "getvalue") else value.read()
            files.append((str(options["filename"]), bytes(raw)))
    return body, files


class DiscordStandIn:
    """Answers discord.py's HTTP requests as Discord would, remembering the messages sent."""

    def __init__(self) -> None:
        self.closed = False
        self.requests: list[Request] = []
        self.messages: dict[int, dict[str, Any]] = {}
        self.originals: dict[str, int] = {}
        """Interaction token → id of its original response message."""
        self._ids = itertools.count(1_500_000_000_000_000_001)

    def next_id(self) -> int:
        return next(self._ids)

    async def close(self) -> None:
        self.closed = True

    def request(self, method: str, url: str, **kwargs: Any) -> _FakeResponse:
        body: Any = None
        files: list[tuple[str, bytes]] = []
        data = kwargs.get("data")
        if isinstance(data, aiohttp.FormData):
            body, files = _form_parts(data)
        elif isinstance(data, str | bytes):
            body = json.loads(data)
        elif kwargs.get("json") is not None:
            body = kwargs["json"]
        path = urlsplit(url).path.removeprefix("/api/v10")
        request = Request(method, path, body, files)
        self.requests.append(request)
        status, answer = self._answer(request)
        creates = request.callback_type in (CALLBACK_MESSAGE, CALLBACK_DEFER) or (
            not request.is_callback and request.method == "POST" and "/webhooks/" in request.path
        )
        if creates and isinstance(answer, dict):
            message = answer.get("resource", {}).get("message") if request.is_callback else answer
            if message:
                request.created_id = int(message["id"])
        return _FakeResponse(status, answer)

    def _message(
        self, body: dict[str, Any], files: list[tuple[str, bytes]], **extra: Any
    ) -> dict[str, Any]:
        message_id = extra.pop("id", None) or self.next_id()
        message = {
            "id": str(message_id),
            "channel_id": str(DEFAULT_CHANNEL_ID),
            "type": 0,
            "author": bot_user_payload(),
            "content": body.get("content") or "",
            "embeds": body.get("embeds") or [],
            "components": body.get("components") or [],
            "attachments": [
                {
                    "id": str(i),
                    "filename": name,
                    "size": len(raw),
                    "url": f"https://cdn/{name}",
                    "proxy_url": f"https://cdn/{name}",
                }
                for i, (name, raw) in enumerate(files)
            ],
            "flags": body.get("flags") or 0,
            "timestamp": datetime.now(UTC).isoformat(),
            "edited_timestamp": None,
            "tts": False,
            "mention_everyone": False,
            "mentions": [],
            "mention_roles": [],
            "pinned": False,
            "application_id": str(APPLICATION_ID),
            **extra,
        }
        self.messages[message_id] = message
        return message

    def _edit(
        self, message_id: int, body: dict[str, Any], files: list[tuple[str, bytes]]
    ) -> dict[str, Any]:
        message = self.messages.get(message_id)
        if message is None:
            return self._message(body, files, id=message_id)
        for key in ("content", "embeds", "components"):
            if key in body:
                message[key] = (
                    body[key] if body[key] is not None else ([] if key != "content" else "")
                )
        if files:
            message["attachments"] = [
                {
                    "id": str(i),
                    "filename": n,
                    "size": len(r),
                    "url": f"https://cdn/{n}",
                    "proxy_url": f"https://cdn/{n}",
                }
                for i, (n, r) in enumerate(files)
            ]
        message["edited_timestamp"] = datetime.now(UTC).isoformat()
        return message

    def _answer(self, request: Request) -> tuple[int, Any]:
        parts = request.path.strip("/").split("/")
        body = request.body or {}
        if parts[0] == "interactions" and parts[-1] == "callback":
            interaction_id, token = parts[1], parts[2]
            kind = body.get("type")
            data = body.get("data") or {}
            answer: dict[str, Any] = {
                "interaction": {
                    "id": interaction_id,
                    "type": 2,
                    "response_message_loading": kind == CALLBACK_DEFER,
                    "response_message_ephemeral": bool((data.get("flags") or 0) & EPHEMERAL),
                }
            }
            message: dict[str, Any] | None = None
            if kind in (CALLBACK_MESSAGE, CALLBACK_DEFER):
                message = self._message(data, request.files)
                if kind == CALLBACK_DEFER:
                    message["flags"] |= LOADING
                self.originals[token] = int(message["id"])
            elif kind == CALLBACK_UPDATE:
                target = self.originals.get(f"component:{token}")
                if target is not None:
                    message = self._edit(target, data, request.files)
            if message is not None:
                answer["interaction"]["response_message_id"] = message["id"]
                answer["resource"] = {"type": kind, "message": message}
            return 200, answer
        if parts[0] == "webhooks":
            token = parts[2]
            if len(parts) == 3 and request.method == "POST":
                original = self.messages.get(self.originals.get(token, 0))
                if original is not None and original["flags"] & LOADING:
                    # The first followup after a defer fills the "thinking" message.
                    original["flags"] = (body.get("flags") or 0) | (original["flags"] & EPHEMERAL)
                    return 200, self._edit(int(original["id"]), body, request.files)
                return 200, self._message(body, request.files)
            if len(parts) == 5 and parts[3] == "messages":
                target = self.originals.get(token) if parts[4] == "@original" else int(parts[4])
                if target is None:
                    return 404, {"code": 10008, "message": "Unknown Message"}
                if request.method == "GET":
                    return 200, self.messages[target]
                if request.method == "PATCH":
                    return 200, self._edit(target, body, request.files)
                if request.method == "DELETE":
                    self.messages.pop(target, None)
                    return 204, None
        if parts[0] == "applications" and parts[-1] == "commands" and request.method == "PUT":
            echoed = request.body if isinstance(request.body, list) else []
            return 200, [
                {
                    "description": "",
                    **command,
                    "id": str(self.next_id()),
                    "application_id": str(APPLICATION_ID),
                    "version": "1",
                    "default_member_permissions": None,
                }
                for command in echoed
            ]
        if request.method == "GET":
            return 200, []
        return 200, {}


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


def user_payload(user_id: int) -> dict[str, Any]:
    return {
        "id": str(user_id),
        "username": f"user{user_id % 10000}",
        "discriminator": "0",
        "global_name": f"User {user_id % 10000}",
        "avatar": None,
        "public_flags": 0,
    }


@dataclass(frozen=True, slots=True)
class Actor:
    """Who sends an interaction, from where, in which language."""

    user_id: int = DEFAULT_USER_ID
    guild_id: int | None = DEFAULT_GUILD_ID
    locale: str = "en-US"
    roles: tuple[int, ...] = ()
    permissions: int = EVERYDAY_PERMISSIONS

    @property
    def in_dm(self) -> bool:
        return self.guild_id is None


def interaction_base(actor: Actor, interaction_id: int, kind: int) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "id": str(interaction_id),
        "application_id": str(APPLICATION_ID),
        "type": kind,
        "token": f"token-{interaction_id}",
        "version": 1,
        "locale": actor.locale,
        "app_permissions": str(EVERYDAY_PERMISSIONS | (1 << 14) | (1 << 15)),
        "entitlements": [],
        "attachment_size_limit": 8 * 1024 * 1024,
    }
    if actor.in_dm:
        payload["user"] = user_payload(actor.user_id)
        payload["channel_id"] = str(DEFAULT_CHANNEL_ID + 1)
        payload["channel"] = {
            "id": str(DEFAULT_CHANNEL_ID + 1),
            "type": 1,
            "recipients": [user_payload(actor.user_id)],
        }
        payload["context"] = 1
        payload["authorizing_integration_owners"] = {"0": str(actor.user_id)}
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
            "permissions": str(actor.permissions),
        }
        payload["member"] = {
            "user": user_payload(actor.user_id),
            "roles": [str(r) for r in actor.roles],
            "permissions": str(actor.permissions),
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
        payload["context"] = 0
        payload["authorizing_integration_owners"] = {"0": str(actor.guild_id)}
    return payload


@dataclass
class Exchange:
    """Everything the bot sent in answer to one interaction."""

    requests: list[Request]
    stand_in: DiscordStandIn

    @property
    def messages(self) -> list[dict[str, Any]]:
        return [m for r in self.requests if (m := r.message) is not None]

    @property
    def last(self) -> dict[str, Any]:
        """The last message body the bot sent or edited; fails loudly when there was none."""
        if not self.messages:
            raise AssertionError(f"the bot sent no message: {self.requests}")
        return self.messages[-1]

    @property
    def message_id(self) -> int:
        """The id of the first message this exchange created (to press its buttons)."""
        for request in self.requests:
            if request.created_id is not None:
                return request.created_id
        raise AssertionError(f"the bot created no message: {self.requests}")

    @property
    def ephemeral(self) -> bool:
        return bool(self.last.get("flags", 0) & EPHEMERAL)

    @property
    def choices(self) -> list[dict[str, Any]]:
        for request in self.requests:
            if request.callback_type == CALLBACK_AUTOCOMPLETE and request.body:
                return list(request.body["data"]["choices"])
        raise AssertionError(f"no autocomplete answer: {self.requests}")

    @property
    def modal(self) -> dict[str, Any]:
        for request in self.requests:
            if request.callback_type == CALLBACK_MODAL and request.body:
                return dict(request.body["data"])
        raise AssertionError(f"no modal was opened: {self.requests}")

    @property
    def files(self) -> list[tuple[str, bytes]]:
        return [f for r in self.requests for f in r.files]

    def text(self) -> str:
        return "\n".join(render_message(m) for m in self.messages) or "(no reply)"


def _walk_components(components: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for component in components:
        yield component
        yield from _walk_components(component.get("components") or [])
        if component.get("component"):
            yield from _walk_components([component["component"]])


def find_component(
    message: dict[str, Any],
    *,
    label: str | None = None,
    custom_id: str | None = None,
    kind: int | None = None,
) -> dict[str, Any]:
    for component in _walk_components(message.get("components") or []):
        if component.get("type") == 1:
            continue
        if label is not None and component.get("label") != label:
            continue
        if custom_id is not None and component.get("custom_id") != custom_id:
            continue
        if kind is not None and component.get("type") != kind:
            continue
        return component
    raise AssertionError(f"no component label={label!r} custom_id={custom_id!r} in {message}")


def render_message(message: dict[str, Any]) -> str:
    """What a person would read in the Discord client, as plain text."""
    lines: list[str] = []
    if message.get("flags", 0) & EPHEMERAL:
        lines.append("(only you can see this)")
    if message.get("content"):
        lines.append(message["content"])
    for embed in message.get("embeds") or []:
        if embed.get("title"):
            lines.append(f"== {embed['title']} ==")
        if embed.get("description"):
            lines.append(embed["description"])
        for fld in embed.get("fields") or []:
            lines.append(f"-- {fld['name']}:")
            lines.append(fld["value"])
        if embed.get("image"):
            lines.append(f"[image: {embed['image'].get('url')}]")
        if embed.get("footer"):
            lines.append(f"({embed['footer'].get('text')})")
    for attachment in message.get("attachments") or []:
        lines.append(f"[attachment: {attachment['filename']}]")
    for component in _walk_components(message.get("components") or []):
        if component.get("type") == 2:
            state = " (disabled)" if component.get("disabled") else ""
            label = component.get("label") or component.get("emoji", {}).get("name")
            lines.append(f"[button: {label}]{state}")
        elif component.get("type") == 3:
            options = ", ".join(o["label"] for o in component.get("options", []))
            lines.append(f"[select: {component.get('placeholder') or ''}: {options}]")
    return "\n".join(lines)


def limit_violations(request: Request) -> list[str]:
    """Every way one request breaks Discord's documented limits or could ping someone."""
    problems: list[str] = []
    body = request.body or {}
    if request.callback_type == CALLBACK_AUTOCOMPLETE:
        choices = body.get("data", {}).get("choices", [])
        if len(choices) > limits.CHOICES:
            problems.append(f"{len(choices)} autocomplete choices > {limits.CHOICES}")
        for choice in choices:
            if not 1 <= len(choice["name"]) <= limits.CHOICE_NAME:
                problems.append(f"choice name length {len(choice['name'])}")
            if len(str(choice["value"])) > limits.CHOICE_VALUE:
                problems.append(f"choice value length {len(str(choice['value']))}")
        return problems
    if request.callback_type == CALLBACK_MODAL:
        data = body.get("data", {})
        if len(data.get("title", "")) > limits.MODAL_TITLE:
            problems.append(f"modal title {len(data['title'])} > {limits.MODAL_TITLE}")
        if len(data.get("components", [])) > limits.MODAL_INPUTS:
            problems.append("more than 5 modal inputs")
        if len(data.get("custom_id", "")) > limits.CUSTOM_ID:
            problems.append("modal custom_id too long")
        return problems
    message = request.message
    if message is None:
        return problems
    content = message.get("content") or ""
    if len(content) > limits.CONTENT:
        problems.append(f"content {len(content)} > {limits.CONTENT}")
    embeds = message.get("embeds") or []
    if len(embeds) > limits.EMBEDS_PER_MESSAGE:
        problems.append(f"{len(embeds)} embeds > {limits.EMBEDS_PER_MESSAGE}")
    total = 0
    for embed in embeds:
        title, description = embed.get("title") or "", embed.get("description") or ""
        footer = (embed.get("footer") or {}).get("text") or ""
        author = (embed.get("author") or {}).get("name") or ""
        fields = embed.get("fields") or []
        if len(title) > limits.TITLE:
            problems.append(f"embed title {len(title)} > {limits.TITLE}")
        if len(description) > limits.DESCRIPTION:
            problems.append(f"embed description {len(description)} > {limits.DESCRIPTION}")
        if len(fields) > limits.FIELDS:
            problems.append(f"{len(fields)} fields > {limits.FIELDS}")
        if len(footer) > limits.FOOTER:
            problems.append(f"footer {len(footer)} > {limits.FOOTER}")
        for fld in fields:
            if not 1 <= len(fld["name"]) <= limits.FIELD_NAME:
                problems.append(f"field name length {len(fld['name'])}")
            if not 1 <= len(fld["value"]) <= limits.FIELD_VALUE:
                problems.append(f"field {fld['name']!r} value length {len(fld['value'])}")
        total += len(title) + len(description) + len(footer) + len(author)
        total += sum(len(f["name"]) + len(f["value"]) for f in fields)
    if total > limits.EMBED_TOTAL:
        problems.append(f"embeds total {total} > {limits.EMBED_TOTAL}")
    rows = message.get("components") or []
    if len(rows) > limits.ACTION_ROWS:
        problems.append(f"{len(rows)} action rows > {limits.ACTION_ROWS}")
    for row in rows:
        inner = row.get("components") or []
        if row.get("type") == 1 and len(inner) > limits.BUTTONS_PER_ROW:
            problems.append(f"{len(inner)} components in a row > {limits.BUTTONS_PER_ROW}")
    for component in _walk_components(rows):
        custom_id = component.get("custom_id")
        if custom_id is not None and len(custom_id) > limits.CUSTOM_ID:
            problems.append(f"custom_id {len(custom_id)} > {limits.CUSTOM_ID}")
        if component.get("type") == 2 and len(component.get("label") or "") > limits.BUTTON_LABEL:
            problems.append("button label too long")
        if component.get("type") == 3:
            options = component.get("options") or []
            if len(options) > limits.SELECT_OPTIONS:
                problems.append(f"{len(options)} select options > {limits.SELECT_OPTIONS}")
            for option in options:
                if len(option["label"]) > limits.SELECT_LABEL:
                    problems.append("select option label too long")
                if len(option.get("description") or "") > limits.SELECT_DESCRIPTION:
                    problems.append("select option description too long")
    if request.method != "PATCH" or "content" in message:
        mentions = message.get("allowed_mentions")
        if mentions is None:
            problems.append("no allowed_mentions: Discord would parse @everyone and roles")
        else:
            parse = mentions.get("parse") or []
            if "everyone" in parse or "roles" in parse or mentions.get("roles"):
                problems.append(f"allowed_mentions permits mass or role pings: {mentions}")
    return problems


def _option_type(parameter: app_commands.Parameter) -> int:
    return int(parameter.type.value)


def _coerce(parameter: app_commands.Parameter, value: Any) -> Any:
    option_type = parameter.type
    if option_type is discord.AppCommandOptionType.integer:
        return int(value)
    if option_type is discord.AppCommandOptionType.number:
        return float(value)
    if option_type is discord.AppCommandOptionType.boolean:
        if isinstance(value, str):
            return value.strip().lower() in ("1", "true", "yes", "on")
        return bool(value)
    return str(value)


class OfflineDiscord:
    """Drives an `AixBot` through real interaction payloads, without a gateway or a token."""

    def __init__(self, bot: AixBot) -> None:
        self.bot = bot
        self.stand_in = DiscordStandIn()
        self._ids = itertools.count(1_600_000_000_000_000_001)

    async def start(self) -> None:
        await self.bot._async_setup_hook()
        # What HTTPClient.static_login sets up, minus the network: our session, an open gate.
        self.bot.http._HTTPClient__session = self.stand_in  # type: ignore[attr-defined]
        self.bot.http._global_over = asyncio.Event()
        self.bot.http._global_over.set()
        self.bot._connection.application_id = APPLICATION_ID
        self.bot._connection.user = discord.ClientUser(
            state=self.bot._connection,
            data=bot_user_payload(),  # type: ignore[arg-type]
        )
        await self.bot.prepare()

    async def close(self) -> None:
        await self.bot.services.database.close()

    # -- finding commands ---------------------------------------------------------------------

    def find_command(self, path: str) -> app_commands.Command[Any, ..., Any]:
        names = path.strip().lstrip("/").split()
        command: Any = self.bot.tree.get_command(names[0]) if names else None
        for name in names[1:]:
            if not isinstance(command, app_commands.Group):
                command = None
                break
            command = command.get_command(name)
        if not isinstance(command, app_commands.Command):
            raise LookupError(f"no slash command /{' '.join(names)}")
        return command

    def _command_data(
        self,
        command: app_commands.Command[Any, ..., Any],
        options: dict[str, Any],
        focused: str | None,
    ) -> dict[str, Any]:
        params = {p.display_name: p for p in command.parameters}
        for name in options:
            if name not in params:
                raise LookupError(
                    f"/{command.qualified_name} has no option {name!r}; "
                    f"options: {', '.join(params)}"
                )
        leaf = []
        for name, value in options.items():
            parameter = params[name]
            option: dict[str, Any] = {"name": name, "type": _option_type(parameter)}
            if name == focused:
                option["value"] = str(value)
                option["focused"] = True
            else:
                option["value"] = _coerce(parameter, value)
            leaf.append(option)
        tree: list[dict[str, Any]] = leaf
        parent = command.parent
        node: Any = command
        while parent is not None:
            kind = 1 if isinstance(node, app_commands.Command) else 2
            tree = [{"name": node.name, "type": kind, "options": tree}]
            node, parent = parent, parent.parent
        return {"id": str(self.next_id()), "name": node.name, "type": 1, "options": tree}

    def next_id(self) -> int:
        return next(self._ids)

    # -- sending interactions -------------------------------------------------------------------

    async def dispatch(self, payload: dict[str, Any]) -> Exchange:
        """Feed one INTERACTION_CREATE payload to discord.py and wait for what it triggers."""
        start = len(self.stand_in.requests)
        before = set(asyncio.all_tasks())
        self.bot._connection.parse_interaction_create(payload)  # type: ignore[arg-type]
        seen: set[asyncio.Task[Any]] = set()
        while True:
            pending = [
                task
                for task in asyncio.all_tasks() - before - seen
                if task.get_name().startswith(DISPATCH_TASK_PREFIXES)
            ]
            if not pending:
                await asyncio.sleep(0)
                pending = [
                    task
                    for task in asyncio.all_tasks() - before - seen
                    if task.get_name().startswith(DISPATCH_TASK_PREFIXES)
                ]
                if not pending:
                    break
            seen.update(pending)
            await asyncio.gather(*pending, return_exceptions=True)
        return Exchange(self.stand_in.requests[start:], self.stand_in)

    async def command(self, path: str, actor: Actor = Actor(), /, **options: Any) -> Exchange:
        command = self.find_command(path)
        interaction_id = self.next_id()
        payload = interaction_base(actor, interaction_id, 2)
        payload["data"] = self._command_data(command, options, None)
        return await self.dispatch(payload)

    async def autocomplete(
        self, path: str, focused: str, actor: Actor = Actor(), /, **options: Any
    ) -> Exchange:
        command = self.find_command(path)
        payload = interaction_base(actor, self.next_id(), 4)
        payload["data"] = self._command_data(command, options, focused)
        return await self.dispatch(payload)

    async def message_command(
        self, name: str, content: str, actor: Actor = Actor(), *, author_id: int = 42
    ) -> Exchange:
        target_id = self.next_id()
        message = {
            "id": str(target_id),
            "channel_id": str(DEFAULT_CHANNEL_ID),
            "type": 0,
            "author": user_payload(author_id),
            "content": content,
            "embeds": [],
            "components": [],
            "attachments": [],
            "timestamp": datetime.now(UTC).isoformat(),
            "edited_timestamp": None,
            "tts": False,
            "mention_everyone": False,
            "mentions": [],
            "mention_roles": [],
            "pinned": False,
            "flags": 0,
        }
        payload = interaction_base(actor, self.next_id(), 2)
        payload["data"] = {
            "id": str(self.next_id()),
            "name": name,
            "type": 3,
            "target_id": str(target_id),
            "resolved": {"messages": {str(target_id): message}},
        }
        return await self.dispatch(payload)

    async def press(
        self,
        message_id: int,
        actor: Actor = Actor(),
        *,
        label: str | None = None,
        custom_id: str | None = None,
    ) -> Exchange:
        message = self.stand_in.messages[message_id]
        component = find_component(message, label=label, custom_id=custom_id, kind=2)
        return await self._component(message, component["custom_id"], 2, actor)

    async def choose(
        self,
        message_id: int,
        values: list[str],
        actor: Actor = Actor(),
        *,
        custom_id: str | None = None,
    ) -> Exchange:
        message = self.stand_in.messages[message_id]
        component = find_component(message, custom_id=custom_id, kind=3)
        return await self._component(message, component["custom_id"], 3, actor, values)

    async def _component(
        self,
        message: dict[str, Any],
        custom_id: str,
        component_type: int,
        actor: Actor,
        values: list[str] | None = None,
    ) -> Exchange:
        interaction_id = self.next_id()
        payload = interaction_base(actor, interaction_id, 3)
        payload["message"] = message
        payload["data"] = {"custom_id": custom_id, "component_type": component_type}
        if values is not None:
            payload["data"]["values"] = values
        self.stand_in.originals[f"component:{payload['token']}"] = int(message["id"])
        return await self.dispatch(payload)

    async def submit(
        self, modal: dict[str, Any], values: dict[str, str], actor: Actor = Actor()
    ) -> Exchange:
        """Submit a modal the bot opened, filling inputs by their label or custom_id."""
        rows = []
        for row in modal.get("components", []):
            inputs = []
            for component in _walk_components([row]):
                if component.get("type") == 4:
                    label = str(component.get("label"))
                    key = label if label in values else str(component["custom_id"])
                    inputs.append(
                        {
                            "type": 4,
                            "custom_id": component["custom_id"],
                            "value": values.get(key, component.get("value") or ""),
                        }
                    )
            if row.get("type") == 18:
                rows.append({"type": 18, "component": inputs[0]})
            else:
                rows.append({"type": 1, "components": inputs})
        payload = interaction_base(actor, self.next_id(), 5)
        payload["data"] = {"custom_id": modal["custom_id"], "components": rows}
        return await self.dispatch(payload)
