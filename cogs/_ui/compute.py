"""Embeds for /compute: the formula first, then the results, then every assumption behind them."""

from __future__ import annotations

import io

import discord

from bot.charts.jobs import Point
from bot.compute.estimates import (
    Assumption,
    InferEstimate,
    Memory,
    ModelReport,
    OptimalEstimate,
    Part,
    Reference,
    TrainEstimate,
)
from bot.compute.quantities import Unit, format_number, format_quantity
from bot.i18n import Lang, t
from bot.knowledge.models import Name
from bot.limits import EMBED_TOTAL, FIELD_VALUE
from cogs._ui.fit import fit_embed
from cogs._ui.text import clip, safe

COLOUR = 0x76B900
CHART_FILE = "compute.png"

_DURATIONS = (
    (365.25 * 86400, "year"),
    (86400, "day"),
    (3600, "hour"),
    (60, "minute"),
    (1, "second"),
)


def duration(seconds: float, lang: Lang) -> str:
    """The largest unit that keeps the number at or above 2: 32 years, 11.6 days, 40 minutes."""
    for size, unit in _DURATIONS:
        if seconds >= 2 * size or unit == "second":
            return t(f"compute.unit.{unit}", lang, n=format_number(seconds / size))
    raise AssertionError("unreachable: the last unit always matches")


def size(num_bytes: float) -> str:
    """Decimal units, as GPU datasheets count memory (80 GB = 80e9 bytes)."""
    for power, unit in ((1e15, "PB"), (1e12, "TB"), (1e9, "GB"), (1e6, "MB"), (1e3, "kB")):
        if num_bytes >= power:
            return f"{format_number(num_bytes / power)} {unit}"
    return f"{format_number(num_bytes)} B"


def flops(value: float) -> str:
    return format_quantity(value, Unit.FLOPS)


_UNIT_KEYS = {Unit.TOKENS: "compute.unit.tokens", Unit.GPU_HOURS: "compute.unit.gpu_hours"}
"""Units that are words, said in the reader's language; FLOPs, PF-days and $ stay as written."""


def quantity(value: float, unit: Unit, lang: Lang, digits: int = 3) -> str:
    """`300B tokens`, `300B 词元`: a number with its unit for the reader."""
    key = _UNIT_KEYS.get(unit)
    if key is None:
        return format_quantity(value, unit, digits)
    return t(key, lang, n=format_number(value, digits))


def _name(name: Name, lang: Lang) -> str:
    return safe(name.pick(lang))


def _field(embed: discord.Embed, name: str, value: str, *, inline: bool = False) -> None:
    embed.add_field(name=name, value=clip(value, FIELD_VALUE), inline=inline)


def assumptions_text(assumptions: list[Assumption], lang: Lang) -> str:
    lines = []
    seen: set[tuple[str, str]] = set()
    for item in assumptions:
        if (item.key, item.value) in seen:
            continue
        seen.add((item.key, item.value))
        label = t(f"compute.assume.{item.key}", lang)
        lines.append(f"• {label}: {item.value}" if item.value else f"• {label}")
    return "\n".join(lines)


def _finish(embed: discord.Embed, assumptions: list[Assumption], lang: Lang) -> discord.Embed:
    _field(embed, t("compute.field.assumptions", lang), assumptions_text(assumptions, lang))
    embed.set_footer(text=t("compute.footer", lang))
    return fit_embed(embed, EMBED_TOTAL)


def references_text(references: list[Reference], lang: Lang) -> str:
    lines = []
    for ref in references:
        compute = t("compute.no_compute", lang)
        if ref.flops is not None:
            marker = "compute.published" if ref.flops_published else "compute.estimated"
            compute = f"{flops(ref.flops)} {t(marker, lang)}"
        tokens = f" × {quantity(ref.tokens, Unit.TOKENS, lang)}" if ref.tokens else ""
        lines.append(f"**{_name(ref.name, lang)}**: {format_number(ref.params)}{tokens}, {compute}")
    return "\n".join(lines)


