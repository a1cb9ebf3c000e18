"""Every lookup command through the real discord.py stack, in English and Chinese."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.db.models import Entry
from bot.knowledge.store import content_hash, entry_data
from offline import DEFAULT_GUILD_ID, Actor, OfflineDiscord

ZH = Actor(locale="zh-CN")
DM = Actor(guild_id=None)
OTHER = Actor(user_id=1_400_000_000_000_000_999)
PNG = b"\x89PNG\r\n\x1a\n"
CALLBACK_DEFER = 5


def buttons(message: dict) -> list[dict]:
    return [c for row in message.get("components", []) for c in row["components"] if c["type"] == 2]


def select(message: dict) -> dict:
    return next(c for row in message["components"] for c in row["components"] if c["type"] == 3)


def embed(message: dict) -> dict:
    return message["embeds"][0]


# -- /define and the entry message ---------------------------------------------------------


async def test_define_shows_the_term_publicly(discord_env: OfflineDiscord) -> None:
    """/define transformer: title, summary, formula, its one source, id footer, More and
    Related (no Sources button: the one source is on the screen)."""
    exchange = await discord_env.command("define", term="transformer")
    shown = embed(exchange.last)
    assert not exchange.ephemeral
    assert shown["title"] == "Transformer"
    assert "self-attention" in shown["description"]
    fields = {f["name"]: f["value"] for f in shown["fields"]}
    assert "softmax" in fields["Formula"]
    assert "](https://arxiv.org/abs/1706.03762)" in fields["Source"]
    assert shown["footer"]["text"] == "term/transformer"
    assert [b["label"] for b in buttons(exchange.last)] == ["More"]
    assert "term/attention" in [o["value"] for o in select(exchange.last)["options"]]


async def test_define_in_chinese(discord_env: OfflineDiscord) -> None:
    """A zh-CN user reads the Chinese name, text and labels."""
    exchange = await discord_env.command("define", ZH, term="transformer")
    shown = embed(exchange.last)
    assert shown["title"] == "Transformer（变换器）"
    assert "自注意力" in shown["description"]
    assert "公式" in [f["name"] for f in shown["fields"]]
    assert [b["label"] for b in buttons(exchange.last)] == ["展开全文"]
    assert select(exchange.last)["placeholder"] == "相关条目……"


@pytest.mark.parametrize(
    "typed", ["tranformer", "变换器", "Transformer（变换器）", "term/transformer"]
)
async def test_define_finds_misspelled_and_chinese_names(
    discord_env: OfflineDiscord, typed: str
) -> None:
    """A typo, the Chinese name or the id all open the Transformer entry directly."""
    exchange = await discord_env.command("define", term=typed)
    assert embed(exchange.last)["footer"]["text"] == "term/transformer"


async def test_define_private_is_ephemeral(discord_env: OfflineDiscord) -> None:
    """private=true answers only the asker."""
    exchange = await discord_env.command("define", term="rlhf", private=True)
    assert exchange.ephemeral
    assert embed(exchange.last)["footer"]["text"] == "term/rlhf"


async def test_define_in_a_dm(discord_env: OfflineDiscord) -> None:
    """Lookups work in direct messages, reading the shipped entries."""
    exchange = await discord_env.command("define", DM, term="moe")
    assert embed(exchange.last)["footer"]["text"] == "term/moe"


@pytest.mark.parametrize(
    ("actor", "expected"),
    [(Actor(), "No term named **transformator**."), (ZH, "没有名为 **transformator** 的术语。")],
)
async def test_unknown_term_offers_did_you_mean_buttons(
    discord_env: OfflineDiscord, actor: Actor, expected: str
) -> None:
    """An unknown name: ephemeral "No term named X" and up to five buttons that open entries."""
    exchange = await discord_env.command("define", actor, term="transformator")
    assert exchange.ephemeral
    assert exchange.last["content"].startswith(expected)
    offered = buttons(exchange.last)
    assert 1 <= len(offered) <= 5
    assert offered[0]["custom_id"] == "aix:open:0:term:transformer"
    opened = await discord_env.press(exchange.message_id, actor, label=offered[0]["label"])
    assert embed(opened.last)["footer"]["text"] == "term/transformer"
    assert not opened.ephemeral


async def test_did_you_mean_respects_private(discord_env: OfflineDiscord) -> None:
    """With private=true the suggestion buttons open the entry ephemerally too."""
    exchange = await discord_env.command("define", term="transformator", private=True)
    offered = buttons(exchange.last)
    assert offered[0]["custom_id"] == "aix:open:1:term:transformer"
    opened = await discord_env.press(exchange.message_id, label=offered[0]["label"])
    assert opened.ephemeral


async def test_nonsense_name_has_no_suggestions(discord_env: OfflineDiscord) -> None:
    """A name that resembles nothing gets the message and no buttons."""
    exchange = await discord_env.command("define", term="qwxzv")
    assert exchange.ephemeral
    assert exchange.last["content"] == "No term named **qwxzv**."
    assert buttons(exchange.last) == []


async def test_sources_button_lists_links_for_anyone(discord_env: OfflineDiscord) -> None:
    """Sources opens every source as a link, ephemerally, for whoever presses it."""
    exchange = await discord_env.command("define", term="rlhf")
    pressed = await discord_env.press(exchange.message_id, OTHER, label="Sources")
    assert pressed.ephemeral
    shown = embed(pressed.last)
    view = discord_env.bot.services.knowledge.by_id("term/rlhf")
    assert view is not None
    assert shown["title"] == f"Sources: {view.entry.name.en}"
    assert len(view.entry.sources) == 3
    for source in view.entry.sources:
        assert f"]({source.url})" in shown["description"]


async def test_related_menu_opens_the_chosen_entry(discord_env: OfflineDiscord) -> None:
    """Choosing a related entry opens it with its own actions."""
    exchange = await discord_env.command("define", ZH, term="transformer")
    opened = await discord_env.choose(exchange.message_id, ["term/attention"], ZH)
    assert embed(opened.last)["footer"]["text"] == "term/attention"
    assert not opened.ephemeral


async def test_guild_edit_is_shown_with_editor_and_more_button(
    discord_env: OfflineDiscord,
) -> None:
    """A guild's edited entry is what that guild reads, editor shown; its long body is on More,
    in pages, every sentence of it."""
    knowledge = discord_env.bot.services.knowledge
    view = knowledge.by_id("term/transformer")
    assert view is not None
    shipped = view.entry
    sentence = "Each layer mixes information across tokens with attention. "
    long_body = {"en": sentence * 48, "zh": shipped.body.zh}
    edited = shipped.model_copy(update={"body": shipped.body.model_copy(update=long_body)})
    data = entry_data(edited)
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
    exchange = await discord_env.command("define", term="transformer")
    shown = embed(exchange.last)
    assert "edited by user 777 on 2026-01-02" in shown["footer"]["text"]
    assert "Each layer" not in shown["description"]
    assert [b["label"] for b in buttons(exchange.last)] == ["More"]
    more = await discord_env.press(exchange.message_id, label="More")
    assert more.ephemeral
    first_page = embed(more.last)["description"].count("Each layer")
    assert 0 < first_page < 48
    second = await discord_env.press(more.message_id, label="›")
    assert first_page + embed(second.last)["description"].count("Each layer") == 48
    elsewhere = await discord_env.command(
        "define", Actor(guild_id=DEFAULT_GUILD_ID + 1), term="transformer"
    )
    assert "edited" not in embed(elsewhere.last)["footer"]["text"]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("tranformer", "term/transformer"),
        ("RLHF", "term/rlhf"),
        ("MoE", "term/moe"),
        ("变换器", "term/transformer"),
    ],
)
async def test_term_autocomplete_is_typo_tolerant(
    discord_env: OfflineDiscord, typed: str, expected: str
) -> None:
    """Autocomplete ranks the intended term first, from typos, abbreviations or Chinese."""
    exchange = await discord_env.autocomplete("define", "term", term=typed)
    assert exchange.choices[0]["value"] == expected
    assert len(exchange.choices) <= 25


async def test_empty_autocomplete_shows_useful_entries(discord_env: OfflineDiscord) -> None:
    """An empty box lists up to 25 terms, named in the user's language."""
    english = await discord_env.autocomplete("define", "term", term="")
    chinese = await discord_env.autocomplete("define", "term", ZH, term="")
    assert 1 <= len(english.choices) <= 25
    assert [c["value"] for c in english.choices] == [c["value"] for c in chinese.choices]
    assert english.choices != chinese.choices


