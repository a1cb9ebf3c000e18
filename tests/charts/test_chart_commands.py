"""The industry diagram and the compute chart through the real tree: phone-sized PNGs whose
labels are drawn in the reader's language and script (Traditional for zh-TW)."""

from __future__ import annotations

import struct
from typing import Any

import pytest

from bot.charts import chain, compute_plot
from bot.charts.canvas import WIDTH
from bot.i18n.script import to_traditional
from offline import Actor, OfflineDiscord
from tests.charts.legibility import needs_cjk_font

READERS = [
    pytest.param("en-US", None, id="en"),
    pytest.param("zh-CN", "hans", id="zh-CN", marks=needs_cjk_font),
    pytest.param("zh-TW", "hant", id="zh-TW", marks=needs_cjk_font),
]


def png_width(data: bytes) -> int:
    return int(struct.unpack(">I", data[16:20])[0])


@pytest.fixture
def drawn(discord_env: OfflineDiscord, monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """What the cogs asked the charts to draw (the real charts still draw it)."""
    calls: list[dict[str, Any]] = []
    chain_png, plot = chain.chain_png, compute_plot.compute_plot

    def chain_spy(nodes: Any, links: Any, **kwargs: Any) -> bytes:
        calls.append({"labels": [n.label for n in nodes], **kwargs})
        return chain_png(nodes, links, **kwargs)

    def compute_spy(references: Any, run: Any, labels: Any, **kwargs: Any) -> bytes:
        calls.append({"labels": labels, **kwargs})
        return plot(references, run, labels, **kwargs)

    # The jobs import the drawing functions when they draw (in a thread here: tests/conftest.py).
    monkeypatch.setattr(chain, "chain_png", chain_spy)
    monkeypatch.setattr(compute_plot, "compute_plot", compute_spy)
    return calls


@pytest.mark.parametrize(("locale", "script"), READERS)
async def test_industry_chain_diagram_in_the_readers_script(
    discord_env: OfflineDiscord, drawn: list[dict[str, Any]], locale: str, script: str | None
) -> None:
    exchange = await discord_env.command("industry chain", Actor(locale=locale))
    ((name, data),) = exchange.files
    assert name == "chain.png"
    assert png_width(data) == WIDTH
    (call,) = drawn
    assert call["script"] == script
    title = call["title"]
    expected = {
        None: "The industry chains at a glance",
        "hans": "产业链全景",
        "hant": to_traditional("产业链全景"),
    }[script]
    assert title == expected
    if script == "hant":
        assert "產業鏈" in call["chain_titles"]["ai"]
        assert any("資料" in label for label in call["labels"])  # 数据 as Taiwan writes it


@pytest.mark.parametrize(("locale", "script"), READERS)
async def test_compute_chart_in_the_readers_script(
    discord_env: OfflineDiscord, drawn: list[dict[str, Any]], locale: str, script: str | None
) -> None:
    exchange = await discord_env.command(
        "compute train", Actor(locale=locale), params="70B", tokens="15T", chart=True
    )
    data = next(d for n, d in exchange.files if n.endswith(".png"))
    assert png_width(data) == WIDTH
    (call,) = drawn
    assert call["script"] == script
    labels = call["labels"]
    expected = {None: "Training compute", "hans": "训练算力", "hant": "訓練算力"}[script]
    assert labels.title.startswith(expected)
    assert "70B" in labels.run  # the run's figures are in the legend
