"""discord.py still has every internal aixbot and its stand-in use (offline/hooks.py).

Each failure names the hook, so an upgrade past the pinned minor version says what to re-read.
"""

from __future__ import annotations

import asyncio
import importlib
import inspect
from importlib.metadata import version

import discord
import pytest
from discord.http import HTTPClient
from discord.state import ConnectionState

from bot.app import INTERACTION_TASK_PREFIXES
from offline.driver import DISPATCH_TASK_PREFIXES
from offline.hooks import (
    CLASS_HOOKS,
    HTTP_CLIENT_ATTRIBUTES,
    INTERACTION_SLOTS,
    REPLY_HOOKS,
    STATE_ATTRIBUTES,
    TASK_NAMES,
)


def _resolve(path: str) -> object:
    parts = path.split(".")
    for split in range(len(parts) - 1, 0, -1):
        try:
            found: object = importlib.import_module(".".join(parts[:split]))
        except ImportError:
            continue
        for name in parts[split:]:
            found = getattr(found, name)
        return found
    raise ImportError(path)


@pytest.mark.parametrize("path", CLASS_HOOKS + REPLY_HOOKS)
def test_method_hooks_exist(path: str) -> None:
    try:
        hook = _resolve(path)
    except (AttributeError, ImportError):
        pytest.fail(f"discord.py {discord.__version__} has no {path}: offline/hooks.py")
    assert callable(hook), f"{path} is no longer callable"


def test_the_prepared_reply_sends_through_the_webhook_adapter() -> None:
    adapter = discord.webhook.async_.async_context.get()
    assert "payload" in inspect.signature(adapter.request).parameters, (
        "discord.py's AsyncWebhookAdapter.request takes no payload: cogs/_ui/reply.py"
    )


@pytest.mark.parametrize(("owner", "name"), INTERACTION_SLOTS)
def test_interaction_slots_exist(owner: str, name: str) -> None:
    cls = _resolve(owner)
    assert name in getattr(cls, "__slots__", ()), f"discord.py's {owner} has no {name}"


async def test_http_client_attributes_exist() -> None:
    client = HTTPClient(asyncio.get_running_loop())
    try:
        for name in HTTP_CLIENT_ATTRIBUTES:
            assert hasattr(client, name), f"discord.py's HTTPClient has no {name}"
    finally:
        await client.close()


def test_state_attributes_exist() -> None:
    init = inspect.getsource(ConnectionState)
    for name in STATE_ATTRIBUTES:
        assert f"self.{name}" in init, f"discord.py's ConnectionState no longer sets {name}"


@pytest.mark.parametrize(("module", "name"), TASK_NAMES)
def test_interaction_task_names(module: str, name: str) -> None:
    source = inspect.getsource(importlib.import_module(module))
    assert f"name='{name}" in source or f"name=f'{name}" in source, (
        f"{module} no longer names a task {name!r}: bot/app.py and offline/driver.py wait on it"
    )
    assert name in DISPATCH_TASK_PREFIXES or name.startswith("discord.py: ")
    assert name.startswith(INTERACTION_TASK_PREFIXES) or name.startswith("discord.py: ")


def test_discord_py_is_the_pinned_minor_version() -> None:
    """pyproject.toml pins discord.py to the minor version these hooks were read from."""
    major, minor = version("discord.py").split(".")[:2]
    assert (int(major), int(minor)) == (2, 7)


def test_discord_py_reads_and_writes_json_with_orjson() -> None:
    """pyproject.toml installs orjson for discord.py's JSON (discord/utils.py picks it at
    import): every gateway event and request body, about 5x faster than json for a reply."""
    assert discord.utils.HAS_ORJSON
    assert discord.utils._from_json.__module__ == "orjson"