# -- /history ------------------------------------------------------------------------------


async def test_history_event_from_a_typo(discord_env: OfflineDiscord) -> None:
    """/history event alphfold opens the AlphaFold event with date and wave."""
    exchange = await discord_env.command("history event", name="alphfold")
    shown = embed(exchange.last)
    assert shown["footer"]["text"] == "event/alphafold"
    fields = {f["name"]: f["value"] for f in shown["fields"]}
    assert fields["Date"].endswith("2018")
    assert fields["Wave"].startswith("3rd wave")


async def test_history_event_autocomplete_in_chinese(discord_env: OfflineDiscord) -> None:
    """Event autocomplete answers a Chinese query with Chinese names."""
    exchange = await discord_env.autocomplete("history event", "name", ZH, name="alphfold")
    assert exchange.choices[0]["value"] == "event/alphafold"
    assert "夺冠" in exchange.choices[0]["name"]


@pytest.mark.parametrize(("actor", "title"), [(Actor(), "AI history, 2017"), (ZH, "AI 历史：2017")])
async def test_history_year_lists_the_events_in_order(
    discord_env: OfflineDiscord, actor: Actor, title: str
) -> None:
    """/history year 2017: the transformer paper first, in the user's language."""
    exchange = await discord_env.command("history year", actor, year="2017")
    shown = embed(exchange.last)
    assert shown["title"] == title
    assert shown["description"].index("Transformer") < shown["description"].index("AlphaGo Zero")
    assert select(exchange.last)["options"][0]["value"] == "event/transformer-paper"


