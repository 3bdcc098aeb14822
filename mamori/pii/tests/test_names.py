"""Test PERSON: names found through labels, honorifics and lists, including names no dictionary holds."""

from __future__ import annotations

import pytest

from mamori.pii import detect
from mamori.pii.tests.conftest import found


def names(text: str) -> list[str]:
    """Return the PERSON substrings found in ``text``."""
    return [v for label, v in found(text) if label == "PERSON"]


@pytest.mark.parametrize(
    "text, value",
    [
        ("氏名：山田 太郎\n", "山田 太郎"),
        ("お名前: 佐藤花子\n", "佐藤花子"),
        ("担当：鈴木\u3000一郎\n", "鈴木\u3000一郎"),
        ("山田 太郎 様\n", "山田 太郎"),
        ("田中さんから連絡", "田中"),
        ("初めてご連絡いたします。高橋 誠と申します。", "高橋 誠"),
        ("営業部 課長 伊藤 健\n", "伊藤 健"),
        ("斎藤部長にご確認ください", "斎藤"),
    ],
)
def test_names_next_to_a_label_or_honorific_are_found(text: str, value: str) -> None:
    assert names(text) == [value]


def test_names_missing_from_the_dictionaries_are_found_in_strong_context() -> None:
    assert names("入電。勅使河原詩織さんより") == ["勅使河原詩織"]
    assert names("氏名：小比類巻 凪\n") == ["小比類巻 凪"]
    assert names("担当：仲宗根さつき\n") == ["仲宗根さつき"]


def test_kana_readings_are_found_after_a_label_and_after_a_name() -> None:
    assert names("フリガナ：ヤマダ タロウ\n") == ["ヤマダ タロウ"]
    assert names("ふりがな：やまだ たろう\n") == ["やまだ たろう"]
    assert names("お客様：山田 太郎 様（ヤマダ タロウ）") == ["山田 太郎", "ヤマダ タロウ"]
    # a line of a full name and its reading is a signature's or a list's (signature_names.py); words
    # the analyser reads as common nouns with a reading are none
    assert names("田中 一郎（Ichiro TANAKA）") == ["田中 一郎", "Ichiro TANAKA"]
    assert names("中央 公園（Chuo Koen）") == []
    assert names("担当：田中 一郎（Ichiro TANAKA）") == ["田中 一郎", "Ichiro TANAKA"]


def test_attendee_lists_are_split_into_names() -> None:
    assert names("出席者：内田 太郎，藤本，中村 裕樹（敬称略）") == ["内田 太郎", "藤本", "中村 裕樹"]
    assert names("出席者：石川 杏、松田、山崎 松田") == ["石川 杏", "松田", "山崎", "松田"]


@pytest.mark.parametrize(
    "text",
    [
        "お客様各位",
        "お客様からのお問い合わせ",
        "ご担当者様",
        "お客様アンケートの回答率",
        "ご依頼主：富士建設合同会社",
        "申込者一覧\n",
        "御中\n情報システム部 各位",
        "皆さん、お疲れ様です。",
    ],
)
def test_words_next_to_name_context_are_not_names(text: str) -> None:
    assert names(text) == []


def test_company_names_are_not_people() -> None:
    assert names("株式会社ミライ精機 御中") == []


@pytest.mark.parametrize(
    "text, value",
    [
        ("契約者名：御手洗 凪", "御手洗 凪"),
        ("お客様名: 早乙女律", "早乙女律"),
        ("所長 穂積さん", "穂積"),
        ("代表取締役 蓮見 昌平", "蓮見 昌平"),
        ("ミライ精機の桐生です。", "桐生"),
    ],
)
def test_more_labels_and_titles_point_at_names(text: str, value: str) -> None:
    assert names(text) == [value]


@pytest.mark.parametrize(
    "text",
    [
        "院長室にて面談",
        "社長室の前",
        "営業所長より連絡",
        "本日は晴天です。",
        "お客様名簿を更新",
        "代表取締役社長 就任のお知らせ",
    ],
)
def test_titles_followed_by_words_are_not_names(text: str) -> None:
    assert names(text) == []


