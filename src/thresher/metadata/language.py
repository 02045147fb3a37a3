"""The language of a page: what it declares, checked against what its text is written in.

The text's script settles most languages at once (Hangul, kana, Greek, Thai, Telugu...); within a
script shared by many languages, the letters only some of them use (Cyrillic, Arabic) or their
commonest words (Latin) tell them apart. A declaration is believed unless the text plainly says
otherwise: it is written in another script, or in another language the detector knows well.
"""

from __future__ import annotations

import math
import re
from collections import Counter

from ..label.written_in_c import function_in_c
from ..page.model import Page

SAMPLE_CHARS = 6_000
MIN_WORDS = 20
# A declaration gives way only to a detection at least this sure: English product pages and
# lists with few sentences can lean a little towards another language, a text written in
# another language leads by dozens of its own words.
_SURE = 0.5
_GUESS = 0.4
_EVIDENCE_WORDS = 6.0

# A few dozen of each language's commonest words. A word several languages share ("de", "in")
# counts for each of them in proportion, so only words that set a language apart decide.
# One-letter words are left out: on pages they are as often initials, list markers or an
# alphabetical index ("A B C ... Z") as words.
_COMMON_WORDS: dict[str, frozenset[str]] = {
    code: frozenset(word for word in words.split() if len(word) > 1)
    for code, words in {
        "en": "the and of to in is that for it with as was on are be this by not you or have "
        "from at but they which his her their we an will can has",
        "de": "der die und in den von zu das mit sich des auf für ist im dem nicht ein eine "
        "als auch es an werden aus er hat dass sie nach wird bei einer um am sind noch",
        "fr": "le la les de des et un une du en est que qui dans pour pas sur au par plus ce "
        "il elle sont avec ne se nous vous mais ou aux été cette",
        "es": "el la los las de del y en que un una por con para es se no su al lo como más "
        "pero sus le ya o este sí porque esta entre cuando muy",
        "it": "il di che la e in un una per non del della sono con si da al le lo gli ma "
        "come anche questo più nel alla dei delle ha",
        "pt": "o a os as de do da dos das e em um uma para com não que por mais como mas foi "
        "ao ele ela seu sua ou quando muito nos já está também",
        "nl": "de het een en van in is dat op te zijn met voor niet aan er ook als bij door "
        "maar om uit dan nog wel naar heeft worden",
        "sv": "och i att det som en på är av för med till den har de inte om ett men var",
        "da": "og i at det som en på er af for med til den har de ikke om et men var",
        "no": "og i at det som en på er av for med til den har de ikke om et men var ble",
        "pl": "i w na z że do się nie to jest o jak co po od za przez dla być",
        "tr": "ve bir bu da de için ile çok daha olarak gibi ama ne var",
        "id": "dan yang di ini itu dengan untuk dari dalam tidak akan pada juga ke adalah",
        "cs": "a v se na je že s z do to i o jako by k pro ale jsou také",
        "sk": "a v sa na je že s z do to aj o ako by k pre ale sú tak som",
        "fi": "ja on ei se että oli hän mutta kun myös ovat tai",
        "ro": "și şi de la în a cu pe că nu se un o din care mai este pentru sunt au fost",
        "hu": "a az és hogy nem is egy van meg de el ez azt már csak mint volt még ki sem",
        "hr": "i je u na da se za su od ne što kao s koji iz ili ali sa biti bio",
        "sl": "in je v na da se so za z ki ne pa tudi po kot od bi iz sem",
        "ca": "de la i el que a les en per un una del amb no és els es al com més però",
        "vi": "và của là có các được trong cho không những một với người này đã để khi",
        "et": "ja on ei see et oli ka kui aga mis või ta nii seda ning veel kes",
        "lt": "ir yra kad į su iš o bet kaip tai jo jų nuo buvo dėl apie",
        "lv": "un ir ka uz ar no par kas bet tas arī lai vai bija viņš to",
        "af": "die en van is in het nie te wat op vir dat met sy om ook as",
        "tl": "ang ng sa na at mga ay hindi ko ka siya ito para may kung",
        "sw": "na ya wa kwa za katika ni la cha kuwa hii au lakini pia",
    }.items()
}
_SHARED_BY = Counter(word for words in _COMMON_WORDS.values() for word in words)
_WORD_WEIGHTS: dict[str, tuple[tuple[str, float], ...]] = {}
for _code, _words in _COMMON_WORDS.items():
    for _word in _words:
        _WORD_WEIGHTS[_word] = (*_WORD_WEIGHTS.get(_word, ()), (_code, 1 / _SHARED_BY[_word]))

