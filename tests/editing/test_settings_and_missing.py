"""Who may edit, per-guild settings, and what members looked up and did not find."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import inspect, update

from bot.db.models import MissingLookup, utcnow
from bot.editing.fields import ModalFields
from bot.editing.views import GuildConfig, is_editor
from bot.errors import GuildOnly, NotEditor
from bot.knowledge.models import EntryKind
from tests.editing.conftest import EDITOR, GUILD_A, GUILD_B, Env

ROLE = 555


@pytest.mark.parametrize(
    ("manage", "roles", "editor_role", "allowed"),
    [
        (True, [], None, True),
        (False, [], None, False),
        (False, [ROLE], None, False),
        (False, [ROLE], ROLE, True),
        (False, [1, 2], ROLE, False),
        (True, [], ROLE, True),
    ],
)
def test_editors_have_manage_guild_or_the_editor_role(
    manage: bool, roles: list[int], editor_role: int | None, allowed: bool
) -> None:
    """The permission rule, exactly."""
    settings = GuildConfig(guild_id=GUILD_A, editor_role_id=editor_role)
    assert is_editor(manage, roles, settings) is allowed


async def test_settings_are_per_guild_and_review_defaults_to_log(any_env: Env) -> None:
    """A guild's settings never leak into another's; the review channel falls back."""
    editing = any_env.editing
    assert await editing.settings(GUILD_A) == GuildConfig(guild_id=GUILD_A)
    await editing.set_editor_role(GUILD_A, ROLE, by=EDITOR)
    config = await editing.set_log_channel(GUILD_A, 900, by=EDITOR)
    assert (config.editor_role_id, config.log_channel_id, config.review_channel_id) == (
        ROLE,
        900,
        900,
    )
    assert config.updated_by == EDITOR
    config = await editing.set_review_channel(GUILD_A, 901, by=EDITOR)
    assert (config.log_channel_id, config.review_channel_id) == (900, 901)
    config = await editing.set_review_channel(GUILD_A, None, by=EDITOR)
    assert config.review_channel_id == 900
    assert (await editing.settings(GUILD_B)).editor_role_id is None


async def test_require_editor_refuses_dms_and_members(any_env: Env) -> None:
    """Checked on every use: a DM and a member without the role are refused."""
    editing = any_env.editing
    await editing.set_editor_role(GUILD_A, ROLE, by=EDITOR)
    with pytest.raises(GuildOnly):
        await editing.require_editor(None, has_manage_guild=True, role_ids=[])
    with pytest.raises(NotEditor):
        await editing.require_editor(GUILD_A, has_manage_guild=False, role_ids=[1])
    with pytest.raises(NotEditor):
        await editing.require_editor(GUILD_B, has_manage_guild=False, role_ids=[ROLE])
    allowed = await editing.require_editor(GUILD_A, has_manage_guild=False, role_ids=[ROLE])
    assert allowed.editor_role_id == ROLE


async def test_missing_lookups_count_normalized_queries_most_asked_first(any_env: Env) -> None:
    """Case, width and spacing fold together; per guild; most asked first."""
    editing = any_env.editing
    for query in ("Flash Attention", "  flash   ATTENTION ", "ｆｌａｓｈ attention"):
        await editing.record_missing(GUILD_A, EntryKind.TERM, query)
    await editing.record_missing(GUILD_A, None, "zkVM")
    await editing.record_missing(GUILD_A, EntryKind.TERM, "   ")
    await editing.record_missing(GUILD_B, EntryKind.TERM, "other guild")
    found = await editing.missing(GUILD_A)
    assert [(m.kind, m.query, m.count) for m in found] == [
        (EntryKind.TERM, "flash attention", 3),
        (None, "zkvm", 1),
    ]
    assert [m.query for m in await editing.missing(GUILD_B)] == ["other guild"]


async def test_missing_lookups_keep_no_user_ids(any_env: Env) -> None:
    """The table has no column a user id could go in."""

    def columns(connection: object) -> set[str]:
        return {c["name"] for c in inspect(connection).get_columns("missing_lookups")}

    async with any_env.database.engine.connect() as connection:
        names = await connection.run_sync(columns)
    assert names == {"guild_id", "kind", "query", "count", "first_seen", "last_seen"}


async def test_missing_lookups_age_out_and_restart_their_count(any_env: Env) -> None:
    """Older than the window: not listed; asked again after a quiet window: counted from one."""
    editing = any_env.editing
    for _ in range(3):
        await editing.record_missing(GUILD_A, EntryKind.TERM, "old question")
    async with any_env.database.sessions.begin() as session:
        await session.execute(update(MissingLookup).values(last_seen=utcnow() - timedelta(days=45)))
    assert await editing.missing(GUILD_A) == []
    assert [m.count for m in await editing.missing(GUILD_A, days=60)] == [3]
    await editing.record_missing(GUILD_A, EntryKind.TERM, "old question")
    assert [m.count for m in await editing.missing(GUILD_A)] == [1]


async def test_adding_the_entry_clears_its_missing_lookups(any_env: Env) -> None:
    """Once an editor adds what was asked for, it is no longer missing."""
    editing = any_env.editing
    await editing.record_missing(GUILD_A, EntryKind.TERM, "Flash Attention")
    await editing.record_missing(GUILD_A, None, "flash attention")
    await editing.record_missing(GUILD_A, EntryKind.TERM, "something else")
    await editing.add(
        GUILD_A,
        EntryKind.TERM,
        "en",
        ModalFields(
            title="Flash Attention", summary="s", body="b", sources="https://example.org/ x"
        ),
        editor_id=EDITOR,
    )
    assert [m.query for m in await editing.missing(GUILD_A)] == ["something else"]
    await editing.clear_missing(GUILD_A, EntryKind.TERM, "Something  Else")
    assert await editing.missing(GUILD_A) == []
