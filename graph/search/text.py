"""Text as search sees it: one normalisation for names, aliases, descriptions and questions, the CJK test,
and the key per-store indexes are kept under. Shared by fuzzy search, description search and the parser."""
from __future__ import annotations

import re
import unicodedata

CJK_RANGES = ((0x3040, 0x30FF), (0x3400, 0x9FFF), (0xAC00, 0xD7AF), (0x1100, 0x11FF))  # kana, Han, Hangul
_SEP_RE = re.compile(r"[\s\-_/.,:;()'\"!?\[\]]+")


def norm(text: str) -> str:
    """Casefolded, NFKC, punctuation and hyphens turned into single spaces: 'X-InSTA' -> 'x insta'. ASCII
    letters, digits and spaces (most of a question's spans) only need lowering and spaces collapsed."""
    if isinstance(text, str) and text.isascii() and text.replace(" ", "").isalnum():
        return " ".join(text.lower().split())
    return full_norm(text)


def full_norm(text: str) -> str:
    """``norm`` the long way, for any text."""
    t = unicodedata.normalize("NFKC", str(text)).casefold()
    return _SEP_RE.sub(" ", t).strip()


def compact(text: str) -> str:
    """``norm`` without spaces: 'code-switching' and 'code switching' both -> 'codeswitching'."""
    if isinstance(text, str) and text.isascii() and (t := text.replace(" ", "")).isalnum():
        return t.lower()
    return full_norm(text).replace(" ", "")


def has_cjk(text: str) -> bool:
    """Whether ``text`` holds a Chinese, Japanese or Korean character (a loop, not a regex: compiling
    a class this wide costs ~7 ms, which every command would pay at import)."""
    return not text.isascii() and any(lo <= ord(ch) <= hi for ch in text for lo, hi in CJK_RANGES)


def store_key(store):
    """What per-store indexes are kept under: the store object (an embedded store opened on a seed
    directory is one object per process, so its indexes are built once)."""
    return store
