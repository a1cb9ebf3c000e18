"""Option values as the Discord client sends them: attachments the bot can read, roles, channels,
users and mentionables with their resolved objects, and numbers the client would accept."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import discord
import pytest
from discord import app_commands

from offline import (
    Actor,
    Channel,
    MissingOption,
    OfflineDiscord,
    OptionValueError,
    Role,
    Upload,
)
from offline.ask import ask_arguments, describe_option_error

EXPORT = b'{"entries": [{"id": "term/transformer"}]}\n'


def typed(kind: type, got: list[object]) -> Any:
    """A callback whose `value` option has type `kind` (annotations set at run time)."""

    async def number(interaction: discord.Interaction, value: Any) -> None:
        got.append(value)
        await interaction.response.send_message("ok")

    number.__annotations__ = {"interaction": discord.Interaction, "value": kind, "return": None}
    return number


def add(env: OfflineDiscord, callback: Any, name: str = "probe") -> None:
    env.bot.tree.add_command(
        app_commands.Command(name=name, description="test command", callback=callback)
    )


async def test_attachment_bytes_reach_the_command(discord_env: OfflineDiscord) -> None:
    """An attachment option arrives with data.resolved.attachments; Attachment.read() gets the
    bytes from the CDN url, which the stand-in serves."""
    seen: list[tuple[str, str | None, int, bytes]] = []

    async def upload(interaction: discord.Interaction, file: discord.Attachment) -> None:
        data = await file.read()
        seen.append((file.filename, file.content_type, file.size, data))
        await interaction.response.send_message(f"read {len(data)} bytes")

    add(discord_env, upload, "upload")
    exchange = await discord_env.command("upload", file=Upload("export.json", EXPORT))
    assert seen == [("export.json", "application/json", len(EXPORT), EXPORT)]
    assert exchange.last["content"] == f"read {len(EXPORT)} bytes"
    assert discord_env.stand_in.downloads[0].startswith(
        "https://cdn.discordapp.com/ephemeral-attachments/"
    )


async def test_attachment_from_a_path_or_bytes(discord_env: OfflineDiscord, tmp_path: Path) -> None:
    """A path (what `aixbot ask --file` passes) or raw bytes work as well; a missing file or a
    non-file is refused as the client would."""
    seen: list[bytes] = []

    async def upload(interaction: discord.Interaction, file: discord.Attachment) -> None:
        seen.append(await file.read())
        await interaction.response.send_message(file.filename)

    add(discord_env, upload, "upload")
    path = tmp_path / "export.json"
    path.write_bytes(EXPORT)
    assert (await discord_env.command("upload", file=path)).last["content"] == "export.json"
    assert (await discord_env.command("upload", file=b"raw")).last["content"] == "upload.bin"
    assert seen == [EXPORT, b"raw"]
    with pytest.raises(OptionValueError, match="readable file"):
        await discord_env.command("upload", file=tmp_path / "missing.json")
    with pytest.raises(OptionValueError, match="a file"):
        await discord_env.command("upload", file="not a file")


async def test_role_channel_user_and_mentionable_resolve(discord_env: OfflineDiscord) -> None:
    """Each arrives as the discord.py object Discord's resolved data makes."""
    seen: dict[str, Any] = {}

    async def pick(
        interaction: discord.Interaction,
        role: discord.Role,
        channel: discord.TextChannel,
        anychannel: app_commands.AppCommandChannel,
        member: discord.Member,
        who: discord.Role | discord.Member,
    ) -> None:
        seen.update(role=role, channel=channel, anychannel=anychannel, member=member, who=who)
        await interaction.response.send_message("picked")

    add(discord_env, pick, "pick")
    editors = Role(1_700_000_000_000_000_005, "Editors", permissions=1 << 5)
    news = Channel(1_300_000_000_000_000_050, "news")
    await discord_env.command(
        "pick",
        role=editors,
        channel=news,
        anychannel="announcements",
        member=Actor(user_id=77, name="alice"),
        who=Role(1_700_000_000_000_000_006, "Helpers"),
    )
    assert isinstance(seen["role"], discord.Role)
    assert (seen["role"].id, seen["role"].name) == (editors.id, "Editors")
    assert seen["role"].permissions.manage_guild
    assert isinstance(seen["channel"], discord.TextChannel)
    assert (seen["channel"].id, seen["channel"].name) == (news.id, "news")
    assert isinstance(seen["anychannel"], app_commands.AppCommandChannel)
    assert seen["anychannel"].name == "announcements"
    assert isinstance(seen["member"], discord.Member)
    assert (seen["member"].id, seen["member"].name) == (77, "alice")
    assert isinstance(seen["who"], discord.Role)
    assert seen["who"].name == "Helpers"
    guild = discord_env.guild()
    assert guild.get_channel(news.id) is seen["channel"]
    assert guild.get_role(editors.id) is not None


