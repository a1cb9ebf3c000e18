"""Settings and the `aixbot` command: clear one-line errors, never a traceback or a token."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from bot.cli import parse_ask_options
from bot.settings import Settings, describe_settings_error

SECRET = "MTAxNDk2.fake.token-value-that-must-never-print"


def run_cli(
    *args: str, env: dict[str, str] | None = None, cwd: Path
) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("DISCORD_", "DATABASE_"))}
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", *args],
        capture_output=True,
        text=True,
        env={**base, **(env or {})},
        cwd=cwd,
        timeout=120,
    )


def test_run_without_token_says_so_and_exits_2(tmp_path: Path) -> None:
    """`aixbot run` with no token prints one clear line and exits 2."""
    result = run_cli("run", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip().startswith("DISCORD_TOKEN:")
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


def test_malformed_setting_names_the_variable_without_its_value(tmp_path: Path) -> None:
    """A bad DEV_GUILD_IDS exits 2 naming the variable; the token is never echoed."""
    result = run_cli("run", cwd=tmp_path, env={"DEV_GUILD_IDS": "12,abc", "DISCORD_TOKEN": SECRET})
    assert result.returncode == 2
    assert result.stderr.startswith("DEV_GUILD_IDS:")
    assert SECRET not in result.stderr + result.stdout
    assert "Traceback" not in result.stderr


def test_bad_database_url_is_one_line(tmp_path: Path) -> None:
    """A DATABASE_URL for an unsupported driver says what is expected."""
    result = run_cli("ask", "about", cwd=tmp_path, env={"DATABASE_URL": "mysql://h/db"})
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "DATABASE_URL: expected sqlite+aiosqlite:///path.db or postgresql+asyncpg://user@host/db"
    )


def test_ask_about_prints_the_about_embed(tmp_path: Path) -> None:
    """`aixbot ask about` answers offline with the default embedded database."""
    result = run_cli("ask", "about", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "== About aixbot ==" in result.stdout
    assert (tmp_path / "data" / "aixbot.db").exists()


def test_ask_explain_terms_on_a_message(tmp_path: Path) -> None:
    """`aixbot ask Explain terms --message TEXT` right-clicks a message with that text."""
    result = run_cli("ask", "Explain", "terms", "--message", "a MoE transformer", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "== Terms in this message ==" in result.stdout
    assert "[button: Mixture of experts (MoE)]" in result.stdout
    missing = run_cli("ask", "Explain", "terms", cwd=tmp_path)
    assert missing.returncode == 2
    assert "needs --message TEXT" in missing.stderr


def test_ask_as_a_user_install(tmp_path: Path) -> None:
    """`aixbot ask --user-install` asks from a server that has not installed aixbot: the answer
    is private, and /edit is not there."""
    result = run_cli("ask", "--user-install", "define", "--term", "zkml", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("(only you can see this)")
    hidden = run_cli("ask", "--user-install", "edit", "entry", "--entry", "zkml", cwd=tmp_path)
    assert hidden.returncode == 2
    assert "comes only with a server's install" in hidden.stderr


def test_ask_unknown_command_exits_2(tmp_path: Path) -> None:
    """Asking for a command that does not exist is a usage error, not a crash."""
    result = run_cli("ask", "nosuchcommand", cwd=tmp_path)
    assert result.returncode == 2
    assert "no slash command /nosuchcommand" in result.stderr


def test_settings_error_never_contains_the_value() -> None:
    """describe_settings_error names the variable and the rule, not the input."""
    with pytest.raises(ValidationError) as caught:
        Settings(_env_file=None, log_level=SECRET)  # type: ignore[call-arg]
    message = describe_settings_error(caught.value)
    assert message.startswith("LOG_LEVEL:")
    assert SECRET not in message


def test_settings_split_comma_separated_ids() -> None:
    """DEV_GUILD_IDS and MODERATOR_ROLE_IDS read as comma-separated numbers."""
    settings = Settings(_env_file=None, dev_guild_ids=" 1, 22 ,333", moderator_role_ids="")  # type: ignore[call-arg]
    assert settings.dev_guild_ids == [1, 22, 333]
    assert settings.moderator_role_ids == []


words = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=12)


@given(
    st.lists(words.filter(lambda w: not w.startswith("--")), min_size=1, max_size=3),
    st.dictionaries(
        st.from_regex(r"[a-z]{1,8}", fullmatch=True),
        words.filter(lambda w: not w.startswith("--")),
        max_size=4,
    ),
)
def test_ask_options_round_trip(path: list[str], options: dict[str, str]) -> None:
    """`path --key value ...` parses back into the same path and options."""
    argv = [*path]
    for key, value in options.items():
        argv += [f"--{key}", value]
    assert parse_ask_options(argv) == (" ".join(path), options)


@given(st.lists(words, max_size=6))
def test_ask_options_never_crash(argv: list[str]) -> None:
    """Any argv either parses or raises the parser's own ValueError."""
    with contextlib.suppress(ValueError):
        parse_ask_options(argv)


