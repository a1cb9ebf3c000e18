"""Edits, adds, removals and reverts: one revision each, scoped to the guild, never lost."""

from __future__ import annotations

import asyncio
from dataclasses import replace

import pytest
from sqlalchemy import func, select

from bot.db.models import SHIPPED, Entry, Revision
from bot.editing.fields import ModalFields
from bot.editing.views import ChangeResult
from bot.errors import (
    EditConflict,
    EntryNotFound,
    InvalidField,
    NoSuchRevision,
    NothingChanged,
    SlugTaken,
)
from bot.knowledge.models import EntryKind
from tests.editing.conftest import EDITOR, GUILD_A, GUILD_B, OTHER_EDITOR, Env

ENTRY = "term/transformer"


async def revision_count(env: Env, guild_id: int, slug: str) -> int:
    async with env.database.sessions() as session:
        counted = await session.scalar(
            select(func.count(Revision.id))
            .join(Entry, Entry.id == Revision.entry_id)
            .where(Entry.guild_id == guild_id, Entry.slug == slug)
        )
    return int(counted or 0)


async def edit_summary(
    env: Env, summary: str, *, based_on: int, guild_id: int = GUILD_A, **kwargs: object
) -> ChangeResult:
    fields = replace(await env.form_values(guild_id, ENTRY), summary=summary)
    return await env.editing.edit(
        guild_id, ENTRY, "en", fields, based_on=based_on, editor_id=EDITOR, **kwargs
    )  # type: ignore[arg-type]


async def test_first_edit_creates_the_guilds_overlay(env: Env) -> None:
    """The shipped row is untouched; the guild gets an overlay based on the shipped version."""
    form = await env.editing.edit_form(GUILD_A, ENTRY, "en")
    result = await edit_summary(env, "Guild A's summary.", based_on=form.based_on or 0)
    async with env.database.sessions() as session:
        rows = {
            row.guild_id: row
            for row in await session.scalars(select(Entry).where(Entry.slug == "transformer"))
        }
    assert rows[GUILD_A].base_version == rows[SHIPPED].version == form.based_on
    assert rows[GUILD_A].version == result.version == rows[SHIPPED].version + 1
    assert rows[SHIPPED].data["summary"]["en"] != "Guild A's summary."
    assert (result.action, result.changed, result.number) == ("edit", ("summary.en",), 2)
    assert "+summary.en: Guild A's summary." in result.diff
    assert await revision_count(env, GUILD_A, "transformer") == 1


async def test_guild_a_cannot_change_what_guild_b_sees(env: Env) -> None:
    """An edit in A shows in A's catalog and search, not in B's nor in the shipped scope."""
    form = await env.editing.edit_form(GUILD_A, ENTRY, "en")
    await edit_summary(env, "Only in A, zebrafish.", based_on=form.based_on or 0)
    seen_a = env.knowledge.get(EntryKind.TERM, "transformer", guild_id=GUILD_A)
    seen_b = env.knowledge.get(EntryKind.TERM, "transformer", guild_id=GUILD_B)
    assert seen_a.entry.summary.en == "Only in A, zebrafish."
    assert seen_a.edited
    assert seen_b.entry.summary.en != "Only in A, zebrafish."
    assert not seen_b.edited
    assert "transformer" in [h.slug for h in env.knowledge.search("zebrafish", guild_id=GUILD_A)]
    assert "transformer" not in [
        h.slug for h in env.knowledge.search("zebrafish", guild_id=GUILD_B)
    ]
    form_b = await env.editing.edit_form(GUILD_B, ENTRY, "en")
    assert form_b.based_on == form.based_on


async def test_a_stale_edit_is_refused_with_both_texts(env: Env) -> None:
    """The second editor based on the old version gets their text and the current one back."""
    form = await env.editing.edit_form(GUILD_A, ENTRY, "en")
    first = await edit_summary(env, "First editor's text.", based_on=form.based_on or 0)
    with pytest.raises(EditConflict) as caught:
        await edit_summary(env, "Second editor's text.", based_on=form.based_on or 0)
    conflict = caught.value
    assert conflict.current_version == first.version
    assert conflict.mine is not None
    assert conflict.mine.summary == "Second editor's text."
    assert conflict.current is not None
    assert conflict.current.summary == "First editor's text."
    assert "## summary\nSecond editor's text." in conflict.mine.as_text()
    assert await revision_count(env, GUILD_A, "transformer") == 1
    retried = await edit_summary(env, "Second editor's text.", based_on=first.version)
    assert retried.number == 3


