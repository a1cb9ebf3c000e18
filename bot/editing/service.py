"""Moderator editing: every change a guild makes to its entries, kept as revisions, lost never.

Each public method is one transaction. A change is validated first (the same pydantic models
and the same set-wide check as the shipped files), then written by `rows.write` as a conditional
update with its revision, then handed to the catalog. Nothing here knows about Discord: callers
pass ids and text, and get frozen views or a UserFacingError with an i18n key back.
"""

from __future__ import annotations

import math
from collections.abc import Awaitable, Callable, Collection, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any, Literal, cast

from pydantic import ValidationError
from sqlalchemy import and_, case, delete, func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlalchemy.orm import aliased

from bot.db.models import (
    SHIPPED,
    Entry,
    GuildSettings,
    MemberSuggestion,
    MissingLookup,
    Revision,
    ShippedNotice,
    utcnow,
)
from bot.editing import forms
from bot.editing.diff import changed_fields, render, unified
from bot.editing.fields import Form, ModalFields, clean, format_sources, parse_reason, slugify
from bot.editing.rows import Change, Scoped, Stale, Written, scoped, snapshots, timeline, write
from bot.editing.transfer import FileEntry, export_document, read_import
from bot.editing.views import (
    ChangeResult,
    Decision,
    DiffView,
    Draft,
    GuildConfig,
    HistoryItem,
    HistoryPage,
    MissingQuery,
    ShippedNoticeView,
    SuggestionView,
    aware,
    is_editor,
)
from bot.errors import (
    EditConflict,
    EntryNotFound,
    GuildOnly,
    ImportRefused,
    ImportStale,
    InvalidField,
    NoShippedText,
    NoSuchRevision,
    NotEditor,
    NothingChanged,
    NoticeNotFound,
    NoticeStale,
    SlugTaken,
    SuggestionNotFound,
    SuggestionStale,
)
from bot.i18n import Lang
from bot.knowledge.files import check_set, parse_entry
from bot.knowledge.models import ID_RE, EntryBase, EntryKind
from bot.knowledge.search import normalize
from bot.knowledge.service import KnowledgeService
from bot.knowledge.store import content_hash, entry_data

MISSING_WINDOW_DAYS = 30
MISSING_QUERY_MAX = 100
HISTORY_PAGE_MAX = 25

Guard = Callable[[AsyncSession], Awaitable[None]]


def split_id(entry_id: str) -> tuple[EntryKind, str]:
    """`kind/slug` as its parts; anything else is an entry that does not exist."""
    text = entry_id.strip()
    if not ID_RE.match(text):
        raise EntryNotFound(None, entry_id[:100])
    kind, slug = text.split("/", 1)
    return EntryKind(kind), slug


@dataclass(frozen=True, slots=True)
class ImportItem:
    entry_id: str
    status: Literal["added", "changed", "conflict", "unchanged"]
    based_on: int | None
    """The version the file says the entry was at when exported."""
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


@dataclass(frozen=True, slots=True)
class ImportResult:
    applied: tuple[ChangeResult, ...]
    skipped_conflicts: int


def _config(row: GuildSettings | None, guild_id: int) -> GuildConfig:
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


