"""Every registered app command obeys Discord's schema rules, in English and Chinese."""

from __future__ import annotations

import re
from typing import Any

import discord
import pytest

from bot.i18n.script import in_script, script_for
from offline import OfflineDiscord

NAME = re.compile(r"^[-_\w]{1,32}$")


def _check(command: dict[str, Any], where: str, problems: list[str]) -> None:
    name = command["name"]
    is_menu = command.get("type") in (2, 3)
    if not is_menu and (not NAME.match(name) or name != name.lower()):
        problems.append(f"{where}: bad name {name!r}")
    if is_menu and not 1 <= len(name) <= 32:
        problems.append(f"{where}: menu name length {len(name)}")
    for locale, localized in (command.get("name_localizations") or {}).items():
        if not is_menu and (not NAME.match(localized) or localized != localized.lower()):
            problems.append(f"{where}: bad {locale} name {localized!r}")
    if not is_menu:
        description = command.get("description", "")
        if not 1 <= len(description) <= 100:
            problems.append(f"{where}: description length {len(description)}")
        for locale, text in (command.get("description_localizations") or {}).items():
            if not 1 <= len(text) <= 100:
                problems.append(f"{where}: {locale} description length {len(text)}")
    options = command.get("options") or []
    if len(options) > 25:
        problems.append(f"{where}: {len(options)} options")
    seen_optional = False
    for option in options:
        inner = f"{where} {option['name']}"
        if option["type"] in (1, 2):
            _check(option, inner, problems)
            continue
        _check(option, inner, problems)
        if option.get("required"):
            if seen_optional:
                problems.append(f"{inner}: required option after an optional one")
        else:
            seen_optional = True
        for choice in option.get("choices") or []:
            if not 1 <= len(choice["name"]) <= 100:
                problems.append(f"{inner}: choice name {choice['name']!r}")


async def test_every_command_schema_is_valid(discord_env: OfflineDiscord) -> None:
    """Names lowercase 1-32, descriptions 1-100, at most 25 options, required options first."""
    payload = await discord_env.bot.tree_payload(None)
    assert payload, "the tree has no commands"
    problems: list[str] = []
    for command in payload:
        _check(command, command["name"], problems)
    assert problems == []


async def test_command_names_are_unique(discord_env: OfflineDiscord) -> None:
    """No two commands (or subcommands) share a qualified name."""
    names = [c.qualified_name for c in discord_env.bot.tree.walk_commands()]
    assert len(names) == len(set(names))


async def test_every_command_has_a_chinese_description(discord_env: OfflineDiscord) -> None:
    """zh-CN users see every command described in Chinese."""
    payload = await discord_env.bot.tree_payload(None)
    missing: list[str] = []

    def walk(command: dict[str, Any], where: str) -> None:
        localized = command.get("description_localizations") or {}
        if command.get("description") and "zh-CN" not in localized:
            missing.append(where)
        for option in command.get("options") or []:
            walk(option, f"{where} {option['name']}")

    for command in payload:
        if command.get("type", 1) == 1:
            walk(command, command["name"])
    assert missing == []


async def test_every_lookup_option_has_autocomplete(discord_env: OfflineDiscord) -> None:
    """Options that name an entry offer autocomplete (they are strings without fixed choices)."""
    entry_options = {"name", "term", "gpu", "model"}
    lacking = [
        f"{command.qualified_name} {parameter.name}"
        for command in discord_env.bot.tree.walk_commands()
        if isinstance(command, discord.app_commands.Command)
        for parameter in command.parameters
        if parameter.name in entry_options and not parameter.choices and not parameter.autocomplete
    ]
    assert lacking == []


@pytest.mark.parametrize("locale", ["zh-CN", "zh-TW"])
async def test_chinese_names_are_localized(discord_env: OfflineDiscord, locale: str) -> None:
    """Every command, group, option and menu has a Chinese name for both Chinese locales."""
    payload = await discord_env.bot.tree_payload(None)
    missing: list[str] = []

    def walk(command: dict[str, Any], where: str) -> None:
        if locale not in (command.get("name_localizations") or {}):
            missing.append(where)
        for option in command.get("options") or []:
            walk(option, f"{where} {option['name']}")

    for command in payload:
        walk(command, command["name"])
    assert missing == []
    names = {c["name"]: c for c in payload}
    script = script_for(locale)  # zh-TW reads Traditional
    assert names["about"]["name_localizations"][locale] == in_script("关于", script)
    assert names["help"]["name_localizations"][locale] == in_script("帮助", script)
