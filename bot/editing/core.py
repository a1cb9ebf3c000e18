"""The heart of EditingService: reading an entry as a guild sees it, the one transaction every
change runs in, edits, adds, removals, reverts, history and diffs.

A change is one transaction on SQLite's write lock (BEGIN IMMEDIATE) or PostgreSQL's row lock:
read the guild's rows, check the version, validate the new text with the same models and the
same set-wide check as the shipped files, write it with `rows.write` (a conditional update plus
the revision), commit, and hand the committed row to the catalog. Reading and validating inside
the transaction costs a millisecond of lock time and saves two round trips per edit.
"""

from __future__ import annotations

import math
from collections.abc import Awaitable, Callable, Collection, Sequence
from dataclasses import replace
from typing import Any

from pydantic import ValidationError
from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.db.models import (
    SHIPPED,
    Entry,
    GuildSettings,
    MissingLookup,
    Revision,
    ShippedNotice,
    utcnow,
)
from bot.editing import forms
from bot.editing.diff import changed_fields, render, unified
from bot.editing.fields import Form, ModalFields, clean, format_sources, parse_reason, slugify
from bot.editing.rows import (
    Change,
    Scoped,
    Stale,
    Written,
    details,
    scoped,
    timeline,
    write,
)
from bot.editing.views import (
    ChangeResult,
    DiffView,
    Draft,
    GuildConfig,
    HistoryItem,
    HistoryPage,
    aware,
    is_editor,
)
from bot.errors import (
    EditConflict,
    EntryNotFound,
    GuildOnly,
    InvalidField,
    NoShippedText,
    NoSuchRevision,
    NotEditor,
    NothingChanged,
    NoticeNotFound,
    NoticeStale,
    SlugTaken,
)
from bot.i18n import Lang
from bot.knowledge.files import check_set, links, parse_entry
from bot.knowledge.models import ID_RE, EntryBase, EntryKind
from bot.knowledge.search import normalize
from bot.knowledge.service import KnowledgeService
from bot.knowledge.store import entry_data

HISTORY_PAGE_MAX = 25
MISSING_QUERY_MAX = 100

Guard = Callable[[AsyncSession], Awaitable[None]]
"""A step run first in a change's transaction (mark a suggestion decided, close a notice)."""
Make = Callable[[Scoped], Change]
"""Builds the change from the rows read in the transaction; raises to refuse it."""


def split_id(entry_id: str) -> tuple[EntryKind, str]:
    """`kind/slug` as its parts; anything else is an entry that does not exist."""
    text = entry_id.strip()
    if not ID_RE.match(text):
        raise EntryNotFound(None, entry_id[:100])
    kind, slug = text.split("/", 1)
    return EntryKind(kind), slug


def missing_key(query: str) -> str:
    """A looked-up query as it is counted: normalized as the search index normalizes names."""
    return normalize(clean(query, multiline=False))[:MISSING_QUERY_MAX]


def visible_row(rows: Scoped, kind: EntryKind, entry_id: str) -> Entry:
    """The row the guild sees, if it sees one: a removed entry is not there to edit."""
    seen = rows.seen
    if seen is None or seen.hidden:
        raise EntryNotFound(kind.value, entry_id)
    return seen


def config_of(row: GuildSettings | None, guild_id: int) -> GuildConfig:
    if row is None:
        return GuildConfig(guild_id=guild_id)
    return GuildConfig(
        guild_id=guild_id,
        editor_role_id=row.editor_role_id,
        log_channel_id=row.log_channel_id,
        review_channel_setting=row.review_channel_id,
        updated_at=aware(row.updated_at),
        updated_by=row.updated_by,
    )


