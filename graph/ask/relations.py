"""Which relationship a named entity takes to the target, read from the cue words around it.

"derived from LLaMA" / "derivatives of LLaMA" / "基于BLOOM" (descendants), "what is BLOOMZ built on" /
"trace BLOOMZ back to its base model" / "BLOOMZ의 기반 모델" (ancestors), "the BLOOM family" (both),
"trained on xP3" vs "evaluated on MGSM", and otherwise the one relationship the schema allows.
"""
from __future__ import annotations

import re

from graph import schema
from graph.ask import vocab as V
from graph.ask.entities import Mention, _ends_with
from graph.query import Constraint
from graph.search.fuzzy import has_cjk, norm

CLASSIFIABLE = ("Paper", "Method", "Model", "Dataset")
ASK_WORDS = ("what", "what is", "what was", "what are", "which", "what does", "what do", "which model is",
             "which model was", "what model is", "what model was", "which models is", "what models is",
             "which models are", "what models are")
CJK_ANC_AFTER = ("基于什么", "基于哪", "是基于", "的基础模型", "的基座", "的底座", "源自哪", "源自什么", "的祖先", "来自哪",
                 "从哪个", "由哪个", "的前身", "衍生自哪", "의 기반 모델", "의 기반이 된", "의 기본 모델", "의 베이스 모델",
                 "의 조상", "의 원조", "은 어떤 모델을 기반", "는 어떤 모델을 기반", "은 무엇을 기반", "는 무엇을 기반",
                 "을 기반으로 하나", "를 기반으로 하나", "은 어떤 모델에서", "는 어떤 모델에서", "의 부모")
CJK_DESC_BEFORE = ("基于", "源自", "衍生自", "派生自", "来自", "从", "以")
CJK_DESC_AFTER = ("的衍生", "衍生的", "派生的", "的后代", "的变体", "的派生", "微调的", "微调而来", "衍生出", "派生出", "为基础",
                  "为基座", "을 기반으로", "를 기반으로", "기반으로", "기반의", "에서 파생", "의 파생", "의 후손", "의 변형",
                  "을 미세 조정", "를 미세 조정", "을 파인튜닝", "를 파인튜닝", "에서 미세 조정", "에서 파인튜닝", "계열")
MADE_FROM = ("fine tuned", "finetuned", "fine tune", "finetune", "fine tunes", "finetunes", "adapted", "adapt",
             "adapts", "extended", "extend", "extends", "distilled", "distill", "continued pretraining of",
             "further trained", "instruction tuned", "built upon", "built on", "derived")
CJK_TRAIN = ("训练", "학습", "훈련", "사전 학습")
CJK_EVAL = ("评估", "评测", "测试", "평가", "벤치마크")


def _cjk_around(words, m: Mention) -> tuple[str, str]:
    """CJK text just before and just after a mention (within its run, or the neighbouring words)."""
    if m.text and m.start + 1 == m.end and has_cjk(m.text):  # a CJK mention inside a run
        run = words[m.start]
        k = run.find(m.text)
        before, after = run[:max(k, 0)], run[k + len(m.text):] if k >= 0 else ""
    else:
        before, after = "", ""
    prev = " ".join(w for w in words[max(0, m.start - 2):m.start] if has_cjk(w))
    nxt = " ".join(w for w in words[m.end:m.end + 7] if has_cjk(w))
    return (prev + before).replace(" ", ""), (after + " " + nxt).strip()


