"""A timeline of events as a PNG a phone can read: years down the left, one event per row.

An earlier version put every event on one horizontal axis: a 2,355 px strip whose labels sat on
each other and were about 2 px tall on a phone. Here each event has a row of its own, as tall as
its wrapped label, so no two labels can meet and none is shrunk; a long range is drawn one page
at a time (the caller pages, as the list beside the chart does). Each row is tinted with its wave
of AI, and the legend names only the waves that are on the page.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from matplotlib.figure import Figure
from matplotlib.patches import Circle, Rectangle

from bot.charts.canvas import INK, MUTED, WIDTH, Canvas, Font, png_bytes, text
from bot.charts.fonts import bold, families
from bot.i18n.script import Script

WAVE_COLOURS = {1: "#5865F2", 2: "#EB459E", 3: "#3BA55C", None: "#99AAB5"}
WAVE_TINTS = {1: "#E6E8FD", 2: "#FCE4F1", 3: "#E1F3E6", None: "#EEF0F2"}
"""The wave's colour at about 15% on white: a band light enough for dark text on it."""

MARGIN = 40
YEAR_RIGHT = 170
"""Right edge of the year column: four digits at the year font fit left of it."""
SPINE_X = 205
LABEL_X = 245
DOT_RADIUS = 11
ROW_PAD = 22
BODY_PX = 34
TITLE_PX = 40
SMALL_PX = 30
MAX_LABEL_LINES = 3


@dataclass(frozen=True, slots=True)
class TimelinePoint:
    when: float
    """Fractional year: 2017-06 is 2017.42."""
    label: str
    wave: int | None


def fractional_year(date: str) -> float:
    parts = [int(p) for p in date.split("-")]
    month = parts[1] if len(parts) > 1 else 7
    day = parts[2] if len(parts) > 2 else 15
    return parts[0] + (month - 1) / 12 + (day - 1) / 365


def timeline_figure(
    points: Sequence[TimelinePoint],
    *,
    title: str,
    legend: Mapping[int, str],
    page: tuple[int, int] | None = None,
    script: Script | None = None,
) -> Figure:
    """The figure of one page of events, in the order given (the caller sorts by date).

    `legend` names each wave; only the waves among `points` are listed. `page` is (number,
    count) when the caller pages a longer range. `script` is set when the labels are Chinese
    (already written in the reader's script by the caller): it picks the font for them.
    """
    canvas = Canvas()
    family = tuple(families(script))
    heavy = bold(script)
    body = Font(family, BODY_PX)
    year_font = Font(family, BODY_PX, bold=heavy)
    title_font = Font(family, TITLE_PX, bold=heavy)
    small = Font(family, SMALL_PX)
    inner = WIDTH - 2 * MARGIN

    title_lines = canvas.wrap(title, title_font, inner, max_lines=2)
    years = sorted({int(p.when) for p in points})
    span = f"{years[0]}–{years[-1]}" if len(years) > 1 else (str(years[0]) if years else "")
    subtitle = " · ".join(s for s in (span, f"{page[0]}/{page[1]}" if page else "") if s)
    waves = [w for w in sorted({p.wave for p in points if p.wave is not None}) if w in legend]
    keys = [(w, canvas.wrap(legend[w], small, inner - 50, max_lines=2)) for w in waves]
    room = WIDTH - LABEL_X - MARGIN
    labels = [canvas.wrap(p.label, body, room, max_lines=MAX_LABEL_LINES) for p in points]

    y: float = MARGIN
    placed_title = y
    y += len(title_lines) * title_font.line
    placed_subtitle = y
    y += small.line if subtitle else 0
    y += 14
    placed_keys: list[float] = []
    for _, lines in keys:
        placed_keys.append(y)
        y += len(lines) * small.line + 6
    y += 18
    rows: list[tuple[float, float]] = []
    for lines in labels:
        height = len(lines) * body.line + ROW_PAD
        rows.append((y, height))
        y += height
    height = y + MARGIN

    axes = canvas.axes(height)
    text(axes, MARGIN, placed_title, title_lines, title_font)
    if subtitle:
        text(axes, MARGIN, placed_subtitle, [subtitle], small, color=MUTED)
    for (wave, lines), top in zip(keys, placed_keys, strict=True):
        swatch = small.pixels * 0.8
        axes.add_patch(
            Rectangle(
                (MARGIN, top + (small.line - swatch) / 2),
                swatch,
                swatch,
                facecolor=WAVE_COLOURS[wave],
                edgecolor="none",
            )
        )
        text(axes, MARGIN + 50, top, lines, small)
    if rows:
        first, last = rows[0][0], rows[-1][0] + rows[-1][1]
        for point, (top, row_height) in zip(points, rows, strict=True):
            axes.add_patch(
                Rectangle(
                    (MARGIN / 2, top),
                    WIDTH - MARGIN,
                    row_height,
                    facecolor=WAVE_TINTS.get(point.wave, WAVE_TINTS[None]),
                    edgecolor="white",
                    linewidth=2,
                    zorder=1,
                )
            )
        axes.plot([SPINE_X, SPINE_X], [first, last], color=MUTED, linewidth=3, zorder=2)
    shown_year: int | None = None
    for point, lines, (top, _) in zip(points, labels, rows, strict=True):
        centre = top + ROW_PAD / 2 + body.line / 2
        colour = WAVE_COLOURS.get(point.wave, WAVE_COLOURS[None])
        axes.add_patch(
            Circle((SPINE_X, centre), DOT_RADIUS, facecolor=colour, edgecolor="white", zorder=3)
        )
        year = int(point.when)
        if year != shown_year:
            text(axes, YEAR_RIGHT, top + ROW_PAD / 2, [str(year)], year_font, ha="right")
            shown_year = year
        text(axes, LABEL_X, top + ROW_PAD / 2, lines, body, color=INK)
    return canvas.figure


def timeline_png(
    points: Sequence[TimelinePoint],
    *,
    title: str,
    legend: Mapping[int, str],
    page: tuple[int, int] | None = None,
    script: Script | None = None,
) -> bytes:
    """PNG bytes of `timeline_figure`."""
    figure = timeline_figure(points, title=title, legend=legend, page=page, script=script)
    return png_bytes(figure)
