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
    "benchmark": "Dataset", "benchmarks": "Dataset", "data": "Dataset", "sets": "Dataset",
    "language": "Language", "languages": "Language",
    "technique": "Technique", "techniques": "Technique",
    "frontier": "Frontier", "frontiers": "Frontier", "challenges": "Frontier",
    "organization": "Organization", "organizations": "Organization", "organisations": "Organization",
    "categories": "Category", "category": "Category", "subcategories": "Category", "subcategory": "Category",
    "branches": "Category",
    "labs": "Organization", "lab": "Organization", "companies": "Organization", "company": "Organization",
    "institutions": "Organization", "institution": "Organization", "universities": "Organization",
    "organisation": "Organization", "orgs": "Organization", "org": "Organization", "developers": "Organization",
}
CJK_TARGET_WORDS = {
    "论文": "Paper", "方法": "Method", "模型": "Model", "数据集": "Dataset", "语言": "Language",
    "技术": "Technique", "前沿": "Frontier", "논문": "Paper", "방법": "Method", "모델": "Model",
    "데이터셋": "Dataset", "언어": "Language", "기법": "Technique", "数据": "Dataset", "语料": "Dataset",
    "基准": "Dataset", "데이터 셋": "Dataset", "벤치마크": "Dataset", "말뭉치": "Dataset", "코퍼스": "Dataset",
    "机构": "Organization", "公司": "Organization", "组织": "Organization", "实验室": "Organization",
    "기관": "Organization", "회사": "Organization", "연구소": "Organization", "기업": "Organization",
    "工作": "Paper", "研究": "Paper", "연구": "Paper",
}
CJK_LOW_RESOURCE = ("低资源", "低資源", "저자원", "저자원 언어")
CJK_FILLER = ("使用", "采用", "用", "的", "哪些", "什么", "有", "在", "上", "中", "基于", "是", "吗", "？", "?",
              "사용하는", "사용한", "사용", "어떤", "무엇", "을", "를", "은", "는", "이", "가", "의", "에", "하는", "있는",
              # lineage, training, evaluation, coverage, counting, asking: placed by relations.py / intent.py
              "微调", "衍生", "派生", "后代", "变体", "基础", "基座", "底座", "源自", "来自", "祖先", "前身", "从", "由", "以",
              "而来", "出", "为", "训练", "评估", "评测", "测试", "覆盖", "涵盖", "支持", "针对", "面向", "关于", "解决",
              "开发", "研究", "提出", "发布", "引入", "介绍", "多少", "几个", "几种", "数量", "个", "种", "哪个", "哪", "和", "与",
              "或", "及", "以及", "了", "过", "所", "被", "把", "都", "请", "列出", "列举", "给出", "告诉我", "我", "呢", "吧", "啊",
              "一下", "多语言", "大语言模型", "大模型", "语言模型", "开源", "闭源", "年", "以后", "之后", "以来", "后", "最多",
              "比较", "区别", "不同", "差异", "之间", "系列", "家族", "机构", "公司", "组织", "实验室", "采用了", "使用了",
              "기반으로", "기반의", "기반", "한", "된", "파생된", "파생", "후손", "변형", "조상", "원조", "부모", "베이스",
              "미세 조정", "미세조정", "파인튜닝", "조정", "학습된", "학습한", "학습", "훈련된", "훈련", "사전", "평가된",
              "평가한", "평가", "벤치마크", "다루는", "지원하는", "지원", "포함하는", "대상으로", "대한", "관한", "위한",
              "목록", "알려줘", "알려 주세요", "보여줘", "무엇인가요", "무엇입니까", "인가요", "있나요", "있습니까", "입니까",
              "뭐야", "뭐", "몇", "개", "가지", "개수", "얼마나", "되나요", "됩니까", "인가", "나요", "요", "들", "으로", "로",
              "에서", "와", "과", "및", "또는", "이나", "나", "도", "만", "다국어", "대규모", "언어 모델", "언어모델", "공개",
              "오픈소스", "오픈 소스", "년", "参数量", "参数", "超过", "大于", "以上", "多于", "小于", "以下", "少于", "不到",
              "파라미터", "매개변수", "가진", "갖는", "가지는", "이상", "초과", "넘는", "미만", "이하", "이후", "부터", "가장", "많은", "많이", "비교", "차이", "계열", "하나요", "했나요",
              "했습니까", "하는가", "개발한", "개발된", "개발", "만든", "모든", "현재", "최근", "있는지", "주세요", "해줘",
              "해 주세요", "어느", "어떠한", "것", "것은", "모델들", "사용된", "적용된", "적용", "기술", "데이터", "셋",
              "다룬", "연구", "제안한", "제안된", "소개한", "국가", "회사", "기관", "연구소",
              "构建", "构造", "建立", "相关", "参与", "共同", "发表", "出版", "篇", "部", "类别", "类", "下", "方向", "领域",
              "通过", "经由", "利用", "借助", "追溯", "追踪", "自", "于", "之", "其", "该", "这些", "那些", "所有", "全部",
              "任何", "没有", "不", "无", "未", "非", "哪一", "是什么", "为何", "给", "出来", "推出", "属于", "归类", "分类",
              "对齐", "编写", "人工", "手工", "生成", "合成", "翻译", "机器", "里", "对", "针对的", "目标",
              "편", "발표", "발표된", "나온", "나왔", "출시", "만들어졌", "만들어진", "만들어", "만든", "구축된", "구축한",
              "구축", "추적해", "추적", "줘", "관련", "차이점", "점", "무엇이", "뭔가요", "어떻게", "다른가요", "다른",
              "않는", "않은", "않", "없는", "없", "지", "하지", "제외", "속하는", "속한", "분류된", "아래", "하위", "범주",
              "다룬", "다루는", "다룹니까", "포함", "포함한", "및", "그리고", "되는", "된", "받은", "에게", "이란", "란",
              "라는", "이라는", "에는", "에도", "에서의", "으로의", "정렬", "번역", "기계", "사람", "수작업", "생성",
              "합성", "누가", "어디", "언제", "몇 편", "몇개", "모두", "전부",
              # casual and plain endings, request verbs: 몇 개야, 있어?, 있니, 뭐냐, 보여줘봐; 帮我列出, 给我看看
              "있어", "있니", "있냐", "있나", "있을까", "있지", "뭐냐", "뭐니", "뭐지", "뭘까", "뭔지", "뭐가", "뭐있어",
              "어떤 게", "어떤게", "말해줘", "말해 줘", "줘봐", "줘 봐", "해봐", "궁금해", "알고 싶어", "싶어", "쓰는", "쓴",
              "써서", "쓰이는", "이야", "야", "니", "냐", "까", "어", "해", "돼", "죠", "지요", "까요", "래", "했어", "됐어",
              "지원해", "나왔어", "었", "았", "였", "했", "됐", "만들었", "帮我", "给我", "看看", "查一下", "查查", "找出", "找找",
              "啥", "有啥", "都有", "嘛", "呀", "来着", "请问", "想知道", "我想知道")
