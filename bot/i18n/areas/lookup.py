"""Strings of the lookup commands: history, industry, project, define, search, Explain terms, in English and Chinese."""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    # entry message
    "lookup.more": {"en": "More", "zh": "展开全文"},
    "lookup.sources": {"en": "Sources", "zh": "出处"},
    "lookup.related": {"en": "Related entries…", "zh": "相关条目……"},
    "lookup.open": {"en": "Open an entry…", "zh": "打开一个条目……"},
    "lookup.gone": {
        "en": "That entry is no longer available here.",
        "zh": "该条目在这里已不可用。",
    },
    "lookup.sources_title": {"en": "Sources: {name}", "zh": "出处：{name}"},
    "lookup.more_sources": {
        "en": "+{count} more: press Sources",
        "zh": "另有 {count} 条：点“出处”查看",
    },
    "lookup.more_names": {"en": "+{count} more", "zh": "等 {count} 个"},
    "lookup.entries": {"en": "{count} entries", "zh": "共 {count} 条"},
    "lookup.entry_one": {"en": "1 entry", "zh": "共 1 条"},
    # honest not-found replies (bot.knowledge.matching)
    "lookup.ambiguous": {
        "en": "**{query}** names more than one entry. Which one do you mean?",
        "zh": "**{query}** 对应不止一个条目。你要找的是哪一个？",
    },
    "lookup.elsewhere": {
        "en": "No {asked} named **{query}**; that name belongs to an entry of another kind ({kind_label}): open it below.",
        "zh": "没有名为 **{query}** 的{asked}，但有同名的{kind_label}：点下方按钮打开。",
    },
    "lookup.closest": {"en": "Closest names:", "zh": "最接近的名称："},
    "lookup.mentioned_in": {"en": "Mentioned in:", "zh": "提到它的条目："},
    # history
    "history.year_title": {"en": "AI history, {years}", "zh": "AI 历史：{years}"},
    "history.timeline_title": {"en": "AI timeline, {years}", "zh": "AI 时间线：{years}"},
    "history.all_years": {"en": "all years", "zh": "全部年份"},
    "history.none": {
        "en": "No events in the knowledge base for {years}.",
        "zh": "知识库中没有 {years} 的事件。",
    },
    # what a year option expected (bot.knowledge.history)
    "expected.years": {
        "en": "a year or a range of years (YYYY or YYYY-YYYY)",
        "zh": "年份或年份区间（YYYY 或 YYYY-YYYY）",
    },
    "expected.year_between": {
        "en": "a year from {first} to {last}",
        "zh": "{first} 到 {last} 之间的年份",
    },
    "expected.year_after_start": {
        "en": "a year not before start ({start})",
        "zh": "不早于起始年份（{start}）的年份",
    },
    "history.wave_short.1": {"en": "1st wave", "zh": "第一次浪潮"},
    "history.wave_short.2": {"en": "2nd wave", "zh": "第二次浪潮"},
    "history.wave_short.3": {"en": "3rd wave", "zh": "第三次浪潮"},
    # industry
    "industry.title": {"en": "The industry chains at a glance", "zh": "产业链全景"},
    "industry.description": {
        "en": "Upstream first. Pick a segment below to open it.",
        "zh": "从上游到下游排列。在下方选择一个环节即可打开。",
    },
    "industry.chain.ai": {"en": "AI industry chain", "zh": "AI 产业链"},
    "industry.chain.crypto-ai": {"en": "Crypto x AI chain", "zh": "加密 x AI 产业链"},
    "industry.open": {"en": "Open a segment…", "zh": "打开一个环节……"},
    "industry.none": {
        "en": "No industry segments are in the knowledge base yet.",
        "zh": "知识库中暂时没有产业链环节。",
    },
    # projects
    "project.list_title": {"en": "Crypto x AI projects", "zh": "加密 x AI 项目"},
    "project.list_title_category": {
        "en": "Crypto x AI projects: {category}",
        "zh": "加密 x AI 项目：{category}",
    },
    "project.status_as_of": {"en": "status as of {date}", "zh": "状态截至 {date}"},
    "project.none": {"en": "No projects in this category yet.", "zh": "该类别下暂时没有项目。"},
    # search
    "search.title": {"en": "Search: {query}", "zh": "搜索：{query}"},
    "search.none": {
        "en": "Nothing in the knowledge base matches **{query}**. Try fewer or other words.",
        "zh": "知识库中没有与 **{query}** 匹配的内容。请尝试更少或不同的关键词。",
    },
    "search.empty": {
        "en": "Type a word or a name to search for, e.g. `attention` or `英伟达`.",
        "zh": "请输入要搜索的词或名称，例如 `attention` 或 `英伟达`。",
    },
    "search.by_name": {"en": "name", "zh": "名称"},
    "search.by_text": {"en": "text", "zh": "正文"},
    # explain terms
    "lookup.post": {"en": "Post in channel", "zh": "发到频道"},
    "explain.title": {"en": "Terms in this message", "zh": "这条消息中的术语"},
    "explain.more": {
        "en": "+{count} more: open them from the menu below.",
        "zh": "另有 {count} 个：请从下方菜单中打开。",
    },
    "explain.more_cut": {
        "en": "+{count} more: the menu below lists the first {listed}.",
        "zh": "另有 {count} 个：下方菜单列出前 {listed} 个。",
    },
    "explain.rest": {"en": "More terms from this message…", "zh": "这条消息中的更多术语……"},
    "explain.none": {
        "en": "I found no entry named in that message. Try /search with a word from it.",
        "zh": "这条消息中没有找到已收录的条目。可以用 /search 搜索其中的词。",
    },
}

