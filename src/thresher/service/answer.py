"""One request answered: the page extracted and rendered in the format asked for, or an error
the client can act on. Runs in a worker process; never raises."""

from __future__ import annotations

import json
from dataclasses import dataclass

from ..engines.pages import Failure, FailureKind
from ..errors import InputError, LimitError
from ..pipeline import extract
from ..render.formats import MEDIA_TYPES, render_document
from .request import ExtractRequest

_JSON = MEDIA_TYPES["json"]


@dataclass(frozen=True, slots=True)
class Reply:
    status: int
    media_type: str
    body: bytes


def error_reply(status: int, kind: str, message: str) -> Reply:
    """The JSON body of every error: ``{"error": {"status", "type", "message"}}``."""
    error = {"status": status, "type": kind, "message": message}
    return Reply(status, _JSON, json.dumps({"error": error}, ensure_ascii=False).encode())


# What a job's failure in the pool tells the client: retry (busy), a page too slow (timeout),
# or the service's own fault.
_FAILURE_STATUS = {
    FailureKind.BUSY: (503, "Busy"),
    FailureKind.TIMEOUT: (504, "Timeout"),
    FailureKind.DIED: (500, "WorkerDied"),
}


def failure_reply(failure: Failure) -> Reply:
    status, kind = _FAILURE_STATUS.get(failure.kind, (500, failure.error_type or "Error"))
    return error_reply(status, kind, failure.message)


def json_reply(value: object, status: int = 200) -> Reply:
    return Reply(status, _JSON, json.dumps(value, ensure_ascii=False).encode())


def answer(request: ExtractRequest) -> Reply:
    """The page's content as the request asks for it. A page that is not HTML, is empty or
    exceeds a limit is refused (422) with the reason; anything else unexpected is the
    service's fault (500), reported rather than raised, so the worker lives on."""
    try:
        document = extract(
            request.html,
            url=request.url,
            options=request.options,
            declared_charset=request.declared_charset,
        )
        text = render_document(document, request.output_format, request.with_front_matter)
    except (InputError, LimitError) as error:
        return error_reply(422, type(error).__name__, str(error))
    except Exception as error:  # noqa: BLE001 - a bug must not take the worker down
        return error_reply(500, type(error).__name__, f"extraction failed: {error}")
    media_type = MEDIA_TYPES[request.output_format]
    return Reply(200, media_type, text.encode("utf-8", "replace"))
