"""Suggestions: a member proposes with a source, an editor approves (a revision through the edit
path) or rejects, and a second decision is told it is stale."""

from __future__ import annotations

import pytest

from bot.editing.fields import ModalFields
from bot.errors import (
    EditConflict,
    InvalidField,
    NothingChanged,
    SlugTaken,
    SuggestionNotFound,
    SuggestionStale,
)
from bot.knowledge.models import EntryKind
from tests.editing.conftest import EDITOR, GUILD_A, GUILD_B, MEMBER, OTHER_EDITOR, Env

ENTRY = "term/alpha"
SOURCE = "https://arxiv.org/abs/1706.03762 Attention Is All You Need"


async def propose(env: Env, summary: str, **kwargs: object) -> int:
    form = await env.editing.suggest_form(GUILD_A, ENTRY, "en")
    values = {f.name: f.value for f in form.fields}
    values.update(summary=summary, source=SOURCE)
    view = await env.editing.suggest(
        GUILD_A,
        "en",
        ModalFields(**values),
        author_id=MEMBER,
        entry_id=ENTRY,
        based_on=form.based_on,
        reason="the paper says so",
        **kwargs,  # type: ignore[arg-type]
    )
    return view.id


async def test_a_suggestion_waits_with_its_source_and_diff(small_env: Env) -> None:
    """Nothing changes until it is decided; the review shows what would change."""
    suggestion_id = await propose(small_env, "A better summary.")
    view = await small_env.editing.suggestion(GUILD_A, suggestion_id)
    assert (view.status, view.author_id, view.entry_id, view.new_entry) == (
        "pending",
        MEMBER,
        ENTRY,
        False,
    )
    assert view.source == SOURCE
    assert "+summary.en: A better summary." in view.diff
    assert any("arxiv.org/abs/1706.03762" in line for line in view.diff if line.startswith("+"))
    assert small_env.knowledge.by_id(ENTRY, guild_id=GUILD_A).entry.summary.en != (  # type: ignore[union-attr]
        "A better summary."
    )
    assert [s.id for s in await small_env.editing.pending_suggestions(GUILD_A)] == [suggestion_id]
    with pytest.raises(SuggestionNotFound):
        await small_env.editing.suggestion(GUILD_B, suggestion_id)


async def test_approve_applies_it_as_a_suggestion_revision(small_env: Env) -> None:
    """Approval writes a revision with action `suggestion`; a second press is stale."""
    suggestion_id = await propose(small_env, "A better summary.")
    decision = await small_env.editing.decide(
        GUILD_A, suggestion_id, approve=True, decider_id=EDITOR, interaction_id=5001
    )
    assert decision.suggestion.status == "approved"
    assert decision.suggestion.decided_by == EDITOR
    assert decision.change is not None
    assert (decision.change.action, decision.change.author_id) == ("suggestion", EDITOR)
    assert set(decision.change.changed) == {"summary.en", "sources"}
    shown = small_env.knowledge.by_id(ENTRY, guild_id=GUILD_A)
    assert shown is not None
    assert shown.entry.summary.en == "A better summary."
    assert str(shown.entry.sources[-1].url) == "https://arxiv.org/abs/1706.03762"
    with pytest.raises(SuggestionStale) as caught:
        await small_env.editing.decide(
            GUILD_A, suggestion_id, approve=False, decider_id=OTHER_EDITOR
        )
    assert caught.value.key == "editing.suggestion_stale.approved"
    assert caught.value.decided_by == EDITOR
    again = await small_env.editing.decide(
        GUILD_A, suggestion_id, approve=True, decider_id=EDITOR, interaction_id=5001
    )
    assert again.change is not None
    assert again.change.duplicate


async def test_reject_records_it_and_changes_nothing(small_env: Env) -> None:
    """A rejection is kept with who decided and why; the entry is untouched."""
    suggestion_id = await propose(small_env, "Not right.")
    decision = await small_env.editing.decide(
        GUILD_A, suggestion_id, approve=False, decider_id=EDITOR, reason="no source for it"
    )
    assert decision.change is None
    assert (decision.suggestion.status, decision.suggestion.decision_reason) == (
        "rejected",
        "no source for it",
    )
    history = await small_env.editing.history(GUILD_A, ENTRY)
    assert history.total == 1
    with pytest.raises(SuggestionStale) as caught:
        await small_env.editing.decide(GUILD_A, suggestion_id, approve=True, decider_id=EDITOR)
    assert caught.value.key == "editing.suggestion_stale.rejected"


