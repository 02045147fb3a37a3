"""Author names as pages write them -> clean person names, or nothing."""

from __future__ import annotations

import re
import unicodedata

from ..label.vocabulary import SOCIAL_NETWORKS
from .dates import WORD_MARKS, may_hold_date, parse_date

MAX_NAME_CHARS = 80
MAX_NAME_WORDS = 6

# "Written by" and "Published by" in the languages of the web: German, Dutch, French, Spanish,
# Portuguese, Italian, Polish, Czech and Slovak ("Napsal", "he wrote"), the Nordic languages,
# Turkish's "Yazan:" (with its colon: Yazan is a given name too), Russian, Greek's "Συντάκτης"
# and "Γράφει" ("writes").
_WRITTEN_BY = (
    r"(?:geschrieben|verfasst|veröffentlicht|erstellt)\s+von|(?:geschreven|gepubliceerd)\s+door"
    r"|(?:écrit|publié|rédigé)\s+par|(?:escrito|publicado|redactado)\s+por"
    r"|(?:scritto|pubblicato|redatto)\s+da|(?:napisane|napisany|opublikowane)\s+przez"
    r"|napsal[a]?|napísal[a]?|(?:skriven|skrivet|publicerad)\s+av|skrevet\s+a[fv]"
    r"|kirjoittanut|yazan(?=\s*:)|опубликовано|опубликовал[а]?|написал[а]?|συντάκτης|γράφει"
)
# "By" and "author" (the writer) in Indonesian and Malay, Vietnamese, Arabic, Persian, Hebrew,
# Hindi and Thai: the labels a marked byline loses, an unmarked one opens, and a label line
# stands alone as.
_BY_ELSEWHERE = r"oleh|bởi|بقلم|به\s+قلم|מאת|โดย"
_AUTHOR_ELSEWHERE = r"penulis|tác\s+giả|الكاتب|المؤلف|نویسنده|लेखक|लेखिका|ผู้เขียน"
# "By" and "Author:" in the languages of the web: Swedish, Danish and Norwegian "av"/"af",
# Indonesian and Malay "oleh" and "penulis", Finnish "kirjoittaja", Turkish "yazar", Hungarian
# "írta", Russian and Ukrainian "автор", Vietnamese "bởi" and "tác giả", Arabic "بقلم" ("by the
# pen of"), "كتب" ("wrote") and "الكاتب", Persian "نویسنده", Hebrew "מאת", Hindi "लेखक", Thai
# "โดย" and "ผู้เขียน", Chinese and Japanese "作者", "文", "記者", "撰文", "筆者", "著者" (these
# written with a full-width colon and no space after it, or a middle dot or a slash:
# "文・山田太郎", "文/王小明").
_BY_PREFIX = re.compile(
    rf"^\s*(?:{_WRITTEN_BY}|"
    r"written\s+by|posted\s+by|published\s+by|authored\s+by|by|von|par|por|di|door|"
    r"autor(?:in)?|author|auteur|text|redaktion|av|af|kirjoittaja|yazar|írta|автор|"
    rf"{_BY_ELSEWHERE}|{_AUTHOR_ELSEWHERE}|كتبت?|เขียนโดย|"
    r"作者|文|記者|记者|撰文|筆者|著者)"
    r"(?:\s*[:：]\s*|\s*[\-–]\s+|\s+|(?<=[^\x00-\x7f])\s*[・／/]\s*)",
    re.IGNORECASE,
)
# The reporter's title after a name in Japanese, Chinese and Korean ("山田太郎記者", "王小明 记者",
# "홍길동 기자"), or in brackets with the outlet ("山田太郎（北日本新聞記者）").
_REPORTER = r"(?:記者|记者|기자|特派員|特派员|編集委員|论说委员|論説委員|특파원)"
_TRAILING_REPORTER = re.compile(rf"\s*(?:[（(][^（）()]*{_REPORTER}[）)]|{_REPORTER})$")
# Spanish "y" joins names in lower case only: "Andrew Y. Ng" holds an initial.
_SEPARATORS = re.compile(
    r"\s*(?:,|;|\band\b|\bund\b|\bet\b|(?-i:\by\b)(?!\.)|&|\|)\s*", re.IGNORECASE
)
# "And" in the languages that write it in lower case only, and as a word that names hold
# too ("Sousa e Silva", "Ortega y Gasset" aside): it joins two names only between two whole
# names ("Maria Silva e João Souza"), or a name would be cut in two. Dutch "en" and Czech "a"
# are left out: French and Spanish "en" and Italian "a" lead a place ("Por Juan Pérez en
# Buenos Aires").
_LOWER_CASE_AND = frozenset("e i och og ja ve és și dan и і та και".split())
# Months and days ("May" is a name as often as a month); a day or a month on its own is never
# a name, cut from a dateline ("Sat"), and most of them are none inside a longer name either,
# where "Sun", "Mon" and "Sat" may belong to it ("Wei Sun").
_CALENDAR_WORDS = frozenset(
    "january february march april june july august september october november december jan "
    "feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday "
    "saturday sunday mon tue tues wed thu thur thurs fri sat sun".split()
)
_CALENDAR_IN_NAMES = _CALENDAR_WORDS - {"jan", "mon", "sat", "sun", "sept", "tues", "thur", "thurs"}
_NOT_A_NAME = re.compile(
    r"https?://|www\.|@\w+\.\w|\d{3,}|\b(?:updated|published|posted|min read|read more|"
    r"comments?|share|follow|staff writer|editor|contributor|reporter|correspondent|"
    r"copyright|all rights|admin|administrator|moderator|topic author|original poster|"
    r"licensed|certified|registered|accredited|"
    rf"newsroom|{'|'.join(sorted(_CALENDAR_IN_NAMES))})\b",
    re.IGNORECASE,
)
_ROLES = (
    "editor editors editorial writer reporter correspondent columnist contributor ceo cto "
    "founder co-founder team staff expert specialist director manager officer analyst "
    "consultant president marketer engineer designer developer scientist researcher "
    "journalist strategist coordinator producer representative professor lecturer fellow "
    "associate attorney lawyer physician dietitian nutritionist therapist "
    # the newsroom's in other languages: "Hans Müller, Redakteur", "Jean Dupont, journaliste"
    "redakteur redakteurin korrespondent korrespondentin reporterin journaliste rédacteur "
    "rédactrice correspondant correspondante periodista redactor redactora corresponsal "
    "giornalista redattore redattrice corrispondente jornalista repórter correspondente "
    "verslaggever redacteur dziennikarz dziennikarka redaktor redaktorka reportér muhabir "
    "журналист журналистка корреспондент редактор обозреватель"
).split()
# "Jane Roe, Shipping Expert", "Jane Roe - Editorial Team": a role after the name, in at most
# four words, the last of them a role.
_TRAILING_ROLE = re.compile(
    r"\s*[,|–-]\s*(?:[\w.&]+\s+){0,3}(?:" + "|".join(_ROLES) + r")\b.*$", re.IGNORECASE
)


