"""Charset labels as browsers read them, and the legacy charset each language's pages use.

A page's declared label means what the WHATWG Encoding Standard says it means, because that is
how the browsers its authors checked it in decoded it: "iso-8859-1" and "ascii" are read as
windows-1252, "gb2312" as GBK (decoded by the GB18030 decoder), "shift_jis" and "euc-kr" as
Microsoft's supersets, and a ``<meta>`` that says UTF-16 as UTF-8. Labels the standard does not
know (and Python codecs no browser offers, such as UTF-7 or punycode) are not followed.
"""

from __future__ import annotations

import re

# Half of a UTF-16 pair alone: no character, and no UTF-8 writer takes it. Python makes one of
# each byte it could not decode with "surrogateescape" (a file name, a command-line argument),
# and json.loads of an escaped half ("\ud800"). Built: mypyc takes no literal one.
LONE_SURROGATE = re.compile(f"[{chr(0xD800)}-{chr(0xDFFF)}]")

# Python codec -> the labels the Encoding Standard gives it (lower case).
_LABELS: dict[str, str] = {
    "utf-8": "unicode-1-1-utf-8 unicode11utf8 unicode20utf8 utf-8 utf8 x-unicode20utf8",
    "cp866": "866 cp866 csibm866 ibm866",
    "iso8859-2": "csisolatin2 iso-8859-2 iso-ir-101 iso8859-2 iso88592 iso_8859-2 "
    "iso_8859-2:1987 l2 latin2",
    "iso8859-3": "csisolatin3 iso-8859-3 iso-ir-109 iso8859-3 iso88593 iso_8859-3 "
    "iso_8859-3:1988 l3 latin3",
    "iso8859-4": "csisolatin4 iso-8859-4 iso-ir-110 iso8859-4 iso88594 iso_8859-4 "
    "iso_8859-4:1988 l4 latin4",
    "iso8859-5": "csisolatincyrillic cyrillic iso-8859-5 iso-ir-144 iso8859-5 iso88595 "
    "iso_8859-5 iso_8859-5:1988",
    "iso8859-6": "arabic asmo-708 csiso88596e csiso88596i csisolatinarabic ecma-114 "
    "iso-8859-6 iso-8859-6-e iso-8859-6-i iso-ir-127 iso8859-6 iso88596 iso_8859-6 "
    "iso_8859-6:1987",
    "iso8859-7": "csisolatingreek ecma-118 elot_928 greek greek8 iso-8859-7 iso-ir-126 "
    "iso8859-7 iso88597 iso_8859-7 iso_8859-7:1987 sun_eu_greek",
    "iso8859-8": "csiso88598e csisolatinhebrew hebrew iso-8859-8 iso-8859-8-e iso-ir-138 "
    "iso8859-8 iso88598 iso_8859-8 iso_8859-8:1988 visual csiso88598i iso-8859-8-i logical",
    "iso8859-10": "csisolatin6 iso-8859-10 iso-ir-157 iso8859-10 iso885910 l6 latin6",
    "iso8859-13": "iso-8859-13 iso8859-13 iso885913",
    "iso8859-14": "iso-8859-14 iso8859-14 iso885914",
    "iso8859-15": "csisolatin9 iso-8859-15 iso8859-15 iso885915 iso_8859-15 l9",
    "iso8859-16": "iso-8859-16",
    "koi8-r": "cskoi8r koi koi8 koi8-r koi8_r",
    "koi8-u": "koi8-ru koi8-u",
    "mac-roman": "csmacintosh mac macintosh x-mac-roman",
    "cp874": "dos-874 iso-8859-11 iso8859-11 iso885911 tis-620 windows-874",
    "cp1250": "cp1250 windows-1250 x-cp1250",
    "cp1251": "cp1251 windows-1251 x-cp1251",
    "cp1252": "ansi_x3.4-1968 ascii cp1252 cp819 csisolatin1 ibm819 iso-8859-1 iso-ir-100 "
    "iso8859-1 iso88591 iso_8859-1 iso_8859-1:1987 l1 latin1 us-ascii windows-1252 x-cp1252",
    "cp1253": "cp1253 windows-1253 x-cp1253",
    "cp1254": "cp1254 csisolatin5 iso-8859-9 iso-ir-148 iso8859-9 iso88599 iso_8859-9 "
    "iso_8859-9:1989 l5 latin5 windows-1254 x-cp1254",
    "cp1255": "cp1255 windows-1255 x-cp1255",
    "cp1256": "cp1256 windows-1256 x-cp1256",
    "cp1257": "cp1257 windows-1257 x-cp1257",
    "cp1258": "cp1258 windows-1258 x-cp1258",
    "mac-cyrillic": "x-mac-cyrillic x-mac-ukrainian",
    "gb18030": "chinese csgb2312 csiso58gb231280 gb2312 gb_2312 gb_2312-80 gbk iso-ir-58 "
    "x-gbk gb18030",
    "big5hkscs": "big5 big5-hkscs cn-big5 csbig5 x-x-big5",
    "euc_jp": "cseucpkdfmtjapanese euc-jp x-euc-jp",
    "iso2022_jp": "csiso2022jp iso-2022-jp",
    "cp932": "csshiftjis ms932 ms_kanji shift-jis shift_jis sjis windows-31j x-sjis",
    "cp949": "cseuckr csksc56011987 euc-kr iso-ir-149 korean ks_c_5601-1987 ks_c_5601-1989 "
    "ksc5601 ksc_5601 windows-949",
}
CODEC_OF_LABEL: dict[str, str] = {
    label: codec for codec, labels in _LABELS.items() for label in labels.split()
}
# The charsets a page may be written in, for detection: every one a browser decodes.
WEB_CODECS: tuple[str, ...] = tuple(_LABELS)

