"""Speed against the discord.py floor (issue 14), measured as the issue measured it: from outside,
every main lookup of a real `aixbot run` process beside a bare `/ping` of a bare discord.py bot
in its own process (bench/floor_bot.py), both running at once against their own
tests/lifecycle/fake_discord.py (REST and gateway on loopback), driven with the same
INTERACTION_CREATE dispatches, one at a time and 50 concurrent, each lookup in turns with the
floor (`measure_pair`) and timed until its answer arrives at the fake. The same lookups
in-process (the offline stand-in, no network, 10,000 more entries) show our own code's cost
beside the bare bot's, for information. Also start-up,
`aixbot ask about` and memory of `aixbot run`, and the longest event-loop block of a catalog
rebuild at 10,000 entries.

Targets (issue 14): each lookup's p50 one at a time <= 1.2x the bare command's; throughput at 50
concurrent >= 0.7x the bare command's; start-up to ready <= 3 s on an already-loaded database;
`aixbot ask about` <= 1.5 s; RSS <= 200 MB after 2,000 mixed interactions; a catalog rebuild
never blocks the loop for more than 50 ms.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from discord.ext import commands

from bench.bench_lookup import big_catalog
from bench.common import Row, percentile
from bench.floor_bot import FloorBot
from bot.app import AixBot
from bot.knowledge.files import DEFAULT_ROOT, load_knowledge
from bot.knowledge.service import KnowledgeService
from offline import Actor, DiscordStandIn, OfflineDiscord, interaction_base
from offline.transport import (
    CALLBACK_DEFER,
    INTERACTION_AUTOCOMPLETE,
    INTERACTION_COMMAND,
)
from tests.lifecycle.conftest import child_env as test_env
from tests.lifecycle.fake_discord import FakeDiscord

ONE_RUNS = 100
"""Interactions per command sent one at a time, in process."""
ONE_RUNS_OVER_THE_FAKE = 400
"""The same over the fake Discord, where the targets are judged: with 100, the p50 ratio of
unchanged code moved by up to 0.1x from run to run (/search 英伟达 read 1.12x to 1.25x at
39a13dd and the commit before it), as much as the margin left under 1.2x."""
CONCURRENT = 50
LOADED_RUNS = 200
"""Interactions per command with CONCURRENT in flight."""
LOADED_RUNS_OVER_THE_FAKE = 500
"""The same over the fake Discord: 200 of the bare /ping took 0.14 s there, too short a window
for its rate to be more than noise."""
WARMUP = 10
MIXED = 2000
STARTS = 2
ASKS = 7
"""`aixbot ask about` runs whose median is judged: this machine has slow spells of a few seconds
(three runs in a row read 1.8 to 2.0 s in two bench runs of seven, 1.1 to 1.3 s in the others,
with the same code), and a median of three fell inside one."""
BOOT_TIMEOUT_S = 120.0
QUIET_CPU = 0.05
"""A process has settled once it uses less than this share of a CPU (bench/floor_bot.py and
`aixbot run` start the same way, but aixbot then warms its index and its chart worker)."""
SETTLE_S = 20.0
SETTLE_POLL_S = 0.25
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")

P50_RATIO = 1.2
THROUGHPUT_RATIO = 0.7
READY_S = 3.0
ASK_S = 1.5
RSS_MB = 200.0
BLOCK_MS = 50.0

OVER_THE_FAKE = "over the fake Discord (HTTP + websocket on loopback)"
IN_PROCESS = "in-process, no network (our own code's cost)"


class Answers(DiscordStandIn):
    """The stand-in, noting when each interaction got its answer (not a deferral)."""

    def __init__(self) -> None:
        super().__init__()
        self.waiting: dict[str, asyncio.Future[float]] = {}

    def request(self, method: str, url: str, **kwargs: Any) -> Any:
        """`arrived`: when the request reached the fake Discord (tests/lifecycle/fake_discord.py),
        else now (in-process, where nothing is read before this)."""
        arrived = kwargs.pop("arrived", None) or time.perf_counter()
        before = len(self.requests)
        response = super().request(method, url, **kwargs)
        if len(self.requests) > before:
            made = self.requests[-1]
            waiter = self.waiting.get(made.token or "")
            answered = made.callback_type != CALLBACK_DEFER and method in ("POST", "PATCH")
            if waiter is not None and answered and not waiter.done():
                waiter.set_result(arrived)
        return response

    def command_ids(self) -> dict[str, str]:
        """Top-level command name → the id this stand-in gave it when the bot synced."""
        return {
            str(command["name"]): str(command["id"])
            for made in self.requests
            if made.method == "PUT" and made.path.endswith("/commands")
            for command in made.answer or []
        }


@dataclass(frozen=True, slots=True)
class Load:
    """One command measured one at a time and under CONCURRENT in flight."""

    p50_one: float
    p99_one: float
    p50_loaded: float
    p99_loaded: float
    throughput: float
    loaded_runs: int
    one_runs: int = ONE_RUNS


Payload = Callable[[], dict[str, Any]]
Send = Callable[[dict[str, Any]], Awaitable[None]]
"""Hands one INTERACTION_CREATE payload to the bot under test."""


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


def registered(build: Payload, ids: dict[str, str]) -> Payload:
    """`build`'s payloads naming the command by the id Discord gave it at the process's sync."""

    def rebuilt() -> dict[str, Any]:
        payload = build()
        payload["data"]["id"] = ids[payload["data"]["name"]]
        return payload

    return rebuilt


def in_process(offline: OfflineDiscord) -> Send:
    async def send(payload: dict[str, Any]) -> None:
        offline.bot._connection.parse_interaction_create(payload)  # type: ignore[arg-type]

    return send


async def answer_ms(stand_in: Answers, send: Send, payload: dict[str, Any]) -> float:
    """From the payload's dispatch to the answer arriving at the stand-in."""
    token = str(payload["token"])
    waiter: asyncio.Future[float] = asyncio.get_running_loop().create_future()
    stand_in.waiting[token] = waiter
    stand_in.register(payload)
    start = time.perf_counter()
    await send(payload)
    answered = await asyncio.wait_for(waiter, BOOT_TIMEOUT_S)
    del stand_in.waiting[token]
    return (answered - start) * 1000


