"""What a moderator types into a modal, read into entry data, and entry data written back out.

A modal gives plain strings; these parsers are the only place that turns them into entry data, so
every way in (edit, add, suggestion) reads text the same way. A parser returns a clean value or
raises InvalidField naming the field, never anything else: whatever Discord delivers.

The round trip matters as much: the editor is prefilled with `format_*` of the current entry, and
saving that prefill unchanged must give the same entry back (sources keep their publisher and date,
aliases with commas are quoted), or every edit would quietly rewrite what it did not touch.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields, replace
from typing import Any, Literal

from pydantic import HttpUrl, TypeAdapter, ValidationError

from bot.errors import InvalidField
from bot.i18n import Lang
from bot.knowledge.models import (
    FIELD_MAX,
    LINE_MAX,
    MODEL_FOR_KIND,
    NAME_MAX,
    EntryKind,
    Source,
)
from bot.knowledge.search import normalize

MODAL_VALUE_MAX = 4000
"""Discord's limit on one text input's value."""
SOURCE_TITLE_MAX = 200
PUBLISHER_MAX = 100
REASON_MAX = 300
SLUG_MAX = 64

UNTRANSLATED: dict[Lang, str] = {"en": "[untranslated] ", "zh": "【待翻译】"}
"""Marks the other language's copy of a text written in one language only. The models want both
languages (and Chinese characters in the Chinese text), and an honest marked copy is better than
refusing an editor who writes one of them; the copy follows its original on later edits until
someone translates it."""

_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
_SEPARATORS = frozenset(",，\n")
_INT_RE = re.compile(r"^[+-]?\d+$")

# Entry fields an editor reaches through the `details` field, by how their text is read.
LIST_KEYS = frozenset(
    {"aliases", "related", "tags", "people", "upstream", "downstream"}
    | {"segments", "products", "affiliations", "events"}
)
LOCALIZED_KEYS: dict[str, int] = {
    "note": FIELD_MAX,
    "misreport": FIELD_MAX,
    "role": FIELD_MAX,
    "known_for": FIELD_MAX,
    "trends": FIELD_MAX,
    "ai_relation": FIELD_MAX,
    "status_note": LINE_MAX,
}
LOCALIZED_LIMITS: dict[tuple[EntryKind, str], int] = {(EntryKind.PERSON, "role"): LINE_MAX}
"""Where a kind holds a localized key to a shorter limit than LOCALIZED_KEYS: a person's role is
one line, a segment's a paragraph."""
INT_KEYS = frozenset(
    {"wave", "order", "launched", "launch_year", "layers", "d_model", "heads", "kv_heads"}
    | {"head_dim", "context", "experts", "active_experts"}
)
MODAL_KEYS = frozenset({"id", "kind", "name", "summary", "body", "sources"})
"""Fields the title, summary, body and sources inputs edit, or that never change."""
NESTED_KEYS = frozenset({"players", "figures", "published_compute"})
"""Lists of records: kept as they are (a modal line cannot hold one); edit them in the files."""


def detail_keys(kind: EntryKind) -> list[str]:
    """The keys the `details` input accepts for a kind, in the model's order."""
    model = MODEL_FOR_KIND[kind]
    return [name for name in model.model_fields if name not in MODAL_KEYS | NESTED_KEYS]


@dataclass(frozen=True, slots=True)
class ModalFields:
    """The raw text of one modal submit. None: the field was not in this modal."""

    title: str | None = None
    summary: str | None = None
    body: str | None = None
    sources: str | None = None
    aliases: str | None = None
    details: str | None = None
    source: str | None = None
    """A suggestion's one source line (`URL title`), added to the entry's sources."""

    def items(self) -> list[tuple[str, str]]:
        return [(f.name, v) for f in fields(self) if (v := getattr(self, f.name)) is not None]

    def as_text(self) -> str:
        """Every field under its name: the file a conflict or refusal gives back."""
        return "\n\n".join(f"## {name}\n{value}" for name, value in self.items()) + "\n"


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """One text input of a modal: the cog builds a discord.ui.TextInput from it."""

    name: str
    """The ModalFields attribute the value goes back into."""
    label_key: str
    """i18n key of the label (editing.field.<name>)."""
    max_length: int
    paragraph: bool
    required: bool
    value: str
    """The prefill (the current text), or what the editor typed when given back."""


@dataclass(frozen=True, slots=True)
class Form:
    """A modal to open: which entry, on which version, in which language, with which inputs."""

    action: Literal["edit", "details", "add", "suggest"]
    kind: EntryKind
    entry_id: str | None
    """None for a new entry (add, or a suggestion of one)."""
    lang: Lang
    based_on: int | None
    """The version to send back with the submit; None for a new entry."""
    fields: tuple[FieldSpec, ...]

    def with_values(self, submitted: ModalFields) -> Form:
        """The same modal prefilled with what the editor typed (after a refusal)."""
        typed = dict(submitted.items())
        return replace(
            self,
            fields=tuple(
                replace(f, value=typed[f.name][: f.max_length]) if f.name in typed else f
                for f in self.fields
            ),
        )


