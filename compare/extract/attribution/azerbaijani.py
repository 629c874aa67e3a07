"""Azerbaijani attribution extraction with rules (no parser is available).

Azerbaijani is verb-final: in "Nazir Ceyhun Bayramov hücumun qəbuledilməz
olduğunu bildirib." the source is the sentence-initial nominative noun
phrase, the content is the nominalised clause (-dığını, -acağını ...) and the
finite reporting verb closes the sentence. The other common shapes are

* "X bildirib ki, ..."                          content after "ki"
* "“...”, - deyə X bildirib." / "“...”, - X deyib."   content is the quotation
* "X-in sözlərinə görə, ..." / "X-ə istinadən ..."    source before the cue
* "..., APA xəbər verir."                       source and cue after a comma

Reporting verbs are matched with their inflections (evidential -ib, past -dı,
present -ir, perfect -mişdir, future -acaq, converb -araq, plural -lar,
passive -il/-ın/-ol) under vowel harmony.
"""
from __future__ import annotations

import re

_V = "[iıuü]"
# Inflections after a consonant-final or vowel-final stem (optional buffer y).
_END = (
    rf"(?:y?{_V}b(?:l[əa]r)?(?:d{_V}r)?|d{_V}(?:l[əa]r)?|y?{_V}r(?:l[əa]r)?(?:d{_V}r)?|m{_V}ş(?:d{_V}r|l[əa]r)?|"
    rf"y?[əa]c[əa]k|y?[əa]c[əa]q|y?[əa]r[əa]k|y?[əa]r|ib|m[əa]kd[əa]d{_V}r|m[əa]kd[əa](?:l[əa]r)?)"
)
_PASSIVE_END = rf"(?:{_V}l|{_V}n|n{_V}l|n)(?:{_END})"

# Simple reporting verbs: stem -> whether vowel-final.
SIMPLE_STEMS = [
    "bildir", "vurğula", "açıqla", "söylə", "xatırlat", "xatırlad", "yaz", "təsdiqlə", "düşün", "soruş",
    "cavablandır", "pislə", "qına", "inkarla", "proqnozlaşdır", "şərhlə", "dəyərləndir", "qiymətləndir", "tənqidlə",
    "çağır", "adlandır", "xatırla",
]
# Light-verb compounds: noun + et-/ver-/ol-.
COMPOUND_NOUNS = [
    "qeyd", "bəyan", "iddia", "əlavə", "təkzib", "elan", "izah", "etiraf", "xəbərdarlıq", "ittiham", "hesab", "şərh",
    "çağırış", "tələb", "vəd", "təhdid", "inkar", "diqqətə", "nəzərə", "təklif", "rədd", "təsdiq", "ifadə", "qənaətə",
    "şikayət", "narazılıq", "etiraz",
]
ET_FORMS = rf"(?:ed{_V}b(?:l[əa]r)?(?:d{_V}r)?|ed{_V}r(?:l[əa]r)?|etd{_V}(?:l[əa]r)?|etm{_V}ş(?:d{_V}r|l[əa]r)?|ed[əa]c[əa]k|ed[əa]r[əa]k|edil{_V}b|edil{_V}r|edild{_V}|olunub|olunur|olundu|çatdırıb|çatdırır|çatdırdı|çatdırmışdır|gəlib|gəlmişdir)"
VER_FORMS = r"(?:verib(?:l[əa]r)?(?:dir)?|verir(?:l[əa]r)?|verdi(?:l[əa]r)?|verm[iı]şdir|verm[iı]şl[əa]r|verəcək|verərək|verilib|verilir|verildi)"

CUE_RE = re.compile(
    r"(?<![\w-])(?:"
    + r"|".join(rf"{s}(?:{_END}|{_PASSIVE_END})" for s in SIMPLE_STEMS)
    + r"|d(?:eyib(?:l[əa]r)?(?:dir)?|edi(?:l[əa]r)?|eyir(?:l[əa]r)?|emişdir|emişlər|emişdi(?:l[əa]r)?|eyirdi(?:l[əa]r)?|"
    r"eyəcək|eyilib|eyilir)"
    # "sorğuda göstərilib ki, ...": the poll shows
    + r"|göstəril(?:ib|ir)(?=\s+ki\b)"
    + rf"|(?:{'|'.join(COMPOUND_NOUNS)})\s+{ET_FORMS}"
    + rf"|(?:məlumat|xəbər|açıqlama|bəyanat|müsahibə|şərh|cavab|izahat|göstəriş|söz)\s+{VER_FORMS}"
    + r"|(?:bəyanat|açıqlama|müraciət|məktub)\s+(?:yayıb|yaydı|yayımlayıb|yayımladı|ünvanlayıb)"
    + r")(?![\w-])",
    re.I,
)
PASSIVE_RE = re.compile(rf"(?:{_V}l{_V}b|{_V}l{_V}r|{_V}ld{_V}|n{_V}l{_V}b|n{_V}b|n{_V}r|olunub|olunur|olundu|edilib|edilir|edildi|verilib|verilir|verildi)$")

