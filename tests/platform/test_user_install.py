"""Wherever a member is (issue 11.11): lookups, /search, /compute, /about, /help and Explain
terms can be installed by a member and used in any server, DM and group DM; editing, /entry,
/config and /suggest come only with a server's install. Where the server has not installed
aixbot, the answer is the shipped text, privately by default. Through the real command tree,
in en, zh-CN and zh-TW, with interactions shaped as Discord sends them."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.db.models import Entry
from bot.knowledge.store import content_hash, entry_data
from offline import DEFAULT_GUILD_ID, Actor, CommandHidden, OfflineDiscord, interaction_base
from offline.openapi import spec_violations

EN = Actor()
ZH = Actor(locale="zh-CN")
TW = Actor(locale="zh-TW")
LOCALES = pytest.mark.parametrize("actor", [EN, ZH, TW], ids=["en", "zh-CN", "zh-TW"])
ANYWHERE = {
    "compute",
    "history",
    "industry",
    "project",
    "org",
    "person",
    "define",
    "search",
    "about",
    "help",
    "Explain terms",
}
SERVER_ONLY = {"edit", "entry", "config", "suggest"}
USE_EXTERNAL_APPS = 1 << 50
OVERLAY = "This server's own summary of the transformer."


def visiting(actor: Actor, **changes: object) -> Actor:
    """The same member in a server that has not installed aixbot, through their own install."""
    fields = {
        "locale": actor.locale,
        "user_install": True,
        "server_installed": False,
        **changes,
    }
    return Actor(**fields)  # type: ignore[arg-type]


def edit_summary(offline: OfflineDiscord) -> None:
    """The default server's own version of term/transformer, with its own summary."""
    knowledge = offline.bot.services.knowledge
    view = knowledge.by_id("term/transformer")
    assert view is not None
    summary = view.entry.summary.model_copy(update={"en": OVERLAY})
    data = entry_data(view.entry.model_copy(update={"summary": summary}))
    knowledge.apply(
        Entry(
            guild_id=DEFAULT_GUILD_ID,
            kind="term",
            slug="transformer",
            version=2,
            data=data,
            content_hash=content_hash(data),
            hidden=False,
            updated_at=datetime(2026, 1, 2, tzinfo=UTC),
            updated_by=777,
        )
    )


def text(message: dict) -> str:
    shown = message["embeds"][0] if message.get("embeds") else {}
    return " ".join(str(shown.get(k, "")) for k in ("title", "description")) + str(
        message.get("content") or ""
    )


async def test_synced_commands_carry_installs_and_contexts(discord_env: OfflineDiscord) -> None:
    """The bulk overwrite Discord receives gives each command integration_types and contexts,
    valid for Discord's OpenAPI spec: lookups everywhere, editing with a server only."""
    await discord_env.bot.tree.sync()
    synced = [r for r in discord_env.stand_in.requests if r.method == "PUT"]
    assert len(synced) == 1
    assert spec_violations(synced[0]) == []
    body = {c["name"]: c for c in synced[0].body}
    assert set(body) == ANYWHERE | SERVER_ONLY
    for name in ANYWHERE:
        assert sorted(body[name]["integration_types"]) == [0, 1], name
        assert sorted(body[name]["contexts"]) == [0, 1, 2], name
    for name in SERVER_ONLY:
        assert body[name]["integration_types"] == [0], name
        assert body[name]["contexts"] == [0], name


def test_the_stand_in_sends_what_discord_sends() -> None:
    """Context and authorizing_integration_owners, for each way of reaching aixbot."""
    cases = [
        (Actor(), 0, {"0": str(DEFAULT_GUILD_ID)}),
        (Actor(user_install=True), 0, {"0": str(DEFAULT_GUILD_ID), "1": str(Actor().user_id)}),
        (visiting(EN), 0, {"1": str(Actor().user_id)}),
        (Actor(guild_id=None), 1, {"0": "0"}),
        (Actor(guild_id=None, user_install=True), 1, {"1": str(Actor().user_id)}),
        (Actor(guild_id=None, group_dm=True), 2, {"1": str(Actor().user_id)}),
    ]
    for actor, context, owners in cases:
        payload = interaction_base(actor, 1, 2)
        assert payload["context"] == context
        assert payload["authorizing_integration_owners"] == owners
    assert interaction_base(Actor(guild_id=None, group_dm=True), 1, 2)["channel"]["type"] == 3


