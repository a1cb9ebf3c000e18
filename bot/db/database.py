"""The engine, its sessions, and the migrations that shape it."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import event, inspect, text
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.ext.asyncio import (
    AsyncConnection,
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

from bot.db.faults import HalfMigrated

if TYPE_CHECKING:
    from alembic.config import Config

ALEMBIC_DIR = Path(__file__).resolve().parents[2] / "alembic"
SCHEMA_HEAD = "0005"
"""The newest revision in alembic/versions (tests/platform/test_migrations.py checks it). A
database already there is never handed to Alembic, whose import alone is ~0.2 s of every start
and every `aixbot ask`."""
STARTUP_LOCK = 0x41_49_58_42_4F_54  # "AIXBOT": the PostgreSQL advisory lock of start-up work
READ_SNAPSHOT = "aixbot_read_snapshot"
"""Execution option of a connection that only reads, from one snapshot, however long it takes
(an export): on SQLite it must not hold the write lock a running bot's edits wait on."""
BUSY_TIMEOUT_MS = 30_000
"""How long a SQLite writer waits for another (e.g. a second process loading the knowledge)."""
CONNECT_TIMEOUT_S = 10.0
"""One PostgreSQL connection attempt; start-up retries several within its own budget."""

log = logging.getLogger("aixbot.db")


def alembic_config(connection: Connection | None = None, url: str | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(ALEMBIC_DIR))
    if url is not None:
        config.set_main_option("sqlalchemy.url", url)
    config.attributes["connection"] = connection
    return config


def _sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    """Take transactions out of the driver's hands, then set the pragmas.

    pysqlite (under aiosqlite) only opens a transaction before INSERT/UPDATE/DELETE, so DDL ran
    in autocommit and a kill during a migration left half a schema. With isolation_level None the
    driver sends no BEGIN of its own and `_sqlite_begin` sends ours, so DDL is transactional.
    busy_timeout comes first: switching to WAL needs a lock another process may hold.
    """
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _sqlite_begin(connection: Connection) -> None:
    """Every transaction takes the write lock up front (BEGIN IMMEDIATE).

    A deferred transaction that reads and then writes fails at once with "database is locked"
    when another writer got there first; an immediate one waits busy_timeout for its turn. Readers
    in WAL mode are not blocked by it. A connection marked READ_SNAPSHOT only reads (a backup):
    its deferred BEGIN takes no lock, and WAL keeps its view fixed from its first read on.
    """
    if connection.get_execution_options().get(READ_SNAPSHOT):
        connection.exec_driver_sql("BEGIN")
        return
    connection.exec_driver_sql("BEGIN IMMEDIATE")


def describe_url(url: str) -> str:
    """The database as a log line may name it: backend, host, port and name, never a password."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return f"SQLite file {parsed.database or ':memory:'}"
    host = parsed.host or "localhost"
    port = parsed.port or 5432
    user = f"{parsed.username}@" if parsed.username else ""
    return f"PostgreSQL {user}{host}:{port}/{parsed.database or ''}"


async def lock_startup(connection: AsyncConnection) -> None:
    """Serialize start-up work (migrations, the shipped load) across processes until commit.

    PostgreSQL: a transaction-scoped advisory lock, released at commit or when the process dies.
    SQLite: the transaction already holds the write lock (BEGIN IMMEDIATE), the same guarantee.
    """
    if connection.dialect.name == "postgresql":
        await connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": STARTUP_LOCK})


async def lock_startup_work(session: AsyncSession) -> None:
    """`lock_startup` for a session's transaction."""
    await lock_startup(await session.connection())


KNOWN_TABLES = {"bot_state", "entries", "revisions"}
"""The tables of the first migration: what an older aixbot may have left without a version."""


