"""Which guilds' overlays a process holds: those of its own shards.

Discord sends a guild's events, interactions included, to shard `(guild_id >> 22) % shard_count`
(https://discord.com/developers/docs/events/gateway#sharding), so a process running some of the
shards only ever answers for their guilds and need not keep the edits of the others in memory.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from sqlalchemy import BigInteger, ColumnElement, Integer, literal

SNOWFLAKE_SHIFT = 22


def shard_of(guild_id: int, shard_count: int) -> int:
    return (guild_id >> SNOWFLAKE_SHIFT) % shard_count


@dataclass(frozen=True, slots=True)
class Shards:
    count: int
    ids: frozenset[int]

    @classmethod
    def of(cls, count: int | None, ids: Collection[int]) -> Shards | None:
        """The process's shards, or None when it runs them all (no count, no ids, or every id)."""
        if count is None or not ids or set(range(count)) <= set(ids):
            return None
        return cls(count, frozenset(ids))

    def holds(self, guild_id: int) -> bool:
        return shard_of(guild_id, self.count) in self.ids

    def where(self, guild_id: Any) -> ColumnElement[bool]:
        """`holds` as SQL on a guild id column (SQLite and PostgreSQL alike)."""
        # PostgreSQL has bigint >> integer only: a bare 22 would be sent as a bigint.
        shift = literal(SNOWFLAKE_SHIFT, Integer)
        shifted = guild_id.op(">>", return_type=BigInteger)(shift)
        result: ColumnElement[bool] = (shifted % self.count).in_(sorted(self.ids))
        return result

    def __str__(self) -> str:
        return f"{','.join(map(str, sorted(self.ids)))} of {self.count}"