async def drive(
    stand_in: Answers, send: Send, build: Payload, count: int, concurrency: int
) -> tuple[list[float], float]:
    """`count` interactions, `concurrency` in flight: each one's latency, and answers per second."""
    samples: list[float] = []
    left = iter(range(count))

    async def worker() -> None:
        for _ in left:
            samples.append(await answer_ms(stand_in, send, build()))

    began = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    rate = count / (time.perf_counter() - began)
    stand_in.requests.clear()
    stand_in.messages.clear()
    stand_in.interactions.clear()
    return samples, rate


async def measure_load(
    stand_in: Answers, send: Send, build: Payload, loaded_runs: int = LOADED_RUNS
) -> Load:
    """One at a time after a warm-up, then `loaded_runs` with CONCURRENT in flight after a
    first wave of CONCURRENT (over a network, that wave opens the bot's HTTP connections)."""
    await drive(stand_in, send, build, WARMUP, 1)
    one, _ = await drive(stand_in, send, build, ONE_RUNS, 1)
    await drive(stand_in, send, build, CONCURRENT, CONCURRENT)
    loaded, rate = await drive(stand_in, send, build, loaded_runs, CONCURRENT)
    return Load(
        percentile(one, 50),
        percentile(one, 99),
        percentile(loaded, 50),
        percentile(loaded, 99),
        rate,
        loaded_runs,
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


def load_rows(name: str, load: Load, floor: Load | None, *, judged: bool = True) -> list[Row]:
    """One command's two rows; beside a floor, each with its figure against the floor's, judged
    against the target when `judged`."""
    ratio = None if floor is None else load.p50_one / floor.p50_one
    share = None if floor is None else load.throughput / floor.throughput
    return [
        Row(
            "speed",
            f"{name}, 1 at a time",
            load.one_runs,
            load.p50_one,
            load.p99_one,
            f"p50 <= {P50_RATIO:g}x bare" if judged and ratio is not None else "",
            ratio <= P50_RATIO if judged and ratio is not None else None,
            ratio,
        ),
        Row(
            "speed",
            f"{name}, {CONCURRENT} concurrent: {load.throughput:,.0f}/s",
            load.loaded_runs,
            load.p50_loaded,
            load.p99_loaded,
            f"throughput >= {THROUGHPUT_RATIO:g}x bare" if judged and share is not None else "",
            share >= THROUGHPUT_RATIO if judged and share is not None else None,
            share,
        ),
    ]


@dataclass(frozen=True, slots=True)
class Lookups:
    """The payloads of the measured interactions, built against the in-process bots' trees
    (the same cogs as the processes'): the floor's /ping and its autocomplete, then each of
    LOOKUPS and TYPED."""

    bare: Payload
    bare_typed: Payload
    card: Payload
    """The floor bot's /card: the /define transformer reply, prebuilt (bench/floor_bot.py)."""
    commands: list[Payload]
    typed: list[Payload]


async def in_process_rows(workdir: Path) -> tuple[list[Row], Lookups]:
    """The lookups beside the floor, all in this process, and their payloads for the processes."""
    floor_answers = Answers()
    floor = await started(FloorBot(), floor_answers)
    lookups = Lookups(
        command_payload(floor, "ping"),
        autocomplete_payload(floor, "ping", "word", "po"),
        command_payload(floor, "card", term="transformer"),
        [],
        [],
    )
    bare = await measure_load(floor_answers, in_process(floor), lookups.bare)
    bare_typed = await measure_load(floor_answers, in_process(floor), lookups.bare_typed)
    answers = Answers()
    offline = await big_catalog(workdir, answers)
    entries = len(offline.bot.services.knowledge.visible())
    rows = [
        *load_rows(f"{IN_PROCESS}: bare /ping (the floor)", bare, None),
        *load_rows(f"{IN_PROCESS}: bare /ping autocomplete (the floor)", bare_typed, None),
    ]
    for name, path, options in LOOKUPS:
        lookups.commands.append(command_payload(offline, path, **options))
        load = await measure_load(answers, in_process(offline), lookups.commands[-1])
        rows.extend(
            load_rows(f"{IN_PROCESS}: {name}, {entries:,} entries", load, bare, judged=False)
        )
    for name, path, focused, typed in TYPED:
        lookups.typed.append(autocomplete_payload(offline, path, focused, typed))
        load = await measure_load(answers, in_process(offline), lookups.typed[-1])
        rows.extend(
            load_rows(f"{IN_PROCESS}: {name}, {entries:,} entries", load, bare_typed, judged=False)
        )
    rows.extend(await rebuild_rows(offline.bot.services.knowledge, entries))
    await write_card(answers, in_process(offline), lookups.commands[0], workdir / CARD)
    await offline.close()
    return rows, lookups


CARD = "card.json"


async def write_card(stand_in: Answers, send: Send, build: Payload, path: Path) -> None:
    """The message `build`'s command answers with, as the floor bot's /card reads it."""
    await answer_ms(stand_in, send, build())
    answered = [r for r in stand_in.requests if r.is_callback and isinstance(r.body, dict)]
    data = answered[-1].body["data"]
    message = {k: data[k] for k in ("embeds", "components") if k in data}
    await asyncio.to_thread(path.write_text, json.dumps(message))


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
    built: list[KnowledgeService] = []

    async def first_build() -> None:
        fresh = KnowledgeService(knowledge._sessions)
        await fresh.refresh()
        await fresh.warm()
        # Dropped after the timing: a started bot keeps its first catalog, and freeing this one
        # as the work returns held the loop ~100-180 ms, which no bot does.
        built.append(fresh)

    rows = []
    for name, work in (
        (f"catalog first build and warm-up, {entries:,} entries", first_build),
        (f"catalog reload, {entries:,} entries", knowledge.refresh),
    ):
        blocks = []
        for _ in range(2):
            blocks.append(await max_block_ms(work))
            built.clear()
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


# -- real processes against the fake Discord ------------------------------------------------


def child_env(**extra: str) -> dict[str, str]:
    """The lifecycle tests' child environment, but writing bytecode: a shell here may set
    PYTHONDONTWRITEBYTECODE, and then every `aixbot` process compiled our ~106 modules again
    (about 0.25 s of each `aixbot ask`), which an installed bot never does (the Dockerfile
    runs compileall). The first command of the bench writes the caches for the rest."""
    env = test_env(**extra)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise LookupError(f"no VmRSS for process {pid}")


def cpu_s(pid: int) -> float:
    """CPU seconds used so far by `pid` and every process under it (aixbot's chart worker)."""
    total = 0.0
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
        total += (int(fields[11]) + int(fields[12])) / CLOCK_TICKS
        for children in Path(f"/proc/{pid}/task").glob("*/children"):
            total += sum(cpu_s(int(child)) for child in children.read_text().split())
    except (FileNotFoundError, ProcessLookupError):
        pass  # it ended between listing and reading
    return total


async def settled(pid: int) -> None:
    """Until `pid` is idle: what it does after READY (warming an index, starting a chart worker)
    is not the cost of the interactions measured next."""
    deadline = time.perf_counter() + SETTLE_S
    used = cpu_s(pid)
    while time.perf_counter() < deadline:
        await asyncio.sleep(SETTLE_POLL_S)
        now = cpu_s(pid)
        if now - used < QUIET_CPU * SETTLE_POLL_S:
            return
        used = now


@dataclass
class Served:
    fake: FakeDiscord
    child: asyncio.subprocess.Process
    spawned: float
    """perf_counter just before the process was spawned."""


@contextlib.asynccontextmanager
async def serving(
    workdir: Path,
    module: str,
    stand_in: DiscordStandIn | None = None,
    **env: str,
) -> AsyncIterator[Served]:
    """`python -m module` (`bot.cli run`, `bench.floor_bot`) as `aixbot run` is started, against
    a fresh fake Discord; stopped with SIGTERM when the block ends."""
    fake = FakeDiscord(stand_in)
    await fake.start()
    spawned = time.perf_counter()
    child = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        *module.split(),
        cwd=workdir,
        env=child_env(DISCORD_TOKEN="fake-token", DISCORD_API_URL=fake.api_url, **env),
        stderr=subprocess.DEVNULL,
    )
    try:
        yield Served(fake, child, spawned)
        child.send_signal(signal.SIGTERM)
        await asyncio.wait_for(child.wait(), BOOT_TIMEOUT_S)
    finally:
        if child.returncode is None:
            child.kill()
            await child.wait()
        await fake.stop()


