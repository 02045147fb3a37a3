"""Engines that run ``thresher.archive.process_archive`` over many files.

    local   a supervised process pool on one machine (no extra dependency)
    ray     one Ray task per file             (pip install 'thresher[ray]')
    spark   mapInArrow over a DataFrame of paths (pip install 'thresher[spark]')

``pages`` is a supervised pool for single pages instead, for the service and for
``thresher extract --workers``.

``run`` expands the inputs, skips files whose shard is finished, runs an engine and writes a
summary JSON into the output directory.
"""

from .results import FileResult, Progress
from .run import ENGINES, expand_inputs, run

__all__ = ["ENGINES", "FileResult", "Progress", "expand_inputs", "run"]
