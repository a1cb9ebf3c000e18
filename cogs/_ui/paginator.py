"""Button pagination for any list of embeds: first / previous / page x of y / next / last.

Only the person who ran the command can page; on timeout the buttons are disabled in place.
The middle button opens a small modal to jump to a page (RoboDanny's RoboPages shape).
"""

from __future__ import annotations

import contextlib
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

import discord

from bot.i18n import Lang, t
from bot.i18n.script import Script, in_script
from cogs._ui.errors import handle_error
from cogs._ui.reply import lang_of, reply
from cogs._ui.script import embed as in_script_embed
from cogs._ui.script import script_of

PAGE_TIMEOUT = 300.0


class OwnedView(discord.ui.View):
    """A view only its owner may press; errors go to the one error handler."""

    def __init__(self, *, owner_id: int, lang: Lang, timeout: float | None = PAGE_TIMEOUT):
        super().__init__(timeout=timeout)
        self.owner_id = owner_id
        self.lang = lang
        self.message: discord.Message | None = None

    async def interaction_check(self, interaction: discord.Interaction[Any]) -> bool:
        if interaction.user.id == self.owner_id:
            return True
        # In the presser's language: the owner's may not be theirs.
        lang = lang_of(interaction)
        await interaction.response.send_message(
            in_script(t("error.not_yours", lang), script_of(interaction)), ephemeral=True
        )
        return False

    async def on_error(
        self, interaction: discord.Interaction[Any], error: Exception, item: discord.ui.Item[Any]
    ) -> None:
        await handle_error(interaction, error)

    async def on_timeout(self) -> None:
        for item in self.children:
            if isinstance(item, discord.ui.Button | discord.ui.Select):
                item.disabled = True
        if self.message is not None:
            # The message may be gone or its token expired: then there is nothing to disable.
            with contextlib.suppress(discord.HTTPException):
                await self.message.edit(view=self)


class JumpModal(discord.ui.Modal):
    """Asks for a page number and goes there (`go`, with the submitting interaction)."""

    def __init__(
        self,
        pages: int,
        lang: Lang,
        script: Script,
        go: Callable[[discord.Interaction[Any], int], Awaitable[None]],
    ) -> None:
        super().__init__(title=in_script(t("page.jump", lang), script)[:45], timeout=120)
        self.pages, self.lang, self.script, self.go = pages, lang, script, go
        self.number: discord.ui.TextInput[JumpModal] = discord.ui.TextInput(
            label=in_script(t("page.number", lang), script)[:45],
            placeholder=f"1-{pages}",
            min_length=1,
            max_length=4,
        )
        self.add_item(self.number)

    async def on_submit(self, interaction: discord.Interaction[Any]) -> None:
        raw = self.number.value.strip()
        if not raw.isdecimal() or not 1 <= int(raw) <= self.pages:  # isdigit() lets ² through
            await interaction.response.send_message(
                in_script(t("page.bad_number", self.lang, pages=self.pages), self.script),
                ephemeral=True,
            )
            return
        await self.go(interaction, int(raw) - 1)

    async def on_error(  # type: ignore[override]  # discord.py's stubs differ from Modal's
        self, interaction: discord.Interaction[Any], error: Exception, /
    ) -> None:
        await handle_error(interaction, error)


class Paginator(OwnedView):
    def __init__(
        self,
        pages: Sequence[discord.Embed],
        *,
        owner_id: int,
        lang: Lang,
        extra: Sequence[discord.ui.Item[Any]] = (),
    ) -> None:
        super().__init__(owner_id=owner_id, lang=lang)
        if not pages:
            raise ValueError("a paginator needs at least one page")
        self.pages = list(pages)
        self.script: Script = "hans"
        """The owner's: set by start, which converts the pages once for a Traditional reader."""
        self.index = 0
        if len(self.pages) == 1:
            self.clear_items()
        for item in extra:
            self.add_item(item)
        self._update_buttons()

    def _update_buttons(self) -> None:
        last = len(self.pages) - 1
        self.first.disabled = self.previous.disabled = self.index == 0
        self.next.disabled = self.last.disabled = self.index == last
        label = t("page.of", self.lang, page=self.index + 1, pages=last + 1)
        self.counter.label = in_script(label, self.script)

    async def start(
        self,
        interaction: discord.Interaction[Any],
        *,
        ephemeral: bool = False,
        files: Sequence[discord.File] = (),
    ) -> None:
        has_items = bool(self.children)
        self.script = script_of(interaction)
        if self.script != "hans":
            self.pages = [in_script_embed(page, self.script) for page in self.pages]
            self._update_buttons()
        self.message = await reply(
            interaction,
            embeds=[self.pages[0]],
            view=self if has_items else None,
            files=files,
            ephemeral=ephemeral,
        )
        if not has_items:
            self.stop()

    async def show(self, interaction: discord.Interaction[Any], index: int) -> None:
        self.index = max(0, min(index, len(self.pages) - 1))
        self._update_buttons()
        await self.redraw(interaction)

    async def redraw(self, interaction: discord.Interaction[Any]) -> None:
        """Put the current page on screen: an edit of the message the buttons are on."""
        await interaction.response.edit_message(embed=self.pages[self.index], view=self)

    @discord.ui.button(label="≪", style=discord.ButtonStyle.secondary)
    async def first(self, interaction: discord.Interaction[Any], _: discord.ui.Button[Any]) -> None:
        await self.show(interaction, 0)

    @discord.ui.button(label="‹", style=discord.ButtonStyle.primary)
    async def previous(
        self, interaction: discord.Interaction[Any], _: discord.ui.Button[Any]
    ) -> None:
        await self.show(interaction, self.index - 1)

    @discord.ui.button(label="1/1", style=discord.ButtonStyle.secondary)
    async def counter(
        self, interaction: discord.Interaction[Any], _: discord.ui.Button[Any]
    ) -> None:
        await interaction.response.send_modal(
            JumpModal(len(self.pages), self.lang, self.script, self.show)
        )

    @discord.ui.button(label="›", style=discord.ButtonStyle.primary)
    async def next(self, interaction: discord.Interaction[Any], _: discord.ui.Button[Any]) -> None:
        await self.show(interaction, self.index + 1)

    @discord.ui.button(label="≫", style=discord.ButtonStyle.secondary)
    async def last(self, interaction: discord.Interaction[Any], _: discord.ui.Button[Any]) -> None:
        await self.show(interaction, len(self.pages) - 1)