CJK_OR = ("或者", "或是", "或", "还是", "또는", "혹은", "이나", "거나")
CJK_NEG_BEFORE = ("不使用", "不用", "不", "没有", "没", "未", "非", "无")
CJK_NEG_AFTER = ("하지 않", "지 않", "않는", "않은", "없는", "없이", "제외")
CJK_ORG_NOUNS = ("机构", "公司", "组织", "实验室", "企业", "大学", "기관", "회사", "연구소", "기업", "대학", "단체")
CJK_OPEN = {"开源": True, "闭源": False, "오픈소스": True, "오픈 소스": True, "공개": True, "비공개": False, "오픈": True,
            "开放": True, "商业": False, "독점": False}
# data set stage and construction in Chinese and Korean (a Dataset question only)
CJK_DATASET_PROPS = {
    "机器翻译": ("construction", "machine-translation"), "机翻": ("construction", "machine-translation"),
    "翻译": ("construction", "machine-translation"), "기계 번역": ("construction", "machine-translation"),
    "번역": ("construction", "machine-translation"), "人工": ("construction", "manual-creation"),
    "手工": ("construction", "manual-creation"), "人工编写": ("construction", "manual-creation"),
    "수작업": ("construction", "manual-creation"), "사람이 직접": ("construction", "manual-creation"),
    "爬取": ("construction", "web-crawling"), "网络爬取": ("construction", "web-crawling"),
    "웹 크롤링": ("construction", "web-crawling"), "크롤링": ("construction", "web-crawling"),
    "生成": ("construction", "mllm-aided-generation"), "생성": ("construction", "mllm-aided-generation"),
    "预训练": ("stage", "pretraining"), "사전 학습": ("stage", "pretraining"), "사전학습": ("stage", "pretraining"),
    "指令微调": ("stage", "sft"), "监督微调": ("stage", "sft"), "指令": ("stage", "sft"), "명령어": ("stage", "sft"),
    "인스트럭션": ("stage", "sft"), "评测": ("stage", "evaluation"), "评估": ("stage", "evaluation"),
    "基准": ("stage", "evaluation"), "평가": ("stage", "evaluation"), "벤치마크": ("stage", "evaluation"),
    "人类反馈": ("stage", "rlhf"), "偏好": ("stage", "rlhf"), "선호": ("stage", "rlhf"),
}

