"""Build small parsed spaCy Docs by hand, so rules are tested without the statistical model.

A sentence is written as one line per token: ``text lemma POS TAG dep head_index`` (head index is
0-based within the sentence; the root points at itself).
"""
from __future__ import annotations

import spacy
from spacy.tokens import Doc

_VOCAB = spacy.blank("en").vocab


def parsed(table: str) -> Doc:
    rows = [line.split() for line in table.strip().splitlines() if line.strip()]
    words = [r[0] for r in rows]
    spaces = [True] * len(words)
    for k in range(len(words) - 1):
        if words[k + 1] in {".", ",", "'s", "n't", ":"}:
            spaces[k] = False
    spaces[-1] = False
    return Doc(_VOCAB, words=words, spaces=spaces, lemmas=[r[1] for r in rows], pos=[r[2] for r in rows],
               tags=[r[3] for r in rows], deps=[r[4] for r in rows], heads=[int(r[5]) for r in rows],
               sent_starts=[True] + [False] * (len(words) - 1))
