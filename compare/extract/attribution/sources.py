"""Who is speaking: canonical actor, source type and country of a source span.

Keyword lexicons in English, Russian and Azerbaijani. Known institutions
(ministries, agencies, outlets) map to a canonical English name; otherwise the
actor is the source text without determiners. Order of the tests matters and
follows how a reader classifies a source: an anonymous "police source" is
anonymous first; a "Russian foreign ministry spokeswoman" is an official of
Russia; an "Azerbaijani political analyst" is an expert.
"""
from __future__ import annotations

import re

# (pattern, canonical actor, source type, country). Searched in order; the
# first match gives the actor. Patterns are case-insensitive unless noted.
KNOWN_ACTORS: list[tuple[str, str, str, str | None]] = [
    # Foreign ministries
    (r"\b(russian|russia'?s?)\s+(foreign\s+ministry|ministry\s+of\s+foreign\s+affairs|foreign\s+office)|\bМИД\w*\s+(России|РФ)|\bроссийск\w+\s+МИД|\bМИД\s+РФ|Rusiya\s+XİN|Rusiya\s+Xarici\s+İşlər\s+Nazirliy", "Russia foreign ministry", "official_russia", "RU"),
    (r"\b(azerbaijan\w*'?s?)\s+(foreign\s+ministry|ministry\s+of\s+foreign\s+affairs)|\bМИД\w*\s+Азербайджан\w*|азербайджанск\w+\s+МИД|Azərbaycan(ın)?\s+XİN|Azərbaycan(ın)?\s+Xarici\s+İşlər\s+Nazirliy|\bXİN\b|Xarici\s+İşlər\s+Nazirliy", "Azerbaijan foreign ministry", "official_azerbaijan", "AZ"),
    # Named leaders and spokespeople: a surname alone is too common ("Kamran Əliyev"),
    # so a first name or a title must come with it (Putin excepted).
    (r"\bputin\w*|\bпутин\w*", "Vladimir Putin", "official_russia", "RU"),
    (r"(?:ilham|İlham|ильхам|president|prezident|президент)\w*\s+(?:\w+\s+)?(?:aliyev|əliyev|алиев)\w*|^(?:Mr\.?\s+)?Aliyev$",
     "Ilham Aliyev", "official_azerbaijan", "AZ"),
    # Distinctive surnames of Russian officials are recognised alone.
    (r"\blavrov\w*|\bлавров\w*", "Sergei Lavrov", "official_russia", "RU"),
    (r"\bzakharova\b|\bzaxarova\w*|\bзахаров[аойу]\b", "Maria Zakharova", "official_russia", "RU"),
    (r"\bpeskov\w*|\bпесков\w*", "Dmitry Peskov", "official_russia", "RU"),
    (r"(?:jeyhun|ceyhun|джейхун)\s+(?:bayramov|байрамов)\w*", "Jeyhun Bayramov", "official_azerbaijan", "AZ"),
    (r"(?:aykhan|ayxan|айхан)\s+(?:hajizada|hacızadə|гаджизаде)\w*", "Aykhan Hajizada", "official_azerbaijan", "AZ"),
    (r"\bkremlin\b|\bкремл\w*|\bkreml\w*", "Kremlin", "official_russia", "RU"),
    # International organisations
    (r"\bInternational\s+Monetary\s+Fund\b|(?-i:\bIMF\b)|\bМВФ\b|\bBeynəlxalq\s+Valyuta\s+Fond\w*", "IMF", "official_other", None),
    (r"\bWorld\s+Bank\b|\bВсемирн\w+\s+банк\w*|\bDünya\s+Bank\w*", "World Bank", "official_other", None),
    (r"\bUnited\s+Nations\b|(?-i:\bUN\b)|\bООН\b|(?-i:\bBMT\b)", "United Nations", "official_other", None),
    (r"\bOPEC\b|\bОПЕК\b|\bOPEK\b", "OPEC", "official_other", None),
    # The bodies of a UN climate conference speak for no state (a host minister's own title does).
    (r"(?-i:\bCOP\s?\d\d\b)|\bUNFCCC\b|\bРКИК\b", "UN climate conference", "official_other", None),
    (r"\bNATO\b|\bНАТО\b", "NATO", "official_other", None),
    (r"\bOSCE\b|\bОБСЕ\b|\bATƏT\b", "OSCE", "official_other", None),
    (r"\bEuropean\s+Union\b|(?-i:\bEU\b)|\bЕвросоюз\w*|\bАвропа\s+İttifaq\w*|\bAvropa\s+İttifaq\w*", "European Union", "official_other", "EU"),
    (r"\bCouncil\s+of\s+Europe\b|\bСовет\w*\s+Европы\b|\bAvropa\s+Şurası\w*", "Council of Europe", "official_other", None),
    # Law enforcement
    (r"\binvestigative\s+committee\b|\bследственн\w+\s+комитет\w*|\bСК\s+(России|РФ)\b|\bistintaq\s+komitəs\w*", "Russia Investigative Committee", "law_enforcement", "RU"),
    (r"\bМВД\b|\binterior\s+ministry\b|\bministry\s+of\s+internal\s+affairs\b|\bДахили\b|\bDaxili\s+İşlər\s+Nazirliy\w*|\bDİN\b", "interior ministry", "law_enforcement", None),
    (r"\bФСБ\b|\bFSB\b|\bfederal\s+security\s+service\b|\bFTX\b", "FSB", "law_enforcement", "RU"),
    (r"\bDTX\b|\bDövlət\s+Təhlükəsizlik\s+Xidmət\w*|\bState\s+Security\s+Service\b|\bСГБ\b", "Azerbaijan State Security Service", "law_enforcement", "AZ"),
    # Media
    (r"\bТАСС\b|\bTASS\b", "TASS", "media", "RU"),
    (r"\bРИА\s+Новост\w*|\bRIA\s+Novosti\b", "RIA Novosti", "media", "RU"),
    (r"\bИнтерфакс\w*|\bInterfax\b", "Interfax", "media", "RU"),
    (r"(?-i:\bAPA\b)", "APA", "media", "AZ"),
    (r"\bAzərTAc\w*|\bAzerTac\b|\bАзерТадж\w*", "AzerTac", "media", "AZ"),
    (r"\bTrend\b", "Trend", "media", "AZ"),
    # The agency Report.az, not "a report by ..." (case-sensitive; a report by
    # an organisation is that organisation's, see classify_source).
    (r"(?<![Aa]\s)(?<![Tt]he\s)(?-i:\bReport\b)(?!\w)(?!\s+(?:by|of|from|on)\b)", "Report", "media", "AZ"),
    (r"\bReuters\b|\bРейтер\w*", "Reuters", "media", None),
    (r"\bAssociated\s+Press\b|(?-i:\bAP\b)", "Associated Press", "media", None),
    (r"(?-i:\bAFP\b)|\bAgence\s+France", "AFP", "media", None),
    (r"(?-i:\bBBC\b)|\bБи-би-си\b", "BBC", "media", None),
    # NGOs
    (r"\bHuman\s+Rights\s+Watch\b|\bHRW\b", "Human Rights Watch", "ngo", None),
    (r"\bAmnesty\b|\bАмнести\b", "Amnesty International", "ngo", None),
    (r"\bМемориал\w*|\bMemorial\b", "Memorial", "ngo", "RU"),
]
_KNOWN = [(re.compile(p, re.I), a, t, c) for p, a, t, c in KNOWN_ACTORS]

