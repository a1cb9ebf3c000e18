"""Entry snapshots as lines of text, so two of them can be compared the way people read them.

A diff of the raw JSON would show braces and reordered keys; a diff of these lines shows
`summary.en` changing from one sentence to another, and the body line by line.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence
from typing import Any

from bot.i18n import Lang

FIRST = ("id", "name", "aliases", "summary", "body")
"""Fields shown first, in this order; the rest follow by name, sources last."""
LAST = ("sources",)


def _order(data: Mapping[str, Any]) -> list[str]:
    rest = sorted(k for k in data if k not in FIRST and k not in LAST)
    return [k for k in FIRST if k in data] + rest + [k for k in LAST if k in data]


def _scalar_lines(prefix: str, value: object) -> list[str]:
    text = str(value)
    if "\n" not in text:
        return [f"{prefix}: {text}"]
    return [f"{prefix}:", *(f"  {line}" for line in text.split("\n"))]


def _lines(prefix: str, value: Any, lang: Lang | None) -> list[str]:
    if isinstance(value, Mapping):
        if lang is not None and set(value) == {"en", "zh"}:
            return _scalar_lines(f"{prefix}.{lang}", value[lang])
        out: list[str] = []
        for key in _order(value) if not prefix else sorted(value):
            out += _lines(f"{prefix}.{key}" if prefix else key, value[key], lang)
        return out
    if isinstance(value, list):
        if all(not isinstance(v, Mapping | list) for v in value):
            return [f"{prefix}:", *(f"  - {v}" for v in value)]
        out = []
        for n, item in enumerate(value, 1):
            out += _lines(f"{prefix}[{n}]", item, lang)
        return out
    return _scalar_lines(prefix, value)


def _source_lines(sources: Sequence[Mapping[str, Any]]) -> list[str]:
    out = ["sources:"]
    for source in sources:
        extra = ", ".join(str(source[k]) for k in ("publisher", "date") if source.get(k))
        out.append(f"  - {source.get('url', '')} {source.get('title', '')} ({extra})")
    return out


def render(
    data: Mapping[str, Any] | None, hidden: bool = False, lang: Lang | None = None
) -> list[str]:
    """A snapshot as lines: one `field: value` per line, long texts indented below their name.

    `lang` keeps only that language of each bilingual text; None shows both.
    """
    if data is None:
        return []
    lines: list[str] = []
    for key in _order(data):
        if key == "sources" and isinstance(data[key], list):
            lines += _source_lines(data[key])
        else:
            lines += _lines(key, data[key], lang)
    if hidden:
        lines.append("hidden: yes")
    return lines


def unified(
    before: Sequence[str], after: Sequence[str], *, before_name: str, after_name: str
) -> list[str]:
    """A unified diff with a little context; empty when nothing changed."""
    return [
        line.rstrip("\n")
        for line in difflib.unified_diff(
            list(before), list(after), fromfile=before_name, tofile=after_name, n=1, lineterm=""
        )
    ]


def changed_fields(
    before: Mapping[str, Any] | None,
    after: Mapping[str, Any] | None,
    *,
    hidden_before: bool = False,
    hidden_after: bool = False,
) -> tuple[str, ...]:
    """Which fields differ, for a one-line summary: `summary.en`, `sources`, `hidden`."""
    if before is None:
        return ()
    after = after or {}
    changed: list[str] = []
    for key in _order({**before, **after}):
        old, new = before.get(key), after.get(key)
        if old == new:
            continue
        if (
            isinstance(old, Mapping)
            and isinstance(new, Mapping)
            and set(old) | set(new)
            <= {
                "en",
                "zh",
            }
        ):
            changed += [f"{key}.{lang}" for lang in ("en", "zh") if old.get(lang) != new.get(lang)]
        else:
            changed.append(key)
    if hidden_before != hidden_after:
        changed.append("hidden" if hidden_after else "shown")
    return tuple(changed)