# The legacy charset browsers assume for pages of a language that declare none (what their
# locale's default is): a page in Czech without a declaration was most likely saved in
# windows-1250 on a Czech author's machine. Languages not named here default to windows-1252.
_LEGACY_OF_LANGUAGES: dict[str, str] = {
    "cp1250": "bs cs hr hu pl ro sk sl sq sr-latn",
    "cp1251": "be bg kk ky mk mn ru sr tg tt uk",
    "cp1253": "el",
    "cp1254": "az ku tr",
    "cp1255": "he yi",
    "cp1256": "ar fa ur",
    "cp1257": "et lt lv",
    "cp1258": "vi",
    "cp874": "th",
    "cp932": "ja",
    "cp949": "ko",
}
_LEGACY_OF_LANGUAGE = {
    language: codec
    for codec, languages in _LEGACY_OF_LANGUAGES.items()
    for language in languages.split()
}
_TRADITIONAL_CHINESE = ("zh-tw", "zh-hk", "zh-mo", "zh-hant")


def codec_of_label(label: str | None) -> str | None:
    """The Python codec a browser would decode a declared charset label with, if any."""
    if not label:
        return None
    return CODEC_OF_LABEL.get(label.strip().strip("\"'").lower())


def legacy_codec_of_language(language: str | None) -> str:
    """The legacy charset most pages in a language (a BCP 47 tag such as "cs" or "zh-TW") were
    written in when they declare none."""
    tag = _normal_tag(language)
    if tag.startswith("zh"):
        return "big5hkscs" if tag.startswith(_TRADITIONAL_CHINESE) else "gb18030"
    if tag.startswith("sr-latn"):
        return "cp1250"
    return _LEGACY_OF_LANGUAGE.get(tag.split("-")[0], "cp1252")


def letters_of_language(language: str | None) -> str | None:
    """The letters beyond ASCII a language of windows-1250 writes (``LETTERS_OF_LANGUAGES``)."""
    return LETTERS_OF_LANGUAGES.get(_normal_tag(language).split("-")[0])


def _normal_tag(language: str | None) -> str:
    return (language or "").strip().lower().replace("_", "-")


# The letters beyond ASCII each language of windows-1250 writes (lower case). Their pages were
# saved in ISO-8859-2 as well, which sets some of the commonest elsewhere ("š", "ž", "ś", "ą"
# stand where windows-1250 has "ą", "ľ", "¶", "±"): the reading whose letters are the
# language's tells the two apart.
LETTERS_OF_LANGUAGES: dict[str, str] = {
    "bs": "čćđšž",
    "cs": "áčďéěíňóřšťúůýž",
    "hr": "čćđšž",
    "hu": "áéíóöőúüű",
    "pl": "ąćęłńóśźż",
    "ro": "ăâîșşțţ",
    "sk": "áäčďéíĺľňóôŕšťúýž",
    "sl": "čćšž",
    "sq": "çë",
}
ISO_SIBLING_OF_CODEC = {"cp1250": "iso8859-2"}