@LOCALES
async def test_define_in_a_server_without_aixbot(discord_env: OfflineDiscord, actor: Actor) -> None:
    """Only the asker sees it, and it is the shipped text, not the server's overlay; the
    same server through its own install shows its overlay, publicly."""
    edit_summary(discord_env)
    away = await discord_env.command("define", visiting(actor), term="transformer")
    assert away.ephemeral
    assert OVERLAY not in text(away.last)
    home = await discord_env.command("define", Actor(locale="en-US"), term="transformer")
    assert not home.ephemeral
    assert OVERLAY in text(home.last)


@LOCALES
async def test_every_anywhere_command_answers_privately_there(
    discord_env: OfflineDiscord, actor: Actor
) -> None:
    """Search, compute, about, help and Explain terms all answer the visitor alone."""
    who = visiting(actor)
    for exchange in (
        await discord_env.command("search", who, query="attention"),
        await discord_env.command("compute train", who, params="7B", tokens="1T"),
        await discord_env.command("history year", who, year="2017"),
        await discord_env.command("about", who),
        await discord_env.command("help", who),
        await discord_env.message_command("Explain terms", "a MoE transformer", who),
    ):
        assert exchange.ephemeral
        assert "Something went wrong" not in text(exchange.last)


async def test_private_false_posts_where_the_server_lets_apps_post(
    discord_env: OfflineDiscord,
) -> None:
    """`private: false` is public only when the member may use external apps there."""
    allowed = visiting(EN, permissions=EN.permissions | USE_EXTERNAL_APPS)
    posted = await discord_env.command("define", allowed, term="rlhf", private=False)
    assert not posted.ephemeral
    refused = await discord_env.command("define", visiting(EN), term="rlhf", private=False)
    assert refused.ephemeral
    default = await discord_env.command("define", allowed, term="rlhf")
    assert default.ephemeral


@LOCALES
@pytest.mark.parametrize(
    ("path", "options"),
    [
        ("edit entry", {"entry": "term/zkml"}),
        ("entry history", {"entry": "term/zkml"}),
        ("config show", {}),
        ("suggest", {}),
    ],
)
async def test_server_commands_never_reach_a_user_install(
    discord_env: OfflineDiscord, actor: Actor, path: str, options: dict[str, str]
) -> None:
    """Editing, /entry, /config and /suggest: not in a server without aixbot, a DM reached
    through one's own install, or a group DM."""
    for where in (
        visiting(actor),
        Actor(locale=actor.locale, guild_id=None, user_install=True),
        Actor(locale=actor.locale, guild_id=None, group_dm=True),
    ):
        with pytest.raises(CommandHidden):
            await discord_env.command(path, where, **options)


@LOCALES
async def test_group_dms_and_dms_through_ones_own_install(
    discord_env: OfflineDiscord, actor: Actor
) -> None:
    """In a group DM and a DM the lookups answer, publicly (no server to configure them)."""
    group = Actor(locale=actor.locale, guild_id=None, group_dm=True)
    answered = await discord_env.command("define", group, term="zkml")
    assert not answered.ephemeral
    assert answered.last["embeds"][0]["footer"]["text"].endswith("term/zkml")
    dm = Actor(locale=actor.locale, guild_id=None, user_install=True)
    assert not (await discord_env.command("search", dm, query="ZKML")).ephemeral


async def test_nothing_is_recorded_for_a_server_without_aixbot(
    discord_env: OfflineDiscord,
) -> None:
    """/entry missing belongs to servers that installed aixbot: a visitor's miss is not kept."""
    await discord_env.command("define", visiting(EN), term="no such thing at all")
    editing = discord_env.bot.services.editing
    assert await editing.missing(DEFAULT_GUILD_ID) == []
    await discord_env.command("define", EN, term="no such thing at all")
    assert len(await editing.missing(DEFAULT_GUILD_ID)) == 1


async def test_a_pick_from_a_visitors_answer_stays_private(discord_env: OfflineDiscord) -> None:
    """Related on a private answer in a server without aixbot: private, and no Post button
    where the server does not let members' apps post."""
    asked = await discord_env.command("define", visiting(EN), term="transformer")
    picked = await discord_env.choose(asked.message_id, ["term/attention"], visiting(EN))
    assert picked.ephemeral
    ids = [c["custom_id"] for row in picked.last["components"] for c in row["components"]]
    assert not any(i.startswith("aix:post:") for i in ids)
