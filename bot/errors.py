"""Errors a user can cause, each with the message that tells them what to do.

Services raise these; the tree's one error handler turns them into ephemeral replies. The core
never talks to Discord, so a message is a key into `bot.i18n` plus its parameters.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, TypeVar

if TYPE_CHECKING:
    from bot.editing.fields import ModalFields

T = TypeVar("T")


class UserFacingError(Exception):
    """Base of every error whose message is meant for the person who typed the command."""

    key: str = "error.generic"

    def __init__(self, **params: Any) -> None:
        super().__init__(self.key, params)
        self.params = params


SuggestionReason = Literal["near", "elsewhere", "mentions", "sense"]
"""Why an entry is offered: a close name; the typed name itself, of another kind; an entry whose
text mentions it; one of several entries sharing the name."""


@dataclass(frozen=True, slots=True)
class Suggestion:
    """An entry offered back to the user as a button, with what the reply says it is."""

    kind: str
    slug: str
    title_en: str
    title_zh: str
    year: int | None = None
    reason: SuggestionReason = "near"

    def title(self, lang: str) -> str:
        return self.title_zh if lang == "zh" else self.title_en


class EntryNotFound(UserFacingError):
    key = "error.entry_not_found"

    def __init__(self, kind: str | None, query: str, suggestions: list[Suggestion] | None = None):
        super().__init__(kind=kind or "", query=query)
        self.kind = kind
        self.query = query
        self.suggestions = suggestions or []


class AmbiguousName(EntryNotFound):
    """A name several entries of the asked kind share: each sense is a suggestion."""

    key = "error.ambiguous_name"


class InvalidOption(UserFacingError):
    """An option's value could not be read: names the option, what was read and an example.

    `expected` is a message key (`expected.*` in bot/i18n), given the error's params, so the
    reply says it in the asker's language.
    """

    key = "error.invalid_option"

    def __init__(self, option: str, got: str, expected: str, example: str) -> None:
        super().__init__(option=option, got=got, expected=expected, example=example)


class InvalidChoice(InvalidOption):
    """A choice option's value that is not one of its choices."""

    key = "error.invalid_choice"

    def __init__(self, option: str, got: str, choices: Sequence[str]) -> None:
        super().__init__(option, got, ", ".join(choices), choices[0] if choices else "")
        self.params["choices"] = ", ".join(choices)


def one_of(value: object, choices: Sequence[T], option: str) -> T:
    """`value` as the choice it equals; raises InvalidChoice for anything else.

    Discord sends only listed values, but a client still showing an older version of a command
    (the choices before a sync) sends what that version listed.
    """
    for choice in choices:
        if value == choice:
            return choice
    raise InvalidChoice(option, str(value)[:100], [str(c) for c in choices])


class ChartsBusy(UserFacingError):
    """Every chart worker is drawing and the queue behind them is full: a burst of charts is
    turned away rather than left to wait for ever, and the user is asked to retry."""

    key = "error.charts_busy"


class NotAllowed(UserFacingError):
    key = "error.not_allowed"


# -- editing -------------------------------------------------------------------------------


class GuildOnly(UserFacingError):
    """Editing and settings belong to a server; a DM has none."""

    key = "error.guild_only"


class NotEditor(UserFacingError):
    """Not a member with Manage Guild, nor holding the guild's editor role."""

    key = "editing.not_editor"


class InvalidField(UserFacingError):
    """A modal field that does not validate, or the entry as a whole (`field` None).

    `submitted` is what the editor typed, every field, so the reply can give it back and they
    lose nothing. The key names the problem (`editing.invalid.<problem>`); `params` carry
    `field` (the modal field's name, or "entry") and what the problem needs (`limit`, `line`,
    `key`, `target`, `detail`).
    """

    def __init__(
        self,
        field: str | None,
        problem: str,
        *,
        submitted: ModalFields | None = None,
        **details: Any,
    ) -> None:
        self.key = f"editing.invalid.{problem}"
        super().__init__(field=field or "entry", **details)
        self.field = field
        self.problem = problem
        self.submitted = submitted

    def with_submitted(self, submitted: ModalFields) -> InvalidField:
        """The same error carrying the editor's text (parsers raise it before they know it)."""
        self.submitted = submitted
        return self


