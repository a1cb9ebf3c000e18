"""Members' suggestions: validated when made, applied on approval through the same write path
and checks as an edit, and decided exactly once."""

from __future__ import annotations

from dataclasses import replace
from typing import Literal, cast

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.models import MemberSuggestion, utcnow
from bot.editing import forms
from bot.editing.core import EditingCore, Guard, split_id, visible_row
from bot.editing.diff import render, unified
from bot.editing.fields import Form, ModalFields, clean, format_sources, parse_reason, slugify
from bot.editing.rows import Change, Scoped, Stale, scoped
from bot.editing.views import ChangeResult, Decision, SuggestionView, aware
from bot.errors import (
    EditConflict,
    NothingChanged,
    SlugTaken,
    SuggestionNotFound,
    SuggestionStale,
)
from bot.i18n import Lang
from bot.knowledge.models import EntryKind
from bot.knowledge.store import content_hash, entry_data


class SuggestionMethods(EditingCore):
    async def suggest_form(
        self,
        guild_id: int,
        entry_id: str | None,
        lang: Lang,
        kind: EntryKind = EntryKind.TERM,
    ) -> Form:
        """/suggest: a correction of `entry_id` (prefilled), or with None a new entry of
        `kind`. Either way one source line is required."""
        if entry_id is None:
            return forms.suggest_form(kind, None, None, lang, None)
        entry_kind, _, rows = await self._visible_rows(guild_id, entry_id)
        assert rows.seen is not None
        return forms.suggest_form(entry_kind, entry_id, rows.seen.data, lang, rows.token)

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
        """Record a member's proposal: a correction of `entry_id`, or a new entry of `kind`.
        Validated now, so the member hears about a bad field at once; EditConflict if the
        entry moved past `based_on`; a repeated interaction returns the first suggestion."""
        if interaction_id is not None and (first := await self._suggestion_of(interaction_id)):
            return replace(first, duplicate=True)
        if entry_id is not None:
            kind, slug, rows = await self._visible_rows(guild_id, entry_id)
            seen = visible_row(rows, kind, entry_id)
            if based_on is not None and based_on != rows.token:
                version, current = await self._current_fields(guild_id, kind, slug, lang, fields)
                raise EditConflict(entry_id, based_on, version, mine=fields, current=current)
            data = self._parse_submit(
                lambda: forms.build_edit(seen.data, kind, lang, fields), fields
            )
            if content_hash(data) == seen.content_hash:
                raise NothingChanged(entry_id)
            stored_slug: str | None = slug
            version_seen = rows.token
            previous = seen.data
        else:
            slug = self._parse_submit(lambda: {"s": slugify(fields.title or "")}, fields)["s"]
            if (await self._scoped(guild_id, kind, slug)).token is not None:
                raise SlugTaken(f"{kind.value}/{slug}")
            data = self._parse_submit(
                lambda: forms.build_new(kind, slug, lang, fields, today=utcnow().date()), fields
            )
            stored_slug, version_seen, previous = None, None, None
        entry = self._validate(
            guild_id,
            data,
            submitted=fields,
            has_details=fields.details is not None,
            previous=previous,
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
            if interaction_id is None or not (first := await self._suggestion_of(interaction_id)):
                raise
            return replace(first, duplicate=True)

    async def _suggestion_of(self, interaction_id: int) -> SuggestionView | None:
        async with self._sessions() as session:
            row = await session.scalar(
                select(MemberSuggestion).where(MemberSuggestion.interaction_id == interaction_id)
            )
            return await self._suggestion_view(session, row) if row is not None else None

    @staticmethod
    async def _suggestion_view(session: AsyncSession, row: MemberSuggestion) -> SuggestionView:
        entry_id = str(row.data.get("id", f"{row.kind}/{row.slug}"))
        rows = await scoped(session, row.guild_id, row.kind, entry_id.split("/", 1)[1])
        seen = rows.seen if row.slug is not None else None
        lang = cast(Lang, row.language if row.language in ("en", "zh") else "en")
        data = row.data

        def pick(key: str) -> str:
            value = data.get(key) or {}
            return str(value.get(lang, "")) if isinstance(value, dict) else ""

        return SuggestionView(
            id=row.id,
            guild_id=row.guild_id,
            kind=EntryKind(row.kind),
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
        """One suggestion of this guild (SuggestionNotFound for another guild's)."""
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
        """Where the suggestion was posted for review, so it can be updated once decided."""
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
        """Approve (the proposal becomes a revision with action `suggestion`, through the same
        checks as an edit; EditConflict if the entry moved on since it was written) or reject.
        SuggestionStale when it was decided already."""
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
                    status=status, decided_by=decider_id, decided_at=utcnow(), decision_reason=note
                )
                .returning(MemberSuggestion.id)
            )
            if marked.first() is None:
                row = await session.get(MemberSuggestion, suggestion_id)
                if row is None or row.guild_id != guild_id:
                    raise SuggestionNotFound(suggestion_id)
                raise SuggestionStale(suggestion_id, row.status, row.decided_by)

        if interaction_id is not None and (first := await self._replay_only(interaction_id)):
            return Decision(await self.suggestion(guild_id, suggestion_id), first)
        current = await self.suggestion(guild_id, suggestion_id)
        if current.status != "pending":
            raise SuggestionStale(suggestion_id, current.status, current.decided_by)
        change: ChangeResult | None = None
        if approve:
            change = await self._approve(current, decider_id, interaction_id, mark)
        else:
            async with self._sessions.begin() as session:
                await mark(session)
        return Decision(await self.suggestion(guild_id, suggestion_id), change)

    async def _approve(
        self,
        suggestion: SuggestionView,
        decider_id: int,
        interaction_id: int | None,
        mark: Guard,
    ) -> ChangeResult:
        async with self._sessions() as session:
            row = await session.get(MemberSuggestion, suggestion.id)
            assert row is not None
            data = row.data
        kind, slug = split_id(suggestion.entry_id)
        guild_id = suggestion.guild_id

        def make(rows: Scoped) -> Change:
            if suggestion.new_entry and rows.token is not None:
                raise Stale(rows.token)
            if suggestion.based_on is not None and suggestion.based_on != rows.token:
                raise Stale(rows.token)
            seen = rows.seen
            entry = self._validate(
                guild_id,
                data,
                submitted=None,
                has_details=True,
                previous=seen.data if seen is not None and not seen.hidden else None,
            )
            return Change(
                guild_id=guild_id,
                kind=kind.value,
                slug=slug,
                action="suggestion",
                author_id=decider_id,
                reason=suggestion.reason,
                based_on=suggestion.based_on,
                data=entry_data(entry),
                hidden=False if suggestion.new_entry else None,
                interaction_id=interaction_id,
                create=suggestion.new_entry,
            )

        return await self._run(
            guild_id,
            kind,
            slug,
            make,
            based_on=suggestion.based_on,
            interaction_id=interaction_id,
            create=suggestion.new_entry,
            lang=suggestion.lang,
            mine=suggestion.proposed,
            guard=mark,
        )
