"""The one write path of every change, and the history of an entry as one guild sees it.

A write is a conditional update, `UPDATE entries ... WHERE id = :id AND version = :based_on`, plus
the revision and a notification to the other processes (bot/db/notify.py), in the caller's
transaction: if another change landed first no row matches, and the caller is told (Stale)
instead of overwriting it. The first edit of a shipped entry in a guild
inserts the guild's overlay instead; two of those at once meet the unique (guild, kind, slug)
constraint, and the loser is told the same way.

Versions of one entry in one guild never repeat: an overlay starts one above the shipped version
it was based on, so a version a member saw before the overlay existed can never match it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

from sqlalchemy import CursorResult, and_, bindparam, func, insert, not_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.models import SCHEMA_VERSION, SHIPPED, Entry, Revision
from bot.db.notify import notify_change
from bot.editing.views import Scope, aware
from bot.errors import EntryNotFound, NoShippedText, NothingChanged
from bot.knowledge.store import content_hash

HIDDEN_STEP_ACTIONS = ("follow",)
"""Overlay revisions left out of the guild's history: a followed shipped change shows as the
shipped revision itself, not twice."""


class Stale(Exception):
    """The entry is no longer at the version the change was based on."""

    def __init__(self, current: int | None) -> None:
        super().__init__(current)
        self.current = current


@dataclass(slots=True)
class Scoped:
    """One entry's rows for one guild: its overlay (if any) and the shipped row (if any)."""

    overlay: Entry | None
    shipped: Entry | None
    steps: int = 0
    """How many revisions of both rows the guild's history numbers: the next one is steps + 1."""

    @property
    def token(self) -> int | None:
        """The version the guild's entry is at: what an edit of it is based on."""
        if self.overlay is not None:
            return self.overlay.version
        return self.shipped.version if self.shipped is not None else None

    @property
    def seen(self) -> Entry | None:
        """The row whose text the guild sees."""
        if self.overlay is not None and not (self.overlay.follows_shipped and self.shipped):
            return self.overlay
        return self.shipped

    @property
    def following(self) -> bool:
        """The guild shows the shipped text (never edited, or handed back)."""
        if self.shipped is None:
            return False
        return self.overlay is None or self.overlay.follows_shipped

    @property
    def ids(self) -> list[int]:
        return [r.id for r in (self.shipped, self.overlay) if r is not None]


_STEPS = (
    select(func.count(Revision.id))
    .where(Revision.entry_id == Entry.id, Revision.action.not_in(HIDDEN_STEP_ACTIONS))
    .correlate(Entry)
    .scalar_subquery()
)
# The write path's statements, built once with bound parameters: built per call with literal
# values, SQLAlchemy coerced each value and derived the statement's cache key again every time,
# about a fifth of an edit.
_SCOPED = select(Entry, _STEPS).where(
    Entry.kind == bindparam("w_kind"),
    Entry.slug == bindparam("w_slug"),
    Entry.guild_id.in_((SHIPPED, bindparam("w_guild"))),
)
_WRITTEN = (
    "data",
    "content_hash",
    "hidden",
    "version",
    "updated_at",
    "updated_by",
    "follows_shipped",
    "base_version",
)
_UPDATE = (
    update(Entry)
    .where(Entry.id == bindparam("w_id"), Entry.version == bindparam("w_current"))
    .values({name: bindparam(f"w_{name}") for name in _WRITTEN})
    .execution_options(synchronize_session=False)
)
_REVISION = (
    "entry_id",
    "version",
    "replaced_version",
    "action",
    "data",
    "content_hash",
    "hidden",
    "author_id",
    "reason",
    "created_at",
    "interaction_id",
    "schema_version",
)
_INSERT_REVISION = (
    insert(Revision)
    .values({name: bindparam(f"w_{name}") for name in _REVISION})
    .returning(Revision.id)
)


def _bound(values: dict[str, Any]) -> dict[str, Any]:
    return {f"w_{name}": value for name, value in values.items()}


