"""What kind of claim a sentence makes: fact, statement, opinion, background or furniture.

>>> claim_kind("Recall that the court had released him in 2019.", "en").kind
'background'

The claims × outlets matrix compares what outlets report. Not every sentence of
an article is a report: some are the author's own view, some recall earlier
events, some are about the page itself. :func:`claim_kind` sorts a claim unit
(a sentence or clause, :mod:`compare.extract.claims`) into one of five kinds:

``fact``
    the outlet asserts in its own voice something that happened, is the case or
    is scheduled ("Two men died in the raid", "Переговоры пройдут в Баку").
``statement``
    what a named or described source says, thinks or claims ("Police said two
    men died"). The source is found by the attribution extractor
    (:mod:`compare.extract.attribution`); pass its verdict as ``attributed``.
``opinion``
    the author's own evaluation, analysis, prediction, rhetorical question or
    generalisation ("Such raids only breed fear", "Разве это случайность?").
``background``
    earlier events told for context: an earlier year or a date long before
    publication, "N years ago", a recap marker ("Recall that", "Напомним",
    "Xatırladaq ki").
``furniture``
    about the page, not the story: credit and sourcing lines that say nothing
    else ("Report informs", "Об этом сообщила пресс-служба МВД", "Bu barədə
    Metbuat.az xəbər verir"), bylines, timestamps, "LIVE"/"CANLI", photo
    credits, read-more lines (:func:`compare.extract.claims.is_editorial`).

The matrix compares ``fact`` and ``statement`` rows (:data:`KEPT`); the others
are shown apart.

Contract
--------
``claim_kind(text, lang, *, attributed=False, source_type=None,
published=None, article_title=None, context=None, opinion_article=False) -> Kind``

Only ``text``, ``lang`` and ``attributed`` are needed; the rest sharpen the
background and opinion decisions when the caller has them.

* ``text``: one claim unit, as it stands in the article (no translation).
* ``lang``: ``"en"``, ``"ru"`` or ``"az"``; others are read with the English
  tables.
* ``attributed``: the attribution extractor's verdict for the unit
  (:func:`compare.extract.attribution.is_attributed`, or the claim's
  ``attributed`` column). ``source_type`` is the attribution's source type; it
  is reported in the cue.
* ``published``: the article's publication date; without it, years cannot be
  compared and only explicit relative times ("three years ago", "прошлого
  года", "ötən il") mark background.
* ``article_title``: a sentence that is the headline is never a rhetorical
  question.
* ``context``: the text of the unit's paragraph before it; a past-tense
  sentence with no time of its own that continues a passage set in an earlier
  year is ``background``.
* ``opinion_article``: the article is an opinion or analysis piece
  (:func:`article_is_opinion`); its unattributed sentences that carry no
  factual anchor (a date, a count, a past-tense event) are then ``opinion``.

The result is a :class:`Kind`, a ``str`` equal to one of :data:`KINDS` (so
``claim_kind(...) == "fact"`` works) that also carries ``cue``, a
short human-readable reason ("recap marker 'напомним'", "year 2006 before
2025", "attributed (official_russia)", "evaluative: brutal, should",
"sourcing line"). The function is pure: the same inputs give the same result.

The decision is made in this order, mirroring the labelling guidelines of
``corpora/eval/claim-kinds``: furniture, background, statement, opinion, fact.
An attributed sentence is background only when an earlier time frames the whole
sentence ("In 2006, police said ...") or a recap marker opens it; a source's
words about earlier events stay a statement.

All word lists are the tables below (one dict per signal, keyed by language).
"""
from __future__ import annotations

import datetime as dt
import re

from compare.extract.attribution.quotes import find_quotes
from compare.extract.claims import is_editorial
from compare.extract.dates import extract_dates
from compare.extract.numbers import fold_case
from compare.segment import segment
from compare.text import dateline_end

__all__ = ["KINDS", "KEPT", "Kind", "claim_kind", "article_is_opinion"]

KINDS = ("fact", "statement", "opinion", "background", "furniture")
KEPT = ("fact", "statement")  # what the claims matrix compares by default


class Kind(str):
    """A claim's kind (the string itself, one of :data:`KINDS`) and the cue that decided it.

    A ``str`` subclass so that callers that only want the label can compare it
    with ``"fact"`` or store it as text, while the cue stays at hand.
    """

    __slots__ = ("cue",)

    def __new__(cls, kind: str, cue: str = "") -> "Kind":
        if kind not in KINDS:
            raise ValueError(f"unknown claim kind {kind!r}")
        self = super().__new__(cls, kind)
        self.cue = cue
        return self

    @property
    def kind(self) -> str:
        return str.__str__(self)

    def __repr__(self) -> str:
        return f"Kind({self.kind!r}, {self.cue!r})"


# --------------------------------------------------------------------------- furniture
# Whole lines that are page furniture (matched against the folded, stripped line
# without its final punctuation).
_FURNITURE_LINE = {
    "en": [
        r"(?:live|live updates?|breaking(?: news)?|updated?|video|photos?|gallery|watch|listen|latest|opinion|analysis|"
        r"editorial|comment(?:ary)?|exclusive|read more|related(?: news| articles?)?|most read|share|print|advertisement)",
        r"(?:by|author|written by|text by|story by|reporting by|edited by)\s*:?\s+[\w .,'’&-]{2,80}",
        r"[\w .'’&-]{2,40}\s+(?:reports?|informs?|reported|writes|says)",  # "Report informs", "Trend reports"
        r"(?:source|sources|via)\s*:.{1,80}",
    ],
    "ru": [
        r"(?:онлайн|прямой эфир|трансляция|видео|фото|фотогалерея|мнение|колонка|комментарий|анализ|эксклюзив|"
        r"читайте также|по теме|главное|новости|реклама|поделиться)",
        r"(?:автор|текст|фото|редактор)\s*:?\s+[\w .,'-]{2,80}",
        r"(?:сообщает|передает|передаёт|пишет|информирует)\s+[\w .«»\"'-]{2,60}",
        r"(?:источник|по материалам)\s*:?.{1,80}",
    ],
    "az": [
        r"(?:canlı|video|foto|fotolar|müsahibə|rəy|fikir|köşə|təhlil|eksklüziv|oxu|həmçinin oxu|digər xəbərlər|"
        r"son xəbərlər|reklam|paylaş)",
        r"(?:müəllif|mətn|foto|redaktor)\s*:?\s+[\w .,'-]{2,80}",
        r"(?:\S+\s+){0,4}(?:xəbər|məlumat)\s+verir",  # "Metbuat.az xəbər verir", "APA-ya istinadən xəbər verir"
        r"(?:mənbə)\s*:?.{1,80}",
    ],
}

