"""The choice a family GPU name opens (`a100`: the 40 GB or the 80 GB card): each button runs
the asker's estimate again on the card it names."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Coroutine
from typing import Any

import discord

from bot.errors import AmbiguousName
from bot.i18n import Lang, t
from cogs._ui.errors import echoed
from cogs._ui.paginator import OwnedView
from cogs._ui.reply import reply
from cogs._ui.text import clip

Answer = Callable[[discord.Interaction[Any], str | None], Awaitable[None]]
"""Sends an estimate for one GPU (a `gpu/<slug>` id or what was typed)."""

CHOICE_TIMEOUT = 600.0


class GpuChoice(OwnedView):
    """Only the asker picks; the estimate then goes out publicly, as the command's would."""

    def __init__(self, error: AmbiguousName, answer: Answer, *, owner_id: int, lang: Lang):
        super().__init__(owner_id=owner_id, lang=lang, timeout=CHOICE_TIMEOUT)
        for suggestion in error.suggestions:
            button: discord.ui.Button[GpuChoice] = discord.ui.Button(
                label=clip(suggestion.title(lang), 80),
                style=discord.ButtonStyle.primary,
                custom_id=f"aix:gpu:{suggestion.slug}",
            )
            button.callback = self._pick(f"gpu/{suggestion.slug}", answer)  # type: ignore[assignment]
            self.add_item(button)

    def _pick(
        self, gpu: str, answer: Answer
    ) -> Callable[[discord.Interaction[Any]], Coroutine[Any, Any, None]]:
        async def pressed(interaction: discord.Interaction[Any]) -> None:
            self.stop()
            await answer(interaction, gpu)

        return pressed


async def answer_or_choose(
    interaction: discord.Interaction[Any], gpu: str | None, answer: Answer, lang: Lang
) -> None:
    """Run the estimate; when the GPU name is a family's, ask which card instead of guessing."""
    try:
        await answer(interaction, gpu)
    except AmbiguousName as error:
        if error.kind != "gpu":
            raise
        view = GpuChoice(error, answer, owner_id=interaction.user.id, lang=lang)
        content = t("compute.gpu_choice", lang, query=echoed(error.query, 100))
        view.message = await reply(interaction, content=content, view=view, ephemeral=True)
