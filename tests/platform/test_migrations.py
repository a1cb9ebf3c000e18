"""The migration chain runs on SQLite and PostgreSQL and matches the ORM models exactly."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect
from sqlalchemy.engine import Connection

from bot.db import Base, Database
from bot.db.database import BUSY_TIMEOUT_MS, SCHEMA_HEAD, alembic_config

TABLES = {"entries", "revisions", "bot_state", "alembic_version"}


def _diff(connection: Connection) -> list[object]:
    context = MigrationContext.configure(
        connection, opts={"compare_type": True, "target_metadata": Base.metadata}
    )
    return list(compare_metadata(context, Base.metadata))


def _tables(connection: Connection) -> set[str]:
    return set(inspect(connection).get_table_names())


async def _check_chain(url: str) -> None:
    database = Database(url)
    try:
        await database.migrate()
        async with database.engine.connect() as connection:
            assert await connection.run_sync(_tables) >= TABLES
            assert await connection.run_sync(_diff) == []
        await database.downgrade("base")
        async with database.engine.connect() as connection:
            assert await connection.run_sync(_tables) <= {"alembic_version"}
        await database.migrate()
        await database.migrate()  # a second upgrade at head is a no-op
        async with database.engine.connect() as connection:
            assert await connection.run_sync(_diff) == []
    finally:
        await database.close()


async def test_sqlite_chain_matches_models(tmp_path: Path) -> None:
    """Upgrade, downgrade to base and upgrade again on SQLite; autogenerate finds nothing."""
    await _check_chain(f"sqlite+aiosqlite:///{tmp_path}/m.db")


async def test_postgres_chain_matches_models(pg_url: str) -> None:
    """The same chain on a real PostgreSQL server."""
    await _check_chain(pg_url)


async def test_sqlite_runs_in_wal_with_foreign_keys(tmp_path: Path) -> None:
    """The embedded database is opened in WAL mode with foreign keys enforced."""
    database = Database(f"sqlite+aiosqlite:///{tmp_path}/sub/dir/w.db")
    try:
        await database.ping()  # creates the missing folders
        async with database.engine.connect() as connection:
            mode = (await connection.exec_driver_sql("PRAGMA journal_mode")).scalar()
            keys = (await connection.exec_driver_sql("PRAGMA foreign_keys")).scalar()
            timeout = (await connection.exec_driver_sql("PRAGMA busy_timeout")).scalar()
        assert (mode, keys, timeout) == ("wal", 1, BUSY_TIMEOUT_MS)
        assert (tmp_path / "sub" / "dir").is_dir()
    finally:
        await database.close()


@pytest.mark.parametrize("url", ["mysql://x/y", "sqlite:///plain.db", "not a url"])
def test_unsupported_urls_are_rejected(url: str) -> None:
    """Only the two async drivers aixbot supports are accepted."""
    from pydantic import ValidationError

    from bot.settings import Settings

    with pytest.raises(ValidationError, match="sqlite\\+aiosqlite"):
        Settings(_env_file=None, database_url=url)  # type: ignore[call-arg]


def test_schema_head_names_the_newest_migration() -> None:
    """`Database.migrate` skips Alembic when the database records SCHEMA_HEAD: a migration added
    without moving it would never run on an existing database."""
    assert ScriptDirectory.from_config(alembic_config()).get_heads() == [SCHEMA_HEAD]


async def test_a_database_at_head_is_not_migrated_again(tmp_path: Path) -> None:
    database = Database(f"sqlite+aiosqlite:///{tmp_path / 'a.db'}")
    try:
        assert await database.revision() is None
        await database.migrate()
        assert await database.revision() == SCHEMA_HEAD
        await database.downgrade("0001")
        assert await database.revision() == "0001"
        await database.migrate()
        assert await database.revision() == SCHEMA_HEAD
    finally:
        await database.close()