def test_foreign_names_in_katakana_after_a_label_are_found() -> None:
    assert names("氏名：ジョン スミス\n") == ["ジョン スミス"]
    assert names("お客様：アンケート\n") == []


def test_signature_lines_with_a_known_part_are_names_and_department_lines_are_not() -> None:
    assert names("090-1234-5678\n\n与那嶺 朔\n") == ["与那嶺 朔"]
    assert names("ご確認ください。\n\n田中雄太\n") == ["田中雄太"]
    for line in ["総務部 御中\n", "品質 保証\n", "営業部 一同\n", "会議室\n"]:
        assert names(line) == [], line


def test_two_attendees_are_not_joined_into_one_name() -> None:
    assert names("出席者：仲宗根 米倉澪\n") == ["仲宗根", "米倉澪"]
    assert names("出席者：山田 真由美、佐藤\n") == ["山田 真由美", "佐藤"]


@pytest.mark.parametrize("label", ["申込者氏名", "保護者氏名", "氏名"])
def test_a_field_row_of_a_form_names_its_person(label: str) -> None:
    # A form read from Word (.doc / .docx tables) gives "label<TAB>value" rows.
    text = f"入居申込書\n{label}\t御手洗 琴音\n生年月日\t1990年1月1日\n"
    assert [s.text for s in detect(text) if s.label == "PERSON"] == ["御手洗 琴音"]


def test_a_phone_chain_of_surnames_joined_by_arrows_names_each_caller() -> None:
    text = "3年生 連絡網\n1組：原 → 樋口 → 当山 → 阿部 → 吉田\n2組：大野 → 宮城 → 佐々木 → 高嶋 → 林\n"
    assert [s.text for s in detect(text)] == "原 樋口 当山 阿部 吉田 大野 宮城 佐々木 高嶋 林".split()


@pytest.mark.parametrize(
    "text",
    [
        "処理の流れ：受付 → 確認 → 発送 → 請求\n",
        "ルート：松本 → 塩尻 → 岡谷 → 諏訪\n",
        "配送：長野 → 上田 → 佐久 → 小諸\n",
    ],
)
def test_a_flow_of_steps_or_a_route_of_towns_is_no_chain_of_persons(text: str) -> None:
    assert detect(text) == []


def test_a_member_introduced_with_the_department_in_parentheses_is_a_person() -> None:
    text = "新しい仲間を紹介します\n阿部 翔太（製造部）長野市出身。趣味は登山。\n村上 さくら（営業部）松本市出身。\n"
    assert [s.text for s in detect(text) if s.label == "PERSON"] == ["阿部 翔太", "村上 さくら"]
    assert detect("松本 本店（営業部）の移転について\n") == []


def test_pets_and_professions_called_with_chan_and_san_are_no_persons() -> None:
    assert detect("お預かり一覧\nモモちゃん（トイプードル）ケージ1\nポチちゃん（ミックス）ケージ2\n") == []
    assert [s.text for s in detect("坂本様,モモちゃん,ワクチン\n")] == ["坂本"]  # the owner, not the dog
    assert detect("薬剤師さんへのご相談はお気軽に。看護師さんに伝えてください。") == []
    assert detect("清掃員さんは作業前に手袋を着用する。警備員さんにも伝える。") == []
    assert [s.text for s in detect("ハナちゃんが保育園で遊んでいます。")] == ["ハナ"]  # a child


def test_male_pets_called_with_kun_are_no_persons() -> None:
    assert detect("看板犬のコタロウくん（柴・8歳）が待っています。") == []
    assert detect("トラくん\n（アメショ・3歳）は歯石除去を受けました。") == []  # a PDF wraps after くん
    assert detect("レオ君（MIX）は通院中。ワンちゃんのハルくんも元気です。") == []
    # a boy, and colleagues on a line that speaks of animals, stay persons
    assert [s.text for s in detect("ソウタくん（小学2年）が来店")] == ["ソウタ"]
    assert [s.text for s in detect("営業の佐藤くんに猫の写真を見せた。")] == ["佐藤"]
    assert [s.text for s in detect("柴田様、ハナちゃんの送迎をお願いします。")] == ["柴田", "ハナ"]