# Letters of the Latin script that few of these languages write: evidence where the common
# words are few or shared (Czech and Slovak share most of theirs, and their one-letter
# prepositions are left out above). An occurrence counts as this share of a word, so a name
# from another language ("Łódź", "São Paulo") does not outweigh a text's own words.
_LATIN_LETTERS = {
    "cs": "řůě",
    "sk": "ľĺŕô",
    "pl": "łąęśźżń",
    "hu": "őű",
    "ro": "șță",
    "tr": "ğı",
    "pt": "ãõ",
    "et": "õ",
    "es": "ñ",
    "de": "ß",
    "da": "æø",
    "no": "æø",
    "lt": "ėįų",
    "lv": "ģķļņēāī",
}
_LETTER_WORTH = 0.5
_SHARED_LETTER = Counter(letter for letters in _LATIN_LETTERS.values() for letter in letters)
_LETTER_WEIGHTS: dict[str, tuple[tuple[str, float], ...]] = {}
for _code, _letters in _LATIN_LETTERS.items():
    for _letter in _letters:
        _weight = _LETTER_WORTH / _SHARED_LETTER[_letter]
        _LETTER_WEIGHTS[_letter] = (*_LETTER_WEIGHTS.get(_letter, ()), (_code, _weight))

# Scripts, and the language each stands for when only one language writes it.
_SCRIPTS: dict[str, re.Pattern[str]] = {
    name: re.compile(f"[{ranges}]")
    for name, ranges in {
        "latin": "\u00c0-\u024f\u1e00-\u1eff",  # beyond ASCII, which is counted apart
        "cyrillic": "\u0400-\u04ff",
        "arabic": "\u0600-\u06ff\u0750-\u077f",
        "hebrew": "\u0590-\u05ff",
        "greek": "\u0370-\u03ff",
        "thai": "\u0e00-\u0e7f",
        "devanagari": "\u0900-\u097f",
        "bengali": "\u0980-\u09ff",
        "tamil": "\u0b80-\u0bff",
        "gurmukhi": "\u0a00-\u0a7f",
        "gujarati": "\u0a80-\u0aff",
        "oriya": "\u0b00-\u0b7f",
        "telugu": "\u0c00-\u0c7f",
        "kannada": "\u0c80-\u0cff",
        "malayalam": "\u0d00-\u0d7f",
        "sinhala": "\u0d80-\u0dff",
        "lao": "\u0e80-\u0eff",
        "tibetan": "\u0f00-\u0fff",
        "myanmar": "\u1000-\u109f",
        "ethiopic": "\u1200-\u137f",
        "khmer": "\u1780-\u17ff",
        "georgian": "\u10a0-\u10ff",
        "armenian": "\u0530-\u058f",
        "hangul": "\uac00-\ud7af\u1100-\u11ff",
        "kana": "\u3040-\u30ff",
        "han": "\u4e00-\u9fff",
    }.items()
}
_SCRIPT_LANGUAGE = {
    "hebrew": "he",
    "greek": "el",
    "thai": "th",
    "devanagari": "hi",
    "bengali": "bn",
    "tamil": "ta",
    "gurmukhi": "pa",
    "gujarati": "gu",
    "oriya": "or",
    "telugu": "te",
    "kannada": "kn",
    "malayalam": "ml",
    "sinhala": "si",
    "lao": "lo",
    "tibetan": "bo",
    "myanmar": "my",
    "ethiopic": "am",
    "khmer": "km",
    "georgian": "ka",
    "armenian": "hy",
    "hangul": "ko",
}
# Letters only some languages of a script use (where two lists share a letter and nothing else
# tells them apart, the first named wins).
_LETTERS = {
    "cyrillic": {
        "uk": "їєґі",
        "be": "ўі",
        "sr": "ђћџјљњ",
        "mk": "ѓќѕјљњ",
        "ru": "ыэё",
    },
    "arabic": {"ur": "ٹڈڑںےہ", "fa": "پچژگ"},
}
_SCRIPT_DEFAULT = {"cyrillic": "ru", "arabic": "ar"}
# A Cyrillic text with none of the letters above that writes "ъ" often is Bulgarian.
_BULGARIAN_HARD_SIGN = 0.005

