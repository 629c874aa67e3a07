"""Who did it? Agent status of harmful and coercive actions.

For each mention of an action (kill, die, beat, shoot, detain, arrest, raid,
torture, deport, injure) this module records whether the text names the one who
acted:

* ``named`` — a specific actor: an institution or unit (police, OMON, the FSB,
  the Investigative Committee, "polis əməkdaşları") or a named person or
  organisation. Institutional actors count as named: the reader learns who acted.
* ``generic`` — a vague class of actor that does not identify anyone: "security
  forces", "law enforcement", "unknown people", "masked men", "силовики",
  "неизвестные", "naməlum şəxslər", "hüquq-mühafizə orqanları", or a bare
  pronoun ("they").
* ``absent`` — no agent at all: agentless passives ("were detained",
  "задержаны", "saxlanılıb"), intransitive verbs of dying ("died", "погибли",
  "скончались", "həlak olub"), Russian indefinite-personal clauses ("его
  избили"), and nominalisations ("the deaths", "гибель", "ölüm").

``voice`` records the construction: ``active``, ``passive``, ``intransitive``
or ``nominal``. English uses the spaCy dependency parse, Russian the natasha
syntax parse (passive participles + instrumental agent), Azerbaijani rules
(passive suffixes -ıl/-il/-ul/-ül/-n-, agent with "tərəfindən").
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from compare.extract.numbers import fold_case, parse_number

__all__ = ["AgencyMention", "extract_agency", "agent_status", "ACTIONS"]

ACTIONS = ("kill", "die", "beat", "shoot", "detain", "arrest", "raid", "torture", "deport", "injure")


@dataclass(frozen=True)
class AgencyMention:
    action: str
    trigger: str
    trigger_start: int
    trigger_end: int
    agent_status: str  # named | generic | absent
    agent_text: str | None
    patient_text: str | None
    voice: str  # active | passive | intransitive | nominal


# --------------------------------------------------------------------------- agent status
_GENERIC = {
    "en": re.compile(
        r"\b(?:unknown|unidentified|masked|armed\s+men|gunmen|someone|somebody|attackers?|assailants?|"
        r"security\s+(?:forces|services|officers|personnel|agents)|law[\s-]+enforcement|men\s+in\s+(?:uniform|masks?)|"
        r"people\s+in\s+(?:uniform|masks?)|authorities|officials|forces|siloviki)\b", re.I),
    "ru": re.compile(
        r"(?:неизвестн|неустановленн|силовик|силовы[хем]|правоохранител|люд(?:и|ьми)\s+в\s+(?:форме|масках)|"
        r"в\s+масках|вооруж[её]нн|кто-то|нападавш|власт[ия]ми?|сотрудник\w*\s+силов)", re.I),
    "az": re.compile(
        r"(?:naməlum|hüquq-mühafizə|təhlükəsizlik\s+qüvvə|silahlı\s+(?:şəxs|adam|kişi)|maskalı|kimsə|"
        r"hakimiyyət\s+orqan|güc\s+strukturlar)", re.I),
}
_PRONOUNS = {
    "en": {"he", "she", "they", "we", "i", "it", "you", "who", "which", "that", "them"},
    "ru": {"он", "она", "они", "мы", "я", "вы", "оно", "кто", "который", "которые", "которая"},
    "az": {"o", "onlar", "biz", "mən", "siz", "sən"},
}


def agent_status(agent_text: str | None, language: str) -> str:
    """``named`` only for a specific, identified actor; any other expressed agent is ``generic``.

    "Police", "officers", "сотрудники полиции", "polis əməkdaşları", "Russian
    police", a bare "суд" are classes of actor: ``generic``. A proper name
    (a person, a named institution such as the FSB or the Investigative
    Committee, a court identified by its town: "Лисогорский городской суд",
    "A court in Lisogorsk", "Lisoqorsk şəhər məhkəməsi") makes it ``named``.
    Country qualifiers ("Russian", "российскими", "Rusiya") do not identify anyone.
    """
    if not agent_text or not agent_text.strip():
        return "absent"
    text = agent_text.strip()
    words = re.findall(r"[\w'’\-]+", text)
    if len(words) == 1 and fold_case(words[0], language) in _PRONOUNS.get(language, set()):
        return "generic"
    if _NAMED_INSTITUTION.search(text):
        return "named"
    place = _TRAILING_PLACE.search(text)
    if place and _GENERIC.get(language, _GENERIC["en"]).search(text[:place.start()]):
        # "security forces in Yekaterinburg": a vague class stays vague wherever it acted
        text = text[:place.start()]
        words = re.findall(r"[\w'’\-]+", text)
    for i, w in enumerate(words):
        if not (w[:1].isupper() or w.isupper()):
            continue
        low = fold_case(w, language)
        if _COUNTRY.match(low):
            continue
        if w.isupper() and len(w) >= 2:
            if low in _GENERIC_ACRONYMS:
                continue
            return "named"
        if i == 0 and (_COMMON_ACTOR.match(low) or _GENERIC.get(language, _GENERIC["en"]).fullmatch(low)):
            continue  # a sentence-initial common noun ("Police", "Сотрудники", "Gunmen")
        if i == 0 and low in _FUNCTION_WORDS:
            continue
        if i == 0 and (low in _VAGUE_QUANTIFIERS or parse_number(low, language) is not None):
            continue  # a sentence-initial count ("Two officers", "Несколько сотрудников")
        return "named"
    return "generic"


_TRAILING_PLACE = re.compile(r"\s+(?:in|at|from|of|в|во|из|на)\s+[A-ZА-ЯЁ][\w\-]*(?:\s+[A-ZА-ЯЁ][\w\-]*)*$")

# Specific institutions (not classes of actor).
_NAMED_INSTITUTION = re.compile(
    r"\b(?:FSB|MVD|Investigative\s+Committee|Interior\s+Ministry|Ministry\s+of|ФСБ|МВД|Следственн\w+\s+комитет\w*|"
    r"СК\s+России|ГУ\s+МВД|Rosgvardia|Росгварди\w*|DTX|DİN|İstintaq\s+Komitəsi)\b")
_GENERIC_ACRONYMS = {"омон", "omon", "спецназ", "собр", "sobr"}
_COUNTRY = re.compile(r"^(?:russia\w*|rossi\w*|росси\w*|rusiya\w*|rus\b|azerbaijan\w*|азербайджан\w*|azərbaycan\w*|"
                      r"ukrain\w*|украин\w*|georgia\w*|armenia\w*|turk\w*|iran\w*|american|us|usa|abş|"
                      r"federal|federation|федеральн\w*|federasiya\w*)$")
_COMMON_ACTOR = re.compile(
    r"^(?:police\w*|officer\w*|security|law|unknown|unidentified|masked|armed|men|people|authorit\w*|forces|"
    r"court|judge\w*|investigator\w*|agents?|troops|soldiers|guards?|riot|special|local|the|a|an|"
    r"сотрудник\w*|полиц\w*|полицейск\w*|силовик\w*|неизвестн\w*|вооруж\w*|люди|суд\w*|следовател\w*|"
    r"правоохранител\w*|бойц\w*|военн\w*|власт\w*|группа|группой|"
    r"polis\w*|əməkdaş\w*|naməlum|silahlı|maskalı|hüquq-mühafizə|məhkəmə\w*|hakim\w*|müstəntiq\w*|"
    r"təhlükəsizlik|hərbçi\w*|şəxs\w*|adam\w*)$")
_FUNCTION_WORDS = {"the", "a", "an", "и", "в", "и", "bu", "o", "və"}
_VAGUE_QUANTIFIERS = {"several", "some", "many", "dozens", "hundreds", "few", "несколько", "многие", "десятки",
                      "neçə", "onlarla", "bəzi"}


# --------------------------------------------------------------------------- English
_EN_VERBS = {
    "kill": "kill", "murder": "kill", "slay": "kill", "execute": "kill",
    "die": "die", "perish": "die",
    "beat": "beat", "assault": "beat", "batter": "beat", "kick": "beat",
    "shoot": "shoot",
    "detain": "detain", "round": "detain", "apprehend": "detain",
    "arrest": "arrest", "jail": "arrest", "remand": "arrest",
    "raid": "raid", "storm": "raid",
    "torture": "torture",
    "deport": "deport", "expel": "deport",
    "injure": "injure", "wound": "injure", "hurt": "injure",
}
_EN_NOUNS = {
    "killing": "kill", "murder": "kill", "massacre": "kill", "death": "die", "beating": "beat", "shooting": "shoot",
    "detention": "detain", "arrest": "arrest", "raid": "raid", "crackdown": "raid", "torture": "torture",
    "deportation": "deport", "expulsion": "deport", "injury": "injure", "operation": "raid", "search": "raid",
}
_EN_INTRANSITIVE = {"die", "perish"}
_EN_LIGHT_VERBS = {"carry", "conduct", "launch", "stage", "mount", "make", "perform"}
_EN_ORDER_VERBS = {"order", "decide", "rule", "sentence", "remand"}


def _subtree_text(tok, doc, *, max_tokens: int = 10) -> tuple[str, int, int]:
    toks = sorted(tok.subtree, key=lambda t: t.i)
    # keep the contiguous part around the head, cut relative clauses and long tails
    toks = [t for t in toks if t.dep_ not in ("relcl", "acl", "punct", "appos") or t.i == tok.i]
    left = [t for t in toks if t.i <= tok.i][-max_tokens:]
    right = [t for t in toks if t.i > tok.i and t.i - tok.i <= 3 and t.dep_ in ("compound", "amod", "prep", "pobj", "nummod", "flat", "poss", "case")]
    # coordinated actors: "police and FSB" (both acted; a named one makes the agent named)
    conj = [c for c in tok.children if c.dep_ == "conj" and c.i - tok.i <= 4]
    if conj:
        right += [t for t in toks if tok.i < t.i <= conj[0].i and t.dep_ in ("cc", "conj", "compound", "amod", "det")]
    span = sorted(left + right, key=lambda t: t.i)
    # contiguous block containing the head
    block = [tok]
    ids = {t.i for t in span}
    i = tok.i - 1
    while i in ids:
        block.insert(0, doc[i])
        i -= 1
    i = tok.i + 1
    while i in ids:
        block.append(doc[i])
        i += 1
    while block and block[0].dep_ in ("det", "cc", "punct", "case") and block[0].lower_ in ("the", "a", "an", "and", ",", "'s"):
        block = block[1:]
    if not block:
        return tok.text, tok.idx, tok.idx + len(tok.text)
    start, end = block[0].idx, block[-1].idx + len(block[-1].text)
    return doc.text[start:end], start, end


# Nouns for the doers of an event ("participants in the murder") and verbs that
# name someone as its doer ("accused the officers of murder").
_EN_AGENT_NOUNS = {"participant", "perpetrator", "organizer", "organiser", "culprit", "suspect", "accomplice"}
_EN_ACCUSE_VERBS = {"accuse", "charge", "suspect", "convict", "blame"}


def _en_head_phrase(tok, doc) -> str:
    """The noun with its left modifiers only ("possible participants", "police officers")."""
    mods = [c for c in tok.children if c.i < tok.i and c.dep_ in ("amod", "compound", "nummod", "poss")]
    start = min([c.idx for c in mods] + [tok.idx])
    return doc.text[start:tok.idx + len(tok.text)]


def _en_outer_agent(tok, doc) -> str | None:
    """Agent of an event noun given by the phrase that governs it."""
    prep = tok.head
    gov = prep.head
    if prep.lower_ in ("in", "of") and gov.lemma_.lower() in _EN_AGENT_NOUNS and gov.pos_ in ("NOUN", "PROPN"):
        return _en_head_phrase(gov, doc)
    if prep.lower_ not in ("of", "with"):
        return None
    verb = gov if gov.pos_ == "VERB" else (gov.head if gov.dep_ in ("dobj", "obj", "nsubjpass") else None)
    if verb is None or verb.lemma_ not in _EN_ACCUSE_VERBS:
        return None
    target = next((c for c in verb.children if c.dep_ in ("dobj", "obj", "nsubjpass")), None)
    if target is None or target.lower_ in _PRONOUNS["en"]:
        return target.text if target is not None else None
    return _en_head_phrase(target, doc)


# A person as the object of a harmful verb: pronouns, names, and nouns for people.
_EN_PERSON_NOUN = re.compile(
    r"^(?:people|person|persons|man|men|woman|women|child|children|boy|girl|baby|brother|sister|son|daughter|"
    r"father|mother|husband|wife|family|relative|resident|citizen|national|migrant|worker|civilian|soldier|"
    r"officer|policeman|guard|protester|demonstrator|student|passenger|journalist|reporter|detainee|prisoner|"
    r"inmate|suspect|victim|teenager|youth|pedestrian|cyclist|driver|customer|employee|staff|member|"
    r"\w+(?:er|or|ist|ian|ee|ant|ent)|\d+-year-old|teen)s?$", re.I)
# "killed dozens", "wounded several", "shot at least 12": a count of people.
_EN_QUANTIFIER = re.compile(r"^(?:dozens|hundreds|thousands|scores|many|several|some|others|all|both|few|"
                            r"everyone|everybody|anyone|nobody|none|one|two|three|four|five|six|seven|eight|nine|ten)$")
# Violence around "beat": without it, "beat" is mostly a contest ("beat Brighton's keeper",
# "the players to beat", "beat expectations").
_EN_VIOLENCE = re.compile(
    r"\b(?:police|custody|officers?|guards?|soldiers|troops|detain\w*|arrest\w*|prison\w*|bruis\w*|injur\w*|"
    r"hospital\w*|baton\w*|tortur\w*|death|dead|unconscious|brutal\w*|severely|badly|savagely|assault\w*|"
    r"attack\w*|mob|gang|raid\w*|protest\w*|blood\w*)\b", re.I)


def _en_figurative(tok, action: str) -> bool:
    """A harmful verb used of things or contests, not people: "a Brexit that will
    hurt households", "shoot a bogey", "beat Poulter 4&3"."""
    obj = next((c for c in tok.children if c.dep_ in ("dobj", "obj")), None)
    if obj is not None and obj.pos_ not in ("PRON", "PROPN", "NUM") and obj.ent_type_ not in ("PERSON", "NORP") \
            and not _EN_PERSON_NOUN.match(obj.lemma_ or obj.lower_) and not _EN_PERSON_NOUN.match(obj.lower_) \
            and not _EN_QUANTIFIER.match(obj.lower_) and not any(c.dep_ == "nummod" for c in obj.children) \
            and not (obj.lower_ == "old" and any(c.lower_ == "year" for c in obj.children)):  # "a 13-year-old"
        return True
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in tok.children)
    if action == "beat" and not passive and tok.tag_ != "VBG" and not _EN_VIOLENCE.search(tok.sent.text) \
            and not _GENERIC["en"].search(tok.sent.text):
        return True  # an active "beat" with no violence around it is a contest
    return False


