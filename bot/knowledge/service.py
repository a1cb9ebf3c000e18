"""Reading entries: the guild's version where it has one, else the shipped one.

Lookups are served from memory (the catalog and its search index), so an answer never waits on
the database; the database is the record, and the catalog is rebuilt from it at start.
"""

from __future__ import annotations

import asyncio
import logging
from collections import Counter
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal, TypeVar, cast

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.db.models import SCHEMA_VERSION, SHIPPED, Entry
from bot.errors import AmbiguousName, EntryNotFound, Suggestion, SuggestionReason
from bot.knowledge.heap import building, release
from bot.knowledge.history import YearRange, select_events
from bot.knowledge.matching import names_of, resolve, strip_question, whole_word, year_of
from bot.knowledge.memo import LastAnswers, parsed
from bot.knowledge.mentions import MentionFinder
from bot.knowledge.models import EntryBase, EntryKind, Event, Project, ProjectCategory, Segment
from bot.knowledge.search import HAN, WORD, Held, Hit, Key, SearchIndex, in_slices, normalize
from bot.knowledge.shards import Shards

log = logging.getLogger("aixbot.knowledge")

T = TypeVar("T")

DERIVED_KEPT = 1024
"""Answers `derived` keeps per catalog: far more than the entries a busy server asks about
between two edits, few enough (a rendered entry is a few KB) to stay well inside RSS_MB."""
NAME_POOL = 15
"""How many fuzzy name matches `get` judges: an exact name always ranks among the first."""
TEXT_POOL = 50
"""How many /search results `get` reads for entries that mention the name: name matches come
first there, text matches ("matched" is "text") after them."""
NEAR, NEAR_SPREAD = 80.0, 6.0
"""A fuzzy name scoring at least NEAR, and within NEAR_SPREAD of the best, is offered as one of
the closest names: further down, WRatio's partial matches are noise ("Deep Blue" for "Deep
Learning book")."""
MAX_OFFERED = 5
"""Candidates in a not-found reply: one row of buttons."""
TYPO = 80.0
"""A query word this similar to a word of a name (and five letters or more) is a typo of it."""
FETCH = 200
"""Rows a catalog rebuild reads per partition: about 10 ms of building ORM rows each."""


def _suggestion(view: EntryView, reason: SuggestionReason) -> Suggestion:
    entry = view.entry
    return Suggestion(
        entry.kind.value, entry.slug, entry.name.en, entry.name.zh, year_of(entry), reason
    )


@dataclass(frozen=True, slots=True)
class EntryView:
    """One entry as a guild sees it, with who last changed it."""

    entry: EntryBase
    guild_id: int
    version: int
    updated_at: datetime
    updated_by: int | None

    @property
    def kind(self) -> EntryKind:
        return self.entry.kind

    @property
    def slug(self) -> str:
        return self.entry.slug

    @property
    def id(self) -> str:
        return self.entry.id

    @property
    def edited(self) -> bool:
        """True when a moderator's text is shown rather than the shipped one."""
        return self.updated_by is not None

    def title(self, lang: str) -> str:
        return self.entry.name.pick(lang)


def _close_name(query: str, name: str) -> bool:
    """Every word of the query is a word of the name, the start of one, or a typo of one."""
    from rapidfuzz import fuzz  # here: a start that looks nothing up never loads it

    name_words = WORD.findall(normalize(name))
    for word in WORD.findall(normalize(query)):
        if not any(
            have == word
            or (len(word) >= 3 and have.startswith(word))
            or (len(word) >= 5 and fuzz.ratio(word, have) >= TYPO)
            or (HAN.match(word) is not None and word in have)
            for have in name_words
        ):
            return False
    return True


def _view(row: Entry) -> EntryView:
    return EntryView(
        entry=parsed(row.data),
        guild_id=row.guild_id,
        version=row.version,
        updated_at=row.updated_at,
        updated_by=row.updated_by,
    )


