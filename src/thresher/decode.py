"""Stage 1: bytes -> text, with the evidence for the charset chosen.

Order of evidence: a byte-order mark; valid UTF-8 (a declaration that says otherwise is more
often wrong than UTF-8 that happens to validate), or UTF-8 with a few damaged bytes; the HTTP
or ``<meta>`` declaration, read as browsers read its label (``charsets.py``); then statistical
detection over the lines that hold bytes outside ASCII, which prefers the legacy charset of
the page's language. Nothing here raises for a charset problem: the worst case is a
best-effort decoding and a warning.
"""

from __future__ import annotations

import codecs
import json
import math
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

from .charsets import (
    ISO_SIBLING_OF_CODEC,
    WEB_CODECS,
    codec_of_label,
    legacy_codec_of_language,
    letters_of_language,
)
from .errors import EmptyInputError, NotHTMLError
from .frozen import by_fields

_SNIFF_BYTES = 4096
_DETECT_SAMPLE_BYTES = 64 * 1024

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

GZIP_MAGIC = b"\x1f\x8b"  # how gzip data begins, whatever the file is named
# File signatures of formats people feed to an HTML extractor by mistake.
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
    (GZIP_MAGIC, "gzip-compressed data (decompress it first)"),
    (b"BZh", "bzip2-compressed data"),
    (b"\x28\xb5\x2f\xfd", "zstd-compressed data"),
    (b"\x7fELF", "an ELF executable"),
    (b"MZ", "a Windows executable"),
    (b"\x00\x00\x00\x18ftyp", "an MP4 video"),
    (b"\x00\x00\x00\x20ftyp", "an MP4 video"),
    (b"OggS", "an Ogg media file"),
    (b"ID3", "an MP3 audio file"),
    (b"\xd0\xcf\x11\xe0", "a legacy Office document"),
    (b"WARC/", "a WARC archive (use `thresher run`)"),
)

# Control bytes that text never holds (tab, line feeds, form feed and ESC, used by ISO-2022, do).
_BINARY_CONTROL_BYTES = bytes(set(range(32)) - {9, 10, 12, 13, 27})

_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,512}?charset\s*=\s*["']?\s*([a-zA-Z0-9_:.\-]{1,40})""", re.IGNORECASE
)


@dataclass(frozen=True, slots=True)
class DecodedText:
    text: str
    encoding: str
    source: str  # "str", "bom", "utf-8", "declared", "detected", "fallback"
    warnings: tuple[str, ...] = ()
    # The input bytes where the text is exactly what they say in UTF-8: the parser reads
    # UTF-8, and encoding the text again would cost a pass over the page for nothing.
    utf8: bytes | None = None

    def __reduce__(self) -> tuple[type, tuple[Any, ...]]:
        return by_fields(self)


def decode(data: bytes | str, declared: str | None = None) -> DecodedText:
    """Decode a page; ``declared`` is a charset from an HTTP header, if the caller has one."""
    if isinstance(data, str):
        if not data.strip():
            raise EmptyInputError("input is empty; pass the page's HTML")
        return _page_text(DecodedText(data, "unicode", "str"))
    if not data.strip():
        raise EmptyInputError("input is empty; pass the page's HTML")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = data[len(bom) :].decode(encoding, "replace")
            return _page_text(DecodedText(text, encoding, "bom"))
    _reject_binary(data)
    return _page_text(_decode_without_bom(data, declared))


# Text that is no web page but reaches extractors from crawls: feeds, sitemaps, API answers.
_XML_DOCUMENTS = {
    "rss": "an RSS feed (extract the pages its items link to)",
    "rdf:rdf": "an RSS 1.0 feed (extract the pages its items link to)",
    "feed": "an Atom feed (extract the pages its entries link to)",
    "urlset": "an XML sitemap (extract the pages it lists)",
    "sitemapindex": "an XML sitemap index",
}
_FIRST_ELEMENT = re.compile(
    r"(?:\s|<\?[^<>]*\?>|<!--.*?-->|<!doctype[^<>]*>)*<([a-z][\w:.\-]*)", re.IGNORECASE | re.DOTALL
)
_HEAD_CHARS = 4096


