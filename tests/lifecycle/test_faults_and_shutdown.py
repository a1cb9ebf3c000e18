"""A database that comes up late, and shutdown on a signal, with real processes."""

from __future__ import annotations

import json
import signal
import socket
import subprocess
import threading
from pathlib import Path

from tests.lifecycle.conftest import aixbot, child_env


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Forwarder:
    """A TCP port that starts closed, then forwards to PostgreSQL once opened: a late server."""

    def __init__(self, port: int, target: tuple[str, int]) -> None:
        self.port, self.target = port, target
        self.server = socket.socket()
        self.server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)

    def open(self) -> None:
        self.server.bind(("127.0.0.1", self.port))
        self.server.listen()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.server.accept()
            except OSError:
                return
            upstream = socket.create_connection(self.target)
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(a, b), daemon=True).start()

    @staticmethod
    def _pump(source: socket.socket, sink: socket.socket) -> None:
        """Copy one direction; pass the end of the stream on as a half-close, as TCP does."""
        try:
            while data := source.recv(65536):
                sink.sendall(data)
            sink.shutdown(socket.SHUT_WR)
        except OSError:
            sink.close()

    def close(self) -> None:
        self.server.close()


def test_database_down_at_start_then_up_within_the_retry_window(
    tmp_path: Path, pg_url: str
) -> None:
    """The bot retries a refused database, says so, and comes up when the server does."""
    port = free_port()
    name = pg_url.rpartition("/")[2]
    late_url = f"postgresql+asyncpg://postgres@127.0.0.1:{port}/{name}"
    forwarder = Forwarder(port, ("127.0.0.1", 5432))
    child = subprocess.Popen(
        aixbot("ask", "about"),
        cwd=tmp_path,
        env=child_env(DATABASE_URL=late_url, DATABASE_RETRY_SECONDS="120"),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stderr is not None
        first = child.stderr.readline()
        assert "not reachable" in first, first
        assert f"127.0.0.1:{port}" in first
        assert "DATABASE_RETRY_SECONDS" in first
        forwarder.open()
        out, err = child.communicate(timeout=240)
    finally:
        forwarder.close()
        if child.poll() is None:
            child.kill()
    assert child.returncode == 0, err
    assert "About aixbot" in out


def test_database_that_never_comes_up_is_one_line_after_the_budget(tmp_path: Path) -> None:
    """Refused for the whole (short) budget: one line naming the database, not Discord."""
    url = f"postgresql+asyncpg://aixbot:s3cret-pw@127.0.0.1:{free_port()}/aixbot"
    result = subprocess.run(
        aixbot("ask", "about"),
        cwd=tmp_path,
        env=child_env(DATABASE_URL=url, DATABASE_RETRY_SECONDS="1"),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "s3cret-pw" not in result.stderr
    line = result.stderr.strip().splitlines()[-1]
    assert line.startswith("PostgreSQL aixbot@127.0.0.1:"), line
    assert "not reachable" in line
    assert "Discord" not in line


def test_black_holed_database_gives_up_within_the_budget(tmp_path: Path) -> None:
    """A host that takes the connection and never answers: bounded by the budget, one line."""
    with socket.socket() as hole:
        hole.bind(("127.0.0.1", 0))
        hole.listen(16)  # connections complete in the kernel's backlog; nobody ever answers
        port = hole.getsockname()[1]
        url = f"postgresql+asyncpg://aixbot@127.0.0.1:{port}/aixbot"
        result = subprocess.run(
            aixbot("ask", "about"),
            cwd=tmp_path,
            env=child_env(DATABASE_URL=url, DATABASE_RETRY_SECONDS="2"),
            capture_output=True,
            text=True,
            timeout=120,
        )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    line = result.stderr.strip().splitlines()[-1]
    assert line.startswith(f"PostgreSQL aixbot@127.0.0.1:{port}/aixbot: not reachable"), line
    assert "timed out" in line


def test_sigterm_during_a_stream_of_interactions_finishes_cleanly(tmp_path: Path) -> None:
    """SIGTERM mid-stream: what was taken is answered in full, then a clean close and exit 0."""
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
    assert child.stdout is not None
    queries = ["transformer", "rlhf", "zkml", "moe", "attention"] * 60
    for number, term in enumerate(queries):
        request = {"id": number, "command": "define", "options": {"term": term}}
        child.stdin.write(json.dumps(request) + "\n")
    child.stdin.flush()
    first = json.loads(child.stdout.readline())
    child.send_signal(signal.SIGTERM)
    out = child.stdout.read()  # the same reader: lines it already buffered are not lost
    assert child.stderr is not None
    err = child.stderr.read()
    assert child.wait(timeout=120) == 0, err
    answers = [first, *(json.loads(line) for line in out.splitlines())]
    ids = [answer["id"] for answer in answers]
    assert ids == list(range(len(ids)))
    assert len(ids) < len(queries), "the signal should have stopped the stream early"
    for answer in answers:
        assert "Something went wrong" not in answer["text"]
        assert answer["text"].startswith("== ")
    assert "shutdown: signal received" in err
    assert "shutdown: gateway and database closed" in err
    assert "Traceback" not in err
