"""Demo data of the plan: a 17-row ledger over five departments with lifecycle risks and the notice.

Fictional throughout. Most rows are approved with their risks approved by top management; a few are
left as a newcomer meets them in a real ledger: a draft, a review overdue, a phase not assessed, a vague
purpose, a foreign provision without a recorded basis.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from mamori.accounts.models import User
from mamori.core import services as core_services
from mamori.core.models import Department, Organisation
from mamori.incidents import services as incident_services
from mamori.incidents.models import Incident
from mamori.ledger import notice, queries, services
from mamori.ledger.models import LedgerEntry

# (department, process, name, subjects, items, count, media, extra columns)
ROWS: list[tuple[str, str, str, list[str], list[str], int, str, dict[str, Any]]] = [
    (
        "人事部",
        "給与計算",
        "給与台帳",
        ["従業者"],
        ["氏名", "住所", "生年月日", "口座番号", "給与額", "マイナンバー"],
        180,
        "electronic",
        {
            "my_number": True,
            "purpose": "給与の計算及び支払、源泉徴収並びに社会保険の手続のため",
            "storage": "給与システム（アクセス制限あり）",
            "encrypted": True,
            "entrusted": True,
            "contractors": ["株式会社みほん給与計算センター（デモ）"],
            "provision": "entrustment",
            "retention_period": "7年",
            "retention_trigger": "退職後",
            "disposal": "システム上で削除し削除記録を保存",
        },
    ),
    (
        "人事部",
        "健康管理",
        "定期健康診断結果",
        ["従業者"],
        ["氏名", "社員番号", "健康診断結果"],
        180,
        "paper",
        {
            "special_care": True,
            "special_care_kinds": ["健康診断等の結果"],
            "special_care_exception": "法令に基づく場合（労働安全衛生法第66条の3）",
            "purpose": "健康診断結果の保存、就業上の措置及び保健指導のため",
            "storage": "人事部 施錠キャビネット",
            "acquisition": "third_party",
            "retention_period": "5年",
            "retention_trigger": "作成日から",
            "disposal": "溶解処理（証明書を受領）",
        },
    ),
    (
        "人事部",
        "採用",
        "応募者情報",
        ["応募者"],
        ["氏名", "住所", "電話番号", "メールアドレス", "学歴・職歴"],
        420,
        "electronic",
        {
            "purpose": "採用選考、選考結果のご連絡及び入社手続のため",
            "storage": "採用管理サービス",
            "encrypted": True,
            "acquisition": "direct_other",
            "acquisition_measure": "explicit",
            "retention_period": "1年",
            "retention_trigger": "選考終了後",
        },
    ),
    (
        "人事部",
        "労務管理",
        "扶養控除等申告書",
        ["従業者", "扶養家族"],
        ["氏名", "住所", "生年月日", "マイナンバー", "家族情報"],
        180,
        "paper",
        {
            "my_number": True,
            "purpose": "年末調整及び源泉徴収のため",
            "storage": "人事部 金庫",
            "retention_period": "7年",
            "retention_trigger": "提出期限の翌日から",
            "disposal": "クロスカットシュレッダー",
        },
    ),
    (
        "総務部",
        "入館管理",
        "来訪者受付簿",
        ["来訪者"],
        ["氏名", "勤務先"],
        1200,
        "paper",
        {
            "retained": False,
            "purpose": "入館管理及び緊急時の在館者確認のため",
            "storage": "受付の鍵付き引出し",
            "retention_period": "1年",
        },
    ),
    (
        "総務部",
        "防犯",
        "防犯カメラ映像",
        ["来訪者", "従業者"],
        ["顔画像"],
        3000,
        "electronic",
        {
            "retained": False,
            "purpose": "防犯及び事故発生時の事実確認のため",
            "storage": "録画装置（施錠ラック）",
            "retention_period": "30日",
            "acquisition_measure": "published",
        },
    ),
    (
        "総務部",
        "株主管理",
        "株主名簿",
        ["株主"],
        ["氏名", "住所", "持株数"],
        85,
        "electronic",
        {
            "purpose": "会社法に基づく権利行使の確認及び株主総会の招集通知の送付のため",
            "acquisition": "third_party",
            "entrusted": True,
            "contractors": ["株主名簿管理人（デモ信託銀行）"],
            "provision": "entrustment",
        },
    ),
    (
        "営業部",
        "受注・出荷",
        "顧客台帳",
        ["顧客"],
        ["氏名", "住所", "電話番号", "メールアドレス", "購買履歴"],
        2400,
        "electronic",
        {
            "purpose": "通信販売事業における商品の発送、代金の請求、アフターサービス及び新商品のご案内のため",
            "storage": "販売管理システム",
            "encrypted": True,
            "entrusted": True,
            "contractors": ["配送会社", "決済代行会社"],
            "provision": "entrustment",
            "acquisition_measure": "explicit",
            "retention_period": "5年",
            "retention_trigger": "最終取引日から",
        },
    ),
    (
        "営業部",
        "展示会",
        "名刺情報",
        ["取引先担当者"],
        ["氏名", "勤務先", "役職", "電話番号", "メールアドレス"],
        1900,
        "both",
        {
            "purpose": "商談、見積書の送付及び展示会のご案内のため",
            "storage": "名刺管理サービス",
            "encrypted": True,
        },
    ),
    (
        "営業部",
        "グループ連携",
        "共同利用顧客情報",
        ["顧客"],
        ["氏名", "住所", "購買履歴"],
        2400,
        "electronic",
        {
            "purpose": "グループ各社の商品・サービスのご案内のため",
            "provision": "joint_use",
            "joint_use_items": "氏名、住所、購買履歴",
            "joint_use_scope": "当社の子会社（一覧は当社ウェブサイトに掲載）",
            "joint_use_purpose": "グループ各社の商品・サービスのご案内",
            "joint_use_responsible": "株式会社みほん商事（デモ） 東京都千代田区架空町1-2-3 代表取締役 代表守",
        },
    ),
    (
        "営業部",
        "販売促進",
        "キャンペーン応募者",
        ["顧客", "見込客"],
        ["氏名", "住所", "メールアドレス"],
        650,
        "electronic",
        {"purpose": "事業活動のため", "storage": "販促用スプレッドシート（共有ドライブ）"},
    ),
    (
        "カスタマーサポート部",
        "問合せ対応",
        "問合せ記録",
        ["顧客", "見込客"],
        ["氏名", "電話番号", "メールアドレス"],
        5200,
        "electronic",
        {
            "purpose": "お問合せへの回答及び回答品質の確認のため",
            "storage": "CRM（海外クラウド）",
            "encrypted": True,
            "foreign_country": "米国",
            "entrusted": True,
            "contractors": ["コールセンター委託先"],
            "provision": "entrustment",
        },
    ),
    (
        "カスタマーサポート部",
        "修理受付",
        "修理依頼書",
        ["顧客"],
        ["氏名", "住所", "電話番号"],
        900,
        "paper",
        {"purpose": "修理品の受付、修理状況のご連絡及び返送のため", "storage": "サポート部 書庫"},
    ),
    (
        "カスタマーサポート部",
        "返品受付",
        "返金口座情報",
        ["顧客"],
        ["氏名", "口座番号"],
        120,
        "electronic",
        {"purpose": "返品に伴う代金の返金のため", "storage": "会計システム", "encrypted": True},
    ),
    (
        "情報システム部",
        "アカウント管理",
        "社内アカウント情報",
        ["従業者"],
        ["氏名", "メールアドレス", "ID・パスワード"],
        190,
        "electronic",
        {
            "retained": False,
            "purpose": "社内システムの利用者認証及びアクセス権の管理のため",
            "storage": "ディレクトリサービス",
            "encrypted": True,
        },
    ),
    (
        "情報システム部",
        "ログ管理",
        "アクセスログ",
        ["従業者"],
        ["ID・パスワード", "アクセス日時"],
        190,
        "electronic",
        {
            "retained": False,
            "purpose": "不正アクセスの検知及び調査のため",
            "storage": "ログ管理サーバ",
            "encrypted": True,
            "retention_period": "1年",
        },
    ),
    (
        "情報システム部",
        "メール誤送信防止",
        "保留メールの記録",
        ["従業者", "取引先担当者"],
        ["氏名", "メールアドレス"],
        2000,
        "electronic",
        {
            "retained": False,
            "purpose": "誤送信防止のための送信前確認及び記録のため",
            "storage": "mamori（社内サーバ）",
            "encrypted": True,
        },
    ),
]

# phase → (media, kind, threat, vulnerability, controls)
RISKS: dict[str, tuple[str, str, str, list[str]]] = {
    "acquire": (
        "leak",
        "記入済み書類・入力画面の覗き見",
        "受付・入力場所が区画されていない",
        ["10-5-1", "10-2"],
    ),
    "transfer": ("leak", "メール・FAXの誤送信、郵送の誤配達", "宛先の確認が一人任せ", ["10-6-4", "10-3-2"]),
    "use": ("beyond_purpose", "利用目的外の利用", "利用目的が周知されていない", ["10-4", "10-3-2"]),
    "store": ("leak", "不正アクセス・持ち出し", "アクセス権の見直しが不定期", ["10-6-1", "10-6-2", "10-5-2"]),
    "dispose": ("leak", "廃棄書類・媒体からの漏えい", "廃棄の確認記録がない", ["10-5-4"]),
}


def _department(org: Organisation, name: str) -> Department:
    dept = Department.objects.filter(organisation=org, name=name).first()
    return dept or core_services.department_create(organisation=org, name=name)


def _risks(entry: LedgerEntry, manager: User, media: str, skip: str = "") -> None:
    media_list = ["paper", "electronic"] if media == "both" else [media]
    for phase, (kind, threat, vulnerability, controls) in RISKS.items():
        if phase == skip:
            continue
        for medium in media_list:
            residual = phase == "store"
            services.risk_save(
                entry=entry,
                actor=manager,
                phase=phase,
                media=medium,
                kind=kind,
                threat=threat,
                vulnerability=vulnerability,
                likelihood=2 if phase in ("transfer", "store") else 1,
                impact=3 if entry.special_care or entry.my_number else 2,
                controls=controls,
                treatment="accept" if residual else "reduce",
                treatment_plan="" if residual else "手順の見直しと教育で低減する",
                residual=residual,
                residual_value=2 if residual else None,
                residual_owner=entry.owner if residual else "",
            )
    if entry.contractors:
        services.risk_save(
            entry=entry,
            actor=manager,
            phase="entrust",
            media=media_list[-1],
            kind="leak",
            threat="委託先での漏えい",
            vulnerability="委託先の監督が年1回のみ",
            controls=["10-3-1"],
        )


def load(org: Organisation, users: dict[str, User]) -> int:
    """Load the demo ledger once; return the number of rows created (0 when it exists already)."""
    if LedgerEntry.objects.filter(organisation=org).exists():
        return 0
    manager, executive = users["manager"], users["executive"]
    today = timezone.localdate()
    for number, (dept, process, name, subjects, items, count, media, extra) in enumerate(ROWS, start=1):
        fields: dict[str, Any] = {
            "acquisition": "direct_written",
            "acquisition_measure": "explicit",
            "retained": True,
            "access": f"{dept}の担当者",
            "owner": f"{dept}長",
            "special_care": False,
            "last_reviewed": today - dt.timedelta(days=400 if number == 13 else 60 + number),
            "count_as_of": today.replace(day=1),
            "disposal": "シュレッダー／データ消去",
            **extra,
        }
        entry = services.entry_create(
            organisation=org,
            actor=manager,
            number=f"D-{number:03d}",
            department=_department(org, dept),
            process=process,
            name=name,
            subjects=subjects,
            items=items,
            count=count,
            media=media,
            **fields,
        )
        _risks(entry, manager, media, skip="dispose" if number == 11 else "")
        if number != 14:  # one draft waits for the manager's approval
            services.entry_approve(entry=entry, actor=manager)
        if number not in (11, 12, 14):
            services.risks_approve(entry=entry, actor=executive)
    _notice(org, manager)
    _link_incident(org, users)
    return len(ROWS)


def _notice(org: Organisation, manager: User) -> None:
    services.notice_settings_save(
        organisation=org,
        actor=manager,
        business_name="株式会社みほん商事（デモ）",
        address="東京都千代田区架空町1-2-3",
        representative="代表取締役 代表守",
        request_procedure="所定の請求書に本人確認書類の写しを添えて、お客様相談室へ郵送してください。\n"
        "代理人による請求の場合は委任状を添えてください。",
        request_fee="開示の請求1件につき1,000円（郵便為替）",
        safety_measures="個人情報保護方針を策定し、取扱規程を整備しています。\n"
        "従業者に年1回の教育を行い、秘密保持誓約書を取得しています。\n"
        "個人データを扱う区域の入退室を管理し、書類は施錠保管しています。\n"
        "アクセス制御、不正アクセス対策ソフト、通信の暗号化を実施しています。",
        complaints_desk="お客様相談室 0120-000-000（デモ） privacy@example.com",
        accredited_body="",
    )
    facts = queries.notice_facts(org.pk, queries.notice_settings(org.pk))
    services.notice_publish(
        organisation=org,
        actor=manager,
        text=notice.as_text(facts),
        purposes=notice.purposes_of(facts.purposes),
    )


def _link_incident(org: Organisation, users: dict[str, User]) -> None:
    """Link the demo's mis-delivered health check to its ledger row, as intake would have."""
    incident = Incident.objects.filter(organisation=org, title__contains="健康診断").first()
    row = LedgerEntry.objects.filter(organisation=org, name="定期健康診断結果").first()
    if incident and row:
        incident_services.incident_link_ledger(incident=incident, entries=[row], actor=users["manager"])