async def test_ids_and_names_resolve_too(discord_env: OfflineDiscord) -> None:
    """An id or a name (as typed after `aixbot ask --role`) stands for a role, channel or user."""
    seen: list[Any] = []

    async def pick(
        interaction: discord.Interaction,
        role: discord.Role,
        channel: discord.abc.GuildChannel,
        user: discord.User,
    ) -> None:
        seen.extend([role, channel, user])
        await interaction.response.send_message("ok")

    add(discord_env, pick, "pick")
    await discord_env.command("pick", role="Moderators", channel="12345", user="bob")
    role, channel, user = seen
    assert role.name == "Moderators"
    assert channel.id == 12345
    assert user.name == "bob"


async def test_channel_types_limit_what_can_be_picked(discord_env: OfflineDiscord) -> None:
    """A text-channel option's picker lists no voice channel, so one cannot be sent."""

    async def pick(interaction: discord.Interaction, channel: discord.TextChannel) -> None:
        await interaction.response.send_message(channel.name)

    add(discord_env, pick, "pick")
    with pytest.raises(OptionValueError, match="text channel"):
        await discord_env.command("pick", channel=Channel(99, "lounge", type=2))


async def test_dm_users_resolve_without_members(discord_env: OfflineDiscord) -> None:
    """In a DM a user option is a User (no member data), and there are no roles to pick."""
    seen: list[Any] = []

    async def whois(interaction: discord.Interaction, user: discord.User) -> None:
        seen.append(user)
        await interaction.response.send_message("ok")

    async def role(interaction: discord.Interaction, role: discord.Role) -> None:
        await interaction.response.send_message("unreachable")

    add(discord_env, whois, "whois")
    add(discord_env, role, "roleonly")
    await discord_env.command("whois", Actor(guild_id=None), user=Actor(user_id=55))
    assert type(seen[0]) is discord.User
    with pytest.raises(OptionValueError, match="direct message"):
        await discord_env.command("roleonly", Actor(guild_id=None), role=1)


@pytest.mark.parametrize(
    ("kind", "given", "sent"),
    [
        (int, "12", 12),
        (int, " -3 ", -3),
        (int, 4.0, 4),
        (float, "1.5", 1.5),
        (float, "2e3", 2000.0),
        (float, 7, 7),
        (bool, "yes", True),
        (bool, "False", False),
        (bool, True, True),
    ],
)
async def test_numbers_and_booleans_are_coerced(
    discord_env: OfflineDiscord, kind: type, given: object, sent: object
) -> None:
    """What the client accepts arrives as the JSON type of the option."""
    got: list[object] = []
    add(discord_env, typed(kind, got), "number")
    await discord_env.command("number", value=given)
    assert got == [sent]
    assert type(got[0]) is (float if kind is float else type(sent))