ROUNDS = 5
"""Over the fake Discord the floor and each lookup take turns, this many times each, at 50
concurrent."""
ONE_ROUNDS = 40
"""The same one at a time, ten interactions a turn: this machine's speed moves by a fifth to a
third from one tenth of a second to the next, for the floor as for aixbot (in turns of 80, each
side's p50 read from 0.64 to 1.80 ms within one pair), so the finer the turns the more alike
the moments each side is measured at."""


@dataclass(frozen=True, slots=True)
class Target:
    """One command of one running process, as the driver sends it."""

    stand_in: Answers
    send: Send
    build: Payload


async def measure_pair(floor: Target, ours: Target) -> tuple[Load, Load]:
    """The floor and a lookup measured in turns (ONE_ROUNDS each one at a time, then ROUNDS
    loaded), so that both meet the same machine: on a shared one the speed of a CPU drifts by
    a fifth within a minute, and a floor measured a minute apart drifted the ratios with it."""
    for target in (floor, ours):
        await drive(target.stand_in, target.send, target.build, WARMUP, 1)
        await drive(target.stand_in, target.send, target.build, CONCURRENT, CONCURRENT)
    one: dict[Target, list[float]] = {floor: [], ours: []}
    loaded: dict[Target, list[float]] = {floor: [], ours: []}
    took: dict[Target, float] = {floor: 0.0, ours: 0.0}
    for _ in range(ONE_ROUNDS):
        for target in (floor, ours):
            samples, _ = await drive(
                target.stand_in, target.send, target.build, ONE_RUNS_OVER_THE_FAKE // ONE_ROUNDS, 1
            )
            one[target] += samples
    batch = LOADED_RUNS_OVER_THE_FAKE // ROUNDS
    for _ in range(ROUNDS):
        for target in (floor, ours):
            samples, rate = await drive(
                target.stand_in, target.send, target.build, batch, CONCURRENT
            )
            loaded[target] += samples
            took[target] += batch / rate

    def load_of(target: Target) -> Load:
        return Load(
            percentile(one[target], 50),
            percentile(one[target], 99),
            percentile(loaded[target], 50),
            percentile(loaded[target], 99),
            len(loaded[target]) / took[target],
            len(loaded[target]),
            len(one[target]),
        )

    return load_of(floor), load_of(ours)