async def test_two_concurrent_edits_exactly_one_wins(any_env: Env) -> None:
    """Both based on the same version, run at once: one revision, one EditConflict."""
    form = await any_env.editing.edit_form(GUILD_A, "term/alpha", "en")
    await any_env.editing.edit(
        GUILD_A,
        "term/alpha",
        "en",
        ModalFields(summary="Overlay exists now."),
        based_on=form.based_on or 0,
        editor_id=EDITOR,
    )
    version = (await any_env.editing.draft(GUILD_A, "term/alpha")).version

    async def save(text: str, editor: int) -> ChangeResult | EditConflict:
        try:
            return await any_env.editing.edit(
                GUILD_A,
                "term/alpha",
                "en",
                ModalFields(summary=text),
                based_on=version,
                editor_id=editor,
            )
        except EditConflict as conflict:
            return conflict

    outcomes = await asyncio.gather(save("One.", EDITOR), save("Two.", OTHER_EDITOR))
    wins = [o for o in outcomes if isinstance(o, ChangeResult)]
    conflicts = [o for o in outcomes if isinstance(o, EditConflict)]
    assert (len(wins), len(conflicts)) == (1, 1)
    assert await revision_count(any_env, GUILD_A, "alpha") == 2
    shown = any_env.knowledge.get(EntryKind.TERM, "alpha", guild_id=GUILD_A).entry.summary.en
    assert shown == ("One." if wins[0].author_id == EDITOR else "Two.")


async def test_two_concurrent_first_edits_exactly_one_wins(any_env: Env) -> None:
    """Two first edits of a shipped entry race to create the overlay: one does."""
    form = await any_env.editing.edit_form(GUILD_A, "term/beta", "en")

    async def save(text: str) -> ChangeResult | EditConflict:
        try:
            return await any_env.editing.edit(
                GUILD_A,
                "term/beta",
                "en",
                ModalFields(summary=text),
                based_on=form.based_on or 0,
                editor_id=EDITOR,
            )
        except EditConflict as conflict:
            return conflict

    outcomes = await asyncio.gather(save("One."), save("Two."))
    assert sorted(type(o).__name__ for o in outcomes) == ["ChangeResult", "EditConflict"]
    assert await revision_count(any_env, GUILD_A, "beta") == 1


async def test_a_duplicate_submit_writes_one_revision(any_env: Env) -> None:
    """The same interaction id twice (even at once): one revision, the first result twice."""
    form = await any_env.editing.edit_form(GUILD_A, "term/gamma", "en")

    async def save() -> ChangeResult:
        return await any_env.editing.edit(
            GUILD_A,
            "term/gamma",
            "en",
            ModalFields(summary="Once."),
            based_on=form.based_on or 0,
            editor_id=EDITOR,
            interaction_id=900_000_000_000_000_001,
        )

    first, second = await asyncio.gather(save(), save())
    again = await save()
    assert await revision_count(any_env, GUILD_A, "gamma") == 1
    assert {first.duplicate, second.duplicate} == {False, True}
    assert again.duplicate
    assert first.number == second.number == again.number
    assert again.changed == ("summary.en",)


