"""Run in a child process by the durability test: the bot as `aixbot` builds it, taking edits.

`python -m tests.lifecycle.edit_stream write` starts the bot exactly as `aixbot ask` does
(settings from the environment, `build_services`, every cog, migrations and the shipped load),
prints {"ready": true}, then reads one JSON line per edit, {"n": 7}, and makes it as a moderator
does, through the real command tree: `/edit entry term/transformer` opens the modal, and the
modal is submitted with a new summary. It prints {"n": 7, "reply": "saved", ...} only when the
bot's own reply to that submit says it saved the edit: the line a moderator would see.

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
from offline import MODERATOR_PERMISSIONS, Actor, OfflineDiscord

ENTRY = "term/transformer"
MARK = re.compile(r"Durability edit (\d+)\.")


def summary(n: int) -> str:
    return f"Durability edit {n}."


async def started() -> OfflineDiscord:
    offline = OfflineDiscord(AixBot(build_services(load_settings())))
    await offline.start()
    return offline


async def write(offline: OfflineDiscord, actor: Actor) -> None:
    loop = asyncio.get_running_loop()
    print(json.dumps({"ready": True}), flush=True)
    while line := await loop.run_in_executor(None, sys.stdin.readline):
        n = int(json.loads(line)["n"])
        opened = await offline.command("edit entry", actor, entry=ENTRY, language="en")
        saved = await offline.submit(opened.modal, {"Summary": summary(n)}, actor)
        reply = saved.last.get("content") or ""
        if reply.startswith("Saved "):
            print(json.dumps({"n": n, "reply": "saved", "said": reply}), flush=True)
        else:
            print(json.dumps({"n": n, "reply": "refused", "said": reply}), flush=True)


async def verify(offline: OfflineDiscord, actor: Actor) -> None:
    async with offline.bot.services.database.sessions() as session:
        rows = await session.scalars(
            select(Revision.data).where(Revision.author_id == actor.user_id)
        )
        marks = (MARK.fullmatch(str(d.get("summary", {}).get("en", ""))) for d in rows)
        found = sorted({int(m[1]) for m in marks if m is not None})
    exchange = await offline.command("define", actor, term="transformer")
    print(json.dumps({"found": found, "answer": exchange.text()}), flush=True)


async def main(mode: str) -> None:
    offline = await started()
    actor = Actor(user_id=42, permissions=MODERATOR_PERMISSIONS)
    try:
        if mode == "write":
            await write(offline, actor)
        else:
            await verify(offline, actor)
    finally:
        await offline.close()


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1]))
