"""A withheld Ask answer as choices: each did-you-mean candidate rewrites the question with that word
replaced; "ignore these words" reruns it without them. Pure functions, so the page stays a thin shell."""
from __future__ import annotations

import re


def replace_word(question: str, word: str, name: str) -> str:
    """``question`` with the unplaced ``word`` (as the parser normalised it: lower case, spaces for
    hyphens) replaced by the candidate's ``name``; appended when the word cannot be found.

    >>> replace_word("Which models were trained on Elvsh?", "elvsh", "English")
    'Which models were trained on English?'
    >>> replace_word("papers on code-swiching", "code swiching", "code-switching")
    'papers on code-switching'
    """
    parts = [re.escape(p) for p in word.split()]
    rx = re.compile(r"(?<!\w)" + r"[\s\-_/.]*".join(parts) + r"(?!\w)", re.IGNORECASE) if parts else None
    if rx is not None and rx.search(question):
        return rx.sub(lambda _m: name, question, count=1)
    return f"{question} {name}"


def choices(answer: dict, per_word: int = 3) -> list[dict]:
    """[{word, id, name, label, question}] for each unplaced word's first candidates (Answer.to_json form)."""
    out = []
    for u in answer["unplaced"]:
        for s in u["suggestions"][:per_word]:
            out.append({"word": u["text"], "id": s["id"], "name": s["name"], "label": s["label"],
                        "question": replace_word(answer["question"], u["text"], s["name"])})
    return out
