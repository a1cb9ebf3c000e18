"""Strings of moderator editing (bot/editing): its errors, field labels and change summaries, in English and Chinese."""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    # permission
    "editing.not_editor": {
        "en": "Only editors can do that: members with Manage Server, or with this server's editor role.",
        "zh": "只有编辑者可以执行此操作：拥有“管理服务器”权限的成员，或拥有本服务器编辑者身份组的成员。",
    },
    # modal fields
    "editing.field.title": {"en": "Title", "zh": "标题"},
    "editing.field.summary": {"en": "Summary", "zh": "摘要"},
    "editing.field.body": {"en": "Body", "zh": "正文"},
    "editing.field.sources": {
        "en": "Sources (one per line: URL title)",
        "zh": "出处（每行一个：网址 标题）",
    },
    "editing.field.aliases": {"en": "Aliases (comma-separated)", "zh": "别称（用逗号分隔）"},
    "editing.field.details": {
        "en": "Other fields (key: value per line)",
        "zh": "其他字段（每行 键: 值）",
    },
    "editing.field.source": {"en": "Source (URL title)", "zh": "出处（网址 标题）"},
    "editing.field.entry": {"en": "Entry", "zh": "条目"},
    # a field that does not validate; {field} is the input's name
    "editing.invalid.blank": {
        "en": "`{field}` is empty. Your text is below, so nothing is lost.",
        "zh": "`{field}` 为空。你填写的内容附在下方，不会丢失。",
    },
    "editing.invalid.too_long": {
        "en": "`{field}` is too long: at most {limit} characters. Your text is below, so nothing is lost.",
        "zh": "`{field}` 太长：最多 {limit} 个字符。你填写的内容附在下方，不会丢失。",
    },
    "editing.invalid.needs_chinese": {
        "en": "`{field}`: the Chinese text must contain Chinese characters.",
        "zh": "`{field}`：中文内容必须包含汉字。",
    },
    "editing.invalid.bad_url": {
        "en": "`{field}`: that is not an http(s) URL.",
        "zh": "`{field}`：这不是有效的 http(s) 网址。",
    },
    "editing.invalid.bad_source_line": {
        "en": "`{field}`, line {line}: start the line with an http(s) URL, then the title, e.g. `https://arxiv.org/abs/1706.03762 Attention Is All You Need`.",
        "zh": "`{field}` 第 {line} 行：请以 http(s) 网址开头，后接标题，例如 `https://arxiv.org/abs/1706.03762 Attention Is All You Need`。",
    },
    "editing.invalid.line_too_long": {
        "en": "`{field}`, line {line}: the title is too long (at most {limit} characters).",
        "zh": "`{field}` 第 {line} 行：标题太长（最多 {limit} 个字符）。",
    },
    "editing.invalid.source_required": {
        "en": "`{field}`: every entry needs at least one source (a line `URL title`).",
        "zh": "`{field}`：每个条目至少需要一个出处（一行“网址 标题”）。",
    },
    "editing.invalid.unclosed_quote": {
        "en": '`{field}`: a quote (") is opened and never closed.',
        "zh": '`{field}`：有一个引号（"）没有闭合。',
    },
    "editing.invalid.item_too_long": {
        "en": "`{field}`: item {item} is too long (at most {limit} characters).",
        "zh": "`{field}`：第 {item} 项太长（最多 {limit} 个字符）。",
    },
    "editing.invalid.detail_format": {
        "en": "`{field}`, line {line}: write one field per line as `key: value`.",
        "zh": "`{field}` 第 {line} 行：每行写一个字段，格式为 `键: 值`。",
    },
    "editing.invalid.unknown_detail": {
        "en": "`{field}`, line {line}: not a field of this kind of entry. Known fields: {keys}.",
        "zh": "`{field}` 第 {line} 行：此类条目没有这个字段。可用字段：{keys}。",
    },
    "editing.invalid.duplicate_detail": {
        "en": "`{field}`, line {line}: `{key}` is given twice.",
        "zh": "`{field}` 第 {line} 行：`{key}` 重复出现。",
    },
    "editing.invalid.missing": {
        "en": "`{field}`: `{key}` is required for this kind of entry.",
        "zh": "`{field}`：此类条目必须填写 `{key}`。",
    },
    "editing.invalid.invalid": {
        "en": "`{field}` (`{key}`): {detail}",
        "zh": "`{field}`（`{key}`）：{detail}",
    },
    "editing.invalid.duplicate_id": {
        "en": "The id **{entry}** is used twice.",
        "zh": "条目 ID **{entry}** 重复。",
    },
    "editing.invalid.link_missing": {
        "en": "`{field}`: `{key}` names **{target}**, which is not an entry here.",
        "zh": "`{field}`：`{key}` 指向的 **{target}** 在这里不是一个条目。",
    },
    # conflicts and other refusals
    "editing.conflict": {
        "en": "**{entry}** changed while you were editing (you started from version {based_on}; it is now at version {current}). Nothing was saved. Your text and the current text are attached: open the editor again to edit the new version.",
        "zh": "你编辑期间 **{entry}** 已被修改（你基于版本 {based_on} 编辑，现在是版本 {current}），因此未保存。你的内容和当前内容都已附上：请重新打开编辑器，在新版本上编辑。",
    },
    "editing.slug_taken": {
        "en": "An entry **{entry}** exists already. Choose another title, or edit that entry instead.",
        "zh": "已存在条目 **{entry}**。请换一个标题，或直接编辑该条目。",
    },
    "editing.nothing_changed": {
        "en": "Nothing changed: **{entry}** already reads exactly like that, so no revision was written.",
        "zh": "没有任何改动：**{entry}** 的内容与此完全相同，因此未生成新修订。",
    },
    "editing.no_shipped_text": {
        "en": "**{entry}** exists only in this server: there is no shipped text to go back to.",
        "zh": "**{entry}** 只存在于本服务器，没有可以恢复的内置版本。",
    },
    "editing.no_such_revision": {
        "en": "**{entry}** has no revision {number}: its revisions are numbered 1 to {total}.",
        "zh": "**{entry}** 没有第 {number} 号修订：修订编号为 1 到 {total}。",
    },
    "editing.suggestion_not_found": {
        "en": "There is no suggestion #{number} in this server.",
        "zh": "本服务器没有编号为 #{number} 的建议。",
    },
    "editing.suggestion_stale.approved": {
        "en": "Suggestion #{number} was already approved by <@{by}>.",
        "zh": "建议 #{number} 已由 <@{by}> 批准。",
    },
    "editing.suggestion_stale.rejected": {
        "en": "Suggestion #{number} was already rejected by <@{by}>.",
        "zh": "建议 #{number} 已被 <@{by}> 拒绝。",
    },
    "editing.notice_not_found": {
        "en": "There is no shipped-text notice #{number} in this server.",
        "zh": "本服务器没有编号为 #{number} 的内置内容更新通知。",
    },
    "editing.notice_stale.kept": {
        "en": "Notice #{number} was already settled by <@{by}>: this server kept its own text.",
        "zh": "通知 #{number} 已由 <@{by}> 处理：本服务器保留了自己的版本。",
    },
    "editing.notice_stale.taken": {
        "en": "Notice #{number} was already settled by <@{by}>: this server took the new shipped text.",
        "zh": "通知 #{number} 已由 <@{by}> 处理：本服务器采用了新的内置版本。",
    },
    "editing.notice_stale.superseded": {
        "en": "Notice #{number} is out of date: a newer release of this entry has its own notice.",
        "zh": "通知 #{number} 已过时：该条目有更新的发布版本及其通知。",
    },
    # import
    "editing.import.too_large": {
        "en": "That file is too large to import (at most {limit}). Nothing was changed.",
        "zh": "文件过大，无法导入（最多 {limit}）。未做任何更改。",
    },
    "editing.import.too_many": {
        "en": "That file has {count} entries; an import takes at most {limit}. Nothing was changed.",
        "zh": "该文件包含 {count} 个条目；一次最多导入 {limit} 个。未做任何更改。",
    },
    "editing.import.malformed": {
        "en": "That file is not an aixbot export ({detail}). Nothing was changed.",
        "zh": "该文件不是 aixbot 导出文件（{detail}）。未做任何更改。",
    },
    "editing.import.wrong_guild": {
        "en": "That file was exported from another server: an import only takes this server's own export. Nothing was changed.",
        "zh": "该文件导出自其他服务器：只能导入本服务器自己的导出文件。未做任何更改。",
    },
    "editing.import.unknown_kind": {
        "en": "**{entry}**: `{kind}` is not a kind of entry. Nothing was changed.",
        "zh": "**{entry}**：`{kind}` 不是有效的条目类型。未做任何更改。",
    },
    "editing.import.invalid": {
        "en": "{count} entries in that file are not valid: {problems}. Nothing was changed.",
        "zh": "文件中有 {count} 个条目无效：{problems}。未做任何更改。",
    },
    "editing.import.duplicate": {
        "en": "**{entry}** appears twice in that file. Nothing was changed.",
        "zh": "**{entry}** 在文件中出现了两次。未做任何更改。",
    },
    "editing.import.stale": {
        "en": "**{entry}** changed since the preview, so nothing was imported. Import the file again for a new preview.",
        "zh": "预览之后 **{entry}** 已被修改，因此未导入任何内容。请重新导入文件以获取新的预览。",
    },
    # what a revision did (history, log channel)
    "editing.action.load": {"en": "shipped text", "zh": "内置版本"},
    "editing.action.retire": {"en": "retired from the shipped set", "zh": "从内置内容中移除"},
    "editing.action.add": {"en": "added", "zh": "新增"},
    "editing.action.edit": {"en": "edited", "zh": "编辑"},
    "editing.action.remove": {"en": "removed", "zh": "移除"},
    "editing.action.revert": {"en": "reverted", "zh": "回退"},
    "editing.action.suggestion": {"en": "suggestion approved", "zh": "采纳建议"},
    "editing.action.import": {"en": "imported", "zh": "导入"},
    "editing.action.keep": {"en": "kept this server's text", "zh": "保留本服务器版本"},
    "editing.action.take": {"en": "took the shipped text", "zh": "采用内置版本"},
    "editing.action.follow": {"en": "followed the shipped text", "zh": "跟随内置版本"},
    "editing.action.migrate": {
        "en": "report correction moved to its own field",
        "zh": "报告勘误移入单独字段",
    },
    "editing.changed": {"en": "{action}: {fields}", "zh": "{action}：{fields}"},
    "editing.history.shadowed": {
        "en": "{line} (under this server's edit; not shown here)",
        "zh": "{line}（本服务器已有自己的版本，此更新未显示）",
    },
}
