"""The HTTP service: pages in by POST, their content out, on a supervised pool of processes.

A driver around the core, like the command line and the archive runner: the core never
imports it.

    request.py  an HTTP request -> an ExtractRequest, or the reason it is refused
    answer.py   an ExtractRequest -> a Reply (the extraction, rendered), in a worker
    pool.py     worker processes that survive pages that crash or hang them
    server.py   the HTTP server that joins them
"""

from .answer import Reply, answer, error_reply
from .pool import PagePool
from .request import PARAMETERS, ExtractRequest, RequestError, ServiceLimits, read_request
from .server import make_server, serve

__all__ = [
    "PARAMETERS",
    "ExtractRequest",
    "PagePool",
    "Reply",
    "RequestError",
    "ServiceLimits",
    "answer",
    "error_reply",
    "make_server",
    "read_request",
    "serve",
]
