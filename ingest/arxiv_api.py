"""Draft Paper records from arXiv's metadata API (export.arxiv.org/api/query?id_list=...).

`add_arxiv` asks once for all ids not already curated, parses the Atom answer with the standard
library (`parse_atom`, tested on a recorded response) and drafts records as the BibTeX importer does.
Without a network it raises ArxivOffline, which the CLI reports in one line.
"""
from __future__ import annotations

import re
import socket
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET

from ingest.companion_list import dedupe_ids, paper_slug
from graph.seed.crosscheck import arxiv_year
from ingest.drafts import Curated, Drafted, DraftError
from ingest.references import acl_from, doi_from, venue_from

API_URL = "https://export.arxiv.org/api/query"
NS = {"atom": "http://www.w3.org/2005/Atom", "arxiv": "http://arxiv.org/schemas/atom"}
MAX_IDS = 100  # one request; arXiv asks clients to keep requests small and spaced


class ArxivError(DraftError):
    """arXiv answered, but not with what was asked (bad id, error entry, unreadable XML)."""


class ArxivOffline(ArxivError):
    """arXiv could not be reached (no network, DNS, timeout)."""


def normalise_id(raw: str) -> str:
    """'arXiv:2212.10755v2' or an abs/pdf URL -> '2212.10755'; DraftError when it is not an arXiv id."""
    text = raw.strip()
    text = re.sub(r"^(?:https?://)?(?:export\.)?arxiv\.org/(?:abs|pdf)/", "", text, flags=re.I)
    text = re.sub(r"^arxiv:\s*", "", text, flags=re.I)
    text = re.sub(r"(?:v\d+)?(?:\.pdf)?$", "", text)
    if not arxiv_year(text):
        raise ArxivError(f"{raw!r} is not an arXiv id (e.g. 2212.10755 or cs/0601001)")
    return text


def fetch_atom(ids: list[str], timeout: float = 20.0) -> str:
    """The API's Atom answer for ``ids`` (one request)."""
    query = urllib.parse.urlencode({"id_list": ",".join(ids), "max_results": len(ids)})
    req = urllib.request.Request(f"{API_URL}?{query}", headers={"User-Agent": "mllm-atlas-ingest (add-arxiv)"})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:  # noqa: S310 - a fixed https URL
            return resp.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        raise ArxivError(f"arXiv answered HTTP {exc.code} ({exc.reason})") from None
    except (urllib.error.URLError, socket.timeout, TimeoutError, ConnectionError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise ArxivOffline(f"cannot reach export.arxiv.org ({reason}); add-arxiv needs internet, "
                           "or use import-bibtex with arXiv's BibTeX export") from None


def _text(el, path: str) -> str:
    found = el.find(path, NS)
    return " ".join((found.text or "").split()) if found is not None else ""


def parse_atom(xml_text: str) -> list[dict]:
    """One dict per Atom entry: id, version, title, authors, published, journal_ref, doi, comment."""
    if "<!DOCTYPE" in xml_text or "<!ENTITY" in xml_text:
        raise ArxivError("the arXiv answer declares a DTD or entities; refused")
    try:
        root = ET.fromstring(xml_text)
    except ET.ParseError as exc:
        raise ArxivError(f"the arXiv answer is not Atom XML ({exc})") from None
    if root.tag != f"{{{NS['atom']}}}feed":
        raise ArxivError(f"the arXiv answer is not an Atom feed (root {root.tag})")
    out = []
    for entry in root.findall("atom:entry", NS):
        url = _text(entry, "atom:id")
        if "/api/errors" in url:
            raise ArxivError(f"arXiv: {_text(entry, 'atom:summary') or _text(entry, 'atom:title')}")
        m = re.search(r"arxiv\.org/abs/(.+?)(v\d+)?$", url)
        if not m:
            continue
        doi_link = next((ln.get("href") for ln in entry.findall("atom:link", NS) if ln.get("title") == "doi"), None)
        out.append({
            "id": m.group(1), "version": (m.group(2) or "")[1:],
            "title": _text(entry, "atom:title"),
            "authors": [_text(a, "atom:name") for a in entry.findall("atom:author", NS)],
            "published": _text(entry, "atom:published"),
            "journal_ref": _text(entry, "arxiv:journal_ref"),
            "doi": _text(entry, "arxiv:doi") or doi_link or "",
            "comment": _text(entry, "arxiv:comment"),
        })
    return out


def draft_entry(e: dict) -> tuple[dict, list[str]]:
    """One API entry as a draft Paper record, and notes on what it could not map."""
    notes: list[str] = []
    rec: dict = {"id": f"paper:{paper_slug(e['title'])}", "name": e["title"]}
    published = re.match(r"(\d{4})-", e["published"] or "")
    year = int(published.group(1)) if published else None
    doi = doi_from(e["doi"])
    acl = acl_from(doi)
    venue = "arXiv"
    if e["journal_ref"]:
        named = venue_from(e["journal_ref"], acl)
        ref_year = re.search(r"\b(?:19|20)\d{2}\b", e["journal_ref"])
        if named and named != e["journal_ref"][:300] and ref_year:
            venue, year = named, int(ref_year.group(0))
            notes.append(f"venue and year from the journal reference {e['journal_ref']!r}")
        else:
            notes.append(f"journal reference {e['journal_ref']!r}")
    elif acl:
        parsed = venue_from(None, acl)
        venue, year = parsed or venue, int(acl[:4]) if acl[:4].isdigit() else year
    if year is not None:
        rec["year"] = year
    else:
        notes.append("no publication date")
    rec["venue"] = venue
    if e["authors"]:
        rec["first_author"] = e["authors"][0].split()[-1]
        rec["authors"] = e["authors"]
    rec["url"] = f"https://arxiv.org/abs/{e['id']}"
    rec["arxiv"] = e["id"]
    if acl:
        rec["acl"] = acl
    if doi:
        rec["doi"] = doi
    rec["provenance"] = f"arxiv:{e['id']}"
    if e["comment"]:
        notes.append(f"comment {e['comment'][:120]!r}")
    rec["_where"] = f"arXiv {e['id']}" + (f"v{e['version']}" if e["version"] else "")
    return rec, notes


def add_arxiv(raw_ids: list[str], curated: Curated, timeout: float = 20.0, fetch=fetch_atom) -> Drafted:
    """Draft records for arXiv ids not already curated; ``fetch(ids, timeout)`` returns the Atom text."""
    ids = list(dict.fromkeys(normalise_id(i) for i in raw_ids))
    if len(ids) > MAX_IDS:
        raise ArxivError(f"{len(ids)} ids; at most {MAX_IDS} per run")
    out = Drafted()
    wanted = []
    for aid in ids:
        clash = curated.clash({"id": "", "arxiv": aid}, by_id=False)
        if clash:
            out.skipped.append(f"arXiv {aid}: {clash}; the curated record is kept")
        else:
            wanted.append(aid)
    if not wanted:
        return out
    entries = {e["id"]: e for e in parse_atom(fetch(wanted, timeout))}
    drafts = []
    for aid in wanted:
        if aid not in entries or not entries[aid]["title"]:
            out.skipped.append(f"arXiv {aid}: not found on arXiv")
            continue
        drafts.append(draft_entry(entries[aid]))
    dedupe_ids([rec for rec, _ in drafts])
    for rec, notes in drafts:
        out.offer(rec, notes, curated)
    return out
