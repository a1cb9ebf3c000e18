"""Hostile and careless input to /edit, /entry and /suggest through the real command tree:
every answer is a clear ephemeral line (or the form it asked for), never the generic
"something went wrong", and nothing is logged as a bug."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from typing import Any

import pytest

from bot.editing.fields import parse_reason
from bot.i18n import t
from offline import MODERATOR_PERMISSIONS, Actor, Exchange, OfflineDiscord, Upload

MOD = Actor(user_id=11, permissions=MODERATOR_PERMISSIONS)
ZH_MOD = Actor(user_id=15, permissions=MODERATOR_PERMISSIONS, locale="zh-CN")
HOSTILE = [
    "",
    " \t\n ",
    "x" * 4000,
    "@everyone @here <@&123> <@123>",
    "\u202etransformer\u202c",
    "\u200b\u200c\u200d\ufeff",
    "**bold** ||spoiler|| `code` [x](http://evil) > quote",
    "term/",
    "term/../../etc",
    "词" * 100,
    "\x00",
]
"""Discord's client holds a string option to its Range; a crafted request need not."""
GENERIC = [
    t("error.unexpected", lang, ref="X").split("(")[0].split("（")[0] for lang in ("en", "zh")
]
STRING_OPTIONS = [
    ("edit entry", "entry", {}),
    ("edit remove", "entry", {}),
    ("edit remove", "reason", {"entry": "term/transformer"}),
    ("edit revert", "entry", {"revision": 1}),
    ("edit add", "name", {"kind": "term"}),
    ("entry history", "entry", {}),
    ("entry diff", "entry", {}),
    ("suggest", "entry", {}),
]


@pytest.fixture(autouse=True)
def no_logged_errors(caplog: pytest.LogCaptureFixture) -> Iterator[None]:
    with caplog.at_level(logging.ERROR):
        yield
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert not errors, "logged errors:\n" + "\n".join(f"{r.name}: {r.getMessage()}" for r in errors)


def shown(exchange: Exchange) -> str:
    out = []
    for message in exchange.messages:
        out.append(message.get("content") or "")
        for embed in message.get("embeds") or []:
            out.append(embed.get("title") or "")
            out.append(embed.get("description") or "")
            out += [f.get("value") or "" for f in embed.get("fields") or []]
    return "\n".join(out)


def opened_modal(exchange: Exchange) -> dict[str, Any] | None:
    try:
        return exchange.modal
    except AssertionError:
        return None


@pytest.mark.parametrize(("path", "option", "others"), STRING_OPTIONS)
async def test_hostile_strings_get_a_clear_answer(
    discord_env: OfflineDiscord, path: str, option: str, others: dict[str, Any]
) -> None:
    for index, text in enumerate(HOSTILE):
        actor = (MOD, ZH_MOD)[index % 2]
        exchange = await discord_env.command(path, actor, **others, **{option: text})
        if opened_modal(exchange) is not None:
            continue
        answer = shown(exchange)
        where = f"/{path} {option}={text[:40]!r}: {answer[:200]}"
        assert answer.strip(), where
        # A refusal is ephemeral; only /entry history and diff answer in public, and only
        # with the entry the text resolved to (an RTL override around a name is that name).
        assert exchange.ephemeral or "term/transformer" in answer, where
        for generic in GENERIC:
            assert generic not in answer, where
        assert "@everyone" not in answer.replace("@\u200beveryone", ""), where


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("x.json", b"{not json"),
        ("x.json", b"[]"),
        ("x.json", b'{"entries": 5}'),
        ("x.json", b"\xff\xfe\x00"),
        ("x.json", b""),
        ("big.json", b" " * (2 * 1024 * 1024)),
        ("x.json", json.dumps({"format": "aixbot.guild-export", "entries": "@everyone"}).encode()),
        ("\u202egnp.json", b"{}"),
    ],
)
async def test_a_bad_import_file_is_refused_ephemerally(
    discord_env: OfflineDiscord, name: str, data: bytes
) -> None:
    answer = await discord_env.command("edit import", MOD, file=Upload(name, data))
    assert answer.ephemeral
    assert "Nothing was changed" in answer.last["content"]
    assert "@everyone" not in shown(answer).replace("@\u200beveryone", "")


@pytest.mark.parametrize(
    "reason",
    [
        "duplicate of @everyone <@123>",
        r"see C:\temp\x_y and \*not bold\*",
        "**bold** _it_ ~~s~~ ||sp|| `c` > q # h - l [x](http://evil)",
        "\u202eright to left\u202c and 中文",
        "x" * 300,
    ],
)
async def test_a_removal_keeps_the_reason_exactly(discord_env: OfflineDiscord, reason: str) -> None:
    """The reason shown escaped on the confirmation is the one the history keeps."""
    asked = await discord_env.command("edit remove", MOD, entry="term/transformer", reason=reason)
    done = await discord_env.press(asked.message_id, MOD, label="Remove")
    assert "Removed" in done.last["content"]
    page = await discord_env.bot.services.editing.history(MOD.guild_id or 0, "term/transformer")
    assert page.items[0].reason == parse_reason(reason)
