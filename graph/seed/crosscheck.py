"""Cross-checks between a record's facts: arXiv and ACL Anthology ids against year and venue, DOI
syntax, duplicate titles / ids / aliases, first_author against authors, open against open_in_figure.

Validation (graph/seed/validate.py) calls ``crosscheck`` on every record that passed the schema; each
problem comes back as (file, line, id, message), like every other validation error.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

# arXiv: new-style YYMM.NNNN(N) (2007 on), old-style archive/YYMMNNN
ARXIV_NEW = re.compile(r"^(?P<yy>\d{2})(?P<mm>\d{2})\.\d{4,5}(?:v\d+)?$")
ARXIV_OLD = re.compile(r"^[a-z\-]+(?:\.[A-Z]{2})?/(?P<yy>\d{2})(?P<mm>\d{2})\d{3}(?:v\d+)?$")
# ACL Anthology: new-style 2020.emnlp-main.1040, old-style P19-1001
ACL_NEW = re.compile(r"^(?P<year>\d{4})\.(?P<volume>[a-z0-9]+(?:-[a-z0-9]+)*)\.(?P<n>\d+)$")
ACL_OLD = re.compile(r"^(?P<letter>[A-Z])(?P<yy>\d{2})-(?P<n>\d{4,5})$")
# A link's own id, to compare with the record's arxiv / acl property
URL_ARXIV = re.compile(r"arxiv\.org/(?:abs|pdf)/(\d{4}\.\d{4,5})", re.I)
URL_ACL = re.compile(r"aclanthology\.org/([0-9A-Za-z.\-]+?)(?:\.pdf)?/?$")
# Crossref's recommended DOI pattern (https://www.crossref.org/blog/dois-and-matching-regular-expressions/)
DOI_RE = re.compile(r"^10\.\d{4,9}/[-._;()/:A-Za-z0-9<>\[\]]+$")

# The venue each Anthology venue id stands for: its display name, then the accepted spellings of a
# record's ``venue`` (lowercase, years and parentheses removed). Other venue ids are checked for year only.
ACL_VENUES: dict[str, tuple[str, ...]] = {
    "acl": ("ACL", "acl"), "emnlp": ("EMNLP", "emnlp"), "naacl": ("NAACL", "naacl"), "eacl": ("EACL", "eacl"),
    "aacl": ("AACL", "aacl", "aacl-ijcnlp"),
    "findings-acl": ("Findings of ACL", "findings of acl", "acl findings"),
    "findings-emnlp": ("Findings of EMNLP", "findings of emnlp", "emnlp findings"),
    "findings-naacl": ("Findings of NAACL", "findings of naacl", "naacl findings"),
    "findings-eacl": ("Findings of EACL", "findings of eacl", "eacl findings"),
    "tacl": ("TACL", "tacl", "transactions of the association for computational linguistics"),
    "cl": ("Computational Linguistics", "cl", "computational linguistics"), "coling": ("COLING", "coling"),
    "lrec": ("LREC", "lrec", "lrec-coling"), "conll": ("CoNLL", "conll"), "wmt": ("WMT", "wmt"),
    "mtsummit": ("MT Summit", "mt summit", "mtsummit"), "nodalida": ("NoDaLiDa", "nodalida"),
    "semeval": ("SemEval", "semeval"), "iwslt": ("IWSLT", "iwslt"), "eamt": ("EAMT", "eamt"),
}
# Old-style ids: the letter is the venue (W = workshops, checked for year only).
ACL_OLD_VENUES = {"P": "acl", "N": "naacl", "D": "emnlp", "E": "eacl", "Q": "tacl", "J": "cl", "C": "coling",
                  "K": "conll", "L": "lrec", "S": "semeval"}


@dataclass
class Rec:
    """One record for the cross-checks: where it is, its properties, and its provenance references."""

    file: str
    line: int
    props: dict
    lines: dict = field(default_factory=dict)  # property -> line
    refs: list[tuple[int, str]] = field(default_factory=list)  # (line, reference)

    def at(self, prop: str) -> int:
        return self.lines.get(prop, self.line)


Problem = tuple[str, int, str, str]  # file, line, id, message


def norm_text(text: str) -> str:
    """Lowercase ASCII letters and digits with single spaces: accents, case and punctuation dropped."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return " ".join(re.sub(r"[^0-9a-z\u0080-\uffff]+", " ", text).split())