# Sourcing lines: the content is only pointed at ("this", "об этом", "bu barədə",
# "bunu") and the line names who said or published it. They are furniture unless
# they also say when, where or on what occasion (then the line reports a speech
# event: a statement).
_POINTER_LINE = {
    "en": [
        r"(?:this|that|it|the (?:news|information|report))\s+(?:was|has been|is|were)\s+(?:first\s+)?"
        r"(?:reported|announced|said|stated|confirmed|disclosed|revealed|published)\s+by\b.*",
        # "The ministry said this on Telegram": the pointer ends the line or a channel follows it
        r".{2,80}?\s+(?:reported|said|announced|confirmed|stated|disclosed|wrote)\s+(?:this|it)"
        r"(?:\s+(?:on|in|to|via|at|during|through)\b.{0,60})?",
        r"(?:the\s+)?(?:news|information|report)\s+(?:comes|came)\s+from\b.*",
    ],
    "ru": [
        r"об\s+этом\s+.*",
        r"(?:его|ее|её|их)\s+слова\s+(?:приводит|приводят|цитирует|цитируют|передает|передаёт)\b.*",
        r"(?:это|так)\s+(?:сообщ\w+|заяв\w+|рассказ\w+|пишет|передает|передаёт)\b.*",
        r"(?:информацию|эту информацию|данные)\s+(?:подтверди\w+|сообщи\w+|привод\w+)\b.*",
        # "Информация об этом появилась на сайте министерства": the news of it, and where it appeared
        r"(?:информация|сообщение|сообщения|новость|данные)\s+об\s+этом\s+.*",
    ],
    "az": [
        r"(?:(?:\S+\s+){0,4}(?:xəbər\s+verir|məlumat\s+verir|bildirir|yazır)\s+ki,?\s*)?"
        r"(?:bu\s+barədə|bununla\s+bağlı|bunu|bu\s+xəbəri|bu\s+məlumatı)\s+.*",
    ],
}
# A verb of saying or publishing, required in a pointer line.
_SAY_VERB = {
    "en": r"\b(?:report\w*|announc\w+|sa(?:id|ys)|stat\w+|confirm\w+|disclos\w+|reveal\w+|publish\w+|wr(?:ote|ites)|"
          r"told|quot\w+|cit\w+|comes?|came|informs?)\b",
    "ru": r"(?:сообщ\w+|заяв\w+|пиш\w+|написа\w+|переда\w+|рассказ\w+|говори\w+|информир\w+|приводит|приводят|цитиру\w+|"
          r"подтверди\w+|объяви\w+|отмети\w+|уточни\w+|указ\w+|появил\w+|опубликова\w+|размещ\w+)",
    "az": r"(?:məlumat\s+(?:veril\w*|ver\w*|yay\w*|paylaş\w*)|xəbər\s+ver\w*|bildir\w*|de(?:yib|yir|mişdir)|açıqla\w*|"
          r"vurğula\w*|qeyd\s+ed\w*|yaz\w*|paylaş\w*|yayıl\w*|çatdır\w*)",
}
# An occasion turns a sourcing line into a statement ("said this at a briefing").
_OCCASION = {
    "en": r"\b(?:during|at\s+(?:a|the|his|her|their)\s+\w*\s*(?:briefing|meeting|press\s+conference|news\s+conference|"
          r"summit|session|talks|forum|ceremony|hearing)|in\s+(?:a|an|his|her|their)\s+(?:\w+\s+)?(?:speech|address|interview))\b",
    "ru": r"(?:\bна\s+(?:\w+\s+)?(?:брифинг\w*|встреч\w+|пресс-конференци\w+|заседани\w+|совещани\w+|саммит\w*|"
          r"переговор\w+|форум\w*|церемони\w+|сесси\w+)|\bв\s+ходе\b|\bво\s+время\b|\bв\s+(?:своем|своём)\s+выступлении|"
          r"\bв\s+(?:\w+\s+)?интервью|\bс\s+обращением|\bв\s+(?:\w+\s+)?обращении|\bвыступ\w+)",
    "az": r"(?:zamanı|brifinq\w*|görüş\w*|müşavirə\w*|konfrans\w*|iclas\w*|sammit\w*|çıxış\w*|danışıq\w*|forum\w*|"
          r"mərasim\w*|sessiya\w*|müsahibə\w*|müraciət\w*)",
}

