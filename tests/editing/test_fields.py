"""Modal text in, a clean value or an error naming the field out; prefills that round-trip."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TypeVar

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from bot.editing.fields import (
    MODAL_VALUE_MAX,
    ModalFields,
    apply_details,
    clean,
    detail_keys,
    format_details,
    format_list,
    format_sources,
    marked_copy,
    parse_aliases,
    parse_details,
    parse_reason,
    parse_sources,
    parse_text,
    slugify,
    split_list,
)
from bot.editing.forms import (
    add_form,
    build_edit,
    build_new,
    details_form,
    edit_form,
    field_error,
    suggest_form,
)
from bot.errors import InvalidField
from bot.i18n import t
from bot.knowledge.files import DEFAULT_ROOT, load_knowledge, parse_entry
from bot.knowledge.models import MODEL_FOR_KIND, SLUG_RE, EntryKind, Source
from bot.knowledge.store import entry_data
from tests.samples import SAMPLES, one_of_each

modal_text = st.text(max_size=MODAL_VALUE_MAX)
lines = st.lists(st.text(max_size=120), max_size=8).map("\n".join)
EXAMPLE = Source.model_validate(
    {"url": "https://example.org/a", "title": "Known", "publisher": "Example", "date": "2020"}
)
SHIPPED = load_knowledge(DEFAULT_ROOT).entries
TODAY = date(2026, 12, 2)
T = TypeVar("T")


def attempt(parse: Callable[[], T]) -> tuple[T | None, InvalidField | None]:
    """What a parser gave: its value, or the InvalidField it raised."""
    try:
        return parse(), None
    except InvalidField as error:
        return None, error


@given(modal_text, st.booleans())
def test_parse_text_is_clean_or_names_the_field(text: str, multiline: bool) -> None:
    """Any text: a stripped value within the limit without control characters, or the field."""
    value, error = attempt(lambda: parse_text("summary", text, 350, multiline=multiline))
    if error is not None:
        assert (error.field, error.problem in {"blank", "too_long"}) == ("summary", True)
        return
    assert value is not None
    assert value == value.strip()
    assert value
    assert len(value) <= 350
    assert clean(value, multiline=multiline) == value
    assert multiline or "\n" not in value


@given(st.one_of(modal_text, lines))
def test_parse_sources_is_clean_or_names_the_field(text: str) -> None:
    """Any text: at least one valid Source, or an error naming `sources`."""
    sources, error = attempt(lambda: parse_sources(text, [EXAMPLE]))
    if error is not None:
        assert error.field == "sources"
        return
    assert sources
    assert all(isinstance(s, Source) for s in sources)


source_lines = st.lists(
    st.sampled_from(["https://example.org/a", "https://arxiv.org/abs/1", "x"])
).map(lambda urls: "\n".join(f"{u} Title {i}" for i, u in enumerate(urls)))
detail_values = st.dictionaries(
    st.sampled_from(["date", "status", "token", "wave", "launched", "role", "related", "params"]),
    st.text(max_size=40),
)


@given(source_lines)
def test_source_lines_keep_what_the_line_cannot_say(text: str) -> None:
    """A known URL keeps its publisher and date; a new one is published by its host."""
    sources, error = attempt(lambda: parse_sources(text, [EXAMPLE]))
    if error is not None:
        assert error.problem in {"source_required", "bad_source_line"}
        return
    assert sources is not None
    for source in sources:
        if str(source.url) == str(EXAMPLE.url):
            assert (source.publisher, source.date) == ("Example", "2020")
        else:
            assert source.publisher == source.url.host


@given(modal_text)
def test_parse_aliases_is_clean_or_names_the_field(text: str) -> None:
    """Any text: distinct, stripped, bounded names, or an error naming `aliases`."""
    aliases, error = attempt(lambda: parse_aliases(text))
    if error is not None:
        assert (error.field, error.problem in {"unclosed_quote", "item_too_long"}) == (
            "aliases",
            True,
        )
        return
    assert aliases is not None
    assert all(a == a.strip() and a and len(a) <= 100 for a in aliases)
    assert len(set(aliases)) == len(aliases)


alias = st.text(st.characters(blacklist_categories=("Cc", "Cs")), min_size=1, max_size=30).map(
    lambda s: " ".join(s.split())
)


@given(st.lists(alias.filter(bool), max_size=6))
def test_lists_round_trip_through_their_prefill(items: list[str]) -> None:
    """format_list then split_list gives the same items, commas and quotes included."""
    assert split_list("aliases", format_list(items)) == items


def test_an_alias_with_a_comma_is_quoted() -> None:
    """The shipped alias `fat protocols, thin applications` survives an edit."""
    text = format_list(["fat protocols, thin applications", 'the "fat" one', "FPT"])
    assert text == '"fat protocols, thin applications", "the ""fat"" one", FPT'
    assert parse_aliases(text) == ["fat protocols, thin applications", 'the "fat" one', "FPT"]


@given(st.sampled_from(list(EntryKind)), st.one_of(modal_text, lines))
def test_parse_details_is_clean_or_names_the_field(kind: EntryKind, text: str) -> None:
    """Any text: known keys of the kind with stripped values, or an error naming `details`."""
    found, error = attempt(lambda: parse_details(kind, text))
    if error is not None:
        assert error.field == "details"
        return
    assert found is not None
    assert set(found) <= set(detail_keys(kind))


@given(st.sampled_from(list(EntryKind)), detail_values)
def test_details_of_any_value_validate_or_name_a_field(
    kind: EntryKind, values: dict[str, str]
) -> None:
    """A new entry with arbitrary details either validates or fails on a named modal field."""
    allowed = set(detail_keys(kind))
    details = "\n".join(f"{k}: {v}" for k, v in values.items() if k in allowed)
    submitted = ModalFields(
        title="Some name",
        summary="A summary.",
        body="A body.",
        sources="https://example.org/ Example",
        details=details,
    )
    data, error = attempt(lambda: build_new(kind, "some-name", "en", submitted, today=TODAY))
    if data is not None:
        try:
            parse_entry(data)
        except ValidationError as exc:
            error = field_error(exc, has_details=True)
    assert error is None or error.field in {"details", "title", "summary", "body", "sources"}


@given(modal_text)
def test_slugify_is_a_valid_stable_slug_or_names_the_title(title: str) -> None:
    """Any title: a slug the id rules accept, the same every time, fixed under slugify."""
    slug, error = attempt(lambda: slugify(title))
    if error is not None:
        assert (error.field, clean(title, multiline=False)) == ("title", "")
        return
    assert slug is not None
    assert SLUG_RE.match(slug)
    assert slugify(title) == slug
    assert slugify(slug) == slug


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Flash Attention 2", "flash-attention-2"),
        ("  Mixture-of-Experts (MoE) ", "mixture-of-experts-moe"),
        ("Straße Café", "strasse-cafe"),
        ("ＧＰＴ－４", "gpt-4"),
    ],
)
def test_slugify_examples(title: str, slug: str) -> None:
    """Titles become the lowercase, hyphenated ids the shipped files use."""
    assert slugify(title) == slug


def test_a_chinese_title_gets_a_stable_hashed_slug() -> None:
    """Nothing Latin to keep: the same title always asks for the same id."""
    assert slugify("变换器") == slugify(" 变换器 ")
    assert slugify("变换器").startswith("entry-")
    assert slugify("变换器") != slugify("注意力")


@given(st.text(max_size=600))
def test_parse_reason_is_bounded(text: str) -> None:
    """A reason is cut, never refused."""
    reason = parse_reason(text)
    assert reason is None or 0 < len(reason) <= 300


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(SHIPPED),
    st.sampled_from(["en", "zh"]),
    st.builds(
        ModalFields,
        title=st.one_of(st.none(), modal_text),
        summary=st.one_of(st.none(), modal_text),
        body=st.one_of(st.none(), modal_text),
        sources=st.one_of(st.none(), modal_text),
        aliases=st.one_of(st.none(), modal_text),
        details=st.one_of(st.none(), modal_text, lines),
    ),
)
def test_any_submit_builds_data_or_names_the_field(entry, lang, submitted) -> None:  # type: ignore[no-untyped-def]
    """Whatever a modal delivers, reading it into an entry gives data or a named field."""
    _, error = attempt(lambda: build_edit(entry_data(entry), entry.kind, lang, submitted))
    assert error is None or error.field in {f for f, _ in submitted.items()}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_saving_the_prefill_unchanged_changes_nothing(lang: str) -> None:
    """For every shipped entry, the edit and details modals as prefilled give the same entry."""
    for entry in [*SHIPPED, *SAMPLES.values()]:
        data = entry_data(entry)
        for form in (
            edit_form(entry.kind, entry.id, data, lang, 1),  # type: ignore[arg-type]
            details_form(entry.kind, entry.id, data, lang, 1),  # type: ignore[arg-type]
        ):
            submitted = ModalFields(**{f.name: f.value for f in form.fields})
            rebuilt = build_edit(data, entry.kind, lang, submitted)  # type: ignore[arg-type]
            assert entry_data(parse_entry(rebuilt)) == data, (entry.id, form.action)


def test_detail_keys_cover_every_model_field() -> None:
    """Each field of each kind is a modal input, a detail key, or a nested list kept as is."""
    from bot.editing.fields import MODAL_KEYS, NESTED_KEYS

    for kind, model in MODEL_FOR_KIND.items():
        assert set(model.model_fields) == MODAL_KEYS | set(detail_keys(kind)) | (
            NESTED_KEYS & set(model.model_fields)
        )


def test_text_in_one_language_gets_a_marked_copy_in_the_other() -> None:
    """A new entry written in English still validates: its Chinese text is a marked copy."""
    data = build_new(
        EntryKind.TERM,
        "flash-attention",
        "en",
        ModalFields(
            title="Flash Attention",
            summary="Fast exact attention @everyone.",
            body="IO-aware.",
            sources="https://arxiv.org/abs/2205.14135 FlashAttention",
        ),
        today=TODAY,
    )
    entry = parse_entry(data)
    assert entry.summary.zh == "【待翻译】Fast exact attention @everyone."
    assert entry.summary.en == "Fast exact attention @everyone."
    assert entry.name.zh == "Flash Attention"
    edited = build_edit(data, EntryKind.TERM, "en", ModalFields(summary="Faster."))
    assert edited["summary"]["zh"] == "【待翻译】Faster."


def test_a_marked_copy_fits_its_limit() -> None:
    """A copy too long for the other language's limit is cut, not refused."""
    assert len(marked_copy("x" * 350, "en", 350)) == 350


