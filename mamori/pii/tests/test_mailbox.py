"""Mailboxes of organisations told from persons' by what the local part spells and where it is."""

from __future__ import annotations

from mamori.pii import detect, detect_all
from mamori.pii.mailbox import spells_a_name, to_katakana
from mamori.pii.tests.conftest import split_values


def _split(text: str) -> tuple[list[str], list[str]]:
    return split_values(text, "EMAIL")


def test_romaji_reads_as_katakana():
    assert to_katakana("sasaki") == "ササキ"
    assert to_katakana("hattori") == "ハットリ"
    assert to_katakana("satoh") == "サトウ"
    assert to_katakana("design") is None


def test_a_local_part_spells_a_name_or_a_function():
    for local in ("taro.yamada", "t.yamada", "tyamada", "yamada2", "k-ito", "shota.kato", "e12345", "yuki_s"):
        assert spells_a_name(local), local
    for local in (
        "design",
        "dev-iot",
        "lab-envmat",
        "all",
        "exhibitor",
        "zabbix",
        "ceo-calendar",
        "joho",
        "tsuyama-kita",
    ):
        assert not spells_a_name(local), local


def test_a_department_s_mailbox_at_an_organisation_s_domain_is_the_organisation_s():
    assert _split("ご連絡は dev-iot@tsubasa.example.co.jp まで") == ([], ["dev-iot@tsubasa.example.co.jp"])
    assert _split("監視: zabbix@tsubasa.local") == ([], ["zabbix@tsubasa.local"])
    assert _split("To: all@tsubasa.example.co.jp")[1] == ["all@tsubasa.example.co.jp"]
    assert _split("From: 株式会社ABC 山田 太郎 <info2@abc.example.co.jp>")[0] == ["info2@abc.example.co.jp"]
    assert _split("From: 山田（株式会社ABC） <yamada@abc.example.jp>")[0] == ["yamada@abc.example.jp"]
    assert _split("From: 全国健康保険協会 長野支部 <kenpo@example.jp>")[1] == ["kenpo@example.jp"]


def test_a_person_s_mailbox_stays_personal():
    assert _split("連絡は t.yamada@tsubasa.example.co.jp まで")[0] == ["t.yamada@tsubasa.example.co.jp"]
    assert _split("hanako-love@docomo.ne.jp")[0] == ["hanako-love@docomo.ne.jp"]  # a carrier's
    assert _split("メール:kandmin@yahoo.co.jp")[0] == ["kandmin@yahoo.co.jp"]  # free mail
    signature = (
        "株式会社共栄工業 営業部\n福田 結菜\nTel:011-491-2582\nE-mail:fukuyui@kyoeitech.example.co.jp\n"
    )
    assert _split(signature)[0] == ["fukuyui@kyoeitech.example.co.jp"]
    git = (
        "commit 8a0dbbe\nAuthor: 犬養 瑛太 <dev1@katsura-it.example.co.jp>\nDate:   Tue Dec 2 10:01:00 2024\n"
    )
    assert _split(git)[0] == ["dev1@katsura-it.example.co.jp"]


def test_the_credentials_of_a_url_are_no_mailbox():
    dsn = "SENTRY_DSN=https://0123456789abcdef0123456789abcdef@o451234.ingest.sentry.io/5512345"
    assert _split(dsn) == ([], [])
    assert _split("mailto:taro@example.net")[0] == ["taro@example.net"]


def test_a_folded_header_with_an_encoded_display_name_is_read():
    folded = "From: \n =?utf-8?b?44Od44O844OI44Oh44OD44K7IOWHuuWxleiAheS6i+WLmeWxgA==?=\n <exhibitor@messe.example.jp>\n"
    assert _split(folded)[1] == ["exhibitor@messe.example.jp"]  # ポートメッセ 出展者事務局
    person = "From: \n =?utf-8?b?5bGx55SwIOWkqumDjg==?=\n <t.yamada@messe.example.jp>\n"  # 山田 太郎
    assert _split(person)[0] == ["t.yamada@messe.example.jp"]


