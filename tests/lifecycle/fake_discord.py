"""A local Discord for real `aixbot run` processes: REST and a gateway on 127.0.0.1.

The REST answers come from the same stand-in the in-process tests use (offline), so a reply
looks the same on both paths; the gateway speaks just enough of Discord's protocol (HELLO,
IDENTIFY, READY, heartbeats, dispatches) for discord.py to connect, receive interactions and
close. Tests point the bot at it with DISCORD_API_URL.
"""

from __future__ import annotations

import asyncio
import json
import time
from typing import Any

from aiohttp import WSMsgType, web

from offline import APPLICATION_ID, DiscordStandIn, bot_user_payload


def as_json(data: Any, status: int = 200) -> web.Response:
    """discord.py parses a body as JSON only when the content type is exactly this."""
    return web.Response(
        status=status, body=json.dumps(data).encode(), headers={"Content-Type": "application/json"}
    )


class FakeDiscord:
    def __init__(self, stand_in: DiscordStandIn | None = None) -> None:
        """`stand_in`: one that also notes what it answers (the bench times each interaction
        from its dispatch here to its answer arriving at the stand-in)."""
        self.stand_in = stand_in or DiscordStandIn()
        self.identified = asyncio.Event()
        self.closed = asyncio.Event()
        self.close_code: int | None = None
        self.callbacks: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        self._socket: web.WebSocketResponse | None = None
        self._sequence = 1
        self._runner: web.AppRunner | None = None
        self.port = 0

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/v10"

    async def start(self) -> None:
        app = web.Application()
        app.router.add_get("/gateway", self._gateway)
        app.router.add_route("*", "/api/v10/{path:.*}", self._rest)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        server = site._server
        assert server is not None
        self.port = server.sockets[0].getsockname()[1]  # type: ignore[attr-defined]

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    async def _rest(self, request: web.Request) -> web.StreamResponse:
        arrived = time.perf_counter()
        path = "/" + request.match_info["path"]
        if path == "/users/@me":
            return as_json(bot_user_payload())
        if path == "/gateway/bot":
            return as_json(
                {
                    "url": f"ws://127.0.0.1:{self.port}/gateway",
                    "shards": 1,
                    "session_start_limit": {
                        "total": 1000,
                        "remaining": 1000,
                        "reset_after": 0,
                        "max_concurrency": 1,
                    },
                }
            )
        if path == "/oauth2/applications/@me":
            return as_json(
                {
                    "id": str(APPLICATION_ID),
                    "name": "aixbot",
                    "icon": None,
                    "description": "",
                    "bot_public": True,
                    "bot_require_code_grant": False,
                    "verify_key": "0" * 64,
                    "owner": bot_user_payload(),
                    "team": None,
                    "flags": 0,
                }
            )
        kwargs: dict[str, Any] = {}
        if request.content_type == "application/json":
            kwargs["json"] = await request.json()
        elif request.content_type.startswith("multipart/"):
            reader = await request.multipart()
            async for part in reader:
                if getattr(part, "name", None) == "payload_json":
                    kwargs["json"] = json.loads(await part.text())  # type: ignore[union-attr]
        # With its query: `?with_response=true` is what makes a callback answer with the
        # interaction and message discord.py reads back (without it: 204 and no body).
        query = f"?{request.query_string}" if request.query_string else ""
        # `arrived`: when the bot's request reached us, before we read its body, for a stand-in
        # that times answers (the bench): reading and checking it is Discord's work, not the bot's.
        answer = self.stand_in.request(
            request.method, f"{self.api_url}{path}{query}", arrived=arrived, **kwargs
        )
        if path.endswith("/callback"):
            await self.callbacks.put(kwargs.get("json") or {})
        text = await answer.text()
        if not text:
            return web.Response(status=answer.status)
        return as_json(json.loads(text), answer.status)

    async def _gateway(self, request: web.Request) -> web.WebSocketResponse:
        socket = web.WebSocketResponse()
        await socket.prepare(request)
        self._socket = socket
        await socket.send_json({"op": 10, "d": {"heartbeat_interval": 41250}})
        async for message in socket:
            if message.type is not WSMsgType.TEXT:
                continue
            payload = json.loads(message.data)
            if payload["op"] == 1:
                await socket.send_json({"op": 11})
            elif payload["op"] == 2:
                await self._dispatch("READY", self._ready())
                self.identified.set()
        self.close_code = socket.close_code
        self.closed.set()
        return socket

    def _ready(self) -> dict[str, Any]:
        return {
            "v": 10,
            "user": bot_user_payload(),
            "guilds": [],
            "session_id": "fake-session",
            "resume_gateway_url": f"ws://127.0.0.1:{self.port}/gateway",
            "application": {"id": str(APPLICATION_ID), "flags": 0},
            "shard": [0, 1],
        }

    async def _dispatch(self, event: str, data: dict[str, Any]) -> None:
        assert self._socket is not None
        self._sequence += 1
        await self._socket.send_json({"op": 0, "t": event, "s": self._sequence, "d": data})

    async def interaction(self, payload: dict[str, Any]) -> None:
        await self._dispatch("INTERACTION_CREATE", payload)
