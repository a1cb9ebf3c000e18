"""/about and /help through the real command tree, in a guild, a DM and in Chinese."""

from __future__ import annotations

import pytest

from offline import Actor, OfflineDiscord

DM = Actor(guild_id=None)
ZH = Actor(locale="zh-CN")


@pytest.mark.parametrize("actor", [Actor(), DM, ZH], ids=["guild", "dm", "zh-CN"])
async def test_about_reports_the_running_bot(discord_env: OfflineDiscord, actor: Actor) -> None:
    """/about answers publicly with version, database, shard and entry counts."""
    exchange = await discord_env.command("about", actor)
    embed = exchange.last["embeds"][0]
    fields = {f["name"]: f["value"] for f in embed["fields"]}
    assert not exchange.ephemeral
    if actor.locale == "zh-CN":
        assert embed["title"] == "关于 aixbot"
        assert fields["数据库"] == "SQLite"
        assert "术语" in fields["条目数"]
    else:
        assert fields["Database"] == "SQLite"
        assert fields["Gateway latency"] == "not connected"
        assert "Terms: **" in fields["Entries"]
        assert fields["Shard"] == "1/1"


async def test_about_counts_entries_per_kind(discord_env: OfflineDiscord) -> None:
    """The entry counts in /about are the catalog's counts, not placeholders."""
    counts = discord_env.bot.services.knowledge.counts()
    exchange = await discord_env.command("about")
    entries = next(f for f in exchange.last["embeds"][0]["fields"] if f["name"] == "Entries")
    assert f"Terms: **{counts[next(k for k in counts if k.value == 'term')]}**" in entries["value"]


@pytest.mark.parametrize("actor", [Actor(), DM, ZH], ids=["guild", "dm", "zh-CN"])
async def test_help_lists_every_command(discord_env: OfflineDiscord, actor: Actor) -> None:
    """Every slash command in the tree appears somewhere in /help's pages."""
    exchange = await discord_env.command("help", actor)
    text = exchange.text()
    pages = [exchange.last]
    message_id = exchange.message_id
    while any(
        c.get("label") == "›" and not c.get("disabled")
        for row in pages[-1].get("components", [])
        for c in row["components"]
    ):
        pages.append((await discord_env.press(message_id, actor, label="›")).last)
        text += "\n" + "\n".join(f["value"] for e in pages[-1]["embeds"] for f in e["fields"])
    for command in discord_env.bot.tree.walk_commands():
        if not hasattr(command, "commands"):
            assert f"/{command.qualified_name}`" in text
    if actor.locale == "zh-CN":
        assert exchange.last["embeds"][0]["title"] == "aixbot 命令"
