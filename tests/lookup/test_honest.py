"""Honest answers through the real tree: a name opens its own entry or says what it is not."""

from __future__ import annotations

import pytest

from offline import Actor, OfflineDiscord

ZH = Actor(locale="zh-CN")
LANGS = pytest.mark.parametrize("actor", [Actor(), ZH], ids=["en", "zh-CN"])


def footer(message: dict) -> str:
    return str(message["embeds"][0]["footer"]["text"])


def labels(message: dict) -> list[str]:
    return [c["label"] for row in message.get("components", []) for c in row["components"]]


@LANGS
@pytest.mark.parametrize(
    ("name", "entry"),
    [("GPT-5", "event/gpt-5"), ("Llama 4", "event/llama-4"), ("Gemini 2.5", "event/gemini-2-5")],
)
async def test_a_versioned_name_opens_that_version(
    discord_env: OfflineDiscord, actor: Actor, name: str, entry: str
) -> None:
    """GPT-5, Llama 4 and Gemini 2.5 open themselves, never GPT-1, LLaMA or Gemini 1.0."""
    exchange = await discord_env.command("history event", actor, name=name)
    assert footer(exchange.last) == entry


@LANGS
async def test_gpu_h20_is_the_h20(discord_env: OfflineDiscord, actor: Actor) -> None:
    """/compute gpu H20 shows the H20, not the H200."""
    exchange = await discord_env.command("compute gpu", actor, name="H20")
    assert "H200" not in exchange.last["embeds"][0]["title"]
    assert "H20" in exchange.last["embeds"][0]["title"]


@LANGS
async def test_a10_is_not_the_a100(discord_env: OfflineDiscord, actor: Actor) -> None:
    """A GPU the bot lacks: an ephemeral no-entry naming each candidate's kind and year."""
    exchange = await discord_env.command("compute gpu", actor, name="A10")
    assert exchange.ephemeral
    assert not exchange.last.get("embeds")
    content = exchange.last["content"]
    assert "A10" in content
    assert all("2020" in label for label in labels(exchange.last))
    assert "GPU" in content


@LANGS
async def test_define_gpt_offers_the_event_not_quantization(
    discord_env: OfflineDiscord, actor: Actor
) -> None:
    """/define GPT: no term is called GPT; the GPT-1 event is; "gptq" is no match for it."""
    exchange = await discord_env.command("define", actor, term="GPT")
    assert exchange.ephemeral
    offered = labels(exchange.last)
    assert offered[0].startswith("GPT-1")
    assert "2018" in offered[0]
    assert not any("Quantization" in label or "量化" in label for label in offered)
    opened = await discord_env.press(exchange.message_id, actor, label=offered[0])
    assert footer(opened.last) == "event/gpt-1"


@pytest.mark.parametrize(
    ("actor", "says"),
    [(Actor(), "another kind (event)"), (ZH, "同名的事件")],
    ids=["en", "zh-CN"],
)
async def test_define_bayesian_network_points_to_the_event(
    discord_env: OfflineDiscord, actor: Actor, says: str
) -> None:
    """/define Bayesian network says it is an event and opens it from a button."""
    exchange = await discord_env.command("define", actor, term="Bayesian network")
    assert exchange.ephemeral
    assert says in exchange.last["content"]
    offered = labels(exchange.last)
    assert "1988" in offered[0]
    opened = await discord_env.press(exchange.message_id, actor, label=offered[0])
    assert footer(opened.last) == "event/bayesian-networks"


@LANGS
async def test_deep_learning_book_is_no_event(discord_env: OfflineDiscord, actor: Actor) -> None:
    """No event is the Deep Learning book: an honest no-entry with entries to open instead."""
    exchange = await discord_env.command("history event", actor, name="Deep Learning book")
    assert exchange.ephemeral
    assert not exchange.last.get("embeds")
    assert labels(exchange.last)


@pytest.mark.parametrize(
    ("actor", "senses"),
    [(Actor(), ("Token (crypto)", "Token (language models)")), (ZH, ("代币", "词元"))],
    ids=["en", "zh-CN"],
)
async def test_token_asks_which_token(
    discord_env: OfflineDiscord, actor: Actor, senses: tuple[str, str]
) -> None:
    """token names two terms: a short disambiguation with a button per sense."""
    exchange = await discord_env.command("define", actor, term="token")
    assert exchange.ephemeral
    offered = labels(exchange.last)
    assert len(offered) == 2
    for sense, label in zip(senses, offered, strict=True):
        assert label.startswith(sense)
    opened = await discord_env.press(exchange.message_id, actor, label=offered[1])
    assert footer(opened.last) == "term/llm-token"


async def test_an_autocomplete_pick_opens_exactly_that_entry(discord_env: OfflineDiscord) -> None:
    """Picking "Token (crypto)" from the list opens it, although "token" alone is ambiguous."""
    choices = await discord_env.autocomplete("define", "term", term="token")
    value = next(c["value"] for c in choices.choices if c["name"].startswith("Token (crypto)"))
    exchange = await discord_env.command("define", term=value)
    assert footer(exchange.last) == "term/token"