async def test_a_duplicate_removal_or_revert_gives_the_first_result(small_env: Env) -> None:
    """A second delivery of a removal finds the entry gone already: it is still a replay."""
    removed = await small_env.editing.remove(
        GUILD_A, "term/beta", editor_id=EDITOR, interaction_id=7001
    )
    again = await small_env.editing.remove(
        GUILD_A, "term/beta", editor_id=EDITOR, interaction_id=7001
    )
    assert (again.duplicate, again.number, again.action) == (True, removed.number, "remove")
    restored = await small_env.editing.revert(
        GUILD_A, "term/beta", 1, editor_id=EDITOR, interaction_id=7002
    )
    repeated = await small_env.editing.revert(
        GUILD_A, "term/beta", 1, editor_id=EDITOR, interaction_id=7002
    )
    assert (repeated.duplicate, repeated.number) == (True, restored.number)
    assert await revision_count(small_env, GUILD_A, "beta") == 2
    with pytest.raises(EntryNotFound):
        await small_env.editing.remove(GUILD_A, "term/nothing", editor_id=EDITOR)


async def test_a_bad_field_names_it_and_gives_the_text_back(env: Env) -> None:
    """Nothing is written; the error names the field and carries every field typed."""
    fields = replace(await env.form_values(GUILD_A, ENTRY), summary="x" * 351, body="My body.")
    form = await env.editing.edit_form(GUILD_A, ENTRY, "en")
    with pytest.raises(InvalidField) as caught:
        await env.editing.edit(
            GUILD_A, ENTRY, "en", fields, based_on=form.based_on or 0, editor_id=EDITOR
        )
    assert (caught.value.field, caught.value.problem) == ("summary", "too_long")
    assert caught.value.params["limit"] == 350
    assert caught.value.submitted == fields
    assert await revision_count(env, GUILD_A, "transformer") == 0


@pytest.mark.parametrize(
    ("change", "field", "problem"),
    [
        ({"summary": "只有中文"}, None, None),
        ({"summary": "Only English"}, "summary", "needs_chinese"),
        ({"title": "   "}, "title", "blank"),
        ({"sources": "not a url"}, "sources", "bad_source_line"),
        ({"sources": ""}, "sources", "source_required"),
        ({"aliases": '"open'}, "aliases", "unclosed_quote"),
    ],
)
async def test_chinese_edits_are_held_to_the_chinese_rules(
    env: Env, change: dict[str, str], field: str | None, problem: str | None
) -> None:
    """A zh edit goes through the same models: Chinese text needs Chinese characters."""
    form = await env.editing.edit_form(GUILD_A, ENTRY, "zh")
    fields = replace(ModalFields(**{f.name: f.value for f in form.fields}), **change)
    if problem is None:
        result = await env.editing.edit(
            GUILD_A, ENTRY, "zh", fields, based_on=form.based_on or 0, editor_id=EDITOR
        )
        assert result.changed == ("summary.zh",)
        return
    with pytest.raises(InvalidField) as caught:
        await env.editing.edit(
            GUILD_A, ENTRY, "zh", fields, based_on=form.based_on or 0, editor_id=EDITOR
        )
    assert (caught.value.field, caught.value.problem) == (field, problem)


async def test_saving_the_prefill_unchanged_writes_nothing(env: Env) -> None:
    """No revision for a save that changes nothing."""
    form = await env.editing.edit_form(GUILD_A, ENTRY, "en")
    with pytest.raises(NothingChanged):
        await env.editing.edit(
            GUILD_A,
            ENTRY,
            "en",
            await env.form_values(GUILD_A, ENTRY),
            based_on=form.based_on or 0,
            editor_id=EDITOR,
        )
    assert await revision_count(env, GUILD_A, "transformer") == 0


async def test_a_details_edit_fixes_a_stale_status(env: Env) -> None:
    """The details modal reaches a project's status: the issue's stale crypto status."""
    projects = env.knowledge.projects()
    project = next(p for p in projects if p.status == "active")
    form = await env.editing.details_form(GUILD_A, project.id, "en")
    text = form.fields[0].value
    lines = [
        "status: defunct" if line.startswith("status:") else line
        for line in text.split("\n")
        if not line.startswith("status_date:")
    ]
    with pytest.raises(InvalidField) as caught:
        await env.editing.edit(
            GUILD_A,
            project.id,
            "en",
            ModalFields(details="\n".join(lines)),
            based_on=form.based_on or 0,
            editor_id=EDITOR,
        )
    assert caught.value.field == "details"
    lines.append("status_date: 2025-01")
    result = await env.editing.edit(
        GUILD_A,
        project.id,
        "en",
        ModalFields(details="\n".join(lines)),
        based_on=form.based_on or 0,
        editor_id=EDITOR,
    )
    assert set(result.changed) == {"status", "status_date"}
    assert env.knowledge.by_id(project.id, guild_id=GUILD_A).entry.status == "defunct"  # type: ignore[union-attr]


