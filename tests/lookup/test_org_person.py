"""/org info and /person info through the real tree, and the links between kinds: a segment's
players and an event's people open the org and person entries they name.

The entries are a guild's own (fictional, tests/samples.py), so the tests hold whatever the
shipped files come to contain: each links to shipped segments and to a guild event.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from bot.db.models import Entry
from bot.i18n import Lang
from bot.i18n.script import to_traditional
from bot.knowledge.files import parse_entry
from bot.knowledge.service import KnowledgeService
from bot.knowledge.store import content_hash, entry_data
from cogs._ui.meta import help_lines
from offline import DEFAULT_GUILD_ID, Actor, OfflineDiscord
from tests.samples import CHECKED, org_data, person_data

EN = Actor()
ZH = Actor(locale="zh-CN")
TW = Actor(locale="zh-TW")
LOCALES = pytest.mark.parametrize("actor", [EN, ZH, TW], ids=["en", "zh-CN", "zh-TW"])
SEGMENT = "segment/ai-hardware"

EVENT: dict[str, Any] = {
    "id": "event/example-launch",
    "name": {"en": "Example launch", "zh": "示例发布"},
    "summary": {"en": "The first example shipped.", "zh": "第一个示例发布。"},
    "body": {"en": "Ada Example and Nobody Else shipped it.", "zh": "艾达·示例等人发布了它。"},
    "checked": CHECKED,
    "sources": [{"url": "https://example.org/launch", "title": "Launch", "publisher": "Example"}],
    "date": "2020-05-01",
    "people": ["Ada Example", "Nobody Else"],
}


def add(knowledge: KnowledgeService, data: dict[str, Any], version: int = 1) -> None:
    entry = parse_entry(data)
    clean = entry_data(entry)
    knowledge.apply(
        Entry(
            guild_id=DEFAULT_GUILD_ID,
            kind=entry.kind.value,
            slug=entry.slug,
            version=version,
            data=clean,
            content_hash=content_hash(clean),
            hidden=False,
            updated_at=datetime(2026, 11, 1, tzinfo=UTC),
            updated_by=None,
        )
    )


@pytest.fixture
async def linked(discord_env: OfflineDiscord) -> OfflineDiscord:
    """An org placed in two shipped segments, a person at it, an event naming the person, and
    the AI-hardware segment with a player linked to the org."""
    knowledge = discord_env.bot.services.knowledge
    add(knowledge, org_data(segments=[SEGMENT, "segment/ai-cloud"]))
    add(
        knowledge,
        person_data(affiliations=["org/example-lab"], events=["event/example-launch"]),
    )
    add(knowledge, EVENT)
    shipped = knowledge.by_id(SEGMENT)
    assert shipped is not None
    segment = entry_data(shipped.entry)
    segment["players"][0] = {**segment["players"][0], "org": "org/example-lab"}
    add(knowledge, segment, version=shipped.version + 1)
    return discord_env


def embed(message: dict[str, Any]) -> dict[str, Any]:
    return dict(message["embeds"][0])


def fields(message: dict[str, Any]) -> dict[str, str]:
    return {f["name"]: f["value"] for f in embed(message)["fields"]}


def options(message: dict[str, Any]) -> list[str]:
    return [
        o["value"]
        for row in message.get("components", [])
        for c in row["components"]
        if c["type"] == 3
        for o in c["options"]
    ]


def labels(message: dict[str, Any]) -> list[str]:
    return [c["label"] for row in message.get("components", []) for c in row["components"]]


def shown_as(actor: Actor, en: str, zh: str) -> str:
    """The text as this actor reads it: zh-TW gets the Simplified converted to Traditional."""
    if actor.locale == "en-US":
        return en
    return to_traditional(zh) if actor.locale == "zh-TW" else zh


ORG_CARD = {
    "en": ("Example Lab", "Type", "Research lab", "Where it sits in the chain", "Key products"),
    "zh": ("示例实验室", "类型", "研究实验室", "在产业链中的位置", "主要产品"),
}


@LOCALES
async def test_org_card(linked: OfflineDiscord, actor: Actor) -> None:
    """/org info: type, founded, the segments it sits in by name, products; the segments open
    from the Related menu."""
    exchange = await linked.command("org info", actor, name="Example Lab")
    title, type_label, lab, chain, products = (
        shown_as(actor, en, zh) for en, zh in zip(*ORG_CARD.values(), strict=True)
    )
    assert not exchange.ephemeral
    assert embed(exchange.last)["title"] == title
    shown = fields(exchange.last)
    assert shown[type_label] == lab
    assert shown[shown_as(actor, "Founded", "成立时间")] == shown_as(actor, "2015", "2015年")
    hardware = linked.bot.services.knowledge.by_id(SEGMENT)
    assert hardware is not None
    assert shown[chain].startswith(shown_as(actor, *hardware.entry.name.model_dump().values()))
    assert shown[products] == "Example-1, Example-2"
    assert embed(exchange.last)["footer"]["text"] == "org/example-lab"
    assert {SEGMENT, "segment/ai-cloud"} <= set(options(exchange.last))
    opened = await linked.choose(exchange.message_id, [SEGMENT], actor)
    assert embed(opened.last)["footer"]["text"] == SEGMENT


PERSON_CARD = {
    "en": ("Role", "Known for", "Affiliations", "Events", "Example Lab", "Example launch"),
    "zh": ("身份", "主要贡献", "所属机构", "相关事件", "示例实验室", "示例发布"),
}


@LOCALES
async def test_person_card(linked: OfflineDiscord, actor: Actor) -> None:
    """/person info: role, known for, affiliations and events by name; both open."""
    exchange = await linked.command("person info", actor, name="Ada Example", private=True)
    role, known, affiliations, events, lab, launch = (
        shown_as(actor, en, zh) for en, zh in zip(*PERSON_CARD.values(), strict=True)
    )
    assert exchange.ephemeral
    shown = fields(exchange.last)
    assert shown[role] == shown_as(actor, "Chief example officer", "首席示例官")
    assert shown[known] == shown_as(actor, "The first example.", "第一个示例。")
    assert shown[affiliations] == lab
    assert shown[events] == launch
    assert {"org/example-lab", "event/example-launch"} <= set(options(exchange.last))
    opened = await linked.choose(exchange.message_id, ["org/example-lab"], actor)
    assert opened.ephemeral
    assert embed(opened.last)["footer"]["text"] == "org/example-lab"


@pytest.mark.parametrize("typed", ["ExLab", "exmaple lab", "org/example-lab", "示例实验室"])
async def test_an_org_opens_by_alias_typo_id_or_chinese_name(
    linked: OfflineDiscord, typed: str
) -> None:
    exchange = await linked.command("org info", name=typed)
    assert embed(exchange.last)["footer"]["text"] == "org/example-lab"


@pytest.mark.parametrize(
    ("actor", "says"),
    [(EN, "another kind (person)"), (ZH, "同名的人物")],
    ids=["en", "zh-CN"],
)
async def test_a_person_asked_as_an_org_is_pointed_to(
    linked: OfflineDiscord, actor: Actor, says: str
) -> None:
    """/org info with a person's name: no org by that name, the person opens from a button."""
    exchange = await linked.command("org info", actor, name="Ada Example")
    assert exchange.ephemeral
    assert says in exchange.last["content"]
    opened = await linked.press(exchange.message_id, actor, label=labels(exchange.last)[0])
    assert embed(opened.last)["footer"]["text"] == "person/ada-example"


