"""Phone-sized answers (issue 11.8): the first screen of every entry fits PHONE_SCREEN, and More
and Sources hold the rest, so nothing of an entry is lost on the way."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import discord
import pytest
from pydantic import BaseModel

from bot.app import AixBot, build_services
from bot.i18n import Lang
from bot.i18n.script import Script
from bot.knowledge.files import DEFAULT_ROOT, load_knowledge
from bot.knowledge.models import ID_RE, PARTIAL_DATE_RE, EntryBase, EntryKind, Localized
from bot.knowledge.service import EntryView
from bot.limits import MORE_PAGE_TOTAL, PHONE_SCREEN
from cogs._ui import script
from cogs._ui.entry import entry_embed, more_pages, related_ids, sources, sources_pages
from cogs._ui.text import safe
from offline import Actor, OfflineDiscord, limit_violations
from offline.transport import Request
from tests.conftest import make_settings

ENTRIES = load_knowledge(DEFAULT_ROOT).entries
BY_ID = {e.id: e for e in ENTRIES}
READERS = [("en", "hans"), ("zh", "hans"), ("zh", "hant"), ("zh", "hk")]
NOT_SHOWN_AS_TEXT = frozenset(
    {"id", "kind", "tags", "related", "sources", "upstream", "downstream"}
    | {"status", "category", "unit", "org_type"}
)
"""Fields that are not text on a screen: ids, tags, the sources (checked apart) and the links to
other entries (the Related menu, and their titles in More); codes shown translated (status,
org type, category, unit; which chain a segment is in). Aliases are search keys, shown only for
a term ("Also called")."""


def view_of(entry: EntryBase) -> EntryView:
    return EntryView(
        entry=entry, guild_id=0, version=1, updated_at=datetime.now(UTC), updated_by=None
    )


def as_read(embeds: list[discord.Embed], scr: Script) -> list[discord.Embed]:
    return [script.embed(e, scr) for e in embeds] if scr != "hans" else embeds


def violations(embeds: list[discord.Embed]) -> list[str]:
    """Discord's limits, checked by the stand-in's own checker, one message per embed."""
    found = []
    for embed in embeds:
        body = {"embeds": [embed.to_dict()], "allowed_mentions": {"parse": []}}
        request = Request("POST", "/webhooks/1/token", body)
        found += limit_violations(request)
    return found


def texts(value: Any, lang: str, skip: frozenset[str], name: str = "") -> Iterator[str]:
    """Every text `value` holds in `lang` but the fields named in `skip`."""
    if name in skip:
        return
    if isinstance(value, Localized):
        yield value.pick(lang)
    elif isinstance(value, BaseModel):
        for field in type(value).model_fields:
            yield from texts(getattr(value, field), lang, skip, field)
    elif isinstance(value, list):
        for item in value:
            yield from texts(item, lang, skip, name)
    elif isinstance(value, str) and not (ID_RE.match(value) or PARTIAL_DATE_RE.match(value)):
        yield value


def flat(text: str) -> str:
    return " ".join(text.split())


def shown_text(embeds: list[discord.Embed]) -> str:
    parts = []
    for embed in embeds:
        parts += [embed.title or "", embed.description or ""]
        parts += [f"{f.name} {f.value}" for f in embed.fields]
    return flat(" ".join(parts))


@pytest.mark.parametrize(("lang", "scr"), READERS)
def test_every_first_screen_fits_a_phone_and_discord(lang: Lang, scr: Script) -> None:
    """Every shipped entry, as an en, zh-CN, zh-TW and zh-HK reader gets it: the first screen is
    within PHONE_SCREEN and Discord's limits, and shows exactly one source, the first."""
    too_long, broken = [], []
    for entry in ENTRIES:
        first = as_read([entry_embed(view_of(entry), lang)], scr)[0]
        if len(first) > PHONE_SCREEN:
            too_long.append(f"{entry.id}: {len(first)}")
        broken += [f"{entry.id}: {p}" for p in violations([first])]
        on_screen = shown_text([first])
        listed = [str(s.url) for s in sources(entry)]
        assert [u for u in listed if f"]({u})" in on_screen] == listed[:1], entry.id
    assert too_long == [], f"over {PHONE_SCREEN} characters"
    assert broken == []


@pytest.mark.parametrize(("lang", "scr"), READERS)
def test_more_and_sources_hold_the_whole_entry(lang: Lang, scr: Script) -> None:
    """More holds the whole body and every text field in full, each page within Discord's
    limits and MORE_PAGE_TOTAL; Sources lists every source once. Nothing is lost."""
    for entry in ENTRIES:
        view = view_of(entry)
        titles = {i: BY_ID[i].name.pick(lang) for i in related_ids(entry) if i in BY_ID}
        first = entry_embed(view, lang)
        more = more_pages(view, lang, titles=titles)
        listed = sources_pages(view, lang)
        read_more, read_sources = as_read(more, scr), as_read(listed, scr)
        assert violations([first, *read_more, *read_sources]) == [], entry.id
        assert all(len(page) <= MORE_PAGE_TOTAL for page in read_more), entry.id
        listed_text = shown_text(read_sources)
        for source in sources(entry):
            assert listed_text.count(f"]({source.url})") == 1, (entry.id, str(source.url))
        assert listed_text.count("](") == len(sources(entry)), entry.id
        if scr != "hans":
            continue  # the texts below are compared in the script they are stored in
        body = flat(" ".join(page.description or "" for page in more))
        assert flat(safe(entry.body.pick(lang))) in body, entry.id
        everything = shown_text([first, *more])
        skip = NOT_SHOWN_AS_TEXT | ({"chain"} if entry.kind is EntryKind.SEGMENT else set())
        if entry.kind is not EntryKind.TERM:
            skip |= {"aliases"}
        missing = [x for x in texts(entry, lang, skip) if flat(safe(x)) not in everything]
        assert missing == [], entry.id


