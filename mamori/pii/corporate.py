"""Tell an organisation's own contact data (head office, TEL/FAX, 振込先, info@) apart from a person's.

A phone number, address, postal code, bank account or e-mail address that sits in a block about an
organisation belongs to that organisation, and a role mailbox (info@, noreply@, jimukyoku@) belongs to
nobody in particular: neither is personal data, and neither makes a file "personal". Organisations are
not only companies (株式会社 / 御中 / 本社 / 代表 / 振込先): a clinic (…歯科クリニック, 医院), a school and its
branches (本校, 駅前校, 塾), a public office (保健所, 区役所), an association (協会, 組合, NPO法人, 事務局),
a shop or branch named before its contacts (家電のサトウ 松本店), a business named without its legal
form (鈴木工務店, 丸山商会), a venue (…ホール, …会館, ホテル …), a section of an office (環境政策課),
a department (# 品質保証部).
Names are never corporate: ``担当：山田`` in such a block stays a PERSON, and a person named on the
line between the organisation and the value owns it (営業部 山﨑 健二 → 090-…). A line that speaks of a
person (様, 自宅, 携帯, 氏名, 患者, 保護者) keeps its data personal; so does a mobile number with no phone
label after a name the engine may not know, and an address whose next line is its addressee (山田 太郎
様). A table whose rows are organisations or sites (a 店舗名 / 拠点名 / 取引先名 / 物件名 / 業者名 /
所在地 column and no person column such as オーナー名, 入居者 or any the table reader takes for names)
holds corporate data on every row. A block (lines between blank lines) that holds a role mailbox, a
free dial or a business's hours (営業時間, 定休日, 診療時間) and no person is an organisation's contact
box even when its name is far above (a web page's footer). A phone number assigned to an upper-case
constant of source code or to a settings key of the company's own contacts (office_tel) is the
program's. Placeholder values
(``user@example.com``, ``090-1234-5678``) are dropped first (``placeholder.py``): they are nobody's.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left

from mamori.pii.accounts import addressed_organisation, in_bank_name, organisation_holds, person_holds
from mamori.pii.brand_words import brand_words, read_contacts
from mamori.pii.code_constants import in_constant
from mamori.pii.departments import DEPARTMENT
from mamori.pii.desk_phone import desk_phone
from mamori.pii.mailbox import (
    block_mailbox,
    is_role_mailbox,
    named_after,
    org_mailbox,
    org_mailbox_by_address,
    spells_a_name,
)
from mamori.pii.officers import issuer_officers, issuer_titled
from mamori.pii.org_tables import is_row, name_column, org_insert_rows, org_table_rows, staff_cells
from mamori.pii.owner import (
    MOBILE,
    fax_beside_phone,
    heading_owner,
    named_below,
    org_cell_name,
    org_column_tables,
    reader_calls,
    sender_columns,
    without_business_names,
)
from mamori.pii.placeholder import drop_marked_examples, drop_placeholders
from mamori.pii.sites import site_address
from mamori.pii.spans import Span
from mamori.pii.spots import spot_phone
from mamori.pii.word_index import WordIndex

# Labels that an organisation has too; identifiers such as My Number or a card never are corporate.
CORPORATE_LABELS = frozenset({"PHONE", "ADDRESS", "POSTAL_CODE", "EMAIL", "BANK_ACCOUNT"})

_DEPARTMENTS = (
    "品質保証 品質管理 営業 総務 経理 購買 製造 技術 開発 広報 業務 物流 人事 法務 管理 採用".split()
)
_ORG_WORDS = (
    r"株式会社|有限会社|合同会社|合資会社|社団法人|財団法人|社会福祉法人|医療法人|学校法人|協同組合|"
    r"\(株\)|（株）|㈱|\(有\)|（有）|㈲|御中|本社|支社|営業所|事業所|出張所|工場|"
    r"代表電話|代表番号|代表 ?(?:TEL|Tel|電話)|代表(?=[ 　]*[:：]?[ 　]*[(（]?[0０])|会社概要|会社情報|振込先|お振込先|法人番号|登録番号|"
    r"適格請求書|発行元|担当部署|部署|相談室|事務局|窓口|お問い合わせ先|Co\.,? ?Ltd|Inc\.|Corporation|K\.K\.|LLC|"
    r"デスク(?!トップ|ワーク)|ダイヤル(?!イン)|ホットライン|ヘルプライン|サポートライン|インフォメーション|"  # ヘルプデスク
    # Organisations that are not companies: a clinic, a school and its branches, a public office, an
    # association, a department named as the owner of a number (# 品質保証部).
    r"クリニック|医院|歯科|病院|診療所|整骨院|接骨院|治療院|鍼灸院|美容院|薬局|学校|学園|学院|本校|分校|"
    r"校(?<=[\u4e00-\u9fff\u30a1-\u30fa]校)(?![長正閲了])|"
    r"塾|教室|スクール|幼稚園|保育園|保育所|保健所|役所|役場|県庁|都庁|府庁|警察署|消防署|税務署|公民館|"
    r"協会|組合|連合会|商工会|法人|財団|社団|NPO|機構|センター|事務所|本部|大学|学部|研究所|ホテル|旅館|会館|"
    r"局(?<=[\u4e00-\u9fff]局)(?<!結局)(?![長面])|当院|当社|当店|当校|当館|弊社|弊院|"
    r"課(?<=[\u4e00-\u9fff]課)(?<!日課)(?![長題金税程後])|館(?<=[\u4e00-\u9fff\u30a1-\u30fa]館)(?![長内])|ホール|"
    # a business named without its legal form (鈴木工務店, 田中建設, 丸山商会), an event's organisers
    r"商会|商事|商店|工業|産業|建設|工務店|製作所|運輸|物産|興業|電機|不動産|信用金庫|信用組合|"
    r"主催|共催|後援|協賛|勤務地|"
    # a company named after a label that says it is one (点検会社：…サービス（086-…）, 施工業者：…)
    r"会社(?=\s*[:：])|業者(?=\s*[:：])|業社(?=\s*[:：])|就業場所|勤務先|物件(?:所在地|名|概要|情報|[A-ZＡ-Ｚ0-9０-９①-⑳](?![0-9０-９]))|倉庫|返品先|"
    # a venue or meeting point, a co-op's offices, a shop or tenant that moves (移転: persons 転居)
    r"会場|開催場所|開催地|集合場所|公園|プール|アリーナ|スタジアム|グラウンド|道場|球場|競技場|運動場|動物園|植物園|遊園地|"
    r"温泉|展望台|JA|農協|本所|支所|ハローワーク|店舗|テナント|移転|"
    r"ステーション|デイサービス|デイケア|グループホーム|"  # care offices: 訪問看護ステーションちゅら
    r"内科|外科|小児科|眼科|皮膚科|耳鼻科|耳鼻咽喉科|婦人科|神社|教会|自治会|町内会|PTA|生協|協議会|"
    r"商店街|サロン|スタジオ|工房|倶楽部|クラブ|ゴルフ場|寺務所|社務所|カフェ|Café|Cafe|CAFE|レストラン|居酒屋|食堂|"
    r"ベーカリー|料理|料亭|寿司|鮨|ビストロ|ダイニング|割烹|懐石|菓子処|菓子舗|和菓子|洋菓子|茶舗|茶房|蕎麦|手打|"
    r"酒造|醸造|呉服|精肉|鮮魚|青果|生花|釣具|本舗|"
    # a newspaper's dealer and other desks that take orders (朝日新聞 みどり台販売所, 直売所, 案内所)
    r"販売所|専売所|取扱所|取次所|直売所|案内所|"
    # a business's own page and labels (特定商取引法に基づく表記: 販売業者, 屋号, 店名)
    r"特定商取引法|特商法|販売業者|販売事業者|事業者名|屋号|店名|商号|"
    # clubs and groups of volunteers, and the labels of a group's form (チーム名：…少年団)
    r"少年団|同好会|愛好会|保存会|実行委員会|サークル|チーム名|団体名|"
    # associations of a profession or a place (社会保険労務士会, 歯科医師会, 商工会議所, 同窓会, 工業会)
    r"士会|師会|会議所|同窓会|後援会|振興会|育成会|工業会|学会|県人会|友の会|連盟|"
    r"請求元|送信元|発送元|販売元|製造元|提供元|運営元|発売元|輸入元|出荷元|"
    r"室(?<=[\u4e00-\u9fff\u30a1-\u30fa]室)(?<!号室)(?![長内])|係(?<=[\u4e00-\u9fff]係)(?<!関係)(?![長数])|"
    # Every branch starts with a literal character (a lookbehind goes after it: 校(?<=…校)), so that the
    # regex engine skips to the characters that can start one; a branch that starts with a group or a
    # lookbehind makes each search try every position, 30 times slower on a text without these words.
    + "|".join(f"{dept}{unit}(?!長)" for dept in _DEPARTMENTS for unit in ("部", "課", "担当", "窓口"))
    + f"|{DEPARTMENT}"  # any department before 部 (制作部, 編集部), not a surname (阿部) nor a part (一部)
)
# A shop or a branch named before its contacts (家電のサトウ 松本店); not for an account, whose bank's
# branch (みどり銀行 本店 普通 1234567) is part of every account, a person's too.
_ORG = re.compile(_ORG_WORDS + r"|銀行|支店|本店|店(?<=[\u4e00-\u9fff\u30a1-\u30fa]店)(?![長員主頭舗内])")
_ORG_FOR_ACCOUNTS = re.compile(_ORG_WORDS)
# 自宅, but not a notice's words to its reader (ご自宅で / ご自宅に …試します): the reader's home is nobody's.
_HOME = r"自宅(?<!ご自宅)|ご自宅(?![でにへ]|まで)"
# Words that put a person on the line (or in the block): their data stays personal.
_PERSON_LINE = re.compile(
    r"様(?<!お客様)|殿(?<!御殿)(?![\u3400-\u9fff])|"
    + _HOME
    + r"|携帯|Mobile|mobile|個人(?!情報)|本人|生年月日|お届け先|送付先|ご住所"
    + r"|お客様(?!センター|相談|ご相談|窓口|サポート|ダイヤル|係|専用|サービス|コール)"  # not a desk's name
)
_PERSON_BLOCK = re.compile(
    r"氏名|名前|"
    + _HOME
    + r"|個人番号|緊急連絡先|ご本人|生年月日|続柄|お客様情報|患者|保護者|生徒|申込者|契約者|入居者|会員番号|顧客"
    r"|社員番号|従業員番号|職員番号|所(?<![^\s,]所)属(?![)）])"  # an employee's 所属：製造部, not …（…会所属）
    r"|相続人|申請人|申立人|届出人"  # a filing's party: its address under 法務局 御中 is the heir's
    # a consultation record's client as a field (相談者：, 相談者の連絡先), not a notice's ご相談者の方は:
    # 当センター / 相談センター there is who took the call
    + "".join(
        f"|{word}(?=[:：\\t (（]|名|氏名|の?(?:連絡先|電話|住所|携帯))" for word in ("相談者", "来談者")
    )
)
_PERSON_WORDS = re.compile(f"{_PERSON_LINE.pattern}|{_PERSON_BLOCK.pattern}")
_PERSON_MARGIN, _ORG_MARGIN = 8, 13  # word_index.margin_of each: the longest word and its look-ahead
# A notice's sentence about whoever it serves (患者様には…対応します, お客様は…) names no one: a pharmacy's
# posted notice keeps its footer's address and numbers the pharmacy's.
_GENERAL_ADDRESSEE = re.compile(
    r"(?:患者|お客|利用者|ご利用者|入居者|会員|保護者)(?:様|さま)(?:には|は|が|へ|にも|も)"
)


# Numbers no person has: free dial, navi dial and the like are always an organisation's.
_SERVICE_NUMBER = re.compile(r"\(?0(?:120|800|570|180|990)")
_BEFORE = 240  # characters of the block looked at before the line (a letterhead is a few lines)


def split(text: str, spans: list[Span]) -> tuple[list[Span], list[Span]]:
    """Return ``(personal, corporate)``: the spans of ``text`` that belong to persons and to companies."""
    spans = drop_placeholders(text, spans)
    spans = drop_marked_examples(text, spans)  # 例）記号 12 番号 345, 記入例：…, e.g.: a form's instructions
    spans = without_business_names(text, spans)  # 販売業者 京菓子処 こまち: the shop's name
    officers = issuer_officers(text, spans)  # 有限会社 比嘉造園 代表取締役 比嘉 盛男 in its own quote
    if not any(s.label in CORPORATE_LABELS for s in spans):
        return [s for s in spans if s.start not in officers], [s for s in spans if s.start in officers]
    has_org: bool | None = None  # looked up at the first value that needs it: a mail log never does
    org_rows, org_names = org_table_rows(text)
    org_lists, list_names = org_column_tables(text, _ORG, name_column, is_row)
    org_rows += org_lists
    org_rows += sender_columns(text, is_row)  # a shipping export's ご依頼主電話番号: the shipper's
    org_rows += org_insert_rows(text)  # INSERT INTO facility … VALUES: a seed of sites
    org_names = sorted(org_names + list_names)
    if org_names:
        spans = [s for s in spans if not org_cell_name(s, org_names)]
    person_starts = [s.start for s in spans if s.label in _PERSON_MARKS and s.start not in officers]
    staff = staff_cells(text)  # 従業員住所 under a site's name (本社, 天文館店): the employee's
    personal: list[Span] = []
    corporate: list[Span] = []
    signals: list[int] = []  # where a role mailbox or a service number says "an organisation's block"
    lines: dict[tuple[int, int], tuple[bool, bool, bool]] = {}  # what _in_company_block saw on a line
    row_lo = row_hi = -1  # the last line whose values are all personal (a row naming a person, 様 ...)
    roles_seen: list[frozenset[str]] = []  # the domains of role mailboxes, looked up at the first need
    words = (WordIndex(_PERSON_WORDS, text, _PERSON_MARGIN), WordIndex(_ORG, text, _ORG_MARGIN))
    for span in spans:
        if span.label not in CORPORATE_LABELS:
            (corporate if span.start in officers else personal).append(span)
        elif span.label == "EMAIL" and is_role_mailbox(span.text):
            corporate.append(span)
            signals.append(span.start)
        elif span.label == "PHONE" and _SERVICE_NUMBER.match(_nfkc(span.text).lstrip()):
            corporate.append(span)
            signals.append(span.start)
        elif staff and _in_cells(staff, span.start):
            personal.append(span)  # 従業員住所 in a list of sites: the employee's
        elif (
            org_rows
            and any(lo <= span.start < hi for lo, hi in org_rows)
            and not (span.label == "EMAIL" and spells_a_name(span.text[: span.text.rfind("@")]))
        ):
            corporate.append(span)  # a row of a list of organisations, but for a person's mailbox
        elif in_constant(text, span.start, span.label, person_starts) or (
            span.label == "PHONE" and reader_calls(text, span.start, span.end, _PERSON_WORDS, person_starts)
        ):
            corporate.append(span)
        elif row_lo <= span.start and span.end <= row_hi:
            personal.append(span)  # on a line whose values were all found personal
        elif span.label != "EMAIL" and site_address(text, span, spans, person_starts):
            corporate.append(span)  # a flat to let, an event's venue, a building; a shop's ご依頼主 TEL
        elif span.label == "EMAIL" and _org_mailbox(text, span, spans, person_starts, roles_seen, words):
            corporate.append(span)  # dev-iot@…co.jp, 全国健康保険協会 長野支部 <…>; no person on the line
        elif span.label == "EMAIL":
            personal.append(span)  # a named mailbox (yamada@) is a person's even on a letterhead
        elif span.label == "PHONE" and (
            spot_phone(text, span.start, person_starts) or desk_phone(text, span.start)
        ):
            corporate.append(span)  # ミキモト真珠島 TEL 0599-…, 堤防釣り場 TEL; through the office (097-…)
        elif not (
            has_org
            if has_org is not None
            else (has_org := _ORG.search(text) is not None or _contact_words(text))
        ):
            personal.append(span)
        elif _in_company_block(text, span, person_starts, lines):
            corporate.append(span)
        else:
            personal.append(span)
            row_lo, row_hi = _personal_line(text, span, lines)
    if personal and any(s.label in CORPORATE_LABELS for s in personal):
        if any(word in text for word in _BUSINESS_WORDS):  # str.find is far faster than the regex
            signals.extend(m.start() for m in _BUSINESS_INFO.finditer(text))
        signals.extend(fax_beside_phone(text, personal))  # TEL … FAX …: a letterhead's pair
        contacts = read_contacts(
            s.start for s in personal if s.label in CORPORATE_LABELS and not MOBILE.match(s.text.lstrip())
        )
        signals.extend(brand_words(text, contacts, _BEFORE))  # Bay English Academy, hair salon Lino
        if signals:
            signals.sort()
            personal, corporate = _beside_signals(text, personal, corporate, signals, person_starts)
        if not person_starts and _issuer_document(text):
            personal, corporate = _issuer_places(text, personal, corporate)
    return personal, corporate


# A document an organisation issues or publishes: a quote, an invoice, a delivery note (its title), a
# qualified invoice issuer's number (登録番号 T + 13 digits) or a web page's copyright line at its end.
_FOOTER_MARK = re.compile(r"©|\(c\)\s*\d{4}|All Rights Reserved|Copyright", re.I)
_FOOTER = 400  # characters of a page's end that hold its copyright line
_ISSUER_PLACES = 2  # distinct addresses an issuer prints (a head office and a branch); more are a list
# What stands before a lone address on its line: 〒 and its postal code, no label (住所：, a form's field).
# _PERSON_LINE's words, but 様 of a common word (仕様, 同様, 様式, 皆様) is no addressee in a whole block.
_PERSON_NEAR = re.compile(_PERSON_LINE.pattern.replace("様(", "(?<![仕模同多異一神皆])様(?![式子々相])(", 1))
_LONE_PLACE = re.compile(r"[ \t\u3000]*(?:〒?\s*\d{3}-?\d{4}[ \t\u3000]*)?〒?[ \t\u3000]*")


def _issuer_document(text: str) -> bool:
    """Return whether ``text`` is a document its issuer names itself in (見積書, 登録番号 T…, ©) with an organisation."""
    return (
        issuer_titled(text) or _FOOTER_MARK.search(text, max(0, len(text) - _FOOTER)) is not None
    ) and _ORG.search(text) is not None


def _issuer_places(text: str, personal: list[Span], corporate: list[Span]) -> tuple[list[Span], list[Span]]:
    """Move to ``corporate`` the addresses and postal codes of an issuer's document that names no person.

    A quote's or an invoice's issuer prints its 〒 and address where the layout puts it (a PDF of a
    workbook: after the totals, far from its name and TEL); a web page's footer puts it above a blank
    line and the clinic's name. With no person named in the whole document, an address in a block
    without a person's word (様, 氏名, 送付先, お客様 …) is the issuer's when nothing but 〒 and its postal
    code stands before it on its line: a form's labelled field (住所：…) is its applicant's.
    """
    if len({s.text for s in personal if s.label == "ADDRESS"}) > _ISSUER_PLACES:
        return personal, corporate  # a list of places: whose they are is no issuer's to say
    keep: list[Span] = []
    for span in personal:
        if span.label in ("ADDRESS", "POSTAL_CODE") and _LONE_PLACE.fullmatch(
            text, text.rfind("\n", 0, span.start) + 1, span.start
        ):
            lo, hi = _block(text, span.start)
            if _PERSON_NEAR.search(text, lo, hi) is None and _PERSON_BLOCK.search(text, lo, hi) is None:
                corporate.append(span)
                continue
        keep.append(span)
    corporate.sort(key=lambda s: s.start)
    return keep, corporate


# What marks a person where it stands: a name, or a birth date (代表社員予定：巾 達也（1957/11/20生）).
_PERSON_MARKS = frozenset({"PERSON", "DATE_OF_BIRTH"})


# Words of a business's own information block (opening hours, days closed, how to get there): a block
# that holds one and no person is the business's, wherever its name is.
_BUSINESS_INFO = re.compile(
    r"営業時間|定休日|診療時間|休診日|受付時間|開館時間|休館日|営業日|駐車場|徒歩\s?[0-9０-９]+\s?分"
)
# A word each branch of _BUSINESS_INFO holds: 休 alone is in names and in 休み, and then the regex ran.
_BUSINESS_WORDS = ("時間", "休日", "休診", "休館", "営業日", "駐車場", "徒歩")


def _contact_words(text: str) -> bool:
    """Return whether ``text`` has a word of a contact section's heading (ご予約, お問い合わせ, アクセス)."""
    return any(word in text for word in _CONTACT_WORDS)


