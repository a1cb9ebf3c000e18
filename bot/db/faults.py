"""What went wrong with the database, in words an operator can act on.

Start-up turns driver exceptions into one line naming the database (never its password) and what
to do; only `LOG_LEVEL=DEBUG` shows the traceback. Transient faults (server not up yet, refused,
timed out) are retried for a bounded time first; the rest are reported at once.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping, Sequence
from pathlib import Path


class HalfMigrated(Exception):
    """Tables of the first migration with rows in them but no schema version."""

    def __init__(self, tables: Sequence[str], rows: Mapping[str, int]) -> None:
        super().__init__(tables, rows)
        self.tables = list(tables)
        self.rows = dict(rows)


def _chain(error: BaseException) -> list[BaseException]:
    seen: list[BaseException] = []
    current: BaseException | None = error
    while current is not None and current not in seen:
        seen.append(current)
        current = current.__cause__ or current.__context__
    for item in list(seen):
        orig = getattr(item, "orig", None)
        if isinstance(orig, BaseException) and orig not in seen:
            seen.append(orig)
    return seen


def _pg_errors() -> dict[str, type[BaseException]]:
    try:
        import asyncpg
    except ImportError:  # asyncpg is a dependency; this keeps SQLite-only installs honest
        return {}
    return {
        "password": asyncpg.InvalidPasswordError,
        "role": asyncpg.InvalidAuthorizationSpecificationError,
        "catalog": asyncpg.InvalidCatalogNameError,
        "starting": asyncpg.CannotConnectNowError,
        "privilege": asyncpg.InsufficientPrivilegeError,
    }


def is_transient(error: BaseException) -> bool:
    """Worth retrying at start: the server may still be coming up or the network recovering."""
    pg = _pg_errors()
    for item in _chain(error):
        if "starting" in pg and isinstance(item, pg["starting"]):
            return True
        if isinstance(item, ConnectionRefusedError | TimeoutError | ConnectionResetError):
            return True
        local = isinstance(item, PermissionError | FileNotFoundError)
        # errno None: asyncio's own connect errors; 101/110/111/113: unreachable, timed out, refused
        if isinstance(item, OSError) and not local and item.errno in (None, 101, 110, 111, 113):
            return True
    return False


def describe_database_error(error: BaseException, where: str, path: Path | None) -> str:
    """One line: which database, what is wrong, what to do."""
    pg = _pg_errors()
    chain = _chain(error)
    for item in chain:
        if isinstance(item, HalfMigrated):
            counts = ", ".join(f"{t} {item.rows.get(t, 0)} rows" for t in item.tables)
            return (
                f"{where}: left half-migrated by an older aixbot (tables without a schema "
                f"version: {counts}). Back the file up, then move it aside to start fresh."
            )
        if "password" in pg and isinstance(item, pg["password"]):
            return f"{where}: the server rejected the password; check DATABASE_URL."
        if "role" in pg and isinstance(item, pg["role"]):
            return (
                f"{where}: the server refused this role ({item}); check the user in DATABASE_URL."
            )
        if "catalog" in pg and isinstance(item, pg["catalog"]):
            return (
                f"{where}: the database does not exist; create it (createdb) or fix DATABASE_URL."
            )
        if "privilege" in pg and isinstance(item, pg["privilege"]):
            return (
                f"{where}: this role may not create or change tables ({item}); "
                "grant it or use the owner."
            )
    for item in chain:
        if isinstance(item, sqlite3.DatabaseError):
            message = str(item)
            folder = path.parent if path is not None else None
            if "file is not a database" in message or "malformed" in message:
                return (
                    f"{where}: the file is not a readable SQLite database ({message}). Restore "
                    "it from a backup or move it aside to start fresh."
                )
            if "readonly" in message or "read-only" in message:
                return (
                    f"{where}: the file or its folder is read-only; "
                    f"let the bot's user write to {folder}."
                )
            if "unable to open" in message:
                return (
                    f"{where}: cannot open the file; check that the folder {folder} exists and "
                    "the bot's user may write to it (DATABASE_URL sets the path)."
                )
            if "locked" in message:
                return (
                    f"{where}: another process held the database too long ({message}); try again."
                )
            return f"{where}: {message}"
        if isinstance(item, PermissionError):
            return (
                f"{where}: permission denied ({item.filename or item}); "
                "let the bot's user write there."
            )
        if isinstance(item, FileNotFoundError | NotADirectoryError):
            return (
                f"{where}: no such folder ({item.filename or item}); fix the path in DATABASE_URL."
            )
    if is_transient(error):
        timed_out = any(isinstance(i, TimeoutError) for i in chain)
        detail = (
            "no answer: timed out"
            if timed_out
            else next((str(i) for i in chain if str(i)), type(error).__name__)
        )
        return (
            f"{where}: not reachable ({detail or 'timed out'}); check that the server is up and "
            "that host and port in DATABASE_URL are right."
        )
    last = chain[-1]
    return f"{where}: {type(last).__name__}: {last}"