_TYPE_LEXICON: dict[str, list[str]] = {
    "anonymous": [
        r"\bsources?\b(?!\s+of\b)", r"\bofficials?\s+who\s+(spoke|asked|requested)", r"\bon\s+condition\s+of\s+anonymity",
        r"\bunnamed\b", r"\banonymous\b", r"\bperson\s+familiar\b", r"\bpeople\s+familiar\b", r"\binsiders?\b",
        r"\bисточник\w*", r"\bсобеседник\w*", r"\bпожелавш\w+\s+остаться\s+неизвестн\w*", r"\bинсайдер\w*", r"\bанонимн\w*",
        r"\bmənbə\w*", r"\badının\s+çəkilməsini\s+istəməyən", r"\banonim\w*",
    ],
    "media": [
        r"\bnewspaper\b", r"\bagency\b(?=.*\bnews\b)|\bnews\s+agency\b", r"\bnews\b", r"\bTV\b", r"\btelevision\b", r"\bchannel\b",
        r"\boutlets?\b", r"\bnəşr\w*", r"\bmagazine\b", r"\bjournal\b", r"\breporters?\b", r"\bjournalists?\b", r"\bcorrespondent\b", r"\bwebsite\b",
        r"\bTimes\b", r"\bPost\b", r"\bHerald\b", r"\bGazette\b", r"\bTribune\b", r"\bGuardian\b", r"\bCNN\b", r"\bNBC\b", r"\bCBS\b",
        r"\bABC\b", r"\bFox\b", r"\bPolitico\b", r"\bBloomberg\b", r"\bThe\s+Hill\b", r"\bWall\s+Street\s+Journal\b", r"\bAxios\b",
        r"\bAl\s+Jazeera\b", r"\bEurasianet\b", r"\bMeduza\b", r"\bKommersant\b", r"\bIzvestia\b", r"\bRossiyskaya\s+Gazeta\b",
        r"газет\w*", r"информационн\w+\s+агентств\w*|агентств\w*\s+новост\w*|\bинформагентств\w*", r"\bСМИ\b", r"телеканал\w*", r"издани\w*", r"журнал\w*", r"корреспондент\w*", r"\bпортал\w*",
        r"\bКоммерсант\w*", r"\bИзвести\w*", r"\bРоссийск\w+\s+газет\w*", r"\bМедуз\w*", r"\bРБК\b", r"\bRT\b", r"\bЛента\.ру\b", r"\bФонтанк\w*",
        r"\bE1\b", r"\bНовая\s+газета\b", r"радио\w*", r"телеграм\w*", r"\btelegram\b", r"\bteleqram\w*", r"\bканал\w*",
        r"qəzet\w*", r"\b(?:xəbər|informasiya|İnformasiya|Xəbər)\s+agentliy\w*", r"\bmətbuat(?:ı|ının)?\b(?!\s+(?:xidmət|katib|konfrans))", r"\bmediası\w*", r"\bsayt\w*", r"\bportal\w*", r"telekanal\w*", r"jurnalist\w*", r"müxbir\w*", r"\bKİV\b", r"\bmedia\b",
        r"\bXəbər\b", r"\bOxu\.az\b",
        # outlets by their web address ("Metbuat.az", "Day.Az", "Teleqraf.com") or a news name ("Azernews")
        r"\b[\w-]+\.(?:az|ru|com|net|org|info|media|tv|am|ge|ua|io|news|uz|kz|by|az/ru)\b", r"\w+news\b",
        r"\bправд[аыуе]\b", r"\b(?:веб-)?сайт\w*", r"\bSputnik\b|\bСпутник\w*", r"\bMeduza\b|\bМедуз\w*", r"\bNovaya\s+Gazeta\b",
        # Common words in newspaper names ("Уральский вестник", "The Caspian Chronicle").
        r"вестник\w*", r"\bВедомост\w*", r"(?-i:\b(?:Herald|Gazette|Tribune|Chronicle|Courier|Messenger|Observer|Telegraph)\b)", r"\bModern\.az\b", r"\bQafqazinfo\b", r"\bHaqqin\.az\b", r"\bMusavat\b", r"\bTuran\b",
    ],
    "court_prosecutor": [
        r"\bcourt\b", r"\bjudge\b", r"\bprosecutor\w*", r"\bprosecution\b", r"\battorney\s+general\b", r"\btribunal\b",
        r"\bсуд(?:а|у|ом|е|ы|ов|ам|ами|ах)?\b", r"\bсудь[яиюе]\w*", r"прокурор\w*", r"прокуратур\w*", r"\bобвинени[ея]\b",
        r"məhkəmə\w*", r"\bhakim(?!iyyət)\w*", r"prokuror\w*", r"prokurorluq\w*", r"\bBaş\s+Prokurorluq\w*",
    ],
    "law_enforcement": [
        r"\bpolice\b", r"\bpolicem[ae]n\b", r"\bofficers?\b(?=.*\bpolice\b)", r"\binvestigators?\b", r"\bsecurity\s+service\b",
        r"\binterior\s+ministry\b", r"\blaw\s+enforcement\b", r"\bFSB\b", r"\bFBI\b", r"\bOMON\b", r"\briot\s+police\b",
        r"полици\w*", r"полицейск\w*", r"\bМВД\b", r"\bГУ\s*МВД\b", r"\bФСБ\b", r"\bСК\b", r"следовател\w*", r"следствени?\w*", r"силовик\w*",
        r"правоохранител\w*", r"\bОМОН\w*", r"\bспецслужб\w*", r"\bСледственн\w+\s+комитет\w*", r"\bРосгварди\w*",
        r"\bborder\s+(?:guard|service|police)\w*", r"\bпогранич\w*", r"\bsərhəd\s+(?:xidmət|qoşun|mühafiz)\w*",
        r"\bpolis\w*", r"\bDİN\b", r"\bDTX\b", r"\bistintaq\w*", r"\bhüquq-mühafizə\w*", r"\bmüstəntiq\w*", r"\bxüsusi\s+xidmət\w*",
    ],
    "ngo": [
        r"\bhuman\s+rights\b", r"\bNGO\b", r"\bnon-?governmental\b", r"\bwatchdog\b", r"\bactivists?\b", r"\bcampaigners?\b",
        r"\bmonitoring\s+(?:groups?|organi[sz]ations?|centres?|centers?)\b", r"\bмониторингов\w+\s+(?:групп|центр|организац)\w*",
        r"\bmonitorinq\s+(?:qrup|mərkəz|təşkilat)\w*",
        r"\bcharity\b", r"\bfoundation\b", r"\bunion\b", r"\bcommittee\s+to\s+protect\b", r"\bassociation\b", r"\bcongress\s+of\b",
        r"правозащит\w*", r"\bНКО\b", r"\bобщественн\w+\s+организаци\w*", r"\bактивист\w*", r"\bфонд\w*", r"\bдиаспор\w*",
        r"\binsan\s+hüquq\w*", r"hüquq\s+müdafiə\w*", r"\bQHT\b", r"\bictimai\s+birlik\w*", r"\bfəal\w*", r"\bdiaspor\w*",
    ],
    "expert": [
        r"\banalysts?\b", r"\bexperts?\b", r"\bpolitical\s+scientists?\b", r"\bprofessor\b", r"\bscholar\b", r"\bresearchers?\b",
        r"\beconomists?\b", r"\bhistorians?\b", r"\bspecialists?\b", r"\bDr\.", r"\bспециалист\w*", r"\bmütəxəssis\w*", r"\bfellow\b", r"\bpollster\b", r"\bthink[- ]tank\b", r"\bacademic\b",
        r"политолог\w*", r"эксперт\w*", r"аналитик\w*", r"профессор\w*", r"экономист\w*", r"историк\w*", r"исследовател\w*",
        r"\bучён\w*|\bучен(ый|ые|ого|ых)\b", r"востоковед\w*", r"социолог\w*", r"\bдекан\w*",
        r"\bekspert\w*", r"politoloq\w*", r"analitik\w*", r"professor\w*", r"iqtisadçı\w*", r"tarixçi\w*", r"tədqiqatçı\w*", r"\balim\w*",
        r"şərhçi\w*",
    ],
    "witness_relative": [
        r"\bwitness\w*", r"\beyewitness\w*", r"\brelatives?\b", r"\bfamily\b", r"\bbrother\b", r"\bsister\b", r"\bwidow\b", r"\bwife\b",
        r"\bhusband\b", r"\bson\b", r"\bdaughter\b", r"\bmother\b", r"\bfather\b", r"\bneighbou?rs?\b", r"\bresidents?\b", r"\blocals?\b",
        r"\bcousin\b", r"\buncle\b", r"\bnephew\b", r"\bvictims?\b", r"\bsurvivors?\b", r"\bbystanders?\b",
        r"очевид\w*", r"свидетел\w*", r"родственник\w*", r"\bродн\w+", r"\bсемь[яиюе]\w*", r"\bбрат\w*", r"\bсестр\w*", r"\bвдов\w*",
        r"\bжена\b|\bжены\b|\bсупруг\w*", r"\bмуж\b", r"\bсын\w*", r"\bдоч\w*", r"\bмать\b|\bматери\b", r"\bотец\b|\bотца\b", r"сосед\w*",
        r"\bжител\w*", r"\bпострадавш\w*", r"\bзадержанн\w*",
        r"\bşahid\w*", r"\bqohum\w*", r"\bailə\w*", r"\bqardaş\w*", r"\bbacı\w*", r"\bdul\b", r"\bhəyat\s+yoldaş\w*", r"\bqonşu\w*",
        r"\bsağ\s+(?:qalan|çıxan)\w*", r"\boğl[uı]\w*", r"\bqız[ıi]\w*", r"\banası\w*", r"\batası\w*", r"\bsakin\w*", r"\bzərərçəkən\w*", r"\byaxınları\w*",
    ],
}
_TYPE_RE = {k: re.compile("|".join(v), re.I) for k, v in _TYPE_LEXICON.items()}

