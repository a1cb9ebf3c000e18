"""The Discord process: the bot, its command tree, and what it does before it answers."""

from __future__ import annotations

import asyncio
import functools
import hashlib
import importlib.util
import inspect
import json
import logging
import os
import pkgutil
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands
from sqlalchemy import select

from bot.charts.pool import ChartPool
from bot.compute.catalog import Catalog
from bot.compute.service import ComputeService
from bot.db import Database, Setting
from bot.editing.service import EditingService
from bot.errors import UserFacingError
from bot.i18n.commands import localization_stamp
from bot.i18n.script import release_traditional
from bot.knowledge.asked import AskedSearches
from bot.knowledge.service import KnowledgeService
from bot.knowledge.shards import Shards
from bot.knowledge.sync import CatalogSync
from bot.metrics import Health, Metrics, MetricsServer, Outcome
from bot.settings import PostCooldown, Settings
from bot.startup import StartupError, prepare_database

log = logging.getLogger("aixbot")
command_log = logging.getLogger("aixbot.commands")


@dataclass(frozen=True, slots=True)
class Services:
    """Everything a cog needs, built once in `main()` and handed to the bot."""

    settings: Settings
    database: Database
    knowledge: KnowledgeService
    editing: EditingService
    compute: ComputeService
    sync: CatalogSync | None
    """The catalog listener on PostgreSQL; None on SQLite, which serves one process."""
    metrics: Metrics
    charts: ChartPool


EXTENSIONS = "cogs"
"""The package of extensions, found by name: bot/ never imports it (cogs depend on bot)."""

INTERACTION_TASK_PREFIXES = (
    "CommandTree-invoker",
    "discord-ui-view-dispatch",
    "discord-ui-modal-dispatch",
    "discord-ui-dynamic-item",
)
"""Names discord.py gives the tasks that run one interaction's callback."""

ErrorHandler = Callable[[discord.Interaction[Any], BaseException], Awaitable[None]]


def extension_names() -> list[str]:
    """Every public module in cogs/; a leading underscore marks a helper, not an extension."""
    spec = importlib.util.find_spec(EXTENSIONS)
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(f"the {EXTENSIONS} package is not installed")
    return sorted(
        f"{EXTENSIONS}.{m.name}"
        for m in pkgutil.iter_modules(spec.submodule_search_locations)
        if not m.name.startswith("_")
    )


class Draining(app_commands.CheckFailure):
    """The process is shutting down: new commands are turned away, running ones finish."""


class CommandChanged(app_commands.CheckFailure):
    """The client sent options of another shape than the command has: it is out of date."""


class PostOnCooldown(app_commands.CommandOnCooldown):
    """The member had aixbot post publicly too often just now: told when to try again."""


STALE_BUCKETS = 4096
"""Past this many members' buckets, the full (idle) ones are dropped on the next post."""


class PublicPosts:
    """Everything aixbot posts publicly for one member (a command's answer, a pick from a menu
    on their own message, Post in channel) counts against one bucket of theirs: discord.py's
    app_commands.Cooldown, `posts` per `seconds`. Private answers never come here."""

    def __init__(self, limit: PostCooldown) -> None:
        self.limit = limit
        self._buckets: dict[int, app_commands.Cooldown] = {}

    def take(self, user_id: int, now: float) -> None:
        """Count one public post at `now` (a timestamp); PostOnCooldown when over the limit."""
        if self.limit.seconds <= 0:
            return
        if len(self._buckets) > STALE_BUCKETS:
            self._buckets = {
                user: bucket
                for user, bucket in self._buckets.items()
                if bucket.get_tokens(now) < bucket.rate
            }
        bucket = self._buckets.get(user_id)
        if bucket is None:
            bucket = app_commands.Cooldown(self.limit.posts, self.limit.seconds)
            self._buckets[user_id] = bucket
        retry_after = bucket.update_rate_limit(now)
        if retry_after is not None:
            raise PostOnCooldown(bucket, retry_after)


SUBCOMMAND_TYPES = (1, 2)


def leaf_options(data: dict[str, Any]) -> list[dict[str, Any]]:
    """The options of the subcommand actually invoked, below any groups."""
    options: list[dict[str, Any]] = list(data.get("options") or [])
    while len(options) == 1 and options[0].get("type") in SUBCOMMAND_TYPES:
        options = list(options[0].get("options") or [])
    return options


def options_match(command: app_commands.Command[Any, ..., Any], data: dict[str, Any]) -> bool:
    """Every option the client sent exists on the command with the type it has now.

    discord.py passes a value of the wrong type straight to the callback; only a client that
    still shows an older version of the command (or a broken one) sends such a payload.
    """
    types = option_types(command)
    return all(types.get(str(o.get("name"))) == o.get("type") for o in leaf_options(data))


