"""Snowflakes as Discord makes them: unique across processes and growing with time.

A counter that started at the same number in every process gave a restarted bot the interaction
ids of the one before it, which Discord never does (and which the bot's idempotent saves then
took for duplicates). One counter per process, seeded from the clock, serves the interactions the
driver sends and the messages the stand-in creates, so those never share an id either.
"""

from __future__ import annotations

import itertools
from datetime import UTC, datetime

import discord

_next = itertools.count(discord.utils.time_snowflake(datetime.now(UTC)))


def new_id() -> int:
    return next(_next)
