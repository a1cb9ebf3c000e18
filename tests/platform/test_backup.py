"""`aixbot db export` / `import`: the whole database out as JSON lines and back into an empty one,
on SQLite, on PostgreSQL and from SQLite to PostgreSQL; every refusal leaves nothing behind."""

from __future__ import annotations

import asyncio
import hashlib
import io
import json
import os
import sqlite3
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import MetaData, insert, select
from sqlalchemy.engine import Connection

from bot.cli import ProgressBar
from bot.db.backup import (
    FORMAT,
    BackupReader,
    BackupRefused,
    export_database,
    import_database,
    parse_header,
)
from bot.db.database import SCHEMA_HEAD, Database
from bot.db.models import Entry, Revision
from bot.editing.fields import ModalFields
from bot.editing.service import EditingService
from bot.knowledge.models import EntryKind
from bot.knowledge.service import KnowledgeService
from bot.knowledge.store import content_hash, load_shipped
from tests.conftest import fresh_pg_database
from tests.editing.conftest import (
    EDITOR,
    GUILD_A,
    GUILD_B,
    MEMBER,
    OTHER_EDITOR,
    SMALL_SET,
    Env,
    make_env,
    term,
)
from tests.platform.test_migrations import OLD_TERM
from tests.platform.test_settings_and_cli import run_cli

SOURCE = "https://arxiv.org/abs/1706.03762 Attention Is All You Need"


async def fill(env: Env) -> None:
    """Two guilds' worth of state: edits, an add, removals, a revert, settings, suggestions
    (one approved, one pending), missing lookups and a shipped release under a guild's edit."""
    editing = env.editing

    async def edit(guild: int, entry: str, summary: str, editor: int = EDITOR) -> None:
        form = await editing.edit_form(guild, entry, "en")
        fields = replace(await env.form_values(guild, entry), summary=summary)
        await editing.edit(
            guild, entry, "en", fields, based_on=form.based_on or 0, editor_id=editor
        )

    await edit(GUILD_A, "term/alpha", "Guild A's first summary.")
    await edit(GUILD_A, "term/alpha", "Guild A's second summary.", OTHER_EDITOR)
    await editing.revert(GUILD_A, "term/alpha", 2, editor_id=EDITOR, reason="the first was right")
    await editing.remove(GUILD_A, "term/gamma", editor_id=EDITOR, reason="off topic here")
    await edit(GUILD_B, "term/beta", "Guild B's beta.")
    await editing.remove(GUILD_B, "term/alpha", editor_id=OTHER_EDITOR)
    await editing.set_editor_role(GUILD_A, 9001, by=EDITOR)
    await editing.set_log_channel(GUILD_A, 9002, by=EDITOR)
    await editing.record_missing(GUILD_A, EntryKind.TERM, "zkml")
    await editing.record_missing(GUILD_A, EntryKind.TERM, "zkml")
    await editing.record_missing(GUILD_B, None, "moe")
    for summary, approve in (("A suggested beta.", True), ("Still pending.", None)):
        form = await editing.suggest_form(GUILD_A, "term/beta", "en")
        values = {f.name: f.value for f in form.fields}
        values.update(summary=summary, source=SOURCE)
        view = await editing.suggest(
            GUILD_A,
            "en",
            ModalFields(**values),
            author_id=MEMBER,
            entry_id="term/beta",
            based_on=form.based_on,
        )
        if approve:
            await editing.decide(GUILD_A, view.id, approve=True, decider_id=EDITOR)
    # A new shipped beta under guild B's edit: a notice waits for B's decision.
    release = [SMALL_SET[0], term("beta", "A newer shipped definition."), SMALL_SET[2]]
    await load_shipped(env.database.sessions, release)
    await editing.reconcile_shipped()
    await env.knowledge.refresh()


