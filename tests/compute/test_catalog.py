"""The accelerators issue 13 asks the calculator to carry, each with the datasheet figures a
plan needs. A chip whose datasheet could not be opened is a strict xfail, so the gap stays in
sight and the marker fails the day a sourced entry lands."""

from __future__ import annotations

import pytest

from bot.knowledge.models import Gpu

NO_DATASHEET = pytest.mark.xfail(strict=True, reason="no primary datasheet reachable")

ISSUE_13_CATALOG = [
    "h800-sxm",
    "h20",
    "l40s",
    pytest.param("ascend-910b", marks=NO_DATASHEET),
    "mi300x",
    "mi325x",
    pytest.param("mi355x", marks=NO_DATASHEET),
    "b200",
    "gb200",
    "tpu-v5p",
    "tpu-v6e",
]


@pytest.mark.parametrize("slug", ISSUE_13_CATALOG)
def test_catalog_carries_the_gpu(slug: str, gpus: dict[str, Gpu]) -> None:
    """Present as a gpu entry: the Gpu kind cannot load without its memory, bandwidth, dense
    BF16 peak and a source, so presence is the datasheet check."""
    assert slug in gpus, f"no gpu/{slug} in the catalog"