STOP = set("""
which what who whose where how are is was were be been being the a an of for on in to by with that those these this
do does did all any some me show list find give get there have has had and or their its it from into about
please tell can could would should i we you my our your they them most more many much also only both either
at than nor neither else
pls plz hey hi hello yo kindly thanks thank thx ok okay um uh wondering wonder curious know want wanna need gimme
lemme let u ur d m ll ve btw quick question
""".split())  # the second line: fillers of casual English ("hey can you list ...", "i'd like to know ...")

# lineage: "derived from X" (descendants of X) and "what is X built on" (ancestors of X)
DESCENDANT_CUES = ("derived from", "based on", "built on", "built upon", "built from", "finetuned from",
                   "fine tuned from", "fine-tuned from", "descendants of", "descended from", "variants of",
                   "derivatives of", "extended from", "adapted from", "continued from", "trained from",
                   "descend from", "derive from", "come from", "build on", "came out of", "come out of",
                   "goes back to", "go back to", "trace back to", "traces back to", "lineage goes back to",
                   "descending from", "deriving from", "building on", "a fine tune of", "fine tunes of",
                   "fine tuned versions of", "versions of", "built atop", "on top of", "that extend", "extending")
ANCESTOR_AFTER = ("built on", "based on", "derived from", "built upon", "built from", "finetuned from",
                  "fine tuned from", "fine-tuned from", "descended from", "derive from", "descend from",
                  "adapted from", "initialized from", "initialised from", "continued from", "extended from",
                  "trained from", "a fine tune of", "fine tune of", "a finetune of", "a derivative of",
                  "a variant of", "a descendant of", "derived", "built", "based")
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
    "trace", "traces", "back", "base", "derivatives", "derivative", "descendants", "descendant", "ancestors",
    "ancestor", "lineage", "variants", "variant", "parent", "parents", "origin", "origins", "successors",
    "predecessors", "fine", "tuned", "tunes", "finetunes", "finetuned", "tuning", "trained", "train", "training",
    "written", "annotated", "curated", "collected", "proposed", "propose", "proposes", "present", "presents",
    "presented", "release", "releases", "develop", "develops", "make", "makes", "create", "creates",
    "ranked", "rank", "number", "version", "versions", "related", "relate", "link", "links", "linked", "connected",
    "connection", "connections", "path", "paths", "between", "compare", "compared", "comparison", "versus", "vs",
    "difference", "differences", "different", "differ", "differs", "mention", "mentions", "mentioned", "cite",
    "contain", "contains", "containing", "include", "includes", "including", "involve", "involves", "involving",
    "work", "works", "working", "deal", "deals", "dealing", "handle", "handles", "handling", "way", "ways",
    "their", "same", "share", "shared", "common", "other", "each", "exactly", "least", "most", "fewest", "top",
    "first", "many", "count", "total", "per", "kinds", "whose", "where", "when", "together",
    "covered", "fall", "falls", "sit", "sits", "file", "filed", "files", "look", "looks", "looking", "looked",
    "identify", "identifies", "identified", "aim", "aims", "aimed", "came", "come", "comes", "coming", "go", "goes",
    "went", "separate", "separates", "side", "stage", "stages", "sets", "set", "help", "often", "gets", "get", "got",
    "attention", "co", "another", "extend", "extends", "extended", "extending", "discuss", "discusses", "discussed",
    "studied", "examine", "examines", "examined", "investigate", "investigates", "investigated", "explore",
    "explores", "explored", "appear", "appears", "listed", "described", "describe", "describes", "called", "named",
    "regarding", "concerning", "across", "within", "among", "behind", "use", "used", "uses", "using", "done",
    "does", "known", "new", "newly", "recent", "recently", "latest", "older", "newer", "earlier", "later", "prior",
    "exist", "existing", "besides", "except", "apart", "out", "built", "made", "put", "forward", "cover", "covering",
    "around", "over", "target", "targeted", "aimed", "meant", "designed", "specifically", "specific", "particular",
    "only", "solely", "mainly", "mostly", "primarily", "any", "at", "all", "support", "supported", "serve", "serves",
    "served", "focus", "centred", "centered", "dedicated", "devoted", "oriented", "geared", "tailored", "adapted",
    "adapt", "adapts", "adapting", "apply", "applied", "applies", "applying", "leverage", "leverages", "leveraging",
    "employ", "employed", "adopt", "adopts", "adopted", "they", "he", "she", "respect", "terms", "regard",
    "size", "sizes", "sized", "largest", "smallest", "biggest", "parameter", "parameters", "params", "down",
    "making", "make", "common", "have", "has", "possess", "handle", "handles",
    "prompting", "prompt", "prompts", "tackling", "tackled", "addressed", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
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
    "written by hand": "manual-creation", "hand written": "manual-creation", "handwritten": "manual-creation",
    "written by humans": "manual-creation", "human annotated": "manual-creation", "hand crafted": "manual-creation",
    "handcrafted": "manual-creation", "hand built": "manual-creation", "hand made": "manual-creation",
    "handmade": "manual-creation", "adapted from existing benchmarks": "benchmark-adaptation",
    "adapted from benchmarks": "benchmark-adaptation", "adapted from other benchmarks": "benchmark-adaptation",
    "adaptation of benchmarks": "benchmark-adaptation", "adapting existing benchmarks": "benchmark-adaptation",
    "adapting other benchmarks": "benchmark-adaptation", "adapted from": "benchmark-adaptation", "manually created": "manual-creation", "manually written": "manual-creation",
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
    (re.compile(rf"\b(?:since|as of|starting|starting in|starting from) {YEAR}\b"), [(">=", 1)]),
    (re.compile(rf"\b(?:in or after|in or later than|no earlier than|not before) {YEAR}\b"), [(">=", 1)]),
    (re.compile(rf"\b(?:in or before|in or earlier than|no later than|not after) {YEAR}\b"), [("<=", 1)]),
    (re.compile(rf"\b(?:older than|earlier than|prior to) {YEAR}\b"), [("<", 1)]),
    (re.compile(rf"\b(?:newer than|later than|more recent than|younger than) {YEAR}\b"), [(">", 1)]),
    (re.compile(rf"\bafter {YEAR}\b"), [(">", 1)]),
    (re.compile(rf"\bbefore {YEAR}\b"), [("<", 1)]),
    (re.compile(rf"\b(?:until|till|up to|through|by) {YEAR}\b"), [("<=", 1)]),
    (re.compile(rf"\b(?:in|during|from|from the year|of) {YEAR}\b"), [("=", 1)]),
    (re.compile(rf"\b{YEAR}\b"), [("=", 1)]),
]