# Degrees and certifications written after a name: "Jane Roe, MD", "John Doe, Ph.D.",
# "Dylan Bailey, MS, RD, FAND". A list, not a shape: "Hudson Valley, NY" is a place.
_CREDENTIALS = frozenset(
    "md do phd dphil ms msc ma ba bs bsc mba mph mfa jd llm edd psyd pharmd dds dmd dvm vmd rn "
    "bsn msn np pa pa-c rd ld rdn cde cscs cpt cfp cpa cfa cpp psp lcsw lmft lpc facp faclm "
    "fand facc facs dacvb lvt vts foma dabom ryt e-ryt mrcp frcp".split()
)


def _is_credential(part: str) -> bool:
    """A degree or a certificate after a name ("MD", "E-RYT 200"), also one written with its
    subject ("M.A. Journalism", "MSc Computer Science"; "Ma Long" is a name)."""
    words = part.replace(".", "").casefold().split()
    if not words or words[0] not in _CREDENTIALS:
        return False
    if all(w.isdigit() for w in words[1:]):
        return True
    first = part.split()[0]
    return "." in first or sum(c.isupper() for c in first) >= 2


# The legal form that ends a company's name.
_LEGAL_FORM = re.compile(
    r"\s(?:GmbH|AG|Inc\.?|LLC|L\.L\.C\.|Ltd\.?|Limited|Corp\.?|Corporation|S\.A\.|B\.V\.|"
    r"S\.r\.l\.|SRL|SAS|Oy|AB|ApS|Pty)$"
)


