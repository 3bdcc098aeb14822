"""Fictional demo data: an invented company, invented people, example.com addresses only."""

from __future__ import annotations

from typing import Any

DEMO_PASSWORD = "mamori-demo-2026"

# (username, display name, role, department)
DEMO_USERS: list[tuple[str, str, str, str]] = [
    ("manager", "保護 太郎（個人情報保護管理者）", "manager", "総務部"),
    ("auditor", "監査 花子（監査責任者）", "auditor", "内部監査室"),
    ("depmgr", "営業 一郎（営業部長）", "department_manager", "営業部"),
    ("employee", "社員 さくら（営業部）", "employee", "営業部"),
    ("executive", "代表 守（代表取締役）", "executive", ""),
]

FALSE_FACTS = {"special_care": False, "property_damage_risk": False, "my_number": False}

DEMO_INCIDENTS: list[dict[str, Any]] = [
    {
        "title": "見積書メールを別の顧客へ誤送信", "reporter": "employee", "days_ago": 1,
        "event_class": "missent", "discovered_by": "recipient", "categories": ["name", "email"], "persons": 1,
        "description": "顧客A社宛ての見積書を、宛先の入力補完で同姓の別会社の担当者へ送信した。受信者から連絡あり。",
        "triage": {**FALSE_FACTS, "unauthorized_purpose": False, "advanced_encryption": False,
                   "recovered_before_viewed": False, "cause": "insufficient_check", "medium": "electronic"},
    },
    {
        "title": "メールマガジンを宛先(To)に全員入れて送信", "reporter": "employee", "days_ago": 2,
        "event_class": "missent", "discovered_by": "self", "categories": ["email"], "persons": 1250,
        "description": "Bccに入れるべき顧客1,250名のアドレスをToに入れて一斉送信した。",
        "triage": {**FALSE_FACTS, "unauthorized_purpose": False, "advanced_encryption": False,
                   "recovered_before_viewed": False, "cause": "operation_error"},
    },
    {
        "title": "健康診断結果の封筒を別の社員宅へ誤配達", "reporter": "depmgr", "days_ago": 4,
        "event_class": "misdelivery", "discovered_by": "individual", "categories": ["name", "address", "health"],
        "persons": 1, "medium": "paper",
        "description": "健康診断結果を封入する際に宛名ラベルを取り違え、別の社員の自宅に郵送した。",
        "triage": {"special_care": True, "property_damage_risk": False, "unauthorized_purpose": False,
                   "advanced_encryption": False, "recovered_before_viewed": False, "my_number": False,
                   "cause": "insufficient_check"},
    },
    {
        "title": "暗号化USBメモリを電車内で紛失", "reporter": "employee", "days_ago": 6,
        "event_class": "loss", "discovered_by": "self", "categories": ["name", "phone", "address"], "persons": 320,
        "encrypted": True,
        "description": "顧客名簿を保存した会社支給の暗号化USBメモリ（パスワード別管理）を帰宅途中に紛失した。",
        "triage": {**FALSE_FACTS, "unauthorized_purpose": False, "recovered_before_viewed": False,
                   "cause": "rule_violation"},
    },
    {
        "title": "通販サイトへの不正アクセスでカード情報が漏えいのおそれ", "reporter": "manager", "days_ago": 10,
        "event_class": "unauthorized_access", "discovered_by": "outside",
        "categories": ["name", "address", "card", "email"], "persons": 2400, "upper_bound": True,
        "description": "カード会社から不正利用の懸念の連絡。決済画面が改ざんされ入力情報が外部に送信されていた可能性。",
        "triage": {"special_care": False, "property_damage_risk": True, "unauthorized_purpose": True,
                   "advanced_encryption": False, "recovered_before_viewed": False, "my_number": False,
                   "cause": "patching"},
        "statuses": ["initial_response", "investigation"],
    },
    {
        "title": "Emotet感染によるメール情報の流出", "reporter": "depmgr", "days_ago": 15,
        "event_class": "malware", "discovered_by": "system", "categories": ["name", "email"], "persons": 850,
        "upper_bound": True,
        "description": "添付ファイルのマクロ実行によりEmotetに感染し、メールソフトのアドレス帳とメール本文が窃取されたおそれ。",
        "triage": {**FALSE_FACTS, "unauthorized_purpose": True, "advanced_encryption": False,
                   "recovered_before_viewed": False, "cause": "insufficient_training"},
        "statuses": ["initial_response"],
    },
    {
        "title": "ランサムウェアによりファイルサーバが暗号化", "reporter": "manager", "days_ago": 20,
        "event_class": "malware", "discovered_by": "system",
        "categories": ["name", "address", "phone", "employment", "my_number"], "persons": 180,
        "description": "VPN機器の脆弱性を突かれ、従業員情報を含むファイルサーバが暗号化された。バックアップから復旧中。",
        "triage": {"events": ["destruction_damage", "leak"], "special_care": False, "property_damage_risk": False,
                   "unauthorized_purpose": True, "advanced_encryption": False, "recovered_before_viewed": False,
                   "my_number": True, "my_number_viewable_by_unspecified": False, "my_number_network": False,
                   "cause": "patching"},
        "statuses": ["initial_response", "investigation", "authority_report"],
    },
    {
        "title": "FAXで申込書を別の代理店へ誤送信", "reporter": "employee", "days_ago": 3,
        "event_class": "missent", "discovered_by": "recipient", "categories": ["name", "address", "phone"],
        "persons": 2, "medium": "paper",
        "description": "短縮ダイヤルの登録誤りにより申込書2件を別の代理店へFAX送信。先方で廃棄済みとの連絡。",
    },
    {
        "title": "退職予定者による顧客リストの持ち出し", "reporter": "manager", "days_ago": 8,
        "event_class": "insider", "discovered_by": "system", "categories": ["name", "phone", "email"],
        "persons": 5400, "upper_bound": True,
        "description": "ログ監査で退職予定の社員が顧客リストを私用クラウドへアップロードしていたことを確認。",
        "triage": {**FALSE_FACTS, "unauthorized_purpose": True, "advanced_encryption": False,
                   "recovered_before_viewed": False, "cause": "access_control"},
    },
    {
        "title": "書類の誤廃棄（保存期間中の契約書）", "reporter": "depmgr", "days_ago": 40,
        "event_class": "wrong_disposal", "discovered_by": "colleague", "categories": ["name", "address"],
        "persons": 60, "medium": "paper",
        "description": "保存期間中の契約書60件を溶解処理に出してしまった。外部への流出はない。",
        "triage": {**FALSE_FACTS, "unauthorized_purpose": False, "advanced_encryption": False,
                   "recovered_before_viewed": False, "cause": "operation_error"},
        "statuses": ["investigation", "prevention", "closed"],
    },
    {
        "title": "誤送信メールを送信前の保留で取り消し", "reporter": "employee", "days_ago": 5, "near_miss": True,
        "event_class": "missent", "discovered_by": "system", "categories": ["name", "email"], "persons": 1,
        "description": "送信保留中に宛先ドメインの誤りに気づき、送信を取り消した（ヒヤリハット）。",
    },
    {
        "title": "会員ページで他人の登録情報が表示", "reporter": "manager", "days_ago": 0,
        "event_class": "misdisplay", "discovered_by": "individual", "categories": ["name", "address", "birth_date"],
        "description": "キャッシュ設定の不備で、ログインした会員に他の会員の登録情報が表示された。影響範囲を調査中。",
    },
]
