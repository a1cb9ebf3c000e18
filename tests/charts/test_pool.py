"""The chart workers: bounded, drawn in real worker processes, refusing with a private retry
message when full, surviving a dead worker, and closing without hanging."""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import signal
import subprocess
import sys
import textwrap
import threading
from collections.abc import Iterator
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

import pytest

from bot.charts import chain, timeline
from bot.charts.canvas import WIDTH
from bot.charts.jobs import TimelineEvent, TimelineJob
from bot.charts.pool import ChartPool
from bot.errors import ChartsBusy
from bot.settings import ChartSettings
from offline import Actor, OfflineDiscord
from tests.charts.legibility import png_size

PNG = b"\x89PNG\r\n\x1a\n"
JOB = TimelineJob(
    (
        TimelineEvent("2017-06-12", "Transformer", "Transformer 架构", 3),
        TimelineEvent("2022-11-30", "ChatGPT", "ChatGPT 发布", 3),
    ),
    2017,
    2022,
    None,
    page=(1, 1),
    lang="en",
    script="hans",
)


@pytest.fixture
def held(monkeypatch: pytest.MonkeyPatch) -> Iterator[threading.Event]:
    """Charts drawn in threads wait until the event is set (released at the end regardless)."""
    release = threading.Event()

    def waiting(*_: Any, **__: Any) -> bytes:
        release.wait()
        return PNG

    monkeypatch.setattr(timeline, "timeline_png", waiting)
    monkeypatch.setattr(chain, "chain_png", waiting)
    yield release
    release.set()


async def test_depth_counts_running_and_waiting_and_a_full_pool_refuses(
    held: threading.Event,
) -> None:
    """One worker and one place in the queue: two charts are taken, the third is refused at
    once (nothing waits for ever), and once they are drawn the pool takes charts again."""
    pool = ChartPool(ChartSettings(workers=1, queue=1, executor="thread"))
    try:
        first, second = pool.draw(JOB), pool.draw(JOB)
        assert pool.depth() == 2
        with pytest.raises(ChartsBusy):
            pool.draw(JOB)
        assert pool.depth() == 2
        held.set()
        assert [await first, await second] == [PNG, PNG]
        assert pool.depth() == 0
        assert await pool.draw(JOB) == PNG
    finally:
        await pool.close()


async def test_a_closed_pool_refuses() -> None:
    """After close (the bot is shutting down) a chart is refused rather than starting workers."""
    pool = ChartPool(ChartSettings(executor="thread"))
    await pool.close()
    with pytest.raises(ChartsBusy):
        pool.draw(JOB)


def children() -> list[multiprocessing.process.BaseProcess]:
    return multiprocessing.active_children()


def running(process: multiprocessing.process.BaseProcess) -> bool:
    """Whether the OS still runs it. Not `is_alive()`: the executor's manager thread joins its
    workers too, and when that thread reaps one first, a second handle's poll swallows the
    ChildProcessError and goes on calling a dead process alive (seen in CI under xdist)."""
    try:
        state = Path(f"/proc/{process.pid}/stat").read_text().rpartition(")")[2].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state not in ("Z", "X")


async def test_charts_are_drawn_in_worker_processes_that_close_stops() -> None:
    """The default pool spawns a worker process, which sends back a phone-sized PNG; closing
    leaves no worker behind."""
    assert ChartSettings().executor == "process"
    pool = ChartPool(ChartSettings(workers=1))
    try:
        png = await pool.draw(JOB)
        # The pool's own processes, not a diff of this process's children: a child that
        # another test's bot started or left stopping would be counted as this pool's.
        workers = pool.processes()
        assert len(workers) == 1
        assert workers[0] in children()
        assert workers[0].pid != os.getpid()
    finally:
        await pool.close()
    assert png.startswith(PNG)
    assert png_size(png)[0] == WIDTH
    assert not any(running(p) for p in workers)
    assert pool.depth() == 0


async def test_a_killed_worker_costs_at_most_one_chart() -> None:
    """SIGKILL to the worker (as the kernel's OOM killer would): the chart in its way fails,
    and the next one is drawn by a new worker instead of every chart failing from then on."""
    pool = ChartPool(ChartSettings(workers=1))
    try:
        await pool.draw(JOB)
        (worker,) = pool.processes()
        assert worker.pid is not None
        os.kill(worker.pid, signal.SIGKILL)
        worker.join()
        try:
            png = await pool.draw(JOB)
        except BrokenProcessPool:  # submitted before the pool noticed its worker was gone
            png = await pool.draw(JOB)
        assert png.startswith(PNG)
        assert pool.depth() == 0
    finally:
        await pool.close()


