"""Export and import: a guild's entries with full history out; a file in only after every check,
previewed as added / changed / conflicts, applied all or nothing."""

from __future__ import annotations

import json
from typing import Any

import pytest
from sqlalchemy import func, select

from bot.db.models import Entry, Revision
from bot.editing.fields import ModalFields
from bot.editing.transfer import MAX_IMPORT_BYTES, MAX_IMPORT_ENTRIES
from bot.editing.views import ImportPlan
from bot.errors import ImportRefused, ImportStale
from bot.knowledge.models import EntryKind
from tests.editing.conftest import EDITOR, GUILD_A, GUILD_B, OTHER_EDITOR, Env


async def edit(env: Env, entry_id: str, summary: str, guild_id: int = GUILD_A) -> int:
    form = await env.editing.edit_form(guild_id, entry_id, "en")
    result = await env.editing.edit(
        guild_id,
        entry_id,
        "en",
        ModalFields(summary=summary),
        based_on=form.based_on or 0,
        editor_id=EDITOR,
    )
    return result.version


async def exported(env: Env, guild_id: int = GUILD_A) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(await env.editing.export(guild_id))
    return document


def blob(document: dict[str, Any]) -> bytes:
    return json.dumps(document, ensure_ascii=False).encode("utf-8")


def by_id(document: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {e["id"]: e for e in document["entries"]}


async def revisions(env: Env) -> int:
    async with env.database.sessions() as session:
        return int(await session.scalar(select(func.count(Revision.id))) or 0)


async def test_export_has_the_guilds_entries_and_full_history(small_env: Env) -> None:
    """Only this guild's own rows, each with every revision it has."""
    await edit(small_env, "term/alpha", "First.")
    await edit(small_env, "term/alpha", "Second.")
    await small_env.editing.remove(GUILD_A, "term/beta", editor_id=OTHER_EDITOR, reason="dup")
    await edit(small_env, "term/gamma", "Guild B's.", guild_id=GUILD_B)
    document = await exported(small_env)
    assert (document["format"], document["guild_id"]) == ("aixbot.guild-export", str(GUILD_A))
    entries = by_id(document)
    assert sorted(entries) == ["term/alpha", "term/beta"]
    alpha = entries["term/alpha"]
    assert [h["action"] for h in alpha["history"]] == ["edit", "edit"]
    assert [h["data"]["summary"]["en"] for h in alpha["history"]] == ["First.", "Second."]
    assert alpha["history"][0]["author_id"] == str(EDITOR)
    assert (entries["term/beta"]["hidden"], entries["term/beta"]["history"][0]["reason"]) == (
        True,
        "dup",
    )


async def test_import_previews_added_changed_and_conflicts(small_env: Env) -> None:
    """Changed since the export: conflict. Edited in the file only: changed. New: added."""
    await edit(small_env, "term/alpha", "Alpha at export.")
    await edit(small_env, "term/beta", "Beta at export.")
    document = await exported(small_env)
    await edit(small_env, "term/beta", "Beta edited after the export.")
    entries = by_id(document)
    entries["term/alpha"]["data"]["summary"]["en"] = "Alpha from the file."
    entries["term/beta"]["data"]["summary"]["en"] = "Beta from the file."
    new = json.loads(json.dumps(entries["term/alpha"]))
    new.update(id="term/delta", version=None, history=[])
    new["data"].update(id="term/delta", name={"en": "Delta", "zh": "德尔塔"})
    document["entries"].append(new)
    gamma = json.loads(json.dumps(entries["term/alpha"]))
    gamma.update(id="term/gamma", version=1, history=[])
    gamma["data"]["id"] = "term/gamma"
    gamma["data"]["name"] = {"en": "Gamma", "zh": "gamma 术语"}
    gamma["data"]["related"] = []
    document["entries"].append(gamma)
    plan = await small_env.editing.plan_import(GUILD_A, blob(document))
    assert [i.entry_id for i in plan.added] == ["term/delta"]
    assert sorted(i.entry_id for i in plan.changed) == ["term/alpha", "term/gamma"]
    assert [i.entry_id for i in plan.conflicts] == ["term/beta"]
    assert next(i for i in plan.changed if i.entry_id == "term/alpha").changed == ("summary.en",)
    before = await revisions(small_env)
    result = await small_env.editing.apply_import(GUILD_A, plan, editor_id=OTHER_EDITOR)
    assert sorted(r.entry_id for r in result.applied) == ["term/alpha", "term/delta", "term/gamma"]
    assert {r.action for r in result.applied} == {"import"}
    assert result.skipped_conflicts == 1
    assert await revisions(small_env) == before + 3
    seen = {
        slug: small_env.knowledge.get(EntryKind.TERM, slug, guild_id=GUILD_A).entry.summary.en
        for slug in ("alpha", "beta", "delta")
    }
    assert seen == {
        "alpha": "Alpha from the file.",
        "beta": "Beta edited after the export.",
        "delta": "Alpha from the file.",
    }
    assert small_env.knowledge.by_id("term/delta", guild_id=GUILD_B) is None


async def test_apply_rechecks_versions_and_writes_nothing_if_one_moved(small_env: Env) -> None:
    """An edit between preview and Apply: ImportStale, and not one entry of the plan lands."""
    await edit(small_env, "term/alpha", "Alpha at export.")
    await edit(small_env, "term/beta", "Beta at export.")
    document = await exported(small_env)
    for entry in document["entries"]:
        entry["data"]["summary"]["en"] = f"From the file: {entry['id']}."
    plan = await small_env.editing.plan_import(GUILD_A, blob(document))
    assert len(plan.changed) == 2
    await edit(small_env, "term/beta", "Moved on meanwhile.")
    before = await revisions(small_env)
    with pytest.raises(ImportStale) as caught:
        await small_env.editing.apply_import(GUILD_A, plan, editor_id=EDITOR)
    assert caught.value.entry_id == "term/beta"
    assert await revisions(small_env) == before
    alpha = small_env.knowledge.get(EntryKind.TERM, "alpha", guild_id=GUILD_A)
    assert alpha.entry.summary.en == "Alpha at export."
    async with small_env.database.sessions() as session:
        stored = await session.scalar(
            select(Entry).where(Entry.guild_id == GUILD_A, Entry.slug == "alpha")
        )
    assert stored is not None
    assert stored.data["summary"]["en"] == "Alpha at export."


async def test_conflicts_can_be_overwritten_on_purpose(small_env: Env) -> None:
    """Apply with overwrite_conflicts takes the file's text over the newer guild edit."""
    await edit(small_env, "term/alpha", "At export.")
    document = await exported(small_env)
    by_id(document)["term/alpha"]["data"]["summary"]["en"] = "From the file."
    await edit(small_env, "term/alpha", "After the export.")
    plan = await small_env.editing.plan_import(GUILD_A, blob(document))
    assert [i.entry_id for i in plan.conflicts] == ["term/alpha"]
    result = await small_env.editing.apply_import(
        GUILD_A, plan, editor_id=EDITOR, overwrite_conflicts=True
    )
    assert [r.entry_id for r in result.applied] == ["term/alpha"]
    seen = small_env.knowledge.get(EntryKind.TERM, "alpha", guild_id=GUILD_A)
    assert seen.entry.summary.en == "From the file."


def entry_document(guild_id: int, count: int) -> dict[str, Any]:
    return {
        "format": "aixbot.guild-export",
        "guild_id": str(guild_id),
        "entries": [
            {
                "id": f"term/t{i}",
                "data": {
                    "id": f"term/t{i}",
                    "name": {"en": f"T{i}", "zh": f"T{i}"},
                    "summary": {"en": "S.", "zh": "摘要。"},
                    "body": {"en": "B.", "zh": "正文。"},
                    "checked": "2026-11-01",
                    "sources": [{"url": "https://e.org/", "title": "t", "publisher": "p"}],
                },
            }
            for i in range(count)
        ],
    }


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"{not json", "malformed"),
        (b"\xff\xfe", "malformed"),
        (b'{"format": "something else", "guild_id": "1", "entries": []}', "malformed"),
        (b"[1, 2, 3]", "malformed"),
        (blob(entry_document(GUILD_B, 1)), "wrong_guild"),
        (
            blob(
                {
                    "format": "aixbot.guild-export",
                    "guild_id": str(GUILD_A),
                    "entries": [{"id": "term/x"}] * (MAX_IMPORT_ENTRIES + 1),
                }
            ),
            "too_many",
        ),
        (b" " * (MAX_IMPORT_BYTES + 1), "too_large"),
    ],
)
async def test_a_bad_file_is_refused_before_anything_is_written(
    small_env: Env, content: bytes, reason: str
) -> None:
    """Each refusal has its own message key; the database is untouched."""
    before = await revisions(small_env)
    with pytest.raises(ImportRefused) as caught:
        await small_env.editing.plan_import(GUILD_A, content)
    assert caught.value.key == f"editing.import.{reason}"
    assert await revisions(small_env) == before


