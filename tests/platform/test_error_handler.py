"""The one error path: user mistakes become clear ephemeral replies, bugs become a ref."""

from __future__ import annotations

import logging
import re

import discord
import pytest
from discord import app_commands

from bot.errors import InvalidOption
from cogs._ui.autocomplete import never_fails
from offline import Actor, OfflineDiscord


def _add_command(env: OfflineDiscord, name: str, error: Exception, *, guild_only: bool = False):
    async def callback(interaction: discord.Interaction, text: str = "") -> None:
        raise error

    command = app_commands.Command(name=name, description="test command", callback=callback)
    if guild_only:

        def in_guild(interaction: discord.Interaction) -> bool:
            if interaction.guild_id is None:
                raise app_commands.NoPrivateMessage()
            return True

        command.add_check(in_guild)

    @never_fails
    async def choices(
        interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        raise RuntimeError("autocomplete bug")

    command.autocomplete("text")(choices)
    env.bot.tree.add_command(command)


async def test_unexpected_error_gives_a_ref_that_matches_the_log(
    discord_env: OfflineDiscord, caplog: pytest.LogCaptureFixture
) -> None:
    """A bug answers "something went wrong (ref X)" ephemerally; the log has X and the trace."""
    _add_command(discord_env, "boom", ZeroDivisionError("secret internals"))
    with caplog.at_level(logging.ERROR, logger="aixbot.errors"):
        exchange = await discord_env.command("boom")
    content = exchange.last["content"]
    assert exchange.ephemeral
    ref = re.search(r"ref ([A-Z0-9]{6})", content)
    assert ref is not None
    assert "secret internals" not in content
    assert "Traceback" not in content
    record = next(r for r in caplog.records if ref.group(1) in r.getMessage())
    assert record.exc_info is not None
    assert record.exc_info[0] is ZeroDivisionError
    assert "command=boom" in record.getMessage()


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        ("en-US", "`file`: could not read **5 days** as a JSON file. Example: `175B`"),
        ("zh-CN", "`文件`：无法把 **5 days** 识别为JSON 文件。示例：`175B`"),
    ],
)
async def test_user_error_is_an_ephemeral_explanation(
    discord_env: OfflineDiscord, locale: str, expected: str
) -> None:
    """InvalidOption names the option (as the asker's client names it), what was read, what was
    expected (a message key) and an example, in the user's language."""
    _add_command(
        discord_env, "strict", InvalidOption("file", "5 days", "expected.json_file", "175B")
    )
    exchange = await discord_env.command("strict", Actor(locale=locale))
    assert exchange.ephemeral
    assert exchange.last["content"] == expected


async def test_guild_only_command_in_dm_is_refused(discord_env: OfflineDiscord) -> None:
    """A server-only command used in a DM says so instead of failing."""
    _add_command(discord_env, "serveronly", RuntimeError("never reached"), guild_only=True)
    exchange = await discord_env.command("serveronly", Actor(guild_id=None))
    assert exchange.ephemeral
    assert "only in a server" in exchange.last["content"]


async def test_failing_autocomplete_answers_with_no_choices(discord_env: OfflineDiscord) -> None:
    """An autocomplete bug wrapped in never_fails yields no choices, never an error."""
    _add_command(discord_env, "picky", RuntimeError("unused"))
    exchange = await discord_env.autocomplete("picky", "text", text="abc")
    assert exchange.choices == []


async def test_stored_text_cannot_ping(discord_env: OfflineDiscord) -> None:
    """Every reply the bot sends carries allowed_mentions that block @everyone and roles."""
    exchange = await discord_env.command("about")
    mentions = exchange.requests[0].body["data"]["allowed_mentions"]
    assert mentions["parse"] == []


async def test_each_command_logs_one_line(
    discord_env: OfflineDiscord, caplog: pytest.LogCaptureFixture
) -> None:
    """A handled command logs command, guild, latency, outcome and the error's own type on one
    line (the type discord.py wrapped it in says nothing)."""
    _add_command(discord_env, "failing", InvalidOption("x", "y", "z", "w"))
    with caplog.at_level(logging.INFO, logger="aixbot.commands"):
        await discord_env.command("about")
        await discord_env.command("failing", Actor(guild_id=None))
    lines = [r.getMessage() for r in caplog.records if r.name == "aixbot.commands"]
    assert len(lines) == 2
    assert re.fullmatch(r"command=about guild=\d+ user=\d+ latency_ms=\d+\.\d outcome=ok", lines[0])
    assert re.fullmatch(
        r"command=failing guild=dm user=\d+ latency_ms=\d+\.\d outcome=user_error"
        r" error=InvalidOption",
        lines[1],
    )
