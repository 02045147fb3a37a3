"""An extraction request as HTTP brings it: the page, its address and the options, from the
query string and the body; or the reason it is refused, as a status and a message that says
what to send instead."""

from __future__ import annotations

import io
import json
import zlib
from collections.abc import Mapping
from dataclasses import dataclass
from email.message import Message
from email.parser import BytesParser
from email.policy import HTTP
from urllib.parse import parse_qs

from ..archive.http import media_type
from ..decode import GZIP_MAGIC
from ..options import Focus, Options, check_seconds
from ..render.formats import FORMATS
from ..unpack import GZIP, unpack

# Every parameter /extract takes: in the query string, a key of a JSON body or a form field.
PARAMETERS: dict[str, str] = {
    "url": "the page's address: relative links resolve against it, the metadata reads it",
    "format": "json (default), txt, md, html or anatomy, as 'thresher extract --format'",
    "focus": "precision, balanced (default) or recall",
    "comments": "true: the readers' comments after the content (JSON always holds them)",
    "teasers": "true: keep the related-story teasers a page sets into its body",
    "tables": "false: leave tables out",
    "links": "false: Markdown and HTML without link targets",
    "images": "true: keep images in Markdown and HTML",
    "html": "true: with format=json, the content as an HTML fragment too",
    "anatomy": "true: with format=json, every block with its label and fate",
    "front_matter": "false: Markdown without its YAML block of metadata",
    "metadata": "false: no title, authors, dates or other metadata (the language is kept)",
    "repair_encoding": "false: keep text that was encoded twice as it came",
    "time_limit": "seconds to read the page, at most the server's limit",
}
_TRUE = frozenset(("1", "true", "yes", "on"))
_FALSE = frozenset(("0", "false", "no", "off"))
_JSON_TYPES = ("application/json", "text/json")
_FORM = "multipart/form-data"
_FORM_PAGE_FIELDS = frozenset(("html", "page"))


class RequestError(Exception):
    """A request the service refuses: ``status`` is the HTTP status to answer with."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True, slots=True)
class ServiceLimits:
    """What the server allows any one request, and how many it holds at once."""

    max_bytes: int = 64 * 1024 * 1024
    time_limit_seconds: float = 20.0
    # Pages held at once, read or waiting for a worker, per worker: beyond them a request is
    # told to retry before its page is read, so that memory stays bounded however many
    # clients send at once (at most this many pages of max_bytes per worker).
    pending_per_worker: int = 8

    def __post_init__(self) -> None:
        check_seconds("time_limit_seconds", self.time_limit_seconds)
        if self.max_bytes <= 0 or self.pending_per_worker <= 0:
            raise ValueError("max_bytes and pending_per_worker must be positive")


@dataclass(frozen=True, slots=True)
class ExtractRequest:
    html: bytes | str
    url: str | None
    declared_charset: str | None
    output_format: str
    with_front_matter: bool
    options: Options


def read_request(
    query: str,
    content_type: str | None,
    body: bytes,
    limits: ServiceLimits,
    content_encoding: str | None = None,
) -> ExtractRequest:
    """The request a POST to /extract makes. The body is the page itself (its charset may be
    declared in the Content-Type), a JSON object with the page as ``html`` and any of the
    PARAMETERS beside it, or a form whose file part is the page (``curl -F page=@page.html``)
    and whose other fields are PARAMETERS; parameters may come in the query string too. A
    body sent compressed (Content-Encoding gzip or deflate) is unpacked first, and so is a
    page whose bytes are gzip's (a page.html.gz sent as it is)."""
    parameters: dict[str, object] = dict(_query_parameters(query))
    body = _unpacked(body, content_encoding, limits.max_bytes)
    kind, charset = media_type(content_type or "")
    html: bytes | str = body
    if kind in _JSON_TYPES:
        fields = _json_fields(body)
        html = fields.pop("html")  # type: ignore[assignment]
        parameters.update(fields)
        charset = None
    elif kind == _FORM and content_type:
        html, charset, form = _form_fields(content_type, body)
        parameters.update(form)
    if isinstance(html, bytes) and html.startswith(GZIP_MAGIC):
        html = _unpacked(html, "gzip", limits.max_bytes)
    _refuse_unknown(parameters)
    output_format = _choice(parameters, "format", FORMATS, "json")
    url = parameters.get("url")
    if url is not None and not isinstance(url, str):
        raise RequestError(400, "url must be a string")
    return ExtractRequest(
        html=html,
        url=url or None,
        declared_charset=charset,
        output_format=output_format,
        with_front_matter=_flag(parameters, "front_matter", True),
        options=_options(parameters, output_format, limits),
    )


_DECOMPRESSORS = {"gzip": GZIP, "x-gzip": GZIP, "deflate": zlib.MAX_WBITS}


def _unpacked(body: bytes, content_encoding: str | None, most: int) -> bytes:
    """The body with its content codings undone, the last applied first; unpacked no further
    than ``most`` bytes, as a small body may unpack to gigabytes."""
    codings = [c.strip().lower() for c in (content_encoding or "").split(",") if c.strip()]
    for coding in reversed(codings):
        if coding == "identity":
            continue
        if coding not in _DECOMPRESSORS:
            raise RequestError(
                415,
                f"the body's Content-Encoding {coding!r} is not one the service reads: "
                "send the page as it is, or gzip or deflate it",
            )
        unpacked = unpack(io.BytesIO(body).read, most, _DECOMPRESSORS[coding])
        if len(unpacked.data) > most:
            raise RequestError(
                413, f"the page unpacks to more than the {most} bytes this server takes"
            )
        if unpacked.problem:  # the client can send it again, whole
            raise RequestError(400, f"the body is not valid {coding} data: {unpacked.problem}")
        body = unpacked.data
    return body


