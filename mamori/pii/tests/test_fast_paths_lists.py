"""The fast paths of dense lists (customer, mailing and staff lists) find what their plain definitions find."""

from __future__ import annotations

import random
import re

from mamori.pii.placeholder import _EXAMPLE_DOC, is_example

# The plain definition of a text's example words: the branches as people write them.
_PLAIN_EXAMPLE = re.compile(
    r"記入例|入力例|記載例|記入見本|文例|\(例[)）]|（例[)）]|例[:：]|ダミー|テスト用|SAMPLE(?<=\bSAMPLE)\b|DUMMY(?<=\bDUMMY)\b"
    r"|example(?<=\bexample)s?\"?\s*:"
    r"|[(（【]見本[)）】]"
)
_EXAMPLE_SAMPLES = (
    "記入例 入力例 記載例 記入見本 文例 (例) (例） （例) （例） 例: 例： ダミー テスト用 SAMPLE DUMMY example: "
    'examples": example\t: (見本) 【見本】 （見本） 見本 x例 ASAMPLE SAMPLES exampled: 例 : 「見本」 記入 例 の例'
).split(" ")


def test_example_words_are_found_where_their_plain_alternation_finds_them() -> None:
    texts = [ctx + s + ctx for s in _EXAMPLE_SAMPLES for ctx in ("", "a", " ", "あ", "\n")]
    alphabet = "".join(sorted(set("".join(_EXAMPLE_SAMPLES)))) + " \n"
    rng = random.Random(7)
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 12))) for _ in range(20000)]
    found = [t for t in texts if _PLAIN_EXAMPLE.search(t)]
    assert len(found) > 200  # the random texts hold the words too
    assert [t for t in texts if _EXAMPLE_DOC.search(t)] == found


def test_a_list_holding_sample_words_in_its_values_is_no_text_of_examples() -> None:
    rows = "".join(f"見本 陽菜{i},user{i}@example.com,長野県松本市中山{i}\n" for i in range(50))
    assert not is_example("氏名,メール,住所\n" + rows)
    assert is_example("氏名,メール,住所\n" + rows + "申込書（見本）\n")
    assert is_example("名刺データの例\n" + rows)
