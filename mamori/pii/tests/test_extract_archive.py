"""Zip archives: Japanese names, encryption, nesting depth, archive bombs and damage."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile

import pytest

from mamori.pii.extract import Limits, extract

from .extract_samples import JAPANESE_TEXT, NAME, bomb_zip, eml_bytes, lying_bomb_zip, nested_zip, zip_bytes


def codes(parts) -> list[str]:
    return [problem.code for part in parts for problem in part.problems]


def texts(parts) -> dict[str, str]:
    return {part.location: part.text for part in parts if part.text}


def test_cp932_member_names_without_utf8_flag_are_decoded():
    data = zip_bytes({"名簿/顧客一覧.txt": JAPANESE_TEXT.encode("cp932")}, utf8_names=False)
    parts = list(extract(data, name="社外秘.zip"))
    assert texts(parts) == {
        "社外秘.zip!/": "名簿/顧客一覧.txt",
        "社外秘.zip!/名簿/顧客一覧.txt": JAPANESE_TEXT,
    }
    assert parts[-1].encoding == "cp932"


def test_utf8_flagged_member_names_are_kept():
    parts = list(extract(zip_bytes({"名簿.txt": b"x"}), name="a.zip"))
    assert parts[0].text == "名簿.txt"


def test_encrypted_zip_from_info_zip_is_reported_and_its_names_still_listed(tmp_path):
    if not shutil.which("zip"):
        pytest.skip("Info-ZIP zip is not installed")
    (tmp_path / f"{NAME}.txt").write_text(JAPANESE_TEXT, encoding="utf-8")
    subprocess.run(["zip", "-q", "-P", "himitsu", "secret.zip", f"{NAME}.txt"], cwd=tmp_path, check=True)
    parts = list(extract(tmp_path / "secret.zip", name="secret.zip"))
    assert codes(parts) == ["encrypted"]
    assert parts[0].text == f"{NAME}.txt"
    assert parts[1].location == f"secret.zip!/{NAME}.txt"


def test_aes_encrypted_zip_is_reported_encrypted():
    pyzipper = pytest.importorskip("pyzipper")
    buffer = io.BytesIO()
    with pyzipper.AESZipFile(
        buffer, "w", compression=pyzipper.ZIP_DEFLATED, encryption=pyzipper.WZ_AES
    ) as zf:
        zf.setpassword(b"himitsu")
        zf.writestr("list.csv", JAPANESE_TEXT.encode())
    assert codes(extract(buffer.getvalue(), name="aes.zip")) == ["encrypted"]


def test_nested_zips_within_the_depth_are_read():
    parts = list(extract(nested_zip(3), name="outer.zip"))
    assert texts(parts)["outer.zip!/level2.zip!/level1.zip!/leaf.txt"] == JAPANESE_TEXT
    assert codes(parts) == []


def test_nesting_beyond_the_depth_is_reported_not_followed():
    parts = list(extract(nested_zip(6), name="deep.zip", limits=Limits(max_depth=3)))
    assert codes(parts) == ["depth_exceeded"]
    assert JAPANESE_TEXT not in texts(parts).values()


def test_zip_bomb_is_stopped_by_the_compression_ratio():
    data = bomb_zip()
    assert len(data) < 1024 * 1024
    parts = list(extract(data, name="bomb.zip"))
    assert codes(parts) == ["ratio_exceeded"]
    assert parts[-1].location == "bomb.zip!/zeros.txt"


def test_zip_bomb_with_forged_sizes_is_stopped_while_inflating():
    parts = list(extract(lying_bomb_zip(), name="forged.zip"))
    assert set(codes(parts)) <= {"ratio_exceeded", "malformed"} and codes(parts), parts


def test_total_extracted_size_is_bounded_across_members():
    members = {f"part{i}.txt": JAPANESE_TEXT.encode() * 200 for i in range(20)}
    parts = list(extract(zip_bytes(members), name="many.zip", limits=Limits(max_total_size=100_000)))
    assert codes(parts) == ["too_large"]
    assert parts[-1].problems[0].params["scope"] == "total extracted"


def test_member_over_the_file_limit_is_reported_too_large():
    data = zip_bytes({"big.txt": bytes(range(256)) * 400})
    parts = list(extract(data, name="a.zip", limits=Limits(max_file_size=50_000)))
    assert codes(parts) == ["too_large"]


def test_too_many_members_are_reported():
    data = zip_bytes({f"{i}.txt": b"x" for i in range(30)})
    parts = list(extract(data, name="a.zip", limits=Limits(max_members=10)))
    assert "too_many_members" in codes(parts)


def test_time_budget_stops_the_extraction_with_a_timeout():
    parts = list(extract(nested_zip(2), name="slow.zip", limits=Limits(time_budget=0)))
    assert codes(parts) == ["timeout"]


@pytest.mark.parametrize("cut", [10, 100, -30])
def test_truncated_zip_is_reported_malformed(cut):
    data = zip_bytes({"a.txt": JAPANESE_TEXT.encode() * 50})
    parts = list(extract(data[:cut], name="cut.zip"))
    assert "malformed" in codes(parts) or "unsupported" in codes(parts), parts


def test_zip_inside_a_mail_attachment_is_read():
    mail = eml_bytes({"名簿.zip": zip_bytes({"a.txt": JAPANESE_TEXT.encode()})})
    parts = list(extract(mail, name="m.eml"))
    assert texts(parts)["m.eml!名簿.zip!/a.txt"] == JAPANESE_TEXT


def test_every_member_of_a_valid_zip_can_be_listed_with_zipfile():
    # Guard for the fixture itself: CP932 names really are stored without the UTF-8 flag.
    data = zip_bytes({"名簿.txt": b"x"}, utf8_names=False)
    (info,) = zipfile.ZipFile(io.BytesIO(data)).infolist()
    assert not info.flag_bits & 0x800
