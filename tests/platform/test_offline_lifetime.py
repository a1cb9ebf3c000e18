"""Interaction tokens live as Discord's do: one callback, a webhook only after it, and 404s once
expired; the bot's reply helper copes with an interaction that expired before it answered."""

from __future__ import annotations

import logging
from typing import Any

import discord
import pytest
from discord import app_commands

from cogs._ui.reply import reply
from offline import (
    APPLICATION_ID,
    CALLBACK_MESSAGE,
    Actor,
    DiscordStandIn,
    OfflineDiscord,
    Request,
)


def add(env: OfflineDiscord, name: str, callback: Any) -> None:
    env.bot.tree.add_command(
        app_commands.Command(name=name, description="test command", callback=callback)
    )


def refusal(error: BaseException) -> tuple[int, int]:
    assert isinstance(error, discord.HTTPException), error
    return error.status, error.code


async def test_a_second_callback_is_already_acknowledged(discord_env: OfflineDiscord) -> None:
    """Answering twice reaches Discord as a second callback: 400, code 40060."""
    errors: list[BaseException] = []

    async def twice(interaction: discord.Interaction) -> None:
        await interaction.response.send_message("first")
        try:
            # A fresh response object, as a second code path answering the same interaction.
            await discord.InteractionResponse(interaction).send_message("second")
        except discord.HTTPException as exc:
            errors.append(exc)

    add(discord_env, "twice", twice)
    exchange = await discord_env.command("twice")
    assert [refusal(e) for e in errors] == [(400, 40060)]
    assert "already been acknowledged" in str(errors[0])
    assert [m["content"] for m in exchange.messages] == ["first"]
    assert [r.error_code for r in exchange.refused] == [40060]


async def test_an_expired_interaction_is_unknown(discord_env: OfflineDiscord) -> None:
    """Past its time the callback is 404 Unknown interaction (10062) and the webhook 404
    Unknown Webhook (10015)."""
    errors: list[BaseException] = []

    async def late(interaction: discord.Interaction) -> None:
        for attempt in (
            interaction.response.send_message("too late"),
            interaction.followup.send("still too late", wait=True),
            interaction.edit_original_response(content="edited"),
        ):
            try:
                await attempt
            except discord.HTTPException as exc:
                errors.append(exc)

    add(discord_env, "late", late)
    exchange = await discord_env.command("late", expired=True)
    assert [refusal(e) for e in errors] == [(404, 10062), (404, 10015), (404, 10015)]
    assert exchange.messages == []
    assert exchange.text() == "(no reply)"


async def test_the_reply_helper_copes_with_an_expired_interaction(
    discord_env: OfflineDiscord, caplog: pytest.LogCaptureFixture
) -> None:
    """reply() returns None and logs a warning: no error, no ref, nothing raised."""
    answers: list[discord.Message | None] = []

    async def helped(interaction: discord.Interaction) -> None:
        answers.append(await reply(interaction, content="hello"))

    add(discord_env, "helped", helped)
    with caplog.at_level(logging.WARNING):
        exchange = await discord_env.command("helped", expired=True)
        about = await discord_env.command("about", expired=True)
    assert answers == [None]
    assert [r.error_code for r in exchange.refused] == [10062]
    assert [r.error_code for r in about.refused] == [10062]
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert sum("expired before we could answer" in r.getMessage() for r in caplog.records) == 2


async def test_the_webhook_exists_only_after_the_callback(discord_env: OfflineDiscord) -> None:
    """A followup or an @original edit before the first answer: 404 Unknown Webhook (10015).
    After a deferral the first followup fills the "thinking" message."""
    errors: list[BaseException] = []

    async def early(interaction: discord.Interaction) -> None:
        for attempt in (
            interaction.followup.send("early", wait=True),
            interaction.edit_original_response(content="early edit"),
        ):
            try:
                await attempt
            except discord.HTTPException as exc:
                errors.append(exc)
        await interaction.response.defer(thinking=True)
        await interaction.followup.send("done", wait=True)
        await interaction.followup.send("and more", wait=True)

    add(discord_env, "early", early)
    exchange = await discord_env.command("early")
    assert [refusal(e) for e in errors] == [(404, 10015), (404, 10015)]
    created = {r.created_id for r in exchange.requests if r.created_id}
    assert len(created) == 2  # the deferred message (filled by "done"), then "and more"
    original = discord_env.stand_in.messages[exchange.message_id]
    assert original["content"] == "done"
    assert not original["flags"] & (1 << 7)