_WORD = re.compile(r"[^\W\d_]+")
_LONGEST_WEIGHED = max(map(len, _WORD_WEIGHTS))
# Counts the words that tell a language in C in a compiled install (``python_known_words`` is
# the same in Python): finding every word of a sample took more than half of the detection.
KNOWN_WORDS = function_in_c("_vocabulary", "known_words")
_NOT_ASCII_LETTERS = bytes(b for b in range(256) if not (65 <= b <= 90 or 97 <= b <= 122))
_NON_ASCII = re.compile("[^\x00-\x7f]+")

# The script of every language the detector knows: only these declarations can be refuted.
_SCRIPT_OF = {
    **{code: "latin" for code in _COMMON_WORDS},
    **{code: script for script, code in _SCRIPT_LANGUAGE.items()},
    **{code: script for script, letters in _LETTERS.items() for code in letters},
    "ru": "cyrillic",
    "bg": "cyrillic",
    "ar": "arabic",
    "ja": "cjk",
    "zh": "cjk",
}


def normalise_code(declared: str | None) -> str | None:
    """'en-US', 'en_GB', 'EN', 'eng', 'English' -> 'en'; None for anything that is no language
    tag ('UTF-8', 'und')."""
    if not declared:
        return None
    tag = declared.strip().replace("_", "-").split("-")[0].split(",")[0].strip().lower()
    tag = _NAMES.get(tag, tag)
    if len(tag) == 2:
        return tag if tag in _ISO_639_1 else None
    if re.fullmatch(r"[a-z]{3}", tag) and tag not in _NOT_LANGUAGES:
        return tag
    return None


def detect(text: str) -> tuple[str | None, float]:
    """The language a text is written in and a confidence in [0, 1]."""
    sample = text[:SAMPLE_CHARS]
    counts = _script_counts(sample)
    letters = sum(counts.values())
    if not letters:
        return None, 0.0
    script, hits = counts.most_common(1)[0]
    if script == "latin":
        return _by_words(sample)
    if script in ("kana", "han"):
        # Japanese writes kana between its Chinese characters; Chinese never does.
        kana, han = counts.get("kana", 0), counts.get("han", 0)
        return ("ja" if kana >= 0.05 * (kana + han) else "zh"), _by_share(kana + han, letters)
    confidence = _by_share(hits, letters)
    if script in _SCRIPT_LANGUAGE:
        return _SCRIPT_LANGUAGE[script], confidence
    code, telling = _by_letters(script, sample)
    # Without a telling letter the script's commonest language is a guess, too weak to refute
    # a declaration of another language written in it.
    return code, confidence if telling else min(confidence, _GUESS)


def _by_share(hits: int, letters: int) -> float:
    """How sure a script makes a language: the script's share of the letters, and then some."""
    return round(min(1.0, hits / letters + 0.3), 3)


