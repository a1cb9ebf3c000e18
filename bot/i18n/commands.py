"""Chinese names and descriptions of the slash commands, keyed by their English text.

Discord shows these to zh-CN and zh-TW users in the command picker; the English names stay the
contract, the Chinese ones are a localization on top. Keyed by English so a cog's decorator keeps
reading as plain English. Each area keeps its own table in bot/i18n/areas/.
"""

from __future__ import annotations

from bot.i18n.areas import compute, core, editing_ui, lookup

NAMES_ZH: dict[str, str] = {
    **core.NAMES_ZH,
    **compute.NAMES_ZH,
    **lookup.NAMES_ZH,
    **editing_ui.NAMES_ZH,
}
DESCRIPTIONS_ZH: dict[str, str] = {
    **core.DESCRIPTIONS_ZH,
    **compute.DESCRIPTIONS_ZH,
    **lookup.DESCRIPTIONS_ZH,
    **editing_ui.DESCRIPTIONS_ZH,
}