async def test_a_link_to_nothing_is_refused(env: Env) -> None:
    """The set-wide check runs on the guild's visible set with the change applied."""
    form = await env.editing.details_form(GUILD_A, ENTRY, "en")
    text = "\n".join(
        "related: term/no-such-thing" if line.startswith("related:") else line
        for line in form.fields[0].value.split("\n")
    )
    with pytest.raises(InvalidField) as caught:
        await env.editing.edit(
            GUILD_A,
            ENTRY,
            "en",
            ModalFields(details=text),
            based_on=form.based_on or 0,
            editor_id=EDITOR,
        )
    assert caught.value.problem == "link_missing"
    assert caught.value.params["target"] == "term/no-such-thing"


async def test_add_takes_its_slug_from_the_title(env: Env) -> None:
    """A new guild entry: its id from the title, visible and searchable in that guild only."""
    fields = ModalFields(
        title="Flash Attention",
        summary="Exact attention, IO-aware.",
        body="Tiles the computation.",
        sources="https://arxiv.org/abs/2205.14135 FlashAttention",
        details="aliases: FlashAttention-2, FA2\nrelated: term/transformer",
    )
    result = await env.editing.add(GUILD_A, EntryKind.TERM, "en", fields, editor_id=EDITOR)
    assert (result.entry_id, result.action, result.number, result.version) == (
        "term/flash-attention",
        "add",
        1,
        1,
    )
    view = env.knowledge.by_id("term/flash-attention", guild_id=GUILD_A)
    assert view is not None
    assert view.entry.aliases == ["FlashAttention-2", "FA2"]
    assert env.knowledge.by_id("term/flash-attention", guild_id=GUILD_B) is None
    assert env.knowledge.suggest(EntryKind.TERM, "FA2", guild_id=GUILD_A)[0].slug == (
        "flash-attention"
    )
    with pytest.raises(SlugTaken):
        await env.editing.add(GUILD_A, EntryKind.TERM, "en", fields, editor_id=EDITOR)
    other = await env.editing.add(GUILD_B, EntryKind.TERM, "en", fields, editor_id=EDITOR)
    assert other.guild_id == GUILD_B


async def test_add_refuses_a_shipped_slug(env: Env) -> None:
    """A title that slugs to a shipped id is refused, not silently turned into an edit."""
    fields = ModalFields(
        title="Transformer", summary="s", body="b", sources="https://example.org/ x"
    )
    with pytest.raises(SlugTaken) as caught:
        await env.editing.add(GUILD_A, EntryKind.TERM, "en", fields, editor_id=EDITOR)
    assert caught.value.entry_id == ENTRY


async def test_add_of_another_kind_needs_its_details(env: Env) -> None:
    """An event needs a date: the details field is named until it has one."""
    fields = ModalFields(
        title="Some launch", summary="It launched.", body="Details.", sources="https://e.org/ x"
    )
    with pytest.raises(InvalidField) as caught:
        await env.editing.add(GUILD_A, EntryKind.EVENT, "en", fields, editor_id=EDITOR)
    assert (caught.value.field, caught.value.params.get("key")) == ("details", "date")
    dated = replace(fields, details="date: 2024-05-13")
    done = await env.editing.add(GUILD_A, EntryKind.EVENT, "en", dated, editor_id=EDITOR)
    assert done.entry_id == "event/some-launch"


