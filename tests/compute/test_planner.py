"""Issue 13's planner: days and budget, per-GPU memory under parallelism and ZeRO, prefill with
attention, serving cost, precision fallbacks, MoE wording and the GPU choice; the maths directly
and every command through the real tree in en, zh-CN and zh-TW."""

from __future__ import annotations

import math

import pytest

from bot.compute import estimates
from bot.compute.estimates import (
    BadParallelism,
    CurrencyMismatch,
    NeedsPrice,
    Precision,
    Shape,
)
from bot.compute.quantities import Currency, Money
from bot.knowledge.models import Gpu, Model
from offline import Actor, OfflineDiscord

EN = Actor()
ZH = Actor(locale="zh-CN")
TW = Actor(locale="zh-TW")
OTHER = Actor(user_id=4242)

LLAMA3_70B = Shape(layers=80, d_model=8192, heads=64, kv_heads=8, head_dim=128, inferred=False)


def fields(message: dict[str, object]) -> dict[str, str]:
    embeds = message["embeds"]
    assert isinstance(embeds, list)
    return {f["name"]: f["value"] for f in embeds[0]["fields"]}


def _train(gpu: Gpu, **options: object) -> estimates.TrainEstimate:
    base: dict[str, object] = {
        "params": 70e9,
        "tokens": 15e12,
        "gpu": gpu,
        "gpus": None,
        "mfu": 0.4,
        "precision": Precision.BF16,
        "recompute": False,
        "price": Money(2, Currency.USD),
        "pue": 1.2,
        "references": [],
    }
    base.update(options)
    return estimates.train(**base)  # type: ignore[arg-type]


# -- the maths ------------------------------------------------------------------------------


def test_days_give_the_gpu_count(gpus: dict[str, Gpu]) -> None:
    """70B × 15T on H100 at MFU 0.4 in 30 days: ceil(4.42M GPU-hours / 720 h) = 6,141 GPUs."""
    result = _train(gpus["h100-sxm"], days=30)
    hours = 6 * 70e9 * 15e12 / (989.5e12 * 0.4) / 3600
    assert result.gpus == math.ceil(hours / 720) == 6141
    assert result.wall_seconds <= 30 * 86400
    assert result.cost == Money(pytest.approx(hours * 2), Currency.USD)
    assert (result.given, result.derived) == (["days"], ["gpus"])


def test_gpus_and_days_check_the_target(gpus: dict[str, Gpu]) -> None:
    """With both, the time follows the GPUs and the answer keeps the count the days need."""
    result = _train(gpus["h100-sxm"], gpus=1024, days=30)
    assert result.gpus == 1024
    assert result.gpus_for_days == 6141
    assert result.wall_seconds > 30 * 86400
    assert result.given == ["gpus", "days"]


def test_budget_buys_gpu_hours(gpus: dict[str, Gpu]) -> None:
    """¥10M at 2元 per GPU-hour buys 5M GPU-hours, more than the run's 4.42M."""
    result = _train(
        gpus["h100-sxm"],
        gpus=2048,
        budget=Money(1e7, Currency.CNY),
        price=Money(2, Currency.CNY),
    )
    assert result.budget_gpu_hours == 5e6
    assert result.budget_days == pytest.approx(5e6 / 2048 / 24)
    assert result.cost is not None
    assert result.cost.currency is Currency.CNY


def test_budget_needs_a_price_in_its_currency(gpus: dict[str, Gpu]) -> None:
    """No price, or a price in another currency, is refused: no exchange rate is invented."""
    with pytest.raises(NeedsPrice):
        _train(gpus["h100-sxm"], budget=Money(1e6, Currency.USD), price=None)
    with pytest.raises(CurrencyMismatch) as caught:
        _train(gpus["h100-sxm"], budget=Money(1e6, Currency.EUR))
    assert caught.value.params["option"] == "budget"


@pytest.mark.parametrize(
    ("zero", "weights", "gradients", "optimizer"),
    [
        (0, 140e9, 140e9, 840e9),
        (1, 140e9, 140e9, 840e9 / 64),
        (2, 140e9, 140e9 / 64, 840e9 / 64),
        (3, 140e9 / 64, 140e9 / 64, 840e9 / 64),
    ],
)
def test_zero_stages_shard_one_more_state_each(
    gpus: dict[str, Gpu], zero: int, weights: float, gradients: float, optimizer: float
) -> None:
    """ZeRO-1 shards optimizer state (12 B/param incl. FP32 master), 2 gradients, 3 weights."""
    view = estimates.memory(
        params=70e9,
        precision=Precision.BF16,
        mode="training",
        gpu=gpus["h100-sxm"],
        gpus=64,
        zero=zero,
    )
    per_gpu = {part.key: part.per_gpu for part in view.parts}
    assert per_gpu["weights"] == pytest.approx(weights)
    assert per_gpu["gradients"] == pytest.approx(gradients)
    assert per_gpu["master"] + per_gpu["optimizer"] == pytest.approx(optimizer)
    assert view.dp == 64


