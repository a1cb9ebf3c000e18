"""A guild's entries as a JSON file, and the checks an imported file must pass before anything
is written: size, shape, guild, kinds, every entry valid, the set still consistent."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from bot.db.models import SCHEMA_VERSION
from bot.errors import ImportRefused
from bot.knowledge.files import parse_entry
from bot.knowledge.models import ID_RE, EntryBase, EntryKind

FORMAT = "aixbot.guild-export"
FORMAT_VERSION = 1
MAX_IMPORT_BYTES = 1 << 20
MAX_IMPORT_ENTRIES = 5000
MAX_REPORTED = 5
"""Problems named in one refusal; the rest are counted."""


class _FileEntry(BaseModel):
    model_config = ConfigDict(extra="ignore")

    id: str
    version: int | None = None
    """The version the entry was at when exported: an import based on it."""
    hidden: bool = False
    follows_shipped: bool = False
    guild_id: int | str | None = None
    data: dict[str, Any] | None = None
    schema_version: int = 1
    updated_at: datetime | None = None


class _File(BaseModel):
    model_config = ConfigDict(extra="ignore")

    format: Literal["aixbot.guild-export"]
    guild_id: int | str
    exported_at: datetime | None = None
    entries: list[Any]


def _dated(data: dict[str, Any], written: datetime | None) -> dict[str, Any]:
    """An entry exported before schema 2 with the dates schema 2 requires, as migration 0003
    gives a stored one: the day its text was written (the file says when), else none."""
    if written is None or "checked" in data:
        return data
    out = {**data, "checked": written.date().isoformat()}
    if str(out.get("id", "")).startswith("project/"):
        out.setdefault("status_as_of", out["checked"])
    return out


@dataclass(frozen=True, slots=True)
class FileEntry:
    """One validated entry of an import file."""

    id: str
    kind: EntryKind
    slug: str
    based_on: int | None
    hidden: bool
    follows_shipped: bool
    entry: EntryBase | None
    """None for an entry that follows the shipped text (its data is not the guild's)."""
    data: dict[str, Any] | None


def export_document(
    guild_id: int, exported_at: datetime, entries: Sequence[dict[str, Any]]
) -> bytes:
    document = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "guild_id": str(guild_id),
        "exported_at": exported_at.isoformat(),
        "entries": list(entries),
    }
    return json.dumps(document, ensure_ascii=False, indent=1, default=str).encode("utf-8")


def _same_guild(value: int | str | None, guild_id: int) -> bool:
    return value is None or str(value).strip() == str(guild_id)


def read_import(blob: bytes, guild_id: int) -> list[FileEntry]:
    """Every entry of the file, validated; raises ImportRefused before anything is written."""
    if len(blob) > MAX_IMPORT_BYTES:
        raise ImportRefused("too_large", limit="1 MiB", size=len(blob))
    try:
        raw = json.loads(blob.decode("utf-8"))
    except UnicodeDecodeError:
        raise ImportRefused("malformed", detail="not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise ImportRefused("malformed", detail=f"line {exc.lineno}: {exc.msg}") from None
    try:
        document = _File.model_validate(raw)
    except ValidationError as exc:
        error = exc.errors()[0]
        where = ".".join(str(p) for p in error["loc"]) or "file"
        raise ImportRefused("malformed", detail=f"{where}: {error['msg']}") from None
    if not _same_guild(document.guild_id, guild_id):
        raise ImportRefused("wrong_guild")
    if len(document.entries) > MAX_IMPORT_ENTRIES:
        raise ImportRefused("too_many", count=len(document.entries), limit=MAX_IMPORT_ENTRIES)
    found: list[FileEntry] = []
    problems: list[str] = []
    seen: set[str] = set()
    for index, raw_entry in enumerate(document.entries, 1):
        try:
            item = _FileEntry.model_validate(raw_entry)
        except ValidationError as exc:
            problems.append(f"#{index}: {exc.errors()[0]['msg']}")
            continue
        kind_text = item.id.split("/", 1)[0]
        if kind_text not in {k.value for k in EntryKind}:
            raise ImportRefused("unknown_kind", entry=item.id[:100], kind=kind_text[:40])
        if not _same_guild(item.guild_id, guild_id):
            raise ImportRefused("wrong_guild")
        if not ID_RE.match(item.id):
            problems.append(f"#{index}: {item.id[:100]}: not an entry id")
            continue
        if item.id in seen:
            raise ImportRefused("duplicate", entry=item.id)
        seen.add(item.id)
        kind, slug = EntryKind(kind_text), item.id.split("/", 1)[1]
        entry = None
        if item.data is not None and item.schema_version < SCHEMA_VERSION:
            item = item.model_copy(
                update={"data": _dated(item.data, item.updated_at or document.exported_at)}
            )
        if not item.follows_shipped:
            if item.data is None:
                problems.append(f"{item.id}: no data")
                continue
            if item.data.get("id") != item.id:
                problems.append(f"{item.id}: data.id is {item.data.get('id')!r}")
                continue
            try:
                entry = parse_entry(item.data)
            except ValidationError as exc:
                first = exc.errors()[0]
                where = ".".join(str(p) for p in first["loc"]) or "entry"
                problems.append(f"{item.id}: {where}: {first['msg']}")
                continue
            except ValueError as exc:
                problems.append(f"{item.id}: {exc}")
                continue
        found.append(
            FileEntry(
                id=item.id,
                kind=kind,
                slug=slug,
                based_on=item.version,
                hidden=item.hidden,
                follows_shipped=item.follows_shipped,
                entry=entry,
                data=item.data if entry is not None else None,
            )
        )
    if problems:
        more = len(problems) - MAX_REPORTED
        listed = "; ".join(problems[:MAX_REPORTED]) + (f"; and {more} more" if more > 0 else "")
        raise ImportRefused("invalid", count=len(problems), problems=listed)
    return found