def train_embed(view: TrainEstimate, lang: Lang) -> discord.Embed:
    gpu = _name(view.gpu_name, lang)
    params, tokens = format_number(view.params), quantity(view.tokens, Unit.TOKENS, lang)
    embed = discord.Embed(
        title=t("compute.train.title", lang, params=params, tokens=tokens),
        description=t(
            "compute.train.formula",
            lang,
            k=view.multiplier,
            params=params,
            tokens=format_number(view.tokens),
            flops=flops(view.flops),
        ),
        colour=COLOUR,
    )
    _field(
        embed,
        t("compute.field.compute", lang),
        f"**{flops(view.flops)}**\n{format_quantity(view.pf_days, Unit.PF_DAYS)}",
        inline=True,
    )
    _field(
        embed,
        t("compute.field.gpu_hours", lang),
        t("compute.value.gpu_hours", lang, hours=format_number(view.gpu_hours), gpu=gpu),
        inline=True,
    )
    _field(
        embed,
        t("compute.field.wall", lang),
        t(
            "compute.value.wall",
            lang,
            time=duration(view.wall_seconds, lang),
            gpus=f"{view.gpus:,}",
            gpu=gpu,
        ),
        inline=True,
    )
    if view.cost is not None and view.price is not None:
        cost = t("compute.value.cost", lang, cost=str(view.cost), price=str(view.price))
    else:
        cost = t("compute.value.no_price", lang)
    _field(embed, t("compute.field.cost", lang), cost, inline=True)
    if view.energy_mwh is not None and view.tdp_w is not None:
        energy = t(
            "compute.value.energy",
            lang,
            mwh=format_number(view.energy_mwh),
            tdp=f"{view.tdp_w:g}",
            pue=f"{view.pue:g}",
        )
    else:
        energy = t("compute.value.no_tdp", lang)
    _field(embed, t("compute.field.energy", lang), energy, inline=True)
    _field(
        embed,
        t("compute.field.train_memory", lang),
        t(
            "compute.value.train_memory",
            lang,
            total=size(view.memory.total),
            bpp=f"{view.memory.bytes_per_param:g}",
            n=f"{view.memory.gpus_to_fit:,}",
            gpu=gpu,
        ),
    )
    if view.given:
        _field(embed, t("compute.field.plan", lang), plan_text(view, lang))
    ratio = view.tokens / view.chinchilla_tokens
    _field(
        embed,
        t("compute.field.chinchilla", lang),
        t(
            "compute.value.chinchilla",
            lang,
            optimal=quantity(view.chinchilla_tokens, Unit.TOKENS, lang),
            params=params,
            per_param=format_number(view.tokens_per_param),
            times=format_number(ratio),
        ),
    )
    _field(embed, t("compute.field.nearest", lang), references_text(view.nearest, lang))
    return _finish(embed, view.assumptions, lang)


def _days(days: float) -> str:
    return format_number(days)


def plan_text(view: TrainEstimate, lang: Lang) -> str:
    """Which of gpus, days and budget were given and what follows from them."""
    gpus = f"{view.gpus:,}"
    time = duration(view.wall_seconds, lang)
    lines = []
    if "gpus" in view.given:
        lines.append(t("compute.plan.gpus_given", lang, n=gpus))
    elif view.target_days is not None:
        lines.append(t("compute.plan.gpus_days", lang, n=gpus, days=_days(view.target_days)))
    else:
        lines.append(t("compute.plan.gpus_default", lang, n=gpus))
    if view.target_days is not None:
        days = _days(view.target_days)
        lines.append(t("compute.plan.days_given", lang, days=days))
        if "gpus" in view.given and view.gpus_for_days is not None:
            key = (
                "compute.plan.days_met"
                if view.wall_seconds <= view.target_days * 86400
                else "compute.plan.days_missed"
            )
            lines.append(
                t(key, lang, gpus=gpus, time=time, days=days, need=f"{view.gpus_for_days:,}")
            )
    else:
        lines.append(t("compute.plan.time_derived", lang, time=time, gpus=gpus))
    if (
        view.budget is not None
        and view.budget_gpu_hours is not None
        and view.budget_days is not None
        and view.price is not None
    ):
        lines.append(
            t(
                "compute.plan.budget",
                lang,
                budget=str(view.budget),
                hours=format_number(view.budget_gpu_hours),
                price=str(view.price),
                share=f"{view.budget_gpu_hours / view.gpu_hours:.0%}",
                time=duration(view.budget_days * 86400, lang),
                gpus=gpus,
            )
        )
    return "\n".join(lines)


