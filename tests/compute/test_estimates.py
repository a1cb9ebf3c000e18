"""The calculator against what labs published.

Sources of the published figures checked here:
- GPT-3: Brown et al. 2020, "Language Models are Few-Shot Learners", arXiv:2005.14165, table D.1
  (training compute in PF-days and FLOPs for each size, all trained on 300B tokens).
- Chinchilla: Hoffmann et al. 2022, "Training Compute-Optimal Large Language Models",
  arXiv:2203.15556 (70B parameters, 1.4T tokens; 5.76e23 FLOPs in table 3).
- Llama 2: Touvron et al. 2023, "Llama 2: Open Foundation and Fine-Tuned Chat Models",
  arXiv:2307.09288, table 2 (70B: 1,720,320 A100-80GB GPU-hours, 2T tokens).
- A100: NVIDIA A100 datasheet (312 TFLOPS dense BF16; 624 is the with-sparsity figure).
- Mixed-precision Adam memory: Rajbhandari et al. 2020, "ZeRO", arXiv:1910.02054, section 3.1
  (2 + 2 + 12 = 16 bytes per parameter).
- KV cache: 2 · layers · kv_heads · head_dim · bytes per token (Llama 2 70B uses GQA with 8 KV
  heads: arXiv:2307.09288 section 2.2).
"""

from __future__ import annotations

import pytest

from bot.compute import estimates
from bot.compute.estimates import (
    PF_DAY_FLOPS,
    SECONDS_PER_YEAR,
    Precision,
    TrainingPrecisionOnly,
    UnsupportedPrecision,
)
from bot.compute.quantities import Currency, InvalidQuantity, Money, Quantity, Unit
from bot.knowledge.models import Gpu, Model

GPT3_TABLE_D1 = {
    # slug: (params, published FLOPs, published PF-days)
    "gpt-3-small": (125e6, 2.25e20, 2.60),
    "gpt-3-medium": (350e6, 6.41e20, 7.42),
    "gpt-3-large": (760e6, 1.37e21, 15.8),
    "gpt-3-xl": (1.3e9, 2.38e21, 27.5),
    "gpt-3-2-7b": (2.7e9, 4.77e21, 55.2),
    "gpt-3-6-7b": (6.7e9, 1.20e22, 139),
    "gpt-3-13b": (13e9, 2.31e22, 268),
}


def test_gpt3_175b_within_two_percent() -> None:
    """6·N·D for GPT-3 175B on 300B tokens is within 2% of 3.14e23 FLOPs and 3,640 PF-days."""
    flops = estimates.training_flops(175e9, 300e9)
    assert flops == pytest.approx(3.14e23, rel=0.02)
    assert estimates.pf_days(flops) == pytest.approx(3640, rel=0.02)


@pytest.mark.parametrize("slug", sorted(GPT3_TABLE_D1))
def test_gpt3_smaller_sizes_within_ten_percent(slug: str, models: dict[str, Model]) -> None:
    """Each smaller size in table D.1 is within 10% in FLOPs and PF-days."""
    params, published_flops, published_pf_days = GPT3_TABLE_D1[slug]
    model = models[slug]
    assert model.params == params
    flops = estimates.training_flops(model.params, 300e9)
    assert flops == pytest.approx(published_flops, rel=0.10)
    assert estimates.pf_days(flops) == pytest.approx(published_pf_days, rel=0.10)


def test_the_catalog_reports_gpt3_against_its_published_figure(
    models: dict[str, Model], gpus: dict[str, Gpu]
) -> None:
    """/compute model's report for GPT-3 puts 6·N·D within 2% of the paper."""
    report = estimates.model_report(models["gpt-3-175b"], gpus)
    assert report.published_flops == 3.14e23
    assert report.estimate_ratio == pytest.approx(1.0, abs=0.02)


def test_chinchilla_compute_and_optimum() -> None:
    """70B x 1.4T is about 5.9e23 FLOPs; the optimum at that budget is about 70B and 1.4T."""
    flops = estimates.training_flops(70e9, 1.4e12)
    assert flops == pytest.approx(5.9e23, rel=0.01)
    params, tokens = estimates.chinchilla_optimal(flops)
    assert params == pytest.approx(70e9, rel=0.01)
    assert tokens == pytest.approx(1.4e12, rel=0.01)


