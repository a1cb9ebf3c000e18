"""misreport: a server's copy of a correction of the seed report moves from `note` to `misreport`

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02 06:05:00

The shipped rows need nothing here: the next knowledge load writes their new text as a revision.
A server's own copy (an overlay a moderator edited) keeps its text, but where that text is the
correction of the report ("AI x Crypto: From Zero to Peak"), it moves from `note` to `misreport`,
with the report's short name taken out (the field's heading names it), as a `migrate` revision so
/entry history shows the step and /edit revert can undo it. Rows that follow the shipped text are
left alone: they take the shipped text at the load.
"""

import hashlib
import json
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa

from alembic import op


revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CORRECTIONS = frozenset(
    """event/gan event/deep-learning-nature-review event/openai-founded event/transformer-paper
    event/sophia-citizenship event/gpt-1 event/alphafold event/dendral
    event/subsumption-architecture event/bayesian-networks event/gpt-3 event/stable-diffusion
    event/chatgpt event/gpt-4 event/gpt-4o event/deep-blue event/deep-belief-nets
    event/ibm-watson-jeopardy gpu/a100-80gb model/gpt-3-175b project/zama project/truthgpt
    segment/ai-hardware segment/energy-cooling segment/ai-cloud segment/vector-databases
    segment/crypto-zkml term/transformer term/neural-network term/diffusion-model term/multimodal
    term/foundation-model term/tokenomics term/zkml term/machine-learning term/deep-learning
    term/connectionism term/behaviorism term/expert-system term/supervised-learning
    term/tensor-core term/flops term/hbm term/edge-ai term/vector-database term/inference
    term/llm-token term/tokenization term/pre-training term/fine-tuning term/rlhf
    term/reward-model term/gradient-descent term/training-data""".split()
)
"""The entries whose shipped `note` corrected the report (the others are general caveats)."""

SHORT_NAMES = (
    ("The “AI x Crypto” report's", "The report's"),
    ("The “AI x Crypto” report", "The report"),
    ("the “AI x Crypto” report", "the report"),
    ("《AI x Crypto》报告", "该报告"),
)

entries = sa.table(
    "entries",
    sa.column("id", sa.Integer),
    sa.column("guild_id", sa.BigInteger),
    sa.column("kind", sa.String),
    sa.column("slug", sa.String),
    sa.column("version", sa.Integer),
    sa.column("data", sa.JSON),
    sa.column("content_hash", sa.String),
    sa.column("hidden", sa.Boolean),
    sa.column("updated_at", sa.DateTime(timezone=True)),
    sa.column("follows_shipped", sa.Boolean),
)
revisions = sa.table(
    "revisions",
    sa.column("entry_id", sa.Integer),
    sa.column("version", sa.Integer),
    sa.column("replaced_version", sa.Integer),
    sa.column("action", sa.String),
    sa.column("data", sa.JSON),
    sa.column("content_hash", sa.String),
    sa.column("hidden", sa.Boolean),
    sa.column("author_id", sa.BigInteger),
    sa.column("reason", sa.Text),
    sa.column("created_at", sa.DateTime(timezone=True)),
    sa.column("schema_version", sa.Integer),
)


def _hash(data: dict[str, Any]) -> str:
    """bot.knowledge.store.content_hash, copied so this step keeps meaning what it meant."""
    canonical = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _corrects_report(text: dict[str, str]) -> bool:
    joined = " ".join(str(v) for v in text.values())
    return "AI x Crypto" in joined or "report" in joined or "报告" in joined


def _without_short_name(text: dict[str, str]) -> dict[str, str]:
    out = {}
    for lang, value in text.items():
        for old, new in SHORT_NAMES:
            value = value.replace(old, new)
        out[lang] = value
    return out


def _rewrite(move: Any) -> None:
    bind = op.get_bind()
    rows = (
        bind.execute(
            sa.select(entries).where(entries.c.guild_id != 0, entries.c.follows_shipped.is_(False))
        )
        .mappings()
        .all()
    )
    now = datetime.now(UTC)
    for row in rows:
        data = move(f"{row['kind']}/{row['slug']}", dict(row["data"]))
        if data is None:
            continue
        digest = _hash(data)
        version = row["version"] + 1
        bind.execute(
            entries.update()
            .where(entries.c.id == row["id"])
            .values(data=data, content_hash=digest, version=version, updated_at=now)
        )
        bind.execute(
            revisions.insert().values(
                entry_id=row["id"],
                version=version,
                replaced_version=row["version"],
                action="migrate",
                data=data,
                content_hash=digest,
                hidden=row["hidden"],
                author_id=None,
                reason=None,
                created_at=now,
                schema_version=1,
            )
        )


def _to_misreport(entry_id: str, data: dict[str, Any]) -> dict[str, Any] | None:
    note = data.get("note")
    if entry_id not in CORRECTIONS or not isinstance(note, dict) or "misreport" in data:
        return None
    if not _corrects_report(note):
        return None
    data.pop("note")
    data["misreport"] = _without_short_name(note)
    return data


def _to_note(entry_id: str, data: dict[str, Any]) -> dict[str, Any] | None:
    """Back as the older code reads it; a row holding both keeps both (older code logs it)."""
    if "misreport" not in data or "note" in data:
        return None
    data["note"] = data.pop("misreport")
    return data


def upgrade() -> None:
    _rewrite(_to_misreport)


def downgrade() -> None:
    _rewrite(_to_note)