def _tables(connection: Connection) -> dict[str, list[dict[str, Any]]]:
    metadata = MetaData()
    metadata.reflect(connection)
    out: dict[str, list[dict[str, Any]]] = {}
    for table in metadata.sorted_tables:
        if table.name == "alembic_version":
            continue
        rows = connection.execute(select(table).order_by(*table.primary_key.columns))
        out[table.name] = [
            {
                k: (v.replace(tzinfo=UTC) if isinstance(v, datetime) and not v.tzinfo else v)
                for k, v in row._mapping.items()
            }
            for row in rows
        ]
    return out


async def dump(database: Database) -> dict[str, list[dict[str, Any]]]:
    """Every row of every table, timestamps made comparable across backends."""
    async with database.engine.connect() as connection:
        return await connection.run_sync(_tables)


async def services(database: Database) -> Env:
    knowledge = KnowledgeService(database.sessions)
    await knowledge.refresh()
    return Env(database, knowledge, EditingService(database.sessions, knowledge))


HISTORIES = [
    (GUILD_A, "term/alpha"),
    (GUILD_A, "term/gamma"),
    (GUILD_A, "term/beta"),
    (GUILD_B, "term/beta"),
    (GUILD_B, "term/alpha"),
]
"""Edited, reverted, removed, suggested, and edited under a newer shipped text."""


async def round_trip(source_url: str, target_url: str, tmp_path: Path) -> None:
    """Fill the source, export, import into the empty target: the same rows, the same history,
    and the target takes new edits (its id sequences carry on after the restored ids)."""
    source = await make_env(source_url, SMALL_SET)
    target = Database(target_url)
    path = tmp_path / "backup.jsonl"
    try:
        await fill(source)
        reported: list[tuple[int, int]] = []
        exported = await export_database(
            source.database, path, lambda n, total: reported.append((n, total))
        )
        assert path.stat().st_mode & 0o777 == 0o600
        before = await dump(source.database)
        assert exported.tables == {name: len(rows) for name, rows in before.items()}
        assert all(before[name] for name in before), "every table has rows to carry"
        assert sum(n for n, _ in reported) == exported.rows == reported[0][1]
        imported = await import_database(target, path)
        assert imported.tables == exported.tables
        assert await target.revision() == SCHEMA_HEAD
        assert await dump(target) == before
        restored = await services(target)
        for guild, entry_id in HISTORIES:
            theirs = await source.editing.history(guild, entry_id)
            ours = await restored.editing.history(guild, entry_id)
            assert ours == theirs
            diff = await restored.editing.diff(guild, entry_id)
            assert diff == await source.editing.diff(guild, entry_id)
        shown = restored.knowledge.by_id("term/alpha", guild_id=GUILD_A)
        assert shown is not None
        assert shown.entry.summary.en == "Guild A's first summary."
        assert restored.knowledge.by_id("term/gamma", guild_id=GUILD_A) is None
        assert restored.knowledge.by_id("term/gamma", guild_id=GUILD_B) is not None
        assert [s.id for s in await restored.editing.pending_suggestions(GUILD_A)] == [
            s.id for s in await source.editing.pending_suggestions(GUILD_A)
        ]
        # New rows after the restored ones: an edit and a suggestion, on both databases alike.
        form = await restored.editing.edit_form(GUILD_B, "term/gamma", "en")
        fields = replace(await restored.form_values(GUILD_B, "term/gamma"), summary="New here.")
        await restored.editing.edit(
            GUILD_B, "term/gamma", "en", fields, based_on=form.based_on or 0, editor_id=EDITOR
        )
        after = await dump(target)
        assert len(after["revisions"]) == len(before["revisions"]) + 1
        assert after["revisions"][-1]["id"] > before["revisions"][-1]["id"]
    finally:
        await source.database.close()
        await target.close()


async def test_sqlite_round_trip(tmp_path: Path) -> None:
    """SQLite to a new SQLite file: every row, and history and diff as they were."""
    await round_trip(
        f"sqlite+aiosqlite:///{tmp_path}/a.db", f"sqlite+aiosqlite:///{tmp_path}/b.db", tmp_path
    )


