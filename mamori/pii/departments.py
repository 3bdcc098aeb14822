"""A department named by its own word ending in 部 (制作部, 編集部, デザイン部), for ``corporate.py``.

``corporate`` reads a block naming an organisation and no person as the organisation's: a 課, 室 or 係
after any kanji names a section, while 部 names one only after a department's word (営業部, 総務部).
A department signs for its mailbox and phone in an upload guide or a notice (制作部 dtp@…, TEL 06-…)
whatever its work is called, so any word of two or more characters (kanji, katakana, capitals: DTP部)
before 部 names one, unless it is a surname (阿部, 服部, 長谷部: 担当阿部 is a person), a part or a
region (一部, 全部, 内部, 北部, 中部) or a longer word goes on after it (部長, 部屋, 部品, 部分).
"""

from __future__ import annotations

# Dictionary surnames ending in 部 (tests check the list against the dictionary), by length, and the
# words ending in 部 that name a part, a region or a member of no department.
_SURNAMES = (
    "ト部 上部 下部 中部 乙部 井部 伊部 倉部 入部 刑部 利部 勝部 南部 卜部 占部 友部 国部 園部 坂部 堀部 大部 "
    "安部 宮部 小部 山部 岐部 岡部 岩部 岸部 峡部 川部 建部 戸部 曽部 服部 木部 林部 森部 櫛部 武部 江部 池部 "
    "沼部 波部 浦部 海部 渡部 溝部 物部 田部 真部 矢部 砥部 磯部 神部 福部 稲部 穴部 竹部 綾部 織部 羽部 色部 "
    "苅部 茅部 蔵部 薗部 西部 赤部 跡部 軽部 錦部 長部 間部 阿部 隈部 雁部 高部 鹿部 國部 眞部 髙部 "
    "三戸部 上矢部 下沼部 二藤部 五百部 井ノ部 伊福部 伊良部 伊野部 加茂部 厚沢部 大矢部 小田部 小矢部 山野部 "
    "川野部 日下部 曽我部 水戸部 田名部 田土部 矢田部 美濃部 若田部 諏訪部 谷田部 長谷部 須之部 鳥屋部 鳥谷部 "
    "厚澤部 長宗我部"
).split()
_NOT_DEPARTMENTS = (
    "一部 全部 内部 外部 幹部 東部 北部 細部 前部 後部 頭部 胸部 腹部 患部 局部 深部 基部 底部 暗部 恥部 首部 "
    "脚部 腰部 顔部 背部 肩部 口部 端部 周部 表部 裏部 残部 毎部 各部 諸部 当部 同部 他部 別部 "
    "央部 心部 市部 陸部 郡部 村部"  # 中央部, 中心部, 都市部, 内陸部: a part of a place
).split()


def _lookbehinds(words: list[str]) -> str:
    """Return negative look-behinds for ``words``, one per length (a look-behind has a fixed width)."""
    by_length: dict[int, list[str]] = {}
    for word in words:
        by_length.setdefault(len(word), []).append(word)
    return "".join(f"(?<!{'|'.join(sorted(group))})" for _n, group in sorted(by_length.items()))


SURNAMES_IN_BU = frozenset(_SURNAMES)

# A branch of corporate's organisation words: it starts with its literal, 部, as each branch must.
DEPARTMENT = (
    r"部(?<=[\u4e00-\u9fff\u30a1-\u30faーA-Z]{2}部)"
    + _lookbehinds(_SURNAMES + _NOT_DEPARTMENTS)
    + r"(?![\u4e00-\u9fff\u30a1-\u30fa])"
)
