"""The chart worker process through a real SIGTERM: the bot closes it and exits, no orphan."""

from __future__ import annotations

import json
import os
import select
import signal
import subprocess
from pathlib import Path

from tests.lifecycle.conftest import aixbot, child_env


def workers_of(pid: int) -> list[int]:
    """Processes multiprocessing spawned as workers of `pid` (not its resource tracker, which
    outlives it by a moment), read from /proc: field 4 of stat is the parent."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            command = (stat.parent / "cmdline").read_bytes()
        except OSError:  # the process ended while we looked
            continue
        if int(fields[1]) == pid and b"spawn_main" in command:
            found.append(int(stat.parent.name))
    return found


def charts_asked(tmp_path: Path, count: int) -> subprocess.Popen[str]:
    """`aixbot ask --serve`, asked for `count` charts (/industry chain) at once."""
    url = f"sqlite+aiosqlite:///{tmp_path}/data/aixbot.db"
    child = subprocess.Popen(
        aixbot("ask", "--serve"),
        cwd=tmp_path,
        env=child_env(DATABASE_URL=url, LOG_LEVEL="INFO"),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert child.stdin is not None
    for number in range(count):
        child.stdin.write(json.dumps({"id": number, "command": "industry chain"}) + "\n")
    child.stdin.flush()
    return child


def test_sigterm_while_charts_are_drawn_stops_the_worker(tmp_path: Path) -> None:
    """A chart is answered by a worker process (the bot's child); SIGTERM while more charts
    are asked for: the bot exits 0 without a traceback and its worker is gone with it."""
    with charts_asked(tmp_path, 5) as child:
        assert child.stdout is not None
        first = json.loads(child.stdout.readline())
        workers = workers_of(child.pid)
        child.send_signal(signal.SIGTERM)
        _, err = child.communicate(timeout=120)
    assert child.returncode == 0, err
    assert first["id"] == 0
    assert "Something went wrong" not in first["text"]
    assert workers, "the chart was not drawn in a child process"
    assert not [pid for pid in workers if Path(f"/proc/{pid}").exists()]
    assert "shutdown: gateway and database closed" in err
    assert "Traceback" not in err


def test_a_killed_bot_leaves_no_chart_worker(tmp_path: Path) -> None:
    """SIGKILL (or the OOM killer) gives the bot no chance to close its pool: the worker, handed
    to another parent, sees it and exits instead of waiting on its queue for ever."""
    with charts_asked(tmp_path, 1) as child:
        assert child.stdout is not None
        json.loads(child.stdout.readline())
        workers = workers_of(child.pid)
        assert workers, "the chart was not drawn in a child process"
        child.kill()
        child.communicate(timeout=60)  # the worker held the pipes too: read until it let go
    for pid in workers:
        assert gone(pid), f"chart worker {pid} outlived the killed bot"


def gone(pid: int) -> bool:
    """Whether `pid` exits within a minute. It is not our child (it was the bot's), so it is
    waited for through a pidfd: readable once the process has ended."""
    try:
        descriptor = os.pidfd_open(pid)
    except ProcessLookupError:
        return True
    try:
        readable, _, _ = select.select([descriptor], [], [], 60)
        return bool(readable)
    finally:
        os.close(descriptor)