_CONTACT_WORDS = ("予約", "問い合わせ", "問合せ", "問合わせ", "アクセス", "申込", "申し込")


def _org_mailbox(
    text: str,
    span: Span,
    spans: list[Span],
    person_starts: list[int],
    roles_seen: list[frozenset[str]],
    words: tuple[WordIndex, WordIndex],
) -> bool:
    """Return whether ``span`` is a mailbox of an organisation (``mailbox.org_mailbox``).

    Not in a block that names a person before it or on its line (a signature: 福田 結菜 / … / E-mail:
    fukuyui@…), but for a mail header's line, where only the mailbox's own display name counts
    (``To: 山田 太郎 <…>, 全社員 <all@…>``). ``roles_seen`` keeps the domains of the text's role
    mailboxes once looked up; ``words`` finds the person's and the organisation's words before it
    (a log of a mailbox a line asked each line over four times).
    """

    def roles() -> frozenset[str]:
        if not roles_seen:
            roles_seen.append(
                frozenset(
                    s.text[s.text.rfind("@") + 1 :].lower()
                    for s in spans
                    if s.label == "EMAIL" and is_role_mailbox(s.text)
                )
            )
        return roles_seen[0]

    verdict = org_mailbox(text, span.start, span.end, _ORG, roles, person_starts)
    if verdict is not None:
        return verdict  # a header's display name decided
    line_end = text.find("\n", span.end)
    line_end = len(text) if line_end < 0 else line_end
    i = bisect_left(person_starts, text.rfind("\n", 0, span.start) + 1)
    if i < len(person_starts) and person_starts[i] < line_end:
        return False  # a row or a line naming a person: the commonest case, looked at first
    lo, _hi = _block(text, span.start)  # a signature names its person before the mailbox
    i = bisect_left(person_starts, lo)
    if (i < len(person_starts) and person_starts[i] < line_end) or words[0].found(lo, line_end):
        return False
    if org_mailbox_by_address(span.text, roles, by_domain=True):
        return True
    last = None
    for last in _ORG.finditer(text, lo, span.start) if words[1].found(lo, span.start) else ():  # noqa: B007
        pass  # the nearest organisation named above
    if last is None:
        return False
    # A block of an organisation that names no person: its mailbox at any domain unless it spells a
    # name (umineko.za@gmail.com under 劇団うみねこ座 事務局), or one named after its place or name
    # (komaki@ under 西濃運輸株式会社 小牧支店)
    local = span.text[: span.text.rfind("@")]
    owner = text[text.rfind("\n", 0, last.start()) + 1 : last.end()]
    return not spells_a_name(local) or named_after(local, owner, surnames=False)