# Titles and bodies that make a source an official of some state.
_OFFICIAL = re.compile(
    "|".join([
        r"\bminist\w+", r"\bspokes(man|woman|person)\b", r"\bambassador\b", r"\benvoys?\b", r"\bdiplomats?\b", r"\bconsul\b", r"\bpresident\b", r"\bprime\s+minister\b", r"\bgovernment\b",
        r"\bofficials?\b", r"\bauthorities\b", r"\bgovernor\b", r"\bmayor\b", r"\bdiplomat\w*", r"\bembassy\b", r"\bconsul\w*",
        r"\bdeputy\b", r"\blawmakers?\b", r"\bparliament\w*", r"\bsenator\b", r"\bcongressman\b", r"\bMP\b", r"\bkremlin\b", r"\bMFA\b",
        r"\bcabinet\b", r"\bstate\s+department\b", r"\bwhite\s+house\b", r"\bombuds\w+", r"\bDuma\b", r"\bmilli\s+m(?:ə|a)(?:c|j)lis\b",
        r"\badministration\b", r"\bsecretary\b", r"\bchairman\b", r"\bhead\s+of\b",
        r"министр\w*", r"министерств\w*", r"пресс-секретар\w*", r"\bпосол\b|\bпосл[аоу]\b", r"\bпосольств\w*", r"президент\w*", r"премьер\w*",
        r"правительств\w*", r"\bвласт[иья]\w*", r"губернатор\w*", r"\bмэр\w*", r"дипломат\w*", r"консул\w*", r"\bдепутат\w*", r"\bдум[аыу]\b",
        r"\bКремл\w*", r"\bМИД\w*", r"\bофициальн\w+\s+представител\w*", r"\bпредставител\w*", r"\bчиновник\w*", r"\bведомств\w*",
        r"\bомбудсмен\w*", r"\bуправлени\w*", r"уполномоченн\w+\s+по\s+правам", r"\bглав[аыу]\b", r"\bспикер\w*", r"\bсенатор\w*", r"\bадминистраци\w*", r"\bмэри[яи]\b",
        r"\bnazir\w*", r"\bsözçü\w*", r"\bsəfir\w*", r"\bprezident\w*", r"\bbaş\s+nazir\w*", r"\bhökumət\w*", r"\brəsmi\w*", r"\bhakimiyyət\w*",
        r"\bdiplomat\w*", r"\bkonsul\w*", r"\bdeputat\w*", r"\bparlament\w*", r"\bKreml\w*", r"\bXİN\b", r"\bnazirliy\w*", r"\bombudsman\w*",
        r"\bspiker\w*", r"\bМЧС\b", r"\bmətbuat\s+xidmət\w*", r"\bpress\s+service\b", r"\bпресс-служб\w*", r"\bİcra\s+Hakimiyyət\w*", r"\bAdministrasiya\w*",
        r"\bkatib\w*", r"\bFHN\b", r"\bDGK\b", r"\borqan\w*", r"\bорган(?:ы|а|ов|ам|ами|ах|е|у|ом)?\b", r"\bkomissiya\w*", r"\bкомисси\w*", r"\bcommission\b", r"\bagentliy\w*", r"\bагентств\w*",
        r"\bsədr\w*", r"\brəhbər\w*", r"\bbaşçı\w*", r"\bKomitə\w*", r"\bnümayəndə\w*",
        # heads, envoys and advisers of a state or of an organisation of states
        r"\bchancellor\b", r"\bnegotiators?\b", r"\bdelegates?\b", r"\bdelegations?\b", r"\badvis[eo]rs?\b",
        r"\bsecretary[- ]general\b", r"\bhead\s+of\s+state\b", r"\bpremier\b",
        r"\bпереговорщик\w*", r"\bделегат\w*", r"\bделегаци\w*", r"\bсоветник\w*", r"\bгенсек\w*",
        r"\bгенеральн\w+\s+секретар\w*", r"\bканцлер\w*",
        r"\bdanışıqçı\w*", r"\bmüşavir\w*", r"\bköməkçi\w*", r"\bBaş\s+katib\w*",
        # Russian ministries by their short names, federal services and agencies
        r"\bМин(?:обороны|здрав|фин|юст|энерго|транс|эконом|культуры|просвещения|цифры|труда|спорта|сельхоз|природы|пром|торг|обрнауки|вуз|строй)\w*",
        r"\bРос(?:космос|стат|гидромет|авиаци|потребнадзор|комнадзор|автодор|морречфлот|недр)\w*",
        r"\b(?:Dövlət|Milli)\s+(?:[\w-]+\s+){0,3}(?:Xidmət|Agentliy|Agentlik|İdarə)\w*",
    ]),
    re.I,
)

