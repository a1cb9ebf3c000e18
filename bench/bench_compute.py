"""The calculator: each estimate is pure arithmetic (p99 < 1 ms), and the whole /compute train
command in-process, through discord.py and the Discord stand-in, on a temp SQLite database."""

from __future__ import annotations

import time
from pathlib import Path

from bench.common import Row, row, time_async, time_sync
from bot.app import AixBot, build_services
from bot.charts.jobs import ComputeJob
from bot.compute import estimates
from bot.compute.estimates import Precision
from bot.compute.quantities import Currency, Money, Quantity, Unit, parse_budget, parse_params
from bot.knowledge.models import EntryKind, Gpu, Model
from bot.settings import PostCooldown, Settings
from cogs._ui import compute as ui
from offline import OfflineDiscord

RUNS = 2000
COMMAND_RUNS = 200


async def measure(workdir: Path) -> list[Row]:
    settings = Settings(
        _env_file=None,
        database_url=f"sqlite+aiosqlite:///{workdir}/bench.db",
        post_cooldown=PostCooldown(seconds=0),  # one member asks hundreds of times
    )
    offline = OfflineDiscord(AixBot(build_services(settings)))
    await offline.start()
    try:
        knowledge = offline.bot.services.knowledge
        gpus = {v.slug: v.entry for v in knowledge.visible(EntryKind.GPU)}
        models = {v.slug: v.entry for v in knowledge.visible(EntryKind.MODEL)}
        h100, a100 = gpus["h100-sxm"], gpus["a100-80gb"]
        llama, mixtral = models["llama-2-70b"], models["mixtral-8x7b"]
        assert isinstance(h100, Gpu)
        assert isinstance(a100, Gpu)
        assert isinstance(llama, Model)
        assert isinstance(mixtral, Model)
        references = [estimates.reference(m) for m in models.values() if isinstance(m, Model)]
        gpu_table = {k: g for k, g in gpus.items() if isinstance(g, Gpu)}

        def train() -> object:
            return estimates.train(
                params=175e9,
                tokens=300e9,
                gpu=a100,
                gpus=1024,
                mfu=0.4,
                precision=Precision.BF16,
                recompute=False,
                price=Money(2.49, Currency.USD),
                pue=1.2,
                references=references,
            )

        def infer() -> object:
            return estimates.infer(
                params=mixtral.params,
                active_params=mixtral.active_params or mixtral.params,
                model=mixtral,
                gpu=h100,
                precision=Precision.FP8,
                context=8192,
                output=512,
                batch=16,
            )

        def memory() -> object:
            return estimates.memory(
                params=70e9,
                precision=Precision.BF16,
                mode="training",
                gpu=h100,
                seq=4096,
                batch=8,
            )

        def optimal() -> object:
            return estimates.optimal(
                budget=Quantity(1e6, Unit.GPU_HOURS), gpu=h100, mfu=0.4, references=references
            )

        def report() -> object:
            return estimates.model_report(llama, gpu_table)

        def parse() -> object:
            return parse_params("175,000,000,000"), parse_budget("2.5k GPU-hours")

        rows = [
            row("compute", f"estimate: {name}", time_sync(fn, RUNS), p99_target_ms=1)
            for name, fn in (
                ("train 175B x 300B", train),
                ("infer Mixtral fp8 batch 16", infer),
                ("memory 70B training + activations", memory),
                ("optimal from GPU-hours", optimal),
                ("model Llama 2 70B implied MFU", report),
                ("parse two quantities", parse),
            )
        ]

        async def command() -> object:
            return await offline.command(
                "compute train", params="175B", tokens="300B", gpu="a100-80gb", price="$2.49"
            )

        await command()  # warm caches (first translation, first embed) outside the samples
        rows.append(
            row(
                "compute",
                "/compute train, whole command in-process",
                await time_async(command, COMMAND_RUNS),
            )
        )
        chart_samples = []
        for _ in range(10):
            start = time.perf_counter()
            run = ui.run_point(175e9, 3.15e23)
            ComputeJob(tuple(ui.chart_points(references)), run, "en", "hans").draw()
            chart_samples.append((time.perf_counter() - start) * 1000)
        rows.append(row("compute", "chart PNG (drawn in a chart worker)", chart_samples))
        return rows
    finally:
        await offline.close()
