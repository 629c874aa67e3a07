"""natasha's Russian models, loaded once per process, with a pymorphy3 lemmatiser.

natasha's own ``MorphVocab`` is built on pymorphy2, which finds its dictionaries
through ``pkg_resources``. setuptools 82 and newer no longer ship that module,
and a venv on Python 3.12+ (or one made by uv) gets the newest setuptools, so
``natasha.MorphVocab()`` fails there. ``MorphVocab`` below has natasha's
interface (``vocab(word)`` gives forms with ``normal``, ``pos``, ``feats`` and
``inflect``) and reads pymorphy3's dictionaries through importlib.metadata.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import pymorphy3
from pymorphy3.analyzer import Parse

# natasha.morph.vocab's mapping from OpenCorpora grammemes to Universal Dependencies.
_UD_POS = {
    "ADJF": "ADJ", "ADJS": "ADJ", "ADVB": "ADV", "COMP": "ADV", "VERB": "VERB", "GRND": "VERB",
    "INFN": "VERB", "PRTF": "VERB", "PRTS": "VERB", "NOUN": "NOUN", "NPRO": "PRON", "NUMR": "NUM",
    "NUMB": "NUM", "Apro": "DET", "CONJ": "CCONJ", "INTJ": "INTJ", "PART": "PRCL", "PNCT": "PUNCT",
    "PRCL": "PART", "PREP": "ADP",
}
# Order matters: the first OpenCorpora grammeme listed for a UD value is the one
# used when inflecting towards that value.
_OC_UD_FEATS = [
    ("Animacy", "anim", "Anim"), ("Animacy", "inan", "Inan"),
    ("Aspect", "impf", "Imp"), ("Aspect", "perf", "Perf"),
    ("Case", "ablt", "Ins"), ("Case", "accs", "Acc"), ("Case", "datv", "Dat"), ("Case", "gent", "Gen"),
    ("Case", "gen1", "Gen"), ("Case", "gen2", "Gen"), ("Case", "loct", "Loc"), ("Case", "loc2", "Loc"),
    ("Case", "nomn", "Nom"), ("Case", "voct", "Nom"),
    ("Degree", "COMP", "Cmp"), ("Degree", "Supr", "Sup"),
    ("Gender", "femn", "Fem"), ("Gender", "masc", "Masc"), ("Gender", "neut", "Neut"),
    ("Mood", "impr", "Imp"), ("Mood", "indc", "Ind"),
    ("Number", "plur", "Plur"), ("Number", "sing", "Sing"),
    ("NumForm", "NUMB", "Digit"),
    ("Person", "1per", "1"), ("Person", "2per", "2"), ("Person", "3per", "3"),
    ("Person", "excl", "2"), ("Person", "incl", "1"),
    ("Tense", "futr", "Fut"), ("Tense", "past", "Past"), ("Tense", "pres", "Pres"),
    ("Variant", "ADJS", "Brev"), ("Variant", "PRTS", "Brev"),
    ("VerbForm", "GRND", "Conv"), ("VerbForm", "INFN", "Inf"), ("VerbForm", "PRTF", "Part"),
    ("VerbForm", "PRTS", "Part"), ("VerbForm", "VERB", "Fin"),
    ("Voice", "actv", "Act"), ("Voice", "pssv", "Pass"),
    ("Abbr", "Abbr", "Yes"),
]
_OC_TO_UD: dict[str, tuple[str, str]] = {oc: (key, ud) for key, oc, ud in _OC_UD_FEATS}
_UD_TO_OC: dict[str, str] = {}
for _key, _oc, _ud in _OC_UD_FEATS:
    _UD_TO_OC.setdefault(_ud, _oc)


class MorphForm(Parse):
    """One pymorphy3 analysis with natasha's UD view (``normal``, ``pos``, ``feats``)."""

    def __new__(cls, *args):
        self = Parse.__new__(cls, *args)
        self.normal = self.normal_form
        self.pos = _UD_POS.get(self.tag._POS, "X")
        self.feats = dict(_OC_TO_UD[g] for g in self.tag._grammemes_tuple if g in _OC_TO_UD)
        return self

    def inflect(self, grams):
        return Parse.inflect(self, {_UD_TO_OC[g] for g in grams})


class MorphVocab(pymorphy3.MorphAnalyzer):
    """natasha's ``MorphVocab`` interface on pymorphy3 (no ``pkg_resources``)."""

    def __init__(self):
        super().__init__(result_type=MorphForm)
        self._lemmas: dict = {}

    parse = lru_cache(10_000)(pymorphy3.MorphAnalyzer.parse)
    __call__ = parse

    _LEMMAS_KEPT = 200_000  # distinct (word, tag) pairs remembered; the memo starts over beyond

    def lemmatize(self, word, pos, feats):
        """natasha's lemma of ``word`` tagged ``pos``/``feats``, remembered per
        (word, tag): a news text repeats most of its word forms, and the choice
        among pymorphy3's analyses depends on nothing else."""
        from natasha.morph.lemma import lemmatize

        try:
            key = (word, pos, frozenset(feats.items()))
        except (AttributeError, TypeError):  # no tag dict (or an unhashable one): not remembered
            return lemmatize(self, word, pos, feats)
        found = self._lemmas.get(key)
        if found is None:
            if len(self._lemmas) >= self._LEMMAS_KEPT:
                self._lemmas.clear()
            found = self._lemmas[key] = lemmatize(self, word, pos, feats)
        return found


@dataclass(frozen=True)
class NatashaModels:
    segmenter: Any
    morph: Any
    syntax: Any
    ner: Any
    vocab: MorphVocab


@lru_cache(maxsize=1)
def natasha_models() -> NatashaModels:
    """Segmenter, morphology, syntax, NER and lemmatiser, loaded once per process."""
    from natasha import NewsEmbedding, NewsMorphTagger, NewsNERTagger, NewsSyntaxParser, Segmenter

    emb = NewsEmbedding()
    return NatashaModels(Segmenter(), NewsMorphTagger(emb), NewsSyntaxParser(emb), NewsNERTagger(emb), MorphVocab())
