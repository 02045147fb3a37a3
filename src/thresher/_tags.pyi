RAW_TEXT: list[str]
NOT_NESTING: list[str]

def read_tags(
    markup: str | bytes, limit: int, max_depth: int, /
) -> tuple[
    list[tuple[int, int]],
    int,
    list[tuple[int, int]],
    list[tuple[int, str]],
    list[tuple[int, int]],
    list[tuple[int, int]],
]: ...