# Bylines that name someone other than the author.
_NOT_AUTHOR = re.compile(
    r"^\s*(?:edited|reviewed|fact[- ]checked|medically reviewed|photos?|illustrations?|"
    r"translated)\b",
    re.IGNORECASE,
)
STRICT_MAX_WORDS = 4


def clean_names(raw: list[str], *, strict: bool = False) -> list[str]:
    """Split, strip "By" and roles, drop what is not a name; keep order, no duplicates.

    ``strict`` (for visible bylines) also refuses anything with words that name no person.
    """
    names: list[str] = []
    seen: set[str] = set()
    for value in raw:
        if not value or len(value) > 400:
            continue
        if strict:
            value = value.split("\n", 1)[0]  # a byline's first line; what follows is a bio
        value = _without_date(" ".join(_without_addresses(value).split()))
        if _NOT_AUTHOR.match(value) or len(_CREDIT_LABEL.findall(value)) >= 2:
            continue
        value = _TRAILING_REPORTER.sub("", _TRAILING_ROLE.sub("", _BY_PREFIX.sub("", value)))
        value = _TRAILING_BRACKETED_WORD.sub("", value)
        for position, part in enumerate(_split(value)):
            name = _without_decoration(_without_punctuation(part))
            if position and _LEGAL_FORM.search(name):
                continue  # "Jane Roe, Acme GmbH": the writer's employer, not a second writer
            if position and _is_credential(name):
                continue  # "Jane Roe, MD", "John Doe, Ph.D.": a degree, not a second writer
            if not _acceptable(name, strict):
                if strict and position == 0:
                    break  # a line that does not open with a name is a sentence, not a list
                continue
            if name.casefold() not in seen:
                seen.add(name.casefold())
                names.append(name)
    return names


# A news agency or pronouns in brackets after a name: "Hans Müller (dpa)", "Jane Roe (AP)",
# "Alex Roe (they/them)". A name in brackets ("jroe (Jane Roe)") has a space or capitals.
_TRAILING_BRACKETED_WORD = re.compile(
    r"(?<=\w)\s*\((?:[a-z]{2,6}|[A-Z]{2,6})(?:/(?:[a-z]{2,6}|[A-Z]{2,6}))*\)$"
)


# An e-mail address beside a name, as feeds and mail write an author: "Jane Roe
# <jane@example.org>", "jane@example.org (Jane Roe)".
_EMAIL = re.compile(r"<?[\w.+-]+@[\w-]+(?:\.[\w-]+)+>?")
_IN_BRACKETS = re.compile(r"^\s*\((.*)\)\s*$")


def _without_addresses(value: str) -> str:
    """The value without the e-mail addresses beside its names; a name left in brackets comes
    out of them. An address alone stays: a page that signs with nothing else is signed by it
    (two wcxb-dev pages, whose truth names the author so)."""
    if "@" not in value:
        return value
    bare = _EMAIL.sub(" ", value)
    if not bare.strip(" ,;()"):
        return value
    bracketed = _IN_BRACKETS.match(bare)
    return bracketed.group(1) if bracketed else bare


# What joins a date to the name before it: "Jane Roe, January 5, 2024", "by Jane Roe on 5 March
# 2024", "Jane Roe - 2024-01-05".
_BEFORE_DATE = re.compile(r"(?:\s*[,;|/·•–—-])*(?:\s+(?:on|am|le|el|il|em|op|den))?\s*$")
# The most words a date with its time takes at a byline's end: "Monday, 5 January 2024 at
# 10:30 a.m." is seven. (Each start is tried: a long value would be read again and again.)
_LONGEST_DATE_WORDS = 10


def _without_date(value: str) -> str:
    """The value without the date that follows its names (a byline's or a template's), where
    a name comes before it: a date is no name, and split off at its comma it read as one
    ("January 5")."""
    if not may_hold_date(value):
        return value
    words = value.split(" ")
    first = max(1, len(words) - _LONGEST_DATE_WORDS)
    ends = range(len(words) - 1, first - 1, -1)
    start = next((k for k in ends if parse_date(" ".join(words[k:]))), None)
    if start is None:
        return value
    names = _BEFORE_DATE.sub("", " ".join(words[:start]))
    return names or value


# "content: Jane Roe; design: John Doe": credits name everyone who worked on a page, by role.
_CREDIT_LABEL = re.compile(r"(?:^|[;,|]\s*)[^\W\d_]+:\s")


