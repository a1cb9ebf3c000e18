"""docker-compose.yml, the Dockerfile, .env.example and the README's start, checked by reading
them: no Docker engine runs here, so the files are held to the Compose specification's own
schema (vendored in tests/compose_spec) and to what the bot reads."""

from __future__ import annotations

import json
import re
import shlex
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from fnmatch import fnmatch
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from sqlalchemy.engine import make_url

from bot.cli import build_parser
from bot.health import TIMEOUT_S
from bot.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
SPEC_DIR = ROOT / "tests" / "compose_spec"
ENV_EXAMPLE = ROOT / ".env.example"
POSTGRES_PORT = 5432
"""The port the postgres image listens on: the compose file does not move it (no PGPORT)."""


def compose_file() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((ROOT / "docker-compose.yml").read_text("utf-8"))
    return loaded


def compose_schema() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((SPEC_DIR / "compose-spec.json").read_text("utf-8"))
    return loaded


def schema_errors(document: object) -> list[str]:
    validator = jsonschema.Draft7Validator(compose_schema())
    return [
        f"{'/'.join(str(p) for p in error.absolute_path) or '(top)'}: {error.message}"
        for error in validator.iter_errors(document)
    ]


ASSIGNMENT = re.compile(r"^(?:#\s*)?([A-Z][A-Z0-9_]*)=(.*)$")


def env_lines(text: str, *, commented: bool) -> dict[str, str]:
    """NAME=value lines of a .env file; with `commented`, also the `# NAME=value` examples."""
    found: dict[str, str] = {}
    for raw in text.splitlines():
        line = raw.strip()
        if line.startswith("#") and not commented:
            continue
        match = ASSIGNMENT.match(line)
        if match:
            found[match[1]] = match[2]
    return found


REFERENCE = re.compile(r"\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?-)([^}]*))?\}|\$(.)")


def interpolate(value: str, env: Mapping[str, str]) -> str:
    """Compose's ${VAR}, ${VAR:-default}, ${VAR-default} and $$; any other form fails the test,
    so the file cannot use syntax this check does not understand."""

    def one(match: re.Match[str]) -> str:
        if match[0] == "$$":
            return "$"
        if match[4] is not None:
            raise AssertionError(f"unsupported interpolation in {value!r}: {match[0]}")
        name, form, default = match[1], match[2], match[3]
        if form == ":-":
            return env.get(name) or default
        if form == "-":
            return env.get(name, default)
        return env.get(name, "")

    return REFERENCE.sub(one, value)


def interpolated(node: Any, env: Mapping[str, str]) -> Any:
    if isinstance(node, str):
        return interpolate(node, env)
    if isinstance(node, list):
        return [interpolated(item, env) for item in node]
    if isinstance(node, dict):
        return {key: interpolated(item, env) for key, item in node.items()}
    return node


def variables_used(node: Any) -> set[str]:
    if isinstance(node, str):
        return {m[1] for m in REFERENCE.finditer(node) if m[1]}
    if isinstance(node, list):
        return set().union(*(variables_used(item) for item in node))
    if isinstance(node, dict):
        return set().union(*(variables_used(item) for item in node.values()))
    return set()


def bot_services(services: Mapping[str, Any]) -> dict[str, Any]:
    """The services that run aixbot (the one-shot migration included): those built from here."""
    return {name: service for name, service in services.items() if "build" in service}


def container_env(service: Mapping[str, Any], dotenv: Mapping[str, str]) -> dict[str, str]:
    """What a bot container sees: its env_file (.env), overridden by its `environment`."""
    assert service["env_file"] == ".env"
    return {**dotenv, **{k: str(v) for k, v in service["environment"].items()}}


EXAMPLE_ENV = env_lines(ENV_EXAMPLE.read_text("utf-8"), commented=False)
ENVIRONMENTS = {
    ".env.example": EXAMPLE_ENV,
    "nothing set": {},
    "own credentials": {
        **EXAMPLE_ENV,
        "POSTGRES_USER": "operator",
        "POSTGRES_PASSWORD": "s3cret-Pass_1",
        "POSTGRES_DB": "reference",
    },
}


