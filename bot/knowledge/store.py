"""Writing the shipped knowledge into the database without losing anything already there.

A load compares content hashes, so restarting the bot with unchanged files writes nothing; a
changed file becomes a new revision; an entry gone from the files is retired, not deleted. Guild
overlays (guild_id != 0) are never read or written here.

Retiring is a state of the row, not a change of its text: it writes no revision, and an entry
that comes back with the same text is shown again without one. A load that would retire most of
what is there (an empty or wrong KNOWLEDGE_DIR) is refused unless asked for on purpose.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.db.database import lock_startup_work
from bot.db.models import SHIPPED, Entry, Revision, Setting, utcnow
from bot.db.notify import notify_catalog
from bot.knowledge.models import EntryBase

FINGERPRINT_KEY = "shipped_fingerprint"
FILES_KEY = "shipped_files"
"""The stamp of the knowledge files (and the code that reads them) the shipped scope was last
loaded from: a start with the same stamp need not parse the files at all."""


class RetireRefused(Exception):
    """The load would retire everything, or more than half of the shipped entries."""

    def __init__(self, retiring: int, visible: int, loading: int) -> None:
        super().__init__(retiring, visible, loading)
        self.retiring, self.visible, self.loading = retiring, visible, loading


def entry_data(entry: EntryBase) -> dict[str, Any]:
    return entry.model_dump(mode="json", exclude_none=True)


def content_hash(data: dict[str, Any]) -> str:
    canonical = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def fingerprint(wanted: dict[tuple[str, str], dict[str, Any]]) -> str:
    """One hash of the whole shipped set: equal fingerprints mean there is nothing to do."""
    digest = hashlib.sha256()
    for kind, slug in sorted(wanted):
        digest.update(f"{kind}/{slug}:{content_hash(wanted[kind, slug])}\n".encode())
    return digest.hexdigest()


@dataclass(frozen=True, slots=True)
class LoadReport:
    added: int
    changed: int
    retired: int
    unchanged: int
    restored: int = 0
    skipped: bool = False
    """True when the stored fingerprint matched and nothing was compared or written."""

    @property
    def wrote(self) -> bool:
        return bool(self.added or self.changed or self.retired or self.restored)


def _revision(row: Entry, action: str, replaced: int | None) -> Revision:
    return Revision(
        entry_id=row.id,
        version=row.version,
        replaced_version=replaced,
        action=action,
        data=row.data,
        content_hash=row.content_hash,
        hidden=row.hidden,
        author_id=None,
        reason=None,
        created_at=row.updated_at,
    )


async def load_shipped(
    sessions: async_sessionmaker[AsyncSession],
    entries: Sequence[EntryBase],
    *,
    allow_retire: bool = False,
    files_stamp: str | None = None,
) -> LoadReport:
    """Make the shipped scope match `entries`, one transaction for the whole set.

    Takes the start-up lock first, so processes starting together load one after another and
    the later ones find the fingerprint already stored. `files_stamp` names the files
    `entries` were read from (see `loaded_from`).
    """
    wanted = {(e.kind.value, e.slug): entry_data(e) for e in entries}
    set_print = fingerprint(wanted)
    added = changed = retired = unchanged = restored = 0
    async with sessions.begin() as session:
        await lock_startup_work(session)
        if files_stamp is not None:
            await _put_setting(session, FILES_KEY, files_stamp)
        stored = await session.get(Setting, FINGERPRINT_KEY)
        if stored is not None and stored.value == set_print:
            return LoadReport(0, 0, 0, len(wanted), skipped=True)
        rows = {
            (row.kind, row.slug): row
            for row in await session.scalars(select(Entry).where(Entry.guild_id == SHIPPED))
        }
        visible = sum(1 for row in rows.values() if not row.hidden)
        retiring = sum(1 for key, row in rows.items() if key not in wanted and not row.hidden)
        if not allow_retire and (not wanted or retiring * 2 > visible):
            raise RetireRefused(retiring, visible, len(wanted))
        now = utcnow()
        new_rows: list[Entry] = []
        touched: list[tuple[Entry, str, int | None]] = []
        for (kind, slug), data in wanted.items():
            digest = content_hash(data)
            row = rows.get((kind, slug))
            if row is None:
                row = Entry(
                    guild_id=SHIPPED,
                    kind=kind,
                    slug=slug,
                    version=1,
                    data=data,
                    content_hash=digest,
                    hidden=False,
                    updated_at=now,
                    updated_by=None,
                )
                new_rows.append(row)
                added += 1
            elif row.content_hash == digest:
                if row.hidden:
                    row.hidden = False
                    restored += 1
                else:
                    unchanged += 1
            else:
                replaced = row.version
                row.data, row.content_hash, row.hidden = data, digest, False
                row.version += 1
                row.updated_at, row.updated_by = now, None
                touched.append((row, "load", replaced))
                changed += 1
        for key, row in rows.items():
            if key not in wanted and not row.hidden:
                row.hidden = True
                row.updated_at = now
                retired += 1
        session.add_all(new_rows)
        await session.flush()
        session.add_all([_revision(row, "load", None) for row in new_rows])
        session.add_all([_revision(row, action, old) for row, action, old in touched])
        await _put_setting(session, FINGERPRINT_KEY, set_print)
        await notify_catalog(session)
    return LoadReport(
        added=added, changed=changed, retired=retired, unchanged=unchanged, restored=restored
    )


async def loaded_from(sessions: async_sessionmaker[AsyncSession], files_stamp: str) -> int | None:
    """How many shipped entries are shown, when the shipped scope was last loaded from files
    with this stamp; None when it was not (or never loaded), and the files must be read."""
    async with sessions() as session:
        stored = await session.get(Setting, FILES_KEY)
        if stored is None or stored.value != files_stamp:
            return None
        shown = select(func.count()).where(Entry.guild_id == SHIPPED, Entry.hidden.is_(False))
        return int(await session.scalar(shown) or 0)


async def _put_setting(session: AsyncSession, key: str, value: str) -> None:
    stored = await session.get(Setting, key)
    if stored is None:
        session.add(Setting(key=key, value=value))
    else:
        stored.value = value