# --------------------------------------------------------------------------- background
# Recap markers that open a sentence and make it background whatever it says.
_RECAP_STRONG = {
    "en": r"(?:recall(?:ing)?\s+that|it\s+(?:will|should|may)\s+be\s+recalled|as\s+a\s+reminder|to\s+recap|"
          r"as\s+(?:was\s+)?(?:previously|earlier)\s+reported|as\s+reported\s+(?:earlier|previously)|"
          r"earlier(?:,|\s+(?:this|last)\s+(?:month|year))|previously,|in\s+the\s+past,)",
    "ru": r"(?:напомним|напомню|напоминаем|стоит\s+напомнить|следует\s+напомнить|нелишне\s+напомнить|"
          r"как\s+(?:уже\s+)?(?:ранее\s+)?(?:сообщал\w*|писал\w*|передавал\w*)|"
          r"ранее\b(?!\s+(?:сегодня|в\s+этот\s+день|днем|днём|утром|вечером|в\s+понедельник|во\s+вторник|в\s+среду|"
          r"в\s+четверг|в\s+пятницу|в\s+субботу|в\s+воскресенье))|до\s+этого\b|прежде\b)",
    "az": r"(?:xatırladaq\s+ki|xatırladım\s+ki|onu\s+da\s+xatırladaq|yada\s+salaq|bundan\s+(?:öncə|əvvəl)|"
          r"daha\s+(?:öncə|əvvəl)|öncə\b|əvvəllər|bir\s+qədər\s+əvvəl|qeyd\s+edək\s+ki,?\s+(?:daha\s+)?(?:əvvəl|öncə))",
}
# Weaker openers: background only with an earlier time or a pluperfect in the sentence.
_RECAP_WEAK = {
    "en": r"(?:let(?:'|’)s\s+not\s+forget|let\s+us\s+(?:never\s+|not\s+)?forget|let\s+us\s+remember|note\s+that|"
          r"it\s+is\s+worth\s+(?:noting|recalling)|notably)",
    "ru": r"(?:отметим|добавим|стоит\s+отметить|заметим|вспомним|не\s+стоит\s+забывать)",
    "az": r"(?:qeyd\s+edək\s+ki|onu\s+da\s+(?:əlavə\s+edək|qeyd\s+edək|bildirək)|bildirək\s+ki|əlavə\s+edək\s+ki|"
          r"unutmayaq\s+ki)",
}
# Past-perfect forms: an event before the story's time.
_PLUPERFECT = {
    "en": r"\bhad\s+(?:been\s+)?\w+(?:ed|en|wn|ne|ght|id|ld|lt|nt|un|ung|ook|ade|ote|orn)\b",
    "ru": r"(?!x)x",  # Russian has no past perfect
    "az": r"\w+(?:m[ıiuü]şd[ıiuü]|m[ıiuü]şd[ıiuü]r|m[ıiuü]şd[ıiuü]lar|[ıiuü]bm[ıiuü]ş)\b",
}
# Relative expressions of an earlier time (the first group is the whole phrase).
_EARLIER_RELATIVE = {
    "en": r"\b(?:(?:\d+|a|one|two|three|four|five|six|seven|eight|nine|ten|several|many|a\s+few)\s+"
          r"(?:years?|decades?|centur(?:y|ies))\s+ago|last\s+year|the\s+previous\s+year|a\s+year\s+earlier|"
          r"in\s+the\s+(?:19)?\d0(?:'|’)?s|in\s+the\s+(?:last|previous)\s+century)\b",
    "ru": r"(?:\b(?:\d+|один|два|три|четыре|пять|шесть|семь|восемь|девять|десять|несколько|много)\s+"
          r"(?:год|года|лет|десятилети\w+|век\w*)\s+(?:назад|тому\s+назад)|\bв\s+прошлом\s+году|\bпрошлого\s+года|"
          r"\bгодом\s+ранее|\bв\s+(?:19)?\d0-(?:х|е)\s+годах|\bв\s+прошлом\s+веке|\bв\s+(?:советское|советские)\s+\w+)",
    "az": r"(?:\b(?:\d+|bir|iki|üç|dörd|beş|altı|yeddi|səkkiz|doqquz|on|bir\s+neçə)\s+(?:il|ay)\s+(?:əvvəl|öncə)\b|"
          r"\b(?:ötən|keçən|keçmiş)\s+il\w*|\b(?:ötən|keçən)\s+əsr\w*|(?<!\d)(?:19)?\d0-?[cç][ıi]\s+ill[əa]r\w*|\bsovet\s+dövr\w+)",
}
# Words that anchor a sentence in the story's present: an earlier time elsewhere in
# such a sentence is context, not the sentence's time.
_NOW = {
    "en": r"\b(?:today|now|currently|this\s+(?:week|morning|evening|month)|yesterday|tonight|on\s+(?:monday|tuesday|"
          r"wednesday|thursday|friday|saturday|sunday))(?:'s|’s)?\b",
    "ru": r"(?:\bсегодня|\bсейчас|\bв\s+настоящее\s+время|\bвчера|\bна\s+этой\s+неделе|\bво?\s+(?:понедельник|вторник|"
          r"среду|четверг|пятницу|субботу|воскресенье)|\bнакануне)",
    "az": r"(?:\bbu\s+gün|\bhazırda|\bindi\b|\bdünən|\bbu\s+həftə|\bbazar\s+ertəsi|\bçərşənbə|\bcümə|\bşənbə\s+günü)",
}
_YEAR = re.compile(r"(?<![\d.,/-])((?:19|20)\d{2})(?:\s*[-–—]\s*((?:19|20)?\d{2}))?(?![\d%])")
# A four-digit number is a year when its context says so ("in 2006", "2006-cı ildə",
# "в 2006 году", "the 2020 war"); otherwise it may be a count ("1960 hərbi qulluqçu").
_YEAR_BEFORE = {
    "en": r"(?:\b(?:in|of|by|from|until|till|to|before|after|during|since|between|and|the|early|late|mid|"
          r"january|february|march|april|may|june|july|august|september|october|november|december|"
          r"jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)|(?:'|’)s|,)\s*$",
    "ru": r"(?:\b(?:в|во|к|до|после|с|со|по|между|и|от|январ\w+|феврал\w+|март\w*|апрел\w+|ма[яе]|июн\w+|июл\w+|"
          r"август\w*|сентябр\w+|октябр\w+|ноябр\w+|декабр\w+))\s*$",
    "az": r"(?!x)x",
}
_YEAR_AFTER = {
    "en": r"^(?:\s*[.,;:)!?]|\s*$|\s+(?:and|to|until|when|after|before|war|ceasefire|offensive|agreement|elections?)\b)",
    "ru": r"^(?:\s*(?:год\w*|г\.|гг\.?)|\s*[.,;:)!?]|\s*$)",
    "az": r"^(?:-?\s*(?:c[ıiuü]|ç[ıiuü])\b|\s+il\w*|\s*[.,;:)!?]|\s*$)",
}
# "since 2020", "с 2020 года", "2020-ci ildən": a span that reaches the present, not an earlier time.
_SINCE_BEFORE = {
    "en": r"\bsince\s+(?:(?:the\s+)?(?:early|late|mid)\s+|\w+\s+)?$",
    "ru": r"\b(?:с|со)\s+(?:(?:начала|конца|середины)\s+)?(?:\w+\s+)?$",
    "az": r"(?!x)x",
}
_SINCE_AFTER = {
    "en": r"(?!x)x",
    "ru": r"(?!x)x",
    "az": r"^-?\s*(?:c[ıiuü]|ç[ıiuü])?\s*il(?:in\s+\w+)?d[əa]n\b|^-?(?:d[əa]n|t[əa]n)\s+bəri",
}
_RANGE = re.compile(r"\b(?:between|from|с|от|mezhdu|между)\s+((?:19|20)\d{2})\S*\s+(?:\S+\s+)?"
                    r"(?:and|to|until|по|до|и)\s+((?:19|20)\d{2})")
