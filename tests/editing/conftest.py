"""An EditingService on a real database: the shipped knowledge on SQLite (a copy of the session
template), or a small shipped set on a fresh PostgreSQL database."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.db.database import Database
from bot.editing.fields import ModalFields
from bot.editing.service import EditingService
from bot.knowledge.models import Term
from bot.knowledge.service import KnowledgeService
from bot.knowledge.store import load_shipped

GUILD_A = 1111
GUILD_B = 2222
EDITOR = 42
OTHER_EDITOR = 43
MEMBER = 77


@dataclass
class Env:
    database: Database
    knowledge: KnowledgeService
    editing: EditingService

    async def form_values(self, guild_id: int, entry_id: str, lang: str = "en") -> ModalFields:
        form = await self.editing.edit_form(guild_id, entry_id, lang)  # type: ignore[arg-type]
        return ModalFields(**{f.name: f.value for f in form.fields})


def term(slug: str, summary: str = "A short definition.", related: list[str] | None = None) -> Term:
    return Term.model_validate(
        {
            "id": f"term/{slug}",
            "name": {"en": slug.replace("-", " ").title(), "zh": f"{slug} 术语"},
            "summary": {"en": summary, "zh": "一个简短的定义。"},
            "body": {"en": "A longer explanation.", "zh": "更详细的解释。"},
            "related": related or [],
            "checked": "2026-11-01",
            "sources": [{"url": "https://example.org/paper", "title": "Paper", "publisher": "Org"}],
        }
    )


SMALL_SET = [term("alpha", related=["term/beta"]), term("beta"), term("gamma")]


async def make_env(url: str, entries: list[Term] | None = None) -> Env:
    database = Database(url)
    await database.migrate()
    if entries is not None:
        await load_shipped(database.sessions, entries)
    knowledge = KnowledgeService(database.sessions)
    await knowledge.refresh()
    return Env(database, knowledge, EditingService(database.sessions, knowledge))


@pytest.fixture
async def env(db_url: str) -> AsyncIterator[Env]:
    """The shipped knowledge on SQLite."""
    made = await make_env(db_url)
    yield made
    await made.database.close()


@pytest.fixture
async def small_env(tmp_path: Path) -> AsyncIterator[Env]:
    """Three shipped terms on an empty SQLite file, for tests that ship new releases."""
    made = await make_env(f"sqlite+aiosqlite:///{tmp_path}/small.db", SMALL_SET)
    yield made
    await made.database.close()


@pytest.fixture
async def pg_env(pg_url: str) -> AsyncIterator[Env]:
    """Three shipped terms on a fresh PostgreSQL database."""
    made = await make_env(pg_url, SMALL_SET)
    yield made
    await made.database.close()


@pytest.fixture
async def any_env(any_url: str) -> AsyncIterator[Env]:
    """The small set on each backend, for behaviour that must hold on both."""
    made = await make_env(any_url, SMALL_SET)
    yield made
    await made.database.close()
