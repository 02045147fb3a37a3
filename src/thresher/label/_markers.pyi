def configure(
    words: dict[str, int],
    stems: dict[str, int],
    state_words: frozenset[str],
    state_endings: frozenset[str],
    /,
) -> None: ...
def ascii_mask(value: str, /) -> int | None: ...
