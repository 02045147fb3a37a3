"""Where pages come from for the command line: files, folders, standard input, URLs.

A driver around the core: the core never imports this module.
"""

from __future__ import annotations

import gzip
import io
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .errors import FetchError, InputError

PAGE_SUFFIXES = (".html", ".htm", ".html.gz", ".htm.gz", ".xhtml")
FETCH_TIMEOUT_SECONDS = 20.0
FETCH_MAX_BYTES = 32 * 1024 * 1024
FETCH_MAX_REDIRECTS = 5
USER_AGENT = "thresher/0.1 (+https://pypi.org/project/thresher/)"


@dataclass(frozen=True, slots=True)
class Source:
    name: str  # the path, URL or "-" it came from
    data: bytes
    url: str | None = None
    charset: str | None = None


def read_sources(spec: str) -> Iterator[Source]:
    """Every page named by one command-line argument."""
    if spec == "-":
        yield Source("-", sys.stdin.buffer.read())
    elif spec.startswith(("http://", "https://")):
        yield fetch(spec)
    else:
        path = Path(spec)
        if path.is_dir():
            pages = sorted(p for p in path.rglob("*") if p.is_file() and _is_page(p))
            if not pages:
                raise InputError(f"{path} holds no .html, .htm or .html.gz files")
            for page in pages:
                yield read_file(page)
        elif path.is_file():
            yield read_file(path)
        else:
            raise InputError(f"{spec}: no such file or directory (nor an http(s) URL)")


def _is_page(path: Path) -> bool:
    return path.name.lower().endswith(PAGE_SUFFIXES)


def read_file(path: Path) -> Source:
    data = path.read_bytes()
    if path.suffix.lower() == ".gz":
        try:
            data = _gunzip_capped(data, FETCH_MAX_BYTES)
        except (OSError, EOFError) as error:
            raise InputError(f"{path}: not a readable gzip file ({error})") from error
    return Source(str(path), data)


def _gunzip_capped(data: bytes, limit: int) -> bytes:
    with gzip.GzipFile(fileobj=io.BytesIO(data)) as stream:
        out = stream.read(limit + 1)
    if len(out) > limit:
        raise InputError(f"decompressed page is over {limit} bytes")
    return out


class _LimitedRedirects(urllib.request.HTTPRedirectHandler):
    max_redirections = FETCH_MAX_REDIRECTS


def fetch(url: str) -> Source:
    opener = urllib.request.build_opener(_LimitedRedirects())
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with opener.open(request, timeout=FETCH_TIMEOUT_SECONDS) as response:
            data = response.read(FETCH_MAX_BYTES + 1)
            final_url = response.geturl()
            charset = response.headers.get_content_charset()
    except urllib.error.HTTPError as error:
        raise FetchError(f"{url}: the server answered {error.code} {error.reason}") from error
    except (urllib.error.URLError, TimeoutError, OSError, ValueError) as error:
        reason = getattr(error, "reason", error)
        raise FetchError(
            f"{url}: could not fetch ({reason}); check the URL and the network"
        ) from error
    if len(data) > FETCH_MAX_BYTES:
        raise FetchError(f"{url}: the page is larger than {FETCH_MAX_BYTES} bytes")
    return Source(url, data, final_url, charset)
