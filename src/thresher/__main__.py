"""``python -m thresher``: the command line, where the ``thresher`` script is not on the PATH."""

from .cli import main

raise SystemExit(main())
