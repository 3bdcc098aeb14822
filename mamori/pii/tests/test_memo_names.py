"""Full names that open memo lines: a note after a colon, a remark after a bullet, a contact after an arrow."""

from __future__ import annotations

from mamori.pii import detect


def _persons(text: str) -> list[str]:
    return [s.text for s in detect(text) if s.label == "PERSON"]


def test_a_note_after_each_name_makes_a_list_of_persons():
    checkup = (
        "面談記録（10月）\n梅津 雄大：異動希望なし\n早瀬 ちひろ：時短勤務を継続\n細萱 修：来期に再面談\n"
    )
    assert _persons(checkup) == ["梅津 雄大", "早瀬 ちひろ", "細萱 修"]
    absent = "本日の欠席\n・梅津 雄大（通院のため）\n"
    assert _persons(absent) == ["梅津 雄大"]


def test_a_contact_after_a_name_vouches_for_it_alone():
    memo = "夜間の連絡先\n早瀬 ちひろ（当番）→ 080-4417-2093\n"
    assert _persons(memo) == ["早瀬 ちひろ"]
    assert _persons("梅津 雄大: yudai.umezu@example.com\n") == ["梅津 雄大"]


def test_places_trips_and_departments_before_a_colon_are_no_names():
    assert _persons("長野 松本：特急あずさ\n東京 大阪：新幹線\n") == []
    assert _persons("松本 出張：11日から\n") == []
    assert _persons("営業 二課：定例会議\n総務 人事：面談日程\n") == []
    assert _persons("第3条 甲：乙に対し通知する。\n") == []


def test_a_surname_ending_in_a_section_word_is_a_name():
    assert _persons("・南条 芽依（発熱）\n・北条 大雅（通院）\n") == ["南条 芽依", "北条 大雅"]


def test_a_role_then_a_name_on_each_line_lists_persons():
    credits = "発表会スタッフ\n構成・振付　樋渡 みのり\n舞台進行　真柴 圭吾\n衣装　国枝 紗良（アトリエ凪）\n"
    assert _persons(credits) == ["樋渡 みのり", "真柴 圭吾", "国枝 紗良"]
    minutes = "司会：相良 早苗 副会長\n書記：乙部 透、鰐淵 史子\n"
    assert _persons(minutes) == ["相良 早苗", "乙部 透", "鰐淵 史子"]
    speakers = "パネリスト\n門脇 彩乃（県立看護大学）\n鴫原 俊（みなみ訪問看護）\n"
    assert _persons(speakers) == ["門脇 彩乃", "鴫原 俊"]


def test_places_and_rooms_after_a_word_are_no_names():
    assert _persons("会場 本館 大会議室\n控室 別館 和室\n") == []
    assert _persons("東京 大阪(新幹線)\n名古屋 京都(近鉄)\n") == []
    assert _persons("name: 山田 太郎\ntel: 090-0000-0000\n") == []


def test_a_signers_surname_before_yori_is_the_signer_and_yori_no_given_name():
    notice = "会員各位\n総会の日程が決まりましたのでお知らせします。\n事務局長 宍倉 より\n"
    assert _persons(notice) == ["宍倉"]
    assert _persons("総務部 蔵永 より\n") == ["蔵永"]
    assert _persons("担当 宍倉 です。\n") == ["宍倉"]


def test_a_place_before_yori_on_a_line_of_no_role_is_no_signer():
    assert _persons("出発 松本 より\n") == []


def test_minutes_list_who_attended_after_a_blank_or_a_head_count():
    minutes = (
        "第4回 理事会 議事録\n"
        "出席　理事4名（梶谷 美穂、堀内 拓真、新垣 りさ、梅津 雄大）、監事1名（細萱 修）\n"
        "欠席　早瀬 ちひろ理事\n"
        "議事録署名人　梶谷 美穂　堀内 拓真\n"
    )
    assert _persons(minutes) == [
        "梶谷 美穂",
        "堀内 拓真",
        "新垣 りさ",
        "梅津 雄大",
        "細萱 修",
        "早瀬 ちひろ",
        "梶谷 美穂",
        "堀内 拓真",
    ]
    assert _persons("欠席：堀内 拓真理事\n") == [
        "堀内 拓真"
    ]  # the title glued to the given name is no part of it


