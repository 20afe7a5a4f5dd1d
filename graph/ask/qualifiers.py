"""Two qualifiers read before anything else can swallow their words: the survey's boundary ("in the survey",
"since the survey", "post-survey", "not in the survey": the ``in_survey`` property every record has) and
superlatives over an ordered property ("the newest Korean model", "the earliest dataset for Swahili",
"the largest open model": a ``graph.query.Order``). A superlative the grammar cannot place (on a label
without that property, or inside a nested phrase) is reported, never dropped.
"""
from __future__ import annotations

import re

from graph import schema
from graph.query import Constraint, Order

# (regex over the normalised question, in_survey value). Checked in this order; each match's words are placed.
_THE = r"(?:the |this |that |our |its )?"
_SURVEY = r"(?:survey|survey paper|survey s list|survey s lists|companion list)"
_VERB = (r"(?:(?:been |were |was |are |is |be |got |get |being )?(?:added|published|released|introduced|proposed|"
         r"appeared|appearing|created|built|made|developed|presented|put out|that came out|came out|come out|"
         r"coming out|out|new|newer|arrived|emerged|written|collected|recorded|included))")
_SURVEY_DOES = r"(?:file|place|put|group|sort|assign|count|talk about|categorize|categorise|single out|recognize|introduce|highlight|summarise|summarize|catalogue|recognise|point out|identify|classify|describe|consider|analyze|propose|present|catalog|feature|include|mention|examine|outline|analyse|discuss|review|survey|define|study|cover|cite|list|name)"
_SURVEY_DID = r"(?:files|filed|places|placed|puts|groups|grouped|sorts|sorted|assigns|assigned|counts|counted|talked about|highlighted|singled out|categorized|categorizes|categorised|singles out|pointed out|categorises|talks about|catalogued|summarised|introduced|points out|recognized|summarized|recognizes|classified|summarizes|highlights|classifies|introduces|recognises|identifies|identified|recognised|summarises|catalogues|considered|cataloged|described|presented|describes|discussed|considers|mentioned|discusses|presents|outlined|outlines|mentions|proposes|catalogs|featured|included|reviewed|analyses|proposed|examines|surveyed|features|examined|includes|analysed|analyzed|analyzes|covered|defined|reviews|studies|studied|defines|surveys|covers|listed|cites|names|named|lists|cited)"
_SCHEME = r"(?:taxonomy|taxonomies|classification|categorisation|categorization|scheme|framework)"
SURVEY_PATTERNS: list[tuple[re.Pattern, bool | None]] = [
    # the survey's taxonomy is the atlas's taxonomy: placed, no boundary ("from scratch in the survey's taxonomy")
    (re.compile(rf"\b(?:(?:in|under|of|within|per|according to|by) )?(?:{_THE}{_SURVEY} s {_SCHEME}|{_THE}{_SCHEME} "
                rf"(?:of|in|from) {_THE}{_SURVEY})\b(?! s\b)"), None),
    (re.compile(rf"\b(?:(?:that|which) (?:are|were|is|was) )?(?:not|never) (?:(?:covered|included|listed|mentioned|"
                rf"found|present|discussed|cited) )?(?:in|by|from) {_THE}{_SURVEY}\b(?! s\b)"), False),
    (re.compile(rf"\b(?:missing from|absent from|excluded from|outside(?: of)?|beyond|left out of|omitted from) "
                rf"{_THE}{_SURVEY}\b(?! s\b)"), False),
    (re.compile(rf"\b(?:{_VERB} )?(?:since|after|later than|newer than|following|post) (?:(?:the )?(?:publication|"
                rf"release|appearance) of )?{_THE}{_SURVEY}(?: s (?:publication|release|appearance))?\b(?! s\b)"),
     False),
    (re.compile(r"\b(?:(?:added|published|released|introduced|new) )?post survey\b"), False),
    (re.compile(rf"\b(?:(?:that|which) (?:are|were|is|was) )?(?:(?:covered|included|listed|mentioned|found|present|"
                rf"discussed|cited|catalogued|reviewed) )?(?:in|by|from) {_THE}{_SURVEY}\b(?! s\b)"), True),
    (re.compile(rf"\b{_THE}{_SURVEY} s own\b"), True),
    # what the survey itself does: "frontiers does the survey identify", "models (that) the survey covers"
    (re.compile(rf"\b(?:(?:does|do|did|has|have) {_THE}{_SURVEY} (?:also |itself |actually )?{_SURVEY_DOES}"
                rf"|(?:(?:that|which) )?{_THE}{_SURVEY} (?:also |itself |actually )?{_SURVEY_DID})\b"), True),
    # the survey's own lists: "frontiers of the survey", "according to the survey", "the survey's frontiers"
    (re.compile(rf"\b(?:of|according to|per|as per|as listed in|as named in) {_THE}{_SURVEY}\b(?! s\b)"), True),
    (re.compile(rf"\b{_THE}{_SURVEY} s\b"), True),
]

