"""A question is a tree: "<kind> <relation phrase> <question of another kind>", recursively.

"datasets used to evaluate [models derived from LLaMA]", "organisations behind [models fine-tuned from
Llama 2]", "languages covered by [methods that use code-switching]", and with the phrase left at the end,
"datasets that [models derived from LLaMA] were evaluated on", "what languages do [methods that use
code-switching] cover". The relation lexicon is derived from the schema's relationship types: each type has
the verb phrases of its source side (active: "X uses Y") and of its target side (passive or a noun: "Y used
by X", "the developers of X"); which types may link two labels comes from the schema, so a phrase only counts
for the pair of labels it can join. The question of the other kind is parsed by the same parser (and may
itself be a chain). A second kind word followed by conditions of its own, with no phrase that places the
hop, is reported: the middle hop never vanishes.
"""
from __future__ import annotations

from dataclasses import dataclass

from graph import schema
from graph.ask import vocab as V

# relationship type -> (phrases of its source side: "<source> P <target>", of its target side: "<target> P <source>")
REL_PHRASES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "USES_TECHNIQUE": (
        ("use", "uses", "using", "used", "that use", "employ", "employs", "employing", "employed", "rely on",
         "relies on", "relying on", "leverage", "leverages", "leveraging", "adopt", "adopts", "adopting", "with",
         "via", "apply", "applies", "applying", "built with", "based on"),
        ("used by", "used in", "employed by", "employed in", "adopted by", "adopted in", "leveraged by",
         "relied on by", "applied by", "applied in", "of", "behind", "found in")),
    "COVERS_LANGUAGE": (
        ("cover", "covers", "covering", "for", "on", "in", "target", "targets", "targeting", "support",
         "supports", "supporting", "serve", "serves", "serving", "handle", "handles", "handling", "include",
         "includes", "including", "span", "spans", "spanning", "about", "focused on", "aimed at", "built for",
         "designed for", "with"),
        ("covered by", "covered in", "targeted by", "targeted in", "supported by", "served by", "handled by",
         "included in", "of", "in", "spoken in", "addressed by", "studied in", "studied by")),
    "DERIVED_FROM": (
        tuple(V.DESCENDANT_CUES) + ("derive from", "derives from", "fine tune", "fine tunes", "finetune",
                                    "adapt", "adapts", "adapting", "extend", "extends", "descended from",
                                    "derived", "based", "built", "initialized from", "initialised from",
                                    "whose base", "whose parent", "whose parents", "whose ancestors",
                                    "whose ancestor", "with a base", "whose base is", "whose base was"),
        ("base of", "bases of", "ancestors of", "ancestor of", "parents of", "parent of", "underlying",
         "that underlie", "underlie", "underlies", "origins of", "predecessors of", "the base for",
         "the basis of", "the basis for", "base models of", "base model of", "base model for")),
    "APPLIED_TO": (
        ("applied to", "used on", "used with", "applied on", "run on", "tested on", "trained into", "that adapt",
         "adapting", "adapt", "adapts", "to adapt", "for adapting", "that improve", "improving", "improve",
         "improves", "for"),
        ("improved by", "improved with", "adapted by", "adapted with", "enhanced by", "enhanced with",
         "tuned with", "aligned with", "aligned by")),
    "TRAINED_ON": (
        ("trained on", "pretrained on", "pre trained on", "fine tuned on", "finetuned on", "tuned on",
         "train on", "trains on", "trained with", "trained using", "learned from", "instruction tuned on",
         "tuned with", "built from", "that train on", "pre trained with", "pretrained with"),
        ("used to train", "used for training", "used in training", "used to pretrain", "used for pretraining",
         "used to fine tune", "used to finetune", "used for fine tuning", "training data of", "training data for",
         "training sets of", "the training data of", "that trained", "which trained", "training",
         "used to instruction tune", "used for instruction tuning")),
    "EVALUATED_ON": (
        ("evaluated on", "tested on", "benchmarked on", "evaluated with", "tested with", "benchmarked with",
         "evaluate on", "assessed on", "measured on", "reported on", "scored on", "evaluated against",
         "tested against", "benchmarked against", "evaluate with", "that evaluate on"),
        ("used to evaluate", "used for evaluating", "used for evaluation", "used to test", "used to benchmark",
         "used in evaluating", "used in the evaluation of", "used in evaluation of", "used in evaluations of",
         "that evaluate", "that evaluated", "which evaluate", "which evaluated", "evaluating", "benchmarks for",
         "benchmarks of", "evaluation sets of", "evaluation data of", "test sets of", "used to assess",
         "used for testing", "used for benchmarking", "that test", "testing", "that benchmark", "benchmarking")),
    "ADDRESSES": (
        ("address", "addresses", "addressing", "addressed", "tackle", "tackles", "tackling", "tackled", "on",
         "about", "study", "studies", "studying", "concern", "concerns", "concerning", "work on", "works on",
         "deal with", "deals with", "dealing with", "focus on", "focuses on", "focusing on", "target", "targets"),
        ("addressed by", "tackled by", "studied by", "studied in", "addressed in", "tackled in", "of", "faced by",
         "targeted by")),
    "DEVELOPED_BY": (
        ("developed by", "made by", "built by", "created by", "released by", "from", "by", "trained by",
         "published by", "produced by", "proposed by", "owned by", "maintained by", "of"),
        ("behind", "that developed", "who developed", "that built", "who built", "that made", "who made",
         "that released", "who released", "that created", "who created", "developing", "building", "making",
         "releasing", "creating", "that develop", "who develop", "that make", "who make", "that build",
         "who build", "that release", "who release", "developed", "built", "made", "released", "created",
         "responsible for", "of", "that produced", "who produced", "that trained", "who trained", "that own",
         "that maintain", "that proposed", "who proposed")),
    "INTRODUCES": (
        ("introducing", "that introduce", "introduce", "introduces", "introduced", "proposing", "propose",
         "proposes", "proposed", "presenting", "present", "presents", "presented", "describing", "describe",
         "describes", "described", "releasing", "release", "releases", "that introduced", "behind", "of"),
        ("introduced in", "introduced by", "proposed in", "proposed by", "presented in", "presented by",
         "described in", "described by", "released in", "from", "published in", "in")),
}
DETERMINERS = ("the", "a", "an", "any", "some", "all", "those", "these", "such", "other", "their", "its")
VERBISH = ("study", "studies", "work", "works", "data", "sets", "strategy")  # kind words that are also verbs or parts
NEGATION = frozenset({"not", "no", "without", "never", "none", "nothing", "neither", "nor", "t"})
GAP_MAX = 3  # words between a relation phrase and the kind word it governs ("used to evaluate [the open] models")


