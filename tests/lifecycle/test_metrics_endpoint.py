"""`aixbot run` with METRICS_PORT: /healthz follows the process from start to shutdown, and
/metrics counts what it answered over a real gateway."""

from __future__ import annotations

import asyncio
import re
import signal
import socket
from pathlib import Path
from typing import Any

import aiohttp

from tests.lifecycle.conftest import aixbot, run, start_run
from tests.lifecycle.fake_discord import FakeDiscord
from tests.lifecycle.test_run_against_a_fake_discord import define
from tests.platform.test_metrics import get, parse, value

TIMEOUT_S = 120


class HeldReady(FakeDiscord):
    """A Discord that sends READY only when the test says so, so "starting" can be seen."""

    def __init__(self) -> None:
        super().__init__()
        self.release = asyncio.Event()

    async def _dispatch(self, event: str, data: dict[str, Any]) -> None:
        if event == "READY":
            await self.release.wait()
        await super()._dispatch(event, data)


async def line_matching(
    stream: asyncio.StreamReader, pattern: str, seen: list[str]
) -> re.Match[str]:
    """Read log lines (keeping them in `seen`) until one matches; the timeout is the failure."""
    while True:
        line = (await asyncio.wait_for(stream.readline(), TIMEOUT_S)).decode()
        assert line, "the bot exited before logging " + pattern + ":\n" + "".join(seen)
        seen.append(line)
        if found := re.search(pattern, line):
            return found


async def test_healthz_and_metrics_of_a_running_bot(tmp_path: Path) -> None:
    """503 while starting, 200 once every shard is ready, commands and the shard's gateway
    latency on /metrics, and the port closed after SIGTERM's clean exit."""
    fake = HeldReady()
    await fake.start()
    child = await start_run(
        tmp_path, fake.api_url, f"sqlite+aiosqlite:///{tmp_path}/data/aixbot.db", METRICS_PORT="0"
    )
    seen: list[str] = []
    try:
        assert child.stderr is not None
        serving = await line_matching(child.stderr, r"metrics: serving .* port (\d+)", seen)
        port = int(serving.group(1))
        assert await get(port, "/healthz") == (503, "starting\n")
        fake.release.set()
        await line_matching(child.stderr, r"ready: shards 0 of 1;", seen)
        assert await get(port, "/healthz") == (200, "ready\n")
        await fake.interaction(define(1, "transformer"))
        await fake.interaction(define(2, "no such term at all"))
        for _ in range(2):
            await asyncio.wait_for(fake.callbacks.get(), TIMEOUT_S)
        await line_matching(child.stderr, r"command=define .* outcome=user_error", seen)
        status, text = await get(port, "/metrics")
        child.send_signal(signal.SIGTERM)
        rest = (await asyncio.wait_for(child.stderr.read(), TIMEOUT_S)).decode()
        exit_status = await child.wait()
    finally:
        if child.returncode is None:
            child.kill()
        await fake.stop()
    err = "".join(seen) + rest
    assert exit_status == 0, err
    assert status == 200
    samples = parse(text)
    assert value(samples, "aixbot_commands_total", command="define", outcome="ok") == 1
    assert value(samples, "aixbot_commands_total", command="define", outcome="user_error") == 1
    assert value(samples, "aixbot_command_latency_seconds_count", command="define") == 2
    assert value(samples, "aixbot_errors_total", type="EntryNotFound") == 1
    assert value(samples, "aixbot_entries", kind="term") > 0
    assert 0 <= value(samples, "aixbot_gateway_latency_seconds", shard="0") < TIMEOUT_S
    assert "Traceback" not in err
    try:
        await get(port, "/healthz")
    except aiohttp.ClientConnectionError:
        pass
    else:
        raise AssertionError("the metrics port still answers after the bot exited")


def test_a_taken_metrics_port_is_one_line_and_exit_2(tmp_path: Path, sqlite_url: str) -> None:
    """Another process on METRICS_PORT stops `aixbot run` before it touches the database or
    Discord: one line naming the variable and the port, status 2, no traceback."""
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1]
        result = run(
            aixbot("run"),
            tmp_path,
            DISCORD_TOKEN="fake-token",
            DISCORD_API_URL="http://127.0.0.1:9/api/v10",
            DATABASE_URL=sqlite_url,
            METRICS_PORT=str(port),
        )
    assert result.returncode == 2, result.stderr
    named = [line for line in result.stderr.splitlines() if line.startswith("METRICS_PORT:")]
    assert named == [
        f"METRICS_PORT: cannot listen on 127.0.0.1 port {port} (Address already in use); choose "
        "a free port, or leave METRICS_PORT unset to serve no metrics."
    ], result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "data").exists()