class EditingService:
    def __init__(
        self, sessions: async_sessionmaker[AsyncSession], knowledge: KnowledgeService
    ) -> None:
        self._sessions = sessions
        self._knowledge = knowledge

    # -- settings and permission -------------------------------------------------------------

    async def settings(self, guild_id: int) -> GuildConfig:
        async with self._sessions() as session:
            return _config(await session.get(GuildSettings, guild_id), guild_id)

    async def _set(self, guild_id: int, by: int, **values: int | None) -> GuildConfig:
        now = utcnow()
        row_values = {"guild_id": guild_id, "updated_at": now, "updated_by": by, **values}
        async with self._sessions.begin() as session:
            dialect = session.get_bind().dialect.name
            insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
            statement = insert(GuildSettings).values(**row_values)
            statement = statement.on_conflict_do_update(
                index_elements=["guild_id"],
                set_={"updated_at": now, "updated_by": by, **values},
            )
            await session.execute(statement)
            row = await session.get(GuildSettings, guild_id, populate_existing=True)
            return _config(row, guild_id)

    async def set_editor_role(self, guild_id: int, role_id: int | None, *, by: int) -> GuildConfig:
        return await self._set(guild_id, by, editor_role_id=role_id)

    async def set_log_channel(
        self, guild_id: int, channel_id: int | None, *, by: int
    ) -> GuildConfig:
        return await self._set(guild_id, by, log_channel_id=channel_id)

    async def set_review_channel(
        self, guild_id: int, channel_id: int | None, *, by: int
    ) -> GuildConfig:
        """None: suggestions go to the log channel."""
        return await self._set(guild_id, by, review_channel_id=channel_id)

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
        """The entry with the version an edit must be based on (removed entries too)."""
        kind, slug = split_id(entry_id)
        rows = await self._scoped(guild_id, kind, slug)
        if rows.seen is None:
            raise EntryNotFound(kind.value, entry_id)
        return self._draft(guild_id, kind, rows)

    async def _visible_rows(self, guild_id: int, entry_id: str) -> tuple[EntryKind, str, Scoped]:
        kind, slug = split_id(entry_id)
        rows = await self._scoped(guild_id, kind, slug)
        if rows.seen is None or rows.seen.hidden:
            raise EntryNotFound(kind.value, entry_id)
        return kind, slug, rows

    async def edit_form(self, guild_id: int, entry_id: str, lang: Lang) -> Form:
        """The /edit entry modal, prefilled with the text the guild sees."""
        kind, _, rows = await self._visible_rows(guild_id, entry_id)
        assert rows.seen is not None
        assert rows.token is not None
        return forms.edit_form(kind, entry_id, rows.seen.data, lang, rows.token)

    async def details_form(self, guild_id: int, entry_id: str, lang: Lang) -> Form:
        """A second modal for the kind's other fields (status, date, figures' neighbours...)."""
        kind, _, rows = await self._visible_rows(guild_id, entry_id)
        assert rows.seen is not None
        assert rows.token is not None
        return forms.details_form(kind, entry_id, rows.seen.data, lang, rows.token)

    @staticmethod
    def add_form(kind: EntryKind, lang: Lang, name: str | None = None) -> Form:
        return forms.add_form(kind, lang, name)

    async def suggest_form(
        self,
        guild_id: int,
        entry_id: str | None,
        lang: Lang,
        kind: EntryKind = EntryKind.TERM,
    ) -> Form:
        """/suggest: a correction of `entry_id`, or (None) a new entry of `kind`."""
        if entry_id is None:
            return forms.suggest_form(kind, None, None, lang, None)
        entry_kind, _, rows = await self._visible_rows(guild_id, entry_id)
        assert rows.seen is not None
        return forms.suggest_form(entry_kind, entry_id, rows.seen.data, lang, rows.token)

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
        drafts = []
        for row in overlays:
            kind = EntryKind(row.kind)
            drafts.append(self._draft(guild_id, kind, Scoped(row, None)))
        return drafts

    # -- validation --------------------------------------------------------------------------

    def _check(self, guild_id: int, entries: Sequence[EntryBase], *, has_details: bool) -> None:
        """The set-wide check on the guild's visible set with `entries` in it; only problems
        the change brings in count (an old dangling link elsewhere is not this editor's)."""
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
    ) -> EntryBase:
        try:
            entry = parse_entry(data)
        except ValidationError as exc:
            error = forms.field_error(exc, has_details=has_details)
            raise error.with_submitted(submitted) if submitted else error from None
        except ValueError as exc:
            raise InvalidField(
                None, "invalid", detail=str(exc)[:200], submitted=submitted
            ) from None
        try:
            self._check(guild_id, [entry], has_details=has_details)
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
        """The result of a change already made by this interaction (Discord delivered it
        twice): rebuilt from its revision, with nothing written."""
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
        snaps = await snapshots(session, [previous.revision_id] if previous else [])
        before_data, before_hidden = (
            snaps[previous.revision_id] if previous is not None else (None, False)
        )
        written = Written(row, revision, before_data, before_hidden, step.number)
        return replace(self._result(written), duplicate=True, version=row.version)

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

    async def _run(
        self,
        change: Change,
        *,
        lang: Lang = "en",
        mine: ModalFields | None = None,
        guard: Guard | None = None,
    ) -> ChangeResult:
        """Write one change in one transaction and hand the row to the catalog."""
        entry_id = f"{change.kind}/{change.slug}"
        try:
            async with self._sessions.begin() as session:
                if change.interaction_id is not None:
                    first = await self._replay(session, change.interaction_id)
                    if first is not None:
                        return first
                if guard is not None:
                    await guard(session)
                written = await write(session, change, utcnow())
                result = self._result(written)
        except (Stale, IntegrityError):
            if change.create:
                if change.interaction_id is not None and (
                    first := await self._replay_only(change.interaction_id)
                ):
                    return first
                raise SlugTaken(entry_id) from None
            return await self._conflict(
                change.guild_id, entry_id, change.based_on, lang, mine, change.interaction_id
            )
        self._knowledge.apply(written.row)
        return result

    async def _conflict(
        self,
        guild_id: int,
        entry_id: str,
        based_on: int | None,
        lang: Lang,
        mine: ModalFields | None,
        interaction_id: int | None,
    ) -> ChangeResult:
        """The version moved on: if it moved because this very interaction was saved already
        (a duplicate delivery), its first result; otherwise EditConflict with both texts."""
        if interaction_id is not None and (first := await self._replay_only(interaction_id)):
            return first
        kind, slug = split_id(entry_id)
        version, current = await self._current_fields(guild_id, kind, slug, lang, mine)
        raise EditConflict(entry_id, based_on, version, mine=mine, current=current)

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
        text. EditConflict if the entry moved past `based_on`; InvalidField naming the field."""
        if interaction_id is not None and (first := await self._replay_only(interaction_id)):
            return first
        kind, slug, rows = await self._visible_rows(guild_id, entry_id)
        assert rows.seen is not None
        if based_on != rows.token:
            return await self._conflict(
                guild_id, entry_id, based_on, lang, fields, interaction_id
            )
        seen_data = rows.seen.data
        data = self._parse_submit(lambda: forms.build_edit(seen_data, kind, lang, fields), fields)
        entry = self._validate(
            guild_id, data, submitted=fields, has_details=fields.details is not None
        )
        change = Change(
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
        return await self._run(change, lang=lang, mine=fields)

    async def _replay_only(self, interaction_id: int) -> ChangeResult | None:
        async with self._sessions() as session:
            return await self._replay(session, interaction_id)

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
        if interaction_id is not None and (first := await self._replay_only(interaction_id)):
            return first
        slug = self._parse_submit(lambda: {"slug": slugify(fields.title or "")}, fields)["slug"]
        rows = await self._scoped(guild_id, kind, slug)
        if rows.token is not None:
            raise SlugTaken(f"{kind.value}/{slug}")
        data = self._parse_submit(lambda: forms.build_new(kind, slug, lang, fields), fields)
        entry = self._validate(guild_id, data, submitted=fields, has_details=True)
        change = Change(
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
            await self._clear_missing(session, guild_id, entry)

        return await self._run(change, lang=lang, mine=fields, guard=forget_missing)

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
        kind, slug, _ = await self._visible_rows(guild_id, entry_id)
        change = Change(
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
        return await self._run(change)

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
        """Restore revision `number`'s text (and shown or hidden state) as a new revision."""
        kind, slug = split_id(entry_id)
        async with self._sessions() as session:
            line = await timeline(session, guild_id, kind.value, slug)
            if not 1 <= number <= len(line.steps):
                raise NoSuchRevision(entry_id, number, len(line.steps))
            step = line.steps[number - 1]
            data, hidden = (await snapshots(session, [step.revision_id]))[step.revision_id]
        if not hidden:
            entry = self._validate(guild_id, data, submitted=None, has_details=False)
            data = entry_data(entry)
        change = Change(
            guild_id=guild_id,
            kind=kind.value,
            slug=slug,
            action="revert",
            author_id=editor_id,
            reason=parse_reason(reason),
            based_on=based_on,
            data=data,
            hidden=hidden,
            interaction_id=interaction_id,
        )
        return await self._run(change)

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
        """Hand the entry back to the shipped text: the guild sees it, and later releases of
        it, again. Any pending shipped-change notice of the entry is closed as taken."""
        kind, slug = split_id(entry_id)
        return await self._take(
            guild_id, kind, slug, editor_id, reason, based_on, interaction_id, notice_id=None
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
        notice_id: int | None,
    ) -> ChangeResult:
        rows = await self._scoped(guild_id, kind, slug)
        if rows.shipped is None:
            raise NoShippedText(f"{kind.value}/{slug}")
        change = Change(
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
            change, guard=self._close_notices(guild_id, notice_id, rows, "taken", editor_id)
        )

    # -- history and diff --------------------------------------------------------------------

    async def history(
        self, guild_id: int, entry_id: str, *, page: int = 1, per_page: int = 10
    ) -> HistoryPage:
        """One page of the entry's revisions as the guild sees them, newest first."""
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
            snaps = await snapshots(session, sorted(wanted))
        items = []
        for step in newest:
            data, hidden = snaps[step.revision_id]
            before, before_hidden = (
                snaps[steps[step.previous].revision_id]
                if step.previous is not None
                else (None, False)
            )
            items.append(
                HistoryItem(
                    number=step.number,
                    scope=step.scope,
                    action=step.action,
                    version=step.version,
                    author_id=step.author_id,
                    reason=step.reason,
                    created_at=step.created_at,
                    hidden=step.hidden,
                    shadowed=step.shadowed,
                    changed=changed_fields(
                        before, data, hidden_before=before_hidden, hidden_after=hidden
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
            snaps = await snapshots(session, ids)
        after_data, after_hidden = snaps[line.steps[to - 1].revision_id]
        before = (
            render(*snaps[line.steps[start - 1].revision_id], lang=lang)
            if start is not None
            else []
        )
        lines = unified(
            before,
            render(after_data, after_hidden, lang=lang),
            before_name=f"#{start}" if start is not None else "(none)",
            after_name=f"#{to}",
        )
        return DiffView(f"{kind.value}/{slug}", start, to, tuple(lines))

    # -- suggestions -------------------------------------------------------------------------

    async def suggest(
        self,
        guild_id: int,
        lang: Lang,
        fields: ModalFields,
        *,
        author_id: int,
        entry_id: str | None = None,
        kind: EntryKind = EntryKind.TERM,
        based_on: int | None = None,
        reason: str | None = None,
        interaction_id: int | None = None,
    ) -> SuggestionView:
        """Record a member's proposal: a correction of `entry_id` with one source, or a new
        entry of `kind`. Validated now, so the member hears about a bad field at once."""
        if interaction_id is not None:
            async with self._sessions() as session:
                existing = await session.scalar(
                    select(MemberSuggestion).where(
                        MemberSuggestion.interaction_id == interaction_id
                    )
                )
                if existing is not None:
                    return replace(await self._suggestion_view(session, existing), duplicate=True)
        if entry_id is not None:
            kind, slug, rows = await self._visible_rows(guild_id, entry_id)
            assert rows.seen is not None
            if based_on is not None and based_on != rows.token:
                version, current = await self._current_fields(guild_id, kind, slug, lang, fields)
                raise EditConflict(entry_id, based_on, version, mine=fields, current=current)
            seen = rows.seen
            data = self._parse_submit(
                lambda: forms.build_edit(seen.data, kind, lang, fields), fields
            )
            if content_hash(data) == seen.content_hash:
                raise NothingChanged(entry_id)
            stored_slug: str | None = slug
            version_seen = rows.token
        else:
            slug = self._parse_submit(lambda: {"s": slugify(fields.title or "")}, fields)["s"]
            if (await self._scoped(guild_id, kind, slug)).token is not None:
                raise SlugTaken(f"{kind.value}/{slug}")
            data = self._parse_submit(lambda: forms.build_new(kind, slug, lang, fields), fields)
            stored_slug, version_seen = None, None
        entry = self._validate(
            guild_id, data, submitted=fields, has_details=fields.details is not None
        )
        row = MemberSuggestion(
            guild_id=guild_id,
            kind=kind.value,
            slug=stored_slug,
            based_on_version=version_seen,
            language=lang,
            data=entry_data(entry),
            source=clean(fields.source or fields.sources or "", multiline=True),
            reason=parse_reason(reason),
            author_id=author_id,
            status="pending",
            interaction_id=interaction_id,
            created_at=utcnow(),
        )
        try:
            async with self._sessions.begin() as session:
                session.add(row)
                await session.flush()
                return await self._suggestion_view(session, row)
        except IntegrityError:
            if interaction_id is None:
                raise
            return await self.suggest(
                guild_id, lang, fields, author_id=author_id, interaction_id=interaction_id
            )

    async def _suggestion_view(
        self, session: AsyncSession, row: MemberSuggestion
    ) -> SuggestionView:
        kind = EntryKind(row.kind)
        entry_id = str(row.data.get("id", f"{row.kind}/{row.slug}"))
        slug = entry_id.split("/", 1)[1]
        rows = await scoped(session, row.guild_id, row.kind, slug)
        seen = rows.seen if row.slug is not None else None
        lang = cast(Lang, row.language if row.language in ("en", "zh") else "en")
        data = row.data

        def pick(key: str) -> str:
            value = data.get(key) or {}
            return str(value.get(lang, "")) if isinstance(value, dict) else ""

        return SuggestionView(
            id=row.id,
            guild_id=row.guild_id,
            kind=kind,
            entry_id=entry_id,
            new_entry=row.slug is None,
            based_on=row.based_on_version,
            lang=lang,
            author_id=row.author_id,
            source=row.source,
            reason=row.reason,
            status=cast(Literal["pending", "approved", "rejected"], row.status),
            created_at=aware(row.created_at),
            decided_by=row.decided_by,
            decided_at=aware(row.decided_at) if row.decided_at else None,
            decision_reason=row.decision_reason,
            review_channel_id=row.review_channel_id,
            review_message_id=row.review_message_id,
            proposed=ModalFields(
                title=pick("name"),
                summary=pick("summary"),
                body=pick("body"),
                sources=format_sources(data.get("sources", [])),
            ),
            diff=tuple(
                unified(
                    render(seen.data, seen.hidden) if seen is not None else [],
                    render(data),
                    before_name=f"{entry_id} (now)",
                    after_name=f"{entry_id} (suggested)",
                )
            ),
        )

    async def suggestion(self, guild_id: int, suggestion_id: int) -> SuggestionView:
        async with self._sessions() as session:
            row = await session.get(MemberSuggestion, suggestion_id)
            if row is None or row.guild_id != guild_id:
                raise SuggestionNotFound(suggestion_id)
            return await self._suggestion_view(session, row)

    async def pending_suggestions(self, guild_id: int, *, limit: int = 25) -> list[SuggestionView]:
        """Oldest first: the order they should be reviewed in."""
        async with self._sessions() as session:
            rows = await session.scalars(
                select(MemberSuggestion)
                .where(MemberSuggestion.guild_id == guild_id, MemberSuggestion.status == "pending")
                .order_by(MemberSuggestion.id)
                .limit(limit)
            )
            return [await self._suggestion_view(session, row) for row in rows]

    async def set_review_message(
        self, suggestion_id: int, *, channel_id: int, message_id: int
    ) -> None:
        """Where the suggestion was posted for review, so it can be edited when decided."""
        async with self._sessions.begin() as session:
            await session.execute(
                update(MemberSuggestion)
                .where(MemberSuggestion.id == suggestion_id)
                .values(review_channel_id=channel_id, review_message_id=message_id)
            )

    async def decide(
        self,
        guild_id: int,
        suggestion_id: int,
        *,
        approve: bool,
        decider_id: int,
        reason: str | None = None,
        interaction_id: int | None = None,
    ) -> Decision:
        """Approve (the proposal becomes a revision, action `suggestion`, through the same
        checks as an edit) or reject. SuggestionStale when it was decided already."""
        status = "approved" if approve else "rejected"
        note = parse_reason(reason)

        async def mark(session: AsyncSession) -> None:
            marked = await session.execute(
                update(MemberSuggestion)
                .where(
                    MemberSuggestion.id == suggestion_id,
                    MemberSuggestion.guild_id == guild_id,
                    MemberSuggestion.status == "pending",
                )
                .values(
                    status=status,
                    decided_by=decider_id,
                    decided_at=utcnow(),
                    decision_reason=note,
                )
                .returning(MemberSuggestion.id)
            )
            if marked.scalar_one_or_none() is None:
                row = await session.get(MemberSuggestion, suggestion_id)
                if row is None or row.guild_id != guild_id:
                    raise SuggestionNotFound(suggestion_id)
                raise SuggestionStale(suggestion_id, row.status, row.decided_by)

        if interaction_id is not None and (first := await self._replay_only(interaction_id)):
            return Decision(await self.suggestion(guild_id, suggestion_id), first)
        current = await self.suggestion(guild_id, suggestion_id)
        if current.status != "pending":
            raise SuggestionStale(suggestion_id, current.status, current.decided_by)
        change_result: ChangeResult | None = None
        if not approve:
            async with self._sessions.begin() as session:
                await mark(session)
        else:
            async with self._sessions() as session:
                row = await session.get(MemberSuggestion, suggestion_id)
                assert row is not None
                data = row.data
            entry = self._validate(guild_id, data, submitted=None, has_details=True)
            kind, slug = split_id(entry.id)
            change = Change(
                guild_id=guild_id,
                kind=kind.value,
                slug=slug,
                action="suggestion",
                author_id=decider_id,
                reason=current.reason,
                based_on=current.based_on,
                data=entry_data(entry),
                hidden=False if current.new_entry else None,
                interaction_id=interaction_id,
                create=current.new_entry,
            )
            change_result = await self._run(
                change, lang=current.lang, mine=current.proposed, guard=mark
            )
        return Decision(await self.suggestion(guild_id, suggestion_id), change_result)

    # -- missing lookups ---------------------------------------------------------------------

    @staticmethod
    def _missing_key(query: str) -> str:
        return normalize(clean(query, multiline=False))[:MISSING_QUERY_MAX]

    async def record_missing(self, guild_id: int, kind: EntryKind | None, query: str) -> None:
        """Count a lookup that found nothing. Only the normalized query, the kind, the count
        and the last time are kept: never who asked. A query quiet for the whole window
        starts counting again from one."""
        text = self._missing_key(query)
        if not text:
            return
        now = utcnow()
        cutoff = now - timedelta(days=MISSING_WINDOW_DAYS)
        async with self._sessions.begin() as session:
            dialect = session.get_bind().dialect.name
            insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
            statement = insert(MissingLookup).values(
                guild_id=guild_id,
                kind=kind.value if kind else "",
                query=text,
                count=1,
                first_seen=now,
                last_seen=now,
            )
            quiet = MissingLookup.last_seen < cutoff
            statement = statement.on_conflict_do_update(
                index_elements=["guild_id", "kind", "query"],
                set_={
                    "count": case((quiet, 1), else_=MissingLookup.count + 1),
                    "first_seen": case((quiet, now), else_=MissingLookup.first_seen),
                    "last_seen": now,
                },
            )
            await session.execute(statement)

    async def missing(
        self, guild_id: int, *, days: int = MISSING_WINDOW_DAYS, limit: int = 25
    ) -> list[MissingQuery]:
        """What the guild looked up and did not find in the last `days`, most asked first."""
        since = utcnow() - timedelta(days=days)
        async with self._sessions() as session:
            rows = await session.scalars(
                select(MissingLookup)
                .where(MissingLookup.guild_id == guild_id, MissingLookup.last_seen >= since)
                .order_by(
                    MissingLookup.count.desc(), MissingLookup.last_seen.desc(), MissingLookup.query
                )
                .limit(limit)
            )
            return [
                MissingQuery(
                    kind=EntryKind(r.kind) if r.kind else None,
                    query=r.query,
                    count=r.count,
                    last_seen=aware(r.last_seen),
                )
                for r in rows
            ]

    async def clear_missing(self, guild_id: int, kind: EntryKind | None, query: str) -> None:
        """Forget a missing query (an editor added it, or dismissed it)."""
        async with self._sessions.begin() as session:
            await session.execute(
                delete(MissingLookup).where(
                    MissingLookup.guild_id == guild_id,
                    MissingLookup.kind == (kind.value if kind else ""),
                    MissingLookup.query == self._missing_key(query),
                )
            )

    @staticmethod
    async def _clear_missing(session: AsyncSession, guild_id: int, entry: EntryBase) -> None:
        """A new entry answers the lookups of its names, in its kind and across kinds."""
        names = {normalize(n) for n in [entry.name.en, entry.name.zh, *entry.aliases]}
        names.add(normalize(entry.slug.replace("-", " ")))
        await session.execute(
            delete(MissingLookup).where(
                MissingLookup.guild_id == guild_id,
                MissingLookup.kind.in_((entry.kind.value, "")),
                MissingLookup.query.in_(sorted(n[:MISSING_QUERY_MAX] for n in names if n)),
            )
        )

    # -- shipped changes under guild edits ---------------------------------------------------

    async def reconcile_shipped(self) -> list[ShippedNoticeView]:
        """After the shipped load: a notice for every guild text whose shipped base is now
        older, and guilds that follow the shipped text moved onto the new one.

        Works from the state, not from what the load reported, so it can run on every start
        and a crash between the load and this call loses nothing. Returns the new notices.
        """
        overlay, shipped = aliased(Entry), aliased(Entry)
        created: list[int] = []
        followed: list[Entry] = []
        async with self._sessions.begin() as session:
            pairs = (
                await session.execute(
                    select(overlay, shipped)
                    .join(
                        shipped,
                        and_(
                            shipped.guild_id == SHIPPED,
                            shipped.kind == overlay.kind,
                            shipped.slug == overlay.slug,
                        ),
                    )
                    .where(
                        overlay.guild_id != SHIPPED,
                        func.coalesce(overlay.base_version, 0) < shipped.version,
                    )
                    .order_by(overlay.id)
                )
            ).all()
            now = utcnow()
            for mine, theirs in pairs:
                if mine.follows_shipped:
                    change = Change(
                        guild_id=mine.guild_id,
                        kind=mine.kind,
                        slug=mine.slug,
                        action="follow",
                        author_id=None,
                        reason=None,
                        based_on=mine.version,
                        follows=True,
                        base_version=theirs.version,
                        allow_same=True,
                    )
                    try:
                        followed.append((await write(session, change, now)).row)
                    except Stale:
                        continue
                    continue
                notice_id = await self._notice(session, mine, theirs, now)
                if notice_id is not None:
                    created.append(notice_id)
        for row in followed:
            self._knowledge.apply(row)
        async with self._sessions() as session:
            rows = await session.scalars(
                select(ShippedNotice)
                .where(ShippedNotice.id.in_(created))
                .order_by(ShippedNotice.id)
            )
            return [await self._notice_view(session, row) for row in rows]

    @staticmethod
    async def _notice(
        session: AsyncSession, mine: Entry, theirs: Entry, now: datetime
    ) -> int | None:
        dialect = session.get_bind().dialect.name
        insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
        statement = (
            insert(ShippedNotice)
            .values(
                guild_id=mine.guild_id,
                entry_id=mine.id,
                shipped_entry_id=theirs.id,
                old_version=mine.base_version,
                new_version=theirs.version,
                status="pending",
                created_at=now,
            )
            .on_conflict_do_nothing(index_elements=["entry_id", "new_version"])
            .returning(ShippedNotice.id)
        )
        notice_id = (await session.execute(statement)).scalar_one_or_none()
        if notice_id is not None:
            await session.execute(
                update(ShippedNotice)
                .where(
                    ShippedNotice.entry_id == mine.id,
                    ShippedNotice.status == "pending",
                    ShippedNotice.id != notice_id,
                )
                .values(status="superseded", decided_at=now)
            )
        return notice_id

    async def _notice_view(self, session: AsyncSession, row: ShippedNotice) -> ShippedNoticeView:
        overlay = await session.get(Entry, row.entry_id)
        assert overlay is not None
        versions = [v for v in (row.old_version, row.new_version) if v is not None]
        found = await session.execute(
            select(Revision.version, Revision.data, Revision.hidden).where(
                Revision.entry_id == row.shipped_entry_id, Revision.version.in_(versions)
            )
        )
        by_version = {version: (data, hidden) for version, data, hidden in found.all()}
        new_data, new_hidden = by_version.get(row.new_version, (None, False))
        if row.old_version is not None and row.old_version in by_version:
            before, before_name = by_version[row.old_version], f"shipped v{row.old_version}"
        else:
            before, before_name = (overlay.data, overlay.hidden), "this server"
        entry_id = f"{overlay.kind}/{overlay.slug}"
        return ShippedNoticeView(
            id=row.id,
            guild_id=row.guild_id,
            entry_id=entry_id,
            old_version=row.old_version,
            new_version=row.new_version,
            status=cast(Literal["pending", "kept", "taken", "superseded"], row.status),
            created_at=aware(row.created_at),
            decided_by=row.decided_by,
            decided_at=aware(row.decided_at) if row.decided_at else None,
            channel_id=row.channel_id,
            message_id=row.message_id,
            diff=tuple(
                unified(
                    render(*before),
                    render(new_data, new_hidden),
                    before_name=f"{entry_id} ({before_name})",
                    after_name=f"{entry_id} (shipped v{row.new_version})",
                )
            ),
        )

    async def notices(
        self, guild_id: int | None = None, *, unposted: bool = False
    ) -> list[ShippedNoticeView]:
        """Pending notices, of one guild or all; `unposted` only those not yet in a channel
        (what start-up should post)."""
        conditions = [ShippedNotice.status == "pending"]
        if guild_id is not None:
            conditions.append(ShippedNotice.guild_id == guild_id)
        if unposted:
            conditions.append(ShippedNotice.message_id.is_(None))
        async with self._sessions() as session:
            rows = await session.scalars(
                select(ShippedNotice).where(*conditions).order_by(ShippedNotice.id)
            )
            return [await self._notice_view(session, row) for row in rows]

    async def notice(self, guild_id: int, notice_id: int) -> ShippedNoticeView:
        async with self._sessions() as session:
            row = await session.get(ShippedNotice, notice_id)
            if row is None or row.guild_id != guild_id:
                raise NoticeNotFound(notice_id)
            return await self._notice_view(session, row)

    async def mark_notice_posted(self, notice_id: int, *, channel_id: int, message_id: int) -> None:
        async with self._sessions.begin() as session:
            await session.execute(
                update(ShippedNotice)
                .where(ShippedNotice.id == notice_id)
                .values(channel_id=channel_id, message_id=message_id)
            )

    def _close_notices(
        self,
        guild_id: int,
        notice_id: int | None,
        rows: Scoped,
        status: str,
        editor_id: int,
    ) -> Guard:
        """In the change's transaction: close the notice (NoticeStale if it was closed
        already), or, with no notice named, every pending notice of the entry."""

        async def guard(session: AsyncSession) -> None:
            conditions = [ShippedNotice.guild_id == guild_id, ShippedNotice.status == "pending"]
            if notice_id is not None:
                conditions.append(ShippedNotice.id == notice_id)
            elif rows.overlay is not None:
                conditions.append(ShippedNotice.entry_id == rows.overlay.id)
            else:
                return
            closed = await session.execute(
                update(ShippedNotice)
                .where(*conditions)
                .values(status=status, decided_by=editor_id, decided_at=utcnow())
                .returning(ShippedNotice.id)
            )
            if notice_id is not None and closed.scalar_one_or_none() is None:
                row = await session.get(ShippedNotice, notice_id)
                if row is None or row.guild_id != guild_id:
                    raise NoticeNotFound(notice_id)
                raise NoticeStale(notice_id, row.status, row.decided_by)

        return guard

    async def _notice_entry(self, guild_id: int, notice_id: int) -> tuple[EntryKind, str, int]:
        async with self._sessions() as session:
            row = await session.get(ShippedNotice, notice_id)
            if row is None or row.guild_id != guild_id:
                raise NoticeNotFound(notice_id)
            if row.status != "pending":
                raise NoticeStale(notice_id, row.status, row.decided_by)
            overlay = await session.get(Entry, row.entry_id)
            assert overlay is not None
            return EntryKind(overlay.kind), overlay.slug, row.new_version

    async def keep_ours(
        self, guild_id: int, notice_id: int, *, editor_id: int, interaction_id: int | None = None
    ) -> ChangeResult:
        """Keep the guild's text over the new shipped one: its base moves up to the new
        shipped version (a revision, action `keep`), and the notice closes."""
        if interaction_id is not None and (first := await self._replay_only(interaction_id)):
            return first
        kind, slug, version = await self._notice_entry(guild_id, notice_id)
        rows = await self._scoped(guild_id, kind, slug)
        change = Change(
            guild_id=guild_id,
            kind=kind.value,
            slug=slug,
            action="keep",
            author_id=editor_id,
            reason=None,
            based_on=None,
            base_version=version,
            interaction_id=interaction_id,
            allow_same=True,
        )
        return await self._run(
            change, guard=self._close_notices(guild_id, notice_id, rows, "kept", editor_id)
        )

    async def take_shipped(
        self, guild_id: int, notice_id: int, *, editor_id: int, interaction_id: int | None = None
    ) -> ChangeResult:
        """Take the new shipped text: the guild follows the shipped entry again (a revision,
        action `take`; the catalog serves the shipped row), and the notice closes."""
        if interaction_id is not None and (first := await self._replay_only(interaction_id)):
            return first
        kind, slug, _ = await self._notice_entry(guild_id, notice_id)
        return await self._take(
            guild_id, kind, slug, editor_id, None, None, interaction_id, notice_id=notice_id
        )

    # -- export and import -------------------------------------------------------------------

    async def export(self, guild_id: int) -> bytes:
        """This guild's entries (its own texts, removed ones included) with their full
        history, as UTF-8 JSON. An entry's `version` is what a re-import is based on."""
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
            history.setdefault(rev.entry_id, []).append(
                {
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
            )
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
        """Read and check an import file, and say what it would do. Raises ImportRefused
        (size, JSON, guild, kinds, an invalid entry, a broken link) before anything is
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
            self._plan_item(item, by_key.get((item.kind.value, item.slug))) for item in items
        ]
        self._check_import(guild_id, items)
        return ImportPlan(guild_id, tuple(planned))

    @staticmethod
    def _plan_item(item: FileEntry, rows: Scoped | None) -> ImportItem:
        rows = rows or Scoped(None, None)
        token, seen = rows.token, rows.seen
        data = entry_data(item.entry) if item.entry is not None else None
        status: Literal["added", "changed", "conflict", "unchanged"]
        if item.follows_shipped:
            if rows.shipped is None:
                raise ImportRefused(
                    "invalid",
                    count=1,
                    problems=f"{item.id}: follows a shipped text there is none of",
                )
            data = None
            same = rows.following
        else:
            same = (
                seen is not None
                and data is not None
                and content_hash(data) == seen.content_hash
                and item.hidden == seen.hidden
            )
        if token is None:
            status = "added"
        elif same:
            status = "unchanged"
        elif item.based_on == token:
            status = "changed"
        else:
            status = "conflict"
        return ImportItem(
            entry_id=item.id,
            status=status,
            based_on=item.based_on,
            current=token,
            hidden=item.hidden,
            follows_shipped=item.follows_shipped,
            changed=changed_fields(
                seen.data if seen is not None else None,
                data if data is not None else (rows.shipped.data if rows.shipped else None),
                hidden_before=seen.hidden if seen is not None else False,
                hidden_after=item.hidden,
            ),
            data=data,
        )

    def _check_import(self, guild_id: int, items: Sequence[FileEntry]) -> None:
        shown = [i.entry for i in items if i.entry is not None and not i.hidden]
        try:
            self._check(guild_id, shown, has_details=False)
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
        """Apply a plan's added and changed entries (and its conflicts, if asked) in one
        transaction, each based on the version the plan saw: ImportStale and nothing written
        if any moved since."""
        if plan.guild_id != guild_id:
            raise ImportRefused("wrong_guild")
        chosen = [
            i
            for i in plan.items
            if i.status in ("added", "changed") or (overwrite_conflicts and i.status == "conflict")
        ]
        entries = [parse_entry(i.data) for i in chosen if i.data is not None and not i.hidden]
        try:
            self._check(guild_id, entries, has_details=False)
        except InvalidField as error:
            detail = ", ".join(f"{k}={v}" for k, v in error.params.items() if k != "field")
            raise ImportRefused("invalid", count=1, problems=detail) from None
        note = parse_reason(reason)
        now = utcnow()
        applied: list[Written] = []
        current = ""
        try:
            async with self._sessions.begin() as session:
                for item in chosen:
                    current = item.entry_id
                    kind, slug = split_id(item.entry_id)
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
                    applied.append(await write(session, change, now))
        except (Stale, IntegrityError, EntryNotFound, NothingChanged):
            raise ImportStale(current) from None
        for written in applied:
            self._knowledge.apply(written.row)
        return ImportResult(
            applied=tuple(self._result(w) for w in applied),
            skipped_conflicts=len(plan.conflicts) if not overwrite_conflicts else 0,
        )
