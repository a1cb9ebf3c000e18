"""Entries as embeds, in three screens: the first screen, More and Sources.

The first screen is what a phone shows at a glance (bot.limits.PHONE_SCREEN): the summary, the
key facts of the kind and one source. More holds the body and every field in full, paged;
Sources lists every source. Between them nothing of the entry is left out.

The actions an entry message carries (More, Sources, Related) read services and reply, so they
live in cogs/_items/entry.py.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable, Collection, Mapping

import discord

from bot.i18n import Lang, t
from bot.knowledge.models import (
    EntryBase,
    Event,
    Gpu,
    Model,
    Org,
    Person,
    Project,
    Segment,
    Source,
    Term,
)
from bot.knowledge.service import EntryView
from bot.limits import (
    DESCRIPTION,
    FIELD_VALUE,
    FIELDS,
    MORE_PAGE,
    MORE_PAGE_TOTAL,
    PHONE_SCREEN,
    SELECT_DESCRIPTION,
    SELECT_LABEL,
    TITLE,
)
from cogs._ui.fit import fit_embed
from cogs._ui.text import clip, safe, split_pages

FIRST_NAMES = 5
"""Names a first screen lists (a segment's players, an event's people) before "+N more"."""
SHORT_FORMULA = 160
"""A term's formula this long or shorter is a key fact; a longer one waits for More."""
KEY_TEXT = 300
"""A longer text among the key facts (a person's known-for, an org's products) is cut here on
the first screen; More has it whole."""
ENTRY_ID = r"(?P<kind>[a-z]+)/(?P<slug>[a-z0-9-]+)"

KIND_COLOUR = {
    "event": 0x5865F2,
    "segment": 0x57F287,
    "project": 0xFEE75C,
    "term": 0xEB459E,
    "gpu": 0x76B900,
    "model": 0xED4245,
    "org": 0x1ABC9C,
    "person": 0xE67E22,
}

MONTHS_ZH = "一二三四五六七八九十"


def format_date(value: str, lang: Lang) -> str:
    """2017-06 → June 2017 / 2017年6月; the precision of the text is the precision shown."""
    parts = [int(p) for p in value.split("-")]
    if lang == "zh":
        labels = ["年", "月", "日"]
        return "".join(f"{p}{labels[i]}" for i, p in enumerate(parts))
    if len(parts) == 1:
        return str(parts[0])
    month = calendar.month_name[parts[1]]
    return f"{month} {parts[0]}" if len(parts) == 2 else f"{parts[2]} {month} {parts[0]}"


def number(value: float) -> str:
    """1.75e11 → 175B: parameter and token counts as people say them."""
    for size, suffix in ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K")):
        if value >= size:
            return f"{value / size:.3g}{suffix}"
    return f"{value:g}"


def _field(embed: discord.Embed, name: str, value: str | None, *, inline: bool = True) -> None:
    """A field; a value longer than Discord takes goes on in more fields of the same name."""
    if value:
        for part in split_pages(safe(value), FIELD_VALUE):
            embed.add_field(name=name, value=part, inline=inline)


def _first_names(names: list[str], lang: Lang) -> str:
    shown = ", ".join(names[:FIRST_NAMES])
    if len(names) > FIRST_NAMES:
        shown += " " + t("lookup.more_names", lang, count=len(names) - FIRST_NAMES)
    return shown


def _status(entry: Project, lang: Lang, *, note: bool = False) -> str:
    """The status, the date it took effect (Merged (July 2024)), with `note` its status note,
    and when it was last verified ("status as of ..."): crypto statuses go stale in months."""
    status = t(f"status.{entry.status}", lang)
    if entry.status_date:
        status += f" ({format_date(entry.status_date, lang)})"
    if note and entry.status_note:
        status += f"\n{entry.status_note.pick(lang)}"
    as_of = format_date(entry.status_as_of.isoformat(), lang)
    return status + "\n" + t("project.status_as_of", lang, date=as_of)


def _event_fields(
    embed: discord.Embed, entry: Event, lang: Lang, linked: Collection[str] = ()
) -> None:
    """`linked`: the people with an entry of their own, in bold (the Related menu opens them)."""
    _field(embed, t("field.date", lang), format_date(entry.date, lang))
    if entry.wave:
        _field(embed, t("field.wave", lang), t(f"wave.{entry.wave}", lang))
    people = [f"**{p}**" if p in linked else p for p in entry.people]
    _field(embed, t("field.people", lang), ", ".join(people), inline=False)