# "X-in sözlərinə görə", "X-ə istinadən", "X-in fikrincə"
ACCORDING_RE = re.compile(
    r"(?<![\w-])("
    r"(?:məlumatına|məlumatlarına|sözlərinə|dediyinə|dediklərinə|açıqlamasına|bəyanatına|fikrinə|hesablamalarına|hesablamasına|"
    # an outlet or a document in the dative: "Reuters agentliyinə görə", "məhkəmə sənədinə əsasən"
    r"agentliyinə|qəzetinə|nəşrinə|saytına|telekanalına|sənədinə|sənədlərinə|"
    r"qiymətləndirməsinə|iddiasına|iddialarına|versiyasına|hesabatına|rəyinə|yazdığına|bildirdiyinə|verdiyi\s+məlumata|"
    r"yaydığı\s+məlumata|verdiyi\s+məlumatlara|yaydığı\s+məlumatlara|açıqladığı\s+məlumata|mənbələrinə|proqnozuna|sorğusuna|"
    r"statistikasına|araşdırmasına|ekspertizasına|rəsmi\s+məlumatına|verilən\s+məlumata|yayılan\s+məlumata|"
    r"bildirilən\s+məlumata|açıqlanan\s+məlumata)\s+(?:görə|əsasən)"
    r"|fikrincə|qənaətincə|istinadən"
    # "Weather.com-a əsasən", "APA-ya əsasən": based on a named source in the dative
    r"|(?<=[a-zəöüA-ZƏÖÜ]-[aə] )əsasən|(?<=-y[aə] )əsasən"
    r")(?![\w-])",
    re.I,
)
NO_SOURCE_ACCORDING = re.compile(
    r"(?<![\w-])(((?:[İi]lkin\s+|[Rr]əsmi\s+|[Yy]ayılan\s+|[Əə]ldə\s+edilən\s+|[Ss]on\s+|[Dd]əqiqləşdirilmiş\s+)?"
    r"(?:[Mm]əlumata|[Mm]əlumatlara|[Xx]əbərə|[Xx]əbərlərə|[İIi]ddialara|[Şş]ayiələrə|[Dd]eyilənə))\s+(?:görə|əsasən))(?![\w-])"
)
# "İlkin məlumata görə": qualified data are a source of their own (Russian "по
# предварительным данным"); bare "məlumata görə" and rumours name none.
QUALIFIED_DATA = re.compile(r"^(?:[İi]lkin|[Rr]əsmi|[Əə]ldə\s+edilən|[Ss]on|[Dd]əqiqləşdirilmiş)\s+[Mm]əlumat")
# "Bunu X deyib", "Bu sözləri X söyləyib", "... xəbər verir ki, bunu X bildirib"
OBJECT_PREV = re.compile(
    r"\s*(?:ki\s*,?\s*)?(?:[Bb]unu|[Bb]u\s+sözləri|[Bb]u\s+fikirləri|[Bb]u\s+fikri|[Hh]əmin\s+sözləri|[Bb]u\s+barədə|"
    r"[Bb]u\s+haqda|[Bb]ununla\s+bağlı|[Bb]u\s+məlumatı)\s+(?=\S)")
# An outlet's credit for what follows: "Redaktor.az xəbər verir ki, ..."
CREDIT_KI = re.compile(r"(?i)^(?:xəbər|məlumat)\s+verir$|^yazır$")
DEYE_RE = re.compile(r"(?<!\w)deyə(?![\w-])", re.I)  # (also glued to a dash: "”, -deyə")
KI_RE = re.compile(r"^\s*ki\s*[,:]?\s*", re.I)