# Country cues; first match in the source wins, then the context.
_COUNTRY_CUES: list[tuple[str, str]] = [
    ("AZ", r"\bazerbaijan\w*|\bbaku\b|азербайдж\w*|\bбаку\b|\bбакинск\w*|\bazərbaycan\w*|\bbakı\w*|\bXİN\b|\bDTX\b|\bMilli\s+M(?:ə|a)(?:c|j)lis\w*|\bAzerbaijani\b"),
    ("RU", r"\brussia\w*|\bmoscow\w*|\bkremlin\b|росси\w*|\bрф\b|москв\w*|московск\w*|кремл\w*|\brusiya\w*|\bmoskva\w*|\bkreml\w*|\brus\b|"
           r"\bекатеринбург\w*|\byekaterinburg\w*|\bsverdlovsk\w*|\bсвердловск\w*|\byekaterinburq\w*|\bГосдум\w*|\bDuma\b"),
    # The de facto authorities of Nagorno-Karabakh (until 2023) are officials of no state.
    ("NK", r"\bnagorn\w+[- ]karabakh\w*|\bартсах\w*|\bарцах\w*|\bartsakh\b|\bнагорн\w+\s+карабах\w*|\bНКР\b|\bdağlıq\s+qarabağ\w*"),
    ("TR", r"\bturk(ey|ish|iye)\b|\bankara\b|турц\w*|турецк\w*|\btürkiy\w*"),
    ("AM", r"\barmenia\w*|\byerevan\b|армени\w*|армянск\w*|ереван\w*|\berməni\w*|\bermənistan\w*|\bİrəvan\w*"),
    ("UA", r"\bukrain\w*|\bkyiv\b|\bkiev\b|украин\w*|\bкиев\w*|\bukrayna\w*"),
    ("GE", r"\bgeorgia\b|\bgeorgian\b|\btbilisi\b|груз\w*|\bтбилиси\b|\bgürcüstan\w*"),
    ("IR", r"\biran\w*|\btehran\b|иран\w*|тегеран\w*|\bİran\w*"),
    ("US", r"\bunited\s+states\b|(?-i:\bU\.?S\.?\b)|\bamerica\w*|\bwashington\b|\bwhite\s+house\b|\bstate\s+department\b|\bсша\b|американ\w*|\bвашингтон\w*|\bABŞ\b|\bamerika\w*"),
    ("EU", r"\beuropean\s+union\b|(?-i:\bEU\b)|\bевросоюз\w*|(?-i:\bЕС\b)|\bAvropa\s+İttifaq\w*|(?-i:\bAİ\b)"),
    ("UN", r"\bunited\s+nations\b|(?-i:\bUN\b)|\bООН\b|(?-i:\bBMT\b)"),
    # Other states that news in these languages often covers: their officials are
    # official_other, and an article about them is foreign news (home_country).
    ("GB", r"\bbritain\b|\bbritish\b|\bunited\s+kingdom\b|(?-i:\bU\.?K\.?\b)|\bengland\b|\blondon\b|\bbritanya\b|"
           r"британ\w*|великобритан\w*|англи[яиюйе]\w*|лондон\w*|\bbritaniya\w*|\bingiltərə\w*|\blondon\w*"),
    ("FR", r"\bfrance\b|\bfrench\b|\bparis\b|франц\w*|париж\w*|\bfransa\w*|\bparis\w*"),
    ("DE", r"\bgermany\b|\bgerman\b|\bberlin\b|германи\w*|немецк\w*|берлин\w*|\balmaniya\w*|\bberlin\w*"),
    ("CN", r"\bchina\b|\bchinese\b|\bbeijing\b|\bкита[йяеюи]\w*|пекин\w*|\bÇin\b|\bÇinin\b|\bÇinə\b|\bÇində\b|\bpekin\w*"),
    ("JP", r"\bjapan\w*|\btokyo\b|япони\w*|японск\w*|токио|\byaponiya\w*|\btokio\b"),
    ("IN", r"\bindia\b|\bindian\s+(?:government|minister|officials?|police|army|negotiators?|delegates?|delegation|envoy|diplomats?|ambassador)|\bnew\s+delhi\b|\bинди(?:я|и|ю|ей|йск\w*)\b|"
           r"\bнью-дели\b|\bhindistan\w*"),
    ("PK", r"\bpakistan\w*|пакистан\w*|\bpakistan\w*"),
    ("AF", r"\bafghan\w*|афган\w*|\bəfqan\w*"),
    ("SY", r"\bsyria\w*|\bdamascus\b|\bсири(?:я|и|ю|ей|йск\w*)\b|дамаск\w*|\bsuriya\w*|\bdəməşq\w*"),
    ("IQ", r"\biraq\w*|\bbaghdad\b|\bирак\w*|багдад\w*|\bİraq\w*|\bbağdad\w*"),
    ("IL", r"\bisrael\w*|израил\w*|\bisrail\w*"),
    ("PS", r"\bpalestin\w*|\bgaza\b|палестин\w*|\bгаз[аеуы]\s+(?:сектор|город)|\bсектор\w*\s+газа\b|\bfələstin\w*|\bqəzza\w*"),
    ("EG", r"\begypt\w*|\bcairo\b|египет\w*|египт\w*|каир\w*|\bmisir\w*|\bqahirə\w*"),
    ("SA", r"\bsaudi\b|саудовск\w*|\bsəudiyyə\w*"),
    ("ID", r"\bindonesia\w*|\bjakarta\b|индонези\w*|джакарт\w*|\bindoneziya\w*|\bcakarta\w*"),
    ("MX", r"\bmexic\w*|мексик\w*|\bmeksika\w*"),
    ("BR", r"\bbrazil\w*|бразил\w*|\braziliya\w*"),
    ("CA", r"\bcanad\w*|\bottawa\b|канад\w*|\bkanada\w*"),
    ("AU", r"\baustralia\w*|австрали\w*|\bavstraliya\w*"),
    ("IT", r"\bital(?:y|ian)\b|\brome\b|итали\w*|\bitaliya\w*"),
    ("ES", r"\bspain\b|\bspanish\b|\bmadrid\b|испани\w*|мадрид\w*|\bispaniya\w*"),
    ("PL", r"\bpoland\b|\bpolish\s+(?:government|officials?|police)|\bwarsaw\b|польш\w*|польск\w*|варшав\w*|\bpolşa\w*"),
    ("KZ", r"\bkazakh\w*|казах\w*|\bqazax\w*"),
    ("UZ", r"\buzbek\w*|узбек\w*|\bözbək\w*"),
    ("KG", r"\bkyrgyz\w*|киргиз\w*|кыргыз\w*|\bqırğız\w*"),
    ("TJ", r"\btajik\w*|таджик\w*|\btacik\w*"),
    ("TM", r"\bturkmen\w*|туркмен\w*|\btürkmən\w*"),
    ("BY", r"\bbelarus\w*|белорус\w*|беларус\w*|\bbelarus\w*"),
    ("MD", r"\bmoldov\w*|молдав\w*|молдов\w*|\bmoldova\w*"),
    ("KR", r"\bkorea\w*|\bкоре(?:я|и|ю|ей|йск\w*)\b|\bkoreya\w*"),
    ("MK", r"\bmacedonia\w*|македони\w*|\bmakedoniya\w*"),
    ("GR", r"\bgreece\b|\bgreek\b|\bathens\b|греци\w*|греческ\w*|\byunanıstan\w*"),
]
_COUNTRY_RE = [(c, re.compile(p, re.I)) for c, p in _COUNTRY_CUES]
_LAWYER = re.compile(r"\blawyers?\b|\battorneys?\b(?!\s+general)|\bадвокат\w*|\bзащитник\w*(?<!правозащитник)|\bvəkil\w*", re.I)
_PARTY = re.compile(r"\bopposition\b|\bparty\b|\bоппозици\w*|\bпарти[яиюей]\w*|\bmüxalifət\w*|\bpartiya\w*", re.I)
_COMMUNITY = re.compile(r"\bcommunit(?:y|ies)\b|\bобщин\w*|\bсообществ\w*|\bicma\w*|\bİcma\w*", re.I)
# Religious bodies speak for a faith community, not as a state or an NGO.
_RELIGIOUS = re.compile(
    r"\bmuft\w*|\bimams?\b|\bchurch\b|\bpatriarch\w*|\bdiocese\b|\bbishops?\b|\brabbi\w*|\bclergy\b|\bspiritual\s+(?:administration|board)\b|"
    r"\bмуфти\w*|\bимам(?:а|ы|ов)?\b|\bцерк\w*|\bпатриарх\w*|\bепарх\w*|\bдуховн\w+\s+управлени\w*|\bmüft\w*|\bimam(?:ı|lar\w*)?\b|\bkilsə\w*|\bMüsəlmanları\s+İdarəs\w*|\bruhani\w*",
    re.I,
)
# "A May 2025 report by the Council of ...", "statements from the ministry": the
# document is its author's, so the author decides the type.
_DOCUMENT_BY = re.compile(
    r"^(?:(?:an?|the|this|that|these|those|its|their)\s+)?[^;]{0,40}?\b(?:report|statement|study|survey|letter|analysis|memo|"
    r"document|assessment|review|declaration|communiqu[eé]|findings|paper|audit|poll|resolution|press\s+release|"
    r"investigation)s?\s+(?:by|from)\s+(\S.+)$",
    re.I,
)
# Bodies of a state: their presence outweighs a community word ("the ministry
# of diaspora affairs said the community ...").
_STATE_BODY = re.compile(
    r"\bminist\w+|\bembass\w+|\bgovernment\b|\bминистр\w*|\bминистерств\w*|\bпосольств\w*|\bправительств\w*|"
    r"\bnazir\w*|\bsəfirlik\w*|\bhökumət\w*|\bKomitə\w*|\bкомитет\w*|\bcommittee\b",
    re.I,
)
_BUSINESS = re.compile(
    r"\b(?:ООО|ОАО|ЗАО|ПАО|LLC|Ltd|Inc|MMC|ASC|QSC)\b|\bcompan(?:y|ies)\b|\bcontractors?\b|\bclubs?\b|\bкомпани\w*|\bподрядн\w*|\bклуб\w*|\bşirkət\w*|\bpodratçı\w*|\bklub\w*",
    re.I,
)
_NATIONAL_TITLE = re.compile(r"\bminist\w*|\bnazir\w*|министр\w*|\bзамминистр\w*", re.I)
# Known bodies of no single state: what they say is no country's.
INTERNATIONAL = {"IMF", "World Bank", "United Nations", "OPEC", "NATO", "UN climate conference", "OSCE", "Council of Europe"}
_LEADER = re.compile(r"\bleaders?\b|\bлидер\w*|\blider\w*", re.I)
_STATES = re.compile(
    r"\b(?:countries|nations|states|governments|ölkələr\w*|dövlətlər\w*|стран(?:ы|ами|ам|ах)?|государств(?:а|ами|ам|ах)?)\b",
    re.I)