def lineage(words, m: Mention) -> str | None:
    """descendants | ancestors | family, from the words around a mention; None if no lineage cue."""
    before, after = words[max(0, m.start - 4):m.start], words[m.end:]
    if has_cjk(" ".join(words)):
        cb, ca = _cjk_around(words, m)
        ca_flat = ca.replace(" ", "")
        if any(c.replace(" ", "") in ca_flat for c in CJK_ANC_AFTER):
            return "ancestors"
        if cb.endswith(CJK_DESC_BEFORE) or any(c.replace(" ", "") in ca_flat[:12] for c in CJK_DESC_AFTER):
            return "descendants"
    after_text = " ".join(after[:6])
    before_text = " ".join(before)
    if re.match(r"^(?:is|was|are|were|has been|have been) (?:\w+ ){0,2}(?:built|based|derived|trained|adapted|"
                r"fine tuned|finetuned|initiali[sz]ed|developed|created)(?: upon| on| from| off| out of)? (?:which|what)",
                after_text):
        return "ancestors"
    if re.search(r"(?:derivative|descendant|variant|offspring|child)s? (?:models?|llms?|versions?) of$", before_text):
        return "descendants"
    if re.search(r"(?:ancestor|parent|base|predecessor)s? (?:models?|llms?) of$", before_text):
        return "ancestors"
    asked = _ends_with(before, ASK_WORDS) or re.match(r"^(?:what|which)\b.*\b(?:is|was|are|were|did|does|do)$",
                                                        " ".join(words[:m.start])) is not None
    if _ends_with(before, V.ANCESTOR_BEFORE) or _ends_with(before, tuple(f"{n} of" for n in V.LINEAGE_ANC_NOUNS)) \
            or (_starts_with(after, V.ANCESTOR_AFTER) and asked) \
            or (after[:1] == ["back"] or after_text.startswith(("s base model", "s ancestors", "s origins", "s parent",
                                                                 "s base", "come from", "comes from", "originate"))):
        return "ancestors"
    if after[:1] in (["model"], ["models"]):
        after = after[1:]
    if _ends_with(before, tuple(f"{n} of" for n in V.LINEAGE_FAMILY)) or after[:1] in (["family"], ["families"]) \
            or after_text.startswith(("s family", "s lineage", "lineage")):
        return "family"
    if _ends_with(before, V.DESCENDANT_CUES) or _ends_with(before, tuple(f"{n} of" for n in V.LINEAGE_DESC_NOUNS)) \
            or after_text.startswith(("derivatives", "descendants", "variants", "s derivatives", "s descendants",
                                      "s variants", "based", "derived", "fine tunes", "finetunes", "s fine tunes")):
        return "descendants"
    if any(w in V.LINEAGE_DESC_NOUNS for w in words) and not any(w in V.TARGET_WORDS for w in words):
        return "descendants"  # "how many derivatives does BLOOM have"
    return None


def _starts_with(words, phrases) -> bool:
    from graph.ask.entities import normed

    text = " ".join(words)
    return any(text == p or text.startswith(p + " ") for p in normed(tuple(phrases)))


def role(before) -> str | None:
    if _ends_with(before, V.TRAIN_CUES):
        return "trained_on"
    if _ends_with(before, V.EVAL_CUES):
        return "evaluated"
    return None


TRAIN_VERBS = frozenset({"trained", "train", "trains", "pretrained", "pretrain", "finetuned", "tuned"})
EVAL_VERBS = frozenset({"evaluated", "evaluate", "evaluates", "tested", "test", "tests", "benchmarked", "assessed"})
_GROUP = TRAIN_VERBS | EVAL_VERBS | {"on", "with", "against", "and", "or", "also", "fine", "pre", "instruction"}
_AUX = ("was", "were", "is", "are", "been", "be", "being", "has", "have", "had", "both", "either")


def coordinated(words, m: Mention) -> str | None:
    """'and' or 'or' when the verbs right before or after a mention join a verb of training and one of
    evaluation ('trained on and evaluated on xP3', 'which datasets was BLOOM trained and tested on'): the
    mention is the object (or subject) of both; None otherwise."""
    after, k = [], m.end
    while k < len(words) and words[k] in _AUX:
        k += 1
    while k < len(words) and words[k] in _GROUP:
        after.append(words[k])
        k += 1
    before, k = [], m.start - 1
    while k >= 0 and words[k] in _GROUP:
        before.insert(0, words[k])
        k -= 1
    for group in (before, after):
        conj = [w for w in group if w in ("and", "or")]
        if conj and set(group) & TRAIN_VERBS and set(group) & EVAL_VERBS:
            return conj[0]
    return None