# Words that may belong to the sentence-initial source noun phrase when lower-case.
SOURCE_WORDS = re.compile(
    r"^(?:nazir\w*|sözçü\w*|nümayəndə\w*|rəhbər\w*|sədr\w*|başçı\w*|müavin\w*|rəsmi\w*|sakin\w*|qohum\w*|şahid\w*|ekspert\w*|"
    r"politoloq\w*|analitik\w*|professor\w*|iqtisadçı\w*|polis\w*|nazirliy\w*|nazirlik\w*|vəkil\w*|hakim\w*|məhkəmə\w*|prokuror\w*|"
    r"prokurorluğ\w*|xidmət\w*|idarə\w*|şöbə\w*|komitə\w*|agentliy\w*|qəzet\w*|sayt\w*|portal\w*|telekanal\w*|mənbə\w*|"
    r"nazirliyinin|mətbuat|katib\w*|səfir\w*|səfirliy\w*|konsul\w*|prezident\w*|deputat\w*|komissar\w*|ombudsman\w*|"
    r"müdafiə\w*|hüquq\w*|hüquq-müdafiə\w*|təşkilat\w*|birliy\w*|cəmiyyət\w*|fəal\w*|icma\w*|diaspor\w*|ailə\w*|qardaş\w*|bacı\w*|"
    r"həyat|yoldaş\w*|oğl\w*|qız\w*|ana\w*|ata\w*|qonşu\w*|yaxın\w*|dost\w*|jurnalist\w*|müxbir\w*|redaktor\w*|direktor\w*|"
    r"məşqçi\w*|futbolçu\w*|oyunçu\w*|kapitan\w*|həkim\w*|müəllim\w*|alim\w*|tarixçi\w*|tədqiqatçı\w*|bankir\w*|"
    r"mütəxəssis\w*|müstəntiq\w*|sahibkar\w*|lider\w*|müşavir\w*|komissiya\w*|partiya\w*|şura\w*|assosiasiya\w*|ittifaq\w*|qrup\w*|heyət\w*|"
    r"kollegiya\w*|palata\w*|müfəttişliy\w*|agentlik\w*|bələdiyyə\w*|işçi\w*|əməkdaş\w*|zabit\w*|komandir\w*|rəis\w*|müdir\w*|baş|xarici|daxili|işlər|dövlət\w*|fövqəladə|hallar|"
    r"rəsmisi|hökumət\w*|parlament\w*|universitet\w*|mərkəz\w*|institut\w*|şirkət\w*|bank\w*|federasiya\w*|klub\w*|"
    r"adının|çəkilməsini|istəməyən|yerli|hadisə|yerində|olan|bir|iki|üç|bəzi|digər|həmin|yüksək|vəzifəli|tanınmış|məşhur|"
    r"azərbaycanlı|rusiyalı|rus|türk|amerikalı|gürcü|erməni|iranlı|ukraynalı|beynəlxalq|milli|regional|yerli|mərhumun|ölənin|"
    r"saxlanılan\w*|həbs|edilən\w*|ölən\w*|həlak|olan\w*|zərərçəkən\w*|yaralı\w*|ictimai|siyasi|iqtisadi|hərbi|şərhçi\w*|"
    r"mətbuat|katibi|ofis\w*|ofisi|idarəsinin|şöbəsinin|polisinin|xidmətinin|nazirliyi|komitəsi|idarəsi|şöbəsi|xidməti)$",
    re.I,
)
LEADING_ADVERBIALS = re.compile(
    r"^\s*(?:(?:Bundan\s+başqa|Amma|Lakin|Ancaq|Bununla\s+belə|Qeyd\s+edək\s+ki|Xatırladaq\s+ki|Onu\s+da\s+qeyd\s+edək\s+ki|"
    r"Habelə|Eləcə\s+də|Bu\s+arada|Digər\s+tərəfdən|Dünən|Bu\s+gün|Srağagün|Sabah|Həmçinin|Eyni\s+zamanda|Bundan\s+əlavə|Daha\s+sonra|Sonra|Öz\s+növbəsində|Bununla\s+yanaşı|"
    r"Bu\s+barədə|Bu\s+haqda|Bununla\s+bağlı|Ötən\s+həftə|Keçən\s+həftə|Bu\s+həftə|Ötən\s+ay|Bazar\s+ertəsi|Çərşənbə\s+axşamı|Çərşənbə|"
    r"Cümə\s+axşamı|Cümə|Şənbə|Bazar|Ötən\s+gün|Axşam|Səhər|Gecə|[A-ZƏÜÖĞIİÇŞ]\w+\s+\d+-?[a-zəüöğıiçş]*|\d+\s+\w+\s+(?:tarixində|günü)|"
    r"[A-ZƏÜÖĞIİÇŞ][a-zəüöğıiçş]+un\s+\d+-(?:də|da|i|ı|u|ü|si|sı)|[İi]yun\w*\s+\d+\S*|[İi]yul\w*\s+\d+\S*)\s*(?:günü\s*)?,?\s*)+"
)
ADJUNCTS = re.compile(
    r"^(?:jurnalistlərə|mətbuata|KİV-?lərə|KİV-ə|mediaya|tərəfdarlarına|ictimaiyyətə|[\w.]+-(?:y?[aə]|n[ıi]n)|verdiyi|keçirdiyi|etdiyi|"
    r"yaydığı|yaptığı|sosial|şəbəkə\w*|X|hesabında|kanalında|paylaşımında|\w*açıqlama(?:sında|da)|\w*müsahibə(?:sində|də)|brifinqdə|"
    r"\w*(?:məqalə|kitab|hesabat|post|video|iclas|çıxış|bəyanat|məktub|şərh)\w*(?:da|də)|iclasda|"
    r"brifinq|mətbuat|konfransında|konfransda|görüşdə|görüşündə|çıxışında|çıxışda|bəyanatında|bəyanatda|şərhində|şərhdə|məktubunda|"
    r"sessiyada|iclasda|iclasında|tədbirdə|mitinqdə|sessiyasında|məclisdə|telefonla|danışıqda|Telegram|Teleqram|kanalındakı|"
    r"parlamentdə|məhkəmədə|zalında|iclası|zamanı|zaman|ərzində|barədə|haqda|mövzusunda|həmçinin|də|da|isə|bir|daha|bir\s+daha|"
    r"dünən|bu\s+gün|bugün|açıq|şəkildə|rəsmi|ölkənin)$",
    re.I,
)
_TOKEN = re.compile(r"[\w.'’]+(?:-[\w'’]+)*|[«»“”„\"]|[^\w\s]", re.U)
QUOTE_OPEN = "«“„\"‘"
QUOTE_CLOSE = "»”“\"’"
_TRIM_L = " \t\n,;:—–-"
_TRIM_R = " \t\n,;:—–-."


def _low(w: str) -> str:
    """Azerbaijani lower case (İ -> i, I -> ı), which str.lower() gets wrong."""
    return w.replace("İ", "i").replace("I", "ı").lower()


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _TRIM_L:
        start += 1
    while end > start and text[end - 1] in _TRIM_R:
        end -= 1
    return start, end


