"""Pydantic models of the shipped knowledge files.

A reviewer reads the YAML in a pull request; these models are what keeps a typo in it from
reaching a channel. Every limit here is the Discord limit of the place the text is rendered into,
so an entry that validates always fits its embed.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Annotated, Any, Literal, Self

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    HttpUrl,
    PositiveFloat,
    PositiveInt,
    model_validator,
)


class EntryKind(StrEnum):
    EVENT = "event"
    SEGMENT = "segment"
    PROJECT = "project"
    TERM = "term"
    GPU = "gpu"
    MODEL = "model"
    ORG = "org"
    PERSON = "person"


SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
ID_RE = re.compile(rf"^({'|'.join(k.value for k in EntryKind)})/[a-z0-9][a-z0-9-]{{0,63}}$")
PARTIAL_DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
FULL_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
HAN_RE = re.compile(r"[\u3400-\u9fff]")

# Limits follow where the text is shown: a name is an autocomplete choice (100) and an embed
# title (256); a summary is one line in lists and the Explain-terms reply; a body is the embed
# description (4096) with room left for the fields around it.
NAME_MAX = 100
SUMMARY_MAX = 350
BODY_MAX = 3000
LINE_MAX = 300
FIELD_MAX = 1000


def _check_partial_date(value: str) -> str:
    if not PARTIAL_DATE_RE.match(value):
        raise ValueError("must be YYYY, YYYY-MM or YYYY-MM-DD")
    parts = [int(p) for p in value.split("-")]
    year, month, day = [*parts, 1, 1][:3]
    date(year, month, day)  # raises ValueError on 2023-02-30
    return value


def _check_entry_id(value: str) -> str:
    if not ID_RE.match(value):
        raise ValueError("must look like kind/slug, e.g. term/transformer (lowercase, digits, -)")
    return value


def _id_of(kind: EntryKind) -> AfterValidator:
    """An id that must name an entry of one kind: a player's `org` is never a term."""

    def check(value: str) -> str:
        if not value.startswith(f"{kind.value}/"):
            raise ValueError(f"must be a {kind.value}/... id")
        return value

    return AfterValidator(check)


def _full_date(value: object) -> object:
    """A day, as YAML writes it (an unquoted 2026-12-02) or as text; never a bare number,
    which pydantic would otherwise read as seconds since 1970."""
    if isinstance(value, datetime):
        raise ValueError("must be a date (YYYY-MM-DD), not a time")
    if isinstance(value, date):
        return value
    if isinstance(value, str) and FULL_DATE_RE.match(value.strip()):
        return date.fromisoformat(value.strip())
    raise ValueError("must be a date written YYYY-MM-DD")


def _not_future(value: date) -> date:
    # One day of slack: a date written today east of UTC is still today somewhere.
    if value > date.today() + timedelta(days=1):
        raise ValueError("cannot be in the future")
    return value


def _date_to_text(value: object) -> object:
    """YAML reads an unquoted 2017-06-12 as a date; keep every date as the text the file wrote."""
    if isinstance(value, date | int):
        return str(value)
    return value


PartialDate = Annotated[str, BeforeValidator(_date_to_text), AfterValidator(_check_partial_date)]
EntryId = Annotated[str, AfterValidator(_check_entry_id)]
Day = Annotated[date, BeforeValidator(_full_date), AfterValidator(_not_future)]
"""A full date that has happened: when something was checked or verified."""


def _not_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be blank")
    return value


