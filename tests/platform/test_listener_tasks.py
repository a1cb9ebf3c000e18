"""Nearly every interaction is a command that ends well or an autocomplete; discord.py runs each
listener of an event as a task of its own, so none of those may wake a listener (AixBot.dispatch
logs completions in line and sends only expired components on to cogs/core.py, whose answer
tests/platform/test_faults_in_the_tree.py checks)."""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine, Generator, Iterator
from contextlib import contextmanager
from typing import Any

from offline import OfflineDiscord

LISTENER_TASK = "discord.py: on_"


@contextmanager
def tasks_made() -> Iterator[list[asyncio.Task[Any]]]:
    """Every task the running loop creates inside the block (named only after the factory
    returns: read the names afterwards)."""
    loop = asyncio.get_running_loop()
    made: list[asyncio.Task[Any]] = []
    before = loop.get_task_factory()

    def factory(
        loop: asyncio.AbstractEventLoop,
        coro: Generator[Any, None, Any] | Coroutine[Any, Any, Any],
        **kwargs: Any,
    ) -> asyncio.Task[Any]:
        task = asyncio.Task(coro, loop=loop, **kwargs)
        made.append(task)
        return task

    loop.set_task_factory(factory)
    try:
        yield made
    finally:
        loop.set_task_factory(before)


async def test_commands_and_autocompletes_wake_no_listener(discord_env: OfflineDiscord) -> None:
    with tasks_made() as made:
        answered = await discord_env.command("define", term="transformer")
        typed = await discord_env.autocomplete("define", "term", term="tra")
    assert answered.last["embeds"], answered.requests
    assert typed.choices
    names = [task.get_name() for task in made]
    assert names, "the task factory saw no task: the test measures nothing"
    assert [n for n in names if n.startswith(LISTENER_TASK)] == []
