"""Which words are words of English: a typo correction never turns one into another ('added' is not 'aided').
Apart from the typo fixes so that entity linking can ask it too without importing them."""
from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """English words (pyspellchecker's list: a JSON file the package ships, read once, on the first word a
    typo fix would change): a word of the language is never "corrected" into another one."""
    import gzip
    import json
    from importlib.resources import files

    data = json.loads(gzip.decompress((files("spellchecker") / "resources" / "en.json.gz").read_bytes()))
    return frozenset(w for w in data if w.isascii())


def is_word(w: str) -> bool:
    """Whether ``w`` is an English word ('added' is; 'modles', 'halucination' are not)."""
    return w in english_words()