def infer_embed(view: InferEstimate, lang: Lang) -> discord.Embed:
    gpu = _name(view.gpu_name, lang)
    subject = _name(view.model_name, lang) if view.model_name else format_number(view.params)
    embed = discord.Embed(
        title=t("compute.infer.title", lang, subject=subject),
        description=t(
            "compute.infer.formula",
            lang,
            active=format_number(view.active_params),
            per_token=flops(view.flops_per_token),
        ),
        colour=COLOUR,
    )
    params = format_number(view.params)
    if view.active_params < view.params:
        params = t(
            "compute.value.moe_params", lang, total=params, active=format_number(view.active_params)
        )
        params += "\n" + moe_flops(view.active_params, view.params, lang)
    _field(embed, t("compute.field.params", lang), params, inline=True)
    _field(
        embed,
        t("compute.field.fit", lang),
        t("compute.value.fit", lang, n=f"{view.gpus:,}", gpu=gpu),
        inline=True,
    )
    if view.kv_cache is not None and view.kv_bytes_per_token is not None:
        kv = t(
            "compute.value.kv",
            lang,
            kv=size(view.kv_cache),
            per_token=size(view.kv_bytes_per_token),
            tokens=format_number((view.context + view.output) * view.batch),
        )
    else:
        kv = t("compute.value.no_kv", lang)
    _field(
        embed,
        t("compute.field.memory", lang),
        t(
            "compute.value.infer_memory",
            lang,
            weights=size(view.weights),
            kv=kv,
            total=size(view.total_memory),
        ),
    )
    _field(
        embed,
        t("compute.field.prefill", lang),
        t(
            "compute.value.prefill",
            lang,
            context=f"{view.context:,}",
            batch=view.batch,
            time=duration(view.prefill_seconds, lang),
            tps=format_number(view.prefill_tokens_per_s),
            flops=flops(view.prefill_flops),
        ),
    )
    _field(
        embed,
        t("compute.field.decode", lang),
        t(
            "compute.value.decode",
            lang,
            tps=format_number(view.decode_tokens_per_s),
            batch_tps=format_number(view.decode_tokens_per_s_batch),
            step=size(view.decode_bytes_per_step),
            output=format_number(view.output),
            time=duration(view.decode_seconds, lang),
        ),
    )
    if view.input_cost is not None and view.output_cost is not None:
        _field(
            embed,
            t("compute.field.serving_cost", lang),
            t(
                "compute.value.serving_cost",
                lang,
                input=str(view.input_cost),
                output=str(view.output_cost),
                price=str(view.price),
                gpus=f"{view.gpus:,}",
                batch=view.batch,
            ),
        )
    warnings = []
    if view.model_context is not None:
        warnings.append(
            t(
                "compute.warn.context",
                lang,
                context=f"{view.context:,}",
                limit=f"{view.model_context:,}",
            )
        )
    if not view.native_peak:
        warnings.append(t("compute.warn.fallback", lang, precision=view.precision.value, gpu=gpu))
    if warnings:
        _field(embed, t("compute.field.warnings", lang), "\n".join(f"⚠️ {w}" for w in warnings))
    return _finish(embed, view.assumptions, lang)


def moe_flops(active: float, total: float, lang: Lang) -> str:
    """The mixture-of-experts rule said, not applied silently."""
    return t(
        "compute.value.moe_flops", lang, active=format_number(active), total=format_number(total)
    )


def _part_value(part: Part, view: Memory, lang: Lang) -> str:
    shown = size(part.per_gpu)
    if part.key not in ("activations", "kv_cache"):
        shown = t(
            "compute.unit.per_param", lang, size=shown, n=format_number(part.total / view.params)
        )
    return f"{shown}\n{part.rule}"


def memory_embed(view: Memory, lang: Lang) -> discord.Embed:
    gpu = _name(view.gpu_name, lang)
    embed = discord.Embed(
        title=t(
            "compute.memory.title",
            lang,
            params=format_number(view.params),
            mode=t(f"compute.mode.{view.mode}", lang),
            precision=view.precision.value,
        ),
        description=t(
            "compute.memory.total",
            lang,
            total=size(view.total),
            n=f"{view.gpus_to_fit:,}",
            gpu=gpu,
            each=size(view.gpu_memory),
        ),
        colour=COLOUR,
    )
    for part in view.parts:
        _field(
            embed, t(f"compute.part.{part.key}", lang), _part_value(part, view, lang), inline=True
        )
    layout = t(
        "compute.value.layout",
        lang,
        gpus=f"{view.gpus:,}",
        tp=view.tp,
        pp=view.pp,
        dp=f"{view.dp:,}",
        zero=view.zero,
    )
    verdict = t(
        "compute.value.fits" if view.fits else "compute.value.no_fit",
        lang,
        used=size(view.per_gpu),
        each=size(view.gpu_memory),
        gpu=gpu,
    )
    lines = [layout, verdict]
    if not view.fits and view.recompute_activations is not None:
        lines.append(t("compute.value.recompute_hint", lang, size=size(view.recompute_activations)))
    _field(embed, t("compute.field.per_gpu", lang), "\n".join(lines))
    if view.missing is not None:
        _field(
            embed,
            t("compute.field.warnings", lang),
            "⚠️ " + t(f"compute.warn.missing_{view.missing}", lang),
        )
    return _finish(embed, view.assumptions, lang)


