"""A chart laid out in pixels for a phone: text measured, wrapped to a width, never shrunk.

Discord shows an image at the chat column's width, about 400 CSS px on a phone at 2-3x density:
an image about 1,080 px wide, whose text must be drawn at least ~28 px tall to be read there.
Charts built on this canvas place every text at a measured pixel position, so the layout can
grow a figure to fit its rows instead of shrinking the text or letting labels collide.
"""

from __future__ import annotations

import io
import math
import re
from dataclasses import dataclass

from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from PIL import Image

WIDTH = 1080
"""Pixels: a phone's chat column (~400 CSS px) at 2.7x density."""
DPI = 100
MIN_TEXT_PX = 28
"""The smallest line of text a chart may draw, in pixels: its rendered line height."""
INK = "#23272A"
MUTED = "#4F545C"
PALETTE_COLOURS = 64
"""Colours kept in the PNG: flat fills and anti-aliased text need few, and it makes the file
several times smaller than matplotlib's RGBA output."""

_CJK = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef"
_OPENING = "（《「『【“‘"
_CLOSING = "，。、：；！？）》」』】”’"
TOKENS = re.compile(
    rf"[{_OPENING}]*(?:[{_CJK}]|[^\s{_CJK}]+)[{_CLOSING}]*|\s+",
)
"""A wrap point before each Han character or Latin word; punctuation stays with its word."""


def points(pixels: float) -> float:
    """A font size in points drawing an em of `pixels` at the canvas's DPI."""
    return pixels * 72 / DPI


@dataclass(frozen=True, slots=True)
class Font:
    family: tuple[str, ...]
    pixels: float
    bold: bool = False

    @property
    def props(self) -> FontProperties:
        return FontProperties(
            family=list(self.family),
            size=points(self.pixels),
            weight="bold" if self.bold else "normal",
        )

    @property
    def line(self) -> float:
        """Distance between the baselines of two wrapped lines, in pixels."""
        return self.pixels * 1.3


def renderer_of(figure: Figure) -> RendererAgg:
    """The Agg renderer of `figure` at its size now, to measure text as it will be drawn.
    matplotlib's Agg backend has no type hints: this call and the measuring one are its API."""
    renderer: RendererAgg = FigureCanvasAgg(figure).get_renderer()  # type: ignore[no-untyped-call]
    return renderer


class Canvas:
    """A figure `WIDTH` px wide whose data coordinates are pixels, y growing downwards."""

    def __init__(self) -> None:
        self.figure = Figure(figsize=(WIDTH / DPI, 1), dpi=DPI, facecolor="white")
        self._renderer = renderer_of(self.figure)

    def width_of(self, text: str, font: Font) -> float:
        measure = self._renderer.get_text_width_height_descent
        width, _, _ = measure(text, font.props, ismath=False)  # type: ignore[no-untyped-call]
        return float(width)

    def wrap(self, text: str, font: Font, width: float, *, max_lines: int = 3) -> list[str]:
        """`text` in lines no wider than `width`; past `max_lines` the last line ends in '…'."""
        lines: list[str] = []
        current = ""
        for token in TOKENS.findall(text):
            trial = current + token
            if not current or self.width_of(trial.rstrip(), font) <= width:
                current = trial
                continue
            lines.append(current.rstrip())
            current = token.lstrip()
        if current.strip():
            lines.append(current.rstrip())
        lines = [piece for line in lines for piece in self._split_long(line, font, width)]
        if len(lines) <= max_lines:
            return lines
        last = lines[max_lines - 1]
        while last and self.width_of(last + "…", font) > width:
            last = last[:-1]
        return [*lines[: max_lines - 1], last.rstrip() + "…"]

    def _split_long(self, line: str, font: Font, width: float) -> list[str]:
        """A single word wider than the line (a long name) broken between characters."""
        pieces: list[str] = []
        while line and self.width_of(line, font) > width:
            cut = len(line) - 1
            while cut > 1 and self.width_of(line[:cut], font) > width:
                cut -= 1
            pieces.append(line[:cut])
            line = line[cut:]
        return [*pieces, line] if line else pieces

    def axes(self, height: float) -> Axes:
        """The drawing surface, once the layout knows how tall the figure must be."""
        height = math.ceil(height)  # whole pixels: the PNG is as tall as the layout says
        self.figure.set_size_inches(WIDTH / DPI, height / DPI)
        axes = self.figure.add_axes((0.0, 0.0, 1.0, 1.0))
        axes.set_xlim(0, WIDTH)
        axes.set_ylim(height, 0)
        axes.axis("off")
        return axes


def text(
    axes: Axes,
    x: float,
    y: float,
    lines: list[str],
    font: Font,
    *,
    color: str = INK,
    ha: str = "left",
) -> None:
    """Wrapped lines drawn with their top at `y`; text is never read as mathtext ($ in names)."""
    axes.text(
        x,
        y,
        "\n".join(lines),
        fontproperties=font.props,
        va="top",
        ha=ha,
        linespacing=1.3,
        parse_math=False,
        color=color,
    )


def png_bytes(figure: Figure) -> bytes:
    """The figure as a small PNG: drawn by Agg, then stored with a palette of few colours
    (octree quantizing: a third of the time of median cut, for a file as small)."""
    raw = io.BytesIO()
    figure.savefig(raw, format="rgba", facecolor="white")
    width = round(figure.bbox.width)
    data = raw.getvalue()
    image = Image.frombytes("RGBA", (width, len(data) // (4 * width)), data)
    small = image.convert("RGB").quantize(PALETTE_COLOURS, method=Image.Quantize.FASTOCTREE)
    out = io.BytesIO()
    small.save(out, format="png")
    return out.getvalue()