async def test_remove_hides_in_the_guild_and_revert_restores(env: Env) -> None:
    """Removal is a revision; reverting to the revision before it brings the entry back."""
    removed = await env.editing.remove(GUILD_A, ENTRY, editor_id=EDITOR, reason="duplicate")
    assert (removed.action, removed.hidden, removed.changed) == ("remove", True, ("hidden",))
    assert env.knowledge.by_id(ENTRY, guild_id=GUILD_A) is None
    assert env.knowledge.by_id(ENTRY, guild_id=GUILD_B) is not None
    with pytest.raises(EntryNotFound):
        await env.editing.edit_form(GUILD_A, ENTRY, "en")
    assert [d.entry_id for d in await env.editing.removed_entries(GUILD_A)] == [ENTRY]
    restored = await env.editing.revert(GUILD_A, ENTRY, 1, editor_id=EDITOR)
    assert (restored.action, restored.hidden, restored.changed) == ("revert", False, ("shown",))
    assert env.knowledge.by_id(ENTRY, guild_id=GUILD_A) is not None


async def test_revert_restores_a_revisions_text_as_a_new_revision(env: Env) -> None:
    """Reverting never deletes: the history grows by one and shows what came back."""
    form = await env.editing.edit_form(GUILD_A, ENTRY, "en")
    one = await edit_summary(env, "Version one.", based_on=form.based_on or 0)
    two = await edit_summary(env, "Version two.", based_on=one.version)
    back = await env.editing.revert(GUILD_A, ENTRY, one.number, editor_id=OTHER_EDITOR)
    assert back.number == two.number + 1
    assert back.changed == ("summary.en",)
    seen = env.knowledge.get(EntryKind.TERM, "transformer", guild_id=GUILD_A)
    assert seen.entry.summary.en == "Version one."
    with pytest.raises(NothingChanged):
        await env.editing.revert(GUILD_A, ENTRY, back.number, editor_id=EDITOR)
    with pytest.raises(NoSuchRevision) as caught:
        await env.editing.revert(GUILD_A, ENTRY, 99, editor_id=EDITOR)
    assert caught.value.params == {"entry": ENTRY, "number": 99, "total": back.number}


async def test_history_pages_newest_first_with_what_changed(env: Env) -> None:
    """Numbers, authors, actions, reasons and a one-line summary, paged."""
    form = await env.editing.edit_form(GUILD_A, ENTRY, "en")
    result = await edit_summary(env, "Edited once.", based_on=form.based_on or 0)
    await env.editing.remove(GUILD_A, ENTRY, editor_id=OTHER_EDITOR, based_on=result.version)
    page = await env.editing.history(GUILD_A, ENTRY, per_page=2)
    assert (page.total, page.pages, page.current) == (3, 2, 3)
    assert [(i.number, i.scope, i.action, i.author_id) for i in page.items] == [
        (3, "guild", "remove", OTHER_EDITOR),
        (2, "guild", "edit", EDITOR),
    ]
    assert page.items[1].describe("en") == "edited: summary.en"
    assert page.items[0].describe("zh") == "移除：hidden"
    last = await env.editing.history(GUILD_A, ENTRY, page=2, per_page=2)
    assert [(i.number, i.scope, i.action) for i in last.items] == [(1, "shipped", "load")]
    other = await env.editing.history(GUILD_B, ENTRY)
    assert [i.number for i in other.items] == [1]


async def test_diff_defaults_to_the_current_against_the_one_before(env: Env) -> None:
    """Unified lines of the rendered fields; explicit numbers compare any two."""
    form = await env.editing.edit_form(GUILD_A, ENTRY, "en")
    one = await edit_summary(env, "Version one.", based_on=form.based_on or 0)
    await edit_summary(env, "Version two.", based_on=one.version)
    latest = await env.editing.diff(GUILD_A, ENTRY)
    assert (latest.from_number, latest.to_number) == (2, 3)
    assert [line for line in latest.lines if line[:1] in "+-" and line[1:2] != line[:1]] == [
        "-summary.en: Version one.",
        "+summary.en: Version two.",
    ]
    whole = await env.editing.diff(GUILD_A, ENTRY, from_number=1, to_number=3, lang="zh")
    assert whole.empty
    first = await env.editing.diff(GUILD_A, ENTRY, to_number=1)
    assert first.from_number is None
    assert "+id: term/transformer" in first.lines
    with pytest.raises(NoSuchRevision):
        await env.editing.diff(GUILD_A, ENTRY, from_number=0)