_DECADE = re.compile(r"(?<!\d)((?:19|20)\d0)(?:'|’)?(?:s\b|-(?:х|е)\b|-?[cç][ıi]\s+ill[əa]r)")
# A date counts as earlier when it lies before the publication year or this many
# days before publication (an affair's own developments run over weeks).
EARLIER_DAYS = 180

# --------------------------------------------------------------------------- opinion
# Evaluative words: the author judges. Stems, matched at a word start.
_EVALUATIVE = {
    "en": r"\b(?:brutal\w*|shame\w*|disgrace\w*|outrage\w*|cynic\w*|hypocri\w*|barbar\w*|monstr\w*|savage\w*|"
          r"primitive|pitiful|sinister|disturbing|alarming|infamous|senseless|ruthless|merciless|ugl(?:y|ier|iest)|"
          r"twisted|absurd\w*|ridiculous|deplorabl\w*|despicabl\w*|appalling|shocking|cruel\w*|inhuman\w*|"
          r"chauvinis\w*|xenophob\w*|islamophob\w*|imperial\w*|propaganda|lawlessness|tyrann\w*|atrocit\w*|"
          r"malice|hatred|fear-?mongering|cursed|decay\w*|agony|insecurity|mythical|bizarre|sickening|"
          r"unprecedented|crucial|remarkable|disastrous|humiliat\w*|dubious|"
          r"pseudo-\w+|so-called|notorious|blatant\w*|flagrant\w*|grotesque|vile|evil|indignation|"
          r"unacceptable|unjustifi\w+|cannot\s+be\s+justified|no\s+accident|systemic|institutionali[sz]ed|"
          r"mistaken|terrifying|hate|hateful|frenzy|revanchis\w*|neo-?colonial\w*|cynical|hysteria|pogroms?|"
          r"merely|sham|farce|disgusting|heinous|intimidation|scapegoat\w*|regime|chauvinist\w*|lawless\w*)\b",
    "ru": r"(?:\bпозор\w*|\bцинич\w*|\bцинизм\w*|\bлицемер\w*|\bварвар\w*|\bчудовищ\w*|\bжесток\w*|\bбесчеловеч\w*|"
          r"\bшовинизм\w*|\bшовинист\w*|\bксенофоб\w*|\bисламофоб\w*|\bпропаганд\w*|\bабсурд\w*|\bнелеп\w*|"
          r"\bвозмутител\w*|\bпечальн\w*|\bпозорн\w*|\bзловещ\w*|\bтревожн\w*|\bпресловут\w*|\bтак\s+называем\w*|"
          r"\bистерик\w*|\bистери\w*|\bбеспрецедентн\w*|\bнедопустим\w*|\bвопиющ\w*|"
          r"\bмнимы\w*|\bлжив\w*|\bагресси\w*|\bреванш\w*|\bнеоколониал\w*|\bрежим\w*|\bмракобес\w*|"
          r"\bненавист\w*|\bпогром\w*|\bпроизвол\w*|\bбеззакони\w*|\bфарс\w*)",
    "az": r"(?:\bbiabır\w*|\brüsvay\w*|\briyakar\w*|\bbarbar\w*|\bvəhşi\w*|\bşovini[sz]\w*|\bksenofob\w*|\bislamofob\w*|"
          r"\btəbliğat\w*|\babsurd\w*|\bqəddar\w*|\bamansız\w*|\bqeyri-insani\w*|\bsözdə\b|\bguya\b|\bmənfur\w*|"
          r"\bçirkin\w*|\bhəyasız\w*|\bacınacaqlı\w*|\byolverilməz\w*|\bqəbuledilməz\w*|\bmisilsiz\w*|"
          r"\bmöhtəşəm\w*|\bbədnam\w*|\bqərəzli\w*|\bikili\s+standart\w*|\bişğalçı\w*|\btəcavüzkar\w*|"
          r"\brevanşis\w*|\bneokolonial\w*|\brejim\w*|\bnifrət\w*|\bözbaşınalıq\w*|\bqanunsuzluq\w*|\bfars\b)",
}
# Modality: what should or must be, what may come.
_MODAL = {
    "en": r"\b(?:should(?!\s+(?:begin|start|take\s+place|be\s+held|arrive))|must|ought\s+to|has\s+to|have\s+to|needs?\s+to|"
          r"cannot|can(?:'|’)t|could\s+(?:soon|well|easily|only)|may\s+(?:soon|well)|would\s+have|will\s+never|"
          r"it\s+is\s+(?:not\s+)?hard\s+to\s+imagine|it\s+is\s+time)\b",
    "ru": r"(?:\bследует\b|\bдолжн\w*\s+(?!начаться|состояться|пройти|прибыть|завершиться)\w+|\bнужно\b|\bнадо\b|"
          r"\bнеобходимо\b|\bнельзя\b|\bстоило\s+бы\b|\bпора\b|\bне\s+может\s+не\b)",
    "az": r"(?:\w+(?:mal[ıi]d[ıi]r|məli|malı)\b|\blazımdır\b|\bgərəkdir\b|\bvacibdir\b|\bzəruridir\b|\bolmaz\b)",
}
# Generalisations and absolutes.
_GENERAL = {
    "en": r"\b(?:each|every(?:one|thing)?|always|never|no\s+one|nothing|anyone\s+who|whoever|all\s+of\s+this|"
          r"(?:these|such)\s+(?:trends|sentiments|statements|actions|developments|crimes|policies|atrocities))\b",
    "ru": r"(?:\bкажд\w+|\bвсегда\b|\bникогда\b|\bникто\b|\bничто\b|\bвсякий\b|\bлюбой\b|\bвсё\s+это\b|\bвсе\s+это\b)",
    "az": r"(?:\bhər\s+bir\b|\bhər\s+kəs\b|\bhəmişə\b|\bheç\s+vaxt\b|\bheç\s+kim\b|\bbütün\s+bunlar\b)",
}
# Stance adverbs and discourse markers of argument.
_STANCE = {
    "en": r"\b(?:clearly|obviously|evidently|indeed|notably|predictably|undoubtedly|of\s+course|in\s+fact|in\s+reality|"
          r"in\s+truth|truly|simply|merely|apparently|arguably|surely|naturally|ironically|sadly|unfortunately|"
          r"not\s+(?:just|merely)\b|not\s+only\b.*\bbut|the\s+(?:goal|truth|fact)\s+is|it\s+is\s+clear|speaks\s+for\s+itself)\b",
    "ru": r"(?:\bочевидно\b|\bбезусловно\b|\bнесомненно\b|\bразумеется\b|\bконечно\b|\bпо\s+сути\b|\bна\s+самом\s+деле\b|"
          r"\bявно\b|\bвидимо\b|\bпо\s+всей\s+видимости\b|\bвероятно\b|\bк\s+сожалению\b|\bне\s+просто\b|\bне\s+только\b.*\bно\b)",
    "az": r"(?:\baçıq-aydın\b|\bşübhəsiz\b|\bəlbəttə\b|\bəslində\b|\bsanki\b|\bgörünür\b|\byəqin\b|\behtimal\s+ki\b|"
          r"\btəəssüf\s+ki\b|\bnəinki\b|\bsadəcə\b|\bməhz\b)",
}
# Verbs with which an author draws a conclusion ("this highlights", "это говорит о").
_ANALYTIC = {
    "en": r"\b(?:highlights|underscores|signals|indicates|shows|reflects|demonstrates|illustrates|"
          r"fits?\s+(?:this|the|a)\s+pattern|points?\s+to|is\s+part\s+of|are\s+part\s+of|amounts?\s+to|"
          r"is\s+(?:no|not\s+an?)\s+(?:accident|coincidence)|are\s+rooted|is\s+rooted|is\s+reflected)\b",
    "ru": r"(?:\bговорит\s+о\b|\bсвидетельствует\b|\bпоказывает\b|\bотражает\b|\bдемонстрирует\b|\bявляется\s+частью\b|"
          r"\bне\s+случайн\w+|\bозначает\b)",
    "az": r"(?:\bgöstərir\b|\bsübut\s+edir\b|\bəks\s+etdirir\b|\bxəbər\s+verir\s+ki\b(?!,)|\btəsadüfi\s+deyil\b|"
          r"\bhissəsidir\b|\bdemək\s+olar\b)",
}
# The author speaks as "we".
_FIRST_PERSON = {
    "en": r"\b(?:we|us|our|ours|let(?:'|’)s|let\s+us)\b",
    "ru": r"(?:\bмы\b|\bнас\b|\bнам\b|\bнаш\w*|\bдавайте\b)",
    "az": r"(?:\bbiz\b|\bbizim\b|\bbizi\b|\bbizə\b|\bbizdə\w*)",
}
# A sentence that opens by judging what went before ("This isn't patriotism.").
_DEMONSTRATIVE_JUDGEMENT = {
    "en": r"^\W*(?:this|that|these|those|such\s+\w+)(?:\s+(?:is|isn(?:'|’)t|was|wasn(?:'|’)t|are|aren(?:'|’)t|were)|"
          r"(?:'|’)s)\b(?!\s+(?:expected|scheduled|planned|reported|said|set|due|the\s+first)\b)",
    "ru": r"^\W*(?:это|такое|подобное)\s+(?:—\s+|-\s+|не\s+|же\s+)",
    "az": r"^\W*(?:bu|belə)\s+(?:\w+\s+)?(?:deyil|idi|olub)\b",
}
# Questions that open like a real question in a headline are news; others rhetoric.
_RHETORICAL_OPENER = {
    "en": r"^\W*(?:how\s+(?:can|could|is\s+it|many\s+times|long)|why|who\s+(?:benefits|would)|what\s+(?:kind|else)|"
          r"is\s+it|isn(?:'|’)t|can\s+we|should\s+we|you\s+may\s+ask)",
    "ru": r"^\W*(?:разве|неужели|как\s+(?:можно|же)|почему|зачем|кому\s+(?:выгодно|нужно)|не\s+так\s+ли|доколе)",
    "az": r"^\W*(?:məgər|bəs|niyə|nə\s+üçün|necə\s+ola\s+bilər|kimə\s+(?:lazımdır|sərfəlidir))",
}
# Factual anchors: a count with its noun, a past-tense event verb. They lower the
# opinion score of a sentence that also carries a loaded word.
_EVENT_VERB = {
    "en": r"\b(?:killed|died|detained|arrested|wounded|injured|arrived|signed|met|held|opened|launched|announced|"
          r"attacked|fired|deployed|withdrew|left|visited|adopted|elected|called|sentenced|charged|summoned|"
          r"took\s+place|(?:was|were)\s+(?:\w+ly\s+)?\w+(?:ed|en|wn|ld|nt|ought|ung))\b",
    "ru": r"(?:\bпогиб\w*|\bубит\w*|\bзадержа\w+|\bарестова\w+|\bранен\w*|\bпострада\w+|\bприбыл\w*|\bподписа\w+|"
          r"\bвстрети\w+|\bпровел\w*|\bпровёл\w*|\bоткры\w+|\bначал\w*|\bобъяви\w+|\bвывел\w*|\bпосети\w+|"
          r"\bпринял\w*|\bприняты?\b|\bсостоял\w+|\bпрошл\w+|\bбыл[аио]?\s+\w+(?:ан|ен|ят|ит|ут)[аоы]?\b)",
    # Azerbaijani spells the past tense -dı/-di/-du/-dü after any consonant; a
    # word in -tı/-ti is a noun or adjective ("növbəti", "dövləti"), not a past verb.
    "az": r"(?:\w+(?:[ıiuü]b|[ıiuü]bd[ıiuü]r|d[ıiuü])\b)",
}
# Verbs and phrases of saying: an attribution without one (the extractor took "this
# shows" or "they know" for a cue) does not outweigh the author's own judgement.
_SPEECH = {
    "en": r"\b(?:sa(?:id|ys|y)|told|tells|stat(?:ed|es)|announc\w+|claim\w*|accord(?:ing)?\s+to|report(?:s|ed)|"
          r"add(?:s|ed)|not(?:es|ed)|stress\w+|emphasi[sz]\w+|warn\w+|den(?:y|ies|ied)|confirm\w+|call(?:s|ed)\s+(?:on|for)|"
          r"urg\w+|wr(?:ote|ites)|quot\w+|cit(?:es|ed|ing)|insist\w+|ask\w+|repl(?:y|ied|ies)|recall\w*|spoke|"
          r"condemn\w+|promis\w+|vow\w*|threaten\w*|accus\w+|argu\w+)\b",
    "ru": r"(?:\bзаяв\w+|\bсказал\w*|\bсообщ\w+|\bотмети\w+|\bподчеркн\w+|\bпо\s+словам|\bпо\s+данным|\bпо\s+мнению|"
          r"\bсо\s+ссылкой|\bдобави\w+|\bуточни\w+|\bрассказа\w+|\bпризва\w+|\bпредупреди\w+|\bопроверг\w*|"
          r"\bподтверди\w+|\bнапомни\w+|\bпишет|\bнаписа\w+|\bговори\w+|\bобъяви\w+|\bосуди\w+|\bобвини\w+|"
          r"\bпообеща\w+|\bпригрози\w+|\bсчита\w+|\bполага\w+|\bутвержда\w+|—\s*говорится)",
    "az": r"(?:\bbildir\w*|\bde(?:yib|yir|miş\w*|di)\b|\bdeyə\b|\bqeyd\s+ed\w*|\bvurğula\w*|\bsözlərinə\s+görə|"
          r"\bfikrincə|\bməlumatına\s+görə|\bistinadən|\bəlavə\s+ed\w*|\baçıqla\w*|\bxatırlad\w*|\bçağır\w*|"
          r"\bxəbərdarlıq\s+ed\w*|\btəkzib\s+ed\w*|\btəsdiqlə\w*|\bhesab\s+edir|\biddia\s+ed\w*|\bsöz\s+ver\w*|"
          r"\bpislə\w*|\bittiham\s+ed\w*|\bbəyan\s+ed\w*|\bçatdır\w*)",
}
# Past-tense verb forms: a sentence that continues a passage set in an earlier time
# is background only when it narrates (past tense), not when it judges now.
_PAST = {
    "en": r"\b(?:was|were|had|did|\w+ed|went|took|made|gave|held|left|began|saw|found|rose|fell|came|got|kept|"
          r"put|ran|stood|paid|sent|spent|brought|knew|led|met|lost|became|broke|drove|fled|fought|spoke|told|won|"
          r"wrote|struck|shot|stole|threw|tore|wore)\b",
    "ru": r"(?:\b\w+(?:ли|ла|ло|лся|лась|лось|лись|л)\b|\bбыл[аио]?\b)",
    "az": r"\w+(?:d[ıiuü]|d[ıiuü]lar|d[ıiuü]lər|[ıiuü]b|[ıiuü]bl[aə]r|m[ıiuü]ş|m[ıiuü]şd[ıiuü]r|"
          r"m[ıiuü]şd[ıiuü])\b",
}
_PRESENT = {
    "en": r"\b(?:is|are|am|isn(?:'|’)t|aren(?:'|’)t|has|have|hasn(?:'|’)t|haven(?:'|’)t|remains?|becomes?|seems?|"
          r"continues?|there(?:'|’)s)\b",
    "ru": r"\b\w+(?:ется|ются|ится|ятся)\b|\b\w{3,}(?:ает|яет|ует|еет|ают|яют|уют|еют)\b",
    "az": r"\w+(?:[ıiuü]r|[aə]r|d[ıiuü]r|y[ıiuü]r)\b(?<!d[ıiuü]r\b)",
}
# Future forms: a sentence about what will happen is not set in the past.
_FUTURE = {
    "en": r"\b(?:will|shall|is\s+(?:set|due|expected)\s+to|are\s+(?:set|due|expected)\s+to)\b",
    "ru": r"\bбуд(?:ет|ут|ем|у)\b|\b\w+(?:ится|нется|нутся)\s+(?:в|к|до)\b",
    "az": r"\w+(?:acaq|əcək|acağ|əcəy)\w*",
}
# A time span before an earlier time puts the main event well after it ("began in
# April, several months after the offensive of September 2023"): not its time.
_AFTER = {
    "en": r"\b(?:days|weeks|months|years|decades)\s+(?:after|later|since)\b",
    "ru": r"\b(?:спустя|через\s+\S+\s+(?:дн|недел|месяц|лет|год)\w*)",
    "az": r"\b(?:gün|həftə|ay|il)\s+sonra\b",
}
_COUNT = re.compile(r"(?<![\w.])\d[\d\s.,]*\s*(?:%|[^\W\d_]{3,})")