def _place(
    shipped: dict[Key, EntryView],
    overlays: dict[int, dict[Key, EntryView | None]],
    versions: dict[tuple[int, str, str], int],
    row: Entry,
    view: EntryView | None,
) -> None:
    """Put one row into a catalog's maps: the live ones (`apply`) or a rebuild's new ones."""
    key = (row.kind, row.slug)
    versions[(row.guild_id, row.kind, row.slug)] = row.version
    if row.guild_id == SHIPPED:
        if view is None:
            shipped.pop(key, None)
        else:
            shipped[key] = view
    elif row.follows_shipped:
        overlays.setdefault(row.guild_id, {}).pop(key, None)
    else:
        overlays.setdefault(row.guild_id, {})[key] = view


async def _indexes(
    views: list[tuple[Entry, EntryView | None]], ranks: Counter[str]
) -> tuple[SearchIndex, dict[int, SearchIndex]]:
    """The shipped index and one per guild overlay, their entries pending (SearchIndex)."""
    shipped: list[tuple[EntryBase, float]] = []
    overlays: dict[int, list[tuple[EntryBase, float]]] = {}
    async for row, view in in_slices(views):
        if row.guild_id == SHIPPED:
            if view is not None:
                shipped.append((view.entry, ranks[view.id]))
        elif not row.follows_shipped:
            overlay = overlays.setdefault(row.guild_id, [])
            if view is not None:
                overlay.append((view.entry, ranks[view.id]))
    return SearchIndex(shipped), {g: SearchIndex(e) for g, e in overlays.items()}