@pytest.mark.parametrize(
    ("mutate", "reason"),
    [
        (lambda d: d["entries"][0].update(id="spell/x"), "unknown_kind"),
        (lambda d: d["entries"][0].update(guild_id=str(GUILD_B)), "wrong_guild"),
        (lambda d: d["entries"][0]["data"]["summary"].update(zh="no chinese"), "invalid"),
        (lambda d: d["entries"][0]["data"].update(related=["term/nowhere"]), "invalid"),
        (lambda d: d["entries"].append(d["entries"][0]), "duplicate"),
        (lambda d: d["entries"][0]["data"].update(id="term/other"), "invalid"),
    ],
)
async def test_a_bad_entry_is_refused_before_anything_is_written(
    small_env: Env, mutate: Any, reason: str
) -> None:
    """Unknown kinds, another guild's entries, invalid data, broken links, repeats."""
    document = entry_document(GUILD_A, 2)
    mutate(document)
    with pytest.raises(ImportRefused) as caught:
        await small_env.editing.plan_import(GUILD_A, blob(document))
    assert caught.value.key == f"editing.import.{reason}"


async def test_a_plan_for_another_guild_is_refused(small_env: Env) -> None:
    """A plan made for guild A cannot be applied in guild B."""
    plan = await small_env.editing.plan_import(GUILD_A, blob(entry_document(GUILD_A, 1)))
    with pytest.raises(ImportRefused):
        await small_env.editing.apply_import(GUILD_B, plan, editor_id=EDITOR)


