"""The calculator's arithmetic: pure functions from plain numbers and catalog entries to answers.

Every rule of thumb used here is a published one (Kaplan et al. 2020 for 6·N·D, Hoffmann et al.
2022 for ~20 tokens per parameter, Rajbhandari et al. 2020 for 16 bytes per parameter of
mixed-precision Adam, Korthikanti et al. 2022 for activations), and every answer carries the list
of assumptions it rests on, so a reader can see which one to argue with.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict

from bot.compute.quantities import (
    InvalidQuantity,
    Money,
    Quantity,
    Unit,
    format_money,
    format_number,
)
from bot.knowledge.models import Gpu, Model, Name

SECONDS_PER_DAY = 86_400.0
SECONDS_PER_YEAR = 365.25 * SECONDS_PER_DAY
PF_DAY_FLOPS = 1e15 * SECONDS_PER_DAY
"""One petaflop/s-day, the unit of the GPT-3 paper's table D.1."""
GB = 1e9
CHINCHILLA_TOKENS_PER_PARAM = 20.0
"""Hoffmann et al. 2022: compute-optimal training uses about 20 tokens per parameter."""
ASPECT_RATIO = 128
"""d_model / layers of GPT-3 175B (12288 / 96) and Llama 7B (4096 / 32): used to guess a shape."""
HEAD_DIM = 128
ACTIVATION_BYTES_PER_SBH = 34
"""Korthikanti et al. 2022: 34·s·b·h bytes per layer with 16-bit activations, attention scores
not stored (FlashAttention or selective recomputation)."""
RECOMPUTE_BYTES_PER_SBH = 2
"""Full recomputation keeps only each layer's 16-bit input: 2·s·b·h bytes per layer."""
HOURS_PER_DAY = 24.0


class Precision(StrEnum):
    FP32 = "fp32"
    TF32 = "tf32"
    BF16 = "bf16"
    FP16 = "fp16"
    FP8 = "fp8"
    INT8 = "int8"
    INT4 = "int4"


BYTES_PER_PARAM: dict[Precision, float] = {
    Precision.FP32: 4,
    Precision.TF32: 4,
    Precision.BF16: 2,
    Precision.FP16: 2,
    Precision.FP8: 1,
    Precision.INT8: 1,
    Precision.INT4: 0.5,
}
TRAINING_PRECISIONS = (Precision.BF16, Precision.FP16, Precision.FP8, Precision.TF32)


class View(BaseModel):
    model_config = ConfigDict(frozen=True, defer_build=True)


class Assumption(View):
    """One thing the answer takes as given: `key` names it (an i18n label), `value` states it."""

    key: str
    value: str


class UnsupportedPrecision(InvalidQuantity):
    """The chosen GPU has no published peak (or no support) for the chosen precision."""

    def __init__(self, precision: Precision, gpu: Gpu, example: str) -> None:
        super().__init__(
            "precision",
            option="precision",
            got=precision.value,
            example=example,
            gpu=gpu.name.en,
        )


class TrainingPrecisionOnly(InvalidQuantity):
    def __init__(self, precision: Precision) -> None:
        super().__init__(
            "training_precision", option="precision", got=precision.value, example="bf16"
        )


# -- the rules of thumb ------------------------------------------------------------------------


def training_flops(params: float, tokens: float, *, recompute: bool = False) -> float:
    """6·N·D: 2 FLOPs per parameter per token forward, 4 backward; 8·N·D when the forward pass
    is run again for full activation recomputation."""
    return (8.0 if recompute else 6.0) * params * tokens


def pf_days(flops: float) -> float:
    return flops / PF_DAY_FLOPS


def gpu_hours(flops: float, peak_flops: float, mfu: float) -> float:
    """GPU-hours at `mfu` of the dense peak (FLOP/s)."""
    return flops / (peak_flops * mfu) / 3600.0


def wall_clock_seconds(hours_on_one_gpu: float, gpus: int) -> float:
    """Assumes perfect scaling: the MFU already prices in communication."""
    return hours_on_one_gpu * 3600.0 / gpus


def energy_mwh(tdp_w: float, hours: float, pue: float) -> float:
    """GPU board power x GPU-hours x data-centre PUE; CPUs and network are inside the PUE."""
    return tdp_w * hours * pue / 1e6


