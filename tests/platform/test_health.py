"""bot.health: the database at the schema head, then the bot's /healthz when metrics are on."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory

from bot.db import Database
from bot.db.database import SCHEMA_HEAD, alembic_config
from bot.health import check, healthz_url
from tests.healthz import closed_port, serving_healthz


async def health_of(
    url: str, metrics_port: int | None = None, metrics_host: str = "127.0.0.1"
) -> tuple[bool, str]:
    database = Database(url)
    try:
        health = await check(database, metrics_port=metrics_port, metrics_host=metrics_host)
    finally:
        await database.close()
    return health.ok, health.line


async def test_a_database_at_head_is_healthy(db_url: str) -> None:
    """A migrated database with no metrics port: healthy, and the line says what was checked."""
    ok, line = await health_of(db_url)
    assert ok
    path = db_url.removeprefix("sqlite+aiosqlite:///")
    assert line == f"healthy: SQLite file {path} at schema {SCHEMA_HEAD}"


async def test_an_older_schema_is_unhealthy(db_url: str) -> None:
    """One migration behind: unhealthy, naming both revisions and what to run."""
    database = Database(db_url)
    await database.downgrade("-1")
    await database.close()
    ok, line = await health_of(db_url)
    assert not ok
    assert f"expects {SCHEMA_HEAD}" in line
    previous = ScriptDirectory.from_config(alembic_config()).get_revision(SCHEMA_HEAD)
    assert previous is not None
    assert f"schema at {previous.down_revision}" in line
    assert "aixbot db upgrade" in line


async def test_an_unmigrated_file_is_unhealthy_and_left_alone(tmp_path: Path) -> None:
    """An empty SQLite file has no schema: unhealthy, and the check creates no table."""
    path = tmp_path / "empty.db"
    sqlite3.connect(path).close()
    ok, line = await health_of(f"sqlite+aiosqlite:///{path}")
    assert not ok
    assert line.startswith("unhealthy: ")
    assert "no schema yet" in line
    with sqlite3.connect(path) as connection:
        assert connection.execute("SELECT count(*) FROM sqlite_master").fetchone() == (0,)


async def test_a_missing_file_is_unhealthy_and_not_created(tmp_path: Path) -> None:
    """A health check never creates the database it is asked about."""
    path = tmp_path / "data" / "aixbot.db"
    ok, line = await health_of(f"sqlite+aiosqlite:///{path}")
    assert not ok
    assert "no such file" in line
    assert not path.exists()
    assert not path.parent.exists()


@pytest.mark.parametrize(("status", "healthy"), [(200, True), (503, False), (404, False)])
async def test_the_metrics_endpoint_must_answer_200(
    db_url: str, status: int, healthy: bool
) -> None:
    """With a metrics port the bot's /healthz is asked once; only 200 is healthy."""
    with serving_healthz(status) as endpoint:
        ok, line = await health_of(db_url, endpoint.port)
    assert endpoint.asked == 1
    assert ok is healthy
    url = f"http://127.0.0.1:{endpoint.port}/healthz"
    assert url in line
    assert line.endswith(f"{url} 200" if healthy else f"answered {status}, not 200.")


async def test_nothing_on_the_metrics_port_is_unhealthy(db_url: str) -> None:
    """A bot that is not running (or runs without METRICS_PORT) leaves the port closed."""
    port = closed_port()
    ok, line = await health_of(db_url, port)
    assert not ok
    assert "no answer" in line
    assert f"METRICS_PORT={port}" in line


async def test_the_database_is_checked_before_the_endpoint(tmp_path: Path) -> None:
    """A bot whose database is gone is unhealthy whatever its endpoint says, and the line names
    the database."""
    with serving_healthz(200) as endpoint:
        ok, line = await health_of(f"sqlite+aiosqlite:///{tmp_path}/gone.db", endpoint.port)
    assert not ok
    assert "gone.db" in line
    assert endpoint.asked == 0


@pytest.mark.parametrize(
    ("host", "url"),
    [
        ("127.0.0.1", "http://127.0.0.1:9100/healthz"),
        ("0.0.0.0", "http://127.0.0.1:9100/healthz"),
        ("", "http://127.0.0.1:9100/healthz"),
        ("::", "http://[::1]:9100/healthz"),
        ("::1", "http://[::1]:9100/healthz"),
        ("10.0.0.7", "http://10.0.0.7:9100/healthz"),
        ("localhost", "http://localhost:9100/healthz"),
    ],
)
def test_healthz_is_asked_where_the_bot_listens(host: str, url: str) -> None:
    """METRICS_HOST decides the address: one listening on every address is asked on loopback."""
    assert healthz_url(host, 9100) == url


async def test_a_bot_listening_on_every_address_is_asked_on_loopback(db_url: str) -> None:
    """The image's METRICS_HOST=0.0.0.0: the check reaches the endpoint through 127.0.0.1."""
    with serving_healthz(200) as endpoint:
        ok, line = await health_of(db_url, endpoint.port, metrics_host="0.0.0.0")
    assert ok, line
    assert endpoint.asked == 1


async def test_metrics_port_zero_is_not_asked(db_url: str) -> None:
    """METRICS_PORT=0 lets the bot pick a free port only its log names: the check says it did
    not ask rather than failing for ever."""
    ok, line = await health_of(db_url, 0)
    assert ok
    assert line.endswith("/healthz not asked (METRICS_PORT=0: the bot chose its port)")