@pytest.fixture
def second_pg_url(pg_url: str) -> Iterator[str]:
    """Another fresh database on the same server (pg_url skips first when there is none)."""
    yield from fresh_pg_database()


async def test_postgres_round_trip(pg_url: str, second_pg_url: str, tmp_path: Path) -> None:
    """PostgreSQL to another PostgreSQL database."""
    await round_trip(pg_url, second_pg_url, tmp_path)


async def test_sqlite_to_postgres(pg_url: str, tmp_path: Path) -> None:
    """How a user moves up: a SQLite file restored into PostgreSQL, sequences carried on."""
    await round_trip(f"sqlite+aiosqlite:///{tmp_path}/a.db", pg_url, tmp_path)


@pytest.fixture
async def backup(tmp_path: Path) -> Path:
    """An export of a filled SQLite database."""
    env = await make_env(f"sqlite+aiosqlite:///{tmp_path}/source.db", SMALL_SET)
    try:
        await fill(env)
        await export_database(env.database, tmp_path / "backup.jsonl")
    finally:
        await env.database.close()
    return tmp_path / "backup.jsonl"


async def refused(path: Path, target: Database, match: str) -> None:
    """The import is refused with `match` in its message and the target is left untouched."""
    before = await target.revision(), await dump(target)
    with pytest.raises(BackupRefused, match=match) as caught:
        await import_database(target, path)
    assert "\n" not in str(caught.value)
    assert (await target.revision(), await dump(target)) == before


@pytest.fixture
async def empty(any_url: str) -> Any:
    """A fresh database on each backend: PostgreSQL's rollback must undo the migration too."""
    database = Database(any_url)
    yield database
    await database.close()


def rewrite(path: Path, change: Any) -> Path:
    lines = path.read_bytes().splitlines(keepends=True)
    out = path.with_name("changed.jsonl")
    out.write_bytes(b"".join(change(lines)))
    return out


async def test_refuses_a_database_that_holds_rows(backup: Path, empty: Database) -> None:
    """A second import into the same database is refused and changes nothing."""
    await import_database(empty, backup)
    await refused(backup, empty, "not empty")


async def test_refuses_a_database_with_the_shipped_load(backup: Path, db_url: str) -> None:
    """The bot's own database after a start (shipped entries loaded) is not a target."""
    database = Database(db_url)
    try:
        await refused(backup, database, r"not empty \(.*entries \d+")
    finally:
        await database.close()


async def test_refuses_a_tampered_row(backup: Path, empty: Database) -> None:
    """One changed author id under an intact header: the checksum no longer holds."""

    def tamper(lines: list[bytes]) -> list[bytes]:
        index = next(i for i, line in enumerate(lines) if b'"author_id":42' in line)
        lines[index] = lines[index].replace(b'"author_id":42', b'"author_id":666', 1)
        return lines

    await refused(rewrite(backup, tamper), empty, "checksum mismatch")


async def test_refuses_a_tampered_header_count(backup: Path, empty: Database) -> None:
    """A header that counts fewer revisions than the file holds."""

    def recount(lines: list[bytes]) -> list[bytes]:
        header = json.loads(lines[0])
        header["tables"]["revisions"] -= 1
        return [json.dumps(header).encode() + b"\n", *lines[1:]]

    await refused(rewrite(backup, recount), empty, "more rows than the header")


async def test_refuses_an_empty_file(tmp_path: Path, empty: Database) -> None:
    """Zero bytes: said as such."""
    path = tmp_path / "zero.jsonl"
    await asyncio.to_thread(path.write_bytes, b"")
    await refused(path, empty, "^the file is empty$")


