"""A project card says when its status was last verified, in the reader's language."""

from __future__ import annotations

import pytest

from offline import Actor, OfflineDiscord


@pytest.mark.parametrize(
    ("locale", "label", "says"),
    [
        ("en-US", "Status", "status as of 14 August 2024"),
        ("zh-CN", "状态", "状态截至 2024年8月14日"),
        ("zh-TW", "狀態", "狀態截至 2024年8月14日"),
    ],
)
async def test_project_card_shows_status_as_of(
    discord_env: OfflineDiscord, locale: str, label: str, says: str
) -> None:
    view = discord_env.bot.services.knowledge.by_id("project/meson-network")
    assert view is not None
    assert view.entry.status_as_of.isoformat() == "2024-08-14"  # type: ignore[attr-defined]
    exchange = await discord_env.command(
        "project info", Actor(locale=locale), name="project/meson-network"
    )
    fields = {f["name"]: f["value"] for f in exchange.last["embeds"][0]["fields"]}
    assert says in fields[label]