async def outside_rows(workdir: Path, url: str, lookups: Lookups) -> list[Row]:
    """The targets as issue 14 measured them: lookups of `aixbot run` beside the bare bot's,
    both processes running at once, each lookup in turns with the floor command."""
    shipped = len(load_knowledge(DEFAULT_ROOT).entries)
    floor_answers, our_answers = Answers(), Answers()
    async with (
        serving(workdir, "bench.floor_bot", floor_answers, FLOOR_CARD=str(workdir / CARD)) as floor,
        serving(workdir, "bot.cli run", our_answers, DATABASE_URL=url) as ours,
    ):
        for served in (floor, ours):
            await asyncio.wait_for(served.fake.identified.wait(), BOOT_TIMEOUT_S)
        floor_ids, our_ids = floor_answers.command_ids(), our_answers.command_ids()
        await settled(floor.child.pid)
        await settled(ours.child.pid)
        named = [
            (name, lookups.bare, build)
            for (name, _, _), build in zip(LOOKUPS, lookups.commands, strict=True)
        ]
        named += [
            (name, lookups.bare_typed, build)
            for (name, *_), build in zip(TYPED, lookups.typed, strict=True)
        ]
        where = f"{OVER_THE_FAKE}, {shipped:,} entries (shipped)"
        floor_rows: dict[Payload, list[Row]] = {}
        rows: list[Row] = []
        for name, floor_build, build in named:
            bare, load = await measure_pair(
                Target(floor_answers, floor.fake.interaction, registered(floor_build, floor_ids)),
                Target(our_answers, ours.fake.interaction, registered(build, our_ids)),
            )
            what = "/ping" if floor_build is lookups.bare else "/ping autocomplete"
            floor_rows.setdefault(
                floor_build,
                load_rows(
                    f"bare discord.py {what} (the floor) {OVER_THE_FAKE}, beside {name}", bare, None
                ),
            )
            rows.extend(load_rows(f"{name} {where}", load, bare))
        card, define = await measure_pair(
            Target(floor_answers, floor.fake.interaction, registered(lookups.card, floor_ids)),
            Target(our_answers, ours.fake.interaction, registered(lookups.commands[0], our_ids)),
        )
        rows += load_rows(
            f"bare discord.py /card: /define transformer's reply, prebuilt {OVER_THE_FAKE}",
            card,
            None,
        )
        rows += load_rows(f"{LOOKUPS[0][0]}, beside /card (x /card)", define, card, judged=False)
    return [row for built in floor_rows.values() for row in built] + rows


