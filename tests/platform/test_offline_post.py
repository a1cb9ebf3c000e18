"""`OfflineDiscord.post`: many members asking at once, each answer kept apart."""

from __future__ import annotations

import asyncio

from offline import OfflineDiscord


async def test_posted_commands_are_answered_together_each_with_its_own_reply(
    discord_env: OfflineDiscord,
) -> None:
    """Two lookups delivered before either is answered: each exchange holds only its own
    reply, and neither waited for the other to be asked."""
    rlhf = discord_env.post("define", term="rlhf")
    moe = discord_env.post("define", term="transformer")
    first, second = await asyncio.gather(rlhf, moe)
    assert "RLHF" in first.text()
    assert "Transformer" not in first.text()
    assert "Transformer" in second.text()
    assert "RLHF" not in second.text()
    assert {r.path for r in first.requests}.isdisjoint(r.path for r in second.requests)
