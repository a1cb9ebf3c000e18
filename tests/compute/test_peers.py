"""aixbot against llm-analysis and the EleutherAI cookbook on the same configurations.

The peers' outputs are recorded in peers.yaml with the commit they came from (their code is not
a dependency); each row states the expected aixbot/peer ratio, its tolerance, and why wherever
the tools differ on purpose or by more than 5%.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.compute import estimates
from bot.compute.estimates import Precision
from bot.knowledge.models import Gpu, Model

TABLE = yaml.safe_load((Path(__file__).parent / "peers.yaml").read_text(encoding="utf-8"))
ROWS: list[dict[str, Any]] = TABLE["rows"]


def _prefill(model: Model, gpu: Gpu, context: int) -> float:
    result = estimates.infer(
        params=model.params,
        active_params=model.active_params or model.params,
        model=model,
        gpu=gpu,
        precision=Precision.BF16,
        context=context,
        output=1,
        batch=1,
    )
    assert result.attention_flops_per_token is not None
    return result.flops_per_token + result.attention_flops_per_token


def _kv(model: Model, gpu: Gpu) -> float:
    result = estimates.infer(
        params=model.params,
        active_params=model.params,
        model=model,
        gpu=gpu,
        precision=Precision.BF16,
        context=1,
        output=1,
        batch=1,
    )
    assert result.kv_bytes_per_token is not None
    return result.kv_bytes_per_token


def aixbot(measure: str, models: dict[str, Model], gpus: dict[str, Gpu]) -> float:
    """aixbot's figure for one measure, from the catalog's entries and the estimates module."""
    kind, slug, *rest = measure.split("/")
    model, h100 = models[slug], gpus["h100-sxm"]
    rules: dict[str, Callable[[], float]] = {
        "train_flops": lambda: estimates.training_flops(
            model.active_params or model.params, model.training_tokens or 0
        ),
        "train_flops_per_token": lambda: estimates.training_flops(
            model.active_params or model.params, 1
        ),
        "prefill_flops_per_token": lambda: _prefill(model, h100, int(rest[0])),
        "kv_bytes_per_token": lambda: _kv(model, h100),
        "state_bytes_per_param": lambda: (
            estimates.memory(
                params=model.params,
                precision=Precision.BF16,
                mode="training",
                gpu=h100,
                gpus=64,
                zero=3,
            ).per_gpu
            * 64
            / model.params
        ),
        "activations": lambda: (
            estimates.memory(
                params=model.params,
                precision=Precision.BF16,
                mode="training",
                gpu=h100,
                seq=4096,
                batch=1,
                shape=estimates.model_shape(model),
            ).activations
            or 0.0
        ),
    }
    return rules[kind]()


def test_training_rows_use_the_configured_tokens(models: dict[str, Model]) -> None:
    """The training rows take the catalog's token counts, which must be the peers' inputs."""
    assert models["gpt-3-175b"].training_tokens == 300e9
    assert models["llama-3-70b"].training_tokens == 15e12


@pytest.mark.parametrize("row", ROWS, ids=[f"{r['measure']}:{r['peer']}" for r in ROWS])
def test_aixbot_against_peer(
    row: dict[str, Any], models: dict[str, Model], gpus: dict[str, Gpu]
) -> None:
    """aixbot / peer stays within the row's tolerance of its stated ratio."""
    ours = aixbot(row["measure"], models, gpus)
    ratio = ours / float(row["value"])
    assert ratio == pytest.approx(float(row["ratio"]), rel=float(row["tolerance"]))


@pytest.mark.parametrize("row", ROWS, ids=[f"{r['measure']}:{r['peer']}" for r in ROWS])
def test_every_difference_over_5_percent_says_why(row: dict[str, Any]) -> None:
    """A row whose expected ratio is off 1 by more than 5% explains itself."""
    if abs(float(row["ratio"]) - 1) > 0.05:
        assert len(row.get("why", "")) > 40


def test_peers_name_the_commit_they_ran() -> None:
    """Each peer is pinned to the full commit its recorded outputs came from."""
    for peer in TABLE["peers"].values():
        assert re.fullmatch(r"[0-9a-f]{40}", peer["commit"])
    assert {row["peer"] for row in ROWS} == set(TABLE["peers"])