def optimal_embed(view: OptimalEstimate, lang: Lang) -> discord.Embed:
    embed = discord.Embed(
        title=t("compute.optimal.title", lang, budget=flops(view.flops)),
        description=t("compute.optimal.formula", lang),
        colour=COLOUR,
    )
    budget = flops(view.flops)
    if view.budget_unit is not Unit.FLOPS:
        budget = f"{quantity(view.budget, view.budget_unit, lang)} = {budget}"
    if view.gpu_name is not None and view.mfu is not None:
        budget += "\n" + t(
            "compute.value.budget_gpu", lang, gpu=_name(view.gpu_name, lang), mfu=f"{view.mfu:g}"
        )
    _field(embed, t("compute.field.budget", lang), budget)
    _field(
        embed,
        t("compute.field.opt_params", lang),
        f"**{format_number(view.params)}**",
        inline=True,
    )
    _field(
        embed,
        t("compute.field.opt_tokens", lang),
        f"**{quantity(view.tokens, Unit.TOKENS, lang)}**",
        inline=True,
    )
    _field(embed, t("compute.field.nearest", lang), references_text(view.nearest, lang))
    return _finish(embed, view.assumptions, lang)


def published_value(value: float, unit: Unit, lang: Lang) -> str:
    """A lab's figure as it printed it: 1,720,320 GPU-hours stays exact, 3.14e23 stays short."""
    if value.is_integer() and value < 1e15:
        key = _UNIT_KEYS.get(unit)
        return t(key, lang, n=f"{value:,.0f}") if key else f"{value:,.0f} {unit.value}"
    return quantity(value, unit, lang, digits=4)


def model_embed(view: ModelReport, lang: Lang) -> discord.Embed:
    embed = discord.Embed(
        title=t("compute.model.title", lang, name=_name(view.name, lang)),
        colour=COLOUR,
    )
    params = format_number(view.params)
    if view.active_params:
        params = t(
            "compute.value.moe_params", lang, total=params, active=format_number(view.active_params)
        )
        params += f" ({moe_flops(view.active_params, view.params, lang)})"
    lines = [
        f"{t('field.organisation', lang)}: {safe(view.organisation)}",
        f"{t('field.params', lang)}: {params}",
    ]
    if view.tokens:
        lines.append(f"{t('field.tokens', lang)}: {quantity(view.tokens, Unit.TOKENS, lang)}")
    for figure in view.published:
        unit = {"flops": Unit.FLOPS, "pf-days": Unit.PF_DAYS, "gpu-hours": Unit.GPU_HOURS}
        on = f" ({figure.gpu_slug})" if figure.gpu_slug else ""
        value = published_value(figure.value, unit[figure.unit], lang)
        lines.append(f"[{value}]({figure.source}){on}")
    if view.hardware:
        lines.append(f"{t('field.hardware', lang)}: {safe(view.hardware)}")
    _field(embed, t("compute.field.published", lang), "\n".join(lines))
    if view.estimate_flops is not None and view.tokens:
        estimate = t(
            "compute.value.estimate",
            lang,
            params=format_number(view.active_params or view.params),
            tokens=format_number(view.tokens),
            flops=flops(view.estimate_flops),
            pf_days=format_quantity(view.estimate_flops / 8.64e19, Unit.PF_DAYS),
        )
        if view.estimate_ratio is not None and view.published_flops is not None:
            estimate += "\n" + t(
                "compute.value.ratio",
                lang,
                ratio=f"{view.estimate_ratio:.3f}",
                published=flops(view.published_flops),
            )
    else:
        estimate = t("compute.value.no_tokens", lang)
    _field(embed, t("compute.field.estimate", lang), estimate)
    implied = [
        t(
            "compute.value.implied",
            lang,
            hours=format_number(item.gpu_hours),
            gpu=_name(item.gpu_name, lang),
            peak=f"{item.peak_flops / 1e12:g}",
            mfu=f"{item.mfu:.1%}",
        )
        for item in view.implied
    ]
    implied += [
        t("compute.value.unmatched", lang, hours=format_number(hours))
        for hours in view.unmatched_gpu_hours
    ]
    if implied:
        _field(embed, t("compute.field.implied", lang), "\n".join(implied))
    return _finish(embed, view.assumptions, lang)


def chart_points(references: list[Reference]) -> list[Point]:
    return [Point(r.name.en, r.params, r.flops) for r in references if r.flops is not None]


def run_point(params: float, compute: float) -> Point:
    return Point(f"{format_number(params)} → {flops(compute)}", params, compute)


def attach_chart(embed: discord.Embed, png: bytes) -> discord.File:
    embed.set_image(url=f"attachment://{CHART_FILE}")
    return discord.File(io.BytesIO(png), filename=CHART_FILE)
