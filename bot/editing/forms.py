"""The modals an editor or member fills in, and how their text becomes entry data.

Each form's inputs (at most five, Discord's limit) are prefilled from the entry as the guild sees
it; the matching `build_*` reads a submit back into a whole entry's data, which the service then
validates with the same pydantic models and set-wide check as the shipped files.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from pydantic import ValidationError

from bot.editing.fields import (
    FieldSpec,
    Form,
    ModalFields,
    apply_details,
    detail_keys,
    format_details,
    format_list,
    format_sources,
    parse_aliases,
    parse_details,
    parse_source_line,
    parse_sources,
    parse_text,
    set_localized,
    spec,
)
from bot.errors import InvalidField
from bot.i18n import Lang
from bot.knowledge.models import BODY_MAX, NAME_MAX, SUMMARY_MAX, EntryKind, Source

SOURCES_MAX = 4000
ALIASES_MAX = 1000
DETAILS_MAX = 4000
SOURCE_LINE_MAX = 500

FIELD_OF_KEY = {
    "name": "title",
    "summary": "summary",
    "body": "body",
    "sources": "sources",
    "aliases": "aliases",
}
"""Which modal input an entry field's validation error belongs to."""
DETAIL_KEYS_ANY = frozenset(key for kind in EntryKind for key in detail_keys(kind))


def _pick(data: Mapping[str, Any], key: str, lang: Lang) -> str:
    value = data.get(key)
    return str(value.get(lang, "")) if isinstance(value, Mapping) else ""


def _text_specs(data: Mapping[str, Any], lang: Lang) -> list[FieldSpec]:
    return [
        spec("title", NAME_MAX, _pick(data, "name", lang), paragraph=False, required=True),
        spec("summary", SUMMARY_MAX, _pick(data, "summary", lang), paragraph=True, required=True),
        spec("body", BODY_MAX, _pick(data, "body", lang), paragraph=True, required=True),
    ]


def edit_form(
    kind: EntryKind, entry_id: str, data: Mapping[str, Any], lang: Lang, based_on: int
) -> Form:
    """/edit entry: title, summary, body (in `lang`), sources and aliases (shared)."""
    fields = [
        *_text_specs(data, lang),
        spec(
            "sources",
            SOURCES_MAX,
            format_sources(data.get("sources", [])),
            paragraph=True,
            required=True,
        ),
        spec(
            "aliases",
            ALIASES_MAX,
            format_list([str(a) for a in data.get("aliases", [])]),
            paragraph=False,
            required=False,
        ),
    ]
    return Form("edit", kind, entry_id, lang, based_on, tuple(fields))


def details_form(
    kind: EntryKind, entry_id: str, data: Mapping[str, Any], lang: Lang, based_on: int
) -> Form:
    """The kind's other fields as `key: value` lines (a project's status, an event's date)."""
    value = format_details(kind, data, lang)
    field = spec("details", DETAILS_MAX, value, paragraph=True, required=False)
    return Form("details", kind, entry_id, lang, based_on, (field,))


def add_form(kind: EntryKind, lang: Lang, name: str | None = None) -> Form:
    """/edit add: title, summary, body, sources, and the kind's details (aliases among them)."""
    fields = [
        spec("title", NAME_MAX, (name or "").strip(), paragraph=False, required=True),
        spec("summary", SUMMARY_MAX, "", paragraph=True, required=True),
        spec("body", BODY_MAX, "", paragraph=True, required=True),
        spec("sources", SOURCES_MAX, "", paragraph=True, required=True),
        spec(
            "details",
            DETAILS_MAX,
            "\n".join(f"{key}:" for key in detail_keys(kind)),
            paragraph=True,
            required=False,
        ),
    ]
    return Form("add", kind, None, lang, None, tuple(fields))


def suggest_form(
    kind: EntryKind,
    entry_id: str | None,
    data: Mapping[str, Any] | None,
    lang: Lang,
    based_on: int | None,
) -> Form:
    """/suggest: the text in `lang` prefilled, one source line required, and (for a new entry)
    the kind's details."""
    fields = _text_specs(data or {}, lang)
    fields.append(spec("source", SOURCE_LINE_MAX, "", paragraph=False, required=True))
    if data is None:
        value = "\n".join(f"{key}:" for key in detail_keys(kind))
        fields.append(spec("details", DETAILS_MAX, value, paragraph=True, required=False))
    return Form("suggest", kind, entry_id, lang, based_on, tuple(fields))


