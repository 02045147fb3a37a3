"""The ``thresher`` command: arguments become one Options value, then the library runs."""

from __future__ import annotations

import argparse
import io
import json
import math
import os
import re
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from . import __version__
from .batch import PageJob, PageOutput, render_pages
from .build_info import describe
from .inputs import Named, Unreadable, name_sources, printable, read_named
from .options import DEFAULT_OPTIONS, MIN_DEPTH, Focus, Options
from .render.formats import FORMATS
from .schema import json_schema

_ADDRESS_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]+):/")  # two letters at least: not C:/
_RENAMED = "as an earlier page's output has its name"
_UNSAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


_REPAIR_HELP = (
    'turn back text that was encoded twice ("donâ€™t" becomes "don’t"; the default), or keep '
    "the page's characters as they came"
)
_NO_METADATA_HELP = (
    "leave out the title, authors, dates and the rest of the metadata, about 10%% of the "
    "time per page (the language is still read)"
)


_EXTRACT_EXAMPLES = """examples:
  thresher extract page.html                      the main content as plain text
  thresher extract page.html.gz -f md             as Markdown, the metadata as front matter
  thresher extract https://example.org/a -f json  fetched; text, metadata and comments as JSON
  thresher extract post.html --comments           the readers' comments after the content
  thresher extract pages/ -o out/ --workers 4     a folder of pages, 4 at once
  curl -s URL | thresher extract - --url URL      from standard input, with the page's address"""
_RUN_EXAMPLES = """examples:
  thresher run crawl/*.warc.gz -o corpus/           Parquet shards, on every core
  thresher run paths.txt -o corpus/ --format jsonl  the archives a file lists, as JSON lines
  thresher run crawl/ -o corpus/ --engine ray       one Ray task per archive"""
_SERVE_EXAMPLES = """examples:
  thresher serve --port 8080 --workers 4
  curl --data-binary @page.html 'http://127.0.0.1:8080/extract?format=md'
  curl -F page=@page.html -F format=md http://127.0.0.1:8080/extract"""


class _HelpFormatter(argparse.HelpFormatter):
    """argparse's own, except that a paragraph of indented lines (the examples) is printed as
    written, not run together into one."""

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        paragraphs = text.split("\n\n")
        # inside a generator expression, super() without arguments would take the generator's
        # own argument for self
        return "\n\n".join(
            indent + paragraph.replace("\n", "\n" + indent)
            if "\n  " in paragraph
            else super(_HelpFormatter, self)._fill_text(paragraph, width, indent)
            for paragraph in paragraphs
        )


