"""Editing: edits per second with history (one writer, SQLite and PostgreSQL), `history` of an
entry with 1,000 revisions, the catalog update after one edit with 10,000 entries loaded, and on
PostgreSQL the lag from an edit's commit in this process to its change applied by the listener
of another (bench/notify_listener.py, LISTEN/NOTIFY through bot/knowledge/sync.py).

Targets (issue 9): >= 200 edits/s on SQLite; history p99 <= 50 ms; catalog update p99 <= 5 ms.
PostgreSQL rows need a server at AIXBOT_BENCH_PG (default: the test server); without one they
are left out and a row says so.
"""

from __future__ import annotations

import asyncio
import os
import sys
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

from bench.bench_knowledge import synthetic_terms
from bench.common import Row, percentile, row, time_async
from bot.db.database import Database
from bot.db.models import Entry
from bot.editing.fields import ModalFields
from bot.editing.service import EditingService
from bot.knowledge.files import DEFAULT_ROOT, load_knowledge
from bot.knowledge.models import EntryBase
from bot.knowledge.service import KnowledgeService
from bot.knowledge.store import load_shipped

PG_URL = os.environ.get("AIXBOT_BENCH_PG", "postgresql+asyncpg://postgres@127.0.0.1:5432/test")
GUILD = 4242
EDITOR = 1
ENTRY = "term/transformer"
EDITS = 1000
"""Sequential edits of one entry: its history is this long when `history` is timed."""
SYNTHETIC = 10_000
NOTIFIED = 100
"""Edits whose notification lag is timed."""
LISTENER_TIMEOUT_S = 60.0


class TimedCatalog(KnowledgeService):
    """The catalog with each `apply` timed: the in-memory update an edit ends with."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.applies_ms: list[float] = []

    def apply(self, row: Entry) -> bool:
        start = time.perf_counter()
        applied = super().apply(row)
        self.applies_ms.append((time.perf_counter() - start) * 1000)
        return applied


@dataclass
class Stand:
    database: Database
    catalog: TimedCatalog
    editing: EditingService

    async def close(self) -> None:
        await self.database.close()


async def _stand(url: str, entries: list[EntryBase]) -> Stand:
    database = Database(url)
    await database.migrate()
    await load_shipped(database.sessions, entries)
    catalog = TimedCatalog(database.sessions)
    await catalog.refresh()
    return Stand(database, catalog, EditingService(database.sessions, catalog))


async def _edits(stand: Stand, count: int) -> tuple[list[float], float]:
    """`count` edits of one entry, each based on the last: per-edit ms and edits per second."""
    version = (await stand.editing.draft(GUILD, ENTRY)).version
    samples: list[float] = []
    began = time.perf_counter()
    for n in range(count):
        start = time.perf_counter()
        result = await stand.editing.edit(
            GUILD,
            ENTRY,
            "en",
            ModalFields(summary=f"Edit number {n} of the benchmark."),
            based_on=version,
            editor_id=EDITOR,
            reason="bench",
            interaction_id=10**15 + n,
        )
        samples.append((time.perf_counter() - start) * 1000)
        version = result.version
    return samples, count / (time.perf_counter() - began)


def _rate_row(backend: str, samples: list[float], rate: float, target: float | None) -> Row:
    name = f"edits/s with history, one writer, {backend}: {rate:,.0f}/s"
    return Row(
        "editing",
        name,
        len(samples),
        percentile(samples, 50),
        percentile(samples, 99),
        f">= {target:g} edits/s" if target else "",
        rate >= target if target else None,
    )


async def _lag(stand: Stand, url: str) -> list[float]:
    """Milliseconds from each edit's return here (committed, notification sent) to the other
    process having applied it; one edit at a time, each waiting for the last to arrive."""
    listener = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bench.notify_listener",
        url,
        stdout=asyncio.subprocess.PIPE,
    )
    assert listener.stdout is not None
    try:
        ready = await asyncio.wait_for(listener.stdout.readline(), LISTENER_TIMEOUT_S)
        if ready.strip() != b"ready":
            raise RuntimeError(f"the listener said {ready!r}, not ready")
        version = (await stand.editing.draft(GUILD, ENTRY)).version
        lags: list[float] = []
        for n in range(NOTIFIED):
            result = await stand.editing.edit(
                GUILD,
                ENTRY,
                "en",
                ModalFields(summary=f"Notified edit {n} of the benchmark."),
                based_on=version,
                editor_id=EDITOR,
                reason="bench",
                interaction_id=10**16 + n,
            )
            committed = time.monotonic()
            version = result.version
            line = await asyncio.wait_for(listener.stdout.readline(), LISTENER_TIMEOUT_S)
            applied = float(line.split()[1])
            lags.append((applied - committed) * 1000)
        return lags
    finally:
        listener.terminate()
        await listener.wait()


async def _pg_database() -> tuple[str, str] | None:
    """A fresh database on the bench server, or None when there is no server."""
    try:
        import asyncpg
    except ImportError:
        return None
    dsn = PG_URL.replace("postgresql+asyncpg", "postgresql")
    name = f"aixbot_bench_{uuid.uuid4().hex[:10]}"
    try:
        connection = await asyncio.wait_for(asyncpg.connect(dsn), timeout=3)
    except (TimeoutError, OSError, asyncpg.PostgresError):
        return None
    try:
        await connection.execute(f'CREATE DATABASE "{name}"')
    finally:
        await connection.close()
    return f"{PG_URL.rpartition('/')[0]}/{name}", name


async def _drop_pg(name: str) -> None:
    import asyncpg

    connection = await asyncpg.connect(PG_URL.replace("postgresql+asyncpg", "postgresql"))
    try:
        await connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await connection.close()


async def measure(workdir: Path) -> list[Row]:
    shipped = load_knowledge(DEFAULT_ROOT).entries
    rows: list[Row] = []

    stand = await _stand(f"sqlite+aiosqlite:///{workdir}/editing.db", shipped)
    samples, rate = await _edits(stand, EDITS)
    rows.append(_rate_row("SQLite", samples, rate, 200))
    history = await time_async(lambda: stand.editing.history(GUILD, ENTRY), 300)
    rows.append(
        row("editing", f"history, entry with {EDITS + 1:,} revisions", history, p99_target_ms=50)
    )
    diff = await time_async(lambda: stand.editing.diff(GUILD, ENTRY), 300)
    rows.append(row("editing", "diff, current against previous", diff))
    await stand.close()

    pg = await _pg_database()
    if pg is None:
        rows.append(
            Row("editing", f"PostgreSQL rows skipped: no server at {PG_URL}", 0, 0, 0, "", None)
        )
    else:
        url, name = pg
        try:
            stand = await _stand(url, shipped)
            samples, rate = await _edits(stand, 300)
            rows.append(_rate_row("PostgreSQL", samples, rate, None))
            rows.append(
                row(
                    "editing",
                    "notification lag, edit committed here to applied by another process",
                    await _lag(stand, url),
                )
            )
            await stand.close()
        finally:
            await _drop_pg(name)

    big = await _stand(
        f"sqlite+aiosqlite:///{workdir}/editing-10k.db", [*shipped, *synthetic_terms(SYNTHETIC)]
    )
    loaded = len(big.catalog.visible())
    big.catalog.applies_ms.clear()
    edit_samples, _ = await _edits(big, 300)
    rows.append(
        row(
            "editing",
            f"catalog update after one edit, {loaded:,} entries loaded",
            big.catalog.applies_ms,
            p99_target_ms=5,
        )
    )
    rows.append(row("editing", f"one edit end to end, {loaded:,} entries loaded", edit_samples))
    await big.close()
    return rows
