"""The HTTP service: pages in by POST, their content out, on a supervised pool of processes.

A driver around the core, like the command line and the archive runner: the core never
imports it.

    body.py     a request's body, with a Content-Length or in chunks, within the limits
    request.py  an HTTP request -> an ExtractRequest, or the reason it is refused
    answer.py   an ExtractRequest -> a Reply (the extraction, rendered), in a worker
    server.py   the HTTP server, with a pool of worker processes (engines/pages.py) that
                survive pages that crash or hang them
"""

from .answer import Reply, answer, error_reply, failure_reply
from .request import PARAMETERS, ExtractRequest, RequestError, ServiceLimits, read_request
from .server import make_server, running_server, serve

__all__ = [
    "PARAMETERS",
    "ExtractRequest",
    "Reply",
    "RequestError",
    "ServiceLimits",
    "answer",
    "error_reply",
    "failure_reply",
    "make_server",
    "read_request",
    "running_server",
    "serve",
]