def test_an_initial_glued_to_a_surname_needs_a_surname_of_three_kana_or_a_long_vowel():
    assert not spells_a_name("einou")  # e + inou is no initial and イノ
    assert spells_a_name("ksato") and spells_a_name("tyamada")  # k + サトウ, t + ヤマダ
    coop = "From: =?utf-8?b?SkHlpKfljJcg5Za26L6y6YOo?= <einou@ja-daihoku.example.or.jp>\n"  # JA大北 営農部
    assert _split(coop)[1] == ["einou@ja-daihoku.example.or.jp"]


def test_a_branch_s_mailbox_named_after_its_place_is_the_branch_s():
    # The place is a surname too (高岡, 大野): the branch's name beside it says whose mailbox it is.
    header = "From: 北陸ロジ運輸 高岡支店 <takaoka@hokuriku-logi.example.co.jp>\n"
    assert _split(header)[1] == ["takaoka@hokuriku-logi.example.co.jp"]
    assert _split("From: 加賀信用金庫 金沢法人営業部 <kanazawa-hojin@kagashin.example.jp>\n")[1] == [
        "kanazawa-hojin@kagashin.example.jp"
    ]
    signature = "北陸ロジ運輸株式会社 大野支店\nTEL 0779-66-2100\nE-mail: oono@hokuriku-logi.example.co.jp\n"
    assert _split(signature)[1] == ["oono@hokuriku-logi.example.co.jp"]
    # a person's mailbox beside an organisation stays the person's
    assert _split("From: 大野（北陸ロジ運輸） <oono@hokuriku-logi.example.jp>\n")[0] == [
        "oono@hokuriku-logi.example.jp"
    ]
    assert _split("北陸ロジ運輸株式会社 大野支店\n配車係 大野 翔太\noono@hokuriku-logi.example.co.jp\n")[
        0
    ] == ["oono@hokuriku-logi.example.co.jp"]


def test_a_mailbox_that_says_what_business_it_is_belongs_to_the_business_at_any_domain():
    assert _split("To: aoba-seikotsu@example.jp\n")[1] == ["aoba-seikotsu@example.jp"]
    assert _split("宛先 kitamachi.fc@gmail.com")[1] == ["kitamachi.fc@gmail.com"]
    assert _split("From: Etoile <etoile.hair@gmail.com>\n")[1] == ["etoile.hair@gmail.com"]
    assert _split("From: 森 健太 <mori-kensetsu@gmail.com>\n")[0] == ["mori-kensetsu@gmail.com"]  # a person


def test_a_club_s_or_a_shop_s_free_mail_in_its_own_block_is_theirs():
    troupe = "劇団かもめ座 事務局\nTEL 086-222-1234（平日10時～17時）\nkamome.za@gmail.com\n"
    assert _split(troupe)[1] == ["kamome.za@gmail.com"]
    shop = "甘味処 ふじなみ\n営業時間 11:00～18:00（水曜定休）\nTEL 075-561-2345\nfujinami.gion@gmail.com\n"
    assert _split(shop)[1] == ["fujinami.gion@gmail.com"]
    form = "お名前：森 早紀\nメール：saki-no-heya@docomo.ne.jp\n営業時間外のご連絡可\n"
    assert _split(form)[0] == ["saki-no-heya@docomo.ne.jp"]


def test_an_office_named_after_a_place_and_a_quarter_at_an_organisation_s_domain():
    # 津山 and 北 are surnames too, but a person's two words hold a given name
    assert _split("To: tsuyama-kita@fukushi.example.or.jp\n")[1] == ["tsuyama-kita@fukushi.example.or.jp"]
    assert _split("To: kenta.tsuyama@fukushi.example.or.jp\n")[0] == ["kenta.tsuyama@fukushi.example.or.jp"]


