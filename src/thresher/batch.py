"""Many pages through the core, in the order given: in this process, or on a pool of worker
processes where a page that crashes or hangs its worker fails alone. What ``thresher extract``
runs over its sources.

A driver around the core: the core never imports this module.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass

from .engines.pages import Failure, PagePool, hard_limit
from .errors import ThresherError
from .inputs import Source
from .options import Options
from .pipeline import extract
from .render.formats import render_document


@dataclass(frozen=True, slots=True)
class PageJob:
    source: Source
    url: str | None  # the address given for every page, else the source's own
    options: Options
    output_format: str
    with_front_matter: bool = True


@dataclass(frozen=True, slots=True)
class PageOutput:
    """A page rendered in the format asked for, or the reason it was not (``text`` None)."""

    name: str
    text: str | None
    warnings: tuple[str, ...] = ()
    error: str | None = None
    relative: str | None = None  # the source's path below the folder it was found in


def render_page(job: PageJob) -> PageOutput:
    source = job.source
    try:
        document = extract(
            source.data,
            url=job.url or source.url,
            options=job.options,
            declared_charset=source.charset,
        )
    except ThresherError as error:
        return PageOutput(source.name, None, error=str(error), relative=source.relative)
    text = render_document(document, job.output_format, job.with_front_matter)
    return PageOutput(source.name, text, document.warnings, relative=source.relative)


def render_pages(items: Iterable[PageJob | PageOutput], workers: int = 1) -> Iterator[PageOutput]:
    """Each job's output, in order; an item that is already an output (a source that could
    not be read) keeps its place. With more than one worker, pages are read in parallel."""
    if workers <= 1:
        for item in items:
            yield render_page(item) if isinstance(item, PageJob) else item
        return
    pool = PagePool(workers, render_page, warm=warm_up)
    with pool, ThreadPoolExecutor(workers) as threads:
        pending: deque[Future[PageOutput] | PageOutput] = deque()
        for item in items:
            pending.append(
                threads.submit(_on_pool, pool, item) if isinstance(item, PageJob) else item
            )
            # Enough pages in flight to keep every worker busy, not a whole folder in memory.
            while len(pending) > 2 * workers:
                yield _done(pending.popleft())
        while pending:
            yield _done(pending.popleft())


def _on_pool(pool: PagePool, job: PageJob) -> PageOutput:
    result = pool.run(job, hard_limit(job.options.time_limit_seconds))
    if isinstance(result, Failure):
        return PageOutput(job.source.name, None, error=result.message)
    return result


def _done(item: Future[PageOutput] | PageOutput) -> PageOutput:
    return item.result() if isinstance(item, Future) else item


_WARM_UP_PAGE = b"<html><head><title>t</title></head><body><p>Warm up.</p></body></html>"


def warm_up() -> None:
    """Load the models before the first real page, so that it is not the slow one."""
    extract(_WARM_UP_PAGE)