class _PrintVersion(argparse.Action):
    """Print the version on one line: argparse's own version action wraps it to the
    terminal's width, and scripts read the line."""

    def __call__(self, parser: argparse.ArgumentParser, *_: object) -> None:
        print(f"thresher {__version__} ({describe()})")
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="thresher",
        description="Separate a web page's main content from navigation, ads and other chaff.",
    )
    parser.add_argument(
        "--version",
        action=_PrintVersion,
        nargs=0,
        help="print the version and how this installation runs, then exit",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    _add_extract_command(commands)
    _add_run_command(commands)
    _add_serve_command(commands)
    commands.add_parser(
        "schema",
        help="print the JSON Schema of --format json",
        description="Print the JSON Schema (draft 2020-12) that every JSON object of "
        "'thresher extract --format json' satisfies.",
    )
    return parser


def _add_extract_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    extract = commands.add_parser(
        "extract",
        formatter_class=_HelpFormatter,
        epilog=_EXTRACT_EXAMPLES,
        help="print the main content of pages",
        description="Print the main content of each page. SOURCE is a file (.html, .htm, "
        ".html.gz), a directory (every page in it), '-' for standard input, or an http(s) URL.",
    )
    extract.add_argument(
        "sources",
        nargs="+",
        metavar="SOURCE",
        help="a page's file, a directory of pages, '-' for standard input, or an http(s) URL",
    )
    extract.add_argument(
        "-f",
        "--format",
        choices=FORMATS,
        default="txt",
        help="txt: plain text (default); md: Markdown with YAML front matter; html: a clean "
        "HTML document (the metadata in its head; no scripts, styles or classes); json: one "
        "JSON object per page, naming its SOURCE in the field source; anatomy: every block with "
        "its label, confidence, whether the text holds it (or why not) and path. Several pages "
        "printed to standard output in a format other than json each open with a line "
        "'==> SOURCE <==', as head(1) writes",
    )
    extract.add_argument(
        "--focus",
        choices=[focus.value for focus in Focus],
        default="balanced",
        help="favour precision (less chaff) or recall (less lost text)",
    )
    extract.add_argument(
        "--url",
        help=(
            "the page's address, when reading one page from a file or stdin: relative links"
            " resolve against it, and the title, date and site name read its evidence (without"
            " it, the address a browser wrote into the saved page, or the one the page declares,"
            " stands in)"
        ),
    )
    extract.add_argument(
        "-o",
        "--output-dir",
        type=Path,
        metavar="DIR",
        help="write one file per page into DIR (named after the page) "
        "instead of printing to standard output",
    )
    extract.add_argument("--no-tables", action="store_true", help="leave tables out")
    extract.add_argument(
        "--no-links", action="store_true", help="Markdown and HTML without link targets"
    )
    extract.add_argument("--images", action="store_true", help="keep images in Markdown and HTML")
    extract.add_argument(
        "--html",
        action="store_true",
        help="with --format json: add the content as an HTML fragment (field html)",
    )
    extract.add_argument(
        "--anatomy",
        action="store_true",
        help="with --format json: add every block with its label, and whether the text holds "
        "it or why not (field anatomy)",
    )
    extract.add_argument(
        "--comments",
        action="store_true",
        help="add the readers' comments after the content (JSON always holds them as records)",
    )
    extract.add_argument(
        "--teasers",
        action="store_true",
        help="keep the related-story teasers a page sets into its body "
        '("Related: " and a linked headline)',
    )
    extract.add_argument("--no-metadata", action="store_true", help=_NO_METADATA_HELP)
    extract.add_argument(
        "--no-front-matter",
        action="store_true",
        help="Markdown without the YAML block of metadata at its top",
    )
    extract.add_argument(
        "--repair-encoding", action=argparse.BooleanOptionalAction, default=True, help=_REPAIR_HELP
    )
    extract.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        help="print no warnings (what was cut or repaired), only the pages that failed",
    )
    _add_positive(
        extract,
        "--workers",
        int,
        1,
        "N",
        "read N pages at once, each in a worker process of its own (default 1: in this "
        "process); a page that crashes or hangs its worker fails alone, and the output keeps "
        "the order of the pages",
    )
    _add_positive(
        extract,
        "--time-limit",
        float,
        20.0,
        "SECONDS",
        "stop reading a page after this long (default 20)",
    )
    _add_positive(
        extract,
        "--max-depth",
        int,
        DEFAULT_OPTIONS.max_depth,
        "LEVELS",
        f"flatten markup nested deeper than this, keeping its text (default "
        f"{DEFAULT_OPTIONS.max_depth}, at least {MIN_DEPTH})",
        least=MIN_DEPTH,
    )
    _add_positive(
        extract,
        "--max-tag-chars",
        int,
        DEFAULT_OPTIONS.max_tag_chars,
        "CHARS",
        f"drop the attributes of a tag longer than this (default {DEFAULT_OPTIONS.max_tag_chars})",
    )


