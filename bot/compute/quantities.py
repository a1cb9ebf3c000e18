"""The one reader of every number a user types into the calculator, and its inverse.

People write sizes the way papers and tweets do: `175B`, `1.75e11`, `175,000,000,000`,
`175 billion`, `1750亿`, `700億`, `15兆`, `七百亿`, `7 000 000 000`, `7,5B`, `3.14e23 FLOPs`,
`2.5k GPU-hours`, `$2.49/h`, `2元/小时`, `€2`. Money keeps the currency it was typed in. Every
option goes through `parse_quantity` so they all accept the same spellings, and every refusal
names the option, what was read and a value that would have worked. `format_quantity` writes
numbers in a spelling this parser reads back to the same value, so an answer can be pasted into
the next command.

Traditional Chinese is read as Simplified first (億 is 亿, 參數 is 参数: bot/i18n/script.py). 兆
is 10^12, as Taiwan (and mainland finance) reads it, not the SI mega (10^6) of 兆字节; an answer
that read a 兆 says so (`readings`).
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from enum import StrEnum

from bot.errors import InvalidOption
from bot.i18n.script import to_simplified

MAX_INPUT = 100
"""Longer text is not a number anyone typed on purpose; refuse before reading it."""


class Unit(StrEnum):
    """What a number counts. NUMBER is a bare number, which any option takes in its own unit."""

    NUMBER = "number"
    PARAMS = "params"
    TOKENS = "tokens"
    FLOPS = "FLOPs"
    PF_DAYS = "PF-days"
    GPU_HOURS = "GPU-hours"
    MONEY = "money"
    TIME = "time"
    BYTES = "bytes"
    RATE = "FLOP/s"


SCALES: dict[str, int] = {
    "k": 3,
    "thousand": 3,
    "千": 3,
    "万": 4,
    "m": 6,
    "mn": 6,
    "mil": 6,
    "million": 6,
    "millions": 6,
    "百万": 6,
    "亿": 8,
    "b": 9,
    "bn": 9,
    "billion": 9,
    "billions": 9,
    "十亿": 9,
    "t": 12,
    "tn": 12,
    "trillion": 12,
    "trillions": 12,
    "万亿": 12,
    "兆": 12,
    "q": 15,
    "quadrillion": 15,
}
"""Scale words by their power of ten. Lower-case m means million: nobody counts milli-tokens."""

READINGS: dict[str, str] = {"兆": "zhao"}
"""Scale words read one way of several: each names the assumption an answer states."""


def readings(*texts: str | None) -> list[str]:
    """The keys of the regional readings the typed `texts` relied on, each once, in order."""
    found: list[str] = []
    for text in texts:
        folded = to_simplified(_clean(text or ""))
        for word, key in READINGS.items():
            if word in folded and key not in found:
                found.append(key)
    return found


UNITS: dict[str, Unit] = {
    **dict.fromkeys(["param", "params", "parameter", "parameters", "参数", "个参数"], Unit.PARAMS),
    **dict.fromkeys(["token", "tokens", "tok", "toks", "词元", "个词元", "个token"], Unit.TOKENS),
    **dict.fromkeys(["flop", "flops", "次浮点运算", "浮点运算"], Unit.FLOPS),
    **dict.fromkeys(
        ["pfdays", "pfday", "pf-days", "pf-day", "petaflop/s-days", "pflop/s-days", "pfs-days"],
        Unit.PF_DAYS,
    ),
    **dict.fromkeys(
        ["gpu-hours", "gpu-hour", "gpuhours", "gpuhour", "gpu-h", "gpuh", "gpu-hrs", "gpu小时"],
        Unit.GPU_HOURS,
    ),
    **dict.fromkeys(
        [
            *("s", "sec", "secs", "second", "seconds", "min", "mins", "minute", "minutes"),
            *("h", "hr", "hrs", "hour", "hours", "d", "day", "days", "week", "weeks"),
            *("month", "months", "y", "yr", "yrs", "year", "years", "秒", "分钟", "小时"),
            *("天", "周", "月", "年"),
        ],
        Unit.TIME,
    ),
    **dict.fromkeys(
        ["byte", "bytes", "kb", "mb", "gb", "tb", "pb", "kib", "mib", "gib", "tib", "字节"],
        Unit.BYTES,
    ),
    **dict.fromkeys(
        ["flop/s", "flops/s", "tflops", "tflop/s", "pflops", "gflops", "tops"], Unit.RATE
    ),
}

_NUMBER = re.compile(
    r"(?P<mantissa>(?:\d[\d,_]*(?:\.\d*)?|\.\d+))"
    r"(?:(?:e(?P<exp>[+-]?\d{1,4}))|(?:\s*[x×*]\s*10\s*(?:\^|\*\*)\s*(?P<pow>[+-]?\d{1,4})))?",
    re.IGNORECASE,
)
_BARE_POWER = re.compile(r"10\s*(?:\^|\*\*)\s*(?P<pow>[+-]?\d{1,4})")
_GROUPED = re.compile(r"^\d{1,3}(?:[,_]\d{3})+(?:\.\d*)?$")
_DECIMAL_COMMA = re.compile(r"^\d+,\d+$")
"""`7,5B` is 7.5 billion as most of Europe writes it: one comma not followed by exactly three
digits cannot be a thousands separator."""
_SPACE_GROUPED = re.compile(r"(?<![\d.,])\d{1,3}(?: \d{3})+(?![\d,])")
"""`7 000 000 000`: the SI and French way to group digits (NFKC turns thin and no-break
spaces into plain ones first)."""
_NOT_FINITE = re.compile(r"^[+-]?(nan|inf|infinity|∞)$", re.IGNORECASE)

CHINESE_DIGITS: dict[str, int] = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
CHINESE_SMALL: dict[str, int] = {"十": 10, "百": 100, "千": 1000}
CHINESE_LARGE: dict[str, int] = {"万": 10**4, "亿": 10**8, "兆": 10**12}
HAN_CHAR = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_CHINESE_RUN = re.compile(r"^[\d.零〇一二两三四五六七八九十百千万亿兆点]+")
_CHINESE_TOKEN = re.compile(r"\d+(?:\.\d+)?|.")


class InvalidQuantity(InvalidOption):
    """A quantity option that could not be used, and why; the key picks the sentence."""

    def __init__(self, problem: str, *, option: str, got: str, example: str, **extra: str):
        super().__init__(option=option, got=got, expected=problem, example=example)
        self.key = f"compute.invalid.{problem}"
        self.params.update(extra)


@dataclass(frozen=True, slots=True)
class Quantity:
    value: float
    unit: Unit
    """NUMBER when the text named no unit."""
    currency: Currency | None = None
    """For money: the currency typed, if any."""
    kilo: bool = field(default=False, compare=False)
    """The scale was the letter k (`128K`), which a context length reads as 1024."""


@dataclass(frozen=True, slots=True)
class Spec:
    """What one option accepts: its units, its plausible range and a value to show as example."""

    option: str
    units: frozenset[Unit]
    example: str
    maximum: float
    minimum: float = 0.0


def _clean(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).strip()
    return " ".join(text.split())


def _unit_key(text: str) -> str:
    """`GPU hours`, `gpu-hours` and `GPU·h` spell one unit: compare without case or spacing."""
    text = text.casefold().strip().rstrip(".")
    text = re.sub(r"\s*/\s*", "/", text)
    text = re.sub(r"(?<=\S)\s+(?=\S)", "-", text)
    return text.replace("·", "-").replace("_", "-")


def _lookup_unit(tail: str) -> Unit | None:
    key = _unit_key(tail)
    if not key:
        return Unit.NUMBER
    return UNITS.get(key)


def _split_scale(tail: str) -> tuple[int, str] | None:
    """(power of ten, rest) for a tail starting with a scale word, longest word first."""
    lowered = tail.casefold()
    for word in sorted(SCALES, key=len, reverse=True):
        if not lowered.startswith(word):
            continue
        rest = tail[len(word) :]
        # A Latin scale letter must end its word: `175B tokens` yes, `5 bytes` is not 5e9 `ytes`.
        if word.isascii() and rest and rest[0].isascii() and rest[0].isalpha():
            continue
        return SCALES[word], rest.strip()
    return None


def chinese_number(run: str) -> Decimal | None:
    """`一千亿` → 1e11, `七百亿` → 7e10, `一点五万亿` → 1.5e12, `3千亿` → 3e11; None when `run`
    is not a number written with Chinese digits or units (or is a plain Arabic number).

    The usual reading: 十/百/千 multiply the digit before them within a section, 万 scales the
    section, 亿 and 兆 (10^12, see READINGS) scale everything before them.
    """
    if not any(c in CHINESE_DIGITS or c in CHINESE_SMALL or c in CHINESE_LARGE for c in run):
        return None
    total = section = Decimal(0)
    number: Decimal | None = None
    fraction: int | None = None
    """Digits read after 点: how many so far."""
    seen_digit = False
    for token in _CHINESE_TOKEN.findall(run):
        if token[0].isdigit():
            if number is not None or fraction is not None:
                return None
            number, seen_digit = Decimal(token), True
        elif token in CHINESE_DIGITS:
            digit = Decimal(CHINESE_DIGITS[token])
            seen_digit = True
            if fraction is not None:
                fraction += 1
                number = (number or Decimal(0)) + digit.scaleb(-fraction)
            else:
                number = (number or Decimal(0)) * 10 + digit
        elif token == "点":
            if number is None or fraction is not None:
                return None
            fraction = 0
        elif token in CHINESE_SMALL:
            if fraction is not None:
                return None
            section += (number if number is not None else Decimal(1)) * CHINESE_SMALL[token]
            number, seen_digit = None, True
        elif token in CHINESE_LARGE:
            fraction = None
            section += number or Decimal(0)
            number = None
            if token == "万":
                section *= CHINESE_LARGE[token]
            else:
                total = (total + section) * CHINESE_LARGE[token]
                section = Decimal(0)
        else:
            return None
    if not seen_digit:
        return None
    return total + section + (number or Decimal(0))


class Currency(StrEnum):
    """Money stays in the currency it was typed in: the calculator knows no exchange rates."""

    USD = "USD"
    CNY = "CNY"
    EUR = "EUR"


SYMBOLS: dict[Currency, str] = {Currency.USD: "$", Currency.CNY: "¥", Currency.EUR: "€"}
_CURRENCY_WORDS: dict[str, Currency] = {
    **dict.fromkeys(["us$", "usd", "$", "dollar", "dollars", "美元", "美金"], Currency.USD),
    **dict.fromkeys(["rmb", "cny", "¥", "元", "块", "人民币", "yuan"], Currency.CNY),
    **dict.fromkeys(["eur", "€", "euro", "euros", "欧元"], Currency.EUR),
}
_PER_HOUR = re.compile(
    r"\s*(?:/\s*(?:gpu\s*[-·]?\s*)?(?:h|hr|hrs|hour|小时|卡时)|/\s*gpu\s*/\s*(?:h|hr|hour)"
    r"|per\s+(?:gpu\s*[-·]?\s*)?(?:h|hr|hour)|每\s*(?:gpu|卡)?\s*小时|/\s*卡\s*/\s*小时)$",
    re.IGNORECASE,
)
"""`$2.49/h`, `$2.49/GPU-hour`, `2元/小时`, `2 元每卡小时`: the rate is per GPU-hour anyway."""


@dataclass(frozen=True, slots=True)
class Money:
    value: float
    currency: Currency
    assumed: bool = False
    """True when no currency was typed and US dollars were taken."""

    def __str__(self) -> str:
        return format_money(self.value, self.currency)


def _word_char(char: str) -> bool:
    """A Chinese character that is no numeral: what comes before 元 in 词元 or 单元."""
    return (
        bool(char)
        and bool(HAN_CHAR.match(char))
        and not (char in CHINESE_DIGITS or char in CHINESE_SMALL or char in CHINESE_LARGE)
    )


def _split_money(body: str) -> tuple[Currency | None, bool, str] | None:
    """(currency, per hour, the number) from `US$2.49/h`, `2元/小时`, `RMB 15`, `€1.2M`; None
    when two different currencies are named."""
    per_hour = False
    hourly = _PER_HOUR.search(body)
    if hourly is not None and hourly.start() > 0:
        per_hour, body = True, body[: hourly.start()].rstrip()
    found: list[Currency] = []
    lowered = body.casefold()
    for word in sorted(_CURRENCY_WORDS, key=len, reverse=True):
        if lowered.startswith(word) and not (
            word.isalpha() and len(body) > len(word) and body[len(word)].isalpha()
        ):
            found.append(_CURRENCY_WORDS[word])
            body = body[len(word) :].lstrip()
            break
    lowered = body.casefold()
    for word in sorted(_CURRENCY_WORDS, key=len, reverse=True):
        if lowered.endswith(word) and len(body) > len(word):
            before = body[: -len(word)]
            if word.isascii() and word.isalpha() and before[-1:].isalpha():
                continue
            if not word.isascii() and _word_char(before[-1:]):
                continue  # 词元 is a token, not a yuan
            found.append(_CURRENCY_WORDS[word])
            body = before.rstrip()
            break
    if len(set(found)) > 1:
        return None
    return (found[0] if found else None), per_hour, body


def read_quantity(text: str, spec: Spec) -> Quantity:
    """Read `text` as a positive, finite number with an optional scale and unit.

    Raises InvalidQuantity for anything else; this is the only exception it raises.
    """
    raw = text
    shown = _clean(raw)[:MAX_INPUT] or "(empty)"

    def refuse(problem: str, **extra: str) -> InvalidQuantity:
        return InvalidQuantity(
            problem, option=spec.option, got=shown, example=spec.example, **extra
        )

    if len(raw) > MAX_INPUT:
        raise refuse("unreadable")
    cleaned = to_simplified(_clean(raw))
    if _NOT_FINITE.match(cleaned):
        raise refuse("not_finite")
    negative = cleaned.startswith(("-", "−"))
    body = cleaned.lstrip("+-−").lstrip()
    money = _split_money(body)
    if money is None:
        raise refuse("unreadable")
    currency, per_hour, body = money
    if not negative and body.startswith(("-", "−")):
        negative, body = True, body.lstrip("-−").lstrip()
    body = _SPACE_GROUPED.sub(lambda m: m[0].replace(" ", ""), body)
    chinese = _CHINESE_RUN.match(body)
    if chinese is not None and (written := chinese_number(chinese[0])) is not None:
        body = f"{written:E}{body[chinese.end() :]}"
    number = _NUMBER.match(body)
    power = _BARE_POWER.match(body)
    if power is not None and (number is None or power.end() > number.end()):
        mantissa, exponent, tail = Decimal(1), int(power["pow"]), body[power.end() :]
    elif number is not None:
        digits = number["mantissa"]
        if _DECIMAL_COMMA.match(digits) and not _GROUPED.match(digits):
            digits = digits.replace(",", ".")
        if ("," in digits or "_" in digits) and not _GROUPED.match(digits):
            raise refuse("unreadable")
        try:
            mantissa = Decimal(digits.replace(",", "").replace("_", ""))
        except InvalidOperation:
            raise refuse("unreadable") from None
        exponent = int(number["exp"] or number["pow"] or 0)
        tail = body[number.end() :]
    else:
        raise refuse("unreadable")
    unit_text = tail.strip()
    unit = _lookup_unit(unit_text)
    kilo = False
    if unit is None:
        scaled = _split_scale(unit_text)
        if scaled is None:
            raise refuse("unreadable")
        kilo = unit_text[:1] in ("k", "K") and scaled[0] == 3
        exponent, unit_text = exponent + scaled[0], scaled[1]
        unit = _lookup_unit(unit_text)
        if unit is None:
            raise refuse("unreadable")
    if currency is not None or per_hour:
        if unit is not Unit.NUMBER:
            raise refuse("unreadable")
        unit = Unit.MONEY
    if unit is not Unit.NUMBER and unit not in spec.units:
        raise refuse("unit", unit=unit_text or unit.value)
    if negative and mantissa != 0:
        raise refuse("not_positive")
    if mantissa == 0:
        raise refuse("not_positive")
    if exponent > 400:
        raise refuse("too_large", limit=format_number(spec.maximum))
    if exponent < -400:
        raise refuse("too_small", limit=format_number(spec.minimum))
    value = float(mantissa.scaleb(exponent))
    if value > spec.maximum:
        raise refuse("too_large", limit=format_number(spec.maximum))
    if value < spec.minimum or value == 0.0:
        raise refuse("too_small", limit=format_number(spec.minimum))
    return Quantity(value, unit, currency=currency, kilo=kilo)


# -- the options ----------------------------------------------------------------------------

PARAMS = Spec("params", frozenset({Unit.PARAMS}), "175B", maximum=1e16, minimum=1.0)
"""1e16 parameters is 10,000 times the largest model anyone has described; beyond is a typo."""
TOKENS = Spec("tokens", frozenset({Unit.TOKENS}), "300B", maximum=1e18, minimum=1.0)
BUDGET = Spec(
    "budget",
    frozenset({Unit.FLOPS, Unit.PF_DAYS, Unit.GPU_HOURS}),
    "3.14e23 FLOPs",
    maximum=1e32,
    minimum=1e-3,
)
MIN_FLOPS = 1e6
"""A bare or FLOP budget below a million FLOPs trains nothing; GPU-hours may be fractional."""
PRICE = Spec("price", frozenset({Unit.MONEY}), "$2.49/h", maximum=1e5, minimum=1e-4)
"""Per GPU-hour: no GPU rents for more than 100,000 an hour in any of the currencies read."""
TRAIN_BUDGET = Spec("budget", frozenset({Unit.MONEY}), "$5M", maximum=1e14, minimum=1e-2)
"""Money for a training run; 1e14 is a thousand times the largest data-centre plan announced."""
BINARY_K = 1024
"""Context lengths count in powers of two: a 128K window is 131,072 tokens."""


def token_spec(option: str, example: str = "8k") -> Spec:
    """Token counts under another option name: context, output, seq."""
    return Spec(option, frozenset({Unit.TOKENS}), example, maximum=1e9, minimum=1.0)


def parse_params(text: str) -> float:
    return read_quantity(text, PARAMS).value


def parse_tokens(text: str) -> float:
    return read_quantity(text, TOKENS).value


def parse_token_count(text: str, option: str, example: str = "8k") -> int:
    """A whole number of tokens (an output length)."""
    return max(1, round(read_quantity(text, token_spec(option, example)).value))


@dataclass(frozen=True, slots=True)
class Length:
    tokens: int
    binary: bool
    """`128K` was read as 128 × 1024: the answer says so."""


def parse_length(text: str, option: str, example: str = "8k") -> Length:
    """A context or sequence length: `128K` and `128k` are 131,072 tokens, as model cards and
    configs mean them (Llama 3.1's 128K is max_position_embeddings 131072); `128000` stays."""
    quantity = read_quantity(text, token_spec(option, example))
    value = quantity.value * BINARY_K / 1000 if quantity.kilo else quantity.value
    return Length(max(1, round(value)), quantity.kilo)


def parse_money(text: str, spec: Spec = PRICE) -> Money:
    """`$2.49`, `US$2.49/h`, `¥15`, `2元/小时`, `RMB 15`, `€2`, `500万元`; a bare number is
    taken as US dollars, and the answer says so."""
    quantity = read_quantity(text, spec)
    if quantity.currency is None:
        return Money(quantity.value, Currency.USD, assumed=True)
    return Money(quantity.value, quantity.currency)


def parse_price(text: str) -> Money:
    return parse_money(text, PRICE)


def parse_budget(text: str) -> Quantity:
    """FLOPs (the default for a bare number), PF-days, or GPU-hours on the chosen GPU."""
    quantity = read_quantity(text, BUDGET)
    if quantity.unit in (Unit.NUMBER, Unit.FLOPS):
        if quantity.value < MIN_FLOPS:
            raise InvalidQuantity(
                "too_small",
                option=BUDGET.option,
                got=_clean(text),
                example=BUDGET.example,
                limit=format_quantity(MIN_FLOPS, Unit.FLOPS),
            )
        return Quantity(quantity.value, Unit.FLOPS)
    return quantity


# -- writing numbers back ---------------------------------------------------------------------


def format_money(value: float, currency: Currency, digits: int = 3) -> str:
    """`$8.84M`, `¥15`, `€2.49`: the symbol of the currency it was typed in, read back by
    `parse_money`."""
    return SYMBOLS[currency] + format_number(value, digits)


_SUFFIXES = ((12, "T"), (9, "B"), (6, "M"), (3, "k"))


def _significant(value: float, digits: int) -> Decimal:
    return Decimal(f"{value:.{digits}g}")


def _plain(value: Decimal) -> str:
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def format_number(value: float, digits: int = 3) -> str:
    """175e9 → 175B, 3.14e23 → 3.14e23, 0.4 → 0.4: short, and read back by `read_quantity`."""
    if value == 0:
        return "0"
    if not math.isfinite(value):
        return "NaN" if math.isnan(value) else ("∞" if value > 0 else "-∞")
    rounded = _significant(value, digits)
    magnitude = abs(rounded)
    if magnitude >= Decimal("1e15") or magnitude < Decimal("1e-3"):
        mantissa, _, exponent = f"{float(rounded):.{digits - 1}e}".partition("e")
        mantissa = mantissa.rstrip("0").rstrip(".")
        return f"{mantissa}e{int(exponent)}"
    for power, suffix in _SUFFIXES:
        if magnitude >= Decimal(10) ** power:
            return _plain(rounded.scaleb(-power)) + suffix
    return _plain(rounded)


def format_quantity(value: float, unit: Unit, digits: int = 3) -> str:
    """A number with its unit, in a spelling `read_quantity` accepts for that unit."""
    text = format_number(value, digits)
    if unit is Unit.NUMBER or unit is Unit.PARAMS:
        return text
    return f"{text} {unit.value}"