class Database:
    """Owns the engine; every service call takes one short session from `sessions`."""

    def __init__(self, url: str, *, echo: bool = False) -> None:
        self.url = url
        parsed = make_url(url)
        self.is_sqlite = parsed.get_backend_name() == "sqlite"
        self.path: Path | None = None
        if self.is_sqlite and parsed.database and parsed.database != ":memory:":
            self.path = Path(parsed.database).expanduser()
        kwargs: dict[str, Any] = {"echo": echo}
        if not self.is_sqlite:
            kwargs["pool_pre_ping"] = True
            kwargs["connect_args"] = {"timeout": CONNECT_TIMEOUT_S}
        self.engine: AsyncEngine = create_async_engine(url, **kwargs)
        if self.is_sqlite:
            event.listen(self.engine.sync_engine, "connect", _sqlite_connect)
            event.listen(self.engine.sync_engine, "begin", _sqlite_begin)
        self.sessions: async_sessionmaker[AsyncSession] = async_sessionmaker(
            self.engine, expire_on_commit=False
        )

    @property
    def backend(self) -> str:
        return "SQLite" if self.is_sqlite else "PostgreSQL"

    @property
    def description(self) -> str:
        return describe_url(self.url)

    def ensure_directory(self) -> None:
        """Create the SQLite file's folder; an unwritable one is reported by the caller."""
        if self.path is not None:
            self.path.parent.mkdir(parents=True, exist_ok=True)

    async def ping(self) -> None:
        """One round trip: raises what the driver raises when the database cannot be used."""
        self.ensure_directory()
        async with self.engine.connect() as connection:
            await connection.exec_driver_sql("SELECT 1")

    async def revision(self) -> str | None:
        """The schema revision the database records; None before its first migration."""

        def read(connection: Connection) -> str | None:
            if "alembic_version" not in inspect(connection).get_table_names():
                return None
            found = connection.exec_driver_sql("SELECT version_num FROM alembic_version")
            return found.scalar()

        self.ensure_directory()
        async with self.engine.connect() as connection:
            return await connection.run_sync(read)

    async def migrate(self, revision: str = "head") -> None:
        """Bring the schema to `revision` in one transaction, one process at a time.

        A no-op at `revision`. A database an older aixbot left half-migrated (its tables, no
        version) is rebuilt when those tables are empty, and refused with HalfMigrated otherwise.
        """
        if revision == "head" and await self.revision() == SCHEMA_HEAD:
            return
        self.ensure_directory()
        async with self.engine.begin() as connection:
            await lock_startup(connection)
            await upgrade_on(connection, revision)

    async def downgrade(self, revision: str) -> None:
        from alembic import command

        def run(connection: Connection) -> None:
            command.downgrade(alembic_config(connection), revision)

        async with self.engine.begin() as connection:
            await lock_startup(connection)
            await connection.run_sync(run)

    async def close(self) -> None:
        await self.engine.dispose()


async def upgrade_on(connection: AsyncConnection, revision: str = "head") -> None:
    """Migrate inside the caller's transaction: a restore migrates and fills the tables in one,
    so a refused file leaves the database as it was."""
    from alembic import command

    def upgrade(sync: Connection) -> None:
        _repair_half_migrated(sync)
        command.upgrade(alembic_config(sync), revision)

    await connection.run_sync(upgrade)


def _repair_half_migrated(connection: Connection) -> None:
    """Older releases ran SQLite DDL outside a transaction; a kill mid-migration left tables
    behind with no recorded version, and every later start failed on "table already exists"."""
    inspector = inspect(connection)
    tables = set(inspector.get_table_names())
    if "alembic_version" in tables:
        stamped = connection.exec_driver_sql("SELECT count(*) FROM alembic_version").scalar()
        if stamped:
            return
    leftovers = sorted(tables & KNOWN_TABLES)
    if not leftovers:
        return
    rows = {
        name: connection.exec_driver_sql(f"SELECT count(*) FROM {name}").scalar() or 0
        for name in leftovers
    }
    if any(rows.values()):
        raise HalfMigrated(leftovers, rows)
    log.warning(
        "database was left half-migrated by an earlier start (tables %s, no schema version, no "
        "rows); rebuilding them",
        ", ".join(leftovers),
    )
    for name in ("revisions", "entries", "bot_state"):
        if name in tables:
            connection.exec_driver_sql(f"DROP TABLE {name}")