async def test_history_year_range_pages_only_for_the_invoker(
    discord_env: OfflineDiscord,
) -> None:
    """A range with many events pages; another user pressing next is refused."""
    exchange = await discord_env.command("history year", year="1950-2024")
    assert "Page 1 of" in [b["label"] for b in buttons(exchange.last)][2]
    refused = await discord_env.press(exchange.message_id, OTHER, label="›")
    assert refused.ephemeral
    assert "belong to whoever ran the command" in refused.last["content"]
    paged = await discord_env.press(exchange.message_id, label="›")
    assert "Page 2 of" in [b["label"] for b in buttons(paged.last)][2]
    first_page = {o["value"] for o in select(exchange.last)["options"]}
    assert first_page.isdisjoint(o["value"] for o in select(paged.last)["options"])


@pytest.mark.parametrize(
    ("actor", "expected"),
    [
        (Actor(), "`year`: could not read **20x7**"),
        (ZH, "`年份`：无法把 **20x7** 识别为年份或年份区间"),
    ],
)
async def test_history_year_refuses_bad_input(
    discord_env: OfflineDiscord, actor: Actor, expected: str
) -> None:
    """A year that cannot be read is explained with an example, ephemerally."""
    exchange = await discord_env.command("history year", actor, year="20x7")
    assert exchange.ephemeral
    assert exchange.last["content"].startswith(expected)
    assert "2010-2015" in exchange.last["content"]


async def test_history_year_without_events_says_so(discord_env: OfflineDiscord) -> None:
    """A year with no events gets a clear ephemeral line, not an empty list."""
    exchange = await discord_env.command("history year", DM, year="1801")
    assert exchange.ephemeral
    assert exchange.last["content"] == "No events in the knowledge base for 1801."


async def test_history_year_autocomplete_offers_years(discord_env: OfflineDiscord) -> None:
    """Typing 201 offers years of that decade that have events."""
    exchange = await discord_env.autocomplete("history year", "year", year="201")
    values = [c["value"] for c in exchange.choices]
    assert "2017" in values
    assert "2010-2019" in values
    assert all(v.startswith("201") for v in values)


@pytest.mark.parametrize("actor", [Actor(), ZH], ids=["en", "zh-CN"])
async def test_history_timeline_draws_a_chart(discord_env: OfflineDiscord, actor: Actor) -> None:
    """The timeline is deferred, then arrives with a PNG and the list of its events."""
    exchange = await discord_env.command("history timeline", actor, start=2010, end=2020, wave=3)
    assert exchange.requests[0].callback_type == CALLBACK_DEFER
    (name, data), *_ = exchange.files
    assert name == "timeline.png"
    assert data.startswith(PNG)
    shown = embed(exchange.last)
    assert shown["image"]["url"] == "attachment://timeline.png"
    assert "2020" in shown["title"]


async def test_history_timeline_private_and_bad_range(discord_env: OfflineDiscord) -> None:
    """private keeps the chart ephemeral; an end before the start is refused naming `end`."""
    private = await discord_env.command("history timeline", start=1950, end=1980, private=True)
    assert private.ephemeral
    assert private.files
    refused = await discord_env.command("history timeline", start=2020, end=2010)
    assert refused.ephemeral
    assert refused.last["content"].startswith("`end`")


