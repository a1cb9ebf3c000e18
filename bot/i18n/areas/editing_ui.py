"""Strings of the editing commands' replies (/edit, /entry), and the Chinese names of every
issue-9 command (/edit, /entry, /config, /suggest), in English and Chinese."""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    # modal titles: at most 45 characters once the entry's name is in
    "eui.modal.edit": {"en": "Edit {name}", "zh": "编辑 {name}"},
    "eui.modal.edit_simplified": {
        "en": "Edit {name} (stored in Simplified)",
        "zh": "编辑 {name}（简体原文）",
    },
    "eui.modal.add": {"en": "New {kind}", "zh": "新{kind}"},
    # saved
    "eui.saved": {
        "en": "Saved **{entry}** as revision #{number} ({what}).",
        "zh": "已保存 **{entry}**，修订 #{number}（{what}）。",
    },
    "eui.saved_again": {
        "en": "Already saved: **{entry}** revision #{number}. Nothing was written twice.",
        "zh": "已保存过：**{entry}** 修订 #{number}。没有重复写入。",
    },
    "eui.removed": {
        "en": "Removed **{entry}** in this server (revision #{number}). `/edit revert` brings it back.",
        "zh": "已在本服务器移除 **{entry}**（修订 #{number}）。可用 `/edit revert` 恢复。",
    },
    "eui.reverted": {
        "en": "**{entry}** now reads as revision #{source} again (new revision #{number}).",
        "zh": "**{entry}** 已恢复为修订 #{source} 的内容（新修订 #{number}）。",
    },
    # remove
    "eui.remove.confirm": {
        "en": "Remove **{entry}** from this server? Members will no longer find it; the history keeps every text and `/edit revert` restores it.",
        "zh": "要在本服务器移除 **{entry}** 吗？成员将无法再查到它；历史会保留所有内容，可用 `/edit revert` 恢复。",
    },
    "eui.remove.button": {"en": "Remove", "zh": "移除"},
    "eui.removed_label": {"en": "{name} (removed)", "zh": "{name}（已移除）"},
    "eui.reason": {"en": "Reason", "zh": "原因"},
    # conflict and bad field
    "eui.conflict.reopen": {"en": "Edit the new version", "zh": "编辑新版本"},
    "eui.retry": {"en": "Edit again", "zh": "重新编辑"},
    "eui.given_back": {
        "en": "Your text is attached as a file.",
        "zh": "你的内容已作为文件附上。",
    },
    # history and diff
    "eui.history.title": {"en": "History: {entry}", "zh": "修订历史：{entry}"},
    "eui.history.footer": {
        "en": "{total} revisions · this server sees #{current}",
        "zh": "共 {total} 个修订 · 本服务器显示 #{current}",
    },
    "eui.history.more": {
        "en": "{total} revisions · this server sees #{current} · the newest {shown} are shown",
        "zh": "共 {total} 个修订 · 本服务器显示 #{current} · 仅显示最新的 {shown} 个",
    },
    "eui.history.shipped": {"en": "release", "zh": "发布版本"},
    "eui.history.current": {"en": "shown now", "zh": "当前显示"},
    "eui.diff.title": {
        "en": "Diff: {entry} {start} → #{to}",
        "zh": "差异：{entry} {start} → #{to}",
    },
    "eui.diff.none": {
        "en": "No text differs between {start} and #{to} of **{entry}**.",
        "zh": "**{entry}** 的 {start} 与 #{to} 之间没有文字差异。",
    },
    "eui.diff.file": {
        "en": "The diff of **{entry}** {start} → #{to} is long: it is attached.",
        "zh": "**{entry}** {start} → #{to} 的差异较长，已作为文件附上。",
    },
    # export / import
    "eui.export.done": {
        "en": "This server's {count} entries and their full history.",
        "zh": "本服务器的 {count} 个条目及其完整历史。",
    },
    "eui.import.title": {"en": "Import preview", "zh": "导入预览"},
    "eui.import.added": {"en": "Added", "zh": "新增"},
    "eui.import.changed": {"en": "Changed", "zh": "修改"},
    "eui.import.conflicts": {
        "en": "Conflicts (changed here since the export; left alone)",
        "zh": "冲突（导出后本服务器已修改；不会覆盖）",
    },
    "eui.import.unchanged": {"en": "{count} unchanged", "zh": "{count} 个未变"},
    "eui.import.nothing": {
        "en": "Nothing to import: every entry in the file is as it is here, or in conflict.",
        "zh": "没有可导入的内容：文件中的条目都与这里相同，或存在冲突。",
    },
    "eui.import.apply": {"en": "Apply", "zh": "应用"},
    "eui.import.cancel": {"en": "Cancel", "zh": "取消"},
    "eui.import.applied": {
        "en": "Entries imported: {count}. Conflicts left alone: {skipped}.",
        "zh": "已导入 {count} 个条目。{skipped} 个冲突未被覆盖。",
    },
    "eui.import.cancelled": {
        "en": "Import cancelled. Nothing was changed.",
        "zh": "已取消导入，未做任何更改。",
    },
    "eui.import.stale": {
        "en": "The entries changed since this preview, so nothing was imported. Run `/edit import` again for a new preview.",
        "zh": "预览之后条目已有变化，因此未导入任何内容。请重新运行 `/edit import` 获取新的预览。",
    },
    "eui.import.no_file": {
        "en": "The file of this preview is gone. Run `/edit import` again.",
        "zh": "此预览的文件已不可用。请重新运行 `/edit import`。",
    },
    # missing lookups
    "eui.missing.title": {
        "en": "Looked up, not found (last 30 days)",
        "zh": "查询未果（最近 30 天）",
    },
    "eui.missing.none": {
        "en": "Every lookup in this server in the last 30 days found its entry.",
        "zh": "最近 30 天本服务器的所有查询都找到了条目。",
    },
    "eui.missing.line": {
        "en": "**{query}** · {kind} · {count}× · last {date}",
        "zh": "**{query}** · {kind} · {count} 次 · 最近 {date}",
    },
    "eui.missing.any": {"en": "any kind", "zh": "任意类型"},
    "eui.missing.add": {"en": "Add {query}", "zh": "新增 {query}"},
    # revision autocomplete
    "eui.revision.choice": {
        "en": "#{number} · {who} · {date} · {what}",
        "zh": "#{number} · {who} · {date} · {what}",
    },
    "eui.revision.shipped_author": {"en": "release", "zh": "发布"},
}

