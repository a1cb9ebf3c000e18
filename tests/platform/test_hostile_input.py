"""Hostile and careless input through the real command tree: every reply stays within Discord's
limits, pings no one, and is never the generic "something went wrong" answer to a bug."""

from __future__ import annotations

import itertools
import logging
import re
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.i18n import t
from bot.i18n.script import in_script, script_for
from bot.knowledge.history import YearRange
from bot.knowledge.models import EntryKind, ProjectCategory
from offline import Actor, Exchange, OfflineDiscord

EN = Actor()
ZH = Actor(locale="zh-CN")
DM = Actor(guild_id=None, locale="zh-TW")
OTHER = Actor(user_id=1_400_000_000_000_000_999)
ACTORS = [EN, ZH, DM]
FAST = settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

MENTIONS = "@everyone @here <@&123> <@123> <@!123> <#123> @everyone"
MARKDOWN = "**bold** ||spoiler|| `code` ```block``` [x](http://evil) > quote # head ~~s~~ __u__"
HOSTILE = [
    "",
    " ",
    " \t\n ",
    "x" * 100,
    "词" * 100,
    MENTIONS,
    (MENTIONS + " ") * 3,
    MARKDOWN,
    "\u200b\u200c\u200d\ufeff",
    "\u202etransformer\u202c",
    "\u200fمرحبا\u200e",
    "🔥🚀💀" * 10,
    "👨‍👩‍👧‍👦🏳️‍🌈",
    "变换器 transformer 混合 トランスフォーマー",
    "1e309",
    "-1e309",
    "-0",
    "NaN",
    "inf",
    "-inf",
    "0x10",
    "1_000",
    "1,,000",
    "9" * 100,
    "1e-400",
    "²",
    "٣",
    "Ⅻ",
    "10^999",
    "\x00",
    "{name} {0} %s",
    "term/",
    "/" * 100,
    "term/../../etc",
    "a" * 99 + "\u0301",
]
"""100 characters is the Range maximum of every string option."""
GENERIC = [
    t("error.unexpected", lang, ref="X").split("(")[0].split("（")[0] for lang in ("en", "zh")
]


@pytest.fixture(autouse=True)
def no_logged_errors(caplog: pytest.LogCaptureFixture) -> Iterator[None]:
    """An exception swallowed on the way (autocomplete, a view) still fails the test."""
    with caplog.at_level(logging.ERROR):
        yield
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert not errors, "logged errors:\n" + "\n".join(f"{r.name}: {r.getMessage()}" for r in errors)


def texts(exchange: Exchange) -> list[str]:
    out = []
    for message in exchange.messages:
        out.append(message.get("content") or "")
        for embed in message.get("embeds") or []:
            out.append(embed.get("description") or "")
            out.append(embed.get("title") or "")
    return out


def answered(exchange: Exchange) -> dict[str, Any]:
    """The last message, after checking it exists and is not the generic error."""
    body = exchange.last
    assert body.get("content") or body.get("embeds"), exchange.requests
    for text in texts(exchange):
        for generic in GENERIC:
            assert generic not in text, text
    return body


def autocompleted(exchange: Exchange) -> list[dict[str, Any]]:
    choices = exchange.choices
    assert len(choices) <= 25
    return choices


# -- every string option ---------------------------------------------------------------------

STRING_OPTIONS = [
    ("define", "term", {}),
    ("search", "query", {}),
    ("history event", "name", {}),
    ("history year", "year", {}),
    ("industry segment", "name", {}),
    ("project info", "name", {}),
    ("compute train", "params", {"tokens": "300B"}),
    ("compute train", "tokens", {"params": "175B"}),
    ("compute train", "gpu", {"params": "175B", "tokens": "300B"}),
    ("compute train", "price", {"params": "175B", "tokens": "300B"}),
    ("compute infer", "params", {}),
    ("compute infer", "model", {}),
    ("compute infer", "gpu", {"params": "70B"}),
    ("compute infer", "context", {"params": "70B"}),
    ("compute infer", "output", {"params": "70B"}),
    ("compute memory", "params", {}),
    ("compute memory", "gpu", {"params": "7B"}),
    ("compute memory", "seq", {"params": "7B", "batch": 8}),
    ("compute optimal", "budget", {}),
    ("compute optimal", "gpu", {"budget": "1M GPU-hours"}),
    ("compute model", "name", {}),
    ("compute gpu", "name", {}),
]


