"""/compute through the real command tree: every subcommand in English and Chinese, errors,
autocomplete, charts and direct messages."""

from __future__ import annotations

from typing import Any

import pytest

from offline import CALLBACK_DEFER, Actor, OfflineDiscord

EN = Actor()
ZH = Actor(locale="zh-CN")
DM = Actor(guild_id=None)
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def fields(message: dict[str, Any]) -> dict[str, str]:
    return {f["name"]: f["value"] for f in message["embeds"][0]["fields"]}


async def test_train_gpt3_on_a100_in_english(discord_env: OfflineDiscord) -> None:
    """The issue's example prints FLOPs, PF-days, GPU-hours, memory, Chinchilla and references."""
    exchange = await discord_env.command(
        "compute train", EN, params="175B", tokens="300B", gpu="a100-80gb", mfu=1.0
    )
    assert not exchange.ephemeral
    embed = exchange.last["embeds"][0]
    assert "C = 6·N·D = 6 × 175B × 300B = **3.15e23 FLOPs**" in embed["description"]
    got = fields(exchange.last)
    assert "3.65k PF-days" in got["Training compute"]
    assert "**32 years** on 1 × NVIDIA A100 80GB (SXM)" in got["Wall-clock time"]
    assert "**2.8 TB** (16 B/param" in got["Training memory"]
    assert "**35**" in got["Training memory"]
    assert "**3.5T tokens**" in got["Chinchilla-optimal tokens"]
    assert got["Nearest reference models"].startswith("**GPT-3 (175B)**")
    assert "MFU (share of peak achieved): 1" in got["Assumptions"]
    assert "Dense peak per GPU: 312 TFLOPS bf16" in got["Assumptions"]


async def test_train_in_chinese_with_price_and_recompute(discord_env: OfflineDiscord) -> None:
    """zh-CN readers get Chinese labels; price gives a cost and recompute makes it 8·N·D."""
    exchange = await discord_env.command(
        "compute train",
        ZH,
        params="1750亿",
        tokens="300B tokens",
        gpus=1024,
        price="$2.49",
        recompute=True,
    )
    embed = exchange.last["embeds"][0]
    assert embed["title"].startswith("训练估算")
    assert "8·N·D" in embed["description"]
    got = fields(exchange.last)
    assert "按每 GPU 小时 $2.49 计" in got["成本"]
    assert "MWh" in got["能耗"]
    assert "1,024 张 英伟达 H100 SXM" in got["实际耗时"]
    assert "MFU（实际达到的峰值比例）: 0.4" in got["假设"]


@pytest.mark.parametrize(
    ("actor", "title", "labels"),
    [
        (EN, "Inference estimate: Llama 2 70B", ("GPUs to fit", "Decode (memory-bandwidth bound)")),
        (ZH, "推理估算：Llama 2 70B（700 亿参数）", ("所需 GPU 数", "解码（显存带宽上限）")),
    ],
    ids=["en", "zh-CN"],
)
async def test_infer_fills_architecture_from_model(
    discord_env: OfflineDiscord, actor: Actor, title: str, labels: tuple[str, ...]
) -> None:
    """A model fills parameters and GQA shape; the answer has prefill and decode bounds."""
    exchange = await discord_env.command(
        "compute infer", actor, model="llama-2-70b", context="4096", batch=1, output="1"
    )
    embed = exchange.last["embeds"][0]
    assert embed["title"] == title
    got = fields(exchange.last)
    for label in labels:
        assert label in got
    memory = next(v for k, v in got.items() if "KV" in v and "**" in v)
    assert "**1.34 GB**" in memory  # 2 · 80 · 8 · 128 · 2 B · 4096 tokens


async def test_infer_moe_shows_active_and_total(discord_env: OfflineDiscord) -> None:
    """Mixtral: FLOPs per token from 12.9B active, memory from 46.7B total."""
    exchange = await discord_env.command("compute infer", EN, model="mixtral-8x7b")
    embed = exchange.last["embeds"][0]
    assert "2 × 12.9B = **25.8B FLOPs**" in embed["description"]
    got = fields(exchange.last)
    assert got["Parameters"] == (
        "46.7B total, 12.9B active per token\nFLOPs from 12.9B active of 46.7B total"
    )
    assert "weights **93.4 GB**" in got["Memory"]


