"""Timing helpers and the one table every benchmark prints into."""

from __future__ import annotations

import statistics
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Row:
    area: str
    name: str
    runs: int
    p50_ms: float
    p99_ms: float
    target: str
    """The requirement, e.g. "p99 <= 5 ms"; empty when the row is for information."""
    ok: bool | None
    vs_floor: float | None = None
    """The figure the target compares with the bare discord.py command's (bench_speed)."""

    def cells(self) -> list[str]:
        verdict = {True: "ok", False: "MISSED", None: "info"}[self.ok]
        return [
            self.area,
            self.name,
            str(self.runs),
            f"{self.p50_ms:.3f}",
            f"{self.p99_ms:.3f}",
            "" if self.vs_floor is None else f"{self.vs_floor:.2f}x",
            self.target or "none",
            verdict,
        ]


def percentile(samples: list[float], q: float) -> float:
    if len(samples) == 1:
        return samples[0]
    return statistics.quantiles(samples, n=100, method="inclusive")[int(q) - 1]


def row(
    area: str,
    name: str,
    samples_ms: list[float],
    *,
    p99_target_ms: float | None = None,
    target: str | None = None,
) -> Row:
    p50, p99 = percentile(samples_ms, 50), percentile(samples_ms, 99)
    if p99_target_ms is not None:
        return Row(
            area,
            name,
            len(samples_ms),
            p50,
            p99,
            target or f"p99 <= {p99_target_ms:g} ms",
            p99 <= p99_target_ms,
        )
    return Row(area, name, len(samples_ms), p50, p99, target or "", None)


def time_sync(fn: Callable[[], object], runs: int) -> list[float]:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


async def time_async(fn: Callable[[], Awaitable[object]], runs: int) -> list[float]:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        await fn()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


HEADER = ["area", "measure", "runs", "p50 ms", "p99 ms", "x bare", "target", "verdict"]


def table(rows: list[Row]) -> str:
    cells = [HEADER, *[r.cells() for r in rows]]
    widths = [max(len(c[i]) for c in cells) for i in range(len(HEADER))]
    lines = ["| " + " | ".join(c[i].ljust(widths[i]) for i in range(len(c))) + " |" for c in cells]
    lines.insert(1, "|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(lines)