# Places are not in the graph (languages carry family, genus and script, not a region), so these words
# are reported as not understood instead of being fuzzily linked to "AfricanNews" or "IIT Delhi".
REGION_WORDS = ("africa", "african", "asia", "asian", "south asia", "south asian", "southeast asia",
                "southeast asian", "south east asian", "east asia", "east asian", "europe", "european", "india",
                "indian", "america", "american", "americas", "latin america", "middle east", "middle eastern",
                "oceania", "pacific", "caribbean", "sub saharan", "sub saharan africa")
GROUP_SYNONYMS = {"indic": "indo aryan"}  # "Indic languages" is the Indo-Aryan genus

# Words of the whole field: in nearly every title, so they narrow nothing and are never linked as entities.
FIELD_WORDS = frozenset({"multilingual", "multilinguality", "multilingually", "massively", "cross", "lingual",
                         "crosslingual", "multi", "mllm", "mllms", "nlp", "ai", "research", "atlas",
                         "graph", "existing", "known", "available", "various", "kinds", "kind",
                         "types", "type", "ones", "one", "listed", "mentioned", "recorded", "currently", "exist",
                         "exists", "out", "there", "here", "now", "so", "far", "just", "well", "really",
                         "name", "names", "list", "show", "give", "tell", "find", "please", "all", "every",
                         "each", "other", "some", "such", "also", "then", "etc", "like", "as", "s",
                         "yet", "actually", "even", "still", "ever"})