def test_tensor_and_pipeline_split_states_and_activations(gpus: dict[str, Gpu]) -> None:
    """tp·pp split the model states; tp alone splits activations (1F1B keeps L layers' worth)."""
    view = estimates.memory(
        params=70e9,
        precision=Precision.BF16,
        mode="training",
        gpu=gpus["h100-sxm"],
        seq=4096,
        batch=1,
        shape=LLAMA3_70B,
        gpus=64,
        tp=8,
        pp=4,
        zero=1,
    )
    per_gpu = {part.key: part.per_gpu for part in view.parts}
    assert view.dp == 2
    assert per_gpu["weights"] == pytest.approx(140e9 / 32)
    assert per_gpu["optimizer"] == pytest.approx(560e9 / 64)
    assert per_gpu["activations"] == pytest.approx(34 * 4096 * 8192 * 80 / 8)
    assert view.fits


def test_acceptance_memory_does_not_fit_and_says_why(gpus: dict[str, Gpu]) -> None:
    """Llama 3 70B, 64 GPUs, ZeRO-3, seq 4096, batch 1: 16 B/param ÷ 64 plus 91 GB of
    activations on each GPU, over 80 GB; full recomputation would need 5.4 GB."""
    view = estimates.memory(
        params=70e9,
        precision=Precision.BF16,
        mode="training",
        gpu=gpus["h100-sxm"],
        seq=4096,
        batch=1,
        shape=LLAMA3_70B,
        gpus=64,
        zero=3,
    )
    assert view.per_gpu == pytest.approx(16 * 70e9 / 64 + 34 * 4096 * 8192 * 80)
    assert not view.fits
    assert view.recompute_activations == pytest.approx(2 * 4096 * 8192 * 80)


def test_gpus_must_be_a_multiple_of_tp_times_pp(gpus: dict[str, Gpu]) -> None:
    """10 GPUs cannot hold tp 4 × pp 1 replicas evenly: refused naming `gpus`."""
    with pytest.raises(BadParallelism) as caught:
        estimates.memory(
            params=7e9,
            precision=Precision.BF16,
            mode="training",
            gpu=gpus["h100-sxm"],
            gpus=10,
            tp=4,
        )
    assert caught.value.params["option"] == "gpus"


@pytest.mark.parametrize(("seq", "batch", "missing"), [(4096, None, "batch"), (None, 8, "seq")])
def test_seq_or_batch_alone_is_named(
    gpus: dict[str, Gpu], seq: int | None, batch: int | None, missing: str
) -> None:
    """Activations need both; the one missing is named instead of silently ignoring the other."""
    view = estimates.memory(
        params=7e9,
        precision=Precision.BF16,
        mode="training",
        gpu=gpus["h100-sxm"],
        seq=seq,
        batch=batch,
    )
    assert view.missing == missing
    assert view.activations is None


def test_kv_heads_are_never_split(gpus: dict[str, Gpu]) -> None:
    """Inference at tp 16 with 8 KV heads: the cache splits 8 ways, not 16."""
    view = estimates.memory(
        params=70e9,
        precision=Precision.BF16,
        mode="inference",
        gpu=gpus["h100-sxm"],
        seq=8192,
        batch=1,
        shape=LLAMA3_70B,
        gpus=16,
        tp=16,
    )
    kv = next(part for part in view.parts if part.key == "kv_cache")
    assert kv.per_gpu == pytest.approx(2 * 80 * 8 * 128 * 2 * 8192 / 8)


def test_prefill_attention_matches_the_peers(
    models: dict[str, Model], gpus: dict[str, Gpu]
) -> None:
    """Llama 3 70B at 128K: 2N + 4·L·s·d = 4.8e11 FLOPs per token (llm-analysis, cookbook)."""
    result = estimates.infer(
        params=70e9,
        active_params=70e9,
        model=models["llama-3-70b"],
        gpu=gpus["h100-sxm"],
        precision=Precision.BF16,
        context=131_072,
        output=1,
        batch=1,
    )
    assert result.attention_flops_per_token is not None
    per_token = result.flops_per_token + result.attention_flops_per_token
    assert per_token == pytest.approx(4.84e11, rel=0.01)
    assert result.model_context == 8192


def test_precisions_use_their_peak_or_fall_back(gpus: dict[str, Gpu]) -> None:
    """FP8 on H100 uses its FP8 peak; FP8 and INT4 on an A100 fall back to BF16 and say so."""
    assert estimates.serving_peak(gpus["h100-sxm"], Precision.FP8) == (1979e12, True)
    assert estimates.serving_peak(gpus["a100-80gb"], Precision.FP8) == (312e12, False)
    assert estimates.serving_peak(gpus["h100-sxm"], Precision.INT4) == (989.5e12, False)
    with_int4 = gpus["a100-80gb"].model_copy(update={"int4_tops": 1248.0})
    assert estimates.serving_peak(with_int4, Precision.INT4) == (1248e12, True)