# A last word whose full stop belongs to it: an initial, "Ph.D.", "Inc.", "Jr.".
_ABBREVIATION_END = re.compile(r"(?:^|\s)(?:[^\W\d_]|[^\W\d_]+\.[^\W\d_.]+|Inc|Jr|Sr|Ltd|Corp)$")


def _without_punctuation(part: str) -> str:
    core = part.strip(' :-–|·•"“”')
    name = core.strip(" .")
    if core.endswith(".") and _ABBREVIATION_END.search(name):
        return f"{name}."
    return name


_REPEATED = re.compile(r"^(?P<name>.+?)\s*\((?P=name)\)$", re.IGNORECASE)


def _without_decoration(name: str) -> str:
    """A forum handle without what templates add to it: "@jroe", "jroe (jroe)", and the
    letter an avatar placeholder shows ("jroe J")."""
    repeated = _REPEATED.match(name)
    name = (repeated.group("name") if repeated else name).lstrip("@")
    words = name.split()
    if len(words) == 2 and len(words[1]) == 1 and words[1].casefold() == name[0].casefold():
        name = words[0]
    return name


def _split(value: str) -> list[str]:
    # Citation lists put the semicolons between names and a comma inside each:
    # "Smith, John; Roe, Jane".
    if ";" in value and "," in value:
        return [name for item in value.split(";") for name in _split_names(item.strip())]
    return _split_names(value)


def _split_names(value: str) -> list[str]:
    parts = [name for part in _SEPARATORS.split(value) for name in _split_at_and(part)]
    # "Smith, John" and "Berger, Emery D." are one name written surname first, not two.
    if len(parts) == 2 and "," in value and len(parts[0].split()) == 1:
        given = parts[1].split()
        if len(given) == 1 or (len(given) <= 3 and all(_INITIAL.match(w) for w in given[1:])):
            return [f"{parts[1]} {parts[0]}"]
    return parts


_INITIAL = re.compile(r"^[^\W\d_]\.$")


def _split_at_and(part: str) -> list[str]:
    """A part split at each lower-case "and" between two names."""
    words = part.split()
    names: list[str] = []
    current: list[str] = []
    for position, word in enumerate(words):
        if _and_between_names(words, position, len(current)):
            names.append(" ".join(current))
            current = []
        else:
            current.append(word)
    return [*names, " ".join(current)] if names else [part]


def _and_between_names(words: list[str], position: int, name_words: int) -> bool:
    """Whether the word at ``position`` is a lower-case "and" (``_LOWER_CASE_AND``) with a
    name of ``name_words`` words before it and two words or more after it."""
    return words[position] in _LOWER_CASE_AND and name_words >= 2 and len(words) - position > 2


_LABEL_ONLY = re.compile(
    r"^(?:(?:\w+\s+)?by|author|authors|autor|auteur|von|par|por|posted|published)$",
    re.IGNORECASE,
)


# What templates write where no author was entered, and the ranks forums print beside a
# poster's name in the same kind of element.
_PLACEHOLDERS = frozenset(
    ("undefined", "null", "none", "admin", "administrator", "webmaster")
    + ("member", "new member", "junior member", "senior member", "full member", "guest")
    + ("registered user", "new user", "newbie")
)


# Where an author box links the writer's profiles: the links' words are no names.
_PROFILE_SERVICES = SOCIAL_NETWORKS | frozenset(
    "github gitlab orcid researchgate email e-mail rss website homepage".split()
    + ["google scholar", "semantic scholar", "dblp"]
)


# A template's variable left unfilled: "page.head.extra.author", "{{ author }}", "%author%".
TEMPLATE_KEY = re.compile(r"^(?:[a-z_]{3,}(?:\.[a-z_]{3,}){2,}|\{\{.*\}\}|\$\{.*\}|%\w+%)$")


# What no person's name holds: markup ("Jane "><script>"), a template's braces or an
# assignment, and what a script writes for an object it failed to turn into text.
_CODE_IN_NAME = re.compile(r"[<>{}=]|\[object \w+\]")


