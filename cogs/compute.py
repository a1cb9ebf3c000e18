"""/compute: training and inference estimates, each with its formula and assumptions."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal, get_args

import discord
from discord import app_commands
from discord.ext import commands

from bot.charts.jobs import ComputeJob
from bot.compute.estimates import Precision
from bot.errors import one_of
from bot.knowledge.models import EntryKind
from bot.limits import CHOICES
from cogs._items.compute import answer_or_choose
from cogs._items.entry import send_entry
from cogs._items.installs import anywhere
from cogs._items.posting import answers_privately, public_post_limit, scope_of
from cogs._ui import compute as ui
from cogs._ui.autocomplete import entry_choices, never_fails
from cogs._ui.reply import lang_of, reply
from cogs._ui.script import script_of

if TYPE_CHECKING:
    from bot.app import AixBot

TrainPrecision = Literal["bf16", "fp16", "fp8", "tf32"]
InferPrecision = Literal["bf16", "fp8", "int8", "int4"]
MemoryPrecision = Literal["fp32", "bf16", "fp16", "fp8", "int8", "int4"]
Mode = Literal["training", "inference"]
Text = app_commands.Range[str, 1, 100]


@anywhere
class Compute(
    commands.GroupCog,
    group_name="compute",
    group_description="Training and inference compute estimates, checked against published figures",
):
    """Thin: each command reads its options through ComputeService and renders the view model."""

    def __init__(self, bot: AixBot) -> None:
        self.knowledge = bot.services.knowledge
        self.compute = bot.services.compute
        self.charts = bot.services.charts

    @app_commands.command(
        name="train", description="Compute, time, cost, energy and memory to train a model"
    )
    @app_commands.describe(
        params="Parameters, e.g. 175B, 1.75e11, 70M or 1750亿",
        tokens="Training tokens, e.g. 300B or 1.4T",
        gpu="GPU to train on (default H100 SXM)",
        gpus="Number of GPUs (default 1)",
        days="Target wall-clock days: the answer gives the GPUs needed",
        budget="Money to spend, e.g. $5M, ¥3000万 or €2M: the GPU-hours and days it buys",
        mfu="Fraction of peak achieved, 0-1 (default 0.4; the answer states it)",
        price="Price per GPU-hour, e.g. $2.49/h or 2元/小时",
        precision="Number format the training runs in (default bf16)",
        recompute="Full activation recomputation: about 8·N·D instead of 6·N·D",
        chart="Attach a log-log chart of compute against parameters",
    )
    @public_post_limit()
    async def train(
        self,
        interaction: discord.Interaction[AixBot],
        params: Text,
        tokens: Text,
        gpu: Text | None = None,
        gpus: app_commands.Range[int, 1, 10_000_000] | None = None,
        days: app_commands.Range[float, 0.042, 36_525.0] | None = None,
        budget: Text | None = None,
        mfu: app_commands.Range[float, 0.01, 1.0] | None = None,
        price: Text | None = None,
        precision: TrainPrecision = "bf16",
        recompute: bool = False,
        chart: bool = False,
    ) -> None:
        lang = lang_of(interaction)
        chosen = Precision(one_of(precision, get_args(TrainPrecision), "precision"))

        async def answer(interaction: discord.Interaction[AixBot], gpu: str | None) -> None:
            view = self.compute.train(
                params=params,
                tokens=tokens,
                gpu=gpu,
                gpus=gpus,
                days=days,
                budget=budget,
                mfu=mfu,
                price=price,
                precision=chosen,
                recompute=recompute,
                guild_id=scope_of(interaction),
            )
            await self._send(
                interaction, ui.train_embed(view, lang), view.params, view.flops, chart
            )

        await answer_or_choose(interaction, gpu, answer, lang)

    async def _send(
        self,
        interaction: discord.Interaction[AixBot],
        embed: discord.Embed,
        params: float,
        flops: float,
        chart: bool,
    ) -> None:
        files = []
        if chart:
            drawing = self.charts.draw(self._chart_job(interaction, params, flops))
            # Deferred only once the chart is accepted: "charts are busy" can still be private.
            await interaction.response.defer(
                thinking=True, ephemeral=answers_privately(interaction)
            )
            files.append(ui.attach_chart(embed, await drawing))
        await reply(
            interaction, embeds=[embed], files=files, ephemeral=answers_privately(interaction)
        )

    def _chart_job(
        self, interaction: discord.Interaction[AixBot], params: float, flops: float
    ) -> ComputeJob:
        references = self.compute.catalog.references(guild_id=scope_of(interaction))
        return ComputeJob(
            tuple(ui.chart_points(references)),
            ui.run_point(params, flops),
            lang_of(interaction),
            script_of(interaction),
        )

    @app_commands.command(
        name="infer", description="Inference memory, GPUs to fit, and prefill/decode speed bounds"
    )
    @app_commands.describe(
        params="Parameters (optional when a model is chosen), e.g. 70B",
        model="Reference model: fills parameters and architecture",
        gpu="GPU to serve on (default H100 SXM)",
        precision="Weight precision (default bf16)",
        context="Prompt length in tokens, e.g. 4k or 128K (default 4096; K is 1024)",
        batch="Sequences served at once (default 1)",
        output="Tokens generated per sequence (default 512)",
        price="Price per GPU-hour for cost per 1M tokens, e.g. $2.49/h",
    )
    @public_post_limit()
    async def infer(
        self,
        interaction: discord.Interaction[AixBot],
        params: Text | None = None,
        model: Text | None = None,
        gpu: Text | None = None,
        precision: InferPrecision = "bf16",
        context: Text | None = None,
        batch: app_commands.Range[int, 1, 100_000] = 1,
        output: Text | None = None,
        price: Text | None = None,
    ) -> None:
        lang = lang_of(interaction)
        chosen = Precision(one_of(precision, get_args(InferPrecision), "precision"))

        async def answer(interaction: discord.Interaction[AixBot], gpu: str | None) -> None:
            view = self.compute.infer(
                params=params,
                model=model,
                gpu=gpu,
                precision=chosen,
                context=context,
                batch=batch,
                output=output,
                price=price,
                guild_id=scope_of(interaction),
            )
            await reply(
                interaction,
                embeds=[ui.infer_embed(view, lang)],
                ephemeral=answers_privately(interaction),
            )

        await answer_or_choose(interaction, gpu, answer, lang)

    @app_commands.command(
        name="memory",
        description=(
            "Memory for weights, gradients, optimizer state and activations, and the GPUs to fit"
        ),
    )
    @app_commands.describe(
        params="Parameters (optional when a model is chosen), e.g. 70B or 七百亿",
        model="Reference model: fills parameters and architecture (layers, width, KV heads)",
        precision="Precision of the weights (default bf16)",
        mode="Training (weights, gradients, Adam) or inference (weights)",
        gpu="GPU whose memory to fill (default H100 SXM)",
        gpus="Total GPUs (default tp × pp); the rest of tp × pp is data parallelism",
        tp="Tensor-parallel degree (default 1)",
        pp="Pipeline-parallel degree (default 1)",
        zero="ZeRO stage 0-3: what data-parallel ranks shard (default 0)",
        seq="Sequence length, e.g. 4096 or 8K (with batch)",
        batch="Micro-batch per GPU (with seq)",
    )
    @public_post_limit()
    async def memory(
        self,
        interaction: discord.Interaction[AixBot],
        params: Text | None = None,
        model: Text | None = None,
        precision: MemoryPrecision = "bf16",
        mode: Mode = "training",
        gpu: Text | None = None,
        gpus: app_commands.Range[int, 1, 10_000_000] | None = None,
        tp: app_commands.Range[int, 1, 1024] = 1,
        pp: app_commands.Range[int, 1, 1024] = 1,
        zero: app_commands.Range[int, 0, 3] = 0,
        seq: Text | None = None,
        batch: app_commands.Range[int, 1, 100_000] | None = None,
    ) -> None:
        lang = lang_of(interaction)
        chosen = Precision(one_of(precision, get_args(MemoryPrecision), "precision"))
        chosen_mode = one_of(mode, get_args(Mode), "mode")

        async def answer(interaction: discord.Interaction[AixBot], gpu: str | None) -> None:
            view = self.compute.memory(
                params=params,
                model=model,
                precision=chosen,
                mode=chosen_mode,
                gpu=gpu,
                gpus=gpus,
                tp=tp,
                pp=pp,
                zero=zero,
                seq=seq,
                batch=batch,
                guild_id=scope_of(interaction),
            )
            await reply(
                interaction,
                embeds=[ui.memory_embed(view, lang)],
                ephemeral=answers_privately(interaction),
            )

        await answer_or_choose(interaction, gpu, answer, lang)

    @app_commands.command(
        name="optimal",
        description="Chinchilla compute-optimal parameters and tokens for a compute budget",
    )
    @app_commands.describe(
        budget="Budget: FLOPs (3.14e23), PF-days (3640 PF-days) or GPU-hours (2.5M GPU-hours)",
        gpu="GPU for a budget given in GPU-hours (default H100 SXM)",
        chart="Attach a log-log chart with the optimal model among reference models",
    )
    @public_post_limit()
    async def optimal(
        self,
        interaction: discord.Interaction[AixBot],
        budget: Text,
        gpu: Text | None = None,
        chart: bool = False,
    ) -> None:
        lang = lang_of(interaction)

        async def answer(interaction: discord.Interaction[AixBot], gpu: str | None) -> None:
            view = self.compute.optimal(budget=budget, gpu=gpu, guild_id=scope_of(interaction))
            await self._send(
                interaction, ui.optimal_embed(view, lang), view.params, view.flops, chart
            )

        await answer_or_choose(interaction, gpu, answer, lang)

    @app_commands.command(
        name="model",
        description=(
            "A reference model's published compute beside the 6·N·D estimate and implied MFU"
        ),
    )
    @app_commands.describe(name="Reference model, e.g. GPT-3 175B or Llama 2 70B")
    @public_post_limit()
    async def model(self, interaction: discord.Interaction[AixBot], name: Text) -> None:
        view = self.compute.model_report(name, guild_id=scope_of(interaction))
        await reply(
            interaction,
            embeds=[ui.model_embed(view, lang_of(interaction))],
            ephemeral=answers_privately(interaction),
        )

    @app_commands.command(name="gpu", description="A GPU's datasheet figures with their source")
    @app_commands.describe(name="GPU, e.g. H100 SXM or A100 80GB")
    @public_post_limit()
    async def gpu(self, interaction: discord.Interaction[AixBot], name: Text) -> None:
        view = self.knowledge.get(EntryKind.GPU, name, guild_id=scope_of(interaction))
        await send_entry(interaction, view, private=answers_privately(interaction))

    # -- autocomplete ---------------------------------------------------------------------------

    def _choices(
        self, interaction: discord.Interaction[AixBot], kind: EntryKind, current: str
    ) -> list[app_commands.Choice[str]]:
        hits = self.knowledge.suggest(kind, current, guild_id=scope_of(interaction), limit=CHOICES)
        return entry_choices(hits, lang_of(interaction))

    @train.autocomplete("gpu")
    @infer.autocomplete("gpu")
    @memory.autocomplete("gpu")
    @optimal.autocomplete("gpu")
    @gpu.autocomplete("name")
    @never_fails
    async def gpu_choices(
        self, interaction: discord.Interaction[AixBot], current: str
    ) -> list[app_commands.Choice[str]]:
        return self._choices(interaction, EntryKind.GPU, current)

    @infer.autocomplete("model")
    @memory.autocomplete("model")
    @model.autocomplete("name")
    @never_fails
    async def model_choices(
        self, interaction: discord.Interaction[AixBot], current: str
    ) -> list[app_commands.Choice[str]]:
        return self._choices(interaction, EntryKind.MODEL, current)


async def setup(bot: AixBot) -> None:
    await bot.add_cog(Compute(bot))