def test_companies_the_analyser_reads_as_places_or_words_before_san_are_no_persons() -> None:
    text = (
        "東京海上日動さん・はなさく生命さんと打合せ。山形の果樹園さんから。相良蒼空さんより連絡。"
        "髙吉さんや警察官が調べた。香乃子さんは大会で優勝。"
    )
    # 相良 is a place to the analyser but a surname; 髙吉 is a word it does not know; 香 + 乃 + 子 no nouns
    assert [s.text for s in detect(text)] == ["相良蒼空", "髙吉", "香乃子"]


def test_a_title_line_and_a_subject_before_a_title_are_no_names() -> None:
    # 道場訓 splits into a surname and a given name; the analyser reads it as 道場 + 訓 (asked as 道場訓の)
    assert detect("道場訓\n一、礼儀を重んずること\n") == []
    assert detect("吹奏楽部：定期演奏会 顧問：音楽科教諭\n") == []  # a subject's teacher, no name
    assert names("担任の仁科教諭は") == ["仁科"]  # a surname that ends in 科


@pytest.mark.parametrize(
    "text",
    [
        "弔電の宛名は喪主様のお名前で。ご母堂様のご逝去を悼み",  # the bereaved, no names
        "問い合わせ：総務部 内線 3300\n",  # an extension
        "受付 平日9:00〜17:00\n",  # a time word
        "From: 愛知県社会保険労務士会 <office@example.jp>\n",  # a long name cut at seven kanji
        "From: Google Cloud Platform <no-reply@example.com>\n",  # three capitalised words
        "JA北信 営農部 園芸課\n",  # a department
        "技術部 松本テクニカルセンター\n",  # a surname glued to a site's name
        "清掃：クリーンサービス中村さん 毎週月曜\n",  # a surname at the end of a company's name
    ],
)
def test_roles_departments_and_organisations_after_labels_are_no_names(text: str) -> None:
    assert names(text) == []


def test_titles_in_katakana_and_roles_beside_a_name_keep_it() -> None:
    assert names("金融担当の渡邊翔キャップと") == ["渡邊翔"]
    assert names("アルバイト山田さんに連絡") == ["山田"]


def test_kin_in_hiragana_before_san_is_no_name() -> None:
    assert names("私が池袋おかあさんに来たのも") == []  # a restaurant named after お母さん


def test_pen_names_form_fields_and_company_names_are_no_persons() -> None:
    assert names("ラジオネーム みかん姫さんからのお便りです。") == []  # a pen name
    assert names("販売者 白馬の里酒造株式会社\n") == []  # a name followed by の and a legal form
    assert names("所属 営業部 営業一課\n氏名 荻原 千夏\n") == ["荻原 千夏"]  # not the field 氏名


def test_sample_names_of_model_texts_and_the_seal_mark_are_no_persons() -> None:
    text = (
        "遺言書（文例）\n遺言者 乙野太郎は、次のとおり遺言する。\n遺言者　乙野太郎　印\n※ 氏名は架空です。\n"
    )
    assert names(text) == []
    assert names("（記入例）\n世帯主氏名\t長野 花子\n") == []
    assert names("遺言者　荻原 千夏　印\n") == ["荻原 千夏"]  # a real signature: the name without its 印
    assert names("世帯主氏名\t長野 太郎\n") == ["長野 太郎"]  # no sample without a 記入例


def test_sama_in_kana_is_an_honorific_as_sama_in_kanji_is():
    assert names("柘植さま\nいつもご利用ありがとうございます。") == ["柘植"]
    assert names("みなさま、お疲れさまです。おかげさまで完売しました。お姫さまの絵本") == []


def test_a_letters_opening_word_is_no_part_of_the_addressee():
    assert names("拝啓　柘植様\n時下ますますご清栄のことと") == ["柘植"]
    assert names("謹啓　蔵永様\n") == ["蔵永"]


