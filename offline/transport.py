"""Discord's REST API as discord.py's aiohttp session sees it: every request recorded, every
answer the one Discord would give, interaction tokens with Discord's lifetime rules.

An interaction token can be answered once (`POST /interactions/{id}/{token}/callback`; a second
callback is 400, code 40060). Its webhook (`/webhooks/{app}/{token}`: followups, the @original
message) exists only once the interaction was answered (404, code 10015 before). An expired token
(`DiscordStandIn.expire`, or `expired=True` when dispatching) answers the callback with 404, code
10062, and every webhook call with 404, code 10015. Files on the CDN (attachments users sent,
files the bot uploaded) are served to `discord.Attachment.read()`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import aiohttp

from offline.ids import new_id
from offline.payloads import (
    APPLICATION_ID,
    CDN,
    DEFAULT_CHANNEL_ID,
    MEDIA,
    bot_user_payload,
)

CALLBACK_PONG = 1
CALLBACK_MESSAGE = 4
CALLBACK_DEFER = 5
CALLBACK_DEFER_UPDATE = 6
CALLBACK_UPDATE = 7
CALLBACK_AUTOCOMPLETE = 8
CALLBACK_MODAL = 9
EPHEMERAL = 1 << 6
LOADING = 1 << 7

INTERACTION_COMMAND = 2
INTERACTION_COMPONENT = 3
INTERACTION_AUTOCOMPLETE = 4
INTERACTION_MODAL_SUBMIT = 5

ALLOWED_CALLBACKS = {
    INTERACTION_COMMAND: {CALLBACK_MESSAGE, CALLBACK_DEFER, CALLBACK_MODAL},
    INTERACTION_COMPONENT: {
        CALLBACK_MESSAGE,
        CALLBACK_DEFER,
        CALLBACK_DEFER_UPDATE,
        CALLBACK_UPDATE,
        CALLBACK_MODAL,
    },
    INTERACTION_AUTOCOMPLETE: {CALLBACK_AUTOCOMPLETE},
    INTERACTION_MODAL_SUBMIT: {
        CALLBACK_MESSAGE,
        CALLBACK_DEFER,
        CALLBACK_DEFER_UPDATE,
        CALLBACK_UPDATE,
    },
}
"""Which callback types answer which interaction types (receiving-and-responding, "Interaction
Callback Type"). UPDATE_MESSAGE needs a message, which a modal submit has only when a component
opened the modal."""

UNKNOWN_MESSAGE = (10008, "Unknown Message")
UNKNOWN_WEBHOOK = (10015, "Unknown Webhook")
UNKNOWN_INTERACTION = (10062, "Unknown interaction")
ALREADY_ACKNOWLEDGED = (40060, "Interaction has already been acknowledged.")
INVALID_FORM_BODY = (50035, "Invalid Form Body")


def error(code_and_message: tuple[int, str], **extra: Any) -> dict[str, Any]:
    code, message = code_and_message
    return {"code": code, "message": message, **extra}


@dataclass(slots=True)
class Request:
    """One HTTP request discord.py made, with the JSON body it would have sent."""

    method: str
    path: str
    body: Any
    """The JSON body (of a multipart request: its payload_json): a dict for messages and
    callbacks, a list for a command sync."""
    files: list[tuple[str, bytes]] = field(default_factory=list)
    created_id: int | None = None
    """The id of the message this request created, if it created one."""
    query: dict[str, str] = field(default_factory=dict)
    multipart: bool = False
    status: int = 200
    """The status the stand-in answered with."""
    answer: Any = None
    """The JSON the stand-in answered with."""

    @property
    def ok(self) -> bool:
        return self.status < 300

    @property
    def error_code(self) -> int | None:
        """Discord's JSON error code when the request was refused."""
        if self.ok or not isinstance(self.answer, dict):
            return None
        code = self.answer.get("code")
        return code if isinstance(code, int) else None

    @property
    def is_callback(self) -> bool:
        return self.path.endswith("/callback")

    @property
    def callback_type(self) -> int | None:
        return self.body.get("type") if self.is_callback and isinstance(self.body, dict) else None

    @property
    def token(self) -> str | None:
        parts = self.path.strip("/").split("/")
        if parts[0] == "interactions" and len(parts) >= 3:
            return parts[2]
        if parts[0] == "webhooks" and len(parts) >= 3:
            return parts[2]
        return None

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
        if "/channels/" in self.path and self.method in ("POST", "PATCH"):
            return self.body
        return None

    def __repr__(self) -> str:
        status = "" if self.ok else f" -> {self.status} {self.error_code}"
        return f"Request({self.method} {self.path}{status}, body={self.body!r})"


class _FakeResponse:
    def __init__(self, status: int, data: Any, raw: bytes | None = None) -> None:
        self.status = status
        self._raw = raw
        self._text = "" if data is None else json.dumps(data)
        self.headers: dict[str, str] = {}
        if data is not None:
            self.headers["content-type"] = "application/json"
        self.reason = {200: "OK", 204: "No Content", 400: "Bad Request", 404: "Not Found"}.get(
            status, "Error"
        )

    async def text(self, encoding: str = "utf-8") -> str:
        if self._raw is not None:
            return self._raw.decode(encoding, errors="replace")
        return self._text

    async def read(self) -> bytes:
        return self._raw if self._raw is not None else self._text.encode()

    async def json(self, **_: Any) -> Any:
        return json.loads(self._text)

    def release(self) -> None:
        return None

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
            if isinstance(value, bytes | bytearray):
                raw = value
            else:
                raw = value.getvalue() if hasattr(value, "getvalue") else value.read()
            files.append((str(options["filename"]), bytes(raw)))
    return body, files


@dataclass
class InteractionState:
    """What Discord knows about one interaction token."""

    interaction_id: str
    kind: int
    """The interaction type: 2 command, 3 component, 4 autocomplete, 5 modal submit."""
    source_message: int | None = None
    """For a component, or a modal opened from one: the message it came from."""
    callback: int | None = None
    """The callback type it was answered with; None while unanswered."""
    channel_id: int = DEFAULT_CHANNEL_ID
    expired: bool = False
    messages: set[int] = field(default_factory=set)
    """Messages this token created or may edit."""
    user: dict[str, Any] | None = None
    """Who acted: Discord names them in the `interaction_metadata` of every message the token
    creates, so a later press can tell whose answer a message is."""
    owners: dict[str, str] = field(default_factory=dict)
    """The interaction's authorizing_integration_owners, carried into that metadata too."""

    def metadata(self, source: int | None) -> dict[str, Any] | None:
        """The `interaction_metadata` of a message this interaction creates."""
        if self.user is None:
            return None
        data: dict[str, Any] = {
            "id": self.interaction_id,
            "type": self.kind,
            "user": self.user,
            "authorizing_integration_owners": self.owners,
        }
        if source is not None:
            data["interacted_message_id"] = str(source)
        return data


class DiscordStandIn:
    """Answers discord.py's HTTP requests as Discord would, remembering the messages sent."""

    def __init__(self) -> None:
        self.closed = False
        self.requests: list[Request] = []
        self.messages: dict[int, dict[str, Any]] = {}
        self.originals: dict[str, int] = {}
        """Interaction token → id of its original response message."""
        self.interactions: dict[str, InteractionState] = {}
        self.cdn: dict[str, bytes] = {}
        """CDN url → the bytes a GET of it returns."""
        self.downloads: list[str] = []
        """CDN urls the bot fetched, in order."""
        self.modal_sources: dict[str, int] = {}
        """custom_id of a modal a component opened → that component's message."""
        self.open_modals: set[str] = set()
        """custom_ids of the modals on screen: opened, not yet submitted."""

    def next_id(self) -> int:
        return new_id()

    async def close(self) -> None:
        self.closed = True

    # -- interaction lifetime ---------------------------------------------------------------

    def register(self, payload: dict[str, Any]) -> InteractionState:
        """Discord created this interaction: its token can now be answered."""
        message = payload.get("message")
        source = int(message["id"]) if isinstance(message, dict) else None
        state = InteractionState(str(payload["id"]), int(payload["type"]), source)
        state.channel_id = int(payload.get("channel_id") or DEFAULT_CHANNEL_ID)
        member = payload.get("member")
        state.user = (member or {}).get("user") or payload.get("user")
        state.owners = dict(payload.get("authorizing_integration_owners") or {})
        if source is not None:
            state.messages.add(source)
        self.interactions[str(payload["token"])] = state
        return state

    def expire(self, token: str) -> None:
        """The token's 15 minutes (or, unanswered, its 3 seconds) are over."""
        state = self.interactions.get(token)
        if state is None:
            raise KeyError(f"no interaction has token {token!r}")
        state.expired = True

    # -- the session --------------------------------------------------------------------------

    def get(self, url: str, **kwargs: Any) -> _FakeResponse:
        return self.request("GET", url, **kwargs)

    def request(self, method: str, url: str, **kwargs: Any) -> _FakeResponse:
        parts = urlsplit(str(url))
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin in (CDN, MEDIA) or parts.netloc.endswith(("discordapp.com", "discordapp.net")):
            return self._cdn(method, str(url))
        body: Any = None
        files: list[tuple[str, bytes]] = []
        data = kwargs.get("data")
        multipart = isinstance(data, aiohttp.FormData)
        if isinstance(data, aiohttp.FormData):
            body, files = _form_parts(data)
        elif isinstance(data, str | bytes):
            body = json.loads(data)
        elif kwargs.get("json") is not None:
            body = kwargs["json"]
        query = dict(parse_qsl(parts.query))
        query.update({str(k): str(v) for k, v in (kwargs.get("params") or {}).items()})
        path = parts.path.removeprefix("/api/v10")
        request = Request(method, path, body, files, query=query, multipart=multipart)
        self.requests.append(request)
        status, answer = self._answer(request)
        request.status, request.answer = status, answer
        posted = request.method == "POST" and path.startswith(("/webhooks/", "/channels/"))
        # A callback's message is named as it is made (_callback): with or without a body.
        if status < 300 and isinstance(answer, dict) and posted and not request.is_callback:
            request.created_id = int(answer["id"])
        return _FakeResponse(status, answer)

    def _cdn(self, method: str, url: str) -> _FakeResponse:
        self.downloads.append(url)
        raw = self.cdn.get(url) or self.cdn.get(url.split("?", 1)[0])
        if method != "GET" or raw is None:
            return _FakeResponse(404, None, raw=b"Not Found")
        return _FakeResponse(200, None, raw=raw)

    # -- messages -----------------------------------------------------------------------------

    def _attachments(self, files: list[tuple[str, bytes]], channel_id: int) -> list[dict[str, Any]]:
        out = []
        for name, raw in files:
            attachment_id = self.next_id()
            url = f"{CDN}/attachments/{channel_id}/{attachment_id}/{name}"
            self.cdn[url] = raw
            out.append(
                {
                    "id": str(attachment_id),
                    "filename": name,
                    "size": len(raw),
                    "url": url,
                    "proxy_url": url.replace(CDN, MEDIA),
                }
            )
        return out

    def _message(
        self, body: dict[str, Any], files: list[tuple[str, bytes]], **extra: Any
    ) -> dict[str, Any]:
        message_id = extra.pop("id", None) or self.next_id()
        channel_id = int(extra.pop("channel_id", DEFAULT_CHANNEL_ID))
        message = {
            "id": str(message_id),
            "channel_id": str(channel_id),
            "type": 0,
            "author": bot_user_payload(),
            "content": body.get("content") or "",
            "embeds": body.get("embeds") or [],
            "components": body.get("components") or [],
            "attachments": self._attachments(files, channel_id),
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
        if files or "attachments" in body:
            kept_ids = {str(a.get("id")) for a in body.get("attachments") or []}
            kept = [a for a in message["attachments"] if a["id"] in kept_ids]
            message["attachments"] = kept + self._attachments(files, int(message["channel_id"]))
        message["edited_timestamp"] = datetime.now(UTC).isoformat()
        return message

    # -- routes ------------------------------------------------------------------------------

    def _answer(self, request: Request) -> tuple[int, Any]:
        parts = request.path.strip("/").split("/")
        if parts[0] == "interactions" and len(parts) == 4 and parts[-1] == "callback":
            return self._callback(request, parts[1], parts[2])
        if parts[0] == "webhooks" and len(parts) >= 3:
            return self._webhook(request, parts)
        if parts[0] == "applications" and parts[-1] == "commands" and request.method == "PUT":
            return self._sync(request)
        if parts[0] == "channels" and len(parts) in (3, 4) and parts[2] == "messages":
            return self._channel_message(request, parts)
        if request.method == "GET":
            return 200, []
        return 200, {}

    def _callback(self, request: Request, interaction_id: str, token: str) -> tuple[int, Any]:
        state = self.interactions.get(token)
        if state is None or state.expired or state.interaction_id != interaction_id:
            return 404, error(UNKNOWN_INTERACTION)
        if state.callback is not None:
            return 400, error(ALREADY_ACKNOWLEDGED)
        body = request.body if isinstance(request.body, dict) else {}
        kind = body.get("type")
        allowed = set(ALLOWED_CALLBACKS.get(state.kind, ()))
        if state.source_message is None:
            allowed.discard(CALLBACK_UPDATE)  # there is no message to update
        if kind not in allowed:
            return 400, error(
                INVALID_FORM_BODY,
                errors={
                    "type": {
                        "_errors": [
                            {
                                "code": "INTERACTION_CALLBACK_TYPE_INVALID",
                                "message": f"callback type {kind} cannot answer an interaction"
                                f" of type {state.kind}",
                            }
                        ]
                    }
                },
            )
        state.callback = int(kind)
        data = body.get("data") or {}
        answer: dict[str, Any] = {
            "interaction": {
                "id": interaction_id,
                "type": state.kind,
                "response_message_loading": kind == CALLBACK_DEFER,
                "response_message_ephemeral": bool((data.get("flags") or 0) & EPHEMERAL),
            }
        }
        message: dict[str, Any] | None = None
        if kind in (CALLBACK_MESSAGE, CALLBACK_DEFER):
            message = self._message(
                data, request.files, channel_id=state.channel_id, **self._stamp(state)
            )
            if kind == CALLBACK_DEFER:
                message["flags"] |= LOADING
            self.originals[token] = request.created_id = int(message["id"])
            state.messages.add(int(message["id"]))
        elif kind in (CALLBACK_DEFER_UPDATE, CALLBACK_UPDATE) and state.source_message:
            # The original response of a component interaction is the message it is on.
            self.originals[token] = state.source_message
            if kind == CALLBACK_UPDATE:
                message = self._edit(state.source_message, data, request.files)
        elif kind == CALLBACK_MODAL:
            custom_id = str(data.get("custom_id"))
            self.open_modals.add(custom_id)
            if state.source_message is not None:
                self.modal_sources[custom_id] = state.source_message
        answer["resource"] = {"type": kind}
        if message is not None:
            answer["interaction"]["response_message_id"] = message["id"]
            if kind != CALLBACK_DEFER:  # a deferral's "thinking" message is not a resource
                answer["resource"]["message"] = message
        if request.query.get("with_response", "").lower() not in ("1", "true"):
            return 204, None
        return 200, answer

    @staticmethod
    def _stamp(state: InteractionState) -> dict[str, Any]:
        metadata = state.metadata(state.source_message)
        return {} if metadata is None else {"interaction_metadata": metadata}

    def _webhook(self, request: Request, parts: list[str]) -> tuple[int, Any]:
        token = parts[2]
        state = self.interactions.get(token)
        if (
            parts[1] != str(APPLICATION_ID)
            or state is None
            or state.expired
            or state.callback is None
        ):
            # The interaction's webhook exists once it was answered, for 15 minutes.
            return 404, error(UNKNOWN_WEBHOOK)
        body = request.body if isinstance(request.body, dict) else {}
        if len(parts) == 3 and request.method == "POST":
            original = self.messages.get(self.originals.get(token, 0))
            if original is not None and original["flags"] & LOADING:
                # The first followup after a defer fills the "thinking" message; the deferral
                # decided whether it is ephemeral.
                flags = (body.get("flags") or 0) & ~EPHEMERAL
                original["flags"] = flags | (original["flags"] & EPHEMERAL)
                return 200, self._edit(int(original["id"]), body, request.files)
            message = self._message(
                body, request.files, channel_id=state.channel_id, **self._stamp(state)
            )
            state.messages.add(int(message["id"]))
            return 200, message
        if len(parts) == 5 and parts[3] == "messages":
            if parts[4] == "@original":
                target = self.originals.get(token)
            else:
                target = int(parts[4]) if parts[4].isdigit() else None
                if target not in state.messages:
                    target = None
            if target is None or target not in self.messages:
                return 404, error(UNKNOWN_MESSAGE)
            if request.method == "GET":
                return 200, self.messages[target]
            if request.method == "PATCH":
                message = self._edit(target, body, request.files)
                message["flags"] &= ~LOADING  # an edit fills a "thinking" message
                return 200, message
            if request.method == "DELETE":
                self.messages.pop(target, None)
                return 204, None
        return 404, error((0, "404: Not Found"))

    def _channel_message(self, request: Request, parts: list[str]) -> tuple[int, Any]:
        """The bot's own REST calls on a channel's messages (not through an interaction token).
        Ephemeral messages exist only for their interaction: the channel API does not know
        them."""
        body = request.body if isinstance(request.body, dict) else {}
        channel_id = int(parts[1]) if parts[1].isdigit() else DEFAULT_CHANNEL_ID
        if len(parts) == 3:
            if request.method != "POST":
                return (200, []) if request.method == "GET" else (404, error((0, "Not Found")))
            return 200, self._message(body, request.files, channel_id=channel_id)
        message_id = int(parts[3]) if parts[3].isdigit() else 0
        message = self.messages.get(message_id)
        if message is None or message["flags"] & EPHEMERAL or message["channel_id"] != parts[1]:
            return 404, error(UNKNOWN_MESSAGE)
        if request.method == "GET":
            return 200, message
        if request.method == "PATCH":
            return 200, self._edit(message_id, body, request.files)
        if request.method == "DELETE":
            self.messages.pop(message_id, None)
            return 204, None
        return 404, error((0, "Not Found"))

    def _sync(self, request: Request) -> tuple[int, Any]:
        echoed = request.body if isinstance(request.body, list) else []
        answer = []
        for command in echoed:
            required = command.get("default_member_permissions")
            answer.append(
                {
                    "description": "",
                    "type": 1,
                    "contexts": None,
                    "integration_types": [0],
                    "nsfw": False,
                    **command,
                    "id": str(self.next_id()),
                    "application_id": str(APPLICATION_ID),
                    "version": str(self.next_id()),
                    "default_member_permissions": None if required is None else str(required),
                }
            )
        return 200, answer
