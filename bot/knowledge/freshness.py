"""Which entries are due for a re-check: `aixbot knowledge stale --months N`.

Crypto statuses move monthly, and a fact checked long ago is only as good as that day; the
report puts projects first because their status is what goes stale fastest, then the oldest.
The clock is a parameter, so a report (and its test) is the same whatever day it runs.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from bot.knowledge.models import EntryBase, EntryKind


def months_before(day: date, months: int) -> date:
    """The same day `months` calendar months earlier (the month's last day where it is
    shorter: 31 August minus 6 months is 28 or 29 February)."""
    if months < 0:
        raise ValueError("months must not be negative")
    return _months_after(day, -months)


@dataclass(frozen=True, slots=True)
class StaleEntry:
    entry_id: str
    kind: EntryKind
    checked: date
    age_days: int

    def age_text(self) -> str:
        """Whole calendar months and the days over, as a reader counts them: `7 months 3 days`."""
        today = self.checked + timedelta(days=self.age_days)
        months = 0
        while _months_after(self.checked, months + 1) <= today:
            months += 1
        days = (today - _months_after(self.checked, months)).days
        parts = [f"{months} month{'s' * (months != 1)}"] if months else []
        if days or not parts:
            parts.append(f"{days} day{'s' * (days != 1)}")
        return " ".join(parts)


def _months_after(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def stale(entries: Iterable[EntryBase], *, today: date, months: int) -> list[StaleEntry]:
    """Entries last checked before `months` months ago: projects first, then oldest first."""
    cutoff = months_before(today, months)
    found = [
        StaleEntry(e.id, e.kind, e.checked, (today - e.checked).days)
        for e in entries
        if e.checked < cutoff
    ]
    return sorted(found, key=lambda s: (s.kind is not EntryKind.PROJECT, s.checked, s.entry_id))
