"""Russian attribution extraction: natasha syntax and morphology plus cue patterns.

Verb cues (заявил, сообщила, отметили, ...) are found by lemma; the source is
the nominal subject (its noun phrase without participial or relative
clauses, which the Russian corpora leave out of the source), the content is
the clausal complement ("..., что ..."), the text after a colon, or the clause
before a dash ("«...», — сказал он"). Prepositional cues (по словам X, по
данным X, согласно X, со ссылкой на X, как сообщил X) take the noun phrase up
to the next comma as source and the rest of the sentence as content.
"""
from __future__ import annotations

import re

CUE_LEMMAS = {
    "назвать", "называть", "говориться", "поклясться", "клясться",
    "заявить", "заявлять", "сообщить", "сообщать", "сказать", "говорить", "отметить", "отмечать", "подчеркнуть",
    "подчёркивать", "подчеркивать", "добавить", "добавлять", "рассказать", "рассказывать", "уточнить", "уточнять",
    "признать", "признавать", "утверждать", "считать", "полагать", "пояснить", "пояснять", "объяснить", "объяснять",
    "заверить", "заверять", "напомнить", "напоминать", "указать", "указывать", "констатировать", "предупредить",
    "предупреждать", "обвинить", "обвинять", "опровергнуть", "опровергать", "подтвердить", "подтверждать", "писать",
    "написать", "объявить", "объявлять", "заметить", "замечать", "ответить", "отвечать", "возразить", "настаивать",
    "уверять", "признаться", "поделиться", "вспоминать", "вспомнить", "разъяснить", "разъяснять", "прокомментировать",
    "комментировать", "пожаловаться", "жаловаться", "предположить", "предполагать", "допустить", "передать", "передавать",
    "сообщаться", "информировать", "проинформировать", "процитировать", "цитировать", "уверить", "пообещать", "обещать",
    "пригрозить", "потребовать", "требовать", "призвать", "призывать", "отрицать", "спросить", "спрашивать", "думать",
    "надеяться", "опасаться", "убеждать", "убедить", "выразить", "высказать", "сетовать", "посетовать", "акцентировать",
    "резюмировать", "заключить", "рассуждать", "добавлять", "оценить", "прогнозировать", "свидетельствовать",
    "отмечаться", "указываться", "подчеркиваться", "подчёркиваться", "уточняться", "утверждаться",
    # Counts are claims too: "правозащитники насчитали не менее 40 задержанных".
    "насчитать", "насчитывать", "подсчитать", "посчитать", "зафиксировать", "фиксировать", "опубликовать", "публиковать",
    "признаваться", "возражать",
}
# Verbs of finding, expecting and hinting that are cues only in a finite form
# with a "что"/"будто" clause or a colon: "опрос показал, что ...", "Минфин
# ожидает, что ...", "не исключил, что ...", but not "показал хорошую игру",
# "показали, как ...", "ожидая референдума", "упомянув сенатора".
THAT_ONLY = {"показать", "показывать", "ожидать", "рассчитывать", "упомянуть", "упоминать", "намекнуть", "намекать",
             "сомневаться", "усомниться", "выяснить", "выяснять", "установить", "устанавливать", "исключить",
             "исключать", "согласиться", "соглашаться"}
# Reporting verbs of Russian news that report with a clause or a quotation
# ("озвучил, что ...", "парировал: «...»"), not with an object.
CLAUSE_SPEECH = {"озвучить", "озвучивать", "доложить", "докладывать", "уведомить", "уведомлять", "известить",
                 "извещать", "парировать", "воскликнуть", "поведать", "огласить", "подытожить", "высказаться",
                 "высказываться"}
CUE_LEMMAS |= THAT_ONLY | CLAUSE_SPEECH
# Verbs that count as cues only with a clause or a quotation.
CLAUSE_ONLY = {"считать", "полагать", "думать", "надеяться", "опасаться", "выразить", "высказать", "оценить", "передать", "передавать",
               "свидетельствовать", "требовать", "потребовать", "призвать", "призывать", "обещать", "пообещать",
               "поклясться", "клясться"} | THAT_ONLY | CLAUSE_SPEECH
SUBJECT_RELS = {"nsubj", "nsubj:pass"}
_RHETORIC_SUBJECT = re.compile(r"(?i)^(?:всё|все)?\s*(?:это|эти|то|что|всё\s+это|все\s+это)(?:\s+(?:всё|все))?$")
_RHETORIC_VERBS = {"свидетельствовать", "говорить", "показывать", "показать", "означать", "подтверждать", "подтвердить",
                   "доказывать", "доказать", "указывать", "указать", "демонстрировать", "продемонстрировать"}
_WORD = r"[\w\-]+"

