"""From what a user typed to an estimate: read the options, look up the hardware, do the maths.

The cog hands over option values as Discord delivered them; everything that can be wrong with
them is found here and raised as a user-facing error naming the option.
"""

from __future__ import annotations

import unicodedata
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
    TRAIN_BUDGET,
    InvalidQuantity,
    Length,
    Money,
    parse_budget,
    parse_length,
    parse_money,
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


MAX_DAYS = 36_525.0
"""A century: a longer target is a typo for hours or GPUs."""
MIN_DAYS = 1 / 24


def _with_readings(
    estimate: E,
    *typed: str | None,
    lengths: tuple[Length | None, ...] = (),
    money: tuple[tuple[str | None, Money | None], ...] = (),
) -> E:
    """The estimate with one more assumption per reading the typed values relied on (15兆 read
    as 15 x 10^12, 128K as 131,072, ¥ as yuan, a bare price as dollars): a number taken one way
    of several is said, not silently used."""
    extra: list[Assumption] = [Assumption(key=key, value="") for key in readings(*typed)]
    binary = [length for length in lengths if length is not None and length.binary]
    if binary:
        extra.append(Assumption(key="binary_k", value=f"{binary[0].tokens:,}"))
    for text, amount in money:
        if amount is None or text is None:
            continue
        if amount.assumed:
            extra.append(Assumption(key="assumed_usd", value=str(amount)))
        elif "¥" in unicodedata.normalize("NFKC", text):
            extra.append(Assumption(key="yen_sign", value=str(amount)))
    if not extra:
        return estimate
    unique: list[Assumption] = list({(a.key, a.value): a for a in extra}.values())
    return estimate.model_copy(update={"assumptions": [*estimate.assumptions, *unique]})


def check_days(days: float | None) -> float | None:
    if days is None:
        return None
    if not MIN_DAYS <= days <= MAX_DAYS:
        raise InvalidQuantity(
            "days", option="days", got=f"{days:g}", example="30", limit=f"{MAX_DAYS:,.0f}"
        )
    return days


def check_degree(value: int, option: str, maximum: int) -> int:
    return check_count(value, option, "8", maximum)


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
        gpus: int | None = None,
        days: float | None = None,
        budget: str | None = None,
        mfu: float | None = None,
        price: str | None = None,
        precision: Precision = Precision.BF16,
        recompute: bool = False,
        guild_id: int | None = None,
    ) -> TrainEstimate:
        """`gpus`, `days` and `budget` may come in any combination; see estimates.train."""
        rate = parse_price(price) if price else None
        money = parse_money(budget, TRAIN_BUDGET) if budget else None
        estimate = estimates.train(
            params=parse_params(params),
            tokens=parse_tokens(tokens),
            gpu=self._gpu(gpu, guild_id),
            gpus=check_count(gpus, "gpus", "1024", 10_000_000) if gpus is not None else None,
            days=check_days(days),
            budget=money,
            mfu=check_mfu(mfu, self.defaults.mfu),
            precision=precision,
            recompute=recompute,
            price=rate,
            pue=self.defaults.pue,
            references=self.catalog.references(guild_id=guild_id),
        )
        return _with_readings(
            estimate, params, tokens, price, budget, money=((price, rate), (budget, money))
        )

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
        price: str | None = None,
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
        length = parse_length(context, "context") if context else None
        rate = parse_price(price) if price else None
        estimate = estimates.infer(
            params=total,
            active_params=active,
            model=found,
            gpu=self._gpu(gpu, guild_id),
            precision=precision,
            context=length.tokens if length else default_context,
            output=parse_token_count(output, "output", "512") if output else 512,
            batch=check_count(batch, "batch", "8", 100_000),
            price=rate,
        )
        return _with_readings(
            estimate, params, context, output, price, lengths=(length,), money=((price, rate),)
        )

    def memory(
        self,
        *,
        params: str | None = None,
        model: str | None = None,
        precision: Precision = Precision.BF16,
        mode: Literal["training", "inference"] = "training",
        gpu: str | None = None,
        gpus: int | None = None,
        tp: int = 1,
        pp: int = 1,
        zero: int = 0,
        seq: str | None = None,
        batch: int | None = None,
        guild_id: int | None = None,
    ) -> Memory:
        """`model` fills the parameter count and the published shape (layers, width, KV heads)
        the activation and KV-cache rules need; `params` alone guesses a dense shape."""
        found: Model | None = self.catalog.model(model, guild_id=guild_id) if model else None
        if params:
            total = parse_params(params)
        elif found is not None:
            total = found.params
        else:
            raise InvalidQuantity("needs_size", option="params", got="-", example="70B")
        length = parse_length(seq, "seq", "4096") if seq else None
        if batch is not None:
            check_count(batch, "batch", "8", 100_000)
        if not 0 <= zero <= 3:
            raise InvalidQuantity("zero", option="zero", got=str(zero), example="3")
        view = estimates.memory(
            params=total,
            precision=precision,
            mode=mode,
            gpu=self._gpu(gpu, guild_id),
            seq=length.tokens if length else None,
            batch=batch,
            shape=estimates.model_shape(found) if found else None,
            gpus=check_count(gpus, "gpus", "64", 10_000_000) if gpus is not None else None,
            tp=check_degree(tp, "tp", 1024),
            pp=check_degree(pp, "pp", 1024),
            zero=zero,
        )
        extra = (
            [Assumption(key="binary_k", value=f"{length.tokens:,}")]
            if length and length.binary
            else []
        )
        extra += [Assumption(key=key, value="") for key in readings(params, seq)]
        if not extra:
            return view
        return view.model_copy(update={"assumptions": [*view.assumptions, *extra]})

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