@pytest.mark.parametrize(
    ("kind", "given", "expected"),
    [
        (int, "1.5", "a whole number"),
        (int, "many", "a whole number"),
        (int, 2.5, "a whole number"),
        (int, True, "a whole number"),
        (int, "²", "a whole number"),
        (float, "40%", "a number"),
        (float, "nan", "a number"),
        (float, "1_000", "a number"),
        (bool, "maybe", "true or false"),
    ],
)
async def test_values_the_client_rejects_never_reach_the_bot(
    discord_env: OfflineDiscord, kind: type, given: object, expected: str
) -> None:
    """OptionValueError names the command, the option and what it expects."""
    add(discord_env, typed(kind, []), "number")
    before = len(discord_env.stand_in.requests)
    with pytest.raises(OptionValueError) as caught:
        await discord_env.command("number", value=given)
    assert caught.value.option == "value"
    assert caught.value.expected == expected
    assert str(caught.value) == f"/number option 'value' expects {expected}, got {given!r}"
    assert len(discord_env.stand_in.requests) == before


async def test_required_options_must_be_given(discord_env: OfflineDiscord) -> None:
    """The client does not send a command without its required options."""
    with pytest.raises(MissingOption, match="'term'"):
        await discord_env.command("define")
    autocompleted = await discord_env.autocomplete("define", "term", term="tra")
    assert autocompleted.choices


async def test_ask_arguments_read_files_and_askers(
    discord_env: OfflineDiscord, tmp_path: Path
) -> None:
    """`aixbot ask upload --file ./export.json --as member`: a Path for the attachment, the
    asker's permissions from --as (admin by default)."""

    async def upload(interaction: discord.Interaction, file: discord.Attachment) -> None:
        await interaction.response.send_message((await file.read()).decode())

    add(discord_env, upload, "upload")
    (tmp_path / "export.json").write_bytes(EXPORT)
    path = str(tmp_path / "export.json")
    actor, values = ask_arguments(
        discord_env, "upload", {"file": path, "as": "member"}, locale="en-US", dm=False
    )
    assert values == {"file": Path(path)}
    assert not actor.permissions & (1 << 3)
    admin, _ = ask_arguments(discord_env, "upload", {"file": path}, locale="zh-CN", dm=True)
    assert admin.permissions & (1 << 3)
    assert admin.in_dm
    assert admin.locale == "zh-CN"
    exchange = await discord_env.command("upload", actor, **values)
    assert exchange.last["content"] == EXPORT.decode()
    with pytest.raises(LookupError, match="--as"):
        ask_arguments(discord_env, "upload", {"as": "owner"}, locale="en-US", dm=False)
    error = OptionValueError("upload", "file", "a readable file", Path("./gone.json"))
    assert describe_option_error(error) == "--file expects a readable file, got 'gone.json'"
    assert describe_option_error(MissingOption("upload", "file")) == "--file is required"


def _ask(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DISCORD_", "DATABASE_"))}
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", "ask", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=120,
    )


@pytest.mark.parametrize(
    ("args", "line"),
    [
        (
            ["compute", "memory", "--params", "7B", "--batch", "1.5"],
            "aixbot ask: --batch expects a whole number, got '1.5'",
        ),
        (
            ["compute", "train", "--params", "7B", "--tokens", "1T", "--gpus", "many"],
            "aixbot ask: --gpus expects a whole number, got 'many'",
        ),
        (
            ["compute", "train", "--params", "7B", "--tokens", "1T", "--mfu", "40%"],
            "aixbot ask: --mfu expects a number, got '40%'",
        ),
        (
            ["compute", "infer", "--model", "llama-3-70b", "--batch", "1.5"],
            "aixbot ask: --batch expects a whole number, got '1.5'",
        ),
        (
            ["compute", "memory", "--model", "llama-3-70b", "--gpus", "many"],
            "aixbot ask: --gpus expects a whole number, got 'many'",
        ),
        (
            ["compute", "train", "--params", "7B", "--tokens", "1T", "--days", "soon"],
            "aixbot ask: --days expects a number, got 'soon'",
        ),
        (["define"], "aixbot ask: --term is required"),
    ],
)
def test_ask_with_a_bad_value_is_one_line_and_exit_2(
    tmp_path: Path, args: list[str], line: str
) -> None:
    """`aixbot ask` says what the option takes in one line and exits 2; no traceback."""
    result = _ask(*args, cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert result.stderr.strip() == line
    assert result.stdout == ""
