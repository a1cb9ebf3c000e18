"""Real processes for lifecycle tests: the `aixbot` command as a user or a supervisor runs it."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def child_env(**extra: str) -> dict[str, str]:
    """The test's environment without Discord, database or metrics settings, plus `extra`. The
    public post limit is off: these streams ask many public questions as one member."""
    base = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(
            ("DISCORD_", "DATABASE_", "KNOWLEDGE_", "LOG_LEVEL", "POST_", "METRICS_")
        )
    }
    base["PYTHONPATH"] = os.pathsep.join([str(ROOT), base.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    base["POST_COOLDOWN__SECONDS"] = "0"
    return {**base, **extra}


def aixbot(*args: str) -> list[str]:
    return [sys.executable, "-m", "bot.cli", *args]


async def start_run(
    cwd: Path, api_url: str, database_url: str, **env: str
) -> asyncio.subprocess.Process:
    """`aixbot run` against a fake Discord at `api_url`, its log on stderr for the test to read."""
    return await asyncio.create_subprocess_exec(
        *aixbot("run"),
        cwd=cwd,
        env=child_env(
            DISCORD_TOKEN="fake-token", DISCORD_API_URL=api_url, DATABASE_URL=database_url, **env
        ),
        stderr=asyncio.subprocess.PIPE,
    )


def pg_counts(url: str) -> tuple[int, int]:
    """Entries and revisions in a PostgreSQL database, read outside the bot."""
    import asyncpg

    async def counts() -> tuple[int, int]:
        connection = await asyncpg.connect(url.replace("postgresql+asyncpg", "postgresql"))
        try:
            entries = await connection.fetchval("SELECT count(*) FROM entries")
            revisions = await connection.fetchval("SELECT count(*) FROM revisions")
        finally:
            await connection.close()
        return int(entries), int(revisions)

    return asyncio.run(counts())


def run(args: list[str], cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        args, cwd=cwd, env=child_env(**env), capture_output=True, text=True, timeout=240
    )


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite+aiosqlite:///{tmp_path}/data/aixbot.db"