def _add_run_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    run = commands.add_parser(
        "run",
        formatter_class=_HelpFormatter,
        epilog=_RUN_EXAMPLES,
        help="turn web archives (WARC, ARC) into a corpus of shards",
        description="Extract every HTML response of web archives into one shard per input "
        "file, with a done-marker and a summary JSON per run. A rerun skips finished files. "
        "INPUT is a .warc, .warc.gz, .warc.lz4, .arc or .arc.gz file, a directory (searched "
        "recursively), or a text file listing one archive path per line. Needs the archive "
        "extra: pip install 'thresher[archive]'.",
    )
    run.add_argument(
        "inputs",
        nargs="+",
        metavar="INPUT",
        help="a WARC or ARC file, a directory of them, or a text file listing their paths",
    )
    run.add_argument(
        "-o",
        "--output-dir",
        type=Path,
        required=True,
        metavar="OUTDIR",
        help="where the shards, their .done markers and the run summary go",
    )
    run.add_argument(
        "--format",
        choices=("parquet", "jsonl"),
        default="parquet",
        help="parquet: zstd-compressed, explicit schema (default); jsonl: .jsonl.gz",
    )
    _add_positive(
        run,
        "--workers",
        int,
        None,
        "N",
        "processes (default: all cores); with --engine ray, the CPUs of the local Ray it starts "
        "where it finds no running cluster to join",
    )
    run.add_argument(
        "--engine",
        choices=("local", "ray", "spark"),
        default="local",
        help="local: supervised process pool (default); ray or spark: one task per file",
    )
    _add_positive(
        run,
        "--record-time-limit",
        float,
        120.0,
        "SECONDS",
        "kill a worker stuck this long on one record and fail that record (local engine)",
    )
    _add_positive(
        run,
        "--worker-memory",
        int,
        4096,
        "MB",
        "replace a worker whose resident memory exceeds this (local engine)",
    )
    run.add_argument(
        "--focus",
        choices=[focus.value for focus in Focus],
        default="balanced",
        help="favour precision (less chaff) or recall (less lost text)",
    )
    run.add_argument("--no-metadata", action="store_true", help=_NO_METADATA_HELP)
    run.add_argument(
        "--html", action="store_true", help="fill the html column with the content as HTML"
    )
    run.add_argument(
        "--repair-encoding", action=argparse.BooleanOptionalAction, default=True, help=_REPAIR_HELP
    )


def _add_serve_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    serve = commands.add_parser(
        "serve",
        formatter_class=_HelpFormatter,
        epilog=_SERVE_EXAMPLES,
        help="serve extraction over HTTP",
        description="Answer POST /extract (the page as the body, options as query parameters, "
        "e.g. ?format=md&url=...; or a form: curl -F page=@page.html -F format=md) with its "
        "content, on a pool of worker processes that survive pages that crash or hang them. "
        "GET / lists every parameter, GET /health answers readiness probes.",
    )
    serve.add_argument(
        "--host",
        default="127.0.0.1",
        help="address to listen on (default 127.0.0.1; 0.0.0.0 for every interface)",
    )
    serve.add_argument("--port", type=_port, default=8080, help="port (default 8080; 0: any free)")
    _add_positive(serve, "--workers", int, None, "N", "worker processes (default: all cores)")
    _add_positive(
        serve, "--max-mb", int, 64, "MB", "refuse pages larger than this (413; default 64)"
    )
    _add_positive(
        serve,
        "--time-limit",
        float,
        20.0,
        "SECONDS",
        "the most time a request may give its page (default 20); a worker stuck well "
        "past it is replaced",
    )
    serve.add_argument("--quiet", action="store_true", help="no access log on standard error")


def _add_positive(
    parser: argparse.ArgumentParser,
    flag: str,
    kind: type[float] | type[int],
    default: float | None,
    metavar: str,
    help: str,  # noqa: A002 - argparse's name
    least: float = 0,
) -> None:
    """An option taking a number above zero (and at least ``least``)."""
    parser.add_argument(
        flag, type=_positive(kind, least), default=default, metavar=metavar, help=help
    )


def _positive(kind: type[float] | type[int], least: float = 0) -> Callable[[str], float]:
    """An argparse type for a number above zero and at least ``least``, refusing others with
    a usage message."""

    def parse(text: str) -> float:
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
        if not (math.isfinite(value) and value > 0):  # NaN compares false with every number
            raise argparse.ArgumentTypeError(f"must be above zero and finite, not {text}")
        if value < least:
            raise argparse.ArgumentTypeError(f"must be at least {least:g}, not {text}")
        return value

    parse.__name__ = kind.__name__
    return parse


def _port(text: str) -> int:
    """An argparse type for a TCP port, 0 to 65535 (a port past them ended in a traceback)."""
    if not (text.isascii() and text.isdigit() and int(text) <= 65535):
        raise argparse.ArgumentTypeError(f"a port is a number from 0 to 65535, not {text!r}")
    return int(text)


