"""Migration 0003: a server's copy of a report correction moves from `note` to `misreport`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import select

from bot.db import Database
from bot.db.models import Entry, Revision
from bot.knowledge.models import MODEL_FOR_KIND, EntryKind
from bot.knowledge.store import content_hash

GUILD = 1_300_000_000_000_000_001
OLD_NOTE = {
    "en": 'The “AI x Crypto” report says Pearl proposed Bayesian networks "in the 1990s". '
    "He introduced them in 1985.",
    "zh": '《AI x Crypto》报告称珀尔在"20 世纪 90 年代"提出贝叶斯网络。实际上他在 1985 年提出。',
}
CAVEAT = {"en": "The datasheet's 1,979 TFLOPS is sparse.", "zh": "数据手册中的数值是稀疏数值。"}


def _event(note: dict[str, str]) -> dict[str, Any]:
    return {
        "id": "event/bayesian-networks",
        "kind": "event",
        "name": {"en": "Bayesian networks", "zh": "贝叶斯网络"},
        "summary": {"en": "Pearl's networks.", "zh": "珀尔的网络。"},
        "body": {"en": "A server's own text.", "zh": "本服务器的文字。"},
        "sources": [{"url": "https://example.org/pearl", "title": "Pearl", "publisher": "X"}],
        "date": "1985",
        "note": note,
    }


async def _add(database: Database, kind: str, slug: str, data: dict[str, Any]) -> None:
    async with database.sessions.begin() as session:
        row = Entry(guild_id=GUILD, kind=kind, slug=slug, version=1, data=data,
                    content_hash=content_hash(data))  # fmt: skip
        session.add(row)
        await session.flush()
        session.add(Revision(entry_id=row.id, version=1, action="edit", data=data,
                             content_hash=row.content_hash, author_id=7))  # fmt: skip


async def _row(database: Database, slug: str) -> Entry:
    async with database.sessions() as session:
        row = await session.scalar(select(Entry).where(Entry.slug == slug))
        assert row is not None
        return row


async def test_overlay_correction_moves_and_caveat_stays(tmp_path: Path) -> None:
    """Upgrade moves the correction (short name out, a `migrate` revision), leaves a general
    caveat as a note, and the result parses; downgrade gives `note` back."""
    database = Database(f"sqlite+aiosqlite:///{tmp_path}/m.db")
    try:
        await database.migrate("0002")
        await _add(database, "event", "bayesian-networks", _event(OLD_NOTE))
        caveat = {**_event(CAVEAT), "id": "event/h100-caveat"}
        await _add(database, "event", "h100-caveat", caveat)
        await database.migrate()

        moved = await _row(database, "bayesian-networks")
        assert "note" not in moved.data
        assert moved.data["misreport"]["en"].startswith("The report says Pearl")
        assert moved.data["misreport"]["zh"].startswith("该报告称珀尔")
        assert moved.version == 2
        assert moved.content_hash == content_hash(moved.data)
        MODEL_FOR_KIND[EntryKind.EVENT].model_validate(moved.data)
        async with database.sessions() as session:
            steps = list(await session.scalars(
                select(Revision.action).where(Revision.entry_id == moved.id)
                .order_by(Revision.version)
            ))  # fmt: skip
        assert steps == ["edit", "migrate"]
        kept = await _row(database, "h100-caveat")
        assert kept.data["note"] == CAVEAT
        assert kept.version == 1

        await database.downgrade("0002")
        back = await _row(database, "bayesian-networks")
        assert "misreport" not in back.data
        assert back.data["note"]["en"].startswith("The report")
    finally:
        await database.close()
