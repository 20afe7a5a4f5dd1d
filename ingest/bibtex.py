"""Draft Paper records from BibTeX (as the ACL Anthology, arXiv and Google Scholar export it).

`import_bibtex` parses with bibtexparser (LaTeX accents decoded by its pylatexenc middleware), maps
title, authors, year, venue, arXiv id, ACL Anthology id and DOI, and says per entry what it left
unmapped; an entry matching a curated paper is reported, never drafted over it.
"""
from __future__ import annotations

import logging
import re

from ingest.companion_list import dedupe_ids, paper_slug
from ingest.drafts import Curated, Drafted, DraftError
from ingest.references import acl_from, arxiv_from, doi_from, venue_from

MAX_BIB = 20_000_000  # bytes of a BibTeX file read at all
MAX_FIELD = 20_000  # characters of one field before LaTeX decoding (quadratic in its length) is tried
# Fields the draft takes in (everything else an entry has is listed as not mapped).
MAPPED = {"title", "author", "year", "booktitle", "journal", "url", "doi", "eprint", "archiveprefix",
          "eprinttype", "primaryclass"}


def _parse(text: str, source: str) -> tuple[list, list[str]]:
    """The entries, LaTeX-decoded, and a line for each entry left out because a field is too long to decode.
    The plain parse is linear; decoding is not, so field lengths are checked between the two."""
    import bibtexparser
    from bibtexparser.middlewares import LatexDecodingMiddleware, SeparateCoAuthors, SplitNameParts

    logging.getLogger("bibtexparser").setLevel(logging.CRITICAL)  # its failures are reported below, once
    if len(text) > MAX_BIB:
        raise DraftError(f"{source}: {len(text):,} characters; at most {MAX_BIB:,} are read")
    try:
        lib = bibtexparser.parse_string(text)
    except Exception as exc:  # noqa: BLE001 - the parser's own errors carry no common base class
        raise DraftError(f"{source}: not BibTeX ({exc})") from None
    too_long = []
    for entry in list(lib.entries):
        long = [(f.key, len(str(f.value))) for f in entry.fields if len(str(f.value)) > MAX_FIELD]
        if long:
            lib.remove(entry)
            too_long.append(f"{source}:{(entry.start_line or 0) + 1} @{entry.entry_type}{{{entry.key}}}: field "
                            f"{long[0][0]} is {long[0][1]:,} characters (at most {MAX_FIELD:,}); not drafted")
    try:
        for middleware in (LatexDecodingMiddleware(), SeparateCoAuthors(), SplitNameParts()):
            lib = middleware.transform(lib)
    except Exception as exc:  # noqa: BLE001
        raise DraftError(f"{source}: not BibTeX ({exc})") from None
    if lib.failed_blocks:
        problems = []
        for b in lib.failed_blocks:
            err = b.error
            why = getattr(err, "abort_reason", None) or getattr(err, "message", None) or str(err).strip()
            why = " ".join(str(why).split()) or type(err).__name__
            problems.append(f"{source}:{(b.start_line or 0) + 1}: cannot read this entry ({why})")
        raise DraftError("\n".join(problems))
    if not lib.entries and not too_long:
        raise DraftError(f"{source}: no BibTeX entries found")
    return lib.entries, too_long


def _name(parts) -> tuple[str, str]:
    """(full name, surname) from bibtexparser's NameParts."""
    def clean(words):
        return " ".join(w.strip("{}") for w in words if w.strip("{}"))
    surname = clean(parts.von + parts.last) or clean(parts.first)
    full = " ".join(x for x in (clean(parts.first), surname) if x)
    if parts.jr:
        full += f", {clean(parts.jr)}"
    return full, surname


def _text(value) -> str:
    return " ".join(str(value).replace("{", "").replace("}", "").split())


def draft_entry(entry, source: str) -> tuple[dict, list[str]]:
    """One entry as a draft Paper record, and the notes on what it could not map."""
    f = {k.lower(): v for k, v in ((fld.key, fld.value) for fld in entry.fields)}
    notes: list[str] = []
    rec: dict = {}
    title = _text(f.get("title", ""))
    if not title:
        notes.append("no title")
    rec["id"] = f"paper:{paper_slug(title) or re.sub(r'[^a-z0-9]+', '-', entry.key.lower()).strip('-')}"
    rec["name"] = title
    year = str(f.get("year", "")).strip()
    if re.fullmatch(r"\d{4}", year):
        rec["year"] = int(year)
    else:
        notes.append(f"year {year!r}" if year else "no year")
    url = _text(f["url"]) if f.get("url") else None
    eprint = _text(f["eprint"]) if f.get("eprint") else None
    is_arxiv_eprint = eprint and str(f.get("archiveprefix", f.get("eprinttype", "arxiv"))).lower() == "arxiv"
    journal = _text(f.get("journal", "")) or None
    volume = _text(f.get("volume", "")) or None
    doi = doi_from(f.get("doi"))
    if f.get("doi") and not doi:
        notes.append(f"doi {f['doi']!r} (not a DOI)")
    arxiv = arxiv_from(eprint if is_arxiv_eprint else None, url, journal,
                       volume if journal and journal.lower() == "corr" else None, doi)
    acl = acl_from(url, doi)
    venue = venue_from(f.get("booktitle") or journal, acl)
    if venue:
        rec["venue"] = venue
    elif arxiv:
        rec["venue"] = "arXiv"
    authors = f.get("author") or []
    if authors:
        names = [_name(p) for p in authors]
        rec["first_author"] = names[0][1]
        rec["authors"] = [n for n, _ in names]
    else:
        notes.append("no author")
    rec["url"] = url or (f"https://arxiv.org/abs/{arxiv}" if arxiv else f"https://aclanthology.org/{acl}" if acl else None)
    if arxiv:
        rec["arxiv"] = arxiv
    if acl:
        rec["acl"] = acl
    if doi and not doi.lower().startswith("10.48550/"):  # arXiv's own DOIs are its id, kept as arxiv
        rec["doi"] = doi
    ref = (f"arxiv:{arxiv}" if arxiv else f"acl:{acl}" if acl else f"doi:{doi}" if doi else f"url:{url}" if url else None)
    if ref:
        rec["provenance"] = ref
    else:
        notes.append("no arXiv id, ACL id, DOI or URL for provenance")
    rec = {k: v for k, v in rec.items() if v not in (None, "", [])}
    rest = sorted(k for k in f if k not in MAPPED and not (k == "volume" and arxiv and volume and "abs/" in volume))
    if rest:
        notes.append("fields " + ", ".join(rest))
    rec["_where"] = f"{source}:{(entry.start_line or 0) + 1} @{entry.entry_type}{{{entry.key}}}"
    return rec, notes


def import_bibtex(text: str, curated: Curated, source: str = "<bibtex>") -> Drafted:
    """Draft records for the entries of ``text`` that no curated paper (nor an earlier entry) already holds."""
    out = Drafted()
    entries, too_long = _parse(text, source)
    out.skipped.extend(too_long)
    drafts = [draft_entry(e, source) for e in entries]
    dedupe_ids([rec for rec, _ in drafts])
    for rec, notes in drafts:
        out.offer(rec, notes, curated)
    return out
