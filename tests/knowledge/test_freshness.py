"""`aixbot knowledge stale`: which entries are due a re-check, on a fixed clock."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.knowledge.files import parse_entry
from bot.knowledge.freshness import StaleEntry, months_before, stale
from bot.knowledge.models import EntryBase, EntryKind
from tests.platform.test_settings_and_cli import run_cli
from tests.samples import org_data

TODAY = date(2026, 12, 2)


def entry(entry_id: str, checked: str) -> EntryBase:
    kind, slug = entry_id.split("/")
    data = org_data(slug, checked=checked)
    if kind == "project":
        dropped = ("org_type", "founded", "headquarters", "products")
        data = {k: v for k, v in data.items() if k not in dropped}
        data.update(
            id=entry_id,
            category="compute",
            launched=2020,
            status="active",
            status_as_of=checked,
            ai_relation={"en": "None.", "zh": "无。"},
        )
    return parse_entry(data)


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 12, 2), 6, date(2026, 6, 2)),
        (date(2026, 8, 31), 6, date(2026, 2, 28)),
        (date(2024, 8, 31), 6, date(2024, 2, 29)),
        (date(2026, 3, 15), 15, date(2024, 12, 15)),
        (date(2026, 3, 15), 0, date(2026, 3, 15)),
    ],
)
def test_months_before_counts_calendar_months(day: date, months: int, expected: date) -> None:
    assert months_before(day, months) == expected


@given(st.dates(min_value=date(1900, 1, 1)), st.integers(min_value=0, max_value=600))
def test_months_before_is_that_many_months_back(day: date, months: int) -> None:
    """Never later than the day, exactly `months` months back, on the same day where it can."""
    back = months_before(day, months)
    assert back <= day
    assert (day.year - back.year) * 12 + day.month - back.month == months
    assert back.day == day.day or back.day < day.day


def test_negative_months_are_refused() -> None:
    with pytest.raises(ValueError, match="negative"):
        months_before(TODAY, -1)


def test_stale_lists_projects_first_then_oldest() -> None:
    """Older than six months: both projects before any other kind, each group oldest first;
    the entry checked exactly six months ago and the fresh ones are not listed."""
    entries = [
        entry("org/old", "2025-01-10"),
        entry("project/recent", "2026-05-01"),
        entry("org/older", "2024-03-01"),
        entry("project/oldest", "2023-07-04"),
        entry("org/edge", "2026-06-02"),
        entry("org/fresh", "2026-11-30"),
    ]
    found = stale(entries, today=TODAY, months=6)
    assert [s.entry_id for s in found] == [
        "project/oldest",
        "project/recent",
        "org/older",
        "org/old",
    ]
    assert found[1] == StaleEntry("project/recent", EntryKind.PROJECT, date(2026, 5, 1), 215)


@pytest.mark.parametrize(
    ("checked", "days", "text"),
    [
        (date(2026, 5, 1), 215, "7 months 1 day"),
        (date(2026, 6, 2), 183, "6 months"),
        (date(2026, 11, 22), 10, "10 days"),
        (date(2026, 12, 2), 0, "0 days"),
        (date(2025, 12, 2), 365, "12 months"),
    ],
)
def test_age_reads_as_months_and_days(checked: date, days: int, text: str) -> None:
    assert StaleEntry("org/x", EntryKind.ORG, checked, days).age_text() == text


def test_the_command_prints_each_stale_entry_with_its_age(tmp_path: Path) -> None:
    """`aixbot knowledge stale --months 6 --today ...`: id, checked date and age per line."""
    root = tmp_path / "knowledge" / "org"
    root.mkdir(parents=True)
    (root / "a.yaml").write_text(
        "- id: org/old-lab\n"
        "  name: {en: Old Lab, zh: 老实验室}\n"
        "  summary: {en: s, zh: 摘要}\n"
        "  body: {en: b, zh: 正文}\n"
        "  org_type: lab\n"
        "  checked: 2026-03-01\n"
        "  sources: [{url: 'https://example.org', title: t, publisher: p}]\n"
        "- id: org/new-lab\n"
        "  name: {en: New Lab, zh: 新实验室}\n"
        "  summary: {en: s, zh: 摘要}\n"
        "  body: {en: b, zh: 正文}\n"
        "  org_type: lab\n"
        "  checked: 2026-11-01\n"
        "  sources: [{url: 'https://example.org', title: t, publisher: p}]\n",
        encoding="utf-8",
    )
    env = {"KNOWLEDGE_DIR": str(tmp_path / "knowledge")}
    args = ("knowledge", "stale", "--months", "6", "--today", "2026-12-02")
    result = run_cli(*args, cwd=tmp_path, env=env)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().split("\n")
    assert lines[1] == "org/old-lab  checked 2026-03-01  age 9 months 1 day"
    assert lines[2] == "1 of 2 entries last checked before 2026-06-02 (6 months)"
    refused = run_cli("knowledge", "stale", "--months", "six", cwd=tmp_path, env=env)
    assert refused.returncode == 2
    assert "not a number of months" in refused.stderr
