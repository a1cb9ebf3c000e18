"""Chinese names and descriptions of the slash commands, keyed by their English text.

Discord shows these to zh-CN and zh-TW users in the command picker; the English names stay the
contract, the Chinese ones are a localization on top. Keyed by English so a cog's decorator keeps
reading as plain English. Each area keeps its own table in bot/i18n/areas/.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
from pathlib import Path

from bot.i18n import script
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


def localization_stamp() -> bytes:
    """A digest of what the commands' localizations are made from: these tables, the conversion
    to Traditional (bot/i18n/script.py) and the OpenCC release whose dictionaries convert. Equal
    stamps localize an equal tree equally, so a start can tell it has nothing to sync without
    converting anything."""
    digest = hashlib.blake2b(digest_size=16)
    tables = json.dumps([NAMES_ZH, DESCRIPTIONS_ZH], sort_keys=True, ensure_ascii=False)
    digest.update(tables.encode() + b"\0")
    digest.update(Path(script.__file__ or "").read_bytes() + b"\0")
    digest.update(importlib.metadata.version("OpenCC").encode())
    return digest.digest()