def _beside_signals(
    text: str, personal: list[Span], corporate: list[Span], signals: list[int], person_starts: list[int]
) -> tuple[list[Span], list[Span]]:
    """Move to ``corporate`` the contacts in a block that holds a role mailbox or a service number.

    A footer or contact box (``〒… / TEL … / info@…``) is an organisation's even when its name is far
    above (a web page's title): a person has no info@ mailbox or free dial. The block (the lines between
    blank lines) must name no person and hold no person's words (氏名, 様, 携帯 ...).
    """
    keep: list[Span] = []
    length = len(text)
    person = -_BEFORE - 1  # the person that kept the last span: on its line, the next is kept too
    for span in personal:
        if span.label in CORPORATE_LABELS:
            # The block holds at least the span's line within _BEFORE characters: a person there keeps
            # the span personal without looking for the blank lines (the rows of a list), a mailbox too
            # (_mailbox_beside_signals keeps one in a block naming a person).
            pos = span.start
            if (
                pos - _BEFORE <= person < pos + _BEFORE
                and person < length
                and text.find("\n", min(person, pos), max(person + 1, pos)) < 0
            ):
                keep.append(span)  # the person found for a span before, on this line and in the window
                continue
        if span.label == "EMAIL" and _mailbox_beside_signals(text, span, signals, person_starts):
            corporate.append(span)
            continue
        if span.label in CORPORATE_LABELS and span.label != "EMAIL" and not _held(text, span):
            pos = span.start
            lo = max(0, pos - _BEFORE)
            hi = min(length, pos + _BEFORE)
            line_start = text.rfind("\n", lo, pos) + 1 or lo
            line_end = text.find("\n", pos, hi)
            j = bisect_left(person_starts, line_start)
            if j < len(person_starts) and person_starts[j] < (hi if line_end < 0 else line_end):
                person = person_starts[j]
                keep.append(span)
                continue
            lo, hi = _block(text, pos)
            i = bisect_left(signals, lo)
            j = bisect_left(person_starts, lo)
            if (
                i < len(signals)
                and signals[i] < hi
                and not (j < len(person_starts) and person_starts[j] < hi)
                and _PERSON_LINE.search(text, lo, hi) is None
                and _PERSON_BLOCK.search(text, lo, hi) is None
            ):
                corporate.append(span)
                continue
        keep.append(span)
    corporate.sort(key=lambda s: s.start)
    return keep, corporate