def test_knowledge_validate_reports_file_and_entry(tmp_path: Path) -> None:
    """`aixbot knowledge validate` lists each problem with its file and id and exits 1."""
    kind_dir = tmp_path / "knowledge" / "term"
    kind_dir.mkdir(parents=True)
    (kind_dir / "broken.yaml").write_text(
        "- id: term/orphan\n"
        "  name: {en: Orphan, zh: 孤儿}\n"
        "  summary: {en: s, zh: 摘要}\n"
        "  body: {en: b, zh: 正文}\n"
        "  related: [term/missing]\n"
        "  checked: 2026-11-01\n"
        "  sources: [{url: 'https://a.org', title: t, publisher: p}]\n"
        "- id: term/nosource\n"
        "  name: {en: X, zh: X}\n"
        "  summary: {en: s, zh: 摘要}\n"
        "  body: {en: b, zh: 正文}\n"
        "  checked: 2026-11-01\n"
        "  sources: []\n",
        encoding="utf-8",
    )
    result = run_cli(
        "knowledge", "validate", cwd=tmp_path, env={"KNOWLEDGE_DIR": str(tmp_path / "knowledge")}
    )
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert "knowledge/term/broken.yaml: term/nosource: sources: " in lines[0]
    assert lines[1] == (
        "knowledge/term/broken.yaml: term/orphan: related: term/missing is not an entry"
    )
    assert lines[-1].endswith("2 problems")


def test_python_m_bot_runs_like_aixbot_run(tmp_path: Path) -> None:
    """`python -m bot` without a token gives the same one-line exit 2 as `aixbot run`."""
    base = {k: v for k, v in os.environ.items() if not k.startswith(("DISCORD_", "DATABASE_"))}
    result = subprocess.run(
        [sys.executable, "-m", "bot"],
        capture_output=True,
        text=True,
        env=base,
        cwd=tmp_path,
        timeout=120,
    )
    assert result.returncode == 2
    assert result.stderr.startswith("DISCORD_TOKEN:")


def test_unreachable_discord_is_one_line_without_the_token(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """When the API cannot be reached, run says so in one line, exits 1, and hides the token."""
    import discord.http

    from bot.cli import main

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DISCORD_TOKEN", SECRET)
    monkeypatch.setenv("DATABASE_URL", f"sqlite+aiosqlite:///{tmp_path}/run.db")
    # A closed port on this machine stands in for an unreachable Discord.
    monkeypatch.setattr(discord.http.Route, "BASE", "http://127.0.0.1:9/api/v10")
    assert main(["run"]) == 1
    err = capsys.readouterr().err
    message = [line for line in err.splitlines() if line.startswith("Discord: could not reach")]
    assert len(message) == 1
    assert SECRET not in err
    assert "Traceback" not in err


def test_a_token_pasted_into_an_id_list_is_not_echoed() -> None:
    """A malformed id list is reported without repeating what was pasted into it."""
    with pytest.raises(ValidationError) as caught:
        Settings(_env_file=None, dev_guild_ids=f"123,{SECRET}")  # type: ignore[call-arg]
    message = describe_settings_error(caught.value)
    assert (
        message == "DEV_GUILD_IDS: expected comma-separated numeric ids, e.g. 1234567890,2345678901"
    )