def relation(parser, words, m: Mention, target: str, cue: str | None = None) -> list[Constraint] | None:
    """The constraint(s) a mention puts on ``target`` nodes (two alternatives for a lineage 'family'),
    or None when the mention cannot constrain them; ``cue`` ('trained_on' | 'evaluated') says which of
    the two a data set relation is, whatever the words around say."""
    before = words[max(0, m.start - 4):m.start]
    around = " ".join(words[max(0, m.start - 4):m.end + 3])
    cjk_b, cjk_a = _cjk_around(words, m) if has_cjk(" ".join(words)) else ("", "")
    text = m.text or " ".join(words[m.start:m.end])
    lab, eid = m.label, m.id

    def link(rel, d, via=True, r=None):
        return [Constraint("link", id=eid, rel=rel, dir=d, role=r, via_partner=via, text=text)]

    if words[m.end:m.end + 1] == ["paper"] and parser.named_kind(words, m.end) == "paper":
        return paper_of(words, m, target, text)
    if lab == "Category" and target == "Category":  # "subcategories of PFA": at any depth under it
        under = sorted(_under(parser.category_parents, eid) - {eid})
        return [Constraint("prop", field="id", op="in", value=under, text=text)] if under else None
    if lab == "Category":
        return [Constraint("category", id=eid, text=text)] if target in CLASSIFIABLE else None
    if lab == "Technique":
        return link("USES_TECHNIQUE", "out") if target in CLASSIFIABLE else None
    if lab == "Frontier":
        return link("ADDRESSES", "out") if target in ("Paper", "Method", "Dataset", "Model") else None
    if lab == "Language" and target == "Language" and words[m.end:m.end + 1] == ["language"] \
            and (m.start == 0 or words[m.start - 1] == "the"):  # "[papers about] the Chinese language": itself
        return [Constraint("prop", field="id", op="in", value=[eid], text=text)]
    if lab == "Language":
        r = cue or role(before) or ("trained_on" if any(c in cjk_b + cjk_a for c in CJK_TRAIN) else None)
        return link("COVERS_LANGUAGE", "out", r=r) if target in CLASSIFIABLE else None
    if lab == "Organization":
        return link("DEVELOPED_BY", "out") if target in CLASSIFIABLE else None
    if lab == "Model" and target != "Model" and not m.text and _ends_with(before, MADE_FROM):
        if target == "Organization":  # "which labs fine-tuned LLaMA": the makers of LLaMA's derivatives
            from graph.query import StructuredQuery
            sub = StructuredQuery("Model", [Constraint("lineage", id=eid, direction="descendants", text=text)])
            return [Constraint("nested", rel="DEVELOPED_BY", dir="in", sub=sub,
                               text=" ".join(words[max(0, m.start - 2):m.end]))]
        return None  # "papers that fine-tuned LLaMA": a derivative is meant; not LLaMA's own edges
    lin = lineage(words, m)
    if lin and target != lab and lab in ("Model", "Method", "Dataset") and not m.text:
        return None  # "datasets ... derived from LLaMA": the hop to LLaMA's kind is missing; never read past it
    if lin and target == lab:
        if lin == "family":  # the node itself, what it is built on and what is built on it
            return [Constraint("lineage", id=eid, direction=d, text=text) for d in ("ancestors", "descendants")] \
                + [Constraint("prop", field="id", op="in", value=[eid], text=text)]
        return [Constraint("lineage", id=eid, direction=lin, text=text)]
    evaluated = any(norm(c) in around for c in V.EVAL_CUES) or any(c in cjk_b + cjk_a for c in CJK_EVAL)
    trained = any(norm(c) in around for c in V.TRAIN_CUES) or any(c in cjk_b + cjk_a for c in CJK_TRAIN)
    near = cue or role(before)  # the cue right before the name decides ('trained on mC4 and evaluated on XNLI')
    if near:
        evaluated, trained = near == "evaluated", near == "trained_on"
    def source(rel):  # the mention is the relationship's source: it counts with the paper that introduces it
        return [Constraint("link", id=eid, rel=rel, dir="in", label=lab, text=text)]

    if target == "Language":
        return source("COVERS_LANGUAGE")
    if target == "Technique":
        return source("USES_TECHNIQUE")
    if target == "Frontier":
        return source("ADDRESSES")
    if target == "Organization":
        return source("DEVELOPED_BY")
    if target == "Category":
        return source("CLASSIFIED_AS")
    if lab == "Dataset" and target in ("Model", "Method", "Paper"):
        if target == "Paper" and not evaluated:
            return link("INTRODUCES", "out", via=False) if _introduced(before) else link("EVALUATED_ON", "out")
        if evaluated or (parser.nodes[eid].get("stage") == "evaluation" and not trained):
            return link("EVALUATED_ON", "out")
        return link("TRAINED_ON", "out")
    if target == "Dataset" and lab in ("Model", "Method"):
        return source("EVALUATED_ON" if evaluated else "TRAINED_ON")
    if target == "Paper":
        return link("INTRODUCES", "out", via=False)
    if target == "Method" and lab == "Model":
        return link("APPLIED_TO", "out", via=False)
    if target == "Model" and lab == "Method":
        return link("APPLIED_TO", "in", via=False)
    if target == lab:
        return [Constraint("lineage", id=eid, direction="descendants", text=text)]
    return None