@pytest.mark.parametrize("actor", [EN, ZH], ids=["en", "zh-CN"])
async def test_memory_training_and_inference(discord_env: OfflineDiscord, actor: Actor) -> None:
    """Training state is 16 B/param; int4 inference weights are 0.5 B/param."""
    training = await discord_env.command(
        "compute memory", actor, params="7B", mode="training", gpu="a100-80gb"
    )
    inference = await discord_env.command(
        "compute memory", actor, params="70B", mode="inference", precision="int4"
    )
    training_text, inference_text = training.text(), inference.text()
    assert "112 GB" in training_text
    assert "2 + 2 + 4 + 8 = 16 B/param" in training_text
    if actor is ZH:
        assert "35 GB（每参数 0.5 字节）" in inference_text
    else:
        assert "35 GB (0.5 B/param)" in inference_text
    if actor is ZH:
        assert training.last["embeds"][0]["title"] == "显存：7B 参数，bf16 训练"
    else:
        assert training.last["embeds"][0]["title"] == "Memory: 7B parameters, training in bf16"


async def test_memory_with_seq_and_batch_adds_activations(discord_env: OfflineDiscord) -> None:
    """Sequence and batch add an activations line and the guessed shape as an assumption."""
    exchange = await discord_env.command("compute memory", EN, params="7B", seq="4096", batch=8)
    got = fields(exchange.last)
    assert "Activations" in got
    assert "Architecture guessed from N" in got["Assumptions"]


@pytest.mark.parametrize(
    ("actor", "params_label", "tokens_label", "tokens"),
    [
        (EN, "Parameters (N)", "Training tokens (D)", "tokens"),
        (ZH, "参数量 (N)", "训练词元数 (D)", "词元"),
    ],
    ids=["en", "zh-CN"],
)
async def test_optimal_at_chinchilla_budget(
    discord_env: OfflineDiscord, actor: Actor, params_label: str, tokens_label: str, tokens: str
) -> None:
    """At Chinchilla's 5.76e23 FLOPs the optimum is about 70B parameters and 1.4T tokens."""
    exchange = await discord_env.command("compute optimal", actor, budget="5.76e23 FLOPs")
    got = fields(exchange.last)
    assert got[params_label] == "**69.3B**"
    assert got[tokens_label] == f"**1.39T {tokens}**"
    nearest = next(v for v in got.values() if "Chinchilla" in v)
    assert f"70B × 1.4T {tokens}" in nearest


async def test_optimal_in_gpu_hours(discord_env: OfflineDiscord) -> None:
    """A GPU-hour budget is converted with the GPU's peak and the default MFU, and says so."""
    exchange = await discord_env.command(
        "compute optimal", EN, budget="1M GPU-hours", gpu="h100-sxm"
    )
    got = fields(exchange.last)
    assert got["Budget"].startswith("1M GPU-hours = 1.42e24 FLOPs")
    assert "MFU 0.4" in got["Budget"]


@pytest.mark.parametrize("actor", [EN, ZH], ids=["en", "zh-CN"])
async def test_model_llama2_implied_mfu(discord_env: OfflineDiscord, actor: Actor) -> None:
    """/compute model shows the published 1,720,320 GPU-hours and the implied MFU (43.5%)."""
    exchange = await discord_env.command("compute model", actor, name="Llama 2 70B")
    text = exchange.text()
    assert ("1,720,320 GPU 小时" if actor is ZH else "1,720,320 GPU-hours") in text
    assert "MFU 43.5%" in text
    assert "8.4e23 FLOPs" in text
    if actor is ZH:
        assert "推算的 MFU" in text


async def test_model_gpt3_compares_with_the_paper(discord_env: OfflineDiscord) -> None:
    """GPT-3's report links the paper and puts 6·N·D at 1.003× the published FLOPs."""
    exchange = await discord_env.command("compute model", EN, name="gpt-3-175b")
    got = fields(exchange.last)
    assert "[3,640 PF-days](https://arxiv.org/abs/2005.14165)" in got["What the lab published"]
    assert "1.003× the published 3.14e23 FLOPs" in got["6·N·D estimate"]


@pytest.mark.parametrize(
    ("actor", "title", "label"),
    [(EN, "NVIDIA H100 SXM", "Datasheet"), (ZH, "英伟达 H100 SXM", "数据手册")],
    ids=["en", "zh-CN"],
)
async def test_gpu_datasheet(
    discord_env: OfflineDiscord, actor: Actor, title: str, label: str
) -> None:
    """/compute gpu shows the dense peaks and links the datasheet."""
    exchange = await discord_env.command("compute gpu", actor, name="H100 SXM")
    embed = exchange.last["embeds"][0]
    assert embed["title"] == title
    got = fields(exchange.last)
    assert "https://www.nvidia.com/en-us/data-center/h100/" in got[label]
    assert any("BF16: 989.5 TFLOPS" in value for value in got.values())


