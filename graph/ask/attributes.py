"""The attribute lexicon of value and yes/no questions: which words ask for which property of the schema
or which relationship of a named entity ("when was BLOOM released" -> year, "where is the lab behind X
based" -> DEVELOPED_BY then country, "which languages does mT5 cover" -> COVERS_LANGUAGE).

Property phrases start from graph.schema's property names (``first_author`` -> "first author") plus the
words people use for them; a relationship is found from a kind word ("languages", "lab", "category")
through the schema (graph.ask.gaps.relation_between). Nothing here names a label or type the schema lacks.
"""
from __future__ import annotations

from dataclasses import dataclass

from graph import schema
from graph.ask import gaps
from graph.ask import vocab as V

# properties never asked about as a value (bookkeeping, or read through another word)
HIDDEN = {"id", "name", "aliases", "note", "in_survey", "open_in_figure", "evolution_figure", "milestone",
          "in_companion_list", "resource_class_source"}
# what people say for a property besides its own name (normalised words)
SYNONYMS = {
    "year": ("year", "what year", "which year", "release year", "release date", "date", "publication year",
             "year of release", "year of publication", "when"),
    "parameters": ("parameters", "parameter count", "number of parameters", "params", "how many parameters",
                   "how many params", "how big", "how large", "size", "sizes", "model size", "parameter size"),
    "venue": ("venue", "conference", "journal", "which venue", "what venue", "published at", "presented at"),
    "first_author": ("first author", "lead author", "main author", "first named author"),
    "authors": ("authors", "author list", "who wrote", "who authored", "written by", "authored by"),
    "country": ("country", "which country", "what country", "based in", "located in", "what country is it from"),
    "url": ("url", "link", "website", "homepage", "home page", "web page", "webpage"),
    "code_url": ("code", "code url", "repository", "repo", "source code", "github", "code repository", "code repo",
                 "github repo", "github repository"),
    "arxiv": ("arxiv", "arxiv id", "arxiv number"),
    "acl": ("acl id", "anthology id", "acl anthology id"),
    "doi": ("doi",),
    "stage": ("stage", "which stage", "what stage", "used for"),
    "construction": ("construction", "how was it built", "built how", "constructed", "how constructed"),
    "n_languages": ("stated number of languages",),
    "resource_class": ("resource class", "joshi class", "resource level", "how resourced", "how well resourced"),
    "iso639_3": ("iso code", "iso 639 3", "iso 639", "language code", "code", "iso"),
    "script": ("script", "writing system", "alphabet", "written in"),
    "genus": ("genus", "branch", "sub family", "subfamily"),
    "family": ("family", "language family"),
    "abbreviation": ("abbreviation", "short name", "acronym", "abbreviated"),
    "section": ("section", "which section", "what section", "where in the survey"),
    "level": ("level", "taxonomy level"),
    "@TRAINED_ON": ("trained on", "pretrained on", "pre trained on", "fine tuned on", "finetuned on", "trained with",
                    "training data", "training corpus", "training set"),
    "@EVALUATED_ON": ("evaluated on", "tested on", "benchmarked on", "evaluation data", "evaluated with"),
    "description": ("description", "describe", "about", "what is", "what are", "who is", "tell me about",
                    "what does", "summary", "summarise", "summarize", "explain"),
}
# properties that may be read one hop away: the paper that introduces a work, the organisation behind it
HOP_PROPS = {"venue": "Paper", "first_author": "Paper", "authors": "Paper", "arxiv": "Paper", "acl": "Paper",
             "doi": "Paper", "code_url": "Paper", "country": "Organization"}
# words that sit in value questions without changing what is asked (verbs of release, coverage, use ...)
NEUTRAL = frozenset("""
released release releases publish published publishes introduced introduce introduces launched launch came come
comes out appeared appear proposed propose announced first made make built build created create develop developed
develops cover covers covered support supports supported speak speaks handle handles include includes included
use uses used address addresses addressed apply applied trained train evaluated evaluate tested test behind belong
belongs classified fall falls sit sits placed put have has had been be being get got does do did is was are were
the a an of in on at for to by from its it s which what who whose when where how me tell know let give show please
pls plz hey hi hello kindly can could would you u i d like want wanna wonder wondering curious quick question
thanks thank thx ok okay so um uh just again exactly actually officially originally initially atlas say says said
according record recorded records listed list find name state stated
""".split()) | V.STOP | V.FIELD_WORDS | {"based", "located", "situated", "headquartered", "wrote", "write", "authored",
                                       "presented", "accepted", "owns", "maintains", "produced", "designed"}
# who-questions: the verb says whether the organisation or the authors are asked for
WHO_DEVELOPED = frozenset({"developed", "develop", "develops", "made", "make", "makes", "built", "build", "builds",
                           "created", "create", "creates", "released", "release", "releases", "trained", "train",
                           "behind", "owns", "own", "maintains", "maintain", "produced", "designed", "launched"})
