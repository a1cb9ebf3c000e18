"""Discord's documented limits: what the UI builds to and what the offline stand-in checks."""

from __future__ import annotations

CONTENT = 2000
EMBEDS_PER_MESSAGE = 10
TITLE = 256
DESCRIPTION = 4096
FIELDS = 25
FIELD_NAME = 256
FIELD_VALUE = 1024
FOOTER = 2048
AUTHOR = 256
EMBED_TOTAL = 6000
ACTION_ROWS = 5
BUTTONS_PER_ROW = 5
CUSTOM_ID = 100
SELECT_OPTIONS = 25
CHOICES = 25
CHOICE_NAME = 100
CHOICE_VALUE = 100
MODAL_TITLE = 45
MODAL_INPUTS = 5
BUTTON_LABEL = 80
SELECT_LABEL = 100
SELECT_DESCRIPTION = 100

PHONE_SCREEN = 1200
"""The first screen of an entry answer (title, description, fields, footer, as Discord counts
them): what a phone shows without scrolling far. The rest is behind More and Sources."""
MORE_PAGE = 1500
"""Body characters on one page of an entry's More screen, so each page reads on a phone too."""
MORE_PAGE_TOTAL = 2500
"""A More page with its fields: past this a field starts a page of its own."""
