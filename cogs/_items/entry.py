"""The actions of an entry message, and sending one: "More" (the body and every field),
"Sources" (when there are more than the one on the first screen), a "Related" select, and
"Post in channel" on an answer only its reader sees.

They are DynamicItems (the entry id is in the custom_id), so they keep working after a restart
and for anyone in the channel, not only for whoever asked. More and Sources answer whoever
presses them, ephemerally: reading on never posts into the channel.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import discord

from bot.i18n import Lang, t
from bot.knowledge.models import Event
from bot.knowledge.service import EntryView
from bot.limits import SELECT_OPTIONS
from cogs._items.posting import may_post, owns_message, scope_of, take_public_post
from cogs._ui.buttons import label_of, persistent_button
from cogs._ui.errors import answers_errors
from cogs._ui.paginator import Paginator
from cogs._ui.reply import Prepared, lang_of, prepare, reply, reply_prepared
from cogs._ui.script import script_of
from cogs._ui.text import clip

if TYPE_CHECKING:
    from bot.app import AixBot

from cogs._ui.entry import (
    ENTRY_ID,
    entry_embed,
    entry_option,
    has_more_sources,
    more_pages,
    related_ids,
    sources_pages,
)


def _names(interaction: discord.Interaction[AixBot], ids: Sequence[str]) -> list[EntryView]:
    knowledge = interaction.client.services.knowledge
    views = [knowledge.by_id(i, guild_id=scope_of(interaction)) for i in dict.fromkeys(ids)]
    return [v for v in views if v is not None]


class OpenSelect(
    discord.ui.DynamicItem[discord.ui.Select[Any]],
    template=r"aix:pick:(?P<private>[01]):(?P<tag>[a-z0-9]+)",
):
    """A menu of entries; choosing one opens it (ephemerally when the question was private)."""

    def __init__(
        self,
        options: Sequence[discord.SelectOption],
        *,
        placeholder: str,
        private: bool,
        tag: str,
    ) -> None:
        self.private = private
        super().__init__(
            discord.ui.Select(
                custom_id=f"aix:pick:{int(private)}:{tag}",
                placeholder=clip(placeholder, 150),
                options=list(options)[:SELECT_OPTIONS],
                min_values=1,
                max_values=1,
            )
        )

    @classmethod
    async def from_custom_id(
        cls,
        interaction: discord.Interaction[Any],
        item: discord.ui.Item[Any],
        match: re.Match[str],
        /,
    ) -> OpenSelect:
        select = item if isinstance(item, discord.ui.Select) else None
        return cls(
            select.options if select else [],
            placeholder=(select.placeholder if select else None) or "…",
            private=match["private"] == "1",
            tag=match["tag"],
        )

    @answers_errors
    async def callback(self, interaction: discord.Interaction[AixBot]) -> None:
        # Discord sends one of the options; an empty or unknown value finds no entry.
        chosen = self.item.values[0] if self.item.values else ""
        await open_entry_id(interaction, chosen, private=self.private)


async def _show_screen(
    interaction: discord.Interaction[AixBot],
    entry_id: str,
    pages: Callable[[EntryView, Lang, Mapping[str, str], Collection[str]], list[discord.Embed]],
) -> None:
    """One of an entry's further screens, to whoever pressed, paged when it is long."""
    lang = lang_of(interaction)
    found = _names(interaction, [entry_id])
    if not found:
        await reply(interaction, content=t("lookup.gone", lang), ephemeral=True)
        return
    view = found[0]
    titles = {r.id: r.title(lang) for r in _names(interaction, related_ids(view.entry))}
    people: Collection[str] = ()
    if isinstance(view.entry, Event):
        knowledge = interaction.client.services.knowledge
        people = knowledge.people(view.entry, guild_id=scope_of(interaction))
    shown = pages(view, lang, titles, people)
    await Paginator(shown, owner_id=interaction.user.id, lang=lang).start(
        interaction, ephemeral=True
    )


class MoreButton(discord.ui.DynamicItem[discord.ui.Button[Any]], template=rf"aix:more:{ENTRY_ID}"):
    """The body and every field in full, for whoever presses it."""

    def __init__(self, entry_id: str, label: str) -> None:
        self.entry_id = entry_id
        super().__init__(
            persistent_button(label, discord.ButtonStyle.primary, f"aix:more:{entry_id}")
        )

    @classmethod
    async def from_custom_id(
        cls,
        interaction: discord.Interaction[Any],
        item: discord.ui.Item[Any],
        match: re.Match[str],
        /,
    ) -> MoreButton:
        return cls(f"{match['kind']}/{match['slug']}", label_of(item, "More"))

    @answers_errors
    async def callback(self, interaction: discord.Interaction[AixBot]) -> None:
        await _show_screen(
            interaction,
            self.entry_id,
            lambda view, lang, titles, people: more_pages(view, lang, titles=titles, people=people),
        )


class SourcesButton(
    discord.ui.DynamicItem[discord.ui.Button[Any]], template=rf"aix:src:{ENTRY_ID}"
):
    """Every source of the entry as a link, for whoever presses it."""

    def __init__(self, entry_id: str, label: str) -> None:
        self.entry_id = entry_id
        super().__init__(
            persistent_button(label, discord.ButtonStyle.secondary, f"aix:src:{entry_id}")
        )

    @classmethod
    async def from_custom_id(
        cls,
        interaction: discord.Interaction[Any],
        item: discord.ui.Item[Any],
        match: re.Match[str],
        /,
    ) -> SourcesButton:
        return cls(f"{match['kind']}/{match['slug']}", label_of(item, "Sources"))

    @answers_errors
    async def callback(self, interaction: discord.Interaction[AixBot]) -> None:
        await _show_screen(
            interaction, self.entry_id, lambda view, lang, _t, _p: sources_pages(view, lang)
        )


