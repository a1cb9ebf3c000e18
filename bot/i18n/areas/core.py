"""Strings of the platform itself: errors, /about, /help, paging, entry labels."""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    # errors
    "error.generic": {"en": "That did not work.", "zh": "操作未能完成。"},
    "error.unexpected": {
        "en": "Something went wrong on our side (ref {ref}). It has been logged; please try again.",
        "zh": "我们这边出了点问题（编号 {ref}），已记录在案，请稍后再试。",
    },
    "error.entry_not_found": {
        "en": "No {kind_label} named **{query}**.",
        "zh": "没有名为 **{query}** 的{kind_label}。",
    },
    "error.entry_not_found.any": {
        "en": "No entry named **{query}**.",
        "zh": "没有名为 **{query}** 的条目。",
    },
    "error.blank_name": {
        "en": "Type a name to look up; suggestions appear as you type.",
        "zh": "请输入要查询的名称；输入时会出现候选项。",
    },
    "error.did_you_mean": {"en": "Did you mean:", "zh": "你是不是要找："},
    "error.invalid_option": {
        "en": "`{option}`: could not read **{got}** as {expected}. Example: `{example}`",
        "zh": "`{option}`：无法把 **{got}** 识别为{expected}。示例：`{example}`",
    },
    "error.invalid_choice": {
        "en": "`{option}`: **{got}** is not one of the choices ({choices}). Pick one from the list.",
        "zh": "`{option}`：**{got}** 不在可选项中（{choices}）。请从列表中选择。",
    },
    "error.not_allowed": {
        "en": "Only moderators of this server can do that.",
        "zh": "只有本服务器的管理员可以执行此操作。",
    },
    "error.charts_busy": {
        "en": "Charts are busy right now; try again in a few seconds.",
        "zh": "图表生成繁忙，请几秒后再试。",
    },
    "error.draining": {
        "en": "aixbot is restarting; try again in a minute.",
        "zh": "aixbot 正在重启，请一分钟后再试。",
    },
    "error.expired": {
        "en": "This list expired (the bot restarted or it timed out); run the command again.",
        "zh": "此列表已失效（机器人已重启或已超时），请重新运行命令。",
    },
    "error.expired_form": {
        "en": "This form expired (the bot restarted or it timed out), so nothing was saved. What "
        "you typed is attached: run the command again and paste it back.",
        "zh": "此表单已失效（机器人已重启或已超时），因此没有保存任何内容。你输入的内容已作为附件发回：请重新运行命令并粘贴回去。",
    },
    "error.command_changed": {
        "en": "This command changed since your Discord app loaded it; reload Discord (Ctrl+R, "
        "or restart the app) and try again.",
        "zh": "此命令在你的 Discord 加载后已更新；请刷新 Discord（Ctrl+R，或重启应用）后再试。",
    },
    "error.guild_only": {
        "en": "This command works only in a server, not in direct messages.",
        "zh": "此命令只能在服务器中使用，不能在私信中使用。",
    },
    "error.missing_permissions": {
        "en": "You need the {perms} permission to do that.",
        "zh": "你需要 {perms} 权限才能执行此操作。",
    },
    "error.cooldown": {
        "en": "Slow down: try again in {seconds:.0f}s.",
        "zh": "操作太频繁了，请在 {seconds:.0f} 秒后重试。",
    },
    "error.post_cooldown": {
        "en": (
            "You have had {posts} answers posted in the last {per:.0f} seconds: try again in "
            "{seconds} s. Answers only you see are not limited."
        ),
        "zh": (
            "你在 {per:.0f} 秒内已公开发布了 {posts} 个回答，请在 {seconds} 秒后再试。"
            "只有你能看到的回答不受此限制。"
        ),
    },
    "error.bad_value": {
        "en": "`{option}`: that value is not valid. {hint}",
        "zh": "`{option}`：该值无效。{hint}",
    },
    # what an option expected (InvalidOption's `expected` is one of these keys)
    "expected.json_file": {"en": "a JSON file", "zh": "JSON 文件"},
    # Discord permission names, as the Discord client shows them
    "permission.administrator": {"en": "Administrator", "zh": "管理员"},
    "permission.manage_guild": {"en": "Manage Guild", "zh": "管理服务器"},
    "permission.manage_messages": {"en": "Manage Messages", "zh": "管理消息"},
    "permission.manage_roles": {"en": "Manage Roles", "zh": "管理身份组"},
    "error.not_yours": {
        "en": "These buttons belong to whoever ran the command. Run it yourself to page.",
        "zh": "这些按钮只属于执行命令的人。请自己运行该命令来翻页。",
    },
    # kinds
    "kind.event": {"en": "event", "zh": "事件"},
    "kind.segment": {"en": "industry segment", "zh": "产业链环节"},
    "kind.project": {"en": "project", "zh": "项目"},
    "kind.term": {"en": "term", "zh": "术语"},
    "kind.gpu": {"en": "GPU", "zh": "GPU"},
    "kind.model": {"en": "model", "zh": "模型"},
    "kind.org": {"en": "organisation", "zh": "机构"},
    "kind.person": {"en": "person", "zh": "人物"},
    "kinds.event": {"en": "Events", "zh": "事件"},
    "kinds.segment": {"en": "Industry segments", "zh": "产业链环节"},
    "kinds.project": {"en": "Projects", "zh": "项目"},
    "kinds.term": {"en": "Terms", "zh": "术语"},
    "kinds.gpu": {"en": "GPUs", "zh": "GPU"},
    "kinds.model": {"en": "Reference models", "zh": "参考模型"},
    "kinds.org": {"en": "Organisations", "zh": "机构"},
    "kinds.person": {"en": "People", "zh": "人物"},
    # about / help
    "about.title": {"en": "About aixbot", "zh": "关于 aixbot"},
    "about.description": {
        "en": "A shared, sourced reference for AI and crypto communities: history, the industry "
        "chain, crypto x AI projects, a glossary and a compute calculator.",
        "zh": "为 AI 与加密社区打造的可靠参考：AI 历史、产业链、加密 x AI 项目、术语表和算力计算器，"
        "每条内容都附有出处。",
    },
    "about.version": {"en": "Version", "zh": "版本"},
    "about.uptime": {"en": "Uptime", "zh": "运行时间"},
    "about.latency": {"en": "Gateway latency", "zh": "网关延迟"},
    "about.database": {"en": "Database", "zh": "数据库"},
    "about.entries": {"en": "Entries", "zh": "条目数"},
    "about.shard": {"en": "Shard", "zh": "分片"},
    "about.not_connected": {"en": "not connected", "zh": "未连接"},
    "about.report": {"en": "Corrections", "zh": "勘误"},
    "about.report_line": {
        "en": "Entries correct “{report}”, a primer on AI and crypto posted on Gate Square "
        "(Gate.com) in English and Chinese, where it is wrong about them: what it says and what is "
        "right, under a heading that names it. Where it is right, nothing is shown.",
        "zh": "条目会纠正《{report}》（发表在 Gate 广场（Gate.com）上的 AI 与加密入门文章，有中英文版本）"
        "对它们说错的地方：在写明该文章名的标题下，给出它的说法和正确的说法。它说对的地方不另作标注。",
    },
    "help.title": {"en": "aixbot commands", "zh": "aixbot 命令"},
    "help.description": {
        "en": "Every command, grouped. Options are shown in the command picker as you type. "
        "An entry answers with its summary and key facts first: press **More** for the full "
        "text and details, **Sources** for every source (only you see them).",
        "zh": "所有命令按类别列出。输入命令时，选项会在命令选择器中显示。"
        "条目先显示摘要和关键信息：点 **展开全文** 查看全文和详细信息，点 **出处** 查看全部出处（仅你可见）。",
    },
    "help.anywhere_title": {"en": "On your own account", "zh": "添加到你自己的账号"},
    "help.anywhere": {
        "en": (
            "Add aixbot to your account (its profile → Add App) and the lookups, /search, "
            "/compute, /about, /help and Explain terms work in any server, DM or group DM. In a "
            "server that has not installed aixbot, answers show aixbot's own entries (not that "
            "server's edits) and only you see them; `private: false` posts them where the "
            "server lets members' apps post. Editing, /entry, /config and /suggest need the "
            "server to install aixbot."
        ),
        "zh": (
            "把 aixbot 添加到你的账号（在它的资料卡中选择“添加应用”），查询命令、/搜索、/算力、"
            "/关于、/帮助 和“解释术语”即可在任何服务器、私信和群组私信中使用。在未安装 aixbot 的"
            "服务器里，回答显示 aixbot 自带的条目（不含该服务器的修改），且只有你能看到；若该服务器"
            "允许成员的应用发言，把“仅自己可见”设为否即可公开发布。/编辑、/条目、/设置 和 /建议 "
            "需要服务器安装 aixbot。"
        ),
    },
    "help.general": {"en": "General", "zh": "通用"},
    "help.context_menu": {"en": "Right-click a message → Apps", "zh": "右键消息 → 应用"},
    # paging
    "page.of": {"en": "Page {page} of {pages}", "zh": "第 {page} / {pages} 页"},
    "page.jump": {"en": "Go to page", "zh": "跳转到页"},
    "page.number": {"en": "Page number", "zh": "页码"},
    "page.bad_number": {
        "en": "Enter a page number from 1 to {pages}.",
        "zh": "请输入 1 到 {pages} 之间的页码。",
    },
    # entry labels
    "field.date": {"en": "Date", "zh": "日期"},
    "field.wave": {"en": "Wave", "zh": "浪潮"},
    "field.people": {"en": "People and organisations", "zh": "人物与机构"},
    "field.role": {"en": "Role in the chain", "zh": "在产业链中的角色"},
    "field.upstream": {"en": "Upstream", "zh": "上游"},
    "field.downstream": {"en": "Downstream", "zh": "下游"},
    "field.players": {"en": "Key players", "zh": "主要参与者"},
    "field.trends": {"en": "Trends", "zh": "趋势"},
    "field.figures": {"en": "Figures", "zh": "数据"},
    "field.category": {"en": "Category", "zh": "类别"},
    "field.token": {"en": "Token · chain", "zh": "代币 · 链"},
    "field.status": {"en": "Status", "zh": "状态"},
    "field.launched": {"en": "Launched", "zh": "启动年份"},
    "field.website": {"en": "Website", "zh": "官网"},
    "field.ai_relation": {"en": "How it relates to AI", "zh": "与 AI 的关系"},
    "field.formula": {"en": "Formula", "zh": "公式"},
    "field.aliases": {"en": "Also called", "zh": "别称"},
    "field.vendor": {"en": "Vendor", "zh": "厂商"},
    "field.memory": {"en": "Memory", "zh": "显存"},
    "field.bandwidth": {"en": "Memory bandwidth", "zh": "显存带宽"},
    "field.dense_peak": {"en": "Dense peak", "zh": "稠密峰值算力"},
    "field.tdp": {"en": "TDP", "zh": "功耗 (TDP)"},
    "field.launch_year": {"en": "Launched", "zh": "发布年份"},
    "field.organisation": {"en": "Organisation", "zh": "机构"},
    "field.released": {"en": "Released", "zh": "发布时间"},
    "field.params": {"en": "Parameters", "zh": "参数量"},
    "field.active": {"en": "active", "zh": "激活"},
    "field.tokens": {"en": "Training tokens", "zh": "训练词元数"},
    "field.published_compute": {"en": "Published training compute", "zh": "公开的训练算力"},
    "field.layers": {"en": "layers", "zh": "层数"},
    "field.heads": {"en": "heads", "zh": "注意力头"},
    "field.kv_heads": {"en": "KV heads", "zh": "KV 头"},
    "field.context": {"en": "context", "zh": "上下文"},
    "field.experts": {"en": "experts", "zh": "专家数"},
    "field.architecture": {"en": "Architecture", "zh": "架构"},
    "field.hardware": {"en": "Hardware", "zh": "硬件"},
    "field.note": {"en": "Note", "zh": "说明"},
    "field.org_type": {"en": "Type", "zh": "类型"},
    "field.founded": {"en": "Founded", "zh": "成立时间"},
    "field.headquarters": {"en": "Headquarters", "zh": "总部"},
    "field.segments": {"en": "Where it sits in the chain", "zh": "在产业链中的位置"},
    "field.products": {"en": "Key products", "zh": "主要产品"},
    "field.person_role": {"en": "Role", "zh": "身份"},
    "field.known_for": {"en": "Known for", "zh": "主要贡献"},
    "field.affiliations": {"en": "Affiliations", "zh": "所属机构"},
    "field.events": {"en": "Events", "zh": "相关事件"},
    "org_type.company": {"en": "Company", "zh": "公司"},
    "org_type.lab": {"en": "Research lab", "zh": "研究实验室"},
    "org_type.foundation": {"en": "Foundation", "zh": "基金会"},
    "org_type.university": {"en": "University", "zh": "大学"},
    "org_type.government": {"en": "Government body", "zh": "政府机构"},
    "org_type.nonprofit": {"en": "Non-profit", "zh": "非营利组织"},
    "field.misreport": {"en": "Misreported in “{report}”", "zh": "《{report}》中的误传"},
    "report.title": {"en": "AI x Crypto: From Zero to Peak", "zh": "AI x Crypto：从零到巅峰"},
    "field.source": {"en": "Source", "zh": "出处"},
    "wave.1": {
        "en": "1st wave: symbolic AI (1950s-1970s)",
        "zh": "第一次浪潮：符号主义（1950-1970 年代）",
    },
    "wave.2": {
        "en": "2nd wave: expert systems and statistical learning (1980s-2005)",
        "zh": "第二次浪潮：专家系统与统计学习（1980 年代-2005 年）",
    },
    "wave.3": {
        "en": "3rd wave: deep learning (2006 on)",
        "zh": "第三次浪潮：深度学习（2006 年至今）",
    },
    "category.compute": {"en": "Compute", "zh": "算力"},
    "category.bandwidth": {"en": "Bandwidth", "zh": "带宽"},
    "category.data": {"en": "Data", "zh": "数据"},
    "category.zkml": {"en": "ZKML / verifiable AI", "zh": "ZKML / 可验证 AI"},
    "category.agents": {"en": "Agents", "zh": "智能体"},
    "category.ai-chain": {"en": "AI chain", "zh": "AI 公链"},
    "category.models": {"en": "Models", "zh": "模型"},
    "category.privacy": {"en": "Privacy", "zh": "隐私计算"},
    "status.active": {"en": "Active", "zh": "运行中"},
    "status.merged": {"en": "Merged", "zh": "已合并"},
    "status.rebranded": {"en": "Rebranded", "zh": "已更名"},
    "status.defunct": {"en": "Defunct", "zh": "已停止"},
    "entry.edited": {"en": "edited by user {user} on {when}", "zh": "由用户 {user} 于 {when} 编辑"},
}

NAMES_ZH: dict[str, str] = {
    "about": "关于",
    "help": "帮助",
}

DESCRIPTIONS_ZH: dict[str, str] = {
    "About aixbot: version, uptime, latency, database and entry counts": "关于 aixbot：版本、运行时间、延迟、数据库和条目数量",
    "Every aixbot command, grouped": "按类别列出 aixbot 的所有命令",
}