def implied_mfu(flops: float, hours: float, peak_flops: float) -> float:
    """The MFU a published GPU-hour figure implies for `flops` of training."""
    return flops / (hours * 3600.0 * peak_flops)


def chinchilla_optimal(budget_flops: float) -> tuple[float, float]:
    """(N, D) with C = 6·N·D and D = 20·N: N = sqrt(C / 120)."""
    params = math.sqrt(budget_flops / (6.0 * CHINCHILLA_TOKENS_PER_PARAM))
    return params, CHINCHILLA_TOKENS_PER_PARAM * params


def kv_cache_bytes(
    layers: int, kv_heads: int, head_dim: int, bytes_per_value: float, tokens: float
) -> float:
    """2 (K and V) · layers · kv_heads · head_dim · bytes · tokens: fewer KV heads (GQA) means
    a proportionally smaller cache, which is what the usual calculators miss."""
    return 2.0 * layers * kv_heads * head_dim * bytes_per_value * tokens


def gpus_to_fit(total_bytes: float, gpu: Gpu) -> int:
    return max(1, math.ceil(total_bytes / (gpu.memory_gb * GB)))


def peak_flops(gpu: Gpu, precision: Precision) -> float:
    """The dense peak in FLOP/s for training in `precision`: no fallback, a run in FP8 on a GPU
    without FP8 units is not a run anyone does."""
    peak = native_peak(gpu, precision)
    if peak is None:
        raise UnsupportedPrecision(precision, gpu, "bf16")
    return peak


def native_peak(gpu: Gpu, precision: Precision) -> float | None:
    """The GPU's own dense peak for `precision` in FLOP/s (or OP/s), None when it has none."""
    table = {
        Precision.BF16: gpu.bf16_tflops,
        Precision.FP16: gpu.fp16_tflops or gpu.bf16_tflops,
        Precision.FP8: gpu.fp8_tflops,
        Precision.INT8: gpu.int8_tops,
        Precision.INT4: gpu.int4_tops,
        Precision.TF32: gpu.tf32_tflops,
        Precision.FP32: gpu.tf32_tflops,
    }
    tflops = table[precision]
    return tflops * 1e12 if tflops is not None else None


def serving_peak(gpu: Gpu, precision: Precision) -> tuple[float, bool]:
    """(peak, native) for weights stored in `precision`: a GPU without units for it
    dequantises the weights and multiplies at its BF16 peak (weight-only quantisation)."""
    native = native_peak(gpu, precision)
    if native is not None:
        return native, True
    return gpu.bf16_tflops * 1e12, False


@dataclass(frozen=True, slots=True)
class Shape:
    layers: int
    d_model: int
    heads: int
    kv_heads: int
    head_dim: int
    inferred: bool
    """True when guessed from the parameter count, not read from a model's paper."""


