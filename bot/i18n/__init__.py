"""The bot's own words in English and Chinese (written in Simplified, shown in Traditional to zh-TW
and zh-HK readers: script.py), and the choice between them."""

from bot.i18n.strings import Lang, language_for, t

__all__ = ["Lang", "language_for", "t"]
