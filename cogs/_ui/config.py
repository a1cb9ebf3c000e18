"""The /config show embed: a guild's editing settings, and what each unset one means."""

from __future__ import annotations

import discord

from bot.editing.views import GuildConfig
from bot.i18n import Lang, t


def role_text(role_id: int | None, lang: Lang) -> str:
    return f"<@&{role_id}>" if role_id else t("review.config.unset_role", lang)


def channel_text(channel_id: int | None, lang: Lang, unset_key: str = "review.config.unset") -> str:
    return f"<#{channel_id}>" if channel_id else t(unset_key, lang)


def settings_embed(config: GuildConfig, lang: Lang) -> discord.Embed:
    """Mentions render as names in an embed and never ping."""
    embed = discord.Embed(title=t("review.config.title", lang), color=discord.Color.blurple())
    embed.add_field(
        name=t("review.config.editor_role", lang),
        value=role_text(config.editor_role_id, lang),
        inline=False,
    )
    embed.add_field(
        name=t("review.config.log_channel", lang),
        value=channel_text(config.log_channel_id, lang, "review.config.unset_log"),
        inline=False,
    )
    review = config.review_channel_id
    if config.review_channel_setting is None and review is not None:
        review_value = t("review.config.same_as_log", lang, channel=f"<#{review}>")
    else:
        review_value = channel_text(review, lang)
    embed.add_field(name=t("review.config.review_channel", lang), value=review_value, inline=False)
    if config.updated_at is not None and config.updated_by is not None:
        embed.description = t(
            "review.config.updated",
            lang,
            user=f"<@{config.updated_by}>",
            when=discord.utils.format_dt(config.updated_at, "f"),
        )
    return embed
