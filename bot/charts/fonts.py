"""Which font can draw Chinese labels, in which script, if the host has one.

matplotlib's bundled DejaVu Sans has no CJK glyphs: Chinese labels would come out as boxes. A
chart asked for in Chinese falls back to English labels when no installed font has the glyphs
of the reader's script. Traditional readers get a Traditional (TC, HK) face when there is one,
for its glyph shapes; a Simplified family that covers the Traditional characters (WenQuanYi,
Noto Sans CJK SC) draws them otherwise.

matplotlib keeps its font list in a cache written the first time it ran: a font installed after
that (`apt-get install fonts-wqy-microhei` on a machine that already drew a chart) is not in it,
so when the cached list has no CJK family the system font folders are read once more.
"""

from __future__ import annotations

import functools

from matplotlib import font_manager
from matplotlib.ft2font import FT2Font

from bot.i18n import Lang
from bot.i18n.script import Script

SIMPLIFIED_FAMILIES = (
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "Microsoft YaHei",
    "SimHei",
    "PingFang SC",
)
TAIWAN_FAMILIES = (
    "Noto Sans CJK TC",
    "Noto Sans TC",
    "Source Han Sans TC",
    "Microsoft JhengHei",
    "PingFang TC",
)
HONG_KONG_FAMILIES = ("Noto Sans CJK HK", "Noto Sans HK", "Source Han Sans HC", "PingFang HK")
PREFERRED: dict[Script, tuple[str, ...]] = {
    "hans": SIMPLIFIED_FAMILIES,
    "hant": TAIWAN_FAMILIES + HONG_KONG_FAMILIES + SIMPLIFIED_FAMILIES,
    "hk": HONG_KONG_FAMILIES + TAIWAN_FAMILIES + SIMPLIFIED_FAMILIES,
}
PROBES: dict[Script, str] = {
    "hans": "时间线浪潮产业链专家系统训练与算力",
    "hant": "時間線浪潮產業鏈專家系統訓練與算力輝達資訊軟體記憶體",
    "hk": "時間線浪潮產業鏈專家系統訓練與算力英偉達數據庫網絡裏",
}
"""Characters a chart's own strings use in each script: a family must have every one."""
LATIN = "DejaVu Sans"


def _installed() -> dict[str, str]:
    return {font.name: font.fname for font in font_manager.fontManager.ttflist}


@functools.cache
def _font_files() -> dict[str, str]:
    """Family name to file; reads the system folders again when the cache knows no CJK font."""
    found = _installed()
    known = {family for families in PREFERRED.values() for family in families}
    if known.isdisjoint(found):
        seen = set(found.values())
        for path in font_manager.findSystemFonts():
            if path not in seen:
                try:
                    font_manager.fontManager.addfont(path)
                except (OSError, RuntimeError, ValueError):  # a file FreeType cannot read
                    continue
        found = _installed()
    return found


@functools.cache
def _charmap(path: str) -> frozenset[int]:
    return frozenset(FT2Font(path).get_charmap())


def covers(family: str, text: str) -> bool:
    """Whether `family` (installed) has a glyph for every non-ASCII character of `text`."""
    path = _font_files().get(family)
    if path is None:
        return False
    charmap = _charmap(path)
    return all(ord(c) in charmap for c in text if not c.isascii() and not c.isspace())


@functools.cache
def cjk_family(script: Script = "hans") -> str | None:
    """The first preferred family for `script` that is installed and has its characters."""
    return next((f for f in PREFERRED[script] if covers(f, PROBES[script])), None)


def chart_script(lang: Lang, script: Script) -> Script | None:
    """The script a chart draws Chinese in for a reader of `lang` in `script`, or None when it
    is drawn in English: the reader's language is English, or no font has their script."""
    return script if lang == "zh" and cjk_family(script) else None


def chart_lang(lang: Lang, script: Script = "hans") -> Lang:
    """The language a chart can be drawn in for a reader of `lang` in `script`."""
    return "zh" if chart_script(lang, script) else "en"


def families(script: Script | None = None) -> list[str]:
    """Font families for a chart's text: for Chinese the CJK family of `script` first (its
    full-width punctuation, and Latin letters that match it), then DejaVu Sans for whatever it
    lacks (matplotlib falls back per glyph); for English DejaVu Sans alone."""
    family = cjk_family(script) if script else None
    return [family, LATIN] if family else [LATIN]


def bold(script: Script | None = None) -> bool:
    """Whether bold text can be drawn: the CJK family may have no bold face (WenQuanYi has
    none), and asking for one would only log a warning and draw it regular."""
    family = cjk_family(script) if script else None
    if family is None:
        return True
    return any(
        font.name == family and font.weight in ("bold", 700, 800, 900)
        for font in font_manager.fontManager.ttflist
    )