def test_a_surname_no_dictionary_holds_after_an_organisations_name_is_the_addressee():
    assert names("テスト精機 蔵永様\nいつもお世話になっております。") == ["蔵永"]
    assert names("(株)エグザンプル 蔵永様\n") == ["蔵永"]
    assert names("テスト精機 営業会議様\n") == []


def test_how_many_before_sama_is_no_name():
    assert names("特売品はお一人様2点限り。二名様からご予約いただけます。") == []


def test_a_prefecture_addressed_with_sama_is_its_office():
    assert names("長野県様\nいつもお世話になっております。") == []
    assert names("北海道様 宛") == []


def test_a_word_in_progress_is_no_surname_after_a_label():
    # 受付中, 担当中: 中 "in progress" glued to the label, no surname 中
    assert names("冬期講習 受付中！\n") == []
    assert names("ただいま担当中です\n") == []
    assert names("担当：中 一郎\n") == ["中 一郎"]


def test_news_words_around_a_name_stay_out_of_it():
    # 総 of 総院長 is the title's, a tournament's result before 投手 is no name, （age、place 様） a place
    assert names("式典では桐原正臣総院長があいさつした。\n") == ["桐原正臣"]
    assert names("夏の甲子園優勝投手の右腕・三輪田翔が先発した。\n") == ["三輪田翔"]
    assert names("近所の主婦（71歳、奥沢小様）が見つけた。\n") == []
    assert names("石井正臣副院長が説明した。\n") == ["石井正臣"]
    assert names("受付は田中様（71歳）が担当した。\n") == ["田中"]


def test_a_receipt_s_bearer_is_no_name():
    assert names("領収書\n上様\n") == []  # 上様: to the bearer
    assert names("担当：上 一郎様\n") == ["上 一郎"]


def test_the_heads_of_schools_a_notice_goes_to_are_no_name():
    # a board of education's notice to every school's head: a role before 様, no one named
    assert names("令和8年11月20日\n各村立小・中学校長 様\n\n教育長\n") == []
    assert names("〇〇中学校長様\n") == []
    # a principal called by the surname stays a name
    assert names("川端校長様\n") == ["川端校長"]


def test_a_rate_table_s_route_is_no_name():
    # a carrier's notice: where a parcel goes from (県発) and to (関東宛)
    assert names("来年4月より運賃を改定いたします。長野県発 関東宛 80サイズ 1,320円→1,430円 ほか。\n") == []
    assert names("来月より運賃を改定いたします。福島県発 九州宛 100サイズ 2,860円 など。\n") == []
    # a name after a departure place stays a name
    assert names("松本発 森下 和夫様\n") == ["森下 和夫"]


def test_a_legal_filing_names_its_parties_and_its_agent_after_their_roles() -> None:
    text = (
        "登記の目的　所有権移転\n相続人 森岡 千晶\n申請人 犬養 瑛太\n"
        "代理人　長野県松本市中央2-1-1\n　司法書士　宍倉 大輔\n"
    )
    names = [s.text for s in detect(text) if s.label == "PERSON"]
    assert names == ["森岡 千晶", "犬養 瑛太", "宍倉 大輔"]


def test_a_lawyer_s_office_or_a_company_after_a_role_is_no_name() -> None:
    for text in (
        "司法書士 事務所のご案内\n",
        "弁護士 法人みどり\n",
        "申請人 株式会社みどり\n",
        "税理士 会報 第12号\n",
    ):
        assert [s for s in detect(text) if s.label == "PERSON"] == [], text


def test_a_compound_job_title_after_a_spaced_surname_is_cut_off_not_read_as_a_given_name() -> None:
    minutes = "出席：西川 本部長、大谷 副社長、横山 工場長、石井 統括部長代理\n"
    assert names(minutes) == ["西川", "大谷", "横山", "石井"]
    assert names("竹内 本部長より説明があった。\n担当：千葉 副院長\n") == ["竹内", "千葉"]


