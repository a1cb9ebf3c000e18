"""What a user sees when the bot restarted, is shutting down, or their client is out of date."""

from __future__ import annotations

import logging

import pytest

from bot.i18n import t
from offline import Actor, OfflineDiscord, interaction_base
from tests.conftest import make_settings

ZH = Actor(locale="zh-CN")


async def test_help_buttons_after_a_restart_say_the_list_expired(db_url: str) -> None:
    """A paginator sent by the previous process answers "expired", not "interaction failed"."""
    from bot.app import AixBot, build_services

    before = OfflineDiscord(AixBot(build_services(make_settings(db_url))))
    await before.start()
    sent = await before.command("history year", Actor(), year="1950-2025")
    message = before.stand_in.messages[sent.message_id]
    await before.close()

    after = OfflineDiscord(AixBot(build_services(make_settings(db_url))))
    await after.start()
    try:
        kept = 1_900_000_000_000_000_001  # Discord kept the message; ids never repeat there
        after.stand_in.messages[kept] = {**message, "id": str(kept)}
        for actor in (Actor(), ZH):
            pressed = await after.press(kept, actor, label="›")
            assert pressed.ephemeral
            assert pressed.last["content"] == t("error.expired", "zh" if actor is ZH else "en")
    finally:
        await after.close()


async def test_live_buttons_are_not_called_expired(discord_env: OfflineDiscord) -> None:
    """The expiry answer never doubles a view that is still there."""
    sent = await discord_env.command("history year", Actor(), year="1950-2025")
    moved = await discord_env.press(sent.message_id, label="›")
    assert all(m.get("content") != t("error.expired", "en") for m in moved.messages)
    assert moved.last["embeds"]


async def test_a_modal_of_the_previous_process_says_it_expired(
    discord_env: OfflineDiscord,
) -> None:
    payload = interaction_base(Actor(), discord_env.next_id(), 5)
    payload["data"] = {"custom_id": "gone-after-restart", "components": []}
    answered = await discord_env.dispatch(payload)
    assert answered.ephemeral
    assert answered.last["content"] == t("error.expired", "en")


async def test_a_command_the_bot_no_longer_has_says_reload(discord_env: OfflineDiscord) -> None:
    """A command renamed in a deploy, still shown by a stale client."""
    payload = interaction_base(ZH, discord_env.next_id(), 2)
    payload["data"] = {"id": "1", "name": "renamed-away", "type": 1, "options": []}
    answered = await discord_env.dispatch(payload)
    assert answered.ephemeral
    assert answered.last["content"] == t("error.command_changed", "zh")


async def test_an_option_of_the_wrong_type_says_reload(discord_env: OfflineDiscord) -> None:
    """A string where the command now takes an integer: the client is out of date."""
    command = discord_env.find_command("history year")
    payload = interaction_base(Actor(), discord_env.next_id(), 2)
    payload["data"] = discord_env._command_data(command, {"year": "2017"}, None)
    leaf = payload["data"]["options"][0]["options"][0]
    leaf["type"] = 4 if leaf["type"] == 3 else 3
    answered = await discord_env.dispatch(payload)
    assert answered.ephemeral
    assert answered.last["content"] == t("error.command_changed", "en")


async def test_commands_during_shutdown_are_turned_away_politely(
    discord_env: OfflineDiscord,
) -> None:
    discord_env.bot.draining = True
    answered = await discord_env.command("define", Actor(), term="transformer")
    assert answered.ephemeral
    assert answered.last["content"] == t("error.draining", "en")


@pytest.mark.parametrize(
    "typed",
    [
        "\u202egpt\u202c-5",
        "\x1b[31mred\x1b[0m",
        "nul\x00byte",
        "<#123456789012345678>",
        "<t:1700000000:R>",
        "</define:123>",
        "<:pepe:123456789012345678>",
        "line\nbreak",
    ],
)
async def test_echoed_names_are_sanitized(discord_env: OfflineDiscord, typed: str) -> None:
    """ "No entry for X" shows X without control characters, bidi overrides or live markup."""
    answered = await discord_env.command("define", Actor(), term=typed)
    first_line = answered.last["content"].splitlines()[0]
    assert not any(c in first_line for c in "\u202e\u202c\x1b\x00")
    content = answered.last["content"]
    for markup in ("<#1", "<t:", "</d", "<:p"):
        assert markup not in content


@pytest.mark.parametrize(
    ("path", "options"),
    [
        ("history timeline", {"start": "2010", "end": "2024"}),  # defers, then follows up
        ("define", {"term": "transformer"}),  # answers at once, a kept answer
        ("search", {"query": "attention"}),  # a kept first page
    ],
)
async def test_an_interaction_that_expired_is_logged_not_reported_as_a_bug(
    discord_env: OfflineDiscord,
    caplog: pytest.LogCaptureFixture,
    path: str,
    options: dict[str, str],
) -> None:
    """Past Discord's deadline nobody can be answered: a warning, never an error with a ref."""
    with caplog.at_level(logging.WARNING):
        answered = await discord_env.command(path, Actor(), expired=True, **options)
    assert answered.messages == []
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert any("expired" in r.getMessage() for r in caplog.records)


@pytest.mark.parametrize("actor", [Actor(), ZH], ids=["en", "zh-CN"])
async def test_a_form_submitted_after_a_restart_gives_the_typed_text_back(
    discord_env: OfflineDiscord, actor: Actor
) -> None:
    """A moderator's modal, opened before a restart and submitted after it, loses nothing."""
    payload = interaction_base(actor, discord_env.next_id(), 5)
    payload["data"] = {
        "custom_id": "edit-form-of-the-previous-process",
        "components": [
            {"type": 1, "components": [{"type": 4, "custom_id": "summary", "value": "New text."}]},
            {"type": 18, "component": {"type": 4, "custom_id": "body", "value": "Longer body."}},
        ],
    }
    answered = await discord_env.dispatch(payload)
    assert answered.ephemeral
    assert answered.last["content"] == t("error.expired_form", "zh" if actor is ZH else "en")
    [(name, raw)] = answered.files
    assert name == "your-text.txt"
    assert raw.decode() == "New text.\n\nLonger body."
