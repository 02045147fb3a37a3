"""Dates as pages write them -> ISO 8601, or None when they cannot be read for sure.

Accepts ISO 8601 and its common variants, numeric day-month-year orders, the year-month-day
of Chinese, Japanese and Korean (2024年6月26日, 2024년 6월 26일), and dates with month names
in English, German, French, Spanish, Catalan, Italian, Portuguese, Dutch, Danish, Norwegian,
Swedish, Finnish, Estonian, Lithuanian, Latvian, Polish, Czech, Slovak, Slovene, Croatian,
Hungarian, Romanian, Turkish, Indonesian, Malay, Filipino, Swahili, Greek, Russian, Ukrainian,
Bulgarian, Arabic (the Egyptian, Maghreb and Levantine names), Persian, Hebrew, Hindi, Bengali
and Thai (the forms a date uses: "26 июня", "26 czerwca", "26. kesäkuuta", "26 במרץ"; Thai's
Buddhist years), and Vietnamese's numbered months ("ngày 26 tháng 6 năm 2024"). Rejects
impossible dates (2008-10-294, February 30) and years outside the web's lifetime.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, date, datetime

EARLIEST_YEAR = 1990
LATEST_YEAR = 2100


def month_key(word: str) -> str:
    """A month's name as the table keys it: lower case without accents, as capitals often
    drop them ("ΙΟΥΝΙΟΥ" for "Ιουνίου", "FEVRIER") and Turkish "KASIM" lowers to "kasim"."""
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


MONTHS: dict[str, int] = {}
# One line a month: names and abbreviations, in the nominative and in the form a date takes
# (the genitive of Slavic languages and Greek, Finnish's partitive), Thai's abbreviations without
# their dots, Levantine Arabic's two-word names joined. No name means two months: Croatian's
# "listopad" (October, Polish November) and "srpanj" are left out.
for _number, _names in enumerate(
    (
        "january jan januar janvier janv enero ene gennaio gen janeiro januari jänner gener"
        " tammikuu tammikuuta stycznia styczeń ledna januára ianuarie ocak ιανουαρίου ιανουάριος"
        " января январь янв січня січень януари يناير جانفي ژانویه ינואר जनवरी জানুয়ারি มกราคม"
        " siječnja siječanj sausio sausis janvāris janvāra jaanuar jaanuari มค كانونالثاني",
        "february feb februar février févr febrero febbraio fevereiro fev februari febrer helmikuu"
        " helmikuuta lutego luty února februára februarie şubat φεβρουαρίου φεβρουάριος февраля"
        " февраль фев лютого лютий февруари فبراير فيفري شباط فوریه פברואר फ़रवरी ফেব্রুয়ারি"
        " กุมภาพันธ์ veljače veljača vasario vasaris februāris februāra veebruar veebruari pebrero"
        " กพ",
        "march mar märz maerz mars marzo março maart mrt marts març maaliskuu maaliskuuta marca"
        " marzec března március martie mart maret μαρτίου μάρτιος марта март березня березень مارس"
        " آذار מרץ מרס मार्च মার্চ มีนาคม marec ožujka ožujak kovo kovas marta märts marso machi"
        " มีค",
        "april apr avril avr abril abr aprile huhtikuu huhtikuuta kwietnia kwiecień dubna április"
        " apríla aprilie nisan απριλίου απρίλιος апреля апрель квітня квітень април أبريل إبريل"
        " أفريل نيسان آوریل אפריל अप्रैल এপ্রিল เมษายน travnja travanj balandžio balandis aprīlis"
        " aprīļa aprill aprilli aprili เมย",
        "may mai mayo maggio mag maio mei maj maig toukokuu toukokuuta maja května május mayıs"
        " mayis μαΐου μαΐος мая май травня травень مايو ماي أيار مه מאי मई মে พฤษภาคม svibnja"
        " svibanj gegužės gegužė maijs maija พค",
        "june jun juni juin junio giugno giu junho juny kesäkuu kesäkuuta czerwca czerwiec června"
        " június júna iunie haziran ιουνίου ιούνιος июня июнь июн червня червень юни يونيو يونيه"
        " جوان حزيران ژوئن יוני जून জুন มิถุนายน junij lipnja lipanj birželio birželis jūnijs"
        " jūnija juuni hunyo มิย",
        "july jul juli juillet juil julio luglio lug julho juliol heinäkuu heinäkuuta lipca lipiec"
        " července július júla iulie temmuz ιουλίου ιούλιος июля июль июл липня липень юли يوليو"
        " يوليه جويلية تموز ژوئیه יולי जुलाई জুলাই กรกฎาคม julij srpnja liepos liepa jūlijs jūlija"
        " juuli hulyo julai กค",
        "august aug août agosto ago augustus augusti agost elokuu elokuuta sierpnia sierpień srpna"
        " augusztus augusta ağustos agustus ogos αυγούστου αύγουστος августа август авг серпня"
        " серпень أغسطس أوت آب اوت אוגוסט अगस्त আগস্ট สิงหาคม avgust kolovoza kolovoz rugpjūčio"
        " rugpjūtis augusts agosti สค",
        "september sep sept septembre septiembre settembre set setembro setembre syyskuu syyskuuta"
        " września wrzesień září szeptember septembra septembrie eylül σεπτεμβρίου σεπτέμβριος"
        " сентября сентябрь сен сент вересня вересень септември سبتمبر أيلول سپتامبر ספטמבר सितंबर"
        " सितम्बर সেপ্টেম্বর กันยายน rujna rujan rugsėjo rugsėjis septembris setyembre septemba กย",
        "october oct oktober octobre octubre ottobre ott out outubro okt lokakuu lokakuuta"
        " października październik října októbra octombrie ekim οκτωβρίου οκτώβριος октября октябрь"
        " окт жовтня жовтень октомври أكتوبر اکتبر אוקטובר अक्टूबर অক্টোবর ตุลาคม spalio spalis"
        " oktobris oktobra oktoober oktubre oktoba ตค تشرينالأول",
        "november nov novembre noviembre novembro marraskuu marraskuuta listopada listopad"
        " listopadu novembra noiembrie kasım kasim νοεμβρίου νοέμβριος ноября ноябрь ноя листопада"
        " листопад ноември نوفمبر نوامبر נובמבר नवंबर नवम्बर নভেম্বর พฤศจิกายน studenoga studenog"
        " studeni lapkričio lapkritis novembris nobyembre novemba พย تشرينالثاني",
        "december dec dezember décembre diciembre dicembre dic dezembro dez desember desembre"
        " joulukuu joulukuuta grudnia grudzień prosince decembra decembrie aralık aralik disember"
        " δεκεμβρίου δεκέμβριος декабря декабрь дек грудня грудень декември ديسمبر دسامبر דצמבר"
        " दिसंबर दिसम्बर ডিসেম্বর ธันวาคม prosinca prosinac gruodžio gruodis decembris detsember"
        " disyembre desemba ธค كانونالأول",
    ),
    start=1,
):
    for _name in _names.split():
        MONTHS.setdefault(month_key(_name), _number)

_ISO = re.compile(
    r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?"
    r"\s*(Z|[+-]\d{2}:?\d{2})?)?(?!\d)"
)
_COMPACT = re.compile(r"(?<!\d)(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})?)?(?!\d)")
_SLASHED_YMD = re.compile(r"(?<!\d)(\d{4})[/.](\d{1,2})[/.](\d{1,2})(?!\d)")
_DMY = re.compile(r"(?<!\d)(\d{1,2})[./-](\d{1,2})[./-](\d{4})(?!\d)")
# The vowel signs and other marks that Arabic, Indic and Thai words write between their letters
# ("मार्च", "มีนาคม"), which Python's \w leaves out (as a character class's ranges).
WORD_MARKS = "\u064b-\u065f\u0900-\u0dff\u0e00-\u0e7f"
# A month's name: letters and those marks, two at least (Arabic's "آب", August). The class lets
# digits and "_" in too, which no name holds, so that such a word is only no month: leaving
# them out takes an alternation that doubles the time a date is read in.
_MONTH_WORD = rf"([\w{WORD_MARKS}]{{2,13}})\.?"
_DAY_MONTH_YEAR = re.compile(
    r"(?<!\d)(\d{1,2})(?:st|nd|rd|th|er|º)?\.?\s+(?:de\s+)?"
    + _MONTH_WORD
    + r",?\s+(?:de\s+)?(\d{4})(?!\d)",
    re.IGNORECASE,
)
# Dashes instead of spaces, as databases and forum templates print a day: "04-ago-2021",
# "17-Mar-2024".
_DASHED_DAY_MONTH_YEAR = re.compile(r"(?<![\d-])(\d{1,2})-([^\W\d_]{3,9})\.?-(\d{4})(?![\d-])")
_MONTH_DAY_YEAR = re.compile(
    _MONTH_WORD + r"\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?!\d)", re.IGNORECASE
)
# Hungarian puts the year first: "2024. június 26."; Lithuanian marks the year and the day:
# "2024 m. birželio 26 d."
_YEAR_MONTH_DAY = re.compile(
    r"(?<!\d)(\d{4})(?:\.|\s*m\.)\s*" + _MONTH_WORD + r"\s+(\d{1,2})(?:\.|\s*d\.)",
    re.IGNORECASE,
)
# Latvian: "2024. gada 26. jūnijs".
_YEAR_DAY_MONTH = re.compile(
    r"(?<!\d)(\d{4})\.\s*gada\s+(\d{1,2})\.\s*" + _MONTH_WORD, re.IGNORECASE
)
# Thai abbreviates a month to its letters between dots: "26 มิ.ย. 2567".
_THAI_ABBREVIATED = re.compile(
    r"(?<!\d)(\d{1,2})\s*((?:[\u0e01-\u0e4e]{1,3}\.){2})\s*(\d{4})(?!\d)"
)
# Vietnamese numbers its months: "ngày 26 tháng 6 năm 2024", "26 tháng 6, 2024".
_NUMBERED_MONTH = re.compile(
    r"(?<!\d)(\d{1,2})\s+tháng\s+(\d{1,2})(?:\s+năm\s+|\s*,\s*|\s+)(\d{4})(?!\d)", re.IGNORECASE
)
# Levantine Arabic names four months in two words ("كانون الثاني", January): the table keys
# them joined.
_TWO_WORD_MONTH = re.compile(r"(كانون|تشرين)\s+(?=ال)")
# Chinese and Japanese: 2024年6月26日 (or 号); Korean: 2024년 6월 26일.
_CJK_YMD = re.compile(r"(?<!\d)(\d{4})\s*[年년]\s*(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日号일]")
# The time after a date: "at 7:27 pm", "um 21:07", "à 14h12" or "à 14 h 12".
_TIME_AFTER = re.compile(
    r"^\D{0,6}?(\d{1,2})(?:[:.]|\s?h\s?)(\d{2})(?::\d{2})?\s*([ap]\.?m\.?)?", re.IGNORECASE
)


def valid(year: int, month: int, day: int) -> date | None:
    if not EARLIEST_YEAR <= year <= LATEST_YEAR:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


# The words that turn the date after them into the day of an update: "Updated: Jan 2, 2026",
# "Dec 22, 2022 · Last updated Jan 2, 2026", "Last edited by jroe on ...", "Обновлено ...",
# "更新日 ..." (Chinese, Japanese and Thai write no spaces: no word boundary after it).
UPDATE_WORDS = re.compile(
    r"\b(?:(?:last\s+)?(?:updated|modified|edited|revised)|aktualisiert|mis\s+à\s+jour"
    r"|actualizado|actualitzat|aggiornato|bijgewerkt|atualizado|actualizat|opdateret|oppdatert"
    r"|uppdaterad|päivitetty|uuendatud|atnaujinta|atjaunināts|zaktualizowano|aktualizováno"
    r"|aktualizované|posodobljeno|ažurirano|frissítve|güncellendi|diperbarui|dikemas\s+kini"
    r"|cập\s+nhật|ενημερώθηκε|обновлено|обновлён|обновлен|оновлено|актуализирано|ажурирано"
    r"|تحديث|التحديث|עודכן|अपडेट|अद्यतन)\b|更新|อัปเดต|อัพเดท",
    re.IGNORECASE,
)


# A member's card beside a post dates the member, not the post: "Joined: Sun Dec 17, 2023",
# "Registered: 2016-07-02", "Founded: Dec 11, 2021", "Last active December 20, 2025", and
# the same labels of forums in other languages ("Registriert", "Inscrit le", "Регистрация").
MEMBER_DATE = re.compile(
    r"^\s*(?:joined|join\s+date|registered|founded|member\s+since|last\s+(?:active|seen|visit)"
    r"|registriert|mitglied\s+seit|dabei\s+seit|inscrit(?:e)?\s+le"
    r"|membre\s+depuis|registrado|miembro\s+desde|membro\s+desde|iscritto"
    r"|lid\s+sinds|geregistreerd|dołączył[a]?|rejestracja|registrerad|medlem\s+sedan"
    r"|rekisteröitynyt|kayıt(?:\s+tarihi)?|katılım(?:\s+tarihi)?|bergabung|регистрация"
    r"|зарегистрирован[а]?|на\s+форуме\s+с|εγγραφή|μέλος\s+από|(?:ngày\s+)?tham\s+gia"
    r"|تاريخ\s+التسجيل|انضم|عضو\s+منذ|تاریخ\s+عضویت|הצטרף|הצטרפות|חבר\s+מאז)\b"
    r"|登録日|注册时间|註冊時間|加入时间|가입일|สมัครเมื่อ|เป็นสมาชิกเมื่อ",
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


# Every form read below holds a year of four digits: a text without one (most texts asked
# about, "Read more", "Contact") is settled by one search instead of one for each form.
_YEAR = re.compile(r"\d{4}")


def may_hold_date(text: str) -> bool:
    """Whether ``text`` holds the four-digit year every date ``parse_date`` reads has: a text
    without one (most texts asked about) holds no date it can read, nor does any part of it."""
    return _YEAR.search(text) is not None


def parse_date(text: str | None, *, with_time: bool = True) -> str | None:
    """The first date in ``text`` as ISO 8601 (with the time when one is given), else None."""
    if not text or len(text) > 400 or not may_hold_date(text):
        return None
    text = text.strip()
    for reader in _READERS:
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
    if zone == "Z":
        return stamp + "+00:00"
    if zone and int(zone[1:3]) <= _LARGEST_OFFSET_HOURS and int(zone[-2:]) < 60:
        return stamp + zone[:3] + ":" + zone[-2:]
    return stamp  # an offset no place keeps ("+25:00") is none: the local time stands


# Time zones reach 14 hours from UTC (Kiribati's +14:00); ISO 8601 readers refuse an offset of
# a day or more, and a stamp carrying one could not be read back.
_LARGEST_OFFSET_HOURS = 14


def _read_compact(text: str, with_time: bool) -> str | None:
    match = _COMPACT.fullmatch(text.strip())
    if not match:
        return None
    day_value = valid(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    return day_value.isoformat() if day_value else None


def _read_year_first(text: str, with_time: bool) -> str | None:
    """2024/06/27, 2024.06.27, 2024年6月27日, 2024년 6월 27일."""
    match = _SLASHED_YMD.search(text) or _CJK_YMD.search(text)
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
    if any(read(text, False) for read in _READERS[:-1]):
        return None  # parse_date read another date of the text
    month_first, day_first = valid(year, first, second), valid(year, second, first)
    if month_first is None or day_first is None:
        return None
    chosen = _read_dmy(text, False)
    return (day_first if chosen == month_first.isoformat() else month_first).isoformat()


def slashed_day_first(text: str) -> str | None:
    """The day-first reading of a date written with slashes that reads either way round
    ("05/03/2024", which ``parse_date`` reads the American way, month first); None for any
    other text."""
    match = _DMY.search(text) if len(text) <= 400 else None
    if not match or "/" not in match.group():
        return None
    return other_reading(text)


def parse_shown_date(text: str | None, day_first: bool) -> str | None:
    """``parse_date``, with a slashed date that reads either way round read day first where
    ``day_first``: the page's language writes it so."""
    found = parse_date(text)
    if found and day_first and text and (other := slashed_day_first(text)):
        return other + found[10:]
    return found


