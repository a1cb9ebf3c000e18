"""`aixbot run` as a real process against a local Discord: it serves, and SIGTERM is graceful."""

from __future__ import annotations

import asyncio
import contextlib
import signal
from asyncio.subprocess import Process
from collections.abc import AsyncIterator
from pathlib import Path

from offline import Actor, interaction_base
from tests.lifecycle.conftest import start_run
from tests.lifecycle.fake_discord import FakeDiscord

BOOT_TIMEOUT_S = 120


def define(number: int, term: str) -> dict[str, object]:
    payload = interaction_base(Actor(), 1_700_000_000_000_000_000 + number, 2)
    payload["data"] = {
        "id": "1",
        "name": "define",
        "type": 1,
        "options": [{"name": "term", "type": 3, "value": term}],
    }
    return payload


@contextlib.asynccontextmanager
async def serving(tmp_path: Path) -> AsyncIterator[tuple[FakeDiscord, Process]]:
    """`aixbot run` against a fresh fake Discord, past READY; stopped with SIGTERM at the end
    if the test did not stop it (SIGKILL would leave its chart worker holding the stderr pipe,
    and the wait for the child would never end), killed if that does not end it."""
    fake = FakeDiscord()
    await fake.start()
    child = await start_run(
        tmp_path, fake.api_url, f"sqlite+aiosqlite:///{tmp_path}/data/aixbot.db"
    )
    try:
        await asyncio.wait_for(fake.identified.wait(), BOOT_TIMEOUT_S)
        yield fake, child
    finally:
        if child.returncode is None:
            child.send_signal(signal.SIGTERM)
            try:
                await asyncio.wait_for(child.wait(), BOOT_TIMEOUT_S)
            except TimeoutError:
                child.kill()
        await fake.stop()


async def test_sigterm_while_serving_closes_the_gateway_and_exits_0(tmp_path: Path) -> None:
    """Interactions arrive over the gateway and are answered; SIGTERM then closes with 1000."""
    async with serving(tmp_path) as (fake, child):
        terms = ["transformer", "rlhf", "zkml", "moe"] * 5
        for number, term in enumerate(terms):
            await fake.interaction(define(number, term))
        first = await asyncio.wait_for(fake.callbacks.get(), BOOT_TIMEOUT_S)
        child.send_signal(signal.SIGTERM)
        assert child.stderr is not None
        err = (await asyncio.wait_for(child.stderr.read(), BOOT_TIMEOUT_S)).decode()
        status = await child.wait()
    assert status == 0, err
    assert fake.closed.is_set()
    assert fake.close_code == 1000
    answered = [first]
    while not fake.callbacks.empty():
        answered.append(fake.callbacks.get_nowait())
    for callback in answered:
        embeds = callback["data"]["embeds"]
        assert embeds, callback
        assert embeds[0]["title"]
    assert "shutdown: signal received" in err
    assert "shutdown: gateway and database closed" in err
    assert "Traceback" not in err, err


async def test_a_command_over_the_fake_ends_ok_after_its_reply(tmp_path: Path) -> None:
    """The reply is read back as Discord sends it (`?with_response=true`), so the command ends
    "ok": when the fake dropped the query, every reply was followed by an unexpected TypeError
    in the log, which the user never saw and the benchmark timed as part of each lookup."""
    async with serving(tmp_path) as (fake, child):
        payload = define(1, "transformer")
        fake.stand_in.register(payload)  # answered as Discord answers a live interaction
        await fake.interaction(payload)
        await asyncio.wait_for(fake.callbacks.get(), BOOT_TIMEOUT_S)
        assert child.stderr is not None
        while b"command=define" not in (
            line := await asyncio.wait_for(child.stderr.readline(), BOOT_TIMEOUT_S)
        ):
            assert line, "the process ended before it logged the command"
    assert b"outcome=ok" in line, line