def _page_text(decoded: DecodedText) -> DecodedText:
    """The decoded text, unless it is a feed, a sitemap or JSON data rather than a page."""
    text = decoded.text
    first = _FIRST_ELEMENT.match(text[:_HEAD_CHARS].lstrip("\ufeff"))
    if first is not None and first.group(1).lower() in _XML_DOCUMENTS:
        raise NotHTMLError(_XML_DOCUMENTS[first.group(1).lower()])
    if _is_json(text):
        raise NotHTMLError("JSON data")
    return decoded


def _is_json(text: str) -> bool:
    # Only the ends are looked at first: copying every page to strip it would cost more.
    if text[:64].lstrip()[:1] not in ("{", "[") or text[-64:].rstrip()[-1:] not in ("}", "]"):
        return False
    try:
        json.loads(text)
    except ValueError:
        return False
    return True


def _decode_without_bom(data: bytes, declared: str | None) -> DecodedText:
    utf16 = _utf16_without_bom(data)
    if utf16:
        return DecodedText(data.decode(utf16, "replace"), utf16, "detected")
    jis = _iso_2022_jp(data)
    if jis is not None:
        return jis
    try:
        return DecodedText(data.decode("utf-8"), "utf-8", "utf-8", utf8=data)
    except UnicodeDecodeError:
        pass
    labels = [label for label in (declared, _meta_charset(data)) if label]
    fitting = _fitting_declaration(data, labels)
    replaced = data.decode("utf-8", "replace")
    if _mostly_utf8(data, replaced, declared_fits=fitting is not None):
        return DecodedText(
            replaced, "utf-8", "utf-8", ("invalid UTF-8 byte sequences were replaced",)
        )
    return fitting or _detect(data, labels)


# ISO-2022-JP writes Japanese in seven bits, switching to JIS X 0208 with an escape sequence
# (ESC $ B, or ESC $ @ in its first edition): its pages are valid UTF-8 as well, and were read
# so, escapes and all, even where they declared their charset. No other text of a page holds
# the escape byte. Python's "_ext" decoder reads the half-width katakana (ESC ( I) that the
# Encoding Standard's decoder reads too, and its plain one does not.
_JIS_ESCAPES = (b"\x1b$B", b"\x1b$@")


def _iso_2022_jp(data: bytes) -> DecodedText | None:
    if b"\x1b" not in data or not any(escape in data for escape in _JIS_ESCAPES):
        return None
    try:
        return DecodedText(data.decode("iso2022_jp_ext"), "iso2022_jp", "detected")
    except UnicodeDecodeError:
        return None


def _fitting_declaration(data: bytes, labels: list[str]) -> DecodedText | None:
    for label in labels:
        encoding = codec_of_label(label)
        if encoding is not None and encoding != "utf-8":
            try:
                return DecodedText(data.decode(encoding), encoding, "declared")
            except UnicodeDecodeError:
                continue
    return None


def _detect(data: bytes, labels: list[str]) -> DecodedText:
    warnings = tuple(map(_unfollowed, labels))
    sample = _evidence(data)
    language = _page_language(data, sample)
    expected = legacy_codec_of_language(language) if language else None
    encoding = _reading_of_letters(sample, language, expected) or _detected_codec(sample, expected)
    if encoding is not None:
        return DecodedText(data.decode(encoding, "replace"), encoding, "detected", warnings)
    return DecodedText(
        data.decode("cp1252", "replace"),
        "cp1252",
        "fallback",
        warnings + ("charset could not be detected; decoded as windows-1252",),
    )


def _unfollowed(label: str) -> str:
    if codec_of_label(label) is None:
        return f"declared charset {label!r} is not one browsers know; detected instead"
    return f"declared charset {label!r} does not fit the bytes"


_NOT_ASCII = re.compile(rb"[\x80-\xff]")
_NOT_ASCII_BYTES = bytes(range(0x80, 0x100))
_LEFT_CONTEXT = 256  # bytes of a long line kept before its first byte outside ASCII