@pytest.mark.parametrize("cut", ["mid_line", "line_boundary", "header"])
async def test_refuses_a_truncated_file(backup: Path, empty: Database, cut: str) -> None:
    """Cut inside a row, after a whole row, or inside the header: truncated, nothing written."""
    blob = await asyncio.to_thread(backup.read_bytes)
    lines = blob.splitlines(keepends=True)
    if cut == "mid_line":
        cut_at = len(blob) // 2
    elif cut == "line_boundary":
        cut_at = sum(len(line) for line in lines[: len(lines) // 2])
    else:
        cut_at = len(lines[0]) // 2
    short = backup.with_name("short.jsonl")
    short.write_bytes(blob[:cut_at])
    await refused(short, empty, "truncated")


async def test_refuses_a_guild_export(tmp_path: Path, empty: Database) -> None:
    """/edit export's file is another format: named, and refused."""
    env = await make_env(f"sqlite+aiosqlite:///{tmp_path}/guild.db", SMALL_SET)
    try:
        await fill(env)
        blob = await env.editing.export(GUILD_A)
    finally:
        await env.database.close()
    path = tmp_path / "guild.json"
    path.write_bytes(blob)
    await refused(path, empty, "not an aixbot database export")


@pytest.mark.parametrize(
    ("field", "value", "match"),
    [
        ("format", "aixbot.other", "not an aixbot database export .*aixbot.other"),
        ("format_version", 2, "format version 2 is newer"),
        ("schema", "9999", "schema 9999, which this aixbot does not know"),
    ],
)
async def test_refuses_unknown_format_or_newer_schema(
    backup: Path, empty: Database, field: str, value: object, match: str
) -> None:
    """A header from another tool, a newer format or a newer schema is refused up front."""

    def change(lines: list[bytes]) -> list[bytes]:
        header = json.loads(lines[0])
        header[field] = value
        return [json.dumps(header).encode() + b"\n", *lines[1:]]

    await refused(rewrite(backup, change), empty, match)


@pytest.mark.parametrize("target_at", [None, "head"])
async def test_a_file_from_an_older_schema_is_migrated_after_the_restore(
    tmp_path: Path, any_url: str, target_at: str | None
) -> None:
    """Exported at 0003 (before `checked` dates): restored at 0003 (an empty target already at
    head is taken down to it first), then 0004's data step runs on the restored rows."""
    old = Database(f"sqlite+aiosqlite:///{tmp_path}/old.db")
    target = Database(any_url)
    if target_at is not None:
        await target.migrate(target_at)
    common = {"data": OLD_TERM, "content_hash": content_hash(OLD_TERM), "schema_version": 1}
    written = datetime(2025, 3, 4, 10, 0, tzinfo=UTC)
    try:
        await old.migrate("0003")
        async with old.engine.begin() as connection:
            await connection.execute(
                insert(Entry).values(
                    id=7,
                    guild_id=5,
                    kind="term",
                    slug=str(OLD_TERM["id"]).split("/")[1],
                    version=1,
                    hidden=False,
                    updated_at=written,
                    **common,
                )
            )
            await connection.execute(
                insert(Revision).values(
                    entry_id=7,
                    version=1,
                    action="add",
                    hidden=False,
                    created_at=written,
                    **common,
                )
            )
        exported = await export_database(old, tmp_path / "old.jsonl")
        assert exported.schema == "0003"
        await import_database(target, tmp_path / "old.jsonl")
        assert await target.revision() == SCHEMA_HEAD
        rows = await dump(target)
        assert [r["data"]["checked"] for r in rows["entries"]] == ["2025-03-04"]
        assert [r["data"]["checked"] for r in rows["revisions"]] == ["2025-03-04"]
    finally:
        await old.close()
        await target.close()


VALID_HEADER = (
    json.dumps(
        {
            "format": FORMAT,
            "format_version": 1,
            "schema": SCHEMA_HEAD,
            "created_at": "2026-12-02T10:00:00+00:00",
            "tables": {"entries": 1, "bot_state": 0},
            "checksum": "sha256:" + "0" * 64,
        }
    ).encode()
    + b"\n"
)


def refusal(read: Any, blob: bytes) -> str | None:
    """The refusal's message, or None when the blob was read; anything else propagates."""
    try:
        read(blob)
    except BackupRefused as exc:
        return str(exc)
    return None


def read_all(blob: bytes) -> list[tuple[str, dict[str, Any]]]:
    return list(BackupReader(io.BytesIO(blob)).rows())


def one_line(message: str | None) -> bool:
    return message is None or (bool(message) and "\n" not in message)


@given(st.binary(max_size=400))
def test_arbitrary_bytes_are_refused_or_read(blob: bytes) -> None:
    """Whatever the file holds, the reader raises nothing but BackupRefused, in one line."""
    assert one_line(refusal(read_all, blob))


@given(st.lists(st.binary(max_size=120), max_size=6), st.booleans())
def test_arbitrary_lines_after_a_valid_header_are_refused_or_read(
    lines: list[bytes], newline_at_end: bool
) -> None:
    """The body parser too: any lines under a good header raise only BackupRefused."""
    blob = VALID_HEADER + b"\n".join(lines) + (b"\n" if newline_at_end else b"")
    assert one_line(refusal(read_all, blob))


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=10),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)
HEADER_FIELDS = ["format", "format_version", "schema", "created_at", "tables", "checksum", "x"]