def _held(text: str, span: Span) -> bool:
    """Return whether ``span`` is an account a person's name in kana holds (普通 2281904 クリハラ レン)."""
    return span.label == "BANK_ACCOUNT" and person_holds(text, span.end)


def _mailbox_beside_signals(text: str, span: Span, signals: list[int], person_starts: list[int]) -> bool:
    """Return whether a mailbox in a business's information block (営業時間, free dial) is the business's.

    The block names no person; the mailbox spells no name (a shop's ``kyo-hanabusa@gmail.com``) or one
    that the block's words read as (``hanabusa.kyoto@`` under ``京料理 はなぶさ``).
    """
    lo, hi = _block(text, span.start)
    i = bisect_left(signals, lo)
    j = bisect_left(person_starts, lo)
    if (
        i == len(signals)
        or signals[i] >= hi
        or (j < len(person_starts) and person_starts[j] < hi)
        or _PERSON_LINE.search(text, lo, hi)
        or _PERSON_BLOCK.search(text, lo, hi)
    ):
        return False
    return block_mailbox(text, span.start, span.end, lo)


def _in_cells(cells: list[tuple[int, int]], pos: int) -> bool:
    i = bisect_left(cells, (pos + 1,)) - 1
    return i >= 0 and cells[i][0] <= pos < cells[i][1]


