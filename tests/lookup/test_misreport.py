"""The report correction (issue 11.10): shown only where the report was wrong, under a heading
that names the report; /about says which report it is. Through the real tree, en, zh-CN, zh-TW."""

from __future__ import annotations

import pytest

from bot.i18n.script import to_traditional
from offline import Actor, OfflineDiscord

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


@pytest.mark.parametrize(("locale", "heading", "note", "opening"), LOCALES)
async def test_a_correction_names_the_report_once(
    discord_env: OfflineDiscord, locale: str, heading: str, note: str, opening: str
) -> None:
    """/history event bayesian networks: the correction is under the heading naming the report,
    and its text says "the report" without repeating the name."""
    exchange = await discord_env.command(
        "history event", Actor(locale=locale), name="Bayesian networks"
    )
    fields = field_map(exchange.last)
    assert fields[heading].startswith(opening)
    assert "AI x Crypto" not in fields[heading]
    assert note not in fields


@pytest.mark.parametrize(("locale", "heading", "note", "opening"), LOCALES)
async def test_where_the_report_was_right_only_a_note_is_shown(
    discord_env: OfflineDiscord, locale: str, heading: str, note: str, opening: str
) -> None:
    """/project info Render: the report was right, so no correction heading; the general caveat
    (the RNDR ticker) is a plain note."""
    exchange = await discord_env.command("project info", Actor(locale=locale), name="Render")
    fields = field_map(exchange.last)
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