@dataclass
class Start:
    ready_s: float
    first_answer_s: float
    rss_ready_mb: float
    rss_loaded_mb: float | None


async def one_start(
    workdir: Path, url: str, define: dict[str, Any], mixed: list[dict[str, Any]]
) -> Start:
    async with serving(workdir, "bot.cli run", DATABASE_URL=url) as served:
        fake, child = served.fake, served.child
        await asyncio.wait_for(fake.identified.wait(), BOOT_TIMEOUT_S)
        ready = time.perf_counter() - served.spawned
        fake.stand_in.register(define)
        await fake.interaction(define)
        await asyncio.wait_for(fake.callbacks.get(), BOOT_TIMEOUT_S)
        first = time.perf_counter() - served.spawned
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


async def process_rows(workdir: Path, lookups: Lookups) -> list[Row]:
    """The lookups from outside, on a copy of the loaded database (so that `aixbot run` syncs
    its commands there, as on the first start, and the payloads can name them by id); then the
    start-ups, `aixbot ask about` and memory."""
    url = f"sqlite+aiosqlite:///{workdir}/process.db"
    await asyncio.to_thread(cli_s, workdir, url, "knowledge", "load")
    shutil.copy(workdir / "process.db", workdir / "outside.db")
    rows = await outside_rows(workdir, f"sqlite+aiosqlite:///{workdir}/outside.db", lookups)
    builds = [*lookups.commands, *lookups.typed]
    mixed = [build() for build, _ in zip(itertools.cycle(builds), range(MIXED), strict=False)]
    define = mixed[0]
    starts = [
        await one_start(workdir, url, define, mixed if n == STARTS - 1 else [])
        for n in range(STARTS)
    ]
    asks = [await asyncio.to_thread(cli_s, workdir, url, "ask", "about") for _ in range(ASKS)]
    loaded = starts[-1].rss_loaded_mb or 0.0
    return [
        *rows,
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
    rows, lookups = await in_process_rows(workdir)
    rows.extend(await process_rows(workdir, lookups))
    return rows
