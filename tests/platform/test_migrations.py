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


OLD_TERM = {
    "id": "term/alpha",
    "name": {"en": "Alpha", "zh": "阿尔法"},
    "summary": {"en": "A term.", "zh": "一个术语。"},
    "body": {"en": "Text.", "zh": "文字。"},
    "sources": [{"url": "https://example.org/", "title": "t", "publisher": "p"}],
}
OLD_PROJECT = {
    **OLD_TERM,
    "id": "project/alpha",
    "category": "compute",
    "launched": 2020,
    "status": "active",
    "website": "https://example.org/",
    "ai_relation": {"en": "None.", "zh": "无。"},
}


async def _check_old_rows_gain_dates(url: str) -> None:
    from datetime import UTC, datetime

    from sqlalchemy import insert, select, update
    from sqlalchemy.exc import DBAPIError

    from bot.db.models import SCHEMA_VERSION, Entry, MemberSuggestion, Revision
    from bot.knowledge.files import parse_entry
    from bot.knowledge.store import content_hash

    edited = datetime(2025, 3, 4, 10, 0, tzinfo=UTC)
    retired = datetime(2026, 1, 1, tzinfo=UTC)
    database = Database(url)
    try:
        await database.migrate("0003")
        async with database.engine.begin() as connection:
            for number, data in enumerate((OLD_TERM, OLD_PROJECT), 1):
                kind, slug = str(data["id"]).split("/")
                common = {"data": data, "content_hash": content_hash(data), "schema_version": 1}
                await connection.execute(
                    insert(Entry).values(
                        id=number,
                        guild_id=5,
                        kind=kind,
                        slug=slug,
                        version=1,
                        hidden=False,
                        updated_at=retired,
                        **common,
                    )
                )
                await connection.execute(
                    insert(Revision).values(
                        entry_id=number,
                        version=1,
                        action="add",
                        hidden=False,
                        created_at=edited,
                        **common,
                    )
                )
            await connection.execute(
                insert(MemberSuggestion).values(
                    guild_id=5,
                    kind="term",
                    language="en",
                    data=OLD_TERM,
                    source="x",
                    author_id=1,
                    status="pending",
                    created_at=edited,
                )
            )
        await database.migrate()
        async with database.engine.begin() as connection:
            rows = (await connection.execute(select(Entry).order_by(Entry.id))).all()
            revs = (await connection.execute(select(Revision).order_by(Revision.id))).all()
            suggested = (await connection.execute(select(MemberSuggestion.data))).scalar_one()
        for row in rows:
            entry = parse_entry(row.data)
            assert entry.checked.isoformat() == "2025-03-04"
            assert row.schema_version == SCHEMA_VERSION
        assert rows[1].data["status_as_of"] == "2025-03-04"
        assert [r.content_hash for r in revs] == [r.content_hash for r in rows]
        assert [content_hash(r.data) for r in revs] == [r.content_hash for r in revs]
        assert suggested["checked"] == "2025-03-04"
        with pytest.raises(DBAPIError, match="append-only"):
            async with database.engine.begin() as connection:
                await connection.execute(update(Revision).values(reason="x"))
        await database.downgrade("0003")
        async with database.engine.begin() as connection:
            back = (await connection.execute(select(Revision.data).order_by(Revision.id))).all()
        assert [data for (data,) in back] == [OLD_TERM, OLD_PROJECT]
    finally:
        await database.close()


async def test_sqlite_old_rows_gain_checked_dates(tmp_path: Path) -> None:
    """Rows written before schema 2 get `checked` (and `status_as_of`) from the day their text
    was written, revisions stay append-only, and downgrade takes the fields out again."""
    await _check_old_rows_gain_dates(f"sqlite+aiosqlite:///{tmp_path}/d.db")


async def test_postgres_old_rows_gain_checked_dates(pg_url: str) -> None:
    """The same data migration on PostgreSQL."""
    await _check_old_rows_gain_dates(pg_url)
