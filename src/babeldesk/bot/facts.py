"""Order facts as the bot writes them into replies: order numbers, dates, amounts, item lists.

Dates are written the way the customer's language writes them ("1 de marzo de 2025", "2025年3月1日",
CLDR's long form through Babel), in the customer's timezone when known: the month is named, so no
reader takes 3/2 for February. Amounts are written with the language's digits grouping and decimal
mark ("1.279,95 EUR" in German) and always the currency's ISO code: a "$" alone would leave a Canadian
reading an American price. Everything here comes from the store's data; nothing is estimated.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import langcodes
from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_skeleton, format_time
from babel.numbers import format_currency
from babel.units import format_unit

from babeldesk.commerce.models import Order
from babeldesk.replies.library import default_library, render


def order_ref(number: str) -> str:
    return f"#{number.lstrip('#')}"


def local(moment: datetime, timezone: str | None) -> datetime:
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
    if not timezone:
        return aware
    try:
        return aware.astimezone(ZoneInfo(timezone))
    except (ZoneInfoNotFoundError, ValueError):
        return aware


def day(moment: datetime, timezone: str | None = None, language: str = "en") -> str:
    """The date, long form: "March 1, 2025", "1. März 2025", "2025年3月1日"."""
    return _plain(format_date(local(moment, timezone), "long", locale=locale_of(language)))


def clock(moment: datetime, timezone: str | None = None, language: str = "en") -> str:
    """Weekday, date and time, for appointments: "Sat, Mar 1 5:00 PM", "sáb, 1 mar 17:00"."""
    when, where = local(moment, timezone), locale_of(language)
    return _plain(
        f"{format_skeleton('MMMEd', when, locale=where)} {format_time(when, 'short', locale=where)}"
    )


# CLDR puts narrow and no-break spaces in dates and times ("5:00\u202fPM"); SMS would then need
# UCS-2 (70 characters a part instead of 160) for nothing a reader can see.
_SPACES = str.maketrans({"\u202f": " ", "\u00a0": " "})


def _plain(text: str) -> str:
    return text.translate(_SPACES)


@cache
def locale_of(language: str) -> Locale:
    """The CLDR locale of a reply language ("zh-Hans", "pt-BR"); English if unknown.

    A language typed in Latin letters that is not written in them ("hi-Latn", Hinglish) gets its
    dates as the reply library answers it: in that region's English ("1 March 2025", en-IN) where the
    library has the Latin-letter variety, else in the language's own script, as the replies are.
    """
    base = language.split("-")[0]
    tags: tuple[str, ...] = (language, base)
    if language.lower().endswith("-latn"):
        tags = (base,)
        if default_library().resolve(language).lower() == language.lower():
            region = langcodes.Language.get(base).maximize().territory or ""
            tags = (f"en-{region}", "en")
    for tag in tags:
        try:
            return Locale.parse(tag, sep="-")
        except (UnknownLocaleError, ValueError):
            continue
    return Locale.parse("en")


def country_name(code: str, language: str) -> str:
    """A country as the reply's language names it ("ES" → "España", "Spanien"); the code if CLDR has
    no name for it."""
    name: str = locale_of(language).territories.get(code.upper(), code)
    return name


@cache
def calendar_words(language: str) -> frozenset[str]:
    """The names of months and weekdays in ``language``, as its dates write them (for fact checks)."""
    where = locale_of(language)
    names: set[str] = set()
    for table in (where.months, where.days):
        for context in table.values():
            for width in ("wide", "abbreviated"):
                names.update(str(name) for name in context.get(width, {}).values())
    # one-character names ("土", "月") are inside too many other words to check
    return frozenset(name for name in names if len(name) > 1 and not any(c.isdigit() for c in name))


def money(amount: Decimal, currency: str, language: str = "en") -> str:
    """``amount`` as ``language`` writes numbers, in the currency's own digits (none for JPY)."""
    where = locale_of(language)
    # Languages that group thousands with a space get none: a plain space would let "1 279,95" read
    # as two numbers, a no-break one would cost an SMS its 7-bit alphabet.
    grouped = not where.number_symbols["latn"]["group"].isspace()
    pattern = _amount_format(where)
    return _plain(format_currency(amount, currency, format=pattern, locale=where, group_separator=grouped))


@cache
def _amount_format(where: Locale) -> str:
    # the language's grouping ("#,##,##0.00" in Hindi), with the code after it instead of a sign;
    # bidi marks dropped, as the widget sets the direction of every message
    pattern = where.currency_formats["standard"].pattern.split(";")[0]
    return "".join(c for c in pattern if c not in "¤\u200e\u200f" and not c.isspace()) + " ¤¤"


def items(order: Order) -> str:
    return ", ".join(f"{item.quantity} × {item.title}" for item in order.items)


def duration(wait: timedelta, language: str) -> str:
    """A typical wait as the language says it, with its plural ("5 دقائق", "11 دقيقة", "2 часа"):
    minutes under two hours, hours above; the reply library's words where CLDR has none."""
    minutes = max(1, round(wait.total_seconds() / 60))
    unit, count = ("duration-minute", minutes) if minutes < 120 else ("duration-hour", round(minutes / 60))
    for length in ("long", "short"):
        said = format_unit(count, unit, length=length, locale=locale_of(language))
        if unit not in said:  # Babel writes the unit's id when the locale lacks that length
            return _plain(said)
    key = "duration_minutes" if unit == "duration-minute" else "duration_hours"
    return render(key, language, minutes=count, hours=count)