def options_from(args: argparse.Namespace) -> Options:
    return Options(
        focus=Focus(args.focus),
        include_tables=not args.no_tables,
        include_links=not args.no_links,
        include_images=args.images,
        include_html=args.html or args.format == "html",
        include_anatomy=args.anatomy or args.format == "anatomy",
        include_comments=args.comments,
        keep_teasers=args.teasers,
        include_metadata=not args.no_metadata,
        repair_encoding=args.repair_encoding,
        time_limit_seconds=args.time_limit,
        max_depth=args.max_depth,
        max_tag_chars=args.max_tag_chars,
    )


def main(argv: Sequence[str] | None = None) -> int:
    try:
        return _main(argv)
    except BrokenPipeError:
        # The reader (head, less) closed the pipe early: stop quietly, as other tools do, and
        # keep Python from complaining again when it flushes standard output at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:  # Ctrl-C: the pages written so far stand
        print("\nthresher: interrupted", file=sys.stderr)
        return 130


def _main(argv: Sequence[str] | None) -> int:
    args = build_parser().parse_args(argv)
    _tolerate_narrow_output()
    if args.command == "run":
        return _run_archives(args)
    if args.command == "serve":
        return _serve(args)
    if args.command == "schema":
        print(json.dumps(json_schema(), indent=2))
        return 0
    return _extract_sources(args)


def _extract_sources(args: argparse.Namespace) -> int:
    options = options_from(args)
    if args.output_dir is not None and not _output_folder_ready(args.output_dir):
        return 2
    named = [item for spec in args.sources for item in name_sources(spec)]
    if args.url is not None and len(named) > 1:
        print(
            f"thresher: --url is the address of one page, and the sources name {len(named)}: "
            "give it with a single page",
            file=sys.stderr,
        )
        return 2
    items = (_job(item, args, options) for item in named)
    failures = printed = 0
    taken: set[str] = set()  # the output files this run has written
    # Progress goes to a terminal, and only where the pages do not go to it too.
    progress = _PageProgress(len(named)) if _shows_progress(args, len(named)) else None
    # Pages printed one after another run together unless each is named (JSON names its own).
    headed = args.output_dir is None and args.format != "json" and _several(args.sources)
    try:
        # no more workers than pages: each starts a Python of its own
        workers = min(args.workers, max(len(named), 1))
        for output in render_pages(items, workers, options.time_limit_seconds):
            target, renamed = _target(output, args, taken)
            messages = _messages(output, args)
            if renamed and not args.quiet:
                messages.append(f"thresher: {output.name}: written to {target}, {_RENAMED}")
            if progress and messages:
                progress.clear()  # the messages take its line
            for message in messages:
                print(message, file=sys.stderr)
            header = _header(output.name, printed) if headed else ""
            came_out = _emit(output, target, header)
            failures += not came_out
            printed += came_out
            if progress:
                progress.update(printed + failures, failures)
    except RuntimeError as error:  # a worker could not start: the installation is broken
        print(f"thresher: {error}", file=sys.stderr)
        return 1
    if progress:
        progress.close()
    return 1 if failures else 0


def _job(
    item: Named | Unreadable, args: argparse.Namespace, options: Options
) -> PageJob | PageOutput:
    source = item if isinstance(item, Unreadable) else read_named(item, options.max_input_bytes)
    if isinstance(source, Unreadable):
        return PageOutput(source.name, None, error=source.reason)
    return PageJob(source, args.url, options, args.format, not args.no_front_matter)


def _shows_progress(args: argparse.Namespace, pages: int) -> bool:
    to_terminal = args.output_dir is None and sys.stdout.isatty()
    return pages > 1 and sys.stderr.isatty() and not to_terminal


