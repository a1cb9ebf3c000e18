"""Strings of /config, /suggest, the review buttons and the log channel, in English and Chinese."""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    # /config
    "review.config.manage_guild": {
        "en": "Only members with Manage Server can change this server's editing settings.",
        "zh": "只有拥有“管理服务器”权限的成员可以更改本服务器的编辑设置。",
    },
    "review.config.title": {"en": "Editing settings", "zh": "编辑设置"},
    "review.config.editor_role": {"en": "Editor role", "zh": "编辑者身份组"},
    "review.config.log_channel": {"en": "Log channel", "zh": "日志频道"},
    "review.config.review_channel": {"en": "Review channel", "zh": "审核频道"},
    "review.config.unset": {"en": "not set", "zh": "未设置"},
    "review.config.unset_role": {
        "en": "not set: only members with Manage Server edit",
        "zh": "未设置：只有拥有“管理服务器”权限的成员可以编辑",
    },
    "review.config.unset_log": {
        "en": "not set: changes are not announced anywhere",
        "zh": "未设置：修改不会在任何频道公布",
    },
    "review.config.same_as_log": {
        "en": "{channel} (the log channel)",
        "zh": "{channel}（即日志频道）",
    },
    "review.config.updated": {
        "en": "Last changed by {user} {when}.",
        "zh": "最近由 {user} 于 {when} 修改。",
    },
    "review.config.saved_role": {
        "en": "Saved: members with {role} are editors now, besides those with Manage Server.",
        "zh": "已保存：除拥有“管理服务器”权限的成员外，拥有 {role} 的成员现在也是编辑者。",
    },
    "review.config.saved_log": {
        "en": "Saved: every change and suggestion is announced in {channel}.",
        "zh": "已保存：所有修改和建议都会在 {channel} 公布。",
    },
    "review.config.saved_review": {
        "en": "Saved: suggestions wait for review in {channel}.",
        "zh": "已保存：建议将在 {channel} 等待审核。",
    },
    "review.config.posted_backlog": {
        "en": "Posted {count} item(s) that were waiting for this channel.",
        "zh": "已发布 {count} 条正在等待此频道的内容。",
    },
    "review.config.cannot_post": {
        "en": "I cannot post in {channel}, so nothing was changed. Give me View Channel, Send Messages, Embed Links and Attach Files there, then try again.",
        "zh": "我无法在 {channel} 发消息，因此没有做任何更改。请在该频道授予我“查看频道”“发送消息”“嵌入链接”“附加文件”权限后重试。",
    },
    "review.config.hello_log": {
        "en": "aixbot announces every change to this server's entries here (set by {user}).",
        "zh": "aixbot 会在此公布本服务器条目的每一次修改（由 {user} 设置）。",
    },
    "review.config.hello_review": {
        "en": "Members' suggestions for this server's entries wait for review here (set by {user}).",
        "zh": "成员对本服务器条目的建议会在此等待审核（由 {user} 设置）。",
    },
    # /suggest
    "review.suggest.modal_fix": {"en": "Suggest a correction", "zh": "建议修改"},
    "review.suggest.modal_fix_simplified": {
        "en": "Suggest a correction (stored in Simplified)",
        "zh": "建议修改（简体原文）",
    },
    "review.suggest.modal_new": {"en": "Suggest a new entry", "zh": "建议新条目"},
    "review.suggest.reason": {"en": "Why (optional)", "zh": "理由（可选）"},
    "review.suggest.posted": {
        "en": "Thanks: suggestion #{number} for **{entry}** is waiting for this server's editors in {channel}.",
        "zh": "谢谢：关于 **{entry}** 的建议 #{number} 已在 {channel} 等待本服务器编辑者审核。",
    },
    "review.suggest.saved_unposted": {
        "en": "Thanks: suggestion #{number} for **{entry}** is saved. This server has no review channel yet; editors will see it as soon as one is set with /config review-channel.",
        "zh": "谢谢：关于 **{entry}** 的建议 #{number} 已保存。本服务器尚未设置审核频道；一旦用 /config review-channel 设置，编辑者就会看到它。",
    },
    "review.suggest.duplicate": {
        "en": "Suggestion #{number} was already received.",
        "zh": "建议 #{number} 已经收到。",
    },
    # the review message and its buttons
    "review.card.title": {"en": "Suggestion #{number}: {entry}", "zh": "建议 #{number}：{entry}"},
    "review.card.new": {"en": "new entry ({kind})", "zh": "新条目（{kind}）"},
    "review.card.by": {"en": "Suggested by", "zh": "建议人"},
    "review.card.source": {"en": "Source", "zh": "出处"},
    "review.card.reason": {"en": "Why", "zh": "理由"},
    "review.card.diff": {"en": "Proposed change", "zh": "建议的修改"},
    "review.card.diff_file": {
        "en": "The proposed change is long: see the attached file.",
        "zh": "建议的修改较长：见附件。",
    },
    "review.card.approved": {"en": "Approved by", "zh": "采纳人"},
    "review.card.rejected": {"en": "Rejected by", "zh": "拒绝人"},
    "review.button.approve": {"en": "Approve", "zh": "采纳"},
    "review.button.reject": {"en": "Reject", "zh": "拒绝"},
    "review.approved": {
        "en": "Approved suggestion #{number}: **{entry}** is revision {revision} now.",
        "zh": "已采纳建议 #{number}：**{entry}** 现为第 {revision} 版。",
    },
    "review.rejected": {
        "en": "Rejected suggestion #{number}.",
        "zh": "已拒绝建议 #{number}。",
    },
    # the log channel
    "review.log.change": {"en": "{entry}: {what}", "zh": "{entry}：{what}"},
    "review.log.by": {"en": "By", "zh": "操作人"},
    "review.log.why": {"en": "Why", "zh": "理由"},
    "review.log.revision": {"en": "Revision", "zh": "版本"},
    "review.log.no_reason": {"en": "no reason given", "zh": "未说明理由"},
    "review.log.diff_file": {
        "en": "The diff is long: see the attached file.",
        "zh": "差异较长：见附件。",
    },
    "review.log.no_diff": {"en": "No text changed.", "zh": "文本没有变化。"},
    "review.log.suggestion_rejected": {
        "en": "Suggestion #{number} for {entry} was rejected by {user}.",
        "zh": "关于 {entry} 的建议 #{number} 已被 {user} 拒绝。",
    },
    "review.log.suggestion_new": {
        "en": "Suggestion #{number} for {entry} by {user} is waiting in {channel}.",
        "zh": "{user} 对 {entry} 的建议 #{number} 正在 {channel} 等待审核。",
    },
    # shipped-change notices
    "review.notice.title": {
        "en": "A new release changed the shipped text of {entry}",
        "zh": "新版本修改了 {entry} 的内置文本",
    },
    "review.notice.body": {
        "en": "This server has its own text for this entry, and keeps showing it. Keep it, or take the new shipped text (your text stays in the history).",
        "zh": "本服务器对该条目有自己的版本，并会继续显示它。可以保留本服务器版本，或采用新的内置文本（你的版本会保留在历史中）。",
    },
    "review.button.keep": {"en": "Keep ours", "zh": "保留本服务器版本"},
    "review.button.take": {"en": "Take the new shipped text", "zh": "采用新的内置文本"},
    "review.notice.kept": {
        "en": "Kept this server's text ({user}).",
        "zh": "已保留本服务器版本（{user}）。",
    },
    "review.notice.taken": {
        "en": "Took the new shipped text ({user}).",
        "zh": "已采用新的内置文本（{user}）。",
    },
}