async def test_a_plan_digest_says_whether_the_preview_still_holds(small_env: Env) -> None:
    """The same file planned again has the preview's digest, in any entry order; an edit to
    one of its entries since, or the other guild, gives another."""
    await edit(small_env, "term/alpha", "Alpha at export.")
    await edit(small_env, "term/beta", "Beta at export.")
    document = await exported(small_env)
    for entry in document["entries"]:
        entry["data"]["summary"]["en"] = f"From the file: {entry['id']}."
    shown = (await small_env.editing.plan_import(GUILD_A, blob(document))).digest
    assert len(shown) == 16
    assert int(shown, 16) >= 0
    again = await small_env.editing.plan_import(GUILD_A, blob(document))
    assert again.digest == shown
    document["entries"].reverse()
    assert (await small_env.editing.plan_import(GUILD_A, blob(document))).digest == shown
    await edit(small_env, "term/beta", "Moved on meanwhile.")
    assert (await small_env.editing.plan_import(GUILD_A, blob(document))).digest != shown
    assert ImportPlan(GUILD_B, again.items).digest != again.digest


async def test_an_export_from_before_checked_dates_imports_with_its_own_dates(
    small_env: Env,
) -> None:
    """An entry exported under schema 1 (no `checked`) comes in checked on the day the file
    says its text was written, not refused and not dated today."""
    document = entry_document(GUILD_A, 1)
    item = document["entries"][0]
    del item["data"]["checked"]
    item.update(schema_version=1, updated_at="2025-06-07T08:00:00+00:00")
    plan = await small_env.editing.plan_import(GUILD_A, blob(document))
    await small_env.editing.apply_import(GUILD_A, plan, editor_id=EDITOR)
    seen = small_env.knowledge.get(EntryKind.TERM, "t0", guild_id=GUILD_A).entry
    assert seen.checked.isoformat() == "2025-06-07"
    del item["updated_at"]
    item["schema_version"] = 2
    with pytest.raises(ImportRefused) as refused:
        await small_env.editing.plan_import(GUILD_A, blob(document))
    assert "checked" in str(refused.value.params)