def arxiv_year(arxiv_id: str) -> int | None:
    """The year an arXiv id was issued (its YYMM), or None when it is not an arXiv id."""
    new, old = ARXIV_NEW.match(arxiv_id), ARXIV_OLD.match(arxiv_id)
    m = new or old
    if not m or not 1 <= int(m["mm"]) <= 12:
        return None
    yy = int(m["yy"])
    if new:
        return 2000 + yy if yy >= 7 else None  # new-style ids began in April 2007
    return 1900 + yy if yy >= 91 else 2000 + yy


def acl_year_venue(acl_id: str) -> tuple[int, str | None] | None:
    """(year, venue id) of an ACL Anthology id, new or old style; None when it is not one."""
    m = ACL_NEW.match(acl_id)
    if m:
        # volumes: emnlp-main, findings-emnlp, aacl-short, wmt-1, tacl-1, mtsummit-users
        parts = m["volume"].split("-")
        return int(m["year"]), "-".join(parts[:2]) if parts[0] == "findings" else parts[0]
    m = ACL_OLD.match(acl_id)
    if m:
        yy = int(m["yy"])
        return (1900 + yy if yy >= 50 else 2000 + yy), ACL_OLD_VENUES.get(m["letter"])
    return None


def _venue_form(venue: str) -> str:
    v = re.sub(r"\([^)]*\)", " ", venue)
    v = re.sub(r"\b(?:19|20)\d{2}\b", " ", v)
    v = re.sub(r"^\s*proceedings of (?:the )?", " ", v.casefold())
    return " ".join(re.sub(r"[^a-z0-9\- ]+", " ", v).split())


def check_arxiv(r: Rec) -> list[Problem]:
    p, out = r.props, []
    aid, year = p.get("arxiv"), p.get("year")
    if not aid:
        return out
    ay = arxiv_year(aid)
    if ay is None:
        return [(r.file, r.at("arxiv"), p["id"], f"arxiv: {aid!r} is not an arXiv id (YYMM.NNNNN)")]
    link = URL_ARXIV.search(p.get("url") or "")
    if link and link.group(1) != aid.split("v")[0]:
        out.append((r.file, r.at("url"), p["id"], f"url links arXiv {link.group(1)} but arxiv is {aid}"))
    if year is not None and year < ay:
        out.append((r.file, r.at("year"), p["id"],
                    f"year {year} is before its arXiv id {aid} (issued {ay})"))
    elif year is not None and (p.get("venue") or "").strip().casefold() == "arxiv" and year != ay:
        out.append((r.file, r.at("year"), p["id"],
                    f"year {year} with venue arXiv, but its arXiv id {aid} was issued in {ay}"))
    return out


def check_acl(r: Rec) -> list[Problem]:
    p, out = r.props, []
    aid = p.get("acl")
    if not aid:
        return out
    parsed = acl_year_venue(aid)
    if parsed is None:
        return [(r.file, r.at("acl"), p["id"], f"acl: {aid!r} is not an ACL Anthology id (e.g. 2023.emnlp-main.1040, P19-1001)")]
    year, venue_id = parsed
    link = URL_ACL.search(p.get("url") or "")
    if link and link.group(1) != aid:
        out.append((r.file, r.at("url"), p["id"], f"url links ACL Anthology {link.group(1)} but acl is {aid}"))
    if p.get("year") is not None and p["year"] != year:
        out.append((r.file, r.at("year"), p["id"], f"year {p['year']} but its ACL Anthology id {aid} is of {year}"))
    venue = p.get("venue")
    known = ACL_VENUES.get(venue_id or "")
    if venue and _venue_form(venue) == "arxiv":
        out.append((r.file, r.at("venue"), p["id"], f"venue arXiv but it has an ACL Anthology id ({aid})"))
    elif venue and known and _venue_form(venue) not in known[1:]:
        out.append((r.file, r.at("venue"), p["id"], f"venue {venue!r} but its ACL Anthology id {aid} is of {known[0]}"))
    return out