def read_language(page: Page, main_text: str) -> tuple[str | None, float, str]:
    """(code, confidence, source) of a page whose main content is ``main_text``."""
    return _weighed(normalise_code(_declared(page)), _detected(page, main_text))


_LANGUAGE_METAS = ("og:locale", "content-language", "language", "dc.language")


# Where a numeric date puts the month first: the United States, Canada and the Philippines.
_MONTH_FIRST_REGIONS = frozenset(("us", "ca", "ph"))


def writes_the_day_first(page: Page) -> bool:
    """Whether the language the page declares writes a date's day before its month
    ("05/03/2024" the fifth of March): every language but English, and English of a region
    that does ("en-GB", "en-IN"). An English page that names no region is read as American."""
    declared = _declared(page)
    code = normalise_code(declared)
    if code is None or declared is None:
        return False
    if code not in ("en", "fil", "tl"):
        return True
    parts = declared.strip().lower().replace("_", "-").split("-")
    return code == "en" and len(parts) > 1 and parts[1] not in _MONTH_FIRST_REGIONS


def _declared(page: Page) -> str | None:
    """The first declaration that names a language ('<html lang="UTF-8">' names none)."""
    declared = (page.lang, *(page.meta.get(key) for key in _LANGUAGE_METAS))
    return next((value for value in declared if normalise_code(value)), None)


def _detected(page: Page, main_text: str) -> tuple[str | None, float]:
    """The language of the main text, or where it is too short to tell one, of the text of
    every block. Fragments that name no language well (a product's "Size: L", "Color:
    white") are not enough: where they leave the detector unsure, the whole page is read."""
    if len(main_text.split(None, MIN_WORDS)) > MIN_WORDS:
        found = detect(main_text)
        if found[1] >= _GUESS:
            return found
    parts, length = [], 0
    for block in page.blocks:
        parts.append(block.text)
        length += len(block.text) + 1
        if length >= SAMPLE_CHARS:
            break
    return detect("\n".join(parts))


def choose_language(declared: str | None, text: str) -> tuple[str | None, float, str]:
    """(code, confidence, source): the declaration unless the text refutes it."""
    return _weighed(normalise_code(declared), detect(text))


def _weighed(code: str | None, found: tuple[str | None, float]) -> tuple[str | None, float, str]:
    detected, confidence = found
    if code and (detected is None or detected == code or _close(code, detected)):
        return code, max(confidence, 0.6 if detected is None else 0.9), "declared"
    if code and detected and not _refutes(code, detected, confidence):
        return code, 0.5, "declared"
    if detected:
        return detected, confidence, "detected"
    return None, 0.0, "none"


def _refutes(code: str, detected: str, confidence: float) -> bool:
    """The text is written in another script than the declared language's, or the detector
    knows the declared language and is sure of another."""
    if code not in _SCRIPT_OF:
        return False  # a language it cannot recognise, such as Aragonese, is not disproved
    if {code, detected} == {"ja", "zh"}:
        return detected == "ja"  # kana prove Japanese; their absence proves nothing
    if _SCRIPT_OF.get(code) != _SCRIPT_OF.get(detected):
        return True
    return confidence >= _SURE


def _script_counts(sample: str) -> Counter[str]:
    """Letters of each script in the sample. Most pages are mostly ASCII: the other scripts are
    looked for among the few characters that are not."""
    ascii_letters = sample.encode("ascii", "ignore").translate(None, _NOT_ASCII_LETTERS)
    counts = Counter({"latin": len(ascii_letters)})
    if not sample.isascii():
        rest = "".join(_NON_ASCII.findall(sample))
        for name, pattern in _SCRIPTS.items():
            if hits := len(pattern.findall(rest)):
                counts[name] += hits
    return +counts