@functools.lru_cache(maxsize=1024)
def option_types(command: app_commands.Command[Any, ..., Any]) -> dict[str, int]:
    """Each option's name and type, per command object: they are fixed once it is built, and
    reading them through discord.py's parameters took 12 of its Python calls per command.
    Reloading an extension builds new command objects, so none is answered with an old one's."""
    return {p.display_name: p.type.value for p in command.parameters}


COMPONENT_TYPES = (discord.InteractionType.component, discord.InteractionType.modal_submit)
"""The interactions a view or a modal answers, which may have nothing left to answer them."""


class AixTree(app_commands.CommandTree["AixBot"]):
    """Times every command and sends every error through the one handler."""

    async def interaction_check(self, interaction: discord.Interaction[AixBot]) -> bool:
        interaction.extras["started"] = time.perf_counter()
        if interaction.client.draining:
            raise Draining()
        await interaction.client.services.knowledge.ensure_guild(interaction.guild_id)
        command = interaction.command
        if (
            interaction.type is discord.InteractionType.application_command
            and isinstance(command, app_commands.Command)
            and not options_match(command, dict(interaction.data or {}))
        ):
            raise CommandChanged()
        return True

    async def on_error(
        self, interaction: discord.Interaction[AixBot], error: app_commands.AppCommandError
    ) -> None:
        log_command(interaction, outcome=outcome_of(error), error=unwrap(error))
        await interaction.client.report_error(interaction, error)


def unwrap(error: BaseException) -> BaseException:
    """The error a callback or transformer raised, out of discord.py's wrappers."""
    while isinstance(error, app_commands.CommandInvokeError | app_commands.TransformerError):
        if error.__cause__ is None:
            break
        error = error.__cause__
    return error


def outcome_of(error: app_commands.AppCommandError) -> Outcome:
    """A mistake in what the user typed, a check that turned the command away, or a failure."""
    if isinstance(unwrap(error), UserFacingError):
        return "user_error"
    if isinstance(error, app_commands.CheckFailure | app_commands.CommandOnCooldown):
        return "refused"
    return "error"


def log_command(
    interaction: discord.Interaction[AixBot],
    *,
    outcome: Outcome,
    error: BaseException | None = None,
) -> None:
    """One log line and the command metrics for an application command that ended."""
    if interaction.type is not discord.InteractionType.application_command:
        return
    started = interaction.extras.get("started")
    seconds = time.perf_counter() - started if started else None
    command = interaction.command.qualified_name if interaction.command else "?"
    interaction.client.services.metrics.command(command, outcome, seconds)
    command_log.info(
        "command=%s guild=%s user=%s latency_ms=%.1f outcome=%s%s",
        command,
        interaction.guild_id or "dm",
        interaction.user.id,
        seconds * 1000 if seconds is not None else float("nan"),
        outcome,
        f" error={type(error).__name__}" if error is not None else "",
    )


