"""The industry chains as a PNG a phone can read: one column per chain, upstream at the top.

An earlier version laid each chain out as a row of boxes: 1,540 px wide with 10 px text, which a
phone shrinks to nothing. Here the chains stand side by side in a 1,080 px image, each box as tall
as its wrapped label, rows aligned across the chains. A link to the next segment of the same chain
is an arrow down between boxes, one that skips segments runs in a lane of its own outside the
column, and one into the other chain is a dashed arrow across the gutter between the columns.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from matplotlib.figure import Figure
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

from bot.charts.canvas import MUTED, WIDTH, Canvas, Font, png_bytes, text
from bot.charts.fonts import bold, families
from bot.i18n.script import Script

CHAIN_COLOURS = ("#5865F2", "#F0B232", "#3BA55C", "#EB459E")
CHAIN_TINTS = ("#E6E8FD", "#FDF3DC", "#E1F3E6", "#FCE4F1")
MARGIN = 40
LANE_ROOM = 44
"""Pixels outside each column for the lanes of links that skip segments (four, 10 px apart)."""
GUTTER = 72
BOX_PAD = 16
ROW_GAP = 46
LABEL_PX = 30
HEAD_PX = 32
TITLE_PX = 40


@dataclass(frozen=True, slots=True)
class ChainNode:
    id: str
    label: str
    chain: str
    order: int


def _arrow(
    start: tuple[float, float], end: tuple[float, float], *, dashed: bool = False
) -> FancyArrowPatch:
    return FancyArrowPatch(
        start,
        end,
        arrowstyle="-|>",
        mutation_scale=22,
        color=MUTED,
        linewidth=2,
        linestyle="--" if dashed else "-",
        shrinkA=0,
        shrinkB=2,
    )


def chain_figure(
    nodes: Sequence[ChainNode],
    links: Sequence[tuple[str, str]],
    *,
    chain_titles: dict[str, str],
    title: str,
    script: Script | None = None,
) -> Figure:
    """Each chain a column of boxes in `order`; `links` drawn between them. `script` is set
    when the labels are Chinese (in the reader's script already): it picks their font."""
    canvas = Canvas()
    family = tuple(families(script))
    heavy = bold(script)
    label_font = Font(family, LABEL_PX)
    head_font = Font(family, HEAD_PX, bold=heavy)
    title_font = Font(family, TITLE_PX, bold=heavy)
    chains = sorted({n.chain for n in nodes})
    columns = {chain: i for i, chain in enumerate(chains)}
    count = max(len(chains), 1)
    box_w = (WIDTH - 2 * (MARGIN + LANE_ROOM) - GUTTER * (count - 1)) / count
    lefts = {c: MARGIN + LANE_ROOM + i * (box_w + GUTTER) for c, i in columns.items()}
    members = {
        chain: sorted((n for n in nodes if n.chain == chain), key=lambda n: (n.order, n.id))
        for chain in chains
    }
    wrapped = {n.id: canvas.wrap(n.label, label_font, box_w - 2 * BOX_PAD) for n in nodes}
    heads = {c: canvas.wrap(chain_titles.get(c, c), head_font, box_w + LANE_ROOM) for c in chains}
    title_lines = canvas.wrap(title, title_font, WIDTH - 2 * MARGIN, max_lines=2)

    y: float = MARGIN
    title_top = y
    y += len(title_lines) * title_font.line + 16
    heads_top = y
    y += max((len(h) for h in heads.values()), default=0) * head_font.line + 12
    rows = max((len(m) for m in members.values()), default=0)
    places: dict[str, tuple[float, float, float]] = {}
    """Node id: left, top, height of its box."""
    for row in range(rows):
        in_row = [m[row] for m in members.values() if row < len(m)]
        height = max(len(wrapped[n.id]) for n in in_row) * label_font.line + 2 * BOX_PAD
        for node in in_row:
            places[node.id] = (lefts[node.chain], y, height)
        y += height + ROW_GAP
    axes = canvas.axes(y - ROW_GAP + MARGIN)

    text(axes, MARGIN, title_top, title_lines, title_font)
    for chain, lines in heads.items():
        colour = CHAIN_COLOURS[columns[chain] % len(CHAIN_COLOURS)]
        text(axes, lefts[chain], heads_top, lines, head_font, color=colour)
    for node in nodes:
        left, top, height = places[node.id]
        tint = CHAIN_TINTS[columns[node.chain] % len(CHAIN_TINTS)]
        outline = CHAIN_COLOURS[columns[node.chain] % len(CHAIN_COLOURS)]
        axes.add_patch(
            FancyBboxPatch(
                (left, top),
                box_w,
                height,
                boxstyle="round,pad=0,rounding_size=12",
                facecolor=tint,
                edgecolor=outline,
                linewidth=2,
            )
        )
        inset = (height - len(wrapped[node.id]) * label_font.line) / 2  # centred in its row
        text(axes, left + BOX_PAD, top + inset, wrapped[node.id], label_font)
    order = {n.id: (n.chain, i) for m in members.values() for i, n in enumerate(m)}
    lanes: dict[str, int] = {}
    for source, target in links:
        if source not in places or target not in places:
            continue
        (chain_a, row_a), (chain_b, row_b) = order[source], order[target]
        left_a, top_a, height_a = places[source]
        left_b, top_b, height_b = places[target]
        middle_a, middle_b = top_a + height_a / 2, top_b + height_b / 2
        if chain_a == chain_b and row_b == row_a + 1:
            start, end = (left_a + box_w / 2, top_a + height_a), (left_b + box_w / 2, top_b)
            axes.add_patch(_arrow(start, end))
        elif chain_a == chain_b:
            # A lane of its own outside the column: out from the box, along, back in.
            lane = lanes.get(chain_a, 0)
            lanes[chain_a] = lane + 1
            outward = -1 if columns[chain_a] == 0 else 1
            edge = left_a if outward < 0 else left_a + box_w
            x = edge + outward * (10 + (lane % 4) * 10)
            axes.plot([edge, x, x], [middle_a, middle_a, middle_b], color=MUTED, linewidth=2)
            axes.add_patch(_arrow((x, middle_b), (edge, middle_b)))
        else:
            rightwards = left_b > left_a
            start = (left_a + (box_w if rightwards else 0), middle_a)
            end = (left_b + (0 if rightwards else box_w), middle_b)
            axes.add_patch(_arrow(start, end, dashed=True))
    return canvas.figure


def chain_png(
    nodes: Sequence[ChainNode],
    links: Sequence[tuple[str, str]],
    *,
    chain_titles: dict[str, str],
    title: str,
    script: Script | None = None,
) -> bytes:
    """PNG bytes of `chain_figure`."""
    figure = chain_figure(nodes, links, chain_titles=chain_titles, title=title, script=script)
    return png_bytes(figure)
