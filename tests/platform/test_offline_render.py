"""An opened modal reads as text: its title, then each input with label, style, whether it is
required, its length limits and its prefilled value; a submit fills it by label."""

from __future__ import annotations

import discord
import pytest
from discord import app_commands

from offline import OfflineDiscord, render_message, render_modal


class EntryModal(discord.ui.Modal, title="Edit term/transformer"):
    """Like a moderator's edit form: a legacy row input and a labelled one."""

    name: discord.ui.TextInput[EntryModal] = discord.ui.TextInput(
        label="Name", max_length=100, default="Transformer"
    )
    summary = discord.ui.Label(
        text="Summary",
        description="One sentence, shown first.",
        component=discord.ui.TextInput(
            style=discord.TextStyle.paragraph,
            required=False,
            min_length=10,
            max_length=300,
            default="A neural network architecture\nbuilt on attention.",
            placeholder="What is it?",
        ),
    )
    kind = discord.ui.Label(
        text="Kind",
        component=discord.ui.Select(
            options=[
                discord.SelectOption(label="Term", value="term", default=True),
                discord.SelectOption(label="Project", value="project"),
            ]
        ),
    )

    async def on_submit(self, interaction: discord.Interaction) -> None:
        summary = self.summary.component
        kind = self.kind.component
        assert isinstance(summary, discord.ui.TextInput)
        assert isinstance(kind, discord.ui.Select)
        await interaction.response.send_message(
            f"{self.name.value} | {summary.value} | {kind.values}", ephemeral=True
        )


def add_edit_command(env: OfflineDiscord) -> None:
    async def edit(interaction: discord.Interaction) -> None:
        await interaction.response.send_modal(EntryModal())

    env.bot.tree.add_command(
        app_commands.Command(name="editentry", description="edit an entry", callback=edit)
    )


async def test_an_opened_modal_reads_as_text(discord_env: OfflineDiscord) -> None:
    """Exchange.text() (what `aixbot ask` prints) shows the modal as a person would see it."""
    add_edit_command(discord_env)
    opened = await discord_env.command("editentry")
    assert opened.text() == "\n".join(
        [
            "[modal: Edit term/transformer]",
            "* Name (short, required, up to 100 characters)",
            "    prefilled:",
            "    > Transformer",
            "* Summary (paragraph, optional, 10-300 characters)",
            "    One sentence, shown first.",
            "    placeholder: What is it?",
            "    prefilled:",
            "    > A neural network architecture",
            "    > built on attention.",
            "* Kind (select, required)",
            "    - Term (selected)",
            "    - Project",
            "[button: Cancel] [button: Submit]",
        ]
    )
    assert render_message(opened.modal) == render_modal(opened.modal) == opened.text()


async def test_submitting_the_modal_by_label(discord_env: OfflineDiscord) -> None:
    """Inputs are filled by label; unnamed ones keep their prefilled value or default."""
    add_edit_command(discord_env)
    opened = await discord_env.command("editentry")
    submitted = await discord_env.submit(opened.modal, {"Summary": "Attention is all you need"})
    assert submitted.last["content"] == "Transformer | Attention is all you need | ['term']"
    with pytest.raises(LookupError, match="not open"):
        await discord_env.submit(opened.modal, {"Name": "again"})
    reopened = await discord_env.command("editentry")
    chosen = await discord_env.submit(reopened.modal, {"Kind": ["project"], "Name": "T"})
    assert chosen.last["content"].endswith("| ['project']")


def test_an_empty_short_input_and_a_text_display() -> None:
    """A bare text input defaults to required, up to 4000 characters; text displays show."""
    modal = {
        "title": "Confirm",
        "custom_id": "m",
        "components": [
            {"type": 10, "content": "This deletes the entry."},
            {"type": 1, "components": [{"type": 4, "custom_id": "why", "style": 1}]},
        ],
    }
    assert render_modal(modal).splitlines() == [
        "[modal: Confirm]",
        "This deletes the entry.",
        "* why (short, required, up to 4000 characters)",
        "    (empty)",
        "[button: Cancel] [button: Submit]",
    ]
