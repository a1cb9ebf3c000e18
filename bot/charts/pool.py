"""The chart workers: a bounded pool that draws charts outside the process answering Discord.

matplotlib holds the GIL while it lays a chart out, so a chart drawn in a thread of the bot's
process competes with every lookup for it. Measured with bench/bench_charts.py (a burst of 60
/industry chain while one member keeps asking /define, 2 shared CPUs at load 3-5), the
lookups' p99 during the burst was 35-40 ms with threads and 26-32 ms with worker processes,
and the burst was answered in 13-17 s against 10-13 s; the p50s (9-14 ms) were within the
machine's noise of each other. Charts are drawn in worker processes, which also keep
matplotlib's memory out of the bot (`aixbot ask about` peaks at 109 MiB, was 146). Workers are
started with 'spawn': the bot runs an event loop and threads (aiosqlite's, this pool's own
manager thread), and a forked child would inherit their locks in whatever state they were in.

The pool is bounded: `workers` draw at once and `queue` more may wait; one more chart is refused
at once with ChartsBusy, which the user sees as "charts are busy, try again". A cog asks before
it defers its reply, so that message can still be private.
"""

from __future__ import annotations

import asyncio
import functools
import multiprocessing
import threading
import time
from collections.abc import Callable
from concurrent.futures import (
    BrokenExecutor,
    Executor,
    Future,
    ProcessPoolExecutor,
    ThreadPoolExecutor,
)
from multiprocessing.process import BaseProcess
from typing import TypeVar

from bot.charts import jobs
from bot.charts.jobs import ChartJob
from bot.errors import ChartsBusy
from bot.settings import ChartSettings

T = TypeVar("T")

STOP_SECONDS = 5.0
"""How long closing waits for a chart being drawn before its worker is terminated."""


class ChartPool:
    """Draws `ChartJob`s in `settings.workers` processes (threads for tests), at most
    `settings.queue` waiting; started at the first chart or by `start()`."""

    def __init__(self, settings: ChartSettings) -> None:
        self.settings = settings
        self._executor: Executor | None = None
        self._lock = threading.Lock()
        """Guards the executor and the depth: futures finish on the executor's threads."""
        self._depth = 0
        self._closed = False

    @property
    def capacity(self) -> int:
        """Charts drawing plus waiting, at most."""
        return self.settings.workers + self.settings.queue

    def depth(self) -> int:
        """Charts drawing now plus those waiting for a worker."""
        return self._depth

    def processes(self) -> list[BaseProcess]:
        """The worker processes running now (none for a thread pool or before the first chart)."""
        with self._lock:
            return _processes_of(self._executor) if self._executor is not None else []

    def start(self) -> None:
        """Start the workers now and have each load matplotlib and find its fonts, so the first
        chart after start-up does not wait for them (about 2 s on 2 cores)."""
        for _ in range(self.settings.workers):
            self._submit(jobs.warm)

    def draw(self, job: ChartJob) -> asyncio.Future[bytes]:
        """The PNG of `job`, drawn by a worker; raises ChartsBusy now when the pool is full."""
        return asyncio.wrap_future(self._submit(jobs.draw, job))

    def _new_executor(self) -> Executor:
        workers = self.settings.workers
        if self.settings.executor == "thread":
            return ThreadPoolExecutor(workers, thread_name_prefix="aixbot-chart")
        return ProcessPoolExecutor(
            workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=jobs.start_worker,
        )

    def _submit(self, fn: Callable[..., T], *args: object) -> Future[T]:
        with self._lock:
            if self._closed or self._depth >= self.capacity:
                raise ChartsBusy()
            if self._executor is None:
                self._executor = self._new_executor()
            executor = self._executor
            try:
                future = executor.submit(fn, *args)
            except BrokenExecutor:  # a worker died while the pool was idle
                executor.shutdown(wait=False)
                executor = self._executor = self._new_executor()
                future = executor.submit(fn, *args)
            self._depth += 1
        future.add_done_callback(functools.partial(self._finished, executor))
        return future

    def _finished(self, executor: Executor, future: Future[object]) -> None:
        """Count a chart done; a worker that died (killed, out of memory) breaks its executor,
        so the next chart starts a new one rather than every chart failing from then on."""
        broken = not future.cancelled() and isinstance(future.exception(), BrokenExecutor)
        with self._lock:
            self._depth -= 1
            if broken and self._executor is executor:
                self._executor = None
        if broken:
            executor.shutdown(wait=False, cancel_futures=True)

    async def close(self, grace: float = STOP_SECONDS) -> None:
        """Refuse new charts, drop the waiting ones and stop the workers: a chart being drawn
        gets `grace` seconds, then its process is terminated, so closing never hangs."""
        with self._lock:
            self._closed = True
            executor, self._executor = self._executor, None
        if executor is None:
            return
        processes = _processes_of(executor)
        executor.shutdown(wait=False, cancel_futures=True)
        await asyncio.to_thread(_stop, processes, grace)


def _processes_of(executor: Executor) -> list[BaseProcess]:
    """The worker processes of a process pool. `_processes` is ProcessPoolExecutor's private
    map (Python 3.14 adds terminate_workers() for this); it is None once the pool shut down."""
    if not isinstance(executor, ProcessPoolExecutor):
        return []
    return list((executor._processes or {}).values())


def _stop(processes: list[BaseProcess], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    for process in processes:
        process.join(max(0.0, deadline - time.monotonic()))
    for process in processes:
        if process.is_alive():
            process.terminate()
            process.join(1.0)
        if process.is_alive():
            process.kill()
            process.join()
