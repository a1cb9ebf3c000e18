"""The paginator through real button and modal payloads: owner-only, jump, clean timeout."""

from __future__ import annotations

import discord
import pytest
from discord import app_commands

from cogs._ui.paginator import Paginator
from offline import Actor, OfflineDiscord, find_component

OWNER = Actor()
STRANGER = Actor(user_id=999)


@pytest.fixture
async def pages(discord_env: OfflineDiscord) -> list[Paginator]:
    """Registers /pages, which answers with a five-page paginator, and collects its views."""
    made: list[Paginator] = []

    async def callback(interaction: discord.Interaction) -> None:
        embeds = [discord.Embed(title=f"Page {i + 1}") for i in range(5)]
        paginator = Paginator(embeds, owner_id=interaction.user.id, lang="en")
        made.append(paginator)
        await paginator.start(interaction)

    discord_env.bot.tree.add_command(
        app_commands.Command(name="pages", description="five pages", callback=callback)
    )
    return made


def _title(message: dict) -> str:
    return message["embeds"][0]["title"]


async def test_owner_pages_forward_back_and_to_the_end(
    discord_env: OfflineDiscord, pages: list[Paginator]
) -> None:
    """Next, last and first move the page and keep the counter right."""
    first = await discord_env.command("pages")
    message_id = first.message_id
    assert find_component(first.last, label="≪")["disabled"] is True
    moved = await discord_env.press(message_id, OWNER, label="›")
    assert _title(moved.last) == "Page 2"
    assert find_component(moved.last, label="Page 2 of 5")
    last = await discord_env.press(message_id, OWNER, label="≫")
    assert _title(last.last) == "Page 5"
    assert find_component(last.last, label="›")["disabled"] is True


async def test_another_user_cannot_page(
    discord_env: OfflineDiscord, pages: list[Paginator]
) -> None:
    """A stranger pressing a button is told ephemerally and the page does not move."""
    first = await discord_env.command("pages")
    refused = await discord_env.press(first.message_id, STRANGER, label="›")
    assert refused.ephemeral
    assert "belong to whoever ran the command" in refused.last["content"]
    assert _title(discord_env.stand_in.messages[first.message_id]) == "Page 1"


@pytest.mark.parametrize(("typed", "title"), [("4", "Page 4"), ("9", None), ("x", None)])
async def test_jump_modal_goes_to_a_valid_page_only(
    discord_env: OfflineDiscord, pages: list[Paginator], typed: str, title: str | None
) -> None:
    """The counter opens a modal; a valid number jumps, anything else is explained."""
    first = await discord_env.command("pages")
    opened = await discord_env.press(first.message_id, OWNER, label="Page 1 of 5")
    modal = opened.modal
    assert len(modal["title"]) <= 45
    submitted = await discord_env.submit(modal, {"Page number": typed})
    if title is None:
        assert submitted.ephemeral
        assert "from 1 to 5" in submitted.last["content"]
    else:
        assert _title(submitted.last) == title


async def test_timeout_disables_every_button(
    discord_env: OfflineDiscord, pages: list[Paginator]
) -> None:
    """When the view times out the message is edited with all its buttons disabled."""
    first = await discord_env.command("pages")
    await pages[0].on_timeout()
    message = discord_env.stand_in.messages[first.message_id]
    buttons = [c for row in message["components"] for c in row["components"]]
    assert buttons
    assert all(b["disabled"] for b in buttons)


async def test_single_page_has_no_buttons(discord_env: OfflineDiscord) -> None:
    """One page is sent without a view at all."""

    async def callback(interaction: discord.Interaction) -> None:
        await Paginator([discord.Embed(title="Only")], owner_id=1, lang="en").start(interaction)

    discord_env.bot.tree.add_command(
        app_commands.Command(name="single", description="one page", callback=callback)
    )
    exchange = await discord_env.command("single")
    assert exchange.last.get("components", []) == []
    assert exchange.last["embeds"][0]["title"] == "Only"