def _named(ids: list[str], titles: Mapping[str, str] | None) -> str:
    """Linked entries by their titles (the ids where the guild no longer has them)."""
    return ", ".join((titles or {}).get(i, i) for i in ids)


def _org_fields(
    embed: discord.Embed, entry: Org, lang: Lang, titles: Mapping[str, str] | None = None
) -> None:
    _field(embed, t("field.org_type", lang), t(f"org_type.{entry.org_type.value}", lang))
    if entry.founded:
        _field(embed, t("field.founded", lang), format_date(entry.founded, lang))
    _field(embed, t("field.headquarters", lang), entry.headquarters)
    _field(embed, t("field.segments", lang), _named(entry.segments, titles), inline=False)
    _field(embed, t("field.products", lang), ", ".join(entry.products), inline=False)
    if entry.website:
        _field(embed, t("field.website", lang), str(entry.website))


def _person_fields(
    embed: discord.Embed, entry: Person, lang: Lang, titles: Mapping[str, str] | None = None
) -> None:
    _field(embed, t("field.person_role", lang), entry.role.pick(lang), inline=False)
    _field(embed, t("field.known_for", lang), entry.known_for.pick(lang), inline=False)
    _field(embed, t("field.affiliations", lang), _named(entry.affiliations, titles), inline=False)
    _field(embed, t("field.events", lang), _named(entry.events, titles), inline=False)


def _segment_fields(
    embed: discord.Embed, entry: Segment, lang: Lang, titles: Mapping[str, str] | None = None
) -> None:
    _field(embed, t("field.role", lang), entry.role.pick(lang), inline=False)
    _field(embed, t("field.upstream", lang), _named(entry.upstream, titles))
    _field(embed, t("field.downstream", lang), _named(entry.downstream, titles))
    players = "\n".join(f"**{p.name}**: {p.line.pick(lang)}" for p in entry.players)
    _field(embed, t("field.players", lang), players, inline=False)
    if entry.trends:
        _field(embed, t("field.trends", lang), entry.trends.pick(lang), inline=False)
    figures = "\n".join(f"{f.label.pick(lang)}: **{f.value}** ({f.as_of})" for f in entry.figures)
    _field(embed, t("field.figures", lang), figures, inline=False)


def _project_fields(embed: discord.Embed, entry: Project, lang: Lang) -> None:
    _field(embed, t("field.category", lang), t(f"category.{entry.category.value}", lang))
    token = " · ".join(x for x in (entry.token, entry.chain) if x)
    _field(embed, t("field.token", lang), token)
    _field(embed, t("field.status", lang), _status(entry, lang, note=True))
    _field(embed, t("field.launched", lang), str(entry.launched))
    _field(embed, t("field.website", lang), str(entry.website))
    _field(embed, t("field.ai_relation", lang), entry.ai_relation.pick(lang), inline=False)


def _term_fields(embed: discord.Embed, entry: Term, lang: Lang) -> None:
    if entry.formula:
        _field(embed, t("field.formula", lang), f"`{entry.formula}`", inline=False)
    _field(embed, t("field.aliases", lang), ", ".join(entry.aliases), inline=False)


def _peaks(entry: Gpu) -> list[str]:
    peaks = [
        ("BF16", entry.bf16_tflops, "TFLOPS"),
        ("FP16", entry.fp16_tflops, "TFLOPS"),
        ("FP8", entry.fp8_tflops, "TFLOPS"),
        ("INT8", entry.int8_tops, "TOPS"),
        ("TF32", entry.tf32_tflops, "TFLOPS"),
    ]
    return [f"{label}: {value:g} {unit}" for label, value, unit in peaks if value]


def _datasheet(entry: Gpu, lang: Lang) -> str:
    return f"[{t('compute.datasheet', lang)}]({entry.datasheet})"


def _gpu_fields(embed: discord.Embed, entry: Gpu, lang: Lang) -> None:
    _field(embed, t("field.vendor", lang), entry.vendor)
    _field(embed, t("field.memory", lang), f"{entry.memory_gb:g} GB")
    _field(embed, t("field.bandwidth", lang), f"{entry.bandwidth_tb_s:g} TB/s")
    _field(embed, t("field.dense_peak", lang), "\n".join(_peaks(entry)), inline=False)
    if entry.tdp_w:
        _field(embed, t("field.tdp", lang), f"{entry.tdp_w:g} W")
    _field(embed, t("field.launch_year", lang), str(entry.launch_year))
    _field(embed, t("compute.field.datasheet", lang), _datasheet(entry, lang))