async def test_expire_after_the_answer_kills_the_webhook(discord_env: OfflineDiscord) -> None:
    """expire(token) on an answered interaction: later edits get 10015, as after 15 minutes."""
    answered = await discord_env.command("about")
    assert answered.token is not None
    discord_env.expire(answered.token)
    stand_in = discord_env.stand_in
    path = f"https://discord.com/api/v10/webhooks/{APPLICATION_ID}/{answered.token}"
    edit = {"content": "x", "allowed_mentions": {"parse": []}}
    response = stand_in.request("PATCH", f"{path}/messages/@original", json=edit)
    assert response.status == 404
    assert stand_in.requests[-1].error_code == 10015
    with pytest.raises(KeyError):
        stand_in.expire("no-such-token")


async def test_component_updates_edit_the_message_they_are_on(
    discord_env: OfflineDiscord,
) -> None:
    """A button's UPDATE_MESSAGE edits its message; after DEFERRED_UPDATE_MESSAGE the button's
    @original is that message too."""
    first = await discord_env.command("search", query="ai")
    moved = await discord_env.press(first.message_id, label="›")
    assert moved.requests[0].callback_type == 7
    stored = discord_env.stand_in.messages[first.message_id]
    assert stored["embeds"] == moved.last["embeds"]

    pressed = discord_env.stand_in.interactions[str(moved.token)]
    assert pressed.source_message == first.message_id
    assert discord_env.stand_in.originals[str(moved.token)] == first.message_id


def test_the_stand_in_alone_answers_like_discord() -> None:
    """Raw requests, no bot: an unknown token is an unknown interaction; one callback only."""
    stand_in = DiscordStandIn()
    callback = "https://discord.com/api/v10/interactions/1/token-1/callback"
    body = {"type": CALLBACK_MESSAGE, "data": {"content": "hi"}}
    assert stand_in.request("POST", callback, json=body).status == 404
    stand_in.register({"id": "1", "token": "token-1", "type": 2})
    first = stand_in.request("POST", callback, json=body, params={"with_response": "1"})
    second = stand_in.request("POST", callback, json=body, params={"with_response": "1"})
    assert (first.status, second.status) == (200, 400)
    assert [r.error_code for r in stand_in.requests] == [10062, None, 40060]
    stand_in.register({"id": "2", "token": "token-2", "type": 2})
    quiet = "https://discord.com/api/v10/interactions/2/token-2/callback"
    assert stand_in.request("POST", quiet, json=body).status == 204  # no with_response
    assert isinstance(stand_in.requests[0], Request)
    stand_in.register({"id": "3", "token": "token-3", "type": 2})
    update = "https://discord.com/api/v10/interactions/3/token-3/callback"
    refused = stand_in.request("POST", update, json={"type": 7, "data": {"content": "x"}})
    assert refused.status == 400  # a slash command has no message to update
    assert stand_in.requests[-1].error_code == 50035


async def test_a_modal_opened_by_a_button_carries_its_message(
    discord_env: OfflineDiscord,
) -> None:
    """The paginator's jump modal is submitted with the message its button is on, so its
    UPDATE_MESSAGE edits that message, as on Discord."""
    listed = await discord_env.command("search", Actor(), query="ai")
    message = discord_env.stand_in.messages[listed.message_id]
    counter = next(
        c
        for row in message["components"]
        for c in row["components"]
        if c["type"] == 2 and str(c.get("label", "")).startswith("Page ")
    )
    opened = await discord_env.press(listed.message_id, custom_id=counter["custom_id"])
    submitted = await discord_env.submit(opened.modal, {"Page number": "2"})
    assert submitted.requests[0].callback_type == 7
    assert discord_env.stand_in.messages[listed.message_id]["embeds"] == submitted.last["embeds"]


async def test_channel_messages_and_ephemeral_ones(discord_env: OfflineDiscord) -> None:
    """The bot can post to a channel it is in; an ephemeral reply is unknown to the channel
    API (10008), as on Discord, so only its interaction token can edit it."""
    errors: list[BaseException] = []
    posted: list[discord.Message] = []

    async def post(interaction: discord.Interaction) -> None:
        await interaction.response.send_message("just you", ephemeral=True)
        mine = await interaction.original_response()
        channel = interaction.channel
        assert isinstance(channel, discord.TextChannel)
        posted.append(await channel.send("everyone"))
        try:
            await channel.get_partial_message(mine.id).edit(content="changed")
        except discord.HTTPException as exc:
            errors.append(exc)
        await mine.edit(content="changed through the token")

    add(discord_env, "post", post)
    exchange = await discord_env.command("post")
    assert [refusal(e) for e in errors] == [(404, 10008)]
    assert posted[0].content == "everyone"
    assert discord_env.stand_in.messages[posted[0].id]["channel_id"] == str(posted[0].channel.id)
    assert exchange.last["content"] == "changed through the token"
