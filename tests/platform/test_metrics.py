"""The Prometheus endpoint, scraped over HTTP from a bot answering through the real tree."""

from __future__ import annotations

import math
import socket
from collections.abc import AsyncIterator

import aiohttp
import discord
import pytest
from discord import app_commands
from prometheus_client import generate_latest
from prometheus_client.parser import text_string_to_metric_families
from pydantic import ValidationError

from bot.app import AixBot, build_services
from bot.editing.fields import ModalFields
from bot.knowledge.models import EntryKind
from bot.metrics import LATENCY_BUCKETS, Metrics
from bot.settings import Settings, describe_settings_error
from bot.startup import StartupError
from offline import OfflineDiscord
from offline.payloads import DEFAULT_GUILD_ID
from tests.conftest import make_settings
from tests.editing.test_catalog_sync import Pair, edit, pair, signalled

__all__ = ["pair"]
"""The catalog sync tests' PostgreSQL fixture (two catalogs, one listening), used here too."""

Samples = dict[tuple[str, frozenset[tuple[str, str]]], float]


def parse(text: str) -> Samples:
    return {
        (sample.name, frozenset(sample.labels.items())): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


def value(samples: Samples, name: str, **labels: str) -> float:
    return samples[name, frozenset(labels.items())]


async def get(port: int, path: str) -> tuple[int, str]:
    async with (
        aiohttp.ClientSession() as session,
        session.get(f"http://127.0.0.1:{port}{path}") as response,
    ):
        return response.status, await response.text()


async def scrape(port: int) -> Samples:
    status, text = await get(port, "/metrics")
    assert status == 200, text
    return parse(text)


def add_failing_command(offline: OfflineDiscord) -> None:
    async def boom(interaction: discord.Interaction) -> None:
        raise ZeroDivisionError("a bug")

    offline.bot.tree.add_command(
        app_commands.Command(name="boom", description="fails", callback=boom)
    )


@pytest.fixture
async def served(db_url: str) -> AsyncIterator[tuple[OfflineDiscord, int]]:
    """A bot with every cog and METRICS_PORT=0, and the port it took."""
    settings = make_settings(db_url).model_copy(update={"metrics_port": 0})
    offline = OfflineDiscord(AixBot(build_services(settings)))
    port = await offline.bot.serve_metrics()
    assert port is not None
    await offline.start()
    yield offline, port
    await offline.close()


async def test_commands_are_counted_by_name_and_outcome(
    served: tuple[OfflineDiscord, int],
) -> None:
    """Answered, mistyped, refused and failed commands each land under their own outcome, and
    errors under the type the callback raised, not discord.py's wrapper."""
    offline, port = served
    add_failing_command(offline)
    await offline.command("about")
    await offline.command("define", term="transformer")
    await offline.command("define", term="rlhf")
    await offline.command("define", term="no such term at all")
    await offline.command("boom")
    offline.bot.draining = True  # a command that arrives while the process shuts down
    await offline.command("about")
    samples = await scrape(port)
    counted = {
        (dict(labels)["command"], dict(labels)["outcome"]): count
        for (name, labels), count in samples.items()
        if name == "aixbot_commands_total"
    }
    assert counted == {
        ("about", "ok"): 1,
        ("define", "ok"): 2,
        ("define", "user_error"): 1,
        ("boom", "error"): 1,
        ("about", "refused"): 1,
    }
    errors = {
        dict(labels)["type"]: count
        for (name, labels), count in samples.items()
        if name == "aixbot_errors_total"
    }
    assert errors == {"EntryNotFound": 1, "ZeroDivisionError": 1, "Draining": 1}


async def test_latency_histogram_has_every_bucket_per_command(
    served: tuple[OfflineDiscord, int],
) -> None:
    """Each command's histogram counts every run, failed ones too, in cumulative buckets."""
    offline, port = served
    for term in ("transformer", "rlhf", "no such term at all"):
        await offline.command("define", term=term)
    samples = await scrape(port)
    buckets = {
        dict(labels)["le"]: count
        for (name, labels), count in samples.items()
        if name == "aixbot_command_latency_seconds_bucket" and dict(labels)["command"] == "define"
    }
    assert sorted(float(le) for le in buckets) == [*LATENCY_BUCKETS, math.inf]
    ordered = [count for _, count in sorted(buckets.items(), key=lambda item: float(item[0]))]
    assert ordered == sorted(ordered)
    assert buckets["+Inf"] == 3
    assert value(samples, "aixbot_command_latency_seconds_count", command="define") == 3
    assert value(samples, "aixbot_command_latency_seconds_sum", command="define") > 0
    assert not any(
        name.startswith("aixbot_command_latency") and dict(labels).get("command") == "about"
        for name, labels in samples
    )


async def test_state_gauges_read_the_catalog_pool_and_chart_queue(
    served: tuple[OfflineDiscord, int],
) -> None:
    """Entries per kind, overlays, catalog version, the database pool and the chart queue, read
    at scrape time: an edit shows up in the next scrape."""
    offline, port = served
    services = offline.bot.services
    samples = await scrape(port)
    expected = services.knowledge.counts()
    assert {kind: value(samples, "aixbot_entries", kind=kind.value) for kind in EntryKind} == {
        kind: float(count) for kind, count in expected.items()
    }
    assert value(samples, "aixbot_entries", kind="term") > 0
    assert value(samples, "aixbot_guild_overlays") == 0
    before = value(samples, "aixbot_catalog_version")
    assert before >= 1
    pool = services.database.engine.pool
    assert value(samples, "aixbot_db_pool_size") == pool.size() > 0  # type: ignore[attr-defined]
    assert value(samples, "aixbot_db_pool_checked_out") == 0
    assert value(samples, "aixbot_chart_queue_depth") == 0
    assert not any(name == "aixbot_gateway_latency_seconds" for name, _ in samples)
    assert not any(name.startswith("aixbot_catalog_revision") for name, _ in samples)  # SQLite

    form = await services.editing.edit_form(DEFAULT_GUILD_ID, "term/transformer", "en")
    await services.editing.edit(
        DEFAULT_GUILD_ID,
        "term/transformer",
        "en",
        ModalFields(summary="Edited for the metrics test."),
        based_on=form.based_on or 0,
        editor_id=42,
    )
    services.metrics.watch_chart_queue(lambda: 7)
    samples = await scrape(port)
    assert value(samples, "aixbot_guild_overlays") == 1
    assert value(samples, "aixbot_catalog_version") == before + 1
    assert value(samples, "aixbot_chart_queue_depth") == 7


async def test_healthz_is_503_until_ready_and_while_draining(
    served: tuple[OfflineDiscord, int],
) -> None:
    """Prepared but never connected to a gateway is still starting; draining is never ready."""
    offline, port = served
    assert await get(port, "/healthz") == (503, "starting\n")
    offline.bot.draining = True
    assert await get(port, "/healthz") == (503, "draining\n")


async def test_no_port_serves_nothing(db_url: str) -> None:
    """Without METRICS_PORT nothing listens; the counts are still kept for a later scrape."""
    bot = AixBot(build_services(make_settings(db_url)))
    assert await bot.serve_metrics() is None
    assert bot.metrics_server is None


async def test_a_taken_port_stops_the_start_naming_the_setting(db_url: str) -> None:
    """A port another process holds is one start-up line naming METRICS_PORT."""
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        taken = holder.getsockname()[1]
        settings = make_settings(db_url).model_copy(update={"metrics_port": taken})
        bot = AixBot(build_services(settings))
        with pytest.raises(StartupError) as caught:
            await bot.serve_metrics()
    assert caught.value.lines[0].startswith(
        f"METRICS_PORT: cannot listen on 127.0.0.1 port {taken}"
    )
    await bot.services.database.close()


async def test_each_bot_has_its_own_registry(db_url: str) -> None:
    """Two bots in one process never add to each other's counts (no global registry)."""
    one = build_services(make_settings(db_url))
    two = build_services(make_settings(db_url))
    one.metrics.command("about", "ok", 0.01)
    first = parse(generate_latest(one.metrics.registry).decode())
    second = parse(generate_latest(two.metrics.registry).decode())
    assert value(first, "aixbot_commands_total", command="about", outcome="ok") == 1
    assert not any(name == "aixbot_commands_total" for name, _ in second)
    await one.database.close()
    await two.database.close()


async def test_gateway_latency_per_shard_leaves_out_unmeasured_shards(db_url: str) -> None:
    """A shard with no acknowledged heartbeat yet (latency inf or nan) is left out, not 0."""
    services = build_services(make_settings(db_url))
    metrics: Metrics = services.metrics
    metrics.watch_gateway(lambda: [(0, 0.042), (1, math.inf), (2, math.nan), (3, 0.1)])
    samples = parse(generate_latest(metrics.registry).decode())
    shards = {
        dict(labels)["shard"]: latency
        for (name, labels), latency in samples.items()
        if name == "aixbot_gateway_latency_seconds"
    }
    assert shards == {"0": 0.042, "3": 0.1}
    await services.database.close()


@pytest.mark.parametrize(("given", "expected"), [("", None), ("  ", None), ("9108", 9108)])
def test_metrics_port_reads_empty_as_off(given: str, expected: int | None) -> None:
    """METRICS_PORT= (as a copied .env leaves it) means no metrics, not a start-up fault."""
    settings = Settings(_env_file=None, metrics_port=given)  # type: ignore[call-arg]
    assert settings.metrics_port == expected


def test_metrics_port_out_of_range_names_the_variable() -> None:
    with pytest.raises(ValidationError) as caught:
        Settings(_env_file=None, metrics_port="70000")  # type: ignore[call-arg]
    assert describe_settings_error(caught.value).startswith("METRICS_PORT:")


async def test_catalog_revision_follows_the_listener_on_postgresql(pair: Pair) -> None:
    """On PostgreSQL the listener's revision cursor and connection are reported: an edit made
    by another process raises the revision once it is applied here."""
    metrics = Metrics(pair.b.knowledge, pair.b.database, pair.sync)
    before = parse(generate_latest(metrics.registry).decode())
    assert value(before, "aixbot_catalog_listening") == 1
    assert value(before, "aixbot_guild_overlays") == 0
    revision = await edit(pair.a, "Changed through process A.")
    await signalled(pair.sync.caught_up(revision))
    after = parse(generate_latest(metrics.registry).decode())
    assert value(after, "aixbot_catalog_revision") == revision
    assert revision > value(before, "aixbot_catalog_revision")
    assert value(after, "aixbot_guild_overlays") == 1
    assert value(after, "aixbot_catalog_version") == value(before, "aixbot_catalog_version") + 1