def test_optimal_at_chinchillas_published_budget(gpus: dict[str, Gpu]) -> None:
    """At the published 5.76e23 FLOPs the optimum is within 2% of 70B and 1.4T."""
    result = estimates.optimal(
        budget=Quantity(5.76e23, Unit.FLOPS), gpu=gpus["h100-sxm"], mfu=0.4, references=[]
    )
    assert result.params == pytest.approx(70e9, rel=0.02)
    assert result.tokens == pytest.approx(1.4e12, rel=0.02)
    assert result.gpu_slug is None


def test_optimal_from_gpu_hours_uses_peak_and_mfu(gpus: dict[str, Gpu]) -> None:
    """A GPU-hour budget becomes FLOPs at the GPU's dense BF16 peak times the MFU."""
    result = estimates.optimal(
        budget=Quantity(1e6, Unit.GPU_HOURS), gpu=gpus["h100-sxm"], mfu=0.4, references=[]
    )
    assert result.flops == pytest.approx(1e6 * 3600 * 989.5e12 * 0.4)
    assert result.gpu_slug == "h100-sxm"


def test_llama2_70b_implied_mfu_is_plausible(
    models: dict[str, Model], gpus: dict[str, Gpu]
) -> None:
    """1,720,320 A100-80GB GPU-hours for 70B x 2T tokens implies an MFU between 0.3 and 0.6."""
    report = estimates.model_report(models["llama-2-70b"], gpus)
    (implied,) = report.implied
    assert implied.gpu_hours == 1_720_320
    assert implied.gpu_slug == "a100-80gb"
    assert 0.3 <= implied.mfu <= 0.6
    assert implied.mfu == pytest.approx(6 * 70e9 * 2e12 / (1_720_320 * 3600 * 312e12))


def test_gpu_hours_on_a_gpu_not_in_the_catalog_imply_nothing(
    models: dict[str, Model], gpus: dict[str, Gpu]
) -> None:
    """Without its H800 entry, DeepSeek-V3's hours are listed as unmatched, no MFU invented."""
    without = {slug: gpu for slug, gpu in gpus.items() if slug != "h800-sxm"}
    report = estimates.model_report(models["deepseek-v3"], without)
    assert report.implied == []
    assert report.unmatched_gpu_hours == [2.788e6]
    assert report.estimate_flops == pytest.approx(6 * 37e9 * 14.8e12)


def test_deepseek_v3_implied_mfu_on_h800(models: dict[str, Model], gpus: dict[str, Gpu]) -> None:
    """2.788M H800 GPU-hours for 6 × 37B × 14.8T imply about 33% of the 989 TFLOPS BF16 peak."""
    report = estimates.model_report(models["deepseek-v3"], gpus)
    (implied,) = report.implied
    assert implied.gpu_slug == "h800-sxm"
    assert implied.mfu == pytest.approx(6 * 37e9 * 14.8e12 / (2.788e6 * 3600 * 989e12))
    assert 0.30 < implied.mfu < 0.36
    assert report.unmatched_gpu_hours == []


def test_gpt3_on_one_a100_takes_about_32_years(gpus: dict[str, Gpu]) -> None:
    """At 312 TFLOPS dense and 100% utilisation GPT-3 takes ~32 years on one A100, not 584 days."""
    result = estimates.train(
        params=175e9,
        tokens=300e9,
        gpu=gpus["a100-80gb"],
        gpus=1,
        mfu=1.0,
        precision=Precision.BF16,
        recompute=False,
        price=None,
        pue=1.2,
        references=[],
    )
    assert result.peak_flops == 312e12
    assert result.wall_seconds / SECONDS_PER_YEAR == pytest.approx(32, rel=0.02)
    assert result.wall_seconds / 86400 > 584 * 10


