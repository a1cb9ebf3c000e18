"""Command sync only when the tree changed; the core stays free of Discord; cogs load."""

from __future__ import annotations

import ast
from pathlib import Path

import discord
import pytest
from discord import app_commands

from bot.app import extension_names
from bot.i18n import script
from bot.i18n.commands import DESCRIPTIONS_ZH
from bot.i18n.script import to_traditional
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


async def test_an_unchanged_tree_is_not_translated_again(
    discord_env: OfflineDiscord, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Telling that nothing changed converts nothing to zh-TW (s2twp is 42 MB); a changed
    Chinese description does sync again."""
    await discord_env.bot.sync_commands()
    translator = discord_env.bot.tree.translator
    assert translator is not None

    async def refuse(*_: object) -> str | None:
        raise AssertionError("translated a tree that had not changed")

    with monkeypatch.context() as patched:
        patched.setattr(translator, "translate", refuse)
        await discord_env.bot.sync_commands()
    assert len(_sync_requests(discord_env)) == 1
    english = next(iter(DESCRIPTIONS_ZH))
    monkeypatch.setitem(DESCRIPTIONS_ZH, english, DESCRIPTIONS_ZH[english] + "。")
    await discord_env.bot.sync_commands()
    assert len(_sync_requests(discord_env)) == 2


async def test_a_sync_lets_go_of_the_traditional_dictionaries(discord_env: OfflineDiscord) -> None:
    """The zh-TW text a sync converted stays converted; OpenCC's s2twp (42 MB) is not kept."""
    to_traditional.cache_clear()  # so this sync converts, whatever other tests converted
    await discord_env.bot.sync_commands()
    sent = next(r.body for r in discord_env.stand_in.requests if r.method == "PUT")
    about = next(c for c in sent if c["name"] == "about")
    assert about["description_localizations"]["zh-TW"] == to_traditional(
        about["description_localizations"]["zh-CN"]
    )
    assert not set(script.TO_TRADITIONAL) & set(script._converters)


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
