"""The `aixbot` command: run the bot, ask it a question offline, manage its data."""

from __future__ import annotations

import argparse
import asyncio
import logging
import signal
import sys
from collections.abc import Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from pydantic import ValidationError

from bot.settings import Settings, describe_settings_error
from bot.startup import StartupError

if TYPE_CHECKING:
    from bot.app import AixBot

EXIT_USAGE = 2
EXIT_INTERRUPTED = 130
"""What a shell reports for a command stopped by Ctrl+C (128 + SIGINT)."""

log = logging.getLogger("aixbot")


def load_settings() -> Settings:
    """Settings or exit 2 with one line per bad variable: never a traceback, never a value."""
    try:
        return Settings()
    except ValidationError as exc:
        print(describe_settings_error(exc), file=sys.stderr)
        raise SystemExit(EXIT_USAGE) from None


def configure_logging(level: str) -> None:
    logging.basicConfig(
        level=level,
        format="%(asctime)s %(levelname)-7s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    logging.getLogger("discord").setLevel(max(logging.getLevelName(level), logging.INFO))
    # A CJK font without a bold face makes matplotlib warn on every chart; the text still draws.
    logging.getLogger("matplotlib.font_manager").setLevel(logging.ERROR)


def fail(error: StartupError) -> int:
    """Print a start-up fault as its lines, never a traceback (LOG_LEVEL=DEBUG logs that)."""
    log.debug("start-up failed", exc_info=error)
    for line in error.lines:
        print(line, file=sys.stderr)
    return EXIT_USAGE


def install_stop_signals(stop: asyncio.Event) -> None:
    """SIGTERM (docker stop, systemd) and SIGINT (Ctrl+C) both mean: finish up and exit 0."""
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)


async def run_until_stopped(bot: AixBot, token: str, grace_s: float) -> None:
    """Log in and serve until Discord fails or a signal asks to stop, then shut down cleanly."""
    stop = asyncio.Event()
    install_stop_signals(stop)
    serving = asyncio.create_task(bot.start(token), name="aixbot-gateway")
    stopping = asyncio.create_task(stop.wait(), name="aixbot-stop")
    done, _ = await asyncio.wait({serving, stopping}, return_when=asyncio.FIRST_COMPLETED)
    if serving in done:
        stopping.cancel()
        serving.result()
        return
    log.info("shutdown: signal received")
    unfinished = await bot.drain(grace_s)
    if unfinished:
        log.warning("shutdown: %d interactions still running after %.0f s", unfinished, grace_s)
    await bot.close()
    await asyncio.gather(serving, return_exceptions=True)


def use_api_url(settings: Settings) -> None:
    """Send discord.py's REST calls to DISCORD_API_URL when it is set (a rate-limit proxy, or
    the fake Discord of the lifecycle tests and the bench); the gateway's address then comes
    from that API's /gateway/bot."""
    import discord

    if settings.discord_api_url:
        discord.http.Route.BASE = settings.discord_api_url.rstrip("/")


def cmd_run(_: argparse.Namespace) -> int:
    settings = load_settings()
    if settings.discord_token is None or not settings.discord_token.get_secret_value().strip():
        print(
            "DISCORD_TOKEN: required to run the bot; set it in the environment or in .env "
            "(see .env.example). To try the bot without a token: aixbot ask about",
            file=sys.stderr,
        )
        return EXIT_USAGE
    configure_logging(settings.log_level)
    import aiohttp
    import discord

    from bot.app import AixBot, build_services
    from bot.knowledge.heap import serving

    token = settings.discord_token.get_secret_value()
    use_api_url(settings)
    serving()

    async def runner() -> None:
        bot = AixBot(build_services(settings))
        async with bot:
            await bot.serve_metrics()
            await bot.prepare()
            await run_until_stopped(bot, token, settings.shutdown_grace_seconds)

    try:
        asyncio.run(runner())
    except StartupError as error:
        return fail(error)
    except KeyboardInterrupt:
        return 0
    except discord.LoginFailure:
        print(
            "DISCORD_TOKEN: Discord rejected this token; copy it again from the developer "
            "portal (Bot → Reset Token).",
            file=sys.stderr,
        )
        return EXIT_USAGE
    except (aiohttp.ClientError, OSError) as exc:
        log.debug("could not reach Discord", exc_info=exc)
        # The message of a connection error names the host, never the token.
        print(
            f"Discord: could not reach the API or gateway ({type(exc).__name__}: {exc}); check "
            "the network and try again.",
            file=sys.stderr,
        )
        return 1
    except Exception as exc:
        log.debug("stopped on an unexpected error", exc_info=exc)
        print(
            f"aixbot stopped on an unexpected error ({type(exc).__name__}: {exc}); run with "
            "LOG_LEVEL=DEBUG for the traceback.",
            file=sys.stderr,
        )
        return 1
    log.info("shutdown: done")
    return 0


