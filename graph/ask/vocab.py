"""The parser's fixed vocabulary: target words, cue phrases, stop words, year and group patterns.

Kept apart from parser.py so that what the parser understands can be read (and documented) at a glance.
"""
from __future__ import annotations

import re

# target words (singular and plural, English, Chinese, Korean) -> label
TARGET_WORDS = {
    "paper": "Paper", "papers": "Paper", "work": "Paper", "works": "Paper", "publication": "Paper",
    "publications": "Paper", "studies": "Paper", "study": "Paper", "articles": "Paper",
    "method": "Method", "methods": "Method", "approach": "Method", "approaches": "Method",
    "strategy": "Method", "strategies": "Method",
    "model": "Model", "models": "Model", "llm": "Model", "llms": "Model", "mllm": "Model", "mllms": "Model",
    "dataset": "Dataset", "datasets": "Dataset", "corpus": "Dataset", "corpora": "Dataset",
    "benchmark": "Dataset", "benchmarks": "Dataset", "data": "Dataset",
    "language": "Language", "languages": "Language",
    "technique": "Technique", "techniques": "Technique",
    "frontier": "Frontier", "frontiers": "Frontier", "challenges": "Frontier",
    "organization": "Organization", "organizations": "Organization", "organisations": "Organization",
    "labs": "Organization", "companies": "Organization",
}
CJK_TARGET_WORDS = {
    "论文": "Paper", "方法": "Method", "模型": "Model", "数据集": "Dataset", "语言": "Language",
    "技术": "Technique", "前沿": "Frontier", "논문": "Paper", "방법": "Method", "모델": "Model",
    "데이터셋": "Dataset", "언어": "Language", "기법": "Technique",
}
CJK_LOW_RESOURCE = ("低资源", "低資源", "저자원", "저자원 언어")
CJK_FILLER = ("使用", "采用", "用", "的", "哪些", "什么", "有", "在", "上", "中", "基于", "是", "吗", "？", "?",
              "사용하는", "사용한", "사용", "어떤", "무엇", "을", "를", "은", "는", "이", "가", "의", "에", "하는", "있는")

STOP = set("""
which what who whose where how are is was were be been being the a an of for on in to by with that those these this
do does did all any some me show list find give get there have has had and or their its it from into about
please tell can could would should i we you my our your they them most more many much also only both either
at
""".split())

# lineage: "derived from X" (descendants of X) and "what is X built on" (ancestors of X)
DESCENDANT_CUES = ("derived from", "based on", "built on", "built upon", "built from", "finetuned from",
                   "fine tuned from", "fine-tuned from", "descendants of", "descended from", "variants of",
                   "derivatives of", "extended from", "adapted from", "continued from", "trained from",
                   "descend from", "derive from", "come from", "build on")
ANCESTOR_AFTER = ("built on", "based on", "derived from", "built upon", "built from", "finetuned from",
                  "fine tuned from", "fine-tuned from", "descended from", "derive from", "descend from")
ANCESTOR_BEFORE = ("ancestors of", "ancestor of", "origins of", "what is behind", "foundation of")
TRAIN_CUES = ("trained on", "pretrained on", "pre-trained on", "fine-tuned on", "finetuned on", "tuned on",
              "train on", "trained with", "use data", "training data")
EVAL_CUES = ("evaluated on", "tested on", "benchmarked on", "evaluate on", "evaluation on", "evaluated with",
             "evaluate", "evaluated", "tested")
USE_CUES = ("use", "uses", "using", "used", "with", "via", "employ", "employs", "apply", "applies", "rely on",
            "relies on", "based")
CUE_WORDS = set(" ".join(DESCENDANT_CUES + ANCESTOR_AFTER + ANCESTOR_BEFORE + TRAIN_CUES + EVAL_CUES + USE_CUES)
                .replace("-", " ").split()) | {
    "target", "targets", "targeting", "cover", "covers", "covering", "support", "supports", "supporting",
    "address", "addresses", "addressing", "tackle", "tackles", "about", "under", "introduce", "introduces",
    "introduced", "introducing", "developed", "released", "made", "created", "built", "constructed", "by",
    "applied", "language", "languages", "script", "scripts", "family", "families", "resource", "resourced",
    "published", "appeared", "year", "years", "between", "since", "after", "before", "until", "during",
    "later", "earlier", "onwards", "through", "up", "belong", "belongs", "classified", "category", "categories",
    "taxonomy", "branch", "subcategory", "alignment", "area", "topic", "work", "focus", "focuses", "focused",
}

