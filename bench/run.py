"""Run every benchmark in bench/ and print one table: `python -m bench` (or `python -m bench.run`).

Each `bench/bench_*.py` module exposes `async def measure(workdir: Path) -> list[Row]`.
Pass module names to run only some: `python -m bench knowledge lookup`. The table opens with
the machine it ran on (the figures are only comparable on one machine) and ends with the whole
run's time against its budget.
"""

from __future__ import annotations

import asyncio
import importlib
import logging
import os
import pkgutil
import platform
import sys
import tempfile
import time
from pathlib import Path

import bench
from bench.common import Row, table

BUDGET_S = 300.0
"""Issue 14: the whole run takes under five minutes."""


def cpu_model() -> str:
    try:
        lines = Path("/proc/cpuinfo").read_text().splitlines()
    except OSError:
        return platform.processor() or "unknown CPU"
    for line in lines:
        if line.startswith("model name"):
            return line.partition(":")[2].strip()
    return platform.processor() or "unknown CPU"


def machine() -> str:
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    return (
        f"machine: {os.cpu_count()} CPUs, {cpu_model()}; Python {platform.python_version()} "
        f"({platform.python_implementation()}), {platform.system()} {platform.release()}; "
        f"load average at start {load}"
    )


async def main(selected: list[str]) -> int:
    logging.basicConfig(level=logging.WARNING)
    began = time.perf_counter()
    note = machine()
    rows: list[Row] = []
    names = sorted(
        m.name for m in pkgutil.iter_modules(bench.__path__) if m.name.startswith("bench_")
    )
    for name in names:
        if selected and name.removeprefix("bench_") not in selected:
            continue
        module = importlib.import_module(f"bench.{name}")
        with tempfile.TemporaryDirectory() as workdir:
            rows.extend(await module.measure(Path(workdir)))
    took = time.perf_counter() - began
    rows.append(
        Row(
            "bench",
            f"whole run{', ' + ' '.join(selected) if selected else ''}: {took:.0f} s",
            1,
            took * 1000,
            took * 1000,
            f"< {BUDGET_S:g} s",
            took < BUDGET_S,
        )
    )
    print(note)
    print(table(rows))
    missed = [r for r in rows if r.ok is False]
    return 1 if missed else 0


if __name__ == "__main__":
    raise SystemExit(asyncio.run(main(sys.argv[1:])))
