RAW_TEXT: list[str]
NOT_NESTING: list[str]

# thresher.dom.TagReading's fields, as the reading returns them
Reading = tuple[
    list[tuple[int, int]],
    int,
    list[tuple[int, int]],
    list[tuple[int, str]],
    list[tuple[int, int]],
    list[tuple[int, int]],
]

def read_tags(markup: str | bytes, limit: int, max_depth: int, /) -> Reading: ...
