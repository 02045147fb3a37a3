"""Benchmark charset detection on real pages saved, undeclared, in their language's legacy charsets.

    python -m bench.charset [--data PATH] [--archives PATH] [--limit N]

Detection runs where a page's bytes are not UTF-8 and nothing declares their charset (or the
declaration does not fit). To test it on text whose every character is known, this command
takes real pages: every third English page of WCXB and all its pages in other languages, and
the HTML responses of the sample web archives (``../shared/data/warc-samples``) in languages
other than English. It decodes each as thresher does, takes out every charset declaration
(``<meta charset>``, ``http-equiv``, the XML declaration), and encodes the page into each
legacy charset its language was commonly written in; a character that charset lacks becomes
a numeric reference, as legacy pages wrote it. A page whose bytes come out as plain ASCII has
nothing to detect and is left out (ISO-2022-JP writes Japanese in seven bits, between escape
sequences that tell it).

Each page is saved in three forms: whole, as it came; whole without the language it declares
(``<html lang>``, ``Content-Language``), as many legacy pages were written; and short, as a page
of its title and the first paragraphs of its main content (about 600 characters), declaring
nothing: short pages give detection little to go on.

A page counts as right when it decodes to exactly the text it was encoded from. The decoders
browsers use stand for two labels: text saved as Shift_JIS is read with Windows-31J (cp932)
and Big5 with Big5-HKSCS, which agree with them on every character those charsets hold.
Beside ``thresher.decode`` the command runs the detectors alone, when installed: the one
thresher depends on (charset-normalizer, given the page's first 64 KB), cchardet, chardet and
resiliparse's ``detect_encoding``; each detector's answer decodes the page, and CPU time is
per page.
"""

from __future__ import annotations

import argparse
import codecs
import html
import re
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from importlib import import_module, metadata
from pathlib import Path

import thresher
from thresher.decode import decode

from .dataset import DEFAULT_DATA, load_samples
from .run import RESULTS, record_results, section_opening

DEFAULT_ARCHIVES = DEFAULT_DATA.parent / "warc-samples"
_ARCHIVES = (
    "resiliparse/warcfile.warc.gz",
    "resiliparse/clueweb-quirk.warc.gz",
    "dolma/sample-0000.warc.gz",
    "dolma/sample-0001.warc.gz",
)
# The charsets each language's pages were saved in before UTF-8 (the languages of the pages).
LEGACY_CHARSETS = {
    "en": ("cp1252",),
    "fr": ("cp1252", "iso8859-15"),
    "de": ("cp1252",),
    "nl": ("cp1252",),
    "id": ("cp1252",),
    "ru": ("cp1251", "koi8-r"),
    "zh": ("gb18030", "big5"),
    "ja": ("shift_jis", "euc_jp", "iso2022_jp"),
}
# What a browser decodes text saved in these charsets with.
_READ_AS = {"shift_jis": "cp932", "big5": "big5hkscs"}
_DECLARATION = re.compile(rb"<meta[^>]*charset[^>]*>|<\?xml[^>]*\?>", re.IGNORECASE)
_LANGUAGE = re.compile(
    r"""(?<=<html)(\b[^>]*?)\s(?:xml:)?lang\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+)"""
    r"|<meta[^>]*content-language[^>]*>",
    re.IGNORECASE,
)
_SHORT_PAGE_CHARS = 600
_HEAD_BYTES = 64 * 1024


@dataclass(frozen=True, slots=True)
class Case:
    source: str  # the page's id or archive
    charset: str  # with the form, where it is not the whole page: "euc_jp, short"
    data: bytes
    truth: str


@dataclass(frozen=True, slots=True)
class _Page:
    source: str
    language: str
    text: str  # the page as decoded
    short: str  # its title and first paragraphs, as a page of their own


def _pages(data: Path, archives: Path, limit: int | None) -> Iterator[_Page]:
    """Each page the test set is made from."""
    english = 0
    for sample in load_samples(data, limit):
        page = _page(sample.page_id, decode(sample.html).text)
        if page.language == "en":
            english += 1
            if english % 3 != 1:
                continue
        yield page
    for body, charset, name in _archive_pages(archives):
        page = _page(name, decode(body, charset).text)
        if page.language != "en":
            yield page


def _page(source: str, text: str) -> _Page:
    document = thresher.extract(text, options=thresher.Options(include_metadata=False))
    paragraphs, size = [], 0
    for paragraph in document.text.split("\n\n"):
        if size >= _SHORT_PAGE_CHARS:
            break
        paragraphs.append(f"<p>{html.escape(paragraph)}</p>")
        size += len(paragraph)
    title = html.escape(document.title or "")
    short = f"<html><head><title>{title}</title></head><body>{''.join(paragraphs)}</body></html>"
    return _Page(source, (document.language or "").split("-")[0], text, short)


def _archive_pages(folder: Path) -> Iterator[tuple[bytes, str | None, str]]:
    from thresher.archive.http import parse_response
    from thresher.archive.records import ArchiveRecord, read_archive

    for name in _ARCHIVES:
        if not (folder / name).exists():
            continue
        for item in read_archive(folder / name, 1 << 26):
            if isinstance(item, ArchiveRecord) and item.record_type == "response":
                response = parse_response(item.block, 1 << 26)
                if response.is_html() and response.body.strip():
                    yield response.body, response.charset, f"{name}@{item.offset}"


