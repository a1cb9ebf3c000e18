"""A new release under a guild's edit: the guild's text stays, a notice waits (and survives a
restart), history shows the shipped change, and the guild keeps its text or takes the new one."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.db.models import SHIPPED, Entry
from bot.editing.fields import ModalFields
from bot.editing.service import EditingService
from bot.errors import NoShippedText, NoticeStale
from bot.knowledge.models import EntryKind
from bot.knowledge.service import KnowledgeService
from bot.knowledge.store import load_shipped
from tests.editing.conftest import EDITOR, GUILD_A, GUILD_B, SMALL_SET, Env, term

ENTRY = "term/alpha"


async def release(env: Env, summary: str) -> None:
    """Ship a new text of alpha, then do what start-up does after the load."""
    entries = [term("alpha", summary, related=["term/beta"]), *SMALL_SET[1:]]
    await load_shipped(env.database.sessions, entries)
    await env.editing.reconcile_shipped()
    await env.knowledge.refresh()


async def guild_edit(env: Env, summary: str, guild_id: int = GUILD_A) -> int:
    form = await env.editing.edit_form(guild_id, ENTRY, "en")
    result = await env.editing.edit(
        guild_id,
        ENTRY,
        "en",
        ModalFields(summary=summary),
        based_on=form.based_on or 0,
        editor_id=EDITOR,
    )
    return result.version


def summary_seen(env: Env, guild_id: int) -> str:
    view = env.knowledge.by_id(ENTRY, guild_id=guild_id)
    assert view is not None
    return view.entry.summary.en


async def test_a_release_under_a_guild_edit_leaves_a_notice(any_env: Env) -> None:
    """The guild keeps its text; other guilds get the new one; one notice, with the diff."""
    await guild_edit(any_env, "Guild A's own summary.")
    await release(any_env, "Shipped, second edition.")
    assert summary_seen(any_env, GUILD_A) == "Guild A's own summary."
    assert summary_seen(any_env, GUILD_B) == "Shipped, second edition."
    notices = await any_env.editing.notices(GUILD_A)
    assert [(n.entry_id, n.old_version, n.new_version, n.status) for n in notices] == [
        (ENTRY, 1, 2, "pending")
    ]
    assert "-summary.en: A short definition." in notices[0].diff
    assert "+summary.en: Shipped, second edition." in notices[0].diff
    assert await any_env.editing.notices(GUILD_B) == []
    assert await any_env.editing.reconcile_shipped() == []


async def test_a_notice_survives_a_restart_until_posted(small_env: Env) -> None:
    """A fresh service (a restart) still finds the unposted notice; posting it marks it."""
    await guild_edit(small_env, "Guild A's own summary.")
    await release(small_env, "Shipped, second edition.")
    sessions = small_env.database.sessions
    restarted = EditingService(sessions, KnowledgeService(sessions))
    unposted = await restarted.notices(unposted=True)
    assert [n.guild_id for n in unposted] == [GUILD_A]
    await restarted.mark_notice_posted(unposted[0].id, channel_id=10, message_id=20)
    assert await restarted.notices(unposted=True) == []
    posted = await restarted.notice(GUILD_A, unposted[0].id)
    assert (posted.channel_id, posted.message_id, posted.status) == (10, 20, "pending")


async def test_history_shows_the_shipped_change_under_the_edit(small_env: Env) -> None:
    """The guild's history lists the new shipped text, marked as not shown to members."""
    await guild_edit(small_env, "Guild A's own summary.")
    await release(small_env, "Shipped, second edition.")
    page = await small_env.editing.history(GUILD_A, ENTRY)
    assert [(i.number, i.scope, i.action, i.shadowed) for i in page.items] == [
        (3, "shipped", "load", True),
        (2, "guild", "edit", False),
        (1, "shipped", "load", False),
    ]
    assert page.current == 2
    assert page.items[0].changed == ("summary.en",)
    assert page.items[0].describe("en").endswith("(under this server's edit; not shown here)")
    other = await small_env.editing.history(GUILD_B, ENTRY)
    assert [(i.number, i.shadowed) for i in other.items] == [(2, False), (1, False)]


async def test_keep_ours_moves_the_base_and_closes_the_notice(any_env: Env) -> None:
    """A `keep` revision, the base at the new shipped version, and a stale second press."""
    await guild_edit(any_env, "Guild A's own summary.")
    await release(any_env, "Shipped, second edition.")
    notice = (await any_env.editing.notices(GUILD_A))[0]
    kept = await any_env.editing.keep_ours(GUILD_A, notice.id, editor_id=EDITOR)
    assert (kept.action, kept.changed) == ("keep", ())
    assert summary_seen(any_env, GUILD_A) == "Guild A's own summary."
    async with any_env.database.sessions() as session:
        overlay = await session.scalar(
            select(Entry).where(Entry.guild_id == GUILD_A, Entry.slug == "alpha")
        )
    assert overlay is not None
    assert overlay.base_version == notice.new_version
    draft = await any_env.editing.draft(GUILD_A, ENTRY)
    assert draft.version == kept.version
    with pytest.raises(NoticeStale) as caught:
        await any_env.editing.keep_ours(GUILD_A, notice.id, editor_id=EDITOR)
    assert caught.value.key == "editing.notice_stale.kept"
    assert await any_env.editing.notices(GUILD_A) == []
    await release(any_env, "Shipped, second edition.")
    assert await any_env.editing.notices(GUILD_A) == []


