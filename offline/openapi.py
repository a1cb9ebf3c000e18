"""Every request body the bot sends, checked against Discord's own OpenAPI 3.1 spec.

The spec is discord/discord-api-spec's specs/openapi.json, vendored with its license in
tests/discord_api_spec/ (its README names the upstream commit). A request is matched to the
spec's operation by method and path template; its JSON body (for a multipart request, the
payload_json part) is validated against that operation's application/json request schema with
jsonschema's Draft 2020-12 validator, the dialect OpenAPI 3.1 uses, $refs resolved through a
`referencing` registry holding the whole spec. Loading takes a fraction of a second and is done
once per process (`load_spec` is cached), and each operation's validator once per spec.

The int32/int64 formats are checked as ranges. One exception follows Discord's docs against the
spec: a message's `attachments[n].id` may be an integer, the placeholder that names the upload
`files[n]` (developers/reference, "Uploading Files", whose example sends `"id": 0`, as discord.py
does), where the spec says snowflake string. Everything else is the spec as published.

This module needs jsonschema (a test dependency); nothing in the bot imports it.
"""

from __future__ import annotations

import functools
import json
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import ValidationError
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from offline.transport import Request

SPEC_DIR = Path(__file__).resolve().parents[1] / "tests" / "discord_api_spec"
SPEC_PATH = SPEC_DIR / "openapi.json"
SPEC_URI = "urn:discord-api-spec"
MAX_MESSAGE = 300


def _format_checker() -> FormatChecker:
    checker = FormatChecker(formats=())

    @checker.checks("int32")  # type: ignore[untyped-decorator]
    def int32(instance: object) -> bool:
        return not isinstance(instance, int) or -(2**31) <= instance < 2**31

    @checker.checks("int64")  # type: ignore[untyped-decorator]
    def int64(instance: object) -> bool:
        return not isinstance(instance, int) or -(2**63) <= instance < 2**63

    return checker


@dataclass(frozen=True)
class Operation:
    method: str
    template: str
    operation_id: str
    pattern: re.Pattern[str]
    schema_pointer: str | None
    """JSON pointer to the application/json request schema; None when there is no body."""
    body_required: bool

    @property
    def literal_segments(self) -> int:
        return sum(1 for part in self.template.split("/") if part and not part.startswith("{"))


def _pointer(*parts: str) -> str:
    return "/" + "/".join(p.replace("~", "~0").replace("/", "~1") for p in parts)


class ApiSpec:
    """Discord's OpenAPI spec, ready to validate request bodies."""

    def __init__(self, path: Path = SPEC_PATH) -> None:
        with path.open(encoding="utf-8") as handle:
            self.document: dict[str, Any] = json.load(handle)
        resource = Resource.from_contents(self.document, default_specification=DRAFT202012)
        self.registry: Registry[Any] = Registry().with_resource(SPEC_URI, resource)
        self.format_checker = _format_checker()
        self.operations: dict[str, list[Operation]] = defaultdict(list)
        for template, item in self.document["paths"].items():
            pattern = re.compile(
                "^" + re.sub(r"\\\{[^/]+?\\\}", "[^/]+", re.escape(template)) + "$"
            )
            for method, operation in item.items():
                if method == "parameters" or not isinstance(operation, dict):
                    continue
                body = operation.get("requestBody") or {}
                content = body.get("content") or {}
                pointer = None
                if "application/json" in content:
                    pointer = _pointer(
                        "paths", template, method, "requestBody", "content", "application/json"
                    )
                    pointer += "/schema"
                self.operations[method.upper()].append(
                    Operation(
                        method.upper(),
                        template,
                        str(operation.get("operationId", "")),
                        pattern,
                        pointer,
                        bool(body.get("required")),
                    )
                )
        for candidates in self.operations.values():
            # "/messages/@original" before "/messages/{message_id}".
            candidates.sort(key=lambda op: -op.literal_segments)

    def operation(self, method: str, path: str) -> Operation | None:
        for candidate in self.operations.get(method.upper(), []):
            if candidate.pattern.match(path):
                return candidate
        return None

    @functools.cache  # noqa: B019 - one ApiSpec per process, kept for the whole run
    def validator(self, pointer: str) -> Any:
        return Draft202012Validator(
            {"$ref": f"{SPEC_URI}#{pointer}"},
            registry=self.registry,
            format_checker=self.format_checker,
        )

    def violations(self, request: Request) -> list[str]:
        """Each way the request's body breaks the spec, one line each; [] when it fits."""
        operation = self.operation(request.method, request.path.split("?", 1)[0])
        if operation is None:
            if request.body is None:
                return []
            return [f"{request.method} {request.path} is not an operation in Discord's API spec"]
        if operation.schema_pointer is None:
            return []
        if request.body is None:
            return ["the request has no body, and the spec requires one"] * operation.body_required
        body = _with_placeholder_ids(request.body)
        errors = list(self.validator(operation.schema_pointer).iter_errors(body))
        lines: list[str] = []
        for problem in errors:
            for leaf in _leaves(problem):
                line = f"{operation.operation_id}: {_where(leaf)}: {_message(leaf)}"
                if line not in lines:
                    lines.append(line)
        return lines