@pytest.mark.parametrize(
    ("path", "options", "option", "fragment"),
    [
        ("compute train", {"params": "5 days", "tokens": "300B"}, "params", "days"),
        ("compute train", {"params": "175B", "tokens": "5 days"}, "tokens", "`300B`"),
        ("compute train", {"params": "-7B", "tokens": "1T"}, "params", "greater than zero"),
        ("compute train", {"params": "1e17", "tokens": "1T"}, "params", "1e16"),
        ("compute train", {"params": "NaN", "tokens": "1T"}, "params", "not a finite"),
        ("compute train", {"params": "7B", "tokens": "1T", "price": "free"}, "price", "$2.49"),
        ("compute train", {"params": "7B", "tokens": "1T", "mfu": 1.5}, "mfu", "0.4"),
        (
            "compute train",
            {"params": "7B", "tokens": "1T", "gpu": "a100-80gb", "precision": "fp8"},
            "precision",
            "NVIDIA A100 80GB",
        ),
        ("compute infer", {}, "params", "`model`"),
        ("compute infer", {"params": "7B", "context": "1 week"}, "context", "week"),
        (
            "compute memory",
            {"params": "7B", "precision": "int4", "mode": "training"},
            "precision",
            "inference format",
        ),
        ("compute optimal", {"budget": "300B tokens"}, "budget", "`3.14e23 FLOPs`"),
    ],
)
async def test_bad_input_is_an_ephemeral_message_naming_the_option(
    discord_env: OfflineDiscord, path: str, options: dict[str, Any], option: str, fragment: str
) -> None:
    """Unreadable, wrong-unit, non-positive and absurd values get an ephemeral explanation."""
    exchange = await discord_env.command(path, EN, **options)
    assert exchange.ephemeral
    content = exchange.last["content"]
    assert content.startswith(f"`{option}`")
    assert fragment in content


async def test_bad_input_in_chinese(discord_env: OfflineDiscord) -> None:
    """The refusal is in Chinese for zh-CN users and still names the option (by the name their
    client shows) and an example."""
    exchange = await discord_env.command("compute train", ZH, params="5 天", tokens="1T")
    assert exchange.ephemeral
    assert (
        exchange.last["content"]
        == "`参数量`：**5 天** 的单位是 天，此选项不接受该单位。示例：`175B`"
    )


async def test_unknown_gpu_offers_suggestions(discord_env: OfflineDiscord) -> None:
    """A GPU name that matches nothing is an ephemeral "not found" with did-you-mean buttons."""
    exchange = await discord_env.command(
        "compute train", EN, params="7B", tokens="1T", gpu="H1OO PCI"
    )
    assert exchange.ephemeral
    assert "H1OO PCI" in exchange.last["content"]


@pytest.mark.parametrize(
    ("path", "option", "typed", "expected"),
    [
        ("compute train", "gpu", "h100", "h100-sxm"),
        ("compute infer", "gpu", "", "h100-sxm"),
        ("compute memory", "gpu", "a100", "a100-80gb"),
        ("compute optimal", "gpu", "MI300", "mi300x"),
        ("compute gpu", "name", "tpu", "tpu-v5p"),
        ("compute infer", "model", "llama", "llama-2-70b"),
        ("compute model", "name", "", "gpt-3-175b"),
        ("compute model", "name", "gpt 3", "gpt-3-13b"),
    ],
)
async def test_autocomplete(
    discord_env: OfflineDiscord, path: str, option: str, typed: str, expected: str
) -> None:
    """GPU and model options suggest at most 25 catalog slugs, matching what was typed."""
    exchange = await discord_env.autocomplete(path, option, EN, **{option: typed})
    choices = exchange.choices
    assert 1 <= len(choices) <= 25
    assert expected in [c["value"] for c in choices]


async def test_autocomplete_names_are_chinese_for_zh_users(discord_env: OfflineDiscord) -> None:
    """zh-CN users see the Chinese GPU names; the values stay slugs."""
    exchange = await discord_env.autocomplete("compute gpu", "name", ZH, name="英伟达 H100")
    assert any(
        c["name"] == "英伟达 H100 SXM" and c["value"] == "h100-sxm" for c in exchange.choices
    )


@pytest.mark.parametrize(
    ("path", "options"),
    [
        ("compute train", {"params": "175B", "tokens": "300B", "chart": True}),
        ("compute optimal", {"budget": "3.14e23", "chart": True}),
    ],
)
async def test_chart_is_attached_after_a_deferral(
    discord_env: OfflineDiscord, path: str, options: dict[str, Any]
) -> None:
    """chart=True defers first, then sends the embed with the PNG attached and shown."""
    exchange = await discord_env.command(path, EN, **options)
    assert exchange.requests[0].callback_type == CALLBACK_DEFER
    ((name, data),) = exchange.files
    assert name == "compute.png"
    assert data.startswith(PNG_MAGIC)
    assert exchange.last["embeds"][0]["image"]["url"] == "attachment://compute.png"