_SIDE = re.compile(r"\bside\b|\bсторон[аыуе]\b|\btərəf(?:i|in|inin|indən|imiz|imizin)?\b|\bhosts?\b|\bхозяе\w*|\bev\s+sahib\w*", re.I)
_OFFICIAL_TYPE = {"RU": "official_russia", "AZ": "official_azerbaijan"}

PRONOUNS = {
    "en": {"he", "she", "they", "we", "i", "it", "him", "her", "them", "you"},
    "ru": {"он", "она", "они", "мы", "я", "вы", "оно", "его", "её", "ее", "их", "ему", "ей", "им"},
    "az": {"o", "onlar", "biz", "mən", "siz", "sən", "onun", "onların"},
}
_DETERMINERS = re.compile(r"^(the|a|an|this|that|these|those|another|one|some)\s+", re.I)


_HOME_COUNTRY = {"az": "AZ", "ru": "RU"}


def _is_generic(text: str) -> bool:
    """A common-noun phrase of at most three words ("the ministry", "nazirlik")."""
    words = _DETERMINERS.sub("", text).split()
    return len(words) <= 3 and not any(w[:1].isupper() for w in words[1:])


def _names_someone(text: str) -> bool:
    """Two capitalised words in a row after the first word: a personal name ("Vera Gromova")."""
    words = text.split()[1:]
    return any(a[:1].isupper() and b[:1].isupper() and len(a) > 1 and len(b) > 2 for a, b in zip(words, words[1:]))