@pytest.mark.parametrize("cog", ["lookup", "compute"])
async def test_hostile_strings_get_a_clear_answer(discord_env: OfflineDiscord, cog: str) -> None:
    """Every string option, given every hostile string, answers clearly in both languages."""
    for path, option, others in STRING_OPTIONS:
        if path.startswith("compute") != (cog == "compute"):
            continue
        for index, text in enumerate(HOSTILE):
            actor = ACTORS[index % len(ACTORS)]
            exchange = await discord_env.command(path, actor, **others, **{option: text})
            shown = "\n".join(texts_of(answered(exchange)))
            where = f"/{path} {option}={text!r}: {shown}"
            assert "@everyone" not in shown.replace("@\u200beveryone", ""), where
            assert not re.search(r"(?<!\\)\[x\]\(http://evil\)", shown), where


def texts_of(body: dict[str, Any]) -> list[str]:
    out = [body.get("content") or ""]
    for embed in body.get("embeds") or []:
        out += [embed.get("title") or "", embed.get("description") or ""]
        out += [f["value"] for f in embed.get("fields") or []]
    return out


AUTOCOMPLETES = [
    ("define", "term", {}),
    ("search", "query", {}),
    ("history event", "name", {}),
    ("history year", "year", {}),
    ("industry segment", "name", {}),
    ("project info", "name", {}),
    ("compute train", "gpu", {"params": "175B", "tokens": "300B"}),
    ("compute infer", "model", {}),
    ("compute infer", "gpu", {}),
    ("compute memory", "gpu", {"params": "7B"}),
    ("compute optimal", "gpu", {"budget": "1e24"}),
    ("compute model", "name", {}),
    ("compute gpu", "name", {}),
]


async def test_hostile_autocomplete_answers_with_choices(discord_env: OfflineDiscord) -> None:
    """Every autocomplete answers every hostile string with at most 25 valid choices."""
    for path, option, others in AUTOCOMPLETES:
        for index, text in enumerate([*HOSTILE, "x" * 4000]):
            actor = ACTORS[index % len(ACTORS)]
            exchange = await discord_env.autocomplete(
                path, option, actor, **others, **{option: text}
            )
            autocompleted(exchange)


@FAST
@given(text=st.text(max_size=100))
async def test_any_define_term_and_its_autocomplete(discord_env: OfflineDiscord, text: str) -> None:
    """Any unicode up to the Range maximum: autocomplete choices, then a clear /define answer."""
    autocompleted(await discord_env.autocomplete("define", "term", term=text))
    answered(await discord_env.command("define", ZH, term=text))


@FAST
@given(
    params=st.one_of(
        st.text(max_size=100),
        st.from_regex(r"[-+]?[0-9._,]{0,8}(e[-+]?[0-9]{1,4})?[ kMBT亿万]{0,3}", fullmatch=True),
    ),
    tokens=st.sampled_from(["300B", "1.4T", "0", "-1", "1e309", "亿"]),
)
async def test_any_train_numbers(discord_env: OfflineDiscord, params: str, tokens: str) -> None:
    """Any params text with odd token counts: an estimate or a message naming the option."""
    answered(await discord_env.command("compute train", params=params, tokens=tokens))


@FAST
@given(year=st.from_regex(r"[0-9 年代s'\-–~至to]{0,12}", fullmatch=True))
async def test_any_year_text(discord_env: OfflineDiscord, year: str) -> None:
    """Year-ish text: events, "no events" or a message with an example."""
    answered(await discord_env.command("history year", year=year))


# -- choices and ranges Discord may send from an outdated command ---------------------------


OUTDATED = [
    ("compute train", {"params": "7B", "tokens": "1T", "precision": "fp64"}),
    ("compute train", {"params": "7B", "tokens": "1T", "precision": ""}),
    ("compute train", {"params": "7B", "tokens": "1T", "precision": "BF16"}),
    ("compute train", {"params": "7B", "tokens": "1T", "precision": "int4"}),
    ("compute infer", {"params": "7B", "precision": "tf32"}),
    ("compute infer", {"params": "7B", "precision": "fp32"}),
    ("compute memory", {"params": "7B", "precision": "fp64"}),
    ("compute memory", {"params": "7B", "mode": "both"}),
    ("compute memory", {"params": "7B", "mode": ""}),
    ("compute train", {"params": "7B", "tokens": "1T", "gpus": 0}),
    ("compute train", {"params": "7B", "tokens": "1T", "gpus": -5}),
    ("compute train", {"params": "7B", "tokens": "1T", "gpus": 10**15}),
    ("compute train", {"params": "7B", "tokens": "1T", "mfu": 0}),
    ("compute train", {"params": "7B", "tokens": "1T", "mfu": -0.0}),
    ("compute train", {"params": "7B", "tokens": "1T", "mfu": 1e308}),
    ("compute train", {"params": "7B", "tokens": "1T", "mfu": 5e-324}),
    ("compute infer", {"params": "7B", "batch": 0}),
    ("compute infer", {"params": "7B", "batch": 10**9}),
    ("compute memory", {"params": "7B", "seq": "4k", "batch": 0}),
    ("compute memory", {"params": "7B", "batch": -1}),
    ("history timeline", {"wave": 0}),
    ("history timeline", {"wave": 4}),
    ("history timeline", {"wave": -1}),
    ("history timeline", {"start": 1799}),
    ("history timeline", {"start": -5, "end": 99999}),
    ("history timeline", {"start": 2100, "end": 1800}),
    ("history timeline", {"start": 2100, "end": 2100}),
    ("project list", {"category": "bogus"}),
    ("project list", {"category": ""}),
    ("project list", {"category": "COMPUTE"}),
    ("project list", {"category": MENTIONS[:100]}),
]
"""Values a client still showing an older version of a command could send."""