# phrases read as one word before anything else: "large language models" is the model target word
PHRASES = {"large language models": "llms", "large language model": "llm", "language models": "llms",
           "language model": "llm", "data sets": "datasets", "data set": "dataset", "foundation models": "llms",
           "foundation model": "llm", "lms": "llms", "research papers": "papers", "research works": "papers"}

# count, ranking, comparison and path intents
COUNT_CUES = ("how many", "number of", "count of", "count the", "count", "total number of")
RANK_MOST = ("the most", "most", "the largest number of", "the highest number of", "the greatest number of",
             "the biggest number of", "largest number of", "highest number of")
RANK_FEWEST = ("the fewest", "fewest", "the least", "least", "the smallest number of", "smallest number of",
               "the lowest number of", "lowest number of")
COMPARE_CUES = ("compare", "comparison of", "comparison between", "differences between", "difference between",
                "contrast", "versus", "vs", "compared to", "compared with", "different from", "differ from", "differ", "distinguishes",
                "distinguish", "separates", "separate", "side by side", "in common", "have in common", "contrasted with", "stack up against",
                "differs from", "difference", "differences")
PATH_CUES = ("connected to", "connected with", "related to", "linked to", "connection between", "connections between",
             "link between", "links between", "what links", "what connects", "path between", "path from",
             "relationship between", "relation between", "connect", "connects", "links", "relate")
# lineage words that are their own target ("derivatives of X", "the family of X")
LINEAGE_DESC_NOUNS = ("derivatives", "derivative", "descendants", "descendant", "variants", "variant",
                      "offspring", "children", "successors", "fine tunes", "finetunes")
LINEAGE_ANC_NOUNS = ("ancestors", "ancestor", "base model", "base models", "parent", "parents", "predecessor",
                     "predecessors", "origin", "origins", "roots", "lineage of")
LINEAGE_FAMILY = ("family", "families", "lineage", "family tree", "relatives")
# facts the atlas does not record: a question about them is withheld, never answered from something else
ABSENT_FACTS = {
    "gpu": "compute", "gpus": "compute", "tpu": "compute", "tpus": "compute", "compute": "compute",
    "flops": "compute", "hardware": "compute", "cost": "cost", "costs": "cost", "price": "cost", "cheapest": "cost",
    "expensive": "cost", "budget": "cost", "license": "licences", "licence": "licences", "licensed": "licences",
    "licenses": "licences", "energy": "energy use", "carbon": "energy use", "emissions": "energy use",
    "accuracy": "scores", "score": "scores", "scores": "scores", "performance": "scores", "best": "scores",
    "better": "scores", "outperform": "scores", "outperforms": "scores", "sota": "scores", "leaderboard": "scores",
    "ranking": "scores", "citations": "citations",
    "cited": "citations", "citation": "citations", "popular": "popularity", "popularity": "popularity",
    "downloads": "popularity", "stars": "popularity", "ceo": "people", "founder": "people", "founded": "people",
    "employees": "people", "headquarters": "addresses", "headquartered": "addresses", "funding": "funding",
    "revenue": "funding", "speed": "speed", "latency": "speed", "fastest": "speed", "tokenizer": "tokenizers",
    "layers": "architectures", "architecture": "architectures", "hours": "compute",
    "days": "compute", "weeks": "compute", "took": "compute", "long": "durations",
}
# size words for parameter counts
SIZE_UNITS = {"k": 1e3, "thousand": 1e3, "m": 1e6, "million": 1e6, "mn": 1e6, "b": 1e9, "bn": 1e9,
              "billion": 1e9, "t": 1e12, "trillion": 1e12}
SIZE_ABOVE = ("above", "over", "more than", "larger than", "bigger than", "greater than", "at least", "exceeding",
              "beyond", "with more than", ">", "upwards of", "in excess of")
