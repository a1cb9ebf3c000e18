"""From what a user typed to an estimate: read the options, look up the hardware, do the maths.

The cog hands over option values as Discord delivered them; everything that can be wrong with
them is found here and raised as a user-facing error naming the option.
"""

from __future__ import annotations

from typing import Literal, TypeVar

from bot.compute import estimates
from bot.compute.catalog import Catalog
from bot.compute.estimates import (
    Assumption,
    InferEstimate,
    Memory,
    ModelReport,
    OptimalEstimate,
    Precision,
    TrainEstimate,
)
from bot.compute.quantities import (
    InvalidQuantity,
    parse_budget,
    parse_params,
    parse_price,
    parse_token_count,
    parse_tokens,
    readings,
)
from bot.knowledge.models import Gpu, Model
from bot.settings import ComputeDefaults

MIN_MFU = 0.01
"""The option's Range minimum: below it GPU-hours and cost overflow to infinity."""


def check_mfu(mfu: float | None, default: float) -> float:
    """MFU is a fraction of peak, 0.01 to 1 (Discord enforces this; `aixbot ask` and a client
    with an outdated command do not)."""
    if mfu is None:
        return default
    if not MIN_MFU <= mfu <= 1.0:
        raise InvalidQuantity("fraction", option="mfu", got=f"{mfu:g}", example="0.4")
    return mfu


E = TypeVar("E", TrainEstimate, InferEstimate, OptimalEstimate)


def _with_readings(estimate: E, *typed: str | None) -> E:
    """The estimate with one more assumption per regional reading the typed values relied on
    (15兆 read as 15 x 10^12): a number taken one way of several is said, not silently used."""
    extra: list[Assumption] = [Assumption(key=key, value="") for key in readings(*typed)]
    if not extra:
        return estimate
    return estimate.model_copy(update={"assumptions": [*estimate.assumptions, *extra]})


def check_count(value: int, option: str, example: str, maximum: int) -> int:
    if not 1 <= value <= maximum:
        raise InvalidQuantity(
            "count", option=option, got=str(value), example=example, limit=str(maximum)
        )
    return value


class ComputeService:
    def __init__(self, catalog: Catalog, defaults: ComputeDefaults) -> None:
        self.catalog = catalog
        self.defaults = defaults

    def _gpu(self, name: str | None, guild_id: int | None) -> Gpu:
        return self.catalog.gpu(name or self.defaults.gpu, guild_id=guild_id)

    def train(
        self,
        *,
        params: str,
        tokens: str,
        gpu: str | None = None,
        gpus: int = 1,
        mfu: float | None = None,
        price: str | None = None,
        precision: Precision = Precision.BF16,
        recompute: bool = False,
        guild_id: int | None = None,
    ) -> TrainEstimate:
        estimate = estimates.train(
            params=parse_params(params),
            tokens=parse_tokens(tokens),
            gpu=self._gpu(gpu, guild_id),
            gpus=check_count(gpus, "gpus", "1024", 10_000_000),
            mfu=check_mfu(mfu, self.defaults.mfu),
            precision=precision,
            recompute=recompute,
            price=parse_price(price) if price else None,
            pue=self.defaults.pue,
            references=self.catalog.references(guild_id=guild_id),
        )
        return _with_readings(estimate, params, tokens, price)

    def infer(
        self,
        *,
        params: str | None = None,
        model: str | None = None,
        gpu: str | None = None,
        precision: Precision = Precision.BF16,
        context: str | None = None,
        batch: int = 1,
        output: str | None = None,
        guild_id: int | None = None,
    ) -> InferEstimate:
        """`model` fills parameters and architecture; `params` alone assumes a dense model."""
        found: Model | None = self.catalog.model(model, guild_id=guild_id) if model else None
        if params:
            total = parse_params(params)
            active = min(total, found.active_params or total) if found else total
        elif found is not None:
            total, active = found.params, found.active_params or found.params
        else:
            raise InvalidQuantity("needs_size", option="params", got="-", example="70B")
        default_context = min(found.context or 4096, 4096) if found else 4096
        estimate = estimates.infer(
            params=total,
            active_params=active,
            model=found,
            gpu=self._gpu(gpu, guild_id),
            precision=precision,
            context=parse_token_count(context, "context") if context else default_context,
            output=parse_token_count(output, "output", "512") if output else 512,
            batch=check_count(batch, "batch", "8", 100_000),
        )
        return _with_readings(estimate, params, context, output)

    def memory(
        self,
        *,
        params: str,
        precision: Precision = Precision.BF16,
        mode: Literal["training", "inference"] = "training",
        gpu: str | None = None,
        seq: str | None = None,
        batch: int | None = None,
        guild_id: int | None = None,
    ) -> Memory:
        seq_tokens = parse_token_count(seq, "seq", "4096") if seq else None
        if batch is not None:
            check_count(batch, "batch", "8", 100_000)
        return estimates.memory(
            params=parse_params(params),
            precision=precision,
            mode=mode,
            gpu=self._gpu(gpu, guild_id),
            seq=seq_tokens,
            batch=batch if seq_tokens is not None else None,
        )

    def optimal(
        self, *, budget: str, gpu: str | None = None, guild_id: int | None = None
    ) -> OptimalEstimate:
        estimate = estimates.optimal(
            budget=parse_budget(budget),
            gpu=self._gpu(gpu, guild_id),
            mfu=self.defaults.mfu,
            references=self.catalog.references(guild_id=guild_id),
        )
        return _with_readings(estimate, budget)

    def model_report(self, name: str, *, guild_id: int | None = None) -> ModelReport:
        return estimates.model_report(
            self.catalog.model(name, guild_id=guild_id), self.catalog.gpus(guild_id=guild_id)
        )
