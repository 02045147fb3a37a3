"""Many pages through the core, in the order given: in this process, or on a pool of worker
processes where a page that crashes or hangs its worker fails alone.

    extract_many   pages in, each page's Document (or the error it raised) out
    render_pages   what ``thresher extract`` runs over its sources: each page rendered

A driver around the core: the core never imports this module.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, replace
from typing import Any, TypeVar

from .document import Document
from .engines.pages import Failure, PagePool, hard_limit
from .errors import ThresherError, WorkerError
from .inputs import Source, printable
from .options import DEFAULT_OPTIONS, Options
from .pipeline import extract
from .render.formats import render_document

Job = TypeVar("Job")
Result = TypeVar("Result")
Page = bytes | str | tuple[bytes | str, str | None]  # the page, or the page and its URL


def extract_many(
    pages: Iterable[Page], *, options: Options | None = None, workers: int = 1
) -> Iterator[Document | ThresherError]:
    """Each page's Document, or the error it raised (a value, not raised: one bad page never
    ends the run), in the order of ``pages``. Each page is the HTML, or (HTML, URL). With more
    than one worker, pages are read at once in worker processes: a page that crashes or hangs
    its worker comes back as a WorkerError and a fresh worker takes over. A script that uses
    workers must call this under ``if __name__ == "__main__":``."""
    options = options or DEFAULT_OPTIONS
    jobs = (_ExtractJob(page, options) for page in pages)
    seconds = hard_limit(options.time_limit_seconds)
    yield from _in_order(jobs, workers, _extract_job, seconds, _worker_error)


@dataclass(frozen=True, slots=True)
class _ExtractJob:
    page: Page
    options: Options


def _extract_job(job: _ExtractJob) -> Document | ThresherError:
    html, url = job.page if isinstance(job.page, tuple) else (job.page, None)
    try:
        return extract(html, url=url, options=job.options)
    except ThresherError as error:
        return error


def _worker_error(_: object, failure: Failure) -> WorkerError:
    return WorkerError(failure.message)


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
    if source.notes:  # what reading the source cut goes with the page, in its JSON too
        document = replace(document, warnings=(*source.notes, *document.warnings))
    name = printable(source.name)
    text = render_document(document, job.output_format, job.with_front_matter, name)
    return PageOutput(source.name, text, document.warnings, relative=source.relative)


def render_pages(
    items: Iterable[PageJob | PageOutput], workers: int = 1, time_limit_seconds: float = 20.0
) -> Iterator[PageOutput]:
    """Each job's output, in order; an item that is already an output (a source that could
    not be read) keeps its place."""
    seconds = hard_limit(time_limit_seconds)
    yield from _in_order(items, workers, _render_item, seconds, _failed_output)


def _render_item(item: PageJob | PageOutput) -> PageOutput:
    return render_page(item) if isinstance(item, PageJob) else item


def _failed_output(item: PageJob | PageOutput, failure: Failure) -> PageOutput:
    name = item.source.name if isinstance(item, PageJob) else item.name
    return PageOutput(name, None, error=failure.message)


def _in_order(
    jobs: Iterable[Job],
    workers: int,
    task: Callable[[Job], Result],
    seconds: float,
    failed: Callable[[Job, Failure], Result],
) -> Iterator[Result]:
    """``task`` of each job, in order: in this process, or on ``workers`` worker processes
    with enough jobs in flight to keep each busy, not a whole folder of pages in memory."""
    if workers <= 1:
        yield from map(task, jobs)
        return
    pool = PagePool(workers, task, warm=warm_up)

    def run(job: Job) -> Result:
        result: Any = pool.run(job, seconds)
        return failed(job, result) if isinstance(result, Failure) else result

    with pool, ThreadPoolExecutor(workers) as threads:
        pending: deque[Future[Result]] = deque()
        for job in jobs:
            pending.append(threads.submit(run, job))
            while len(pending) > 2 * workers:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


_WARM_UP_PAGE = b"<html><head><title>t</title></head><body><p>Warm up.</p></body></html>"


def warm_up() -> None:
    """Load the models before the first real page, so that it is not the slow one."""
    extract(_WARM_UP_PAGE)
