"""Two real bot processes on one PostgreSQL database, serving the same guild (as during a rolling
deploy): B runs `aixbot run` against a local Discord and is up before anything is edited; A takes
a moderator's /edit (tests/lifecycle/edit_stream.py, the real command tree). B must answer
/define with A's text, and again after its listener's connection is cut with
pg_terminate_backend, and B serves a release `aixbot knowledge load` put in the database while it
ran. Every wait reads a line B or A writes; the timeouts only fail the test.
"""

from __future__ import annotations

import asyncio
import json
import re
import shutil
import signal
import sys
from pathlib import Path
from typing import Any

import asyncpg

from bot.knowledge.files import DEFAULT_ROOT
from bot.knowledge.sync import APPLICATION_NAME, listener_dsn
from tests.lifecycle.conftest import aixbot, child_env, start_run
from tests.lifecycle.edit_stream import summary
from tests.lifecycle.fake_discord import FakeDiscord
from tests.lifecycle.test_run_against_a_fake_discord import define

FAIL_AFTER_S = 120.0
RLHF_SUMMARY = "A post-training method in which people compare model outputs"
RELEASED = "Released while the fleet runs, people compare model outputs"


class Lines:
    """A child's stream, read line by line, keeping everything read for the failure message."""

    def __init__(self, stream: asyncio.StreamReader | None) -> None:
        assert stream is not None
        self.stream = stream
        self.seen: list[str] = []

    async def until(self, pattern: str) -> str:
        wanted = re.compile(pattern)
        try:
            async with asyncio.timeout(FAIL_AFTER_S):
                while line := (await self.stream.readline()).decode():
                    self.seen.append(line)
                    if wanted.search(line):
                        return line
        except TimeoutError:
            pass
        raise AssertionError(f"no line matching {pattern!r} in:\n{''.join(self.seen)}")


async def latest_revision(url: str) -> int:
    connection: asyncpg.Connection[Any] = await asyncpg.connect(listener_dsn(url))
    try:
        return int(await connection.fetchval("SELECT max(id) FROM revisions"))
    finally:
        await connection.close()


async def cut_listener(url: str, pid: int) -> int:
    """Terminate the listener connection of process `pid`; how many were terminated."""
    connection: asyncpg.Connection[Any] = await asyncpg.connect(listener_dsn(url))
    try:
        cut = await connection.fetch(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1",
            f"{APPLICATION_NAME} pid={pid}",
        )
    finally:
        await connection.close()
    return sum(1 for row in cut if row[0])


async def defined(fake: FakeDiscord, number: int, term: str = "transformer") -> str:
    """B's answer to /define, as the embeds' text."""
    await fake.interaction(define(number, term))
    callback = await asyncio.wait_for(fake.callbacks.get(), FAIL_AFTER_S)
    return json.dumps(callback["data"]["embeds"], ensure_ascii=False)


async def edited(a_in: asyncio.StreamWriter, a_out: Lines, n: int, url: str) -> int:
    """Edit n through A; the revision id it wrote."""
    a_in.write((json.dumps({"n": n}) + "\n").encode())
    await a_in.drain()
    reply = json.loads(await a_out.until(rf'"n": {n}\b'))
    assert reply["reply"] == "saved", reply
    return await latest_revision(url)


async def test_an_edit_through_one_process_is_served_by_the_other(
    tmp_path: Path, pg_url: str
) -> None:
    fake = FakeDiscord()
    await fake.start()
    b = await start_run(tmp_path, fake.api_url, pg_url)
    a: asyncio.subprocess.Process | None = None
    b_log = Lines(b.stderr)
    try:
        await b_log.until(r"aixbot\.sync: listening on aixbot_catalog")
        await asyncio.wait_for(fake.identified.wait(), FAIL_AFTER_S)
        assert summary(1) not in await defined(fake, 0)

        a = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "tests.lifecycle.edit_stream",
            "write",
            cwd=tmp_path,
            env=child_env(DATABASE_URL=pg_url),
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
        )
        assert a.stdin is not None
        a_out = Lines(a.stdout)
        await a_out.until(r'"ready": true')

        first = await edited(a.stdin, a_out, 1, pg_url)
        await b_log.until(rf"applied revision {first}: term/transformer ")
        assert summary(1) in await defined(fake, 1)

        assert await cut_listener(pg_url, b.pid) == 1
        await b_log.until(r"catalog listener lost its connection")
        cut_at = len(b_log.seen)
        second = await edited(a.stdin, a_out, 2, pg_url)
        await b_log.until(rf"applied revision {second}: term/transformer ")
        if not any("listening on aixbot_catalog" in line for line in b_log.seen[cut_at:]):
            await b_log.until(r"aixbot\.sync: listening on aixbot_catalog")
        answer = await defined(fake, 2)
        assert summary(2) in answer
        assert summary(1) not in answer

        # `aixbot knowledge load` of a changed release against the running fleet.
        release = tmp_path / "knowledge"
        shutil.copytree(DEFAULT_ROOT, release)
        training = release / "term" / "training.yaml"
        text = training.read_text(encoding="utf-8")
        assert text.count(RLHF_SUMMARY) == 1
        training.write_text(text.replace(RLHF_SUMMARY, RELEASED), encoding="utf-8")
        load = await asyncio.create_subprocess_exec(
            *aixbot("knowledge", "load"),
            cwd=tmp_path,
            env=child_env(DATABASE_URL=pg_url, KNOWLEDGE_DIR=str(release)),
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        out, err = await asyncio.wait_for(load.communicate(), FAIL_AFTER_S)
        assert load.returncode == 0, (out + err).decode()
        assert "1 changed" in out.decode(), out.decode()
        await b_log.until(r"shipped knowledge changed; catalog rebuilt")
        assert RELEASED in await defined(fake, 3, "rlhf")
        assert summary(2) in await defined(fake, 4)

        a.stdin.close()
        assert await asyncio.wait_for(a.wait(), FAIL_AFTER_S) == 0
        b.send_signal(signal.SIGTERM)
        assert await asyncio.wait_for(b.wait(), FAIL_AFTER_S) == 0
    finally:
        for child in (a, b):
            if child is not None and child.returncode is None:
                child.kill()
                await child.wait()
        await fake.stop()