async def scoped(session: AsyncSession, guild_id: int, kind: str, slug: str) -> Scoped:
    """The entry's rows for the guild, and how long its history is, in one statement."""
    found = Scoped(None, None)
    rows = await session.execute(_SCOPED, {"w_kind": kind, "w_slug": slug, "w_guild": guild_id})
    for row, count in rows.tuples():
        if row.guild_id == SHIPPED:
            found.shipped = row
        else:
            found.overlay = row
        found.steps += int(count or 0)
    return found


@dataclass(frozen=True, slots=True)
class Change:
    """One change to one guild's entry, as the write path takes it."""

    guild_id: int
    kind: str
    slug: str
    action: str
    author_id: int | None
    reason: str | None
    based_on: int | None
    """The version the author saw; None: whatever is current when the write runs."""
    data: dict[str, Any] | None = None
    """The new text; None keeps the text the guild sees (a removal, "keep ours")."""
    hidden: bool | None = None
    """None keeps the current state."""
    interaction_id: int | None = None
    create: bool = False
    """A new guild entry: nothing of that id may exist in the guild or the shipped set."""
    follows: bool = False
    """Hand the entry back to the shipped text from now on."""
    base_version: int | None = None
    """A new shipped base (keep, take); None leaves it (or, for a new overlay, the shipped
    version it starts from)."""
    allow_same: bool = False
    """Write a revision even when the text does not change ("keep ours" moves only the base)."""


@dataclass(frozen=True, slots=True)
class Written:
    row: Entry
    revision: Revision
    before_data: dict[str, Any] | None
    before_hidden: bool
    number: int


async def write(session: AsyncSession, rows: Scoped, change: Change, now: datetime) -> Written:
    """Apply `change` to `rows` (read by `scoped` in this same transaction); raises Stale,
    NothingChanged or EntryNotFound, or IntegrityError when a concurrent insert won."""
    current = rows.token
    if change.create:
        if current is not None:
            raise Stale(current)
    elif current is None:
        raise EntryNotFound(change.kind, change.slug)
    elif change.based_on is not None and change.based_on != current:
        raise Stale(current)
    seen = rows.seen
    before_data = seen.data if seen is not None else None
    before_hidden = seen.hidden if seen is not None else False
    overlay, shipped = rows.overlay, rows.shipped
    source = seen
    if change.follows:
        if shipped is None:
            raise NoShippedText(f"{change.kind}/{change.slug}")
        source = shipped
    data = change.data if change.data is not None else (source.data if source else None)
    if data is None:
        raise EntryNotFound(change.kind, change.slug)
    hidden = change.hidden if change.hidden is not None else (source.hidden if source else False)
    digest = content_hash(data)
    if (
        not change.allow_same
        and seen is not None
        and digest == seen.content_hash
        and hidden == before_hidden
        and (rows.following or not change.follows)
    ):
        raise NothingChanged(f"{change.kind}/{change.slug}")
    base: int | None
    if change.base_version is not None:
        base = change.base_version
    elif change.follows and shipped is not None:
        base = shipped.version
    elif overlay is not None:
        base = overlay.base_version
    else:
        base = shipped.version if shipped is not None else None
    values: dict[str, Any] = {
        "data": data,
        "content_hash": digest,
        "hidden": hidden,
        "version": (current or 0) + 1,
        "updated_at": now,
        "updated_by": change.author_id,
        "follows_shipped": change.follows,
        "base_version": base,
    }
    if overlay is not None:
        updated = await session.execute(
            _UPDATE, _bound({**values, "id": overlay.id, "current": current})
        )
        if cast(CursorResult[Any], updated).rowcount != 1:
            raise Stale(None)
        row = Entry(
            id=overlay.id,
            guild_id=overlay.guild_id,
            kind=overlay.kind,
            slug=overlay.slug,
            schema_version=SCHEMA_VERSION,
            **values,
        )
    else:
        row = Entry(guild_id=change.guild_id, kind=change.kind, slug=change.slug, **values)
        session.add(row)
        await session.flush()
    facts: dict[str, Any] = {
        "entry_id": row.id,
        "version": row.version,
        "replaced_version": current,
        "action": change.action,
        "data": data,
        "content_hash": digest,
        "hidden": hidden,
        "author_id": change.author_id,
        "reason": change.reason,
        "created_at": now,
        "interaction_id": change.interaction_id,
        "schema_version": SCHEMA_VERSION,
    }
    facts["id"] = (await session.execute(_INSERT_REVISION, _bound(facts))).scalar_one()
    await notify_change(session, row, facts["id"])
    numbered = change.action not in HIDDEN_STEP_ACTIONS
    return Written(row, Revision(**facts), before_data, before_hidden, rows.steps + numbered)


