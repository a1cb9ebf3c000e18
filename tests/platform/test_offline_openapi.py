"""Captured request bodies are validated against Discord's own OpenAPI spec (vendored in
tests/discord_api_spec); the validator finds bad bodies and says where they are wrong."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from offline import APPLICATION_ID, DiscordStandIn, OfflineDiscord, Request
from offline.openapi import SPEC_DIR, load_spec, spec_violations

CALLBACK = "/interactions/1/token-1/callback"
FOLLOWUP = f"/webhooks/{APPLICATION_ID}/token-1"
ORIGINAL = f"{FOLLOWUP}/messages/@original"
NONE = {"parse": []}


def message(**fields: Any) -> dict[str, Any]:
    return {"content": "hi", "allowed_mentions": NONE, **fields}


def callback(kind: int, data: dict[str, Any]) -> Request:
    return Request("POST", CALLBACK, {"type": kind, "data": data})


def test_the_spec_is_vendored_with_its_license_and_commit() -> None:
    """openapi.json, its MIT license and the upstream commit it was taken at."""
    spec = json.loads((SPEC_DIR / "openapi.json").read_text(encoding="utf-8"))
    assert spec["openapi"].startswith("3.1")
    assert "MIT License" in (SPEC_DIR / "LICENSE").read_text(encoding="utf-8")
    readme = (SPEC_DIR / "README.md").read_text(encoding="utf-8")
    assert re.search(r"discord/discord-api-spec\b.*\b[0-9a-f]{40}\b", readme, re.S)
    assert load_spec() is load_spec()


@pytest.mark.parametrize(
    "request_",
    [
        callback(4, message(embeds=[{"title": "t", "color": 0x5865F2}])),
        callback(5, {"flags": 64}),
        callback(6, {}),
        callback(8, {"choices": [{"name": "Transformer", "value": "term/transformer"}]}),
        callback(
            9,
            {
                "custom_id": "m",
                "title": "Edit",
                "components": [
                    {
                        "type": 18,
                        "label": "Name",
                        "component": {"type": 4, "custom_id": "n", "style": 1},
                    }
                ],
            },
        ),
        Request("POST", FOLLOWUP, message(flags=64)),
        Request("PATCH", ORIGINAL, message(attachments=[{"id": 0, "filename": "chart.png"}])),
        Request("PATCH", f"{FOLLOWUP}/messages/123", {"embeds": []}),
        Request("GET", ORIGINAL, None),
        Request(
            "PUT",
            f"/applications/{APPLICATION_ID}/commands",
            [{"name": "about", "description": "About", "default_member_permissions": 32}],
        ),
    ],
    ids=lambda r: f"{r.method} {r.path} {r.callback_type or ''}",
)
def test_good_bodies_pass(request_: Request) -> None:
    assert spec_violations(request_) == []


@pytest.mark.parametrize(
    ("request_", "problem"),
    [
        (
            callback(4, message(embeds=[{"title": "t", "color": "red"}])),
            'create_interaction_response: data.embeds[0].color: "red" is not of type '
            "integer or null",
        ),
        (
            callback(4, message(components=[{"type": 99, "custom_id": "x"}])),
            "create_interaction_response: data.components[0]: type 99 is not one of the kinds "
            "allowed here (1, 9, 10, 12, 13, 14, 17)",
        ),
        (
            Request("POST", FOLLOWUP, message(content="x" * 2001)),
            "execute_webhook: content: 2001 characters, the spec allows at most 2000",
        ),
        (
            callback(9, {"custom_id": "m", "title": "T" * 46, "components": []}),
            "create_interaction_response: data.title: 46 characters, the spec allows at most 45",
        ),
        (
            callback(8, {"choices": [{"name": "x", "value": "v"}] * 26}),
            "data.choices: 26 items, the spec allows at most 25",
        ),
        (
            Request("PATCH", ORIGINAL, {"attachments": [{"id": "chart.png"}]}),
            "update_original_webhook_message: attachments[0].id:",
        ),
        (
            Request("PUT", f"/applications/{APPLICATION_ID}/commands", [{"name": "x" * 33}]),
            "bulk_set_application_commands: [0].name: 33 characters, the spec allows at most 32",
        ),
        (callback(42, {}), "(the body): type 42 is not one of the kinds allowed here"),
        (Request("POST", "/nowhere/1", {"a": 1}), "is not an operation in Discord's API spec"),
    ],
)
def test_bad_bodies_are_caught_with_where_and_why(request_: Request, problem: str) -> None:
    found = spec_violations(request_)
    assert any(problem in line for line in found), found


def test_a_row_of_six_buttons_and_an_unknown_style() -> None:
    """Inside a known component the spec's own limits apply: five per row, known styles."""
    button = {"type": 2, "style": 1, "label": "Go", "custom_id": "go"}
    rows = [
        {"type": 1, "components": [button] * 6},
        {"type": 1, "components": [{**button, "style": 9}]},
    ]
    found = spec_violations(callback(4, message(components=rows)))
    assert (
        "create_interaction_response: data.components[0].components: 6 items, the spec "
        "allows at most 5" in found
    )
    assert (
        "create_interaction_response: data.components[1].components[0].style: 9 is not one of "
        "1, 2, 3, 4, 5, 6"
    ) in found


def test_multipart_bodies_are_validated_by_their_payload_json() -> None:
    """A request with files is checked on its payload_json part."""
    stand_in = DiscordStandIn()
    stand_in.register({"id": "1", "token": "token-1", "type": 2})
    form = aiohttp.FormData(quote_fields=False)
    payload = {"type": 4, "data": message(embeds=[{"color": 1.5}], attachments=[{"id": 0}])}
    form.add_field("payload_json", json.dumps(payload))
    form.add_field("files[0]", b"\x89PNG", filename="chart.png", content_type="image/png")
    stand_in.request(
        "POST", f"https://discord.com/api/v10{CALLBACK}", data=form, params={"with_response": 1}
    )
    sent = stand_in.requests[-1]
    assert sent.multipart
    assert sent.files == [("chart.png", b"\x89PNG")]
    assert spec_violations(sent) == [
        "create_interaction_response: data.embeds[0].color: 1.5 is not of type integer or null"
    ]


async def test_what_the_bot_sends_for_a_chart_fits_the_spec(
    discord_env: OfflineDiscord, tmp_path: Path
) -> None:
    """A deferred command answered with a PNG (multipart) validates, as every captured request
    does at the end of each test that uses discord_env."""
    exchange = await discord_env.command("history timeline", start=2015, end=2020)
    assert exchange.files
    assert any(r.multipart for r in exchange.requests)
    assert [line for r in exchange.requests for line in spec_violations(r)] == []