def _acceptable(name: str, strict: bool) -> bool:
    folded = name.casefold()
    if _LABEL_ONLY.match(name) or folded in _PLACEHOLDERS or folded in _CALENDAR_WORDS:
        return False
    if folded in _PROFILE_SERVICES or TEMPLATE_KEY.match(name):
        return False
    if len(name) < 2 or len(name) > MAX_NAME_CHARS or len(name.split()) > MAX_NAME_WORDS:
        return False
    if strict and _name_words(name.split()) > STRICT_MAX_WORDS:
        return False
    if not any(character.isalpha() for character in name) or _CODE_IN_NAME.search(name):
        return False
    if strict and (_NOT_A_NAME.search(name) or any(c.isdigit() for c in name)):
        return False
    if strict and _NOT_A_NAME_ENDING.search(name):
        return False
    if strict and _has_lower_case_word(name):
        return False
    if strict and _is_a_role(name):
        return False
    return not name.lower().startswith(("http", "www."))


def _has_lower_case_word(name: str) -> bool:
    """A capitalised phrase with a word in lower case that no name uses ("Personal finance")
    is a section or a topic; particles ("van", "de") and names in lower case ("bell hooks")
    pass."""
    words = name.split()
    if len(words) < 2 or not words[0][:1].isupper():
        return False
    return any(w[:1].islower() and w not in _LOWER_CASE_NAME_WORDS for w in words[1:])


_TEAM_WORDS = frozenset("team staff editors editorial desk newsroom".split())
_ROLE_ENDINGS = frozenset(_ROLES) - _TEAM_WORDS


def _is_a_role(name: str) -> bool:
    """A job title split off a byline as if it were a second name ("Candidate Representative");
    a team ("Marketing Team") stays: sites sign with them."""
    return name.split()[-1].casefold() in _ROLE_ENDINGS


# A possessive ("George Hotz's") or a word that leads on ("Insights from") ends a phrase,
# never a name.
_NOT_A_NAME_ENDING = re.compile(r"['’]s$|\s(?:from|of|by|with|to|for|the|and|on|in|at)$")


# "By Jane Roe", "Written by: Jane Roe", "Published May 2, 2024 by Jane Roe | News" in a line
# of text that is not marked up as a byline.
_BY_PHRASE = re.compile(
    r"(?:^|(?<=[\s|•·,(]))(?P<lead>\w+(?:[- ]\w+)?\s+)?"
    rf"(?:(?:{_WRITTEN_BY}|by|von|par|por|door|{_BY_ELSEWHERE})(?:\s*:\s*|\s+)|"
    r"(?:authors?|autor(?:in|e)?|auteur|contributors?|verfasser|автор|yazar|kirjoittaja|"
    rf"szerző|{_AUTHOR_ELSEWHERE})\s*:\s*)"
    r"(?P<rest>.+)",
    re.IGNORECASE,
)
# Words before "by" that make the phrase name someone other than the author.
_NOT_AUTHOR_LEAD = frozenset(
    "reviewed edited checked fact-checked photo photos photograph photography image images "
    "illustration illustrations powered sponsored supported designed developed presented hosted "
    "translated produced narrated read voiced moderated followed liked shared inspired "
    "hosting sold shipped fulfilled operated owned curated sort sorted filter filtered order "
    "ordered group grouped search browse shop made built caused bought brought taught caught "
    "sought led held told kept paid sent found won shot drawn shown known run".split()
)
# "Written by", "Posted by": the participles that name the writer. Any other one names
# someone who did something else ("advised by", "notes taken by", "funded by").
_AUTHORSHIP_LEADS = frozenset(
    "written posted published authored created compiled submitted contributed reported penned "
    "updated added uploaded started".split()
    # the same in German, Dutch, French, Spanish, Portuguese, Italian and Polish
    + "geschrieben verfasst veröffentlicht erstellt geschreven gepubliceerd écrit publié rédigé "
    "escrito publicado redactado scritto pubblicato redatto napisane opublikowane".split()
)


def _names_someone_else(lead: str) -> bool:
    if lead in _NOT_AUTHOR_LEAD:
        return True
    return lead.endswith(("ed", "en")) and lead not in _AUTHORSHIP_LEADS


_NAME_PARTICLES = frozenset(
    "van von der den de da di del la le bin al du st. dos das do ter ten zu ibn abu bint".split()
)
_LOWER_CASE_NAME_WORDS = _NAME_PARTICLES | _TEAM_WORDS
_NAME_WORD = re.compile(rf"^[^\W\d_][\w{WORD_MARKS}.'’\-]*$")
# Scripts without capitals whose words stand apart: Hebrew, Arabic and Persian, the Indic
# scripts, Thai. Every word of theirs looks alike, so a name in one is taken only where the
# line tells where it ends.
_UNCASED_SCRIPT = re.compile("[\u0590-\u08ff\u0900-\u0dff\u0e00-\u0e7f]")
_MOST_UNCASED_NAME_WORDS = 3