def _counted(ids: Sequence[int], overlay_id: int | None) -> Any:
    listed = Revision.entry_id.in_(ids)
    if overlay_id is None:
        return listed
    hidden = and_(Revision.entry_id == overlay_id, Revision.action.in_(HIDDEN_STEP_ACTIONS))
    return and_(listed, not_(hidden))


# -- history -------------------------------------------------------------------------------


@dataclass(slots=True)
class Step:
    """One revision's place in the guild's history. Its details and data are loaded only for
    the steps a page shows: an entry with a long history is numbered from three columns."""

    number: int
    revision_id: int
    scope: Scope
    action: str
    previous: int | None
    """The step this one changed from: for a shipped step the shipped one before it, for a
    guild step the text the guild saw just before. Indexes into the step list."""
    shadowed: bool


@dataclass(frozen=True, slots=True)
class Detail:
    version: int
    author_id: int | None
    reason: str | None
    created_at: datetime
    hidden: bool
    data: dict[str, Any]


@dataclass(slots=True)
class Timeline:
    rows: Scoped
    steps: list[Step]

    @property
    def current(self) -> int:
        """Index of the step whose text the guild sees now."""
        guild = [i for i, s in enumerate(self.steps) if s.scope == "guild"]
        shipped = [i for i, s in enumerate(self.steps) if s.scope == "shipped"]
        if guild and not self.rows.following:
            return guild[-1]
        return shipped[-1] if shipped else len(self.steps) - 1


async def timeline(session: AsyncSession, guild_id: int, kind: str, slug: str) -> Timeline:
    """Every revision of the entry the guild can see the history of, oldest first: the shipped
    ones (including those under its own edit, marked shadowed) and its own."""
    rows = await scoped(session, guild_id, kind, slug)
    if not rows.ids:
        raise EntryNotFound(kind, slug)
    overlay_id = rows.overlay.id if rows.overlay is not None else None
    found = await session.execute(
        select(Revision.id, Revision.entry_id, Revision.action)
        .where(_counted(rows.ids, overlay_id))
        .order_by(Revision.id)
    )
    steps: list[Step] = []
    last_shipped: int | None = None
    last_guild: int | None = None
    guild_active = False
    for index, (rev_id, entry_id, action) in enumerate(found.tuples()):
        mine = entry_id == overlay_id
        previous = (last_guild if guild_active else last_shipped) if mine else last_shipped
        steps.append(
            Step(
                number=index + 1,
                revision_id=rev_id,
                scope="guild" if mine else "shipped",
                action=action,
                previous=previous,
                shadowed=not mine and guild_active,
            )
        )
        if mine:
            guild_active = action != "take"
            last_guild = index
        else:
            last_shipped = index
    return Timeline(rows, steps)


async def details(session: AsyncSession, revision_ids: Sequence[int]) -> dict[int, Detail]:
    """Who, when, why and the snapshot of some revisions, by id."""
    if not revision_ids:
        return {}
    found = await session.execute(
        select(
            Revision.id,
            Revision.version,
            Revision.author_id,
            Revision.reason,
            Revision.created_at,
            Revision.hidden,
            Revision.data,
        ).where(Revision.id.in_(list(revision_ids)))
    )
    return {
        rev_id: Detail(version, author, reason, aware(created), hidden, data)
        for rev_id, version, author, reason, created, hidden, data in found.tuples()
    }