def test_mentions_are_kept_as_text() -> None:
    """`@everyone` and `<@123>` are stored as typed; the renderer escapes them."""
    assert parse_text("body", "Hi @everyone <@123> @here", 100, multiline=True) == (
        "Hi @everyone <@123> @here"
    )


def test_format_sources_round_trips_with_known_sources() -> None:
    """The sources prefill parses back to the same sources."""
    for entry in SHIPPED:
        assert parse_sources(format_sources(entry.sources), entry.sources) == entry.sources


def test_format_details_lists_every_key() -> None:
    """The details prefill shows each key of the kind, empty where the entry has no value."""
    entry = next(e for e in SHIPPED if e.kind is EntryKind.PROJECT)
    text = format_details(entry.kind, entry_data(entry), "en")
    assert [line.split(":", 1)[0] for line in text.split("\n")] == detail_keys(entry.kind)


@pytest.mark.parametrize("kind", list(EntryKind))
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_form_fits_a_discord_modal(kind: EntryKind, lang: str) -> None:
    """At most five inputs, values within their limits, labels of at most 45 characters."""
    entry = one_of_each(SHIPPED)[kind]
    data = entry_data(entry)
    built = [
        edit_form(kind, entry.id, data, lang, 1),  # type: ignore[arg-type]
        details_form(kind, entry.id, data, lang, 1),  # type: ignore[arg-type]
        add_form(kind, lang, "x" * 500),  # type: ignore[arg-type]
        suggest_form(kind, entry.id, data, lang, 1),  # type: ignore[arg-type]
        suggest_form(kind, None, None, lang, None),  # type: ignore[arg-type]
    ]
    for form in built:
        assert 1 <= len(form.fields) <= 5
        for field in form.fields:
            assert len(field.value) <= field.max_length <= MODAL_VALUE_MAX
            assert 1 <= len(t(field.label_key, lang)) <= 45  # type: ignore[arg-type]


