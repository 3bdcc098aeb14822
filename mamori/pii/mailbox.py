"""Tell an organisation's mailbox from a person's by what its local part spells and where it is.

``ROLE_MAILBOX`` knows the role words every company uses (info@, support@, noreply@). A
department, a system or a project has mailboxes named after itself too (joho@, hisho@, design@,
dev-iot@, zabbix@, lab-envmat@), more than any list holds. A person's mailbox at an organisation spells
the person's name: taro.yamada@, t.yamada@, tyamada@, yamada_t@, yamada2@, or a staff number. So at a
domain of an organisation (``.co.jp``, ``.or.jp``, ``.ac.jp``, ``.go.jp``, ``.lg.jp``, an intranet's
``.local``, or a domain the text also gives a role mailbox) a mailbox whose words are not all name
readings (a dictionary surname or given name in romaji, alone or with an initial) is the
organisation's. A mailbox in a mail header whose display name is an organisation (``全国健康保険協会
長野支部 <…>``) is too. A free-mail or carrier domain (gmail.com, docomo.ne.jp) is not an organisation's:
``hanako-love@`` there stays a person's. Nothing here reads a line that names a person: the caller
keeps those mailboxes personal.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from email.errors import HeaderParseError
from email.header import decode_header, make_header
from functools import lru_cache

from mamori.pii.dictionaries import given_readings, surname_readings
from mamori.pii.mail_names import is_romaji_name
from mamori.pii.names import parse_name

_ORG_DOMAIN = re.compile(
    r"\.(?:co|or|ac|go|lg|ed|gr|ad)\.jp\Z|\.(?:local|lan|internal|intra|corp|localdomain)\Z", re.IGNORECASE
)
# Free mail under an organisation's suffix: its mailboxes are anyone's.
_FREE_MAIL = frozenset({"yahoo.co.jp", "hotmail.co.jp", "excite.co.jp", "mail.goo.ne.jp"})
# A person's own mailbox: free mail and mobile carriers, here and in the countries customers write from.
_PERSONAL_DOMAINS = _FREE_MAIL | frozenset(
    {
        "gmail.com", "googlemail.com", "yahoo.com", "ymail.com", "icloud.com", "me.com", "mac.com",
        "outlook.com", "outlook.jp", "hotmail.com", "live.com", "live.jp", "msn.com", "aol.com",
        "docomo.ne.jp", "ezweb.ne.jp", "au.com", "softbank.ne.jp", "i.softbank.jp", "ymobile.ne.jp",
        "naver.com", "daum.net", "hanmail.net", "kakao.com", "qq.com", "163.com", "126.com",
    }
)  # fmt: skip
_MAIL_HEADERS = ("From", "To", "Cc", "CC", "Bcc", "Reply-To", "Sender", "差出人", "宛先", "送信者")
_SPACE = re.compile(r"[ \u3000]+")
_WORDS = re.compile(r"[A-Za-z]+")
# A line naming a mailbox's owner before it: mail headers, and git's author lines (Author: 栗林 昭雄 <dev0@…>).
_HEADER = re.compile(
    r"\s*(?:From|To|Cc|CC|Bcc|Reply-To|Sender|差出人|宛先|送信者|Author|Committer|Signed-off-by|Co-authored-by|"
    r"Reviewed-by|Reported-by|Acked-by): ?"
)

# Hepburn and kunrei syllables to katakana, longest first: enough to read a name written in romaji.
_SYLLABLES = {
    "kya": "キャ", "kyu": "キュ", "kyo": "キョ", "sha": "シャ", "shu": "シュ", "sho": "ショ", "she": "シェ",
    "cha": "チャ", "chu": "チュ", "cho": "チョ", "nya": "ニャ", "nyu": "ニュ", "nyo": "ニョ", "hya": "ヒャ",
    "hyu": "ヒュ", "hyo": "ヒョ", "mya": "ミャ", "myu": "ミュ", "myo": "ミョ", "rya": "リャ", "ryu": "リュ",
    "ryo": "リョ", "gya": "ギャ", "gyu": "ギュ", "gyo": "ギョ", "bya": "ビャ", "byu": "ビュ", "byo": "ビョ",
    "pya": "ピャ", "pyu": "ピュ", "pyo": "ピョ", "sya": "シャ", "syu": "シュ", "syo": "ショ", "tya": "チャ",
    "tyu": "チュ", "tyo": "チョ", "shi": "シ", "chi": "チ", "tsu": "ツ", "ja": "ジャ", "ju": "ジュ", "jo": "ジョ",
    "ji": "ジ", "zya": "ジャ", "zyu": "ジュ", "zyo": "ジョ",
    "ka": "カ", "ki": "キ", "ku": "ク", "ke": "ケ", "ko": "コ", "sa": "サ", "si": "シ", "su": "ス", "se": "セ",
    "so": "ソ", "ta": "タ", "ti": "チ", "tu": "ツ", "te": "テ", "to": "ト", "na": "ナ", "ni": "ニ", "nu": "ヌ",
    "ne": "ネ", "no": "ノ", "ha": "ハ", "hi": "ヒ", "fu": "フ", "hu": "フ", "he": "ヘ", "ho": "ホ", "ma": "マ",
    "mi": "ミ", "mu": "ム", "me": "メ", "mo": "モ", "ya": "ヤ", "yu": "ユ", "yo": "ヨ", "ra": "ラ", "ri": "リ",
    "ru": "ル", "re": "レ", "ro": "ロ", "wa": "ワ", "wo": "ヲ", "ga": "ガ", "gi": "ギ", "gu": "グ", "ge": "ゲ",
    "go": "ゴ", "za": "ザ", "zi": "ジ", "zu": "ズ", "ze": "ゼ", "zo": "ゾ", "da": "ダ", "di": "ヂ", "du": "ヅ",
    "de": "デ", "do": "ド", "ba": "バ", "bi": "ビ", "bu": "ブ", "be": "ベ", "bo": "ボ", "pa": "パ", "pi": "ピ",
    "pu": "プ", "pe": "ペ", "po": "ポ", "a": "ア", "i": "イ", "u": "ウ", "e": "エ", "o": "オ",
}  # fmt: skip


@lru_cache(maxsize=4096)
def to_katakana(word: str) -> str | None:
    """Return ``word`` in romaji read as katakana (sasaki → ササキ, ohno → オオノ), or None."""
    word = word.lower()
    out: list[str] = []
    i = 0
    while i < len(word):
        for size in (3, 2, 1):
            kana = _SYLLABLES.get(word[i : i + size])
            if kana:
                out.append(kana)
                i += size
                break
        else:
            ch = word[i]
            nxt = word[i + 1 : i + 2]
            if ch == "n" and nxt not in ("a", "i", "u", "e", "o", "y"):
                out.append("ン")
            elif ch == nxt and ch in "kstpc":
                out.append("ッ")  # hattori, kitta
            elif ch == "h" and out and out[-1][-1] in _O_ROW:
                out.append("ウ")  # ohno, satoh: a long vowel written with h
            elif ch == "m" and nxt in ("b", "p", "m"):
                out.append("ン")  # homma, sampei
            else:
                return None
            i += 1
    return "".join(out)


_O_ROW = frozenset("オコソトノホモヨロゴゾドボポョ")
_U_ROW = frozenset("ウクスツヌフムユルグズヅブプュ")


def _short(kana: str) -> str:
    """Return a reading without its long vowels, as romaji writes them (サトウ, オオノ, ユウスケ → サト, オノ, ユスケ)."""
    out: list[str] = []
    for ch in kana:
        if out and ((ch in "ウオ" and out[-1] in _O_ROW) or (ch == "ウ" and out[-1] in _U_ROW)):
            continue
        out.append(ch)
    return "".join(out)


@lru_cache(maxsize=1)
def _readings() -> tuple[frozenset[str], frozenset[str]]:
    """Return the surname and the given-name readings without their long vowels."""
    return frozenset(map(_short, surname_readings())), frozenset(map(_short, given_readings()))


def _reads_as(word: str, given: bool) -> bool:
    """Return whether a romaji word is a surname, or when ``given`` a given name, or a surname with an initial."""
    surnames, given_names = _readings()
    kana = to_katakana(word)
    if kana and (_short(kana) in surnames or (given and _short(kana) in given_names)):
        return True
    for cut in (1, 2):  # an initial or two glued to the surname: tyamada, yamadat, tkyamada
        if len(word) >= cut + 4:
            for part in (word[cut:], word[:-cut]):
                kana = to_katakana(part)
                short = _short(kana) if kana else ""
                if (len(short) >= 3 and short in surnames) or (kana and kana + "ウ" in surname_readings()):
                    return True  # e + inou (イノ) is no initial and a surname; k + sato (サトウ) is
    return False


def spells_a_name(local: str) -> bool:
    """Return whether a mailbox's local part spells a person's name, or holds no word (a staff number).

    One word alone must be a surname (yamada, tyamada, yamadat, satoh); with another word or an initial
    each is a surname or a given name (taro.yamada, t.yamada, yuki_s, hanako_s, yusuke.ito). Department, system
    and project words are not (design, dev-iot, lab-envmat, midori-seikotsu, joho).
    """
    tokens = _WORDS.findall(local)
    words = [w for w in tokens if len(w) > 1]
    if len(tokens) == 1:  # one word alone: a surname (a given name with an initial: hanako_s)
        return _reads_as(words[0].lower(), given=False) if words else True
    if not all(_reads_as(w.lower(), given=True) for w in words):
        return False
    # Two words of a person's mailbox are a given name and a surname; two places are an office's
    # (tsuyama-kita: 津山 北, a place and a quarter that are surnames too).
    return len(words) < 2 or any(_given(w.lower()) for w in words)


def _given(word: str) -> bool:
    """Return whether a romaji word reads as a given name."""
    kana = to_katakana(word)
    return kana is not None and _short(kana) in _readings()[1]


def in_url(text: str, start: int) -> bool:
    """Return whether the address at ``start`` is the credentials of a URL (https://key@host/…)."""
    lo = max(0, start - 200)
    if text.find("://", lo, start + 1) < 0:
        return False  # no scheme in reach (a log's mailboxes): the token's start need not be found
    token_start = max(text.rfind(c, lo, start) for c in " \t\n\"'<(=") + 1
    return "://" in text[max(lo, token_start) : start + 1]


def _decoded(value: str) -> str:
    """Return a header value with its MIME encoded words (=?utf-8?b?…?=) decoded, or "" when they do not decode."""
    try:
        return str(make_header(decode_header(" ".join(value.split()))))
    except (ValueError, LookupError, UnicodeDecodeError, HeaderParseError):
        return ""


# What a business is, in romaji: a mailbox named with one (midori-seikotsu@, aoba-fc@, tanaka.shika@) is
# the business's at any domain, free mail too. A closed class: the kinds of shops, clinics, schools,
# trades and associations a mailbox is named after.
_BUSINESS_KINDS = frozenset(
    """seikotsu sekkotsu seikotsuin sekkotsuin shinkyu harikyu chiryoin shika dental clinic iin byoin byouin
    hospital naika geka ganka hifuka jibika shonika yakkyoku pharmacy kensetsu komuten koumuten kogyo kougyou
    sangyo sangyou shoji shouji shokai shoukai shoten shouten seisakusho unyu unso butsuryu fudosan fudousan
    juku gakuen gakuin hoikuen youchien yochien kyokai kyoukai kumiai jimusho ryokan hotel salon cafe
    restaurant shokudo bakery studio club kurabu dojo kyoshitsu kyousitsu noen nouen nojo noujo jinja
    shakyo kyogikai kominkan yakusho yakuba pta jichikai chonaikai kodomokai fc sc hair nail esthe atelier
    kobo koubou works design dojo taiiku""".split()
)
_GLUED_KINDS = tuple(kind for kind in _BUSINESS_KINDS if len(kind) >= 5)  # sakuraseikotsu, yamadakensetsu


def names_a_business(local: str) -> bool:
    """Return whether a mailbox's local part says what business it is (midori-seikotsu, aoba-fc)."""
    for word in _WORDS.findall(local.lower()):
        if word in _BUSINESS_KINDS or (len(word) > 6 and word.endswith(_GLUED_KINDS)):
            return True
    return False


# Words after a place in a branch's name: 豊田営業所, 大野支店 (the analyser reads 豊田, 大野 as surnames).
_BRANCH = frozenset(
    "支店 支社 営業 営業所 出張 出張所 支所 店 本店 校 分校 工場 事業 事業所 センター 倉庫 物流".split()
)


@lru_cache(maxsize=1024)
def _name_readings(name: str, surnames: bool) -> frozenset[str]:
    """Return the readings (without long vowels) of the words of ``name`` and of two or three in a row.

    Person names count only when ``surnames`` (an organisation named after its owner: 山田工務店).
    """
    from mamori.pii.analyser import tagger  # the analyser loads its dictionary on first use

    analyser = tagger()
    if analyser is None:
        return frozenset()
    tokens = list(analyser(name))
    words = [
        _short(token.feature.kana or "")
        if surnames
        or token.feature.pos3 != "人名"
        or (i + 1 < len(tokens) and tokens[i + 1].surface in _BRANCH)
        else ""
        for i, token in enumerate(tokens)
    ]
    readings = set()
    for i in range(len(words)):
        for size in (1, 2, 3):
            part = words[i : i + size]
            if len(part) == size and all(part):
                readings.add("".join(part))
    return frozenset(readings)


def named_after(local: str, name: str, surnames: bool = True) -> bool:
    """Return whether a mailbox's local part spells a word of the organisation's ``name``.

    A branch's mailbox is named after its place (``komaki@`` under ``西濃運輸 小牧支店``,
    ``nagoya-hojin@`` of ``名古屋法人営業部``), a shop's after its name (``hanabusa.kyoto@`` of ``京料理
    はなぶさ``): one romaji word of three letters or more that reads as a word (or two or three words
    in a row) of the name.
    """
    readings = None
    for word in _WORDS.findall(local.lower()):
        if len(word) < 3:
            continue
        kana = to_katakana(word)
        if kana is None:
            continue
        if readings is None:
            readings = _name_readings(name, surnames)
        if _short(kana) in readings:
            return True
    return False


def named_like_its_domain(address: str) -> bool:
    """Return whether a local part is a word of its domain's name: the organisation's own mailbox.

    ``aoi@aoi-shoten…`` of あおい書店, ``minori@ja-minori…`` of JAみのり, ``minori@minori.co.jp``; not a
    person's own domain spelling only names (``taro@taro-yamada.example.com``), nor ``aoi.tanaka@aoi-shoten…``.
    """
    at = address.rfind("@")
    local, domain = address[:at].lower(), address[at + 1 :].lower()
    parts = domain.split(".")[0].split("-")
    if local not in parts:
        return False
    return _ORG_DOMAIN.search(domain) is not None or not all(spells_a_name(part) for part in parts)


def org_mailbox_by_address(
    address: str, role_domains: Callable[[], frozenset[str]], by_domain: bool = False
) -> bool:
    """Return whether ``address`` is at an organisation's domain and spells no person's name.

    A local part that names a kind of business (``midori-seikotsu``) is one at any domain, and with
    ``by_domain`` one that is a word of its domain's name (``aoi@aoi-shoten…``).
    ``role_domains`` gives the domains of the text's role mailboxes, asked only when the domain's
    suffix does not tell.
    """
    at = max(address.rfind("@"), address.rfind("＠"))
    if names_a_business(address[:at]) or (by_domain and named_like_its_domain(address)):
        return True  # midori-seikotsu@; with no name beside it, aoi@aoi-shoten… (named like its domain)
    domain = address[at + 1 :].lower()
    if domain in _FREE_MAIL or not (_ORG_DOMAIN.search(domain) or domain in role_domains()):
        return False
    return not spells_a_name(address[:at])


def block_mailbox(text: str, start: int, end: int, block_start: int) -> bool:
    """Return whether the mailbox ``text[start:end]`` in a business's block (from ``block_start``) is its own.

    It spells no name (a shop's ``kyo-hanabusa@gmail.com``) or one the block's words read as
    (``hanabusa.kyoto@`` under ``京料理 はなぶさ``); but a free-mail or carrier mailbox on a mail header's
    line with no display name is a person's (``From: <s.kang88@gmail.com>`` to ``info@…``: a customer
    writing in), while ``From: 甘味処 ふじなみ <fujinami.gion@gmail.com>`` is read by its name as before.
    """
    address = text[start:end]
    at = address.rfind("@")
    if address[at + 1 :].lower() in _PERSONAL_DOMAINS:
        header = _HEADER.match(text, text.rfind("\n", 0, start) + 1)
        if header is not None and not text[header.end() : start].strip(" \t<\"'"):
            return False
    return not spells_a_name(address[:at]) or named_after(
        address[:at], text[block_start:start], surnames=False
    )


def org_mailbox(
    text: str,
    start: int,
    end: int,
    org: re.Pattern[str],
    role_domains: Callable[[], frozenset[str]],
    person_starts: list[int],
) -> bool | None:
    """Return whether the mailbox ``text[start:end]`` of a mail header's line is an organisation's.

    Its display name decides: an organisation's (``全国健康保険協会 長野支部 <…>``) yes, a name the engine
    found no; the address decides with a display name that is neither (``全社員 <all@…>``) or none.
    None when the line is no header.
    """
    line_start = text.rfind("\n", 0, start) + 1
    header = _HEADER.match(text, line_start)
    for _ in range(3):  # a folded header: the address on a continuation line (From:\n =?utf-8?…?=\n <…>)
        if header is not None or line_start < 2 or text[line_start] not in " \t":
            break
        line_start = text.rfind("\n", 0, line_start - 1) + 1
        header = _HEADER.match(text, line_start)
    if header is None:
        return None
    lt = text.rfind("<", header.end(), start)
    if lt >= 0:
        name_start = max(header.end(), max(text.rfind(c, header.end(), lt) for c in ",;>") + 1)
        if "=?" in text[name_start:lt]:  # a display name left MIME-encoded (a mailbox file read as text)
            display = _decoded(text[name_start:lt])
            if org.search(display):
                return not spells_a_name(text[start:end].split("@")[0])
            return org_mailbox_by_address(text[start:end], role_domains)
        last = None
        for last in org.finditer(text, name_start, lt):  # noqa: B007 - the last organisation word counts
            pass
        i = bisect_left(person_starts, last.start() + 1 if last else name_start)
        if i < len(person_starts) and person_starts[i] < lt:
            return False  # From: 石井加奈 <ishiikana88@…>, 株式会社ABC 山田 太郎 <…>
        if last is not None:
            # 全国健康保険協会 長野支部 <…>; a name's mailbox stays (山田（株式会社ABC） <yamada@…>)
            rest = text[last.end() : lt].strip(' "\u3000')
            starts = [0] + [m.end() for m in _SPACE.finditer(rest)]
            if rest and any(parse_name(rest, i, strict=True) == len(rest) for i in starts):
                return False  # 株式会社ABC 山田 太郎 <…>: the person at the organisation
            local = text[start:end].split("@")[0]
            # komaki@ of 西濃運輸 小牧支店: a branch's mailbox named after its place, a surname too
            return not spells_a_name(local) or named_after(local, text[name_start:lt], surnames=False)
        name = text[name_start:lt].strip(' "')
        if name and (parse_name(name, 0) == len(name) or (" " in name and is_romaji_name(name))):
            return False  # a name the display holds, found by the engine or not (Reply-To: 栗林 昭雄 <…>)
        if name and not header.group().lstrip().startswith(_MAIL_HEADERS):
            return False  # git's author lines name a person unless an organisation (Author: 犬養 瑛太 <…>)
        if name:  # 雲母坂 透 <sakura@sakura-dc…>: a display name no organisation's, not named like the domain
            return org_mailbox_by_address(text[start:end], role_domains) or section_sender(
                text, start, end, person_starts
            )
    # From: doboku@… of a message signed 建設課 土木係 and no person: the section's
    return org_mailbox_by_address(text[start:end], role_domains, by_domain=True) or section_sender(
        text, start, end, person_starts
    )


# The romaji of a Japanese office's or school's sections, bare or glued to 部 / 課 / 室 / 係 (nyushi@,
# kyomu@, jinjibu@, soumuka@), and of the services a shop books (shaken@ 車検, tenken@ 点検, seibi@ 整備):
# words of an organisation's work, none a name's reading (hoken, haisou, kaitori read as names: left out).
_DEPARTMENT_ROMAJI = tuple(
    stem + suffix
    for stem in (
        "nyushi nyuushi nyusi nyugaku nyuugaku kyomu kyoumu gakumu gakusei shomu shoumu kaikei zaimu "
        "hisho kikaku kouhou boshu bosyu moshikomi moushikomi annai kenshu kensyu sodan soudan kyujin "
        "kyuujin nyukai nyuukai jinji soumu somu keiri saiyo saiyou eigyo eigyou gyomu gyoumu kanri uketsuke "
        "yoyaku shaken tenken seibi kensa shuri syuri hanbai satei kessai rental "
        # a town hall's and a works' sections (土木課, 道路課, 河川係, 契約管財課, 出荷係)
        "doboku douro doro kasen keikaku kankyo kankyou kyoiku kyouiku zeimu shimin jumin juumin "
        "suido suidou gesui gesuido nosei norin nourin shoko shoukou bosai bousai kaigo keiyaku shisetsu "
        "shukka butsuryu sekkei hinkan chiiki kotsu koutsu nenkin kokuho kosodate"
    ).split()
    for suffix in ("", "bu", "ka", "shitsu", "situ", "gakari", "kakari")
)
_ROLES = (
    r"info|information|noreply|no-reply|no_reply|donotreply|do-not-reply|support|sales|contact|"
    r"admin|office|webmaster|postmaster|hostmaster|service|services|help|helpdesk|inquiry|inquiries|"
    r"toiawase|otoiawase|hr|hojin|houjin|recruit|press|pr|billing|invoice|accounting|"
    r"order|orders|shop|store|customer|cs|media|koho|team|desk|center|marketing|news|"
    r"newsletter|notification|notifications|alert|alerts|system|abuse|security|privacy|legal|"
    r"kojinjoho|mailer-daemon|bounce|reception|general|staff|jimukyoku|jimu|purchase|purchasing|"
    r"procurement|koubai|kobai|shiire|"
    r"reservation|reservations|madoguchi|front|frontdesk|hello|mail|enquiry|enquiries|"
    r"quality|qa|hinshitsu|support-desk|tech|partner|partners|vendor|vendors|career|careers|jobs|"
    r"recruiting|ir|csr|school|juku|clinic|dental|daihyo|honbu|kyoukai|kumiai|report|reports|"
    r"root|cron|batch|daemon|monitor|monitoring|ops|it|sysadmin|backup|"
    # build and deploy accounts committing to a repository (Author: build-ci <ci@…>)
    r"ci|cd|build|builder|buildbot|deploy|deployer|release|bot|robot|jenkins|github-actions|gitlab-runner|"
    r"gitlab-ci|dependabot|renovate|circleci|" + "|".join(_DEPARTMENT_ROMAJI)
)
# A role word first (info@, sales.tokyo@) or last (web-info@, tokyo.sales@) of the mailbox.
ROLE_MAILBOX = re.compile(
    rf"(?:{_ROLES})(?:[._+-][A-Za-z0-9]+)*@|(?:[A-Za-z0-9]+[._+-])+(?:{_ROLES})@",
    re.IGNORECASE,
)
# The first and the last word of each role (no-reply: no, reply): a mailbox starts with a role's first
# word or ends with a role's last word, or ROLE_MAILBOX cannot match it.
_ROLE_FIRST = frozenset(re.split(r"[._+-]", role)[0] for role in _ROLES.split("|"))
_ROLE_LAST = frozenset(re.split(r"[._+-]", role)[-1] for role in _ROLES.split("|"))
_LOCAL_SEP = re.compile(r"[._+-]")


def is_role_mailbox(address: str) -> bool:
    """Return whether ``ROLE_MAILBOX`` matches ``address`` (info@, sales.tokyo@, web-info@).

    An ASCII mailbox whose first and last words are no role's (yamada.taro@, user123@) is told without
    the regex, which tries every role in turn, case-insensitively: 20,000 instructions a mailbox.
    """
    at = address.find("@")
    if at < 0:
        return False
    if address.isascii():
        words = _LOCAL_SEP.split(address[:at].lower())
        if words[0] not in _ROLE_FIRST and words[-1] not in _ROLE_LAST:
            return False
    return ROLE_MAILBOX.match(address) is not None


# The sender's header line, and a line of a signature that names a section (…課, …係, …室) as its last word.
_SENDER = re.compile(r"(?:From|Sender|Reply-To|差出人|送信者)[ \t]*[:：]")
_SECTION_LINE = re.compile(r"[\u4e00-\u9fff](?:課|係|室|班)[ \t\u3000]*$", re.MULTILINE)


def section_sender(text: str, start: int, end: int, person_starts: list[int]) -> bool:
    """Return whether the sender's mailbox at ``start:end`` is a section's: the message is signed only by one.

    ``From: doboku@…`` over a body whose last paragraph names a section (``西尾町 建設課 河川係``) and
    no person (no name found from that paragraph on) is the section's, when the mailbox spells no name
    (``kato@``, ``kouwan.omori@`` stay the person's).
    """
    line_start = text.rfind("\n", 0, start) + 1
    if not _SENDER.match(text, line_start) or any(
        spells_a_name(word) for word in _LOCAL_SEP.split(text[start:end].split("@")[0])
    ):
        return False  # kato@, kouwan.omori@: a person's
    body = text.find("\n\n", end)
    last = None
    for last in _SECTION_LINE.finditer(text, 0 if body < 0 else body):  # noqa: B007 - the signature's
        pass
    if last is None:
        return False
    paragraph = text.rfind("\n\n", 0, last.start()) + 1
    return bisect_left(person_starts, paragraph) == len(person_starts)
