"""The database's own guarantees: revisions append-only, schema versions recorded, and 0002
coming off and back on a database with data in it."""

from __future__ import annotations

import logging

import pytest
from sqlalchemy import delete, func, select, text, update
from sqlalchemy.exc import DBAPIError

from bot.db.database import Database
from bot.db.models import SCHEMA_VERSION, Entry, Revision
from bot.editing.fields import ModalFields
from bot.knowledge.models import EntryKind
from bot.knowledge.service import KnowledgeService
from tests.editing.conftest import EDITOR, GUILD_A, Env


@pytest.mark.parametrize(
    "statement",
    [
        update(Revision).values(reason="rewritten"),
        delete(Revision),
    ],
    ids=["update", "delete"],
)
async def test_revisions_refuse_update_and_delete(any_env: Env, statement: object) -> None:
    """A trigger stops any UPDATE or DELETE of a revision, whatever issues it."""
    with pytest.raises(DBAPIError, match="append-only"):
        async with any_env.database.sessions.begin() as session:
            await session.execute(statement)  # type: ignore[call-overload]
    async with any_env.database.sessions() as session:
        assert await session.scalar(select(func.count(Revision.id))) == 3
        assert await session.scalar(select(func.count()).where(Revision.reason.is_not(None))) == 0


async def test_postgres_refuses_truncate_too(pg_env: Env) -> None:
    """TRUNCATE skips row triggers, so PostgreSQL has a statement trigger for it."""
    with pytest.raises(DBAPIError, match="append-only"):
        async with pg_env.database.engine.begin() as connection:
            await connection.execute(text("TRUNCATE revisions CASCADE"))


async def test_rows_record_the_schema_version(small_env: Env) -> None:
    """New rows and revisions carry the model version they were written with."""
    form = await small_env.editing.edit_form(GUILD_A, "term/alpha", "en")
    await small_env.editing.edit(
        GUILD_A,
        "term/alpha",
        "en",
        ModalFields(summary="New."),
        based_on=form.based_on or 0,
        editor_id=EDITOR,
    )
    async with small_env.database.sessions() as session:
        versions = set(await session.scalars(select(Entry.schema_version)))
        versions |= set(await session.scalars(select(Revision.schema_version)))
    assert versions == {SCHEMA_VERSION}


async def test_a_row_that_no_longer_validates_is_skipped_not_fatal(
    small_env: Env, caplog: pytest.LogCaptureFixture
) -> None:
    """An old-schema row that fails today's models is logged and left out at start."""
    form = await small_env.editing.edit_form(GUILD_A, "term/alpha", "en")
    await small_env.editing.edit(
        GUILD_A,
        "term/alpha",
        "en",
        ModalFields(summary="Guild text."),
        based_on=form.based_on or 0,
        editor_id=EDITOR,
    )
    async with small_env.database.sessions.begin() as session:
        row = await session.scalar(select(Entry).where(Entry.guild_id == GUILD_A))
        assert row is not None
        await session.execute(
            update(Entry)
            .where(Entry.id == row.id)
            .values(data={**row.data, "retired_field": 1}, schema_version=0)
        )
    restarted = KnowledgeService(small_env.database.sessions)
    with caplog.at_level(logging.WARNING, logger="aixbot.knowledge"):
        await restarted.refresh()
    assert "skipping term/alpha of guild 1111" in caplog.text
    assert "older than this release" in caplog.text
    shown = restarted.get(EntryKind.TERM, "alpha", guild_id=GUILD_A)
    assert shown.entry.summary.en == "A short definition."
    assert len(restarted.visible()) == 3


async def test_0002_downgrades_and_upgrades_with_data(db_url: str) -> None:
    """Columns come off and back in place: entries and revisions survive the round trip."""
    database = Database(db_url)
    try:
        await database.migrate()
        async with database.sessions() as session:
            before = await session.scalar(select(func.count(Revision.id)))
        await database.downgrade("0001")
        await database.migrate()
        async with database.sessions() as session:
            after = await session.scalar(select(func.count(Revision.id)))
            versions = set(await session.scalars(select(Revision.schema_version)))
        # 0002 brings the column back at 1; 0004 dates every row again and marks it 2.
        assert (after, versions) == (before, {SCHEMA_VERSION})
        with pytest.raises(DBAPIError, match="append-only"):
            async with database.sessions.begin() as session:
                await session.execute(delete(Revision))
    finally:
        await database.close()
