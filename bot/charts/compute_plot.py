"""Training compute against parameters, log-log: the reference models and the user's run.

Values in, bytes out, no global pyplot state: a Figure per call on the Agg canvas, drawn in a
chart worker (bot/charts/pool.py) while the event loop keeps answering.

Drawn for a phone: 1,080 px wide with text at least 28 px tall. At that size the thirty-odd
reference models cannot all carry a name, so names are placed greedily, the models nearest to
the run first, each where it touches no other name, no other point and stays inside the plot; a
model whose name finds no place is still drawn, as a dot. The legend sits under the plot, where
it covers nothing, and carries the run's own figures, which so always have a place.
"""

from __future__ import annotations

import math

from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import RendererAgg
from matplotlib.figure import Figure
from matplotlib.text import Text
from matplotlib.ticker import FuncFormatter
from matplotlib.transforms import Bbox

from bot.charts.canvas import DPI, INK, WIDTH, png_bytes, points, renderer_of
from bot.charts.fonts import bold, families
from bot.charts.jobs import Labels, Point
from bot.compute.estimates import CHINCHILLA_TOKENS_PER_PARAM
from bot.compute.quantities import format_number
from bot.i18n.script import Script

CHINCHILLA_FLOPS_PER_PARAM_SQUARED = 6.0 * CHINCHILLA_TOKENS_PER_PARAM
"""C = 6·N·D with D = 20·N, i.e. C = 120·N²: the calculator's compute-optimal rule."""

HEIGHT = 1180
TEXT_PX = 30
TITLE_PX = 36
MARKER_PX = 9
"""Radius of a reference point: names keep clear of it."""
OFFSETS = (
    (12, 0, "left", "center"),
    (-12, 0, "right", "center"),
    (0, 14, "center", "bottom"),
    (0, -14, "center", "top"),
)
"""Where a name may go around its point, in pixels: right, left, above, below."""


def _place(
    axes: Axes,
    renderer: RendererAgg,
    point: Point,
    taken: list[Bbox],
    *,
    size: float,
    family: list[str],
) -> Text | None:
    """The name of `point` at the first offset where it overlaps nothing taken; None if none."""
    frame = axes.get_window_extent(renderer)
    for dx, dy, ha, va in OFFSETS:
        label = axes.annotate(
            point.label,
            (point.params, point.flops),
            textcoords="offset pixels",
            xytext=(dx, dy),
            ha=ha,
            va=va,
            fontsize=size,
            fontfamily=family,
            color=INK,
            annotation_clip=False,
        )
        box = label.get_window_extent(renderer).expanded(1.0, 1.0)
        inside = frame.x0 <= box.x0 and box.x1 <= frame.x1 and frame.y0 <= box.y0
        if inside and box.y1 <= frame.y1 and not any(box.overlaps(t) for t in taken):
            taken.append(box)
            return label
        label.remove()
    return None


def _nearness(run: Point, point: Point) -> float:
    return math.hypot(math.log10(point.params / run.params), math.log10(point.flops / run.flops))


def compute_figure(
    references: list[Point], run: Point, labels: Labels, *, script: Script | None = None
) -> Figure:
    """The chart as a figure; `script` is set when its labels are Chinese (picks the font)."""
    figure = Figure(figsize=(WIDTH / DPI, HEIGHT / DPI), dpi=DPI, facecolor="white")
    renderer = renderer_of(figure)
    family = families(script)
    size = points(TEXT_PX)
    # Fixed margins instead of tight_layout: laying out log ticks twice costs most of a second.
    figure.subplots_adjust(left=0.2, right=0.96, bottom=0.27, top=0.92)
    axes = figure.add_subplot()
    axes.set_xscale("log")
    axes.set_yscale("log")
    xs = [p.params for p in references]
    ys = [p.flops for p in references]
    axes.scatter(
        xs, ys, s=(MARKER_PX * 1.4) ** 2, color="#5865F2", label=labels.references, zorder=3
    )
    low = min([*xs, run.params]) / 3
    high = max([*xs, run.params]) * 3
    steps = [low * (high / low) ** (i / 50) for i in range(51)]
    axes.plot(
        steps,
        [CHINCHILLA_FLOPS_PER_PARAM_SQUARED * n * n for n in steps],
        linestyle="--",
        color="#777777",
        linewidth=2,
        label=labels.optimal,
    )
    axes.scatter(
        [run.params],
        [run.flops],
        s=900,
        marker="*",
        color="#ED4245",
        label=labels.run,
        zorder=4,
    )
    ys_all = [*ys, run.flops]
    axes.set_ylim(min(ys_all) / 10, max(ys_all) * 10)
    axes.set_xlim(low, high)
    heavy = "bold" if bold(script) else "normal"
    axes.set_title(labels.title, fontfamily=family, fontsize=points(TITLE_PX), fontweight=heavy)
    axes.set_xlabel(labels.x, fontfamily=family, fontsize=size)
    axes.set_ylabel(labels.y, fontfamily=family, fontsize=size)
    axes.minorticks_off()
    # Plain tick text (1B, 1e21) rather than mathtext 10^21, whose parser is the slow part.
    ticks = FuncFormatter(lambda value, _position: format_number(value))
    axes.xaxis.set_major_formatter(ticks)
    axes.yaxis.set_major_formatter(ticks)
    axes.tick_params(labelsize=size, length=8, width=1.5)
    axes.tick_params(axis="x", pad=points(24))  # clear of the lowest y label at the corner
    axes.grid(True, which="major", linewidth=0.8, alpha=0.5)
    axes.legend(
        loc="upper left",
        bbox_to_anchor=(0.0, -0.11),
        frameon=False,
        prop={"family": family, "size": size},
        markerscale=0.8,
    )
    taken = [
        Bbox.from_bounds(x - MARKER_PX, y - MARKER_PX, 2 * MARKER_PX, 2 * MARKER_PX)
        for x, y in axes.transData.transform([(p.params, p.flops) for p in [*references, run]])
    ]
    for point in sorted(references, key=lambda p: (_nearness(run, p), p.label)):
        _place(axes, renderer, point, taken, size=size, family=family)
    return figure


def compute_plot(
    references: list[Point], run: Point, labels: Labels, *, script: Script | None = None
) -> bytes:
    """A PNG of the reference models, the Chinchilla-optimal line and the user's run."""
    return png_bytes(compute_figure(references, run, labels, script=script))