# Thai pages count the years of the Buddhist era, 543 ahead of the common era (2567 is 2024).
_THAI_LETTERS = re.compile("[\u0e00-\u0e7f]")
_BUDDHIST_ERA_AHEAD = 543

# Each form, the order of its parts, and what a text holds where the form can be in it (a
# search for that is cheaper than one for the form).
_WORD_ORDERS: tuple[tuple[re.Pattern[str], str, re.Pattern[str] | None], ...] = (
    (_DAY_MONTH_YEAR, "dmy", None),
    (_DASHED_DAY_MONTH_YEAR, "dmy", None),
    (_MONTH_DAY_YEAR, "mdy", None),
    (_YEAR_MONTH_DAY, "ymd", None),
    (_YEAR_DAY_MONTH, "ydm", re.compile("gada", re.IGNORECASE)),
    (_THAI_ABBREVIATED, "dmy", _THAI_LETTERS),
)


def _read_words(text: str, with_time: bool) -> str | None:
    if "كانون" in text or "تشرين" in text:
        text = _TWO_WORD_MONTH.sub(r"\1", text)
    for pattern, order, held in _WORD_ORDERS:
        if held is not None and not held.search(text):
            continue
        for match in pattern.finditer(text):
            parts = dict(zip(order, match.groups()))
            day, month_name, year = parts["d"], parts["m"], int(parts["y"])
            month = _month(month_name)
            if month is None:
                continue
            if year > LATEST_YEAR and _THAI_LETTERS.match(month_name):
                year -= _BUDDHIST_ERA_AHEAD
            day_value = valid(year, month, int(day))
            if day_value:
                return _with_time(day_value, text[match.end() :], with_time)
    return None


