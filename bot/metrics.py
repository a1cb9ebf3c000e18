"""What an operator's Prometheus scrapes from one bot process, and its /healthz.

Each bot has its own CollectorRegistry, so tests and several bots in one process never share a
count. Counters (commands, errors) and the latency histogram are recorded as interactions end;
everything that is a state (entries, overlays, the catalog version and, on PostgreSQL, its
listener's revision, the gateway, the database pool, the chart queue) is read at scrape time by
`StateCollector`, from values the process already holds, so a scrape costs no query and no
lock. The HTTP side runs on the bot's own event loop (aiohttp, which discord.py already brings),
so a scrape reads that state between two interactions, never halfway through one, and the
server closes with the bot.

No discord import here: the process (bot/app.py) hands in the gateway's latencies and decides
what an interaction's outcome was.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Literal

from prometheus_client import CollectorRegistry, Counter, Histogram
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.registry import Collector
from sqlalchemy.pool import QueuePool

from bot.db import Database
from bot.knowledge.service import KnowledgeService
from bot.knowledge.sync import CatalogSync

if TYPE_CHECKING:
    from aiohttp.web import AppRunner

log = logging.getLogger("aixbot.metrics")

Outcome = Literal["ok", "user_error", "refused", "error"]
"""How a command ended: answered; the user's input was wrong (an entry not found, a bad
option); a check turned it away (permissions, cooldown, shutting down); or it failed."""

Health = Literal["ready", "starting", "draining"]

LATENCY_BUCKETS = (0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)
"""Seconds from the interaction's arrival to its end: lookups answer in tens of milliseconds,
a burst of charts in seconds, and Discord gives up on an unanswered interaction after three."""

ShardLatencies = Callable[[], Iterable[tuple[int, float]]]


class StateCollector(Collector):
    """The gauges, computed from the process's own state on each scrape."""

    def __init__(self, metrics: Metrics) -> None:
        self.metrics = metrics

    def collect(self) -> Iterator[Metric]:
        metrics = self.metrics
        knowledge = metrics.knowledge
        entries = GaugeMetricFamily(
            "aixbot_entries", "Shipped entries the catalog serves, per kind.", labels=["kind"]
        )
        for kind, count in knowledge.shipped_counts().items():
            entries.add_metric([kind.value], count)
        yield entries
        yield GaugeMetricFamily(
            "aixbot_guild_overlays",
            "Guilds that serve their own text for at least one entry.",
            value=knowledge.overlay_guilds(),
        )
        yield GaugeMetricFamily(
            "aixbot_catalog_version",
            "Changes the in-memory catalog has taken since the process started (each rebuild, "
            "each row applied).",
            value=knowledge.generation,
        )
        sync = metrics.sync
        if sync is not None:
            yield GaugeMetricFamily(
                "aixbot_catalog_revision",
                "The newest revision id the catalog listener has seen: processes in step on one "
                "PostgreSQL database show the same.",
                value=sync.cursor,
            )
            yield GaugeMetricFamily(
                "aixbot_catalog_listening",
                "1 while the catalog listener is connected and caught up, 0 while it reconnects.",
                value=1 if sync.listening.is_set() else 0,
            )
        gateway = GaugeMetricFamily(
            "aixbot_gateway_latency_seconds",
            "Time between a heartbeat and its acknowledgement, per shard; a shard appears once "
            "its first heartbeat is acknowledged.",
            labels=["shard"],
        )
        for shard, latency in metrics.gateway_latencies():
            if math.isfinite(latency):
                gateway.add_metric([str(shard)], latency)
        yield gateway
        pool = metrics.database.engine.pool
        if isinstance(pool, QueuePool):
            yield GaugeMetricFamily(
                "aixbot_db_pool_size",
                "Connections the database pool keeps open (overflow comes on top).",
                value=pool.size(),
            )
            yield GaugeMetricFamily(
                "aixbot_db_pool_checked_out",
                "Database connections in use by a session now.",
                value=pool.checkedout(),
            )
        yield GaugeMetricFamily(
            "aixbot_chart_queue_depth",
            "Charts waiting for or being drawn by the chart workers.",
            value=metrics.chart_queue_depth(),
        )