def test_a_given_name_that_ends_like_a_title_stays_whole() -> None:
    assert names("出席：松平 秀長、北条 元長\n") == ["松平 秀長", "北条 元長"]


def test_a_party_named_inside_the_brackets_after_another_party_s_role_is_read() -> None:
    # the bracket after 相続人 names the deceased: a role and a name, no qualifier of the label
    assert names("相続人（被相続人 汐見 蓮）\n") == ["汐見 蓮"]
    assert names("申立人（未成年者 汐見 凛）の件\n") == ["汐見 凛"]


def test_a_label_s_qualifier_in_brackets_still_leads_to_the_name_after_it() -> None:
    assert names("担当者(営業) 汐見 蓮\n") == ["汐見 蓮"]
    assert names("相続人（2名）\n") == []


def test_a_name_indented_under_a_filing_s_party_alone_on_its_line_is_read() -> None:
    filing = "相続人\n　汐見 咲良\n\n申請人\n　汐見 蓮\n"
    assert names(filing) == ["汐見 咲良", "汐見 蓮"]
    assert names("相続人\n　相続登記の申請は下記のとおり\n") == []


def test_an_old_given_name_in_katakana_after_a_surname_is_read() -> None:
    # signatures, attendance lines and lists of the elderly write 鶴, 亀, 竈 in katakana
    assert names("いつもありがとうございます。\n\n比嘉 カマド\n098-861-4402\n") == ["比嘉 カマド"]
    assert names("出席：宮城 カメ、新垣 ツル\n") == ["宮城 カメ", "新垣 ツル"]
    assert names("利用者\n・比嘉 ウシ\n・宮城 カメ\n・新垣 ツル\n") == ["比嘉 ウシ", "宮城 カメ", "新垣 ツル"]


def test_a_surname_before_a_loanword_or_a_note_in_katakana_is_no_name() -> None:
    assert names("議事録\n\n田中 メモ\n") == []
    assert names("・山田 セット\n・松本 ホテル\n・田中 デンキ\n") == []


def test_an_area_after_a_person_label_is_who_a_programme_serves_not_a_name():
    assert names("受講対象者：県内の中学生\n受益者：区内在住のひとり親家庭\n") == []
    assert names("対象者：管内の介護事業所\n") == []
    # a surname that is also an area word, alone or with a given name after a label, stays a name
    assert names("担当者：村内\n") == ["村内"]
    assert names("受益者：市内 千景\n") == ["市内 千景"]


def test_a_couple_or_a_family_before_a_wife_s_honorific_is_no_name():
    assert names("記念日プラン：ご夫婦 奥様へ花束をご用意します\n") == []
    assert names("備考：ご両親 奥様同伴\n") == []
    assert names("大森 千景様 ご夫婦でご宿泊\n") == ["大森 千景"]


def test_the_post_of_an_organisations_head_before_a_name_on_its_line():
    # rare surnames no dictionary holds: only the post says a name follows
    assert names("ごあいさつ\n園長　雲母坂 千景\n") == ["雲母坂 千景"]
    assert names('<p class="sign">学習塾 桐風館　塾長　百目鬼 巧</p>') == ["百目鬼 巧"]
    assert names("旅館 しらさぎ\n女将 五百旗頭 千種\n") == ["五百旗頭 千種"]
    assert names("施設長：小鳥遊 透\n") == ["小鳥遊 透"]


def test_the_post_of_a_head_glued_to_a_word_or_before_no_name_is_no_label():
    assert names("園長あいさつ\n塾長室\n施設長 管理者\n副園長 不在の日は事務室へ\n女将 おすすめの宿\n") == []


def test_a_desk_named_without_its_department_word_between_the_label_and_the_name():
    assert names("御見積書\n株式会社テスト観光 御中\n担当：経理 百目鬼 恵\n") == ["百目鬼 恵"]
    assert names("担当者：フロント 雲母坂 透\n") == ["雲母坂 透"]
    assert names("担当：事務 鈴木\n") == ["鈴木"]


def test_a_desk_alone_after_the_label_is_no_name():
    assert names("担当：総務\n担当：営業部\n担当：経理 部長\n") == []