@functools.cache
def load_spec(path: Path = SPEC_PATH) -> ApiSpec:
    return ApiSpec(path)


def spec_violations(request: Request) -> list[str]:
    """`request` checked against the vendored spec (loaded once per process)."""
    return load_spec().violations(request)


def _placeholder_ids(message: Any) -> Any:
    attachments = message.get("attachments") if isinstance(message, dict) else None
    if not isinstance(attachments, list):
        return message
    fixed = [
        {**a, "id": str(a["id"])}
        if isinstance(a, dict) and type(a.get("id")) is int and a["id"] >= 0
        else a
        for a in attachments
    ]
    return {**message, "attachments": fixed}


def _with_placeholder_ids(body: Any) -> Any:
    """The body with integer attachment ids (the docs' upload placeholders) as strings."""
    if not isinstance(body, dict):
        return body
    if isinstance(body.get("data"), dict) and "type" in body:  # an interaction callback
        return {**body, "data": _placeholder_ids(body["data"])}
    return _placeholder_ids(body)


# -- making jsonschema's errors readable ------------------------------------------------------


def _discriminator_miss(errors: Iterable[ValidationError]) -> bool:
    """A union branch that failed only because the value is another kind of thing: another
    `type` discriminator, or another JSON type (null, string...) altogether."""
    for error in errors:
        path = tuple(error.relative_path)
        if path == ("type",) and error.validator in ("enum", "const"):
            return True
        if path == () and error.validator == "type":
            return True
    return False


def _leaves(error: ValidationError) -> list[ValidationError]:
    """The errors that say what is wrong: inside a union (anyOf/oneOf), the errors of the
    branches of the value's own kind; the union itself when no branch is of its kind."""
    if error.validator not in ("anyOf", "oneOf") or not error.context:
        return [error]
    if _allowed_values(error):
        return [error]  # an enumeration written as a union of consts
    branches: dict[Any, list[ValidationError]] = defaultdict(list)
    for sub in error.context:
        branches[sub.schema_path[0] if sub.schema_path else None].append(sub)
    close = [subs for subs in branches.values() if not _discriminator_miss(subs)]
    if not close:
        return [error]
    out: list[ValidationError] = []
    for subs in close:
        for sub in subs:
            out += _leaves(sub)
    return out


def _allowed_values(error: ValidationError) -> list[Any]:
    """The values a union of `const` branches allows; [] when it is not one."""
    context = error.context or []
    if not context or any(e.validator != "const" or tuple(e.relative_path) for e in context):
        return []
    return [e.validator_value for e in context]


def _where(error: ValidationError) -> str:
    where = ""
    for part in error.absolute_path:
        where += f"[{part}]" if isinstance(part, int) else (f".{part}" if where else str(part))
    return where or "(the body)"


def _short(value: object) -> str:
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 80 else text[:77] + "..."


def _message(error: ValidationError) -> str:
    if error.validator in ("anyOf", "oneOf") and (allowed := _allowed_values(error)):
        return f"{_short(error.instance)} is not one of {', '.join(map(_short, allowed))}"
    if error.validator in ("anyOf", "oneOf"):
        instance = error.instance
        kinds = sorted(
            {
                value
                for sub in error.context or ()
                if tuple(sub.relative_path) == ("type",) and sub.validator == "enum"
                for value in sub.validator_value
            }
        )
        if isinstance(instance, dict) and "type" in instance and kinds:
            return (
                f"type {_short(instance['type'])} is not one of the kinds allowed here "
                f"({', '.join(map(str, kinds))})"
            )
        return f"{_short(instance)} matches none of the shapes the spec allows here"
    instance, limit = error.instance, error.validator_value
    if error.validator in ("maxLength", "minLength") and isinstance(instance, str):
        bound = "at most" if error.validator == "maxLength" else "at least"
        return f"{len(instance)} characters, the spec allows {bound} {limit}"
    if error.validator in ("maxItems", "minItems") and isinstance(instance, list):
        bound = "at most" if error.validator == "maxItems" else "at least"
        return f"{len(instance)} items, the spec allows {bound} {limit}"
    if error.validator == "type":
        return f"{_short(instance)} is not of type {' or '.join(map(str, _listed(limit)))}"
    if error.validator == "enum":
        return f"{_short(instance)} is not one of {_short(limit)}"
    message = str(error.message)
    if len(message) > MAX_MESSAGE:
        message = message[: MAX_MESSAGE - 3] + "..."
    return message


def _listed(value: object) -> list[object]:
    return list(value) if isinstance(value, list | tuple) else [value]
