"""The `entry` option of /edit, /entry and /suggest: autocomplete offers ids, so a pick acts on
exactly the entry picked, and a typed name or alias resolves as it does for /edit."""

from __future__ import annotations

import pytest

from offline import MODERATOR_PERMISSIONS, Actor, OfflineDiscord

MOD = Actor(user_id=11, permissions=MODERATOR_PERMISSIONS)
ENTRY_COMMANDS = [
    ("edit entry", {}),
    ("edit remove", {}),
    ("edit revert", {}),
    ("entry history", {}),
    ("entry diff", {}),
    ("suggest", {}),
]


@pytest.mark.parametrize(("path", "others"), ENTRY_COMMANDS)
async def test_entries_sharing_a_slug_are_offered_by_id(
    discord_env: OfflineDiscord, path: str, others: dict[str, str]
) -> None:
    """term/lstm and event/lstm share the slug `lstm`: each is its own choice, valued by id."""
    offered = await discord_env.autocomplete(path, "entry", MOD, entry="LSTM", **others)
    values = [c["value"] for c in offered.choices]
    assert {"term/lstm", "event/lstm"} <= set(values)
    assert len(values) == len(set(values))


@pytest.mark.parametrize("entry_id", ["term/lstm", "event/lstm"])
async def test_a_picked_id_opens_exactly_that_entry(
    discord_env: OfflineDiscord, entry_id: str
) -> None:
    history = await discord_env.command("entry history", MOD, entry=entry_id)
    assert history.last["embeds"][0]["title"].endswith(entry_id)
    opened = await discord_env.command("edit entry", MOD, entry=entry_id, language="en")
    saved = await discord_env.submit(opened.modal, {"summary": f"Picked {entry_id}."}, MOD)
    assert "Saved" in saved.last["content"]
    view = discord_env.bot.services.knowledge.by_id(entry_id, guild_id=MOD.guild_id)
    assert view is not None
    assert view.entry.summary.en == f"Picked {entry_id}."


@pytest.mark.parametrize("typed", ["Transformer", "transformers", "变换器", "term/transformer"])
async def test_suggest_takes_a_typed_name_as_edit_does(
    discord_env: OfflineDiscord, typed: str
) -> None:
    """A member who types the name instead of picking it gets the correction form too."""
    opened = await discord_env.command("suggest", Actor(user_id=13), entry=typed)
    assert opened.modal["title"].startswith("Suggest a correction")
    summary = next(
        c
        for row in opened.modal["components"]
        for c in row.get("components", [row.get("component") or {}])
        if c.get("custom_id") == "summary"
    )
    assert summary["value"].startswith("A neural-network architecture")