@given(st.dictionaries(st.sampled_from(HEADER_FIELDS), json_values))
def test_arbitrary_json_headers_are_refused_or_read(fields: dict[str, Any]) -> None:
    """Headers that are JSON but of any shape: refused with a message, never a TypeError."""
    line = json.dumps({**json.loads(VALID_HEADER), **fields}).encode() + b"\n"
    assert one_line(refusal(parse_header, line))


def test_a_valid_file_reads_back_its_rows() -> None:
    """The reader's happy path, so the properties above are not all refusals."""
    body = b'{"table":"entries","row":{"id":1}}\n'
    header = json.loads(VALID_HEADER)
    header["checksum"] = "sha256:" + hashlib.sha256(body).hexdigest()
    blob = json.dumps(header).encode() + b"\n" + body
    assert read_all(blob) == [("entries", {"id": 1})]
    assert refusal(read_all, blob.replace(b'"id":1}}', b'"id":2}}')) == (
        "checksum mismatch: the rows are not the ones the header sealed"
    )


def test_the_cli_exports_and_imports_end_to_end(tmp_path: Path, db_url: str) -> None:
    """`aixbot db export` then `import` as real processes; a second import exits 1, one line."""
    path = tmp_path / "whole.jsonl"
    exported = run_cli("db", "export", str(path), cwd=tmp_path, env={"DATABASE_URL": db_url})
    assert exported.returncode == 0, exported.stderr
    assert exported.stdout.startswith("exported ")
    assert str(path) in exported.stdout
    header = parse_header(path.read_bytes().split(b"\n", 1)[0] + b"\n")
    assert header.schema == SCHEMA_HEAD
    assert header.tables["entries"] > 100
    target = {"DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path}/restored.db"}
    imported = run_cli("db", "import", str(path), cwd=tmp_path, env=target)
    assert imported.returncode == 0, imported.stderr
    assert imported.stdout.startswith(f"imported {header.rows} rows at schema {SCHEMA_HEAD}")
    again = run_cli("db", "import", str(path), cwd=tmp_path, env=target)
    assert again.returncode == 1
    assert len(again.stderr.strip().splitlines()) == 1
    assert again.stderr.startswith("aixbot db import: refused: the database is not empty")
    assert "Traceback" not in again.stderr
    missing = run_cli("db", "import", cwd=tmp_path, env=target)
    assert missing.returncode == 2
    assert "name the file" in missing.stderr


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize("tty", [True, False])
async def test_the_progress_bar_draws_only_on_a_terminal(
    tmp_path: Path, db_url: str, tty: bool
) -> None:
    """Counted in rows up to the total on a terminal; nothing at all in a log file or pipe."""
    stream = Terminal() if tty else io.StringIO()
    bar = ProgressBar("exporting", stream, delay_s=0)
    database = Database(db_url)
    try:
        report = await export_database(database, tmp_path / "out.jsonl", bar)
    finally:
        bar.close()
        await database.close()
    drawn = stream.getvalue()
    if tty:
        assert f"exporting: 100%|##########| {report.rows}/{report.rows} [" in drawn
    else:
        assert drawn == ""