def test_the_head_of_a_residents_group_named_by_its_place_is_no_name():
    assert names("出席者：桜ヶ丘町内会長、東町自治会長、民生委員、地域包括支援センター職員\n") == []
    assert names("出席：みどり台婦人会長、老人会長\n") == []


def test_a_name_before_the_title_of_a_group_head_stays_a_name():
    assert names("出席：百目鬼会長、桜ヶ丘町内会長\n") == ["百目鬼"]


def test_a_particle_and_a_verb_after_a_spaced_surname_are_no_given_name():
    assert names("担当の木佐貫 が謝罪に伺います。\n") == ["木佐貫"]
    assert names("担当の木佐貫 はお休みをいただいております。\n") == ["木佐貫"]
    assert names("担当の木佐貫 の代理で参りました。\n") == ["木佐貫"]


def test_a_given_name_in_hiragana_after_a_spaced_surname_stays_whole():
    assert names("担当の木佐貫 はるかが伺います。\n") == ["木佐貫 はるか"]
    assert names("担当：木佐貫 ともえ\n") == ["木佐貫 ともえ"]


def test_a_word_before_a_spaced_surname_and_its_honorific_is_no_part_of_the_name():
    assert names("本日の新規 神谷 様、ご来店予約あり\n") == ["神谷"]
    assert names("要対応 宇佐美 様より入電\n") == ["宇佐美"]


def test_a_surname_before_a_spaced_given_name_and_its_honorific_stays_whole():
    assert names("新規 神谷 誠 様\n") == ["神谷 誠"]
    assert names("廿日出 要 様\n") == ["廿日出 要"]


def test_a_sentences_kana_after_a_spaced_surname_is_no_given_name():
    assert names("担当の木佐貫 へお渡しください。\n") == ["木佐貫"]
    assert names("担当の木佐貫 では対応できません。\n") == ["木佐貫"]
    assert names("担当の木佐貫 とします。\n") == ["木佐貫"]
    assert names("担当の木佐貫 くんが伺います。\n") == ["木佐貫"]


def test_a_given_name_in_kana_before_a_particle_or_alone_stays_in_the_name():
    assert names("担当の木佐貫 みのりです。\n") == ["木佐貫 みのり"]
    assert names("氏名：木佐貫 ひなた\n") == ["木佐貫 ひなた"]


def test_a_rare_surname_of_three_or_four_kanji_before_an_honorific_is_whole():
    def persons(text: str) -> list[str]:
        return [s.text for s in detect(text) if s.label == "PERSON"]

    assert persons("14:05 粟野原 大輔様 相続の件 折り返し 086-555-0199") == ["粟野原 大輔"]
    assert persons("11/02 五十旗頭 健太様 来所予定") == ["五十旗頭 健太"]
    # counter: a company, a city or a department before the given name is no surname
    assert persons("14:05 東和精機 大輔様 見積の件") == []
    assert persons("14:05 名古屋市 大輔様 見積の件") == []
    assert persons("14:05 佐藤 大輔様 相続の件") == ["佐藤 大輔"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "氏名：グエン・ティ・ホア\n国籍：ベトナム",
            "グエン・ティ・ホア",
        ),  # the parts after ・ are the same person's
        ("担当：チャン・ヴァン・ドゥック", "チャン・ヴァン・ドゥック"),
        ("ローマ字：NGUYEN THI HOA", "NGUYEN THI HOA"),  # as the passport writes it
        ("氏名(ローマ字)：SANTOS MARIA CLARA", "SANTOS MARIA CLARA"),
        ("申込者氏名　ファム・ミン・トゥアン　　ローマ字　PHAM MINH TUAN", "PHAM MINH TUAN"),
    ],
)
def test_a_foreign_name_after_a_label_is_read_whole(text: str, name: str) -> None:
    assert ("PERSON", name) in found(text)


@pytest.mark.parametrize(
    "text",
    ["担当：ABC TRADING COMPANY", "担当：PMO ABC DEF", "ローマ字入力で検索できます", "宛先：NTT DATA CORP"],
)
def test_capitals_after_a_label_that_are_a_company_or_acronyms_are_no_name(text: str) -> None:
    assert [label for label, _ in found(text)] == []


