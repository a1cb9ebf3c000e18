"""Entries as embeds: the summary and body, the fields of each kind, sources and footer.

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
    Term,
)
from bot.knowledge.service import EntryView
from bot.limits import (
    EMBED_TOTAL,
    FIELD_VALUE,
    SELECT_DESCRIPTION,
    SELECT_LABEL,
)
from cogs._ui.fit import fit_embed
from cogs._ui.text import clip, safe

BODY_LIMIT = 2500
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
    if value:
        embed.add_field(name=name, value=clip(safe(value), FIELD_VALUE), inline=inline)


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
    status = t(f"status.{entry.status}", lang)
    if entry.status_date:
        status += f" ({format_date(entry.status_date, lang)})"
    if entry.status_note:
        status += f"\n{entry.status_note.pick(lang)}"
    as_of = format_date(entry.status_as_of.isoformat(), lang)
    status += "\n" + t("project.status_as_of", lang, date=as_of)
    _field(embed, t("field.status", lang), status)
    _field(embed, t("field.launched", lang), str(entry.launched))
    _field(embed, t("field.website", lang), str(entry.website))
    _field(embed, t("field.ai_relation", lang), entry.ai_relation.pick(lang), inline=False)


def _term_fields(embed: discord.Embed, entry: Term, lang: Lang) -> None:
    if entry.formula:
        _field(embed, t("field.formula", lang), f"`{entry.formula}`", inline=False)
    _field(embed, t("field.aliases", lang), ", ".join(entry.aliases[:15]), inline=False)


def _gpu_fields(embed: discord.Embed, entry: Gpu, lang: Lang) -> None:
    _field(embed, t("field.vendor", lang), entry.vendor)
    _field(embed, t("field.memory", lang), f"{entry.memory_gb:g} GB")
    _field(embed, t("field.bandwidth", lang), f"{entry.bandwidth_tb_s:g} TB/s")
    peaks = [
        ("BF16", entry.bf16_tflops, "TFLOPS"),
        ("FP16", entry.fp16_tflops, "TFLOPS"),
        ("FP8", entry.fp8_tflops, "TFLOPS"),
        ("INT8", entry.int8_tops, "TOPS"),
        ("TF32", entry.tf32_tflops, "TFLOPS"),
    ]
    lines = [f"{label}: {value:g} {unit}" for label, value, unit in peaks if value]
    _field(embed, t("field.dense_peak", lang), "\n".join(lines), inline=False)
    if entry.tdp_w:
        _field(embed, t("field.tdp", lang), f"{entry.tdp_w:g} W")
    _field(embed, t("field.launch_year", lang), str(entry.launch_year))


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


def _model_fields(embed: discord.Embed, entry: Model, lang: Lang) -> None:
    _field(embed, t("field.organisation", lang), entry.organisation)
    _field(embed, t("field.released", lang), format_date(entry.released, lang))
    params = number(entry.params)
    if entry.active_params:
        params += f" ({number(entry.active_params)} {t('field.active', lang)})"
    _field(embed, t("field.params", lang), params)
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


def sources_text(entry: EntryBase) -> str:
    lines = []
    for source in entry.sources:
        when = f", {source.date}" if source.date else ""
        title = discord.utils.escape_markdown(source.title).replace("]", ")")
        lines.append(f"[{title}]({source.url}) ({source.publisher}{when})")
    return "\n".join(lines)


def footer_text(view: EntryView, lang: Lang) -> str:
    footer = view.id
    if view.edited and view.updated_by is not None:
        footer += " · " + t(
            "entry.edited", lang, user=view.updated_by, when=view.updated_at.strftime("%Y-%m-%d")
        )
    return footer


def entry_embed(
    view: EntryView,
    lang: Lang,
    *,
    body_limit: int = BODY_LIMIT,
    titles: Mapping[str, str] | None = None,
    people: Collection[str] = (),
) -> discord.Embed:
    """The entry's main embed; the body is cut at a sentence if it does not fit.

    `titles` names linked entries (a segment's neighbours, an org's segments, a person's
    affiliations and events) instead of their ids; `people` are an event's people who have an
    entry of their own.
    """
    entry = view.entry
    body = entry.body.pick(lang)
    description = f"**{safe(entry.summary.pick(lang))}**\n\n{clip(safe(body), body_limit)}"
    embed = discord.Embed(
        title=clip(entry.name.pick(lang), 256),
        description=description,
        colour=KIND_COLOUR[entry.kind.value],
    )
    if isinstance(entry, Segment):
        _segment_fields(embed, entry, lang, titles)
    elif isinstance(entry, Org):
        _org_fields(embed, entry, lang, titles)
    elif isinstance(entry, Person):
        _person_fields(embed, entry, lang, titles)
    elif isinstance(entry, Event):
        _event_fields(embed, entry, lang, people)
    else:
        FIELD_BUILDERS[type(entry)](embed, entry, lang)
    if entry.misreport:
        _field(embed, misreport_heading(lang), entry.misreport.pick(lang), inline=False)
    if entry.note:
        _field(embed, t("field.note", lang), entry.note.pick(lang), inline=False)
    _field(embed, t("field.sources", lang), sources_text(entry), inline=False)
    embed.set_footer(text=footer_text(view, lang))
    return fit_embed(embed, EMBED_TOTAL)


def body_is_cut(view: EntryView, lang: Lang, embed: discord.Embed) -> bool:
    """True when the embed shows less of the body than there is (too long, or trimmed to fit)."""
    return safe(view.entry.body.pick(lang)) not in (embed.description or "")


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
