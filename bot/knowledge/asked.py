"""Searches as members asked them, kept under a short token that fits in a button's custom id.

A /search answer is paged by buttons that carry the token, not by a view kept per message:
the answer is the same for everyone who asks the same thing (and built and serialized once per
catalog), and paging it needs no state but this. The token is a digest of the search, so the
same search always gets the same one, in every process.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from typing import NamedTuple

from bot.i18n import Lang

SEARCHES_KEPT = 4096
"""Searches whose pages can still be turned: past this, the oldest one's buttons answer that
the list has expired, as after a restart."""
TOKEN_PATTERN = "[0-9a-f]{12}"


class AskedSearch(NamedTuple):
    scope: int | None
    """The guild whose overlay the search sees, None for the shipped catalog alone."""
    lang: Lang
    text: str


def token_of(asked: AskedSearch) -> str:
    return hashlib.blake2b(repr(tuple(asked)).encode(), digest_size=6).hexdigest()


class AskedSearches:
    """The last SEARCHES_KEPT searches, by token."""

    def __init__(self, size: int = SEARCHES_KEPT) -> None:
        self._size = size
        self._kept: OrderedDict[str, AskedSearch] = OrderedDict()

    def __len__(self) -> int:
        return len(self._kept)

    def remember(self, asked: AskedSearch) -> str:
        token = token_of(asked)
        self._kept[token] = asked
        self._kept.move_to_end(token)
        if len(self._kept) > self._size:
            self._kept.popitem(last=False)
        return token

    def recall(self, token: str) -> AskedSearch | None:
        asked = self._kept.get(token)
        if asked is not None:
            self._kept.move_to_end(token)
        return asked
