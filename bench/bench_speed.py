"""Speed against the discord.py floor (issue 14): every main lookup beside a bare `/ping` on a
bare discord.py bot, both driven through the same in-process Discord stand-in in the same run,
one at a time and 50 concurrent; start-up, `aixbot ask about` and memory of a real `aixbot run`
process against tests/lifecycle/fake_discord.py; the longest event-loop block of a catalog
rebuild at 10,000 entries.

Targets (issue 14): each lookup's p50 one at a time <= 1.2x the bare command's; throughput at 50
concurrent >= 0.7x the bare command's; start-up to ready <= 3 s on an already-loaded database;
`aixbot ask about` <= 1.5 s; RSS <= 200 MB after 2,000 mixed interactions; a catalog rebuild
never blocks the loop for more than 50 ms. The in-process figures leave out the network, so the
floor is a fraction of a millisecond and every microsecond of our own shows in the ratio.
"""

from __future__ import annotations

import asyncio
import itertools
import signal
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

import discord
from discord import app_commands
from discord.ext import commands

from bench.bench_lookup import big_catalog
from bench.common import Row, percentile
from bot.app import AixBot
from bot.knowledge.service import KnowledgeService
from offline import Actor, DiscordStandIn, OfflineDiscord, interaction_base
from offline.transport import (
    CALLBACK_DEFER,
    INTERACTION_AUTOCOMPLETE,
    INTERACTION_COMMAND,
)
from tests.lifecycle.conftest import child_env
from tests.lifecycle.fake_discord import FakeDiscord

ONE_RUNS = 100
"""Interactions per command sent one at a time."""
CONCURRENT = 50
LOADED_RUNS = 200
"""Interactions per command with CONCURRENT in flight."""
WARMUP = 10
MIXED = 2000
STARTS = 2
BOOT_TIMEOUT_S = 120.0

P50_RATIO = 1.2
THROUGHPUT_RATIO = 0.7
READY_S = 3.0
ASK_S = 1.5
RSS_MB = 200.0
BLOCK_MS = 50.0


class Ping(commands.Cog):
    """The floor: a slash command that answers at once, with one option that autocompletes."""

    @app_commands.command(name="ping", description="Answer pong")
    @app_commands.describe(word="Anything")
    async def ping(self, interaction: discord.Interaction[Any], word: str | None = None) -> None:
        await interaction.response.send_message("pong")

    @ping.autocomplete("word")
    async def word_choices(
        self, interaction: discord.Interaction[Any], current: str
    ) -> list[app_commands.Choice[str]]:
        return [app_commands.Choice(name=current or "pong", value=current or "pong")]


class FloorBot(commands.AutoShardedBot):
    """A bare discord.py bot, built as aixbot's is (AutoShardedBot, a cog) but with nothing else."""

    def __init__(self) -> None:
        super().__init__(
            command_prefix=commands.when_mentioned,
            help_command=None,
            intents=discord.Intents(guilds=True),
        )

    async def prepare(self) -> None:
        """What OfflineDiscord.start calls once the stand-in is in place."""
        await self.add_cog(Ping())


class Answers(DiscordStandIn):
    """The stand-in, noting when each interaction got its answer (not a deferral)."""

    def __init__(self) -> None:
        super().__init__()
        self.waiting: dict[str, asyncio.Future[float]] = {}

    def request(self, method: str, url: str, **kwargs: Any) -> Any:
        before = len(self.requests)
        response = super().request(method, url, **kwargs)
        if len(self.requests) > before:
            made = self.requests[-1]
            waiter = self.waiting.get(made.token or "")
            answered = made.callback_type != CALLBACK_DEFER and method in ("POST", "PATCH")
            if waiter is not None and answered and not waiter.done():
                waiter.set_result(time.perf_counter())
        return response