# Prepositional and "как"-clauses: the source follows the cue.
PREP_CUES = re.compile(
    r"(?<![\w])("
    # also with an adjective before the noun: "По предварительным данным полиции", "По последним прогнозам X"
    r"[Пп]о\s+(?:словам|данным|информации|мнению|сведениям|оценкам?|утверждению|версии|заявлению|подсчетам|подсчётам|сообщению|"
    r"сообщениям|расчетам|расчётам|признанию|прогнозам?)"
    r"|[Пп]о\s+(?:\w+(?:ым|им|ымся|имся|ой|ей)\s+){1,2}(?:данным|информации|сведениям|оценкам|подсчетам|подсчётам|сообщениям|"
    r"прогнозам?|расчетам|расчётам)(?=\s+[^\s,])"
    r"|[Сс]огласно(?:\s+(?:данным|информации|заявлению|сообщению|сведениям))?"
    r"|[Сс]о\s+ссылкой\s+на"
    r"|[Кк]ак\s+(?:ранее\s+)?(?:сообщил[аи]?|сообщал[аи]?|писал[аи]?|заявлял[аи]?|рассказывал[аи]?|отмечал[аи]?|передавал[аи]?|"
    r"подчеркивал[аи]?|подчёркивал[аи]?|уточняет|уточняют|уточнили|подчеркивает|подчёркивает|подчеркнули|отмечают|отметили|"
    r"рассказали|рассказывают|информирует|информировал[аи]?|сообщает|сообщают|сообщили|заявил[аи]?|заявляет|сказал[аи]?|отметил[аи]?|отмечает|пишет|пишут|"
    r"передает|передаёт|передают|рассказал[аи]?|рассказывает|уточнил[аи]?|подчеркнул[аи]?|говорит|говорят|говорил[аи]?|считает|считают|"
    r"утверждает|утверждают|полагает|признал[аи]?|пояснил[аи]?|объяснил[аи]?|следует\s+из|стало\s+известно)"
    r")(?![\w])"
)


OBJECT_CUES = {"назвать", "называть", "призвать", "призывать", "потребовать", "требовать", "отрицать", "опровергнуть",
               "опровергать", "объявить", "объявлять", "подтвердить", "подтверждать", "сообщить", "сообщать", "заявить",
               "заявлять", "говорить", "рассказать", "рассказывать", "признать", "признавать", "пообещать", "обещать",
               "пригрозить", "предупредить", "обвинить", "обвинять", "напомнить", "отметить", "поклясться", "клясться",
               "насчитать", "насчитывать", "подсчитать", "посчитать", "зафиксировать", "фиксировать"}
_NUMERAL = re.compile(
    r"^(?:\d[\d\s.,]*|один|два|три|четыре|пять|шесть|семь|восемь|девять|десять|\w+надцать|\w+десят|сорок|девяносто|сто|"
    r"двести|триста|четыреста|\w+сот|тысяча|миллион|миллиард|десяток|сотня|несколько|полтора|полторы)$"
)
_IMPERSONAL = {"сообщаться", "говориться", "отмечаться", "указываться", "подчеркиваться", "подчёркиваться", "уточняться",
               "утверждаться"}
# Verbs whose object may precede them ("Все четверо вину отрицают").
OBJECT_BEFORE = {"отрицать", "признать", "признавать", "опровергнуть", "опровергать", "подтвердить", "подтверждать"}
# "опубликовал материалы, в которых ...": publishing verbs with the document's relative clause.
PUBLISH = {"опубликовать", "публиковать"}
_DOCUMENT_NOUNS = re.compile(r"^(?:материал|стать|публикаци|заявлени|доклад|сообщени|видео|пост|репортаж|расследовани|отч[её]т|письм|обращени|интервью)")
ABOUT_CUES = {"сообщить", "сообщать", "заявить", "заявлять", "объявить", "объявлять", "предупредить", "напомнить"}
INSTITUTION = re.compile(
    r"^(?:пресс-служб|служб|управлени|ведомств|министерств|мвд|мид|фсб|ск|аппарат|прокуратур|суд|комитет|мэри|администраци|"
    r"штаб|посольств|консульств|кремл|правительств|департамент|отдел|полици|центр|организаци|компани|минобороны|минздрав|"
    r"мчс|гу|уфсин|фсин|правлени|министр|дирекци|офис|пресс-центр|представительств)"
)
PRONOUN_PREP = re.compile(
    r"(?<![\w])([Пп]о\s+(?P<pron>его|её|ее|их|моим|нашим)\s+(?:словам|мнению|данным|информации|оценкам?|утверждению|версии|подсчетам|подсчётам|признанию))(?![\w])"
)
PRONOUN_PREP = re.compile(PRONOUN_PREP.pattern.replace("(?P<pron>", "("))
NO_SOURCE_PREP = re.compile(
    r"(?:^\s*|,\s*)((?:[Пп]о|[Сс]огласно)\s+(?:\w+(?:ым|им|ымся|имся|ой|ей)\s+){1,2}"
    r"(?:данным|сведениям|оценкам|информации|подсчетам|подсчётам))\s*,"
)


def models():
    """natasha segmenter, morphology, syntax and lemmatiser, loaded once (shared with NER)."""
    from compare.nlp.russian import natasha_models

    m = natasha_models()
    return m.segmenter, m.morph, m.syntax, m.vocab


_WORDS = re.compile(r"[А-Яа-яЁё]+(?:-[А-Яа-яЁё]+)*")
_OTHER_CUES = re.compile(r"(?i)убежд[её]н|уверен|говорится")