def test_train_composes_hours_time_cost_and_energy(gpus: dict[str, Gpu]) -> None:
    """GPU-hours, wall clock on many GPUs, cost and MWh follow from one another."""
    gpu = gpus["h100-sxm"]
    result = estimates.train(
        params=7e9,
        tokens=2e12,
        gpu=gpu,
        gpus=1024,
        mfu=0.4,
        precision=Precision.BF16,
        recompute=True,
        price=Money(2.49, Currency.USD),
        pue=1.2,
        references=[],
    )
    assert result.flops == 8 * 7e9 * 2e12
    hours = result.flops / (989.5e12 * 0.4) / 3600
    assert result.gpu_hours == pytest.approx(hours)
    assert result.wall_seconds == pytest.approx(hours * 3600 / 1024)
    assert result.cost is not None
    assert result.cost.value == pytest.approx(hours * 2.49)
    assert result.cost.currency is Currency.USD
    assert result.energy_mwh == pytest.approx(700 * hours * 1.2 / 1e6)
    assert result.pf_days == pytest.approx(result.flops / PF_DAY_FLOPS)
    assert {a.key for a in result.assumptions} >= {"mfu", "peak", "pue", "flops_rule", "tdp"}


def test_fp8_and_tf32_use_their_own_peaks(gpus: dict[str, Gpu]) -> None:
    """FP8 uses the FP8 dense peak; a GPU without FP8 refuses rather than guessing."""
    assert estimates.peak_flops(gpus["h100-sxm"], Precision.FP8) == 1979e12
    assert estimates.peak_flops(gpus["a100-80gb"], Precision.TF32) == 156e12
    with pytest.raises(UnsupportedPrecision):
        estimates.peak_flops(gpus["a100-80gb"], Precision.FP8)


def test_training_state_is_16_bytes_per_parameter(gpus: dict[str, Gpu]) -> None:
    """Mixed-precision Adam: bf16 weights 2 + grads 2 + fp32 master 4 + two moments 8."""
    result = estimates.memory(
        params=7e9, precision=Precision.BF16, mode="training", gpu=gpus["a100-80gb"]
    )
    assert (result.weights, result.gradients, result.master_weights, result.optimizer) == (
        14e9,
        14e9,
        28e9,
        56e9,
    )
    assert result.bytes_per_param == 16
    assert result.activations is None
    assert result.gpus_to_fit == 2


def test_training_memory_adds_activations_with_seq_and_batch(gpus: dict[str, Gpu]) -> None:
    """With seq and batch the activations (34·s·b·h·L) are added on top of the 16 B/param."""
    shape = estimates.Shape(
        layers=32, d_model=4096, heads=32, kv_heads=32, head_dim=128, inferred=False
    )
    result = estimates.memory(
        params=7e9,
        precision=Precision.BF16,
        mode="training",
        gpu=gpus["h100-sxm"],
        seq=4096,
        batch=1,
        shape=shape,
    )
    assert result.activations == 34 * 4096 * 1 * 4096 * 32
    assert result.total == pytest.approx(16 * 7e9 + 34 * 4096 * 4096 * 32)


def test_training_refuses_int4(gpus: dict[str, Gpu]) -> None:
    """INT4 is an inference format; training memory in it is refused, naming `precision`."""
    with pytest.raises(TrainingPrecisionOnly) as caught:
        estimates.memory(
            params=7e9, precision=Precision.INT4, mode="training", gpu=gpus["h100-sxm"]
        )
    assert caught.value.params["option"] == "precision"


@pytest.mark.parametrize(
    ("precision", "per_param"),
    [(Precision.BF16, 2), (Precision.FP8, 1), (Precision.INT8, 1), (Precision.INT4, 0.5)],
)
def test_inference_weights_by_precision(
    precision: Precision, per_param: float, gpus: dict[str, Gpu]
) -> None:
    """Inference weights: 2 bytes in bf16, 1 in fp8 and int8, 0.5 in int4."""
    result = estimates.memory(
        params=70e9, precision=precision, mode="inference", gpu=gpus["h100-sxm"]
    )
    assert result.weights == per_param * 70e9
    assert result.total == per_param * 70e9


def test_kv_cache_formula() -> None:
    """KV cache = 2 · layers · kv_heads · head_dim · bytes · tokens."""
    assert estimates.kv_cache_bytes(80, 8, 128, 2, 4096) == 2 * 80 * 8 * 128 * 2 * 4096


