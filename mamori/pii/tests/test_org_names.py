"""Test words in a name's place that name an organisation, a group or a thing (``org_names.py``).

Memos, mails and sheets written for these tests, of trades and companies of my own: shops and makers
before さん, carriers' branches as display names, teams and shifts under a label, place words after の.
"""

from __future__ import annotations

import pytest

from mamori.pii import detect


def persons(text: str) -> list[str]:
    return [s.text for s in detect(text) if s.label == "PERSON"]


@pytest.mark.parametrize(
    "text",
    [
        # makers that trade under surnames, in a memo whose other さん are companies
        "【楽器店 仕入れメモ 6月】\n・カワイさんからアップライトの見積到着（搬入費込み）。\n"
        "・ローランドさんに電子ピアノ2台発注済み、納期は7/3。\n・コルグさんの営業の方が新しいシンセのカタログを置いていった。\n"
        "・弦はヤマハさん経由で取り寄せ。",
        "発送業務メモ\n・大口は佐川さん、小口はヤマトさん。\n・佐川さんは毎日16時に来てもらう。\n"
        "・スズキさんから届いた部品は検品してから棚へ。\n・ホンダさん向けの出荷は月末締め。",
        # what follows is the company's
        "ホンダさんの営業所に電話して納車日を確認。",
        "ミズホさんの新製品は来月発売です。",
        # the text names the company in full
        "株式会社タカギ 御中\n\n先日はタカギさんに大変お世話になりました。",
        # a shop's kind before its katakana name, a body's kind after a place
        "差し入れメモ\n月曜：パティスリー・アンジュさんの焼き菓子（12個）\n水曜：カフェ・ド・ミエルさんのサンドイッチ",
        "食品と洗剤はちばコープさん、文具は事務局でまとめて購入。",
        "町内会だより 印刷の件\n原稿は今週中にまとめて、ミナトプレスさんへ入稿します。",
        "来年度のチラシは北信プレスさんにお願いする予定です。",
        # a shop named with 堂 / 庵 / 亭
        "手土産は和菓子 松月堂さんで、のし紙は「御礼」。",
        "会食は料亭 きよ川亭さん（18:30〜）。",
        # capitals glued before a place: a newspaper dealer, a co-op
        "新聞の件\nASA本郷さんに連絡して、年末年始の配達を止めてもらう。",
        "JA北信さんから肥料の案内が届きました。",
        # a place and a verbal noun: a company named by its place and trade
        "東海塗装さんから外壁の件で連絡がありました。",
    ],
)
def test_organisations_before_san_are_no_persons(text: str) -> None:
    assert persons(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "From: 中越運送 長岡支店 <nagaoka@example-chuetsu.co.jp>\nTo: 物流課 <butsuryu@example.co.jp>\n"
        "Subject: 集荷時間変更のお知らせ\n\nいつもお世話になっております。",
        "お問い合わせ対応ログ\nNo\t受付日\t回答者\t内容\n1\t4/2\tCS team\t返品方法の案内\n"
        "2\t4/3\tCS team\t請求書の再発行\n3\t4/5\t品質保証 team\t不具合の回答",
        "回答者: QA team\n回答日: 2024/5/1",
        "清掃当番表\n担当：午後班\n場所：2階会議室、給湯室\n担当：夜勤班\n場所：1階ロビー",
        "総務課 説明分\n資料は別紙のとおり",
        "ご不在でしたので、お荷物は宅配ボックスの中です。",
        "発送の際は宛名ラベルを2枚印刷してください。",
    ],
)
def test_branches_teams_headings_and_things_are_no_persons(text: str) -> None:
    assert persons(text) == []


