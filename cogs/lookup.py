"""The lookups: /history, /industry, /project, /org, /person, /define, /search and the
Explain-terms menu.

Each command parses its options, asks the knowledge service, renders and replies. Answers are
public unless `private` is set: they are meant to be posted into the discussion. `private` is
read through answers_privately, which also answers privately, with the shipped text, where a
member uses their own install in a server that has not installed aixbot.
"""

from __future__ import annotations

import asyncio
import io
from collections.abc import Sequence
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.charts.jobs import ChainJob, ChainSegment, TimelineEvent, TimelineJob, timeline_label
from bot.errors import AmbiguousName, EntryNotFound, one_of
from bot.i18n import Lang, t
from bot.i18n.script import Script
from bot.knowledge.asked import AskedSearch
from bot.knowledge.history import (
    FIRST_YEAR,
    LAST_YEAR,
    YearRange,
    check_bounds,
    parse_years,
    year_suggestions,
)
from bot.knowledge.models import EntryKind, Event, ProjectCategory, Segment
from bot.knowledge.search import normalize
from cogs._items.entry import ENTRY_ITEMS, send_entry
from cogs._items.installs import anywhere
from cogs._items.posting import answers_privately, public_post_limit, scope_of
from cogs._items.search import SEARCH_ITEMS, send_search
from cogs._ui.autocomplete import entry_choices, never_fails
from cogs._ui.entry import KIND_COLOUR
from cogs._ui.lookup import (
    PER_PAGE,
    ChartPaginator,
    ListPaginator,
    PageMenus,
    chain_message,
    event_line,
    explain_message,
    list_pages,
    project_line,
)
from cogs._ui.reply import lang_of, reply
from cogs._ui.script import script_of
from cogs._ui.text import clip, quoted

if TYPE_CHECKING:
    from bot.app import AixBot

Choices = Sequence[app_commands.Choice[str]]
PRIVATE = "Only you see the answer (default: everyone)"
QUERY_MAX = 100
WAVES = [
    app_commands.Choice(name="1st wave: symbolic AI (1950s-1970s)", value=1),
    app_commands.Choice(name="2nd wave: expert systems, statistical ML", value=2),
    app_commands.Choice(name="3rd wave: deep learning (2006 on)", value=3),
]
CATEGORY_NAMES = {
    ProjectCategory.COMPUTE: "Compute",
    ProjectCategory.BANDWIDTH: "Bandwidth",
    ProjectCategory.DATA: "Data",
    ProjectCategory.ZKML: "ZKML / verifiable AI",
    ProjectCategory.AGENTS: "Agents",
    ProjectCategory.AI_CHAIN: "AI chain",
    ProjectCategory.MODELS: "Models",
    ProjectCategory.PRIVACY: "Privacy",
}
CATEGORIES = [app_commands.Choice(name=CATEGORY_NAMES[c], value=c.value) for c in ProjectCategory]


def png_file(data: bytes, name: str) -> discord.File:
    return discord.File(io.BytesIO(data), filename=name)