class KnowledgeService:
    def __init__(
        self, sessions: async_sessionmaker[AsyncSession], shards: Shards | None = None
    ) -> None:
        self._sessions = sessions
        self._shards = shards
        """The process's shards: only their guilds' overlays are held; None holds every guild."""
        self._on_demand: set[int] = set()
        """Guilds of other shards loaded because an interaction came from one (`ensure_guild`)."""
        self._loading: dict[int, asyncio.Task[None]] = {}
        self._shipped: dict[Key, EntryView] = {}
        self._overlays: dict[int, dict[Key, EntryView | None]] = {}
        """Per guild: its edited version of an entry, or None where it removed the entry. A key
        the guild follows the shipped text for is absent, as if never edited."""
        self._versions: dict[tuple[int, str, str], int] = {}
        """The row version held per (guild, kind, slug), hidden and followed rows included: what
        `apply` compares against so an older row never lands over a newer one."""
        self._index = SearchIndex()
        self._overlay_index: dict[int, SearchIndex] = {}
        self._rank_counts: Counter[str] = Counter()
        """How often each entry is named as related by a shipped entry, kept up to date by
        `apply` so one change never recounts the whole set."""
        self._kind_keys: dict[EntryKind | None, list[Key]] = {}
        """Shipped keys per kind, sorted: lists over 10,000 entries must not sort on each call."""
        self._finders: dict[int, MentionFinder] = {}
        """Per scope (0 = shipped), built on the first Explain-terms and dropped on a change."""
        self._loaded = False
        self.generation = 0
        """How many changes the catalog has taken since the process started (each rebuild, each
        row applied): the catalog version the metrics report, rising with every change served."""
        self._applied_meanwhile: list[Entry] | None = None
        """While `refresh` builds a new catalog: the rows `apply` took, to apply to it again."""
        self._derived: LastAnswers[Hashable, Any] = LastAnswers(DERIVED_KEPT)
        self._derived_generation = self.generation

    async def refresh(self) -> None:
        """Rebuild the catalog and its index from the database, without holding the loop.

        Rows are parsed and, on a reload, indexed a slice at a time (SLICE_S) while the old
        catalog keeps answering; the new one replaces it in one step, and the changes `apply`
        took meanwhile are applied to it again (each only if newer than what was read). The first
        build leaves the index pending: `warm` settles it in slices, and the first search settles
        what is left, so a start that answers no search never builds it.

        A row that no longer parses (written under older models, see SCHEMA_VERSION) is logged
        and left out, so one bad row never stops the bot from starting.
        """
        query = select(Entry)
        if self._shards is not None:
            query = query.where(
                or_(
                    Entry.guild_id == SHIPPED,
                    self._shards.where(Entry.guild_id),
                    Entry.guild_id.in_(sorted(self._on_demand)),
                )
            )
        self._applied_meanwhile = []
        try:
            with building():
                rows: list[Entry] = []
                async with self._sessions() as session:
                    # In partitions: SQLAlchemy builds the ORM rows on the loop's thread, and
                    # 10,000 of them at once held it for a second; each partition hands it back.
                    result = await session.stream_scalars(query.execution_options(yield_per=FETCH))
                    async for partition in result.partitions():
                        rows.extend(partition)
                        await asyncio.sleep(0)  # a buffered result hands out partitions unawaited
                views: list[tuple[Entry, EntryView | None]] = []
                async for row in in_slices(rows):
                    view = self._parse(row)
                    if view is not False:
                        views.append((row, view))
                ranks: Counter[str] = Counter()
                shipped: dict[Key, EntryView] = {}
                overlays: dict[int, dict[Key, EntryView | None]] = {}
                versions: dict[tuple[int, str, str], int] = {}
                async for row, view in in_slices(views):
                    if view is not None and row.guild_id == SHIPPED:
                        ranks.update(view.entry.related)
                    _place(shipped, overlays, versions, row, view)
                index, overlay_index = await _indexes(views, ranks)
                # Freeing 10,000 ORM rows runs a weakref callback for each: a slice at a time,
                # and before the new catalog is frozen.
                await release([views, rows])
                if self._loaded:
                    for built in (index, *overlay_index.values()):
                        await built.settle()
            meanwhile = self._applied_meanwhile
        finally:
            self._applied_meanwhile = None
        replaced: list[Held] = [self._shipped, self._versions, self._rank_counts]
        replaced += [*self._overlays.values(), self._overlays]
        replaced += [part for old in self.indexes() for part in old.detach()]
        # Built aside above; readers see the old catalog or the new one, never half.
        self._shipped, self._overlays, self._versions = shipped, overlays, versions
        self._finders.clear()
        self._kind_keys.clear()
        self._rank_counts = ranks
        self._index, self._overlay_index = index, overlay_index
        self._loaded = True
        self.generation += 1
        for row in meanwhile:
            self.apply(row)
        await release(replaced)

    def indexes(self) -> list[SearchIndex]:
        """Every scope's search index: the shipped one first, then each guild's overlay."""
        return [self._index, *self._overlay_index.values()]

    async def warm(self) -> None:
        """Build what the first build left pending, in slices: called once the bot is up."""
        with building():
            for index in self.indexes():
                await index.settle()

    @staticmethod
    def _shown(row: Entry) -> bool:
        return not row.hidden and not (row.guild_id != SHIPPED and row.follows_shipped)

    def _parse(self, row: Entry) -> EntryView | Literal[False] | None:
        """The row's view, None when it shows nothing, False when it no longer parses."""
        if not self._shown(row):
            return None
        try:
            return _view(row)
        except ValueError as exc:  # pydantic's ValidationError is a ValueError
            older = row.schema_version < SCHEMA_VERSION
            log.log(
                logging.WARNING if older else logging.ERROR,
                "skipping %s/%s of guild %s (version %s, written with schema %s%s): %s",
                row.kind,
                row.slug,
                row.guild_id,
                row.version,
                row.schema_version,
                ", older than this release" if older else "",
                str(exc).replace("\n", " "),
            )
            return False

    def _store(self, row: Entry, view: EntryView | None) -> None:
        _place(self._shipped, self._overlays, self._versions, row, view)

    def version(self, guild_id: int, kind: str, slug: str) -> int | None:
        """The version of the row the catalog holds for this scope, if any."""
        return self._versions.get((guild_id, kind, slug))

    def apply(self, row: Entry) -> bool:
        """Take one committed row into the catalog and only its own scope's index.

        Every change comes through here (edit, import, suggestion, shipped load). A row no
        newer than the one held is ignored and False returned: two processes, or a replayed
        notification, may deliver changes out of order. So is a row of a guild this process
        does not hold (another shard's).
        """
        if not self.holds(row.guild_id):
            return False
        if self._applied_meanwhile is not None:
            self._applied_meanwhile.append(row)
        held = self._versions.get((row.guild_id, row.kind, row.slug))
        if held is not None and held >= row.version:
            return False
        view = self._parse(row)
        if view is False:
            return False
        self.generation += 1
        key = (row.kind, row.slug)
        if row.guild_id == SHIPPED:
            before = self._shipped.get(key)
            if before is not None:
                self._rank_counts.subtract(before.entry.related)
            if view is not None:
                self._rank_counts.update(view.entry.related)
            self._store(row, view)
            self._kind_keys.clear()
            self._finders.clear()
            if view is None:
                self._index.remove(key)
            else:
                self._index.add(view.entry, self._rank_counts[view.id])
            return True
        self._store(row, view)
        self._finders.pop(row.guild_id, None)
        index = self._overlay_index.setdefault(row.guild_id, SearchIndex())
        if view is None:
            index.remove(key)
        else:
            index.add(view.entry, self._rank_counts[view.id])
        return True

    def holds(self, guild_id: int) -> bool:
        """Whether this process keeps the guild's overlay: the shipped scope, a guild of its
        shards, or one loaded on demand."""
        return (
            guild_id == SHIPPED
            or self._shards is None
            or self._shards.holds(guild_id)
            or guild_id in self._on_demand
        )

    async def ensure_guild(self, guild_id: int | None) -> None:
        """Load the overlay of a guild of another shard before answering it.

        Discord sends a guild's interactions to its own shard, so this happens only while
        processes disagree on SHARD_COUNT (a rolling change of it); the guild is then held
        like the process's own, notifications included.
        """
        if guild_id is None:
            return
        loading = self._loading.get(guild_id)
        if loading is None:
            if self.holds(guild_id):
                return
            self._on_demand.add(guild_id)
            loading = asyncio.create_task(self._load_guild(guild_id))
            self._loading[guild_id] = loading
            loading.add_done_callback(lambda _: self._loading.pop(guild_id, None))
        await asyncio.shield(loading)

    async def _load_guild(self, guild_id: int) -> None:
        async with self._sessions() as session:
            rows = list(await session.scalars(select(Entry).where(Entry.guild_id == guild_id)))
        applied = sum(self.apply(row) for row in rows)
        log.info(
            "guild %s is not on shards %s; loaded its %d edited entries on demand",
            guild_id,
            self._shards,
            applied,
        )

    # -- reading ---------------------------------------------------------------------------

    def _lookup(self, key: Key, guild_id: int | None) -> EntryView | None:
        overlay = self._overlays.get(guild_id or SHIPPED)
        if overlay is not None and key in overlay:
            return overlay[key]
        return self._shipped.get(key)

    def visible(
        self, kind: EntryKind | None = None, *, guild_id: int | None = None
    ) -> list[EntryView]:
        """Every entry the guild sees, of one kind or all, in id order."""
        keys = self._kind_keys.get(kind)
        if keys is None:
            keys = sorted(k for k in self._shipped if kind is None or k[0] == kind.value)
            self._kind_keys[kind] = keys
        overlay = self._overlays.get(guild_id or SHIPPED, {})
        added = [k for k in overlay if k not in self._shipped and kind in (None, k[0])]
        if added:
            keys = sorted([*keys, *added])
        views = [self._lookup(key, guild_id) for key in keys]
        return [v for v in views if v is not None]

    def by_id(self, entry_id: str, *, guild_id: int | None = None) -> EntryView | None:
        """Exactly this entry (a button's target), or None if the guild no longer has it."""
        kind, _, slug = entry_id.partition("/")
        return self._lookup((kind, slug), guild_id)

    def overlay_guilds(self) -> int:
        """How many guilds serve their own text (edited, added or removed) for some entry."""
        return sum(1 for overlay in self._overlays.values() if overlay)

    def shipped_counts(self) -> dict[EntryKind, int]:
        """`counts()` of the shipped scope from its keys alone, building no view: at 10,000
        entries a metrics scrape took 44 ms of the loop through `counts()`, 1.4 ms through this."""
        counted = Counter(kind for kind, _ in self._shipped)
        return {kind: counted.get(kind.value, 0) for kind in EntryKind}

    def counts(self, *, guild_id: int | None = None) -> dict[EntryKind, int]:
        counted = Counter(view.kind for view in self.visible(guild_id=guild_id))
        return {kind: counted.get(kind, 0) for kind in EntryKind}

    def derived(self, key: Hashable, compute: Callable[[], T]) -> T:
        """`compute()`, kept under `key` until the catalog next changes (any rebuild, any row
        applied: `generation`). For what the same question always gets from one catalog: a
        resolved name, a rendered answer. What `compute` raises is not kept."""
        if self._derived_generation != self.generation:
            self._derived.clear()
            self._derived_generation = self.generation
        return cast(T, self._derived.get(key, compute))

    def get(self, kind: EntryKind, query: str, *, guild_id: int | None = None) -> EntryView:
        """The entry `query` names (`_find`), kept until the catalog changes: members ask for
        the same few entries again and again, and resolving a name is a fuzzy search."""
        return self.derived(
            ("get", kind, query, guild_id), lambda: self._find(kind, query, guild_id)
        )

    def _find(self, kind: EntryKind, query: str, guild_id: int | None) -> EntryView:
        """Resolve a slug, id, name or alias (any language) to one entry, honestly.

        Opens an entry only on its own name or a near-certain typo (bot.knowledge.matching);
        a name several entries share raises AmbiguousName with each sense; anything else raises
        EntryNotFound with what the name is elsewhere, the closest names and the entries whose
        text mentions it, so the reply never passes a neighbour off as the answer.
        """
        text = query.strip()
        if text.startswith(f"{kind.value}/"):  # an autocomplete choice or a button: exactly this
            view = self._lookup((kind.value, text.split("/", 1)[1]), guild_id)
            if view is not None:
                return view
        asked = strip_question(text)
        hits = self.suggest(None, asked, guild_id=guild_id, limit=NAME_POOL)
        hits += self.suggest(kind, asked, guild_id=guild_id, limit=NAME_POOL)
        views = {v.id: v for h in hits if (v := self._lookup((h.kind.value, h.slug), guild_id))}
        exact, typo = resolve(asked, ((v, names_of(v.entry)) for v in views.values()))
        own = [v for v in exact if v.kind is kind]
        if len(own) == 1:
            return own[0]
        if own:
            raise AmbiguousName(kind.value, query, [_suggestion(v, "sense") for v in own])
        by_slug = self._lookup((kind.value, text), guild_id)  # a client still sending slugs
        if by_slug is not None:
            return by_slug
        if not exact and typo is not None and typo.kind is kind:
            return typo
        elsewhere = exact or ([typo] if typo is not None else [])
        offered = [_suggestion(v, "elsewhere") for v in elsewhere[:MAX_OFFERED]]
        seen = {v.id for v in elsewhere}
        fair = [h for h in hits if h.score >= NEAR and whole_word(asked, h.matched)]
        floor = max((h.score for h in fair), default=NEAR) - NEAR_SPREAD
        for hit in fair:
            near = views.get(hit.id)
            if near is not None and near.id not in seen and hit.score >= floor:
                seen.add(near.id)
                offered.append(_suggestion(near, "near"))
        if not elsewhere:
            for hit in self.search(asked, guild_id=guild_id, limit=TEXT_POOL):
                found = self._lookup((hit.kind.value, hit.slug), guild_id)
                if hit.matched == "text" and found is not None and found.id not in seen:
                    seen.add(found.id)
                    offered.append(_suggestion(found, "mentions"))
        raise EntryNotFound(kind.value, query, offered[:MAX_OFFERED])

    def named(self, query: str, *, guild_id: int | None = None) -> EntryView:
        """The one entry, of any kind, whose own name or alias `query` is.

        For commands that change an entry (editing, suggestions): no typo, no neighbour, no
        guess between kinds; a name several entries share raises AmbiguousName with each.
        """
        asked = query.strip()
        hits = self.suggest(None, asked, guild_id=guild_id, limit=NAME_POOL)
        views = {v.id: v for h in hits if (v := self._lookup((h.kind.value, h.slug), guild_id))}
        exact, _ = resolve(asked, ((v, names_of(v.entry)) for v in views.values()))
        if len(exact) == 1:
            return exact[0]
        if exact:
            raise AmbiguousName(None, query, [_suggestion(v, "sense") for v in exact])
        raise EntryNotFound(None, query)

    def people(self, event: Event, *, guild_id: int | None = None) -> dict[str, EntryView]:
        """The person entries an event's `people` name, by name: each only on its own name or
        an alias (no typo, no neighbour), and a name two people share links to neither."""
        found: dict[str, EntryView] = {}
        for name in event.people:
            hits = self.suggest(EntryKind.PERSON, name, guild_id=guild_id, limit=NAME_POOL)
            views = {v.id: v for h in hits if (v := self._lookup((h.kind.value, h.slug), guild_id))}
            exact, _ = resolve(name, ((v, names_of(v.entry)) for v in views.values()))
            if len(exact) == 1:
                found[name] = exact[0]
        return found

    def _merge(self, shipped: list[Hit], local: list[Hit], guild_id: int | None) -> list[Hit]:
        overlay = self._overlays.get(guild_id or SHIPPED, {})
        merged = [h for h in shipped if (h.kind.value, h.slug) not in overlay] + local
        merged.sort(key=lambda h: -h.score)
        return merged

    def suggest(
        self, kind: EntryKind | None, current: str, *, guild_id: int | None = None, limit: int = 25
    ) -> list[Hit]:
        """Autocomplete: the best name matches, or the most useful entries for empty input."""
        local_index = self._overlay_index.get(guild_id or SHIPPED)
        if not normalize(current):
            shipped = self._index.top(kind, limit)
            local = local_index.top(kind, limit) if local_index else []
        else:
            shipped = self._index.match_names(current, kind, limit)
            local = local_index.match_names(current, kind, limit) if local_index else []
        return self._merge(shipped, local, guild_id)[:limit]

    def search(
        self,
        query: str,
        *,
        kind: EntryKind | None = None,
        guild_id: int | None = None,
        limit: int = 25,
    ) -> list[Hit]:
        """Exact names first, then full text by BM25F relevance, then typos of a name.

        A fuzzy name match that is only a loose resemblance ("laws" for "AWS", a long alias
        sharing one word) is dropped: it must never push a real content match down.
        """
        local_index = self._overlay_index.get(guild_id or SHIPPED)
        overlay = self._overlays.get(guild_id or SHIPPED, {})
        results: dict[Key, tuple[int, Hit]] = {}
        for index, is_local in ((self._index, False), (local_index, True)):
            if index is None:
                continue
            ranked = [(1, hit) for hit in index.match_text(query, kind, limit)]
            for hit in index.match_names(query, kind, limit):
                if _close_name(query, hit.matched):
                    ranked.append((0 if hit.score >= 100.0 else 2, hit))
            for tier, hit in ranked:
                key = (hit.kind.value, hit.slug)
                if not is_local and key in overlay:
                    continue
                if key not in results or (tier, -hit.score) < (
                    results[key][0],
                    -results[key][1].score,
                ):
                    results[key] = (tier, hit)
        ordered = sorted(
            results.values(),
            key=lambda th: (th[0], -th[1].score, th[1].name_en.casefold(), th[1].id),
        )
        return [hit for _, hit in ordered[:limit]]

    def mentions(
        self, message: str, *, guild_id: int | None = None, limit: int | None = None
    ) -> list[EntryView]:
        """Every entry a message names (Explain terms), one per concept, most useful first."""
        scope = guild_id if guild_id in self._overlays else SHIPPED
        finder = self._finders.get(scope or SHIPPED)
        if finder is None:
            entries = (v.entry for v in self.visible(guild_id=scope))
            finder = MentionFinder(entries, self._rank_counts)
            self._finders[scope or SHIPPED] = finder
        views = [self._lookup(key, guild_id) for key in finder.find(message, limit)]
        return [v for v in views if v is not None]

    def events(
        self, years: YearRange, wave: int | None = None, *, guild_id: int | None = None
    ) -> list[Event]:
        """The events of a year range (and wave), oldest first, as the guild sees them."""
        views = self.visible(EntryKind.EVENT, guild_id=guild_id)
        return select_events((v.entry for v in views if isinstance(v.entry, Event)), years, wave)

    def segments(self, *, guild_id: int | None = None) -> list[Segment]:
        """Every segment, grouped by chain, upstream first."""
        views = self.visible(EntryKind.SEGMENT, guild_id=guild_id)
        found = [v.entry for v in views if isinstance(v.entry, Segment)]
        return sorted(found, key=lambda s: (s.chain, s.order, s.id))

    def projects(
        self, category: ProjectCategory | None = None, *, guild_id: int | None = None
    ) -> list[Project]:
        """Projects of one category or all, by name."""
        views = self.visible(EntryKind.PROJECT, guild_id=guild_id)
        found = [
            v.entry
            for v in views
            if isinstance(v.entry, Project) and category in (None, v.entry.category)
        ]
        return sorted(found, key=lambda p: p.name.en.casefold())