# -- /industry -----------------------------------------------------------------------------


@pytest.mark.parametrize(("actor", "typed"), [(Actor(), "ai hardwre"), (ZH, "AI 芯片")])
async def test_industry_segment(discord_env: OfflineDiscord, actor: Actor, typed: str) -> None:
    """A segment's More shows its role and its neighbours by name, not by id."""
    exchange = await discord_env.command("industry segment", actor, name=typed)
    shown = embed(exchange.last)
    assert shown["footer"]["text"] == "segment/ai-hardware"
    more = await discord_env.press(
        exchange.message_id, actor, custom_id="aix:more:segment/ai-hardware"
    )
    fields = {f["name"]: f["value"] for f in embed(more.last)["fields"]}
    assert fields["Role in the chain" if actor.locale == "en-US" else "在产业链中的角色"]
    downstream = fields["Downstream" if actor.locale == "en-US" else "下游"]
    assert "segment/" not in downstream


@pytest.mark.parametrize("actor", [Actor(), ZH, DM], ids=["en", "zh-CN", "dm"])
async def test_industry_chain_at_a_glance(discord_env: OfflineDiscord, actor: Actor) -> None:
    """Both chains upstream first, a PNG diagram, and a menu that opens a segment."""
    exchange = await discord_env.command("industry chain", actor)
    assert exchange.files[0][0] == "chain.png"
    assert exchange.files[0][1].startswith(PNG)
    shown = embed(exchange.last)
    assert len(shown["fields"]) == 2
    assert shown["fields"][0]["value"].startswith("1. ")
    options = select(exchange.last)["options"]
    assert "segment/ai-hardware" in [o["value"] for o in options]
    opened = await discord_env.choose(exchange.message_id, ["segment/crypto-agents"], actor)
    assert embed(opened.last)["footer"]["text"] == "segment/crypto-agents"


# -- /project ------------------------------------------------------------------------------


@pytest.mark.parametrize(("actor", "typed"), [(Actor(), "FET"), (ZH, "fetch")])
async def test_project_info_by_ticker(
    discord_env: OfflineDiscord, actor: Actor, typed: str
) -> None:
    """/project info FET opens Fetch.ai with its token and category."""
    exchange = await discord_env.command("project info", actor, name=typed)
    shown = embed(exchange.last)
    assert shown["footer"]["text"] == "project/fetch-ai"
    fields = {f["name"]: f["value"] for f in shown["fields"]}
    assert "FET" in fields["Token · chain" if actor.locale == "en-US" else "代币 · 链"]


async def test_project_autocomplete_aliases(discord_env: OfflineDiscord) -> None:
    """Project autocomplete finds a project by its ticker."""
    exchange = await discord_env.autocomplete("project info", "name", name="FET")
    assert exchange.choices[0]["value"] == "project/fetch-ai"


@pytest.mark.parametrize("actor", [Actor(), ZH], ids=["en", "zh-CN"])
async def test_project_list_by_category(discord_env: OfflineDiscord, actor: Actor) -> None:
    """/project list compute lists only compute projects, with a menu to open them."""
    exchange = await discord_env.command("project list", actor, category="compute")
    shown = embed(exchange.last)
    assert ("Compute" if actor.locale == "en-US" else "算力") in shown["title"]
    assert "project/render" in [o["value"] for o in select(exchange.last)["options"]] or (
        "Page 1 of" in str(buttons(exchange.last)) or "第 1 /" in str(buttons(exchange.last))
    )
    assert "Agents" not in shown["description"]


async def test_project_list_all_pages_for_the_invoker_only(discord_env: OfflineDiscord) -> None:
    """Every project, paged; another user cannot page."""
    exchange = await discord_env.command("project list", private=True)
    assert exchange.ephemeral
    refused = await discord_env.press(exchange.message_id, OTHER, label="≫")
    assert refused.ephemeral
    assert "belong" in refused.last["content"]


# -- /search -------------------------------------------------------------------------------


@pytest.mark.parametrize("actor", [Actor(), ZH], ids=["en", "zh-CN"])
async def test_search_by_content_shows_kinds(discord_env: OfflineDiscord, actor: Actor) -> None:
    """A word from entries' text finds them across kinds, each with its kind shown."""
    exchange = await discord_env.command("search", actor, query="attention")
    shown = embed(exchange.last)
    kind = "term" if actor.locale == "en-US" else "术语"
    assert f"· {kind} ·" in shown["description"]
    assert select(exchange.last)["options"][0]["value"] == "term/attention"


