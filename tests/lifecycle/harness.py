"""Run in a child process by the lifecycle tests: migrate, pausing before chosen statements.

`python -m tests.lifecycle.harness URL N` prints "at N" to stdout and blocks before the N-th SQL
statement of the migration, so the test can SIGKILL the process at an exact point instead of
after a guessed delay. Test-only: the bot itself has no such hook.
"""

from __future__ import annotations

import asyncio
import sys
from typing import Any

from sqlalchemy import event

from bot.db import Database


async def main(url: str, stop_at: int) -> None:
    database = Database(url)
    seen = 0

    def before(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        nonlocal seen
        seen += 1
        if seen == stop_at:
            print(f"at {seen}: {statement.split(chr(10))[0][:60]}", flush=True)
            sys.stdin.readline()  # blocks until the test kills us

    event.listen(database.engine.sync_engine, "before_cursor_execute", before)
    await database.migrate()
    print(f"done after {seen}", flush=True)
    await database.close()


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], int(sys.argv[2])))
