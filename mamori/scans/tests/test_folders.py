"""Folders of uploaded paths from Linux and Windows machines."""

from mamori.scans.services import folder_of


def test_windows_paths_roll_up_by_their_own_folders() -> None:
    assert folder_of("C:\\共有\\顧客\\顧客一覧.xlsx") == "C:\\共有\\顧客"
    assert folder_of("\\\\fs01\\share\\総務\\DM\\宛名.csv") == "\\\\fs01\\share\\総務\\DM"


def test_posix_paths_keep_their_folders() -> None:
    assert folder_of("/srv/share/総務/DM/宛名.csv") == "/srv/share/総務/DM"
    assert folder_of("/srv/share/a\\b.txt") == "/srv/share"


def test_a_bare_file_name_is_in_the_current_folder() -> None:
    assert folder_of("顧客一覧.xlsx") == "."