def is_pronoun(source_text: str, language: str) -> bool:
    words = source_text.strip().lower().split()
    return len(words) == 1 and words[0] in PRONOUNS.get(language, PRONOUNS["en"])


def find_country(text: str) -> str | None:
    for code, rx in _COUNTRY_RE:
        if rx.search(text):
            return code
    return None


def _canonical(source_text: str) -> str:
    actor = " ".join(source_text.split())
    actor = _DETERMINERS.sub("", actor)
    actor = re.sub(r"(?:’s|'s|’|')$", "", actor)
    return actor.strip(" ,.;:«»\"“”„")


def home_country(text: str, language: str, outlet_country: str | None = None) -> str:
    """Whose officials a text's bare "МИД", "Prezident", "the ministry" are ("" for none).

    Foreign news first: when the text names a country other than Russia and
    Azerbaijan at least twice and more often than those two together (an
    Indonesian earthquake, a British prison riot in Russian translation), or
    names one and never those two in an article of some length, its unnamed
    officials are that country's, not the language's. Otherwise the
    outlet's own country (a Baku outlet writing in Russian means Azerbaijan's
    ministry, a Kyiv one Ukraine's), else the language's default (Russian:
    Russia, Azerbaijani: Azerbaijan, English: none)."""
    counts: dict[str, int] = {}
    for code, rx in _COUNTRY_RE:
        n = len(rx.findall(text))
        if n:
            counts[code] = n
    domestic = counts.get("RU", 0) + counts.get("AZ", 0)
    foreign = max(((n, c) for c, n in counts.items() if c not in ("RU", "AZ")), default=(0, ""))
    if foreign[0] >= 2 and foreign[0] > domestic:
        return foreign[1]
    if foreign[0] and not domestic and len(text) >= 400:
        # An article that names another country and never Russia or Azerbaijan
        # (a translated story about US politics) is foreign news too.
        return foreign[1]
    if outlet_country:
        return outlet_country
    return _HOME_COUNTRY.get(language, "")