# superlative word -> (property per label, order); year for every label that has one, parameters for models
SUPERLATIVES = {
    "newest": ("year", "desc"), "latest": ("year", "desc"), "youngest": ("year", "desc"),
    "most recent": ("year", "desc"), "most recently": ("year", "desc"),
    "oldest": ("year", "asc"), "earliest": ("year", "asc"), "first": ("year", "asc"),
    "largest": ("parameters_max", "desc"), "biggest": ("parameters_max", "desc"),
    "smallest": ("parameters_min", "asc"), "tiniest": ("parameters_min", "asc"),
    **{f"{most} {p}": ("parameters_max", "desc") for most in ("most", "largest number of") for p in ("parameters", "params")},
    **{f"{few} {p}": ("parameters_min", "asc") for few in ("fewest", "least") for p in ("parameters", "params")},
}
OWN_NOUN = frozenset(k for k in SUPERLATIVES if k.endswith(("parameters", "params")))  # 'has the most parameters'


NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}


def survey(words: list[str], used: list[bool], found: list, notes: list[str] | None = None) -> None:
    """The survey's boundary: an ``in_survey`` property constraint per phrase, its words placed."""
    text = " ".join(words)
    starts = [len(" ".join(words[:i])) + (1 if i else 0) for i in range(len(words))]
    for rx, value in SURVEY_PATTERNS:
        for m in rx.finditer(text):
            i = max(k for k, s in enumerate(starts) if s <= m.start())
            j = max(k for k, s in enumerate(starts) if s < m.end()) + 1
            if any(used[i:j]):
                continue
            used[i:j] = [True] * (j - i)
            if value is not None:
                found.append((i, [Constraint("prop", field="in_survey", value=value, text=m.group(0))]))
            elif notes is not None:  # words that name the survey's taxonomy: the atlas's own, no boundary
                notes.append(f"'{m.group(0)}' read as the atlas's taxonomy (the survey's, with later works placed "
                             f"in it): no limit to the survey's own records")


def superlative(words: list[str], used: list[bool], kind_at) -> tuple[int, str, str, int, int] | None:
    """(position, word, property, order, k) of a superlative modifying a kind word within three words after
    it ("the newest Korean model", "the 3 largest models"), its words placed; None if there is none.
    ``kind_at(i)`` is the label of a kind word at i, else None."""
    for i, w in enumerate(words):
        two, four = " ".join(words[i:i + 2]), " ".join(words[i:i + 4])
        said = four if four in SUPERLATIVES else two if two in SUPERLATIVES else w if w in SUPERLATIVES else None
        if said is None or used[i]:
            continue
        n = len(said.split())
        after = words[i + n:i + n + 4]
        if w == "first" and (not after or after[0] in ("author", "authors", "authored") or
                             (i and words[i - 1] not in ("the", "s", "which", "what"))):
            continue
        if said in OWN_NOUN:
            pass  # the property is said: 'which model has the most parameters'
        elif w == "most" and not any(kind_at(k) for k in range(i + n, min(len(words), i + n + 4))):
            continue
        elif not any(kind_at(k) for k in range(i + n, min(len(words), i + n + 4))) and \
                not (i and kind_at(i - 1)) and w not in ("newest", "oldest", "earliest", "latest", "largest",
                                                           "biggest", "smallest", "youngest", "tiniest"):
            continue
        if words[i + n:i + n + 1] in (["version"], ["versions"], ["size"]):
            continue  # 'whose largest version is under 10B': a size, read by the size step
        k = 1
        for m in range(max(0, i - 2), i):  # "the 3 newest models", "the five largest"
            num = int(words[m]) if words[m].isdigit() and 0 < int(words[m]) < 1000 else NUMBERS.get(words[m])
            if num and not used[m]:
                k, used[m] = num, True
        used[i:i + n] = [True] * n
        if i and words[i - 1] == "the":
            used[i - 1] = True  # "the most recent": not "the most" of a ranking
        fld, order = SUPERLATIVES[said]
        return i, said, fld, order, k
    return None


# Chinese and Korean superlatives: 最新 / 가장 최신 / 제일 최신 (제일 is 가장's everyday twin), longest first
_KO_MOST = ("가장 ", "제일 ", "가장", "제일")
_CJK_SUP = {"最新": ("year", "desc"), "最近": ("year", "desc"), "最早": ("year", "asc"), "最老": ("year", "asc"),
            "最旧": ("year", "asc"), "最大": ("parameters_max", "desc"), "最小": ("parameters_min", "asc"),
            **{m + w: v for m in _KO_MOST for w, v in (
                ("최신", ("year", "desc")), ("최근", ("year", "desc")), ("새로운", ("year", "desc")),
                ("오래된", ("year", "asc")), ("처음", ("year", "asc")), ("큰", ("parameters_max", "desc")),
                ("작은", ("parameters_min", "asc")))},
            "최신": ("year", "desc")}
CJK_SUPERLATIVES = dict(sorted(_CJK_SUP.items(), key=lambda kv: -len(kv[0])))


def cjk_superlative(cjk_text: str) -> tuple[int, str, str, str, int] | None:
    """(0, words, property, order, 1) of a Chinese or Korean superlative in the question's CJK text, or None."""
    said = next((w for w in CJK_SUPERLATIVES if w in cjk_text), None)
    if said is None:
        return None
    fld, order = CJK_SUPERLATIVES[said]
    return 0, said, fld, order, 1


def order_for(label: str, fld: str, order: str, k: int) -> Order | None:
    """The Order a superlative means on ``label`` (None: the label has no such property)."""
    derived = {p.name for p in schema.DERIVED_PROPS.get(label, ())}
    if schema.NODE_TYPES[label].prop(fld) is None and fld not in derived:
        return None
    return Order(fld, order, k)
