RAW_TEXT: list[str]
NOT_NESTING: list[str]

def read_tags(
    markup: str | bytes, limit: int, /
) -> tuple[list[tuple[int, int]], int, int, list[tuple[int, str]]]: ...