def _en_mentions(doc) -> list[AgencyMention]:
    out = []
    for tok in doc:
        lemma = tok.lemma_.lower()
        action = None
        nominal = False
        be = next((c for c in tok.children if c.lemma_ == "be"), None) if tok.lower_ == "dead" else None
        if be is None and tok.lower_ == "dead" and tok.dep_ == "acomp" and tok.head.lemma_ == "be" and tok.head.i < tok.i:
            be = tok.head  # "were taken away and were dead": the parser hangs "dead" under the copula
        if be is None and tok.lower_ == "dead" and tok.dep_ in ("oprd", "ccomp", "xcomp", "acomp") \
                and tok.head.lemma_ in ("find", "declare", "pronounce"):
            # "found the climber dead", "was pronounced dead": a death reported without an agent
            out.append(AgencyMention("die", tok.text, tok.idx, tok.idx + len(tok.text), "absent", None, None,
                                     "intransitive"))
            continue
        if be is not None and tok.dep_ in ("acomp", "ROOT", "conj"):
            # "were dead within hours": a death without an agent
            aux = be
            out.append(AgencyMention("die", doc.text[aux.idx:tok.idx + len(tok.text)], aux.idx, tok.idx + len(tok.text),
                                     "absent", None, None, "intransitive"))
            continue
        if tok.pos_ in ("VERB", "AUX") or tok.tag_.startswith("VB"):
            action = _EN_VERBS.get(lemma)
            if lemma == "hold":
                # "ordered four of the detainees held": a court remand is an arrest
                sent_text = tok.sent.text.lower()
                action = "arrest" if "court" in sent_text or "judge" in sent_text else None
            if lemma == "round" and not any(c.dep_ == "prt" and c.lower_ == "up" for c in tok.children):
                action = None
            if lemma == "pass" and any(c.dep_ == "prt" and c.lower_ == "away" for c in tok.children):
                action = "die"
        elif tok.pos_ in ("NOUN", "PROPN"):
            action = _EN_NOUNS.get(lemma)
            if lemma in ("operation", "search") and not re.search(r"police|raid|detain|security|officer|investigat", tok.sent.text, re.I):
                action = None
            if lemma == "operation" and any(c.lower_ in ("military", "rescue", "surgical", "peacekeeping", "combat", "humanitarian")
                                            for c in tok.children if c.dep_ in ("amod", "compound")):
                action = None  # a war, a rescue or surgery, not a police raid
            nominal = action is not None
            # "beaten to death": part of the verb phrase, not a separate mention
            if lemma == "death" and tok.head.lower_ == "to" and tok.head.head.lemma_ in _EN_VERBS:
                action = None
            # "the death penalty", "a death sentence", "death threats": no one died
            nxt = tok.nbor(1) if tok.i + 1 < len(doc) else None
            if lemma == "death" and nxt is not None and nxt.lemma_.lower() in (
                    "penalty", "sentence", "row", "threat", "certificate", "wish", "metal", "star"):
                action = None
        if action is None:
            continue
        if not nominal and action in ("beat", "injure", "shoot", "kill") and _en_figurative(tok, action):
            continue
        trig_start, trig_end = tok.idx, tok.idx + len(tok.text)
        if action == "beat" and not nominal:
            nxt = doc[tok.i + 1: tok.i + 3]
            if len(nxt) == 2 and nxt[0].lower_ == "to" and nxt[1].lower_ == "death":
                action = "kill"
                trig_end = nxt[1].idx + len(nxt[1].text)
            elif any(c.dep_ == "prep" and c.lower_ == "to" and any(g.lower_ == "death" for g in c.children)
                     for c in tok.children):
                action = "kill"  # "beat the two men to death": one kill mention
        children = list(tok.children)
        agent = patient = None
        if nominal:
            voice = "nominal"
            for c in children:
                if c.dep_ == "prep" and c.lower_ == "by":
                    obj = next((g for g in c.children if g.dep_ == "pobj"), None)
                    if obj is not None:
                        agent = _subtree_text(obj, doc)[0]
                elif c.dep_ == "prep" and c.lower_ in ("of", "on", "against"):
                    obj = next((g for g in c.children if g.dep_ == "pobj"), None)
                    if obj is not None:
                        patient = _subtree_text(obj, doc)[0]
                elif c.dep_ in ("compound", "amod", "poss") and c.i < tok.i and c.pos_ in ("NOUN", "PROPN"):
                    actorish = c.ent_type_ in ("ORG", "PERSON") or bool(
                        _NAMED_INSTITUTION.search(c.text) or _GENERIC["en"].search(c.text) or _COMMON_ACTOR.match(c.lower_))
                    if action in ("raid", "detain", "arrest", "torture", "deport") and actorish:
                        agent = _subtree_text(c, doc)[0]
                    else:
                        patient = _subtree_text(c, doc)[0]
                elif c.dep_ == "acl":
                    # "a raid carried out by Russian security forces"
                    ag = next((g for g in c.children if g.dep_ == "agent"), None)
                    if ag is not None:
                        obj = next((g for g in ag.children if g.dep_ == "pobj"), None)
                        if obj is not None:
                            agent = _subtree_text(obj, doc)[0]
            if agent is None and tok.dep_ == "pobj":
                agent = _en_outer_agent(tok, doc)
            light = tok
            if tok.dep_ in ("compound", "amod") and tok.head.dep_ in ("dobj", "obj"):
                light = tok.head  # "carried out search measures": the noun modifies the object
            if agent is None and light.dep_ in ("dobj", "obj") and light.head.lemma_ in _EN_LIGHT_VERBS:
                # "police carried out a raid": the light verb's subject did it
                subj = next((c for c in light.head.children if c.dep_ == "nsubj"), None)
                if subj is not None:
                    agent = _subtree_text(subj, doc)[0]
        else:
            passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in children) or (
                tok.tag_ == "VBN" and tok.dep_ in ("acl", "amod", "advcl") and not any(c.dep_ == "aux" for c in children))
            subj = next((c for c in children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is None and tok.dep_ == "conj":
                # "were detained ... and died": the conjunct shares the subject
                head = tok.head
                subj = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
                if not passive and action not in _EN_INTRANSITIVE and any(c.dep_ == "auxpass" for c in head.children) and tok.tag_ == "VBN":
                    passive = True
            if subj is not None and subj.dep_ == "nsubj" and subj.lower_ in ("who", "that", "which") and tok.dep_ == "relcl":
                subj = tok.head
            obj_child = next((c for c in children if c.dep_ in ("dobj", "obj")), None)
            if not passive and action not in _EN_INTRANSITIVE and obj_child is None and subj is not None \
                    and (tok.tag_ == "VBN" or any(c.tag_ == "CD" or c.dep_ == "nummod" for c in subj.subtree)
                         or subj.lower_ in ("hundreds", "dozens", "thousands", "scores")):
                # reduced passive of headline style: "over 1,200 detained, hundreds deported"
                passive = True
            governor = next((t for t in tok.ancestors if t.pos_ == "VERB"), None) \
                if tok.dep_ in ("ccomp", "xcomp", "oprd", "acl") else None
            if subj is None and governor is not None and governor.lemma_ in _EN_ORDER_VERBS:
                # "a court ordered four of the detainees held": the one who ordered it acted
                head_subj = next((c for c in governor.children if c.dep_ == "nsubj"), None)
                if head_subj is not None:
                    passive = True
                    ag_text = _subtree_text(head_subj, doc)[0]
                    own_subj = next((c for c in children if c.dep_ in ("nsubj", "nsubjpass")), None)
                    out.append(AgencyMention(action, doc.text[trig_start:trig_end], trig_start, trig_end,
                                             agent_status(ag_text, "en"), ag_text,
                                             _subtree_text(own_subj, doc)[0] if own_subj is not None else None,
                                             "passive"))
                    continue
            if action in _EN_INTRANSITIVE:
                voice = "intransitive"
                patient = _subtree_text(subj, doc)[0] if subj is not None else None
            elif passive:
                voice = "passive"
                ag = next((c for c in children if c.dep_ == "agent"), None)
                if ag is not None:
                    obj = next((g for g in ag.children if g.dep_ == "pobj"), None)
                    if obj is not None:
                        agent = _subtree_text(obj, doc)[0]
                if subj is not None:
                    patient = _subtree_text(subj, doc)[0]
                elif tok.dep_ in ("acl", "amod"):
                    patient = _subtree_text(tok.head, doc, max_tokens=4)[0]
            else:
                voice = "active"
                if subj is not None:
                    agent = _subtree_text(subj, doc)[0]
                obj = next((c for c in children if c.dep_ in ("dobj", "obj")), None)
                if obj is not None:
                    patient = _subtree_text(obj, doc)[0]
        status = agent_status(agent, "en") if voice != "intransitive" else "absent"
        out.append(AgencyMention(action, doc.text[trig_start:trig_end], trig_start, trig_end, status,
                                 agent, patient, voice))
    return out


# --------------------------------------------------------------------------- Russian
_RU_VERBS = {
    "убить": "kill", "убивать": "kill", "забить": "kill", "застрелить": "shoot", "расстрелять": "shoot",
    "стрелять": "shoot", "погибнуть": "die", "гибнуть": "die", "скончаться": "die", "умереть": "die",
    "умирать": "die", "избить": "beat", "избивать": "beat", "бить": "beat", "задержать": "detain",
    "задерживать": "detain", "арестовать": "arrest", "пытать": "torture", "депортировать": "deport",
    "выдворить": "deport", "выслать": "deport", "ранить": "injure", "травмировать": "injure",
    "держать": "detain", "пострадать": "injure",
}
_RU_NOUNS = {
    "убийство": "kill", "гибель": "die", "смерть": "die", "избиение": "beat", "побои": "beat",
    "расстрел": "shoot", "задержание": "detain", "арест": "arrest", "рейд": "raid", "облава": "raid",
    "зачистка": "raid", "пытка": "torture", "депортация": "deport", "выдворение": "deport", "ранение": "injure",
    "обыск": "raid", "травма": "injure", "мероприятие": "raid",
}
# every lemma that can start a Russian mention (used to decide which sentences to parse)
RU_TRIGGER_LEMMAS = set(_RU_VERBS) | set(_RU_NOUNS) | {"мёртвый", "мертвый", "заключить", "взять", "отправить",
                                                       "поместить", "заключать"}
_RU_LIGHT_VERBS = {"провести", "проводить", "устроить", "осуществить", "учинить"}
_RU_INTRANSITIVE = {"погибнуть", "гибнуть", "скончаться", "умереть", "умирать", "пострадать"}
_CLAUSAL_RELS = {"root", "conj", "acl", "acl:relcl", "advcl", "parataxis", "ccomp", "xcomp", "csubj", "csubj:pass"}


def _ru_phrase(tok, children, text: str, *, depth: int = 2) -> str:
    """The noun phrase headed by ``tok``: the token plus its modifiers (amod, nmod, nummod, appos, flat)."""
    toks = [tok]
    frontier = [tok]
    for _ in range(depth):
        nxt = []
        for t in frontier:
            for c in children.get(t.id, []):
                if c.rel in ("amod", "nmod", "nummod", "nummod:gov", "appos", "flat", "flat:name", "det", "case", "conj", "cc", "compound", "nummod:entity"):
                    nxt.append(c)
        toks.extend(nxt)
        frontier = nxt
    toks.sort(key=lambda t: t.start)
    # contiguous around the head
    idx = toks.index(tok)
    left = idx
    while left > 0 and toks[left - 1].stop + 2 >= toks[left].start:
        left -= 1
    right = idx
    while right + 1 < len(toks) and toks[right].stop + 2 >= toks[right + 1].start:
        right += 1
    block = toks[left:right + 1]
    while block and block[0].rel == "case" and block[0] is not tok:
        block = block[1:]
    return text[block[0].start:block[-1].stop]


# Nouns for the doers of an event: "участники убийства", "исполнители нападения".
_RU_AGENT_NOUNS = {"участник", "исполнитель", "организатор", "виновник", "заказчик", "соучастник", "подозреваемый",
                   "обвиняемый", "виновный"}
_RU_DOING_VERBS = {"совершить", "совершать", "осуществить", "осуществлять", "учинить", "организовать", "провести",
                   "проводить", "устроить"}
# instrumentals of time and manner are not agents: "совершённое прошлым летом", "совершённое ночью"
_RU_NOT_AGENT_INS = {"лето", "зима", "весна", "осень", "ночь", "утро", "вечер", "день", "год", "время", "образ",
                     "способ", "путь", "раз"}


def _ru_nominal_agent(tok, i: int, toks, children, text: str) -> str | None:
    """Agent of an event noun outside its own dependents, robust to attachment errors.

    * "участники убийства": the governing noun names the doers;
    * "убийство, совершённое группой лиц": the instrumental agent of a following
      passive participle of doing (the parser often hangs the participle elsewhere).
    """
    dep = tok
    if tok.rel == "conj":
        # "исполнители нападения и убийства": the conjunct shares the governing noun
        dep = next((t for t in toks if t.id == tok.head_id), tok)
    head = next((t for t in toks if t.id == dep.head_id), None)
    if head is not None and dep.rel == "nmod" and (tok.feats or {}).get("Case") == "Gen" \
            and (head.lemma or "").lower() in _RU_AGENT_NOUNS:
        mods = [c for c in children.get(head.id, []) if c.rel in ("amod", "det") and c.start < head.start]
        start = min([c.start for c in mods] + [head.start])
        return text[start:head.stop]
    for j in range(i + 1, min(i + 4, len(toks))):
        p = toks[j]
        pf = p.feats or {}
        if pf.get("VerbForm") == "Part" and pf.get("Voice") == "Pass" and (p.lemma or "").lower() in _RU_DOING_VERBS:
            for g in toks[j + 1:j + 4]:
                gf = g.feats or {}
                if g.pos in ("NOUN", "PROPN") and gf.get("Case") == "Ins" \
                        and (g.lemma or "").lower() not in _RU_NOT_AGENT_INS \
                        and not any(x.rel == "case" for x in children.get(g.id, [])):
                    phrase = _ru_phrase(g, children, text)
                    if phrase.startswith(p.text):
                        # the parser may hang the participle under its own agent
                        phrase = phrase[len(p.text):].lstrip(" ,")
                    return phrase
                if g.pos in ("ADP", "PUNCT"):
                    break
            break
        if p.pos not in ("PUNCT",):
            break
    return None


def _ru_figurative(lemma: str, action: str, kids: list, toks: list, i: int) -> bool:
    """A harmful verb said of things: "забил гол" (scored a goal), "бить штрафной",
    "задержало голосование" (delayed the vote), "держать прессу в курсе", "пабы
    пострадали от жары". natasha's morphology marks animacy: people are animate."""
    obj = next((c for c in kids if c.rel == "obj"), None)
    if obj is not None and action in ("kill", "beat", "detain", "injure", "shoot") \
            and (obj.feats or {}).get("Animacy") == "Inan" and obj.pos in ("NOUN",):
        return True
    if lemma == "держать" and (obj is None or (obj.feats or {}).get("Animacy") != "Anim"):
        # without a person as its object, detention only with custody around it: "под
        # стражей", "в изоляторе / отделе", "по многу часов ... без воды"
        window = " ".join(t.text.lower() for t in toks[i + 1: i + 9])
        return not re.search(r"под\s+страж|изолятор|отдел|сизо|камер|участк|плену|заложник|час|сут(?:ок|ки)|"
                             r"без\s+(?:воды|еды|адвокат)", window)
    if lemma == "забить" and obj is None and not any((c.rel == "obl" and (c.feats or {}).get("Animacy") == "Anim") for c in kids):
        # "Менга забил за семь минут до перерыва": scoring, unless someone is beaten
        window = " ".join(t.text.lower() for t in toks[max(0, i - 2): i + 4])
        return "смерт" not in window and "насмерть" not in window
    if action == "injure" and lemma == "пострадать":
        subj = next((c for c in kids if c.rel == "nsubj"), None)
        if subj is not None and (subj.feats or {}).get("Animacy") == "Inan" and subj.pos == "NOUN":
            return True
    return False


def _ru_mentions(doc, text: str) -> list[AgencyMention]:
    out = []
    for sent in doc.sents:
        toks = sent.tokens
        children: dict[str, list] = {}
        for t in toks:
            children.setdefault(t.head_id, []).append(t)
        for i, tok in enumerate(toks):
            lemma = (tok.lemma or tok.text).lower()
            feats = tok.feats or {}
            action = None
            nominal = False
            if tok.pos in ("VERB", "AUX"):
                action = _RU_VERBS.get(lemma)
                if action and feats.get("VerbForm") == "Part" and feats.get("Variant") != "Short" \
                        and tok.rel not in ("acl", "amod", "root", "conj") \
                        and not any(c.rel.startswith("aux") for c in children.get(tok.id, [])):
                    # full participles without a noun to modify are people: "задержанные",
                    # "погибших", "троих задержанных"
                    action = None
            elif tok.pos in ("NOUN", "PROPN"):
                action = _RU_NOUNS.get(lemma)
                if lemma == "мероприятие":
                    # police "measures" only: "оперативно-розыскные мероприятия", "в ходе мероприятий"
                    prev = toks[i - 1].text.lower() if i else ""
                    prev2 = toks[i - 2].text.lower() if i > 1 else ""
                    if not (prev.startswith("оперативн") or (prev == "ходе" and prev2 == "в")):
                        action = None
                if lemma == "смерть" and i > 0 and toks[i - 1].text.lower() == "до":
                    action = None  # "забили до смерти" / "до смерти избили" belong to the verb
                nominal = action is not None
            elif tok.pos == "ADJ" and lemma in ("мёртвый", "мертвый"):
                action = "die"
            if action is None and lemma in ("мёртвый", "мертвый") \
                    and (feats.get("Case") == "Ins" or feats.get("Variant") == "Short") \
                    and not any(c.rel == "case" for c in children.get(tok.id, [])):
                # predicative "вынесли мёртвыми", "был мёртв" (tagged as a participle by the parser)
                action = "die"
            if action is None and tok.pos == "VERB" and lemma in ("заключить", "взять", "отправить", "поместить", "заключать") \
                    and i + 2 < len(toks) and toks[i + 1].text.lower() == "под" \
                    and toks[i + 2].text.lower() in ("стражу", "арест", "домашний"):
                action = "arrest"  # "заключил под стражу", "отправил под арест": a court remand
            if action is None:
                continue
            trig_start, trig_end = tok.start, tok.stop
            if lemma == "мероприятие" and i and toks[i - 1].text.lower().startswith("оперативн"):
                trig_start = toks[i - 1].start
            if lemma == "травма" and i and (toks[i - 1].lemma or "") == "получить":
                trig_start = toks[i - 1].start
                nominal = False  # "получили травмы": got injured, no agent
            if lemma in ("избить", "забить", "бить") and i >= 2 and toks[i - 2].text.lower() == "до" \
                    and toks[i - 1].text.lower().startswith("смерт"):
                action = "kill"  # "до смерти избили": one kill mention
                trig_start = toks[i - 2].start
            if action == "arrest" and i + 2 < len(toks) and toks[i + 1].text.lower() == "под":
                trig_end = toks[i + 2].stop
            if lemma in ("забить", "избить") and i + 2 < len(toks) and toks[i + 1].text.lower() == "до" \
                    and toks[i + 2].text.lower().startswith("смерт"):
                action = "kill"
                trig_end = toks[i + 2].stop
            kids = children.get(tok.id, [])
            if not nominal and _ru_figurative(lemma, action, kids, toks, i):
                continue
            agent = patient = None
            if nominal:
                voice = "nominal"
                head = next((t for t in toks if t.id == tok.head_id), None)
                if head is not None and tok.rel == "obj" and (head.lemma or "") in _RU_LIGHT_VERBS:
                    # "сотрудники полиции провели мероприятия": the light verb's subject acted
                    hs = next((c for c in children.get(head.id, []) if c.rel == "nsubj"), None)
                    if hs is not None:
                        agent = _ru_phrase(hs, children, text)
                for c in kids:
                    c_feats = c.feats or {}
                    has_prep = [g for g in children.get(c.id, []) if g.rel == "case"]
                    prep = has_prep[0].text.lower() if has_prep else ""
                    if c.rel in ("nmod", "amod") and c_feats.get("Case") == "Ins" and not prep:
                        agent = _ru_phrase(c, children, text)
                    elif c.rel == "nmod" and prep == "стороны":
                        agent = _ru_phrase(c, children, text)
                    elif c.rel == "nmod" and c_feats.get("Case") == "Gen" and not prep:
                        if action == "raid":
                            agent = _ru_phrase(c, children, text)
                        else:
                            patient = _ru_phrase(c, children, text)
                    elif c.rel == "acl" and agent is None:
                        # "убийство, совершённое группой лиц": agent of the participle
                        for g in children.get(c.id, []):
                            g_feats = g.feats or {}
                            if g.rel in ("obl", "obl:agent") and g_feats.get("Case") == "Ins" and \
                                    (g.lemma or "").lower() not in _RU_NOT_AGENT_INS and \
                                    not any(x.rel == "case" for x in children.get(g.id, [])):
                                agent = _ru_phrase(g, children, text)
                                break
                if agent is None:
                    agent = _ru_nominal_agent(tok, i, toks, children, text)
            else:
                passive = feats.get("Voice") == "Pass"
                subj = next((c for c in kids if c.rel in ("nsubj", "nsubj:pass")), None)
                if subj is None and tok.rel in ("conj", "xcomp"):
                    # conjuncts share the subject; "суд постановил выдворить": the infinitive's
                    # agent is the subject of the governing verb
                    head = next((t for t in toks if t.id == tok.head_id), None)
                    if head is not None:
                        subj = next((c for c in children.get(head.id, []) if c.rel in ("nsubj", "nsubj:pass")), None)
                if lemma in _RU_INTRANSITIVE or action == "die":
                    voice = "intransitive"
                    patient = _ru_phrase(subj, children, text) if subj is not None else None
                elif passive:
                    voice = "passive"
                    for c in kids:
                        c_feats = c.feats or {}
                        has_prep = any(g.rel == "case" for g in children.get(c.id, []))
                        if c.rel in ("obl", "obl:agent", "nmod") and c_feats.get("Case") == "Ins" and not has_prep \
                                and c.pos in ("NOUN", "PROPN", "PRON"):
                            agent = _ru_phrase(c, children, text)
                            break
                    if subj is not None:
                        patient = _ru_phrase(subj, children, text)
                    elif tok.rel == "acl":
                        head = next((t for t in toks if t.id == tok.head_id), None)
                        if head is not None:
                            patient = head.text
                else:
                    voice = "active"
                    if subj is not None:
                        agent = _ru_phrase(subj, children, text)
                    obj = next((c for c in kids if c.rel in ("obj", "iobj")), None)
                    if obj is not None:
                        patient = _ru_phrase(obj, children, text)
            status = agent_status(agent, "ru") if voice != "intransitive" else "absent"
            out.append(AgencyMention(action, text[trig_start:trig_end], trig_start, trig_end, status,
                                     agent, patient, voice))
    return out


# --------------------------------------------------------------------------- Azerbaijani
# (pattern on a lower-cased word, action, voice); the first match wins, so passives come first.
_AZ_TRIGGERS: list[tuple[re.Pattern, str, str]] = [
    (re.compile(r"^döyül(?!məsi\b)\w*$"), "beat", "passive"),
    (re.compile(r"^döyülmə\w*$"), "beat", "nominal"),
    (re.compile(r"^döy(?!üş)(?:üb|dü|ərək|ür|əndən|mək|müş|üblər|dülər|üldü)\w*$"), "beat", "active"),
    (re.compile(r"^öldürül\w*$"), "kill", "passive"),
    (re.compile(r"^öldür\w*$"), "kill", "active"),
    (re.compile(r"^qətlə$"), "kill", "passive"),  # "qətlə yetirilib" (was killed)
    (re.compile(r"^qətl\w*$"), "kill", "nominal"),
    (re.compile(r"^həlak$"), "die", "intransitive"),
    (re.compile(r"^(?:ölüb|öldü|ölmüş|ölüblər|öldülər|ölən|ölənlər\w*|keçinib|keçindi)$"), "die", "intransitive"),
    (re.compile(r"^vəfat$"), "die", "intransitive"),
    (re.compile(r"^dünyasını$"), "die", "intransitive"),  # "dünyasını dəyişib" (passed away)
    (re.compile(r"^tələf$"), "die", "intransitive"),  # "tələf olub" (perished)
    (re.compile(r"^ölüm\w*$"), "die", "nominal"),
    (re.compile(r"^güllələn\w*$"), "shoot", "passive"),
    (re.compile(r"^güllələ\w*$"), "shoot", "active"),
    (re.compile(r"^(?:saxlanıl|saxlanıb|saxlandı)\w*$"), "detain", "passive"),
    (re.compile(r"^saxlanma\w*$"), "detain", "nominal"),
    (re.compile(r"^(?:saxlayıb|saxladı|saxlayaraq|saxlayıblar|saxladılar)$"), "detain", "active"),
    (re.compile(r"^(?:tutulub|tutuldu|tutulan)\w*$"), "detain", "passive"),
    (re.compile(r"^həbs(?!xana)\w*$"), "arrest", "nominal"),  # not "həbsxana", the prison ...
    (re.compile(r"^həbsxanaya$"), "arrest", "jail"),           # ... unless someone is sent there
    (re.compile(r"^(?:reyd|basqın|əməliyyat)\w*$"), "raid", "nominal"),
    (re.compile(r"^işgəncə\w*$"), "torture", "nominal"),
    (re.compile(r"^deport\w*$"), "deport", "nominal"),
    (re.compile(r"^(?:çıxarılıb|çıxarılacaq|çıxarıldı)$"), "deport", "passive"),
    (re.compile(r"^yaralan\w*$"), "injure", "passive"),
    (re.compile(r"^yarala(?:yıb|dı|yaraq|yıblar)\w*$"), "injure", "active"),
    (re.compile(r"^xəsarət$"), "injure", "intransitive"),
]
# An Azerbaijani "əməliyyat" is a police operation only with police around it, and
# "saxlanılıb" detention only with people or police in the sentence.
_AZ_POLICE_CONTEXT = re.compile(
    r"^(?:polis\w*|hüquq-mühafizə\w*|təhlükəsizlik\w*|reyd\w*|saxlanıl\w*|həbs(?!xana)\w*|xüsusi|təyinatlı\w*|"
    r"omon\w*|fsb\w*|dtx\w*|istintaq\w*|axtarış\w*|əməkdaş\w*|rosqvardiya\w*)$")
_AZ_PERSON_OR_POLICE = re.compile(
    r"^(?:nəfər\w*|şəxs\w*|adam\w*|insan\w*|kişi\w*|qadın\w*|oğlan\w*|qız\w*|uşaq\w*|yeniyetmə\w*|gənc\w*|"
    r"soydaş\w*|vətəndaş\w*|şübhəli\w*|azərbaycanlı\w*|miqrant\w*|sakin\w*|jurnalist\w*|fəal\w*|qardaş\w*|"
    r"polis\w*|hüquq-mühafizə\w*|həbs(?!xana)\w*|əməkdaş\w*)$")
_AZ_SURNAME_WORD = re.compile(r"^[A-ZƏÖÜÇŞĞİ][a-zəöüçşğı]+(?:ov|ova|yev|yeva|ev|eva|li|lı|lu|lü|zadə|ski|in|ina)"
                              r"(?:n?[ıiuü]n|n?[ıiuü]|y?[aə]|n[aə]|d[aə]n?|l[aə]r)?$")
_AZ_LIGHT_PASSIVE = re.compile(r"^(?:olunub|olundu|olunaraq|olunan|olunacaq|edilib|edildi|edilərək|edilən|edilməsi|"
                               r"olunması|edilmişdir|olunmuşdur|yetirilib|yetirildi|yetirilməsi|alınıb|alındı|"
                               r"keçirilib|keçirildi|keçirilən|məruz)\w*$")
_AZ_LIGHT_ACTIVE = re.compile(r"^(?:edib|etdi|edərək|ediblər|etdilər|edir|keçirib|keçirdi|verib|verdi|"
                              r"veriblər|açıb|açdı)$")
_AZ_WORD = re.compile(r"[\wƏəİıÖöÜüÇçŞşĞğ][\wƏəİıÖöÜüÇçŞşĞğ'’\-]*")
_AZ_ACTOR_WORDS = re.compile(
    r"^(?:polis\w*|əməkdaş\w*|omon\w*|fsb\w*|xüsusi|təyinatlı|hüquq-mühafizə|orqan\w*|təhlükəsizlik|qüvvə\w*|"
    r"naməlum|şəxs\w*|silahlı|maskalı|rus|rusiya\w*|yerli|zabit\w*|əsgər\w*|hərbçi\w*|istintaq|komitə\w*|"
    r"daxili|işlər|nazirliy\w*|idarə\w*|xidmət\w*|adam\w*|kişi\w*|məmur\w*|dəstə\w*|rosqvardiya\w*|"
    r"milis\w*|nəzarətçi\w*|mühafizəçi\w*|məhkəmə\w*|şəhər|rayon|hakim\w*|prokuror\w*)$")
_AZ_NOT_SUBJECT = {"və", "bu", "o", "lakin", "amma", "ancaq", "daha", "sonra", "həmçinin", "xatırladaq", "qeyd",
                   "dünən", "bu gün", "reyd", "həmin"}
_AZ_CASE_OBLIQUE = re.compile(r"(?:d[aə]n|t[aə]n|d[aə]|t[aə]|y[aə]|n[ıiuü]n|[ıiuü]n|l[ae]r[ıi]n)$")


def _az_agent_before(words, k: int, text: str) -> str | None:
    """Noun phrase ending right before position k (exclusive), built from actor words/capitals."""
    j = k - 1
    if j < 0:
        return None
    span = []
    while j >= 0 and len(span) < 5:
        w = words[j].group(0)
        gap = text[words[j].end():words[j + 1].start()] if j + 1 < len(words) else ""
        if span and re.search(r"[,.;:!?\"«»—–]", gap):
            break
        lw = fold_case(w, "az")
        if _AZ_ACTOR_WORDS.match(lw) or (w[:1].isupper() and not span == [] and True) or (w[:1].isupper() and not span):
            span.insert(0, words[j])
            j -= 1
            continue
        break
    if not span:
        return None
    return text[span[0].start():span[-1].end()]


def _az_subject(words, low, c0: int, k: int, text: str) -> str | None:
    """Subject of the clause: the first actor phrase in the nominative before position k."""
    for j in range(c0, k):
        if _AZ_ACTOR_WORDS.match(low[j]) and not _AZ_CASE_OBLIQUE.search(low[j]) or \
                (words[j].group(0)[:1].isupper() and low[j] not in _AZ_NOT_SUBJECT
                 and not _AZ_CASE_OBLIQUE.search(low[j])):
            end_j = j
            while end_j + 1 < k and _AZ_ACTOR_WORDS.match(low[end_j + 1]):
                end_j += 1
            return text[words[j].start():words[end_j].end()]
    return None


def low_prev_is_ki(words, k: int) -> bool:
    """A clause opens after "... ki," (complementiser): "deyib ki, polis ..."."""
    return fold_case(words[k - 1].group(0), "az") == "ki"


_AZ_VERBAL_NOUN = re.compile(r"m[aə]s[ıi](?:n[ıi]n|n[aə]|n[ıi]|nd[aə]n?|yl[aə])?$")


def _az_mentions(text: str) -> list[AgencyMention]:
    out = []
    words = list(_AZ_WORD.finditer(text))
    low = [fold_case(m.group(0), "az") for m in words]
    # clause starts: after sentence punctuation, commas before "və"/"lakin", quotes
    clause_start = [0] * len(words)
    cs = 0
    for k, m in enumerate(words):
        gap = text[words[k - 1].end():m.start()] if k else ""
        if k and (re.search(r"[.;!?:\"«»—]", gap) or ("," in gap and low_prev_is_ki(words, k))):
            cs = k
        clause_start[k] = cs
    skip = set()
    for k, w in enumerate(low):
        if k in skip:
            continue
        nxt_word = low[k + 1] if k + 1 < len(low) else ""
        if w in ("həyatını", "canını") and re.match(r"itir(?:ib|di|miş|ərək)", nxt_word):
            # "həyatını itirib" (lost their life): died, no agent
            out.append(AgencyMention("die", text[words[k].start():words[k + 1].end()], words[k].start(),
                                     words[k + 1].end(), "absent", None, None, "intransitive"))
            skip.add(k + 1)
            continue
        hit = None
        for rx, action, voice in _AZ_TRIGGERS:
            if rx.match(w):
                hit = (action, voice)
                break
        if hit is None:
            continue
        action, voice = hit
        t_start, t_end = words[k].start(), words[k].end()
        nxt = low[k + 1] if k + 1 < len(low) else ""
        # light verbs: "həbs edilib" (passive), "həbs edib" (active), "həlak olub", "qətlə yetirilib"
        if voice == "nominal" and action in ("arrest", "deport", "torture", "raid", "kill"):
            if _AZ_LIGHT_PASSIVE.match(nxt):
                voice = "passive"
                t_end = words[k + 1].end()
                skip.add(k + 1)
            elif _AZ_LIGHT_ACTIVE.match(nxt):
                voice = "active"
                t_end = words[k + 1].end()
                skip.add(k + 1)
            elif action == "raid" and k + 2 < len(low) and low[k + 1] == "həyata" and _AZ_LIGHT_PASSIVE.match(low[k + 2]):
                voice = "passive"
        elif action == "kill" and w == "qətlə" and k + 1 < len(low) and low[k + 1].startswith("yetiril"):
            t_end = words[k + 1].end()
            skip.add(k + 1)
        elif action == "die" and voice == "intransitive" and nxt.startswith(("ol", "et", "dəyiş", "al")):
            t_end = words[k + 1].end()
            skip.add(k + 1)
        elif action == "injure" and w == "xəsarət" and not nxt.startswith(("al", "yetir")):
            continue
        if action == "die" and voice == "nominal" and nxt.startswith(("cəza", "hökm")):
            continue  # "ölüm cəzası" (the death penalty): no one died
        if voice == "jail":
            # "həbsxanaya göndərilib / salınıb" (sent to prison): jailed
            if not re.match(r"(?:göndəril|salın|atıl|yerləşdiril)", nxt):
                continue
            voice = "passive"
            t_end = words[k + 1].end()
            skip.add(k + 1)
        if action == "detain" and voice == "active" and not any(
                _AZ_ACTOR_WORDS.match(low[j]) for j in range(max(clause_start[k], k - 8), k)):
            continue  # "topu ... saxladı" (kept the ball): detaining needs police or officers as its subject
        sentence_words = low[max(0, k - 25): k + 25]
        if action == "detain" and w.startswith("saxlan") and not any(
                _AZ_PERSON_OR_POLICE.match(x) for x in sentence_words) and not any(
                _AZ_SURNAME_WORD.match(m.group(0)) for m in words[max(0, k - 25): k]):
            continue  # "məlumatların harada saxlandığını" (where data are stored)
        if action == "raid" and w.startswith("əməliyyat") and (
                not any(_AZ_POLICE_CONTEXT.match(x) for x in sentence_words)
                or any(x.startswith(("cərrahi", "təcili", "tibb", "xəstəxana", "həkim")) for x in sentence_words)):
            continue  # "təcili əməliyyat olundu" (emergency surgery), a film's "gizli əməliyyat"
        # "döyərək öldürüb" / "döyülərək öldürülüb": beating as manner of killing -> one kill mention
        if action == "beat" and w.endswith(("ərək", "rək")) and k + 1 < len(low) and low[k + 1].startswith("öldür"):
            action = "kill"
            voice = "passive" if low[k + 1].startswith("öldürül") else "active"
            t_end = words[k + 1].end()
            skip.add(k + 1)
        # verbal nouns (-ma/-mə + possessive: "qətlə yetirilməsi", "saxlanılması") name the
        # action as a thing, like "the killing": nominal voice (agent search is the same)
        if voice == "passive" and _AZ_VERBAL_NOUN.search(fold_case(text[t_start:t_end], "az")):
            voice = "nominal"
        agent = None
        patient = None
        accused = False
        c0 = clause_start[k]
        if voice == "passive" or voice == "nominal":
            for j in range(k - 1, c0 - 1, -1):
                if low[j] == "tərəfindən":
                    agent = _az_agent_before(words, j, text)
                    break
            if agent is None and voice == "nominal" and action == "raid":
                # "polis reydi" (compound) or "hüquq-mühafizə orqanlarının ... keçirdiyi reyd" (genitive)
                if k and _AZ_ACTOR_WORDS.match(low[k - 1]) and not _AZ_CASE_OBLIQUE.search(low[k - 1]) \
                        and not re.search(r"(?:l[aə]r|l[aə]r[ıi]|[ıiuü])$", low[k - 1]):
                    # a bare modifier: "polis reydi" (not "orqanları reydin ..." where it is a subject)
                    agent = _az_agent_before(words, k, text)
                elif any(re.search(r"[dt][ıiuü][ğy][ıiuü]$", low[j]) for j in range(max(c0, k - 4), k)):
                    # genitive subject of a relative participle: "orqanlarının ... keçirdiyi reyd"
                    for j in range(k - 1, c0 - 1, -1):
                        if _AZ_ACTOR_WORDS.match(low[j]) and re.search(r"n[ıiuü]n$", low[j]):
                            a_start = j
                            while a_start - 1 >= c0 and _AZ_ACTOR_WORDS.match(low[a_start - 1]):
                                a_start -= 1
                            agent = text[words[a_start].start():words[j].end()]
                            break
            if agent is None and voice == "nominal":
                last = k + 1 if (k + 1) in skip else k
                after = low[last + 1:last + 3]
                if len(after) == 2 and after[0] in ("barədə", "haqqında") and after[1].startswith("qərar"):
                    # "məhkəmə ... həbs edilməsi barədə qərar verib": whoever decided it acted
                    agent = _az_subject(words, low, c0, k, text)
                elif after[:1] and after[0].startswith("ittiham") and re.search(r"[dt][aə]$", low[k]):
                    # "X-i qətldə ittiham edir" (accuse X of the killing): the accused is the agent
                    agent = _az_agent_before(words, k, text)
                    accused = agent is not None
        elif voice == "active":
            agent = _az_subject(words, low, c0, k, text)
        # patient: the words just before the trigger (or before the agent phrase) in the clause
        p_end = k - 1
        if agent is not None:
            # skip "X tərəfindən"
            for j in range(k - 1, c0 - 1, -1):
                if low[j] == "tərəfindən":
                    p_end = j - 1 - len(agent.split())
                    break
        p_floor = c0
        if voice == "active" and agent is not None:
            # the patient follows the subject in SOV order: start after the agent phrase
            a_end = text.find(agent, words[c0].start())
            if a_end >= 0:
                a_end += len(agent)
                while p_floor < k and words[p_floor].start() < a_end:
                    p_floor += 1
        if p_end >= p_floor:
            p_start = max(p_floor, p_end - 2)
            cand = [j for j in range(p_start, p_end + 1) if low[j] not in ("və", "ki", "isə", "da", "də", "zamanı")]
            if cand:
                patient = text[words[cand[0]].start():words[cand[-1]].end()]
        if accused:
            patient = None  # the words before the noun are its agent, not its victim
        status = agent_status(agent, "az") if voice != "intransitive" else "absent"
        out.append(AgencyMention(action, text[t_start:t_end], t_start, t_end, status, agent, patient, voice))
    return out


# --------------------------------------------------------------------------- API
def extract_agency(text: str, language: str, *, doc=None) -> list[AgencyMention]:
    """Agency mentions in ``text``; ``doc`` is a spaCy Doc (en) or natasha Doc (ru) to reuse."""
    if language == "en":
        if doc is None:
            from compare.extract.entities import spacy_nlp

            doc = spacy_nlp()(text)
        return _en_mentions(doc)
    if language == "ru":
        if doc is None:
            from compare.extract.entities import natasha_docs

            doc = natasha_docs([text])[0]
        return _ru_mentions(doc, text)
    if language == "az":
        return _az_mentions(text)
    return []