def test_minutes_lines_of_counts_roles_and_words_name_nobody():
    lines = [
        "出席　理事5名、監事1名\n",
        "出席　理事7名中6名\n",
        "議長　互選により選出\n",
        "書記　持ち回り\n",
        "参加者　10名（定員20名）\n",
        "来賓　市長 ほか\n",
        "出席　上野 駅前集合\n",
        "陪席　事務局 職員\n",
        "議長　松本 市長\n",
    ]
    assert [_persons(line) for line in lines] == [[] for _ in lines]


def test_minutes_prose_names_a_director_by_surname_and_title():
    assert _persons("続いて堀内理事より収支の説明があった。") == ["堀内"]
    assert _persons("新垣監事から監査報告があった。") == ["新垣"]
    assert _persons("常務理事より説明があった。代表理事が挨拶した。新理事は3名とする。") == []


def test_a_result_line_names_the_pupil_after_the_school_and_gokaku():
    page = "合格体験記\n県立青葉高等学校 合格　堀内 拓真（青葉第二中出身）\n東北学院大学 経済学部 合格 梶谷 美穂さん\n"
    assert _persons(page) == ["堀内 拓真", "梶谷 美穂"]
    counts = "県立高校 合格 実績 多数\n国公立大学 合格 者数（2024年度）\n私立中学 合格 発表 日程\n"
    assert _persons(counts) == []


def test_one_line_of_a_name_and_its_affiliation_in_brackets_is_a_name():
    assert _persons("中川 由美（県立保健医療大学）\n") == ["中川 由美"]
    assert _persons("報告者\n\n大城 健（南城市社協）\n") == ["大城 健"]


def test_one_line_of_a_name_and_brackets_of_no_organisation_is_no_memo_line():
    # a name line with its reading, a signature's: signature_names.py reads it, as the name and its reading
    assert _persons("中川 由美（Yumi NAKAGAWA）\n") == ["中川 由美", "Yumi NAKAGAWA"]
    assert _persons("長野 松本（特急あずさ）\n") == []


def test_a_numbered_or_lettered_group_before_a_name_is_a_role():
    # a neighbourhood association's 班 and a school's 組 open the line as a role word does (北班, 会長)
    leaders = "町内会 班長一覧\n1班 石黒 康弘\n2班 宮田 のぞみ\n3班 村井 聡子\n"
    assert _persons(leaders) == ["石黒 康弘", "宮田 のぞみ", "村井 聡子"]
    assert _persons("第4班 石黒 康弘\n") == ["石黒 康弘"]
    assert _persons("B組 宮田 のぞみ\n") == ["宮田 のぞみ"]
    assert _persons("2組長 村井 聡子\n") == ["村井 聡子"]
    assert _persons("Ｃ班\u3000石黒\u3000康弘\n") == ["石黒\u3000康弘"]


def test_a_group_before_a_team_s_place_or_task_names_nobody():
    assert _persons("1班 東町 会館\n2班 西町 公民館\n") == []
    assert _persons("1班 資源 回収\n2班 公園 清掃\n") == []
    assert _persons("A組 山田 工務店\nB組 中村 建設\n") == []
    assert _persons("第1班 高岡 支店\n第2班 福井 営業所\n") == []


def test_one_credit_line_names_its_maker_whose_surname_is_a_town_too():
    # 撮影：春日 美樹（…） gave nothing: 春日 is a town (春日市) and 美樹 a surname too, one memo line is not enough
    assert _persons("表紙写真\n撮影：春日 美樹（フォトスタジオ・ハル）\n") == ["春日 美樹"]
    assert _persons("文：大野 千尋\n") == ["大野 千尋"]


def test_a_credit_line_naming_a_place_or_a_thing_is_no_person():
    assert _persons("撮影：屋外 会場\nデザイン：中央 公園\n写真：吉田 橋本\n") == []