NAMES_ZH: dict[str, str] = {
    "edit": "编辑",
    "entry": "条目",
    "add": "新增",
    "remove": "移除",
    "revert": "回退",
    "export": "导出",
    "import": "导入",
    "history": "历史",
    "diff": "差异",
    "missing": "未找到",
    "language": "语言",
    "kind": "类型",
    "name": "名称",
    "reason": "原因",
    "revision": "修订",
    "file": "文件",
    "from": "起始",
    "to": "结束",
    "suggest": "建议",
    "config": "设置",
    "editor-role": "编辑者身份组",
    "log-channel": "日志频道",
    "review-channel": "审核频道",
    "show": "查看",
    "role": "身份组",
    "channel": "频道",
}

DESCRIPTIONS_ZH: dict[str, str] = {
    # /edit
    "Edit this server's entries (editors)": "编辑本服务器的条目（编辑者）",
    "Edit an entry's text in a form": "在表单中编辑条目的内容",
    "Add a new entry to this server": "为本服务器新增一个条目",
    "Remove an entry from this server (restorable)": "在本服务器移除一个条目（可恢复）",
    "Restore an earlier revision of an entry": "恢复条目的某个早期修订",
    "Download this server's entries and history as JSON": "以 JSON 下载本服务器的条目及历史",
    "Import entries from an aixbot export file": "从 aixbot 导出文件导入条目",
    # /entry
    "An entry's revisions and changes": "条目的修订与改动",
    "Every revision of an entry": "条目的所有修订",
    "The changed lines between two revisions": "两个修订之间改动的行",
    "What members looked up and did not find (editors)": "成员查询但未找到的内容（编辑者）",
    # options
    "Entry, e.g. transformer or Bittensor": "条目，例如 transformer 或 Bittensor",
    "Language of the text to edit (default: yours)": "要编辑的语言（默认：你的语言）",
    "Kind of entry": "条目类型",
    "Title of the new entry (optional)": "新条目的标题（可选）",
    "Why it is removed (shown in the history)": "移除原因（显示在历史中）",
    "Revision number to restore": "要恢复的修订编号",
    "Why (shown in the history)": "原因（显示在历史中）",
    "The JSON file /edit export made": "由 /edit export 生成的 JSON 文件",
    "Older revision number (default: the one before)": "较早的修订编号（默认：前一个）",
    "Newer revision number (default: the current one)": "较新的修订编号（默认：当前）",
    # /suggest and /config (the settings agent's commands, as cogs/config.py and cogs/suggest.py word them)
    "Suggest a correction of an entry, or a new one, with a source": "建议更正某个条目或新增条目，并附出处",
    "The entry to correct; leave empty to suggest a new one": "要更正的条目；留空表示建议新增条目",
    "This server's editing settings (Manage Server)": "本服务器的编辑设置（管理服务器）",
    "Who counts as an editor besides members with Manage Server": "除拥有“管理服务器”权限的成员外，谁算编辑者",
    "The role whose members may edit": "其成员可以编辑的身份组",
    "Where every change and suggestion is announced": "发布所有改动和建议的频道",
    "A text channel the bot can post in": "机器人可以发言的文字频道",
    "Where suggestions wait for review (defaults to the log channel)": "建议等待审核的频道（默认使用日志频道）",
    "This server's editing settings": "本服务器的编辑设置",
}
