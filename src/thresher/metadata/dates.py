"""Dates as pages write them -> ISO 8601, or None when they cannot be read for sure.

Accepts ISO 8601 and its common variants, numeric day-month-year orders, and dates with month
names in English, German, French, Spanish, Italian, Portuguese and Dutch. Rejects impossible
dates (2008-10-294, February 30) and years outside the web's lifetime.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

EARLIEST_YEAR = 1990
LATEST_YEAR = 2100

MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    (
        "january jan januar janvier enero ene gennaio gen janeiro januari jänner",
        "february feb februar février fevrier febrero febbraio fevereiro fev februari",
        "march mar märz maerz mars marzo março marco maart",
        "april apr avril abril aprile",
        "may mai mayo maggio maio mei",
        "june jun juni juin junio giugno junho",
        "july jul juli juillet julio luglio julho",
        "august aug august août aout agosto ago augustus",
        "september sep sept septembre septiembre settembre set setembro",
        "october oct oktober octobre octubre ottobre out outubro okt",
        "november nov novembre noviembre novembro",
        "december dec dezember décembre decembre diciembre dicembre dic dezembro dez",
    ),
    start=1,
):
    for _name in _names.split():
        MONTHS.setdefault(_name, _number)

_ISO = re.compile(
    r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?"
    r"\s*(Z|[+-]\d{2}:?\d{2})?)?(?!\d)"
)
_COMPACT = re.compile(r"(?<!\d)(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})?)?(?!\d)")
_SLASHED_YMD = re.compile(r"(?<!\d)(\d{4})[/.](\d{1,2})[/.](\d{1,2})(?!\d)")
_DMY = re.compile(r"(?<!\d)(\d{1,2})[./-](\d{1,2})[./-](\d{4})(?!\d)")
_MONTH_WORD = r"([a-zA-Zäéûôç]{3,10})\.?"
_DAY_MONTH_YEAR = re.compile(
    r"(?<!\d)(\d{1,2})(?:st|nd|rd|th|er|º)?\.?\s+(?:de\s+)?"
    + _MONTH_WORD
    + r",?\s+(?:de\s+)?(\d{4})(?!\d)",
    re.IGNORECASE,
)
_MONTH_DAY_YEAR = re.compile(
    _MONTH_WORD + r"\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?!\d)", re.IGNORECASE
)
_TIME_AFTER = re.compile(
    r"^\D{0,6}?(\d{1,2})[:.h](\d{2})(?::\d{2})?\s*([ap]\.?m\.?)?", re.IGNORECASE
)


def valid(year: int, month: int, day: int) -> date | None:
    if not EARLIEST_YEAR <= year <= LATEST_YEAR:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


# The words that turn the date after them into the day of an update: "Updated: Jan 2, 2026",
# "Dec 22, 2022 · Last updated Jan 2, 2026", "Last edited by jroe on ...".
UPDATE_WORDS = re.compile(
    r"\b(?:(?:last\s+)?(?:updated|modified|edited|revised)|aktualisiert|mis\s+à\s+jour"
    r"|actualizado|aggiornato|bijgewerkt|atualizado|zaktualizowano)\b",
    re.IGNORECASE,
)


# A member's card beside a post dates the member, not the post: "Joined: Sun Dec 17, 2023",
# "Registered: 2016-07-02", "Founded: Dec 11, 2021", "Last active December 20, 2025".
MEMBER_DATE = re.compile(
    r"^\s*(?:joined|join\s+date|registered|founded|member\s+since|last\s+(?:active|seen|visit))\b",
    re.IGNORECASE,
)


# Some templates declare a date as the seconds (or milliseconds) since 1970 that Unix clocks
# count; the markup is its only reader, so no visible number is taken for one.
_TIMESTAMP = re.compile(r"(\d{10})(\d{3})?")


def from_timestamp(value: str | None) -> str | None:
    """A declared Unix timestamp as ISO 8601 in UTC; any other value as it is."""
    found = _TIMESTAMP.fullmatch(value.strip()) if value else None
    if not found:
        return value
    stamp = datetime.fromtimestamp(int(found.group(1)), UTC)
    return stamp.isoformat() if EARLIEST_YEAR <= stamp.year <= LATEST_YEAR else value


def parse_date(text: str | None, *, with_time: bool = True) -> str | None:
    """The first date in ``text`` as ISO 8601 (with the time when one is given), else None."""
    if not text or len(text) > 400:
        return None
    text = text.strip()
    for reader in (_read_iso, _read_compact, _read_slashed, _read_words, _read_dmy):
        found = reader(text, with_time)
        if found:
            return found
    return None


def _read_iso(text: str, with_time: bool) -> str | None:
    match = _ISO.search(text)
    if not match:
        return None
    year, month, day = int(match.group(1)), int(match.group(2)), int(match.group(3))
    day_value = valid(year, month, day)
    if day_value is None:
        return None
    if not (with_time and match.group(4)):
        return day_value.isoformat()
    hour, minute, second = int(match.group(4)), int(match.group(5)), int(match.group(6) or 0)
    if hour > 23 or minute > 59 or second > 59:
        return day_value.isoformat()
    stamp = datetime(year, month, day, hour, minute, second).isoformat()
    zone = match.group(7)
    if zone:
        stamp += "+00:00" if zone == "Z" else zone[:3] + ":" + zone[-2:]
    return stamp


def _read_compact(text: str, with_time: bool) -> str | None:
    match = _COMPACT.fullmatch(text.strip())
    if not match:
        return None
    day_value = valid(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    return day_value.isoformat() if day_value else None


def _read_slashed(text: str, with_time: bool) -> str | None:
    match = _SLASHED_YMD.search(text)
    if not match:
        return None
    day_value = valid(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    return _with_time(day_value, text[match.end() :], with_time)


def _read_dmy(text: str, with_time: bool) -> str | None:
    """Numeric dates: day first (most of the world) unless that is impossible."""
    match = _DMY.search(text)
    if not match:
        return None
    first, second, year = int(match.group(1)), int(match.group(2)), int(match.group(3))
    day_value = valid(year, second, first) if second <= 12 else valid(year, first, second)
    if first <= 12 and second <= 12 and first != second and "/" in match.group(0):
        day_value = valid(year, first, second)  # slashes with both <= 12: the US order
    return _with_time(day_value, text[match.end() :], with_time)


def other_reading(text: str) -> str | None:
    """For a numeric date whose day and month read either way round (03-09-2026), the day
    that ``parse_date`` did not choose; None for every other text."""
    match = _DMY.search(text) if len(text) <= 400 else None
    if not match:
        return None
    first, second, year = int(match.group(1)), int(match.group(2)), int(match.group(3))
    if first > 12 or second > 12 or first == second:
        return None
    text = text.strip()
    if any(read(text, False) for read in (_read_iso, _read_compact, _read_slashed, _read_words)):
        return None  # parse_date read another date of the text
    month_first, day_first = valid(year, first, second), valid(year, second, first)
    if month_first is None or day_first is None:
        return None
    chosen = _read_dmy(text, False)
    return (day_first if chosen == month_first.isoformat() else month_first).isoformat()


def _read_words(text: str, with_time: bool) -> str | None:
    for pattern, order in ((_DAY_MONTH_YEAR, "dmy"), (_MONTH_DAY_YEAR, "mdy")):
        for match in pattern.finditer(text):
            if order == "dmy":
                day, month_name, year = match.group(1), match.group(2), match.group(3)
            else:
                month_name, day, year = match.group(1), match.group(2), match.group(3)
            month = _month(month_name)
            if month is None:
                continue
            day_value = valid(int(year), month, int(day))
            if day_value:
                return _with_time(day_value, text[match.end() :], with_time)
    return None


_GLUED_MONTH = re.compile(r"(?<=[a-zäéûôç])(?:[A-Z][a-zäéûôç]{2,9}|[A-ZÄÉÛÔÇ]{3,10})$")


def _month(word: str) -> int | None:
    """The month a word names; a template that glues the date to the name before it
    ("Jane RoeMar 5, 2025", "Mental HealthDECEMBER 22, 2022") leaves the month as the word's
    capitalised end."""
    month = MONTHS.get(word.lower().rstrip("."))
    if month is None and (glued := _GLUED_MONTH.search(word.rstrip("."))):
        month = MONTHS.get(glued.group().lower())
    return month


def _with_time(day_value: date | None, rest: str, with_time: bool) -> str | None:
    if day_value is None:
        return None
    match = _TIME_AFTER.match(rest) if with_time else None
    if not match:
        return day_value.isoformat()
    hour, minute = int(match.group(1)), int(match.group(2))
    meridiem = (match.group(3) or "").lower().replace(".", "")
    if meridiem == "pm" and hour < 12:
        hour += 12
    elif meridiem == "am" and hour == 12:
        hour = 0
    if hour > 23 or minute > 59:
        return day_value.isoformat()
    return datetime(day_value.year, day_value.month, day_value.day, hour, minute).isoformat()


def date_in_url(url: str | None) -> str | None:
    """A publication date written into a URL path: /2024/06/27/, /2024-06-27-slug or
    /2024/june/27/."""
    if not url:
        return None
    match = _URL_DATE.search(url)
    if not match:
        return None
    month = match.group(2)
    number = int(month) if month.isdigit() else MONTHS.get(month.lower(), 0)
    day_value = valid(int(match.group(1)), number, int(match.group(3)))
    return day_value.isoformat() if day_value else None


_URL_DATE = re.compile(r"/(\d{4})[/-](\d{1,2}|[A-Za-z]{3,9})[/-](\d{1,2})(?:[/_+.-]|$)")
