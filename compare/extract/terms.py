"""Key terms: a small trilingual glossary of news concepts (en / ru / az).

A claim that mentions "the protest note sent by the Azerbaijani side" states,
by presupposition, that a protest note was sent; in another language the same
fact reads "etiraz notası təqdim olunub" or "handed him a note of protest".
Multilingual sentence embeddings rank such pairs no higher than the rest of
two articles on the same affair, and names do not help when the only name is
a country adjective. A shared *concept* does: a term that few claims of the
event mention links the one claim in each article that mentions it.

The glossary holds event-type nouns and verbs of diplomacy, law and order,
disasters and politics, the vocabulary in which one outlet's story differs
from another's. It is not a translation lexicon: each concept lists stems
that a reader of the language would take for it, in the forms news prose
uses. Agency actions (kill, detain, raid, ...) have their own extractor
(:mod:`compare.extract.agency`) and are not repeated here.

:func:`find_terms` returns the concept keys a text mentions; the claim
matcher (:mod:`compare.analyze.clusters`) uses the ones that are rare within
an event as anchors.
"""
from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["GLOSSARY", "find_terms"]

# concept -> language -> regular expression (case-insensitive, matched at word starts)
GLOSSARY: dict[str, dict[str, str]] = {
    "protest_note": {
        "en": r"notes? of protest|protest notes?",
        "ru": r"нот[аеуыо]\w*\s+протеста|протестн\w+\s+нот\w*",
        "az": r"etiraz\s+nota\w*",
    },
    "summon_diplomat": {
        "en": r"summon(?:s|ed|ing)?\b",
        "ru": r"вызва\w*\s+(?:\S+\s+){0,6}?в\s+(?:МИД|министерств\w*)|вызов\w*\s+(?:\S+\s+){0,3}?в\s+(?:МИД|министерств\w*)",
        "az": r"(?:nazirliyə|XİN-ə)\s+çağır\w*|çağırılıb|çağırılması",
    },
    "envoy": {
        "en": r"ambassadors?\b|envoys?\b|charg[ée]s? d['’]affaires",
        "ru": r"посол\b|посла\b|послу\b|послом\b|послы\b|послов\b|поверенн\w+\s+в\s+делах|временн\w+\s+поверенн\w*",
        "az": r"səfir(?!liy|lik)\w*|müvəqqəti\s+işlər\s+vəkil\w*",
    },
    "embassy": {
        "en": r"embass(?:y|ies)\b|consulates?\b",
        "ru": r"посольств\w*|консульств\w*",
        "az": r"səfirliy\w*|səfirlik\w*|konsulluq\w*|konsulluğ\w*",
    },
    "expel_diplomat": {
        "en": r"expel\w*|expulsions?\b|persona non grata",
        "ru": r"высыл\w*|выслан\w*|выдвор\w*|персон\w+\s+нон\s+грата",
        "az": r"ölkədən\s+çıxar\w*|arzuolunmaz\s+şəxs\w*|persona\s+non\s+qrata",
    },
    "recall_ambassador": {
        "en": r"recall\w*\s+(?:\S+\s+){0,3}?(?:ambassador|envoy)s?\b",
        "ru": r"отозва\w*\s+(?:\S+\s+){0,3}?посл\w*|отзыв\w*\s+посл\w*",
        "az": r"geri\s+çağır\w*",
    },
    "cancel": {
        "en": r"cancel\w*|call(?:ed)? off",
        "ru": r"отмен\w*|отмени\w*",
        "az": r"ləğv\w*",
    },
    "culture_event": {
        "en": r"cultur(?:e|al)\b",
        "ru": r"культур\w*",
        "az": r"mədəniyyət\w*",
    },
    "sanctions": {
        "en": r"sanction\w*|embargo\w*",
        "ru": r"санкци\w*|эмбарго",
        "az": r"sanksiya\w*|embarqo\w*",
    },
    "apology": {
        "en": r"apolog\w*",
        "ru": r"извинен\w*|извини\w*|извиня\w*",
        "az": r"üzr\s+istə\w*|üzrxahlıq\w*",
    },
    "compensation": {
        "en": r"compensat\w*",
        "ru": r"компенсац\w*|возмещени\w*",
        "az": r"kompensasiya\w*|təzminat\w*",
    },
    "court": {
        "en": r"courts?\b|judges?\b|tribunal\w*",
        "ru": r"суд\b|суда\b|суде\b|судом\b|суду\b|судь[яеиюй]\w*|судебн\w*",
        "az": r"məhkəmə\w*|hakim(?!iyyət)\w*",
    },
    "criminal_case": {
        "en": r"criminal (?:case|investigation|proceedings|charges?)|charged with|indicted",
        "ru": r"уголовн\w+\s+дел\w*|возбу[жд]\w*\s+(?:уголовн\w+\s+)?дел\w*|обвинени\w*|обвиня\w*",
        "az": r"cinayət\s+iş\w*|ittiham\w*",
    },
    "sentence_prison": {
        "en": r"sentenced|prison\w*|jail\w*|years? in (?:prison|jail)",
        "ru": r"приговор\w*|лишени\w+\s+свободы|колони\w+|тюрьм\w*|тюремн\w*",
        "az": r"hökm\w*|azadlıqdan\s+məhrum\w*|həbsxana\w*|cəzaçəkmə\w*",
    },
    "investigation": {
        "en": r"investigat\w*|probe\b|probes\b",
        "ru": r"расследован\w*|следстви\w*|следовател\w*|следственн\w*|проверк\w*",
        "az": r"araşdırma\w*|araşdırıl\w*|istintaq\w*|təhqiqat\w*",
    },
    "forensic": {
        "en": r"autops\w*|forensic\w*|post-mortem",
        "ru": r"экспертиз\w*|вскрыти\w*|судмедэксперт\w*",
        "az": r"ekspertiza\w*|yarılma\w*",
    },
    "heart_failure": {
        "en": r"heart (?:failure|attack)|cardiac",
        "ru": r"сердечн\w+\s+недостаточност\w*|инфаркт\w*|остановк\w+\s+сердца",
        "az": r"ürək\s+çatışmazlığ\w*|infarkt\w*|ürək\s+tutma\w*",
    },
    "funeral": {
        "en": r"funeral\w*|buried|burial\w*",
        "ru": r"похорон\w*|погребен\w*",
        "az": r"dəfn\w*|cənazə\w*",
    },
    "hospital": {
        "en": r"hospital\w*",
        "ru": r"больниц\w*|госпитал\w*|реанимаци\w*",
        "az": r"xəstəxana\w*|reanimasiya\w*",
    },
    "video": {
        "en": r"videos?\b|footage",
        "ru": r"видео\w*|видеозапис\w*",
        "az": r"video\w*|görüntü\w*",
    },
    "rally": {
        "en": r"rall(?:y|ies)\b|demonstrat\w*|protesters?\b",
        "ru": r"митинг\w*|акци\w+\s+протеста|протестующ\w*|демонстрац\w*|пикет\w*",
        "az": r"mitinq\w*|etiraz\s+aksiya\w*|aksiya\w*|piket\w*",
    },
    "phone_call": {
        "en": r"phone call|telephone|by phone",
        "ru": r"телефонн\w+\s+разговор\w*|по\s+телефону",
        "az": r"telefon\s+danışığ\w*|telefonla",
    },
    "visit": {
        "en": r"visit\w*",
        "ru": r"визит\w*|посети\w*|посещени\w*",
        "az": r"səfər\w*",
    },
    "talks": {
        "en": r"talks\b|negotiat\w*|summit\w*",
        "ru": r"переговор\w*|саммит\w*",
        "az": r"danışıq\w*|sammit\w*",
    },
    "election": {
        "en": r"elect(?:ion|ions|ed)\b|vot(?:e|es|ed|ing|ers?)\b|ballots?\b",
        "ru": r"выбор(?:ы|ов|ах|ам)\b|голосован\w*|избира\w*|избран\w*",
        "az": r"seçki\w*|səsvermə\w*|seçici\w*",
    },
    "fire": {
        "en": r"fires?\b|blaze\w*",
        "ru": r"пожар\w*|возгоран\w*",
        "az": r"yanğın\w*",
    },
    "earthquake": {
        "en": r"earthquake\w*|quake\w*|tremor\w*",
        "ru": r"землетрясен\w*|толчк\w*",
        "az": r"zəlzələ\w*|təkan\w*",
    },
    "flood": {
        "en": r"flood\w*",
        "ru": r"наводнен\w*|паводк\w*|подтоплен\w*",
        "az": r"daşqın\w*|sel\b|sellər\w*",
    },
    "crash": {
        "en": r"crash\w*|accident\w*|collision\w*",
        "ru": r"авари\w*|катастроф\w*|ДТП|крушени\w*|столкновен\w*",
        "az": r"qəza\w*|toqquşma\w*",
    },
    "aircraft": {
        "en": r"plane\w*|aircraft|airliner\w*|flights?\b|airlines?\b",
        "ru": r"самол[её]т\w*|авиалайнер\w*|рейс\w*|авиакомпани\w*",
        "az": r"təyyarə\w*|reys\w*|aviaşirkət\w*",
    },
    "explosion": {
        "en": r"explo(?:sion|sions|ded|sive)\w*|blasts?\b|bomb\w*",
        "ru": r"взрыв\w*|бомб\w*",
        "az": r"partlayış\w*|partla\w*|bomba\w*",
    },
    "drone_missile": {
        "en": r"drones?\b|missiles?\b|rockets?\b|shelling",
        "ru": r"беспилотник\w*|дрон\w*|ракет\w*|обстрел\w*",
        "az": r"pilotsuz\s+uçan\w*|dron\w*|raket\w*|atəş\w*",
    },
    "border": {
        "en": r"borders?\b",
        "ru": r"границ\w*|пограничн\w*",
        "az": r"sərhəd\w*",
    },
    "journalist": {
        "en": r"journalists?\b|reporters?\b|correspondents?\b",
        "ru": r"журналист\w*|корреспондент\w*|репортер\w*|репортёр\w*",
        "az": r"jurnalist\w*|müxbir\w*|reportyor\w*",
    },
    "migrant": {
        "en": r"migrants?\b|migrant workers?|labou?r migra\w*",
        "ru": r"мигрант\w*|трудов\w+\s+мигрант\w*|гастарбайтер\w*",
        "az": r"miqrant\w*|əmək\s+miqrant\w*",
    },
    "diaspora": {
        "en": r"diaspora\w*|community (?:leaders?|members?)",
        "ru": r"диаспор\w*|общин\w*",
        "az": r"diaspor\w*|icma\w*",
    },
    "oil_gas": {
        "en": r"oil\b|gas\b|pipelines?\b",
        "ru": r"нефт\w*|газ\b|газа\b|газом\b|газу\b|газов(?:ый|ого|ые|ых|ой)\b|газопровод\w*|трубопровод\w*",
        "az": r"neft\w*|qaz\b|qazın\w*|qaz\s+kəmər\w*|boru\s+kəmər\w*",
    },
    "trade": {
        "en": r"trade\b|exports?\b|imports?\b|tariffs?\b",
        "ru": r"торгов\w*|товарооборот\w*|экспорт\w*|импорт\w*|пошлин\w*",
        "az": r"ticarət\w*|ixrac\w*|idxal\w*|rüsum\w*",
    },
    "hunger_strike": {
        "en": r"hunger strike\w*",
        "ru": r"голодовк\w*",
        "az": r"aclıq\s+aksiya\w*",
    },
    "extradition": {
        "en": r"extradit\w*",
        "ru": r"экстрадиц\w*|выдач\w+\s+(?:\S+\s+){0,2}?(?:России|Азербайджану)",
        "az": r"ekstradisiya\w*|təhvil\s+veril\w*",
    },
}


@lru_cache(maxsize=8)
def _compiled(language: str) -> tuple[tuple[str, re.Pattern], ...]:
    out = []
    for concept, forms in GLOSSARY.items():
        pattern = forms.get(language)
        if pattern:
            out.append((concept, re.compile(r"(?<![\w-])(?:" + pattern + ")", re.I)))
    return tuple(out)


def find_terms(text: str, language: str) -> list[str]:
    """The glossary concepts ``text`` mentions, in glossary order (no duplicates)."""
    if not text:
        return []
    return [concept for concept, rx in _compiled(language) if rx.search(text)]