async def test_close_with_a_chart_in_a_worker_returns_and_leaves_no_worker() -> None:
    """Closing while a worker draws (a grace of 0 s) terminates it: shutdown never hangs."""
    pool = ChartPool(ChartSettings(workers=1))
    pool.start()
    drawing = pool.draw(JOB)
    workers = pool.processes()
    assert len(workers) == 1
    await pool.close(grace=0)
    assert not any(running(p) for p in workers)
    with pytest.raises((BrokenProcessPool, asyncio.CancelledError)):
        await drawing


def fill(offline: OfflineDiscord) -> list[asyncio.Future[bytes]]:
    """Take every place in the bot's chart pool with charts that wait (see `held`)."""
    pool = offline.bot.services.charts
    return [pool.draw(JOB) for _ in range(pool.capacity - pool.depth())]


BUSY = {"en-US": "Charts are busy", "zh-CN": "图表生成繁忙", "zh-TW": "圖表生成繁忙"}


@pytest.mark.parametrize("locale", list(BUSY))
@pytest.mark.parametrize(
    ("command", "options"),
    [
        ("industry chain", {}),
        ("history timeline", {"start": 2017, "end": 2017}),
        ("compute train", {"params": "70B", "tokens": "15T", "chart": True}),
    ],
)
async def test_full_charts_answer_privately_asking_to_retry(
    discord_env: OfflineDiscord,
    held: threading.Event,
    locale: str,
    command: str,
    options: dict[str, Any],
) -> None:
    """Through the real tree, with the pool full: a private reply in the reader's language
    asks to retry (even for a public answer: nothing was deferred publicly first), no image."""
    waiting = fill(discord_env)
    exchange = await discord_env.command(command, Actor(locale=locale), **options)
    assert exchange.ephemeral
    assert BUSY[locale] in exchange.text()
    assert not exchange.files
    held.set()
    await asyncio.gather(*waiting)


async def test_paging_a_timeline_while_charts_are_full_keeps_the_page(
    discord_env: OfflineDiscord, held: threading.Event
) -> None:
    """› with the pool full: the asker is told privately to retry and the list stays on page
    1; pressing again once the charts are free shows page 2 with its chart."""
    held.set()
    first = await discord_env.command("history timeline")
    held.clear()
    waiting = fill(discord_env)
    busy = await discord_env.press(first.message_id, label="›")
    assert busy.ephemeral
    assert BUSY["en-US"] in busy.text()
    assert not busy.files
    held.set()
    await asyncio.gather(*waiting)
    paged = await discord_env.press(first.message_id, label="›")
    assert "Page 2 of" in paged.text()
    assert [name for name, _ in paged.files] == ["timeline.png"]


NO_MATPLOTLIB = textwrap.dedent(
    """
    import asyncio, sys
    from bot.app import AixBot, build_services
    from bot.settings import Settings
    from offline import OfflineDiscord

    async def main() -> None:
        settings = Settings(_env_file=None, database_url=sys.argv[1])
        offline = OfflineDiscord(AixBot(build_services(settings)))
        await offline.start()
        try:
            about = await offline.command("about")
            assert about.last, "no answer to /about"
            assert "matplotlib" not in sys.modules, "matplotlib imported by /about"
            chain = await offline.command("industry chain")
            (name, data), = chain.files
            assert name == "chain.png" and data.startswith(b"\\x89PNG"), chain.text()
            assert "matplotlib" not in sys.modules, "matplotlib imported outside the workers"
        finally:
            await offline.close()
        print("ok")

    asyncio.run(main())
    """
)


def test_matplotlib_is_loaded_only_in_the_chart_workers(tmp_path: Path) -> None:
    """A fresh process builds the bot with every cog, answers /about, then draws the industry
    chart in the default (process) pool: matplotlib is never imported in the bot's process."""
    result = subprocess.run(
        [sys.executable, "-c", NO_MATPLOTLIB, f"sqlite+aiosqlite:///{tmp_path}/aixbot.db"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={k: v for k, v in os.environ.items() if not k.startswith(("DISCORD_", "DATABASE_"))},
        timeout=240,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.strip() == "ok"


async def test_the_metrics_read_the_bots_chart_queue(
    discord_env: OfflineDiscord, held: threading.Event
) -> None:
    """aixbot_chart_queue_depth reads this pool: charts drawing and waiting, then none."""
    metrics = discord_env.bot.services.metrics
    waiting = [discord_env.bot.services.charts.draw(JOB) for _ in range(3)]
    assert metrics.chart_queue_depth() == 3
    held.set()
    await asyncio.gather(*waiting)
    assert metrics.chart_queue_depth() == 0
