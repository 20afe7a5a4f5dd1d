"""Paper identifiers found in links and citation fields: arXiv ids, ACL Anthology ids, DOIs, venues.

Shared by the BibTeX and arXiv importers; every id returned is one the cross-checks accept.
"""
from __future__ import annotations

import re

from graph.seed.crosscheck import ACL_VENUES, DOI_RE, acl_year_venue, arxiv_year

_ARXIV_URL = re.compile(r"arxiv\.org/(?:abs|pdf)/([a-z\-]+(?:\.[A-Z]{2})?/\d{7}|\d{4}\.\d{4,5})(?:v\d+)?", re.I)
_ARXIV_TEXT = re.compile(r"(?:arxiv:\s*|abs/)(\d{4}\.\d{4,5})(?:v\d+)?", re.I)
_ARXIV_DOI = re.compile(r"^10\.48550/arxiv\.(\d{4}\.\d{4,5})$", re.I)
_ACL_URL = re.compile(r"(?:aclanthology\.org|aclweb\.org/anthology)/([A-Za-z0-9.\-]+?)(?:\.pdf)?/?(?:[?#].*)?$")
_ACL_DOI = re.compile(r"^10\.18653/v1/(.+)$", re.I)
_DOI_URL = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.I)

# Venue names in booktitle/journal text, most specific first (Findings and TACL before ACL itself).
VENUE_PATTERNS: tuple[tuple[str, str], ...] = (
    (r"findings of (?:the )?(?:association for computational linguistics\W*)?(emnlp|naacl|eacl|aacl|acl)\b", "Findings of {0}"),
    (r"transactions of the association for computational linguistics", "TACL"),
    (r"empirical methods in natural language processing|\bemnlp\b", "EMNLP"),
    (r"north american chapter|\bnaacl\b", "NAACL"),
    (r"european chapter|\beacl\b", "EACL"),
    (r"asia-pacific chapter|\baacl\b", "AACL"),
    (r"annual meeting of the association for computational linguistics|^\s*acl\b", "ACL"),
    (r"international conference on computational linguistics|\bcoling\b", "COLING"),
    (r"language resources and evaluation|\blrec\b", "LREC"),
    (r"conference on machine translation|\bwmt\b", "WMT"),
    (r"international conference on learning representations|\biclr\b", "ICLR"),
    (r"neural information processing systems|\bneurips\b|\bnips\b", "NeurIPS"),
    (r"international conference on machine learning|\bicml\b", "ICML"),
    (r"aaai conference on artificial intelligence|\baaai\b", "AAAI"),
    (r"^\s*corr\s*$|arxiv", "arXiv"),
)


def arxiv_from(*texts: str | None) -> str | None:
    """The first arXiv id (without version) in URLs, 'arXiv:NNNN.NNNNN' text, 'abs/NNNN.NNNNN' or an arXiv DOI."""
    for text in texts:
        if not text:
            continue
        text = text.strip()
        m = _ARXIV_URL.search(text) or _ARXIV_TEXT.search(text) or _ARXIV_DOI.match(_DOI_URL.sub("", text))
        if not m and re.fullmatch(r"\d{4}\.\d{4,5}(?:v\d+)?", text):
            m = re.match(r"(\d{4}\.\d{4,5})", text)
        if m and arxiv_year(m.group(1)):
            return m.group(1)
    return None


def acl_from(*texts: str | None) -> str | None:
    """The first ACL Anthology id in an Anthology URL or an ACL DOI (10.18653/v1/...)."""
    for text in texts:
        if not text:
            continue
        text = text.strip()
        m = _ACL_URL.search(text) or _ACL_DOI.match(_DOI_URL.sub("", text))
        if m and acl_year_venue(m.group(1)):
            return m.group(1)
    return None


def doi_from(text: str | None) -> str | None:
    """A DOI without its resolver prefix, or None when the text is not one."""
    if not text:
        return None
    doi = _DOI_URL.sub("", text.strip())
    return doi if DOI_RE.match(doi) else None


def venue_from(text: str | None, acl: str | None = None) -> str | None:
    """A short venue name: the ACL Anthology id's venue when known, else one read from booktitle/journal text."""
    if acl:
        parsed = acl_year_venue(acl)
        if parsed and parsed[1] in ACL_VENUES:
            return ACL_VENUES[parsed[1]][0]
    if not text:
        return None
    low = " ".join(text.lower().split())
    for pattern, name in VENUE_PATTERNS:
        m = re.search(pattern, low)
        if m:
            return name.format(*(g.upper() for g in m.groups()))
    return " ".join(text.split())[:300]