class EditConflict(UserFacingError):
    """Someone else's change landed between opening the editor and saving.

    `mine` is the editor's text, `current` the entry's text now in the same fields (both None
    for a change with no text, such as a removal); `current_version` is what to base a retry
    on.
    """

    key = "editing.conflict"

    def __init__(
        self,
        entry_id: str,
        based_on: int | None,
        current_version: int | None,
        *,
        mine: ModalFields | None = None,
        current: ModalFields | None = None,
    ) -> None:
        super().__init__(
            entry=entry_id,
            based_on=based_on if based_on is not None else "-",
            current=current_version if current_version is not None else "-",
        )
        self.entry_id = entry_id
        self.based_on = based_on
        self.current_version = current_version
        self.mine = mine
        self.current = current


class SlugTaken(UserFacingError):
    key = "editing.slug_taken"

    def __init__(self, entry_id: str) -> None:
        super().__init__(entry=entry_id)
        self.entry_id = entry_id


class NothingChanged(UserFacingError):
    """The change would leave the entry exactly as it is: no revision is written."""

    key = "editing.nothing_changed"

    def __init__(self, entry_id: str) -> None:
        super().__init__(entry=entry_id)
        self.entry_id = entry_id


class NoShippedText(UserFacingError):
    """Following the shipped text was asked for an entry that only this guild has."""

    key = "editing.no_shipped_text"

    def __init__(self, entry_id: str) -> None:
        super().__init__(entry=entry_id)


class NoSuchRevision(UserFacingError):
    key = "editing.no_such_revision"

    def __init__(self, entry_id: str, number: int, total: int) -> None:
        super().__init__(entry=entry_id, number=number, total=total)
        self.number = number
        self.total = total


class SuggestionNotFound(UserFacingError):
    key = "editing.suggestion_not_found"

    def __init__(self, suggestion_id: int) -> None:
        super().__init__(number=suggestion_id)


class SuggestionStale(UserFacingError):
    """The suggestion was decided already (a second press, or another editor first); the
    key says how (`editing.suggestion_stale.approved` or `.rejected`)."""

    def __init__(self, suggestion_id: int, status: str, decided_by: int | None) -> None:
        self.key = f"editing.suggestion_stale.{status}"
        super().__init__(number=suggestion_id, by=decided_by or "-")
        self.status = status
        self.decided_by = decided_by


class NoticeNotFound(UserFacingError):
    key = "editing.notice_not_found"

    def __init__(self, notice_id: int) -> None:
        super().__init__(number=notice_id)


class NoticeStale(UserFacingError):
    """The shipped-change notice was decided already, or a newer release superseded it
    (`editing.notice_stale.kept`, `.taken` or `.superseded`)."""

    def __init__(self, notice_id: int, status: str, decided_by: int | None) -> None:
        self.key = f"editing.notice_stale.{status}"
        super().__init__(number=notice_id, by=decided_by or "-")
        self.status = status
        self.decided_by = decided_by


class ImportRefused(UserFacingError):
    """An import file refused before anything was written; the key names why
    (`editing.import.<reason>`: too_large, too_many, malformed, wrong_guild, unknown_kind,
    invalid, duplicate)."""

    def __init__(self, reason: str, **details: Any) -> None:
        self.key = f"editing.import.{reason}"
        super().__init__(**details)
        self.reason = reason


class ImportStale(UserFacingError):
    """Between the preview and Apply an entry of the plan changed: nothing was applied."""

    key = "editing.import.stale"

    def __init__(self, entry_id: str) -> None:
        super().__init__(entry=entry_id)
        self.entry_id = entry_id
