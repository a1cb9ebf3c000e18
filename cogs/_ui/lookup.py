"""Lists of entries as pages (events, projects, search hits), the chain overview and the
Explain-terms answer; every list carries a menu that opens one of its entries."""

from __future__ import annotations

import asyncio
import io
from collections.abc import Callable, Sequence
from typing import Any

import discord

from bot.i18n import Lang, t
from bot.knowledge.fulltext import snippet
from bot.knowledge.models import EntryBase, Event, Gpu, Model, Org, Project, Segment
from bot.knowledge.service import EntryView
from bot.limits import (
    DESCRIPTION,
    FIELD_VALUE,
    SELECT_DESCRIPTION,
    SELECT_LABEL,
    SELECT_OPTIONS,
)
from cogs._items.entry import OpenSelect
from cogs._items.open_entry import OpenEntryButton
from cogs._ui.entry import KIND_COLOUR, format_date
from cogs._ui.paginator import Paginator
from cogs._ui.script import item_in_place
from cogs._ui.text import clip, safe

PER_PAGE = 10
LINE = 300
"""One list line: ten of them and a title stay far below an embed's 4096."""
COLOUR = 0x5865F2


class ListPaginator(Paginator):
    """A Paginator whose "open" menu always offers the entries of the page on screen."""

    def __init__(
        self,
        pages: Sequence[discord.Embed],
        menus: PageMenus,
        *,
        owner_id: int,
        lang: Lang,
    ) -> None:
        first = menus[0] if len(menus) else None
        super().__init__(
            pages, owner_id=owner_id, lang=lang, extra=[first] if first is not None else []
        )
        self.menus = menus
        self._menu = first
        self._converted = {0}
        """Pages whose menu is in the reader's script: the first is converted with the reply,
        each other once, when first shown (converting twice would convert converted text)."""

    async def show(self, interaction: discord.Interaction[Any], index: int) -> None:
        index = max(0, min(index, len(self.pages) - 1))
        if self._menu is not None:
            self.remove_item(self._menu)
        self._menu = self.menus[index] if index < len(self.menus) else None
        if self._menu is not None:
            if index not in self._converted and self.script != "hans":
                item_in_place(self._menu, self.script)
            self._converted.add(index)
            self.add_item(self._menu)
        await super().show(interaction, index)


class ChartPaginator(ListPaginator):
    """A list whose every page has a chart of its own (the timeline, drawn for a phone one page
    of events at a time): paging redraws the chart with the list. `chart` starts drawing page n
    in the chart workers, raising ChartsBusy when they are full."""

    def __init__(
        self,
        pages: Sequence[discord.Embed],
        menus: PageMenus,
        *,
        owner_id: int,
        lang: Lang,
        chart: Callable[[int], asyncio.Future[bytes]],
        image: str,
    ) -> None:
        super().__init__(pages, menus, owner_id=owner_id, lang=lang)
        self.chart = chart
        self.image = image
        self._drawn: dict[int, asyncio.Future[bytes]] = {}

    def draw(self, index: int) -> None:
        """Start drawing page `index` unless it is drawn or on its way; called before the
        interaction is deferred, so a ChartsBusy reply can still be private."""
        if index not in self._drawn:
            self._drawn[index] = self.chart(index)

    async def picture(self, index: int) -> discord.File:
        """Page `index`'s chart, drawn once and kept for paging back; one that failed is
        forgotten, so pressing the button again tries again."""
        self.draw(index)
        try:
            png = await self._drawn[index]
        except BaseException:
            del self._drawn[index]
            raise
        return discord.File(io.BytesIO(png), filename=self.image)

    async def show(self, interaction: discord.Interaction[Any], index: int) -> None:
        self.draw(max(0, min(index, len(self.pages) - 1)))  # busy: the page stays as it was
        await super().show(interaction, index)

    async def redraw(self, interaction: discord.Interaction[Any]) -> None:
        await interaction.response.defer()  # drawing may outlast Discord's three seconds
        await interaction.edit_original_response(
            embed=self.pages[self.index],
            view=self,
            attachments=[await self.picture(self.index)],
        )