class Metrics:
    """One bot's metrics. Built with the services; the gateway and the chart pool register the
    readings only they can give (`watch_gateway`, `watch_chart_queue`)."""

    def __init__(
        self, knowledge: KnowledgeService, database: Database, sync: CatalogSync | None
    ) -> None:
        self.knowledge = knowledge
        self.database = database
        self.sync = sync
        self.registry = CollectorRegistry()
        self.commands = Counter(
            "aixbot_commands",
            "Application commands that ended, by command and outcome.",
            ["command", "outcome"],
            registry=self.registry,
        )
        self.latency = Histogram(
            "aixbot_command_latency_seconds",
            "Seconds from a command's arrival to its end, by command.",
            ["command"],
            buckets=LATENCY_BUCKETS,
            registry=self.registry,
        )
        self.errors = Counter(
            "aixbot_errors",
            "Errors that reached the error handler (commands, buttons, forms), by type.",
            ["type"],
            registry=self.registry,
        )
        self._counted: dict[tuple[str, Outcome], Counter] = {}
        self._timed: dict[str, Histogram] = {}
        self._shard_latencies: ShardLatencies = lambda: ()
        self._chart_depth: Callable[[], int] | None = None
        self.registry.register(StateCollector(self))

    def command(self, name: str, outcome: Outcome, seconds: float | None) -> None:
        """Count one ended command; `seconds` is None when its start was never seen.

        The labelled series are kept per name: prometheus-client's labels() checks and locks
        on every call, and this runs once per command (a few dozen names and outcomes)."""
        counted = self._counted.get((name, outcome))
        if counted is None:
            counted = self._counted[name, outcome] = self.commands.labels(
                command=name, outcome=outcome
            )
        counted.inc()
        if seconds is not None:
            timed = self._timed.get(name)
            if timed is None:
                timed = self._timed[name] = self.latency.labels(command=name)
            timed.observe(seconds)

    def error(self, type_name: str) -> None:
        self.errors.labels(type=type_name).inc()

    def watch_gateway(self, latencies: ShardLatencies) -> None:
        """Read each shard's heartbeat latency from `latencies` on every scrape."""
        self._shard_latencies = latencies

    def gateway_latencies(self) -> Iterable[tuple[int, float]]:
        return self._shard_latencies()

    def watch_chart_queue(self, depth: Callable[[], int]) -> None:
        """Read the chart queue's depth (queued + drawing) from `depth` on every scrape; until
        a chart pool registers, the depth is 0."""
        self._chart_depth = depth

    def chart_queue_depth(self) -> int:
        return self._chart_depth() if self._chart_depth is not None else 0


HEALTHZ = "/healthz"
METRICS = "/metrics"


class MetricsServer:
    """/metrics and /healthz on one port, served from the bot's event loop."""

    def __init__(self, metrics: Metrics, health: Callable[[], Health]) -> None:
        self.metrics = metrics
        self.health = health
        self._runner: AppRunner | None = None

    async def start(self, host: str, port: int) -> int:
        """Listen on host:port (0 takes a free port) and return the port taken.

        Raises OSError when the address cannot be taken (in use, not an address of this host).
        """
        # Imported here: aiohttp's server side (0.13 s under -X importtime) is of no use to
        # `aixbot ask` or to a bot without METRICS_PORT.
        from aiohttp import web
        from prometheus_client.aiohttp import make_aiohttp_handler

        async def healthz(_: web.Request) -> web.Response:
            state = self.health()
            return web.Response(status=200 if state == "ready" else 503, text=state + "\n")

        app = web.Application()
        app.router.add_get(METRICS, make_aiohttp_handler(self.metrics.registry))
        app.router.add_get(HEALTHZ, healthz)
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()
        try:
            await web.TCPSite(runner, host, port).start()
        except BaseException:
            await runner.cleanup()
            raise
        self._runner = runner
        bound = int(runner.addresses[0][1])
        log.info("metrics: serving %s and %s on %s port %d", METRICS, HEALTHZ, host, bound)
        return bound

    async def stop(self) -> None:
        if self._runner is not None:
            runner, self._runner = self._runner, None
            await runner.cleanup()