def _evidence(data: bytes) -> bytes:
    """The lines that hold bytes outside ASCII, up to the detector's sample size: on most pages
    they are few and far down, past head sections of ASCII markup that tell nothing."""
    lines: list[bytes] = []
    size = 0
    position = 0
    while size < _DETECT_SAMPLE_BYTES:
        found = _NOT_ASCII.search(data, position)
        if found is None:
            break
        start = max(data.rfind(b"\n", 0, found.start()) + 1, found.start() - _LEFT_CONTEXT)
        end = data.find(b"\n", found.start(), found.start() + _DETECT_SAMPLE_BYTES)
        end = found.start() + _DETECT_SAMPLE_BYTES if end < 0 else end
        lines.append(data[start:end])
        size += end - start + 1
        position = end
    return b"\n".join(lines)[:_DETECT_SAMPLE_BYTES] if lines else data[:_DETECT_SAMPLE_BYTES]


def _page_language(data: bytes, sample: bytes) -> str | None:
    """The language the page declares, else the one its words tell (read as windows-1252,
    which keeps every ASCII word of any Latin script whole), if either does."""
    # imported here: few pages need detection, and the language reader loads its word lists
    from .metadata.language import detect

    declared = _declared_language(data)
    return declared or detect(_TAG.sub(" ", sample.decode("cp1252", "replace")))[0]


def _reading_of_letters(sample: bytes, language: str | None, codec: str | None) -> str | None:
    """Where a language's pages were saved in two charsets, the one other than its usual one
    (``codec``) if the sample read in it holds the language's letters, all but a few, and read
    in the usual one holds fewer: a Czech or Polish page in ISO-8859-2."""
    letters = letters_of_language(language)
    sibling = ISO_SIBLING_OF_CODEC.get(codec or "")
    if not codec or not letters or not sibling:
        return None
    misfits = _misfits(sample, sibling, letters)
    fits = misfits <= _MOST_MISFITS * _bytes_outside_ascii(sample)
    return sibling if fits and misfits < _misfits(sample, codec, letters) else None


_MOST_MISFITS = 0.1  # of the sample's bytes outside ASCII (a name, a quoted word)


def _misfits(sample: bytes, codec: str, letters: str) -> float:
    """How badly the sample read in the codec fits a language's letters: its letters beyond
    ASCII that are not the language's, and its other characters beyond ASCII that stand
    inside a word ("wi±zać") or are control codes."""
    try:
        text = _TAG.sub(" ", sample.decode(codec))
    except UnicodeDecodeError:
        return math.inf
    found = 0
    for position, character in enumerate(text):
        if character < "\x80" or character.lower() in letters:
            continue
        if character.isalpha() or character < "\xa0" or _inside_word(text, position):
            found += 1
    return found


def _inside_word(text: str, position: int) -> bool:
    return (
        0 < position < len(text) - 1
        and text[position - 1].isalpha()
        and text[position + 1].isalpha()
    )


def _detected_codec(sample: bytes, expected: str | None) -> str | None:
    """The language's legacy charset wherever the detector finds it a plausible reading, else
    the detector's best. A few bytes outside ASCII (a page of English with three accents) fit
    many charsets, and the detector's measure of their disorder then ranks them by noise: on
    real pages saved in windows-1252 it ranked ISO-8859-16 ("ñ" as "ń"), Mac Roman or a
    Japanese reading first. It drops readings that are plainly disordered, such as a page in
    a double-byte charset read as windows-1252. A text mostly outside ASCII that a Japanese
    charset reads whole, with kana, is Japanese: GB2312 sets its kana as EUC-JP does, and
    windows-874 reads each of them as two Thai letters, and the detector read pages of
    katakana in EUC-JP as either (every kanji another character, or the whole page Thai).
    Against a reading of one byte a character, the kana must stand side by side: a run of
    Thai letters, which has no spaces between words, reads as EUC-JP pairs too, and "ค"
    before another letter as a hiragana among pairs read as kanji."""
    from charset_normalizer import from_bytes

    matches = list(from_bytes(sample, cp_isolation=list(WEB_CODECS)))
    if not matches:
        return _double_byte_codec(sample, expected)
    plausible = {_python_name(name) for match in matches for name in match.could_be_from_charset}
    chosen = expected if expected in plausible else _python_name(matches[0].encoding)
    if chosen in _JAPANESE_CODECS:
        return chosen
    readings = _east_asian_readings(sample, _TEXT_OUTSIDE_ASCII)
    return _japanese_reading(sample, readings, chosen not in _DOUBLE_BYTE_CODECS) or chosen