async def test_take_shipped_follows_the_shipped_text_from_then_on(any_env: Env) -> None:
    """The catalog serves the shipped entry; later releases are followed without a notice."""
    await guild_edit(any_env, "Guild A's own summary.")
    await release(any_env, "Shipped, second edition.")
    notice = (await any_env.editing.notices(GUILD_A))[0]
    taken = await any_env.editing.take_shipped(GUILD_A, notice.id, editor_id=EDITOR)
    assert (taken.action, taken.changed) == ("take", ("summary.en",))
    assert summary_seen(any_env, GUILD_A) == "Shipped, second edition."
    view = any_env.knowledge.by_id(ENTRY, guild_id=GUILD_A)
    assert view is not None
    assert (view.guild_id, view.edited) == (SHIPPED, False)
    await release(any_env, "Shipped, third edition.")
    assert await any_env.editing.notices(GUILD_A) == []
    assert summary_seen(any_env, GUILD_A) == "Shipped, third edition."
    page = await any_env.editing.history(GUILD_A, ENTRY)
    assert [(i.number, i.scope, i.action) for i in page.items] == [
        (5, "shipped", "load"),
        (4, "guild", "take"),
        (3, "shipped", "load"),
        (2, "guild", "edit"),
        (1, "shipped", "load"),
    ]
    assert page.current == 5
    again = await guild_edit(any_env, "Guild A edits again.")
    assert again > taken.version
    assert summary_seen(any_env, GUILD_A) == "Guild A edits again."


async def test_a_newer_release_supersedes_an_undecided_notice(any_env: Env) -> None:
    """Two releases before a decision: the older notice is superseded, its buttons stale."""
    await guild_edit(any_env, "Guild A's own summary.")
    await release(any_env, "Second edition.")
    first = (await any_env.editing.notices(GUILD_A))[0]
    await release(any_env, "Third edition.")
    [second] = await any_env.editing.notices(GUILD_A)
    assert (second.old_version, second.new_version) == (1, 3)
    with pytest.raises(NoticeStale) as caught:
        await any_env.editing.take_shipped(GUILD_A, first.id, editor_id=EDITOR)
    assert caught.value.key == "editing.notice_stale.superseded"
    await any_env.editing.take_shipped(GUILD_A, second.id, editor_id=EDITOR)
    assert summary_seen(any_env, GUILD_A) == "Third edition."


async def test_follow_shipped_hands_an_entry_back_and_refuses_a_guild_only_one(
    small_env: Env,
) -> None:
    """Going back to the shipped text needs no notice; an entry only the guild has cannot."""
    await guild_edit(small_env, "Guild A's own summary.")
    back = await small_env.editing.follow_shipped(GUILD_A, ENTRY, editor_id=EDITOR)
    assert back.action == "take"
    assert summary_seen(small_env, GUILD_A) == "A short definition."
    added = await small_env.editing.add(
        GUILD_A,
        EntryKind.TERM,
        "en",
        ModalFields(title="Delta", summary="D.", body="D.", sources="https://example.org/ x"),
        editor_id=EDITOR,
    )
    with pytest.raises(NoShippedText):
        await small_env.editing.follow_shipped(GUILD_A, added.entry_id, editor_id=EDITOR)


async def test_a_release_of_an_id_the_guild_added_leaves_a_notice(small_env: Env) -> None:
    """The guild's own entry shadows a newly shipped one of the same id, and is told so."""
    await small_env.editing.add(
        GUILD_A,
        EntryKind.TERM,
        "en",
        ModalFields(title="Delta", summary="Ours.", body="D.", sources="https://example.org/ x"),
        editor_id=EDITOR,
    )
    await load_shipped(small_env.database.sessions, [*SMALL_SET, term("delta", "Shipped delta.")])
    [notice] = await small_env.editing.reconcile_shipped()
    await small_env.knowledge.refresh()
    assert (notice.entry_id, notice.old_version, notice.new_version) == ("term/delta", None, 1)
    assert "-summary.en: Ours." in notice.diff
    assert "+summary.en: Shipped delta." in notice.diff
    assert small_env.knowledge.by_id("term/delta", guild_id=GUILD_A).entry.summary.en == "Ours."  # type: ignore[union-attr]
