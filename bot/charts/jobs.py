"""What a chart is asked to draw: plain values that cross into a chart worker process.

A job carries the chart's data in both languages and the reader's language and script, nothing
more: the worker decides there whether a font can draw the reader's script (bot/charts/fonts.py),
picks the labels' language and converts them, draws, and sends PNG bytes back. So nothing a cog
or `aixbot ask about` imports loads matplotlib (about 1.7 s of every start): the drawing modules
are imported by `draw` and `warm`, which run in the worker.
"""

from __future__ import annotations

import importlib
import os
import threading
import time
from dataclasses import dataclass

from bot.i18n import Lang, t
from bot.i18n.script import Script, in_script


@dataclass(frozen=True, slots=True)
class Point:
    """A model on the compute chart (or the user's run): its name, parameters and FLOPs."""

    label: str
    params: float
    flops: float


@dataclass(frozen=True, slots=True)
class Labels:
    """Every text on the compute chart, chosen by the job (the chart knows no language)."""

    title: str
    x: str
    y: str
    references: str
    optimal: str
    run: str
    """The run's legend line, its figures included (the run's point carries no name)."""


@dataclass(frozen=True, slots=True)
class TimelineEvent:
    date: str
    """ISO date, as precise as known: 2017, 2017-06 or 2017-06-12."""
    name_en: str
    name_zh: str
    wave: int | None


@dataclass(frozen=True, slots=True)
class ChainSegment:
    id: str
    name_en: str
    name_zh: str
    chain: str
    order: int
    downstream: tuple[str, ...]


def timeline_label(start: int | None, end: int | None, wave: int | None, lang: Lang) -> str:
    """The years (and wave) a timeline covers, as its title and the list's name them."""
    if start is None and end is None:
        label = t("history.all_years", lang)
    else:
        label = f"{start or '…'}-{end or '…'}"
    if wave is not None:
        label += f" · {t(f'history.wave_short.{wave}', lang)}"
    return label


class _Drawn:
    """The language a chart's labels are drawn in and the script they are converted to: the
    reader's where an installed font has their script, else English."""

    def __init__(self, lang: Lang, script: Script) -> None:
        from bot.charts.fonts import chart_script

        self.script = chart_script(lang, script)
        self.lang: Lang = "zh" if self.script else "en"

    def text(self, value: str) -> str:
        return in_script(value, self.script or "hans")

    def pick(self, en: str, zh: str) -> str:
        return self.text(zh if self.lang == "zh" else en)


@dataclass(frozen=True, slots=True)
class TimelineJob:
    """One page of `/history timeline`: its events in date order, the range asked for."""

    events: tuple[TimelineEvent, ...]
    start: int | None
    end: int | None
    wave: int | None
    page: tuple[int, int]
    """(number, count); a one-page timeline draws no page number."""
    lang: Lang
    script: Script

    def draw(self) -> bytes:
        from bot.charts.timeline import TimelinePoint, fractional_year, timeline_png

        drawn = _Drawn(self.lang, self.script)
        points = [
            TimelinePoint(fractional_year(e.date), drawn.pick(e.name_en, e.name_zh), e.wave)
            for e in self.events
        ]
        legend = {w: drawn.text(t(f"wave.{w}", drawn.lang)) for w in (1, 2, 3)}
        years = timeline_label(self.start, self.end, self.wave, drawn.lang)
        title = drawn.text(t("history.timeline_title", drawn.lang, years=years))
        page = self.page if self.page[1] > 1 else None
        return timeline_png(points, title=title, legend=legend, page=page, script=drawn.script)


@dataclass(frozen=True, slots=True)
class ChainJob:
    """`/industry chain`: every segment with the segments downstream of it."""

    segments: tuple[ChainSegment, ...]
    lang: Lang
    script: Script

    def draw(self) -> bytes:
        from bot.charts.chain import ChainNode, chain_png

        drawn = _Drawn(self.lang, self.script)
        nodes = [
            ChainNode(s.id, drawn.pick(s.name_en, s.name_zh), s.chain, s.order)
            for s in self.segments
        ]
        links = [(s.id, d) for s in self.segments for d in s.downstream]
        titles = {c: drawn.text(t(f"industry.chain.{c}", drawn.lang)) for c in ("ai", "crypto-ai")}
        title = drawn.text(t("industry.title", drawn.lang))
        return chain_png(nodes, links, chain_titles=titles, title=title, script=drawn.script)


@dataclass(frozen=True, slots=True)
class ComputeJob:
    """The compute chart of `/compute train` or `optimal`: reference models and the run."""

    references: tuple[Point, ...]
    run: Point
    lang: Lang
    script: Script

    def labels(self, drawn: _Drawn) -> Labels:
        def text(key: str, **values: str) -> str:
            return drawn.text(t(key, drawn.lang, **values))

        return Labels(
            title=text("compute.chart.title"),
            x=text("compute.chart.x"),
            y=text("compute.chart.y"),
            references=text("compute.chart.references"),
            optimal=text("compute.chart.optimal"),
            run=text("compute.chart.run", value=self.run.label),
        )

    def draw(self) -> bytes:
        from bot.charts.compute_plot import compute_plot

        drawn = _Drawn(self.lang, self.script)
        labels = self.labels(drawn)
        return compute_plot(list(self.references), self.run, labels, script=drawn.script)


ChartJob = TimelineJob | ChainJob | ComputeJob


def draw(job: ChartJob) -> bytes:
    """The PNG of `job`; what a chart worker runs."""
    return job.draw()


ORPHAN_POLL_S = 1.0
"""How often a worker process checks that the bot that started it is still there."""


def start_worker() -> None:
    """A worker process's initializer: warm it, and have it leave with the bot.

    A worker waits for jobs on a queue it also holds the writing end of, so a bot killed
    outright (SIGKILL, the OOM killer) never closes it and the worker would wait forever,
    holding its ~100 MB; it checks instead whether it has been handed to another parent."""
    warm()
    threading.Thread(
        target=_leave_with, args=(os.getppid(),), name="aixbot-chart-orphan", daemon=True
    ).start()


def _leave_with(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(ORPHAN_POLL_S)
    os._exit(0)


def warm() -> None:
    """Import the drawing modules and find the fonts of every script, so the first chart a
    worker draws does not pay for them."""
    for module in ("bot.charts.chain", "bot.charts.compute_plot", "bot.charts.timeline"):
        importlib.import_module(module)
    from bot.charts.fonts import PREFERRED, cjk_family

    for script in PREFERRED:
        cjk_family(script)
