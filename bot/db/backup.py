"""The whole database as one file of JSON lines, and that file back into an empty database.

This is the operator's backup and the way up from SQLite to PostgreSQL; `/edit export` (see
bot/editing/transfer.py) is a different thing, one guild's entries for its editors to carry.

The first line is the header: the format and its version, the schema revision the rows were
written at (Alembic's), how many rows of each table follow, the sha256 of every line after it,
and when it was made. Then one line per row, `{"table": ..., "row": {column: value}}`, tables in
foreign-key order and each in primary-key order. Every table of the schema is written, because
each holds state someone would miss: the shipped entries and their revisions (an overlay's
history and a notice point at their ids), the guild overlays and all their revisions, guild
settings, member suggestions, missing lookups, shipped-change notices, and bot_state (the
knowledge fingerprint, so the first start on the restored database skips an unchanged load, and
the hash of the last command sync). Only alembic_version is left out: the header carries it.

Rows keep their ids, versions, timestamps and authors, so revision history, diffs and revert
work on the restored database as they did. Columns are read from the database itself, not from
the models, so a file written at an older revision is restored at that revision and then
migrated to head, its data steps included.

Both directions stream: the export writes the body to a temporary file while hashing it (the
header, which comes first, needs the checksum), and the import inserts in batches as it reads,
all in one transaction, so a refusal found on the last line still leaves nothing behind.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import tempfile
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from sqlalchemy import DateTime, MetaData, Table, func, inspect, select, text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError, StatementError
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.db.database import (
    READ_SNAPSHOT,
    Database,
    alembic_config,
    lock_startup,
    upgrade_on,
)
from bot.db.models import aware, utcnow

FORMAT = "aixbot.database-export"
FORMAT_VERSION = 1
VERSION_TABLE = "alembic_version"
BATCH_ROWS = 500
"""Rows per INSERT round trip: large enough to be quick, small enough to keep memory flat."""
MAX_LINE_BYTES = 16 << 20
"""No row comes near this (an entry's text is a few kB); a longer line is not one of ours."""
_CHECKSUM_RE = re.compile(r"sha256:[0-9a-f]{64}")

Progress = Callable[[int, int], None]
"""Called with (rows just done, rows in all) as a run goes on; the CLI draws a bar from it."""


class BackupRefused(Exception):
    """A file or a database the import will not touch. The message is one line for the operator;
    nothing has been written when it is raised."""


@dataclass(frozen=True, slots=True)
class Header:
    schema: str
    """The Alembic revision the rows were written at."""
    tables: dict[str, int]
    """Rows of each table, in the order the body holds them."""
    checksum: str
    """`sha256:` and the hex digest of every body line, newlines included."""
    created_at: datetime
    format_version: int = FORMAT_VERSION

    @property
    def rows(self) -> int:
        return sum(self.tables.values())

    def line(self) -> bytes:
        header = {
            "format": FORMAT,
            "format_version": self.format_version,
            "schema": self.schema,
            "created_at": self.created_at.isoformat(),
            "tables": self.tables,
            "checksum": self.checksum,
        }
        return _dumps(header) + b"\n"


@dataclass(frozen=True, slots=True)
class BackupReport:
    path: Path
    schema: str
    tables: dict[str, int] = field(default_factory=dict)

    @property
    def rows(self) -> int:
        return sum(self.tables.values())

    def summary(self) -> str:
        counts = ", ".join(f"{name} {n}" for name, n in self.tables.items())
        return f"{self.rows} rows at schema {self.schema} ({counts})"


def _dumps(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _loads(line: bytes, what: str) -> Any:
    try:
        return json.loads(line)
    except (ValueError, RecursionError):  # bad UTF-8 or JSON, or nesting past Python's stack
        raise BackupRefused(f"{what} is not a line of JSON") from None


def parse_header(line: bytes) -> Header:
    """The first line of a file, checked completely; BackupRefused for anything else."""
    if not line:
        raise BackupRefused("the file is empty")
    if not line.endswith(b"\n"):
        raise BackupRefused("the file is truncated: it ends inside its header line")
    try:
        raw = json.loads(line)
    except (ValueError, RecursionError):
        raise BackupRefused("not an aixbot database export (its first line is not JSON)") from None
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        found = raw.get("format") if isinstance(raw, dict) else None
        named = f" (its format is {str(found)[:60]!r})" if isinstance(found, str) else ""
        raise BackupRefused(f"not an aixbot database export{named}")
    version = raw.get("format_version")
    if type(version) is not int or version < 1:
        raise BackupRefused("the header's format_version is not a positive whole number")
    if version > FORMAT_VERSION:
        raise BackupRefused(
            f"format version {version} is newer than this aixbot reads ({FORMAT_VERSION}); "
            "import it with the aixbot that wrote it, or a newer one"
        )
    schema, tables, checksum = raw.get("schema"), raw.get("tables"), raw.get("checksum")
    if not isinstance(schema, str) or not schema:
        raise BackupRefused("the header names no schema revision")
    if not isinstance(tables, dict) or not all(
        isinstance(name, str) and type(n) is int and n >= 0 for name, n in tables.items()
    ):
        raise BackupRefused("the header's tables are not table names with row counts")
    if not isinstance(checksum, str) or not _CHECKSUM_RE.fullmatch(checksum):
        raise BackupRefused("the header's checksum is not sha256:<64 hex digits>")
    try:
        created_at = datetime.fromisoformat(str(raw.get("created_at")))
    except ValueError:
        raise BackupRefused("the header's created_at is not a date and time") from None
    return Header(schema, dict(tables), checksum, created_at, version)


def parse_row(line: bytes, number: int, tables: Mapping[str, int]) -> tuple[str, dict[str, Any]]:
    """One body line (`number` counts from 1 after the header) as (table, row)."""
    raw = _loads(line, f"line {number + 1}")
    if not isinstance(raw, dict) or set(raw) != {"table", "row"}:
        raise BackupRefused(f"line {number + 1} is not a table row")
    table, row = raw["table"], raw["row"]
    if not isinstance(table, str) or table not in tables:
        raise BackupRefused(f"line {number + 1} is a row of a table the header does not count")
    if not isinstance(row, dict):
        raise BackupRefused(f"line {number + 1} is not a table row")
    return table, row


class BackupReader:
    """Reads a file line by line: the header at once, the rows as they are asked for.

    The counts and the checksum can only be checked at the end, so `rows()` raises there, after
    the last row; the importer inserts as it reads and rolls everything back on that refusal.
    """

    def __init__(self, stream: IO[bytes]) -> None:
        self._stream = stream
        self.header = parse_header(self._line())

    def _line(self) -> bytes:
        line = self._stream.readline(MAX_LINE_BYTES + 1)
        if len(line) > MAX_LINE_BYTES:
            raise BackupRefused(f"a line is longer than {MAX_LINE_BYTES >> 20} MiB")
        return line

    def rows(self) -> Iterator[tuple[str, dict[str, Any]]]:
        expected = self.header.tables
        seen = dict.fromkeys(expected, 0)
        digest = hashlib.sha256()
        number = 0
        while line := self._line():
            number += 1
            if not line.endswith(b"\n"):
                raise BackupRefused(f"the file is truncated: line {number + 1} is cut off")
            digest.update(line)
            table, row = parse_row(line, number, expected)
            seen[table] += 1
            if seen[table] > expected[table]:
                raise BackupRefused(
                    f"{table} has more rows than the header's {expected[table]}: the file was "
                    "altered"
                )
            yield table, row
        short = {name: (seen[name], n) for name, n in expected.items() if seen[name] != n}
        if short:
            name, (got, want) = next(iter(short.items()))
            raise BackupRefused(
                f"the file is truncated: {name} has {got} of the {want} rows its header counts"
            )
        if f"sha256:{digest.hexdigest()}" != self.header.checksum:
            raise BackupRefused("checksum mismatch: the rows are not the ones the header sealed")


def _revisions() -> list[str]:
    """Every known schema revision, oldest first (the history is one line)."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    return [r.revision for r in reversed(list(script.walk_revisions()))]


def _reflect(connection: Connection) -> list[Table]:
    metadata = MetaData()
    metadata.reflect(connection)
    return [t for t in metadata.sorted_tables if t.name != VERSION_TABLE]


def _schema_of(connection: Connection) -> str | None:
    if VERSION_TABLE not in inspect(connection).get_table_names():
        return None
    value = connection.exec_driver_sql(f"SELECT version_num FROM {VERSION_TABLE}").scalar()
    return str(value) if value is not None else None


def _to_json(value: Any) -> Any:
    if isinstance(value, datetime):
        return aware(value).isoformat()
    return value


def _order(table: Table) -> list[Any]:
    return list(table.primary_key.columns) or list(table.columns)


def refuse_missing_source(database: Database) -> None:
    """A SQLite file that is not there is a wrong DATABASE_URL, not an empty database to back up
    (connecting would create it)."""
    if database.path is not None and not database.path.exists():
        raise BackupRefused(f"nothing to export: {database.description} does not exist")


async def export_database(
    database: Database, path: Path, progress: Progress | None = None
) -> BackupReport:
    """Write every row of every table to `path`, from one consistent snapshot that a running
    bot's edits neither wait for nor change.

    The file appears only when complete (written beside it, then renamed), so an interrupted
    export never leaves something that looks like a backup.
    """
    path = Path(path)
    refuse_missing_source(database)
    with _scratch(path) as body:
        async with database.engine.connect() as connection:
            if database.is_sqlite:
                connection = await connection.execution_options(**{READ_SNAPSHOT: True})
            else:
                connection = await connection.execution_options(isolation_level="REPEATABLE READ")
            async with connection.begin():
                schema = await connection.run_sync(_schema_of)
                if schema is None:
                    raise BackupRefused(
                        f"{database.description} has no schema revision: not an aixbot database "
                        "(run aixbot db upgrade on it first)"
                    )
                tables = await connection.run_sync(_reflect)
                counts: dict[str, int] = {}
                for table in tables:
                    counts[table.name] = int(
                        await connection.scalar(select(func.count()).select_from(table)) or 0
                    )
                total = sum(counts.values())
                digest = hashlib.sha256()
                for table in tables:
                    result = await connection.stream(
                        select(table)
                        .order_by(*_order(table))
                        .execution_options(yield_per=BATCH_ROWS)
                    )
                    async for chunk in result.partitions():
                        for row in chunk:
                            values = {key: _to_json(v) for key, v in row._mapping.items()}
                            line = _dumps({"table": table.name, "row": values}) + b"\n"
                            digest.update(line)
                            body.write(line)
                        if progress is not None:
                            progress(len(chunk), total)
        header = Header(schema, counts, f"sha256:{digest.hexdigest()}", utcnow())
        _seal(header, body, path)
    return BackupReport(path, schema, counts)


def _cannot_write(path: Path, exc: OSError) -> BackupRefused:
    return BackupRefused(f"cannot write {path}: {exc.strerror or exc}")


def _scratch(path: Path) -> IO[bytes]:
    """The body's scratch file, beside `path` (the same disk the export needs room on); gone
    when closed, however the export ends."""
    try:
        return tempfile.TemporaryFile(dir=path.parent)
    except OSError as exc:
        raise _cannot_write(path, exc) from None


def _seal(header: Header, body: IO[bytes], path: Path) -> None:
    """Header, then the body, into a file beside `path` that replaces it only when complete.

    Blocking on purpose: export and import are the only work of their process (the CLI), and
    the disk is no slower than the database they wait on anyway.
    """
    body.seek(0)
    partial: str | None = None
    try:
        handle, partial = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
        with os.fdopen(handle, "wb") as out:
            out.write(header.line())
            shutil.copyfileobj(body, out)
            out.flush()
            os.fsync(out.fileno())
        os.replace(partial, path)
    except BaseException as exc:
        if partial is not None:
            Path(partial).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise _cannot_write(path, exc) from None
        raise


def _open(path: Path) -> IO[bytes]:
    try:
        return path.open("rb")
    except OSError as exc:
        raise BackupRefused(f"cannot read {path}: {exc.strerror or exc}") from None


def _from_json(table: Table, number: int, row: dict[str, Any]) -> dict[str, Any]:
    columns = table.columns
    out: dict[str, Any] = {}
    for key, value in row.items():
        if key not in columns:
            raise BackupRefused(f"line {number + 1}: {table.name} has no column {key[:60]!r}")
        if isinstance(columns[key].type, DateTime) and value is not None:
            if not isinstance(value, str):
                raise BackupRefused(f"line {number + 1}: {table.name}.{key} is not a timestamp")
            try:
                moment = datetime.fromisoformat(value)
            except ValueError:
                raise BackupRefused(
                    f"line {number + 1}: {table.name}.{key} is not a timestamp"
                ) from None
            value = aware(moment).astimezone(UTC)
        out[key] = value
    return out


async def _refuse_unless_empty(connection: AsyncConnection, known: list[str]) -> str | None:
    """The target's revision, if it is one we know and the database holds no rows."""
    revision = await connection.run_sync(_schema_of)
    if revision is not None and revision not in known:
        raise BackupRefused(
            f"the database is at schema {revision}, which this aixbot does not know (newer?)"
        )
    tables = await connection.run_sync(_reflect)
    filled = []
    for table in tables:
        n = int(await connection.scalar(select(func.count()).select_from(table)) or 0)
        if n:
            filled.append(f"{table.name} {n}")
    if filled:
        raise BackupRefused(
            f"the database is not empty ({', '.join(filled)} rows): import into a new, empty "
            "database"
        )
    return revision


async def _move_to(connection: AsyncConnection, current: str | None, target: str) -> None:
    """Bring an empty database to the revision the file's rows were written at."""
    from alembic import command

    order = _revisions()
    if current is None or order.index(current) <= order.index(target):
        await upgrade_on(connection, target)
        return

    def down(sync: Connection) -> None:
        command.downgrade(alembic_config(sync), target)

    await connection.run_sync(down)


async def _fix_sequences(connection: AsyncConnection, tables: list[Table]) -> None:
    """Rows came in with their own ids; PostgreSQL's sequences must carry on after them, or the
    next edit collides with a restored id."""
    if connection.dialect.name != "postgresql":
        return  # SQLite's INTEGER PRIMARY KEY takes max(id) + 1 by itself
    for table in tables:
        for column in table.primary_key.columns:
            sequence = await connection.scalar(
                text("SELECT pg_get_serial_sequence(:table, :column)"),
                {"table": table.name, "column": column.name},
            )
            if sequence is None:
                continue
            await connection.execute(
                text(
                    f'SELECT setval(:sequence, COALESCE((SELECT MAX("{column.name}") '
                    f'FROM "{table.name}"), 0) + 1, false)'
                ),
                {"sequence": sequence},
            )


async def import_database(
    database: Database, path: Path, progress: Progress | None = None
) -> BackupReport:
    """Restore a file into an empty database and migrate it to head, in one transaction.

    BackupRefused, with nothing written, for a file that is not an export of ours, one from a
    newer format or schema, one truncated or altered (counts, checksum), and for a database
    that already holds rows.
    """
    known = _revisions()
    with _open(Path(path)) as stream:
        reader = BackupReader(stream)
        header = reader.header
        if header.schema not in known:
            raise BackupRefused(
                f"the file is at schema {header.schema}, which this aixbot does not know "
                f"(it knows {known[0]} to {known[-1]}): import it with a newer aixbot"
            )
        database.ensure_directory()
        async with database.engine.begin() as connection:
            await lock_startup(connection)
            current = await _refuse_unless_empty(connection, known)
            await _move_to(connection, current, header.schema)
            tables = {t.name: t for t in await connection.run_sync(_reflect)}
            missing = [name for name in header.tables if name not in tables]
            if missing:
                raise BackupRefused(
                    f"the file has table {missing[0]!r}, which schema {header.schema} does not"
                )
            batch: list[dict[str, Any]] = []
            batch_table: Table | None = None

            async def flush() -> None:
                if batch_table is None or not batch:
                    return
                try:
                    await connection.execute(batch_table.insert(), batch)
                except (DBAPIError, StatementError) as exc:
                    first = str(getattr(exc, "orig", exc)).splitlines()[0][:200]
                    raise BackupRefused(
                        f"the database refused a row of {batch_table.name}: {first}"
                    ) from None
                if progress is not None:
                    progress(len(batch), header.rows)
                batch.clear()

            for number, (name, row) in enumerate(reader.rows(), 1):
                table = tables[name]
                if table is not batch_table or len(batch) >= BATCH_ROWS:
                    await flush()
                    batch_table = table
                batch.append(_from_json(table, number, row))
            await flush()
            await _fix_sequences(connection, list(tables.values()))
            if header.schema != known[-1]:
                await upgrade_on(connection, "head")
    return BackupReport(Path(path), header.schema, dict(header.tables))
