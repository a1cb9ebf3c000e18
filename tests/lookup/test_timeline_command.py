"""/history timeline through the real tree: a phone-sized chart per page, paged with the list,
its labels in the reader's language and script (Traditional for zh-TW)."""

from __future__ import annotations

import math
import struct
from typing import Any

import pytest

from bot.charts import timeline
from bot.i18n.script import to_traditional
from bot.knowledge.files import DEFAULT_ROOT, load_knowledge
from bot.knowledge.models import EntryKind
from cogs._ui.lookup import PER_PAGE
from offline import Actor, OfflineDiscord
from tests.charts.legibility import needs_cjk_font

PNG = b"\x89PNG\r\n\x1a\n"
# The whole history, a page of PER_PAGE events at a time: counted from the shipped files, so a
# new event does not break the paging check.
PAGES = math.ceil(
    sum(e.kind is EntryKind.EVENT for e in load_knowledge(DEFAULT_ROOT).entries) / PER_PAGE
)


def png_width(data: bytes) -> int:
    return int(struct.unpack(">I", data[16:20])[0])


@pytest.fixture
def drawn(discord_env: OfflineDiscord, monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """What the cog asked the chart to draw, page by page (the real chart still draws it)."""
    calls: list[dict[str, Any]] = []
    draw = timeline.timeline_png

    def spy(points: list[timeline.TimelinePoint], **kwargs: Any) -> bytes:
        calls.append({"labels": [p.label for p in points], **kwargs})
        return draw(points, **kwargs)

    # The job imports the drawing function when it draws (in a thread here: tests/conftest.py).
    monkeypatch.setattr(timeline, "timeline_png", spy)
    return calls


def page_label(message: dict[str, Any]) -> str:
    buttons = [c for row in message["components"] for c in row["components"] if c["type"] == 2]
    return str(buttons[2]["label"])


@pytest.mark.parametrize(
    ("locale", "title", "label", "counter"),
    [
        pytest.param("en-US", "AI timeline", "Computing Machinery", "Page 2 of", id="en"),
        pytest.param(
            "zh-CN", "AI 时间线", "计算机器与智能", "第 2", id="zh-CN", marks=needs_cjk_font
        ),
        pytest.param(
            "zh-TW", "AI 時間線", "計算機器與智慧", "第 2", id="zh-TW", marks=needs_cjk_font
        ),
    ],
)
async def test_every_page_brings_its_own_chart(
    discord_env: OfflineDiscord,
    drawn: list[dict[str, Any]],
    locale: str,
    title: str,
    label: str,
    counter: str,
) -> None:
    """The whole history: page 1's chart shows page 1's ten events; › redraws the chart for page
    2 (a new timeline.png on the same message), both 1,080 px wide, in the reader's script."""
    actor = Actor(locale=locale)
    first = await discord_env.command("history timeline", actor)
    (name, data), *_ = first.files
    assert name == "timeline.png"
    assert data.startswith(PNG)
    assert png_width(data) == timeline.WIDTH
    assert first.last["embeds"][0]["image"]["url"] == "attachment://timeline.png"
    assert drawn[0]["title"].startswith(title)
    assert drawn[0]["page"] == (1, PAGES)
    assert len(drawn[0]["labels"]) == 10
    assert any(label in text for text in drawn[0]["labels"])

    paged = await discord_env.press(first.message_id, actor, label="›")
    assert counter in page_label(paged.last)
    (name, second), *_ = paged.files
    assert name == "timeline.png"
    assert second != data
    assert drawn[1]["page"] == (2, PAGES)
    assert set(drawn[1]["labels"]).isdisjoint(drawn[0]["labels"])
    assert [a["filename"] for a in paged.last["attachments"]] == ["timeline.png"]

    back = await discord_env.press(first.message_id, actor, label="‹")
    assert back.files[0][1] == data  # drawn once, kept for paging back
    assert len(drawn) == 2


@needs_cjk_font
async def test_zh_tw_chart_is_traditional_and_zh_cn_simplified(
    discord_env: OfflineDiscord, drawn: list[dict[str, Any]]
) -> None:
    """The same range for both readers: every label and the legend differ only by script."""
    await discord_env.command("history timeline", Actor(locale="zh-CN"), start=2017, end=2017)
    await discord_env.command("history timeline", Actor(locale="zh-TW"), start=2017, end=2017)
    simplified, traditional = drawn
    assert simplified["script"] == "hans"
    assert traditional["script"] == "hant"
    assert traditional["labels"] == [to_traditional(label) for label in simplified["labels"]]
    assert simplified["labels"] != traditional["labels"]
    assert traditional["title"] == to_traditional(simplified["title"])
    assert "深度學習" in traditional["legend"][3]
    assert "深度学习" in simplified["legend"][3]
    assert simplified["page"] is None  # one page: no page number drawn


async def test_a_single_page_range_has_no_page_buttons(
    discord_env: OfflineDiscord, drawn: list[dict[str, Any]]
) -> None:
    """2017 alone fits one page: one chart, no paging, the legend passed for every wave."""
    exchange = await discord_env.command("history timeline", start=2017, end=2017)
    assert len(exchange.files) == 1
    assert not any(
        c["type"] == 2 for row in exchange.last.get("components", []) for c in row["components"]
    )
    assert drawn[0]["script"] is None
    assert set(drawn[0]["legend"]) == {1, 2, 3}
