"""Discord's documented limits, checked on every captured request, and the pings a reply must
not be able to make."""

from __future__ import annotations

from bot import limits
from offline.render import walk_components
from offline.transport import CALLBACK_AUTOCOMPLETE, CALLBACK_MODAL, Request


def limit_violations(request: Request) -> list[str]:
    """Every way one request breaks Discord's documented limits or could ping someone."""
    problems: list[str] = []
    body = request.body or {}
    if request.callback_type == CALLBACK_AUTOCOMPLETE:
        choices = body.get("data", {}).get("choices", [])
        if len(choices) > limits.CHOICES:
            problems.append(f"{len(choices)} autocomplete choices > {limits.CHOICES}")
        for choice in choices:
            if not 1 <= len(choice["name"]) <= limits.CHOICE_NAME:
                problems.append(f"choice name length {len(choice['name'])}")
            if len(str(choice["value"])) > limits.CHOICE_VALUE:
                problems.append(f"choice value length {len(str(choice['value']))}")
        return problems
    if request.callback_type == CALLBACK_MODAL:
        data = body.get("data", {})
        if len(data.get("title", "")) > limits.MODAL_TITLE:
            problems.append(f"modal title {len(data['title'])} > {limits.MODAL_TITLE}")
        if len(data.get("components", [])) > limits.MODAL_INPUTS:
            problems.append("more than 5 modal inputs")
        if len(data.get("custom_id", "")) > limits.CUSTOM_ID:
            problems.append("modal custom_id too long")
        return problems
    message = request.message
    if message is None:
        return problems
    content = message.get("content") or ""
    if len(content) > limits.CONTENT:
        problems.append(f"content {len(content)} > {limits.CONTENT}")
    embeds = message.get("embeds") or []
    if len(embeds) > limits.EMBEDS_PER_MESSAGE:
        problems.append(f"{len(embeds)} embeds > {limits.EMBEDS_PER_MESSAGE}")
    total = 0
    for embed in embeds:
        title, description = embed.get("title") or "", embed.get("description") or ""
        footer = (embed.get("footer") or {}).get("text") or ""
        author = (embed.get("author") or {}).get("name") or ""
        fields = embed.get("fields") or []
        if len(title) > limits.TITLE:
            problems.append(f"embed title {len(title)} > {limits.TITLE}")
        if len(description) > limits.DESCRIPTION:
            problems.append(f"embed description {len(description)} > {limits.DESCRIPTION}")
        if len(fields) > limits.FIELDS:
            problems.append(f"{len(fields)} fields > {limits.FIELDS}")
        if len(footer) > limits.FOOTER:
            problems.append(f"footer {len(footer)} > {limits.FOOTER}")
        for fld in fields:
            if not 1 <= len(fld["name"]) <= limits.FIELD_NAME:
                problems.append(f"field name length {len(fld['name'])}")
            if not 1 <= len(fld["value"]) <= limits.FIELD_VALUE:
                problems.append(f"field {fld['name']!r} value length {len(fld['value'])}")
        total += len(title) + len(description) + len(footer) + len(author)
        total += sum(len(f["name"]) + len(f["value"]) for f in fields)
    if total > limits.EMBED_TOTAL:
        problems.append(f"embeds total {total} > {limits.EMBED_TOTAL}")
    rows = message.get("components") or []
    if len(rows) > limits.ACTION_ROWS:
        problems.append(f"{len(rows)} action rows > {limits.ACTION_ROWS}")
    for row in rows:
        inner = row.get("components") or []
        if row.get("type") == 1 and len(inner) > limits.BUTTONS_PER_ROW:
            problems.append(f"{len(inner)} components in a row > {limits.BUTTONS_PER_ROW}")
    for component in walk_components(rows):
        custom_id = component.get("custom_id")
        if custom_id is not None and len(custom_id) > limits.CUSTOM_ID:
            problems.append(f"custom_id {len(custom_id)} > {limits.CUSTOM_ID}")
        if component.get("type") == 2 and len(component.get("label") or "") > limits.BUTTON_LABEL:
            problems.append("button label too long")
        if component.get("type") == 3:
            options = component.get("options") or []
            if len(options) > limits.SELECT_OPTIONS:
                problems.append(f"{len(options)} select options > {limits.SELECT_OPTIONS}")
            for option in options:
                if len(option["label"]) > limits.SELECT_LABEL:
                    problems.append("select option label too long")
                if len(option.get("description") or "") > limits.SELECT_DESCRIPTION:
                    problems.append("select option description too long")
    if request.method != "PATCH" or "content" in message:
        mentions = message.get("allowed_mentions")
        if mentions is None:
            problems.append("no allowed_mentions: Discord would parse @everyone and roles")
        else:
            parse = mentions.get("parse") or []
            if "everyone" in parse or "roles" in parse or mentions.get("roles"):
                problems.append(f"allowed_mentions permits mass or role pings: {mentions}")
    return problems