_COMPUTE_UNITS = {"flops": "FLOPs", "pf-days": "PF-days"}


def _published_compute(value: float, unit: str, lang: Lang) -> str:
    """`3.14e+23 FLOPs`, `1.72e+06 GPU 小时`: the unit a word only where it is one."""
    if unit == "gpu-hours":
        return t("compute.unit.gpu_hours", lang, n=f"{value:,.4g}")
    return f"{value:,.4g} {_COMPUTE_UNITS.get(unit, unit)}"


def _experts(entry: Model, lang: Lang) -> str | None:
    """`128 (8 active)`: how wide a mixture-of-experts layer is and how much of it a token uses."""
    if entry.experts is None:
        return None
    if entry.active_experts is None:
        return str(entry.experts)
    return f"{entry.experts} ({entry.active_experts} {t('field.active', lang)})"


def _params(entry: Model, lang: Lang) -> str:
    params = number(entry.params)
    if entry.active_params:
        params += f" ({number(entry.active_params)} {t('field.active', lang)})"
    return params


def _model_fields(embed: discord.Embed, entry: Model, lang: Lang) -> None:
    _field(embed, t("field.organisation", lang), entry.organisation)
    _field(embed, t("field.released", lang), format_date(entry.released, lang))
    _field(embed, t("field.params", lang), _params(entry, lang))
    if entry.training_tokens:
        _field(embed, t("field.tokens", lang), number(entry.training_tokens))
    compute = "\n".join(
        _published_compute(c.value, c.unit, lang) + (f" ({c.gpu.split('/')[1]})" if c.gpu else "")
        for c in entry.published_compute
    )
    _field(embed, t("field.published_compute", lang), compute, inline=False)
    arch = [
        (t("field.layers", lang), entry.layers),
        ("d_model", entry.d_model),
        (t("field.heads", lang), entry.heads),
        (t("field.kv_heads", lang), entry.kv_heads),
        ("head_dim", entry.head_dim),
        (t("field.context", lang), entry.context),
        (t("field.experts", lang), _experts(entry, lang)),
    ]
    _field(embed, t("field.architecture", lang), " · ".join(f"{k} {v}" for k, v in arch if v))
    _field(embed, t("field.hardware", lang), entry.hardware, inline=False)


# -- the key facts of the first screen ---------------------------------------------------------


def _event_key(
    embed: discord.Embed, entry: Event, lang: Lang, linked: Collection[str] = ()
) -> None:
    _field(embed, t("field.date", lang), format_date(entry.date, lang))
    if entry.wave:
        _field(embed, t("field.wave", lang), t(f"wave.{entry.wave}", lang))
    people = [f"**{p}**" if p in linked else p for p in entry.people]
    _field(embed, t("field.people", lang), _first_names(people, lang), inline=False)


def _segment_key(embed: discord.Embed, entry: Segment, lang: Lang) -> None:
    names = [p.name for p in entry.players]
    _field(embed, t("field.players", lang), _first_names(names, lang), inline=False)


def _project_key(embed: discord.Embed, entry: Project, lang: Lang) -> None:
    _field(embed, t("field.token", lang), " · ".join(x for x in (entry.token, entry.chain) if x))
    _field(embed, t("field.status", lang), _status(entry, lang))
    _field(embed, t("field.category", lang), t(f"category.{entry.category.value}", lang))


def _term_key(embed: discord.Embed, entry: Term, lang: Lang) -> None:
    if entry.formula and len(entry.formula) <= SHORT_FORMULA:
        _field(embed, t("field.formula", lang), f"`{entry.formula}`", inline=False)


def _gpu_key(embed: discord.Embed, entry: Gpu, lang: Lang) -> None:
    _field(embed, t("field.memory", lang), f"{entry.memory_gb:g} GB")
    _field(embed, t("field.bandwidth", lang), f"{entry.bandwidth_tb_s:g} TB/s")
    _field(embed, t("compute.field.datasheet", lang), _datasheet(entry, lang))
    headline = [line for line in _peaks(entry) if line.startswith(("BF16", "FP8"))]
    _field(embed, t("field.dense_peak", lang), " · ".join(headline), inline=False)


