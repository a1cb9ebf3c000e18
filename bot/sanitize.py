"""User text shown back to users: visible characters only, and no Discord markup that acts.

A query echoed into "No entry for X" or a title must not reorder the line (bidi overrides), carry
terminal escapes or NULs into logs and clients, or turn into a channel link, a live timestamp, a
clickable command or a custom emoji. Mentions and markdown are handled where the text is
rendered (escape_mentions, escape_markdown); this removes what those do not.
"""

from __future__ import annotations

import re
import unicodedata

BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
KEEP_FORMAT = frozenset("\u200d")
"""Zero-width joiner: part of emoji sequences and Indic scripts, harmless on its own."""

MARKUP = re.compile(r"<(?=(?:#|@|t:|/|a?:\w))")
"""The opening of <#channel>, <@user>, <@&role>, <t:time>, </command:id> and <:emoji:id>."""

ZERO_WIDTH_SPACE = "\u200b"


def _visible(char: str) -> bool:
    if char in BIDI_CONTROLS:
        return False
    category = unicodedata.category(char)
    if category == "Cc":
        return False
    if category == "Cf":
        return char in KEEP_FORMAT
    return category not in ("Cs", "Co", "Cn")


def clean_echo(text: str) -> str:
    """`text` on one line, without control, bidi or unassigned characters, markup defused.

    Line breaks and tabs become spaces, so a title stays one line; a zero-width space after
    each "<" that opens Discord markup keeps it from rendering, and is the only invisible
    character the result can contain.
    """
    flat = "".join(" " if char in "\n\r\t\v\f" else char for char in text)
    visible = "".join(char for char in flat if _visible(char))
    return MARKUP.sub("<" + ZERO_WIDTH_SPACE, visible)