async def test_a_suggestion_outdated_by_an_edit_conflicts_and_stays_pending(
    small_env: Env,
) -> None:
    """The entry moved on since the member wrote: approval is refused with both texts."""
    suggestion_id = await propose(small_env, "Member's summary.")
    form = await small_env.editing.edit_form(GUILD_A, ENTRY, "en")
    await small_env.editing.edit(
        GUILD_A,
        ENTRY,
        "en",
        ModalFields(summary="An editor got there first."),
        based_on=form.based_on or 0,
        editor_id=OTHER_EDITOR,
    )
    with pytest.raises(EditConflict) as caught:
        await small_env.editing.decide(GUILD_A, suggestion_id, approve=True, decider_id=EDITOR)
    assert caught.value.mine is not None
    assert caught.value.mine.summary == "Member's summary."
    assert caught.value.current is not None
    assert caught.value.current.summary == "An editor got there first."
    assert (await small_env.editing.suggestion(GUILD_A, suggestion_id)).status == "pending"


async def test_a_bad_suggestion_is_refused_at_once(small_env: Env) -> None:
    """The member hears about a bad field when they submit, with their text back."""
    form = await small_env.editing.suggest_form(GUILD_A, ENTRY, "en")
    values = {f.name: f.value for f in form.fields}
    for source, problem in (("", "blank"), ("not-a-url Title", "bad_source_line")):
        with pytest.raises(InvalidField) as caught:
            await small_env.editing.suggest(
                GUILD_A,
                "en",
                ModalFields(**{**values, "source": source}),
                author_id=MEMBER,
                entry_id=ENTRY,
                based_on=form.based_on,
            )
        assert (caught.value.field, caught.value.problem) == ("source", problem)
        assert caught.value.submitted is not None
    same = ModalFields(**{**values, "source": "https://example.org/paper Paper"})
    with pytest.raises(NothingChanged):
        await small_env.editing.suggest(
            GUILD_A, "en", same, author_id=MEMBER, entry_id=ENTRY, based_on=form.based_on
        )


async def test_a_new_entry_suggestion_becomes_a_guild_entry(small_env: Env) -> None:
    """With no entry named, the proposal is a new entry; approval adds it to the guild."""
    form = await small_env.editing.suggest_form(GUILD_A, None, "zh", EntryKind.TERM)
    assert [f.name for f in form.fields] == ["title", "summary", "body", "source", "details"]
    fields = ModalFields(
        title="思维链",
        summary="让模型先写出推理步骤的提示方法。",
        body="由 Wei 等人在 2022 年提出。",
        source="https://arxiv.org/abs/2201.11903 Chain-of-Thought Prompting",
        details="aliases: CoT, chain of thought",
    )
    view = await small_env.editing.suggest(
        GUILD_A, "zh", fields, author_id=MEMBER, kind=EntryKind.TERM, interaction_id=6001
    )
    assert view.new_entry
    assert view.entry_id.startswith("term/entry-")
    duplicate = await small_env.editing.suggest(
        GUILD_A, "zh", fields, author_id=MEMBER, kind=EntryKind.TERM, interaction_id=6001
    )
    assert (duplicate.id, duplicate.duplicate) == (view.id, True)
    decision = await small_env.editing.decide(GUILD_A, view.id, approve=True, decider_id=EDITOR)
    assert decision.change is not None
    assert decision.change.number == 1
    added = small_env.knowledge.by_id(view.entry_id, guild_id=GUILD_A)
    assert added is not None
    assert added.entry.summary.zh == "让模型先写出推理步骤的提示方法。"
    assert added.entry.summary.en.startswith("[untranslated] ")
    assert small_env.knowledge.by_id(view.entry_id, guild_id=GUILD_B) is None
    with pytest.raises(SlugTaken):
        await small_env.editing.suggest(
            GUILD_A, "zh", fields, author_id=MEMBER, kind=EntryKind.TERM
        )
