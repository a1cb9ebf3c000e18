"""The floor of issue 14's speed targets: a bare discord.py bot, built as aixbot is
(AutoShardedBot, one cog) with one slash command that answers at once.

Beside it, `/card` answers with a reply built once from FLOOR_CARD (a JSON file holding a
message's embeds and components: the bench writes /define transformer's there), to show what
discord.py itself spends on a reply of that size, for information; the targets are against
`/ping`.

bench_speed.py drives it in-process and, as `python -m bench.floor_bot`, as its own process
against the fake Discord `aixbot run` is measured on: it reads DISCORD_TOKEN and DISCORD_API_URL
as `aixbot run` does, syncs its commands at log-in as aixbot does, and stops on SIGTERM.
"""

from __future__ import annotations

import asyncio
import json
import os
from pathlib import Path
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.cli import install_stop_signals, load_settings, use_api_url


class Ping(commands.Cog):
    """The floor: a slash command that answers at once, with one option that autocompletes."""

    @app_commands.command(name="ping", description="Answer pong")
    @app_commands.describe(word="Anything")
    async def ping(self, interaction: discord.Interaction[Any], word: str | None = None) -> None:
        await interaction.response.send_message("pong")

    @ping.autocomplete("word")
    async def word_choices(
        self, interaction: discord.Interaction[Any], current: str
    ) -> list[app_commands.Choice[str]]:
        return [app_commands.Choice(name=current or "pong", value=current or "pong")]


def card_view(components: list[dict[str, Any]]) -> discord.ui.View:
    """Plain buttons and menus laid out as `components` are; stopped, so discord.py neither
    keeps it per message nor times it out (as aixbot's entry views)."""
    view = discord.ui.View(timeout=None)
    for row, action_row in enumerate(components):
        for item in action_row["components"]:
            if item["type"] == discord.ComponentType.button.value:
                view.add_item(
                    discord.ui.Button(label=item.get("label"), custom_id=item["custom_id"], row=row)
                )
            else:
                options = [
                    discord.SelectOption(
                        label=o["label"], value=o["value"], description=o.get("description")
                    )
                    for o in item["options"]
                ]
                view.add_item(
                    discord.ui.Select(
                        custom_id=item["custom_id"],
                        placeholder=item.get("placeholder"),
                        options=options,
                        row=row,
                    )
                )
    view.stop()
    return view


class Card(commands.Cog):
    """A reply of a given shape, built once: discord.py's own cost of sending it."""

    def __init__(self, message: dict[str, Any]) -> None:
        self.embeds = [discord.Embed.from_dict(e) for e in message.get("embeds", [])]
        self.view = card_view(message.get("components", []))

    @app_commands.command(name="card", description="Answer with a prebuilt message")
    @app_commands.describe(term="Anything")
    async def card(self, interaction: discord.Interaction[Any], term: str | None = None) -> None:
        await interaction.response.send_message(
            embeds=self.embeds, view=self.view, allowed_mentions=discord.AllowedMentions.none()
        )


class FloorBot(commands.AutoShardedBot):
    """A bare discord.py bot, built as aixbot's is (AutoShardedBot, a cog) but with nothing else."""

    def __init__(self) -> None:
        super().__init__(
            command_prefix=commands.when_mentioned,
            help_command=None,
            intents=discord.Intents(guilds=True),
        )
        card = os.environ.get("FLOOR_CARD")
        self.card = json.loads(Path(card).read_text()) if card else {"embeds": [{"title": "pong"}]}

    async def prepare(self) -> None:
        """What OfflineDiscord.start calls once the stand-in is in place."""
        await self.add_cog(Ping())
        await self.add_cog(Card(self.card))

    async def setup_hook(self) -> None:
        await self.prepare()
        await self.tree.sync()


async def serve() -> None:
    settings = load_settings()
    if settings.discord_token is None:
        raise SystemExit("DISCORD_TOKEN: required")
    use_api_url(settings)
    stop = asyncio.Event()
    install_stop_signals(stop)
    async with FloorBot() as bot:
        serving = asyncio.create_task(bot.start(settings.discord_token.get_secret_value()))
        stopping = asyncio.create_task(stop.wait())
        done, _ = await asyncio.wait({serving, stopping}, return_when=asyncio.FIRST_COMPLETED)
        stopping.cancel()
        if serving in done:
            serving.result()  # what stopped it, as the exit's traceback
            return
        await bot.close()
        await asyncio.gather(serving, return_exceptions=True)


if __name__ == "__main__":
    asyncio.run(serve())
