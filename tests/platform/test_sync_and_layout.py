"""Command sync only when the tree changed; the core stays free of Discord; cogs load."""

from __future__ import annotations

import ast
from pathlib import Path

import discord
from discord import app_commands

from bot.app import extension_names
from offline import OfflineDiscord

ROOT = Path(__file__).resolve().parents[2]
CORE = ["db", "knowledge", "compute", "editing", "charts", "i18n"]


def _sync_requests(env: OfflineDiscord) -> list[str]:
    return [
        r.path for r in env.stand_in.requests if r.method == "PUT" and r.path.endswith("/commands")
    ]


async def test_sync_happens_once_until_the_tree_changes(discord_env: OfflineDiscord) -> None:
    """A second start with the same tree sends nothing; a changed tree syncs again."""
    await discord_env.bot.sync_commands()
    await discord_env.bot.sync_commands()
    assert len(_sync_requests(discord_env)) == 1
    sent = next(r.body for r in discord_env.stand_in.requests if r.method == "PUT")
    assert {c["name"] for c in sent} >= {"about", "help"}

    async def callback(interaction: discord.Interaction) -> None:
        await interaction.response.send_message("new")

    discord_env.bot.tree.add_command(
        app_commands.Command(name="brandnew", description="a new command", callback=callback)
    )
    await discord_env.bot.sync_commands()
    assert len(_sync_requests(discord_env)) == 2


async def test_dev_guilds_sync_to_each_guild(discord_env: OfflineDiscord) -> None:
    """With DEV_GUILD_IDS set, commands go to those guilds instantly instead of globally."""
    settings = discord_env.bot.services.settings
    object.__setattr__(settings, "dev_guild_ids", [111, 222])
    await discord_env.bot.sync_commands()
    paths = _sync_requests(discord_env)
    assert [p.split("/")[-2] for p in paths] == ["111", "222"]
    assert all("/guilds/" in p for p in paths)


PROCESS = {"app.py", "cli.py", "__main__.py"}
"""The only modules of bot/ that may touch discord.py: everything else in bot/ is the core."""


def _imports(path: Path) -> list[str]:
    names: list[str] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.append(node.module)
    return names


def _is(name: str, package: str) -> bool:
    return name == package or name.startswith(f"{package}.")


def test_core_never_imports_discord() -> None:
    """No module of bot/ but the process modules imports discord: the core stays portable."""
    offenders = []
    for path in (ROOT / "bot").rglob("*.py"):
        if path.parent == ROOT / "bot" and path.name in PROCESS:
            continue
        if any(_is(n, "discord") for n in _imports(path)):
            offenders.append(str(path.relative_to(ROOT)))
    assert all((ROOT / "bot" / package).is_dir() for package in CORE)
    assert offenders == []


def test_bot_never_imports_cogs() -> None:
    """cogs depend on bot, never the other way: the process finds its extensions by name."""
    offenders = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "bot").rglob("*.py")
        if any(_is(n, "cogs") for n in _imports(path))
    ]
    assert offenders == []


def test_every_public_cog_module_is_an_extension() -> None:
    """Each cogs/<name>.py not starting with _ defines async setup(bot)."""
    names = extension_names()
    assert "cogs.meta" in names
    for name in names:
        tree = ast.parse((ROOT / (name.replace(".", "/") + ".py")).read_text(encoding="utf-8"))
        setups = [n for n in tree.body if isinstance(n, ast.AsyncFunctionDef) and n.name == "setup"]
        assert setups, f"{name} has no async def setup(bot)"
