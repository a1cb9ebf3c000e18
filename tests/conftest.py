"""Fixtures: a real bot on a real database, driven through discord.py with Discord stood in.

`discord_env` starts an AixBot on a temp SQLite file (copied from a template migrated and loaded
once per session), feeds it interaction payloads through `offline.OfflineDiscord`, and at
the end fails the test if any captured reply broke a Discord limit or could ping, or if any
captured request body does not fit Discord's own OpenAPI spec.
"""

from __future__ import annotations

import asyncio
import gc
import os
import shutil
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from hypothesis import settings

from bot.app import AixBot, build_services
from bot.db import Database
from bot.knowledge.files import DEFAULT_ROOT, load_knowledge
from bot.knowledge.store import load_shipped
from bot.settings import ChartSettings, PostCooldown, Settings
from offline import OfflineDiscord, limit_violations
from offline.openapi import spec_violations

settings.register_profile("untimed", deadline=None)
settings.load_profile("untimed")
"""No timed assertions: Hypothesis's 200 ms deadline fails whichever example first loads OpenCC's
dictionaries (0.6 s), depending on which test a worker happens to run first."""

NO_POST_LIMIT = PostCooldown(seconds=0)
"""Tests ask many public questions as one member; tests/lookup/test_posting.py turns the limit
on."""
IN_PROCESS_CHARTS = ChartSettings(executor="thread")
"""Charts drawn in threads of the test process: a spawned worker costs seconds per test, and
monkeypatched chart functions stay visible. tests/charts/test_pool.py runs the real processes."""
PG_ADMIN_URL = os.environ.get("AIXBOT_TEST_PG", "postgresql+asyncpg://postgres@127.0.0.1:5432/test")


def make_settings(
    database_url: str,
    knowledge_dir: Path = DEFAULT_ROOT,
    post_cooldown: PostCooldown = NO_POST_LIMIT,
) -> Settings:
    return Settings(
        _env_file=None,  # type: ignore[call-arg]
        database_url=database_url,
        knowledge_dir=knowledge_dir,
        dev_guild_ids=[],
        moderator_role_ids=[],
        post_cooldown=post_cooldown,
        charts=IN_PROCESS_CHARTS,
    )


def _build_template(path: Path, knowledge_dir: Path) -> None:
    async def build() -> None:
        database = Database(f"sqlite+aiosqlite:///{path}")
        await database.migrate()
        await load_shipped(database.sessions, load_knowledge(knowledge_dir).entries)
        await database.close()

    asyncio.run(build())


@pytest.fixture(scope="session")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database migrated to head with the shipped knowledge loaded, built once."""
    path = tmp_path_factory.mktemp("template") / "aixbot.db"
    _build_template(path, DEFAULT_ROOT)
    return path


@pytest.fixture(autouse=True)
def thawed() -> Iterator[None]:
    """What a test's catalog froze (bot/knowledge/heap.py) is unfrozen after it: a test process
    builds a bot per test, and a frozen bot that then dies in reference cycles is never
    collected (286,000 objects left frozen after tests/editing's 223 tests, peak RSS 447 MB
    instead of 299 MB). A bot process builds one and keeps it."""
    yield
    gc.unfreeze()


@pytest.fixture
def db_url(tmp_path: Path, template_db: Path) -> str:
    target = tmp_path / "aixbot.db"
    shutil.copy(template_db, target)
    return f"sqlite+aiosqlite:///{target}"


@pytest.fixture
async def discord_env(db_url: str) -> AsyncIterator[OfflineDiscord]:
    """The bot with every cog, answering through the real discord.py stack."""
    offline = OfflineDiscord(AixBot(build_services(make_settings(db_url))))
    await offline.start()
    yield offline
    await offline.close()
    assert_discord_accepts(offline)


def assert_discord_accepts(offline: OfflineDiscord) -> None:
    """Every captured reply within Discord's limits, pinging no one, and fitting its spec."""
    requests = offline.stand_in.requests
    violations = [f"{r.method} {r.path}: {p}" for r in requests for p in limit_violations(r)]
    assert not violations, "replies broke Discord's limits:\n" + "\n".join(violations)
    rejected = [f"{r.method} {r.path}: {p}" for r in requests for p in spec_violations(r)]
    assert not rejected, (
        "request bodies Discord's OpenAPI spec (tests/discord_api_spec) rejects:\n"
        + "\n".join(dict.fromkeys(rejected))
    )


async def _pg_available() -> str | None:
    try:
        import asyncpg
    except ImportError:
        return "asyncpg is not installed"
    dsn = PG_ADMIN_URL.replace("postgresql+asyncpg", "postgresql")
    try:
        connection = await asyncio.wait_for(asyncpg.connect(dsn), timeout=3)
    except (TimeoutError, OSError, asyncpg.PostgresError) as exc:
        return f"PostgreSQL at {PG_ADMIN_URL} is unreachable ({type(exc).__name__}: {exc})"
    await connection.close()
    return None


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A fresh, empty PostgreSQL database for one test, dropped afterwards."""
    yield from fresh_pg_database()


@pytest.fixture(params=["sqlite", "postgresql"])
def any_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh database on each backend, for behaviour that must hold on both."""
    if request.param == "sqlite":
        return f"sqlite+aiosqlite:///{tmp_path}/any.db"
    return str(request.getfixturevalue("pg_url"))


def fresh_pg_database() -> Iterator[str]:
    """`pg_url`'s work, for a test that needs a second database (a restore into another)."""
    reason = asyncio.run(_pg_available())
    if reason is not None:
        pytest.skip(reason)
    import asyncpg

    name = f"aixbot_{uuid.uuid4().hex[:12]}"
    dsn = PG_ADMIN_URL.replace("postgresql+asyncpg", "postgresql")

    async def admin(sql: str) -> None:
        connection = await asyncpg.connect(dsn)
        try:
            await connection.execute(sql)
        finally:
            await connection.close()

    asyncio.run(admin(f'CREATE DATABASE "{name}"'))
    base, _, _ = PG_ADMIN_URL.rpartition("/")
    yield f"{base}/{name}"
    asyncio.run(admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
