"""The entry models: any valid entry round-trips, any invalid one is refused by field name."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from bot.knowledge.files import parse_entry
from bot.knowledge.models import BODY_MAX, NAME_MAX, SUMMARY_MAX, Event, Term

han = st.text(
    alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5), min_size=1, max_size=30
)
latin = st.text(
    alphabet=st.characters(whitelist_categories=("Lu", "Ll", "Nd")), min_size=1, max_size=40
)
slugs = st.from_regex(r"[a-z0-9][a-z0-9-]{0,30}", fullmatch=True)
dates = st.dates().filter(lambda d: d.year >= 1000).map(lambda d: d.isoformat())


@st.composite
def valid_terms(draw: st.DrawFn) -> dict[str, Any]:
    return {
        "id": f"term/{draw(slugs)}",
        "name": {"en": draw(latin), "zh": draw(han)},
        "aliases": draw(st.lists(latin, max_size=3)),
        "summary": {"en": draw(latin), "zh": draw(han)},
        "body": {"en": draw(latin), "zh": draw(han)},
        "checked": "2026-11-01",
        "sources": [
            {
                "url": "https://arxiv.org/abs/1706.03762",
                "title": draw(latin),
                "publisher": "arXiv",
                "date": draw(dates),
            }
        ],
        "formula": draw(st.none() | latin),
    }


@given(valid_terms())
def test_valid_terms_round_trip(raw: dict[str, Any]) -> None:
    """A valid term parses, dumps and parses back to an equal entry."""
    entry = parse_entry(raw)
    assert isinstance(entry, Term)
    assert parse_entry(entry.model_dump(mode="json")) == entry


BREAKERS: list[tuple[str, Any, str]] = [
    ("id", "Term/Transformer", "id"),
    ("id", "event/wrong-kind", "id"),
    ("name", {"en": "x" * (NAME_MAX + 1), "zh": "名"}, "name"),
    ("summary", {"en": "ok", "zh": "no chinese here"}, "summary"),
    ("summary", {"en": "y" * (SUMMARY_MAX + 1), "zh": "摘要"}, "summary"),
    ("body", {"en": "   ", "zh": "正文"}, "body"),
    ("body", {"en": "z" * (BODY_MAX + 1), "zh": "正文"}, "body"),
    ("sources", [], "sources"),
    ("sources", [{"url": "not a url", "title": "t", "publisher": "p"}], "sources"),
    (
        "sources",
        [{"url": "https://a.org", "title": "t", "publisher": "p", "date": "2023-02-30"}],
        "sources",
    ),
    ("related", ["term/Bad Id"], "related"),
    ("unexpected_field", 1, "unexpected_field"),
]


@given(valid_terms(), st.sampled_from(BREAKERS))
def test_invalid_terms_are_refused_naming_the_field(
    raw: dict[str, Any], breaker: tuple[str, Any, str]
) -> None:
    """Breaking any one field is refused, and the error names that field."""
    field, value, named = breaker
    broken = dict(raw, **{field: value})
    with pytest.raises((ValidationError, ValueError)) as caught:
        parse_entry(broken)
    assert named in str(caught.value)


@pytest.mark.parametrize(
    ("date", "precision"), [("1956", "year"), ("2017-06", "month"), ("2022-11-30", "day")]
)
def test_event_date_precision_follows_the_text(date: str, precision: str) -> None:
    """An event's precision is what its date says, no more."""
    event = Event.model_validate(
        {
            "id": "event/x",
            "name": {"en": "X", "zh": "X"},
            "summary": {"en": "s", "zh": "摘要"},
            "body": {"en": "b", "zh": "正文"},
            "checked": "2026-11-01",
            "sources": [{"url": "https://a.org", "title": "t", "publisher": "p"}],
            "date": date,
        }
    )
    assert event.precision == precision
    assert event.year == int(date[:4])


def _model(**arch: Any) -> dict[str, Any]:
    return {
        "id": "model/moe-test",
        "checked": "2026-11-01",
        "name": {"en": "MoE test", "zh": "混合专家测试"},
        "summary": {"en": "A test model.", "zh": "测试模型。"},
        "body": {"en": "A test model.", "zh": "测试模型。"},
        "sources": [
            {"url": "https://arxiv.org/abs/2401.04088", "title": "t", "publisher": "arXiv"}
        ],
        "organisation": "Test",
        "released": "2025-01",
        "params": 30e9,
        "active_params": 3e9,
        **arch,
    }


@pytest.mark.parametrize(
    ("experts", "active", "ok"),
    [(128, 8, True), (8, 8, True), (None, None, True), (128, None, True), (8, 16, False)],
)
def test_active_experts_are_at_most_the_experts(
    experts: int | None, active: int | None, ok: bool
) -> None:
    """A token cannot use more routed experts than a layer has."""
    raw = _model(experts=experts, active_experts=active)
    if ok:
        assert parse_entry(raw).model_dump()["active_experts"] == active
    else:
        with pytest.raises(ValidationError, match="active_experts"):
            parse_entry(raw)


def test_active_experts_need_the_expert_count() -> None:
    """An active-expert count alone says nothing about how sparse the layer is, so it is refused."""
    with pytest.raises(ValidationError, match="active_experts needs experts"):
        parse_entry(_model(active_experts=8))