_OPINION_TITLE = {
    "en": r"^\W*(?:opinion|op-ed|comment(?:ary)?|analysis|editorial|column|view(?:point)?|perspective)\s*[:|/–—-]",
    "ru": r"^\W*(?:мнение|колонка|комментарий|аналитика|анализ|точка\s+зрения|авторская\s+колонка)\s*[:|/–—-]",
    "az": r"^\W*(?:rəy|fikir|köşə|təhlil|şərh|analitika|müəllif\s+köşəsi)\s*[:|/–—-]",
}

_QUOTE_OPEN = "«“„\"‘"
_QUOTE_CLOSE = "»”“\"’"


def _rx(table: dict, language: str, flags: int = re.I) -> re.Pattern:
    key = (id(table), language)
    rx = _COMPILED.get(key)
    if rx is None:
        src = table.get(language, table["en"])
        if isinstance(src, list):
            src = "|".join(f"(?:{s})" for s in src)
        rx = _COMPILED[key] = re.compile(src, flags)
    return rx


_COMPILED: dict = {}


def _lang(language: str) -> str:
    return language if language in ("en", "ru", "az") else "en"


def _words(s: str) -> int:
    return len(re.findall(r"\w*[^\W\d_]\w*", s))


# --------------------------------------------------------------------------- the rules
def _furniture(text: str, low: str, lang: str) -> Kind | None:
    if is_editorial(text, lang):
        return Kind("furniture", "editorial line")
    bare = low.strip().rstrip(" .!:;|")
    if not bare or _words(bare) == 0:
        return Kind("furniture", "no words")
    # a line that is only dates, times and a few labels ("Politics 28 June 2025 23:45")
    stamps = [d for d in extract_dates(text, lang) if d.kind == "absolute"]
    clock = re.search(r"\b\d{1,2}:\d{2}\b", bare)
    if stamps or clock:
        rest = bare
        for d in stamps:
            rest = rest.replace(fold_case(d.text, lang), " ")
        rest = re.sub(r"\d{1,2}[:.]\d{2}(?:\s*(?:am|pm|a\.m\.|p\.m\.))?|\(utc[^)]*\)|gmt|\d+", " ", rest)
        if _words(rest) <= 3:
            return Kind("furniture", "timestamp line")
    if _rx(_FURNITURE_LINE, lang).fullmatch(bare):
        return Kind("furniture", "credit or label line")
    m = _rx(_POINTER_LINE, lang).fullmatch(bare)
    if m and _rx(_SAY_VERB, lang).search(bare) and _words(bare) <= 25:
        if _rx(_OCCASION, lang).search(bare) or any(d.kind != "relative" for d in extract_dates(text, lang)):
            return Kind("statement", "sourcing line with the occasion")
        return Kind("furniture", "sourcing line")
    return None