def parse_ask_options(words: Sequence[str]) -> tuple[str, dict[str, str]]:
    """`history year --year 2017` → ("history year", {"year": "2017"})."""
    path: list[str] = []
    options: dict[str, str] = {}
    items = list(words)
    index = 0
    while index < len(items) and not items[index].startswith("--"):
        path.append(items[index])
        index += 1
    while index < len(items):
        word = items[index]
        if not word.startswith("--") or len(word) == 2:
            raise ValueError(f"expected --option value, got {word!r}")
        name, _, inline = word[2:].partition("=")
        if inline:
            options[name] = inline
            index += 1
        elif index + 1 < len(items) and not items[index + 1].startswith("--"):
            options[name] = items[index + 1]
            index += 2
        else:
            options[name] = "true"
            index += 1
    if not path:
        raise ValueError("name a command, e.g. aixbot ask about")
    return " ".join(path), options


def cmd_ask(args: argparse.Namespace) -> int:
    settings = load_settings()
    quiet = settings.log_level == "INFO" and not args.serve
    configure_logging("WARNING" if quiet else settings.log_level)
    if args.serve:
        path, options = "", dict[str, str]()
    else:
        try:
            path, options = parse_ask_options(args.words)
        except ValueError as exc:
            print(f"aixbot ask: {exc}", file=sys.stderr)
            return EXIT_USAGE
    from bot.app import AixBot, build_services
    from offline import OfflineDiscord, OptionValueError
    from offline.ask import (
        ask_actor,
        ask_arguments,
        describe_option_error,
        menu_arguments,
        message_menu,
    )

    where = {
        "locale": args.locale,
        "dm": args.dm,
        "user_install": args.user_install,
        "group_dm": args.group_dm,
    }

    async def ask() -> int:
        offline = OfflineDiscord(AixBot(build_services(settings)))
        await offline.start()
        if args.serve:
            actor = ask_actor(**where)
            await serve_lines(offline, actor, settings.shutdown_grace_seconds)
            return 0
        try:
            menu = message_menu(offline, path)
            if menu is not None:
                actor, content = menu_arguments(menu, options, **where)
                exchange = await offline.message_command(menu, content, actor)
            else:
                # Asked as the server's admin unless `--as member|moderator` says otherwise.
                actor, values = ask_arguments(offline, path, options, **where)
                exchange = await offline.command(path, actor, **values)
        except OptionValueError as exc:
            # What the Discord client would not have let anyone send: one line, never a trace.
            print(f"aixbot ask: {describe_option_error(exc)}", file=sys.stderr)
            return EXIT_USAGE
        except LookupError as exc:  # no such command, or CommandHidden: Discord would not show it
            print(f"aixbot ask: {exc.args[0]}", file=sys.stderr)
            return EXIT_USAGE
        finally:
            await offline.close()
        print(exchange.text())
        for name, _ in exchange.files:
            print(f"(file {name} would be attached)")
        return 0

    try:
        return asyncio.run(ask())
    except StartupError as error:
        return fail(error)


async def serve_lines(offline: Any, actor: Any, grace_s: float) -> None:
    """`aixbot ask --serve`: one JSON request per stdin line, one JSON answer per stdout line.

    Requests look like {"id": 1, "command": "define", "options": {"term": "rlhf"}}. SIGTERM or
    SIGINT stops reading (as closing the gateway stops Discord's deliveries), lets the command in
    flight finish, closes the bot like `aixbot run` does, and exits 0. Scripts and the lifecycle
    tests drive the real command tree through it.
    """
    import json

    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    install_stop_signals(stop)
    reader = asyncio.StreamReader()
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
    stopping = asyncio.create_task(stop.wait())
    while not stop.is_set():
        reading = asyncio.create_task(reader.readline())
        await asyncio.wait({reading, stopping}, return_when=asyncio.FIRST_COMPLETED)
        if not reading.done():
            reading.cancel()
            break
        line = reading.result()
        if not line:
            break
        answer: dict[str, Any]
        try:
            request = json.loads(line)
            exchange = await offline.command(
                str(request["command"]), actor, **dict(request.get("options") or {})
            )
            answer = {"id": request.get("id"), "text": exchange.text()}
        except (ValueError, KeyError, TypeError, LookupError) as exc:
            answer = {"error": f"{type(exc).__name__}: {exc}"}
        print(json.dumps(answer, ensure_ascii=False), flush=True)
    if stop.is_set():
        log.warning("shutdown: signal received")
    await offline.bot.drain(grace_s)
    await offline.bot.close()
    stopping.cancel()