def test_a_section_s_mailbox_named_in_romaji_is_the_organisation_s():
    page = (
        "入学試験についてのご質問は下記へお寄せください。\n"
        "nyushi@kitanodai-univ.example.jp\n"
        "履修・時間割：kyomu@kitanodai-univ.example.jp\n"
        "奨学金：gakusei.shien@kitanodai-univ.example.jp\n"
        "採用：jinjibu@hinode-kogyo.example.com / 請求書：keiri-ka@hinode-kogyo.example.com\n"
    )
    assert _split(page) == (
        [],
        [
            "nyushi@kitanodai-univ.example.jp",
            "kyomu@kitanodai-univ.example.jp",
            "gakusei.shien@kitanodai-univ.example.jp",
            "jinjibu@hinode-kogyo.example.com",
            "keiri-ka@hinode-kogyo.example.com",
        ],
    )


def test_a_person_s_mailbox_beside_a_section_s_stays_personal():
    signature = "北野台大学 入試課\n担当：真壁 詩織\nnyushi@kitanodai-univ.example.jp\nmakabe.shiori@kitanodai-univ.example.jp\n"
    assert _split(signature) == (
        ["makabe.shiori@kitanodai-univ.example.jp"],
        ["nyushi@kitanodai-univ.example.jp"],
    )
    assert _split("連絡先：kanako.saiki@gmail.com")[0] == ["kanako.saiki@gmail.com"]


def test_a_shop_s_service_mailbox_in_romaji_is_the_shop_s_at_any_domain():
    page = "車検・点検｜ヒガシ自動車\n車検のご予約：shaken@higashi-motors.example.com\nWeb予約 tenken@higashi-motors.example.jp\n"
    assert _split(page) == ([], ["shaken@higashi-motors.example.com", "tenken@higashi-motors.example.jp"])
    # a person's mailbox on the same page stays theirs
    assert _split("担当：整備士 川端 典子 noriko.kawabata@higashi-motors.example.com")[0] == [
        "noriko.kawabata@higashi-motors.example.com"
    ]


def test_a_build_or_deploy_account_of_a_git_log_is_no_person():
    log = (
        "commit 1a2b3c\nAuthor: build-ci <ci@dev.example.com>\nDate:   Mon Dec 7 10:00:00 2026 +0900\n\n"
        "commit 2b3c4d\nAuthor: deploy <deploy@ops.example.com>\nDate:   Mon Dec 7 11:00:00 2026 +0900\n\n"
        "commit 3c4d5e\nAuthor: Jenkins <jenkins@example.com>\nDate:   Mon Dec 7 12:00:00 2026 +0900\n\n"
        "commit 4d5e6f\nAuthor: 犬養 瑛太 <inukai@example.com>\nDate:   Mon Dec 7 13:00:00 2026 +0900\n"
    )
    assert _split(log) == (
        ["inukai@example.com"],
        ["ci@dev.example.com", "deploy@ops.example.com", "jenkins@example.com"],
    )


def test_a_town_hall_s_section_mailbox_is_the_section_s():
    # the romaji of a municipal or a works' section (土木課, 河川係, 出荷係) is a role word
    personal, corporate = _split(
        "From: doboku@town.example.jp\nTo: shukka@maker.example.jp\n\n図面を送ります\n"
    )
    assert personal == [] and corporate == ["doboku@town.example.jp", "shukka@maker.example.jp"]


def test_a_sender_whose_message_is_signed_only_by_a_section_is_the_section_s():
    mail = (
        "From: kouwan@town.example.jp\nTo: genba02@builder.example.jp\nSubject: 護岸工事の書類\n\n"
        "工事担当者様\n\n書類を受領しました。\n\n西尾町 建設課 港湾係\nTEL 0563-00-2222\n"
    )
    personal, corporate = _split(mail)
    assert corporate == ["kouwan@town.example.jp"] and personal == ["genba02@builder.example.jp"]
    # a person signs, or the mailbox spells a name: the person's
    assert "kouwan@town.example.jp" in _split(mail.replace("港湾係\n", "港湾係 大森 千景\n"))[0]
    assert "kouwan.omori@town.example.jp" in _split(mail.replace("kouwan@", "kouwan.omori@"))[0]
    assert "haruka@town.example.jp" in _split(mail.replace("kouwan@", "haruka@"))[0]


