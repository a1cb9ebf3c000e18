"""SHARD_COUNT and SHARD_IDS, typed by hand into each process's .env or compose file: a split
that cannot work is refused at start, in one line naming SHARD_IDS, never echoing a value."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from bot.settings import Settings, describe_settings_error


def shards(count: str | None, ids: str) -> Settings:
    values = {"shard_ids": ids} if count is None else {"shard_count": count, "shard_ids": ids}
    return Settings(_env_file=None, **values)


@given(count=st.integers(1, 64), ids=st.lists(st.integers(0, 80), max_size=8))
def test_ids_are_accepted_exactly_when_each_is_a_shard_of_the_count(
    count: int, ids: list[int]
) -> None:
    """Accepted iff every id is below SHARD_COUNT and none is listed twice; the order is kept."""
    text = ",".join(map(str, ids))
    valid = all(i < count for i in ids) and len(set(ids)) == len(ids)
    try:
        settings = shards(str(count), text)
    except ValidationError as exc:
        assert not valid
        line = describe_settings_error(exc)
        assert line.startswith("SHARD_IDS: ")
        assert "\n" not in line
    else:
        assert valid
        assert settings.shard_count == count
        assert settings.shard_ids == ids


@pytest.mark.parametrize(
    ("count", "ids", "message"),
    [
        (None, "0", "SHARD_IDS: needs SHARD_COUNT too"),
        ("2", "2,3", "SHARD_IDS: shards are numbered 0 to 1 of SHARD_COUNT=2, not 2, 3"),
        ("4", "1,1,2", "SHARD_IDS: lists shard 1 more than once"),
        ("none", "0", "SHARD_COUNT: Input should be a valid integer"),
    ],
)
def test_a_split_that_cannot_work_is_one_line(count: str | None, ids: str, message: str) -> None:
    """Each refusal says what is wrong with the split; a bad SHARD_COUNT is reported alone."""
    with pytest.raises(ValidationError) as caught:
        shards(count, ids)
    line = describe_settings_error(caught.value)
    assert line.startswith(message), line
    assert len(line.splitlines()) == 1


def test_no_ids_means_every_shard_whatever_the_count() -> None:
    """SHARD_COUNT alone (or nothing): one process holds every shard, as before."""
    assert shards("3", "").shard_ids == []
    assert shards(None, "").shard_count is None