def classify_source(source_text: str, language: str, context: str = "", *,
                    home: str | None = None) -> tuple[str, str, str | None]:
    """(canonical actor, source type, country code or None) for one source span.

    ``context`` is the surrounding sentence or paragraph; it is only used to
    find the country of an official whose span does not name one ("the
    ministry said" after "Azerbaijan's foreign ministry ..."). ``home``: the
    country of officials named without one (:func:`home_country`; ``None``:
    the language's default, ``""``: none). The de facto authorities of
    Nagorno-Karabakh are ``official_other`` of no country.
    """
    actor, stype, country = _classify(source_text, language, context, home=home)
    return actor, stype, None if country == "NK" else country


def _classify(source_text: str, language: str, context: str = "", *,
              home: str | None = None) -> tuple[str, str, str | None]:
    home_code = _HOME_COUNTRY.get(language) if home is None else (home or None)
    text = " ".join((source_text or "").split())
    if not text:
        return "", "other", None
    if is_pronoun(text, language):
        return text.lower(), "other", None
    by = _DOCUMENT_BY.match(text) if language == "en" else None
    if by:
        return _classify(by.group(1), language, context, home=home)
    country = find_country(text)
    if _LAWYER.search(text):
        # Defence lawyers speak for their clients: neither court nor witness.
        return _canonical(text), "other", country
    # An outlet in the dative is the addressee ("APA-ya danışan şahid"), not the speaker.
    head_text = re.sub(r"\S+-(?:y?[aəAƏ]|n[aə])\b", " ", text)
    for rx, actor, stype, ccode in _KNOWN:
        if actor == "UN climate conference" and _NATIONAL_TITLE.search(text):
            continue  # "COP29-un prezidenti, ekologiya naziri ...": the host's minister
        if rx.search(head_text) and not _TYPE_RE["anonymous"].search(text):
            if actor == "interior ministry":
                ccode = country or home_code or find_country(context)
                actor = {"RU": "Russia interior ministry", "AZ": "Azerbaijan interior ministry"}.get(ccode or "", actor)
            return actor, stype, ccode or country
    actor = _canonical(text)
    if _RELIGIOUS.search(text):
        # Like a local community (below): other, not ngo and not an official.
        return actor, "other", country
    community = bool(_COMMUNITY.search(text))
    for stype in ("anonymous", "media", "court_prosecutor", "law_enforcement", "ngo", "expert", "witness_relative"):
        if _TYPE_RE[stype].search(text):
            if stype == "ngo" and community and not re.search(r"human\s+rights|правозащит|hüquq", text, re.I):
                # A local community and its leader speak for residents, not as an NGO.
                continue
            if stype == "media" and _OFFICIAL.search(text) and not re.search(r"\b(news|newspaper|TV)\b|газет|qəzet|agentliy|агентств", text, re.I):
                # "Post" or "Times" inside an official title is not an outlet.
                continue
            if stype == "witness_relative" and _OFFICIAL.search(text):
                continue
            return actor, stype, country
    if _BUSINESS.search(text) and not _STATE_BODY.search(text):
        # A company, a club and their heads speak for themselves, not for a state
        # ("the club's president", "директор подрядной организации").
        return actor, "other", country
    if community and not _STATE_BODY.search(text):
        # "head of the Azerbaijani community", "İcmanın sədri": a community
        # leader speaks for residents, not for a state, whatever the title.
        return actor, "other", country
    if _OFFICIAL.search(text) and not _PARTY.search(text):
        if country is None and home_code:
            # An official named without a country in Azerbaijani-language news
            # ("Hökumət", "Nazir müavini Rəşad Nəbiyev") is Azerbaijan's; in
            # Russian-language news (usually) Russia's; see home_country.
            country = home_code
        if country is None and context and _is_generic(text):
            # "the ministry": the sentence may say whose.
            country = find_country(context)
        return actor, _OFFICIAL_TYPE.get(country or "", "official_other"), country
    if _LEADER.search(text) and not _PARTY.search(text) and not community:
        # "Rusiya lideri", "Iran's supreme leader", "world leaders": the head of a state
        return actor, _OFFICIAL_TYPE.get(country or "", "official_other"), country
    if country and _SIDE.search(text):
        # "Азербайджанская сторона", "the Russian side": the state speaking.
        return actor, _OFFICIAL_TYPE.get(country, "official_other"), country
    bare = _DETERMINERS.sub("", text).strip(" ,.«»\"“”")
    spoken = next((code for code, rx in _COUNTRY_RE if rx.fullmatch(bare)), None)
    if spoken:
        # A state or its capital speaking stands for its government ("Iran has
        # opposed", "Yerevan demanded", "Azerbaijan said").
        return actor, _OFFICIAL_TYPE.get(spoken, "official_other"), spoken
    if _STATES.search(text):
        # "Developing countries", "small island states", "развивающиеся страны".
        return actor, _OFFICIAL_TYPE.get(country or "", "official_other"), country
    return actor, "other", country