def test_serving_cost_per_million_tokens(models: dict[str, Model], gpus: dict[str, Gpu]) -> None:
    """Cost per 1M tokens = price × GPUs per hour ÷ tokens per hour at each bound."""
    result = estimates.infer(
        params=70e9,
        active_params=70e9,
        model=models["llama-3-70b"],
        gpu=gpus["h100-sxm"],
        precision=Precision.FP8,
        context=2048,
        output=256,
        batch=32,
        price=Money(2.49, Currency.USD),
    )
    assert result.input_cost is not None
    assert result.output_cost is not None
    hourly = 2.49 * result.gpus
    assert result.input_cost.value == pytest.approx(
        hourly / (result.prefill_tokens_per_s * 3600) * 1e6
    )
    assert result.output_cost.value == pytest.approx(
        hourly / (result.decode_tokens_per_s_batch * 3600) * 1e6
    )
    assert result.output_cost.value > result.input_cost.value


# -- through the command tree ------------------------------------------------------------------

ACCEPT_TRAIN = {"params": "70B", "tokens": "15T", "gpu": "h100-sxm", "days": 30.0, "price": "2"}


@pytest.mark.parametrize(
    ("actor", "plan", "gpus"),
    [
        (EN, "Given and derived", "GPUs: **6,141** (derived: the fewest that finish in 30 days)"),
        (ZH, "已给出与推算所得", "GPU 数：**6,141**（推算：30 天内完成所需的最少数量）"),
        (TW, "已給出與推算所得", "GPU 數：**6,141**"),
    ],
    ids=["en", "zh-CN", "zh-TW"],
)
async def test_train_with_days_answers_the_gpu_count(
    discord_env: OfflineDiscord, actor: Actor, plan: str, gpus: str
) -> None:
    """The acceptance question: about 6,100 GPUs for 30 days, the cost, said as derived."""
    exchange = await discord_env.command("compute train", actor, **ACCEPT_TRAIN)
    assert not exchange.ephemeral
    got = fields(exchange.last)
    assert gpus in got[plan]
    text = exchange.text()
    assert "$8.84M" in text
    assert "6,141" in text


async def test_train_budget_in_yuan(discord_env: OfflineDiscord) -> None:
    """A yuan budget and price stay in yuan: GPU-hours bought, share of the run, days."""
    exchange = await discord_env.command(
        "compute train",
        ZH,
        params="七百亿",
        tokens="15T",
        gpus=2048,
        budget="1000万元",
        price="2元/小时",
    )
    got = fields(exchange.last)
    assert "¥10M" in got["已给出与推算所得"]
    assert "5M GPU 小时" in got["已给出与推算所得"]
    assert "¥8.84M" in got["成本"]


async def test_train_budget_in_another_currency_is_refused(discord_env: OfflineDiscord) -> None:
    """€ budget with a $ price: one ephemeral line naming `budget`, in the asker's language."""
    exchange = await discord_env.command(
        "compute train", TW, params="7B", tokens="1T", budget="€1M", price="$2"
    )
    assert exchange.ephemeral
    assert exchange.last["content"].startswith("`預算`")
    assert "匯率" in exchange.last["content"]


ACCEPT_MEMORY = {
    "model": "llama-3-70b",
    "mode": "training",
    "gpus": 64,
    "zero": 3,
    "seq": "4096",
    "batch": 1,
}


ZH_LAYOUT = "张量并行 1 × 流水线并行 1 × 数据并行 64"
TW_LAYOUT = "張量並行 1 × 流水線並行 1 × 資料並行 64"


@pytest.mark.parametrize(
    ("actor", "per_gpu", "verdict", "weights", "layout"),
    [
        (EN, "Per GPU", "Does not fit: **109 GB** per GPU", "Weights", "tp 1 × pp 1 × dp 64"),
        (ZH, "每张 GPU", "放不下：每张 GPU 需 **109 GB**", "权重", ZH_LAYOUT),
        (TW, "每張 GPU", "放不下：每張 GPU 需 **109 GB**", "權重", TW_LAYOUT),
    ],
    ids=["en", "zh-CN", "zh-TW"],
)
async def test_memory_per_gpu_with_a_model(
    discord_env: OfflineDiscord,
    actor: Actor,
    per_gpu: str,
    verdict: str,
    weights: str,
    layout: str,
) -> None:
    """The acceptance question: per-GPU parts with their rules and whether they fit."""
    exchange = await discord_env.command("compute memory", actor, **ACCEPT_MEMORY)
    got = fields(exchange.last)
    assert verdict in got[per_gpu]
    assert layout in got[per_gpu]
    assert "ZeRO-3" in got[per_gpu]
    assert got[weights].startswith("2.19 GB")
    assert "÷ dp (64)" in got[weights]
    assert "L=80, d_model=8192" in exchange.text()