def spec(name: str, max_length: int, value: str, *, paragraph: bool, required: bool) -> FieldSpec:
    return FieldSpec(
        name=name,
        label_key=f"editing.field.{name}",
        max_length=min(max_length, MODAL_VALUE_MAX),
        paragraph=paragraph,
        required=required,
        value=value[: min(max_length, MODAL_VALUE_MAX)],
    )


# -- cleaning ------------------------------------------------------------------------------


def clean(text: str, *, multiline: bool) -> str:
    """Control characters out, line ends as \\n, outer whitespace off; one line unless
    `multiline`. Text stays text: `@everyone` and `<@123>` are kept, rendering escapes them."""
    text = _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    if not multiline:
        return " ".join(text.split())
    lines = [line.rstrip() for line in text.split("\n")]
    return "\n".join(lines).strip()


def parse_text(field: str, text: str, limit: int, *, multiline: bool) -> str:
    value = clean(text, multiline=multiline)
    if not value:
        raise InvalidField(field, "blank")
    if len(value) > limit:
        raise InvalidField(field, "too_long", limit=limit, length=len(value))
    return value


def parse_reason(text: str | None) -> str | None:
    """A change's reason: optional, one paragraph, cut rather than refused (it is a note)."""
    if text is None:
        return None
    value = clean(text, multiline=True)
    return value[:REASON_MAX] or None


# -- sources -------------------------------------------------------------------------------

_URL = TypeAdapter(HttpUrl)


def parse_source_line(
    line: str, number: int, known: Mapping[str, Source], field: str = "sources"
) -> Source:
    """`URL title`: a known URL keeps its publisher and date; a new one is published by its
    host (the modal has no room for a publisher), and is titled by it if the line has no title."""
    url_text, _, rest = line.strip().partition(" ")
    try:
        url = _URL.validate_python(url_text)
    except ValidationError:
        raise InvalidField(field, "bad_source_line", line=number) from None
    old = known.get(str(url))
    title = rest.strip() or (old.title if old else (url.host or url_text))
    if len(title) > SOURCE_TITLE_MAX:
        raise InvalidField(field, "line_too_long", line=number, limit=SOURCE_TITLE_MAX)
    publisher = old.publisher if old else (url.host or "-")[:PUBLISHER_MAX]
    try:
        return Source(url=url, title=title, publisher=publisher, date=old.date if old else None)
    except ValidationError:
        raise InvalidField(field, "bad_source_line", line=number) from None


def parse_sources(text: str, existing: Sequence[Source] = ()) -> list[Source]:
    """One source per line; at least one (every entry is sourced)."""
    known = {str(s.url): s for s in existing}
    lines = [line for line in clean(text, multiline=True).split("\n") if line.strip()]
    if not lines:
        raise InvalidField("sources", "source_required")
    return [parse_source_line(line, n, known) for n, line in enumerate(lines, 1)]


def format_sources(sources: Sequence[Source] | Sequence[Mapping[str, Any]]) -> str:
    out = []
    for source in sources:
        if isinstance(source, Source):
            out.append(f"{source.url} {source.title}")
        else:
            out.append(f"{source.get('url', '')} {source.get('title', '')}".strip())
    return "\n".join(out)


# -- lists (aliases, related, tags, ...) ------------------------------------------------------


def split_list(field: str, text: str) -> list[str]:
    """Comma-separated (`,`, `，` or a new line); an item holding a comma is quoted, a quote
    inside one doubled, as in CSV: `"fat protocols, thin applications", FPT`."""
    items: list[str] = []
    current: list[str] = []
    quoted = started = False
    chars = clean(text, multiline=True)
    i = 0
    while i < len(chars):
        char = chars[i]
        if quoted:
            if char == '"' and chars[i + 1 : i + 2] == '"':
                current.append('"')
                i += 1
            elif char == '"':
                quoted = False
            else:
                current.append(" " if char == "\n" else char)
        elif char in _SEPARATORS:
            items.append("".join(current))
            current, started = [], False
        elif char == '"' and not started:
            quoted = started = True
        else:
            started = started or not char.isspace()
            current.append(char)
        i += 1
    if quoted:
        raise InvalidField(field, "unclosed_quote")
    items.append("".join(current))
    return [item.strip() for item in items if item.strip()]


def parse_aliases(text: str, field: str = "aliases") -> list[str]:
    """Other names, each at most a name's length; exact repeats dropped (`LLaMA 1` and
    `Llama 1` are both kept: the shipped files list spellings on purpose)."""
    aliases: list[str] = []
    for n, alias in enumerate(split_list(field, text), 1):
        if len(alias) > NAME_MAX:
            raise InvalidField(field, "item_too_long", item=n, limit=NAME_MAX)
        if alias not in aliases:
            aliases.append(alias)
    return aliases