def test_a_foreign_name_before_a_department_after_the_dot_stops_at_the_dot() -> None:
    assert found("担当：グエン・営業部") == [("PERSON", "グエン")]


def test_a_label_word_inside_a_sentence_labels_no_name():
    # 宛先 / 宛名 / 担当 glued to the word after them, which goes on in kana: an accident's description
    for text in (
        "ケース3：メールの宛先間違い。送信前に確認しなかった。",
        "事例：宛名間違いで別の患者さんに郵送した。",
    ):
        assert [s.text for s in detect(text) if s.label == "PERSON"] == []
    for text, name in (
        ("宛名菊地真由様", "菊地真由"),
        ("担当菊地が対応", "菊地"),
        ("宛先：菊地 真由", "菊地 真由"),
    ):
        assert [s.text for s in detect(text) if s.label == "PERSON"] == [name]


def test_a_town_before_its_block_number_in_prose_is_no_surname():
    # a neighbour's mail about a site: 上田 of 上田4丁目 is the town; a surname before が stays
    assert found("上田4丁目の現場の件、高野です。") == [("PERSON", "高野")]
    assert found("松山5条の物件は、加藤が担当です。") == [("PERSON", "加藤")]
    assert found("上田が4丁目の現場に行きました。") == [("PERSON", "上田")]


def test_a_relation_word_before_a_spaced_given_name_is_cut_off():
    assert found("内見は三浦様ご夫婦（ご主人 健吾様）。") == [("PERSON", "三浦"), ("PERSON", "健吾")]
    assert found("奥様 美咲様もご同席。") == [("PERSON", "美咲")]


def test_a_clinic_s_reception_desk_before_様_is_no_person():
    assert found("みなと中央歯科 受付様\n予約の変更をお願いします。") == []
    assert found("さくら整骨院 受付様") == []
    assert found("受付 菊地様") == [("PERSON", "菊地")]  # a name after the desk's word stays


def test_a_foreign_name_joined_by_nakaguro_after_a_label_is_read_whole():
    assert found("氏名：ファム・ティ・ラン") == [("PERSON", "ファム・ティ・ラン")]
    assert found("申込者氏名\u3000ファム・ティ・ラン") == [("PERSON", "ファム・ティ・ラン")]
    assert found("パティスリー・ルミエールさん") == []  # a shop's noun and its name


def test_the_cho_of_a_post_before_a_given_name_is_the_post_s() -> None:
    # 営業部長 翔様 was read as 長 (a surname) + 翔
    assert names("営業部長 颯汰様\n") == ["颯汰"]
    assert names("物流センター長 美咲様 宛\n") == ["美咲"]
    # a surname 長 after a space stays whole
    assert names("営業部 長 颯汰様\n") == ["長 颯汰"]


def test_a_company_the_analyser_knows_before_sama_is_no_person() -> None:
    assert names("来週、京セラ様と仕様確認。富士通様へは見積を送付。\n") == []
    # a surname, and a place's name that is an Okinawan surname, before 様 stay persons
    assert names("松本様へ見積を送付。\n") == ["松本"]
    assert names("嘉手納様 訪問\n名護様 訪問\n") == ["嘉手納", "名護"]


def test_a_chinese_given_name_ending_in_kun_is_read_whole():
    # 陳 怡君 was found as 陳 怡: 君 read as the honorific
    assert names("通訳担当：鄭 雅君\n") == ["鄭 雅君"]
    assert names("申込者：蔡淑君（台北市）\n") == ["蔡淑君"]
    assert names("昨日の説明会には周 佩君が参加した。\n") == ["周 佩君"]


def test_kun_after_a_japanese_boy_s_name_stays_the_honorific():
    assert names("3年2組 林 翔君が県大会で優勝しました。\n") == ["林 翔"]
    assert names("担任：高橋 健太君の保護者より連絡\n") == ["高橋 健太"]