def test_the_compose_schema_is_vendored_with_its_license_and_commit() -> None:
    """compose-spec.json, its Apache-2.0 license and the upstream commit it was taken at."""
    schema = compose_schema()
    assert schema["title"] == "Compose Specification"
    assert "Apache License" in (SPEC_DIR / "LICENSE").read_text("utf-8")
    assert "Version 2.0" in (SPEC_DIR / "LICENSE").read_text("utf-8")
    readme = (SPEC_DIR / "README.md").read_text("utf-8")
    assert re.search(r"compose-spec/compose-spec\b.*\b[0-9a-f]{40}\b", readme, re.S)


def test_docker_compose_fits_the_compose_specification() -> None:
    """docker-compose.yml validates against the Compose spec's JSON schema."""
    assert schema_errors(compose_file()) == []


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("services", "bot", "depends_on", "migrate", "condition"), "service_done"),
        (("services", "db", "healthcheck", "interval"), ["5s"]),
        (("services", "bot", "restart_policy"), "always"),
    ],
)
def test_the_schema_check_rejects_a_broken_compose_file(
    path: tuple[str, ...], value: object
) -> None:
    """The check can fail: a wrong condition, a wrong type and an unknown key are each caught."""
    document = compose_file()
    node = document
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    assert schema_errors(document)


@pytest.mark.parametrize("env_name", list(ENVIRONMENTS))
def test_the_bots_database_is_the_postgres_service(env_name: str) -> None:
    """Every aixbot container's DATABASE_URL names the db service, its port, user, password and
    database, whatever .env sets them to, and the bot's settings accept it."""
    env = ENVIRONMENTS[env_name]
    services = interpolated(compose_file()["services"], env)
    postgres = services["db"]
    assert postgres["image"].startswith("postgres:16")
    assert "ports" not in postgres or all(
        str(p).split(":")[-1] == str(POSTGRES_PORT) for p in postgres["ports"]
    )
    expected = {
        "username": postgres["environment"]["POSTGRES_USER"],
        "password": postgres["environment"]["POSTGRES_PASSWORD"],
        "database": postgres["environment"]["POSTGRES_DB"],
    }
    if env_name == "own credentials":
        assert expected == {
            "username": "operator",
            "password": "s3cret-Pass_1",
            "database": "reference",
        }
    bots = bot_services(services)
    assert {"migrate", "bot"} <= set(bots)
    for name, service in bots.items():
        url = make_url(container_env(service, env)["DATABASE_URL"])
        assert url.drivername == "postgresql+asyncpg", name
        assert url.host == "db", name
        assert (url.port or POSTGRES_PORT) == POSTGRES_PORT, name
        assert {
            "username": url.username,
            "password": url.password,
            "database": url.database,
        } == expected, name
        settings = Settings(_env_file=None, database_url=url.render_as_string(hide_password=False))
        assert settings.backend == "PostgreSQL"


def test_migrations_run_once_before_any_bot() -> None:
    """A one-shot `aixbot db upgrade` after the database is healthy; every bot waits for it to
    succeed; the database keeps its data in a named volume and has a health check."""
    document = compose_file()
    services = document["services"]
    postgres = services["db"]
    assert postgres["healthcheck"]["test"][0] in {"CMD", "CMD-SHELL"}
    volume = postgres["volumes"][0].split(":")
    assert volume[1] == "/var/lib/postgresql/data"
    assert volume[0] in document["volumes"]
    migrate = services["migrate"]
    assert migrate["command"] == ["aixbot", "db", "upgrade"]
    assert migrate["depends_on"] == {"db": {"condition": "service_healthy"}}
    assert migrate["restart"] == "no"
    build_parser().parse_args(migrate["command"][1:])
    bots = {name: s for name, s in bot_services(services).items() if name != "migrate"}
    assert bots
    for name, service in bots.items():
        assert service["depends_on"] == {
            "migrate": {"condition": "service_completed_successfully"}
        }, name
        assert "command" not in service, name


def test_the_shards_profile_splits_the_shards_between_two_bots() -> None:
    """With .env saying SHARD_COUNT=2 and SHARD_IDS=0, as the file's comment and .env.example
    tell, `bot` and the shards profile's `bot-2` hold shard 0 and shard 1, each once."""
    dotenv = {**EXAMPLE_ENV, "SHARD_COUNT": "2", "SHARD_IDS": "0", "COMPOSE_PROFILES": "shards"}
    services = interpolated(compose_file()["services"], dotenv)
    active = dotenv["COMPOSE_PROFILES"].split(",")
    running = {
        name: service
        for name, service in bot_services(services).items()
        if name != "migrate" and set(service.get("profiles", [])) <= set(active)
    }
    assert set(running) == {"bot", "bot-2"}
    held: list[int] = []
    for service in running.values():
        settings = Settings(_env_file=None, **settings_values(container_env(service, dotenv)))
        assert settings.shard_count == 2
        held += settings.shard_ids
    assert sorted(held) == [0, 1]
    without_profile = [
        name for name, service in bot_services(services).items() if not service.get("profiles")
    ]
    assert sorted(without_profile) == ["bot", "migrate"]