def _quote(item: str) -> str:
    needs = item != item.strip() or '"' in item or any(c in _SEPARATORS for c in item)
    return '"' + item.replace('"', '""') + '"' if needs else item


def format_list(items: Sequence[str]) -> str:
    return ", ".join(_quote(item) for item in items)


# -- slugs ---------------------------------------------------------------------------------


def slugify(title: str) -> str:
    """The id slug of a new entry, from its title: lowercase ASCII words joined by hyphens.

    A title with nothing Latin in it (a Chinese name) gets a stable slug from its hash, so the
    same title always asks for the same id and a second add of it is refused as taken.
    """
    text = clean(title, multiline=False)
    if not text:
        raise InvalidField("title", "blank")
    ascii_text = unicodedata.normalize("NFKD", text.casefold()).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")[:SLUG_MAX].rstrip("-")
    if slug:
        return slug
    return "entry-" + hashlib.sha256(normalize(text).encode("utf-8")).hexdigest()[:10]


# -- localized text ------------------------------------------------------------------------


def other(lang: Lang) -> Lang:
    return "zh" if lang == "en" else "en"


def marked_copy(text: str, lang: Lang, limit: int) -> str:
    """`text` (written in `lang`) as a marked placeholder for the other language."""
    copy = UNTRANSLATED[other(lang)] + text
    return copy if len(copy) <= limit else copy[: limit - 1] + "…"


def set_localized(
    current: Mapping[str, str] | None, lang: Lang, value: str, limit: int
) -> dict[str, str]:
    """One language of a text replaced; the other kept, or (if it is missing or only a marked
    copy of the old text) a marked copy of the new one."""
    out = dict(current or {})
    out[lang] = value
    theirs = out.get(other(lang))
    if theirs is None or theirs.startswith(UNTRANSLATED[other(lang)]):
        out[other(lang)] = marked_copy(value, lang, limit)
    return out


# -- details -------------------------------------------------------------------------------


def _detail_key(raw: str) -> str:
    return re.sub(r"[\s-]+", "_", raw.strip().casefold())


def parse_details(kind: EntryKind, text: str) -> dict[str, str]:
    """`key: value` lines, one per field; an empty value clears an optional field."""
    allowed = detail_keys(kind)
    found: dict[str, str] = {}
    for n, line in enumerate(clean(text, multiline=True).split("\n"), 1):
        if not line.strip():
            continue
        at = min((i for i in (line.find(":"), line.find("：")) if i >= 0), default=-1)
        raw_key, value = (line[:at], line[at + 1 :]) if at >= 0 else (line, "")
        key = _detail_key(raw_key)
        if at < 0 or not key:
            raise InvalidField("details", "detail_format", line=n)
        if key not in allowed:
            raise InvalidField("details", "unknown_detail", line=n, keys=", ".join(allowed))
        if key in found:
            raise InvalidField("details", "duplicate_detail", line=n, key=key)
        found[key] = value.strip()
    return found


def apply_details(
    data: dict[str, Any], kind: EntryKind, lang: Lang, details: Mapping[str, str]
) -> dict[str, Any]:
    """Entry data with the parsed `key: value` pairs written in, each read as its field wants."""
    out = dict(data)
    for key, value in details.items():
        if not value:
            out.pop(key, None)
        elif key in LIST_KEYS:
            out[key] = (
                parse_aliases(value, "details")
                if key == "aliases"
                else split_list("details", value)
            )
        elif key in LOCALIZED_KEYS:
            limit = LOCALIZED_LIMITS.get((kind, key), LOCALIZED_KEYS[key])
            out[key] = set_localized(out.get(key), lang, value, limit)
        elif key in INT_KEYS and _INT_RE.match(value):
            out[key] = int(value)
        else:
            out[key] = value
    if kind is EntryKind.PROJECT and "token" in out:
        out["token"] = str(out["token"]).lstrip("$")
    return out


def _format_value(key: str, value: Any, lang: Lang) -> str:
    if key in LIST_KEYS and isinstance(value, list):
        return format_list([str(v) for v in value])
    if isinstance(value, dict):
        return str(value.get(lang, ""))
    return str(value)


def format_details(kind: EntryKind, data: Mapping[str, Any], lang: Lang) -> str:
    """The `details` prefill: every detail key, with its value where the entry has one."""
    lines = []
    for key in detail_keys(kind):
        value = data.get(key)
        shown = "" if value is None or value == [] else _format_value(key, value, lang)
        lines.append(f"{key}: {shown.replace(chr(10), ' ')}" if shown else f"{key}:")
    return "\n".join(lines)