def cases(data: Path, archives: Path, limit: int | None) -> list[Case]:
    found = []
    for page in _pages(data, archives, limit):
        undeclared = _DECLARATION.sub(b"", page.text.encode("utf-8", "surrogatepass")).decode()
        forms = {
            "": undeclared,
            ", no language": _LANGUAGE.sub(r"\1", undeclared),
            ", short": page.short,
        }
        for charset in LEGACY_CHARSETS.get(page.language, ()):
            for form, text in forms.items():
                saved = text.encode(charset, "xmlcharrefreplace")
                nothing_to_detect = saved.isascii() and b"\x1b" not in saved
                if nothing_to_detect or (form == ", no language" and text == undeclared):
                    continue
                truth = saved.decode(_READ_AS.get(charset, charset))
                found.append(Case(page.source, charset + form, saved, truth))
    return found


Detector = Callable[[bytes], str | None]


def _detectors() -> tuple[dict[str, Detector], dict[str, str]]:
    """Each detector installed, by name, and its version."""
    detectors: dict[str, Detector] = {}
    versions = {"thresher": metadata.version("thresher")}
    for name, package, make in (
        ("charset-normalizer (first 64 KB)", "charset-normalizer", _charset_normalizer),
        ("cchardet", "faust-cchardet", _cchardet),
        ("chardet", "chardet", _chardet),
        ("resiliparse", "resiliparse", _resiliparse),
    ):
        try:
            detectors[name] = make()
        except ImportError:
            continue
        versions[name] = metadata.version(package)
    return detectors, versions


def _charset_normalizer() -> Detector:
    from charset_normalizer import from_bytes

    def detect(data: bytes) -> str | None:
        best = from_bytes(data[:_HEAD_BYTES]).best()
        return best.encoding if best else None

    return detect


def _cchardet() -> Detector:
    module = import_module("cchardet")
    return lambda data: module.detect(data[:_HEAD_BYTES])["encoding"]


def _chardet() -> Detector:
    module = import_module("chardet")
    return lambda data: module.detect(data[:_HEAD_BYTES])["encoding"]


def _resiliparse() -> Detector:
    module = import_module("resiliparse.parse.encoding")
    return lambda data: module.detect_encoding(data)


def _decoded_by(detector: Detector, data: bytes) -> str:
    label = detector(data)
    try:
        return data.decode(codecs.lookup(label).name if label else "cp1252", "replace")
    except LookupError:
        return data.decode("cp1252", "replace")


def run(data: Path, archives: Path, limit: int | None) -> dict:
    detectors, versions = _detectors()
    systems: dict[str, Callable[[bytes], str]] = {"thresher": lambda raw: decode(raw).text}
    for name, detector in detectors.items():
        systems[name] = lambda raw, detector=detector: _decoded_by(detector, raw)
    test_set = cases(data, archives, limit)
    tallies: dict[str, dict[str, list[float]]] = defaultdict(_charset_tallies)
    for case in test_set:
        for name, read in systems.items():
            started = time.process_time()
            text = read(case.data)
            tally = tallies[name][case.charset]
            tally[2] += time.process_time() - started
            tally[0] += 1
            tally[1] += text == case.truth
    return {
        "date": date.today().isoformat(),
        "command": "python -m bench.charset",
        "data": str(data),
        "pages": len({case.source for case in test_set}),
        "cases": len(test_set),
        "versions": versions,
        "systems": {name: _summary(by_charset) for name, by_charset in tallies.items()},
    }


def _charset_tallies() -> defaultdict[str, list[float]]:
    return defaultdict(lambda: [0, 0, 0.0])  # pages, right, CPU seconds


def _summary(by_charset: dict[str, list[float]]) -> dict:
    cases = sum(tally[0] for tally in by_charset.values())
    return {
        "right": round(sum(tally[1] for tally in by_charset.values()) / cases, 4),
        "cpu_ms_per_page": round(1000 * sum(tally[2] for tally in by_charset.values()) / cases, 2),
        "by_charset": {
            charset: {"pages": int(tally[0]), "right": round(tally[1] / tally[0], 4)}
            for charset, tally in sorted(by_charset.items())
        },
    }


def table(report: dict) -> str:
    names = list(report["systems"])
    charsets = list(report["systems"]["thresher"]["by_charset"])
    lines = ["| charset (pages) | " + " | ".join(names) + " |", "|---" * (len(names) + 1) + "|"]
    for charset in charsets:
        scores = [report["systems"][name]["by_charset"][charset] for name in names]
        cells = " | ".join(f"{score['right']:.3f}" for score in scores)
        lines.append(f"| {charset} ({scores[0]['pages']}) | {cells} |")
    overall = " | ".join(f"**{report['systems'][name]['right']:.3f}**" for name in names)
    speed = " | ".join(f"{report['systems'][name]['cpu_ms_per_page']:.2f}" for name in names)
    lines.append(f"| all ({report['cases']}) | {overall} |")
    lines.append(f"| CPU ms per page | {speed} |")
    return "\n".join(lines)


def charset_section(report: dict) -> str:
    versions = ", ".join(f"{name} {version}" for name, version in report["versions"].items())
    return (
        section_opening("Charset detection on undeclared legacy pages", report)
        + f"{report['pages']} real pages saved in {report['cases']} ways; {versions}. The share "
        "of pages decoded to exactly their text, by the charset they were saved in (see "
        "`bench/charset.py`).\n\n"
        f"{table(report)}\n"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="a WCXB folder")
    parser.add_argument("--archives", type=Path, default=DEFAULT_ARCHIVES, help="WARC samples")
    parser.add_argument("--limit", type=int, help="only the first N WCXB pages")
    parser.add_argument("--output", type=Path, default=RESULTS / "charset.json")
    args = parser.parse_args(argv)
    report = run(args.data, args.archives, args.limit)
    if args.limit is None:
        record_results(args.output, report)
    print(table(report))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