def infer_shape(params: float) -> Shape:
    """A dense transformer of N ≈ 12·layers·d_model² with d_model = 128·layers, head_dim 128."""
    d_model = max(HEAD_DIM, round((params * ASPECT_RATIO / 12.0) ** (1 / 3) / HEAD_DIM) * HEAD_DIM)
    heads = d_model // HEAD_DIM
    return Shape(
        layers=max(1, d_model // ASPECT_RATIO),
        d_model=d_model,
        heads=heads,
        kv_heads=heads,
        head_dim=HEAD_DIM,
        inferred=True,
    )


def model_shape(model: Model) -> Shape | None:
    """The published shape, or None when the model lacks what the KV formula needs (MLA)."""
    if not (model.layers and model.kv_heads and model.head_dim):
        return None
    heads = model.heads or model.kv_heads
    return Shape(
        layers=model.layers,
        d_model=model.d_model or heads * model.head_dim,
        heads=heads,
        kv_heads=model.kv_heads,
        head_dim=model.head_dim,
        inferred=False,
    )


# -- view models --------------------------------------------------------------------------------


class Reference(View):
    """A reference model as a point: parameters and training compute (published or 6·N·D)."""

    slug: str
    name: Name
    params: float
    active_params: float
    tokens: float | None
    flops: float | None
    flops_published: bool


class Part(View):
    """One share of a GPU's memory: its size on each GPU and the rule that gave it."""

    key: str
    """weights, gradients, master, optimizer, activations or kv_cache (an i18n label)."""
    total: float
    per_gpu: float
    rule: str


class Memory(View):
    mode: Literal["training", "inference"]
    params: float
    precision: Precision
    weights: float
    gradients: float
    master_weights: float
    optimizer: float
    activations: float | None
    kv_cache: float | None
    shape: Shape | None
    gpu_slug: str
    gpu_name: Name
    gpu_memory: float
    gpus_to_fit: int
    """Whole GPUs the unsharded total needs, before any parallelism is chosen."""
    gpus: int
    tp: int
    pp: int
    dp: int
    zero: int
    parts: list[Part]
    missing: Literal["seq", "batch"] | None = None
    """For activations or a KV cache: the one of seq and batch that was not given."""
    recompute_activations: float | None = None
    """Per GPU, with full recomputation (2·s·b·h·L ÷ tp): the usual way out when activations
    do not fit."""
    assumptions: list[Assumption]

    @property
    def total(self) -> float:
        parts = (self.weights, self.gradients, self.master_weights, self.optimizer)
        return sum(parts) + (self.activations or 0.0) + (self.kv_cache or 0.0)

    @property
    def bytes_per_param(self) -> float:
        parts = (self.weights, self.gradients, self.master_weights, self.optimizer)
        return sum(parts) / self.params

    @property
    def per_gpu(self) -> float:
        return sum(part.per_gpu for part in self.parts)

    @property
    def fits(self) -> bool:
        return self.per_gpu <= self.gpu_memory


class TrainEstimate(View):
    params: float
    tokens: float
    multiplier: int
    flops: float
    pf_days: float
    gpu_slug: str
    gpu_name: Name
    gpus: int
    precision: Precision
    peak_flops: float
    mfu: float
    gpu_hours: float
    wall_seconds: float
    price: Money | None
    cost: Money | None
    given: list[str]
    """Which of gpus, days and budget the user gave, in that order."""
    derived: list[str]
    target_days: float | None
    gpus_for_days: int | None
    """GPUs that finish the run in `target_days` (the GPU count when gpus was not given)."""
    budget: Money | None
    budget_gpu_hours: float | None
    """GPU-hours the budget buys at the price."""
    budget_days: float | None
    """Days those GPU-hours last on `gpus` GPUs."""
    pue: float
    tdp_w: float | None
    energy_mwh: float | None
    memory: Memory
    chinchilla_tokens: float
    tokens_per_param: float
    nearest: list[Reference]
    assumptions: list[Assumption]


class InferEstimate(View):
    model_slug: str | None
    model_name: Name | None
    params: float
    active_params: float
    precision: Precision
    gpu_slug: str
    gpu_name: Name
    context: int
    output: int
    batch: int
    flops_per_token: float
    attention_flops_per_token: float | None
    """4·L·context·d_attn at the full context: QKᵀ and AV, None without a published shape."""
    prefill_flops: float
    prefill_seconds: float
    prefill_tokens_per_s: float
    weights: float
    kv_bytes_per_token: float | None
    kv_cache: float | None
    shape: Shape | None
    gpus: int
    decode_bytes_per_step: float
    decode_tokens_per_s: float
    """Per sequence: the memory-bandwidth bound."""
    decode_seconds: float
    peak_flops: float
    native_peak: bool
    """False when the GPU has no units for the precision and multiplies in BF16."""
    price: Money | None
    input_cost: Money | None
    """Per million prompt tokens at the prefill bound."""
    output_cost: Money | None
    """Per million generated tokens at the batch's decode bound."""
    model_context: int | None
    """The model's maximum context, when the asked one exceeds it."""
    assumptions: list[Assumption]

    @property
    def total_memory(self) -> float:
        return self.weights + (self.kv_cache or 0.0)

    @property
    def decode_tokens_per_s_batch(self) -> float:
        return self.decode_tokens_per_s * self.batch


class OptimalEstimate(View):
    budget: float
    budget_unit: Unit
    flops: float
    gpu_slug: str | None
    gpu_name: Name | None
    mfu: float | None
    params: float
    tokens: float
    nearest: list[Reference]
    assumptions: list[Assumption]


class ImpliedMfu(View):
    gpu_slug: str
    gpu_name: Name
    gpu_hours: float
    peak_flops: float
    mfu: float


class Published(View):
    value: float
    unit: str
    gpu_slug: str | None
    source: str


class ModelReport(View):
    slug: str
    name: Name
    organisation: str
    params: float
    active_params: float | None
    tokens: float | None
    hardware: str | None
    published: list[Published]
    estimate_flops: float | None
    published_flops: float | None
    implied: list[ImpliedMfu]
    unmatched_gpu_hours: list[float]
    """GPU-hours counted on a GPU that has no entry here, so no MFU can be implied."""
    assumptions: list[Assumption]

    @property
    def estimate_ratio(self) -> float | None:
        if self.estimate_flops is None or self.published_flops is None:
            return None
        return self.estimate_flops / self.published_flops


# -- composing answers ------------------------------------------------------------------------


def _tflops(flops: float) -> str:
    return f"{flops / 1e12:g} TFLOPS"


def published_flops(model: Model) -> float | None:
    """The lab's FLOPs figure, else its PF-days converted; None when it gave neither."""
    in_flops = [f.value for f in model.published_compute if f.unit == "flops"]
    in_pf_days = [f.value * PF_DAY_FLOPS for f in model.published_compute if f.unit == "pf-days"]
    return next(iter(in_flops + in_pf_days), None)


def reference(model: Model) -> Reference:
    """The model as a chart point: published FLOPs where the lab gave them, else 6·N·D."""
    active = model.active_params or model.params
    flops = published_flops(model)
    published = flops is not None
    if flops is None and model.training_tokens:
        flops = training_flops(active, model.training_tokens)
    return Reference(
        slug=model.slug,
        name=model.name,
        params=model.params,
        active_params=active,
        tokens=model.training_tokens,
        flops=flops,
        flops_published=published,
    )


def nearest(
    references: list[Reference], params: float, flops: float | None = None, limit: int = 3
) -> list[Reference]:
    """Closest on a log scale, in parameters and (where both are known) in compute."""

    def distance(ref: Reference) -> float:
        d = abs(math.log10(ref.params) - math.log10(params))
        if flops is not None and ref.flops is not None:
            d += abs(math.log10(ref.flops) - math.log10(flops))
        elif flops is not None:
            d += 1.0
        return d

    return sorted(references, key=distance)[:limit]


class BadParallelism(InvalidQuantity):
    """gpus must be a multiple of tp × pp: the rest is the data-parallel degree."""

    def __init__(self, gpus: int, tp: int, pp: int) -> None:
        super().__init__(
            "parallel", option="gpus", got=str(gpus), example=str(tp * pp * 8), grid=str(tp * pp)
        )


def _divided(rule: str, divisors: list[tuple[str, int]]) -> tuple[str, int]:
    """`2·N ÷ (tp·dp)` and the product, leaving out the divisors that are 1."""
    used = [(name, n) for name, n in divisors if n > 1]
    product = math.prod(n for _, n in used)
    if not used:
        return rule, 1
    names = "·".join(name for name, _ in used)
    return f"{rule} ÷ {names if len(used) == 1 else f'({names})'} ({product:,})", product


def memory(
    *,
    params: float,
    precision: Precision,
    mode: Literal["training", "inference"],
    gpu: Gpu,
    seq: int | None = None,
    batch: int | None = None,
    shape: Shape | None = None,
    gpus: int | None = None,
    tp: int = 1,
    pp: int = 1,
    zero: int = 0,
) -> Memory:
    """Per GPU, under tensor (tp), pipeline (pp) and data parallelism with ZeRO stage `zero`.

    Training: mixed-precision Adam (16 B/param; Rajbhandari et al. 2020), the model states split
    over tp·pp, and ZeRO 1/2/3 also splitting optimizer state, gradients and weights over the
    data-parallel ranks. Activations follow Korthikanti et al. 2022 with sequence parallelism
    (÷ tp); under 1F1B the first pipeline stage holds L layers' worth whatever pp is.
    Inference: the weights at `precision` and the KV cache, split over tp·pp (a KV head is
    never split: beyond tp = kv_heads the cache is replicated).
    """
    grid = tp * pp
    count = gpus if gpus is not None else grid
    if count % grid:
        raise BadParallelism(count, tp, pp)
    dp = count // grid
    assumptions: list[Assumption] = []
    if mode == "training":
        if precision not in TRAINING_PRECISIONS and precision is not Precision.FP32:
            raise TrainingPrecisionOnly(precision)
        if precision in (Precision.TF32, Precision.FP32):
            weights, gradients, master = 4.0, 4.0, 0.0
        else:
            weights, gradients, master = 2.0, 2.0, 4.0
        optimizer = 8.0
        assumptions.append(
            Assumption(
                key="state",
                value=f"{weights:g} + {gradients:g} + {master:g} + {optimizer:g} = "
                f"{weights + gradients + master + optimizer:g} B/param",
            )
        )
    else:
        weights = BYTES_PER_PARAM[precision]
        gradients = master = optimizer = 0.0
        assumptions.append(Assumption(key="weight_bytes", value=f"{weights:g} B/param"))
        if zero:
            assumptions.append(Assumption(key="zero_inference", value=f"ZeRO-{zero}"))
    activations: float | None = None
    kv: float | None = None
    used_shape: Shape | None = None
    missing: Literal["seq", "batch"] | None = None
    if seq is not None and batch is not None:
        used_shape = shape or infer_shape(params)
        if mode == "training":
            activations = (
                ACTIVATION_BYTES_PER_SBH * seq * batch * used_shape.d_model * used_shape.layers
            )
            assumptions.append(Assumption(key="activations", value="34·s·b·h·L"))
        else:
            kv = kv_cache_bytes(
                used_shape.layers,
                used_shape.kv_heads,
                used_shape.head_dim,
                kv_bytes(precision),
                seq * batch,
            )
            assumptions.append(Assumption(key="kv_bytes", value=f"{kv_bytes(precision):g} B"))
        assumptions.append(_shape_assumption(used_shape))
    else:
        if seq is not None:
            missing = "batch"
        elif batch is not None:
            missing = "seq"
        if mode == "training":
            assumptions.append(Assumption(key="no_activations", value=""))
    parts: list[Part] = []

    def add(key: str, total: float, rule: str, divisors: list[tuple[str, int]]) -> None:
        if total:
            text, product = _divided(rule, divisors)
            parts.append(Part(key=key, total=total, per_gpu=total / product, rule=text))

    model_split = [("tp", tp), ("pp", pp)]
    sharded = [*model_split, ("dp", dp)]
    add("weights", weights * params, f"{weights:g}·N", sharded if zero >= 3 else model_split)
    add("gradients", gradients * params, f"{gradients:g}·N", sharded if zero >= 2 else model_split)
    add("master", master * params, f"{master:g}·N", sharded if zero >= 1 else model_split)
    add("optimizer", optimizer * params, f"{optimizer:g}·N", sharded if zero >= 1 else model_split)
    recompute: float | None = None
    if activations is not None and used_shape is not None and seq is not None and batch:
        add("activations", activations, "34·s·b·h·L", [("tp", tp)])
        recompute = (
            RECOMPUTE_BYTES_PER_SBH * seq * batch * used_shape.d_model * used_shape.layers / tp
        )
    if kv is not None and used_shape is not None:
        heads_split = min(tp, used_shape.kv_heads)
        add("kv_cache", kv, "2·L·kv_heads·head_dim·B·s·b", [("tp", heads_split), ("pp", pp)])
    if mode == "training" and count > 1:
        assumptions.append(Assumption(key="zero", value=f"ZeRO-{zero}, dp = {dp:,}"))
    per_param = weights + gradients + master + optimizer
    total = per_param * params + (activations or 0.0) + (kv or 0.0)
    assumptions.append(Assumption(key="fit", value=f"{gpu.memory_gb:g} GB"))
    return Memory(
        mode=mode,
        params=params,
        precision=precision,
        weights=weights * params,
        gradients=gradients * params,
        master_weights=master * params,
        optimizer=optimizer * params,
        activations=activations,
        kv_cache=kv,
        shape=used_shape,
        gpu_slug=gpu.slug,
        gpu_name=gpu.name,
        gpu_memory=gpu.memory_gb * GB,
        gpus_to_fit=gpus_to_fit(total, gpu),
        gpus=count,
        tp=tp,
        pp=pp,
        dp=dp,
        zero=zero,
        parts=parts,
        missing=missing,
        recompute_activations=recompute,
        assumptions=assumptions,
    )


def _shape_assumption(shape: Shape) -> Assumption:
    text = (
        f"L={shape.layers}, d_model={shape.d_model}, heads={shape.heads}, "
        f"kv_heads={shape.kv_heads}, head_dim={shape.head_dim}"
    )
    return Assumption(key="shape_inferred" if shape.inferred else "shape", value=text)


def kv_bytes(precision: Precision) -> float:
    """KV cache in 8 bits when the model runs in FP8/INT8, else 16 bits (INT4 is weight-only)."""
    return 1.0 if precision in (Precision.FP8, Precision.INT8) else 2.0


class NeedsPrice(InvalidQuantity):
    def __init__(self, budget: Money) -> None:
        super().__init__("needs_price", option="price", got=str(budget), example="$2.49/h")


class CurrencyMismatch(InvalidQuantity):
    """A budget in one currency and a price in another: converting would need a rate we
    do not have, so neither is silently converted."""

    def __init__(self, budget: Money, price: Money) -> None:
        super().__init__(
            "currency",
            option="budget",
            got=str(budget),
            example=format_money(budget.value, price.currency),
            price=str(price),
        )


def train(
    *,
    params: float,
    tokens: float,
    gpu: Gpu,
    gpus: int | None,
    mfu: float,
    precision: Precision,
    recompute: bool,
    price: Money | None,
    pue: float,
    references: list[Reference],
    days: float | None = None,
    budget: Money | None = None,
) -> TrainEstimate:
    """Whichever of gpus, days and budget are given fix the rest: days without gpus give the
    GPU count, gpus give the wall-clock time (and whether it meets the days), a budget gives the
    GPU-hours and days it buys at the price."""
    flops = training_flops(params, tokens, recompute=recompute)
    peak = peak_flops(gpu, precision)
    hours = gpu_hours(flops, peak, mfu)
    given = [name for name, value in (("gpus", gpus), ("days", days), ("budget", budget)) if value]
    derived: list[str] = []
    gpus_for_days = max(1, math.ceil(hours / (days * HOURS_PER_DAY))) if days is not None else None
    if gpus is None:
        gpus = gpus_for_days or 1
        derived.append("gpus")
    if days is None or "gpus" in given:
        derived.append("days")
    budget_hours: float | None = None
    if budget is not None:
        if price is None:
            raise NeedsPrice(budget)
        if budget.currency is not price.currency:
            raise CurrencyMismatch(budget, price)
        budget_hours = budget.value / price.value
        derived.append("budget_hours")
    state = memory(params=params, precision=precision, mode="training", gpu=gpu)
    energy = energy_mwh(gpu.tdp_w, hours, pue) if gpu.tdp_w else None
    assumptions = [
        Assumption(key="flops_rule", value="8·N·D" if recompute else "6·N·D"),
        Assumption(key="peak", value=f"{_tflops(peak)} {precision.value}"),
        Assumption(key="mfu", value=f"{mfu:g}"),
        Assumption(key="scaling", value=""),
        Assumption(key="pue", value=f"{pue:g}"),
        *state.assumptions,
    ]
    if gpu.tdp_w:
        assumptions.append(Assumption(key="tdp", value=f"{gpu.tdp_w:g} W"))
    return TrainEstimate(
        params=params,
        tokens=tokens,
        multiplier=8 if recompute else 6,
        flops=flops,
        pf_days=pf_days(flops),
        gpu_slug=gpu.slug,
        gpu_name=gpu.name,
        gpus=gpus,
        precision=precision,
        peak_flops=peak,
        mfu=mfu,
        gpu_hours=hours,
        wall_seconds=wall_clock_seconds(hours, gpus),
        price=price,
        cost=Money(hours * price.value, price.currency) if price is not None else None,
        given=given,
        derived=derived,
        target_days=days,
        gpus_for_days=gpus_for_days,
        budget=budget,
        budget_gpu_hours=budget_hours,
        budget_days=budget_hours / gpus / HOURS_PER_DAY if budget_hours is not None else None,
        pue=pue,
        tdp_w=gpu.tdp_w,
        energy_mwh=energy,
        memory=state,
        chinchilla_tokens=CHINCHILLA_TOKENS_PER_PARAM * params,
        tokens_per_param=tokens / params,
        nearest=nearest(references, params, training_flops(params, tokens)),
        assumptions=assumptions,
    )


def infer(
    *,
    params: float,
    active_params: float,
    model: Model | None,
    gpu: Gpu,
    precision: Precision,
    context: int,
    output: int,
    batch: int,
    price: Money | None = None,
) -> InferEstimate:
    """FLOPs follow the active parameters, memory the total ones (mixture-of-experts).

    Prefill counts attention as llm-analysis and the EleutherAI cookbook do: 4·L·s·d_attn per
    token at context s (QKᵀ and AV over the full score matrix), which at 128K is more than the
    2·N of the weights for a 70B model.
    """
    peak, native = serving_peak(gpu, precision)
    weight_bytes = BYTES_PER_PARAM[precision]
    weights = weight_bytes * params
    shape = model_shape(model) if model is not None else infer_shape(params)
    per_token = (
        kv_cache_bytes(shape.layers, shape.kv_heads, shape.head_dim, kv_bytes(precision), 1)
        if shape is not None
        else None
    )
    kv = per_token * (context + output) * batch if per_token is not None else None
    gpus = gpus_to_fit(weights + (kv or 0.0), gpu)
    flops_per_token = 2.0 * active_params
    attention = (
        4.0 * shape.layers * context * shape.heads * shape.head_dim if shape is not None else None
    )
    prefill = (flops_per_token + (attention or 0.0)) * context * batch
    prefill_seconds = prefill / (peak * gpus)
    # Each decode step reads the weights the batch touches and every sequence's cache.
    weights_read = min(weights, active_params * weight_bytes * batch)
    step_bytes = weights_read + (kv or 0.0)
    per_sequence = gpu.bandwidth_tb_s * 1e12 * gpus / step_bytes
    prefill_rate = context * batch / prefill_seconds
    assumptions = [
        Assumption(key="flops_per_token", value="2·N_active + 4·L·s·d_attn")
        if attention is not None
        else Assumption(key="flops_no_attention", value="2·N_active"),
        Assumption(key="weight_bytes", value=f"{weight_bytes:g} B/param ({precision.value})"),
        Assumption(
            key="peak" if native else "peak_fallback",
            value=f"{_tflops(peak)} {precision.value if native else 'bf16'}",
        ),
        Assumption(key="bandwidth", value=f"{gpu.bandwidth_tb_s:g} TB/s × {gpus}"),
        Assumption(key="kv_bytes", value=f"{kv_bytes(precision):g} B"),
        Assumption(key="fit", value=f"{gpu.memory_gb:g} GB"),
    ]
    if active_params < params:
        assumptions.append(Assumption(key="moe_read", value="min(N, N_active × batch)"))
    if shape is None:
        assumptions.append(Assumption(key="no_kv_shape", value=model.slug if model else "-"))
    else:
        assumptions.append(_shape_assumption(shape))
    over = model.context if model and model.context and context > model.context else None
    hourly = price.value * gpus if price is not None else None

    def per_million(rate: float) -> Money | None:
        if price is None or hourly is None:
            return None
        return Money(hourly / (rate * 3600.0) * 1e6, price.currency)

    if price is not None:
        assumptions.append(Assumption(key="serving_cost", value=f"{price} × {gpus} GPU-h"))
    return InferEstimate(
        model_slug=model.slug if model else None,
        model_name=model.name if model else None,
        params=params,
        active_params=active_params,
        precision=precision,
        gpu_slug=gpu.slug,
        gpu_name=gpu.name,
        context=context,
        output=output,
        batch=batch,
        flops_per_token=flops_per_token,
        attention_flops_per_token=attention,
        prefill_flops=prefill,
        prefill_seconds=prefill_seconds,
        prefill_tokens_per_s=prefill_rate,
        weights=weights,
        kv_bytes_per_token=per_token,
        kv_cache=kv,
        shape=shape,
        gpus=gpus,
        decode_bytes_per_step=step_bytes,
        decode_tokens_per_s=per_sequence,
        decode_seconds=output / per_sequence,
        peak_flops=peak,
        native_peak=native,
        price=price,
        input_cost=per_million(prefill_rate),
        output_cost=per_million(per_sequence * batch),
        model_context=over,
        assumptions=assumptions,
    )


def budget_flops(
    budget: Quantity, gpu: Gpu | None, mfu: float, precision: Precision = Precision.BF16
) -> float:
    if budget.unit is Unit.PF_DAYS:
        return budget.value * PF_DAY_FLOPS
    if budget.unit is Unit.GPU_HOURS:
        if gpu is None:
            raise InvalidQuantity(
                "needs_gpu",
                option="gpu",
                got=f"{format_number(budget.value)} GPU-hours",
                example="h100-sxm",
            )
        return budget.value * 3600.0 * peak_flops(gpu, precision) * mfu
    return budget.value


def optimal(
    *, budget: Quantity, gpu: Gpu | None, mfu: float, references: list[Reference]
) -> OptimalEstimate:
    flops = budget_flops(budget, gpu, mfu)
    params, tokens = chinchilla_optimal(flops)
    assumptions = [
        Assumption(key="flops_rule", value="C = 6·N·D"),
        Assumption(key="chinchilla", value=f"D = {CHINCHILLA_TOKENS_PER_PARAM:g}·N"),
    ]
    used = gpu if budget.unit is Unit.GPU_HOURS else None
    if used is not None:
        assumptions += [
            Assumption(key="peak", value=f"{_tflops(peak_flops(used, Precision.BF16))} bf16"),
            Assumption(key="mfu", value=f"{mfu:g}"),
        ]
    return OptimalEstimate(
        budget=budget.value,
        budget_unit=budget.unit,
        flops=flops,
        gpu_slug=used.slug if used else None,
        gpu_name=used.name if used else None,
        mfu=mfu if used else None,
        params=params,
        tokens=tokens,
        nearest=nearest(references, params, flops),
        assumptions=assumptions,
    )


def model_report(model: Model, gpus: dict[str, Gpu]) -> ModelReport:
    """What the lab published beside 6·N_active·D, and the MFU its GPU-hours imply (BF16 peak)."""
    active = model.active_params or model.params
    estimate = training_flops(active, model.training_tokens) if model.training_tokens else None
    implied: list[ImpliedMfu] = []
    unmatched: list[float] = []
    for figure in model.published_compute:
        if figure.unit == "gpu-hours":
            gpu = gpus.get(figure.gpu.split("/", 1)[1]) if figure.gpu else None
            if gpu is None or estimate is None:
                unmatched.append(figure.value)
                continue
            peak = peak_flops(gpu, Precision.BF16)
            implied.append(
                ImpliedMfu(
                    gpu_slug=gpu.slug,
                    gpu_name=gpu.name,
                    gpu_hours=figure.value,
                    peak_flops=peak,
                    mfu=implied_mfu(estimate, figure.value, peak),
                )
            )
    assumptions = [Assumption(key="flops_rule", value="6·N·D")]
    if model.active_params:
        assumptions.append(
            Assumption(
                key="moe_flops", value=f"{format_number(active)} / {format_number(model.params)}"
            )
        )
    if implied:
        assumptions.append(Assumption(key="implied_peak", value="bf16"))
    return ModelReport(
        slug=model.slug,
        name=model.name,
        organisation=model.organisation,
        params=model.params,
        active_params=model.active_params,
        tokens=model.training_tokens,
        hardware=model.hardware,
        published=[
            Published(
                value=f.value,
                unit=f.unit,
                gpu_slug=f.gpu.split("/", 1)[1] if f.gpu else None,
                source=str(f.source),
            )
            for f in model.published_compute
        ],
        estimate_flops=estimate,
        published_flops=published_flops(model),
        implied=implied,
        unmatched_gpu_hours=unmatched,
        assumptions=assumptions,
    )
