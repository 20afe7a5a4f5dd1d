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

# Fields the draft takes in (everything else an entry has is listed as not mapped).
MAPPED = {"title", "author", "year", "booktitle", "journal", "url", "doi", "eprint", "archiveprefix",
          "eprinttype", "primaryclass"}


def _parse(text: str, source: str):
    import bibtexparser
    from bibtexparser.middlewares import LatexDecodingMiddleware, SeparateCoAuthors, SplitNameParts

    logging.getLogger("bibtexparser").setLevel(logging.CRITICAL)  # its failures are reported below, once
    try:
        lib = bibtexparser.parse_string(
            text, append_middleware=[LatexDecodingMiddleware(), SeparateCoAuthors(), SplitNameParts()])
    except Exception as exc:  # noqa: BLE001 - the parser's own errors carry no common base class
        raise DraftError(f"{source}: not BibTeX ({exc})") from None
    if lib.failed_blocks:
        problems = []
        for b in lib.failed_blocks:
            err = b.error
            why = getattr(err, "abort_reason", None) or getattr(err, "message", None) or str(err).strip()
            why = " ".join(str(why).split()) or type(err).__name__
            problems.append(f"{source}:{(b.start_line or 0) + 1}: cannot read this entry ({why})")
        raise DraftError("\n".join(problems))
    if not lib.entries:
        raise DraftError(f"{source}: no BibTeX entries found")
    return lib.entries


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
    drafts = [draft_entry(e, source) for e in _parse(text, source)]
    dedupe_ids([rec for rec, _ in drafts])
    for rec, notes in drafts:
        out.offer(rec, notes, curated)
    return out