@pytest.mark.parametrize(
    "text, names",
    [
        # one sentence says nothing of trade: a surname in katakana or kanji stays a person
        ("スズキさんから電話がありました。", ["スズキ"]),
        ("ヤマダさんから注文の電話。", ["ヤマダ"]),
        ("佐川さんは15時に来る予定です。", ["佐川"]),
        # a person of the company named in full in the same sentence
        ("鈴木工務店の鈴木さんから見積が届いた。", ["鈴木"]),
        # katakana given names and foreign names of two words
        ("山田ミドリさんの面談は明日です。", ["山田ミドリ"]),
        ("ジョン・ホワイトさんが来日します。", ["ジョン・ホワイト"]),
        ("担当：グエン\n内容：書類確認", ["グエン"]),
        # a person beside companies, written in kanji with a given name
        ("ヤマハさん、京セラさんとの打合せには山田大地さんが同席。", ["山田大地"]),
        ("営業部の林です。", ["林"]),
        ("From: John Smith <john.smith@example.com>\n\n本文", ["John Smith"]),
    ],
)
def test_persons_stay_persons(text: str, names: list[str]) -> None:
    assert persons(text) == names


@pytest.mark.parametrize(
    "text",
    [
        # honorifics inside words
        "秋の例大祭では拝殿で神楽が奉納された。",
        "博多くんちの日程が発表された。",
        "事故の態様については現在調査中です。",
        # an organisation's office before 様, a municipality and a department as a display name
        "先月、富士見工場様にお伺いしました。",
        "From: 松本市 商工課 <shoko@city.example.lg.jp>\nTo: info@example.co.jp\n\n本文",
        "From: ナガノ製菓 総務課 <somu@example.co.jp>\nTo: info@example.co.jp\n\n本文",
        # common nouns after a label: 付で, a signature's 室, an equipment list, a header row
        "この計画は4月1日付で大衆の閲覧に供されている。",
        "施工内容：応接室 間仕切り撤去",
        "設備点検\n避難誘導灯 良\n消火器 良\n",
        "名前\t最初の入室\t最後の退室\n",
        # a department under 担当, nicknames under 投稿者
        "日付\t内容\t担当\n6/1\t求人掲載\t人事\n6/2\tプレスリリース\t広報\n6/3\t備品発注\t総務\n",
        "投稿者\t評価\t本文\nみかんさん\t5\tおいしい\nななしさん\t4\t普通\nたろうくん\t3\t普通\n",
        "テナントさんへの周知は済んでいます。",
    ],
)
def test_words_and_offices_in_a_names_place_are_no_persons(text: str) -> None:
    assert persons(text) == []


@pytest.mark.parametrize(
    "text, names",
    [
        ("出席：副会長 水野 早紀、監事 堀内 修", ["水野 早紀", "堀内 修"]),  # the role is no part of the name
        ("作成：看護師 丸田", ["丸田"]),
        ("6/2 訪問 日高 結衣様（入浴）", ["日高 結衣"]),  # a service in parentheses is no reading
        ("担当：飯塚 店主", ["飯塚"]),
        ("4月1日付で山田太郎が代表取締役に就任しました。", ["山田太郎"]),
    ],
)
def test_names_beside_roles_and_services_keep_their_edges(text: str, names: list[str]) -> None:
    assert persons(text) == names


def test_a_list_of_virtues_joined_by_dots_names_nobody() -> None:
    assert persons("わが社は創業以来、誠実・勇進・調和を社是としてきた。") == []
    assert (
        persons("販売部の決定で、徳永・社長が就任した。") != []
    )  # a title beside a name is no list of words


@pytest.mark.parametrize(
    "text, names",
    [
        ("フリガナ：グエン・ティ・ホア", ["グエン・ティ・ホア"]),  # one foreign name, not three
        ("告別式は故 柴田茂さんの自宅で行われた。", ["柴田茂"]),  # a status before the name is no part of it
        ("現職小松氏が再選を果たした。", ["小松"]),
        ("前田さんから電話がありました。", ["前田"]),  # 前 of a surname stays
    ],
)
def test_statuses_and_dots_keep_a_names_edges(text: str, names: list[str]) -> None:
    assert persons(text) == names


def test_a_group_named_of_its_members_is_no_person() -> None:
    assert persons("From: 松本山岳写真の会 <info-gakkai@example.jp>\nTo: a@example.com\n\n本文") == []


@pytest.mark.parametrize(
    "text",
    [
        # a surname and a given name in katakana, in a list whose other さん are companies
        "空調機器 保守先\nダイキンさん：年2回\n富士電機さん：年1回\nサイトウタカシさん：随時\n",
        # public bodies, schools and hospitals addressed with 様, a co-op's capitals before kana
        "配布先\n・市立わかば病院様\n・城南第二高校様\n・北アルプス広域連合様\n・JAあづみ野様\n",
        # クロネコ is a carrier
        "発送はクロネコさん、集荷は毎日15時。",
    ],
)
def test_more_organisations_before_san_and_sama_are_no_persons(text: str) -> None:
    assert persons(text) == []