@dataclass
class Hop:
    """One relation phrase joining the question's kind (at ``target_at``) to a second kind (at ``kind_at``):
    the relationship from the first kind's side, and where the phrase and the sub-question lie."""

    rel: str
    dir: str
    label: str  # the second kind's label
    phrase: tuple[int, int]  # [start, end) of the relation phrase
    sub: tuple[int, int]  # [start, end) of the sub-question (its kind word, modifiers, conditions)
    kind_at: int


def _norm_phrases(phrases):
    return [tuple(p.split()) for p in phrases]


_TABLE = {rel: (_norm_phrases(a), _norm_phrases(b)) for rel, (a, b) in REL_PHRASES.items()}


def candidates(a: str, b: str) -> list[tuple[str, str, list]]:
    """(rel, dir from a, phrases) for every relationship type the schema allows between labels a and b: dir
    ``out`` (a is the source: its source-side phrases "a P b"), ``in`` (a is the target: "a P b" passive)."""
    return _relations(a, b, stranded=False)


def stranded(a: str, b: str) -> list[tuple[str, str, list]]:
    """"a that b P": the phrase is b's ("datasets that models were evaluated on"); (rel, dir from a, phrases)."""
    return _relations(a, b, stranded=True)


def _relations(a: str, b: str, stranded: bool) -> list[tuple[str, str, list]]:
    """Both readings above: a plain phrase is the subject's side, a stranded one the other side's (and the
    incoming reading comes first)."""
    out = []
    for rt in schema.REL_TYPES.values():
        if rt.type not in _TABLE:
            continue
        src, dst = _TABLE[rt.type]
        ways = [("out", a in rt.sources and b in rt.targets, dst if stranded else src),
                ("in", b in rt.sources and a in rt.targets, src if stranded else dst)]
        out += [(rt.type, way, phrases) for way, holds, phrases in (ways[::-1] if stranded else ways) if holds]
    return out


def _ending_at(words, end, phrases, lo) -> int:
    """Length of the longest phrase ending just before ``end`` and starting at or after ``lo`` (0: none)."""
    best = 0
    for p in phrases:
        n = len(p)
        if n > best and end - n >= lo and tuple(words[end - n:end]) == p:
            best = n
    return best