@pytest.mark.parametrize(("actor", "says"), [(EN, "No "), (ZH, "没有")], ids=["en", "zh-CN"])
async def test_an_unknown_person_is_no_entry(
    linked: OfflineDiscord, actor: Actor, says: str
) -> None:
    exchange = await linked.command("person info", actor, name="Zyxwv Qponm")
    assert exchange.ephemeral
    assert not exchange.last.get("embeds")
    assert says in exchange.last["content"]


async def test_autocomplete_offers_the_new_kinds_by_id(linked: OfflineDiscord) -> None:
    org = await linked.autocomplete("org info", "name", name="Exam")
    person = await linked.autocomplete("person info", "name", ZH, name="艾达")
    assert org.choices[0]["value"] == "org/example-lab"
    assert person.choices[0]["value"] == "person/ada-example"
    assert all(c["value"].startswith("person/") for c in person.choices)


@LOCALES
async def test_event_people_with_an_entry_open_it(linked: OfflineDiscord, actor: Actor) -> None:
    """An event's people who have a person entry are in bold and in the Related menu; the
    others stay plain text."""
    exchange = await linked.command("history event", actor, name="event/example-launch")
    people = next(v for v in fields(exchange.last).values() if "Nobody Else" in v)
    assert "**Ada Example**" in people
    assert "**Nobody Else**" not in people
    assert "person/ada-example" in options(exchange.last)
    opened = await linked.choose(exchange.message_id, ["person/ada-example"], actor)
    assert embed(opened.last)["footer"]["text"] == "person/ada-example"


async def test_a_name_two_people_share_links_to_neither(linked: OfflineDiscord) -> None:
    add(linked.bot.services.knowledge, person_data("ada-other", aliases=["Ada Example"]))
    exchange = await linked.command("history event", name="event/example-launch")
    assert "**Ada Example**" not in str(fields(exchange.last))
    assert "person/ada-example" not in options(exchange.last)


async def test_segment_players_open_their_org(linked: OfflineDiscord) -> None:
    exchange = await linked.command("industry segment", name=SEGMENT)
    assert "org/example-lab" in options(exchange.last)
    opened = await linked.choose(exchange.message_id, ["org/example-lab"])
    assert embed(opened.last)["footer"]["text"] == "org/example-lab"


@pytest.mark.parametrize(
    ("query", "entry"),
    [("Example Lab", "org/example-lab"), ("first example", "person/ada-example")],
)
async def test_search_finds_orgs_and_people(linked: OfflineDiscord, query: str, entry: str) -> None:
    exchange = await linked.command("search", query=query)
    assert entry in options(exchange.last)[:3]


@LOCALES
async def test_explain_terms_names_orgs_and_people(linked: OfflineDiscord, actor: Actor) -> None:
    exchange = await linked.message_command(
        "Explain terms", "Ada Example left ExLab for 示例实验室 again", actor
    )
    ids = [c["custom_id"] for row in exchange.last["components"] for c in row["components"]]
    assert {"aix:open:1:person:ada-example", "aix:open:1:org:example-lab"} <= set(ids)


@pytest.mark.parametrize(
    ("lang", "described"),
    [
        ("en", ("One organisation: what it", "One person: their role")),
        ("zh", ("一个机构：它做什么", "一位人物：身份")),
    ],
)
async def test_help_lists_the_new_lookups(
    discord_env: OfflineDiscord, lang: Lang, described: tuple[str, str]
) -> None:
    """/help's lines, from the bot's own tree, name both lookups with their descriptions."""
    lines = [line for _, group in help_lines(discord_env.bot.tree, lang) for line in group]
    org = next(line for line in lines if line.startswith("`/org info`"))
    person = next(line for line in lines if line.startswith("`/person info`"))
    assert described[0] in org
    assert described[1] in person