# Bytes outside ASCII in a page's text (outside its tags, white space aside) as a share: a page
# in an East Asian double-byte charset has 0.11 to 1 (Big5 and Shift_JIS write many second
# bytes in ASCII's range), nineteen in twenty pages in windows-1252 under 0.04.
_MOSTLY_OUTSIDE_ASCII = 0.1
# A text at least this share outside ASCII is in a script other than Latin: where it forms
# fewer valid UTF-8 characters than bad bytes, it is no UTF-8 with damaged bytes but a legacy
# charset whose letters form some valid UTF-8 by chance, and only such a text is taken for
# East Asian against the detector's first choice. The pages in EUC-JP and GB18030 that form
# some valid UTF-8 have 0.45 to 1; tiny Latin pages with more stray bytes than accents reach
# 0.35, but no charset reads those as another script's letters.
_TEXT_OUTSIDE_ASCII = 0.3
_TAG_OR_SPACE = re.compile(rb"<[^<>]*>|\s+")
_JAPANESE_CODECS = ("cp932", "euc_jp")
_KANA_RANGE = "\u3041-\u30ff"
_KANA = re.compile(f"[{_KANA_RANGE}]")
_HAN = re.compile("[\u4e00-\u9fff]")
_KANA_IN_JAPANESE = 0.05  # of a Japanese text's kana and Chinese characters, at the least
# Kana in runs of two or more (particles, inflections, loanwords), as a share of all kana: a
# Japanese text's are mostly so, where a Thai text read as EUC-JP shows lone ones.
_KANA_RUN = re.compile(f"[{_KANA_RANGE}]{{2,}}")
_KANA_IN_RUNS = 0.5


def _double_byte_codec(sample: bytes, expected: str | None) -> str | None:
    """The East Asian double-byte charset of text that the detector finds no reading of,
    among those that read it whole (``_east_asian_readings``): the page's language's, a
    Japanese one whose reading holds kana, else the one the detector finds least disordered.
    Its threshold of disorder refused short pages of katakana read in their own charset (0.17
    to 0.32 against its 0.2), which came out as windows-1252, and a page of characters each
    set in brackets."""
    from charset_normalizer import from_bytes

    readings = _east_asian_readings(sample, _MOSTLY_OUTSIDE_ASCII)
    if not readings:
        return None
    if expected in readings:
        return expected
    japanese = _japanese_reading(sample, readings)
    if japanese:
        return japanese
    best = from_bytes(sample, cp_isolation=readings, threshold=1.0).best()
    return _python_name(best.encoding) if best else readings[0]


def _east_asian_readings(sample: bytes, least_share: float) -> list[str]:
    """The double-byte charsets that read whole a text whose bytes outside ASCII are at least
    this share of it. Below it, a few stray bytes and accents of a Latin text pair up with the
    letters after them, as GBK and Big5 read a byte of ASCII's letters second."""
    share = _outside_ascii(sample)
    return _double_byte_readings(sample) if share and share >= least_share else []


def _outside_ascii(sample: bytes) -> float:
    """The share of the bytes of the sample's text (outside its tags, white space aside) that
    are outside ASCII."""
    text = _TAG_OR_SPACE.sub(b"", sample)
    return _bytes_outside_ascii(text) / max(len(text), 1)


def _bytes_outside_ascii(data: bytes) -> int:
    return len(data) - len(data.translate(None, _NOT_ASCII_BYTES))


