"""Reading a year or a range of years, and choosing the events that fall in it.

People type years the way they say them: `2017`, `2010-2015`, `2010–2015`, `2010 to 2015`,
`2010年-2015年`, `1980s`, `1980年代`. Everything else is refused with an example, never guessed.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from bot.errors import InvalidOption
from bot.knowledge.models import Event

FIRST_YEAR, LAST_YEAR = 1800, 2100
"""Wider than any event, narrow enough that a typo like 20017 is refused."""

_YEAR = r"([0-9]{4})\s*年?"
_DASH = r"\s*(?:-|~|–|—|to|until|till|至|到)\s*"
RANGE_RE = re.compile(rf"^{_YEAR}(?:{_DASH}{_YEAR})?$")
DECADE_RE = re.compile(r"^([0-9]{3})0\s*(?:'?s|年代)$")
EXAMPLE = "2010-2015"
EXPECTED = "expected.years"
"""A message key (bot/i18n): the reply says what was expected in the asker's language."""


@dataclass(frozen=True, slots=True, order=True)
class YearRange:
    start: int
    end: int

    def __contains__(self, year: object) -> bool:
        return isinstance(year, int) and self.start <= year <= self.end

    def label(self) -> str:
        return str(self.start) if self.start == self.end else f"{self.start}-{self.end}"


def _refuse(option: str, text: str) -> InvalidOption:
    return InvalidOption(option, text[:100], EXPECTED, EXAMPLE)


def parse_years(text: str, option: str = "year") -> YearRange:
    """`2017` → 2017-2017; `2015-2010` is read as 2010-2015; `1980s` as 1980-1989."""
    cleaned = unicodedata.normalize("NFKC", text).strip().casefold()
    cleaned = re.sub(r"[\u2010-\u2015]", "-", cleaned)
    decade = DECADE_RE.match(cleaned)
    if decade:
        start = int(decade.group(1)) * 10
        years = (start, start + 9)
    else:
        match = RANGE_RE.match(cleaned)
        if match is None:
            raise _refuse(option, text)
        first = int(match.group(1))
        second = int(match.group(2)) if match.group(2) else first
        years = (min(first, second), max(first, second))
    if not all(FIRST_YEAR <= y <= LAST_YEAR for y in years):
        raise _refuse(option, text)
    return YearRange(*years)


def check_bounds(start: int | None, end: int | None) -> YearRange:
    """The range of /history timeline: open ends reach the first and last years."""
    low = FIRST_YEAR if start is None else start
    high = LAST_YEAR if end is None else end
    for option, value in (("start", start), ("end", end)):
        if value is not None and not FIRST_YEAR <= value <= LAST_YEAR:
            error = InvalidOption(option, str(value), "expected.year_between", "1956")
            error.params.update(first=FIRST_YEAR, last=LAST_YEAR)
            raise error
    if low > high:
        error = InvalidOption("end", str(high), "expected.year_after_start", str(low + 10))
        error.params["start"] = low
        raise error
    return YearRange(low, high)


def select_events(
    events: Iterable[Event], years: YearRange, wave: int | None = None
) -> list[Event]:
    """The events in `years` (and of `wave`, when given), oldest first."""
    chosen = [e for e in events if e.year in years and (wave is None or e.wave == wave)]
    return sorted(chosen, key=lambda e: (e.date, e.id))


def year_suggestions(events: Iterable[Event], typed: str, limit: int = 25) -> list[str]:
    """Years that have events, then their decades as ranges, filtered by what was typed.

    With nothing typed the newest years come first: they are the ones people ask about.
    """
    years = sorted({e.year for e in events})
    decades = sorted({y // 10 * 10 for y in years})
    options = [str(y) for y in years] + [f"{d}-{d + 9}" for d in decades]
    typed = typed.strip()
    matching = [o for o in options if o.startswith(typed)] if typed else options[::-1]
    return matching[:limit]
