"""/config through the real discord.py stack: who may use it, what it saves, in which language."""

from __future__ import annotations

from typing import Any

import pytest

from offline import (
    EPHEMERAL,
    EVERYDAY_PERMISSIONS,
    MANAGE_GUILD,
    Actor,
    Channel,
    CommandHidden,
    OfflineDiscord,
    Role,
)

GUILD_B = 1_200_000_000_000_000_002
MANAGER = Actor(permissions=EVERYDAY_PERMISSIONS | MANAGE_GUILD)
MEMBER = Actor(user_id=1_400_000_000_000_000_077)
LOG = Channel(1_300_000_000_000_000_101, name="aix-log")
REVIEW = Channel(1_300_000_000_000_000_102, name="aix-review")
EDITORS = Role(1_500_000_000_000_000_001, name="editors")


def channel_posts(env: OfflineDiscord, channel_id: int) -> list[dict[str, Any]]:
    return [m for m in env.stand_in.messages.values() if m["channel_id"] == str(channel_id)]


async def test_a_member_does_not_see_config(discord_env: OfflineDiscord) -> None:
    """default_permissions: Discord hides /config from members without Manage Server."""
    with pytest.raises(CommandHidden):
        await discord_env.command("config show", MEMBER)


async def test_a_member_let_in_by_an_admin_override_is_still_refused(
    discord_env: OfflineDiscord,
) -> None:
    """Admins can show /config to everyone; the runtime check still refuses, nothing saved."""
    discord_env.allow_command("config", role_id=MEMBER.guild_id)
    exchange = await discord_env.command("config log-channel", MEMBER, channel=LOG)
    assert exchange.ephemeral
    assert "Manage Server" in exchange.text()
    settings = await discord_env.bot.services.editing.settings(MANAGER.guild_id or 0)
    assert settings.log_channel_id is None
    assert channel_posts(discord_env, LOG.id) == []


async def test_settings_saved_shown_and_scoped_to_the_guild(discord_env: OfflineDiscord) -> None:
    """Role, log and review channel are saved for this guild only; the review channel falls
    back to the log channel until it is set."""
    role = await discord_env.command("config editor-role", MANAGER, role=EDITORS)
    assert role.ephemeral
    assert f"<@&{EDITORS.id}>" in role.text()
    log = await discord_env.command("config log-channel", MANAGER, channel=LOG)
    assert f"<#{LOG.id}>" in log.text()
    [hello] = channel_posts(discord_env, LOG.id)
    assert "announces every change" in str(hello["content"])
    shown = await discord_env.command("config show", MANAGER)
    assert shown.ephemeral
    assert "(the log channel)" in shown.text()
    await discord_env.command("config review-channel", MANAGER, channel=REVIEW)
    shown = await discord_env.command("config show", MANAGER)
    assert f"<#{REVIEW.id}>" in shown.text()
    other = await discord_env.bot.services.editing.settings(GUILD_B)
    assert (other.editor_role_id, other.log_channel_id, other.review_channel_id) == (
        None,
        None,
        None,
    )


async def test_config_replies_in_chinese(discord_env: OfflineDiscord) -> None:
    """A zh-CN member gets the settings in Chinese."""
    zh = Actor(permissions=MANAGER.permissions, locale="zh-CN")
    exchange = await discord_env.command("config show", zh)
    assert "编辑设置" in exchange.text()
    assert exchange.last["flags"] & EPHEMERAL


async def test_config_is_refused_in_a_dm(discord_env: OfflineDiscord) -> None:
    """guild_only: the command does not exist in DMs."""
    with pytest.raises(CommandHidden):
        await discord_env.command("config show", Actor(guild_id=None))
