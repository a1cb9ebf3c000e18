"""The timeline PNG on a phone: one row per event, no label on another, none too small to read."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.charts.canvas import WIDTH
from bot.charts.fonts import cjk_family, covers
from bot.charts.timeline import TimelinePoint, fractional_year, timeline_figure, timeline_png
from bot.i18n import Lang, t
from bot.i18n.script import Script, in_script
from bot.knowledge.files import DEFAULT_ROOT, load_knowledge
from bot.knowledge.models import Event
from tests.charts.legibility import assert_legible, needs_cjk_font, png_size

PER_PAGE = 10
MAX_PNG = 80_000
"""Bytes: a page of the timeline stays well under this (about 40 KB drawn)."""

EVENTS = sorted(
    (e for e in load_knowledge(DEFAULT_ROOT).entries if isinstance(e, Event)),
    key=lambda e: e.date,
)
RANGES = {
    "full history": EVENTS,
    "2017-2025": [e for e in EVENTS if 2017 <= e.year <= 2025],
    "2024": [e for e in EVENTS if e.year == 2024],
    "wave 1": [e for e in EVENTS if e.wave == 1],
    "wave 3": [e for e in EVENTS if e.wave == 3],
}
READERS: list[tuple[Lang, Script | None]] = [("en", None), ("zh", "hans"), ("zh", "hant")]


def pages(events: list[Event]) -> list[list[Event]]:
    return [events[i : i + PER_PAGE] for i in range(0, len(events), PER_PAGE)]


def legend(lang: Lang, script: Script | None) -> dict[int, str]:
    return {w: in_script(t(f"wave.{w}", lang), script or "hans") for w in (1, 2, 3)}


def page_args(
    events: list[Event], lang: Lang, script: Script | None, number: int, count: int
) -> dict[str, object]:
    shown: Script = script or "hans"
    return {
        "points": [
            TimelinePoint(fractional_year(e.date), in_script(e.name.pick(lang), shown), e.wave)
            for e in events
        ],
        "title": in_script(t("history.timeline_title", lang, years="1950-2025"), shown),
        "legend": legend(lang, script),
        "page": (number, count),
        "script": script,
    }


def cases() -> list[object]:
    found = []
    for lang, script in READERS:
        marks = [needs_cjk_font] if script else []
        for name, events in RANGES.items():
            chunks = pages(events)
            # Every page of the longest ranges in English and Traditional (the widest labels),
            # the first and last page of the others.
            every = name in ("full history", "2017-2025") and script != "hans"
            numbers = range(len(chunks)) if every else {0, len(chunks) - 1}
            for number in sorted(numbers):
                found.append(
                    pytest.param(
                        lang,
                        script,
                        chunks[number],
                        number + 1,
                        len(chunks),
                        id=f"{script or lang}-{name}-page{number + 1}",
                        marks=marks,
                    )
                )
    return found


@pytest.mark.parametrize(("lang", "script", "events", "number", "count"), cases())
def test_every_page_is_legible_on_a_phone(
    lang: Lang, script: Script | None, events: list[Event], number: int, count: int
) -> None:
    """No two texts overlap, every line is at least MIN_TEXT_PX tall, nothing runs off the
    image, each event's label is on it, and the legend names only the waves drawn."""
    args = page_args(events, lang, script, number, count)
    figure = timeline_figure(**args)  # type: ignore[arg-type]
    boxes = assert_legible(figure)
    assert figure.bbox.width == WIDTH
    drawn = " ".join(text.get_text().replace("\n", " ") for text, _ in boxes)
    for point in args["points"]:  # type: ignore[attr-defined]
        assert point.label.split()[0] in drawn
    squeezed = {"".join(text.get_text().split()) for text, _ in boxes}
    listed = {w for w, name in legend(lang, script).items() if "".join(name.split()) in squeezed}
    assert listed == {e.wave for e in events}


def test_the_png_is_phone_sized_and_small() -> None:
    """1,080 px wide, as tall as its rows, a few tens of KB (a palette PNG)."""
    chunk = pages(RANGES["2017-2025"])[0]
    data = timeline_png(**page_args(chunk, "en", None, 1, 4))  # type: ignore[arg-type]
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = png_size(data)
    assert width == WIDTH
    assert 600 < height < 1600
    assert len(data) < MAX_PNG


@needs_cjk_font
@pytest.mark.parametrize("script", ["hans", "hant", "hk"])
def test_the_font_has_every_glyph_of_every_event(script: Script) -> None:
    """Every shipped event name, converted to the reader's script, is drawn by the chart's font
    (no box for a missing Traditional character)."""
    family = cjk_family(script)
    assert family is not None
    missing = [
        in_script(e.name.zh, script)
        for e in EVENTS
        if not covers(family, in_script(e.name.zh, script))
    ]
    assert missing == []


def test_a_label_too_long_for_three_lines_ends_in_an_ellipsis() -> None:
    """A moderator's very long event name is cut on its third line, not shrunk."""
    long = TimelinePoint(2020.5, "word " * 80, 3)
    figure = timeline_figure([long], title="AI timeline", legend={3: "3rd wave"})
    boxes = assert_legible(figure)
    label = next(text.get_text() for text, _ in boxes if text.get_text().startswith("word"))
    assert label.count("\n") == 2
    assert label.endswith("…")


LABELS = st.text(
    st.one_of(
        st.characters(min_codepoint=0x20, max_codepoint=0x7E),
        st.sampled_from("时间线浪潮深度学习模型《》（）：，"),
    ),
    min_size=1,
    max_size=120,
).filter(str.strip)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(LABELS, st.sampled_from([1, 2, 3, None])), min_size=1, max_size=10))
def test_any_labels_stay_apart_and_readable(rows: list[tuple[str, int | None]]) -> None:
    """Whatever names moderators give events ($ signs, one long word, mixed scripts), the page
    keeps every text apart, inside the image and at least MIN_TEXT_PX tall."""
    script: Script | None = "hans" if cjk_family("hans") else None
    points = [TimelinePoint(2000 + i, label, wave) for i, (label, wave) in enumerate(rows)]
    figure = timeline_figure(
        points, title="AI timeline", legend={1: "1st", 2: "2nd", 3: "3rd"}, script=script
    )
    assert_legible(figure)
