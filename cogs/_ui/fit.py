"""The one guard that keeps an embed inside Discord's total-size limit."""

from __future__ import annotations

import discord

from bot.limits import EMBED_TOTAL
from cogs._ui.text import clip


def fit_embed(embed: discord.Embed, total: int = EMBED_TOTAL) -> discord.Embed:
    """Shorten the description, then drop trailing fields, until the embed fits `total`."""
    overflow = len(embed) - total
    if overflow > 0 and embed.description:
        keep = max(len(embed.description) - overflow - 10, 200)
        embed.description = clip(embed.description, keep)
    while len(embed) > total and embed.fields:
        embed.remove_field(len(embed.fields) - 1)
    return embed