@dataclass(frozen=True, slots=True)
class Load:
    """One command measured one at a time and under CONCURRENT in flight."""

    p50_one: float
    p99_one: float
    p50_loaded: float
    p99_loaded: float
    throughput: float


Payload = Callable[[], dict[str, Any]]


def command_payload(offline: OfflineDiscord, path: str, **options: Any) -> Payload:
    command = offline.find_command(path)

    def build() -> dict[str, Any]:
        payload = interaction_base(Actor(), offline.next_id(), INTERACTION_COMMAND)
        payload["data"] = offline._command_data(command, dict(options), None)
        return payload

    return build


def autocomplete_payload(offline: OfflineDiscord, path: str, focused: str, typed: str) -> Payload:
    command = offline.find_command(path)

    def build() -> dict[str, Any]:
        payload = interaction_base(Actor(), offline.next_id(), INTERACTION_AUTOCOMPLETE)
        payload["data"] = offline._command_data(command, {focused: typed}, focused)
        return payload

    return build


async def answer_ms(offline: OfflineDiscord, stand_in: Answers, payload: dict[str, Any]) -> float:
    """From the payload entering discord.py to the answer leaving it."""
    token = str(payload["token"])
    waiter: asyncio.Future[float] = asyncio.get_running_loop().create_future()
    stand_in.waiting[token] = waiter
    stand_in.register(payload)
    start = time.perf_counter()
    offline.bot._connection.parse_interaction_create(payload)  # type: ignore[arg-type]
    answered = await asyncio.wait_for(waiter, BOOT_TIMEOUT_S)
    del stand_in.waiting[token]
    return (answered - start) * 1000


async def drive(
    offline: OfflineDiscord, stand_in: Answers, build: Payload, count: int, concurrency: int
) -> tuple[list[float], float]:
    """`count` interactions, `concurrency` in flight: each one's latency, and answers per second."""
    samples: list[float] = []
    left = iter(range(count))

    async def worker() -> None:
        for _ in left:
            samples.append(await answer_ms(offline, stand_in, build()))

    began = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    rate = count / (time.perf_counter() - began)
    stand_in.requests.clear()
    stand_in.messages.clear()
    stand_in.interactions.clear()
    return samples, rate


async def measure_load(offline: OfflineDiscord, stand_in: Answers, build: Payload) -> Load:
    await drive(offline, stand_in, build, WARMUP, 1)
    one, _ = await drive(offline, stand_in, build, ONE_RUNS, 1)
    loaded, rate = await drive(offline, stand_in, build, LOADED_RUNS, CONCURRENT)
    return Load(
        percentile(one, 50),
        percentile(one, 99),
        percentile(loaded, 50),
        percentile(loaded, 99),
        rate,
    )


async def started(bot: commands.AutoShardedBot, stand_in: Answers) -> OfflineDiscord:
    offline = OfflineDiscord(cast(AixBot, bot))
    offline.stand_in = stand_in
    await offline.start()
    offline.guild()
    return offline


LOOKUPS: list[tuple[str, str, dict[str, Any]]] = [
    ("/define transformer", "define", {"term": "transformer"}),
    ("/search 英伟达", "search", {"query": "英伟达"}),
    ("/search attention", "search", {"query": "attention"}),
    ("/history event alphago", "history event", {"name": "alphago"}),
    ("/project info FET", "project info", {"name": "FET"}),
    ("/industry segment ai hardware", "industry segment", {"name": "ai hardware"}),
]
TYPED: list[tuple[str, str, str, str]] = [
    ("autocomplete /define 'tra'", "define", "term", "tra"),
    ("autocomplete /search '英伟'", "search", "query", "英伟"),
]