async def test_no_chart_unless_asked(discord_env: OfflineDiscord) -> None:
    """Without chart the answer is immediate and carries no file."""
    exchange = await discord_env.command("compute train", EN, params="7B", tokens="2T")
    assert exchange.files == []
    assert exchange.requests[0].callback_type != CALLBACK_DEFER


@pytest.mark.parametrize(
    ("path", "options"),
    [
        ("compute train", {"params": "7B", "tokens": "2T", "chart": True}),
        ("compute infer", {"model": "mistral-7b"}),
        ("compute memory", {"params": "7B"}),
        ("compute optimal", {"budget": "1e24"}),
        ("compute model", {"name": "chinchilla-70b"}),
        ("compute gpu", {"name": "b200"}),
    ],
)
async def test_every_subcommand_works_in_a_dm(
    discord_env: OfflineDiscord, path: str, options: dict[str, Any]
) -> None:
    """Each subcommand answers in a direct message, publicly, with an embed."""
    exchange = await discord_env.command(path, DM, **options)
    assert not exchange.ephemeral
    assert exchange.last["embeds"]


async def test_commands_are_localized(discord_env: OfflineDiscord) -> None:
    """The group, its subcommands and their options carry zh-CN names and descriptions."""
    payload = await discord_env.bot.tree_payload(None)
    group = next(c for c in payload if c["name"] == "compute")
    assert group["name_localizations"]["zh-CN"] == "算力"
    assert group["description_localizations"]["zh-CN"]
    subcommands = {o["name"]: o for o in group["options"]}
    assert set(subcommands) == {"train", "infer", "memory", "optimal", "model", "gpu"}
    for sub in subcommands.values():
        assert sub["name_localizations"]["zh-CN"]
        assert sub["description_localizations"]["zh-CN"]
        for option in sub["options"]:
            assert option["name_localizations"]["zh-CN"], option["name"]
            assert option["description_localizations"]["zh-CN"], option["name"]
    mode = next(o for o in subcommands["memory"]["options"] if o["name"] == "mode")
    assert [c["name_localizations"]["zh-CN"] for c in mode["choices"]] == ["训练", "推理"]
    train = {o["name"] for o in subcommands["train"]["options"]}
    assert train == {
        "params",
        "tokens",
        "gpu",
        "gpus",
        "days",
        "budget",
        "mfu",
        "price",
        "precision",
        "recompute",
        "chart",
    }


@pytest.mark.parametrize("name", ["A100", "a100", "H100", "英伟达 A100"])
async def test_a_family_name_asks_which_card(discord_env: OfflineDiscord, name: str) -> None:
    """A100 is a 40 GB and an 80 GB card, H100 an SXM and a PCIe one: a choice, not a pick."""
    exchange = await discord_env.command("compute gpu", EN, name=name)
    assert exchange.ephemeral
    assert "names more than one entry" in exchange.last["content"]
    buttons = [c["label"] for row in exchange.last["components"] for c in row["components"]]
    assert len(buttons) == 2


@pytest.mark.parametrize(
    ("actor", "name", "expected", "term"),
    [
        (
            EN,
            "MI355X",
            "No GPU named **MI355X**; that name belongs to an entry of another kind (term)",
            "- AMD Instinct MI350 Series · term",
        ),
        (
            ZH,
            "MI355X",
            "没有名为 **MI355X** 的GPU，但有同名的术语",
            "- AMD Instinct MI350 系列 · 术语",
        ),
        (
            EN,
            "Ascend 910B",
            "No GPU named **Ascend 910B**; that name belongs to an entry of another kind (term)",
            "- Huawei Ascend AI processors · term",
        ),
        (
            ZH,
            "昇腾910C",
            "没有名为 **昇腾910C** 的GPU，但有同名的术语",
            "- 华为昇腾 AI 处理器 · 术语",
        ),
    ],
)
async def test_a_chip_without_a_datasheet_points_to_its_term(
    discord_env: OfflineDiscord, actor: Actor, name: str, expected: str, term: str
) -> None:
    """A chip the catalog cannot carry honestly (no primary datasheet) is not answered with a
    neighbour's card (MI355X is not an MI325X): the reply says so and offers the term first."""
    exchange = await discord_env.command("compute gpu", actor, name=name)
    assert exchange.ephemeral
    assert not exchange.last.get("embeds")
    lines = exchange.last["content"].splitlines()
    assert lines[0].startswith(expected)
    assert lines[1] == term


async def test_a_plan_on_a_chip_without_a_datasheet_is_refused(
    discord_env: OfflineDiscord,
) -> None:
    """/compute train on MI355X must not silently run on another GPU's peak."""
    exchange = await discord_env.command(
        "compute train", EN, params="7B", tokens="1T", gpu="MI355X"
    )
    assert exchange.ephemeral
    assert not exchange.last.get("embeds")
    assert "MI355X" in exchange.last["content"]