OptionText = tuple[str, str, str | None]
"""An "open" menu option's label, value and description."""


def _option_text(entry: EntryBase, lang: Lang, label: str | None = None) -> OptionText:
    return (
        clip(label or entry.name.pick(lang), SELECT_LABEL),
        entry.id,
        clip(entry.summary.pick(lang), SELECT_DESCRIPTION),
    )


def _select_option(text: OptionText) -> discord.SelectOption:
    label, value, description = text
    return discord.SelectOption(label=label, value=value, description=description)


def _option(entry: EntryBase, lang: Lang, label: str | None = None) -> discord.SelectOption:
    return _select_option(_option_text(entry, lang, label))


class PageOptions:
    """The options of each page's "open" menu, worked out when the page is first shown (a list
    of 25 hits has three, and building the two unseen ones was a fifth of a /search) and then
    kept: a list kept per catalog (/search) offers them to every reader who asks again."""

    def __init__(self, chunks: Sequence[Sequence[EntryBase]], lang: Lang) -> None:
        self._chunks = chunks
        self.lang = lang
        self._texts: dict[int, tuple[OptionText, ...]] = {}

    def __len__(self) -> int:
        return len(self._chunks)

    def texts(self, number: int) -> tuple[OptionText, ...]:
        if not 0 <= number < len(self._chunks):
            raise IndexError(number)
        texts = self._texts.get(number)
        if texts is None:
            texts = tuple(_option_text(e, self.lang) for e in self._chunks[number])
            self._texts[number] = texts
        return texts


class PageMenus:
    """One reader's "open" menus, a page's built when it is first shown. Built anew for every
    list sent, options included: a Traditional reader's menu is converted in place."""

    def __init__(self, options: PageOptions, *, private: bool) -> None:
        self._options = options
        self._private = private
        self._built: dict[int, OpenSelect] = {}

    def __len__(self) -> int:
        return len(self._options)

    def __getitem__(self, number: int) -> OpenSelect:
        menu = self._built.get(number)
        if menu is None:
            menu = self._built[number] = OpenSelect(
                [_select_option(text) for text in self._options.texts(number)],
                placeholder=t("lookup.open", self._options.lang),
                private=self._private,
                tag=f"p{number}",
            )
        return menu


def list_pages(
    entries: Sequence[EntryBase],
    lines: Sequence[str],
    *,
    title: str,
    lang: Lang,
    colour: int = COLOUR,
    image: str | None = None,
) -> tuple[list[discord.Embed], PageOptions]:
    """Pages of ten lines each and, for every page, the options of a menu opening its entries.
    Neither is changed once made (a paginator copies the list of pages, and converting a page
    for a Traditional reader copies it), so both may be shown to many readers."""
    pages: list[discord.Embed] = []
    pairs = list(zip(entries, lines, strict=True))
    chunks = [pairs[i : i + PER_PAGE] for i in range(0, len(pairs), PER_PAGE)] or [[]]
    for chunk in chunks:
        embed = discord.Embed(
            title=clip(title, 256),
            description="\n".join(line for _, line in chunk),
            colour=colour,
        )
        counted = "lookup.entry_one" if len(entries) == 1 else "lookup.entries"
        embed.set_footer(text=t(counted, lang, count=len(entries)))
        if image:
            embed.set_image(url=f"attachment://{image}")
        pages.append(embed)
    options = PageOptions([[e for e, _ in chunk] for chunk in chunks if chunk], lang)
    return pages, options


def event_line(event: Event, lang: Lang) -> str:
    line = f"**{format_date(event.date, lang)}** · {safe(event.name.pick(lang))}: "
    return clip(line + safe(event.summary.pick(lang)), LINE)


def project_line(project: Project, lang: Lang) -> str:
    token = f" (${project.token})" if project.token else ""
    category = t(f"category.{project.category.value}", lang)
    line = f"**{safe(project.name.pick(lang))}**{token} · {category}: "
    return clip(line + safe(project.summary.pick(lang)), LINE)