def _read_numbered(text: str, with_time: bool) -> str | None:
    """Vietnamese dates, whose months are numbered: "ngày 26 tháng 6 năm 2024"."""
    if "háng" not in text and "HÁNG" not in text:
        return None
    match = _NUMBERED_MONTH.search(text)
    if not match:
        return None
    day_value = valid(int(match.group(3)), int(match.group(2)), int(match.group(1)))
    return _with_time(day_value, text[match.end() :], with_time)


# In the order they are tried: day-first numbers last, the others being read one way only.
_READERS = (_read_iso, _read_compact, _read_year_first, _read_words, _read_numbered, _read_dmy)


_GLUED_MONTH = re.compile(r"(?<=[a-zäéûôç])(?:[A-Z][a-zäéûôç]{2,9}|[A-ZÄÉÛÔÇ]{3,10})$")


def _month(word: str) -> int | None:
    """The month a word names; a template that glues the date to the name before it
    ("Jane RoeMar 5, 2025", "Mental HealthDECEMBER 22, 2022") leaves the month as the word's
    capitalised end."""
    month = MONTHS.get(month_key(word.replace(".", "")))
    if month is None and word[:1] == "ב":  # Hebrew writes "in" before the month: "במרץ"
        month = MONTHS.get(month_key(word[1:]))
    if month is None and (glued := _GLUED_MONTH.search(word.rstrip("."))):
        month = MONTHS.get(month_key(glued.group()))
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
    number = int(month) if month.isdigit() else MONTHS.get(month_key(month), 0)
    day_value = valid(int(match.group(1)), number, int(match.group(3)))
    return day_value.isoformat() if day_value else None


_URL_DATE = re.compile(r"/(\d{4})[/-](\d{1,2}|[A-Za-z]{3,9})[/-](\d{1,2})(?:[/_+.-]|$)")