def load_rows(name: str, load: Load, floor: Load | None) -> list[Row]:
    if floor is None:
        return [
            Row("speed", f"{name}, 1 at a time", ONE_RUNS, load.p50_one, load.p99_one, "", None),
            Row(
                "speed",
                f"{name}, {CONCURRENT} concurrent: {load.throughput:,.0f}/s",
                LOADED_RUNS,
                load.p50_loaded,
                load.p99_loaded,
                "",
                None,
            ),
        ]
    ratio = load.p50_one / floor.p50_one
    share = load.throughput / floor.throughput
    return [
        Row(
            "speed",
            f"{name}, 1 at a time",
            ONE_RUNS,
            load.p50_one,
            load.p99_one,
            f"p50 <= {P50_RATIO:g}x bare",
            ratio <= P50_RATIO,
            ratio,
        ),
        Row(
            "speed",
            f"{name}, {CONCURRENT} concurrent: {load.throughput:,.0f}/s",
            LOADED_RUNS,
            load.p50_loaded,
            load.p99_loaded,
            f"throughput >= {THROUGHPUT_RATIO:g}x bare",
            share >= THROUGHPUT_RATIO,
            share,
        ),
    ]


async def in_process_rows(workdir: Path) -> tuple[list[Row], list[dict[str, Any]]]:
    """The lookups against the floor, and the mixed payloads for the process run."""
    floor_answers = Answers()
    floor = await started(FloorBot(), floor_answers)
    bare = await measure_load(floor, floor_answers, command_payload(floor, "ping"))
    bare_typed = await measure_load(
        floor, floor_answers, autocomplete_payload(floor, "ping", "word", "po")
    )
    answers = Answers()
    offline = await big_catalog(workdir, answers)
    entries = len(offline.bot.services.knowledge.visible())
    rows = [
        *load_rows("bare /ping (the floor)", bare, None),
        *load_rows("bare /ping autocomplete (the floor)", bare_typed, None),
    ]
    builds: list[Payload] = []
    for name, path, options in LOOKUPS:
        build = command_payload(offline, path, **options)
        builds.append(build)
        load = await measure_load(offline, answers, build)
        rows.extend(load_rows(f"{name} ({entries:,} entries)", load, bare))
    for name, path, focused, typed in TYPED:
        build = autocomplete_payload(offline, path, focused, typed)
        builds.append(build)
        load = await measure_load(offline, answers, build)
        rows.extend(load_rows(f"{name} ({entries:,} entries)", load, bare_typed))
    rows.extend(await rebuild_rows(offline.bot.services.knowledge, entries))
    mixed = [build() for build, _ in zip(itertools.cycle(builds), range(MIXED), strict=False)]
    await offline.close()
    return rows, mixed


async def max_block_ms(work: Callable[[], Awaitable[object]]) -> float:
    """The longest the loop went without coming back to a task that only yields."""
    gaps: list[float] = []
    done = False

    async def tick() -> None:
        last = time.perf_counter()
        while not done:
            await asyncio.sleep(0)
            now = time.perf_counter()
            gaps.append(now - last)
            last = now

    ticker = asyncio.create_task(tick())
    await asyncio.sleep(0)
    await work()
    done = True
    await ticker
    return max(gaps) * 1000


async def rebuild_rows(knowledge: KnowledgeService, entries: int) -> list[Row]:
    async def first_build() -> None:
        fresh = KnowledgeService(knowledge._sessions)
        await fresh.refresh()
        await fresh.warm()

    rows = []
    for name, work in (
        (f"catalog first build and warm-up, {entries:,} entries", first_build),
        (f"catalog reload, {entries:,} entries", knowledge.refresh),
    ):
        blocks = [await max_block_ms(work) for _ in range(2)]
        rows.append(
            Row(
                "speed",
                f"{name}: longest loop block",
                len(blocks),
                percentile(blocks, 50),
                max(blocks),
                f"max <= {BLOCK_MS:g} ms",
                max(blocks) <= BLOCK_MS,
            )
        )
    return rows


# -- a real `aixbot run` process ------------------------------------------------------------


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise LookupError(f"no VmRSS for process {pid}")


