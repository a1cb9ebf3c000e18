"""What a phone needs of a chart, measured on the figure matplotlib drew."""

from __future__ import annotations

import os
import struct
from typing import Any

import pytest
from matplotlib.figure import Figure
from matplotlib.text import Text
from matplotlib.transforms import Bbox

from bot.charts.canvas import MIN_TEXT_PX
from bot.charts.fonts import cjk_family

needs_cjk_font = pytest.mark.skipif(
    cjk_family("hans") is None and not os.environ.get("CI"),
    reason="no CJK font installed (apt-get install fonts-wqy-microhei; CI installs it)",
)
"""Chinese charts are drawn only with a CJK font: CI has one (.ci/run), so there it never skips."""


def png_size(data: bytes) -> tuple[int, int]:
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def drawn_texts(figure: Figure) -> list[tuple[Text, Bbox]]:
    """Every text the figure really draws (a tick label beyond the axis limits exists but is
    never drawn), with its box in pixels as rendered."""
    renderer = figure.canvas.get_renderer()  # type: ignore[attr-defined]
    drawn: dict[int, Text] = {}
    draw = Text.draw

    def recording(self: Text, *args: Any, **kwargs: Any) -> Any:
        if self.get_visible() and self.get_text().strip():
            drawn[id(self)] = self
        return draw(self, *args, **kwargs)

    Text.draw = recording  # type: ignore[method-assign]
    try:
        figure.draw(renderer)
    finally:
        Text.draw = draw  # type: ignore[method-assign]
    return [(t, t.get_window_extent(renderer)) for t in drawn.values()]


def overlapping(boxes: list[tuple[Text, Bbox]]) -> list[tuple[str, str]]:
    """Pairs of texts whose boxes share more than a sliver (half a pixel either way)."""
    found = []
    for i, (a, box_a) in enumerate(boxes):
        for b, box_b in boxes[i + 1 :]:
            width = min(box_a.x1, box_b.x1) - max(box_a.x0, box_b.x0)
            height = min(box_a.y1, box_b.y1) - max(box_a.y0, box_b.y0)
            if width > 0.5 and height > 0.5:
                found.append((a.get_text(), b.get_text()))
    return found


def too_small(
    boxes: list[tuple[Text, Bbox]], floor: float = MIN_TEXT_PX
) -> list[tuple[str, float]]:
    """Texts whose lines are drawn less than `floor` pixels tall."""
    small = []
    for text, box in boxes:
        upright = round(text.get_rotation()) % 180 == 0
        per_line = (box.height if upright else box.width) / (text.get_text().count("\n") + 1)
        if per_line < floor:
            small.append((text.get_text(), round(per_line, 1)))
    return small


def outside(figure: Figure, boxes: list[tuple[Text, Bbox]]) -> list[str]:
    """Texts that run off the image, even by a pixel."""
    frame = figure.bbox
    return [
        t.get_text()
        for t, b in boxes
        if b.x0 < frame.x0 - 1 or b.x1 > frame.x1 + 1 or b.y0 < frame.y0 - 1 or b.y1 > frame.y1 + 1
    ]


def assert_legible(figure: Figure) -> list[tuple[Text, Bbox]]:
    """No two texts overlap, none is under the floor, none runs off the image."""
    boxes = drawn_texts(figure)
    assert boxes, "the chart draws no text"
    assert overlapping(boxes) == []
    assert too_small(boxes) == []
    assert outside(figure, boxes) == []
    return boxes