@pytest.mark.parametrize(
    ("actor", "warning"),
    [(EN, "`seq` was given without `batch`"), (ZH, "只填写了 `序列长度`")],
    ids=["en", "zh-CN"],
)
async def test_memory_says_when_batch_is_missing(
    discord_env: OfflineDiscord, actor: Actor, warning: str
) -> None:
    """seq alone: no activations, and the answer says which option is missing."""
    exchange = await discord_env.command("compute memory", actor, params="7B", seq="4096")
    assert warning in exchange.text()


async def test_infer_128k_cost_and_context_warning(discord_env: OfflineDiscord) -> None:
    """128K is 131,072 tokens (said), over Llama 3 70B's 8,192 (warned); price gives $/1M."""
    exchange = await discord_env.command(
        "compute infer", EN, model="llama-3-70b", context="128K", price="$2.49/h"
    )
    got = fields(exchange.last)
    assert "131,072" in got["Assumptions"]
    assert "maximum of 8,192" in got["Warnings"]
    assert "input at least **$" in got["Cost per 1M tokens (at the bounds)"]
    assert "131,072 tokens × batch 1" in got["Prefill (compute bound)"]


@pytest.mark.parametrize(
    ("actor", "fallback"),
    [(EN, "no published int4 peak"), (TW, "沒有公開的 int4 峰值")],
    ids=["en", "zh-TW"],
)
async def test_int4_falls_back_and_says_so(
    discord_env: OfflineDiscord, actor: Actor, fallback: str
) -> None:
    """INT4 on an H100 is multiplied at the BF16 peak, and the answer says it falls back."""
    exchange = await discord_env.command(
        "compute infer", actor, model="llama-3-70b", precision="int4", gpu="h100-sxm"
    )
    text = exchange.text()
    assert fallback in text
    assert "989.5 TFLOPS bf16" in text


@pytest.mark.parametrize(
    ("actor", "moe"),
    [(EN, "FLOPs from 37B active of 671B total"), (ZH, "算力按 671B 总参数中激活的 37B 计")],
    ids=["en", "zh-CN"],
)
async def test_moe_rule_is_said(discord_env: OfflineDiscord, actor: Actor, moe: str) -> None:
    """DeepSeek-V3: the active-parameter rule is stated, and its H800 hours imply an MFU."""
    inference = await discord_env.command("compute infer", actor, model="deepseek-v3")
    assert moe in inference.text()
    assert ("attention over the context not counted" in inference.text()) is (actor is EN)
    report = await discord_env.command("compute model", actor, name="deepseek-v3")
    text = report.text()
    assert moe in text
    assert "MFU 33.1%" in text
    assert "null" not in text


@pytest.mark.parametrize(
    ("actor", "label"),
    [
        (EN, "NVIDIA A100 80GB (SXM)"),
        (ZH, "英伟达 A100 80GB（SXM）"),
        (TW, "輝達 A100 80GB（SXM）"),
    ],
    ids=["en", "zh-CN", "zh-TW"],
)
async def test_ambiguous_gpu_opens_a_choice(
    discord_env: OfflineDiscord, actor: Actor, label: str
) -> None:
    """`a100` asks which card (ephemeral buttons); pressing one answers on that card."""
    exchange = await discord_env.command("compute memory", actor, params="7B", gpu="a100")
    assert exchange.ephemeral
    buttons = [c["label"] for row in exchange.last["components"] for c in row["components"]]
    assert label in buttons
    assert len(buttons) == 2
    pressed = await discord_env.press(exchange.message_id, actor, label=label)
    assert not pressed.ephemeral
    assert label in pressed.text()


async def test_only_the_asker_picks_the_gpu(discord_env: OfflineDiscord) -> None:
    """Someone else pressing the choice is told it is not theirs; nothing is answered."""
    exchange = await discord_env.command("compute train", EN, params="7B", tokens="1T", gpu="A100")
    pressed = await discord_env.press(exchange.message_id, OTHER, label="NVIDIA A100 40GB (SXM)")
    assert pressed.ephemeral
    assert "embeds" not in pressed.last or not pressed.last["embeds"]


async def test_an_exact_gpu_name_is_not_ambiguous(discord_env: OfflineDiscord) -> None:
    """`A100 80GB` and slugs open one card directly."""
    exchange = await discord_env.command("compute infer", EN, params="7B", gpu="A100 80GB")
    assert not exchange.ephemeral
    assert "NVIDIA A100 80GB (SXM)" in exchange.text()