def _japanese_reading(sample: bytes, readings: list[str], in_runs: bool = False) -> str | None:
    """The Japanese charset among ``readings`` whose reading holds kana (Chinese never writes
    them) among its Chinese characters, if any; with ``in_runs``, kana mostly side by side."""
    for codec in _JAPANESE_CODECS:
        text = _whole_reading(sample, codec) if codec in readings else None
        if text is None:
            continue
        kana = len(_KANA.findall(text))
        if not kana or kana < _KANA_IN_JAPANESE * (kana + len(_HAN.findall(text))):
            continue
        if not in_runs or sum(map(len, _KANA_RUN.findall(text))) >= _KANA_IN_RUNS * kana:
            return codec
    return None


def _python_name(name: str) -> str:
    return codecs.lookup(name).name


_HTML_LANG = re.compile(
    rb"""<html\b[^>]{0,512}?\blang\s*=\s*["']?\s*([a-z]{2,3}(?:[-_][a-z0-9]{1,8})*)""",
    re.IGNORECASE,
)
_CONTENT_LANGUAGE = re.compile(
    rb"""<meta[^>]{0,256}?content-language["'][^>]{0,256}?content\s*=\s*["']?\s*([a-z]{2,3}(?:[-_][a-z0-9]{1,8})*)""",
    re.IGNORECASE,
)


def _declared_language(data: bytes) -> str | None:
    head = data[: _SNIFF_BYTES * 4]
    found = _HTML_LANG.search(head) or _CONTENT_LANGUAGE.search(head)
    return found.group(1).decode("ascii") if found else None