def _block(text: str, pos: int) -> tuple[int, int]:
    """Return the bounds of the lines around ``pos`` between blank lines, at most ``_BEFORE`` each way."""
    lo = max(0, pos - _BEFORE)
    blank = text.rfind("\n\n", lo, pos)
    lo = blank + 2 if blank >= 0 else lo
    hi = min(len(text), pos + _BEFORE)
    blank = text.find("\n\n", pos, hi)
    return lo, (blank if blank >= 0 else hi)


def _nfkc(value: str) -> str:
    return value if value.isascii() else unicodedata.normalize("NFKC", value)  # ASCII is its own NFKC


def _in_company_block(
    text: str, span: Span, person_starts: list[int], lines: dict[tuple[int, int], tuple[bool, bool, bool]]
) -> bool:
    """Return whether ``span`` sits in an organisation's block; ``lines`` keeps what each line showed."""
    if span.label == "EMAIL":
        return False  # a named mailbox (yamada@) is a person's even on a letterhead
    if span.label == "BANK_ACCOUNT":
        # the holder written after it decides, whoever is named above: 振込先 … 普通 2281904 クリハラ レン
        # is a person's, 当座 0421873 ニホンリンシヨウガツカイ an organisation's
        if person_holds(text, span.end):
            return False
        if organisation_holds(text, span.end):
            return True
    line_start = text.rfind("\n", 0, span.start) + 1
    line_end = text.find("\n", span.end)
    line_end = len(text) if line_end < 0 else line_end
    seen = lines.get((line_start, line_end))
    if seen is None:  # the values of a list share their row: it is looked at once
        line = text[line_start:line_end]
        i = bisect_left(person_starts, line_start)
        if i < len(person_starts) and person_starts[i] < line_end and is_row(line):
            seen = lines[line_start, line_end] = (False, True, True)  # a customer's row: personal
        else:
            person_line = _PERSON_LINE.search(line) is not None
            row = not person_line and is_row(line)
            has_person = row and i < len(person_starts) and person_starts[i] < line_end
            seen = lines[line_start, line_end] = (person_line, row, has_person)
    person_line, row, has_person = seen
    if person_line:
        return False
    if row and (has_person or not _KEY_VALUE.fullmatch(text, line_start, line_end)):
        # a table row: the company must be named on the row before the value; the rows of a record
        # (所在地<TAB>〒…, TEL<TAB>…: a 会社概要 table) are read as the lines of a block below
        return not has_person and _owner(text, span, line_start, span.start) is not None
    if span.label in ("ADDRESS", "POSTAL_CODE") and line_end < len(text):
        next_end = text.find("\n", line_end + 1)
        if _ADDRESSEE.search(text, line_end + 1, len(text) if next_end < 0 else next_end):
            return False  # a recipient's address: 〒… / 長野県… / 山田 太郎 様
    lo, _hi = _block(text, line_start)
    last = _owner(text, span, lo, line_end)
    org = _ORG_FOR_ACCOUNTS if span.label == "BANK_ACCOUNT" else _ORG
    lo_label = max(line_start, span.start - 12)
    # A mobile after a name-like word and no phone label (物流センター グエン ヴァン ナム → 090-…) is a person's.
    # A mobile number is an organisation's only under a phone label of its contact block (TEL 090-…),
    # and in a block that marks no person before it (巾 達也（1957/11/20生） / 本店：… / 連絡先 090-…).
    if span.label == "PHONE" and MOBILE.match(span.text.lstrip()):
        if not _PHONE_LABEL.search(text, lo_label, span.start):
            return False
        j = bisect_left(person_starts, lo)
        if j < len(person_starts) and person_starts[j] < span.start:
            return False
    if last is None:  # a letterhead or signature names the organisation first, then its contacts
        owner_end = (
            -1 if _LABEL.search(text, line_start, span.start) else heading_owner(text, lo, org, _PERSON_WORDS)
        )
        if (
            owner_end < 0
        ):  # or the owner is named under an unlabelled address (〒… / 洛北学院高等学校 入試広報室)
            return named_below(text, lo, line_start, span.start, line_end, org, _PERSON_WORDS, person_starts)
    else:
        owner_end = last.end()
    # A person named on the line between the organisation and the value owns it (営業部 山﨑 健二 → 090-…).
    i = bisect_left(person_starts, max(owner_end, line_start))
    if i < len(person_starts) and person_starts[i] < span.start:
        return False
    # A record's rows hold one subject: a form's 申込者 / 氏名 row anywhere above makes it a person's
    # (申込者<TAB>佐々木 達也 / 団体名<TAB>…高校 同窓会 / 連絡先<TAB>080-…), a profile's 代表者 does not.
    if row and _record_subject(text, lo, owner_end):
        return False
    between = text[owner_end : span.start]
    first = between.find("\n")
    if first > 0 and addressed_organisation(between[:first]):
        # 有限会社丸喜製麺 様 / 七十七銀行 長町支店 / お借入口座：…: 様 to a company marks no person
        i = bisect_left(person_starts, owner_end)
        if not (i < len(person_starts) and person_starts[i] < owner_end + first):
            between = between[first:]
    if _GENERAL_ADDRESSEE.search(between):
        between = _GENERAL_ADDRESSEE.sub("", between)
    return _PERSON_LINE.search(between) is None and _PERSON_BLOCK.search(between) is None


