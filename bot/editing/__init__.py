"""Moderator editing: revisions, permissions, conflicts, suggestions, import and export.

No discord import: the cogs call `EditingService` with plain ids and text and render what it
returns (bot/editing/views.py) or the UserFacingError it raises (bot/errors.py).
"""
