"""Everything between "the process started" and "the bot can answer", and how it fails.

Each step that can fail for a reason outside the code (the database, the knowledge folder) ends
in a `StartupError` whose lines name the thing at fault and what to do. The CLI prints those lines
and exits 2; the traceback is logged only at DEBUG. The database gets a bounded time to come up.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import time
from collections.abc import Sequence
from pathlib import Path

import pydantic

from bot.db import Database
from bot.db.database import CONNECT_TIMEOUT_S
from bot.db.faults import describe_database_error, is_transient
from bot.knowledge import files, models
from bot.knowledge.files import KnowledgeSet, load_knowledge
from bot.knowledge.models import EntryBase
from bot.knowledge.store import LoadReport, RetireRefused, load_shipped, loaded_from

log = logging.getLogger("aixbot.startup")

FIRST_DELAY_S = 0.5
MAX_DELAY_S = 8.0


class StartupError(Exception):
    """Start-up cannot go on; `lines` say why, for an operator, one fault per line."""

    def __init__(self, *lines: str) -> None:
        super().__init__("\n".join(lines))
        self.lines = list(lines)


async def wait_for_database(database: Database, budget_s: float) -> None:
    """Connect, retrying transient faults with backoff for at most `budget_s` seconds.

    A database that is still starting (docker compose brings both up together) or a network
    blip should not kill the bot; a wrong password or a corrupt file fails at once.
    """
    deadline = time.monotonic() + budget_s
    delay = FIRST_DELAY_S
    while True:
        try:
            # A black-holed host never refuses: no attempt may outlast what is left of the budget.
            left = max(deadline - time.monotonic(), 1.0)
            await asyncio.wait_for(database.ping(), timeout=min(CONNECT_TIMEOUT_S, left))
            return
        except Exception as exc:
            left = deadline - time.monotonic()
            if not is_transient(exc) or left <= 0:
                log.debug("database connection failed", exc_info=exc)
                raise StartupError(
                    describe_database_error(exc, database.description, database.path)
                ) from exc
            wait = min(delay, left)
            log.warning(
                "%s not reachable (%s); retrying in %.1f s, giving up %.0f s from now "
                "(DATABASE_RETRY_SECONDS=%g)",
                database.description,
                type(exc).__name__,
                wait,
                left,
                budget_s,
            )
            await asyncio.sleep(wait)
            delay = min(delay * 2, MAX_DELAY_S)


async def migrate(database: Database) -> None:
    try:
        await database.migrate()
    except Exception as exc:
        log.debug("migration failed", exc_info=exc)
        raise StartupError(
            describe_database_error(exc, database.description, database.path)
        ) from exc


_loaded: dict[Path, tuple[bytes, KnowledgeSet]] = {}
"""The last parse of each knowledge folder, with a digest of the files it was made from: a
process that prepares many bots (the tests, a bench) parses the folder once. Reading and hashing
the files costs a few milliseconds; parsing and validating them, a tenth of a second."""


def files_stamp(root: Path) -> bytes:
    """A digest of every file under `root` and of the code that turns them into entries: equal
    stamps parse to equal entries."""
    digest = hashlib.blake2b(digest_size=16)
    digest.update(pydantic.VERSION.encode() + b"\0")
    for module in (models, files):
        digest.update(Path(module.__file__ or "").read_bytes() + b"\0")
    for path in sorted(root.rglob("*")):
        if path.is_file():
            digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.digest()


def _load_unless_unchanged(root: Path, stamp: bytes) -> KnowledgeSet:
    kept = _loaded.get(root.resolve())
    if kept is not None and kept[0] == stamp:
        return kept[1]
    knowledge = load_knowledge(root)
    _loaded[root.resolve()] = (stamp, knowledge)
    return knowledge


def _check_folder(root: Path) -> None:
    if not root.is_dir():
        what = "is not a folder" if root.exists() else "does not exist"
        raise StartupError(
            f"KNOWLEDGE_DIR {root}: {what}; point KNOWLEDGE_DIR at aixbot's knowledge/ folder."
        )


def read_knowledge(root: Path, stamp: bytes | None = None) -> list[EntryBase]:
    """The shipped entries, or every problem of the folder followed by what to run."""
    _check_folder(root)
    knowledge = _load_unless_unchanged(root, stamp or files_stamp(root))
    if knowledge.problems:
        raise StartupError(
            *(str(p) for p in knowledge.problems),
            f"KNOWLEDGE_DIR {root}: {len(knowledge.problems)} problem(s) above; fix them and "
            "check with `aixbot knowledge validate`.",
        )
    return list(knowledge.entries)


async def load(
    database: Database,
    entries: Sequence[EntryBase],
    root: Path,
    *,
    allow_retire: bool = False,
    stamp: bytes | None = None,
) -> LoadReport:
    try:
        report = await load_shipped(
            database.sessions,
            entries,
            allow_retire=allow_retire,
            files_stamp=stamp.hex() if stamp is not None else None,
        )
    except RetireRefused as refused:
        raise StartupError(
            f"KNOWLEDGE_DIR {root}: has {refused.loading} entries; loading it would retire "
            f"{refused.retiring} of the {refused.visible} shipped entries in the database. Point "
            "KNOWLEDGE_DIR at the right folder, or run `aixbot knowledge load --allow-retire` "
            "to retire them on purpose."
        ) from None
    except Exception as exc:
        log.debug("knowledge load failed", exc_info=exc)
        raise StartupError(
            describe_database_error(exc, database.description, database.path)
        ) from exc
    if report.skipped:
        log.info(
            "knowledge unchanged since the last load (%d entries); nothing to do", len(entries)
        )
    else:
        log.info(
            "knowledge loaded: %d added, %d changed, %d retired, %d restored, %d unchanged",
            report.added,
            report.changed,
            report.retired,
            report.restored,
            report.unchanged,
        )
    return report


async def prepare_database(
    database: Database, knowledge_dir: Path, *, retry_s: float, allow_retire: bool = False
) -> LoadReport:
    """Connect (with retries), migrate and load the shipped knowledge: the bot's data, ready.

    A database already loaded from these very files is not loaded again, and the files are not
    even parsed (a tenth of a second per thousand entries, on every start and every `aixbot
    ask`). A missing folder is named before the database is touched; the problems of a
    changed folder once the database is up.
    """
    _check_folder(knowledge_dir)
    stamp = files_stamp(knowledge_dir)
    await wait_for_database(database, retry_s)
    await migrate(database)
    try:
        shown = await loaded_from(database.sessions, stamp.hex())
    except Exception as exc:
        raise StartupError(
            describe_database_error(exc, database.description, database.path)
        ) from exc
    if shown is not None:
        log.info("knowledge unchanged since the last load (%d entries); nothing to do", shown)
        return LoadReport(0, 0, 0, shown, skipped=True)
    entries = read_knowledge(knowledge_dir, stamp)
    return await load(database, entries, knowledge_dir, allow_retire=allow_retire, stamp=stamp)