def _query_parameters(query: str) -> Mapping[str, str]:
    try:
        pairs = parse_qs(query, keep_blank_values=True, strict_parsing=False)
    except ValueError as error:
        raise RequestError(400, f"the query string cannot be read: {error}") from None
    repeated = sorted(name for name, values in pairs.items() if len(values) > 1)
    if repeated:
        raise _given_twice(repeated)
    return {name: values[0] for name, values in pairs.items()}


def _json_fields(body: bytes) -> dict[str, object]:
    try:
        fields = json.loads(body)
    except (ValueError, RecursionError):
        raise RequestError(
            400, 'the body is not valid JSON: send {"html": "<page>", ...} or the page itself'
        ) from None
    if not isinstance(fields, dict) or not isinstance(fields.get("html"), str):
        raise RequestError(400, 'a JSON body is an object whose "html" is the page as a string')
    return fields


def _form_fields(content_type: str, body: bytes) -> tuple[bytes, str | None, dict[str, str]]:
    """The page (the form's one file part, or its part named html or page), the charset that
    part declares, and the other fields."""
    header = b"Content-Type: " + content_type.encode("latin-1", "replace") + b"\r\n\r\n"
    _refuse_many_parts(BytesParser(policy=HTTP).parsebytes(header, headersonly=True), body)
    message = BytesParser(policy=HTTP).parsebytes(header + body)
    page: tuple[bytes, str | None] | None = None
    fields: dict[str, str] = {}
    for part in message.iter_parts() if message.is_multipart() else ():
        name = part.get_param("name", header="content-disposition")
        value = part.get_payload(decode=True)
        value = value if isinstance(value, bytes) else b""
        if part.get_filename() is not None or name in _FORM_PAGE_FIELDS:
            if page is not None:
                raise RequestError(400, "send one page per request")
            page = value, part.get_content_charset()
        elif isinstance(name, str):
            if name in fields:
                raise _given_twice([name])
            fields[name] = value.decode("utf-8", "replace")
    if page is None:
        raise RequestError(
            400, "the form holds no page: send it as a file part (curl -F page=@page.html)"
        )
    return page[0], page[1], fields


# A form holds the page and at most each parameter once; twice that many parts are let
# through, so that a form with a few stray fields is told which ones. Python's form parser
# reads about 10,000 parts a second in the server's own thread, before any time limit
# applies: a body of tiny parts would hold it for minutes, so more are refused before the parse.
_MOST_FORM_PARTS = 2 * (len(PARAMETERS) + 1)


def _refuse_many_parts(head: Message, body: bytes) -> None:
    boundary = head.get_boundary()
    if boundary is None:
        return
    delimiter = b"--" + boundary.encode("latin-1", "replace")
    parts = body.count(b"\n" + delimiter) + body.startswith(delimiter) - 1  # less the closing
    if parts > _MOST_FORM_PARTS:
        raise RequestError(
            400, f"the form has {parts} parts; send the page and each parameter at most once"
        )


def _given_twice(names: list[str]) -> RequestError:
    return RequestError(400, f"give each parameter once: {', '.join(names)}")


def _refuse_unknown(parameters: Mapping[str, object]) -> None:
    unknown = sorted(set(parameters) - set(PARAMETERS))
    if unknown:
        raise RequestError(
            400, f"unknown parameters {', '.join(unknown)}; known: {', '.join(PARAMETERS)}"
        )


def _choice(
    parameters: Mapping[str, object], name: str, choices: tuple[str, ...], default: str
) -> str:
    value = parameters.get(name, default)
    if value not in choices:
        raise RequestError(400, f"{name} must be one of {', '.join(choices)}, not {value!r}")
    return str(value)


def _flag(parameters: Mapping[str, object], name: str, default: bool) -> bool:
    value = parameters.get(name)
    if value is None:
        return default
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in _TRUE or text == "":  # "?comments" alone asks for them
        return True
    if text in _FALSE:
        return False
    raise RequestError(400, f"{name} must be true or false, not {value!r}")


def _seconds(parameters: Mapping[str, object], limits: ServiceLimits) -> float:
    value = parameters.get("time_limit")
    if value is None:
        return limits.time_limit_seconds
    try:
        seconds = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise RequestError(400, f"time_limit must be a number of seconds, not {value!r}") from None
    if not 0 < seconds <= limits.time_limit_seconds:
        raise RequestError(
            400, f"time_limit must be above 0 and at most {limits.time_limit_seconds:g} seconds"
        )
    return seconds


def _options(
    parameters: Mapping[str, object], output_format: str, limits: ServiceLimits
) -> Options:
    return Options(
        focus=Focus(_choice(parameters, "focus", tuple(Focus), Focus.BALANCED.value)),
        include_tables=_flag(parameters, "tables", True),
        include_links=_flag(parameters, "links", True),
        include_images=_flag(parameters, "images", False),
        include_html=_flag(parameters, "html", False) or output_format == "html",
        include_anatomy=_flag(parameters, "anatomy", False) or output_format == "anatomy",
        include_comments=_flag(parameters, "comments", False),
        keep_teasers=_flag(parameters, "teasers", False),
        include_metadata=_flag(parameters, "metadata", True),
        repair_encoding=_flag(parameters, "repair_encoding", True),
        max_input_bytes=limits.max_bytes,
        time_limit_seconds=_seconds(parameters, limits),
    )