WHO_WROTE = frozenset({"wrote", "write", "writes", "authored", "author", "authors"})
WHERE_VENUE = frozenset({"published", "publish", "presented", "present", "appeared", "appear", "accepted"})
WHERE_COUNTRY = frozenset({"based", "located", "from", "situated", "come", "comes", "headquartered"})
# a relationship value is one of the entity's own facts: out of it, or the paper that introduces it
OWN_RELS = {(rt.type, "out") for rt in schema.REL_TYPES.values()
            if rt.type not in ("DERIVED_FROM", "SUBCATEGORY_OF", "INTRODUCES")} | {("INTRODUCES", "in")}


@dataclass(frozen=True)
class Attribute:
    """What a value question asks of its subject: a property (``prop``), read on the subject itself or one
    hop away (``hop`` = (rel, dir from the subject, label)), or the related nodes of ``hop`` (prop None)."""

    prop: str | None
    hop: tuple[str, str, str] | None = None
    role: str | None = None

    @property
    def key(self) -> str:
        return self.prop or self.hop[0]


def prop_phrases() -> dict[str, tuple[str, ...]]:
    """{normalised phrase: property names}: every schema property's own name and its synonyms ("code" is a
    paper's code_url and a language's ISO code: the subject's label decides)."""
    out: dict[str, list[str]] = {}
    for nt in schema.NODE_TYPES.values():
        for p in nt.all_props + schema.DERIVED_PROPS.get(nt.label, ()):
            if p.name not in HIDDEN and not p.name.startswith("parameters_") and p.name not in out.setdefault(p.name.replace("_", " "), []):
                out[p.name.replace("_", " ")].append(p.name)
    for name, words in SYNONYMS.items():
        for w in words:
            if name not in out.setdefault(w, []):
                out[w].append(name)
    return {k: tuple(v) for k, v in out.items()}


PROP_PHRASES = prop_phrases()


def labels_with(prop: str) -> list[str]:
    return [nt.label for nt in schema.NODE_TYPES.values()
            if nt.prop(prop) is not None or any(p.name == prop for p in schema.DERIVED_PROPS.get(nt.label, ()))]


def resolve_prop(label: str, prop: str) -> Attribute | None:
    """The property on the subject's own label, or one hop away for the few that people ask of a work
    ("the venue of BLOOM" is its paper's); None when the label has no such property. "@TYPE" names one of
    the subject's relationships ("trained on": its training data)."""
    if prop.startswith("@"):
        rt = schema.REL_TYPES[prop[1:]]
        if label not in rt.sources:
            return None
        return Attribute(None, (rt.type, "out", rt.targets[0] if len(rt.targets) == 1 else "Dataset"))
    if label in labels_with(prop):
        return Attribute(prop)
    other = HOP_PROPS.get(prop)
    if other is None or other == label:
        return None
    rel = gaps.relation_between(label, other, "introduced" if other == "Paper" else None)
    if rel is None or (rel[0], rel[1]) not in OWN_RELS:
        return None
    return Attribute(prop, (rel[0], rel[1], other))


def resolve_rel(label: str, other: str, cue: str | None) -> Attribute | None:
    """The subject's own relationship to nodes of ``other`` (its organisation, languages, category ...)."""
    if other == label:
        return None
    rel = gaps.relation_between(label, other, cue)
    if rel is None or (rel[0], rel[1]) not in OWN_RELS:
        return None
    role = cue if rel[0] == "COVERS_LANGUAGE" and cue in schema.LANGUAGE_ROLES else None
    return Attribute(None, (rel[0], rel[1], other), role)


# how an answer says a relationship, seen from the subject
REL_VERBS = {"DEVELOPED_BY": "was developed by", "COVERS_LANGUAGE": "covers", "CLASSIFIED_AS": "is classified under",
             "USES_TECHNIQUE": "uses", "TRAINED_ON": "was trained on", "EVALUATED_ON": "was evaluated on",
             "ADDRESSES": "addresses", "APPLIED_TO": "is applied to", "INTRODUCES": "was introduced in"}
REL_NOUNS = {"DEVELOPED_BY": "organisation", "COVERS_LANGUAGE": "languages", "CLASSIFIED_AS": "category",
             "USES_TECHNIQUE": "techniques", "TRAINED_ON": "training data", "EVALUATED_ON": "evaluation data",
             "ADDRESSES": "frontiers", "APPLIED_TO": "models it is applied to", "INTRODUCES": "paper"}
PROP_NOUNS = {"year": "year", "parameters": "parameter count", "first_author": "first author",
              "n_languages": "number of languages", "iso639_3": "ISO 639-3 code", "code_url": "code repository",
              "resource_class": "resource class", "open": "open status", "arxiv": "arXiv id", "acl": "ACL Anthology id",
              "url": "link", "doi": "DOI"}


def noun(attr: Attribute) -> str:
    if attr.prop is None:
        return REL_NOUNS.get(attr.hop[0], attr.hop[0].lower())
    return PROP_NOUNS.get(attr.prop, attr.prop.replace("_", " "))