def test_infer_uses_gqa_kv_heads(models: dict[str, Model], gpus: dict[str, Gpu]) -> None:
    """Llama 2 70B's cache is counted with its 8 KV heads, an eighth of a 64-head MHA cache."""
    result = estimates.infer(
        params=70e9,
        active_params=70e9,
        model=models["llama-2-70b"],
        gpu=gpus["h100-sxm"],
        precision=Precision.BF16,
        context=4096,
        output=0,
        batch=1,
    )
    assert result.kv_bytes_per_token == 2 * 80 * 8 * 128 * 2
    assert result.kv_cache == 2 * 80 * 8 * 128 * 2 * 4096
    mha = estimates.kv_cache_bytes(80, 64, 128, 2, 4096)
    assert result.kv_cache == mha / 8
    assert result.weights == 140e9
    assert result.gpus == 2


def test_infer_moe_flops_use_active_memory_uses_total(
    models: dict[str, Model], gpus: dict[str, Gpu]
) -> None:
    """Mixtral: 2·12.9B FLOPs per token, but 46.7B parameters' worth of weights in memory."""
    mixtral = models["mixtral-8x7b"]
    assert mixtral.active_params is not None
    result = estimates.infer(
        params=mixtral.params,
        active_params=mixtral.active_params,
        model=mixtral,
        gpu=gpus["h100-sxm"],
        precision=Precision.BF16,
        context=1000,
        output=100,
        batch=1,
    )
    assert result.flops_per_token == 2 * 12.9e9
    assert result.weights == 2 * 46.7e9
    # 2·N_active per token plus attention over the 1,000-token prompt: 4·L·s·heads·head_dim.
    assert result.prefill_flops == pytest.approx((2 * 12.9e9 + 4 * 32 * 1000 * 32 * 128) * 1000)
    # Batch 1 reads only the active experts' weights each decode step.
    assert result.decode_bytes_per_step == pytest.approx(2 * 12.9e9 + (result.kv_cache or 0))


def test_decode_is_bandwidth_bound_and_prefill_compute_bound(
    models: dict[str, Model], gpus: dict[str, Gpu]
) -> None:
    """Decode ≤ bandwidth / bytes per step; prefill ≥ FLOPs / peak."""
    gpu = gpus["h100-sxm"]
    result = estimates.infer(
        params=7e9,
        active_params=7e9,
        model=models["llama-2-7b"],
        gpu=gpu,
        precision=Precision.BF16,
        context=2048,
        output=256,
        batch=1,
    )
    step = 14e9 + 2 * 32 * 32 * 128 * 2 * (2048 + 256)
    assert result.decode_bytes_per_step == pytest.approx(step)
    assert result.decode_tokens_per_s == pytest.approx(3.35e12 / step)
    per_token = 2 * 7e9 + 4 * 32 * 2048 * 32 * 128
    assert result.prefill_seconds == pytest.approx(per_token * 2048 / 989.5e12)


def test_model_without_kv_shape_is_not_guessed(
    models: dict[str, Model], gpus: dict[str, Gpu]
) -> None:
    """DeepSeek-V3 (MLA, no kv_heads in the catalog) gets no KV estimate rather than a wrong one."""
    model = models["deepseek-v3"]
    result = estimates.infer(
        params=model.params,
        active_params=37e9,
        model=model,
        gpu=gpus["h200"],
        precision=Precision.FP8,
        context=4096,
        output=512,
        batch=1,
    )
    assert result.kv_cache is None
    assert "no_kv_shape" in {a.key for a in result.assumptions}


def test_nearest_reference_is_the_model_itself(models: dict[str, Model]) -> None:
    """GPT-3's own numbers put GPT-3 175B first among the nearest references."""
    references = [estimates.reference(m) for m in models.values()]
    nearest = estimates.nearest(references, 175e9, 3.15e23)
    assert nearest[0].slug == "gpt-3-175b"


def test_gpu_hour_budget_without_a_gpu_is_refused() -> None:
    """GPU-hours cannot become FLOPs without a GPU; the refusal names the `gpu` option."""
    with pytest.raises(InvalidQuantity) as caught:
        estimates.budget_flops(Quantity(1e6, Unit.GPU_HOURS), None, 0.4)
    assert caught.value.params["option"] == "gpu"


def test_pf_day_budget_converts_to_flops() -> None:
    """3,640 PF-days is 3.14e23 FLOPs, the GPT-3 paper's two figures for one run."""
    flops = estimates.budget_flops(Quantity(3640, Unit.PF_DAYS), None, 0.4)
    assert flops == pytest.approx(3.14e23, rel=0.002)
