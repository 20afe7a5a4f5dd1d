"""One rule for text that comes from the data, a link, a saved view or an upload: it is shown as text.

``md`` escapes it for anything that renders Markdown (Streamlit's st.markdown, captions, messages, button and
expander labels, tooltips), ``html`` for HTML, and a url is used only when ``http_url`` accepts it (http or
https, a host, no spaces or control characters), in a link the project builds (``md_link``). Without this a
name holding ``![x](https://host/p.png)`` makes every reader's browser fetch from that host, and a backtick in
a crafted link closes a code span around it.

>>> md("![x](https://e.com/p.png) `id` Parameter-frozen")
'!\\\\[x\\\\](https\\u2060://e.com/p.png) \\\\`id\\\\` Parameter-frozen'
>>> http_url("javascript:alert(1)") is None, http_url("https://arxiv.org/abs/2404.04925")
(True, 'https://arxiv.org/abs/2404.04925')
"""
from __future__ import annotations

import html as _html
import re
from urllib.parse import quote, urlsplit

# CommonMark lets any ASCII punctuation be backslash-escaped. Escaped everywhere: what opens emphasis, links
# and images ([ ]), code spans, raw HTML and entities, tables, strikethrough and math ($); escaped where it
# counts: a line's first mark (heading, list, quote, rule). GFM's literal autolinks (https://..., www.x,
# a@b.c) are found in the text after escapes are undone, so a WORD JOINER (U+2060, invisible) breaks them.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>$|~&])")
_MD_LINE_START = re.compile(r"^(\s*)([#=+-]|\d+[.)])", re.M)
_MD_AUTOLINK = re.compile(r"(?<=[A-Za-z])(?=://)|(?<=\bwww)(?=\.)|(?<=@)(?=[-\w])", re.I)
WORD_JOINER = "\u2060"
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u0080-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def plain(text, limit: int | None = None) -> str:
    """``text`` as a one-piece string: control characters (and bidi overrides) dropped, cut to ``limit``."""
    s = CONTROL.sub("", str(text))
    if limit is not None and len(s) > limit:
        s = s[: max(0, limit - 1)] + "…"
    return s


def md(text, limit: int | None = None) -> str:
    """``text`` escaped for Markdown: it renders exactly as written, never as markup."""
    s = _MD_SPECIAL.sub(r"\\\1", plain(text, limit))
    s = _MD_AUTOLINK.sub(WORD_JOINER, s)
    return _MD_LINE_START.sub(lambda m: m.group(1) + m.group(2)[:-1] + "\\" + m.group(2)[-1], s)


def md_lines(text: str) -> str:
    """Lines of text escaped one by one, keeping each line's indentation and a leading "- " (a list the
    project wrote, e.g. an interpretation) while everything after it is text."""
    out = []
    for line in str(text).split("\n"):
        m = re.match(r"(\s*)(- )?(.*)", line)
        out.append(m.group(1) + (m.group(2) or "") + md(m.group(3)))
    return "\n".join(out)


def html(text, limit: int | None = None) -> str:
    """``text`` escaped for HTML content and attribute values (quotes included)."""
    return _html.escape(plain(text, limit), quote=True)


def http_url(url) -> str | None:
    """``url`` when it is an absolute http(s) url with a host and nothing that could end a link; else None."""
    if not isinstance(url, str) or len(url) > 2000 or CONTROL.search(url) or any(c.isspace() for c in url):
        return None
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises on a malformed port
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return url


def md_link(text, url, limit: int | None = None) -> str:
    """A Markdown link the project builds: escaped text, and the url only when ``http_url`` accepts it (the
    characters that could end the link destination percent-encoded); otherwise just the text."""
    safe = http_url(url)
    label = md(text, limit) or md(url, limit)
    if safe is None:
        return label
    return f"[{label}]({quote(safe, safe=':/?#@!$&*+,;=%~-._')})"


def nests_deeper(text: str, limit: int) -> bool:
    """Whether JSON ``text`` nests deeper than ``limit`` (one linear pass, strings skipped): asked before
    ``json.loads``, which recurses once per level and fails with RecursionError far below a hostile depth."""
    depth, in_str, escaped = 0, False, False
    for c in text:
        if in_str:
            if escaped:
                escaped = False
            elif c == "\\":
                escaped = True
            elif c == '"':
                in_str = False
        elif c == '"':
            in_str = True
        elif c in "[{":
            depth += 1
            if depth > limit:
                return True
        elif c in "]}":
            depth -= 1
    return False