def settings_values(env: Mapping[str, str]) -> dict[str, Any]:
    """The shard settings a container's environment gives, as Settings' keyword arguments."""
    return {
        key.lower(): value
        for key, value in env.items()
        if key in {"SHARD_COUNT", "SHARD_IDS"} and value
    }


def test_every_variable_the_compose_file_uses_is_in_env_example() -> None:
    """An operator finds every knob of docker-compose.yml in .env.example."""
    documented = env_lines(ENV_EXAMPLE.read_text("utf-8"), commented=True)
    assert variables_used(compose_file()) - set(documented) == set()


def setting_names() -> Iterator[str]:
    """Every environment variable Settings reads, nested ones with their __."""
    for name, info in Settings.model_fields.items():
        annotation = info.annotation
        nested = getattr(annotation, "model_fields", None)
        if nested is None:
            yield name.upper()
        else:
            yield from (f"{name.upper()}__{inner.upper()}" for inner in nested)


def test_env_example_names_every_setting_with_its_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every setting appears in .env.example, and its lines, commented ones included, give
    exactly the defaults: copying the file to .env changes nothing but what is filled in."""
    text = ENV_EXAMPLE.read_text("utf-8")
    documented = env_lines(text, commented=True)
    names = set(setting_names())
    assert names - set(documented) == set()
    for name in names:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(ROOT)
    copied = tmp_path / "copied.env"
    copied.write_text(text, encoding="utf-8")
    uncommented = tmp_path / "uncommented.env"
    uncommented.write_text(
        "".join(f"{k}={v}\n" for k, v in documented.items() if k in names), encoding="utf-8"
    )

    def values(env_file: Path | None) -> dict[str, Any]:
        dumped = Settings(_env_file=env_file).model_dump()
        dumped["knowledge_dir"] = dumped["knowledge_dir"].resolve()
        return dumped

    defaults = values(None)
    assert values(copied) == defaults
    assert values(uncommented) == defaults


def test_readme_settings_table_names_every_setting() -> None:
    """The README's settings table has a row for every variable (nested ones by section)."""
    readme = (ROOT / "README.md").read_text("utf-8")
    missing = [name for name in setting_names() if f"`{name}`" not in readme]
    assert missing == []


@dataclass
class Stage:
    base: str
    name: str | None
    instructions: list[tuple[str, str]] = field(default_factory=list)

    def all(self, keyword: str) -> list[str]:
        return [args for kw, args in self.instructions if kw == keyword]


def dockerfile_stages(text: str) -> list[Stage]:
    """Instructions per stage, continuation lines joined and comments dropped."""
    logical: list[str] = []
    pending = ""
    for raw in text.splitlines():
        line = raw.strip()
        if not pending and (not line or line.startswith("#")):
            continue
        if line.startswith("#"):
            continue
        if line.endswith("\\"):
            pending += line[:-1] + " "
            continue
        logical.append(pending + line)
        pending = ""
    assert not pending, "the Dockerfile ends in a continuation"
    stages: list[Stage] = []
    for line in logical:
        keyword, _, args = line.partition(" ")
        keyword = keyword.upper()
        if keyword == "FROM":
            words = args.split()
            name = words[2] if len(words) == 3 and words[1].upper() == "AS" else None
            stages.append(Stage(base=words[0], name=name))
        else:
            assert stages, f"{keyword} before the first FROM"
            stages[-1].instructions.append((keyword, args.strip()))
    return stages


STAGES = dockerfile_stages((ROOT / "Dockerfile").read_text("utf-8"))
FINAL = STAGES[-1]
BUILD_TOOLS = re.compile(r"\b(build-essential|gcc|g\+\+|clang|make|python3?-dev|libc6-dev)\b")


