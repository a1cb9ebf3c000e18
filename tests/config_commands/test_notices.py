"""A release changes the shipped text under a guild's edit: the notice is posted to the log
channel once after start-up, and Keep ours / Take the new shipped text settle it, after a
restart too, for editors only."""

from __future__ import annotations

import copy
import shutil
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from bot.app import AixBot, build_services
from bot.editing.fields import ModalFields
from bot.knowledge.files import DEFAULT_ROOT
from offline import OfflineDiscord
from tests.config_commands.test_config import LOG, MANAGER, channel_posts
from tests.config_commands.test_suggest import MEMBER, press_as_seen, summary_in
from tests.conftest import make_settings

ENTRY = "term/transformer"
OURS = "This server's own summary of the Transformer."
SHIPPED_OLD = "A neural-network architecture built on self-attention, with no recurrence,"
SHIPPED_NEW = "A self-attention network architecture (release B wording)."


def release_b(tmp_path: Path) -> Path:
    """The shipped files with a new transformer summary: what the next release ships."""
    folder = tmp_path / "knowledge-b"
    shutil.copytree(DEFAULT_ROOT, folder)
    path = folder / "term" / "architectures.yaml"
    text = path.read_text(encoding="utf-8")
    old = f"    en: {SHIPPED_OLD} that underlies today's large language models.\n"
    assert old in text
    path.write_text(text.replace(old, f"    en: {SHIPPED_NEW}\n", 1), encoding="utf-8")
    return folder


async def started(db_url: str, knowledge: Path = DEFAULT_ROOT) -> OfflineDiscord:
    offline = OfflineDiscord(AixBot(build_services(make_settings(db_url, knowledge))))
    await offline.start()
    return offline


@pytest.fixture
async def noticed(
    discord_env: OfflineDiscord, db_url: str, tmp_path: Path
) -> AsyncIterator[tuple[OfflineDiscord, dict[str, Any]]]:
    """Set A loaded, a guild edit, then a restart on set B (through the loader at start-up),
    connected: the notice card in the log channel."""
    await discord_env.command("config log-channel", MANAGER, channel=LOG)
    guild_id = MANAGER.guild_id or 0
    form = await discord_env.bot.services.editing.edit_form(guild_id, ENTRY, "en")
    await discord_env.bot.services.editing.edit(
        guild_id,
        ENTRY,
        "en",
        ModalFields(summary=OURS),
        based_on=form.based_on or 0,
        editor_id=MANAGER.user_id,
    )
    restarted = await started(db_url, release_b(tmp_path))
    # The listener discord.py calls on READY; the stand-in has no gateway to send one.
    cog: Any = restarted.bot.get_cog("Config")
    await cog.on_ready()
    await cog.on_ready()  # a reconnect: nothing is posted twice
    cards = [m for m in channel_posts(restarted, LOG.id) if m.get("components")]
    assert len(cards) == 1
    yield restarted, copy.deepcopy(cards[0])
    await restarted.close()


async def test_notice_shows_the_shipped_diff(
    noticed: tuple[OfflineDiscord, dict[str, Any]],
) -> None:
    env, card = noticed
    embed = card["embeds"][0]
    assert ENTRY in embed["title"]
    assert SHIPPED_NEW in embed["description"]
    assert await summary_in(env, MANAGER.guild_id or 0) == OURS


async def test_keep_ours_after_a_restart_then_stale(
    noticed: tuple[OfflineDiscord, dict[str, Any]], db_url: str
) -> None:
    """A third process answers the card's button; the guild keeps its text; a second press of
    the other button says the notice is settled."""
    env, card = noticed
    again = await started(db_url, Path(env.bot.services.settings.knowledge_dir))
    try:
        refused = await press_as_seen(again, card, MEMBER, "Keep ours")
        assert "Only editors" in refused.text()
        kept = await press_as_seen(again, card, MANAGER, "Keep ours")
        assert "Kept this server's text" in kept.text()
        assert await summary_in(again, MANAGER.guild_id or 0) == OURS
        assert any(
            "kept this server's text" in e["title"]
            for m in channel_posts(again, LOG.id)
            for e in m.get("embeds") or []
        )
        stale = await press_as_seen(again, card, MANAGER, "Take the new shipped text")
        assert stale.ephemeral
        assert "already settled" in stale.text()
        assert await summary_in(again, MANAGER.guild_id or 0) == OURS
    finally:
        await again.close()


async def test_take_the_new_shipped_text(noticed: tuple[OfflineDiscord, dict[str, Any]]) -> None:
    env, card = noticed
    taken = await env.press(int(card["id"]), MANAGER, label="Take the new shipped text")
    assert "Took the new shipped text" in taken.text()
    assert await summary_in(env, MANAGER.guild_id or 0) == SHIPPED_NEW
