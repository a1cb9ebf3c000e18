"""What the editing service returns: plain frozen values, ready for cogs/_ui to render."""

from __future__ import annotations

import hashlib
from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from bot.db.models import aware as aware
from bot.editing.fields import ModalFields
from bot.i18n import Lang, t
from bot.knowledge.models import EntryBase, EntryKind

Scope = Literal["shipped", "guild"]


def describe_change(action: str, changed: tuple[str, ...], lang: Lang) -> str:
    """One line: what kind of change, and which fields it touched."""
    label = t(f"editing.action.{action}", lang)
    if not changed:
        return label
    return t("editing.changed", lang, action=label, fields=", ".join(changed))


@dataclass(frozen=True, slots=True)
class GuildConfig:
    """A guild's editing settings; a guild that never set any gets all None."""

    guild_id: int
    editor_role_id: int | None = None
    log_channel_id: int | None = None
    review_channel_setting: int | None = None
    """What was set for the review channel; `review_channel_id` is the one to use."""
    updated_at: datetime | None = None
    updated_by: int | None = None

    @property
    def review_channel_id(self) -> int | None:
        """Suggestions wait here: the review channel, else the log channel."""
        return self.review_channel_setting or self.log_channel_id


def is_editor(has_manage_guild: bool, role_ids: Collection[int], settings: GuildConfig) -> bool:
    """Editors are members with Manage Guild, and members holding the guild's editor role."""
    if has_manage_guild:
        return True
    return settings.editor_role_id is not None and settings.editor_role_id in role_ids


@dataclass(frozen=True, slots=True)
class ChangeResult:
    """One committed change: the revision it wrote and what it changed."""

    entry_id: str
    guild_id: int
    action: str
    number: int
    """The revision's number in the entry's history as this guild sees it (for revert, diff)."""
    version: int
    """The entry's version now: what the next edit is based on."""
    author_id: int | None
    reason: str | None
    created_at: datetime
    hidden: bool
    changed: tuple[str, ...]
    """Fields that differ from the text the guild saw before: `summary.en`, `sources`, ..."""
    diff: tuple[str, ...]
    """Unified diff lines of the rendered entry, before -> after (for the log channel)."""
    duplicate: bool = False
    """True when this was a repeated submit: nothing was written, this is the first's result."""

    def describe(self, lang: Lang) -> str:
        return describe_change(self.action, self.changed, lang)


@dataclass(frozen=True, slots=True)
class Draft:
    """An entry as the guild sees it, with the version an edit of it must be based on."""

    entry_id: str
    kind: EntryKind
    guild_id: int
    version: int
    entry: EntryBase | None
    """None when the stored row no longer validates (written under older models)."""
    hidden: bool
    edited: bool
    """The guild's own text (an overlay it has not handed back to the shipped one)."""
    follows_shipped: bool
    updated_at: datetime
    updated_by: int | None


@dataclass(frozen=True, slots=True)
class HistoryItem:
    number: int
    scope: Scope
    """shipped: a release's text; guild: this guild's change."""
    action: str
    version: int
    author_id: int | None
    reason: str | None
    created_at: datetime
    hidden: bool
    shadowed: bool
    """A shipped text that changed under this guild's own edit: shown here, not to members."""
    changed: tuple[str, ...]

    def describe(self, lang: Lang) -> str:
        line = describe_change(self.action, self.changed, lang)
        return t("editing.history.shadowed", lang, line=line) if self.shadowed else line


@dataclass(frozen=True, slots=True)
class HistoryPage:
    entry_id: str
    guild_id: int
    page: int
    """1-based."""
    pages: int
    total: int
    current: int
    """The number of the revision whose text the guild sees now."""
    items: tuple[HistoryItem, ...]
    """Newest first."""


@dataclass(frozen=True, slots=True)
class DiffView:
    entry_id: str
    from_number: int | None
    """None: compared with nothing (the entry's first revision)."""
    to_number: int
    lines: tuple[str, ...]

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    @property
    def empty(self) -> bool:
        return not self.lines


@dataclass(frozen=True, slots=True)
class SuggestionView:
    id: int
    guild_id: int
    kind: EntryKind
    entry_id: str
    """The entry corrected, or the id the proposed new entry would get."""
    new_entry: bool
    based_on: int | None
    lang: Lang
    author_id: int
    source: str
    reason: str | None
    status: Literal["pending", "approved", "rejected"]
    created_at: datetime
    decided_by: int | None
    decided_at: datetime | None
    decision_reason: str | None
    review_channel_id: int | None
    review_message_id: int | None
    proposed: ModalFields
    """The proposal in the modal's fields (title, summary, body in `lang`, sources)."""
    diff: tuple[str, ...]
    """The entry as it is now -> as proposed."""
    duplicate: bool = False


@dataclass(frozen=True, slots=True)
class Decision:
    suggestion: SuggestionView
    change: ChangeResult | None
    """The revision an approval wrote; None for a rejection."""


@dataclass(frozen=True, slots=True)
class MissingQuery:
    kind: EntryKind | None
    """None: looked up across every kind (search)."""
    query: str
    count: int
    """Times asked since it was last quiet for the whole window."""
    last_seen: datetime


@dataclass(frozen=True, slots=True)
class ShippedNoticeView:
    """A release changed the shipped text of an entry this guild has its own text for."""

    id: int
    guild_id: int
    entry_id: str
    old_version: int | None
    """The shipped version the guild's text was based on; None if the guild added the entry
    before any release had one of that id."""
    new_version: int
    status: Literal["pending", "kept", "taken", "superseded"]
    created_at: datetime
    decided_by: int | None
    decided_at: datetime | None
    channel_id: int | None
    message_id: int | None
    diff: tuple[str, ...]
    """The shipped text old -> new (or the guild's text -> the new shipped one)."""


@dataclass(frozen=True, slots=True)
class ImportItem:
    entry_id: str
    status: Literal["added", "changed", "conflict", "unchanged"]
    based_on: int | None
    """The version the file says the entry was at when it was exported."""
    current: int | None
    """The guild's version when the plan was made; Apply requires it still is."""
    hidden: bool
    follows_shipped: bool
    changed: tuple[str, ...]
    data: dict[str, Any] | None


@dataclass(frozen=True, slots=True)
class ImportPlan:
    """What an import would do; nothing is written until `apply_import`."""

    guild_id: int
    items: tuple[ImportItem, ...]

    def _of(self, status: str) -> list[ImportItem]:
        return [i for i in self.items if i.status == status]

    @property
    def added(self) -> list[ImportItem]:
        return self._of("added")

    @property
    def changed(self) -> list[ImportItem]:
        return self._of("changed")

    @property
    def conflicts(self) -> list[ImportItem]:
        """Entries changed in the guild since the file was exported: left alone by default."""
        return self._of("conflict")

    @property
    def unchanged(self) -> list[ImportItem]:
        return self._of("unchanged")

    @property
    def digest(self) -> str:
        """What a preview of the plan shows, as 16 hex digits: each entry, what it would do and
        the version it was at, in any order. Apply acts only if a fresh plan of the same file
        still has the digest the preview had."""
        parts = sorted(f"{i.entry_id}:{i.status}:{i.current}" for i in self.items)
        text = f"{self.guild_id}|" + "|".join(parts)
        return hashlib.sha256(text.encode()).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class ImportResult:
    applied: tuple[ChangeResult, ...]
    skipped_conflicts: int