def _owner(text: str, span: Span, lo: int, hi: int) -> re.Match[str] | None:
    """Return the last organisation word in ``text[lo:hi]`` that may own ``span``.

    An account's bank is named with it (北海信用金庫 琴似支店, みどり銀行 本店営業部): the words of the
    bank's name own no account.
    """
    last = None
    if span.label != "BANK_ACCOUNT":
        for last in _ORG.finditer(text, lo, hi):  # noqa: B007 - the nearest organisation word wins
            pass
        return last
    for m in _ORG_FOR_ACCOUNTS.finditer(text, lo, hi):
        if not in_bank_name(text, m.start()):
            last = m
    return last


def _record_subject(text: str, lo: int, hi: int) -> bool:
    """Return whether a record's rows in ``text[lo:hi]`` name a person as their subject (申込者, 氏名).

    An organisation's officer (代表者氏名, 担当者氏名) is no subject: a 会社概要 or 業者票 names one.
    """
    for m in _PERSON_BLOCK.finditer(text, lo, hi):
        if not text[max(lo, m.start() - 3) : m.start()].endswith(_OFFICERS):
            return True
    return _PERSON_LINE.search(text, lo, hi) is not None


_OFFICERS = ("代表者", "代表", "担当者", "担当", "責任者")


def _personal_line(
    text: str, span: Span, lines: dict[tuple[int, int], tuple[bool, bool, bool]]
) -> tuple[int, int]:
    """Return the bounds of ``span``'s line when _in_company_block found every value on it personal."""
    line_start = text.rfind("\n", 0, span.start) + 1
    line_end = text.find("\n", span.end)
    line_end = len(text) if line_end < 0 else line_end
    seen = lines.get((line_start, line_end))
    if seen is not None and (seen[0] or (seen[1] and seen[2])):  # a person's word, or a row naming a person
        return line_start, line_end
    return -1, -1


_KEY_VALUE = re.compile(r"[^\t\n\d]{1,12}\t+[^\t\n]+\t*")  # a record's row: a label and one value
_LABEL = re.compile(r"[:：\t]")  # a field's label before the value (住所：, a form's, often a person's)
_ADDRESSEE = re.compile(r"(?:様|殿)\s*$|\s(?:様|殿)\s")
_PHONE_LABEL = re.compile(r"TEL|Tel|tel|ＴＥＬ|電話|直通|℡|☎|連絡先|問い?合わ?せ|[:：]")