def may_hold_cue(sentence: str) -> bool:
    """False when no word of the sentence can be a form of a cue lemma and no cue
    pattern matches: such a sentence needs no parse (most of an article's)."""
    if PREP_CUES.search(sentence) or PRONOUN_PREP.search(sentence) or NO_SOURCE_PREP.search(sentence) \
            or _OTHER_CUES.search(sentence):
        return True
    vocab = models()[3]
    for w in _WORDS.findall(sentence):
        low = w.lower()
        if low in CUE_LEMMAS or any(f.normal_form in CUE_LEMMAS or f.normal_form.replace("ё", "е") in CUE_LEMMAS
                                    for f in vocab.parse(low)):
            return True
    return False


def split_sentences(text: str) -> list[tuple[int, int]]:
    from razdel import sentenize

    return [(s.start, s.stop) for s in sentenize(text)]


def parse(sentence: str):
    from natasha import Doc

    segmenter, morph, syntax, vocab = models()
    doc = Doc(sentence)
    doc.segment(segmenter)
    doc.tag_morph(morph)
    doc.parse_syntax(syntax)
    for tok in doc.tokens:
        tok.lemmatize(vocab)
    return doc


class _Tok:
    """A parsed token with offsets relative to its sentence."""

    __slots__ = ("id", "text", "start", "stop", "rel", "head_id", "pos", "lemma", "feats")

    def __init__(self, tok, shift: int):
        self.id, self.text, self.rel, self.head_id = tok.id, tok.text, tok.rel, tok.head_id
        self.start, self.stop = tok.start - shift, tok.stop - shift
        self.pos, self.lemma, self.feats = tok.pos, tok.lemma, tok.feats or {}


def parse_sentences(text: str, spans: list[tuple[int, int]]) -> list[list[_Tok]]:
    """Parse the given sentences of ``text`` in one batch (much faster than one by one)."""
    from natasha import Doc
    from natasha.doc import DocSent, adapt_token

    segmenter, morph, syntax, vocab = models()
    doc = Doc(text)
    doc.tokens = [adapt_token(t) for t in segmenter.tokenize(text)]
    doc.sents = [DocSent(s, e, text[s:e]) for s, e in spans]
    doc.envelop_sent_tokens()
    parsed = [sent for sent in doc.sents if sent.tokens]
    if parsed:
        keep = doc.sents
        doc.sents = parsed
        doc.tag_morph(morph)
        doc.parse_syntax(syntax)
        doc.sents = keep
    out = []
    for sent in doc.sents:
        toks = []
        for t in sent.tokens:
            t.lemmatize(vocab)
            toks.append(_Tok(t, sent.start))
        out.append(toks)
    return out


class _Tree:
    """Token list with children lists (natasha gives heads only)."""

    def __init__(self, tokens):
        self.toks = list(tokens)
        self.index = {t.id: i for i, t in enumerate(self.toks)}
        self.children: list[list[int]] = [[] for _ in self.toks]
        self.head: list[int] = []
        for i, t in enumerate(self.toks):
            h = self.index.get(t.head_id, -1)
            self.head.append(h)
            if h >= 0 and h != i:
                self.children[h].append(i)

    def subtree(self, i: int, skip_rels: tuple[str, ...] = ()) -> list[int]:
        out, stack = [], [i]
        while stack:
            j = stack.pop()
            out.append(j)
            for c in self.children[j]:
                if c not in out and self.toks[c].rel not in skip_rels:
                    stack.append(c)
        return sorted(out)

    def span(self, idxs: list[int]) -> tuple[int, int]:
        return self.toks[idxs[0]].start, self.toks[idxs[-1]].stop


def _np_span(tree: _Tree, head: int) -> tuple[int, int]:
    """The noun phrase of ``head`` without participial/relative clauses or parentheticals."""
    idxs = tree.subtree(head, skip_rels=("acl", "acl:relcl", "parataxis", "advcl", "conj", "cc", "punct", "advmod", "discourse"))
    # Quotation marks of a name inside the phrase ("центр «Гражданский щит»") keep it contiguous.
    # Not a quoted addressee in another case ("сказал эксперт «Уральскому вестнику»").
    marks = [j for j in tree.subtree(head) if tree.toks[j].text in "«»\"“”„" and tree.head[j] in idxs
             and (tree.toks[tree.head[j]].feats or {}).get("Case", "Nom") == "Nom"]
    idxs = sorted(set(idxs) | set(marks))
    # Keep the contiguous run around the head and stop at commas and dashes.
    # An initial's full stop ("И. Лаптев") belongs to the name.
    for j in range(max(0, head - 3), head):
        t = tree.toks[j]
        if t.text == "." and j > 0 and len(tree.toks[j - 1].text) == 1 and tree.toks[j - 1].text.isupper() and j not in idxs:
            idxs = sorted(set(idxs) | {j, j - 1})
    lo = hi = idxs.index(head)
    while lo > 0 and idxs[lo - 1] == idxs[lo] - 1 and tree.toks[idxs[lo - 1]].text not in ",—–":
        lo -= 1
    while hi + 1 < len(idxs) and idxs[hi + 1] == idxs[hi] + 1 and tree.toks[idxs[hi + 1]].text not in ",—–":
        hi += 1
    return tree.span(idxs[lo: hi + 1])


