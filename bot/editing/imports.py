"""A guild's entries out as a file with their whole history, and a file back in: read and
checked completely first, previewed, then applied in one transaction or not at all."""

from __future__ import annotations

from typing import Any, Literal

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from bot.db.models import SHIPPED, Entry, Revision, utcnow
from bot.editing.core import EditingCore, split_id
from bot.editing.diff import changed_fields
from bot.editing.fields import parse_reason
from bot.editing.rows import Change, Scoped, Stale, Written, scoped, write
from bot.editing.transfer import FileEntry, export_document, read_import
from bot.editing.views import ImportItem, ImportPlan, ImportResult, aware
from bot.errors import EntryNotFound, ImportRefused, ImportStale, InvalidField, NothingChanged
from bot.knowledge.files import parse_entry
from bot.knowledge.models import EntryBase
from bot.knowledge.store import content_hash, entry_data


def _revision_json(rev: Revision) -> dict[str, Any]:
    return {
        "version": rev.version,
        "replaced_version": rev.replaced_version,
        "action": rev.action,
        "author_id": str(rev.author_id) if rev.author_id is not None else None,
        "reason": rev.reason,
        "created_at": aware(rev.created_at).isoformat(),
        "hidden": rev.hidden,
        "schema_version": rev.schema_version,
        "data": rev.data,
    }


def _plan_item(item: FileEntry, rows: Scoped) -> ImportItem:
    token, seen = rows.token, rows.seen
    data = entry_data(item.entry) if item.entry is not None else None
    if item.follows_shipped:
        if rows.shipped is None:
            problem = f"{item.id}: follows a shipped text there is none of"
            raise ImportRefused("invalid", count=1, problems=problem)
        same = rows.following
    else:
        same = (
            seen is not None
            and data is not None
            and content_hash(data) == seen.content_hash
            and item.hidden == seen.hidden
        )
    status: Literal["added", "changed", "conflict", "unchanged"]
    if token is None:
        status = "added"
    elif same:
        status = "unchanged"
    elif item.based_on == token:
        status = "changed"
    else:
        status = "conflict"
    after = data if data is not None else (rows.shipped.data if rows.shipped else None)
    return ImportItem(
        entry_id=item.id,
        status=status,
        based_on=item.based_on,
        current=token,
        hidden=item.hidden,
        follows_shipped=item.follows_shipped,
        changed=changed_fields(
            seen.data if seen is not None else None,
            after,
            hidden_before=seen.hidden if seen is not None else False,
            hidden_after=item.hidden,
        ),
        data=data,
    )


class ImportMethods(EditingCore):
    async def export(self, guild_id: int) -> bytes:
        """This guild's entries (its own texts, removed ones included) with their full history,
        as UTF-8 JSON. Each entry's `version` is what a later import of the file is based on."""
        async with self._sessions() as session:
            overlays = list(
                await session.scalars(
                    select(Entry).where(Entry.guild_id == guild_id).order_by(Entry.kind, Entry.slug)
                )
            )
            revisions = list(
                await session.scalars(
                    select(Revision)
                    .where(Revision.entry_id.in_([r.id for r in overlays]))
                    .order_by(Revision.id)
                )
            )
        history: dict[int, list[dict[str, Any]]] = {}
        for rev in revisions:
            history.setdefault(rev.entry_id, []).append(_revision_json(rev))
        entries = [
            {
                "id": f"{row.kind}/{row.slug}",
                "version": row.version,
                "base_version": row.base_version,
                "hidden": row.hidden,
                "follows_shipped": row.follows_shipped,
                "updated_at": aware(row.updated_at).isoformat(),
                "updated_by": str(row.updated_by) if row.updated_by is not None else None,
                "schema_version": row.schema_version,
                "data": row.data,
                "history": history.get(row.id, []),
            }
            for row in overlays
        ]
        return export_document(guild_id, utcnow(), entries)

    async def plan_import(self, guild_id: int, blob: bytes) -> ImportPlan:
        """Read and check an import file and say what it would do. ImportRefused (size, JSON,
        guild, kinds, an invalid entry, a broken link, a repeated id) before anything is
        written."""
        items = read_import(blob, guild_id)
        async with self._sessions() as session:
            rows = list(
                await session.scalars(select(Entry).where(Entry.guild_id.in_((SHIPPED, guild_id))))
            )
        by_key: dict[tuple[str, str], Scoped] = {}
        for row in rows:
            pair = by_key.setdefault((row.kind, row.slug), Scoped(None, None))
            if row.guild_id == SHIPPED:
                pair.shipped = row
            else:
                pair.overlay = row
        planned = [
            _plan_item(i, by_key.get((i.kind.value, i.slug)) or Scoped(None, None)) for i in items
        ]
        self._check_import(guild_id, [i.entry for i in items if i.entry and not i.hidden])
        return ImportPlan(guild_id, tuple(planned))

    def _check_import(self, guild_id: int, entries: list[EntryBase]) -> None:
        try:
            self._check(guild_id, entries, has_details=False)
        except InvalidField as error:
            detail = ", ".join(f"{k}={v}" for k, v in error.params.items() if k != "field")
            raise ImportRefused("invalid", count=1, problems=detail) from None

    async def apply_import(
        self,
        guild_id: int,
        plan: ImportPlan,
        *,
        editor_id: int,
        reason: str | None = None,
        overwrite_conflicts: bool = False,
    ) -> ImportResult:
        """Apply the plan's added and changed entries (and its conflicts, if asked) in one
        transaction, each only if still at the version the plan saw: ImportStale, and nothing
        written, if any moved since. Every entry applied is one `import` revision."""
        if plan.guild_id != guild_id:
            raise ImportRefused("wrong_guild")
        chosen = [
            i
            for i in plan.items
            if i.status in ("added", "changed") or (overwrite_conflicts and i.status == "conflict")
        ]
        self._check_import(
            guild_id, [parse_entry(i.data) for i in chosen if i.data is not None and not i.hidden]
        )
        note = parse_reason(reason)
        now = utcnow()
        applied: list[Written] = []
        current = ""
        try:
            async with self._sessions.begin() as session:
                for item in chosen:
                    current = item.entry_id
                    kind, slug = split_id(item.entry_id)
                    rows = await scoped(session, guild_id, kind.value, slug)
                    change = Change(
                        guild_id=guild_id,
                        kind=kind.value,
                        slug=slug,
                        action="import",
                        author_id=editor_id,
                        reason=note,
                        based_on=item.current,
                        data=item.data,
                        hidden=item.hidden,
                        create=item.status == "added",
                        follows=item.follows_shipped,
                    )
                    applied.append(await write(session, rows, change, now))
        except (Stale, IntegrityError, EntryNotFound, NothingChanged):
            raise ImportStale(current) from None
        for written in applied:
            self._knowledge.apply(written.row)
        return ImportResult(
            applied=tuple(self._result(w) for w in applied),
            skipped_conflicts=0 if overwrite_conflicts else len(plan.conflicts),
        )
