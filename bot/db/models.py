"""ORM tables. Alembic migrations in alembic/versions must match these (a test checks)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

SHIPPED = 0
"""guild_id of the shipped entries: an overlay row carries the guild that edited it."""

SCHEMA_VERSION = 2
"""The version of the knowledge models (bot/knowledge/models.py) a row's `data` was written
with. Raise it with any model change that can make stored rows fail to parse: the catalog then
knows a row that no longer validates is old, not corrupt, and skips it with a warning. Rows
written before migration 0002 carry the database default, 1."""

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(UTC)


def aware(moment: datetime) -> datetime:
    """SQLite hands timestamps back without their zone; every one stored is UTC."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Entry(Base):
    """The current text of one entry in one scope (shipped, or one guild's overlay)."""

    __tablename__ = "entries"
    __table_args__ = (
        UniqueConstraint("guild_id", "kind", "slug", name="uq_entries_scope_kind_slug"),
        Index("ix_entries_kind_slug", "kind", "slug"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    guild_id: Mapped[int] = mapped_column(BigInteger, default=SHIPPED)
    kind: Mapped[str] = mapped_column(String(16))
    slug: Mapped[str] = mapped_column(String(64))
    version: Mapped[int] = mapped_column(Integer, default=1)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    content_hash: Mapped[str] = mapped_column(String(64))
    hidden: Mapped[bool] = mapped_column(Boolean, default=False)
    """A retired shipped entry or one a guild removed: kept with its history, not shown."""
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_by: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    """Discord user id of the last editor; None for the shipped load."""
    schema_version: Mapped[int] = mapped_column(
        Integer, default=SCHEMA_VERSION, onupdate=SCHEMA_VERSION, server_default="1"
    )
    base_version: Mapped[int | None] = mapped_column(Integer, nullable=True)
    """Overlay rows only: the shipped version the guild's text was last based on, so a newer
    shipped text under a guild edit is noticed. None for an entry the guild added."""
    follows_shipped: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    """Overlay rows only: the guild took the shipped text back; the catalog serves the shipped
    row, and this one is kept (in step with it) as the anchor of the guild's history."""


class Revision(Base):
    """An append-only snapshot of an entry after each change. Never updated, never deleted."""

    __tablename__ = "revisions"
    __table_args__ = (
        UniqueConstraint("entry_id", "version", name="uq_revisions_entry_version"),
        # Every write counts the entry's steps (editing/rows.scoped); with the action in the
        # index the count never reads the revisions themselves, whose texts make it grow with
        # the history (2 ms at 1,000 revisions on SQLite, 0.09 ms from this index).
        Index("ix_revisions_entry_action", "entry_id", "action"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("entries.id"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    replaced_version: Mapped[int | None] = mapped_column(Integer, nullable=True)
    action: Mapped[str] = mapped_column(String(16))
    """load, retire (shipped); add, edit, remove, revert, suggestion, import, keep, take,
    follow (guild overlays); migrate (a data step of an Alembic migration)."""
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    content_hash: Mapped[str] = mapped_column(String(64))
    hidden: Mapped[bool] = mapped_column(Boolean, default=False)
    author_id: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    schema_version: Mapped[int] = mapped_column(Integer, default=SCHEMA_VERSION, server_default="1")
    interaction_id: Mapped[int | None] = mapped_column(
        BigInteger, nullable=True, unique=True, index=True
    )
    """The Discord interaction (modal submit, button press) that made this change: Discord can
    deliver one twice, and the unique index keeps the second from adding a revision."""


class Setting(Base):
    """Small key/value facts the bot keeps about itself, such as the last synced tree hash."""

    __tablename__ = "bot_state"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class GuildSettings(Base):
    """Per-guild editing settings, set by members with Manage Guild."""

    __tablename__ = "guild_settings"

    guild_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    editor_role_id: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    log_channel_id: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    review_channel_id: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    """None means the log channel."""
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_by: Mapped[int | None] = mapped_column(BigInteger, nullable=True)


class MemberSuggestion(Base):
    """A member's proposed correction (or new entry), waiting for an editor's decision."""

    __tablename__ = "suggestions"
    __table_args__ = (Index("ix_suggestions_guild_status", "guild_id", "status"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    guild_id: Mapped[int] = mapped_column(BigInteger)
    kind: Mapped[str] = mapped_column(String(16))
    slug: Mapped[str | None] = mapped_column(String(64), nullable=True)
    """The entry corrected; None for a proposed new entry (its id is in `data`)."""
    based_on_version: Mapped[int | None] = mapped_column(Integer, nullable=True)
    """The version the member saw; None for a proposed new entry."""
    language: Mapped[str] = mapped_column(String(2))
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    """The whole entry as it would be after approval, already validated."""
    source: Mapped[str] = mapped_column(Text)
    """The source line the member gave (`URL title`)."""
    reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    author_id: Mapped[int] = mapped_column(BigInteger)
    status: Mapped[str] = mapped_column(String(16), default="pending")
    """pending, approved, rejected."""
    decided_by: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    decision_reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    review_channel_id: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    review_message_id: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    interaction_id: Mapped[int | None] = mapped_column(
        BigInteger, nullable=True, unique=True, index=True
    )
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class MissingLookup(Base):
    """What members of a guild looked up and did not find. No user ids, by design."""

    __tablename__ = "missing_lookups"

    guild_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    kind: Mapped[str] = mapped_column(String(16), primary_key=True)
    """The kind looked up, or '' for a search across kinds."""
    query: Mapped[str] = mapped_column(String(100), primary_key=True)
    """Normalized as the search index normalizes names."""
    count: Mapped[int] = mapped_column(Integer, default=1)
    first_seen: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    last_seen: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class ShippedNotice(Base):
    """A new shipped text under a guild's edit, waiting for "keep ours" or "take shipped".

    A row, not a message in memory, so a restart between the shipped load and the log channel
    post loses no notice, and the buttons of a posted one still find it.
    """

    __tablename__ = "shipped_notices"
    __table_args__ = (
        UniqueConstraint("entry_id", "new_version", name="uq_shipped_notices_entry_version"),
        Index("ix_shipped_notices_guild_status", "guild_id", "status"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    guild_id: Mapped[int] = mapped_column(BigInteger)
    entry_id: Mapped[int] = mapped_column(ForeignKey("entries.id"))
    """The guild's overlay row."""
    shipped_entry_id: Mapped[int] = mapped_column(ForeignKey("entries.id"))
    old_version: Mapped[int | None] = mapped_column(Integer, nullable=True)
    """The shipped version the guild's text was based on; None for an entry the guild added
    before a release shipped one of the same id."""
    new_version: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16), default="pending")
    """pending, kept, taken, superseded (a newer release came before a decision)."""
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    decided_by: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    channel_id: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    message_id: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