STAGE_WORDS = {
    "pretraining": "pretraining", "pre training": "pretraining", "pre-training": "pretraining",
    "sft": "sft", "instruction": "sft", "instruction tuning": "sft", "supervised fine tuning": "sft",
    "rlhf": "rlhf", "preference": "rlhf", "evaluation": "evaluation", "benchmark": "evaluation",
    "benchmarks": "evaluation", "test": "evaluation",
}
CONSTRUCTION_WORDS = {
    "machine translation": "machine-translation", "machine translated": "machine-translation",
    "translation": "machine-translation", "translated": "machine-translation",
    "manual creation": "manual-creation", "manually": "manual-creation", "manual": "manual-creation",
    "human written": "manual-creation", "by hand": "manual-creation", "humans": "manual-creation",
    "web crawling": "web-crawling", "crawling": "web-crawling", "crawled": "web-crawling", "web": "web-crawling",
    "benchmark adaptation": "benchmark-adaptation", "adapted benchmarks": "benchmark-adaptation",
    "adapting benchmarks": "benchmark-adaptation",
    "mllm aided generation": "mllm-aided-generation", "llm generated": "mllm-aided-generation",
    "generated by llms": "mllm-aided-generation", "generated": "mllm-aided-generation",
    "synthetic": "mllm-aided-generation", "llm aided": "mllm-aided-generation",
}

OPEN_WORDS = {"open": True, "open source": True, "open-source": True, "opensource": True, "open weight": True,
              "open weights": True, "open-weight": True, "openly released": True, "public": True,
              "closed": False, "closed source": False, "closed-source": False, "proprietary": False,
              "commercial": False, "not open": False}
LOW_RESOURCE_WORDS = ("low resource", "low-resource", "low resourced", "low-resourced", "under resourced",
                      "under-resourced", "underresourced", "lowresource", "scarce resource", "resource poor",
                      "resource-poor")
HIGH_RESOURCE_WORDS = ("high resource", "high-resource", "high resourced", "high-resourced", "resource rich",
                       "resource-rich")
HIGH_RESOURCE_MIN_CLASS = 4  # Joshi classes 4-5 ("Underdogs", "Winners")

YEAR = r"((?:19|20)\d\d)"
YEAR_PATTERNS = [  # (regex, [(op, group)])
    (re.compile(rf"\bbetween {YEAR} and {YEAR}\b"), [(">=", 1), ("<=", 2)]),
    (re.compile(rf"\bfrom {YEAR} (?:to|until|through) {YEAR}\b"), [(">=", 1), ("<=", 2)]),
    (re.compile(rf"\b{YEAR}\s*(?:-|–|to)\s*{YEAR}\b"), [(">=", 1), ("<=", 2)]),
    (re.compile(rf"\b{YEAR} (?:or later|or after|and later|onwards|onward)\b"), [(">=", 1)]),
    (re.compile(rf"\b{YEAR} (?:or earlier|or before|and earlier)\b"), [("<=", 1)]),
    (re.compile(rf"\b(?:since|from|as of|starting) {YEAR}\b"), [(">=", 1)]),
    (re.compile(rf"\bafter {YEAR}\b"), [(">", 1)]),
    (re.compile(rf"\bbefore {YEAR}\b"), [("<", 1)]),
    (re.compile(rf"\b(?:until|till|up to|through|by) {YEAR}\b"), [("<=", 1)]),
    (re.compile(rf"\b(?:in|during|from the year) {YEAR}\b"), [("=", 1)]),
    (re.compile(rf"\b{YEAR}\b"), [("=", 1)]),
]

# Places are not in the graph (languages carry family, genus and script, not a region), so these words
# are reported as not understood instead of being fuzzily linked to "AfricanNews" or "IIT Delhi".
REGION_WORDS = ("africa", "african", "asia", "asian", "south asia", "south asian", "southeast asia",
                "southeast asian", "south east asian", "east asia", "east asian", "europe", "european", "india",
                "indian", "america", "american", "americas", "latin america", "middle east", "middle eastern",
                "oceania", "pacific", "caribbean", "sub saharan", "sub saharan africa")
GROUP_SYNONYMS = {"indic": "indo aryan"}  # "Indic languages" is the Indo-Aryan genus