def check_doi(r: Rec) -> list[Problem]:
    p, out = r.props, []
    found = [(r.at("doi"), "doi", p["doi"])] if p.get("doi") else []
    found += [(line, "provenance", ref[4:]) for line, ref in r.refs if ref.startswith("doi:")]
    for line, where, doi in found:
        if not DOI_RE.match(doi):
            out.append((r.file, line, p["id"], f"{where}: {doi!r} is not a DOI (10.<registrant>/<suffix>)"))
    return out


def _author_matches(surname: str, author: str) -> bool:
    s, a = norm_text(surname), norm_text(author)
    return bool(s) and re.search(rf"(?:^| ){re.escape(s)}(?: |$)", a) is not None


def check_first_author(r: Rec) -> list[Problem]:
    p = r.props
    authors, first = p.get("authors"), p.get("first_author")
    if not authors or not first:
        return []
    if _author_matches(first, authors[0]):
        return []
    later = [i for i, a in enumerate(authors[1:], start=2) if _author_matches(first, a)]
    where = f"is author {later[0]} of {len(authors)}" if later else "is not among its authors"
    return [(r.file, r.at("first_author"), p["id"], f"first_author {first!r} {where} (the first is {authors[0]!r})")]


def check_open(r: Rec) -> list[Problem]:
    """open_in_figure is the figure's marking kept only where it differs from open (released weights)."""
    p = r.props
    if "open_in_figure" not in p:
        return []
    if not p.get("evolution_figure"):
        return [(r.file, r.at("open_in_figure"), p["id"], "open_in_figure on a record not drawn on the evolution figure")]
    if p.get("open") is None or p["open"] == p["open_in_figure"]:
        return [(r.file, r.at("open_in_figure"), p["id"],
                 "open_in_figure only where the figure's marking differs from open (give open, the released state)")]
    return []


def check_duplicates(recs: list[Rec]) -> list[Problem]:
    """Titles/names, ids and aliases that coincide once normalised, within one label."""
    out: list[Problem] = []
    seen: dict[tuple, tuple[str, int, str, str]] = {}  # (label, kind, key) -> file, line, id, what
    for r in recs:
        p = r.props
        label = p["label"]
        slug = p["id"].split(":", 1)[1]
        keys = [("id", re.sub(r"[^a-z0-9]", "", slug), "id", r.line)]
        names = [("name", p["name"], r.at("name"))] + [("alias", a, r.at("aliases")) for a in p.get("aliases", [])]
        own: set[str] = set()
        for what, text, line in names:
            k = norm_text(text)
            if k and k not in own:
                own.add(k)
                keys.append(("name", k, what, line))
        for kind, key, what, line in keys:
            first = seen.get((label, kind, key))
            if first is None:
                seen[(label, kind, key)] = (r.file, line, p["id"], what)
                continue
            f0, l0, id0, what0 = first
            if id0 == p["id"]:
                continue
            noun = "title" if label == "Paper" and what == "name" else what
            out.append((r.file, line, p["id"],
                        f"duplicate {noun}: {key!r} is also the {'title' if label == 'Paper' and what0 == 'name' else what0} of {id0} ({f0}:{l0})"))
    return out


def crosscheck(recs: list[Rec]) -> list[Problem]:
    """Every cross-check on every record; an empty list when the records agree with themselves."""
    out: list[Problem] = []
    for r in recs:
        out += check_arxiv(r) + check_acl(r) + check_doi(r) + check_first_author(r) + check_open(r)
    return out + check_duplicates(recs)
