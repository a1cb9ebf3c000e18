"""Loading shipped knowledge: idempotent, revisioned, retiring, and blind to guild edits."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import func, select

from bot.db import SHIPPED, Database, Entry, Revision
from bot.knowledge.files import DEFAULT_ROOT, load_knowledge
from bot.knowledge.models import EntryKind, Term
from bot.knowledge.service import KnowledgeService
from bot.knowledge.store import RetireRefused, content_hash, entry_data, load_shipped

GUILD = 777


def term(slug: str, summary: str = "A short definition.") -> Term:
    return Term.model_validate(
        {
            "id": f"term/{slug}",
            "name": {"en": slug.title(), "zh": f"{slug} 术语"},
            "summary": {"en": summary, "zh": "一个简短的定义。"},
            "body": {"en": "A longer explanation.", "zh": "更详细的解释。"},
            "checked": "2026-11-01",
            "sources": [{"url": "https://example.org/", "title": "Source", "publisher": "Org"}],
        }
    )


@pytest.fixture
async def database(tmp_path: Path) -> Database:
    db = Database(f"sqlite+aiosqlite:///{tmp_path}/k.db")
    await db.migrate()
    yield db  # type: ignore[misc]
    await db.close()


async def _revisions(db: Database, slug: str, guild_id: int = SHIPPED) -> list[Revision]:
    async with db.sessions() as session:
        entry_id = await session.scalar(
            select(Entry.id).where(Entry.slug == slug, Entry.guild_id == guild_id)
        )
        rows = await session.scalars(
            select(Revision).where(Revision.entry_id == entry_id).order_by(Revision.version)
        )
        return list(rows)


async def test_unchanged_load_writes_nothing(database: Database) -> None:
    """A second load of the same files adds no row and no revision."""
    entries = [term("alpha"), term("beta")]
    first = await load_shipped(database.sessions, entries)
    second = await load_shipped(database.sessions, entries)
    assert (first.added, first.wrote) == (2, True)
    assert (second.unchanged, second.wrote) == (2, False)
    async with database.sessions() as session:
        assert await session.scalar(select(func.count()).select_from(Revision)) == 2


async def test_version_b_revises_retires_and_spares_guild_edits(database: Database) -> None:
    """Load A then B: changed entries get a revision, removed ones retire, guild edits survive."""
    await load_shipped(database.sessions, [term("alpha"), term("beta"), term("gamma")])
    async with database.sessions.begin() as session:
        shipped = await session.scalar(select(Entry).where(Entry.slug == "alpha"))
        assert shipped is not None
        edited = dict(shipped.data, summary={"en": "Guild text.", "zh": "服务器版本。"})
        overlay = Entry(
            guild_id=GUILD,
            kind="term",
            slug="alpha",
            version=1,
            data=edited,
            content_hash=content_hash(edited),
            hidden=False,
            updated_by=42,
        )
        session.add(overlay)
        await session.flush()
        session.add(
            Revision(
                entry_id=overlay.id,
                version=1,
                action="edit",
                data=edited,
                content_hash=overlay.content_hash,
                author_id=42,
            )
        )

    report = await load_shipped(
        database.sessions, [term("alpha", "Changed upstream."), term("beta"), term("delta")]
    )
    assert (report.added, report.changed, report.retired, report.unchanged) == (1, 1, 1, 1)

    alpha = await _revisions(database, "alpha")
    assert [(r.version, r.action, r.replaced_version) for r in alpha] == [
        (1, "load", None),
        (2, "load", 1),
    ]
    assert alpha[0].data["summary"]["en"] == "A short definition."
    gamma = await _revisions(database, "gamma")
    assert [(r.action, r.hidden) for r in gamma] == [("load", False)]
    async with database.sessions() as session:
        retired = await session.scalar(select(Entry).where(Entry.slug == "gamma"))
    assert retired is not None
    assert retired.hidden
    guild = await _revisions(database, "alpha", GUILD)
    assert [(r.action, r.data["summary"]["en"]) for r in guild] == [("edit", "Guild text.")]

    service = KnowledgeService(database.sessions)
    await service.refresh()
    assert service.get(EntryKind.TERM, "alpha", guild_id=GUILD).entry.summary.en == "Guild text."
    assert service.get(EntryKind.TERM, "alpha", guild_id=1).entry.summary.en == "Changed upstream."
    assert service.get(EntryKind.TERM, "alpha", guild_id=GUILD).edited
    assert {v.slug for v in service.visible(EntryKind.TERM)} == {"alpha", "beta", "delta"}


async def test_retired_entry_comes_back_without_a_new_revision(database: Database) -> None:
    """Retiring and re-adding unchanged text flips visibility only: one revision, same version."""
    await load_shipped(database.sessions, [term("alpha"), term("beta")])
    retire = await load_shipped(database.sessions, [term("beta")], allow_retire=True)
    back = await load_shipped(database.sessions, [term("alpha"), term("beta")])
    assert (retire.retired, back.restored, back.changed) == (1, 1, 0)
    history = await _revisions(database, "alpha")
    assert [(r.version, r.action, r.hidden) for r in history] == [(1, "load", False)]


async def test_retired_entry_with_new_text_gets_a_revision(database: Database) -> None:
    """An entry that comes back changed keeps one continuous history with the new text."""
    await load_shipped(database.sessions, [term("alpha"), term("beta")])
    await load_shipped(database.sessions, [term("beta")], allow_retire=True)
    back = await load_shipped(database.sessions, [term("alpha", "New text."), term("beta")])
    assert back.changed == 1
    history = await _revisions(database, "alpha")
    assert [(r.version, r.action) for r in history] == [(1, "load"), (2, "load")]


@pytest.mark.parametrize("keep", [[], ["alpha"]])
async def test_a_load_that_retires_most_entries_is_refused(
    database: Database, keep: list[str]
) -> None:
    """An empty set, or one retiring more than half, writes nothing unless allowed."""
    await load_shipped(database.sessions, [term(s) for s in ("alpha", "beta", "gamma")])
    with pytest.raises(RetireRefused) as refused:
        await load_shipped(database.sessions, [term(s) for s in keep])
    assert refused.value.retiring == 3 - len(keep)
    service = KnowledgeService(database.sessions)
    await service.refresh()
    assert len(service.visible()) == 3
    allowed = await load_shipped(database.sessions, [term(s) for s in keep], allow_retire=True)
    assert allowed.retired == 3 - len(keep)


async def test_an_empty_set_is_refused_on_an_empty_database(database: Database) -> None:
    """A fresh start with no entries at all is a mistake (a wrong KNOWLEDGE_DIR), not a bot."""
    with pytest.raises(RetireRefused):
        await load_shipped(database.sessions, [])


async def test_matching_fingerprint_skips_all_work(database: Database) -> None:
    """A restart with the same files compares nothing: the stored fingerprint matches."""
    entries = [term("alpha"), term("beta")]
    first = await load_shipped(database.sessions, entries)
    second = await load_shipped(database.sessions, entries)
    changed = await load_shipped(database.sessions, [term("alpha", "Edited."), term("beta")])
    assert (first.skipped, second.skipped, changed.skipped) == (False, True, False)
    assert changed.changed == 1


async def _load_real_files(url: str) -> Counter[str]:
    knowledge = load_knowledge(DEFAULT_ROOT)
    assert knowledge.ok, [str(p) for p in knowledge.problems]
    db = Database(url)
    try:
        await db.migrate()
        report = await load_shipped(db.sessions, knowledge.entries)
        assert report.added == len(knowledge.entries)
        async with db.sessions() as session:
            rows = await session.execute(select(Entry.kind, func.count()).group_by(Entry.kind))
            counted = Counter({kind: n for kind, n in rows.all()})
        again = await load_shipped(db.sessions, knowledge.entries)
        assert not again.wrote
    finally:
        await db.close()
    assert counted == Counter(e.kind.value for e in knowledge.entries)
    return counted


async def test_real_files_load_into_sqlite(tmp_path: Path) -> None:
    """The shipped files load into SQLite with the right count per kind, then reload as no-op."""
    await _load_real_files(f"sqlite+aiosqlite:///{tmp_path}/real.db")


async def test_real_files_load_into_postgres(pg_url: str) -> None:
    """The same on PostgreSQL: JSON columns and big ids round-trip."""
    await _load_real_files(pg_url)


def test_entry_data_round_trips_through_the_model() -> None:
    """What the store writes parses back to an equal entry."""
    entry = term("alpha")
    assert Term.model_validate(entry_data(entry)) == entry


async def test_a_start_on_files_already_loaded_parses_nothing(
    tmp_path: Path, database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`aixbot ask` and every restart skip the parse when the database holds these very files;
    any change to a file (a comment is enough) reads them again, and an edit loads."""
    from bot import startup

    root = tmp_path / "knowledge"
    shutil.copytree(DEFAULT_ROOT, root)
    first = await startup.prepare_database(database, root, retry_s=0)
    assert first.added > 400

    def no_parse(_: Path) -> None:
        raise AssertionError("the files were parsed again")

    startup._loaded.clear()
    monkeypatch.setattr(startup, "load_knowledge", no_parse)
    again = await startup.prepare_database(database, root, retry_s=0)
    assert again.skipped
    assert again.unchanged == first.added

    term_file = root / "term" / "architectures.yaml"
    term_file.write_text(term_file.read_text(encoding="utf-8") + "\n# checked\n", "utf-8")
    with pytest.raises(AssertionError, match="parsed again"):
        await startup.prepare_database(database, root, retry_s=0)
    monkeypatch.undo()
    reread = await startup.prepare_database(database, root, retry_s=0)
    assert reread.skipped
    assert reread.added == reread.changed == 0

    startup._loaded.clear()
    monkeypatch.setattr(startup, "load_knowledge", no_parse)
    assert (await startup.prepare_database(database, root, retry_s=0)).skipped
    monkeypatch.undo()

    text = term_file.read_text(encoding="utf-8")
    term_file.write_text(text.replace("today's large language models", "LLMs", 1), "utf-8")
    edited = await startup.prepare_database(database, root, retry_s=0)
    assert edited.changed == 1