async def test_unexpected_choice_and_range_values(discord_env: OfflineDiscord) -> None:
    """A value outside an option's choices or range gets a clear answer, never the generic one."""
    for path, options in OUTDATED:
        shown = "\n".join(texts_of(answered(await discord_env.command(path, **options))))
        assert "history.wave_short" not in shown, (path, options, shown)
    refused = await discord_env.command("compute memory", params="7B", mode="both")
    assert refused.ephemeral
    assert refused.last["content"] == t(
        "error.invalid_choice", "en", option="mode", got="both", choices="training, inference"
    )


# -- Explain terms ---------------------------------------------------------------------------


def entry_names(discord_env: OfflineDiscord, count: int) -> list[str]:
    knowledge = discord_env.bot.services.knowledge
    views = [v for kind in EntryKind for v in knowledge.visible(kind)]
    return [v.entry.name.en for v in views][:count]


EXPLAIN_HOSTILE = [
    "",
    " ",
    MENTIONS,
    MARKDOWN,
    "transformer " * 400,
    "x" * 4000,
    "变换器" * 1333,
    "🔥" * 2000,
    "\u202e" + "RLHF MoE " * 400,
    "@everyone what is a transformer? <@&1> RLHF ||MoE|| **zkML** [Render](http://evil)",
]


async def test_explain_terms_hostile_messages(discord_env: OfflineDiscord) -> None:
    """Any message, up to 4000 characters: an answer within limits, ephemeral."""
    for content in EXPLAIN_HOSTILE:
        for actor in ACTORS:
            exchange = await discord_env.message_command("Explain terms", content, actor)
            answered(exchange)
            assert exchange.ephemeral


async def test_explain_terms_with_fifty_names(discord_env: OfflineDiscord) -> None:
    """A message naming 50 entries: ten lines with a button each, a menu of up to 25 more, and
    a last line saying how many more there are (never a silent stop at ten)."""
    names = entry_names(discord_env, 50)
    assert len(names) == 50
    exchange = await discord_env.message_command("Explain terms", ", ".join(names))
    body = answered(exchange)
    lines = body["embeds"][0]["description"].split("\n")
    buttons = component(body, 2)
    menus = component(body, 3)
    assert len(buttons) == 10
    assert len(lines) == 11
    assert len(menus) == 1
    assert len(menus[0]["options"]) <= 25
    assert lines[-1].startswith("+")


@FAST
@given(content=st.text(max_size=400))
async def test_explain_terms_any_text(discord_env: OfflineDiscord, content: str) -> None:
    """Arbitrary unicode in the target message: an ephemeral answer, never the generic error."""
    answered(await discord_env.message_command("Explain terms", content, ZH))


# -- buttons and menus -----------------------------------------------------------------------


def component(message: dict[str, Any], kind: int) -> list[dict[str, Any]]:
    return [
        c for row in message.get("components") or [] for c in row["components"] if c["type"] == kind
    ]


async def test_paging_buttons_refuse_another_user(discord_env: OfflineDiscord) -> None:
    """A stranger's paging is refused ephemerally; the list's menu opens its entry for anyone."""
    listed = await discord_env.command("search", query="ai")
    for button in component(listed.last, 2):
        pressed = await discord_env.press(listed.message_id, OTHER, custom_id=button["custom_id"])
        assert answered(pressed)["content"] == t("error.not_yours", "en")
        assert pressed.ephemeral
    option = component(listed.last, 3)[0]["options"][0]["value"]
    chosen = await discord_env.choose(listed.message_id, [option], OTHER)
    assert answered(chosen)["embeds"][0]["footer"]["text"].startswith(option)