def _when_or_token(entry: EntryBase) -> str:
    """What tells one hit from its neighbours at a glance: a project's token, else its year
    (an org's founding)."""
    if isinstance(entry, Project):
        return f"${entry.token}" if entry.token else str(entry.launched)
    if isinstance(entry, Event):
        return str(entry.year)
    if isinstance(entry, Model):
        return entry.released[:4]
    if isinstance(entry, Gpu):
        return str(entry.launch_year)
    if isinstance(entry, Org) and entry.founded:
        return entry.founded[:4]
    return ""


def hit_line(view: EntryView, lang: Lang, query: str) -> str:
    """A search engine's result: title, kind and year or token, then one line of the entry's
    own text with the query's words in bold (everything else escaped)."""
    facts = [t(f"kind.{view.kind.value}", lang), _when_or_token(view.entry)]
    head = " · ".join([f"**{clip(safe(view.title(lang)), 120)}**", *(f for f in facts if f)])
    text = "".join(
        f"**{safe(part)}**" if bold else safe(part)
        for part, bold in snippet(view.entry, lang, query)
    )
    return clip(f"{head} · {text}", LINE)


def chain_message(
    segments: Sequence[Segment], lang: Lang, *, private: bool, image: str
) -> tuple[discord.Embed, OpenSelect]:
    """Every chain as a field of its segments in order, the diagram, and a menu to open one."""
    embed = discord.Embed(
        title=t("industry.title", lang),
        description=t("industry.description", lang),
        colour=KIND_COLOUR["segment"],
    )
    for chain in dict.fromkeys(s.chain for s in segments):
        members = [s for s in segments if s.chain == chain]
        lines = [
            f"{s.order}. **{safe(s.name.pick(lang))}**: {safe(s.summary.pick(lang))}"
            for s in members
        ]
        value = "\n".join(clip(line, FIELD_VALUE // max(len(lines), 1) - 1) for line in lines)
        embed.add_field(name=t(f"industry.chain.{chain}", lang), value=value, inline=False)
    embed.set_image(url=f"attachment://{image}")
    menu = OpenSelect(
        [_option(s, lang) for s in segments],
        placeholder=t("industry.open", lang),
        private=private,
        tag="seg",
    )
    return embed, menu


EXPLAIN_LINE = 200
"""One Explain-terms line: a name, its kind and the start of its summary, readable on a phone."""
EXPLAIN_BUTTONS = 10
"""Lines shown with a button each (two rows); the rest go to one menu."""


def explain_message(
    views: Sequence[EntryView], lang: Lang, *, private: bool = True
) -> tuple[discord.Embed, discord.ui.View]:
    """Every entry the message names, most useful first: as many lines as fit, each with a
    button, the rest in a menu, and "+N more" saying how many are not on screen."""
    lines = [
        clip(
            f"**{safe(v.title(lang))}** ({t(f'kind.{v.kind.value}', lang)}): "
            f"{safe(v.entry.summary.pick(lang))}",
            EXPLAIN_LINE,
        )
        for v in views
    ]
    budget = DESCRIPTION - EXPLAIN_LINE
    shown: list[str] = []
    for line in lines[:EXPLAIN_BUTTONS]:
        if sum(len(s) + 1 for s in shown) + len(line) > budget:
            break
        shown.append(line)
    rest = list(views[len(shown) :])
    listed = rest[:SELECT_OPTIONS]
    if len(rest) > len(listed):
        shown.append(t("explain.more_cut", lang, count=len(rest), listed=len(listed)))
    elif rest:
        shown.append(t("explain.more", lang, count=len(rest)))
    embed = discord.Embed(
        title=t("explain.title", lang), description="\n".join(shown), colour=COLOUR
    )
    buttons = discord.ui.View(timeout=None)
    for view in views[: len(views) - len(rest)]:
        buttons.add_item(
            OpenEntryButton(view.kind.value, view.slug, view.title(lang), private=private)
        )
    if listed:
        buttons.add_item(
            OpenSelect(
                [_option(v.entry, lang, v.title(lang)) for v in listed],
                placeholder=t("explain.rest", lang),
                private=private,
                tag="exp",
            )
        )
    return embed, buttons