def _years(low: str) -> list[int]:
    """Latest year of each year or year range mentioned ("2019-2020" -> 2020)."""
    out = []
    for m in _YEAR.finditer(low):
        y = int(m.group(1))
        if m.group(2):
            y2 = m.group(2)
            y = int(y2) if len(y2) == 4 else (y // 100) * 100 + int(y2)
        out.append(y)
    return out


def _year_mentions(low: str, lang: str) -> list[tuple[int, int, bool]]:
    """(position, latest year, is a "since") for every year or year range in ``low``."""
    out = []
    ranges = {m.start(1): int(m.group(2)) for m in _RANGE.finditer(low)}
    for m in _YEAR.finditer(low):
        before, after = low[max(0, m.start() - 40):m.start()], low[m.end():m.end() + 30]
        if not (_rx(_YEAR_BEFORE, lang).search(before) or _rx(_YEAR_AFTER, lang).search(after)):
            continue  # a count, not a year
        y = int(m.group(1))
        if m.group(2):
            y2 = m.group(2)
            y = int(y2) if len(y2) == 4 else (y // 100) * 100 + int(y2)
        y = max(y, ranges.get(m.start(), y))
        since = bool(_rx(_SINCE_BEFORE, lang).search(before) or _rx(_SINCE_AFTER, lang).search(after))
        out.append((m.start(), y, since))
    return out


def _earlier_time(text: str, low: str, lang: str, published: dt.date | None) -> tuple[int, str] | None:
    """(position, description) of the first expression of a time clearly before publication."""
    found = []
    m = _rx(_EARLIER_RELATIVE, lang).search(low)
    if m:
        found.append((m.start(), f"'{m.group(0).strip()}'"))
    if published is not None:
        for m in _DECADE.finditer(low):
            if int(m.group(1)) + 9 < published.year and not _rx(_SINCE_BEFORE, lang).search(low[:m.start()]):
                found.append((m.start(), f"the {m.group(1)}s"))
        in_range = {m.start(2) for m in _RANGE.finditer(low)}
        for pos, y, since in _year_mentions(low, lang):
            if y < published.year and not since and pos not in in_range and not _DECADE.match(low, pos):
                found.append((pos, f"year {y} before {published.year}"))
        for d in extract_dates(text, lang, published):
            if d.value is None or d.kind != "absolute":
                continue
            if re.search(r"\d{4}", d.text):
                when = d.value
            else:  # no year given: this year's day, unless that lies ahead (then it is a coming date)
                try:
                    when = d.value.replace(year=published.year)
                except ValueError:
                    continue
                if when > published:
                    continue
            if when.year < published.year or (published - when).days > EARLIER_DAYS:
                if not _rx(_SINCE_BEFORE, lang).search(low[max(0, d.start - 40):d.start]):
                    found.append((d.start, f"date {when.isoformat()} before {published.isoformat()}"))
    if not found:
        return None
    return min(found)


def _initial(pos: int, low: str) -> bool:
    """The time expression frames the sentence: it comes before the first verb-ish
    stretch, i.e. within the first few words."""
    return len(re.findall(r"\w+", low[:pos])) <= 3


def _background(text: str, low: str, lang: str, published: dt.date | None, attributed: bool) -> Kind | None:
    m = _rx(_RECAP_STRONG, lang).match(low.lstrip(" \"'«“-—–"))
    if m:
        return Kind("background", f"recap marker '{m.group(0).strip(' ,')}'")
    earlier = _earlier_time(text, low, lang, published)
    weak = _rx(_RECAP_WEAK, lang).match(low.lstrip(" \"'«“-—–"))
    if weak and (earlier or _rx(_PLUPERFECT, lang).search(low)):
        return Kind("background", f"recap marker '{weak.group(0)}' with an earlier time")
    if earlier is None:
        return None
    pos, what = earlier
    after = _rx(_AFTER, lang)
    if lang == "az":  # a postposition: "2020-ci ildən ... 3 ay sonra" follows the time
        ordered = bool(after.search(low[pos:pos + 80]))
    else:
        ordered = bool(after.search(low[max(0, pos - 80):pos]))
    if ordered:
        return None
    if _initial(pos, low):
        return Kind("background", f"opens with {what}")
    if attributed:
        return None  # a source's words about earlier events stay its statement
    if _rx(_NOW, lang).search(low) or _rx(_PRESENT, lang).search(low) or _rx(_FUTURE, lang).search(low):
        return None  # an earlier time inside a sentence about now or later
    return Kind("background", what)


def _quoted(text: str) -> bool:
    """The sentence is (part of) a quotation: it is one, it opens one that runs on,
    or it closes one opened in an earlier sentence."""
    s = text.strip().rstrip(".,;:!?…")
    if not s:
        return False
    opens = s.count("«") + s.count("„") + s.count("“")
    closes = s.count("»") + s.count("”")
    straight = s.count('"')
    if s[0] in _QUOTE_OPEN and s[-1] in _QUOTE_CLOSE:
        return True
    if s[0] in "«„“" and opens > closes:
        return True  # opens a quotation that continues
    if s[-1] in "»”" and closes > opens:
        return True  # closes a quotation opened before
    return straight % 2 == 1 and (s[0] == '"' or text.strip().endswith('"'))


def _opinion_cues(text: str, low: str, lang: str, *, headline: bool) -> list[str]:
    cues = []
    ev = sorted({m.group(0) for m in _rx(_EVALUATIVE, lang).finditer(low)})
    if ev:
        cues.extend(ev[:2])
    for table, name in ((_MODAL, None), (_GENERAL, None), (_STANCE, None), (_ANALYTIC, None), (_FIRST_PERSON, None)):
        m = _rx(table, lang).search(low)
        if m:
            cues.append(m.group(0).strip())
    if _rx(_DEMONSTRATIVE_JUDGEMENT, lang).search(low):
        cues.append("demonstrative judgement")
    if text.rstrip().rstrip("»”\"'").endswith("?") and not headline:
        cues.append("question")
        if _rx(_RHETORICAL_OPENER, lang).search(low):
            cues.append("rhetorical opener")
    return cues


def _anchored(text: str, low: str, lang: str) -> bool:
    """A checkable anchor: a date, a count with its noun, or a past-tense event verb."""
    return bool(any(d.kind != "relative" for d in extract_dates(text, lang)) or _YEAR.search(low)
                or _COUNT.search(low) or _rx(_EVENT_VERB, lang).search(low))


def _context_time(context: str, lang: str, published: dt.date | None) -> str | None:
    """The earlier time a passage is set in: the last sentence of ``context`` that
    carries a time decides (an earlier time, or none when it is the present)."""
    spans = segment(context, lang)
    for s, e in reversed(spans):
        sent = context[s:e]
        low = fold_case(sent, lang)
        if _rx(_NOW, lang).search(low):
            return None
        earlier = _earlier_time(sent, low, lang, published)
        if earlier:
            return earlier[1]
        if published is not None and any(d.value for d in extract_dates(sent, lang, published)):
            return None  # a recent date: the passage is in the story's time
    return None


def claim_kind(text: str, lang: str, *, attributed: bool = False, source_type: str | None = None,
               published: dt.date | dt.datetime | None = None, article_title: str | None = None,
               context: str | None = None, opinion_article: bool = False) -> Kind:
    """The kind of claim ``text`` makes (see the module docstring for the contract)."""
    lang = _lang(lang)
    if isinstance(published, dt.datetime):
        published = published.date()
    raw = " ".join(text.split())
    start = dateline_end(raw, 0, len(raw), lang)
    if start and _words(raw[start:]) == 0:
        return Kind("furniture", "dateline")
    body = raw[start:]
    low = fold_case(body, lang)
    headline = bool(article_title) and " ".join(article_title.split()).casefold() == raw.casefold()

    found = _furniture(body, low, lang)
    if found:
        return found
    cues = _opinion_cues(body, low, lang, headline=headline)
    anchored = _anchored(body, low, lang)
    score = len(cues) + ("rhetorical opener" in cues) - anchored
    speech = bool(_rx(_SPEECH, lang).search(low)) or any(_words(body[a:b]) >= 4 for a, b in find_quotes(body))
    # an attribution with no verb of saying, to no particular kind of source, in a
    # sentence that judges: the extractor read an analytic verb as a cue
    weak_source = attributed and source_type in (None, "other") and not speech
    if "question" in cues and not attributed and not headline:
        return Kind("opinion", ", ".join(cues))
    quoted = _quoted(body)
    found = _background(body, low, lang, published, attributed or quoted)
    if found:
        return found
    if (context and not attributed and not quoted and not _rx(_NOW, lang).search(low) and not extract_dates(body, lang)
            and _rx(_PAST, lang).search(low) and not _rx(_PRESENT, lang).search(low)
            and not _rx(_FUTURE, lang).search(low) and score < 2):
        when = _context_time(context, lang, published)
        if when:
            return Kind("background", f"continues a passage set in {when}")
    if attributed and not (weak_source and (opinion_article or score >= 2)):
        return Kind("statement", f"attributed ({source_type})" if source_type else "attributed")
    if quoted:
        return Kind("statement", "inside a quotation")
    if score >= 2 or (opinion_article and (cues or not anchored)):
        why = ", ".join(cues) if cues else "no factual anchor"
        return Kind("opinion", f"opinion article; {why}" if opinion_article else why)
    return Kind("fact", "reported in the outlet's voice")


# An article is an opinion piece when at least this share of its own sentences (outside
# quotations) carry two or more opinion cues and at most ARTICLE_ANCHORED of them a
# factual anchor; with at least ARTICLE_MIN_SENTENCES such sentences.
ARTICLE_OPINION_SHARE = 0.15
ARTICLE_ANCHORED = 0.4
ARTICLE_MIN_SENTENCES = 8


def article_is_opinion(title: str | None, text: str, language: str) -> bool:
    """True for an opinion, commentary or analysis piece.

    A title that opens with a column label ("Opinion:", "Мнение |", "Rəy:")
    decides at once. Otherwise the article's own sentences (4 words or more, no
    quotation marks) are read: news reports quote opinions but rarely voice
    them, and most of their sentences carry a date, a count or a past-tense event.
    """
    lang = _lang(language)
    if title and _rx(_OPINION_TITLE, lang).search(fold_case(title, lang)):
        return True
    n = judged = anchored = 0
    for s, e in segment(text, lang):
        sent = text[s:e]
        if _words(sent) < 4 or any(c in sent for c in _QUOTE_OPEN + _QUOTE_CLOSE):
            continue
        low = fold_case(sent, lang)
        n += 1
        judged += len(_opinion_cues(sent, low, lang, headline=False)) >= 2
        anchored += _anchored(sent, low, lang)
    return (n >= ARTICLE_MIN_SENTENCES and judged / n >= ARTICLE_OPINION_SHARE
            and anchored / n <= ARTICLE_ANCHORED)