def test_an_alumnus_after_capitals_and_の_stays_a_person() -> None:
    assert persons("表彰されたのは、県警OBの中島健一さんです。") == ["中島健一"]


@pytest.mark.parametrize(
    "text",
    [
        "担当：本社",
        "担当者：不在",
        "確認者：上長",
        "承認者：部門長",
        "担当：東棟",
        "受付：窓口",
        "担当：未定",
    ],
)
def test_places_roles_and_states_after_a_label_are_no_persons(text: str) -> None:
    assert persons(text) == []


def test_dictionary_names_and_rare_given_names_after_a_label_stay() -> None:
    assert persons("担当：森林") == ["森林"]  # a dictionary surname + given name the analyser reads as a noun
    assert persons("社長に就任した律明氏が挨拶した。") == ["律明"]  # 律 + 明: one kanji each, no word


def test_a_shop_named_by_its_trade_and_a_name_is_no_person() -> None:
    memo = (
        "・エアコンの取付は でんきのカジワラ さんに依頼済み。\n"
        "・表彰状は額縁の丸喜さんで額装。\n"
        "・常備薬はくすりのミヤシタさんでまとめ買い。\n"
        "・めがねのオオクボさんにも電話。\n"
    )
    assert persons(memo) == []


def test_a_person_after_の_that_names_no_trade_stays_a_person() -> None:
    assert persons("友達のカジワラさんから電話。日本の宮下さんにも連絡。\n") == ["カジワラ", "宮下"]
    assert persons("でんきのカジワラ 梶原 拓真様\n") == ["梶原 拓真"]


def test_a_municipality_without_shi_before_a_bureau_in_a_display_name_is_no_person() -> None:
    # From: さいたま 子ども未来局 gave PERSON さいたま (a bureau, 局, its name with kana)
    assert persons("From: さいたま 子ども未来局 <kodomo@city.example.jp>\n件名：説明会\n") == []
    assert persons("From: ふじみ 子育て支援課\n") == []
    # a person's name before a word that only opens with a particle stays
    assert persons("担当：水瀬 菜摘 の部\n") == ["水瀬 菜摘"]


def test_a_kana_name_glued_to_a_shop_s_word_is_the_shop_s() -> None:
    # ご依頼主：はなみずき雑貨店 gave PERSON はなみずき
    assert persons("ご依頼主：はなみずき雑貨店 TEL 0263-88-4512\n") == []
    assert persons("担当：ハルカ花店\n") == []
    # a kana name alone, or a full name, after the label stays a person
    assert persons("担当：ハルカ\n") == ["ハルカ"]
    assert persons("ご依頼主：小松 さくら 雑貨店\n") == ["小松 さくら"]


def test_a_full_name_before_its_department_in_a_display_name_is_a_person() -> None:
    # From: 山田 太郎 広報部 gave no person: the department's rule took the name for its organisation
    assert persons("From: 宮下 奈央 広報部 <n-miyashita@minato.example.co.jp>\n") == ["宮下 奈央"]
    assert persons("From: 桑原光太郎 営業推進課 <kuwabara@kita.example.co.jp>\n") == ["桑原光太郎"]


def test_a_surname_before_a_department_named_with_kana_in_a_display_name_is_no_cut_name() -> None:
    # From: 田中 子ども未来課 gave PERSON 田中 子, a given name cut from the department's word
    assert persons("From: 村井 子ども未来課 <kodomo@city.example.lg.jp>\n") == []
    assert persons("From: 佐々木 こども家庭課 <katei@city.example.lg.jp>\n") == []
    # an organisation before its department stays none
    assert persons("From: ミナト製菓 品質保証部 <qa@minato.example.co.jp>\n") == []
    # a surname with no space before 様 is no name cut from a word, though a department follows in the sentence
    assert persons("11/2 萩原様ご本人が営業所で受け取り。\n") == ["萩原"]
