"""EditingService: everything moderator editing does, behind one object built once at start.

Each public method is one short transaction. Nothing here knows about Discord: callers pass
ids and text, and get frozen views (bot/editing/views.py) back, or a UserFacingError with an
i18n key (bot/errors.py). The methods live by subject:

- core.py: permission, drafts and modal forms, edit, add, remove, revert, follow_shipped,
  history, diff
- guilds.py: settings, missing lookups
- suggestions.py: suggest, decide
- notices.py: shipped changes under guild edits (reconcile_shipped, keep_ours, take_shipped)
- imports.py: export, plan_import, apply_import
"""

from __future__ import annotations

from bot.editing.guilds import GuildMethods
from bot.editing.imports import ImportMethods
from bot.editing.notices import NoticeMethods
from bot.editing.suggestions import SuggestionMethods


class EditingService(GuildMethods, SuggestionMethods, NoticeMethods, ImportMethods):
    """Constructed with the session factory and the KnowledgeService whose catalog every
    committed change is handed to: `EditingService(database.sessions, knowledge)`."""