def test_dockerfile_builds_in_one_stage_and_runs_slim_in_another() -> None:
    """Multi-stage: a builder, then a python:*-slim final image fed from it."""
    assert len(STAGES) >= 2
    assert re.fullmatch(r"python:\d+\.\d+-slim", FINAL.base)
    builders = {stage.name for stage in STAGES[:-1]}
    copied_from = {
        m[1] for args in FINAL.all("COPY") if (m := re.match(r"--from=(\S+)", args)) is not None
    }
    assert copied_from
    assert copied_from <= builders
    assert all(stage.base == FINAL.base for stage in STAGES), "the venv needs the same Python"


def test_the_final_image_has_no_build_tools_and_no_pip_run() -> None:
    """No compiler or headers installed in the final stage, and pip never runs there (so no
    pip cache either): the venv arrives built."""
    runs = FINAL.all("RUN")
    assert [r for r in runs if BUILD_TOOLS.search(r)] == []
    assert [r for r in runs if re.search(r"\bpip\b", r)] == []
    assert any("fonts-wqy-microhei" in r and "--no-install-recommends" in r for r in runs)
    assert any("rm -rf /var/lib/apt/lists" in r for r in runs if "apt-get" in r)


def test_the_final_image_runs_as_a_user_who_is_not_root() -> None:
    """The last USER of the final stage is neither root nor uid 0, and it comes before CMD."""
    users = FINAL.all("USER")
    assert users
    user = users[-1].split(":")[0]
    assert user not in {"root", "0"}
    keywords = [kw for kw, _ in FINAL.instructions]
    assert keywords.index("USER") < keywords.index("CMD")


def test_the_final_image_carries_code_knowledge_and_migrations() -> None:
    """knowledge/ and alembic/ are copied next to the code, where bot/ looks for them."""
    targets = {}
    for args in FINAL.all("COPY"):
        words = [w for w in shlex.split(args) if not w.startswith("--")]
        for source in words[:-1]:
            targets[source.rstrip("/")] = words[-1]
    for folder in ("bot", "cogs", "offline", "knowledge", "alembic"):
        assert folder in targets, folder
    assert len({targets[f] for f in ("bot", "knowledge", "alembic")}) == 3
    assert {Path(targets[f]).name for f in ("bot", "knowledge", "alembic")} == {
        "bot",
        "knowledge",
        "alembic",
    }


def test_everything_the_dockerfile_copies_reaches_the_build() -> None:
    """Each COPY source exists and .dockerignore does not keep it out of the build context."""
    ignored = [
        line.strip()
        for line in (ROOT / ".dockerignore").read_text("utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert ".env" in ignored
    for stage in STAGES:
        for args in stage.all("COPY"):
            if args.startswith("--from="):
                continue
            for source in shlex.split(args)[:-1]:
                assert (ROOT / source).exists(), source
                assert not any(fnmatch(source.rstrip("/"), pattern) for pattern in ignored), source


def test_the_healthcheck_is_aixbot_health_within_its_timeout() -> None:
    """HEALTHCHECK runs a command the CLI has, `aixbot health`, with room for both checks."""
    checks = FINAL.all("HEALTHCHECK")
    assert len(checks) == 1
    options, _, command = checks[0].partition("CMD")
    argv = json.loads(command)
    assert argv[0] == "aixbot"
    args = build_parser().parse_args(argv[1:])
    assert args.func.__name__ == "cmd_health"
    timeout = re.search(r"--timeout=(\d+)s", options)
    assert timeout is not None
    assert int(timeout[1]) > 2 * TIMEOUT_S
    assert FINAL.all("CMD") == ['["aixbot", "run"]']


def test_readme_quick_start_is_two_lines_and_ci_runs_its_test_line() -> None:
    """A newcomer's start: one line installs and answers a first question, one runs the tests,
    and .ci/run runs that same test command."""
    readme = (ROOT / "README.md").read_text("utf-8")
    start = readme.split("\n## Start\n", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```bash\n(.*?)```", start, re.S)
    assert block is not None
    lines = block[1].strip().splitlines()
    assert len(lines) == 2
    install, tests = lines
    assert install.startswith("python3 -m venv .venv && . .venv/bin/activate && ")
    assert 'pip install -e ".[test]"' in install
    assert install.endswith("&& aixbot ask about")
    ci = (ROOT / ".ci" / "run").read_text("utf-8")
    assert re.search(rf"^{re.escape(tests)} \|\| status=\$\?$", ci, re.M), tests
    assert tests == "pytest -q"
