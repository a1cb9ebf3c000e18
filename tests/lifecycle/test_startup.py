"""Start-up as a real process: kills mid-migration, racing starts, faults named in one line."""

from __future__ import annotations

import sqlite3
import subprocess
from pathlib import Path

import pytest

from bot.knowledge.files import DEFAULT_ROOT, load_knowledge
from tests.lifecycle.conftest import aixbot, child_env, pg_counts, run

SHIPPED = len(load_knowledge(DEFAULT_ROOT).entries)


def db_path(url: str) -> Path:
    return Path(url.removeprefix("sqlite+aiosqlite:///"))


def sqlite_counts(path: Path) -> tuple[int, int, str]:
    with sqlite3.connect(path) as connection:
        entries = connection.execute("SELECT count(*) FROM entries").fetchone()[0]
        revisions = connection.execute("SELECT count(*) FROM revisions").fetchone()[0]
        integrity = connection.execute("PRAGMA integrity_check").fetchone()[0]
    return entries, revisions, integrity


def assert_one_line(result: subprocess.CompletedProcess[str], *needles: str) -> str:
    """Exit 2, no traceback, and a last line that names the fault."""
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    line = result.stderr.strip().splitlines()[-1]
    for needle in needles:
        assert needle in line, line
    return line


def migration_statements(tmp_path: Path) -> int:
    url = f"sqlite+aiosqlite:///{tmp_path}/count.db"
    result = run(
        [*aixbot()[:2], "tests.lifecycle.harness", url, "100000"], tmp_path, PYTHONUNBUFFERED="1"
    )
    assert result.returncode == 0, result.stderr
    return int(result.stdout.split()[-1])


