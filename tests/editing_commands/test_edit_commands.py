"""/edit and /entry through the real discord.py stack: who may edit, modals within Discord's
limits, conflicts, duplicates, removal, revert, diff, history, import and the missing lookups."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from bot.knowledge.models import EntryKind
from offline import (
    DEFAULT_GUILD_ID,
    EVERYDAY_PERMISSIONS,
    MODERATOR_PERMISSIONS,
    Actor,
    CommandHidden,
    OfflineDiscord,
    Role,
    Upload,
    find_component,
    walk_components,
)

GUILD_B = DEFAULT_GUILD_ID + 1
EDITOR_ROLE = 1_700_000_000_000_000_009
ENTRY = "term/transformer"
MOD = Actor(user_id=11, permissions=MODERATOR_PERMISSIONS)
OTHER_MOD = Actor(user_id=12, permissions=MODERATOR_PERMISSIONS)
MEMBER = Actor(user_id=13)
ROLE_EDITOR = Actor(user_id=14, roles=(EDITOR_ROLE,), permissions=EVERYDAY_PERMISSIONS)
ZH_MOD = Actor(user_id=15, permissions=MODERATOR_PERMISSIONS, locale="zh-CN")


def summary_of(env: OfflineDiscord, entry_id: str = ENTRY, guild_id: int = DEFAULT_GUILD_ID) -> str:
    view = env.bot.services.knowledge.by_id(entry_id, guild_id=guild_id)
    assert view is not None
    return view.entry.summary.en


async def revisions(
    env: OfflineDiscord, entry_id: str = ENTRY, guild_id: int = DEFAULT_GUILD_ID
) -> int:
    return (await env.bot.services.editing.history(guild_id, entry_id)).total


def inputs(modal: dict[str, Any]) -> list[dict[str, Any]]:
    return [c for c in walk_components(modal.get("components") or []) if c.get("type") == 4]


async def open_and_save(env: OfflineDiscord, actor: Actor, summary: str) -> Any:
    opened = await env.command("edit entry", actor, entry=ENTRY, language="en")
    return await env.submit(opened.modal, {"summary": summary}, actor)


async def make_role_editor(env: OfflineDiscord, guild_id: int = DEFAULT_GUILD_ID) -> None:
    """The guild's editor role set, the role in the server, and the admin letting it see /edit
    (Server Settings > Integrations), as the README tells admins to."""
    await env.bot.services.editing.set_editor_role(guild_id, EDITOR_ROLE, by=MOD.user_id)
    env._remember(guild_id, [], [Role(EDITOR_ROLE, "editors")])
    env.allow_command("edit", role_id=EDITOR_ROLE, guild_id=guild_id)


# -- who may edit -----------------------------------------------------------------------------


async def test_discord_hides_edit_from_a_member(discord_env: OfflineDiscord) -> None:
    """/edit carries Manage Server as its default permission: a member is not even sent it."""
    with pytest.raises(CommandHidden):
        await discord_env.command("edit entry", MEMBER, entry=ENTRY)


async def test_a_member_let_in_by_an_admin_is_still_refused(discord_env: OfflineDiscord) -> None:
    """An admin override shows /edit to everyone; the bot's own check still refuses a
    non-editor, ephemerally, and nothing changes."""
    discord_env.allow_command("edit", role_id=DEFAULT_GUILD_ID)
    before = await revisions(discord_env)
    answer = await discord_env.command("edit entry", MEMBER, entry=ENTRY)
    assert answer.ephemeral
    assert "Only editors" in answer.last["content"]
    refused = await discord_env.command("edit remove", MEMBER, entry=ENTRY)
    assert "Only editors" in refused.last["content"]
    assert await revisions(discord_env) == before


async def test_the_editor_role_edits_without_manage_server(discord_env: OfflineDiscord) -> None:
    await make_role_editor(discord_env)
    saved = await open_and_save(discord_env, ROLE_EDITOR, "Self-attention everywhere.")
    assert "Saved" in saved.last["content"]
    assert summary_of(discord_env) == "Self-attention everywhere."


async def test_an_editor_of_guild_a_cannot_touch_guild_b(discord_env: OfflineDiscord) -> None:
    await make_role_editor(discord_env)
    discord_env._remember(GUILD_B, [], [Role(EDITOR_ROLE, "editors")])
    discord_env.allow_command("edit", role_id=EDITOR_ROLE, guild_id=GUILD_B)
    in_b = Actor(user_id=ROLE_EDITOR.user_id, guild_id=GUILD_B, roles=(EDITOR_ROLE,))
    answer = await discord_env.command("edit entry", in_b, entry=ENTRY)
    assert answer.ephemeral
    assert "Only editors" in answer.last["content"]
    await open_and_save(discord_env, ROLE_EDITOR, "Guild A's own text.")
    assert summary_of(discord_env, guild_id=GUILD_B) != "Guild A's own text."


async def test_editing_in_a_dm_is_refused(discord_env: OfflineDiscord) -> None:
    dm = Actor(user_id=MOD.user_id, guild_id=None, permissions=MODERATOR_PERMISSIONS)
    """/edit and /entry come with a server's install, in that server only: a DM never shows
    them (issue 11.11)."""
    with pytest.raises(CommandHidden):
        await discord_env.command("edit entry", dm, entry=ENTRY)
    with pytest.raises(CommandHidden):
        await discord_env.command("entry missing", dm)


# -- the modal ----------------------------------------------------------------------------------


@pytest.mark.parametrize("locale", ["en-US", "zh-CN"])
async def test_every_modal_is_within_discords_limits(
    discord_env: OfflineDiscord, locale: str
) -> None:
    """Title <= 45, at most 5 inputs, each max_length <= 4000 with a prefill within it: the
    edit form of one entry of every kind shipped, and the add form of every kind."""
    mod = Actor(user_id=MOD.user_id, permissions=MODERATOR_PERMISSIONS, locale=locale)
    knowledge = discord_env.bot.services.knowledge
    modals = []
    for kind in EntryKind:
        for entry in knowledge.visible(kind)[:1]:  # none yet of a kind the files lack
            modals.append((await discord_env.command("edit entry", mod, entry=entry.id)).modal)
        modals.append((await discord_env.command("edit add", mod, kind=kind.value)).modal)
    for modal in modals:
        assert len(modal["title"]) <= 45
        fields = inputs(modal)
        assert 1 <= len(fields) <= 5
        for field in fields:
            assert field["max_length"] <= 4000
            assert len(field.get("value") or "") <= field["max_length"]


async def test_the_modal_is_prefilled_in_the_chosen_language(discord_env: OfflineDiscord) -> None:
    opened = await discord_env.command("edit entry", MOD, entry=ENTRY, language="zh")
    title = next(f for f in inputs(opened.modal) if f["custom_id"] == "title")
    view = discord_env.bot.services.knowledge.by_id(ENTRY)
    assert view is not None
    assert title["value"] == view.entry.name.zh


async def test_a_duplicate_submit_writes_one_revision(discord_env: OfflineDiscord) -> None:
    """Discord delivering the same modal submit twice: one revision."""
    sent: list[dict[str, Any]] = []
    dispatch = discord_env.dispatch

    async def spy(payload: dict[str, Any], **kwargs: Any) -> Any:
        sent.append(copy.deepcopy(payload))
        return await dispatch(payload, **kwargs)

    discord_env.dispatch = spy  # type: ignore[method-assign]
    before = await revisions(discord_env)
    first = await open_and_save(discord_env, MOD, "Once, not twice.")
    assert "Saved" in first.last["content"]
    await dispatch(sent[-1])
    assert await revisions(discord_env) == before + 1


async def test_two_conflicting_edits(discord_env: OfflineDiscord) -> None:
    """Two modals opened on the same version: the first saves, the second is refused with
    both texts given back and a button that opens the editor on the new version."""
    first = await discord_env.command("edit entry", MOD, entry=ENTRY, language="en")
    second = await discord_env.command("edit entry", OTHER_MOD, entry=ENTRY, language="en")
    saved = await discord_env.submit(first.modal, {"summary": "The first editor's text."}, MOD)
    assert "Saved" in saved.last["content"]
    refused = await discord_env.submit(
        second.modal, {"summary": "The second editor's text."}, OTHER_MOD
    )
    assert refused.ephemeral
    assert "changed while you were editing" in refused.last["content"]
    files = dict(refused.files)
    assert "The second editor's text." in files["your-text.txt"].decode()
    assert "The first editor's text." in files["current-text.txt"].decode()
    assert summary_of(discord_env) == "The first editor's text."
    reopened = await discord_env.press(refused.message_id, OTHER_MOD, label="Edit the new version")
    summary = next(f for f in inputs(reopened.modal) if f["custom_id"] == "summary")
    assert summary["value"] == "The first editor's text."
    retried = await discord_env.submit(reopened.modal, {"summary": "Merged text."}, OTHER_MOD)
    assert "Saved" in retried.last["content"]
    assert summary_of(discord_env) == "Merged text."


async def test_a_bad_field_is_named_and_the_text_given_back(discord_env: OfflineDiscord) -> None:
    before = await revisions(discord_env)
    opened = await discord_env.command("edit entry", MOD, entry=ENTRY, language="en")
    answer = await discord_env.submit(
        opened.modal, {"sources": "not a url at all", "summary": "Kept summary."}, MOD
    )
    assert answer.ephemeral
    assert "`sources`" in answer.last["content"]
    assert "Kept summary." in dict(answer.files)["your-text.txt"].decode()
    again = await discord_env.press(answer.message_id, MOD, label="Edit again")
    summary = next(f for f in inputs(again.modal) if f["custom_id"] == "summary")
    assert summary["value"] == "Kept summary."
    assert await revisions(discord_env) == before


async def test_stored_mentions_are_kept_as_text(discord_env: OfflineDiscord) -> None:
    await open_and_save(discord_env, MOD, "Ask @everyone and <@123> about it.")
    assert summary_of(discord_env) == "Ask @everyone and <@123> about it."


# -- add, remove, revert ------------------------------------------------------------------------


async def test_add_makes_a_guild_entry(discord_env: OfflineDiscord) -> None:
    opened = await discord_env.command(
        "edit add", MOD, kind="term", name="Draft-and-verify sampling"
    )
    title = next(f for f in inputs(opened.modal) if f["custom_id"] == "title")
    assert title["value"] == "Draft-and-verify sampling"
    saved = await discord_env.submit(
        opened.modal,
        {
            "summary": "A small model drafts tokens that a large model verifies.",
            "body": "The large model checks several drafted tokens in one pass.",
            "sources": "https://arxiv.org/abs/2211.17192 Fast Inference from Transformers",
        },
        MOD,
    )
    assert "Saved **term/draft-and-verify-sampling**" in saved.last["content"]
    view = discord_env.bot.services.knowledge.by_id(
        "term/draft-and-verify-sampling", guild_id=DEFAULT_GUILD_ID
    )
    assert view is not None
    knowledge = discord_env.bot.services.knowledge
    assert knowledge.by_id("term/draft-and-verify-sampling", guild_id=GUILD_B) is None
    taken = await discord_env.command("edit add", MOD, kind="term", name="Transformer")
    again = await discord_env.submit(
        taken.modal,
        {"summary": "S.", "body": "B.", "sources": "https://example.org/x X"},
        MOD,
    )
    assert "exists already" in again.last["content"]


async def test_remove_asks_then_hides_and_revert_restores(discord_env: OfflineDiscord) -> None:
    asked = await discord_env.command("edit remove", MOD, entry=ENTRY, reason="duplicate of @here")
    assert asked.ephemeral
    assert summary_of(discord_env)  # nothing removed before the press
    done = await discord_env.press(asked.message_id, MOD, label="Remove")
    assert "Removed" in done.last["content"]
    assert discord_env.bot.services.knowledge.by_id(ENTRY, guild_id=DEFAULT_GUILD_ID) is None
    page = await discord_env.bot.services.editing.history(DEFAULT_GUILD_ID, ENTRY)
    assert page.items[0].action == "remove"
    assert page.items[0].reason == "duplicate of @here"
    choices = await discord_env.autocomplete(
        "edit revert", "revision", MOD, entry=ENTRY, revision=""
    )
    assert choices.choices[0]["name"].startswith(f"#{page.total}")
    restored = await discord_env.command("edit revert", MOD, entry=ENTRY, revision=page.total - 1)
    assert "now reads as revision" in restored.last["content"]
    assert discord_env.bot.services.knowledge.by_id(ENTRY, guild_id=DEFAULT_GUILD_ID) is not None


async def test_revert_restores_an_earlier_text(discord_env: OfflineDiscord) -> None:
    original = summary_of(discord_env)
    await open_and_save(discord_env, MOD, "A wrong summary.")
    first = (await discord_env.bot.services.editing.history(DEFAULT_GUILD_ID, ENTRY)).total - 1
    answer = await discord_env.command("edit revert", MOD, entry=ENTRY, revision=first)
    assert answer.ephemeral
    assert summary_of(discord_env) == original
    page = await discord_env.bot.services.editing.history(DEFAULT_GUILD_ID, ENTRY)
    assert [i.action for i in page.items[:2]] == ["revert", "edit"]


# -- history and diff ---------------------------------------------------------------------------


async def test_history_pages_every_revision(discord_env: OfflineDiscord) -> None:
    for number in range(12):
        await open_and_save(discord_env, MOD, f"Summary number {number}.")
    answer = await discord_env.command("entry history", MEMBER, entry=ENTRY)
    assert not answer.ephemeral
    embed = answer.last["embeds"][0]
    assert "#13" in embed["description"]
    assert "13 revisions" in embed["footer"]["text"]
    older = await discord_env.press(answer.message_id, MEMBER, label="›")
    assert "#3" in older.last["embeds"][0]["description"]


async def test_diff_shows_the_changed_lines(discord_env: OfflineDiscord) -> None:
    await open_and_save(discord_env, MOD, "A brand new summary.")
    answer = await discord_env.command("entry diff", MEMBER, entry=ENTRY)
    content = answer.last["content"]
    assert "```diff" in content
    assert "A brand new summary." in content
    assert any(line.startswith("-") for line in content.splitlines()[2:])


async def test_a_long_diff_is_a_file(discord_env: OfflineDiscord) -> None:
    opened = await discord_env.command("edit entry", MOD, entry=ENTRY, language="en")
    await discord_env.submit(opened.modal, {"body": "New body. " * 290}, MOD)
    answer = await discord_env.command("entry diff", MEMBER, entry=ENTRY, **{"from": 1})
    assert "attached" in answer.last["content"]
    ((name, data),) = answer.files
    assert name.endswith(".diff")
    assert b"New body." in data


async def test_zh_cn_replies_are_chinese(discord_env: OfflineDiscord) -> None:
    zh = Actor(user_id=MEMBER.user_id, locale="zh-CN")
    answer = await discord_env.command("entry history", zh, entry=ENTRY)
    assert "修订历史" in answer.last["embeds"][0]["title"]
    refused = await discord_env.command("entry missing", zh)
    assert "只有编辑者" in refused.last["content"]
    opened = await discord_env.command("edit entry", ZH_MOD, entry=ENTRY)
    assert opened.modal["title"].startswith("编辑")


# -- export and import --------------------------------------------------------------------------


async def test_an_import_with_a_conflict(discord_env: OfflineDiscord) -> None:
    """Exported, then one entry edited here again: the preview lists it as a conflict and the
    other as changed; Apply takes the changed one and leaves the conflict alone."""
    await open_and_save(discord_env, MOD, "Transformer, exported.")
    opened = await discord_env.command("edit entry", MOD, entry="term/attention", language="en")
    await discord_env.submit(opened.modal, {"summary": "Attention, exported."}, MOD)
    export = await discord_env.command("edit export", MOD)
    ((name, blob),) = export.files
    assert name.endswith(".json")
    document = json.loads(blob)
    await open_and_save(discord_env, MOD, "Transformer, edited after the export.")
    for entry in document["entries"]:
        entry["data"]["summary"]["en"] = f"From the file: {entry['id']}."
    upload = Upload("aixbot.json", json.dumps(document).encode())
    preview = await discord_env.command("edit import", MOD, file=upload)
    fields = {f["name"]: f["value"] for f in preview.last["embeds"][0]["fields"]}
    assert any(k.startswith("Changed") and "term/attention" in v for k, v in fields.items())
    assert any(k.startswith("Conflicts") and ENTRY in v for k, v in fields.items())
    refused = await discord_env.press(preview.message_id, MEMBER, label="Apply")
    assert "Only editors" in refused.last["content"]
    applied = await discord_env.press(preview.message_id, MOD, label="Apply")
    assert "Entries imported: 1. Conflicts left alone: 1." in applied.last["content"]
    assert summary_of(discord_env, "term/attention") == "From the file: term/attention."
    assert summary_of(discord_env) == "Transformer, edited after the export."


async def test_a_stale_import_preview_applies_nothing(discord_env: OfflineDiscord) -> None:
    opened = await discord_env.command("edit entry", MOD, entry="term/attention", language="en")
    await discord_env.submit(opened.modal, {"summary": "Attention, exported."}, MOD)
    document = json.loads((await discord_env.command("edit export", MOD)).files[0][1])
    document["entries"][0]["data"]["summary"]["en"] = "From the file."
    upload = Upload("aixbot.json", json.dumps(document).encode())
    preview = await discord_env.command("edit import", MOD, file=upload)
    opened = await discord_env.command("edit entry", MOD, entry="term/attention", language="en")
    await discord_env.submit(opened.modal, {"summary": "Changed meanwhile."}, MOD)
    answer = await discord_env.press(preview.message_id, MOD, label="Apply")
    assert "changed since this preview" in answer.last["content"]
    assert summary_of(discord_env, "term/attention") == "Changed meanwhile."


async def test_a_malformed_import_is_refused(discord_env: OfflineDiscord) -> None:
    answer = await discord_env.command("edit import", MOD, file=Upload("x.json", b"{not json"))
    assert answer.ephemeral
    assert "Nothing was changed" in answer.last["content"]


# -- missing lookups ----------------------------------------------------------------------------


async def test_missing_lists_failed_lookups_most_asked_first(discord_env: OfflineDiscord) -> None:
    for term in ["flux capacitor", "flux capacitor", "flux capacitor", "warp drive"]:
        await discord_env.command("define", MEMBER, term=term)
    in_b = Actor(user_id=MEMBER.user_id, guild_id=GUILD_B)
    await discord_env.command("define", in_b, term="only in b")
    answer = await discord_env.command("entry missing", MOD)
    assert answer.ephemeral
    description = answer.last["embeds"][0]["description"]
    assert description.index("flux capacitor") < description.index("warp drive")
    assert "3×" in description
    assert "only in b" not in description
    offered = await discord_env.autocomplete("edit add", "name", MOD, kind="term", name="flux")
    assert [c["value"] for c in offered.choices] == ["flux capacitor"]
    button = find_component(answer.last, label="Add flux capacitor", kind=2)
    opened = await discord_env.press(answer.message_id, MOD, custom_id=button["custom_id"])
    title = next(f for f in inputs(opened.modal) if f["custom_id"] == "title")
    assert title["value"] == "flux capacitor"
