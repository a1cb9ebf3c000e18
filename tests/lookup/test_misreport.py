"""The report correction (issue 11.10): shown only where the report was wrong, under a heading
that names the report; /about says which report it is. Through the real tree, en, zh-CN, zh-TW.
The correction and the note are details: they are on the entry's More screen."""

from __future__ import annotations

import pytest

from bot.i18n.script import to_traditional
from offline import Actor, OfflineDiscord
from tests.lookup.test_phone_screens import read_more

LOCALES = [
    ("en-US", "Misreported in “AI x Crypto: From Zero to Peak”", "Note", "The report says"),
    ("zh-CN", "《AI x Crypto：从零到巅峰》中的误传", "说明", "该报告称"),
    (
        "zh-TW",
        to_traditional("《AI x Crypto：从零到巅峰》中的误传"),
        to_traditional("说明"),
        to_traditional("该报告称"),
    ),
]


def field_map(message: dict) -> dict[str, str]:
    return {f["name"]: f["value"] for e in message["embeds"] for f in e.get("fields", [])}


async def details(env: OfflineDiscord, command: str, actor: Actor, name: str) -> dict[str, str]:
    """The fields of an entry's first screen and of every page of its More screen."""
    exchange = await env.command(command, actor, name=name)
    entry_id = exchange.last["embeds"][0]["footer"]["text"]
    pages = await read_more(env, exchange.message_id, actor, entry_id)
    return field_map(exchange.last) | field_map({"embeds": pages})


@pytest.mark.parametrize(("locale", "heading", "note", "opening"), LOCALES)
async def test_a_correction_names_the_report_once(
    discord_env: OfflineDiscord, locale: str, heading: str, note: str, opening: str
) -> None:
    """/history event bayesian networks: the correction is under the heading naming the report,
    and its text says "the report" without repeating the name."""
    fields = await details(discord_env, "history event", Actor(locale=locale), "Bayesian networks")
    assert fields[heading].startswith(opening)
    assert "AI x Crypto" not in fields[heading]
    assert note not in fields


@pytest.mark.parametrize(("locale", "heading", "note", "opening"), LOCALES)
async def test_where_the_report_was_right_only_a_note_is_shown(
    discord_env: OfflineDiscord, locale: str, heading: str, note: str, opening: str
) -> None:
    """/project info Render: the report was right, so no correction heading; the general caveat
    (the RNDR ticker) is a plain note."""
    fields = await details(discord_env, "project info", Actor(locale=locale), "Render")
    assert heading not in fields
    assert "RNDR" in fields[note]


@pytest.mark.parametrize(
    ("locale", "name", "words"),
    [
        ("en-US", "Corrections", ["“AI x Crypto: From Zero to Peak”", "Gate Square"]),
        ("zh-CN", "勘误", ["《AI x Crypto：从零到巅峰》", "Gate 广场"]),
        ("zh-TW", to_traditional("勘误"), [to_traditional("《AI x Crypto：从零到巅峰》")]),
    ],
)
async def test_about_says_which_report(
    discord_env: OfflineDiscord, locale: str, name: str, words: list[str]
) -> None:
    """/about names the report by title and where it was published (no link is invented)."""
    exchange = await discord_env.command("about", Actor(locale=locale))
    line = field_map(exchange.last)[name]
    for word in words:
        assert word in line
    assert "http" not in line