@dataclass
class Start:
    ready_s: float
    first_answer_s: float
    rss_ready_mb: float
    rss_loaded_mb: float | None


async def one_start(
    workdir: Path, url: str, define: dict[str, Any], mixed: list[dict[str, Any]]
) -> Start:
    fake = FakeDiscord()
    await fake.start()
    began = time.perf_counter()
    child = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot.cli",
        "run",
        cwd=workdir,
        env=child_env(DISCORD_TOKEN="fake-token", DISCORD_API_URL=fake.api_url, DATABASE_URL=url),
        stderr=subprocess.DEVNULL,
    )
    try:
        await asyncio.wait_for(fake.identified.wait(), BOOT_TIMEOUT_S)
        ready = time.perf_counter() - began
        fake.stand_in.register(define)
        await fake.interaction(define)
        await asyncio.wait_for(fake.callbacks.get(), BOOT_TIMEOUT_S)
        first = time.perf_counter() - began
        rss_ready = rss_mb(child.pid)
        rss_loaded = None
        if mixed:
            # The /define above was the first of them.
            for at in range(1, len(mixed), CONCURRENT):
                batch = mixed[at : at + CONCURRENT]
                for payload in batch:
                    fake.stand_in.register(payload)
                    await fake.interaction(payload)
                for _ in batch:
                    await asyncio.wait_for(fake.callbacks.get(), BOOT_TIMEOUT_S)
            rss_loaded = rss_mb(child.pid)
        child.send_signal(signal.SIGTERM)
        await asyncio.wait_for(child.wait(), BOOT_TIMEOUT_S)
    finally:
        if child.returncode is None:
            child.kill()
            await child.wait()
        await fake.stop()
    return Start(ready, first, rss_ready, rss_loaded)


def cli_s(workdir: Path, url: str, *args: str) -> float:
    """Seconds one `aixbot` command takes, from spawn to exit."""
    began = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "bot.cli", *args],
        cwd=workdir,
        env=child_env(DATABASE_URL=url),
        capture_output=True,
        check=True,
        timeout=BOOT_TIMEOUT_S,
    )
    return time.perf_counter() - began


def seconds_row(name: str, samples_s: list[float], target_s: float) -> Row:
    p50 = percentile(samples_s, 50)
    return Row(
        "speed",
        name,
        len(samples_s),
        p50 * 1000,
        max(samples_s) * 1000,
        f"p50 <= {target_s:g} s",
        p50 <= target_s,
    )


async def process_rows(workdir: Path, mixed: list[dict[str, Any]]) -> list[Row]:
    url = f"sqlite+aiosqlite:///{workdir}/process.db"
    await asyncio.to_thread(cli_s, workdir, url, "knowledge", "load")
    define = mixed[0]
    starts = [
        await one_start(workdir, url, define, mixed if n == STARTS - 1 else [])
        for n in range(STARTS)
    ]
    asks = [await asyncio.to_thread(cli_s, workdir, url, "ask", "about") for _ in range(3)]
    loaded = starts[-1].rss_loaded_mb or 0.0
    return [
        seconds_row(
            "`aixbot run` start to gateway READY, loaded database",
            [s.ready_s for s in starts],
            READY_S,
        ),
        seconds_row(
            "`aixbot run` start to first /define answered",
            [s.first_answer_s for s in starts],
            READY_S,
        ),
        seconds_row("`aixbot ask about`, whole process", asks, ASK_S),
        Row(
            "speed",
            f"RSS at ready {starts[-1].rss_ready_mb:.0f} MB, after {len(mixed):,} mixed"
            f" interactions {loaded:.0f} MB",
            len(mixed),
            0,
            0,
            f"<= {RSS_MB:g} MB",
            loaded <= RSS_MB,
        ),
    ]


async def measure(workdir: Path) -> list[Row]:
    rows, mixed = await in_process_rows(workdir)
    rows.extend(await process_rows(workdir, mixed))
    return rows