NAMES_ZH: dict[str, str] = {
    "history": "历史",
    "event": "事件",
    "year": "年份",
    "timeline": "时间线",
    "industry": "产业链",
    "segment": "环节",
    "chain": "全景",
    "project": "项目",
    "info": "详情",
    "list": "列表",
    "define": "定义",
    "search": "搜索",
    "name": "名称",
    "start": "起始年份",
    "end": "结束年份",
    "wave": "浪潮",
    "category": "类别",
    "term": "术语",
    "org": "机构",
    "person": "人物",
    "query": "关键词",
    "private": "仅自己可见",
    "Explain terms": "解释术语",
}

DESCRIPTIONS_ZH: dict[str, str] = {
    "AI history: events, years and timelines": "AI 历史：事件、年份与时间线",
    "One event in AI history": "AI 历史上的一个事件",
    "Event, e.g. transformer paper or AlphaGo": "事件，例如 Transformer 论文或 AlphaGo",
    "The events of a year or a range of years": "某一年或某个年份区间内的事件",
    "A year or range, e.g. 2017 or 2010-2015": "年份或区间，例如 2017 或 2010-2015",
    "A timeline chart of events, by years and wave": "按年份和浪潮绘制的事件时间线图",
    "First year, e.g. 1950": "起始年份，例如 1950",
    "Last year, e.g. 2024": "结束年份，例如 2024",
    "Only one wave of AI": "只看某一次 AI 浪潮",
    "1st wave: symbolic AI (1950s-1970s)": "第一次浪潮：符号主义（1950-1970 年代）",
    "2nd wave: expert systems, statistical ML": "第二次浪潮：专家系统与统计机器学习",
    "3rd wave: deep learning (2006 on)": "第三次浪潮：深度学习（2006 年至今）",
    "The AI and crypto x AI industry chains": "AI 与加密 x AI 产业链",
    "One segment of the industry chain": "产业链中的一个环节",
    "Segment, e.g. AI hardware or data": "环节，例如 AI 硬件或数据",
    "The whole chain at a glance, with a diagram": "产业链全景及示意图",
    "Crypto x AI projects": "加密 x AI 项目",
    "One crypto x AI project": "一个加密 x AI 项目",
    "Project, e.g. Render, Bittensor or FET": "项目，例如 Render、Bittensor 或 FET",
    "Projects, optionally of one category": "项目列表，可按类别筛选",
    "Only this category": "只看这个类别",
    "Compute": "算力",
    "Bandwidth": "带宽",
    "Data": "数据",
    "ZKML / verifiable AI": "ZKML / 可验证 AI",
    "Agents": "智能体",
    "AI chain": "AI 公链",
    "Models": "模型",
    "Privacy": "隐私计算",
    "Companies, labs and foundations of AI and crypto x AI": "AI 与加密 x AI 领域的公司、实验室和基金会",
    "One organisation: what it makes and where it sits in the chain": "一个机构：它做什么、在产业链中的位置",
    "Organisation, e.g. NVIDIA, AWS or Google": "机构，例如英伟达、亚马逊云科技或谷歌",
    "People of AI history and the AI industry": "AI 历史与 AI 产业中的人物",
    "One person: their role, what they are known for, their events": "一位人物：身份、主要贡献与相关事件",
    "Person, e.g. Geoffrey Hinton or Yann LeCun": "人物，例如杰弗里·辛顿或杨立昆",
    "Explain an AI or crypto term": "解释一个 AI 或加密术语",
    "Term, e.g. transformer, RLHF or MoE": "术语，例如 transformer、RLHF 或 MoE",
    "Search every entry by name and by content": "按名称和内容搜索所有条目",
    "Words or a name, in English or Chinese": "关键词或名称，中英文均可",
    "Only you see the answer (default: everyone)": "只有你能看到回答（默认所有人可见）",
}