async def test_the_export_neither_blocks_nor_sees_a_concurrent_edit(tmp_path: Path) -> None:
    """On SQLite a bot writing during the export gets the lock at once (no wait), and the file
    holds the snapshot the export began with, not the row written meanwhile."""
    path = tmp_path / "live.db"
    database = Database(f"sqlite+aiosqlite:///{path}")
    await database.migrate()
    wrote: list[int] = []

    def write_meanwhile(done: int, total: int) -> None:
        if wrote:
            return
        with sqlite3.connect(path, timeout=0) as other:  # "database is locked" at once if held
            other.execute(
                "INSERT INTO missing_lookups (guild_id, kind, query, count, first_seen, "
                "last_seen) VALUES (1, '', 'late', 1, '2026-01-01', '2026-01-01')"
            )
        wrote.append(done)

    try:
        async with database.engine.begin() as connection:
            await connection.exec_driver_sql(
                "INSERT INTO bot_state (key, value) VALUES ('early', 'x')"
            )
        report = await export_database(database, tmp_path / "live.jsonl", write_meanwhile)
        assert wrote == [1]
        assert (report.tables["bot_state"], report.tables["missing_lookups"]) == (1, 0)
        assert b"late" not in (tmp_path / "live.jsonl").read_bytes()
        assert len((await dump(database))["missing_lookups"]) == 1
    finally:
        await database.close()


async def test_an_export_names_what_it_cannot_do(tmp_path: Path, db_url: str) -> None:
    """No such SQLite file (and none made), a folder that is not there: one line each."""
    absent = Database(f"sqlite+aiosqlite:///{tmp_path}/absent.db")
    with pytest.raises(
        BackupRefused, match=r"nothing to export: SQLite file .*absent\.db does not"
    ):
        await export_database(absent, tmp_path / "out.jsonl")
    await absent.close()
    assert not (tmp_path / "absent.db").exists()
    database = Database(db_url)
    try:
        with pytest.raises(
            BackupRefused, match=r"cannot write .*/nowhere/out\.jsonl: No such file"
        ):
            await export_database(database, tmp_path / "nowhere" / "out.jsonl")
        with pytest.raises(BackupRefused, match=r"cannot write .*: Is a directory"):
            await export_database(database, tmp_path)
    finally:
        await database.close()
    assert sorted(await asyncio.to_thread(os.listdir, tmp_path)) == ["aixbot.db"]  # no leftovers


@pytest.mark.parametrize("action", ["export", "import"])
def test_ctrl_c_is_one_line_not_a_traceback(
    action: str, tmp_path: Path, db_url: str, monkeypatch: pytest.MonkeyPatch, capsys: Any
) -> None:
    """Ctrl+C mid-way says what was left (nothing) in one line and exits 130, as a shell expects."""
    from bot import cli
    from bot.db import backup

    def interrupted(*_: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(backup, f"{action}_database", interrupted)
    monkeypatch.setenv("DATABASE_URL", db_url)
    path = tmp_path / "whole.jsonl"
    if action == "import":
        path.write_text("{}\n", encoding="utf-8")
    assert cli.main(["db", action, str(path)]) == 130
    err = capsys.readouterr().err
    assert err.strip().splitlines() == [
        f"aixbot db {action}: interrupted; "
        + ("no file was written" if action == "export" else "the database is as it was")
    ]
    assert (action == "import") == path.exists()