_CLAUSE_STOP = re.compile(
    r"^\s*(?:хотя|так\s+что|однако|поэтому|добавив|отметив|подчеркнув|заявив|уточнив|пояснив|сказав|напомнив|"
    r"при\s+этом|тогда\s+как|в\s+то\s+время\s+как|после\s+чего|в\s+связи\s+с\s+чем|чем|—|-)\b",
    re.I,
)


# "..., и добавил, что ...": a coordinated reporting verb starts its own content.
_NEXT_CUE = re.compile(
    r"^\s*(?:и|а|но)\s+(?:также\s+|еще\s+|ещё\s+)?(?:добавил|отметил|подчеркнул|заявил|сказал|уточнил|пояснил|напомнил|"
    r"сообщил|указал|признал|заверил|предупредил|выразил)\w*\b",
    re.I,
)


def _descends(tree: "_Tree", j: int, ancestor: int) -> bool:
    seen = 0
    while j >= 0 and seen < 100:
        if j == ancestor:
            return True
        j = tree.head[j]
        seen += 1
    return False


def _clause_end(sentence: str, tree: "_Tree", cue: int, start: int) -> int:
    """End of a complement clause that starts at ``start``: comma-separated
    segments are added while they still belong to the cue's clause and do not
    open a new clause of the narrator ("..., хотя ...", "..., добавив ...")."""
    end = len(sentence)
    toks = [j for j, t in enumerate(tree.toks) if t.start >= start]
    if not toks:
        return end
    seg_start = None
    first = True
    for j in toks:
        t = tree.toks[j]
        if t.text in ",;" or t.text in ("—", "–") or (t.text == "-" and sentence[t.start - 1: t.start] == " "):
            seg_start = t.start
            first = False
            continue
        if first:
            continue
        if seg_start is not None:
            rest = sentence[seg_start + 1:]
            if _CLAUSE_STOP.match(rest) or PREP_CUES.match(rest.lstrip()) or _NEXT_CUE.match(rest):
                return seg_start
            seg_start = None
        if tree.toks[cue].rel != "root" and not _descends(tree, j, cue) and t.pos not in ("PUNCT",):
            # The matrix clause resumes ("Хотя чиновники заявили, что ..., люди не согласны").
            k = max(i for i in toks if tree.toks[i].start < t.start and tree.toks[i].text in ",;—–-") if any(
                tree.toks[i].start < t.start and tree.toks[i].text in ",;—–-" for i in toks) else None
            return tree.toks[k].start if k is not None else end
    return end


_TRAIL = " \t\n,;:—–-."


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " \t\n,;:—–-":
        start += 1
    while end > start and text[end - 1] in _TRAIL:
        end -= 1
    return start, end