class _PageProgress:
    """The line a run of many pages keeps up to date on the terminal: pages done of all,
    failures, pages a second and the time left. Redrawn at most five times a second, as a
    thousand pages a second would otherwise spend their time writing it."""

    def __init__(self, total: int, every: float = 0.2) -> None:
        self._total = total
        self._every = every
        self._started = time.monotonic()
        self._drawn = -math.inf
        self._line = ""

    def update(self, done: int, failed: int) -> None:
        now = time.monotonic()
        if now - self._drawn < self._every and done < self._total:
            return
        self._drawn = now
        rate = done / max(now - self._started, 1e-9)
        left = (self._total - done) / rate if rate else math.inf
        line = f"thresher: {done}/{self._total} pages, {failed} failed, {rate:,.1f} pages/s"
        if done < self._total and math.isfinite(left):
            line += f", about {_duration(left)} left"
        self._line = line
        print(f"\r\x1b[K{line}", end="", file=sys.stderr, flush=True)

    def clear(self) -> None:
        if self._line:
            print("\r\x1b[K", end="", file=sys.stderr)
            self._drawn = -math.inf  # drawn again at the next page

    def close(self) -> None:
        if self._line:
            print(file=sys.stderr)


def _duration(seconds: float) -> str:
    if seconds < 90:
        return f"{math.ceil(seconds)} s"
    if seconds < 90 * 60:
        return f"{round(seconds / 60)} min"
    return f"{seconds / 3600:.1f} h"


def _serve(args: argparse.Namespace) -> int:
    from .engines.local import usable_cores
    from .service import ServiceLimits, serve

    limits = ServiceLimits(max_bytes=args.max_mb * 2**20, time_limit_seconds=args.time_limit)
    try:
        serve(args.host, args.port, args.workers or usable_cores(), limits, quiet=args.quiet)
    except OSError as error:
        print(f"thresher: cannot serve on {args.host}:{args.port}: {error}", file=sys.stderr)
        return 1
    except RuntimeError as error:  # a worker could not start: the installation is broken
        print(
            f"thresher: {error}; check that 'python -c \"import thresher\"' works", file=sys.stderr
        )
        return 1
    except KeyboardInterrupt:  # while the workers were starting
        return 130
    return 0


def _tolerate_narrow_output() -> None:
    """Where standard output cannot encode every character (a Latin-1 or ASCII locale), write
    what it cannot as escapes instead of failing in the middle of a page, and say so once."""
    encoding = (getattr(sys.stdout, "encoding", None) or "utf-8").lower().replace("-", "")
    if encoding in ("utf8", "utf16", "utf32") or not isinstance(sys.stdout, io.TextIOWrapper):
        return
    sys.stdout.reconfigure(errors="backslashreplace")
    print(
        f"thresher: standard output is {sys.stdout.encoding}: characters it cannot show are "
        "written as escapes; set PYTHONIOENCODING=utf-8 or use -o DIR for the exact text",
        file=sys.stderr,
    )


def _run_archives(args: argparse.Namespace) -> int:
    try:
        from .archive.iterate import ArchiveOptions
        from .engines.run import InputListError, ProgressLine, run
    except ImportError as error:
        print(
            f"thresher: {error}; install it with: pip install 'thresher[archive]'", file=sys.stderr
        )
        return 2
    options = ArchiveOptions(
        extract=Options(
            focus=Focus(args.focus),
            include_html=args.html,
            include_metadata=not args.no_metadata,
            repair_encoding=args.repair_encoding,
        ),
        format=args.format,
        record_time_limit=args.record_time_limit,
        worker_memory_mb=args.worker_memory,
    )
    if not _output_folder_ready(args.output_dir):
        return 2
    progress = ProgressLine() if sys.stderr.isatty() else None
    try:
        summary = run(
            args.inputs,
            args.output_dir,
            options,
            engine=args.engine,
            workers=args.workers,
            on_progress=progress,
        )
    except (InputListError, RuntimeError) as error:
        print(f"thresher: {error}", file=sys.stderr)
        return 2
    finally:
        if progress is not None:
            progress.close()
    for failed in summary["files_failed"]:
        print(f"thresher: {failed['path']}: failed: {failed['error']}", file=sys.stderr)
    print(_run_report(summary), file=sys.stderr)
    if not summary["files"]:
        print(
            "thresher: the inputs name no web archive (.warc, .warc.gz, .warc.lz4, .arc or "
            ".arc.gz file, or a text file listing them)",
            file=sys.stderr,
        )
        return 1
    return 1 if summary["files_failed"] else 0


