"""The second process of bench_editing's notification lag: `python -m bench.notify_listener URL`.

It builds a catalog on the PostgreSQL database at URL with its own CatalogSync (the listener
every `aixbot run` process has), prints "ready" once it listens, then one line per step of its
cursor: the revision id and time.monotonic() when the change had been applied. CLOCK_MONOTONIC
is one clock for every process on the machine, so the bench can subtract its own readings.
"""

from __future__ import annotations

import asyncio
import sys
import time

from bot.db.database import Database
from bot.knowledge.service import KnowledgeService
from bot.knowledge.sync import CatalogSync


async def main(url: str) -> None:
    database = Database(url)
    knowledge = KnowledgeService(database.sessions)
    sync = CatalogSync(url, database.sessions, knowledge)
    await sync.mark()
    await knowledge.refresh()
    sync.start()
    await sync.listening.wait()
    print("ready", flush=True)
    try:
        while True:
            await sync.caught_up(sync.cursor + 1)
            print(sync.cursor, time.monotonic(), flush=True)
    finally:
        await sync.stop()
        await database.close()


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1]))