class ProgressBar:
    """tqdm on stderr, made on the first report of a run, when the total is known.

    tqdm because it is small, pure Python, kept up for years, and already does the two things
    wanted here: `disable=None` draws nothing when stderr is not a terminal (a cron log gets no
    carriage-return noise) and `delay` draws nothing for a run shorter than a second.
    """

    def __init__(self, what: str, stream: TextIO | None = None, delay_s: float = 1.0) -> None:
        self.what = what
        self.stream = stream or sys.stderr
        self.delay_s = delay_s
        self.bar: Any = None

    def __call__(self, done: int, total: int) -> None:
        if self.bar is None:
            from tqdm import tqdm

            self.bar = tqdm(
                total=total,
                desc=self.what,
                unit=" rows",
                file=self.stream,
                disable=None,
                delay=self.delay_s,
            )
        self.bar.update(done)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def cmd_db(args: argparse.Namespace) -> int:
    backup = args.action in ("export", "import")
    if backup and not args.target:
        print(
            f"aixbot db {args.action}: name the file, e.g. aixbot db {args.action} aixbot.jsonl",
            file=sys.stderr,
        )
        return EXIT_USAGE
    settings = load_settings()
    # Alembic logs every step at INFO; a backup's output is its one summary line (or refusal).
    quiet = backup and settings.log_level == "INFO"
    configure_logging("WARNING" if quiet else settings.log_level)
    from bot.db import Database
    from bot.db.backup import (
        BackupRefused,
        export_database,
        import_database,
        refuse_missing_source,
    )
    from bot.startup import migrate, wait_for_database

    bar = ProgressBar(f"{args.action}ing")

    async def run() -> str:
        database = Database(settings.database_url)
        try:
            if args.action == "export":
                refuse_missing_source(database)  # before the ping, which would create the file
            await wait_for_database(database, settings.database_retry_seconds)
            if args.action == "upgrade":
                await migrate(database)
            elif args.action == "downgrade":
                await database.downgrade(args.target or "-1")
            elif args.action == "export":
                report = await export_database(database, Path(args.target), bar)
                return f"exported {report.summary()} to {report.path}"
            else:
                report = await import_database(database, Path(args.target), bar)
                return f"imported {report.summary()} into {database.description}; now at head"
        finally:
            bar.close()
            await database.close()
        return f"database {args.action}d ({settings.backend})"

    try:
        done = asyncio.run(run())
    except StartupError as error:
        return fail(error)
    except BackupRefused as refused:
        print(f"aixbot db {args.action}: refused: {refused}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        # The export's file appears only once complete; the import is one transaction.
        left = "no file was written" if args.action == "export" else "the database is as it was"
        print(f"aixbot db {args.action}: interrupted; {left}", file=sys.stderr)
        return EXIT_INTERRUPTED
    print(done)
    return 0


def cmd_health(_: argparse.Namespace) -> int:
    """`aixbot health`: one line, exit 0 when healthy, 1 when not (the Docker HEALTHCHECK)."""
    settings = load_settings()
    configure_logging("WARNING" if settings.log_level == "INFO" else settings.log_level)
    from bot.db import Database
    from bot.health import Health, check

    async def run() -> Health:
        database = Database(settings.database_url)
        try:
            return await check(
                database, metrics_port=settings.metrics_port, metrics_host=settings.metrics_host
            )
        finally:
            await database.close()

    health = asyncio.run(run())
    print(health.line, file=sys.stdout if health.ok else sys.stderr)
    return 0 if health.ok else 1


def cmd_knowledge(args: argparse.Namespace) -> int:
    from bot.knowledge.files import load_knowledge

    settings = load_settings()
    knowledge = load_knowledge(settings.knowledge_dir)
    problems = list(knowledge.problems)
    if args.action == "validate" and knowledge.ok:
        from bot.knowledge.review import review

        problems += review(knowledge.entries, settings.knowledge_dir)
    for problem in problems:
        print(problem)
    counts: dict[str, int] = {}
    for entry in knowledge.entries:
        counts[entry.kind.value] = counts.get(entry.kind.value, 0) + 1
    summary = ", ".join(f"{kind}: {n}" for kind, n in sorted(counts.items()))
    print(f"{len(knowledge.entries)} entries ({summary}); {len(problems)} problems")
    if problems:
        return 1
    if args.action == "stale":
        return report_stale(knowledge.entries, today=args.today, months=args.months)
    if args.action == "load":
        configure_logging("WARNING" if settings.log_level == "INFO" else settings.log_level)
        from bot.db import Database
        from bot.startup import prepare_database

        async def load() -> Any:
            database = Database(settings.database_url)
            try:
                return await prepare_database(
                    database,
                    settings.knowledge_dir,
                    retry_s=settings.database_retry_seconds,
                    allow_retire=args.allow_retire,
                )
            finally:
                await database.close()

        try:
            report = asyncio.run(load())
        except StartupError as error:
            return fail(error)
        if report.skipped:
            print("loaded: nothing changed since the last load")
        else:
            print(
                f"loaded: {report.added} added, {report.changed} changed, "
                f"{report.retired} retired, {report.restored} restored, "
                f"{report.unchanged} unchanged"
            )
    return 0


def report_stale(entries: Sequence[Any], *, today: date, months: int) -> int:
    """`aixbot knowledge stale`: one line per entry due for a re-check, projects first."""
    from bot.knowledge.freshness import months_before, stale

    found = stale(entries, today=today, months=months)
    cutoff = months_before(today, months).isoformat()
    for item in found:
        print(f"{item.entry_id}  checked {item.checked.isoformat()}  age {item.age_text()}")
    print(f"{len(found)} of {len(entries)} entries last checked before {cutoff} ({months} months)")
    return 0


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def _months(text: str) -> int:
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"not a number of months: {text!r}")
    return int(text)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="aixbot", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("run", help="run the Discord bot (needs DISCORD_TOKEN)").set_defaults(
        func=cmd_run
    )
    ask = sub.add_parser(
        "ask",
        help="answer a slash command offline, e.g. aixbot ask define --term transformer",
    )
    ask.add_argument("--locale", default="en-US", help="Discord locale of the asker, e.g. zh-CN")
    ask.add_argument("--dm", action="store_true", help="ask from a direct message")
    ask.add_argument(
        "--user-install",
        action="store_true",
        help="ask through your own install of aixbot, in a server that has not installed it",
    )
    ask.add_argument(
        "--group-dm", action="store_true", help="ask in a group DM (through your own install)"
    )
    ask.add_argument(
        "--serve",
        action="store_true",
        help="read one JSON request per line from stdin, answer one JSON line each",
    )
    ask.add_argument("words", nargs=argparse.REMAINDER, help="command path, then --option value")
    ask.set_defaults(func=cmd_ask)
    db = sub.add_parser("db", help="database migrations, and a backup of the whole database")
    db.add_argument("action", choices=["upgrade", "downgrade", "export", "import"])
    db.add_argument(
        "target",
        nargs="?",
        metavar="REV|PATH",
        help="upgrade/downgrade: the revision; export/import: the JSON-lines file",
    )
    db.set_defaults(func=cmd_db)
    sub.add_parser(
        "health",
        help="exit 0 when the database is reachable and migrated and, with METRICS_PORT, the "
        "bot's /healthz answers 200",
    ).set_defaults(func=cmd_health)
    knowledge = sub.add_parser(
        "knowledge", help="check or load the knowledge/ files, or list the entries due a check"
    )
    knowledge.add_argument("action", choices=["validate", "load", "stale"])
    knowledge.add_argument(
        "--months", type=_months, default=6, help="stale: checked longer ago than this"
    )
    knowledge.add_argument(
        "--today",
        type=_day,
        default=datetime.now(UTC).date(),
        help="stale: the day to count from (YYYY-MM-DD; default today, UTC)",
    )
    knowledge.add_argument(
        "--allow-retire",
        action="store_true",
        help="load even if it retires everything or more than half of the shipped entries",
    )
    knowledge.set_defaults(func=cmd_knowledge)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    result: int = args.func(args)
    return result


if __name__ == "__main__":
    raise SystemExit(main())
