"""Every message the bot writes itself, keyed, in both languages.

Entry text comes from the knowledge files; this is the frame around it: labels, errors, buttons.
A missing Chinese string falls back to English rather than failing a reply.
"""

from __future__ import annotations

from typing import Any, Literal

from bot.i18n.areas import compute, core, editing, editing_ui, lookup, review

Lang = Literal["en", "zh"]

STRINGS: dict[str, dict[str, str]] = {
    **core.STRINGS,
    **compute.STRINGS,
    **lookup.STRINGS,
    **editing.STRINGS,
    **editing_ui.STRINGS,
    **review.STRINGS,
}


def language_for(locale: str | None) -> Lang:
    """zh-CN and zh-TW users read Chinese; everyone else English. Which script a Chinese reader
    gets (Traditional for zh-TW and zh-HK) is bot/i18n/script.py's `script_for`."""
    return "zh" if locale and str(locale).lower().startswith("zh") else "en"


def t(key: str, lang: Lang = "en", /, **params: Any) -> str:
    """The string for `key` in `lang`, formatted; falls back to English, then to the key."""
    texts = STRINGS.get(key)
    if texts is None:
        return key
    template = texts.get(lang) or texts["en"]
    return template.format(**params) if params else template
