"""Whose bank account a number is: the holder after it, the bank's own name, 様 to a company, lists of accounts."""

from __future__ import annotations

from mamori.pii import detect, detect_all
from mamori.pii.accounts import company_reading
from mamori.pii.tests.conftest import split_values


def _accounts(text: str) -> tuple[list[str], list[str]]:
    return split_values(text, "BANK_ACCOUNT")


def test_the_words_of_a_bank_s_name_own_no_account():
    # 信用金庫, JA, 本店営業部 name the bank, not the account's owner
    payroll = "給与振込口座届\n氏名：樋口 彩葉\n東濃信用金庫 多治見支店 普通 5521907\n"
    assert _accounts(payroll) == (["5521907"], [])
    letter = "樋口 彩葉 様\nJAとうのう 本所\n貯金 普通 5521907\n"
    assert _accounts(letter) == (["5521907"], [])
    ours = "お振込先：株式会社タジミ陶研 みずほ台銀行 本店営業部 当座 0088214\n"
    assert _accounts(ours) == ([], ["0088214"])


def test_an_account_of_a_company_addressed_with_sama_is_the_company_s():
    schedule = (
        "ご返済予定表\n\n合同会社ひぐち窯業 様\n東濃信用金庫 多治見支店\nご返済口座：普通預金 5521907\n"
    )
    assert _accounts(schedule) == ([], ["5521907"])
    person = "ご返済予定表\n\n樋口 彩葉 様\n東濃信用金庫 多治見支店\nご返済口座：普通預金 5521907\n"
    assert _accounts(person) == (["5521907"], [])


def test_the_holder_written_after_the_number_decides():
    society = "会費振込先\nみずほ台銀行 駅南支店 当座 0431876 トウノウドウブツイガツカイ\n"
    assert _accounts(society) == ([], ["0431876"])
    legal = "振込先 みずほ台銀行 駅南支店 普通 0431876 カ）タジミトウケン\n"
    assert _accounts(legal) == ([], ["0431876"])
    person = "返金先 みずほ台銀行 駅南支店 普通 0431876 ヒグチ アヤハ\n"
    assert _accounts(person) == (["0431876"], [])


def test_a_list_of_persons_accounts_with_their_banks_and_branches_stays_personal():
    debit = (
        "口座振替依頼一覧,2027年1月分\n"
        "会員番号,口座名義,金融機関名,支店名,預金種目,口座番号\n"
        "A-031,ヒグチ アヤハ,東濃信用金庫,多治見支店,普通,5521907\n"
        "A-032,ミズノ ケイタ,みずほ台銀行,駅南支店,普通,6630218\n"
    )
    assert _accounts(debit) == (["5521907", "6630218"], [])
    payees = (
        "取引先名,金融機関名,支店名,預金種目,口座番号\n"
        "株式会社タジミ陶研,みずほ台銀行,本店営業部,当座,0088214\n"
        "有限会社土岐化成,東濃信用金庫,土岐支店,普通,7741320\n"
    )
    assert _accounts(payees) == ([], ["0088214", "7741320"])


def test_a_counting_account_number_in_a_filled_in_example_is_nobody_s():
    form = "振込依頼書（記入例）\nお受取人：ミズノ ケイタ\nみずほ台銀行 駅南支店 普通 口座番号 1234567\n"
    assert _accounts(form) == ([], [])
    real = "振込依頼書\nお受取人口座：みずほ台銀行 駅南支店 普通 1234567\n"
    assert _accounts(real) == (["1234567"], [])


def test_a_company_paying_in_bank_kana_under_a_payer_column_is_no_person():
    statement = (
        "入金日\t金額\t振込依頼人名\n"
        "5/7\t61000\tｺﾞｳﾄﾞｳｶﾞｲｼﾔ ﾐﾄﾞﾘﾉｳｻﾝ\n5/8\t35000\tｱｻﾋｾｲｶ ｶﾌﾞｼｷｶﾞｲｼﾔ\n5/9\t28000\tｲﾘﾖｳﾎｳｼﾞﾝ ｼﾝﾜｶｲ\n"
        "5/9\t44000\tｶ)ｺｼｼﾞﾕｳｷ\n5/10\t52000\tｷﾗﾗｻﾞｶ ﾄｵﾙ\n"
    )
    assert [s.text for s in detect(statement) if s.label == "PERSON"] == ["ｷﾗﾗｻﾞｶ ﾄｵﾙ"]


def test_a_surname_that_sounds_like_an_organisations_word_under_a_payer_column_stays_a_person():
    statement = "入金日\t振込依頼人名\n5/7\tﾑｶｲ ﾀｸﾐ\n5/8\tｸﾐｱｲ ﾀｶｼ\n"
    assert [s.text for s in detect(statement) if s.label == "PERSON"] == ["ﾑｶｲ ﾀｸﾐ", "ｸﾐｱｲ ﾀｶｼ"]


_VENDORS = """仕入先コード,取引先名,銀行名,支店名,口座種別,口座番号,口座名義
V301,株式会社カモメ物産,みどり銀行,港支店,普通,7012345,ｶﾓﾒﾌﾞｯｻﾝ
V302,有限会社あおば印刷,みどり銀行,駅前支店,普通,7023456,ｱｵﾊﾞｲﾝｻﾂ
V303,株式会社カモメ物産,みどり銀行,港支店,普通,7034567,ﾀｶｷﾞ ｼﾞﾕﾝ
V304,はなぶさ工房,ひかり信用金庫,本店,普通,7045678,ﾊﾅﾌﾞｻ ﾐﾕｷ
"""


def test_an_account_holder_reading_its_row_s_company_is_the_company_s_name():
    # 口座名義 ﾐﾅﾄﾌﾞｯｻﾝ beside 取引先名 株式会社ミナト物産 was read as a person: no (ｶ says it is a company
    persons = [s.text for s in detect_all(_VENDORS).personal if s.label == "PERSON"]
    assert "ｶﾓﾒﾌﾞｯｻﾝ" not in persons and "ｱｵﾊﾞｲﾝｻﾂ" not in persons


def test_an_account_holder_not_reading_its_row_s_company_stays_a_person():
    persons = [s.text for s in detect_all(_VENDORS).personal if s.label == "PERSON"]
    assert persons == ["ﾀｶｷﾞ ｼﾞﾕﾝ", "ﾊﾅﾌﾞｻ ﾐﾕｷ"]
    assert company_reading("株式会社カモメ物産", "ｶﾓﾒﾌﾞﾂｻﾝ(ｶ")
    assert not company_reading("カモメ物産", "ｶﾓﾒﾌﾞｯｻﾝ")  # no legal form: a shop's name may be its owner's
    assert not company_reading("株式会社カモメ物産", "ﾀｶｷﾞ ｼﾞﾕﾝ")