class PostButton(discord.ui.DynamicItem[discord.ui.Button[Any]], template=rf"aix:post:{ENTRY_ID}"):
    """On an answer only its reader sees: posts the entry in the channel, for the reader's
    public-post limit."""

    def __init__(self, entry_id: str, label: str) -> None:
        self.entry_id = entry_id
        style = discord.ButtonStyle.success
        super().__init__(persistent_button(label, style, f"aix:post:{entry_id}"))

    @classmethod
    async def from_custom_id(
        cls,
        interaction: discord.Interaction[Any],
        item: discord.ui.Item[Any],
        match: re.Match[str],
        /,
    ) -> PostButton:
        return cls(f"{match['kind']}/{match['slug']}", label_of(item, "Post"))

    @answers_errors
    async def callback(self, interaction: discord.Interaction[AixBot]) -> None:
        found = _names(interaction, [self.entry_id])
        if not found:
            await reply(interaction, content=t("lookup.gone", lang_of(interaction)), ephemeral=True)
            return
        take_public_post(interaction)
        await send_entry(interaction, found[0], private=False)


ENTRY_ITEMS = (OpenSelect, MoreButton, SourcesButton, PostButton)
"""The DynamicItems of entry messages; the lookup cog registers them with the bot."""


def entry_message(
    view: EntryView,
    related: Sequence[EntryView],
    lang: Lang,
    *,
    private: bool,
    people: Collection[str] = (),
) -> tuple[discord.Embed, discord.ui.View]:
    """The first screen and its actions: More, Sources (when there is more than one), Related.
    `people`: the names of an event's people whose person entries are among `related`."""
    titles = {r.id: r.title(lang) for r in related}
    embed = entry_embed(view, lang, titles=titles, people=people)
    actions = discord.ui.View(timeout=None)
    actions.add_item(MoreButton(view.id, t("lookup.more", lang)))
    if has_more_sources(view.entry):
        actions.add_item(SourcesButton(view.id, t("lookup.sources", lang)))
    if related:
        actions.add_item(
            OpenSelect(
                [entry_option(r, lang) for r in related],
                placeholder=t("lookup.related", lang),
                private=private,
                tag="rel",
            )
        )
    return embed, actions


async def send_entry(
    interaction: discord.Interaction[AixBot],
    view: EntryView,
    *,
    private: bool,
    postable: bool = False,
) -> None:
    """Answer with the entry as this guild sees it, its related entries in the menu; with
    `postable`, a private answer carries Post in channel.

    The answer is built and serialized once per catalog and script (KnowledgeService.derived,
    cogs/_ui/reply.prepare): the same entry is asked for again and again, and building it and
    having discord.py serialize it was most of the reply."""
    lang = lang_of(interaction)
    with_post = private and postable and may_post(interaction)

    def answer() -> Prepared:
        embed, actions = _entry_answer(interaction, view, lang, private=private, post=with_post)
        return prepare(interaction, embeds=[embed], view=actions, ephemeral=private)

    knowledge = interaction.client.services.knowledge
    key = (
        "entry",
        scope_of(interaction),
        view.id,
        view.version,
        lang,
        script_of(interaction),
        private,
        with_post,
    )
    kept, prepared = knowledge.derived(key, lambda: (view, answer()))
    if kept is not view:  # a view other than the catalog's: built for this answer alone
        prepared = answer()
    await reply_prepared(interaction, prepared)


def _entry_answer(
    interaction: discord.Interaction[AixBot],
    view: EntryView,
    lang: Lang,
    *,
    private: bool,
    post: bool,
) -> tuple[discord.Embed, discord.ui.View]:
    related = _names(interaction, related_ids(view.entry))
    people: dict[str, EntryView] = {}
    if isinstance(view.entry, Event):
        knowledge = interaction.client.services.knowledge
        people = knowledge.people(view.entry, guild_id=scope_of(interaction))
        related = list({v.id: v for v in [*related, *people.values()]}.values())
    embed, actions = entry_message(view, related, lang, private=private, people=people)
    if post:
        actions.add_item(PostButton(view.id, t("lookup.post", lang)))
    # Every item is a DynamicItem, answered by its class from the custom id alone: stopped, the
    # view is sent as often as asked and discord.py neither keeps it per message nor, for an
    # ephemeral answer, gives it a 15-minute timeout task.
    actions.stop()
    return embed, actions


async def open_entry_id(
    interaction: discord.Interaction[AixBot], entry_id: str, *, private: bool
) -> None:
    """Open an entry a button or menu named; say so if the guild has removed it since.

    Posted in the channel only when the message picked from is the picker's own public answer
    (and within their post limit); otherwise the picker alone sees it, with Post in channel.
    """
    found = _names(interaction, [entry_id])
    if not found:
        await reply(interaction, content=t("lookup.gone", lang_of(interaction)), ephemeral=True)
        return
    if private or not owns_message(interaction):
        await send_entry(interaction, found[0], private=True, postable=True)
        return
    take_public_post(interaction)
    await send_entry(interaction, found[0], private=False)