def _has_han(value: str) -> str:
    if not HAN_RE.search(value):
        raise ValueError("Chinese text must contain Chinese characters")
    return value


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Localized(Strict):
    en: str
    zh: str

    def pick(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


def _bounded(max_len: int) -> Any:
    return Field(min_length=1, max_length=max_len)


_NotBlank = AfterValidator(_not_blank)
_HasHan = AfterValidator(_has_han)


class Name(Localized):
    """A name may be the same in both languages (GPT-3), so Chinese characters are optional."""

    en: Annotated[str, _bounded(NAME_MAX), _NotBlank]
    zh: Annotated[str, _bounded(NAME_MAX), _NotBlank]


class Summary(Localized):
    en: Annotated[str, _bounded(SUMMARY_MAX), _NotBlank]
    zh: Annotated[str, _bounded(SUMMARY_MAX), _NotBlank, _HasHan]


class Body(Localized):
    en: Annotated[str, _bounded(BODY_MAX), _NotBlank]
    zh: Annotated[str, _bounded(BODY_MAX), _NotBlank, _HasHan]


class Line(Localized):
    en: Annotated[str, _bounded(LINE_MAX), _NotBlank]
    zh: Annotated[str, _bounded(LINE_MAX), _NotBlank, _HasHan]


class FieldText(Localized):
    en: Annotated[str, _bounded(FIELD_MAX), _NotBlank]
    zh: Annotated[str, _bounded(FIELD_MAX), _NotBlank, _HasHan]


class Source(Strict):
    """A primary source: the paper, the official announcement, the datasheet."""

    url: HttpUrl
    title: Annotated[str, Field(min_length=1, max_length=200)]
    publisher: Annotated[str, Field(min_length=1, max_length=100)]
    date: PartialDate | None = None


class EntryBase(Strict):
    id: EntryId
    name: Name
    aliases: list[Annotated[str, Field(min_length=1, max_length=NAME_MAX)]] = []
    summary: Summary
    body: Body
    related: list[EntryId] = []
    tags: list[Annotated[str, Field(min_length=1, max_length=40)]] = []
    sources: Annotated[list[Source], Field(min_length=1)]
    note: FieldText | None = None
    """A caveat for the reader: a figure often quoted wrongly elsewhere, a datasheet to read with
    care, a number the source itself gets inconsistent."""
    misreport: FieldText | None = None
    """Only where the seed report (bot/knowledge/report.py) is wrong about this entry: what it
    says and what is right. Shown under a heading that names the report, so the text says "the
    report", not its title."""
    checked: Day
    """When the entry's facts were last verified against its sources: what `aixbot knowledge
    stale` ages, so a reader (and a moderator) can tell a fresh entry from a forgotten one."""

    kind: EntryKind

    @property
    def slug(self) -> str:
        return self.id.split("/", 1)[1]

    @model_validator(mode="after")
    def _id_matches_kind(self) -> Self:
        if self.id.split("/", 1)[0] != self.kind.value:
            raise ValueError(f"id {self.id!r} must start with {self.kind.value}/")
        if self.id in self.related:
            raise ValueError("an entry cannot be related to itself")
        return self


class Event(EntryBase):
    kind: Literal[EntryKind.EVENT] = EntryKind.EVENT
    date: PartialDate
    """Precision follows the string: 1956 (year), 1956-08 (month), 1956-08-31 (day)."""
    wave: Literal[1, 2, 3] | None = None
    """1: symbolic AI 1950s-1970s; 2: expert systems and statistical ML 1980s-1990s;
    3: deep learning, 2006 on."""
    people: list[Annotated[str, Field(min_length=1, max_length=100)]] = []

    @property
    def year(self) -> int:
        return int(self.date[:4])

    @property
    def precision(self) -> Literal["year", "month", "day"]:
        precisions: tuple[Literal["year", "month", "day"], ...] = ("year", "month", "day")
        return precisions[self.date.count("-")]


class Player(Strict):
    name: Annotated[str, Field(min_length=1, max_length=100)]
    line: Line
    url: HttpUrl | None = None
    project: EntryId | None = None
    """The project entry for this player, when there is one."""
    org: Annotated[EntryId, _id_of(EntryKind.ORG)] | None = None
    """The org entry for this player (a company, lab or foundation), when there is one."""


class Figure(Strict):
    """A number with its date: a market share, a price, a capacity."""

    label: Line
    value: Annotated[str, Field(min_length=1, max_length=100)]
    as_of: PartialDate
    source: HttpUrl


class Segment(EntryBase):
    kind: Literal[EntryKind.SEGMENT] = EntryKind.SEGMENT
    chain: Literal["ai", "crypto-ai"]
    order: PositiveInt
    """Position in its chain, upstream first: the chain diagram is drawn in this order."""
    role: FieldText
    upstream: list[EntryId] = []
    downstream: list[EntryId] = []
    players: Annotated[list[Player], Field(max_length=12)] = []
    trends: FieldText | None = None
    figures: Annotated[list[Figure], Field(max_length=8)] = []


class ProjectCategory(StrEnum):
    COMPUTE = "compute"
    BANDWIDTH = "bandwidth"
    DATA = "data"
    ZKML = "zkml"
    AGENTS = "agents"
    AI_CHAIN = "ai-chain"
    MODELS = "models"
    PRIVACY = "privacy"


class Project(EntryBase):
    kind: Literal[EntryKind.PROJECT] = EntryKind.PROJECT
    category: ProjectCategory
    token: Annotated[str, Field(max_length=20)] | None = None
    """Ticker without $, e.g. RENDER; absent when the project has no token."""
    chain: Annotated[str, Field(max_length=60)] | None = None
    launched: Annotated[int, Field(ge=1990, le=2030)]
    status: Literal["active", "merged", "rebranded", "defunct"]
    status_date: PartialDate | None = None
    status_note: Line | None = None
    status_as_of: Day
    """When `status` was last verified: the newest source showing it, or the day it was
    checked. Crypto statuses move monthly, so the card says "status as of" this date."""
    website: HttpUrl
    ai_relation: FieldText
    """How it relates to AI, plainly: what is AI in it and what is not."""

    @model_validator(mode="after")
    def _status_needs_date(self) -> Self:
        if self.status != "active" and self.status_date is None:
            raise ValueError(f"status {self.status!r} needs a status_date")
        return self


class Term(EntryBase):
    """summary is the short definition, body the longer explanation."""

    kind: Literal[EntryKind.TERM] = EntryKind.TERM
    formula: Annotated[str, Field(max_length=300)] | None = None


class Gpu(EntryBase):
    """Peak figures are dense (no sparsity), as the vendor's datasheet states them."""

    kind: Literal[EntryKind.GPU] = EntryKind.GPU
    vendor: Literal["NVIDIA", "AMD", "Google", "Intel", "AWS", "Huawei", "Cerebras", "Groq"]
    memory_gb: PositiveFloat
    bandwidth_tb_s: PositiveFloat
    bf16_tflops: PositiveFloat
    fp16_tflops: PositiveFloat | None = None
    fp8_tflops: PositiveFloat | None = None
    int8_tops: PositiveFloat | None = None
    int4_tops: PositiveFloat | None = None
    """Dense INT4 Tensor Core peak, where the GPU has INT4 units (Ampere, Turing, Ada)."""
    tf32_tflops: PositiveFloat | None = None
    tdp_w: PositiveFloat | None = None
    launch_year: Annotated[int, Field(ge=2010, le=2030)]
    datasheet: HttpUrl

    @model_validator(mode="after")
    def _datasheet_is_a_source(self) -> Self:
        # The figures are checked against the datasheet: it must be a source a reader sees.
        if str(self.datasheet) not in {str(s.url) for s in self.sources}:
            raise ValueError("datasheet: must also be listed in sources")
        return self


class PublishedCompute(Strict):
    """Training compute exactly as the lab published it, in the unit it used."""

    value: PositiveFloat
    unit: Literal["flops", "pf-days", "gpu-hours"]
    gpu: EntryId | None = None
    """For gpu-hours: the GPU they were counted on."""
    source: HttpUrl


class Model(EntryBase):
    kind: Literal[EntryKind.MODEL] = EntryKind.MODEL
    organisation: Annotated[str, Field(min_length=1, max_length=100)]
    released: PartialDate
    params: PositiveFloat
    """Total parameters."""
    active_params: PositiveFloat | None = None
    """Parameters used per token, for mixture-of-experts models."""
    training_tokens: PositiveFloat | None = None
    published_compute: list[PublishedCompute] = []
    hardware: Annotated[str, Field(max_length=200)] | None = None
    layers: PositiveInt | None = None
    d_model: PositiveInt | None = None
    heads: PositiveInt | None = None
    kv_heads: PositiveInt | None = None
    head_dim: PositiveInt | None = None
    context: PositiveInt | None = None
    experts: PositiveInt | None = None
    """Routed experts per mixture-of-experts layer; a shared expert every token uses is not
    counted, as model cards count it apart."""
    active_experts: PositiveInt | None = None
    """Routed experts each token is sent to."""

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if self.active_params is not None and self.active_params > self.params:
            raise ValueError("active_params cannot exceed params")
        if self.heads and self.kv_heads and self.kv_heads > self.heads:
            raise ValueError("kv_heads cannot exceed heads")
        if self.active_experts is not None and self.experts is None:
            raise ValueError("active_experts needs experts")
        if self.experts and self.active_experts and self.active_experts > self.experts:
            raise ValueError("active_experts cannot exceed experts")
        return self


class OrgType(StrEnum):
    COMPANY = "company"
    LAB = "lab"
    FOUNDATION = "foundation"
    UNIVERSITY = "university"
    GOVERNMENT = "government"
    NONPROFIT = "nonprofit"


PRODUCTS_MAX = 12


class Org(EntryBase):
    """A company, lab or foundation: the players the segments name, openable by name."""

    kind: Literal[EntryKind.ORG] = EntryKind.ORG
    org_type: OrgType
    founded: PartialDate | None = None
    """Only when an opened source states it (`aixbot knowledge validate` wants a source)."""
    headquarters: Annotated[str, Field(min_length=1, max_length=100)] | None = None
    segments: list[Annotated[EntryId, _id_of(EntryKind.SEGMENT)]] = []
    """Where it sits in the AI / crypto-AI chain."""
    products: Annotated[
        list[Annotated[str, Field(min_length=1, max_length=60)]], Field(max_length=PRODUCTS_MAX)
    ] = []
    website: HttpUrl | None = None


class Person(EntryBase):
    kind: Literal[EntryKind.PERSON] = EntryKind.PERSON
    role: Line
    """One line: what they are or were."""
    known_for: FieldText
    affiliations: list[Annotated[EntryId, _id_of(EntryKind.ORG)]] = []
    events: list[Annotated[EntryId, _id_of(EntryKind.EVENT)]] = []


AnyEntry = Event | Segment | Project | Term | Gpu | Model | Org | Person

MODEL_FOR_KIND: dict[EntryKind, type[EntryBase]] = {
    EntryKind.EVENT: Event,
    EntryKind.SEGMENT: Segment,
    EntryKind.PROJECT: Project,
    EntryKind.TERM: Term,
    EntryKind.GPU: Gpu,
    EntryKind.MODEL: Model,
    EntryKind.ORG: Org,
    EntryKind.PERSON: Person,
}
