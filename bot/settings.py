"""Every knob of aixbot, read once from the environment (and `.env`) and validated.

`main()` builds one `Settings` and hands it on; nothing reads the environment anywhere else.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    Field,
    SecretStr,
    ValidationError,
    ValidationInfo,
    field_validator,
)
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from bot.knowledge.files import DEFAULT_ROOT

DEFAULT_DATABASE_URL = "sqlite+aiosqlite:///./data/aixbot.db"


class ComputeDefaults(BaseModel):
    """Defaults the calculator states in every answer, so a reader can argue with them."""

    mfu: Annotated[float, Field(gt=0, le=1)] = 0.4
    pue: Annotated[float, Field(ge=1, le=3)] = 1.2
    gpu: str = "h100-sxm"


class PostCooldown(BaseModel):
    """How often one member may have aixbot post publicly: any lookup or compute answer, a pick
    from a menu on their own message, or Post in channel. Private answers are never limited."""

    posts: Annotated[int, Field(ge=1, le=100)] = 3
    seconds: Annotated[float, Field(ge=0, le=3600)] = 30.0
    """The window the posts are counted in; 0 turns the limit off."""


class ChartSettings(BaseModel):
    """The chart workers (bot/charts/pool.py): a burst of charts waits for them, or is told to
    retry, and never delays a lookup."""

    workers: Annotated[int, Field(ge=1, le=32)] = 1
    """Processes drawing at once; each holds a core while it draws and about 100 MB."""
    queue: Annotated[int, Field(ge=0, le=1000)] = 16
    """Charts that may wait for a worker; one more is answered "charts are busy"."""
    executor: Literal["process", "thread"] = "process"
    """`thread` draws in this process (tests); it holds the GIL, so lookups wait meanwhile."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_file=".env",
        env_file_encoding="utf-8",
        env_nested_delimiter="__",
        # An empty variable means "not set", its default: a .env copied from the old
        # .env.example (SHARD_COUNT= blank) stopped every start, and docker compose passes an
        # unset `${X:-}` on as an empty string.
        env_ignore_empty=True,
        extra="ignore",
    )

    discord_token: SecretStr | None = None
    """Bot token from the Discord developer portal; needed only by `aixbot run`."""
    discord_api_url: str | None = None
    """Base of Discord's REST API, e.g. a rate-limit proxy's http://proxy:8080/api/v10."""
    database_url: str = DEFAULT_DATABASE_URL
    """sqlite+aiosqlite:///path.db (embedded default) or postgresql+asyncpg://user@host/db."""
    dev_guild_ids: Annotated[list[int], NoDecode] = []
    """Comma-separated guild ids: commands sync to these instantly instead of globally."""
    moderator_role_ids: Annotated[list[int], NoDecode] = []
    """Comma-separated role ids whose members may edit entries (Manage Server always may)."""
    knowledge_dir: Path = DEFAULT_ROOT
    """Where the shipped knowledge files live; tests point this at their own sets."""
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    database_retry_seconds: Annotated[float, Field(ge=0, le=3600)] = 60.0
    """How long start-up keeps retrying a database that is not reachable yet."""
    shutdown_grace_seconds: Annotated[float, Field(ge=0, le=600)] = 10.0
    """How long SIGTERM waits for interactions in flight before closing."""
    shard_count: Annotated[int, Field(ge=1)] | None = None
    shard_ids: Annotated[list[int], NoDecode] = []
    """This process's shards, e.g. 0,1 of shard_count 4; empty means all (one process)."""
    compute: ComputeDefaults = ComputeDefaults()
    post_cooldown: PostCooldown = PostCooldown()
    metrics_port: Annotated[int, Field(ge=0, le=65535)] | None = None
    """Serve Prometheus metrics at /metrics and readiness at /healthz on this port; unset (or
    empty) serves nothing, 0 takes a free port and logs it."""
    metrics_host: str = "127.0.0.1"
    """The address the metrics port listens on: loopback unless an operator opens it on purpose
    (0.0.0.0 in a container, so Prometheus in another one can reach it)."""
    charts: ChartSettings = ChartSettings()

    @field_validator("dev_guild_ids", "moderator_role_ids", "shard_ids", mode="before")
    @classmethod
    def _split_ids(cls, value: object) -> object:
        if isinstance(value, str):
            parts = [p.strip() for p in value.split(",") if p.strip()]
            if not all(part.isdecimal() for part in parts):
                raise ValueError("expected comma-separated numeric ids, e.g. 1234567890,2345678901")
            return [int(p) for p in parts]
        return value

    @field_validator("shard_ids")
    @classmethod
    def _shards_of_the_count(cls, value: list[int], info: ValidationInfo) -> list[int]:
        """Caught here, one line at start, rather than by discord.py (an exception) or by
        Discord (closing the gateway on a shard id it does not have): a split across
        processes is typed by hand, in each process's .env or compose file."""
        if not value or "shard_count" not in info.data:  # a bad SHARD_COUNT is its own line
            return value
        count = info.data["shard_count"]
        if count is None:
            raise ValueError(
                "needs SHARD_COUNT too, the number of shards across every process "
                "(e.g. SHARD_COUNT=2 with SHARD_IDS=0 in one process and SHARD_IDS=1 in the other)"
            )
        beyond = sorted({i for i in value if i >= count})
        if beyond:
            listed = ", ".join(map(str, beyond))
            raise ValueError(
                f"shards are numbered 0 to {count - 1} of SHARD_COUNT={count}, not {listed}"
            )
        twice = sorted({i for i in value if value.count(i) > 1})
        if twice:
            raise ValueError(f"lists shard {', '.join(map(str, twice))} more than once")
        return value

    @field_validator("metrics_port", mode="before")
    @classmethod
    def _empty_is_off(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("log_level", mode="before")
    @classmethod
    def _upper(cls, value: object) -> object:
        return value.upper() if isinstance(value, str) else value

    @field_validator("database_url")
    @classmethod
    def _supported_url(cls, value: str) -> str:
        if not value.startswith(("sqlite+aiosqlite://", "postgresql+asyncpg://")):
            raise ValueError(
                "expected sqlite+aiosqlite:///path.db or postgresql+asyncpg://user@host/db"
            )
        return value

    @property
    def backend(self) -> str:
        return "PostgreSQL" if self.database_url.startswith("postgresql") else "SQLite"


_ENV_NAMES = {
    "discord_token": "DISCORD_TOKEN",
    "database_url": "DATABASE_URL",
    "discord_api_url": "DISCORD_API_URL",
    "dev_guild_ids": "DEV_GUILD_IDS",
    "moderator_role_ids": "MODERATOR_ROLE_IDS",
    "log_level": "LOG_LEVEL",
    "database_retry_seconds": "DATABASE_RETRY_SECONDS",
    "shutdown_grace_seconds": "SHUTDOWN_GRACE_SECONDS",
    "knowledge_dir": "KNOWLEDGE_DIR",
    "shard_count": "SHARD_COUNT",
    "shard_ids": "SHARD_IDS",
    "metrics_port": "METRICS_PORT",
    "metrics_host": "METRICS_HOST",
}


def describe_settings_error(error: ValidationError) -> str:
    """One line per bad variable, naming it and what is expected, never echoing a value.

    Values are left out on purpose: the bad one may be a token pasted into the wrong variable.
    """
    lines = []
    for item in error.errors():
        loc = [str(p) for p in item["loc"]]
        name = _ENV_NAMES.get(loc[0], "__".join(loc).upper()) if loc else "settings"
        message = item["msg"].removeprefix("Value error, ")
        lines.append(f"{name}: {message}")
    return "\n".join(lines)
