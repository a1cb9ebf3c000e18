"""Is this deployment able to serve? What `aixbot health` (the Docker HEALTHCHECK) answers.

Healthy means the database answers and is at the schema this code expects, and, when the
metrics endpoint is on, the running bot's /healthz says 200. A health check must not change
what it looks at: a missing SQLite file is reported, never created, and nothing is migrated.
"""

from __future__ import annotations

import asyncio
import urllib.error
import urllib.request
from dataclasses import dataclass

from bot.db import Database
from bot.db.database import SCHEMA_HEAD
from bot.db.faults import describe_database_error

TIMEOUT_S = 5.0
"""Each of the two checks gets this long, so the command ends within the Dockerfile's 15 s:
Docker kills a check that outlives its timeout and records no line saying why."""


@dataclass(frozen=True)
class Health:
    ok: bool
    line: str
    """One line for an operator (and `docker inspect`): what was checked, and what is wrong."""


async def check_database(database: Database, timeout_s: float = TIMEOUT_S) -> str | None:
    """None when the database answers at SCHEMA_HEAD; otherwise why not, naming it."""
    where = database.description
    if database.path is not None and not database.path.exists():
        return f"{where}: no such file; `aixbot db upgrade` or the bot's start creates it."
    try:
        revision = await asyncio.wait_for(database.revision(), timeout=timeout_s)
    except Exception as exc:
        return describe_database_error(exc, where, database.path)
    if revision is None:
        return f"{where}: no schema yet; run `aixbot db upgrade`."
    if revision != SCHEMA_HEAD:
        return (
            f"{where}: schema at {revision}, this aixbot expects {SCHEMA_HEAD}; run "
            "`aixbot db upgrade` (or deploy the aixbot that wrote it)."
        )
    return None


WILDCARDS = {"", "0.0.0.0", "::"}


def healthz_url(host: str, port: int) -> str:
    """Where the bot's /healthz is, seen from the same machine or container: a port listening on
    every address (the image's METRICS_HOST=0.0.0.0) is asked on loopback."""
    if host in WILDCARDS:
        host = "::1" if host == "::" else "127.0.0.1"
    if ":" in host:
        host = f"[{host}]"
    return f"http://{host}:{port}/healthz"


def _get_status(url: str, timeout_s: float) -> int:
    try:
        with urllib.request.urlopen(url, timeout=timeout_s) as answer:
            status: int = answer.status
            return status
    except urllib.error.HTTPError as exc:
        return exc.code


async def check_metrics(host: str, port: int, timeout_s: float = TIMEOUT_S) -> str | None:
    """None when the bot's /healthz answers 200; otherwise what it answered, or that it did not."""
    url = healthz_url(host, port)
    try:
        status = await asyncio.to_thread(_get_status, url, timeout_s)
    except (OSError, urllib.error.URLError) as exc:
        reason = exc.reason if isinstance(exc, urllib.error.URLError) else exc
        return f"{url}: no answer ({reason}); is the bot running with METRICS_PORT={port}?"
    if status != 200:
        return f"{url}: answered {status}, not 200."
    return None


async def check(
    database: Database,
    *,
    metrics_port: int | None,
    metrics_host: str = "127.0.0.1",
    timeout_s: float = TIMEOUT_S,
) -> Health:
    """Both checks, the database first: a bot without its database is not healthy whatever
    its endpoint says. METRICS_PORT=0 lets the bot take any free port, which only its log
    names, so there is no /healthz to ask; the line says so rather than failing for ever."""
    problem = await check_database(database, timeout_s)
    if problem is None and metrics_port:
        problem = await check_metrics(metrics_host, metrics_port, timeout_s)
    if problem is not None:
        return Health(ok=False, line=f"unhealthy: {problem}")
    checked = f"{database.description} at schema {SCHEMA_HEAD}"
    if metrics_port:
        checked += f", {healthz_url(metrics_host, metrics_port)} 200"
    elif metrics_port == 0:
        checked += "; /healthz not asked (METRICS_PORT=0: the bot chose its port)"
    return Health(ok=True, line=f"healthy: {checked}")