# --------------------------------------------------------------------------- coreference helpers
# Nouns that name a body without saying which one ("the ministry", "ведомство",
# "управления", "центра", "nazirlik"): a later mention refers back to the body
# named earlier in the same text. Each alternative is a stem shared by the
# case forms.
BODY_NOUNS = re.compile(
    r"\b(ministr(?:y|ies)|министерств|ведомств|управлени|директорат|центр(?!альн)|комитет|омбудсмен|"
    r"directorate|department|committee|cent(?:re|er)|ombudsm[ae]n|"
    r"nazirliy|nazirlik|idarə|mərkəz|komitə|qurum|ombudsman|(?-i:MFA|МИД|XİN|Мин(?=обороны|здрав|фин|юст|энерго|транс|эконом|культуры)))\w*",
    re.I,
)
# Short names of a foreign ministry share the stem of the full one ("the MFA" after
# "the Ministry of Foreign Affairs of Russia").
_STEM_OF = {"mfa": "minist", "мид": "минист", "xi̇n": "nazirl", "xin": "nazirl", "мин": "минист"}
# A title that speaks for a body not named in the span ("spokesman Oleg
# Bessonov", "старший помощник руководителя", "mətbuat xidməti").
SPOKES_TITLES = re.compile(
    r"\bspokes(?:man|woman|person)\b|\bpress\s+(?:service|office|secretary)\b|\bпресс-(?:служб|секретар)\w*|\bпредставител\w*|"
    r"\bпомощник\w*|\bруководител\w*|\bsözçü\w*|\bmətbuat\s+(?:xidmət|katib)\w*|\bnümayəndə\w*|\brəhbər\w*",
    re.I,
)


# Nouns that only point back ("ведомство" = the agency just mentioned).
ANAPHORIC_STEMS = {"ведомс", "qurum"}


def body_stem(text: str) -> str:
    """The last body noun of a source (the head of "аппарат омбудсмена",
    "пресс-служба ведомства"), cut to a case-independent stem; "" if none."""
    found = list(BODY_NOUNS.finditer(text or ""))
    if not found:
        return ""
    stem = found[-1].group(1).lower()[:6]
    return _STEM_OF.get(stem, stem)


# "This indicates ...", "All of this shows ...", "which signals ...": a fact or a
# clause speaks, not an earlier speaker; the word is no one's surname.
_DEMONSTRATIVE = re.compile(
    r"^(?:(?:all\s+(?:of\s+)?)?(?:this|that|these|those)|which|what|who|whom|such"
    r"|это|эти|всё\s+это|что|который|которая|которые|bu|bunlar|hansı|ki)$", re.I)


def may_refer_back(text: str) -> bool:
    """A span whose type may come from an earlier mention: it names no country
    or known institution, is not a lawyer or a community, and is not a
    demonstrative or relative ("This indicates", "which signals")."""
    if _DEMONSTRATIVE.match(text.strip()):
        return False
    return not names_itself(text) and not _LAWYER.search(text) and not _COMMUNITY.search(text)


def states_its_country(text: str) -> bool:
    """The span says whose it is: a country cue, a known actor of a country, or a
    body of no single state (the UN, OPEC, ...)."""
    if find_country(text):
        return True
    return any(rx.search(text) and (country or actor in INTERNATIONAL) for rx, actor, _, country in _KNOWN)


def names_itself(text: str) -> bool:
    """The span says by itself whose it is: a country cue or a known institution."""
    return bool(find_country(text)) or any(rx.search(text) for rx, _, _, _ in _KNOWN)
