def configure(
    words: dict[str, int],
    stems: dict[str, int],
    state_words: frozenset[str],
    state_endings: frozenset[str],
    function_words: frozenset[str],
    /,
) -> None: ...
def ascii_mask(value: str, /) -> int | None: ...
def ascii_words(text: str, longest_joined: int, /) -> tuple[int, int, str | None] | None: ...