def test_a_refused_form_reopens_with_what_was_typed() -> None:
    """After a refusal the same modal comes back holding the editor's text."""
    form = add_form(EntryKind.TERM, "en", "Flash")
    again = form.with_values(ModalFields(title="Flash Attention", summary="typed"))
    assert [f.value for f in again.fields][:3] == ["Flash Attention", "typed", ""]
    assert again.based_on is None
    assert form.fields[0].value == "Flash"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_moderator_edits_the_misreport_and_the_note_apart(lang: str) -> None:
    """`misreport` and `note` are separate detail keys: each is written in one language, the
    other kept, and an empty value clears one without touching the other."""
    entry = next(e for e in SHIPPED if e.misreport is not None and e.note is None)
    data = entry_data(entry)
    typed = {"en": "The report says 2019; it was 2018.", "zh": "该报告称 2019 年，实为 2018 年。"}
    text = typed[lang]
    edited = apply_details(data, entry.kind, lang, parse_details(entry.kind, f"misreport: {text}"))
    parsed = parse_entry(edited)
    assert parsed.misreport is not None
    assert parsed.misreport.pick(lang) == text
    assert entry.misreport is not None
    assert parsed.misreport.pick("zh" if lang == "en" else "en") == entry.misreport.pick(
        "zh" if lang == "en" else "en"
    )
    noted = apply_details(edited, entry.kind, lang, parse_details(entry.kind, f"note: {text}"))
    cleared = apply_details(noted, entry.kind, lang, parse_details(entry.kind, "misreport:"))
    assert parse_entry(cleared).misreport is None
    assert parse_entry(cleared).note is not None
    assert "misreport" in detail_keys(entry.kind)
    assert "note" in detail_keys(entry.kind)