async def test_a_failing_entry_button_still_answers(
    discord_env: OfflineDiscord, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A bug behind a persistent button answers with a ref instead of "interaction failed"."""
    entry = await discord_env.command("define", term="transformer")

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("broken store")

    monkeypatch.setattr(discord_env.bot.services.knowledge, "by_id", broken)
    pressed = await discord_env.press(entry.message_id, OTHER, label="More")
    assert pressed.ephemeral
    assert re.search(r"ref [A-Z0-9]{6}", pressed.last["content"])
    assert any("broken store" in str(r.exc_info[1]) for r in caplog.records if r.exc_info)
    caplog.clear()


NOT_OFFERED: list[list[str]] = [
    ["term/made-up-entry"],
    ["term/"],
    ["nokind/transformer"],
    ["transformer"],
    [""],
    ["/" * 100],
    [MENTIONS[:100]],
    ["term/transformer", "term/rlhf"],
    [],
]


async def test_menus_with_values_not_offered(discord_env: OfflineDiscord) -> None:
    """Entry, list and chain menus given a value they did not offer: a clear answer."""
    entry = await discord_env.command("define", term="transformer")
    listed = await discord_env.command("search", query="transformer")
    chain = await discord_env.command("industry chain")
    for values in NOT_OFFERED:
        for source, actor in ((entry, OTHER), (listed, EN), (chain, ZH)):
            answered(await discord_env.choose(source.message_id, values, actor))


async def test_buttons_of_removed_entries(discord_env: OfflineDiscord) -> None:
    """More, Sources and Open buttons whose entry is gone (or never was) say so."""
    entry = await discord_env.command("define", term="transformer")
    suggested = await discord_env.command("define", term="transformator")
    message = discord_env.stand_in.messages[entry.message_id]
    forged = [
        "aix:src:term/made-up",
        "aix:more:term/made-up",
        "aix:src:zzz/transformer",
        "aix:more:gpu/transformer",
        "aix:open:0:term:made-up",
        "aix:open:1:zzz:transformer",
        "aix:open:0:event:-",
    ]
    row = message["components"][0]["components"]
    template = dict(row[0])
    for custom_id in forged:
        row.append({**template, "custom_id": custom_id, "label": custom_id})
        for actor in (EN, OTHER, DM):
            pressed = await discord_env.press(entry.message_id, actor, custom_id=custom_id)
            gone = t("lookup.gone", "zh" if actor is DM else "en")
            assert answered(pressed)["content"] == in_script(gone, script_for(actor.locale))
        row.pop()
    first = component(suggested.last, 2)[0]
    answered(await discord_env.press(suggested.message_id, OTHER, custom_id=first["custom_id"]))


async def test_jump_modal_hostile_page_numbers(discord_env: OfflineDiscord) -> None:
    """The jump-to-page modal takes only a page that exists; anything else gets a hint."""
    listed = await discord_env.command("search", query="ai")
    numbers = ["", " ", "0", "-1", "99", "9999", "²", "1.5", "1e3", "NaN", "\u200b1", "٢", "１"]
    for number in numbers:
        message = discord_env.stand_in.messages[listed.message_id]
        counter = next(b for b in component(message, 2) if b["label"].startswith("Page "))
        pages = int(counter["label"].rsplit(" ", 1)[1])
        opened = await discord_env.press(listed.message_id, custom_id=counter["custom_id"])
        body = answered(await discord_env.submit(opened.modal, {t("page.number", "en"): number}))
        if number in ("٢", "１"):  # other scripts' digits are digits
            assert body["embeds"], number
        else:
            assert body["content"] == t("page.bad_number", "en", pages=pages), number


async def test_option_free_commands_everywhere(discord_env: OfflineDiscord) -> None:
    """Option-free and edge-year commands everywhere; a stranger is refused in their language."""
    years = sorted(
        {e.year for e in discord_env.bot.services.knowledge.events(YearRange(1800, 2100))}
    )
    runs: list[tuple[str, dict[str, Any]]] = [
        ("about", {}),
        ("help", {}),
        ("industry chain", {"private": True}),
        ("project list", {}),
        *[("project list", {"category": c.value}) for c in ProjectCategory],
        ("history timeline", {"start": years[0], "end": years[0]}),
        ("history timeline", {"start": years[-1], "wave": 1}),
        ("history timeline", {"end": years[0] - 1}),
    ]
    for path, options in runs:
        for actor in ACTORS:
            answered(await discord_env.command(path, actor, **options))
    listed = await discord_env.command("search", ZH, query="ai")
    buttons = component(listed.last, 2)
    assert buttons
    for button in buttons:
        refused = await discord_env.press(listed.message_id, OTHER, custom_id=button["custom_id"])
        assert answered(refused)["content"] == t("error.not_yours", "en")


async def test_blank_names_ask_for_a_name(discord_env: OfflineDiscord) -> None:
    """A name with nothing visible in it asks for one instead of "No term named ****"."""
    for term, actor in itertools.product(["", " \t", "\u200b\u200f", "\u0301"], (EN, ZH)):
        exchange = await discord_env.command("define", actor, term=term)
        lang = "zh" if actor is ZH else "en"
        assert answered(exchange)["content"] == t("error.blank_name", lang)