def _output_folder_ready(folder: Path) -> bool:
    """Whether the output folder exists or could be made; if not, the command line says why."""
    scheme = _ADDRESS_SCHEME.match(str(folder))
    if scheme:  # s3://bucket/corpus would otherwise be made here, as a folder named "s3:"
        print(
            f"thresher: --output-dir names an address ({scheme.group(1)}://...), not a folder: "
            "thresher writes to a folder of this machine (or a bucket mounted as one)",
            file=sys.stderr,
        )
        return False
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        reason = error.strerror or str(error)
        print(
            f"thresher: cannot make the output folder {folder} ({reason}); choose another "
            "--output-dir",
            file=sys.stderr,
        )
        return False
    return True


def _run_report(summary: dict[str, object]) -> str:
    keys = ["files", "files_already_done", "records_read", "records_extracted"]
    keys += ["records_skipped", "records_failed", "pages_per_second"]
    parts = [f"{key.replace('_', ' ')} {summary[key]}" for key in keys]
    failed = summary["files_failed"]
    assert isinstance(failed, list)
    parts.append(f"files failed {len(failed)}")
    return "thresher: " + ", ".join(parts)


def _messages(output: PageOutput, args: argparse.Namespace) -> list[str]:
    """What standard error says of the page: why it failed, or its warnings (none with
    --quiet)."""
    if output.text is None:
        return [f"thresher: {_named(output.name, output.error or 'failed')}"]
    if args.quiet:
        return []
    return [f"thresher: {output.name}: warning: {warning}" for warning in output.warnings]


def _several(sources: list[str]) -> bool:
    return len(sources) > 1 or any(Path(source).is_dir() for source in sources)


def _header(name: str, printed: int) -> str:
    """The line that opens a page among several on standard output, as head(1) writes it."""
    line = f"==> {printable(name)} <==\n"
    return "\n" + line if printed else line


def _emit(output: PageOutput, target: Path | None, header: str = "") -> bool:
    """Write one page's output to ``target``, or to standard output after ``header`` where
    there is none; whether the page came out."""
    if output.text is None:
        return False
    if target is None:
        sys.stdout.write(header + output.text + "\n")
        return True
    if target.exists() and target.resolve() == Path(output.name).resolve():
        print(
            f"thresher: {output.name}: the output would overwrite this page; "
            "choose another --output-dir",
            file=sys.stderr,
        )
        return False
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(output.text + "\n", encoding="utf-8")
    except OSError as error:  # a full disk, a name the file system refuses
        print(f"thresher: {output.name}: cannot write {target} ({error})", file=sys.stderr)
        return False
    return True


def _target(
    output: PageOutput, args: argparse.Namespace, taken: set[str]
) -> tuple[Path | None, bool]:
    """The file in the output folder a page's output goes to (None: standard output), and
    whether it had to be numbered (index-2.txt) as an earlier page of the run has its name:
    a.html, a.htm and a.html.gz all make a.txt, and so do two folders' index.html given one
    after the other. ``taken`` holds the files the run has written, case-folded, as some file
    systems compare names."""
    if args.output_dir is None or output.text is None:
        return None, False
    stem = output_stem(output)
    target = args.output_dir / f"{stem}.{args.format}"
    number = 1
    while str(target).casefold() in taken:
        number += 1
        target = args.output_dir / f"{stem}-{number}.{args.format}"
    taken.add(str(target).casefold())
    return target, number > 1


def _named(name: str, message: str) -> str:
    """The message with the page's name before it, unless it names the page already."""
    return message if message.startswith(name) else f"{name}: {message}"


def output_stem(output: PageOutput) -> str:
    """Where below the output folder a page's output goes, without its suffix: a page found
    in a folder mirrors its path there, any other its own name."""
    if output.relative is None:
        return output_name(output.name)
    *folders, name = output.relative.split("/")
    return "/".join([*(_UNSAFE_NAME.sub("_", part) for part in folders), output_name(name)])


def output_name(source_name: str) -> str:
    """A file name for a page's output: its own name without the page suffixes."""
    base = source_name.rstrip("/").rsplit("/", 1)[-1] or "page"
    for suffix in (".gz", ".html", ".htm", ".xhtml"):
        base = base.removesuffix(suffix)
    return _UNSAFE_NAME.sub("_", base) or "page"


if __name__ == "__main__":
    raise SystemExit(main())
