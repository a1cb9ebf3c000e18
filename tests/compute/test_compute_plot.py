"""The compute chart: a PNG a phone can read, whatever the spread of the numbers."""

from __future__ import annotations

import pytest

from bot.charts.canvas import WIDTH
from bot.charts.compute_plot import HEIGHT, compute_figure, compute_plot
from bot.charts.jobs import Labels, Point
from bot.compute.catalog import reference
from bot.i18n import Lang, t
from bot.i18n.script import Script, in_script
from bot.knowledge.models import EntryBase, Model
from tests.charts.legibility import assert_legible, needs_cjk_font, png_size

LABELS = Labels("title", "x", "y", "references", "optimal", "run: 175B → 3.15e23 FLOPs")


def labels(lang: Lang, script: Script) -> Labels:
    def text(key: str, **values: str) -> str:
        return in_script(t(key, lang, **values), script)

    return Labels(
        title=text("compute.chart.title"),
        x=text("compute.chart.x"),
        y=text("compute.chart.y"),
        references=text("compute.chart.references"),
        optimal=text("compute.chart.optimal"),
        run=text("compute.chart.run", value="70B → 6.3e24 FLOPs"),
    )


def test_chart_is_a_phone_sized_png() -> None:
    """1,080 px wide (a phone's column at ~2.7x), a few tens of KB."""
    data = compute_plot(
        [Point("GPT-3 (175B)", 175e9, 3.14e23), Point("Chinchilla (70B)", 70e9, 5.76e23)],
        Point("175B → 3.15e23 FLOPs", 175e9, 3.15e23),
        LABELS,
    )
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    assert png_size(data) == (WIDTH, HEIGHT)
    assert len(data) < 80_000


def test_chart_with_a_run_far_outside_the_references() -> None:
    """A tiny run among large models still renders (the axes stretch to include it)."""
    data = compute_plot([Point("GPT-3 (175B)", 175e9, 3.14e23)], Point("run", 1e3, 1e7), LABELS)
    assert data.startswith(b"\x89PNG")


@pytest.mark.parametrize(
    ("lang", "script"),
    [
        pytest.param("en", None, id="en"),
        pytest.param("zh", "hans", id="zh-CN", marks=needs_cjk_font),
        pytest.param("zh", "hant", id="zh-TW", marks=needs_cjk_font),
    ],
)
@pytest.mark.parametrize(("params", "flops"), [(70e9, 6.3e24), (1e9, 1e21), (2e12, 1e26)])
def test_every_shipped_model_on_one_legible_chart(
    entries: dict[str, EntryBase],
    lang: Lang,
    script: Script | None,
    params: float,
    flops: float,
) -> None:
    """All shipped reference models: names never overlap each other, a point or the image's
    edge, every text is at least 28 px tall; the names nearest the run are the ones shown."""
    models = [reference(e) for e in entries.values() if isinstance(e, Model)]
    points = [Point(r.name.en, r.params, r.flops) for r in models if r.flops is not None]
    run = Point("run", params, flops)
    figure = compute_figure(points, run, labels(lang, script or "hans"), script=script)
    boxes = assert_legible(figure)
    names = {text.get_text() for text, _ in boxes} & {p.label for p in points}
    assert len(names) >= 8
