"""The industry chains diagram on a phone: no label on another, none too small to read."""

from __future__ import annotations

import pytest

from bot.charts.canvas import WIDTH
from bot.charts.chain import ChainNode, chain_figure, chain_png
from bot.i18n import Lang, t
from bot.i18n.script import Script, in_script
from bot.knowledge.files import DEFAULT_ROOT, load_knowledge
from bot.knowledge.models import Segment
from tests.charts.legibility import assert_legible, needs_cjk_font, png_size

SEGMENTS = [e for e in load_knowledge(DEFAULT_ROOT).entries if isinstance(e, Segment)]


def drawing(lang: Lang, script: Script | None) -> dict[str, object]:
    shown: Script = script or "hans"
    return {
        "nodes": [
            ChainNode(s.id, in_script(s.name.pick(lang), shown), s.chain, s.order) for s in SEGMENTS
        ],
        "links": [(s.id, d) for s in SEGMENTS for d in s.downstream],
        "chain_titles": {
            c: in_script(t(f"industry.chain.{c}", lang), shown) for c in ("ai", "crypto-ai")
        },
        "title": in_script(t("industry.title", lang), shown),
        "script": script,
    }


@pytest.mark.parametrize(
    ("lang", "script"),
    [
        pytest.param("en", None, id="en"),
        pytest.param("zh", "hans", id="zh-CN", marks=needs_cjk_font),
        pytest.param("zh", "hant", id="zh-TW", marks=needs_cjk_font),
    ],
)
def test_the_chains_are_legible_on_a_phone(lang: Lang, script: Script | None) -> None:
    """Every segment's name drawn, none overlapping, none under 28 px, none off the image."""
    args = drawing(lang, script)
    figure = chain_figure(**args)  # type: ignore[arg-type]
    boxes = assert_legible(figure)
    assert figure.bbox.width == WIDTH
    drawn = " ".join("".join(text.get_text().split()) for text, _ in boxes)
    for node in args["nodes"]:  # type: ignore[attr-defined]
        assert "".join(node.label.split())[:6] in drawn


def test_the_png_is_phone_sized_and_small() -> None:
    data = chain_png(**drawing("en", None))  # type: ignore[arg-type]
    width, height = png_size(data)
    assert width == WIDTH
    assert height < 1600
    assert len(data) < 80_000
