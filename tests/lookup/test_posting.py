"""No flooding (issue 11.7), through the real command tree in en, zh-CN and zh-TW: a pick on
somebody else's message answers the picker alone, with Post in channel; the owner's pick posts
as before; public posts from one member have a short cooldown, private answers none."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from pydantic import ValidationError

from bot.app import AixBot, build_services
from bot.i18n import language_for, t
from bot.i18n.script import in_script, script_for
from bot.settings import PostCooldown, Settings, describe_settings_error
from offline import Actor, OfflineDiscord
from tests.conftest import assert_discord_accepts, make_settings

EN = Actor()
ZH = Actor(locale="zh-CN")
TW = Actor(locale="zh-TW")
LOCALES = pytest.mark.parametrize("actor", [EN, ZH, TW], ids=["en", "zh-CN", "zh-TW"])
OTHER_ID = 1_400_000_000_000_000_777


def other(actor: Actor) -> Actor:
    return Actor(user_id=OTHER_ID, locale=actor.locale)


def said(key: str, actor: Actor, **params: object) -> str:
    """The string as this actor reads it (Traditional for zh-TW)."""
    return in_script(t(key, language_for(actor.locale), **params), script_for(actor.locale))


def components(message: dict, kind: int) -> list[dict]:
    rows = message.get("components", [])
    return [c for row in rows for c in row["components"] if c["type"] == kind]


def footer(message: dict) -> str:
    return str(message["embeds"][0]["footer"]["text"])


@pytest.fixture
async def limited(db_url: str) -> AsyncIterator[OfflineDiscord]:
    """The bot with a post limit of two public answers in ten minutes."""
    settings = make_settings(db_url, post_cooldown=PostCooldown(posts=2, seconds=600))
    offline = OfflineDiscord(AixBot(build_services(settings)))
    await offline.start()
    yield offline
    await offline.close()
    assert_discord_accepts(offline)


@LOCALES
async def test_a_pick_on_someone_elses_answer_is_for_the_picker(
    discord_env: OfflineDiscord, actor: Actor
) -> None:
    """Related on another member's public /define: the picker alone sees it, with Post in
    channel, and Post puts it in the channel."""
    asked = await discord_env.command("define", actor, term="transformer")
    assert not asked.ephemeral
    picked = await discord_env.choose(asked.message_id, ["term/attention"], other(actor))
    assert picked.ephemeral
    assert footer(picked.last).endswith("term/attention")
    post = [b for b in components(picked.last, 2) if b["custom_id"].startswith("aix:post:")]
    assert [b["label"] for b in post] == [said("lookup.post", actor)]
    target = post[0]["custom_id"]
    posted = await discord_env.press(picked.message_id, other(actor), custom_id=target)
    assert not posted.ephemeral
    assert footer(posted.last).endswith("term/attention")
    assert not components(posted.last, 2) or all(
        not b["custom_id"].startswith("aix:post:") for b in components(posted.last, 2)
    )


@LOCALES
async def test_the_owners_pick_still_posts(discord_env: OfflineDiscord, actor: Actor) -> None:
    """Related on one's own public answer posts the entry, as before."""
    asked = await discord_env.command("define", actor, term="transformer")
    picked = await discord_env.choose(asked.message_id, ["term/attention"], actor)
    assert not picked.ephemeral
    assert footer(picked.last).endswith("term/attention")


@LOCALES
async def test_open_an_entry_menu_of_a_list(discord_env: OfflineDiscord, actor: Actor) -> None:
    """The "Open an entry" menu under another member's /search: private, with Post."""
    listed = await discord_env.command("search", actor, query="attention")
    menu = components(listed.last, 3)[0]
    value = menu["options"][0]["value"]
    picked = await discord_env.choose(listed.message_id, [value], other(actor))
    assert picked.ephemeral
    assert any(b["custom_id"] == f"aix:post:{value}" for b in components(picked.last, 2))


@LOCALES
async def test_explain_terms_picks_can_be_posted(discord_env: OfflineDiscord, actor: Actor) -> None:
    """Explain terms answers privately; an entry opened from it can be posted."""
    explained = await discord_env.message_command(
        "Explain terms", "RLHF PPO DPO SFT LoRA MoE GQA RoPE FlashAttention CUDA NVLink TPU", actor
    )
    value = components(explained.last, 3)[0]["options"][0]["value"]
    picked = await discord_env.choose(explained.message_id, [value], actor)
    assert picked.ephemeral
    posted = await discord_env.press(picked.message_id, actor, custom_id=f"aix:post:{value}")
    assert not posted.ephemeral
    assert footer(posted.last).endswith(value)


async def test_a_candidate_button_posts_for_the_asker(discord_env: OfflineDiscord) -> None:
    """The button of a "not a term, an event" answer opens the event publicly for the asker
    (the question was public), privately with Post for anyone else."""
    asked = await discord_env.command("define", EN, term="Bayesian network")
    assert asked.ephemeral
    button = components(asked.last, 2)[0]
    opened = await discord_env.press(asked.message_id, EN, custom_id=button["custom_id"])
    assert not opened.ephemeral
    assert footer(opened.last).endswith("event/bayesian-networks")


@LOCALES
async def test_public_posts_have_a_cooldown(limited: OfflineDiscord, actor: Actor) -> None:
    """Two public answers, then an ephemeral "try again in N s" in the member's language;
    private answers are not limited, nor is another member."""
    for term in ("transformer", "rlhf"):
        assert not (await limited.command("define", actor, term=term)).ephemeral
    refused = await limited.command("define", actor, term="moe")
    assert refused.ephemeral
    text = refused.last["content"]
    head = said("error.post_cooldown", actor, posts=2, per=600, seconds=0).split("0")[0]
    assert text.startswith(head[:8])
    assert "600" in text
    for term in ("moe", "zkml", "lora"):
        private = await limited.command("define", actor, term=term, private=True)
        assert footer(private.last).endswith(f"term/{term}")
    assert not (await limited.command("define", other(actor), term="moe")).ephemeral


async def test_post_in_channel_shares_the_limit(limited: OfflineDiscord) -> None:
    """Post in channel and one's own menu picks count against the same limit as commands."""
    asked = await limited.command("define", EN, term="transformer")
    picked = await limited.choose(asked.message_id, ["term/attention"], EN)
    assert not picked.ephemeral
    private = await limited.command("define", EN, term="rlhf", private=True)
    shared = await limited.choose(private.message_id, ["term/ppo"], EN)
    assert shared.ephemeral
    refused = await limited.press(shared.message_id, EN, custom_id="aix:post:term/ppo")
    assert refused.ephemeral
    assert refused.last["content"].startswith("You have had 2 answers posted")
    computed = await limited.command("compute train", EN, params="7B", tokens="1T")
    assert computed.last["content"].startswith("You have had 2 answers posted")


def test_the_limit_is_a_setting() -> None:
    """POST_COOLDOWN__POSTS and __SECONDS are validated and named when wrong."""
    assert Settings(_env_file=None).post_cooldown == PostCooldown(posts=3, seconds=30)  # type: ignore[call-arg]
    with pytest.raises(ValidationError) as caught:
        Settings(_env_file=None, post_cooldown={"posts": 0})  # type: ignore[call-arg]
    assert describe_settings_error(caught.value).startswith("POST_COOLDOWN__POSTS:")