def paper_of(words, m: Mention, target: str, text: str) -> list[Constraint] | None:
    """'the BLOOMZ paper': the paper that introduces BLOOMZ, related to ``target`` as a paper is (by the
    schema; the words around choose between evaluated on and introduces), counting with what it introduces."""
    from graph.ask.gaps import _cue, relation_between
    from graph.query import StructuredQuery
    rel = relation_between(target, "Paper", _cue(words[max(0, m.start - 4):m.end + 4], "paper"))
    if rel is None:
        return None
    sub = StructuredQuery("Paper", [Constraint("link", id=m.id, rel="INTRODUCES", dir="out", via_partner=False,
                                               text=text)])
    return [Constraint("nested", rel=rel[0], dir=rel[1], sub=sub, text=f"{text} paper")]


def _introduced(before) -> bool:
    return any(w in ("introduce", "introduces", "introduced", "introducing", "propose", "proposed", "proposes",
                     "present", "presents", "presented", "release", "released") for w in before)


def applicable(c: Constraint, target: str) -> str | None:
    """Why constraint ``c`` cannot apply to ``target`` nodes, or None if it can."""
    if c.kind == "nested":  # 'which derivative frontiers addressed by ...': no kind word, papers by default
        from graph.query import StructuredQuery
        try:
            StructuredQuery(target, [c])
        except ValueError as e:
            return str(e)
    derived = {p.name for p in schema.DERIVED_PROPS.get(target, ())}
    if c.kind == "prop" and schema.NODE_TYPES[target].prop(c.field) is None and c.field not in derived:
        return f"{target.lower()}s have no {c.field}"
    if c.kind == "language_group" and target not in CLASSIFIABLE + ("Language",):
        return f"{target.lower()}s cover no languages"
    return None


def _under(parents: dict[str, set], root: str) -> set[str]:
    """``root`` and every category below it, from the {category: parents} map."""
    children: dict[str, set] = {}
    for c, ps in parents.items():
        for p in ps:
            children.setdefault(p, set()).add(c)
    out, stack = set(), [root]
    while stack:
        k = stack.pop()
        if k not in out:
            out.add(k)
            stack += list(children.get(k, ()))
    return out