# -- through the real tree -------------------------------------------------------------------

OTHER = Actor(user_id=1_400_000_000_000_000_999)
LOCALES = ["en-US", "zh-CN", "zh-TW"]


def shown_length(message: dict[str, Any]) -> int:
    """What Discord counts of an embed: title, description, field names and values, footer."""
    embed = message["embeds"][0]
    fields = embed.get("fields", [])
    return (
        len(embed.get("title", ""))
        + len(embed.get("description", ""))
        + sum(len(f["name"]) + len(f["value"]) for f in fields)
        + len(embed.get("footer", {}).get("text", ""))
    )


def button_ids(message: dict[str, Any]) -> list[str]:
    return [
        c["custom_id"]
        for row in message.get("components", [])
        for c in row["components"]
        if c["type"] == 2
    ]


async def read_more(
    env: OfflineDiscord, message_id: int, reader: Actor, entry_id: str
) -> list[dict[str, Any]]:
    """Press More as `reader` and page through to the end: every embed they are shown, each
    reply ephemeral."""
    pressed = await env.press(message_id, reader, custom_id=f"aix:more:{entry_id}")
    assert pressed.ephemeral
    shown = [pressed.last]
    while True:
        forward = [
            c
            for row in shown[-1].get("components", [])
            for c in row["components"]
            if c.get("label") == "›" and not c.get("disabled")
        ]
        if not forward:
            break
        paged = await env.press(pressed.message_id, reader, custom_id=forward[0]["custom_id"])
        shown.append(paged.last)
    return [embed for message in shown for embed in message["embeds"]]


@pytest.mark.parametrize("locale", LOCALES)
async def test_industry_segment_first_screen_then_more(
    discord_env: OfflineDiscord, locale: str
) -> None:
    """/industry segment AI hardware (3,211 characters before): the summary and five players,
    one source, then More, pressed by another member, shows the body and all nine players to
    them alone, paged."""
    actor = Actor(locale=locale)
    exchange = await discord_env.command("industry segment", actor, name="AI hardware")
    assert not exchange.ephemeral
    assert shown_length(exchange.last) <= PHONE_SCREEN
    assert button_ids(exchange.last) == ["aix:more:segment/ai-hardware"]
    players = exchange.last["embeds"][0]["fields"][0]["value"]
    assert players.startswith("NVIDIA, AMD")
    assert "TSMC" not in players
    reader = Actor(user_id=OTHER.user_id, locale=locale)
    pages = await read_more(discord_env, exchange.message_id, reader, "segment/ai-hardware")
    text = " ".join(
        " ".join([e.get("description", "")] + [f["value"] for f in e.get("fields", [])])
        for e in pages
    )
    assert "TSMC" in text
    assert "CoWoS" in text
    assert ("“AI x Crypto" in text) is False  # the report's name is the heading, not the text


@pytest.mark.parametrize("locale", LOCALES)
async def test_project_sources_listed_once_for_whoever_asks(
    discord_env: OfflineDiscord, locale: str
) -> None:
    """/project info Render: one source on the first screen with how many more; Sources, pressed
    by another member, lists all five to them alone."""
    exchange = await discord_env.command("project info", Actor(locale=locale), name="Render")
    assert shown_length(exchange.last) <= PHONE_SCREEN
    first = exchange.last["embeds"][0]
    inline = [f["value"] for f in first["fields"] if "https://" in f["value"]]
    assert len(inline) == 1
    assert inline[0].count("https://") == 1
    assert "aix:src:project/render" in button_ids(exchange.last)
    pressed = await discord_env.press(
        exchange.message_id,
        Actor(user_id=OTHER.user_id, locale=locale),
        custom_id="aix:src:project/render",
    )
    assert pressed.ephemeral
    listed = pressed.last["embeds"][0]["description"]
    expected = [str(s.url) for s in sources(BY_ID["project/render"])]
    assert len(expected) == 5
    assert [u for u in expected if f"]({u})" in listed] == expected


@pytest.mark.parametrize("locale", LOCALES)
async def test_compute_gpu_is_an_entry_answer(discord_env: OfflineDiscord, locale: str) -> None:
    """/compute gpu H100 SXM: the headline figures and the datasheet on the first screen, the
    rest behind More."""
    exchange = await discord_env.command("compute gpu", Actor(locale=locale), name="H100 SXM")
    assert shown_length(exchange.last) <= PHONE_SCREEN
    values = " ".join(f["value"] for f in exchange.last["embeds"][0]["fields"])
    assert "BF16: 989.5 TFLOPS" in values
    assert "80 GB" in values
    assert "aix:more:gpu/h100-sxm" in button_ids(exchange.last)


async def test_more_works_after_a_restart(discord_env: OfflineDiscord, db_url: str) -> None:
    """More is a persistent button: a bot started afresh on the same database answers a press
    on a message its predecessor sent, from the custom_id alone."""
    exchange = await discord_env.command("define", term="transformer")
    restarted = OfflineDiscord(AixBot(build_services(make_settings(db_url))))
    await restarted.start()
    try:
        sent = discord_env.stand_in.messages[exchange.message_id]
        restarted.stand_in.messages[exchange.message_id] = sent
        more = await restarted.press(exchange.message_id, custom_id="aix:more:term/transformer")
    finally:
        await restarted.close()
    assert more.ephemeral
    assert "Vaswani" in more.last["embeds"][0]["description"]
