"""Test PERSON in the speakers of LINE exports and the authors of git logs (``chat_names.py``)."""

from __future__ import annotations

from mamori.pii import detect


def persons(text: str) -> list[str]:
    return [s.text for s in detect(text) if s.label == "PERSON"]


LINE = (
    "[LINE] 営業一課のトーク履歴\n保存日時：2025/01/10 19:00\n\n2025/01/09(木)\n"
    "08:02\t宮坂 玲奈\tおはようございます。直行します\n"
    "08:05\t犬養 瑛太\t了解です\n"
    "08:06\t早苗\t[スタンプ]\n"  # a given name alone
    "08:10\tママ\t牛乳買ってきて\n"  # a nickname, no name
    "12:30\t宮坂 玲奈\t午後の打合せは15時からです\n"
)


def test_the_speakers_of_a_line_export_are_persons() -> None:
    assert persons(LINE) == ["宮坂 玲奈", "犬養 瑛太", "早苗", "宮坂 玲奈"]


def test_one_line_of_that_shape_or_a_timetable_is_no_chat() -> None:
    assert persons("08:02\t宮坂 玲奈\tおはようございます\n") == []  # one line is no chat
    assert persons("09:00\t朝礼\t全員\n10:00\t定例会議\t会議室A\n13:00\t営業 二課\t外出\n") == []


def test_the_authors_of_a_git_log_and_a_shortlog_are_persons() -> None:
    log = (
        "commit 3f2a\nAuthor: 犬養 瑛太 <e.inukai@example.co.jp>\nDate:   Mon Jan 6 10:00:00 2025 +0900\n\n"
        "    fix\n\ncommit 9b1c\nAuthor: Kenta Maruyama <k.maruyama@example.co.jp>\n\n"
        "commit 77aa\nAuthor: github-actions[bot] <41898282+github-actions[bot]@users.noreply.github.com>\n"
    )
    assert persons(log) == ["犬養 瑛太", "Kenta Maruyama"]
    shortlog = "    41\t宮坂 玲奈\n    12\tKenta Maruyama\n     3\tdependabot[bot]\n"
    assert persons(shortlog) == ["宮坂 玲奈", "Kenta Maruyama"]


def _said(text: str) -> list[str]:
    return [s.text for s in detect(text) if s.label == "PERSON"]


def test_speakers_after_a_time_stamp_and_before_a_colon_are_persons():
    works = "2025-02-03 7:58 漆原 昴: 電車遅延で10分遅れます\n2025-02-03 8:01 志賀 なつみ: 承知しました\n"
    assert _said(works) == ["漆原 昴", "志賀 なつみ"]
    phone_app = (
        "[2025/02/03 12:04:51] 漆原 昴: 昼どうする？\n[2025/02/03 12:05:30] Natsumi Shiga: 先に行ってて\n"
    )
    assert _said(phone_app) == ["漆原 昴", "Natsumi Shiga"]
    dashed = "3/2/25 21:14 - 漆原 昴: 明日の件\n3/2/25 21:16 - 志賀 なつみ: OKです\n"
    assert _said(dashed) == ["漆原 昴", "志賀 なつみ"]
    meeting = "14:02:10 From 蔵本 愛莉 to Everyone:\n\t画面共有します\n14:03:45 From 蔵本 愛莉 to 志賀 なつみ(Direct Message):\n\tあとで\n"
    assert _said(meeting) == ["蔵本 愛莉", "蔵本 愛莉"]
    copied = "[2/3 9:12] 蔵本 愛莉\n議事録あげました\n[2/3 9:20] 漆原 昴\n確認します\n"
    assert _said(copied) == ["蔵本 愛莉", "漆原 昴"]


def test_log_levels_hosts_and_agenda_items_after_a_time_are_no_speakers():
    log = "2025-02-03 07:58:01 INFO: job started\n2025-02-03 07:58:09 backup01: copied 12 files\n"
    assert _said(log) == []
    agenda = "13:00 開会: 理事長挨拶\n13:10 報告: 事業計画\n14:30 閉会: 事務局\n"
    assert _said(agenda) == []


def test_a_speaker_followed_by_a_chat_tool_s_handle_or_user_id_is_a_person():
    handles = (
        "2025-02-03 7:58  漆原 昴 (@subaru.u): 電車遅延\n2025-02-03 8:01  志賀 なつみ (@natsumi): 承知\n"
    )
    assert _said(handles) == ["漆原 昴", "志賀 なつみ"]
    ids = "[8:10] 蔵本 愛莉 <@U07KQ2M1>: 共有します\n[8:12] 漆原 昴 [U03ZX9PL]: 確認します\n"
    assert _said(ids) == ["蔵本 愛莉", "漆原 昴"]
    # a bot or a host with a handle is still no speaker
    bots = "2025-02-03 07:58:01 INFO (@cron): job started\n2025-02-03 07:58:09 backup01 <@B01ABCDE>: copied\n"
    assert _said(bots) == []


def test_a_speaker_of_a_rare_surname_glued_to_a_given_name_is_a_person() -> None:
    chat = (
        "[LINE] 自治会 役員のトーク履歴\n\n2025/02/03(月)\n"
        "19:40\t物集女千夏\t回覧板まわしました\n"
        "19:42\t座光寺莉子\tありがとうございます\n"
        "19:45\t物集女千夏\t次回は3/1です\n"
    )
    assert persons(chat) == ["物集女千夏", "座光寺莉子", "物集女千夏"]


def test_glued_words_of_a_group_or_a_role_in_the_speakers_place_are_no_persons() -> None:
    plan = (
        "09:00\t定例会議\t会議室A\n10:30\t総務部長\t来客対応\n13:00\t町内会長\t挨拶\n15:00\t本日由美\t不在\n"
    )
    assert persons(plan) == []


def test_who_spoke_in_brackets_before_the_message_is_a_person() -> None:
    chat = "[物集女千夏] 明日の集合は8時です\n[宮坂 玲奈] 了解です\n[物集女千夏] よろしくお願いします\n"
    assert persons(chat) == ["物集女千夏", "宮坂 玲奈", "物集女千夏"]
    assert persons("[物集女千夏] 明日の集合は8時です\n") == []  # one line is no chat


def test_tags_levels_and_places_in_brackets_are_no_speakers() -> None:
    assert persons("[重要] 年末の営業日\n[連絡] 駐車場の利用\n") == []
    assert persons("[INFO] started\n[WARN] disk 90%\n") == []
    assert persons("[東京] 晴れ\n[大阪] くもり\n[福岡] 雨\n") == []
    assert persons("[LINE] 家族\n\n[ママ] ご飯できたよ\n[パパ] 了解\n") == []
