"""Import the survey's companion paper list (Awesome-Multilingual-LLM Markdown) as draft seed records.

A curation tool, not a loader: its output is reviewed and completed by hand (languages, techniques,
lineage, corrected links) before it becomes seed_data. Re-run it on a newer list and diff.

>>> recs = parse_paperlist(SAMPLE)
>>> recs[0]["id"], recs[0]["year"], recs[0]["classified_as"][0]["to"]
('paper:bayling', 2023, 'cat:sft')
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Companion-list headings -> taxonomy category ids (graph/schema ids in seed_data/categories.yaml).
HEADING_CATEGORY = {
    "sft alignment": "cat:sft",
    "pretraining alignment": "cat:pretraining",
    "rlhf alignment": "cat:rlhf",
    "finetuning alignment": "cat:finetuning",
    "direct prompting": "cat:direct-prompting",
    "cross-lingual thinking prompting": "cat:cross-lingual-thinking-prompting",
    "code-switching prompting": "cat:code-switching-prompting",
    "translation alignment prompting": "cat:translation-alignment-prompting",
    "retrieval augmented alignment": "cat:retrieval-augmented",
}
STAGE_HEADINGS = {
    "multilingual pretraining data": "pretraining",
    "multilingual sft data": "sft",
    "multilingual rlhf data": "rlhf",
}
CONSTRUCTION_HEADINGS = {
    "manual creation": "manual-creation",
    "web crawling": "web-crawling",
    "benchmark adaption": "benchmark-adaptation",
    "benchmark adaptation": "benchmark-adaptation",
    "machine translation": "machine-translation",
    "mllm aided generation": "mllm-aided-generation",
}

SAMPLE = """## Paperlist
### 1. Parameter-Tuned Alignment
#### 1.1 SFT Alignment
- [2023] **BayLing: Bridging Cross-lingual Alignment and Instruction Following.** *Zhang et al.* `Arxiv` [[paper](https://arxiv.org/abs/2306.10968)] [[code](https://github.com/ictnlp/BayLing)]
"""

# Lines are stripped first, so the title needs no lazy group before trailing space (that was quadratic on a
# long run of spaces); every line is bounded (MAX_LINE) before any pattern runs.
_HEADING = re.compile(r"^(#{2,4})\s+(?:\d+(?:\.\d+)*\.?\s+)?(.+)$")
MAX_LINE = 10_000  # characters; a longer line is no entry of the list
MAX_LIST = 20_000_000  # characters of a whole list
_ITEM = re.compile(
    r"^-\s*\[(?P<year>\d{4})\]\s*\*\*(?P<title>.+?)\*\*\s*(?:\*(?P<authors>[^*]+)\*)?\s*"
    r"(?:`(?P<venue>[^`]+)`)?\s*(?P<links>.*)$"
)
_LINK = re.compile(r"\[\[(?P<kind>paper|code)\]\((?P<url>[^)]+)\)\]")
_DATA_ITEM = re.compile(r"^-\s*(?:\[\*\*(?P<lname>[^*]+)\*\*\]\((?P<url>[^)]+)\)|\*\*(?P<bname>[^*]+)\*\*|(?P<pname>[^.:]+))[.:]?\s*(?P<text>.*)$")
_ARXIV = re.compile(r"arxiv\.org/abs/(\d{4}\.\d{4,5})")
_ACL = re.compile(r"aclanthology\.org/([0-9A-Za-z.\-]+?)/?$")


class ImportError_(ValueError):
    """A line of the list that looks like an entry but cannot be read; names the line."""


def slugify(text: str, max_words: int = 6) -> str:
    """A readable id slug: ascii, lowercase, hyphens; at most ``max_words`` words."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+(?:\.[0-9]+)?", text.lower())
    return "-".join(words[:max_words])


def paper_slug(title: str) -> str:
    """The short form used in ids: the part before a colon if there is one, else the first words."""
    head = title.split(":", 1)[0] if ":" in title else title
    return slugify(head, max_words=4 if ":" in title else 6)


def _norm_title(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", title.lower()).strip()


@dataclass
class _Where:
    section: str = ""
    heading: str = ""


def _lines(markdown: str):
    """(line number, stripped line), each bounded before any pattern sees it."""
    if len(markdown) > MAX_LIST:
        raise ImportError_(f"{len(markdown):,} characters; a companion list is at most {MAX_LIST:,}")
    for lineno, raw in enumerate(markdown.splitlines(), 1):
        if len(raw) > MAX_LINE:
            raise ImportError_(f"line {lineno}: {len(raw):,} characters; a line of the list is at most {MAX_LINE:,}")
        yield lineno, raw.strip()


def parse_paperlist(markdown: str) -> list[dict]:
    """Draft Paper records from the list's "Paperlist" part, one per distinct title, all categories kept."""
    papers: dict[str, dict] = {}
    where = _Where()
    in_papers = False
    for lineno, line in _lines(markdown):
        h = _HEADING.match(line)
        if h:
            level, text = len(h.group(1)), h.group(2)
            if level == 2:
                in_papers = text.lower().startswith("paperlist")
            elif level == 4:
                where.heading = line.lstrip("#").strip()
                where.section = text
            continue
        if not in_papers or not line.startswith("- ["):
            continue
        m = _ITEM.match(line)
        if not m:
            raise ImportError_(f"line {lineno}: cannot read list entry: {line[:80]}")
        cat = HEADING_CATEGORY.get(where.section.lower())
        if not cat:
            raise ImportError_(f"line {lineno}: heading {where.section!r} maps to no taxonomy category")
        title = m.group("title").strip().rstrip(".")
        links = {lm.group("kind"): lm.group("url") for lm in _LINK.finditer(m.group("links") or "")}
        key = _norm_title(title)
        rec = papers.get(key)
        if rec is None:
            authors = (m.group("authors") or "").strip()
            rec = {
                "id": f"paper:{paper_slug(title)}",
                "name": title,
                "year": int(m.group("year")),
                "in_companion_list": True,
                "_list_line": lineno,
                "classified_as": [],
            }
            if m.group("venue"):
                rec["venue"] = m.group("venue").strip()
            if authors:
                rec["first_author"] = re.sub(r"\s+et al\.?$", "", authors).strip().rstrip(".")
            url = links.get("paper")
            if url:
                rec["url"] = url
                if a := _ARXIV.search(url):
                    rec["arxiv"] = a.group(1)
                elif a := _ACL.search(url):
                    rec["acl"] = a.group(1)
            if links.get("code"):
                rec["code_url"] = links["code"]
            papers[key] = rec
        elif "code_url" not in rec and links.get("code"):
            rec["code_url"] = links["code"]
        if all(c["to"] != cat for c in rec["classified_as"]):
            rec["classified_as"].append({"to": cat, "provenance": f"list:{where.heading}"})
    dedupe_ids(list(papers.values()))
    return list(papers.values())


def dedupe_ids(records: list[dict]) -> None:
    seen: dict[str, int] = {}
    for rec in records:
        base = rec["id"]
        if base in seen:
            seen[base] += 1
            rec["id"] = f"{base}-{rec.get('year', seen[base])}"
        else:
            seen[base] = 1


def parse_data_resources(markdown: str) -> list[dict]:
    """Draft Dataset records from the list's "Data Resources" part, with stage and construction."""
    out: list[dict] = []
    stage = construction = None
    in_data = False
    for lineno, line in _lines(markdown):
        h = _HEADING.match(line)
        if h:
            level, text = len(h.group(1)), h.group(2).strip().lower()
            if level == 2:
                in_data = text.startswith("data resources")
            elif level == 3 and in_data:
                stage = STAGE_HEADINGS.get(text)
                construction = None
            elif level == 4 and in_data:
                construction = CONSTRUCTION_HEADINGS.get(text)
            continue
        if not in_data or not line.startswith("- "):
            continue
        m = _DATA_ITEM.match(line)
        name = m and (m.group("lname") or m.group("bname") or m.group("pname"))
        if not m or not name or not stage:
            raise ImportError_(f"line {lineno}: cannot read data resource: {line[:80]}")
        rec = {"id": f"ds:{slugify(name)}", "name": name.strip(), "stage": stage, "in_companion_list": True,
               "_list_line": lineno}
        if construction:
            rec["construction"] = construction
        if m.group("url"):
            rec["url"] = m.group("url")
        out.append(rec)
    return out


def own_reference(rec: dict) -> str | None:
    """A draft paper's own provenance reference (arxiv:/acl:/url:), from its link."""
    if rec.get("arxiv"):
        return f"arxiv:{rec['arxiv']}"
    if rec.get("acl"):
        return f"acl:{rec['acl']}"
    if rec.get("url"):
        return f"url:{rec['url']}"
    if rec.get("code_url"):
        return f"url:{rec['code_url']}"
    return None


def to_yaml(records: list[dict], header: str = "") -> str:
    """Seed-file YAML for draft records, keys in a reading order, internal keys dropped."""
    import yaml

    order = ["id", "name", "aliases", "year", "venue", "first_author", "authors", "stage", "construction", "url",
             "code_url", "arxiv", "acl", "doi", "in_companion_list", "in_survey", "description", "provenance"]
    out = []
    for rec in records:
        clean = {k: rec[k] for k in order if k in rec}
        clean.update({k: v for k, v in rec.items() if k not in clean and not k.startswith("_")})
        if "provenance" not in clean and (ref := own_reference(rec)):
            clean["provenance"] = ref
        out.append(clean)
    body = yaml.safe_dump(out, allow_unicode=True, sort_keys=False, width=120, default_flow_style=None)
    return (header + "\n" if header else "") + body.replace("\n- id:", "\n\n- id:")