def _model_key(embed: discord.Embed, entry: Model, lang: Lang) -> None:
    _field(embed, t("field.params", lang), _params(entry, lang))
    if entry.context:
        _field(embed, t("field.context", lang), f"{entry.context:,}")
    _field(embed, t("field.released", lang), format_date(entry.released, lang))
    _field(embed, t("field.organisation", lang), entry.organisation)


def _org_key(
    embed: discord.Embed, entry: Org, lang: Lang, titles: Mapping[str, str] | None
) -> None:
    _field(embed, t("field.org_type", lang), t(f"org_type.{entry.org_type.value}", lang))
    if entry.founded:
        _field(embed, t("field.founded", lang), format_date(entry.founded, lang))
    _field(embed, t("field.headquarters", lang), entry.headquarters)
    _field(embed, t("field.segments", lang), _named(entry.segments, titles), inline=False)
    products = clip(", ".join(entry.products), KEY_TEXT)
    _field(embed, t("field.products", lang), products, inline=False)


def _person_key(
    embed: discord.Embed, entry: Person, lang: Lang, titles: Mapping[str, str] | None
) -> None:
    _field(embed, t("field.person_role", lang), entry.role.pick(lang), inline=False)
    known_for = clip(entry.known_for.pick(lang), KEY_TEXT)
    _field(embed, t("field.known_for", lang), known_for, inline=False)
    _field(embed, t("field.affiliations", lang), _named(entry.affiliations, titles), inline=False)
    _field(embed, t("field.events", lang), _named(entry.events, titles), inline=False)


KEY_BUILDERS: dict[type[EntryBase], Callable[[discord.Embed, EntryBase, Lang], None]] = {
    Segment: _segment_key,  # type: ignore[dict-item]
    Project: _project_key,  # type: ignore[dict-item]
    Term: _term_key,  # type: ignore[dict-item]
    Gpu: _gpu_key,  # type: ignore[dict-item]
    Model: _model_key,  # type: ignore[dict-item]
}
"""The first screen's facts of each kind (an event's, an org's and a person's, which need the
linked names, are called apart); a kind without one shows its summary and source."""


# -- every field, for More ---------------------------------------------------------------------


FIELD_BUILDERS: dict[type[EntryBase], Callable[[discord.Embed, EntryBase, Lang], None]] = {
    Segment: _segment_fields,  # type: ignore[dict-item]
    Project: _project_fields,  # type: ignore[dict-item]
    Term: _term_fields,  # type: ignore[dict-item]
    Gpu: _gpu_fields,  # type: ignore[dict-item]
    Model: _model_fields,  # type: ignore[dict-item]
}


def misreport_heading(lang: Lang) -> str:
    """The one place an entry names the report its `misreport` corrects (/about says more)."""
    return t("field.misreport", lang, report=t("report.title", lang))


def sources(entry: EntryBase) -> list[Source]:
    """The entry's sources, each once (the same link twice is one source)."""
    return list({str(source.url): source for source in entry.sources}.values())


def source_line(source: Source) -> str:
    when = f", {source.date}" if source.date else ""
    title = discord.utils.escape_markdown(source.title).replace("]", ")")
    return f"[{title}]({source.url}) ({source.publisher}{when})"


def sources_text(entry: EntryBase) -> str:
    return "\n".join(source_line(source) for source in sources(entry))


def has_more_sources(entry: EntryBase) -> bool:
    """More sources than the first screen shows: the Sources button lists them."""
    return len(sources(entry)) > 1


def footer_text(view: EntryView, lang: Lang) -> str:
    footer = view.id
    if view.edited and view.updated_by is not None:
        footer += " · " + t(
            "entry.edited", lang, user=view.updated_by, when=view.updated_at.strftime("%Y-%m-%d")
        )
    return footer


def _embed(view: EntryView, lang: Lang, description: str | None) -> discord.Embed:
    embed = discord.Embed(
        title=clip(view.entry.name.pick(lang), TITLE),
        description=description,
        colour=KIND_COLOUR[view.entry.kind.value],
    )
    embed.set_footer(text=footer_text(view, lang))
    return embed


