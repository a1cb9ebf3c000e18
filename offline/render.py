"""What a person would see in the Discord client, as plain text: messages and modals."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from offline.transport import EPHEMERAL

TEXT_INPUT_STYLES = {1: "short", 2: "paragraph"}
SELECT_KINDS = {
    3: "select",
    5: "user select",
    6: "role select",
    7: "mentionable select",
    8: "channel select",
}
DEFAULT_TEXT_INPUT_MAX = 4000


def walk_components(components: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for component in components:
        yield component
        yield from walk_components(component.get("components") or [])
        if component.get("component"):
            yield from walk_components([component["component"]])
        if component.get("accessory"):
            yield from walk_components([component["accessory"]])


_walk_components = walk_components


def find_component(
    message: dict[str, Any],
    *,
    label: str | None = None,
    custom_id: str | None = None,
    kind: int | None = None,
) -> dict[str, Any]:
    for component in walk_components(message.get("components") or []):
        if component.get("type") == 1:
            continue
        if label is not None and component.get("label") != label:
            continue
        if custom_id is not None and component.get("custom_id") != custom_id:
            continue
        if kind is not None and component.get("type") != kind:
            continue
        return component
    raise AssertionError(f"no component label={label!r} custom_id={custom_id!r} in {message}")


def is_modal(body: dict[str, Any]) -> bool:
    """A modal's data (callback type 9) rather than a message: a title and a custom_id."""
    return "title" in body and "custom_id" in body and "embeds" not in body


def render_message(message: dict[str, Any]) -> str:
    """What a person would read in the Discord client, as plain text. Given a modal's data
    (what `Exchange.modal` returns), the modal as `render_modal` shows it."""
    if is_modal(message):
        return render_modal(message)
    lines: list[str] = []
    if message.get("flags", 0) & EPHEMERAL:
        lines.append("(only you can see this)")
    if message.get("content"):
        lines.append(message["content"])
    for embed in message.get("embeds") or []:
        if embed.get("title"):
            lines.append(f"== {embed['title']} ==")
        if embed.get("description"):
            lines.append(embed["description"])
        for fld in embed.get("fields") or []:
            lines.append(f"-- {fld['name']}:")
            lines.append(fld["value"])
        if embed.get("image"):
            lines.append(f"[image: {embed['image'].get('url')}]")
        if embed.get("footer"):
            lines.append(f"({embed['footer'].get('text')})")
    for attachment in message.get("attachments") or []:
        lines.append(f"[attachment: {attachment['filename']}]")
    for component in walk_components(message.get("components") or []):
        kind = component.get("type")
        if kind == 2:
            state = " (disabled)" if component.get("disabled") else ""
            label = component.get("label") or (component.get("emoji") or {}).get("name")
            lines.append(f"[button: {label}]{state}")
        elif kind == 3:
            options = ", ".join(o["label"] for o in component.get("options", []))
            lines.append(f"[select: {component.get('placeholder') or ''}: {options}]")
        elif kind in SELECT_KINDS:
            lines.append(f"[{SELECT_KINDS[kind]}: {component.get('placeholder') or ''}]")
        elif kind == 10:
            lines.append(str(component.get("content") or ""))
    return "\n".join(lines)


def _quoted(value: str) -> list[str]:
    return [f"    > {line}" for line in value.splitlines() or [""]]


def _text_input(component: dict[str, Any], label: str | None, description: str | None) -> list[str]:
    style = TEXT_INPUT_STYLES.get(component.get("style", 1), f"style {component.get('style')}")
    required = component.get("required")
    required = True if required is None else bool(required)
    low = component.get("min_length")
    high = component.get("max_length") or DEFAULT_TEXT_INPUT_MAX
    size = f"{low}-{high} characters" if low else f"up to {high} characters"
    name = label or component.get("label") or component.get("custom_id")
    lines = [f"* {name} ({style}, {'required' if required else 'optional'}, {size})"]
    if description:
        lines.append(f"    {description}")
    if component.get("placeholder"):
        lines.append(f"    placeholder: {component['placeholder']}")
    value = component.get("value")
    if value:
        lines.append("    prefilled:")
        lines += _quoted(str(value))
    else:
        lines.append("    (empty)")
    return lines


def _modal_field(
    component: dict[str, Any], label: str | None, description: str | None
) -> list[str]:
    kind = component.get("type")
    if kind == 4:
        return _text_input(component, label, description)
    name = label or component.get("custom_id")
    required = component.get("required")
    required = True if required is None else bool(required)
    need = "required" if required else "optional"
    if kind in SELECT_KINDS:
        lines = [f"* {name} ({SELECT_KINDS[kind]}, {need})"]
        if description:
            lines.append(f"    {description}")
        for option in component.get("options") or []:
            chosen = " (selected)" if option.get("default") else ""
            lines.append(f"    - {option['label']}{chosen}")
        return lines
    if kind == 19:
        most = component.get("max_values") or 1
        lines = [f"* {name} (file upload, {need}, up to {most} files)"]
        return [*lines, f"    {description}"] if description else lines
    return [f"* {name} (component type {kind})"]


def render_modal(modal: dict[str, Any]) -> str:
    """An opened modal as text: its title, then each input with its label, style, whether it
    is required, its length limits and the value it is prefilled with."""
    lines = [f"[modal: {modal.get('title')}]"]
    for row in modal.get("components") or []:
        kind = row.get("type")
        if kind == 1:
            for component in row.get("components") or []:
                lines += _modal_field(component, None, None)
        elif kind == 18:
            inner = row.get("component") or {}
            lines += _modal_field(inner, row.get("label"), row.get("description"))
        elif kind == 10:
            lines.append(str(row.get("content") or ""))
        else:
            lines.append(f"(component type {kind})")
    lines.append("[button: Cancel] [button: Submit]")
    return "\n".join(lines)