def find_hop(words: list[str], target: str, target_at: int, kind_at, used: list[bool]) -> Hop | str | None:
    """The first hop after the question's kind word: a Hop; or a reason (str) when a second kind word
    carries conditions of its own but no phrase places the hop (or several do); None when there is none.
    ``kind_at(i)`` is the label of a kind word at i (else None)."""
    for j in range(target_at + 1, len(words)):
        lab = kind_at(j)
        if lab is None or used[j] or not candidates(target, lab):
            continue  # "categories and subcategories": no relationship of ours links them
        prev = [w for w in words[max(0, j - 2):j]]
        if prev[-1:] and prev[-1] in ("most", "fewest", "least") or prev == ["number", "of"]:
            continue  # "which language do the most models cover": the kind a ranking counts
        if words[j] in VERBISH and not (prev[-1:] and prev[-1] in DETERMINERS + ("which", "what")):
            continue  # "papers that study ...": a verb, not the kind
        field_word = words[j] in ("llm", "llms", "mllm", "mllms")
        lo = j
        while lo - 1 > target_at and not used[lo - 1] and words[lo - 1] not in V.STOP and \
                words[lo - 1] not in NEGATION and \
                words[lo - 1] not in V.CUE_WORDS and not kind_at(lo - 1) and j - lo < GAP_MAX:
            lo -= 1  # "organisations behind [open] models": the kind's own modifiers count as its conditions
        after = _has_content(words, j + 1, len(words), kind_at)
        if not after and (lab == "Language" or not _has_content(words, lo, j, kind_at)):
            return None  # "papers that introduce models", "models covering Indic languages": read flat
        k = j - 1
        while k > target_at and words[k] in DETERMINERS:
            k -= 1
        if words[k] == "whose":  # "papers whose models come from Italian labs": the one relationship there is
            rels = [(rel, d) for rel, d, _ in candidates(target, lab) if rel != "DERIVED_FROM"]
            if len(rels) == 1:
                return Hop(rels[0][0], rels[0][1], lab, (k, k + 1), (k + 1, len(words)), j)
        found = []  # (phrase end, phrase length, rel, dir)
        for e in range(j, max(target_at, j - GAP_MAX - 1), -1):
            if any(used[e:j]) or any(w in V.STOP and w not in DETERMINERS for w in words[e:j]):
                break
            for rel, d, phrases in candidates(target, lab):
                n = _ending_at(words, e, phrases, target_at + 1)
                if n and not any(used[e - n:e]):
                    found.append((e, n, rel, d))
            if found:
                break
        if found:
            top = max(n for _, n, _, _ in found)
            best = {(rel, d) for _, n, rel, d in found if n == top}
            e = found[0][0]
            if len(best) > 1:
                return (f"'{' '.join(words[e - top:e])}' could link {target.lower()}s and {lab.lower()}s in "
                        f"{len(best)} ways ({', '.join(sorted(r for r, _ in best))}); say which")
            rel, d = best.pop()
            return Hop(rel, d, lab, (e - top, e), (e, len(words)), j)
        # "datasets that models derived from LLaMA were evaluated on": the phrase ends the question
        for rel, d, phrases in stranded(target, lab):
            n = _ending_at(words, len(words), phrases, j + 1)
            if n and not any(used[len(words) - n:]):
                return Hop(rel, d, lab, (len(words) - n, len(words)), (j, len(words) - n), j)
        if field_word or not after:
            continue  # "work on making LLMs safer": the field's own word; "Telugu or other Dravidian languages"
        return (f"no phrase places how {target.lower()}s relate to the {lab.lower()}s here "
                f"(e.g. {_examples(target, lab)})")
    return None


def _examples(a: str, b: str) -> str:
    ex = [f"'{' '.join(phrases[0])}'" for _, _, phrases in candidates(a, b) if phrases]
    return ", ".join(ex[:3]) or "no relationship links them"


def _has_content(words, lo, hi, kind_at) -> bool:
    """Whether words[lo:hi] hold a condition (a word that is neither a function word nor a kind word)."""
    return any(w in ("survey", "post") or w not in V.STOP and w not in V.FIELD_WORDS and w not in V.CUE_WORDS
               and w not in NEGATION and not kind_at(k) for k, w in enumerate(words[lo:hi], lo))
