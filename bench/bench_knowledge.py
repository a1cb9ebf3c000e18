"""Loading knowledge: 1,000 entries into an empty database (target < 2 s), and a reload."""

from __future__ import annotations

import time
from pathlib import Path

from bench.common import Row, row
from bot.db import Database
from bot.knowledge.models import Term
from bot.knowledge.store import load_shipped


def synthetic_terms(count: int, *, edition: str = "a") -> list[Term]:
    return [
        Term.model_validate(
            {
                "id": f"term/synthetic-{i}",
                "name": {"en": f"Synthetic term {i}", "zh": f"合成术语 {i}"},
                "aliases": [f"syn{i}"],
                "summary": {
                    "en": f"Summary {i} ({edition}).",
                    "zh": f"第 {i} 条摘要（{edition}）。",
                },
                "body": {"en": f"Body of term {i}. " * 20, "zh": f"术语 {i} 的正文。" * 20},
                "sources": [{"url": "https://example.org/", "title": "t", "publisher": "p"}],
                "checked": "2026-12-02",
            }
        )
        for i in range(count)
    ]


async def _load_once(workdir: Path, run: int) -> tuple[float, float]:
    database = Database(f"sqlite+aiosqlite:///{workdir}/load-{run}.db")
    await database.migrate()
    entries = synthetic_terms(1000)
    start = time.perf_counter()
    await load_shipped(database.sessions, entries)
    first = (time.perf_counter() - start) * 1000
    start = time.perf_counter()
    await load_shipped(database.sessions, entries)
    again = (time.perf_counter() - start) * 1000
    await database.close()
    return first, again


async def measure(workdir: Path) -> list[Row]:
    firsts, agains = [], []
    for run in range(5):
        first, again = await _load_once(workdir, run)
        firsts.append(first)
        agains.append(again)
    return [
        row(
            "knowledge",
            "load 1,000 entries, empty SQLite",
            firsts,
            p99_target_ms=2000,
            target="< 2000 ms",
        ),
        row("knowledge", "reload 1,000 unchanged entries", agains),
    ]
