"""The stand-in delivers a command only where Discord would: default_member_permissions, contexts
and an admin's command permissions decide, as in the Discord client."""

from __future__ import annotations

import discord
import pytest
from discord import app_commands

from offline import (
    ADMIN_PERMISSIONS,
    DEFAULT_GUILD_ID,
    EVERYDAY_PERMISSIONS,
    MANAGE_GUILD,
    MANAGE_MESSAGES,
    Actor,
    CommandHidden,
    OfflineDiscord,
)

MODERATOR_ROLE = 1_700_000_000_000_000_001
MEMBER = Actor()
MANAGER = Actor(user_id=2, permissions=EVERYDAY_PERMISSIONS | MANAGE_GUILD)
ADMIN = Actor(user_id=3, permissions=ADMIN_PERMISSIONS)
ROLE_HOLDER = Actor(user_id=4, roles=(MODERATOR_ROLE,))
DM = Actor(guild_id=None)


async def _answer(interaction: discord.Interaction) -> None:
    await interaction.response.send_message(f"ran for {interaction.user.id}", ephemeral=True)


def add_moderator_group(env: OfflineDiscord) -> app_commands.Group:
    """/modtest run: a group with default_permissions(manage_guild=True), server-only."""
    group = app_commands.Group(
        name="modtest",
        description="moderators only",
        default_permissions=discord.Permissions(manage_guild=True),
        guild_only=True,
    )

    @group.command(name="run", description="run it")
    async def run(interaction: discord.Interaction, text: str = "") -> None:
        await _answer(interaction)

    @run.autocomplete("text")
    async def suggest(
        interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        return [app_commands.Choice(name="one", value="one")]

    env.bot.tree.add_command(group)
    return group


def add_command(env: OfflineDiscord, name: str, **attributes: object) -> None:
    command = app_commands.Command(name=name, description="test command", callback=_answer)
    for key, value in attributes.items():
        setattr(command, key, value)
    env.bot.tree.add_command(command)


async def test_a_member_without_manage_server_never_gets_the_command(
    discord_env: OfflineDiscord,
) -> None:
    """default_permissions(manage_guild=True) hides the group's commands from a plain member:
    Discord delivers nothing, so the stand-in refuses with CommandHidden."""
    add_moderator_group(discord_env)
    before = len(discord_env.stand_in.requests)
    with pytest.raises(CommandHidden, match="Manage Server"):
        await discord_env.command("modtest run", MEMBER)
    with pytest.raises(CommandHidden):
        await discord_env.autocomplete("modtest run", "text", MEMBER, text="o")
    assert len(discord_env.stand_in.requests) == before
    assert isinstance(CommandHidden("x"), LookupError)


async def test_manage_server_and_admins_get_it(discord_env: OfflineDiscord) -> None:
    """The permission itself lets a member in; ADMINISTRATOR lets everyone in, and Discord then
    reports every permission bit in the interaction."""
    add_moderator_group(discord_env)
    managed = await discord_env.command("modtest run", MANAGER)
    assert managed.last["content"] == "ran for 2"
    admin = await discord_env.command("modtest run", ADMIN)
    assert admin.last["content"] == "ran for 3"
    suggested = await discord_env.autocomplete("modtest run", "text", ADMIN, text="o")
    assert suggested.choices == [{"name": "one", "value": "one"}]


async def test_every_permission_bit_is_needed(discord_env: OfflineDiscord) -> None:
    """default_member_permissions is a set: a member needs all of it. "0" lets only admins in."""
    add_command(
        discord_env,
        "twobits",
        default_permissions=discord.Permissions(manage_guild=True, manage_messages=True),
    )
    add_command(discord_env, "nobody", default_permissions=discord.Permissions.none())
    with pytest.raises(CommandHidden, match="Manage Messages"):
        await discord_env.command("twobits", MANAGER)
    both = Actor(permissions=EVERYDAY_PERMISSIONS | MANAGE_GUILD | MANAGE_MESSAGES)
    assert (await discord_env.command("twobits", both)).last["content"]
    with pytest.raises(CommandHidden, match="administrators only"):
        await discord_env.command("nobody", both)
    assert (await discord_env.command("nobody", ADMIN)).last["content"]


async def test_an_override_lets_a_role_or_a_user_in(discord_env: OfflineDiscord) -> None:
    """An admin's command permission (Server Settings > Integrations) for a role or a user lets
    them in without the permission; it applies in its own server only."""
    add_moderator_group(discord_env)
    with pytest.raises(CommandHidden):
        await discord_env.command("modtest run", ROLE_HOLDER)
    discord_env.allow_command("modtest", role_id=MODERATOR_ROLE)
    assert (await discord_env.command("modtest run", ROLE_HOLDER)).last["content"] == "ran for 4"
    with pytest.raises(CommandHidden):
        await discord_env.command("modtest run", MEMBER)
    elsewhere = Actor(user_id=4, roles=(MODERATOR_ROLE,), guild_id=DEFAULT_GUILD_ID + 1)
    with pytest.raises(CommandHidden):
        await discord_env.command("modtest run", elsewhere)
    discord_env.allow_command("modtest", user_id=MEMBER.user_id)
    assert (await discord_env.command("modtest run", MEMBER)).last["content"]


async def test_a_deny_overrides_the_permission_but_not_admin(discord_env: OfflineDiscord) -> None:
    """A user's deny beats their Manage Server; a user entry beats a role entry; an admin still
    gets every command; a channel turned off hides it from non-admins."""
    add_moderator_group(discord_env)
    discord_env.deny_command("modtest", user_id=MANAGER.user_id)
    with pytest.raises(CommandHidden, match="denied"):
        await discord_env.command("modtest run", MANAGER)
    discord_env.allow_command("modtest", role_id=MODERATOR_ROLE)
    discord_env.deny_command("modtest", user_id=ROLE_HOLDER.user_id)
    with pytest.raises(CommandHidden):
        await discord_env.command("modtest run", ROLE_HOLDER)
    assert (await discord_env.command("modtest run", ADMIN)).last["content"]
    discord_env.deny_command(None, channel_id=DEFAULT_GUILD_ID - 1)
    with pytest.raises(CommandHidden, match="this channel"):
        await discord_env.command("about", MEMBER)
    assert (await discord_env.command("about", ADMIN)).last["embeds"]


async def test_app_wide_overrides_apply_to_commands_without_their_own(
    discord_env: OfflineDiscord,
) -> None:
    """An overwrite on the application (name None) lets a role into every command that has no
    overwrite of its own; @everyone is the guild id."""
    add_moderator_group(discord_env)
    discord_env.allow_command(None, role_id=MODERATOR_ROLE)
    assert (await discord_env.command("modtest run", ROLE_HOLDER)).last["content"]
    discord_env.deny_command("modtest", role_id=DEFAULT_GUILD_ID)
    with pytest.raises(CommandHidden):
        await discord_env.command("modtest run", ROLE_HOLDER)
    with pytest.raises(LookupError, match="no top-level command"):
        discord_env.allow_command("nosuchcommand", role_id=1)
    with pytest.raises(ValueError, match="exactly one"):
        discord_env.allow_command("modtest", role_id=1, user_id=2)


async def test_a_guild_only_command_is_refused_in_dm(discord_env: OfflineDiscord) -> None:
    """guild_only (contexts [0]) is never offered in a DM, whoever asks; permissions do not
    apply in DMs, so an everyday command with default permissions still runs there."""
    add_moderator_group(discord_env)
    add_command(discord_env, "serveronly", guild_only=True)
    with pytest.raises(CommandHidden, match="direct messages"):
        await discord_env.command("serveronly", DM)
    with pytest.raises(CommandHidden, match="direct messages"):
        await discord_env.command(
            "modtest run", Actor(guild_id=None, permissions=ADMIN_PERMISSIONS)
        )
    assert (await discord_env.command("serveronly", MEMBER)).last["content"]
    add_command(
        discord_env,
        "dmok",
        default_permissions=discord.Permissions(manage_guild=True),
        allowed_contexts=app_commands.AppCommandContext(guild=True, dm_channel=True),
    )
    assert (await discord_env.command("dmok", DM)).last["content"]
    with pytest.raises(CommandHidden):
        await discord_env.command("dmok", MEMBER)


async def test_buttons_and_modals_are_never_gated(discord_env: OfflineDiscord) -> None:
    """Components have no permissions in Discord: anyone who sees the message can press."""
    listed = await discord_env.command("search", ADMIN, query="ai")
    pressed = await discord_env.press(listed.message_id, MEMBER, label="›")
    assert pressed.last["content"]


async def test_shipped_commands_reach_whom_they_declare(discord_env: OfflineDiscord) -> None:
    """Every shipped command reaches an admin in a server; one without
    default_member_permissions reaches a plain member too, and one with it does not."""
    wrong = []
    for leaf in discord_env.bot.tree.walk_commands():
        if isinstance(leaf, app_commands.Group):
            continue
        root = leaf.root_parent or leaf
        gated = root.default_permissions is not None
        if discord_env.refusal(leaf, ADMIN) is not None:
            wrong.append(f"/{leaf.qualified_name} hidden from an admin")
        if (discord_env.refusal(leaf, MEMBER) is not None) != gated:
            wrong.append(f"/{leaf.qualified_name}: gated={gated} but a member's view disagrees")
    assert wrong == []


async def test_admin_interactions_carry_every_permission(discord_env: OfflineDiscord) -> None:
    """With ADMINISTRATOR, Discord's member.permissions has every bit set, as the bot reads."""
    seen: list[discord.Permissions] = []

    async def record(interaction: discord.Interaction) -> None:
        seen.append(interaction.permissions)
        await interaction.response.send_message("ok")

    discord_env.bot.tree.add_command(
        app_commands.Command(name="perms", description="what do I have", callback=record)
    )
    await discord_env.command("perms", ADMIN)
    await discord_env.command("perms", MEMBER)
    assert seen[0] == discord.Permissions.all()
    assert seen[1].manage_guild is False