def _tokens(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    return [(m.start() + start, m.end() + start, m.group()) for m in _TOKEN.finditer(text[start:end])]


# Case-marked words that end the subject: addressee (dative) and setting (locative, ablative).
NP_STOP = re.compile(
    r"^(?:\w+[ıiuü]n[aə]|[a-zəüöğıiçş]\w*(?:lərə|lara|ya|yə)|[\w.]+-(?:y?[aə]|d[aə]n?|d[aə])|"
    r"\w*(?:açıqlama|müsahibə|brifinq|konfrans|görüş|çıxış|bəyanat|şərh|məktub|paylaşım|məqalə|kitab|hesabat|post|video|iclas)\w*"
    r"(?:da|də|nda|ndə|a|ə|ya|yə))$"
)


_PRONOUNS = {"o", "onlar", "biz", "mən", "siz"}


def _is_np_token(tok: str, first: bool) -> bool:
    if NP_STOP.match(tok) and not (first and tok[:1].isupper() and "-" not in tok):
        return False
    if tok[:1].isupper() or tok[:1].isdigit():
        return True
    if tok.lower() in _PRONOUNS:
        return True  # "“...”, — o deyib": a pronoun speaker
    if SOURCE_WORDS.match(tok):
        return True
    return False


# "keçirilən brifinqdə", "Bakıda keçirilən görüşdə": the setting before the speaker.
SETTING = re.compile(
    r"^\s*(?:[\w-]+\s+){0,3}?[a-zəüöğıiçş][\w-]*(?:an|ən)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:brifinqdə|görüşdə|tədbirdə|konfransda|konfransında|iclasda|sessiyada|mitinqdə|çıxışında|forumda|sammitdə|müşavirədə)\s*,?\s*"
)
_PLACE = re.compile(
    r"^(?:Rusiya|Azərbaycan|Bakı|Moskva|Türkiyə|Ermənistan|Gürcüstan|İran|ABŞ|Ukrayna|Avropa|Yekaterinburq|Naxçıvan|Gəncə|"
    r"Sumqayıt|Qarabağ|Fransa|Almaniya|Çin|İsrail|Qazaxıstan|Özbəkistan)$"
)
_AGENT_NOUN = re.compile(r"^[a-zəüöğıiçş]\w+(?:ç[ıiuü]|[ıiuü]c[ıiuü])(?:l[ae]r)?(?:s?[ıiuü])?$")
_PARTICIPLE = re.compile(r"^[a-zəüöğıiçş][\w-]*(?:[aə]n|y[aə]n)$")
_POSSESSIVE = re.compile(r"(?:s[ıiuü]|[ıiuü]|l[ae]r[ıi])$")


def _genitive(w: str, nxt: str | None) -> bool:
    """Genitive case: -nın/-nin after a vowel always; -ın/-in after a consonant
    only when lower-case or followed by a possessed noun (names such as
    "Putin" or "Şahin" end the same way)."""
    if re.search(r"[aəıioöuüe]'?n[ıiuü]n$|-n?[ıiuü]n$", w):
        return True
    if re.search(r"[^aəıioöuüe][ıiuü]n$", w):
        if w[:1].islower():
            return True
        return bool(nxt) and nxt[:1].islower() and bool(_POSSESSIVE.search(nxt)) and _head_word(nxt)
    return False


def _head_word(w: str) -> bool:
    return bool(SOURCE_WORDS.match(w) or _AGENT_NOUN.match(w) or w[:1].isupper())


def _possessed_follows(toks, i: int) -> bool:
    """A genitive at ``i`` modifies a possessed noun of the subject ("Bankın sədri")."""
    for _, _, w in toks[i + 1: i + 5]:
        if w in ",;:" or w in QUOTE_OPEN + QUOTE_CLOSE or NP_STOP.match(w):
            return False
        if _POSSESSIVE.search(w) and _head_word(w) and not _genitive(w, None):
            # Capitalised heads need an unambiguous possessive ("Komitəsi", not "Bakı").
            if w[:1].islower() or (re.search(r"(?:s[ıiuü]|y[ıiuü]|ğ[ıiuü]|l[ae]r[ıi])$", w) and not _PLACE.match(w)) \
                    or SOURCE_WORDS.match(w):
                # ("Respublikasının Prezidenti": a title is possessed whatever its ending)
                return True
        if w[:1].isupper() or (SOURCE_WORDS.match(w) and not _POSSESSIVE.search(w)):
            continue
        return False
    return False


def _initial_np(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The sentence-initial noun phrase in [start, end): the source of a verb-final cue.

    The phrase is a run of names, titles and institution words; a genitive
    belongs to it only when a possessed noun follows ("Bankın sədri"),
    otherwise the genitive opens the reported clause ("Peskov Moskvanın ...
    olduğunu"). A relative clause may precede the head ("Hadisəni araşdıran
    müstəntiqlər", "Qəzadan sağ çıxan sürücü").
    """
    m = LEADING_ADVERBIALS.match(text[start:end])
    if m and m.end() < end - start:
        start += m.end()
    m = SETTING.match(text[start:end])
    if m and m.end() < end - start:
        start += m.end()
    toks = _tokens(text, start, end)
    if not toks:
        return None
    first = 0
    # Participial relative clause before the head noun.
    for p, (_, _, w) in enumerate(toks[:7]):
        if w in ",;:" or w in QUOTE_OPEN + QUOTE_CLOSE:
            break
        if p > 0 and _PARTICIPLE.match(w) and p + 1 < len(toks):
            j = p + 1
            while j < len(toks) and toks[j][2].lower() in ("bir", "iki", "üç", "bəzi", "neçə", "yerli", "digər"):
                j += 1
            setting = re.search(r"(?:d[aə]|nd[aə])$", toks[0][2]) and w.lower() in ("edən", "danışan")
            if j < len(toks) and (SOURCE_WORDS.match(toks[j][2]) or _AGENT_NOUN.match(toks[j][2])
                                  or (setting and toks[j][2][:1].isupper())) and not _genitive(toks[j][2], None):
                first = p + 1
                break
    np_end = toks[first - 1][1] if first else None
    if first and re.search(r"(?:d[aə]|nd[aə])$", toks[0][2]) and toks[first - 1][2].lower() in ("edən", "danışan", "çıxış"):
        # "Sammitdə çıxış edən Prezident ...": where the speaker spoke is the setting, not the speaker.
        start, np_end = toks[first][0], None
        toks, first = toks[first:], 0
    for i in range(first, len(toks)):
        s, e, w = toks[i]
        if w in ",;:":
            break
        if w in QUOTE_OPEN + QUOTE_CLOSE:
            if np_end is None:
                return None
            break
        nxt = toks[i + 1][2] if i + 1 < len(toks) else None
        if _genitive(w, nxt) and i > first - 0:
            if not _possessed_follows(toks, i):
                # The genitive (with the capitalised name it belongs to, which
                # starts at a place name: "Rusiya səfirinin") opens the content.
                k = i
                j = i - 1
                while j > first and toks[j][2][:1].isupper():
                    if _PLACE.match(toks[j][2]):
                        k = j
                    j -= 1
                np_end = toks[k - 1][1] if k > 0 and (k - 1 >= first or first) else None
                if k == 0:
                    np_end = None
                break
            np_end = e
            continue
        if w[:1].islower() and i > first and (re.search(r"(?:l[ae]r[ıi]n[ıi]|s[ıiuü]n[ıiuü]|y[ıiuü]n[ıiuü])$", w) or (
                re.search(r"[ıiuü]n[ıiuü]$", w) and not SOURCE_WORDS.match(w))):
            # Accusative of a possessed noun ("əməkdaşlarını"): the object of the content.
            while np_end is not None and i - 1 > first and toks[i - 1][2][:1].islower() and not re.search(
                    r"(?:s[ıiuü]|[ıiuü]|l[ae]r)$", toks[i - 1][2]):
                i -= 1
                np_end = toks[i - 1][1]
            break
        if _low(w) in ("xarici", "daxili", "fövqəladə") and _low(nxt or "") not in ("işlər", "hallar"):
            break  # "xarici turistlərin": an adjective of the content, not "Xarici İşlər"
        if i > first and nxt and re.fullmatch(r"[a-zəüöğıiçş]\w*(?:d|t)[ıiuü](?:ğ|y)[ıiuü](?:n[ıiuü])?", nxt):
            break  # "Vəkil | müdafiə etdiyi şəxsin ...": a relative clause of the content begins
        if w.lower() == "hadisə" and _low(nxt or "") != "yerində":
            break  # "hadisə ilə bağlı": the topic, not "hadisə yerində olan şahid"
        # A first name before a surname ("Səbinə Əliyeva", "Aminə Quliyeva")
        # may end like a dative; followed by a capitalised word it is a name.
        name_then_surname = w[:1].isupper() and "-" not in w and bool(nxt) and nxt[:1].isupper() and nxt not in QUOTE_OPEN + QUOTE_CLOSE
        if not (name_then_surname or _is_np_token(w, i == 0) or _AGENT_NOUN.match(w) or w.lower() == "üzrə"):
            break
        np_end = e
        # A case-marked word (other than genitive/possessive) ends the phrase: "APA-ya".
        if re.search(r"-(?:y?[aə]|d[aə]|d[aə]n)$", w):
            np_end = None if i == 0 else toks[i - 1][1]
            break
    if np_end is None:
        return None
    return toks[0][0], np_end


def _skip_adjuncts(text: str, start: int, end: int) -> int:
    """Skip addressee and setting words between source and content ("jurnalistlərə açıqlamasında")."""
    toks = _tokens(text, start, end)
    pos = start
    for s, e, w in toks:
        if w in ",":
            pos = e
            continue
        if ADJUNCTS.match(w):
            pos = e
            continue
        break
    return pos


def extract_sentence(text: str, s_start: int, s_end: int, quotes: list[tuple[int, int]]) -> list[dict]:
    """Attributions in the Azerbaijani sentence text[s_start:s_end] (absolute offsets)."""
    out: list[dict] = []
    sent = text[s_start:s_end]
    in_quote = [(qs, qe) for qs, qe in quotes if qs < s_end and s_start < qe]

    def inside_quote(pos: int) -> bool:
        return any(qs < pos < qe - 1 for qs, qe in in_quote)

    taken: list[tuple[int, int]] = []

    # ---- X-in sözlərinə görə / X-ə istinadən / X-in fikrincə
    for m in ACCORDING_RE.finditer(sent):
        cs, ce = s_start + m.start(), s_start + m.end()
        if inside_quote(cs):
            continue
        # The source runs back to the previous clause boundary.
        left = sent[: m.start()]
        b = max(left.rfind(","), left.rfind(";"), left.rfind(":"), left.rfind("—"), left.rfind(" - "))
        src = _trim(text, s_start + (b + 1 if b >= 0 else 0), cs)
        m2 = LEADING_ADVERBIALS.match(text[src[0]:src[1]])
        if m2 and m2.end() < src[1] - src[0]:
            src = (src[0] + m2.end(), src[1])
        if src[1] <= src[0]:
            continue
        after = _trim(text, ce, s_end)
        before = _trim(text, s_start, src[0])
        if before[1] > before[0] and after[1] > after[0] and text[before[1]:src[0]].strip() == ",":
            # "Yanğın, polisin sözlərinə görə, naqildən başlayıb": the cue phrase
            # interrupts the content, which is the whole sentence.
            content = _trim(text, s_start, s_end)
        else:
            content = after if after[1] - after[0] >= before[1] - before[0] else before
        if content[1] <= content[0]:
            continue
        entry = {"kind": "according_to", "source": src, "cue": (cs, ce), "content": content}
        suffix = re.search(r"-y?[aə]$", text[src[0]:src[1]], re.I) if m.group(1).lower() == "əsasən" else None
        if suffix:
            entry["actor_span"] = (src[0], src[0] + suffix.start())  # "APA-ya əsasən": the agency itself
        out.append(entry)
        taken.append((src[0], ce))
    for m in NO_SOURCE_ACCORDING.finditer(sent):
        cs, ce = s_start + m.start(), s_start + m.end()
        if inside_quote(cs) or any(a <= cs < b for a, b in taken):
            continue
        after = _trim(text, ce, s_end)
        before = _trim(text, s_start, cs)
        if before[1] > before[0] and after[1] > after[0] and text[before[1]:cs].strip() == "," \
                and text[ce:after[0]].strip() == ",":
            content = _trim(text, s_start, s_end)  # "Hadisə nəticəsində, ilkin məlumata görə, iki nəfər ölüb"
        else:
            content = after if after[1] - after[0] >= before[1] - before[0] else before
        if content[1] > content[0]:
            if QUALIFIED_DATA.match(m.group(2)):
                source, cue = (cs, s_start + m.end(2)), (ce - len(m.group(1).split()[-1]), ce)
            else:
                source, cue = None, (cs, ce)
            out.append({"kind": "according_to", "source": source, "cue": cue, "content": content})
            taken.append((cs, ce))

    # ---- reporting verbs
    region = s_start  # where the clause of the current cue starts
    for m in CUE_RE.finditer(sent):
        cs, ce = s_start + m.start(), s_start + m.end()
        if inside_quote(cs) or any(a <= cs < b for a, b in taken):
            continue
        cue = (cs, ce)
        r0 = region
        # The next cue's clause starts after this one: "X ... deyib və ... əlavə edib".
        nxt = re.match(r"\s*(?:,\s*)?(?:və|həmçinin|,)?\s*", text[ce:s_end])
        region = ce + (nxt.end() if nxt else 0)
        if m.group().lower().startswith("çağır") and not re.search(r"(?:m[aə]ğ[aə]|m[aə]y[ae])\s*$", sent[: m.start()]):
            continue  # "çağırıb" is "called on (to do)" only with an infinitive; else "summoned"
        passive = bool(PASSIVE_RE.search(m.group().split()[-1]))
        rest = text[ce:s_end]
        source = content = None
        k = KI_RE.match(rest)
        colon = re.match(r"\s*:\s*", rest)
        if (k and rest[k.end():].strip()) or (colon and rest[colon.end():].strip()):
            # "X bildirib ki, ..." / "X bildirib: “...”" : content follows.
            content = _trim(text, ce + (k or colon).end(), s_end)
            if colon and not k and text[content[0]:content[0] + 1] in QUOTE_OPEN:
                q = next(((qs, qe) for qs, qe in in_quote if qs == content[0]), None)
                content = q or content
            head = _trim(text, r0, cs)
            source = _passive_source(text, head[0], head[1]) if passive else _initial_np(text, head[0], head[1])
            if k:
                # A cue inside what follows "ki" has its speaker after "ki" too.
                region = ce + k.end()
            if k and CREDIT_KI.match(m.group()):
                # "Redaktor.az xəbər verir ki, bunu X bildirib": the outlet relays X's words.
                out.append({"kind": "", "source": source, "cue": cue, "content": content, "credit": True})
                continue
            if k:
                # "X deyib ki, A: “Q”": an indirect claim and the quotation that
                # backs it are two attributions with the same cue.
                tail_q = next(((qs, qe) for qs, qe in in_quote if content[0] < qs and qe >= content[1]
                               and re.search(r":\s*$", text[content[0]:qs])), None)
                if tail_q is not None:
                    first = _trim(text, content[0], tail_q[0])
                    if first[1] > first[0]:
                        out.append({"kind": "", "source": source, "cue": cue, "content": first})
                        out.append({"kind": "", "source": source, "cue": cue, "content": tail_q, "part": True})
                        continue
        else:
            before = text[s_start:cs]
            deye = None
            for d in DEYE_RE.finditer(before):
                deye = d
            q_before = [(qs, qe) for qs, qe in in_quote if qe <= cs]
            if deye is not None and q_before and q_before[-1][1] <= s_start + deye.start() + 3:
                # “...”, - deyə X bildirib
                qs, qe = q_before[-1]
                content = (qs, qe)
                if not passive:
                    src = _trim(text, s_start + deye.end(), cs)
                    src = _initial_np(text, *src) if src[1] > src[0] else None
                    source = src if src and src[1] > src[0] else None
            elif q_before and _only_np_between(text, q_before[-1][1], cs) and not m.group().lower().startswith("adlandır"):
                # “...”, - X deyib.
                qs, qe = q_before[-1]
                content = (qs, qe)
                src = _trim(text, qe, cs)
                if passive:
                    src = _passive_source(text, *src) if src[1] > src[0] else None
                else:
                    src = _initial_np(text, *src) if src[1] > src[0] else None
                source = src if (src and src[1] > src[0]) else None
                if source is None and not passive and qs > s_start:
                    head = _trim(text, s_start, qs)
                    source = _initial_np(text, head[0], head[1]) if head[1] > head[0] else None
            else:
                comma = before.rfind(",")
                tail = before[comma + 1:] if comma >= 0 else ""
                if comma >= 0 and 0 < len(tail.split()) <= 5 and not text[ce:s_end].strip(" .!?\"»”") and _np_like(tail):
                    # "..., APA xəbər verir."
                    content = _trim(text, s_start, s_start + comma)
                    src = _trim(text, s_start + comma + 1, cs)
                    source = src if (src[1] > src[0] and not passive) else None
                    out.append({"kind": "", "source": source, "cue": cue, "content": content, "credit": True})
                    continue
                else:
                    head = _trim(text, r0, cs)
                    said_before = OBJECT_PREV.match(text[head[0]:cs])
                    if said_before and not passive:
                        # "Bunu X deyib", "Bu sözləri X söyləyib": what X said is the previous sentence.
                        src = _initial_np(text, head[0] + said_before.end(), cs)
                        out.append({"kind": "", "source": src, "cue": cue, "content": None, "prev": True})
                        continue
                    osv = None if passive else _object_first(text, head[0], cs)
                    if osv is not None:
                        # "Hücumun qəbuledilməz olduğunu nazir bildirib": content first.
                        content, source = osv
                        out.append({"kind": "", "source": source, "cue": cue, "content": content})
                        continue
                    np_span = None if passive else _initial_np(text, head[0], head[1])
                    if passive:
                        m_agent = re.search(r"(\S[^,]*?)\s+tərəfindən\s", text[head[0]:cs])
                        c0 = head[0]
                        lead = LEADING_ADVERBIALS.match(text[head[0]:cs])
                        if lead:
                            c0 += lead.end()
                        if m_agent:
                            source = (head[0] + m_agent.start(1), head[0] + m_agent.end(1))
                            c0 = head[0] + m_agent.end()
                        else:
                            # "nazirliyin bəyanatında qeyd olunub", "X-dən məlumat verilib"
                            found = _passive_source(text, c0, cs)
                            if found is not None:
                                source = found
                                c0 = found[1]
                    elif np_span is not None:
                        source = np_span
                        c0 = np_span[1]
                    else:
                        c0 = head[0]
                    c0 = _skip_adjuncts(text, c0, cs)
                    content = _trim(text, c0, cs)
                    if content[1] <= content[0] and re.match(r"\s*(?:Bu\s+barədə|Bu\s+haqda|Bununla\s+bağlı|Bu\s+məlumatı)\b", sent):
                        # "Bu barədə X məlumat verib": the content is the previous sentence.
                        out.append({"kind": "", "source": source, "cue": cue, "content": None, "prev": True})
                        continue
        if content is None or content[1] <= content[0]:
            continue
        if source is not None and source[1] <= source[0]:
            source = None
        found = {"kind": "", "source": source, "cue": cue, "content": content}
        if source is None and r0 > s_start and not passive:
            found["inherit"] = True  # "... deyib və ... əlavə edib": the same speaker
        out.append(found)
    for a in out:
        if a.get("source") is not None:
            a["source"] = _drop_dative_outlet(text, a["source"])
    return out


# Surname endings: -ov(a), -yev(a), -li/-lı/-lu/-lü, -zadə, -oğlu, -qızı, -bəyli.
_SURNAME = re.compile(r"(?:ov|ova|yev|yeva|ev|eva|l[iıuü]|zadə|oğlu|qızı|in|ina)$")
_DATIVE_NAME = re.compile(r"^[A-ZƏÜÖĞIİÇŞ][\w’']*(?:y?ə|y?a)$")


def _drop_dative_outlet(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """"Teymur Məmmədli Açıq Sözə deyib": a capitalised name in the dative after
    the speaker's name is the outlet spoken to, not part of the speaker."""
    toks = _tokens(text, span[0], span[1])
    if len(toks) < 3:
        return span
    last = toks[-1][2]
    if not _DATIVE_NAME.match(last) or _SURNAME.search(last):
        return span
    # The outlet's name runs back over capitalised words to a surname or a genitive.
    k = len(toks) - 1
    while k - 1 >= 0 and toks[k - 1][2][:1].isupper() and not _SURNAME.search(toks[k - 1][2]) and not _genitive(toks[k - 1][2], None):
        k -= 1
    if k == 0 or k > len(toks) - 1 or not (_SURNAME.search(toks[k - 1][2]) or _genitive(toks[k - 1][2], None)):
        return span
    return span[0], toks[k - 1][1]


_NOMINALISED = re.compile(
    r"(?:d[ıiuü]ğ|d[ıiuü]y|t[ıiuü]ğ|t[ıiuü]y|[aə]c[aə]ğ|[aə]c[aə]y|m[aə]s)[ıiuü](?:n[ıiuü]|nd[aə]n|n[aə])$|"
    r"(?:d[ıiuü]ql[aə]r|[aə]c[aə]kl[aə]r)[ıi]n[ıi]$"
)


def _object_first(text: str, start: int, cue_start: int):
    """(content, source) when the reported clause precedes the speaker:
    "<... olduğunu> <nazir> <jurnalistlərə> bildirib"."""
    toks = _tokens(text, start, cue_start)
    for k in range(len(toks) - 1, 0, -1):
        if _NOMINALISED.search(toks[k][2]):
            between = [t for t in toks[k + 1:] if t[2] not in ","]
            words = [t for t in between if not ADJUNCTS.match(t[2]) and not NP_STOP.match(t[2])]
            if not words:
                return None
            src = _initial_np(text, words[0][0], cue_start)
            if src is None:
                return None
            return _trim(text, start, toks[k][1]), src
    return None


_STATEMENT_LOC = r"(?:(?:yaydığı|verdiyi|açıqladığı|dərc\s+etdiyi|göndərdiyi)\s+(?:məlumatda|bəyanatda|açıqlamada|hesabatda|məktubda)|məlumatda|bəyanatda|açıqlamada|hesabatda|bəyanatında|açıqlamasında|məlumatında|məktubunda|hesabatında|müraciətində|notasında|bildirişində|saytında|paylaşımında)"


def _passive_source(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Source of a passive cue: "<X-in> bəyanatında qeyd olunub" or "<X>-dən bildirilib"."""
    region = text[start:end]
    m = re.search(rf"((?:[\w.'’-]+\s+){{0,5}}?[\w.'’-]+(?:n[ıiuü]n|[ıiuü]n)\s+{_STATEMENT_LOC})(?![\w])", region)
    if m:
        return start + m.start(1), start + m.end(1)
    toks = _tokens(text, start, end)
    for k, (s, e, w) in enumerate(toks):
        if re.search(r"(?:d[aə]n|nd[aə]n)$", w) and not re.match(r"(?i)(?:sonra|əvvəl|bəri|başqa|min|milyon|milyard|yüz)", w) \
                and len(w) > 4 and not (k > 0 and toks[k - 1][2][:1].isdigit()) and not w[:1].isdigit():
            j = k
            while j - 1 >= 0 and (_is_np_token(toks[j - 1][2], False) or _genitive(toks[j - 1][2], w)) and not NP_STOP.match(toks[j - 1][2]):
                j -= 1
            return toks[j][0], e
    return None


def _np_like(s: str) -> bool:
    words = s.split()
    return bool(words) and all(_is_np_token(w.strip(".,"), i == 0) for i, w in enumerate(words))


def _only_np_between(text: str, start: int, end: int) -> bool:
    """Between a closing quotation mark and the cue there is only punctuation and a noun phrase."""
    mid = text[start:end]
    mid = re.sub(r"^[\s,.!?]*[—–-]?\s*", "", mid)
    if not mid.strip():
        return True
    words = mid.split()
    return len(words) <= 8 and all(_is_np_token(w.strip(".,"), i == 0) or ADJUNCTS.match(w.strip(".,")) for i, w in enumerate(words))


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans: split after . ! ? … followed by space and an upper-case letter, quote or dash."""
    spans = []
    start = 0
    for m in re.finditer(r"(?<=[.!?…])[»”\"]?\s+(?=[A-ZƏÜÖĞIİÇŞА-ЯЁ«“\"—–\-\d])|\n\s*\n", text):
        end = m.start()
        # Do not split after initials and common abbreviations ("İ. Əliyev", "və s.").
        prev = text[max(start, end - 4):end]
        if re.search(r"(?:^|\s)(?:[A-ZƏÜÖĞIİÇŞ]|s|və\s+s|b|m|c)\.$", prev):
            continue
        close = re.match(r"[»”\"]", m.group())
        if close:
            end += 1
        if text[start:end].strip():
            s0 = start + (len(text[start:end]) - len(text[start:end].lstrip()))
            spans.append((s0, end))
        start = m.end()
    if text[start:].strip():
        s0 = start + (len(text[start:]) - len(text[start:].lstrip()))
        e0 = len(text.rstrip())
        spans.append((s0, e0))
    return spans
