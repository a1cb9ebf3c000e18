"""SIGKILL during a stream of moderator edits, with real processes, on SQLite and PostgreSQL.

Each round starts the bot (tests/lifecycle/edit_stream.py builds it as `aixbot` does), pipes it
more edits than it will get to, and kills it with SIGKILL right after the N-th "saved" reply,
N drawn at random per round: the kill lands wherever the next edit happens to be (reading,
in the conditional update, in the commit), never after a guessed delay. After the last round
a fresh process must find every acknowledged edit, SQLite must pass `PRAGMA integrity_check`,
and the bot must answer /define with the guild's latest text.
"""

from __future__ import annotations

import json
import random
import sqlite3
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from tests.lifecycle.conftest import child_env

ROUNDS = 3
AHEAD = 40
"""Edits written beyond the kill point, so the process always has work in flight."""


def stream(mode: str) -> list[str]:
    return [sys.executable, "-m", "tests.lifecycle.edit_stream", mode]


@dataclass
class Tally:
    acknowledged: set[int] = field(default_factory=set)
    sent: set[int] = field(default_factory=set)


def kill_round(cwd: Path, url: str, first: int, stop_after: int, tally: Tally) -> None:
    """One process: edits first, first+1, ...; SIGKILL right after `stop_after` "saved"."""
    child = subprocess.Popen(
        stream("write"),
        cwd=cwd,
        env=child_env(DATABASE_URL=url),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdin is not None
        assert child.stdout is not None
        assert child.stderr is not None
        ready = child.stdout.readline()
        assert ready.strip() == '{"ready": true}', ready + child.stderr.read()
        numbers = range(first, first + stop_after + AHEAD)
        child.stdin.write("".join(json.dumps({"n": n}) + "\n" for n in numbers))
        child.stdin.flush()
        tally.sent.update(numbers)
        for _ in range(stop_after):
            line = child.stdout.readline()
            reply = json.loads(line)
            assert reply["reply"] == "saved", line
            tally.acknowledged.add(int(reply["n"]))
        child.kill()
    finally:
        child.kill()
        child.wait(timeout=30)
        for pipe in (child.stdin, child.stdout, child.stderr):
            if pipe is not None:
                pipe.close()
    assert child.returncode == -9


def check_after_restart(cwd: Path, url: str, tally: Tally) -> list[int]:
    done = subprocess.run(
        stream("verify"),
        cwd=cwd,
        env=child_env(DATABASE_URL=url),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.splitlines()[-1])
    found: list[int] = report["found"]
    lost = tally.acknowledged - set(found)
    assert not lost, f"edits replied 'saved' but missing after restart: {sorted(lost)}"
    assert set(found) <= tally.sent
    # Beyond the acknowledged ones, at most the edit in flight of each round got committed.
    assert len(found) - len(tally.acknowledged) <= ROUNDS
    assert f"Durability edit {max(found)}." in report["answer"], report["answer"]
    return found


def run_rounds(cwd: Path, url: str) -> tuple[Tally, list[int]]:
    picker = random.Random()
    tally = Tally()
    first = 0
    for _ in range(ROUNDS):
        stop_after = picker.randint(1, 25)
        kill_round(cwd, url, first, stop_after, tally)
        first += stop_after + AHEAD
    found = check_after_restart(cwd, url, tally)
    print(
        f"kill test: {len(tally.acknowledged)} edits acknowledged, {len(found)} found "
        f"over {ROUNDS} SIGKILLs"
    )
    return tally, found


def test_sigkill_during_edits_sqlite(tmp_path: Path, sqlite_url: str) -> None:
    """Every "saved" edit survives SIGKILL on SQLite, and the file passes integrity_check."""
    run_rounds(tmp_path, sqlite_url)
    with sqlite3.connect(tmp_path / "data" / "aixbot.db") as connection:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]


def test_sigkill_during_edits_postgres(tmp_path: Path, pg_url: str) -> None:
    """Every "saved" edit survives SIGKILL on PostgreSQL."""
    run_rounds(tmp_path, pg_url)