def _reject_binary(data: bytes) -> None:
    head = data[:64].lstrip()
    for signature, name in _SIGNATURES:
        if head.startswith(signature):
            raise NotHTMLError(name)
    sample = data[:_SNIFF_BYTES]
    controls = len(sample) - len(sample.translate(None, _BINARY_CONTROL_BYTES))
    if controls > len(sample) * 0.02 and _utf16_without_bom(data) is None:
        raise NotHTMLError("binary data")


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text of ASCII markup has a NUL in every other byte. Where the text is in another
    script (Cyrillic, kanji) only its markup has them, on one side of the byte pairs: then the
    markup's brackets must stand on the other side, beside a NUL. A Russian or Japanese page
    saved without a byte-order mark was refused as binary data."""
    sample = data[:512]
    if len(sample) < 8:
        return None
    low, high = sample[0::2], sample[1::2]
    even_nuls = low.count(0)
    odd_nuls = high.count(0)
    half = len(sample) // 2
    if odd_nuls > half * 0.8 and even_nuls < half * 0.1:
        return "utf-16-le"
    if even_nuls > half * 0.8 and odd_nuls < half * 0.1:
        return "utf-16-be"
    if odd_nuls >= half * _LEAST_MARKUP_NULS and even_nuls <= odd_nuls * 0.1:
        return "utf-16-le" if _tags_beside_nuls(low, high) else None
    if even_nuls >= half * _LEAST_MARKUP_NULS and odd_nuls <= even_nuls * 0.1:
        return "utf-16-be" if _tags_beside_nuls(high, low) else None
    return None


_LEAST_MARKUP_NULS = 0.2  # of the byte pairs, in a page's first 512 bytes
_LEAST_TAGS = 2


def _tags_beside_nuls(characters: bytes, nuls: bytes) -> bool:
    """Whether the byte pairs show both "<" and ">" beside a NUL, twice each at least. (A
    letter may share its byte with them: Cyrillic "м" is 04 3C.)"""
    pairs = list(zip(characters, nuls, strict=False))
    return all(pairs.count((bracket, 0)) >= _LEAST_TAGS for bracket in (0x3C, 0x3E))


def _meta_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:_SNIFF_BYTES])
    return match.group(1).decode("ascii", "replace") if match else None


def _mostly_utf8(data: bytes, replaced: str, declared_fits: bool) -> bool:
    """UTF-8 with a few damaged bytes: valid multi-byte characters are at least half as many as
    the bad bytes, or twice as many where a declared charset reads every byte. They are counted
    over the whole page: a page's few accented letters or curly quotes may sit far from its
    stray bytes. Text in a legacy charset of another script forms a few valid UTF-8 characters
    by chance: where the bad bytes outnumber the valid characters, a text mostly outside ASCII
    that an East Asian charset reads whole, or that a charset of one byte a character reads as
    letters of a script other than Latin, is taken for that charset (short pages of kanji in
    EUC-JP, of Thai whose leading vowels stand before two consonants, of Russian in IBM866
    came out as replacement signs). Japanese in UTF-8 with as many stray bytes reads as
    neither. ``replaced`` is the data read as UTF-8, replacement signs and all."""
    bad = replaced.count("\ufffd")
    valid_multibyte = len(data) - len(replaced)  # each such character took 2-4 bytes
    if declared_fits:
        return 2 * bad <= valid_multibyte
    if bad <= valid_multibyte:
        return True
    if bad > 2 * valid_multibyte:
        return False
    evidence = _evidence(data)
    if _outside_ascii(evidence) < _TEXT_OUTSIDE_ASCII:
        return True
    return not (_double_byte_readings(evidence) or _in_another_script(evidence))


# East Asian charsets of two bytes a character (GB18030 takes four for some): their text is
# mostly bytes outside ASCII, which pair up as few texts in other charsets do.
_DOUBLE_BYTE_CODECS = ("gb18030", "big5hkscs", "cp932", "euc_jp", "cp949")
# Characters of one byte in those charsets, which their texts hold few of: C1 controls and
# Latin-1 (a Big5 or GBK decoder's reading of a lone byte), half-width katakana, private use.
_NOT_DOUBLE_BYTE = re.compile("[\u0080-\u00ff\uff61-\uff9f\ue000-\uf8ff]")
_MOST_NOT_DOUBLE_BYTE = 0.1  # of a reading's characters outside ASCII


def _double_byte_readings(sample: bytes) -> list[str]:
    """The East Asian double-byte charsets that read every byte of the sample as characters
    of their two-byte repertoire. Shift_JIS reads any byte from A1 to DF alone, as a
    half-width katakana, and Python's decoder reads FD to FF as private-use characters: so
    read, an accent of UTF-8 and two stray bytes ("Cafﾃｩ") made a Japanese text."""
    readings = []
    for codec in _DOUBLE_BYTE_CODECS:
        text = _whole_reading(sample, codec)
        if text is None:
            continue
        outside_ascii = len(text) - len(text.encode("ascii", "ignore"))
        if len(_NOT_DOUBLE_BYTE.findall(text)) <= outside_ascii * _MOST_NOT_DOUBLE_BYTE:
            readings.append(codec)
    return readings


def _whole_reading(sample: bytes, codec: str) -> str | None:
    """The sample read in the codec, if every byte reads; a character the sample cuts in two at
    its end (it is cut at a size) is left out."""
    try:
        return codecs.getincrementaldecoder(codec)().decode(sample, final=False)
    except UnicodeDecodeError:
        return None


# The charsets of one byte a character, and the letters of a script other than Latin (Greek
# on), with the marks Thai and Hebrew write above and below them, that most characters outside
# ASCII of a text in one of them are.
_ONE_BYTE_CODECS = tuple(
    codec
    for codec in WEB_CODECS
    if codec not in _DOUBLE_BYTE_CODECS and codec not in ("utf-8", "iso2022_jp")
)
_FIRST_NOT_LATIN = "\u0370"
_MOST_NOT_LETTERS = 0.1


def _in_another_script(sample: bytes) -> bool:
    """Whether the detector's best reading of the sample in a charset of one byte a character
    is made of letters of a script other than Latin."""
    from charset_normalizer import from_bytes

    best = from_bytes(sample, cp_isolation=list(_ONE_BYTE_CODECS)).best()
    if best is None:
        return False
    outside_ascii = [c for c in sample.decode(best.encoding, "replace") if c > "\x7f"]
    others = sum(
        c < _FIRST_NOT_LATIN or not (c.isalpha() or unicodedata.category(c) in ("Mn", "Mc"))
        for c in outside_ascii
    )
    return bool(outside_ascii) and others <= _MOST_NOT_LETTERS * len(outside_ascii)


# Text that went through UTF-8 -> Latin-1 or Windows-1252 -> UTF-8 shows each non-ASCII
# character as two to four: "donâ€™t", "Â©", "cafÃ©". A text is repaired only where such
# sequences recur (a legitimate "Â" or "â" is followed by a letter, not by one of these), and
# only sequences that read as valid UTF-8 once turned back into bytes are replaced.
_CONTINUATION = "\x80-\xbf€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"
# The characters a continuation byte reads as, one by one (the range above spelt out).
_CONTINUATION_CHARACTERS = frozenset(
    [chr(byte) for byte in range(0x80, 0xC0)] + list(_CONTINUATION.partition("\xbf")[2])
)
# The first character of the commonest sequences: "Â", "Ã" and "â" (the bytes C2, C3 and E2).
_SIGN_LEADS = "ÂÃâ"
_DOUBLE_ENCODED = re.compile(
    f"[\xc2-\xdf][{_CONTINUATION}]|[\xe0-\xef][{_CONTINUATION}]{{2}}"
    f"|[\xf0-\xf4][{_CONTINUATION}]{{3}}"
)
_MIN_SIGNS = 3
# A no-break space encoded twice is "Â" and a no-break space; once the text's white space is
# made plain, the "Â" stands alone before a space ("offersÂ a", "cats.Â" at a line's end, a
# run "1.Â Â Â"); one that starts a word ("Â la carte") is left.
_ORPHANED_NO_BREAK = re.compile(r"(?<=\S)Â(?=\s|$)|(?<=Â) Â(?=\s|$)")
# An "à" encoded twice is "Ã" and a no-break space, which the white space made plain turns
# into a space ("voilÃ la", "Ã bientôt"): before white space, a lone "Ã" is that "à".
_SPLIT_A_GRAVE = re.compile(r"Ã(?=\s|$)")
# HTML is repaired as the text it shows: the tags of inline elements (those the HTML renderer
# writes inside a line, named in render.html.INLINE_TAGS) stand for nothing, so that a sequence
# the text reads across them is read across them here too ("â\x80" closing one element, "\x80"
# opening the next), and any other tag (a paragraph's, a cell's, a line break) ends a run of
# text, as the text's white space there does.
_TAG = re.compile("(<[^<>]*>)")


@cache
def _inline_tag(names: frozenset[str]) -> re.Pattern[str]:
    return re.compile(rf"</?(?:{'|'.join(sorted(map(re.escape, names)))})\b[^<>]*>")


def double_encoded(text: str) -> bool:
    """Whether the text shows, again and again, UTF-8 that was read as Latin-1 or
    Windows-1252: the evidence a page needs before any of its text is turned back."""
    # Each lead looked for with str.find, whose scan is far faster than a pattern's on a page's
    # whole markup: a lead is no continuation, so two signs never overlap and the signs of
    # each lead add up to those of all three.
    signs = 0
    for lead in _SIGN_LEADS:
        at = text.find(lead)
        while at >= 0:
            if text[at + 1 : at + 2] in _CONTINUATION_CHARACTERS:
                signs += 1
                if signs == _MIN_SIGNS:
                    return True
            at = text.find(lead, at + 1)
    return False


def turned_back(text: str, inline_tags: frozenset[str] | None = None) -> tuple[str, int]:
    """The text with every sequence that reads as valid UTF-8 once turned back into bytes
    replaced by the character it encodes, and how many were (for a page shown to be
    ``double_encoded``). Given the names of its ``inline_tags`` (``render.html.INLINE_TAGS``),
    the text is HTML, repaired as the text it shows, its tags kept."""
    if inline_tags is not None:
        return _turned_back_in_markup(text, _inline_tag(inline_tags))
    count = 0
    for pattern, replace in _PASSES:
        text, done = _counted_sub(pattern, replace, text)
        count += done
    return text, count


def _counted_sub(
    pattern: re.Pattern[str], replace: Callable[[str], str | None], text: str
) -> tuple[str, int]:
    """``pattern.sub`` with how many matches were replaced; ``replace`` gives None to leave a
    match as it is."""
    done = 0

    def replaced(match: re.Match[str]) -> str:
        nonlocal done
        replacement = replace(match.group(0))
        if replacement is None:
            return match.group(0)
        done += 1
        return replacement

    return pattern.sub(replaced, text), done


def _character_of(sequence: str) -> str | None:
    """The character a sequence encodes once turned back into bytes, or None."""
    try:
        return bytes(map(_byte_of, sequence)).decode("utf-8")
    except UnicodeDecodeError:
        return None


def _turned_back_in_markup(html: str, inline_tag: re.Pattern[str]) -> tuple[str, int]:
    """HTML repaired as ``turned_back`` repairs the text it shows, every tag kept. The text has
    a line break or other white space where the HTML has a tag that is not an inline element's,
    and no pass reads across white space but as the end of a run of text, so each run between
    two such tags is repaired on its own: as plain text where no inline tag cuts it."""
    pieces = _TAG.split(html)  # text, a tag, text, a tag, ...
    out: list[str] = []
    run: list[str] = []  # text, an inline tag, text, ...
    count = 0
    for index, piece in enumerate(pieces):
        if index % 2 and not inline_tag.fullmatch(piece):
            repaired, done = _run_turned_back(run)
            out.extend((repaired, piece))
            count += done
            run = []
        else:
            run.append(piece)
    repaired, done = _run_turned_back(run)
    out.append(repaired)
    return "".join(out), count + done


def _run_turned_back(run: list[str]) -> tuple[str, int]:
    """A run of text cut by inline tags (text, a tag, text, ...) repaired as the text it shows,
    the tags kept: each character is traced to its piece through every pass, and a character
    that replaces a sequence goes where the sequence began."""
    if len(run) == 1:
        return turned_back(run[0])
    shown: list[str] = []
    origin: list[int] = []  # the piece each character of ``shown`` came from
    for index in range(0, len(run), 2):
        shown.extend(run[index])
        origin.extend([index] * len(run[index]))
    text, count = "".join(shown), 0
    for pattern, replace in _PASSES:
        text, origin, done = _traced_sub(pattern, replace, text, origin)
        count += done
    kept: list[list[str]] = [[] for _ in run]
    for character, index in zip(text, origin):
        kept[index].append(character)
    repaired = (piece if index % 2 else "".join(kept[index]) for index, piece in enumerate(run))
    return "".join(repaired), count


def _traced_sub(
    pattern: re.Pattern[str],
    replace: Callable[[str], str | None],
    text: str,
    origin: list[int],
) -> tuple[str, list[int], int]:
    """``pattern.sub`` that carries each character's origin along: a replacement's characters
    take the origin of the match's first. ``replace`` gives None to leave a match as it is."""
    out: list[str] = []
    traced: list[int] = []
    done = last = 0
    for match in pattern.finditer(text):
        start, end = match.span()
        replacement = replace(match.group(0))
        if replacement is None:
            continue
        out.append(text[last:start])
        traced.extend(origin[last:start])
        out.append(replacement)
        traced.extend([origin[start]] * len(replacement))
        done += 1
        last = end
    out.append(text[last:])
    traced.extend(origin[last:])
    return "".join(out), traced, done


# turned_back's three passes, in order, each with what a match becomes (None: left as it is):
# the text's and the HTML's alike
_PASSES: tuple[tuple[re.Pattern[str], Callable[[str], str | None]], ...] = (
    (_DOUBLE_ENCODED, _character_of),
    (_ORPHANED_NO_BREAK, lambda _: ""),
    (_SPLIT_A_GRAVE, lambda _: "à"),
)


def _byte_of(character: str) -> int:
    """The byte Windows-1252 writes as this character (Latin-1 for the five it leaves out)."""
    code = ord(character)
    return code if code < 0x100 else character.encode("cp1252")[0]