class Lookup(commands.Cog):
    history = anywhere(
        app_commands.Group(name="history", description="AI history: events, years and timelines")
    )
    industry = anywhere(
        app_commands.Group(name="industry", description="The AI and crypto x AI industry chains")
    )
    project = anywhere(app_commands.Group(name="project", description="Crypto x AI projects"))
    org = anywhere(
        app_commands.Group(
            name="org", description="Companies, labs and foundations of AI and crypto x AI"
        )
    )
    person = anywhere(
        app_commands.Group(name="person", description="People of AI history and the AI industry")
    )

    def __init__(self, bot: AixBot) -> None:
        self.bot = bot
        self.knowledge = bot.services.knowledge
        self.charts = bot.services.charts
        self.explain_menu = anywhere(
            app_commands.ContextMenu(name="Explain terms", callback=self.explain)
        )

    async def cog_load(self) -> None:
        self.bot.tree.add_command(self.explain_menu)

    async def cog_unload(self) -> None:
        self.bot.tree.remove_command(self.explain_menu.name, type=self.explain_menu.type)

    # -- entries ---------------------------------------------------------------------------

    async def _open(
        self,
        interaction: discord.Interaction[AixBot],
        kind: EntryKind,
        name: str,
        private: bool,
    ) -> None:
        interaction.extras["private"] = private
        try:
            view = self.knowledge.get(kind, name, guild_id=scope_of(interaction))
        except EntryNotFound as missing:
            # Counted for /entry missing (the query, never who asked); several senses of one
            # name are not a missing entry.
            scope = scope_of(interaction)
            if scope is not None and not isinstance(missing, AmbiguousName):
                await self.bot.services.editing.record_missing(scope, kind, name)
            raise
        await send_entry(interaction, view, private=private)

    def _choices(
        self, interaction: discord.Interaction[AixBot], kind: EntryKind | None, current: str
    ) -> Choices:
        lang = lang_of(interaction)
        typed, scope = current[:QUERY_MAX], scope_of(interaction)

        def choices() -> tuple[app_commands.Choice[str], ...]:
            hits = self.knowledge.suggest(kind, typed, guild_id=scope)
            # Valued by id, not slug: the slug "token" is also a name two terms share, and a
            # pick from the list must open exactly the entry picked (KnowledgeService.get).
            return tuple(
                app_commands.Choice(name=choice.name, value=hit.id)
                for choice, hit in zip(entry_choices(hits, lang), hits, strict=False)
            )

        # Kept per catalog: each key typed asks again, and most of what is typed was typed before.
        return self.knowledge.derived(("choices", kind, typed, scope, lang), choices)

    @history.command(name="event", description="One event in AI history")
    @app_commands.describe(name="Event, e.g. transformer paper or AlphaGo", private=PRIVATE)
    @public_post_limit()
    async def history_event(
        self,
        interaction: discord.Interaction[AixBot],
        name: app_commands.Range[str, 1, QUERY_MAX],
        private: bool = False,
    ) -> None:
        await self._open(interaction, EntryKind.EVENT, name, answers_privately(interaction))

    @history_event.autocomplete("name")
    @never_fails
    async def event_choices(
        self, interaction: discord.Interaction[AixBot], current: str
    ) -> Choices:
        return self._choices(interaction, EntryKind.EVENT, current)

    @industry.command(name="segment", description="One segment of the industry chain")
    @app_commands.describe(name="Segment, e.g. AI hardware or data", private=PRIVATE)
    @public_post_limit()
    async def industry_segment(
        self,
        interaction: discord.Interaction[AixBot],
        name: app_commands.Range[str, 1, QUERY_MAX],
        private: bool = False,
    ) -> None:
        await self._open(interaction, EntryKind.SEGMENT, name, answers_privately(interaction))

    @industry_segment.autocomplete("name")
    @never_fails
    async def segment_choices(
        self, interaction: discord.Interaction[AixBot], current: str
    ) -> Choices:
        return self._choices(interaction, EntryKind.SEGMENT, current)

    @project.command(name="info", description="One crypto x AI project")
    @app_commands.describe(name="Project, e.g. Render, Bittensor or FET", private=PRIVATE)
    @public_post_limit()
    async def project_info(
        self,
        interaction: discord.Interaction[AixBot],
        name: app_commands.Range[str, 1, QUERY_MAX],
        private: bool = False,
    ) -> None:
        await self._open(interaction, EntryKind.PROJECT, name, answers_privately(interaction))

    @project_info.autocomplete("name")
    @never_fails
    async def project_choices(
        self, interaction: discord.Interaction[AixBot], current: str
    ) -> Choices:
        return self._choices(interaction, EntryKind.PROJECT, current)

    @org.command(
        name="info", description="One organisation: what it makes and where it sits in the chain"
    )
    @app_commands.describe(name="Organisation, e.g. NVIDIA, AWS or Google", private=PRIVATE)
    @public_post_limit()
    async def org_info(
        self,
        interaction: discord.Interaction[AixBot],
        name: app_commands.Range[str, 1, QUERY_MAX],
        private: bool = False,
    ) -> None:
        await self._open(interaction, EntryKind.ORG, name, answers_privately(interaction))

    @org_info.autocomplete("name")
    @never_fails
    async def org_choices(self, interaction: discord.Interaction[AixBot], current: str) -> Choices:
        return self._choices(interaction, EntryKind.ORG, current)

    @person.command(
        name="info", description="One person: their role, what they are known for, their events"
    )
    @app_commands.describe(name="Person, e.g. Geoffrey Hinton or Yann LeCun", private=PRIVATE)
    @public_post_limit()
    async def person_info(
        self,
        interaction: discord.Interaction[AixBot],
        name: app_commands.Range[str, 1, QUERY_MAX],
        private: bool = False,
    ) -> None:
        await self._open(interaction, EntryKind.PERSON, name, answers_privately(interaction))

    @person_info.autocomplete("name")
    @never_fails
    async def person_choices(
        self, interaction: discord.Interaction[AixBot], current: str
    ) -> Choices:
        return self._choices(interaction, EntryKind.PERSON, current)

    @anywhere
    @app_commands.command(name="define", description="Explain an AI or crypto term")
    @app_commands.describe(term="Term, e.g. transformer, RLHF or MoE", private=PRIVATE)
    @public_post_limit()
    async def define(
        self,
        interaction: discord.Interaction[AixBot],
        term: app_commands.Range[str, 1, QUERY_MAX],
        private: bool = False,
    ) -> None:
        await self._open(interaction, EntryKind.TERM, term, answers_privately(interaction))

    @define.autocomplete("term")
    @never_fails
    async def term_choices(self, interaction: discord.Interaction[AixBot], current: str) -> Choices:
        return self._choices(interaction, EntryKind.TERM, current)

    # -- lists -----------------------------------------------------------------------------

    @history.command(name="year", description="The events of a year or a range of years")
    @app_commands.describe(year="A year or range, e.g. 2017 or 2010-2015", private=PRIVATE)
    @public_post_limit()
    async def history_year(
        self,
        interaction: discord.Interaction[AixBot],
        year: app_commands.Range[str, 1, QUERY_MAX],
        private: bool = False,
    ) -> None:
        lang = lang_of(interaction)
        years = parse_years(year)
        events = self.knowledge.events(years, guild_id=scope_of(interaction))
        title = t("history.year_title", lang, years=years.label())
        private = answers_privately(interaction)
        await self._event_list(interaction, events, years.label(), title, private)

    @history_year.autocomplete("year")
    @never_fails
    async def year_choices(self, interaction: discord.Interaction[AixBot], current: str) -> Choices:
        events = self.knowledge.events(YearRange(FIRST_YEAR, LAST_YEAR))
        return [app_commands.Choice(name=o, value=o) for o in year_suggestions(events, current)]

    @history.command(name="timeline", description="A timeline chart of events, by years and wave")
    @app_commands.describe(
        start="First year, e.g. 1950",
        end="Last year, e.g. 2024",
        wave="Only one wave of AI",
        private=PRIVATE,
    )
    @app_commands.choices(wave=WAVES)
    @public_post_limit()
    async def history_timeline(
        self,
        interaction: discord.Interaction[AixBot],
        start: app_commands.Range[int, 1800, 2100] | None = None,
        end: app_commands.Range[int, 1800, 2100] | None = None,
        wave: int | None = None,
        private: bool = False,
    ) -> None:
        lang = lang_of(interaction)
        years = check_bounds(start, end)
        wave = None if wave is None else one_of(wave, [w.value for w in WAVES], "wave")
        events = self.knowledge.events(years, wave, guild_id=scope_of(interaction))
        label = timeline_label(start, end, wave, lang)
        title = t("history.timeline_title", lang, years=label)
        private = answers_privately(interaction)
        await self._event_list(interaction, events, label, title, private, chart=(start, end, wave))

    async def _event_list(
        self,
        interaction: discord.Interaction[AixBot],
        events: list[Event],
        label: str,
        title: str,
        private: bool,
        *,
        chart: tuple[int | None, int | None, int | None] | None = None,
    ) -> None:
        """A paged list of events; with `chart` (the timeline's start, end, wave), each page
        comes with a chart of its own events (a phone cannot read one chart of them all)."""
        lang = lang_of(interaction)
        if not events:
            await reply(interaction, content=t("history.none", lang, years=label), ephemeral=True)
            return
        image = "timeline.png"
        lines = [event_line(e, lang) for e in events]
        pages, options = list_pages(
            events,
            lines,
            title=title,
            lang=lang,
            colour=KIND_COLOUR["event"],
            image=image if chart is not None else None,
        )
        menus = PageMenus(options, private=private)
        if chart is None:
            paginator = ListPaginator(pages, menus, owner_id=interaction.user.id, lang=lang)
            await paginator.start(interaction, ephemeral=private)
            return
        script = script_of(interaction)
        chunks = [events[i : i + PER_PAGE] for i in range(0, len(events), PER_PAGE)]
        charts = self.charts

        def draw(index: int) -> asyncio.Future[bytes]:
            shown = tuple(
                TimelineEvent(e.date, e.name.en, e.name.zh, e.wave) for e in chunks[index]
            )
            page = (index + 1, len(chunks))
            return charts.draw(TimelineJob(shown, *chart, page=page, lang=lang, script=script))

        charted = ChartPaginator(
            pages, menus, owner_id=interaction.user.id, lang=lang, chart=draw, image=image
        )
        charted.draw(0)  # before deferring: "charts are busy" can then still be private
        await interaction.response.defer(ephemeral=private, thinking=True)
        await charted.start(interaction, ephemeral=private, files=[await charted.picture(0)])

    @project.command(name="list", description="Projects, optionally of one category")
    @app_commands.describe(category="Only this category", private=PRIVATE)
    @app_commands.choices(category=CATEGORIES)
    @public_post_limit()
    async def project_list(
        self,
        interaction: discord.Interaction[AixBot],
        category: str | None = None,
        private: bool = False,
    ) -> None:
        private = answers_privately(interaction)
        lang = lang_of(interaction)
        values = [c.value for c in ProjectCategory]
        chosen = ProjectCategory(one_of(category, values, "category")) if category else None
        projects = self.knowledge.projects(chosen, guild_id=scope_of(interaction))
        if not projects:
            await reply(interaction, content=t("project.none", lang), ephemeral=True)
            return
        title = (
            t("project.list_title_category", lang, category=t(f"category.{chosen.value}", lang))
            if chosen
            else t("project.list_title", lang)
        )
        lines = [project_line(p, lang) for p in projects]
        pages, options = list_pages(
            projects, lines, title=title, lang=lang, colour=KIND_COLOUR["project"]
        )
        menus = PageMenus(options, private=private)
        paginator = ListPaginator(pages, menus, owner_id=interaction.user.id, lang=lang)
        await paginator.start(interaction, ephemeral=private)

    @industry.command(name="chain", description="The whole chain at a glance, with a diagram")
    @app_commands.describe(private=PRIVATE)
    @public_post_limit()
    async def industry_chain(
        self, interaction: discord.Interaction[AixBot], private: bool = False
    ) -> None:
        private = answers_privately(interaction)
        lang = lang_of(interaction)
        segments = self.knowledge.segments(guild_id=scope_of(interaction))
        if not segments:
            await reply(interaction, content=t("industry.none", lang), ephemeral=True)
            return
        drawing = self.charts.draw(self._chain_job(segments, lang, script_of(interaction)))
        await interaction.response.defer(ephemeral=private, thinking=True)
        png = await drawing
        embed, menu = chain_message(segments, lang, private=private, image="chain.png")
        view = discord.ui.View(timeout=None)
        view.add_item(menu)
        await reply(
            interaction,
            embeds=[embed],
            view=view,
            files=[png_file(png, "chain.png")],
            ephemeral=private,
        )

    @staticmethod
    def _chain_job(segments: list[Segment], lang: Lang, script: Script) -> ChainJob:
        shown = tuple(
            ChainSegment(s.id, s.name.en, s.name.zh, s.chain, s.order, tuple(s.downstream))
            for s in segments
        )
        return ChainJob(shown, lang, script)

    # -- search ----------------------------------------------------------------------------

    @anywhere
    @app_commands.command(name="search", description="Search every entry by name and by content")
    @app_commands.describe(query="Words or a name, in English or Chinese", private=PRIVATE)
    @public_post_limit()
    async def search(
        self,
        interaction: discord.Interaction[AixBot],
        query: app_commands.Range[str, 1, QUERY_MAX],
        private: bool = False,
    ) -> None:
        private = answers_privately(interaction)
        lang = lang_of(interaction)
        text = query[:QUERY_MAX]
        if not normalize(text):
            await reply(interaction, content=t("search.empty", lang), ephemeral=True)
            return
        asked = AskedSearch(scope_of(interaction), lang, text)
        if not await send_search(interaction, asked, private=private):
            await reply(
                interaction, content=t("search.none", lang, query=quoted(text)), ephemeral=True
            )

    @search.autocomplete("query")
    @never_fails
    async def search_choices(
        self, interaction: discord.Interaction[AixBot], current: str
    ) -> Choices:
        lang = lang_of(interaction)
        typed, scope = current[:QUERY_MAX], scope_of(interaction)

        def choices() -> tuple[app_commands.Choice[str], ...]:
            hits = self.knowledge.suggest(None, typed, guild_id=scope)
            titles = [clip(h.title(lang), 100) for h in hits]
            return tuple(app_commands.Choice(name=title, value=title) for title in titles)

        return self.knowledge.derived(("search-choices", typed, scope, lang), choices)

    async def explain(
        self, interaction: discord.Interaction[AixBot], message: discord.Message
    ) -> None:
        lang = lang_of(interaction)
        views = self.knowledge.mentions(message.content, guild_id=scope_of(interaction))
        if not views:
            await reply(interaction, content=t("explain.none", lang), ephemeral=True)
            return
        embed, buttons = explain_message(views, lang)
        await reply(interaction, embeds=[embed], view=buttons, ephemeral=True)


async def setup(bot: AixBot) -> None:
    bot.add_dynamic_items(*ENTRY_ITEMS, *SEARCH_ITEMS)
    await bot.add_cog(Lookup(bot))
