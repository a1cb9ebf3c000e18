"""/search's answer: ten hits a page, paged by buttons that hold the search's token, the page
on screen and the move in their custom ids (DynamicItems), not by a view kept per message.

Everyone who asks the same thing in one guild and language gets the same answer, so each page
is built and serialized once per catalog and script (KnowledgeService.derived, reply.prepare)
and sent as it is. Only the member who searched turns the pages (the message's interaction
metadata names them); the buttons work for as long as the bot keeps the search
(bot/knowledge/asked.py) and answer that the list has expired after that, or after a restart.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import discord

from bot.i18n import Lang, t
from bot.knowledge.asked import TOKEN_PATTERN, AskedSearch
from bot.knowledge.service import KnowledgeService
from cogs._items.posting import owns_message
from cogs._ui.buttons import label_of, persistent_button
from cogs._ui.errors import answers_errors
from cogs._ui.lookup import PageMenus, PageOptions, hit_line, list_pages
from cogs._ui.paginator import JumpModal
from cogs._ui.reply import Prepared, lang_of, prepare, reply, reply_prepared
from cogs._ui.script import localize, script_of
from cogs._ui.text import quoted

if TYPE_CHECKING:
    from bot.app import AixBot

Found = tuple[list[discord.Embed], PageOptions]

FIRST, PREVIOUS, JUMP, NEXT, LAST = "f", "p", "j", "n", "l"
MOVES = (
    (FIRST, "≪", discord.ButtonStyle.secondary),
    (PREVIOUS, "‹", discord.ButtonStyle.primary),
    (JUMP, "", discord.ButtonStyle.secondary),
    (NEXT, "›", discord.ButtonStyle.primary),
    (LAST, "≫", discord.ButtonStyle.secondary),
)


def found(knowledge: KnowledgeService, asked: AskedSearch) -> Found | None:
    """The pages of what the search finds and their menus' options, or None: kept per catalog,
    since a result line (the entry's text around the query's words) is most of a search."""
    return knowledge.derived(("search", *asked), lambda: _search(knowledge, asked))


def _search(knowledge: KnowledgeService, asked: AskedSearch) -> Found | None:
    views = [
        view
        for hit in knowledge.search(asked.text, guild_id=asked.scope)
        if (view := knowledge.by_id(hit.id, guild_id=asked.scope))
    ]
    if not views:
        return None
    return list_pages(
        [v.entry for v in views],
        [hit_line(v, asked.lang, asked.text) for v in views],
        title=t("search.title", asked.lang, query=quoted(asked.text)),
        lang=asked.lang,
    )


def search_page(
    results: Found, token: str, index: int, *, private: bool, lang: Lang
) -> tuple[discord.Embed, discord.ui.View]:
    """Page `index` and its actions: the paging buttons (when there is more than one page) and
    the menu that opens the page's entries. The view is stopped: its items answer by class."""
    pages, options = results
    last = len(pages) - 1
    actions = discord.ui.View(timeout=None)
    if last > 0:
        for move, label, style in MOVES:
            shown = label or t("page.of", lang, page=index + 1, pages=last + 1)
            button = PageButton(token, private, move, index, label=shown, style=style)
            button.item.disabled = (move in (FIRST, PREVIOUS) and index == 0) or (
                move in (NEXT, LAST) and index == last
            )
            actions.add_item(button)
    if index < len(options):
        actions.add_item(PageMenus(options, private=private)[index])
    actions.stop()
    return pages[index], actions


async def send_search(
    interaction: discord.Interaction[AixBot], asked: AskedSearch, *, private: bool
) -> bool:
    """Answer with the search's first page; False when it finds nothing (nothing is sent)."""
    results = found(interaction.client.services.knowledge, asked)
    if results is None:
        return False
    token = interaction.client.searches.remember(asked)

    def first() -> Prepared:
        embed, actions = search_page(results, token, 0, private=private, lang=asked.lang)
        return prepare(interaction, embeds=[embed], view=actions, ephemeral=private)

    key = ("search-page", *asked, script_of(interaction), private)
    await reply_prepared(interaction, interaction.client.services.knowledge.derived(key, first))
    return True


async def turn_page(
    interaction: discord.Interaction[AixBot], token: str, *, private: bool, index: int | None
) -> None:
    """Show page `index` (None: the last) of the search in place, if the searcher still may
    and the search is kept."""
    lang = lang_of(interaction)
    if not owns_message(interaction):
        # In the presser's language: the searcher's may not be theirs.
        await reply(interaction, content=t("error.not_yours", lang), ephemeral=True)
        return
    asked = interaction.client.searches.recall(token)
    results = None if asked is None else found(interaction.client.services.knowledge, asked)
    if asked is None or results is None:
        await reply(interaction, content=t("error.expired", lang), ephemeral=True)
        return
    last = len(results[0]) - 1
    index = last if index is None else max(0, min(index, last))
    embed, actions = search_page(results, token, index, private=private, lang=asked.lang)
    _, shown = localize(script_of(interaction), None, [embed], actions)
    await interaction.response.edit_message(embeds=shown, view=actions)


class PageButton(
    discord.ui.DynamicItem[discord.ui.Button[Any]],
    template=rf"aix:sp:(?P<token>{TOKEN_PATTERN}):(?P<private>[01]):(?P<move>[fpjnl]):(?P<page>[0-9]{{1,3}})",
):
    """One of a search answer's paging buttons: first, previous, "page x of y" (asks for a
    page number), next, last."""

    def __init__(
        self,
        token: str,
        private: bool,
        move: str,
        page: int,
        *,
        label: str,
        style: discord.ButtonStyle,
    ) -> None:
        self.token, self.private, self.move, self.page = token, private, move, page
        custom_id = f"aix:sp:{token}:{int(private)}:{move}:{page}"
        super().__init__(persistent_button(label, style, custom_id))

    @classmethod
    async def from_custom_id(
        cls,
        interaction: discord.Interaction[Any],
        item: discord.ui.Item[Any],
        match: re.Match[str],
        /,
    ) -> PageButton:
        style = item.style if isinstance(item, discord.ui.Button) else discord.ButtonStyle.secondary
        return cls(
            match["token"],
            match["private"] == "1",
            match["move"],
            int(match["page"]),
            label=label_of(item, "…"),
            style=style,
        )

    @answers_errors
    async def callback(self, interaction: discord.Interaction[AixBot]) -> None:
        if self.move == JUMP:
            await self._ask_page(interaction)
            return
        index = {FIRST: 0, PREVIOUS: self.page - 1, NEXT: self.page + 1}.get(self.move)
        await turn_page(interaction, self.token, private=self.private, index=index)

    async def _ask_page(self, interaction: discord.Interaction[AixBot]) -> None:
        lang = lang_of(interaction)
        asked = interaction.client.searches.recall(self.token)
        results = None if asked is None else found(interaction.client.services.knowledge, asked)
        if not owns_message(interaction) or results is None:
            # turn_page says which: not theirs, or no longer kept.
            await turn_page(interaction, self.token, private=self.private, index=self.page)
            return

        async def go(submitted: discord.Interaction[Any], index: int) -> None:
            await turn_page(submitted, self.token, private=self.private, index=index)

        await interaction.response.send_modal(
            JumpModal(len(results[0]), lang, script_of(interaction), go)
        )


SEARCH_ITEMS = (PageButton,)
"""The DynamicItems of search answers; the lookup cog registers them with the bot."""
