"""Real sources: a checkable number or date never stands without a source, and a source known
not to hold its claim is refused by `aixbot knowledge validate`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from bot.knowledge.files import DEFAULT_ROOT, load_knowledge, parse_entry
from bot.knowledge.review import BadSource, bad_sources, review
from bot.knowledge.store import entry_data
from tests.platform.test_settings_and_cli import run_cli
from tests.samples import org_data

SHIPPED = load_knowledge(DEFAULT_ROOT)
BAD = "https://github.com/fetchai/FIPs/blob/main/ASI/governance-proposal-01.md"


def shipped(entry_id: str) -> dict[str, Any]:
    return entry_data(next(e for e in SHIPPED.entries if e.id == entry_id))


def test_an_org_founding_date_needs_a_source() -> None:
    with pytest.raises(ValidationError, match="sources"):
        parse_entry(org_data(founded="2015-12-11", sources=[]))


def test_a_gpu_needs_its_datasheet_among_its_sources() -> None:
    """Datasheet figures are checked against the datasheet, so readers see it as a source."""
    data = shipped("gpu/h100-sxm")
    parse_entry(data)
    with pytest.raises(ValidationError, match="datasheet"):
        parse_entry({k: v for k, v in data.items() if k != "datasheet"})
    others = [s for s in data["sources"] if s["url"] != data["datasheet"]]
    with pytest.raises(ValidationError, match="datasheet: must also be listed in sources"):
        parse_entry({**data, "sources": others})


def test_a_model_with_architecture_numbers_needs_a_source() -> None:
    data = shipped("model/llama-3-1-405b")
    assert data.get("layers")
    with pytest.raises(ValidationError, match="sources"):
        parse_entry({**data, "sources": []})


def test_a_known_bad_source_is_refused_wherever_it_is_cited() -> None:
    """In sources or as a figure's source, with or without a trailing slash."""
    rules = [BadSource(url=BAD, why="does not exist")]  # type: ignore[arg-type]
    org = parse_entry(org_data(sources=[{"url": BAD + "/", "title": "t", "publisher": "p"}]))
    segment = next(entry_data(e) for e in SHIPPED.entries if getattr(e, "figures", None))
    segment["figures"][0]["source"] = BAD
    entries = [org, parse_entry(segment)]
    found = bad_sources(entries, rules)
    assert [p.entry_id for p in found] == [e.id for e in entries]
    assert all("known bad: does not exist" in p.message for p in found)


def test_the_shipped_files_pass_every_rule() -> None:
    assert SHIPPED.ok
    assert review(SHIPPED.entries, DEFAULT_ROOT) == []


def test_validate_refuses_a_known_bad_source(tmp_path: Path) -> None:
    """The rules file beside the kind folders is read as rules, never as entries."""
    root = tmp_path / "knowledge"
    (root / "org").mkdir(parents=True)
    (root / "known-bad-sources.yaml").write_text(
        f"- url: {BAD}\n  why: does not exist in that repository\n", encoding="utf-8"
    )
    (root / "org" / "a.yaml").write_text(
        "- id: org/asi\n"
        "  name: {en: ASI, zh: ASI 联盟}\n"
        "  summary: {en: s, zh: 摘要}\n"
        "  body: {en: b, zh: 正文}\n"
        "  org_type: foundation\n"
        "  checked: 2026-11-01\n"
        f"  sources: [{{url: '{BAD}', title: t, publisher: p}}]\n",
        encoding="utf-8",
    )
    result = run_cli("knowledge", "validate", cwd=tmp_path, env={"KNOWLEDGE_DIR": str(root)})
    assert result.returncode == 1
    assert f"knowledge: org/asi: source {BAD} is known bad" in result.stdout
    assert "1 entries (org: 1); 1 problems" in result.stdout