class AixBot(commands.AutoShardedBot):
    def __init__(self, services: Services, **options: Any) -> None:
        settings = services.settings
        # aixbot has no voice features; without this discord.py warns about voice libraries.
        discord.VoiceClient.warn_nacl = discord.VoiceClient.warn_dave = False
        if settings.shard_count is not None:
            options.setdefault("shard_count", settings.shard_count)
        if settings.shard_ids:
            options.setdefault("shard_ids", settings.shard_ids)
        super().__init__(
            command_prefix=commands.when_mentioned,
            help_command=None,
            intents=discord.Intents(guilds=True),
            allowed_mentions=discord.AllowedMentions.none(),
            tree_cls=AixTree,
            **options,
        )
        self.services = services
        self.public_posts = PublicPosts(settings.post_cooldown)
        self.searches = AskedSearches()
        """What the buttons of /search answers page through (cogs/_items/search.py)."""
        self.started_at = time.monotonic()
        self.prepared = False
        self.draining = False
        self.warming: asyncio.Task[None] | None = None
        self.metrics_server: MetricsServer | None = None
        services.metrics.watch_gateway(lambda: self.latencies)
        self.error_handler: ErrorHandler | None = None
        """Set by the core extension; until then errors are only logged."""

    async def prepare(self) -> None:
        """Connect, migrate, load the shipped knowledge, build the catalog and load every cog.

        Everything the bot needs before it can answer, and nothing that needs Discord: `aixbot
        run` calls it before logging in (so a database fault is never blamed on Discord), and
        `aixbot ask` and the tests call it without logging in. Raises StartupError.
        """
        if self.prepared:
            return
        settings = self.services.settings
        await prepare_database(
            self.services.database, settings.knowledge_dir, retry_s=settings.database_retry_seconds
        )
        sync = self.services.sync
        if sync is not None:
            await sync.mark()
        await self.services.knowledge.refresh()
        for name in extension_names():
            await self.load_extension(name)
        if sync is None:
            log.info("SQLite: one process, so no catalog listener (LISTEN/NOTIFY needs PostgreSQL)")
        else:
            sync.start()
        self.prepared = True

    def health(self) -> Health:
        """What /healthz says: ready once prepared and connected, until a shutdown begins."""
        if self.draining:
            return "draining"
        return "ready" if self.prepared and self.is_ready() else "starting"

    async def serve_metrics(self) -> int | None:
        """Serve /metrics and /healthz when METRICS_PORT is set; returns the port taken.

        `aixbot run` calls it before `prepare`, so /healthz answers 503 through the migrations
        and the knowledge load. Not part of `prepare`: `aixbot ask` prepares a bot too, beside a
        running one that may hold the port. Raises StartupError when the port cannot be taken.
        """
        settings = self.services.settings
        if settings.metrics_port is None:
            return None
        server = MetricsServer(self.services.metrics, self.health)
        try:
            port = await server.start(settings.metrics_host, settings.metrics_port)
        except OSError as exc:
            # asyncio words the errno's text into a sentence that repeats the address.
            reason = os.strerror(exc.errno) if exc.errno else str(exc)
            raise StartupError(
                f"METRICS_PORT: cannot listen on {settings.metrics_host} port "
                f"{settings.metrics_port} ({reason}); choose a free port, or leave METRICS_PORT "
                "unset to serve no metrics."
            ) from exc
        self.metrics_server = server
        return port

    async def stop_metrics(self) -> None:
        if self.metrics_server is not None:
            server, self.metrics_server = self.metrics_server, None
            await server.stop()

    async def report_error(
        self, interaction: discord.Interaction[Any], error: BaseException
    ) -> None:
        """The one error path, for the tree, views, modals and persistent items alike."""
        self.services.metrics.error(type(unwrap(error)).__name__)
        if self.error_handler is None:
            log.error("error before the error handler was installed", exc_info=error)
            return
        await self.error_handler(interaction, error)

    def in_flight(self) -> set[asyncio.Task[Any]]:
        """The interaction callbacks running now, by the task names discord.py gives them."""
        return {
            task
            for task in asyncio.all_tasks()
            if task.get_name().startswith(INTERACTION_TASK_PREFIXES) and not task.done()
        }

    async def drain(self, grace_s: float) -> int:
        """Stop taking interactions and wait (at most `grace_s`) for those in flight.

        Returns how many were still running when the grace ran out.
        """
        self.draining = True
        for shard in self.shards.values():
            await shard.disconnect()
        running = self.in_flight()
        log.info("shutdown: no new interactions; waiting for %d in flight", len(running))
        if running:
            _, pending = await asyncio.wait(running, timeout=grace_s)
            return len(pending)
        return 0

    def dispatch(self, event_name: str, /, *args: Any, **kwargs: Any) -> None:
        """Two events handled here rather than by listeners, because discord.py runs every
        listener of an event as a task of its own, and these two come with nearly every
        interaction while almost none of them needs anything done:

        - A command that ended well is logged and counted in line ("app_command_completion").
        - A button, select or modal submit that no view, modal or persistent item will answer
          (after a restart, or once its view timed out) is sent on as "expired_component"
          (cogs/core.py answers it). It is checked as the interaction arrives: discord.py hands
          it to its view just before this event, and the view may finish and forget the
          custom_id before a listener would run.
        """
        if event_name == "app_command_completion":
            log_command(args[0], outcome="ok")
        elif (
            event_name == "interaction"
            and args[0].type in COMPONENT_TYPES
            and not self.owns_component(args[0])
        ):
            super().dispatch("expired_component", args[0])
        super().dispatch(event_name, *args, **kwargs)

    def owns_component(self, interaction: discord.Interaction[Any]) -> bool:
        """Whether a live view, modal or persistent item will answer this interaction.

        discord.py silently drops a component whose view is gone (after a restart or a
        timeout), and Discord then shows "This interaction failed". This mirrors the lookup of
        discord.py's ViewStore.dispatch_view / dispatch_modal, reading its private maps
        (`_views`, `_dynamic_items`, `_modals`), so the bot can say the list expired instead.
        """
        store = self._connection._view_store
        data: dict[str, Any] = interaction.data or {}  # type: ignore[assignment]
        custom_id = str(data.get("custom_id", ""))
        if interaction.type is discord.InteractionType.modal_submit:
            return custom_id in store._modals
        if any(pattern.fullmatch(custom_id) for pattern in store._dynamic_items):
            return True
        key = (int(data.get("component_type", 0)), custom_id)
        message_id = interaction.message.id if interaction.message else None
        views: dict[Any, dict[Any, Any]] = store._views
        return key in views.get(message_id, {}) or key in views.get(None, {})

    async def setup_hook(self) -> None:
        await self.prepare()
        # The search index is built in slices while the commands sync and the gateway connects,
        # rather than at the first search (bot/knowledge/search.py, SearchIndex).
        self.warming = asyncio.create_task(self.services.knowledge.warm(), name="aixbot-warm")
        await self.sync_commands()
        self.services.charts.start()

    async def on_ready(self) -> None:
        """Logged because it is when /healthz turns ready: every shard has connected."""
        shards = ",".join(str(shard) for shard in sorted(self.shards))
        log.info(
            "ready: shards %s of %d; guilds: %d", shards, self.shard_count or 1, len(self.guilds)
        )

    async def tree_payload(self, guild: discord.abc.Snowflake | None) -> list[dict[str, Any]]:
        translator = self.tree.translator
        commands_ = self.tree.get_commands(guild=guild)
        if translator is None:
            return [c.to_dict(self.tree) for c in commands_]
        return [await c.get_translated_payload(self.tree, translator) for c in commands_]

    def tree_digest(self, guild: discord.abc.Snowflake | None) -> str:
        """What a sync would send, without translating it: the tree as discord.py lays it out,
        the translator's code and what it translates from. Translating means loading OpenCC's
        s2twp for zh-TW (0.2 s, 42 MB) on every start, for a payload that changes only when one
        of these does."""
        payload = [c.to_dict(self.tree) for c in self.tree.get_commands(guild=guild)]
        digest = hashlib.sha256(json.dumps(payload, sort_keys=True, default=str).encode())
        translator = self.tree.translator
        if translator is not None:
            digest.update(Path(inspect.getfile(type(translator))).read_bytes())
            digest.update(localization_stamp())
        return digest.hexdigest()

    async def sync_commands(self) -> None:
        """Sync only when the tree differs from the last sync, to stay off Discord's limits."""
        guild_ids = self.services.settings.dev_guild_ids
        scopes: list[discord.abc.Snowflake | None] = (
            [discord.Object(id=g) for g in guild_ids] if guild_ids else [None]
        )
        converted = False
        for scope in scopes:
            if scope is not None:
                self.tree.copy_global_to(guild=scope)
            digest = self.tree_digest(scope)
            key = f"tree_hash:{scope.id if scope else 'global'}"
            async with self.services.database.sessions.begin() as session:
                stored = await session.scalar(select(Setting).where(Setting.key == key))
                if stored is not None and stored.value == digest:
                    log.info("commands unchanged for %s; not syncing", key)
                    continue
                synced = await self.tree.sync(guild=scope)
                converted = True
                log.info("synced %d commands to %s", len(synced), key)
                if stored is None:
                    session.add(Setting(key=key, value=digest))
                else:
                    stored.value = digest
        if converted:
            release_traditional()

    async def close(self) -> None:
        await super().close()
        await self.close_services()
        log.info("shutdown: gateway and database closed")

    async def close_services(self) -> None:
        """Stop the catalog listener, close the database it reads from, then the metrics port."""
        if self.services.sync is not None:
            await self.services.sync.stop()
        await self.services.charts.close()
        await self.services.database.close()
        await self.stop_metrics()


def build_services(settings: Settings) -> Services:
    database = Database(settings.database_url)
    shards = Shards.of(settings.shard_count, settings.shard_ids)
    knowledge = KnowledgeService(database.sessions, shards)
    if shards is not None:
        log.info("shards %s: holding the edited entries of their guilds only", shards)
    sync = (
        None
        if database.is_sqlite
        else CatalogSync(settings.database_url, database.sessions, knowledge)
    )
    metrics = Metrics(knowledge, database, sync)
    charts = ChartPool(settings.charts)
    metrics.watch_chart_queue(charts.depth)
    return Services(
        settings=settings,
        database=database,
        knowledge=knowledge,
        editing=EditingService(database.sessions, knowledge),
        compute=ComputeService(Catalog(knowledge), settings.compute),
        sync=sync,
        metrics=metrics,
        charts=charts,
    )
