"""Read and check the knowledge files as one set.

Per-entry rules live in the pydantic models; the rules that need the whole set (unique ids,
links that resolve) live here in `check_set`, so `aixbot knowledge validate` can report every
problem at once with its file and entry id instead of stopping at the first, and a moderator's
edit, an approved suggestion and an import are held to exactly the same rules as the files.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from bot.knowledge.models import (
    ID_RE,
    MODEL_FOR_KIND,
    EntryBase,
    EntryKind,
    Model,
    Org,
    Person,
    Segment,
)

DEFAULT_ROOT = Path(__file__).resolve().parents[2] / "knowledge"


def parse_yaml(text: str) -> Any:
    """The YAML text's content. libyaml's loader parses the knowledge files about ten times
    faster where it is built in. PyYAML is imported here, at the first parse: a start on a
    database already loaded from these files parses none (bot/startup.py)."""
    import yaml

    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


@dataclass(frozen=True, slots=True)
class Problem:
    file: str
    entry_id: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.entry_id}: {self.message}"


@dataclass(frozen=True, slots=True)
class KnowledgeSet:
    entries: list[EntryBase]
    problems: list[Problem]

    @property
    def ok(self) -> bool:
        return not self.problems


def parse_entry(raw: object) -> EntryBase:
    """Validate one raw mapping with the model its id names."""
    if not isinstance(raw, dict):
        raise ValueError("an entry must be a mapping")
    entry_id = raw.get("id")
    if not isinstance(entry_id, str) or not ID_RE.match(entry_id):
        raise ValueError(f"id: {entry_id!r} must look like kind/slug, e.g. term/transformer")
    kind = EntryKind(entry_id.split("/", 1)[0])
    return MODEL_FOR_KIND[kind].model_validate(raw)


def _format_error(error: ValidationError) -> str:
    parts = []
    for item in error.errors():
        where = ".".join(str(p) for p in item["loc"]) or "entry"
        parts.append(f"{where}: {item['msg']}")
    return "; ".join(parts)


def links(entry: EntryBase) -> list[tuple[str, str]]:
    """Every id the entry names, with the field naming it: what `check_set` resolves, and
    what an edit compares to know whether it could have broken a link at all."""
    found = [("related", target) for target in entry.related]
    if isinstance(entry, Segment):
        found += [("upstream", t) for t in entry.upstream]
        found += [("downstream", t) for t in entry.downstream]
        found += [("players.project", p.project) for p in entry.players if p.project]
        found += [("players.org", p.org) for p in entry.players if p.org]
    if isinstance(entry, Org):
        found += [("segments", t) for t in entry.segments]
    if isinstance(entry, Person):
        found += [("affiliations", t) for t in entry.affiliations]
        found += [("events", t) for t in entry.events]
    if isinstance(entry, Model):
        found += [("published_compute.gpu", c.gpu) for c in entry.published_compute if c.gpu]
    return found


@dataclass(frozen=True, slots=True)
class SetProblem:
    """One entry breaking a rule of the whole set."""

    index: int
    """Where the entry is in the checked sequence."""
    entry_id: str
    field: str
    """The field holding the link (related, upstream, ...), or `id` for an id used twice."""
    target: str
    """The id used twice, or the id the link names."""

    @property
    def duplicate(self) -> bool:
        return self.field == "id"

    def __str__(self) -> str:
        if self.duplicate:
            return f"{self.entry_id}: id used twice"
        return f"{self.entry_id}: {self.field}: {self.target} is not an entry"


def check_set(
    entries: Sequence[EntryBase], *, focus: Collection[str] | None = None
) -> list[SetProblem]:
    """The rules no single entry can check: each id once, each link naming an entry of the set.

    The file loader checks every entry. An edit checks the guild's whole visible set with the
    change applied but asks only about the entries it changes (`focus`): an untouched entry's
    link to something this guild removed long ago is not the editor's to fix. The second and
    later uses of an id are the duplicates; the first is not.
    """
    seen: set[str] = set()
    problems: list[SetProblem] = []
    for index, entry in enumerate(entries):
        if entry.id in seen and (focus is None or entry.id in focus):
            problems.append(SetProblem(index, entry.id, "id", entry.id))
        seen.add(entry.id)
    for index, entry in enumerate(entries):
        if focus is not None and entry.id not in focus:
            continue
        for field, target in links(entry):
            if target not in seen:
                problems.append(SetProblem(index, entry.id, field, target))
    return problems


def load_knowledge(root: Path = DEFAULT_ROOT) -> KnowledgeSet:
    import yaml

    entries: list[EntryBase] = []
    problems: list[Problem] = []
    files: list[str] = []
    if not root.is_dir():
        what = "is not a folder" if root.exists() else "does not exist"
        problems.append(Problem(str(root), "-", f"the knowledge folder {what} (KNOWLEDGE_DIR)"))
        return KnowledgeSet(entries=entries, problems=problems)
    for path in sorted(root.rglob("*.yaml")):
        if path.parent == root:  # glossary.yaml, known-bad-sources.yaml: rules, not entries
            continue
        name = str(path.relative_to(root.parent))
        if not path.is_file():
            problems.append(Problem(name, "-", "not a file (a folder named *.yaml?)"))
            continue
        try:
            documents = parse_yaml(path.read_text(encoding="utf-8"))
        except yaml.YAMLError as exc:
            problems.append(Problem(name, "-", f"not valid YAML: {exc}"))
            continue
        except UnicodeDecodeError as exc:
            problems.append(
                Problem(name, "-", f"not UTF-8 text (byte {exc.start}): save it as UTF-8")
            )
            continue
        except OSError as exc:
            problems.append(Problem(name, "-", f"cannot be read: {exc.strerror or exc}"))
            continue
        if documents is None:
            continue
        if not isinstance(documents, list):
            problems.append(Problem(name, "-", "the file must be a list of entries"))
            continue
        for index, raw in enumerate(documents):
            label = raw.get("id", f"#{index}") if isinstance(raw, dict) else f"#{index}"
            try:
                entry = parse_entry(raw)
            except ValidationError as exc:
                problems.append(Problem(name, str(label), _format_error(exc)))
                continue
            except ValueError as exc:
                problems.append(Problem(name, str(label), str(exc)))
                continue
            entries.append(entry)
            files.append(name)
    first: dict[str, str] = {}
    for entry, name in zip(entries, files, strict=True):
        first.setdefault(entry.id, name)
    found = check_set(entries)
    duplicates = {p.index for p in found if p.duplicate}
    for p in found:
        if p.duplicate:
            message = f"id already used in {first[p.entry_id]}"
        elif p.index in duplicates:
            continue
        else:
            message = f"{p.field}: {p.target} is not an entry"
        problems.append(Problem(files[p.index], p.entry_id, message))
    kept = [e for index, e in enumerate(entries) if index not in duplicates]
    return KnowledgeSet(entries=kept, problems=problems)