def test_a_mailbox_named_like_its_domain_is_the_organisations():
    # a given name (midori, hikari) that is also a word of the organisation's domain name
    mail = "To: midori@midori-nouen.example.jp\nSubject: 納品のご連絡\n\nみどり農園 御中\nいつもお世話になっております。\n"
    result = detect_all(mail)
    assert result.personal == []
    assert [s.text for s in result.corporate] == ["midori@midori-nouen.example.jp"]
    assert [s.text for s in detect_all("To: hikari@hikari.co.jp\n\nご担当者様\n").corporate] == [
        "hikari@hikari.co.jp"
    ]


def test_a_persons_mailbox_at_such_a_domain_or_at_a_domain_of_names_stays_personal():
    assert [s.label for s in detect("To: midori.kanda@midori-nouen.example.jp\n\nご確認ください。\n")] == [
        "EMAIL"
    ]
    assert [s.label for s in detect("To: taro@taro-yamada.example.com\n\nこんにちは\n")] == ["EMAIL"]
    assert [
        s.label for s in detect("To: 雲母坂 翠 <midori@midori-nouen.example.jp>\n\nお世話になります。\n")
    ] == ["EMAIL"]


def test_a_department_s_mailbox_and_phone_under_its_own_name_are_the_department_s():
    guide = (
        "データ入稿のご案内\n\nPDF/X-1a で書き出してお送りください。\n\n"
        "編集部 dtp@hikari-books.jp\nTEL 052-931-4480\n"
    )
    assert detect(guide) == []
    assert len(detect_all(guide).corporate) == 2
    # a mailbox reading the department's own name (制作 → seisaku) though it reads as a given name too
    signed = "入稿について\n\nデザイン制作部\nseisaku@kobe-offset.jp\nTEL 078-221-0934\n"
    assert detect(signed) == []
    assert detect("入稿について\n\nDTP部 data@kobe-offset.jp\nTEL 078-221-0934\n") == []  # capitals before 部


def test_a_person_or_a_surname_ending_in_bu_in_the_block_keeps_the_mailbox_personal():
    named = "入稿について\n\n編集部\nkato@hikari-books.jp\nTEL 052-931-4480\n"
    assert [s.label for s in detect(named)] == ["EMAIL"]  # kato@: a person of the department
    surname = "連絡網\n\n担当阿部\nyumi.abe@gmail.com\n090-7781-2034\n"
    assert {s.label for s in detect(surname)} >= {"EMAIL", "PHONE"}


def test_every_dictionary_surname_ending_in_bu_is_no_department():
    from mamori.pii.departments import SURNAMES_IN_BU
    from mamori.pii.dictionaries import surnames

    assert {name for name in surnames() if name.endswith("部")} <= SURNAMES_IN_BU


def test_a_free_mail_sender_without_a_display_name_writing_to_a_role_mailbox_is_a_person():
    for sender in ("<s.chae2003@gmail.com>", "ryota.m77@icloud.com", "<k-haruna@docomo.ne.jp>"):
        text = f"From: {sender}\nTo: info@minato-gift.example.co.jp\nSubject: 注文の件\n\n届いた品が違っていました。\n"
        assert _split(text) == ([sender.strip("<>")], ["info@minato-gift.example.co.jp"]), sender


def test_a_shop_s_free_mail_under_its_name_in_a_mail_header_stays_the_shop_s():
    text = "From: 甘味処 ふじなみ <fujinami.gion@gmail.com>\nTo: info@minato-gift.example.co.jp\n\n発注します。\n"
    assert _split(text) == ([], ["fujinami.gion@gmail.com", "info@minato-gift.example.co.jp"])