def _name_words(words: list[str]) -> int:
    """How long a name is, its particles not counted: "Marna van der Merwe" is as long as
    "Marna Merwe"."""
    return sum(word.casefold() not in _NAME_PARTICLES for word in words)


# "<span>By</span><span>Jane Roe</span>": the label glued to the name by the markup.
_GLUED_BY = re.compile(r"^(By|Von|Par|Por|Door)(?=[A-ZÀ-Þ][a-zß-ÿ]+\b)")


def names_after_by(text: str, *, handles: bool = False) -> list[str]:
    """Person names that follow a "by" in a short line of text, or nothing.

    ``handles`` (for a line known to be a byline) also takes a one-word name, as forums and
    blogs sign with handles.
    """
    for line in _joined_labels(text.split("\n")):
        line = _GLUED_BY.sub(r"\1 ", line.strip())
        names = _names_after_by_in_line(" ".join(line.split()), handles)
        if names:
            return names
    return []


def _joined_labels(lines: list[str]) -> list[str]:
    """Lines of a byline, a lone "By" joined to the name on the line after it."""
    joined: list[str] = []
    for line in lines:
        if joined and is_byline_label(joined[-1].split()[-1] if joined[-1].split() else ""):
            joined[-1] = f"{joined[-1]} {line}"
        else:
            joined.append(line)
    return joined


# A byline that writes no "by" but the reporter's title, in Japanese, Chinese and Korean, at a
# line's end (a date may come before it): "2024年3月5日 山田太郎記者", "홍길동 기자".
_CJK_NAME = "[\u4e00-\u9fff\u3040-\u30ff\uac00-\ud7af]"
_REPORTER_LINE = re.compile(rf"(?:^|\s)(?P<name>{_CJK_NAME}{{2,8}})\s?{_REPORTER}$")


def _names_after_by_in_line(text: str, handles: bool) -> list[str]:
    reporter = _REPORTER_LINE.search(text)
    if reporter:
        return clean_names([reporter.group("name")], strict=True)
    for found in _BY_PHRASE.finditer(text):
        lead = (found.group("lead") or "").strip().casefold()
        if lead and _names_someone_else(lead.split()[-1]):
            continue
        if lead and found.group("rest").casefold().startswith(lead.split()[-1] + " "):
            continue  # "step by step", "side by side": an idiom, not a byline
        names = clean_names(_leading_names(found.group("rest"), handles), strict=True)
        if names:
            return names
    return []


def _leading_names(rest: str, handles: bool) -> list[str]:
    """The capitalised words at the start of ``rest``, split into names at "and" and commas."""
    names: list[str] = []
    current: list[str] = []
    tokens = [token.strip() for token in re.split(r"(\s+|,|&|[•·|])", rest)]
    words = [token for token in tokens if token]
    for position, word in enumerate(words):
        if word in "•·|" or _starts_date(words, position, current):
            break
        if (
            word in (",", "&", "y")
            or word.casefold() in ("and", "und", "et")
            or _and_between_names(words, position, len(current))
        ):
            if current:
                names.append(" ".join(current))
            current = []
            continue
        if _NAME_WORD.match(word) and (
            word[0].isupper() or word.casefold() in _NAME_PARTICLES or _UNCASED_SCRIPT.match(word)
        ):
            current.append(word)
            if _name_words(current) > STRICT_MAX_WORDS:
                break
            continue
        break
    if current:
        names.append(" ".join(current))
    if any(_runs_on(name) for name in names):
        return []
    # one capitalised word after "by" is too often a product, a place or a sort key
    full = [name for name in names if len(name.split()) >= 2]
    if full or not handles:
        return full
    first = rest.split(maxsplit=1)[0].rstrip(".,;:") if rest.strip() else ""
    return [first] if _HANDLE.match(first) else []


_HANDLE = re.compile(r"^[^\W\d_][\w.\-]{1,30}$")


def _runs_on(name: str) -> bool:
    """Whether a name in a script without capitals takes more words than one does: the
    sentence went on ("بقلم أحمد علي في القاهرة", by Ahmed Ali in Cairo), and no word tells
    where the name ended."""
    words = name.split()
    return len(words) > _MOST_UNCASED_NAME_WORDS and _UNCASED_SCRIPT.match(words[-1]) is not None