SIZE_BELOW = ("below", "under", "less than", "smaller than", "fewer than", "at most", "up to", "<", "within")
# organisation places: demonyms (English adjectives) -> the country name country_converter reads
DEMONYMS = {"american": "United States", "us": "United States", "usa": "United States",
            "chinese": "China", "korean": "South Korea", "south korean": "South Korea", "japanese": "Japan",
            "french": "France", "german": "Germany", "british": "United Kingdom", "uk": "United Kingdom",
            "israeli": "Israel", "russian": "Russia", "turkish": "Türkiye",
            "brazilian": "Brazil", "italian": "Italy", "spanish": "Spain", "finnish": "Finland",
            "hungarian": "Hungary", "canadian": "Canada", "singaporean": "Singapore", "indian": "India",
            "swiss": "Switzerland", "dutch": "Netherlands", "swedish": "Sweden", "emirati": "United Arab Emirates",
            "uae": "United Arab Emirates", "taiwanese": "Taiwan", "vietnamese": "Vietnam", "thai": "Thailand",
            "indonesian": "Indonesia", "polish": "Poland", "danish": "Denmark",
            "norwegian": "Norway", "greek": "Greece", "portuguese": "Portugal", "australian": "Australia",
            "south african": "South Africa", "nigerian": "Nigeria", "kenyan": "Kenya", "mexican": "Mexico",
            "korea": "South Korea", "america": "United States", "united states": "United States",
            "britain": "United Kingdom", "england": "United Kingdom", "turkey": "Türkiye"}
# place words that are nouns (a country or region), not adjectives that could name a language
PLACE_NOUNS = frozenset({"us", "usa", "uk", "uae", "korea", "america", "united states", "britain", "england",
                         "turkey", "europe", "asia", "africa", "east asia", "southeast asia", "south asia",
                         "middle east", "north america", "latin america", "eu"})
# nouns after which a place word speaks of languages ('African languages', 'languages spoken in India')
LANGUAGE_CONTEXT = frozenset({"language", "languages", "speakers", "speaker", "speaking", "spoken", "dialect",
                              "dialects", "text", "texts", "speech", "varieties", "variety", "tongues"})
ORG_PLACE_VERBS = ("based", "developed", "made", "built", "headquartered", "located", "founded", "created",
                   "trained", "released")
# regions over country_converter's columns (continent, UNregion, EU)
REGIONS = {"european": ("continent", "Europe"), "europe": ("continent", "Europe"),
           "asian": ("continent", "Asia"), "asia": ("continent", "Asia"),
           "african": ("continent", "Africa"), "africa": ("continent", "Africa"),
           "east asian": ("UNregion", "Eastern Asia"), "east asia": ("UNregion", "Eastern Asia"),
           "southeast asian": ("UNregion", "South-eastern Asia"), "southeast asia": ("UNregion", "South-eastern Asia"),
           "south east asian": ("UNregion", "South-eastern Asia"),
           "south asian": ("UNregion", "Southern Asia"), "south asia": ("UNregion", "Southern Asia"),
           "middle east": ("UNregion", "Western Asia"), "middle eastern": ("UNregion", "Western Asia"),
           "north american": ("UNregion", "Northern America"), "north america": ("UNregion", "Northern America"),
           "latin american": ("continent", "America"), "latin america": ("continent", "America"),
           "eu": ("EU", "EU")}
PLACE_ADJECTIVES = frozenset(k for k in list(DEMONYMS) + list(REGIONS) if k not in PLACE_NOUNS)
ORG_NOUNS = ("labs", "lab", "organizations", "organisations", "organization", "organisation", "companies",
             "company", "institutions", "institution", "universities", "university", "developers", "teams",
             "groups", "startups", "orgs", "firms", "tech")
CJK_COUNT = ("多少", "几个", "几种", "数量", "몇 개", "몇개", "몇 가지", "몇 편", "몇", "개수", "얼마나")
CJK_COMPARE = ("比较", "区别", "不同", "差异", "비교", "차이")
CJK_RANK_MOST = ("最多", "가장 많은", "가장 많이", "가장 많")
CJK_RANK_FEWEST = ("最少", "가장 적은", "가장 적")
CJK_PLACED_SORTED = tuple(sorted(set(CJK_FILLER) | set(CJK_TARGET_WORDS) | set(CJK_LOW_RESOURCE) | set(CJK_OR)
                                 | set(CJK_NEG_BEFORE) | set(CJK_NEG_AFTER) | set(CJK_ORG_NOUNS) | set(CJK_COUNT)
                                 | set(CJK_COMPARE) | set(CJK_RANK_MOST) | set(CJK_RANK_FEWEST) | set(CJK_OPEN),
                                 key=len, reverse=True))