def entry_embed(
    view: EntryView,
    lang: Lang,
    *,
    titles: Mapping[str, str] | None = None,
    people: Collection[str] = (),
) -> discord.Embed:
    """The first screen: the summary, the key facts of the kind and the first source, within
    PHONE_SCREEN. The body and the other fields are on More, the other sources on Sources.

    `titles` names linked entries (an org's segments, a person's affiliations and events);
    `people` are an event's people who have an entry of their own (in bold).
    """
    entry = view.entry
    embed = _embed(view, lang, f"**{safe(entry.summary.pick(lang))}**")
    if isinstance(entry, Event):
        _event_key(embed, entry, lang, people)
    elif isinstance(entry, Org):
        _org_key(embed, entry, lang, titles)
    elif isinstance(entry, Person):
        _person_key(embed, entry, lang, titles)
    elif (key := KEY_BUILDERS.get(type(entry))) is not None:
        key(embed, entry, lang)
    listed = sources(entry)
    inline = source_line(listed[0])
    if len(listed) > 1:
        inline += "\n" + t("lookup.more_sources", lang, count=len(listed) - 1)
    _field(embed, t("field.source", lang), inline, inline=False)
    return fit_embed(embed, PHONE_SCREEN)


def _detail_fields(
    entry: EntryBase, lang: Lang, titles: Mapping[str, str] | None, people: Collection[str]
) -> list[tuple[str, str, bool]]:
    """Every field of the entry in full (name, value, inline), the report's correction and the
    note last."""
    scratch = discord.Embed()
    if isinstance(entry, Segment):
        _segment_fields(scratch, entry, lang, titles)
    elif isinstance(entry, Org):
        _org_fields(scratch, entry, lang, titles)
    elif isinstance(entry, Person):
        _person_fields(scratch, entry, lang, titles)
    elif isinstance(entry, Event):
        _event_fields(scratch, entry, lang, people)
    elif (build := FIELD_BUILDERS.get(type(entry))) is not None:
        build(scratch, entry, lang)
    if entry.misreport:
        _field(scratch, misreport_heading(lang), entry.misreport.pick(lang), inline=False)
    if entry.note:
        _field(scratch, t("field.note", lang), entry.note.pick(lang), inline=False)
    return [(f.name or "", f.value or "", bool(f.inline)) for f in scratch.fields]


def more_pages(
    view: EntryView,
    lang: Lang,
    *,
    titles: Mapping[str, str] | None = None,
    people: Collection[str] = (),
) -> list[discord.Embed]:
    """More: the body in pages of MORE_PAGE characters, then every field in full, a field
    starting a new page where the page would pass MORE_PAGE_TOTAL. Nothing is cut.

    `titles` names linked entries (a segment's neighbours, an org's segments, a person's
    affiliations and events) instead of their ids; `people` are an event's people who have an
    entry of their own.
    """
    entry = view.entry
    body = split_pages(safe(entry.body.pick(lang)), MORE_PAGE)
    pages = [_embed(view, lang, part) for part in body]
    for name, value, inline in _detail_fields(entry, lang, titles, people):
        page = pages[-1]
        if len(page) + len(name) + len(value) > MORE_PAGE_TOTAL or len(page.fields) >= FIELDS:
            page = _embed(view, lang, None)
            pages.append(page)
        page.add_field(name=name, value=value, inline=inline)
    return pages


def sources_pages(view: EntryView, lang: Lang) -> list[discord.Embed]:
    """Sources: every source as a link, as many to a page as its description holds."""
    chunks: list[list[str]] = [[]]
    for line in (source_line(source) for source in sources(view.entry)):
        if chunks[-1] and len("\n".join([*chunks[-1], line])) > DESCRIPTION:
            chunks.append([])
        chunks[-1].append(line)
    title = clip(t("lookup.sources_title", lang, name=view.entry.name.pick(lang)), TITLE)
    pages = [_embed(view, lang, "\n".join(chunk)) for chunk in chunks]
    for page in pages:
        page.title = title
    return pages


def related_ids(entry: EntryBase) -> list[str]:
    """What the Related menu offers: the entry's related ids and every entry its fields link
    (a segment's neighbours and players, an org's segments, a person's affiliations and
    events). An event's people are names, resolved by the service and added by the sender."""
    ids = list(entry.related)
    if isinstance(entry, Segment):
        ids += [*entry.upstream, *entry.downstream]
        ids += [link for p in entry.players for link in (p.org, p.project) if link]
    if isinstance(entry, Org):
        ids += entry.segments
    if isinstance(entry, Person):
        ids += [*entry.affiliations, *entry.events]
    return list(dict.fromkeys(ids))


def entry_option(view: EntryView, lang: Lang) -> discord.SelectOption:
    return discord.SelectOption(
        label=clip(view.title(lang), SELECT_LABEL),
        value=view.id,
        description=clip(view.entry.summary.pick(lang), SELECT_DESCRIPTION),
    )