# -- reading a submit back -------------------------------------------------------------------


def _known_sources(data: Mapping[str, Any]) -> list[Source]:
    known = []
    for raw in data.get("sources", []):
        try:
            known.append(Source.model_validate(raw))
        except ValidationError:
            continue
    return known


def _dump(sources: list[Source]) -> list[dict[str, Any]]:
    return [s.model_dump(mode="json", exclude_none=True) for s in sources]


def build_edit(
    data: Mapping[str, Any], kind: EntryKind, lang: Lang, submitted: ModalFields
) -> dict[str, Any]:
    """The entry's data with every field of the submit written in; absent fields untouched."""
    out = dict(data)
    if submitted.title is not None:
        title = parse_text("title", submitted.title, NAME_MAX, multiline=False)
        out["name"] = {**out.get("name", {}), lang: title}
        out["name"].setdefault("en" if lang == "zh" else "zh", title)
    for field, limit in (("summary", SUMMARY_MAX), ("body", BODY_MAX)):
        raw = getattr(submitted, field)
        if raw is not None:
            value = parse_text(field, raw, limit, multiline=True)
            out[field] = set_localized(out.get(field), lang, value, limit)
    if submitted.sources is not None:
        out["sources"] = _dump(parse_sources(submitted.sources, _known_sources(out)))
    if submitted.source is not None:
        known = _known_sources(out)
        line = parse_text("source", submitted.source, SOURCE_LINE_MAX, multiline=False)
        added = parse_source_line(line, 1, {str(s.url): s for s in known}, field="source")
        kept = [s for s in known if str(s.url) != str(added.url)]
        out["sources"] = _dump([*kept, added])
    if submitted.aliases is not None:
        out["aliases"] = parse_aliases(submitted.aliases)
    if submitted.details is not None:
        out = apply_details(out, kind, lang, parse_details(kind, submitted.details))
    return out


def build_new(
    kind: EntryKind, slug: str, lang: Lang, submitted: ModalFields, *, today: date
) -> dict[str, Any]:
    """A new entry's data: the title names it in both languages (a name may be the same), the
    other language's texts are marked copies until someone translates them. Written today from
    the sources given, it was checked today (and a project's status with it) unless the editor
    says otherwise in the details."""
    data: dict[str, Any] = {"id": f"{kind.value}/{slug}"}
    if submitted.sources is None and submitted.source is None:
        raise InvalidField("sources", "source_required")
    out = build_edit(data, kind, lang, submitted)
    out.setdefault("checked", today.isoformat())
    if kind is EntryKind.PROJECT:
        out.setdefault("status_as_of", out["checked"])
    return out


def field_error(error: ValidationError, *, has_details: bool) -> InvalidField:
    """The first validation error of an entry, as the modal input it belongs to."""
    item = error.errors()[0]
    loc = item["loc"]
    top = str(loc[0]) if loc else ""
    field = FIELD_OF_KEY.get(top)
    if field is None and has_details and (top in DETAIL_KEYS_ANY or not top):
        field = "details"
    params: dict[str, Any] = {"key": top or "entry"}
    kind = item["type"]
    message = str(item.get("msg", ""))
    ctx = item.get("ctx") or {}
    if kind == "string_too_long":
        return InvalidField(field, "too_long", limit=ctx.get("max_length", "?"), **params)
    if kind in ("string_too_short", "too_short") or "must not be blank" in message:
        return InvalidField(field, "source_required" if top == "sources" else "blank", **params)
    if "Chinese" in message:
        return InvalidField(field, "needs_chinese", **params)
    if kind.startswith("url_"):
        return InvalidField(field, "bad_url", **params)
    if kind == "missing":
        return InvalidField(field, "missing", **params)
    return InvalidField(field, "invalid", detail=message[:200], **params)
