"""`aixbot health` (the image's HEALTHCHECK) and `aixbot db upgrade` (compose's one-shot
`migrate` service) as real processes: exit status and one line, on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
import signal
import sqlite3
import subprocess
from pathlib import Path

from bot.db.database import SCHEMA_HEAD
from bot.knowledge.files import DEFAULT_ROOT, load_knowledge
from tests.healthz import closed_port, serving_healthz, silent_listener
from tests.lifecycle.conftest import aixbot, child_env, pg_counts, run
from tests.lifecycle.test_metrics_endpoint import TIMEOUT_S, HeldReady, line_matching

SHIPPED = len(load_knowledge(DEFAULT_ROOT).entries)


def health(tmp_path: Path, url: str, **env: str) -> subprocess.CompletedProcess[str]:
    return run(aixbot("health"), tmp_path, DATABASE_URL=url, **env)


def the_line(result: subprocess.CompletedProcess[str], *, ok: bool) -> str:
    """Exit 0 with one line on stdout, or exit 1 with one line on stderr; never a traceback."""
    assert result.returncode == (0 if ok else 1), result.stderr
    said, quiet = (result.stdout, result.stderr) if ok else (result.stderr, result.stdout)
    assert quiet == ""
    lines = said.splitlines()
    assert len(lines) == 1, said
    assert lines[0].startswith("healthy: " if ok else "unhealthy: ")
    return lines[0]


def test_sqlite_at_head_is_healthy(tmp_path: Path, db_url: str) -> None:
    """A migrated database: exit 0 and the schema it is at."""
    line = the_line(health(tmp_path, db_url), ok=True)
    assert line.endswith(f"at schema {SCHEMA_HEAD}")


def test_sqlite_not_migrated_is_unhealthy(tmp_path: Path) -> None:
    """An empty file (never migrated): exit 1, saying so and what to run."""
    path = tmp_path / "empty.db"
    sqlite3.connect(path).close()
    line = the_line(health(tmp_path, f"sqlite+aiosqlite:///{path}"), ok=False)
    assert "no schema yet; run `aixbot db upgrade`" in line


def test_unreachable_postgres_is_one_line(tmp_path: Path) -> None:
    """Nothing listening on the port: exit 1, naming the server but not the password."""
    url = f"postgresql+asyncpg://aixbot:hunter2@127.0.0.1:{closed_port()}/aixbot"
    line = the_line(health(tmp_path, url), ok=False)
    assert "not reachable" in line
    assert "PostgreSQL aixbot@127.0.0.1" in line
    assert "hunter2" not in line


def test_a_postgres_host_that_never_answers_is_cut_short(tmp_path: Path) -> None:
    """A host that accepts and says nothing (a hung server, a black-holed route) gets the check's
    own timeout, not the driver's, and still one line."""
    with silent_listener() as port:
        url = f"postgresql+asyncpg://aixbot@127.0.0.1:{port}/aixbot"
        line = the_line(health(tmp_path, url), ok=False)
    assert "timed out" in line


def test_postgres_after_db_upgrade_is_healthy_and_asks_the_metrics_port(
    tmp_path: Path, pg_url: str
) -> None:
    """Not migrated, then `aixbot db upgrade` as compose's migrate service runs it, then healthy;
    with METRICS_PORT (and the image's METRICS_HOST) the bot's /healthz is asked, and a 503
    there (starting, draining) is unhealthy."""
    assert "no schema yet" in the_line(health(tmp_path, pg_url), ok=False)
    upgraded = run(aixbot("db", "upgrade"), tmp_path, DATABASE_URL=pg_url)
    assert upgraded.returncode == 0, upgraded.stderr
    assert the_line(health(tmp_path, pg_url), ok=True).endswith(f"at schema {SCHEMA_HEAD}")
    with serving_healthz(200) as endpoint:
        # As in the image, which listens on every address of the container.
        metrics = {"METRICS_PORT": str(endpoint.port), "METRICS_HOST": "0.0.0.0"}
        line = the_line(health(tmp_path, pg_url, **metrics), ok=True)
    assert line.endswith(f"http://127.0.0.1:{endpoint.port}/healthz 200")
    with serving_healthz(503) as endpoint:
        line = the_line(health(tmp_path, pg_url, METRICS_PORT=str(endpoint.port)), ok=False)
    assert "answered 503" in line
    assert endpoint.asked == 1


def test_db_upgrade_and_two_bots_starting_together_on_postgres(tmp_path: Path, pg_url: str) -> None:
    """Compose's migrate service and two bots on one fresh database at once (a bot restarted
    while `docker compose run migrate` runs): the advisory lock serialises them, every process
    succeeds, and the shipped knowledge is loaded once."""
    commands = [aixbot("db", "upgrade"), aixbot("ask", "about"), aixbot("ask", "about")]
    children = [
        subprocess.Popen(
            command,
            cwd=tmp_path,
            env=child_env(DATABASE_URL=pg_url),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for command in commands
    ]
    for child in children:
        _, err = child.communicate(timeout=240)
        assert child.returncode == 0, err
        assert "Traceback" not in err
    assert the_line(health(tmp_path, pg_url), ok=True)
    assert pg_counts(pg_url) == (SHIPPED, SHIPPED)


async def health_of_running(tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """`aixbot health` without blocking the loop the fake Discord answers the bot from."""
    child = await asyncio.create_subprocess_exec(
        *aixbot("health"),
        cwd=tmp_path,
        env=child_env(**env),
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await asyncio.wait_for(child.communicate(), TIMEOUT_S)
    assert child.returncode is not None
    return subprocess.CompletedProcess([], child.returncode, out.decode(), err.decode())


async def test_the_image_healthcheck_follows_a_running_bot(tmp_path: Path, db_url: str) -> None:
    """What Docker sees: `aixbot health` beside a real `aixbot run` with the image's METRICS_HOST
    is unhealthy (503) until every shard is ready, then healthy; after SIGTERM, unhealthy. The
    database is at head from the start (compose's migrate service ran), so only /healthz moves."""
    fake = HeldReady()
    await fake.start()
    env = {
        "DATABASE_URL": db_url,
        "METRICS_PORT": str(closed_port()),
        "METRICS_HOST": "0.0.0.0",
    }
    child = await asyncio.create_subprocess_exec(
        *aixbot("run"),
        cwd=tmp_path,
        env=child_env(DISCORD_TOKEN="fake-token", DISCORD_API_URL=fake.api_url, **env),
        stderr=asyncio.subprocess.PIPE,
    )
    seen: list[str] = []
    try:
        assert child.stderr is not None
        await line_matching(child.stderr, r"metrics: serving ", seen)
        starting = the_line(await health_of_running(tmp_path, **env), ok=False)
        fake.release.set()
        await line_matching(child.stderr, r"ready: shards 0 of 1;", seen)
        ready = the_line(await health_of_running(tmp_path, **env), ok=True)
        child.send_signal(signal.SIGTERM)
        rest = (await asyncio.wait_for(child.stderr.read(), TIMEOUT_S)).decode()
        exit_status = await child.wait()
        stopped = the_line(await health_of_running(tmp_path, **env), ok=False)
    finally:
        if child.returncode is None:
            child.kill()
            await child.wait()
        await fake.stop()
    assert exit_status == 0, "".join(seen) + rest
    url = f"http://127.0.0.1:{env['METRICS_PORT']}/healthz"
    assert starting.endswith(f"{url}: answered 503, not 200.")
    assert ready.endswith(f"at schema {SCHEMA_HEAD}, {url} 200")
    assert f"{url}: no answer" in stopped