async def test_search_in_chinese_finds_nvidia(discord_env: OfflineDiscord) -> None:
    """Searching 英伟达 (NVIDIA) finds NVIDIA's GPUs by their Chinese aliases."""
    exchange = await discord_env.command("search", ZH, query="英伟达")
    values = [o["value"] for o in select(exchange.last)["options"]]
    assert any(v.startswith("gpu/") for v in values)


async def test_search_result_opens_from_the_menu(discord_env: OfflineDiscord) -> None:
    """Choosing a hit opens it; private=true keeps it ephemeral."""
    exchange = await discord_env.command("search", query="tranformer", private=True)
    assert exchange.ephemeral
    opened = await discord_env.choose(exchange.message_id, ["term/transformer"])
    assert opened.ephemeral
    assert embed(opened.last)["footer"]["text"] == "term/transformer"


@pytest.mark.parametrize(
    ("actor", "shown"),
    [(Actor(), "experts 128 (8 active)"), (ZH, "专家数 128 (8 激活)")],
    ids=["en", "zh-CN"],
)
async def test_moe_model_card_shows_its_experts(
    discord_env: OfflineDiscord, actor: Actor, shown: str
) -> None:
    """A mixture-of-experts card's More says how many routed experts a token uses; a dense one
    does not."""
    exchange = await discord_env.command("search", actor, query="Qwen3-30B-A3B")
    opened = await discord_env.choose(exchange.message_id, ["model/qwen3-30b-a3b"], actor)
    more = await discord_env.press(
        opened.message_id, actor, custom_id="aix:more:model/qwen3-30b-a3b"
    )
    fields = {f["name"]: f["value"] for f in embed(more.last)["fields"]}
    assert any(shown in value for value in fields.values())
    dense = await discord_env.choose(exchange.message_id, ["model/qwen3-32b"], actor)
    dense_more = await discord_env.press(
        dense.message_id, actor, custom_id="aix:more:model/qwen3-32b"
    )
    assert embed(dense_more.last)["fields"]
    assert not any("128 (" in f["value"] for f in embed(dense_more.last)["fields"])


@pytest.mark.parametrize(
    ("query", "expected"),
    [("   ", "Type a word or a name"), ("qwxzvqq", "Nothing in the knowledge base matches")],
)
async def test_search_with_nothing_to_find(
    discord_env: OfflineDiscord, query: str, expected: str
) -> None:
    """Blank or unmatched queries get a clear ephemeral line."""
    exchange = await discord_env.command("search", DM, query=query)
    assert exchange.ephemeral
    assert exchange.last["content"].startswith(expected)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(query=st.text(min_size=1, max_size=120))
async def test_any_search_query_gets_an_answer(discord_env: OfflineDiscord, query: str) -> None:
    """Any unicode query gets results or a clear message, never the generic error."""
    exchange = await discord_env.command("search", query=query)
    body = exchange.last
    assert body.get("embeds") or body.get("content")
    assert "Something went wrong" not in (body.get("content") or "")


# -- Explain terms ---------------------------------------------------------------------------


@pytest.mark.parametrize("actor", [Actor(), ZH], ids=["en", "zh-CN"])
async def test_explain_terms_in_a_message(discord_env: OfflineDiscord, actor: Actor) -> None:
    """The menu finds named entries and answers ephemerally with a button per entry, the
    one named twice first."""
    exchange = await discord_env.message_command(
        "Explain terms", "We fine-tuned a MoE transformer with RLHF, 然后用变换器", actor
    )
    assert exchange.ephemeral
    ids = [b["custom_id"] for b in buttons(exchange.last)]
    assert ids[0] == "aix:open:1:term:transformer"
    assert {"aix:open:1:term:moe", "aix:open:1:term:rlhf"} <= set(ids)
    title = "Terms in this message" if actor.locale == "en-US" else "这条消息中的术语"
    assert embed(exchange.last)["title"] == title
    opened = await discord_env.press(exchange.message_id, actor, custom_id=ids[0])
    assert opened.ephemeral
    assert embed(opened.last)["footer"]["text"] == "term/transformer"


async def test_explain_terms_with_nothing_known(discord_env: OfflineDiscord) -> None:
    """A message naming no entry says so."""
    exchange = await discord_env.message_command("Explain terms", "lunch at noon?", DM)
    assert exchange.ephemeral
    assert exchange.last["content"].startswith("I found no entry named")
