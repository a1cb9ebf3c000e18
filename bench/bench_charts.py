"""A burst of charts against a lookup: 60 `/industry chain` requests at once while one member
keeps asking `/define`, through the real CommandTree.

Targets (issue 14): a burst of charts never delays a lookup (its p50 during the burst at most
1.5x its p50 alone), and the burst is answered: every request gets its chart or the "charts are
busy" reply (counted), none is left waiting. Measured for charts drawn in threads of the bot's
process and in worker processes (bot/charts/pool.py); the targets apply to the processes, the
pool's default, and the thread rows show why it is not threads.
"""

from __future__ import annotations

import asyncio
import dataclasses
import json
import logging
import sys
import time
from pathlib import Path
from typing import Literal, cast

from bench.common import Row, percentile, row
from bot.app import AixBot, build_services
from bot.settings import ChartSettings, PostCooldown, Settings
from offline import Exchange, OfflineDiscord

BURST = 60
LOOKUPS_ALONE = 200
MAX_RATIO = 1.5
THREAD_LOOKUPS = 2000
"""Lookups sent during a burst drawn in threads: unbounded, they held the GIL from the chart
thread and the burst took 464 s (a 5-minute budget for the whole bench); after these the burst
finishes alone."""

Executor = Literal["thread", "process"]
EXECUTORS: tuple[Executor, ...] = ("thread", "process")


def _settings(workdir: Path, executor: Executor) -> Settings:
    return Settings(
        _env_file=None,
        database_url=f"sqlite+aiosqlite:///{workdir}/charts-{executor}.db",
        dev_guild_ids=[],
        moderator_role_ids=[],
        post_cooldown=PostCooldown(seconds=0),  # one member asks hundreds of times
        charts=ChartSettings(executor=executor),
    )


async def _lookup(offline: OfflineDiscord) -> float:
    start = time.perf_counter()
    exchange = await offline.post("define", term="transformer")
    assert "Transformer" in exchange.text(), exchange.text()
    return (time.perf_counter() - start) * 1000


async def _chart(offline: OfflineDiscord) -> tuple[Exchange, float]:
    """One member's `/industry chain`, delivered at once and timed until it is answered."""
    start = time.perf_counter()
    exchange = await offline.post("industry chain")
    return exchange, (time.perf_counter() - start) * 1000


async def _measure(workdir: Path, executor: Executor) -> list[Row]:
    offline = OfflineDiscord(AixBot(build_services(_settings(workdir, executor))))
    await offline.start()
    try:
        pool = offline.bot.services.charts
        pool.start()
        await _chart(offline)  # workers warm, first translation and embed done
        for _ in range(20):
            await _lookup(offline)
        alone = [await _lookup(offline) for _ in range(LOOKUPS_ALONE)]

        started = time.perf_counter()
        burst = asyncio.gather(*(_chart(offline) for _ in range(BURST)))
        await asyncio.sleep(0)  # every chart request delivered before the first lookup
        cap = THREAD_LOOKUPS if executor == "thread" else None
        during: list[float] = []
        while not burst.done() and (cap is None or len(during) < cap):
            during.append(await _lookup(offline))
        answers = await burst
        burst_ms = (time.perf_counter() - started) * 1000
    finally:
        await offline.close()

    drawn = [ms for exchange, ms in answers if exchange.files]
    busy = [
        ms for exchange, ms in answers if not exchange.files and "busy" in exchange.text().lower()
    ]
    unanswered = BURST - len(drawn) - len(busy)
    ratio = percentile(during, 50) / percentile(alone, 50)
    where = "threads" if executor == "thread" else "worker processes"
    settings = pool.settings
    judged = executor == "process"
    capped = cap is not None and len(during) >= cap
    lookups = f", lookups capped at {cap:,}" if capped else ""
    return [
        row("charts", f"/define alone (charts in {where})", alone),
        Row(
            "charts",
            f"/define during a burst of {BURST} charts in {where} (p50 {ratio:.2f}x alone"
            f"{lookups})",
            len(during),
            percentile(during, 50),
            percentile(during, 99),
            f"p50 <= {MAX_RATIO}x alone" if judged else "",
            ratio <= MAX_RATIO if judged else None,
        ),
        Row(
            "charts",
            f"burst of {BURST} /industry chain in {where} ({settings.workers} worker, queue "
            f"{settings.queue}): {len(drawn)} drawn, {len(busy)} busy, {unanswered} unanswered, "
            f"all answered in {burst_ms / 1000:.1f} s{lookups}",
            len(drawn),
            percentile(drawn, 50),
            percentile(drawn, 99),
            "every request answered" if judged else "",
            unanswered == 0 if judged else None,
        ),
    ]


async def measure(workdir: Path) -> list[Row]:
    """Each way of drawing in a fresh process: a second bot in the same process answered its
    lookups about twice as slowly as the first (a larger heap to collect), whichever came
    first."""
    rows: list[Row] = []
    for executor in EXECUTORS:
        done = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bench.bench_charts",
            executor,
            str(workdir),
            stdout=asyncio.subprocess.PIPE,
        )
        out, _ = await done.communicate()
        if done.returncode != 0:
            raise RuntimeError(f"bench_charts {executor} exited {done.returncode}")
        rows.extend(Row(**fields) for fields in json.loads(out))
    return rows


if __name__ == "__main__":
    logging.basicConfig(level=logging.WARNING)
    measured = asyncio.run(_measure(Path(sys.argv[2]), cast(Executor, sys.argv[1])))
    print(json.dumps([dataclasses.asdict(r) for r in measured]))
