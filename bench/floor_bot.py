"""The floor of issue 14's speed targets: a bare discord.py bot, built as aixbot is
(AutoShardedBot, one cog) with one slash command that answers at once.

bench_speed.py drives it in-process and, as `python -m bench.floor_bot`, as its own process
against the fake Discord `aixbot run` is measured on: it reads DISCORD_TOKEN and DISCORD_API_URL
as `aixbot run` does, syncs its commands at log-in as aixbot does, and stops on SIGTERM.
"""

from __future__ import annotations

import asyncio
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


class FloorBot(commands.AutoShardedBot):
    """A bare discord.py bot, built as aixbot's is (AutoShardedBot, a cog) but with nothing else."""

    def __init__(self) -> None:
        super().__init__(
            command_prefix=commands.when_mentioned,
            help_command=None,
            intents=discord.Intents(guilds=True),
        )

    async def prepare(self) -> None:
        """What OfflineDiscord.start calls once the stand-in is in place."""
        await self.add_cog(Ping())

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
