"""Run in a child process by the durability test: the bot as `aixbot` builds it, taking edits.

`python -m tests.lifecycle.edit_stream write` starts the bot exactly as `aixbot ask` does
(settings from the environment, `build_services`, every cog, migrations and the shipped load),
prints {"ready": true}, then reads one JSON line per edit, {"n": 7}, and saves it through the
editing service the /edit modal uses (one moderator edit of term/transformer's summary, keyed on
interaction id BASE + n). It prints {"n": 7, "reply": "saved", "version": ...} only after the
service returned, i.e. after the commit: the line a moderator would see as "saved".

`... verify` starts the bot again on the same database, prints every n whose edit is stored,
then asks /define transformer in that guild through the real command tree and prints what the
bot answered: the restart works and the bot serves the guild's text.
"""

from __future__ import annotations

import asyncio
import json
import re
import sys

from sqlalchemy import select

from bot.app import AixBot, build_services
from bot.cli import load_settings
from bot.db.models import Revision
from bot.editing.fields import ModalFields
from offline import Actor, OfflineDiscord

ENTRY = "term/transformer"
BASE = 1_700_000_000_000_000_000
"""Interaction ids of the stream's edits: BASE + n."""
EDITOR = 42
MARK = re.compile(r"Durability edit (\d+)\.")


def summary(n: int) -> str:
    return f"Durability edit {n}."


async def started() -> OfflineDiscord:
    offline = OfflineDiscord(AixBot(build_services(load_settings())))
    await offline.start()
    return offline


async def write(offline: OfflineDiscord, guild_id: int) -> None:
    editing = offline.bot.services.editing
    loop = asyncio.get_running_loop()
    print(json.dumps({"ready": True}), flush=True)
    while line := await loop.run_in_executor(None, sys.stdin.readline):
        n = int(json.loads(line)["n"])
        form = await editing.edit_form(guild_id, ENTRY, "en")
        result = await editing.edit(
            guild_id,
            ENTRY,
            "en",
            ModalFields(summary=summary(n)),
            based_on=form.based_on or 0,
            editor_id=EDITOR,
            reason=f"stream {n}",
            interaction_id=BASE + n,
        )
        print(json.dumps({"n": n, "reply": "saved", "version": result.version}), flush=True)


async def verify(offline: OfflineDiscord, actor: Actor) -> None:
    async with offline.bot.services.database.sessions() as session:
        ids = await session.scalars(
            select(Revision.interaction_id).where(Revision.interaction_id >= BASE)
        )
        found = sorted(int(i) - BASE for i in ids if i is not None)
    exchange = await offline.command("define", actor, term="transformer")
    print(json.dumps({"found": found, "answer": exchange.text()}), flush=True)


async def main(mode: str) -> None:
    offline = await started()
    actor = Actor()
    assert actor.guild_id is not None
    try:
        if mode == "write":
            await write(offline, actor.guild_id)
        else:
            await verify(offline, actor)
    finally:
        await offline.close()


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1]))
