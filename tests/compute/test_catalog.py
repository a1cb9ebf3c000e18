"""The accelerators issue 13 asks the calculator to carry, each with the datasheet figures a
plan needs. A chip whose datasheet could not be opened is a strict xfail, so the gap stays in
sight and the marker fails the day a sourced entry lands."""

from __future__ import annotations

import pytest

from bot.knowledge.models import Gpu

NO_HUAWEI_DATASHEET = pytest.mark.xfail(
    strict=True,
    reason="Huawei publishes no Ascend 910B peak figures that could be opened here (hiascend.com "
    "pages state none; only third-party copies give them), and the calculator never guesses a "
    "peak: term/huawei-ascend answers the name meanwhile",
)
NO_AMD_DATASHEET = pytest.mark.xfail(
    strict=True,
    reason="AMD's CDNA 4 white paper with the MI355X peaks and power is linked from ROCm's docs "
    "but no copy could be opened here, and the calculator never guesses a peak: "
    "term/amd-instinct-mi350 answers the name meanwhile",
)

ISSUE_13_CATALOG = [
    "h800-sxm",
    "h20",
    "l40s",
    pytest.param("ascend-910b", marks=NO_HUAWEI_DATASHEET),
    "mi300x",
    "mi325x",
    pytest.param("mi355x", marks=NO_AMD_DATASHEET),
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
