"""The language of a page: what it declares, checked against what its text is written in."""

from __future__ import annotations

import re
from collections import Counter

# A few dozen of each language's commonest words; enough to tell languages apart on a page.
_COMMON_WORDS: dict[str, frozenset[str]] = {
    code: frozenset(words.split())
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
        "cs": "a v se na je že s z do to i o jako by k pro ale jsou",
        "fi": "ja on ei se että oli hän mutta kun myös ovat tai",
    }.items()
}
_SCRIPTS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("ja", re.compile(r"[\u3040-\u30ff]")),
    ("ko", re.compile(r"[\uac00-\ud7af]")),
    ("zh", re.compile(r"[\u4e00-\u9fff]")),
    ("ru", re.compile(r"[\u0400-\u04ff]")),
    ("ar", re.compile(r"[\u0600-\u06ff]")),
    ("he", re.compile(r"[\u0590-\u05ff]")),
    ("el", re.compile(r"[\u0370-\u03ff]")),
    ("th", re.compile(r"[\u0e00-\u0e7f]")),
    ("hi", re.compile(r"[\u0900-\u097f]")),
)
_WORD = re.compile(r"[^\W\d_]+")
SAMPLE_CHARS = 6_000
MIN_WORDS = 20


def normalise_code(declared: str | None) -> str | None:
    """'en-US', 'en_GB', 'EN' -> 'en'; None for anything that is no language tag."""
    if not declared:
        return None
    code = declared.strip().replace("_", "-").split("-")[0].lower()
    return code if re.fullmatch(r"[a-z]{2,3}", code) else None


def detect(text: str) -> tuple[str | None, float]:
    """The language a text is written in and a confidence in [0, 1]."""
    sample = text[:SAMPLE_CHARS]
    head = sample[:4000]
    if not head.isascii():
        letters = sum(map(str.isalpha, head))
        for code, pattern in _SCRIPTS:
            hits = len(pattern.findall(head))
            if letters and hits / letters > 0.3:
                return code, min(1.0, hits / letters + 0.3)
    words = _WORD.findall(sample.lower())
    if len(words) < MIN_WORDS:
        return None, 0.0
    counts = Counter(words)
    scores = Counter(
        {code: sum(counts[word] for word in common) for code, common in _COMMON_WORDS.items()}
    )
    (best, best_hits), (_, second_hits) = scores.most_common(2)
    share = best_hits / len(words)
    if share < 0.05:
        return None, 0.0
    margin = (best_hits - second_hits) / max(best_hits, 1)
    return best, round(min(1.0, share * 2) * (0.5 + margin / 2), 3)


def choose_language(declared: str | None, text: str) -> tuple[str | None, float, str]:
    """(code, confidence, source): the declaration when the text agrees or says nothing."""
    code = normalise_code(declared)
    detected, confidence = detect(text)
    if code and (detected is None or detected == code or _close(code, detected)):
        return code, max(confidence, 0.6 if detected is None else 0.9), "declared"
    if detected:
        return detected, confidence, "detected"
    return None, 0.0, "none"


def _close(first: str, second: str) -> bool:
    """Languages the word lists cannot separate well."""
    return {first, second} <= {"da", "no", "sv", "nb", "nn"}