def test_kill_during_first_migration_at_every_stage_then_restart(tmp_path: Path) -> None:
    """SIGKILL before several statements of the first migration; every restart comes up whole."""
    total = migration_statements(tmp_path)
    points = sorted({1, 2, total // 3, total // 2, (2 * total) // 3, total - 1, total})
    assert len(points) >= 5
    for point in points:
        url = f"sqlite+aiosqlite:///{tmp_path}/kill{point}/aixbot.db"
        child = subprocess.Popen(
            [*aixbot()[:2], "tests.lifecycle.harness", url, str(point)],
            cwd=tmp_path,
            env=child_env(),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert child.stdout is not None
        assert child.stdout.readline().startswith(f"at {point}")
        child.kill()
        child.wait(timeout=30)
        restart = run(aixbot("knowledge", "load"), tmp_path, DATABASE_URL=url)
        assert restart.returncode == 0, (point, restart.stdout, restart.stderr)
        assert sqlite_counts(db_path(url)) == (SHIPPED, SHIPPED, "ok"), point
    answered = run(aixbot("ask", "about"), tmp_path, DATABASE_URL=url)
    assert answered.returncode == 0, answered.stderr
    assert "About aixbot" in answered.stdout


def half_migrated(path: Path, *, rows: bool) -> None:
    """What releases before transactional DDL left behind: the tables, no version."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(path) as connection:
        connection.executescript(
            """
            CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY);
            CREATE TABLE bot_state (key VARCHAR(64) PRIMARY KEY, value TEXT NOT NULL);
            CREATE TABLE entries (id INTEGER PRIMARY KEY, guild_id BIGINT NOT NULL);
            CREATE TABLE revisions (id INTEGER PRIMARY KEY, entry_id INTEGER NOT NULL);
            """
        )
        if rows:
            connection.execute("INSERT INTO bot_state VALUES ('k', 'v')")


def test_an_empty_half_migrated_database_is_rebuilt(tmp_path: Path, sqlite_url: str) -> None:
    """Tables with no version and no rows are an interrupted first migration: redo it."""
    half_migrated(db_path(sqlite_url), rows=False)
    result = run(aixbot("ask", "about"), tmp_path, DATABASE_URL=sqlite_url)
    assert result.returncode == 0, result.stderr
    assert "half-migrated" in result.stderr
    assert sqlite_counts(db_path(sqlite_url)) == (SHIPPED, SHIPPED, "ok")


def test_a_half_migrated_database_with_rows_is_reported(tmp_path: Path, sqlite_url: str) -> None:
    """Rows in unversioned tables are never dropped: one line says what to do."""
    half_migrated(db_path(sqlite_url), rows=True)
    result = run(aixbot("ask", "about"), tmp_path, DATABASE_URL=sqlite_url)
    assert_one_line(result, "half-migrated", "bot_state 1 rows", "Back the file up")


def start_together(count: int, tmp_path: Path, url: str) -> list[subprocess.CompletedProcess[str]]:
    children = [
        subprocess.Popen(
            aixbot("ask", "about"),
            cwd=tmp_path,
            env=child_env(DATABASE_URL=url),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(count)
    ]
    results = []
    for child in children:
        out, err = child.communicate(timeout=240)
        results.append(subprocess.CompletedProcess(child.args, child.returncode, out, err))
    return results


@pytest.mark.parametrize("count", [2, 4])
def test_processes_starting_together_on_sqlite_all_come_up(
    count: int, tmp_path: Path, sqlite_url: str
) -> None:
    """N processes on one fresh SQLite file: all answer, and the load happened exactly once."""
    for result in start_together(count, tmp_path, sqlite_url):
        assert result.returncode == 0, result.stderr
        assert "About aixbot" in result.stdout
    assert sqlite_counts(db_path(sqlite_url)) == (SHIPPED, SHIPPED, "ok")


@pytest.mark.parametrize("count", [2, 4])
def test_processes_starting_together_on_postgres_all_come_up(
    count: int, tmp_path: Path, pg_url: str
) -> None:
    """N processes on one fresh PostgreSQL database: the advisory lock lets each take its turn."""
    for result in start_together(count, tmp_path, pg_url):
        assert result.returncode == 0, result.stderr
    assert pg_counts(pg_url) == (SHIPPED, SHIPPED)


def test_restart_with_unchanged_knowledge_skips_the_load(tmp_path: Path, sqlite_url: str) -> None:
    """The second start finds the fingerprint and writes nothing."""
    first = run(aixbot("knowledge", "load"), tmp_path, DATABASE_URL=sqlite_url)
    second = run(aixbot("knowledge", "load"), tmp_path, DATABASE_URL=sqlite_url)
    assert f"{SHIPPED} added" in first.stdout
    assert "nothing changed" in second.stdout


def test_corrupted_sqlite_file_is_one_line(tmp_path: Path, sqlite_url: str) -> None:
    path = db_path(sqlite_url)
    path.parent.mkdir(parents=True)
    path.write_bytes(b"this is not a database, just 64 bytes of text " * 20)
    result = run(aixbot("ask", "about"), tmp_path, DATABASE_URL=sqlite_url)
    assert_one_line(result, str(path), "not a readable SQLite database", "backup")


def test_data_directory_that_cannot_exist_is_one_line(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("a file where a folder should be")
    url = f"sqlite+aiosqlite:///{blocker}/data/aixbot.db"
    result = run(aixbot("ask", "about"), tmp_path, DATABASE_URL=url)
    assert_one_line(result, str(blocker), "DATABASE_URL")


@pytest.mark.parametrize("layout", ["empty", "missing"])
def test_empty_or_missing_knowledge_folder_stops_the_start(
    layout: str, tmp_path: Path, sqlite_url: str
) -> None:
    """No knowledge never means a bot with nothing: the start stops and says where it looked."""
    run(aixbot("knowledge", "load"), tmp_path, DATABASE_URL=sqlite_url)
    folder = tmp_path / "knowledge"
    if layout == "empty":
        folder.mkdir()
    result = run(
        aixbot("ask", "about"), tmp_path, DATABASE_URL=sqlite_url, KNOWLEDGE_DIR=str(folder)
    )
    needle = "retire" if layout == "empty" else "does not exist"
    assert_one_line(result, str(folder), needle)
    assert sqlite_counts(db_path(sqlite_url))[:2] == (SHIPPED, SHIPPED)
    if layout == "empty":
        allowed = run(
            aixbot("knowledge", "load", "--allow-retire"),
            tmp_path,
            DATABASE_URL=sqlite_url,
            KNOWLEDGE_DIR=str(folder),
        )
        assert f"{SHIPPED} retired" in allowed.stdout, allowed.stderr


@pytest.mark.parametrize("fault", ["bad-yaml", "not-utf8", "folder"])
def test_bad_knowledge_files_are_lines_not_tracebacks(
    fault: str, tmp_path: Path, sqlite_url: str
) -> None:
    folder = tmp_path / "knowledge"
    (folder / "term").mkdir(parents=True)
    if fault == "bad-yaml":
        (folder / "term" / "x.yaml").write_text("- id: term/x\n  name: [unclosed\n")
    elif fault == "not-utf8":
        (folder / "term" / "x.yaml").write_bytes(b"- id: term/x\n  name: \xff\xfe\n")
    else:
        (folder / "term" / "x.yaml").mkdir()
    result = run(
        aixbot("ask", "about"), tmp_path, DATABASE_URL=sqlite_url, KNOWLEDGE_DIR=str(folder)
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    expected = {"bad-yaml": "not valid YAML", "not-utf8": "not UTF-8", "folder": "not a file"}
    assert expected[fault] in result.stderr
    assert "aixbot knowledge validate" in result.stderr.strip().splitlines()[-1]


def test_wrong_postgres_role_is_one_line(tmp_path: Path, pg_url: str) -> None:
    base, _, name = pg_url.rpartition("/")
    url = base.replace("postgres@", "no_such_role_aixbot@") + "/" + name
    result = run(aixbot("ask", "about"), tmp_path, DATABASE_URL=url)
    line = assert_one_line(result, "PostgreSQL no_such_role_aixbot@", "role")
    assert "Discord" not in line
