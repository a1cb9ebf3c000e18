"""Embeds for /about and /help."""

from __future__ import annotations

import math
from importlib.metadata import PackageNotFoundError, version
from typing import Any

import discord
from discord import app_commands

from bot.i18n import Lang, t
from bot.i18n.commands import DESCRIPTIONS_ZH, NAMES_ZH
from bot.knowledge.models import EntryKind
from bot.limits import FIELD_VALUE, FIELDS
from cogs._ui.text import clip

COLOUR = 0x5865F2


def package_version() -> str:
    try:
        return version("aixbot")
    except PackageNotFoundError:
        return "dev"


def format_duration(seconds: float) -> str:
    seconds = int(seconds)
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    parts = [(days, "d"), (hours, "h"), (minutes, "m"), (secs, "s")]
    shown = [f"{n}{unit}" for n, unit in parts if n] or ["0s"]
    return " ".join(shown[:2])


def about_embed(
    *,
    lang: Lang,
    uptime_s: float,
    latency_s: float,
    backend: str,
    counts: dict[EntryKind, int],
    shard_id: int | None,
    shard_count: int,
) -> discord.Embed:
    embed = discord.Embed(
        title=t("about.title", lang), description=t("about.description", lang), colour=COLOUR
    )
    embed.add_field(name=t("about.version", lang), value=package_version())
    embed.add_field(name=t("about.uptime", lang), value=format_duration(uptime_s))
    latency = (
        f"{latency_s * 1000:.0f} ms" if math.isfinite(latency_s) else t("about.not_connected", lang)
    )
    embed.add_field(name=t("about.latency", lang), value=latency)
    embed.add_field(name=t("about.database", lang), value=backend)
    embed.add_field(name=t("about.shard", lang), value=f"{(shard_id or 0) + 1}/{shard_count}")
    lines = [f"{t(f'kinds.{kind.value}', lang)}: **{n}**" for kind, n in counts.items()]
    embed.add_field(name=t("about.entries", lang), value="\n".join(lines), inline=False)
    report = t("about.report_line", lang, report=t("report.title", lang))
    embed.add_field(name=t("about.report", lang), value=report, inline=False)
    return embed


def _describe(command: Any, lang: Lang) -> str:
    description = getattr(command, "description", "") or ""
    return DESCRIPTIONS_ZH.get(description, description) if lang == "zh" else description


def help_lines(tree: app_commands.CommandTree[Any], lang: Lang) -> list[tuple[str, list[str]]]:
    """(group title, lines) for every command in the tree, subcommands under their group."""
    general: list[str] = []
    groups: list[tuple[str, list[str]]] = []
    menus: list[str] = []
    for command in sorted(tree.get_commands(), key=lambda c: c.name):
        if isinstance(command, app_commands.ContextMenu):
            name = NAMES_ZH.get(command.name, command.name) if lang == "zh" else command.name
            menus.append(f"**{name}**")
        elif isinstance(command, app_commands.Group):
            lines = [
                f"`/{sub.qualified_name}`: {_describe(sub, lang)}"
                for sub in sorted(command.walk_commands(), key=lambda c: c.qualified_name)
                if isinstance(sub, app_commands.Command)
            ]
            groups.append((f"/{command.name}: {_describe(command, lang)}", lines))
        else:
            general.append(f"`/{command.name}`: {_describe(command, lang)}")
    sections = [(t("help.general", lang), general), *groups]
    if menus:
        sections.append((t("help.context_menu", lang), menus))
    return [(title, lines) for title, lines in sections if lines]


def help_pages(tree: app_commands.CommandTree[Any], lang: Lang) -> list[discord.Embed]:
    """Each group a field; a new page whenever a page would pass 12 fields or 4000 chars."""
    pages: list[discord.Embed] = []

    def new_page() -> discord.Embed:
        embed = discord.Embed(
            title=t("help.title", lang), description=t("help.description", lang), colour=COLOUR
        )
        pages.append(embed)
        return embed

    page = new_page()
    for title, lines in help_lines(tree, lang):
        value = clip("\n".join(lines), FIELD_VALUE)
        if len(page.fields) >= min(12, FIELDS) or len(page) + len(title) + len(value) > 4000:
            page = new_page()
        page.add_field(name=clip(title, 256), value=value, inline=False)
    anywhere = t("help.anywhere", lang)
    if len(page.fields) >= min(12, FIELDS) or len(page) + len(anywhere) > 4000:
        page = new_page()
    page.add_field(name=t("help.anywhere_title", lang), value=anywhere, inline=False)
    return pages