def extract_sentence(sentence: str, base: int, tokens: list | None = None) -> list[dict]:
    """Attributions in one Russian sentence; offsets shifted by ``base``.

    ``tokens`` are the sentence's parsed tokens from :func:`parse_sentences`;
    without them the sentence is parsed here."""
    out: list[dict] = []
    if tokens is None:
        tokens = [_Tok(t, 0) for t in parse(sentence).tokens]
    tree = _Tree(tokens)
    covered: list[tuple[int, int]] = []

    # ---- prepositional cues: по словам X, согласно X, как сообщил X
    for m in PREP_CUES.finditer(sentence):
        cue = (m.start(), m.end())
        rest = sentence[m.end():]
        src = None
        clause_end = m.end() + (re.search(r",|$", rest).start())
        if m.group().lower().startswith("как"):
            # "Как пояснил «Уральскому вестнику» источник в ...": the parser's subject,
            # if it lies inside the как-clause.
            verb = next((j for j, t in enumerate(tree.toks) if m.start() <= t.start < m.end() and t.pos in ("VERB", "AUX")), None)
            subj = None if verb is None else next(
                (c for c in tree.children[verb] if tree.toks[c].rel in SUBJECT_RELS and m.end() <= tree.toks[c].start < clause_end), None)
            if subj is not None:
                src = _np_span(tree, subj)
                domain = re.match(r"\.(?:az|ru|com|net|org|info|media|tv|am|ge|ua|io|news)\b", sentence[src[1]:], re.I)
                if domain:
                    src = (src[0], src[1] + domain.end())  # "Day.Az"
        if src is None:
            # Initials ("Н. Гасанзаде") do not end the source phrase; a quoted
            # addressee («Коммерсанту») and a locative "в" do not start it.
            addressee = m.group().lower().startswith("как")  # "Как пояснил «Вестнику» источник"
            lead = re.match(r"\s*(?:«[^»]*»\s*)?(?:(?:в|во)\s+)?" if addressee else r"\s*(?:(?:в|во)\s+)?", rest)
            start = m.end() + (lead.end() if lead else 0)
            masked = re.sub(r"(?<!\w)([А-ЯЁA-Z])\.(?=\s*[А-ЯЁA-Z])", r"\1_", sentence[start:])
            # A quoted name belongs to the source ("по информации телеканала «Восток»").
            masked = re.sub(r"(?:(?<=\w )|^)«[^«»]{1,60}»", lambda q: "_" * len(q.group()), masked)
            # "По данным на 10:00, ..." is a time stamp, not a source: a colon inside
            # a time does not end the phrase either.
            masked = re.sub(r"(?<=\d):(?=\d)", "_", masked)
            # nor the dot of a web address ("Как сообщает Day.Az, ...")
            masked = re.sub(r"(?<=\w)\.(?=(?:az|ru|com|net|org|info|media|tv|am|ge|ua|io|news|uz|kz|by)\b)", "_", masked,
                            flags=re.I)
            stop = re.search(r"[,;:—–.!?»«]|\s-\s", masked)
            src_end = start + (stop.start() if stop else len(masked))
            src = _trim(sentence, start, src_end)
            if re.match(r"на\s+(?:\d|утро|вечер|полдень|полночь|момент|сегодня|начало|конец|середину)", sentence[src[0]:src[1]]):
                after = _trim(sentence, src[1] + 1, len(sentence)) if src[1] < len(sentence) and sentence[src[1]] == "," else (0, 0)
                if after[1] > after[0]:
                    out.append({"kind": "according_to", "source": None, "cue": cue, "content": after})
                    covered.append((cue[0], src[1]))
                continue
        if src[1] <= src[0] and re.search(r"стало\s+известно$", m.group()):
            # "Как стало известно «Вестнику», ...": what the outlet learned, no source named.
            after = _trim(sentence, sentence.find(",", m.end()) + 1, len(sentence)) if "," in sentence[m.end():] else (0, 0)
            if after[1] > after[0]:
                out.append({"kind": "according_to", "source": None, "cue": cue, "content": after})
                covered.append(cue)
            continue
        if src[1] <= src[0]:
            continue
        # Content: the rest of the sentence on the other side of the cue phrase.
        tail = re.search(r"[,;:—–]|\s-\s", sentence[src[1]:])
        after = _trim(sentence, src[1] + (tail.start() if tail else 0), len(sentence)) if tail else (len(sentence), len(sentence))
        # A dash or semicolon before the cue ends another clause ("X говорит о
        # девяти — по данным Y, ..."): that clause is not Y's.
        bound = max((mm.end() for mm in re.finditer(r"\s[—–]\s|;", sentence[: cue[0]])), default=0)
        before = _trim(sentence, bound, cue[0])
        if m.group().lower().startswith("со ссылкой") and "," in sentence[before[0]:before[1]]:
            # "Задержаны трое, передает ТАСС со ссылкой на X": the claim is the
            # clause before the relaying outlet, which is an attribution of its own.
            before = _trim(sentence, before[0], sentence.rindex(",", before[0], before[1]))
        content = after if (after[1] - after[0]) >= (before[1] - before[0]) else before
        if content[1] <= content[0]:
            continue
        if re.match(r"(?:[Оо]б?\s+этом|[Оо]б\s+этом\s+же)\b", sentence[content[0]:content[1]]):
            # "Об этом сообщает X со ссылкой на Y": the content is the previous sentence.
            out.append({"kind": "according_to", "source": src, "cue": cue, "content": None, "prev": True})
            covered.append((cue[0], src[1]))
            continue
        out.append({"kind": "according_to", "source": src, "cue": cue, "content": content})
        covered.append((cue[0], src[1]))
    # "По его словам", "по её мнению": a possessive pronoun is the source.
    for m in PRONOUN_PREP.finditer(sentence):
        if any(a <= m.start() < b for a, b in covered):
            continue
        before = _trim(sentence, 0, m.start())
        after = _trim(sentence, m.end(), len(sentence))
        content = after if (after[1] - after[0]) >= (before[1] - before[0]) else before
        if content[1] > content[0]:
            noun_start = m.end(1) - len(m.group(1).split()[-1])
            out.append({"kind": "according_to", "source": (m.start(2), m.end(2)),
                        "cue": (noun_start, m.end(1)), "content": content})
            covered.append((m.start(), m.end()))
    # "По предварительным данным, ...": the data are the source, as PolNeAR
    # annotates "According to the data"; whose data is decided on the text.
    for m in NO_SOURCE_PREP.finditer(sentence):
        if any(a <= m.start(1) < b for a, b in covered):
            continue
        # sentence-initial: the rest is the content; between commas ("Двое, по
        # предварительным данным, скончались"): the whole sentence is
        after = _trim(sentence, m.end(), len(sentence)) if not sentence[: m.start(1)].strip(" ,") \
            else _trim(sentence, 0, len(sentence))
        if after[1] > after[0]:
            prep_end = m.start(1) + len(m.group(1).split()[0])
            source = _trim(sentence, prep_end, m.end(1))
            out.append({"kind": "according_to", "source": source, "cue": (m.start(1), prep_end), "content": after})
            covered.append((m.start(), m.end()))
    # "«...», — убеждён Ли": a postposed state of conviction is the speaker's claim
    for m in re.finditer(r"[,»\"”]\s*[—–-]\s*((?:убежд[её]н|уверен)[аы]?)\s+([^,.;!?]+)", sentence):
        if any(a <= m.start(1) < b for a, b in covered):
            continue
        content = _trim(sentence, 0, m.start() + (1 if sentence[m.start()] in "»\"”" else 0))
        if content[1] > content[0]:
            out.append({"kind": "", "source": (m.start(2), m.end(2)), "cue": (m.start(1), m.end(1)), "content": content})
            covered.append((m.start(1), m.end(2)))
    # "«...», — говорится в заявлении омбудсмена."
    for m in re.finditer(r"[,»\"”]\s*[—–-]\s*(говорится\s+в)\s+([^,.;!?]+)", sentence):
        content = _trim(sentence, 0, m.start() + (1 if sentence[m.start()] in "»\"”" else 0))
        if content[1] > content[0]:
            out.append({"kind": "", "source": (m.start(2), m.end(2)), "cue": (m.start(1), m.end(1)), "content": content})
            covered.append((m.start(1), m.end(2)))

    for i, tok in enumerate(tree.toks):
        if tok.pos not in ("VERB", "AUX") or (tok.lemma or "").lower() not in CUE_LEMMAS:
            continue
        if any(s <= tok.start < e for s, e in covered):
            continue
        lemma = tok.lemma.lower()
        feats = tok.feats or {}
        if feats.get("VerbForm") == "Part" and tok.rel in ("amod", "acl"):
            continue
        impersonal = lemma in _IMPERSONAL and feats.get("VerbForm") == "Fin"  # "Сообщается, что ...": no speaker named
        if feats.get("Voice") == "Pass" and not impersonal and not any(tree.toks[c].rel == "obl:agent" for c in tree.children[i]):
            continue  # "действия названы «расправой»": no speaker
        content = None
        paren = False
        cue_stop = tok.stop
        split_subject = None
        if lemma in PUBLISH:
            # "ряд изданий опубликовал материалы, в которых ...": the document's
            # relative clause is the content; publishing alone is no cue.
            found_doc = None
            for c in tree.children[i]:
                t = tree.toks[c]
                if t.rel != "obj" or t.start < tok.start or not _DOCUMENT_NOUNS.match((t.lemma or t.text).lower()):
                    continue
                m_rel = re.match(r"\s*,\s*(?:в|во|на)\s+котор\w+\s*", sentence[t.stop:])
                if m_rel:
                    # The relative clause runs to the end of the sentence (the
                    # parser does not always attach it to the noun).
                    found_doc = ((t.stop + m_rel.end(), len(sentence)), t.stop)
                    break
            if found_doc is None:
                continue
            content, cue_stop = found_doc
        after = sentence[tok.stop:]
        # "сказал: «...»" / "заявил так: ..." (a colon right after the cue)
        m = re.match(r"(?:\s+[\w\-«»\"]+){0,6}?\s*:(?!\d)\s*", after)  # (not a time, "в 15:21")
        if content is None and m and "," not in m.group():
            content = (tok.stop + m.end(), len(sentence))
        # "заявил, что ...", "сообщил журналистам, что ...", "заявил о том, что ..."
        if content is None:
            m = re.match(r"\s*(?:о\s+том\s*)?,\s*(?=(?:что|будто|чтобы|как|ли)\b)", after) or re.match(
                r"(?:\s+[\w\-«»\"“”]+){0,6}?\s*,\s*(?=(?:что|будто|чтобы)\b)", after
            )
            if m:
                start = tok.stop + m.end()
                content = (start, _clause_end(sentence, tree, i, start))
        if lemma in THAT_ONLY and (content is None or feats.get("VerbForm") != "Fin"
                                   or not (sentence[tok.stop:content[0]].rstrip().endswith(":")
                                           or re.match(r"(?:что|будто)\b", sentence[content[0]:]))):
            continue
        # Clausal complement found by the parser.
        if content is None:
            for c in tree.children[i]:
                if tree.toks[c].rel in ("ccomp", "csubj") and tree.toks[c].start > tok.start:
                    sub = tree.subtree(c)
                    content = (tree.toks[sub[0]].start, _clause_end(sentence, tree, i, tree.toks[sub[0]].start))
                    break
        # "Как разъясняет следователь, ...", "Как он говорит, «...»"
        kind = ""
        if content is None:
            mk = re.search(r"(?:^|[,;:(]\s*)[Кк]ак\s+(?:[\w\-]+\s+){0,3}$", sentence[: tok.start])
            ma = re.match(r"(?:\s+[\w\-]+){0,5}?\s*,\s*", after)
            if mk and ma:
                start = tok.stop + ma.end()
                content = (start, _clause_end(sentence, tree, i, start))
                kind = "according_to"
        # "..., о чём заявил X" (the content is the clause the relative refers to)
        if content is None:
            rel_m = re.search(r",\s*(?:о\s+ч[её]м|как)\s+(?:[\w\-]+\s+){0,3}$", sentence[: tok.start])
            if rel_m:
                content = (0, rel_m.start())
        # "«...», — сказал он" / "..., говорит он" (quote or clause before the cue)
        if content is None:
            head = tree.head[i]
            before = sentence[: tok.start]
            dash = re.search(r"[,!?…»\"”]\s*[—–-]?\s*$|[,!?…»\"”]?\s*[—–-]\s*$", before)
            # The cue may be preceded by its own adverbs ("с поклоном сказал").
            if dash is None:
                dash = re.search(r"[,!?…»\"”]\s*[—–-]\s*(?:[\w\-]+\s+){1,3}$", before)
            # A quoted name that is the subject ("Центр «Щит» насчитал") is no quotation before the cue.
            subj_spans = [_np_span(tree, c) for c in tree.children[i] if tree.toks[c].rel in SUBJECT_RELS]
            if dash is not None and any(a <= dash.start() <= b for a, b in subj_spans):
                dash = None
            if dash is not None and before[dash.start()] == "»":
                # A short quoted name inside the clause ("Об этом «Вестнику»
                # рассказали") is no quotation before the cue.
                q_open = before.rfind("«", 0, dash.start())
                if q_open > 0 and len(before[q_open:dash.start()].split()) <= 3 and re.search(r"\w\s$", before[:q_open]) \
                        and not before[dash.start() + 1:].strip(" ,"):
                    dash = None
            if dash is not None and (tok.rel in ("parataxis", "root", "conj") or (head >= 0 and head < i)):
                content = (0, dash.start() + 1 if before[dash.start()] in "»\"”!?…" else dash.start())
                resume = re.match(r"(?:\s+[\w\-]+){1,6}?\s*,\s*(?=[а-яё])", after)
                rest_start = tok.stop + (resume.end() if resume else 0)
                finite_after = any(t.start >= rest_start and t.pos in ("VERB", "AUX") and (t.feats or {}).get("VerbForm") == "Fin"
                                   for t in tree.toks)
                if resume and finite_after and before[dash.start()] == "," and not _CLAUSE_STOP.match(after[resume.end():]) and not re.match(
                        r"(?:и|а|но|добавив|отметив|подчеркнув|заявив|уточнив|пояснив)\b", after[resume.end():]):
                    # "Эта тенденция, говорят эксперты, сохранится": the cue interrupts
                    # the content, which is the whole sentence.
                    content = (0, len(sentence))
                    paren = True
        if content is None:
            # "Эта тенденция, говорят эксперты, сохранится" (parenthetical cue)
            before = sentence[: tok.start]
            m1 = re.search(r",\s*$", before)
            m2 = re.match(r"(?:\s+[\w\-]+){1,6}?\s*,", after)
            if m1 and m2 and lemma not in CLAUSE_ONLY:
                # The cue interrupts the content, which is the whole sentence.
                content = (0, len(sentence))
                paren = True
        # "назвал реакцию «недружественной»", "призвал жителей не поддаваться ...",
        # "сообщила о девяти задержанных": the objects are the content.
        if content is None and lemma in OBJECT_CUES and feats.get("VerbForm") != "Conv":
            # "о"-phrases are content only for announcing verbs: "говорить о X" names a topic.
            about_ok = lemma in ABOUT_CUES

            def counted(c: int) -> bool:
                # "говорит о девяти задержанных": a number makes the topic a claim.
                return any(tree.toks[g].pos == "NUM" or _NUMERAL.match((tree.toks[g].lemma or tree.toks[g].text).lower())
                           for g in tree.subtree(c))

            parts = [c for c in tree.children[i] if (tree.toks[c].start > tok.start or (
                lemma in OBJECT_BEFORE and tree.toks[c].rel == "obj")) and (
                tree.toks[c].rel in ("obj", "xcomp", "ccomp", "iobj") or ((about_ok or lemma in ("говорить", "сообщать", "рассказать", "рассказывать") and counted(c)) and
                    tree.toks[c].rel == "obl" and any(tree.toks[g].text.lower() in ("о", "об", "обо") for g in tree.children[c])))]
            if parts:
                spans = [tree.span(tree.subtree(c)) for c in parts]
                for n, c in enumerate(parts):
                    sub = tree.subtree(c)
                    lead = []
                    for j in sub:
                        if j < c and tree.toks[j].pos in ("DET", "NUM", "ADJ") and (tree.toks[j].feats or {}).get("Case") == "Nom":
                            lead.append(j)
                        else:
                            break
                    if tree.toks[c].start < tok.start and lead:
                        # "Все четверо вину отрицают": the parser hung the numeral
                        # subject on the object; it is the speaker, not the content.
                        rest = [j for j in sub if j not in lead]
                        spans[n] = (tree.toks[rest[0]].start, spans[n][1])
                        split_subject = tree.span(lead)
                cand = (min(a for a, _ in spans), max(b for _, b in spans))
                cut = re.search(r"\s[—–]\s|;", sentence[cand[0]:cand[1]])
                if cut:
                    # A dash or semicolon ends the object ("о пяти погибших — по данным ...").
                    cand = (cand[0], cand[0] + cut.start())
                naming = lemma in ("назвать", "называть")
                # "назвал свою фамилию" is no attribution; "назвал реакцию «недружественной»" is.
                predicate = any(tree.toks[c].rel == "xcomp" for c in parts)
                # "эти данные назвали недостоверными": a predicate makes it an evaluation.
                if not naming or len(parts) > 1 or predicate or re.search(r"[«\"“]", sentence[tok.stop:cand[1] + 2]):
                    content = cand
        prev = False
        if content is None and re.search(r"(?:^|[\s,])(?:[Оо]б\s+этом|[Оо]\s+том|[Оо]б\s+этом\s+же)\s+(?:[\w\-«»\"]+\s+){0,2}$", sentence[: tok.start]):
            # "Об этом сообщил X": the content is the previous sentence.
            prev = True
            content = (tok.stop, tok.stop)
        if content is None:
            continue
        def outside(j: int) -> bool:
            return paren or not (content[0] <= tree.toks[j].start < content[1])

        subjects = [c for c in tree.children[i] if tree.toks[c].rel in SUBJECT_RELS and outside(c)]
        if paren:
            # "…, говорят эксперты, …": the subject follows the interrupting cue.
            subjects.sort(key=lambda c: tree.toks[c].start < tok.start)
        subj = subjects[0] if subjects else None
        if subj is None and tok.rel in ("conj", "advcl", "xcomp", "parataxis") and tree.head[i] >= 0:
            # "... и добавил", "отвечал" after "верил": the subject of the governing verb.
            h = tree.head[i]
            subj = next((c for c in tree.children[h] if tree.toks[c].rel in SUBJECT_RELS and c != i and outside(c)), None)
        if subj is None:
            # A subject right after the cue ("..., говорит еще один источник"), missed by the parser.
            for j in range(i + 1, min(i + 5, len(tree.toks))):
                t = tree.toks[j]
                if t.pos in ("NOUN", "PROPN", "PRON") and (t.feats or {}).get("Case") == "Nom" and outside(j):
                    subj = j
                    break
                if t.pos not in ("ADV", "NUM", "ADJ", "DET", "PART"):
                    break
        if subj is None:
            # A nominative the parser labelled as an object before the verb
            # ("Ранее ряд изданий опубликовал материалы"): the subject.
            subj = next((c for c in tree.children[i] if tree.toks[c].rel == "obj" and tree.toks[c].start < tok.start
                         and (tree.toks[c].feats or {}).get("Case") == "Nom" and tree.toks[c].pos in ("NOUN", "PROPN")
                         and outside(c)), None)
        if subj is None:
            # "В пресс-службе ведомства сообщили, что ...": the institution in the locative.
            for c in tree.children[i]:
                t = tree.toks[c]
                if t.rel == "obl" and outside(c) and any(tree.toks[g].text.lower() in ("в", "во") for g in tree.children[c]) and (
                        INSTITUTION.match((t.lemma or t.text).lower()) or t.pos == "PROPN" or t.text.isupper()):
                    subj = c
                    break
        source = _np_span(tree, subj) if subj is not None else split_subject
        if source is not None and split_subject is not None and split_subject[1] < source[0] and not sentence[split_subject[1]:source[0]].strip():
            source = (split_subject[0], source[1])  # "Оба | задержанных": one phrase
        if source is not None:
            # Initials: "И. Лаптев" (the parser may split them into two subjects).
            m_init = re.match(r"(?:\.\s*[А-ЯЁA-Z](?=\.))*\.\s*[А-ЯЁA-Z][\w\-]+", sentence[source[1]:]) if re.search(r"(?:^|\s)[А-ЯЁA-Z]$", sentence[source[0]:source[1]]) else None
            if m_init:
                source = (source[0], source[1] + m_init.end())
            m_init = re.search(r"(?:^|\s)([А-ЯЁA-Z]\.\s*)+$", sentence[: source[0]])
            if m_init:
                source = (m_init.start() + (1 if sentence[m_init.start()].isspace() else 0), source[1])
            src_text = sentence[source[0]:source[1]]
            if src_text.count("«") > src_text.count("»") and sentence[source[1]:source[1] + 1] == "»":
                source = (source[0], source[1] + 1)  # a quoted name: «Гражданский щит»
            elif src_text.count("«") < src_text.count("»") and source[0] > 0 and sentence[source[0] - 1] == "«":
                source = (source[0] - 1, source[1])
            elif source[0] > 0 and sentence[source[0] - 1] == "«" and sentence[source[1]:source[1] + 1] == "»":
                source = (source[0] - 1, source[1] + 1)  # «Уральский вестник»
            m_prep = re.match(r"(?:в|во|В|Во)\s+", sentence[source[0]:source[1]])
            if m_prep:
                source = (source[0] + m_prep.end(), source[1])
        if source and not paren and source[0] < content[1] and content[0] < source[1]:
            source = None
        if source is None and not impersonal and (feats.get("VerbForm") == "Inf" or (
                tok.text.lower() in ("скажем", "говорится", "называется") and kind != "according_to")):
            # "Хочется надеяться, что ...", "Нужно отметить, что ...", "скажем, ...":
            # the writer's own voice, not a reported speaker.
            continue
        if source is not None and lemma in _RHETORIC_VERBS and _RHETORIC_SUBJECT.match(sentence[source[0]:source[1]].strip()):
            continue  # "Это свидетельствует о том, что ...": the writer's inference, no speaker
        if prev:
            out.append({"kind": "", "source": source, "cue": (tok.start, tok.stop), "content": None, "prev": True})
            continue
        content = _trim(sentence, *content)
        cue = (tok.start, cue_stop)
        if not paren and content[0] < cue[1] and cue[0] < content[1]:
            content = (content[0], cue[0]) if content[0] < cue[0] else (cue[1], content[1])
            content = _trim(sentence, *content)
        if content[1] <= content[0]:
            continue
        out.append({"kind": kind, "source": source, "cue": cue, "content": content})
    for a in out:
        for key in ("source", "cue", "content"):
            if a[key] is not None:
                a[key] = (a[key][0] + base, a[key][1] + base)
    return out