class EditingCore:
    def __init__(
        self, sessions: async_sessionmaker[AsyncSession], knowledge: KnowledgeService
    ) -> None:
        self._sessions = sessions
        self._knowledge = knowledge

    # -- permission --------------------------------------------------------------------------

    async def settings(self, guild_id: int) -> GuildConfig:
        """The guild's editing settings (all None when it never set any)."""
        async with self._sessions() as session:
            return config_of(await session.get(GuildSettings, guild_id), guild_id)

    async def require_editor(
        self, guild_id: int | None, *, has_manage_guild: bool, role_ids: Collection[int]
    ) -> GuildConfig:
        """The guild's settings, if the member may edit there; GuildOnly in a DM, NotEditor
        for a member who is not an editor. Call it on every use: admins can override the
        command's default permissions."""
        if guild_id is None:
            raise GuildOnly()
        settings = await self.settings(guild_id)
        if not is_editor(has_manage_guild, role_ids, settings):
            raise NotEditor()
        return settings

    # -- reading the entry as the guild sees it ----------------------------------------------

    async def _scoped(self, guild_id: int, kind: EntryKind, slug: str) -> Scoped:
        async with self._sessions() as session:
            return await scoped(session, guild_id, kind.value, slug)

    @staticmethod
    def _draft(guild_id: int, kind: EntryKind, rows: Scoped) -> Draft:
        seen = rows.seen
        assert seen is not None
        assert rows.token is not None
        try:
            entry: EntryBase | None = parse_entry(seen.data)
        except ValueError:
            entry = None
        return Draft(
            entry_id=f"{kind.value}/{seen.slug}",
            kind=kind,
            guild_id=guild_id,
            version=rows.token,
            entry=entry,
            hidden=seen.hidden,
            edited=seen.guild_id != SHIPPED,
            follows_shipped=rows.following,
            updated_at=aware(seen.updated_at),
            updated_by=seen.updated_by,
        )

    async def draft(self, guild_id: int, entry_id: str) -> Draft:
        """The entry (removed ones too) with the version an edit of it must be based on."""
        kind, slug = split_id(entry_id)
        rows = await self._scoped(guild_id, kind, slug)
        if rows.seen is None:
            raise EntryNotFound(kind.value, entry_id)
        return self._draft(guild_id, kind, rows)

    async def _visible_rows(self, guild_id: int, entry_id: str) -> tuple[EntryKind, str, Scoped]:
        kind, slug = split_id(entry_id)
        rows = await self._scoped(guild_id, kind, slug)
        visible_row(rows, kind, entry_id)
        return kind, slug, rows

    async def edit_form(self, guild_id: int, entry_id: str, lang: Lang) -> Form:
        """The /edit entry modal, prefilled with the text the guild sees."""
        kind, _, rows = await self._visible_rows(guild_id, entry_id)
        assert rows.seen is not None
        assert rows.token is not None
        return forms.edit_form(kind, entry_id, rows.seen.data, lang, rows.token)

    async def details_form(self, guild_id: int, entry_id: str, lang: Lang) -> Form:
        """A second modal for the kind's other fields (a project's status, an event's date)."""
        kind, _, rows = await self._visible_rows(guild_id, entry_id)
        assert rows.seen is not None
        assert rows.token is not None
        return forms.details_form(kind, entry_id, rows.seen.data, lang, rows.token)

    @staticmethod
    def add_form(kind: EntryKind, lang: Lang, name: str | None = None) -> Form:
        """The /edit add modal; `name` prefills the title (the Add button of /entry missing)."""
        return forms.add_form(kind, lang, name)

    async def removed_entries(self, guild_id: int) -> list[Draft]:
        """Entries this guild removed, for restoring them with a revert."""
        async with self._sessions() as session:
            overlays = list(
                await session.scalars(
                    select(Entry)
                    .where(Entry.guild_id == guild_id, Entry.hidden.is_(True))
                    .order_by(Entry.kind, Entry.slug)
                )
            )
        return [self._draft(guild_id, EntryKind(row.kind), Scoped(row, None)) for row in overlays]

    # -- validation --------------------------------------------------------------------------

    def _check(
        self,
        guild_id: int,
        entries: Sequence[EntryBase],
        *,
        has_details: bool,
        previous: EntryBase | None = None,
    ) -> None:
        """The set-wide check on the guild's visible set with `entries` in it. Only problems the
        change brings in count: an old dangling link elsewhere is not this editor's to fix.

        An edit that keeps its entry's links exactly (`previous` is the text it replaces) can
        bring in none, so it skips walking the set.
        """
        if (
            previous is not None
            and len(entries) == 1
            and entries[0].id == previous.id
            and links(entries[0]) == links(previous)
        ):
            return
        changed = {e.id: e for e in entries}
        visible = [v.entry for v in self._knowledge.visible(guild_id=guild_id)]
        untouched = [e for e in visible if e.id not in changed]
        replaced = [e for e in visible if e.id in changed]

        def key(p: Any) -> tuple[str, str, str]:
            return (p.entry_id, p.field, p.target)

        before = {key(p) for p in check_set([*untouched, *replaced], focus=changed)}
        after = check_set([*untouched, *changed.values()], focus=changed)
        new = [p for p in after if key(p) not in before]
        if new:
            problem = new[0]
            field = "details" if has_details else None
            if problem.duplicate:
                raise InvalidField(field, "duplicate_id", entry=problem.entry_id)
            raise InvalidField(field, "link_missing", key=problem.field, target=problem.target)

    def _validate(
        self,
        guild_id: int,
        data: dict[str, Any],
        *,
        submitted: ModalFields | None,
        has_details: bool,
        previous: dict[str, Any] | None = None,
    ) -> EntryBase:
        """The entry `data` describes, held to the models and the set-wide check."""
        try:
            entry = parse_entry(data)
        except ValidationError as exc:
            error = forms.field_error(exc, has_details=has_details)
            raise error.with_submitted(submitted) if submitted else error from None
        except ValueError as exc:
            raise InvalidField(
                None, "invalid", key="entry", detail=str(exc)[:200], submitted=submitted
            ) from None
        try:
            before = parse_entry(previous) if previous is not None else None
        except ValueError:
            before = None
        try:
            self._check(guild_id, [entry], has_details=has_details, previous=before)
        except InvalidField as error:
            raise error.with_submitted(submitted) if submitted else error from None
        return entry

    @staticmethod
    def _parse_submit(
        build: Callable[[], dict[str, Any]], submitted: ModalFields
    ) -> dict[str, Any]:
        try:
            return build()
        except InvalidField as error:
            raise error.with_submitted(submitted) from None

    # -- the one write path ------------------------------------------------------------------

    async def _replay(self, session: AsyncSession, interaction_id: int) -> ChangeResult | None:
        """The result of a change this interaction already made (Discord delivered it twice),
        rebuilt from its revision, with nothing written."""
        revision = await session.scalar(
            select(Revision).where(Revision.interaction_id == interaction_id)
        )
        if revision is None:
            return None
        row = await session.get(Entry, revision.entry_id)
        assert row is not None
        line = await timeline(session, row.guild_id, row.kind, row.slug)
        step = next(s for s in line.steps if s.revision_id == revision.id)
        previous = line.steps[step.previous] if step.previous is not None else None
        found = await details(session, [previous.revision_id] if previous else [])
        before = found[previous.revision_id] if previous is not None else None
        before_data = before.data if before is not None else None
        before_hidden = before.hidden if before is not None else False
        written = Written(row, revision, before_data, before_hidden, step.number)
        return replace(self._result(written), duplicate=True, version=row.version)

    async def _replay_only(self, interaction_id: int) -> ChangeResult | None:
        async with self._sessions() as session:
            return await self._replay(session, interaction_id)

    @staticmethod
    def _result(written: Written) -> ChangeResult:
        row, revision = written.row, written.revision
        entry_id = f"{row.kind}/{row.slug}"
        before = render(written.before_data, written.before_hidden)
        after = render(revision.data, revision.hidden)
        return ChangeResult(
            entry_id=entry_id,
            guild_id=row.guild_id,
            action=revision.action,
            number=written.number,
            version=revision.version,
            author_id=revision.author_id,
            reason=revision.reason,
            created_at=aware(revision.created_at),
            hidden=revision.hidden,
            changed=changed_fields(
                written.before_data,
                revision.data,
                hidden_before=written.before_hidden,
                hidden_after=revision.hidden,
            ),
            diff=tuple(
                unified(
                    before,
                    after,
                    before_name=f"{entry_id} (before)",
                    after_name=f"{entry_id} #{written.number}",
                )
            ),
        )

    async def _current_fields(
        self, guild_id: int, kind: EntryKind, slug: str, lang: Lang, like: ModalFields | None
    ) -> tuple[int | None, ModalFields | None]:
        """The entry's version now and its text in the same fields as `like`."""
        rows = await self._scoped(guild_id, kind, slug)
        if like is None or rows.seen is None:
            return rows.token, None
        data, entry_id = rows.seen.data, f"{kind.value}/{slug}"
        prefill: dict[str, str] = {}
        for form in (
            forms.edit_form(kind, entry_id, data, lang, rows.token or 0),
            forms.details_form(kind, entry_id, data, lang, rows.token or 0),
        ):
            prefill.update({f.name: f.value for f in form.fields})
        prefill["source"] = format_sources(data.get("sources", []))
        names = [name for name, _ in like.items()]
        return rows.token, ModalFields(**{name: prefill.get(name, "") for name in names})

    async def _conflict(
        self,
        guild_id: int,
        entry_id: str,
        based_on: int | None,
        lang: Lang,
        mine: ModalFields | None,
        interaction_id: int | None,
    ) -> ChangeResult:
        """The version moved on: if this very interaction moved it (a duplicate delivery), its
        first result; otherwise EditConflict with both texts."""
        if interaction_id is not None and (first := await self._replay_only(interaction_id)):
            return first
        kind, slug = split_id(entry_id)
        version, current = await self._current_fields(guild_id, kind, slug, lang, mine)
        raise EditConflict(entry_id, based_on, version, mine=mine, current=current)

    async def _run(
        self,
        guild_id: int,
        kind: EntryKind,
        slug: str,
        make: Make,
        *,
        based_on: int | None,
        interaction_id: int | None,
        create: bool = False,
        lang: Lang = "en",
        mine: ModalFields | None = None,
        guard: Guard | None = None,
    ) -> ChangeResult:
        """Read, build, write and commit one change in one transaction, then hand the row to
        the catalog.

        A repeated interaction needs no lookup of its own: its first delivery moved the
        version on (Stale), holds the interaction id (the unique index), or already left the
        entry as asked (NothingChanged, or a removed entry gone): every road ends in
        `_replay`.
        """
        entry_id = f"{kind.value}/{slug}"
        try:
            async with self._sessions.begin() as session:
                if guard is not None:
                    await guard(session)
                rows = await scoped(session, guild_id, kind.value, slug)
                written = await write(session, rows, make(rows), utcnow())
                result = self._result(written)
        except (NothingChanged, EntryNotFound):
            first = await self._replay_only(interaction_id) if interaction_id else None
            if first is None:
                raise
            return first
        except (Stale, IntegrityError):
            if create:
                if interaction_id is not None and (
                    first := await self._replay_only(interaction_id)
                ):
                    return first
                raise SlugTaken(entry_id) from None
            return await self._conflict(guild_id, entry_id, based_on, lang, mine, interaction_id)
        self._knowledge.apply(written.row)
        return result

    # -- edits -------------------------------------------------------------------------------

    async def edit(
        self,
        guild_id: int,
        entry_id: str,
        lang: Lang,
        fields: ModalFields,
        *,
        based_on: int,
        editor_id: int,
        reason: str | None = None,
        interaction_id: int | None = None,
    ) -> ChangeResult:
        """Save the /edit entry modal (or the details modal): a new revision of the guild's
        text. EditConflict if the entry moved past `based_on`; InvalidField naming the field;
        NothingChanged if the text is the same."""
        kind, slug = split_id(entry_id)

        def make(rows: Scoped) -> Change:
            seen = visible_row(rows, kind, entry_id)
            if based_on != rows.token:
                raise Stale(rows.token)
            data = self._parse_submit(
                lambda: forms.build_edit(seen.data, kind, lang, fields), fields
            )
            entry = self._validate(
                guild_id,
                data,
                submitted=fields,
                has_details=fields.details is not None,
                previous=seen.data,
            )
            return Change(
                guild_id=guild_id,
                kind=kind.value,
                slug=slug,
                action="edit",
                author_id=editor_id,
                reason=parse_reason(reason),
                based_on=based_on,
                data=entry_data(entry),
                interaction_id=interaction_id,
            )

        return await self._run(
            guild_id,
            kind,
            slug,
            make,
            based_on=based_on,
            interaction_id=interaction_id,
            lang=lang,
            mine=fields,
        )

    async def add(
        self,
        guild_id: int,
        kind: EntryKind,
        lang: Lang,
        fields: ModalFields,
        *,
        editor_id: int,
        reason: str | None = None,
        interaction_id: int | None = None,
    ) -> ChangeResult:
        """Save the /edit add modal: a new entry of this guild, its id from the title.
        SlugTaken if the shipped set or the guild has that id already."""
        slug = self._parse_submit(lambda: {"slug": slugify(fields.title or "")}, fields)["slug"]
        data = self._parse_submit(
            lambda: forms.build_new(kind, slug, lang, fields, today=utcnow().date()), fields
        )

        def make(rows: Scoped) -> Change:
            if rows.token is not None:
                raise Stale(rows.token)
            entry = self._validate(guild_id, data, submitted=fields, has_details=True)
            return Change(
                guild_id=guild_id,
                kind=kind.value,
                slug=slug,
                action="add",
                author_id=editor_id,
                reason=parse_reason(reason),
                based_on=None,
                data=entry_data(entry),
                hidden=False,
                interaction_id=interaction_id,
                create=True,
            )

        async def forget_missing(session: AsyncSession) -> None:
            await self._forget_missing(session, guild_id, kind, data)

        return await self._run(
            guild_id,
            kind,
            slug,
            make,
            based_on=None,
            interaction_id=interaction_id,
            create=True,
            lang=lang,
            mine=fields,
            guard=forget_missing,
        )

    @staticmethod
    async def _forget_missing(
        session: AsyncSession, guild_id: int, kind: EntryKind, data: dict[str, Any]
    ) -> None:
        """A new entry answers the lookups of its names, in its kind and across kinds."""
        names = [*data.get("name", {}).values(), *data.get("aliases", [])]
        names.append(str(data.get("id", "/")).split("/", 1)[1].replace("-", " "))
        keys = sorted({missing_key(str(n)) for n in names} - {""})
        await session.execute(
            delete(MissingLookup).where(
                MissingLookup.guild_id == guild_id,
                MissingLookup.kind.in_((kind.value, "")),
                MissingLookup.query.in_(keys),
            )
        )

    async def remove(
        self,
        guild_id: int,
        entry_id: str,
        *,
        editor_id: int,
        reason: str | None = None,
        based_on: int | None = None,
        interaction_id: int | None = None,
    ) -> ChangeResult:
        """Hide the entry in this guild (a revision; a revert brings it back)."""
        kind, slug = split_id(entry_id)

        def make(rows: Scoped) -> Change:
            visible_row(rows, kind, entry_id)
            return Change(
                guild_id=guild_id,
                kind=kind.value,
                slug=slug,
                action="remove",
                author_id=editor_id,
                reason=parse_reason(reason),
                based_on=based_on,
                hidden=True,
                interaction_id=interaction_id,
            )

        return await self._run(
            guild_id, kind, slug, make, based_on=based_on, interaction_id=interaction_id
        )

    async def revert(
        self,
        guild_id: int,
        entry_id: str,
        number: int,
        *,
        editor_id: int,
        reason: str | None = None,
        based_on: int | None = None,
        interaction_id: int | None = None,
    ) -> ChangeResult:
        """Restore revision `number`'s text (and its shown or hidden state) as a new revision.
        NoSuchRevision outside 1..total; NothingChanged if it is the text shown now."""
        kind, slug = split_id(entry_id)
        async with self._sessions() as session:
            line = await timeline(session, guild_id, kind.value, slug)
            if not 1 <= number <= len(line.steps):
                raise NoSuchRevision(entry_id, number, len(line.steps))
            step = line.steps[number - 1]
            picked = (await details(session, [step.revision_id]))[step.revision_id]
        data, hidden = picked.data, picked.hidden

        def make(rows: Scoped) -> Change:
            restored = data
            if not hidden:
                seen = rows.seen
                entry = self._validate(
                    guild_id,
                    data,
                    submitted=None,
                    has_details=False,
                    previous=seen.data if seen is not None and not seen.hidden else None,
                )
                restored = entry_data(entry)
            return Change(
                guild_id=guild_id,
                kind=kind.value,
                slug=slug,
                action="revert",
                author_id=editor_id,
                reason=parse_reason(reason),
                based_on=based_on,
                data=restored,
                hidden=hidden,
                interaction_id=interaction_id,
            )

        return await self._run(
            guild_id, kind, slug, make, based_on=based_on, interaction_id=interaction_id
        )

    async def follow_shipped(
        self,
        guild_id: int,
        entry_id: str,
        *,
        editor_id: int,
        reason: str | None = None,
        based_on: int | None = None,
        interaction_id: int | None = None,
    ) -> ChangeResult:
        """Hand the entry back to the shipped text: the guild sees it, and its later releases,
        again (a revision, action `take`). Pending shipped-change notices of it close as
        taken. NoShippedText for an entry only the guild has."""
        kind, slug = split_id(entry_id)
        return await self._take(
            guild_id, kind, slug, editor_id, reason, based_on, interaction_id, guard=None
        )

    async def _take(
        self,
        guild_id: int,
        kind: EntryKind,
        slug: str,
        editor_id: int,
        reason: str | None,
        based_on: int | None,
        interaction_id: int | None,
        *,
        guard: Guard | None,
    ) -> ChangeResult:
        def make(rows: Scoped) -> Change:
            if rows.shipped is None:
                raise NoShippedText(f"{kind.value}/{slug}")
            return Change(
                guild_id=guild_id,
                kind=kind.value,
                slug=slug,
                action="take",
                author_id=editor_id,
                reason=parse_reason(reason),
                based_on=based_on,
                follows=True,
                interaction_id=interaction_id,
            )

        return await self._run(
            guild_id,
            kind,
            slug,
            make,
            based_on=based_on,
            interaction_id=interaction_id,
            guard=guard or self._closing_notices(guild_id, kind, slug, editor_id),
        )

    @staticmethod
    def _closing_notices(
        guild_id: int,
        kind: EntryKind,
        slug: str,
        editor_id: int,
        *,
        notice_id: int | None = None,
        status: str = "taken",
    ) -> Guard:
        """In the change's transaction: close the named shipped-change notice (NoticeStale if
        it was closed already), or with none named every pending notice of the entry."""

        async def guard(session: AsyncSession) -> None:
            conditions = [ShippedNotice.guild_id == guild_id, ShippedNotice.status == "pending"]
            if notice_id is not None:
                conditions.append(ShippedNotice.id == notice_id)
            else:
                overlay = select(Entry.id).where(
                    Entry.guild_id == guild_id, Entry.kind == kind.value, Entry.slug == slug
                )
                conditions.append(ShippedNotice.entry_id.in_(overlay.scalar_subquery()))
            closed = await session.execute(
                update(ShippedNotice)
                .where(*conditions)
                .values(status=status, decided_by=editor_id, decided_at=utcnow())
                .returning(ShippedNotice.id)
            )
            if notice_id is not None and closed.first() is None:
                row = await session.get(ShippedNotice, notice_id)
                if row is None or row.guild_id != guild_id:
                    raise NoticeNotFound(notice_id)
                raise NoticeStale(notice_id, row.status, row.decided_by)

        return guard

    # -- history and diff --------------------------------------------------------------------

    async def history(
        self, guild_id: int, entry_id: str, *, page: int = 1, per_page: int = 10
    ) -> HistoryPage:
        """One page of the entry's revisions as the guild sees them, newest first: shipped
        texts (those under the guild's own edit marked `shadowed`) and the guild's changes."""
        kind, slug = split_id(entry_id)
        per_page = max(1, min(per_page, HISTORY_PAGE_MAX))
        async with self._sessions() as session:
            line = await timeline(session, guild_id, kind.value, slug)
            steps = line.steps
            pages = max(1, math.ceil(len(steps) / per_page))
            page = max(1, min(page, pages))
            newest = steps[::-1][(page - 1) * per_page : page * per_page]
            wanted = {s.revision_id for s in newest}
            wanted |= {steps[s.previous].revision_id for s in newest if s.previous is not None}
            found = await details(session, sorted(wanted))
        items = []
        for step in newest:
            detail = found[step.revision_id]
            before = found[steps[step.previous].revision_id] if step.previous is not None else None
            items.append(
                HistoryItem(
                    number=step.number,
                    scope=step.scope,
                    action=step.action,
                    version=detail.version,
                    author_id=detail.author_id,
                    reason=detail.reason,
                    created_at=detail.created_at,
                    hidden=detail.hidden,
                    shadowed=step.shadowed,
                    changed=changed_fields(
                        before.data if before is not None else None,
                        detail.data,
                        hidden_before=before.hidden if before is not None else False,
                        hidden_after=detail.hidden,
                    ),
                )
            )
        return HistoryPage(
            entry_id=f"{kind.value}/{slug}",
            guild_id=guild_id,
            page=page,
            pages=pages,
            total=len(steps),
            current=line.current + 1,
            items=tuple(items),
        )

    async def diff(
        self,
        guild_id: int,
        entry_id: str,
        *,
        from_number: int | None = None,
        to_number: int | None = None,
        lang: Lang | None = None,
    ) -> DiffView:
        """The changed lines between two revisions; by default the current one against the
        text it replaced. `lang` keeps one language of the bilingual fields."""
        kind, slug = split_id(entry_id)
        async with self._sessions() as session:
            line = await timeline(session, guild_id, kind.value, slug)
            total = len(line.steps)
            to = to_number if to_number is not None else line.current + 1
            if not 1 <= to <= total:
                raise NoSuchRevision(entry_id, to, total)
            if from_number is None:
                previous = line.steps[to - 1].previous
                start = previous + 1 if previous is not None else None
            else:
                start = from_number
            if start is not None and not 1 <= start <= total:
                raise NoSuchRevision(entry_id, start, total)
            ids = [line.steps[to - 1].revision_id]
            if start is not None:
                ids.append(line.steps[start - 1].revision_id)
            found = await details(session, ids)
        shown = found[line.steps[to - 1].revision_id]
        after = render(shown.data, shown.hidden, lang=lang)
        before: list[str] = []
        if start is not None:
            earlier = found[line.steps[start - 1].revision_id]
            before = render(earlier.data, earlier.hidden, lang=lang)
        lines = unified(
            before,
            after,
            before_name=f"#{start}" if start is not None else "∅",
            after_name=f"#{to}",
        )
        return DiffView(f"{kind.value}/{slug}", start, to, tuple(lines))