def _by_words(sample: str) -> tuple[str | None, float]:
    lowered = sample.lower()
    words, counts = known_words(lowered)
    if words < MIN_WORDS:
        return None, 0.0
    scores: dict[str, float] = {}
    for word, count in counts.items():
        for code, weight in _WORD_WEIGHTS[word]:
            scores[code] = scores.get(code, 0.0) + count * weight
    if not sample.isascii():
        # (a count per letter scans in C; a pass over the sample's characters would not)
        for letter, weights in _LETTER_WEIGHTS.items():
            if count := lowered.count(letter):
                for code, weight in weights:
                    scores[code] = scores.get(code, 0.0) + count * weight
    if not scores:
        return None, 0.0
    ranked = sorted(scores.items(), key=lambda item: item[1], reverse=True)
    best, best_score = ranked[0]
    second_score = ranked[1][1] if len(ranked) > 1 else 0.0
    lead = best_score - second_score
    if lead <= 0:
        return None, 0.0
    # Sure with a lead of a dozen words only this language uses, and a clear ratio over the next.
    evidence = 1 - math.exp(-lead / _EVIDENCE_WORDS)
    return best, round(evidence * best_score / (best_score + second_score), 3)


def known_words(lowered: str) -> tuple[int, dict[str, int]]:
    """How many words a lowered text holds, and how often each word that tells a language
    occurs in it, in order of first occurrence (the order the scores are added in)."""
    if KNOWN_WORDS is not None:
        words, counts = KNOWN_WORDS(lowered, _WORD_WEIGHTS, _LONGEST_WEIGHED)
        return words, counts
    return python_known_words(lowered)


def python_known_words(lowered: str) -> tuple[int, dict[str, int]]:
    words = _WORD.findall(lowered)
    return len(words), Counter(filter(_WORD_WEIGHTS.__contains__, words))


def _by_letters(script: str, sample: str) -> tuple[str, bool]:
    """The language of a script many languages share, by the letters only some of them use,
    and whether any such letter told it."""
    lowered = sample.lower()
    found = {
        code: sum(lowered.count(letter) for letter in letters)
        for code, letters in _LETTERS.get(script, {}).items()
    }
    best = max(found, key=found.__getitem__, default=None)
    if best is not None and found[best]:
        return best, True
    if script == "cyrillic" and lowered.count("ъ") / max(len(lowered), 1) >= _BULGARIAN_HARD_SIGN:
        return "bg", True
    return _SCRIPT_DEFAULT.get(script, script), False


def _close(first: str, second: str) -> bool:
    """Languages the word lists cannot separate well."""
    return {first, second} <= {"da", "no", "sv", "nb", "nn"} or {first, second} <= {
        "hr",
        "bs",
        "sr",
    }


# ISO 639-1: every two-letter language code.
_ISO_639_1 = frozenset(
    """aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu
    cv cy da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho
    hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv
    kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr
    nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq
    sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh
    yi yo za zh zu""".split()
)
# Three-letter values pages put where a language belongs that name none.
_NOT_LANGUAGES = frozenset("utf iso win und mul zxx xxx".split())
# Names and three-letter codes pages write instead of the two-letter code.
_NAMES = {
    "english": "en",
    "eng": "en",
    "german": "de",
    "deutsch": "de",
    "deu": "de",
    "ger": "de",
    "french": "fr",
    "français": "fr",
    "fra": "fr",
    "fre": "fr",
    "spanish": "es",
    "español": "es",
    "spa": "es",
    "italian": "it",
    "italiano": "it",
    "ita": "it",
    "portuguese": "pt",
    "português": "pt",
    "por": "pt",
    "dutch": "nl",
    "nederlands": "nl",
    "nld": "nl",
    "dut": "nl",
    "russian": "ru",
    "rus": "ru",
    "japanese": "ja",
    "jpn": "ja",
    "chinese": "zh",
    "zho": "zh",
    "chi": "zh",
    "korean": "ko",
    "kor": "ko",
    "arabic": "ar",
    "ara": "ar",
    "polish": "pl",
    "pol": "pl",
    "turkish": "tr",
    "tur": "tr",
    "swedish": "sv",
    "swe": "sv",
}
