"""Fitting stored text into Discord's limits without breaking words or pinging anyone."""

from __future__ import annotations

import re

import discord

from bot.sanitize import clean_echo

SENTENCE_END = re.compile(r"(?<=[.!?。！？；])\s*")
ELLIPSIS = "…"


def clip(text: str, limit: int) -> str:
    """Cut `text` to `limit` characters at a sentence end, else a word break, never mid-word."""
    if len(text) <= limit:
        return text
    window = text[: limit - len(ELLIPSIS) - 1]  # room for the space before the ellipsis
    ends = [m.start() for m in SENTENCE_END.finditer(window) if m.start() > limit // 3]
    if ends:
        return window[: ends[-1]].rstrip() + " " + ELLIPSIS
    space = window.rfind(" ")
    if space > limit // 3:
        return window[:space].rstrip() + " " + ELLIPSIS
    # Chinese has no spaces: any character boundary is a word boundary there.
    return window.rstrip() + ELLIPSIS


def split_pages(text: str, limit: int) -> list[str]:
    """Split long text into pages of at most `limit`, each ending at a sentence or word."""
    pages: list[str] = []
    rest = text.strip()
    while len(rest) > limit:
        window = rest[:limit]
        ends = [m.end() for m in SENTENCE_END.finditer(window) if m.end() > limit // 3]
        cut = ends[-1] if ends else (window.rfind(" ") if window.rfind(" ") > limit // 3 else limit)
        pages.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    if rest:
        pages.append(rest)
    return pages


def safe(text: str) -> str:
    """Stored text is shown, never obeyed: no mass mentions, no role or user pings."""
    text = discord.utils.escape_mentions(text)
    return text


ECHO_MAX = 100
"""The longest user input echoed back: a lookup option's own limit."""


def quoted(text: str) -> str:
    """User input echoed back: visible characters, shortened, no markdown, no pings."""
    return safe(discord.utils.escape_markdown(clip(clean_echo(text).strip(), ECHO_MAX)))
