"""Value and yes/no questions in Chinese and Korean: "BLOOM是哪一年发布的", "BLOOM 파라미터 몇 개야",
"LLaMA是开源的吗", "LLaMA는 오픈소스야?", "BLOOM을 만든 회사는?". One named thing (graph.ask.matcher, particles
and all), one attribute cue from the table below, and the rest particles, endings and request words; a
cue with other words left over withholds; no cue leaves the question to the list grammar.
"""
from __future__ import annotations

from graph.ask import attributes as A
from graph.ask.entities import Mention, strip_fillers
from graph.ask.reading import Reading

# (cue, what it asks): a property, "@Label" for the subject's own relationship to that label, or
# "open"/"closed" for the yes/no of its open status
CUES = {
    "year": ("哪一年", "哪年", "什么时候", "何时", "几几年", "年份", "发布时间", "发布日期", "언제", "몇 년도", "몇년도",
             "몇 년", "몇년", "연도", "출시일", "출시 연도"),
    "parameters": ("多少参数", "参数量", "参数规模", "参数", "多大", "파라미터", "매개변수", "크기"),
    "country": ("哪个国家", "哪国", "什么国家", "어느 나라", "무슨 나라", "어떤 나라", "국적"),
    "@Organization": ("谁开发", "谁发布", "谁做的", "谁推出", "哪家公司", "哪个公司", "哪个机构", "누가 만들", "누가 개발",
                      "어느 회사", "어떤 회사", "어디서 만들", "만든 회사", "개발한 회사", "개발사", "만든 곳"),
    "@Language": ("哪些语言", "什么语言", "哪几种语言", "어떤 언어", "무슨 언어", "어느 언어"),
    "open": ("是开源的吗", "开源的吗", "开源吗", "是否开源", "开源了吗", "오픈소스야", "오픈소스인가요", "오픈소스예요",
             "오픈소스니", "오픈소스냐", "오픈소스임", "오픈 소스야", "오픈소스인가", "공개됐어", "공개되었나요", "공개됐나요"),
    "closed": ("闭源吗", "是闭源的吗", "闭源的吗", "비공개야", "비공개인가요"),
    "description": ("是什么", "是啥", "介绍一下", "介绍", "뭐야", "뭐예요", "무엇인가요", "무엇입니까", "뭔가요", "설명해줘",
                    "설명해 줘", "에 대해 알려줘", "에 대해 설명해줘"),
}
# what may stand beside a name in "X是什么" / "X가 뭐야" besides the cue: particles, a question mark
BARE = ("이란", "란", "이", "가", "은", "는", "请", "一下", "呢", "啊", "?", "？", ".", "。")
_ORDERED = sorted(((c, k) for k, cs in CUES.items() for c in cs), key=lambda ck: -len(ck[0]))
PLURAL = {"Model": "models", "Method": "methods", "Dataset": "datasets"}


def read(parser, question: str):
    """A graph.ask.values.Reading, or None when no attribute cue is found (the list grammar reads it)."""

    text = " ".join(question.split())
    if not any(c in text for c, _ in _ORDERED):
        return None
    found = parser.matcher().find(text)
    masked = text
    for m in found:  # a cue inside a name ('参数' in '参数冻结对齐') is part of the name
        masked = masked[:m.start] + "\0" * (m.end - m.start) + masked[m.end:]
    cue = next(((c, k) for c, k in _ORDERED if c in masked), None)
    if cue is None:
        return None
    said, key = cue
    names = {m.ids[0] if len(m.ids) == 1 else min(m.ids) for m in found}
    if len(names) != 1:
        return None if not found else Reading("value", None, unplaced=[{
            "text": m.text, "reason": "a question about a value names one thing", "suggestions": [],
            "not_in_atlas": False} for m in found[1:]])
    m = found[0]
    nid = next(iter(names))
    label = parser.linkable.nodes[nid]["label"]
    subj = Mention(0, 1, nid, label, 100.0, text=text[m.start:m.name_end])
    rest = (text[:m.start] + " " + text[m.end:]).replace(said, " ")
    left = strip_fillers(" ".join(w for w in rest.split() if w not in ("?", "？")))
    left = " ".join(w for w in left.split() if any(ch.isalnum() for ch in w))
    if key == "description":  # "BLOOM是什么": only the name, never "清华大学开发的模型是什么"
        bare = rest
        for b in sorted(BARE, key=len, reverse=True):
            bare = bare.replace(b, " ")
        if bare.split():
            return None
    if key in ("open", "closed"):
        if label not in PLURAL:
            return None
        r = Reading("yesno", subj, rest=f"{PLURAL[label]} {key}", cue=said)
    else:
        attr = (A.resolve_rel(label, key[1:], None) if key.startswith("@") else A.resolve_prop(label, key))
        if attr is None:
            return None
        r = Reading("value", subj, attr, cue=said)
    if left:
        r.unplaced = [{"text": w, "reason": "not understood", "suggestions": [], "not_in_atlas": True}
                      for w in left.split()]
    return r
