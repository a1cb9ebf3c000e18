"""The year/range parser of /history and the choice of events: property tests and examples."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.errors import InvalidOption
from bot.knowledge.history import (
    FIRST_YEAR,
    LAST_YEAR,
    YearRange,
    check_bounds,
    parse_years,
    select_events,
)
from bot.knowledge.models import Event

years = st.integers(FIRST_YEAR, LAST_YEAR)
SEPARATORS = ["-", "–", "—", " - ", "~", " to ", "至", "到", "年-"]


@given(years)
def test_a_year_reads_as_itself(year: int) -> None:
    """`2017` is the range 2017-2017, with or without 年."""
    assert parse_years(str(year)) == YearRange(year, year)
    assert parse_years(f" {year}年 ") == YearRange(year, year)


@given(years, years, st.sampled_from(SEPARATORS))
def test_a_range_reads_in_order(first: int, second: int, separator: str) -> None:
    """Any separator people type gives the same range, earliest year first."""
    parsed = parse_years(f"{first}{separator}{second}")
    assert parsed == YearRange(min(first, second), max(first, second))
    assert parsed.start <= parsed.end


@given(st.integers(180, 209))
def test_a_decade_reads_as_ten_years(decade: int) -> None:
    """`1980s` and `1980年代` mean 1980-1989."""
    assert parse_years(f"{decade}0s") == YearRange(decade * 10, decade * 10 + 9)
    assert parse_years(f"{decade}0年代") == YearRange(decade * 10, decade * 10 + 9)


@given(st.text(max_size=40))
def test_any_text_is_a_range_or_a_clear_refusal(text: str) -> None:
    """Whatever is typed, the parser returns an in-bounds range or raises InvalidOption."""
    outcome: YearRange | InvalidOption
    try:
        outcome = parse_years(text)
    except InvalidOption as exc:
        outcome = exc
    if isinstance(outcome, InvalidOption):
        assert outcome.params["option"] == "year"
        assert outcome.params["expected"] == "expected.years"  # a message key, not English
        assert outcome.params["example"] == "2010-2015"
    else:
        assert FIRST_YEAR <= outcome.start <= outcome.end <= LAST_YEAR


@pytest.mark.parametrize("text", ["", "17", "20017", "1700", "2017-", "two thousand", "2017-20x5"])
def test_malformed_years_are_refused(text: str) -> None:
    """Short, long, out-of-range and half-typed years are refused, not guessed."""
    with pytest.raises(InvalidOption):
        parse_years(text)


@given(st.none() | years, st.none() | years)
def test_timeline_bounds_are_ordered_or_refused(start: int | None, end: int | None) -> None:
    """Open ends reach the limits; an end before the start is refused naming `end`."""
    if start is not None and end is not None and start > end:
        with pytest.raises(InvalidOption) as raised:
            check_bounds(start, end)
        assert raised.value.params["option"] == "end"
    else:
        bounds = check_bounds(start, end)
        assert bounds.start == (FIRST_YEAR if start is None else start)
        assert bounds.end == (LAST_YEAR if end is None else end)


def _event(slug: str, date: str, wave: int | None) -> Event:
    return Event.model_validate(
        {
            "id": f"event/{slug}",
            "name": {"en": slug, "zh": slug},
            "summary": {"en": "s", "zh": "摘要"},
            "body": {"en": "b", "zh": "正文"},
            "checked": "2026-11-01",
            "sources": [{"url": "https://example.org/", "title": "t", "publisher": "p"}],
            "date": date,
            "wave": wave,
        }
    )


def test_events_are_chosen_by_years_and_wave_oldest_first() -> None:
    """Only events inside the range (and wave) are kept, ordered by date then id."""
    events = [
        _event("late", "2017-10", 3),
        _event("early", "2017", 3),
        _event("outside", "2018-01-01", 3),
        _event("old", "1956-08", 1),
    ]
    chosen = select_events(events, YearRange(2017, 2017))
    assert [e.slug for e in chosen] == ["early", "late"]
    assert [e.slug for e in select_events(events, YearRange(1900, 2100), 1)] == ["old"]


def test_year_suggestions_offer_years_with_events_then_decades() -> None:
    """Typed digits narrow to years that have events and to their decades; empty shows newest."""
    from bot.knowledge.files import DEFAULT_ROOT, load_knowledge
    from bot.knowledge.history import year_suggestions
    from bot.knowledge.models import Event

    events = [e for e in load_knowledge(DEFAULT_ROOT).entries if isinstance(e, Event)]
    assert year_suggestions(events, "201") == [
        *sorted({str(e.year) for e in events if str(e.year).startswith("201")}),
        "2010-2019",
    ]
    newest = year_suggestions(events, "")
    assert len(newest) == 25
    assert newest[0] == "2020-2029"
    assert year_suggestions(events, "1899") == []