def _starts_date(words: list[str], position: int, name: list[str]) -> bool:
    """A month or a day after a whole name, or any month before a number, begins the byline's
    date ("By Jane Roe December 2, 2025", "By Jane Roe May 2, 2025"); "May" before a surname
    opens a name."""
    word = words[position].casefold().rstrip(".")
    following = words[position + 1] if position + 1 < len(words) else ""
    if word in _CALENDAR_WORDS:
        return len(name) >= 2 or following[:1].isdigit()
    return word == "may" and following[:1].isdigit()


# Profile pages of a site's writers: /author/jane-roe, /authors/jane-roe-123, /people/jroe.
_PROFILE_PATH = re.compile(
    r"/(?:authors?|writers?|autor(?:en)?|auteurs?|contributors?|people|staff|profiles?|"
    r"journalists?|reporters?|columnists?|experts?|redakteur|redaktion)/([^/?#]+)",
    re.IGNORECASE,
)
_DOMAIN_ENDING = re.compile(r"\w\.[a-z]{2,}$")
_SLUG_WORD = re.compile(r"[^\W_]+")


def points_to_a_profile(address: str) -> bool:
    return _PROFILE_PATH.search(address) is not None


def names_of_profile_link(text: str, address: str) -> list[str]:
    """The names a link gives when it points at the profile page named by its own text.

    The address must spell every word of the name: a link to /author/jane-roe reading
    "Jane Roe" is the author; one reading "More stories" or "Editor" is not.
    """
    found = _PROFILE_PATH.search(address)
    if not found:
        return []
    slug = _SLUG_WORD.findall(_ascii_fold(found.group(1)))
    names = clean_names([text], strict=True)
    if _DOMAIN_ENDING.search(text):
        return []
    if names and all(_slug_spells(slug, name) for name in names):
        return names
    return []


def _slug_spells(slug: list[str], name: str) -> bool:
    """Whether a profile's address spells the name: every word of it ("jane-roe-123"), the
    words run together ("janeroe"), or the first name alone ("jane")."""
    words = _slug_words(_SLUG_WORD.findall(_ascii_fold(name)))
    if not words:
        return False
    if set(words) <= set(_slug_words(slug)) or "".join(words) in slug:
        return True
    first_name_only = [word for word in slug if not word.isdigit()] == words[:1]
    return first_name_only and len(words) > 1 and words[0] not in _TEAM_WORDS


def _slug_words(words: list[str]) -> list[str]:
    """Words as a name and its address compare: "The Acme Team" is /author/acme-staff."""
    return ["team" if word in _TEAM_WORDS else word for word in words if word != "the"]


def _ascii_fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


# A byline split over two elements: "Written by" in one, the name in the next. The writer's
# labels say outright that the name below wrote the piece; the others may name a poster.
_WRITER_LABELS = r"(?:written|article|story|words) by|authors?|author\(s\)"
_WRITER_LABEL = re.compile(rf"^(?:{_WRITER_LABELS})\s*:?$", re.IGNORECASE)
_BYLINE_LABEL = re.compile(
    rf"^(?:{_WRITER_LABELS}|(?:posted|text) by|by|autor(?:in)?|auteur|von|par|por|door|"
    rf"contributors?|{_BY_ELSEWHERE}|{_AUTHOR_ELSEWHERE})\s*:?$",
    re.IGNORECASE,
)


def is_byline_label(text: str) -> bool:
    return len(text) < 20 and _BYLINE_LABEL.match(text.strip()) is not None


def is_writer_label(text: str) -> bool:
    return _WRITER_LABEL.match(text.strip()) is not None


# A word of a whole name: letters, with the dots, apostrophes and hyphens names hold.
_LETTERS_WORD = re.compile(r"^[^\W\d_](?:[^\W\d_]|[.'’-])*$")


def capitalised_name(text: str) -> list[str]:
    """``text`` as the one name it is, when it is two capitalised words or more and nothing
    else; otherwise nothing."""
    words = text.split()
    if len(words) < 2 or not all(word[0].isupper() and _LETTERS_WORD.match(word) for word in words):
        return []
    names = clean_names([text], strict=True)
    return names if names == [text] else []
