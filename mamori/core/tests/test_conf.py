import os
import stat

import pytest

from mamori import conf


def test_secret_key_is_generated_once_and_kept_private(tmp_path, monkeypatch):
    monkeypatch.delenv("MAMORI_SECRET_KEY", raising=False)
    first = conf.secret_key(tmp_path)
    assert len(first) >= 50
    assert conf.secret_key(tmp_path) == first
    assert stat.S_IMODE(os.stat(tmp_path / "secret_key").st_mode) == 0o600


def test_given_secret_key_wins(tmp_path, monkeypatch):
    monkeypatch.setenv("MAMORI_SECRET_KEY", "given")
    assert conf.secret_key(tmp_path) == "given"
    assert not (tmp_path / "secret_key").exists()


@pytest.mark.parametrize(("raw", "expected"), [("1", True), ("yes", True), ("off", False), ("", False)])
def test_booleans_are_parsed(monkeypatch, raw, expected):
    monkeypatch.setenv("X_FLAG", raw)
    assert conf.env_bool("X_FLAG") is expected


def test_bad_values_fail_loudly(monkeypatch):
    monkeypatch.setenv("X_FLAG", "maybe")
    with pytest.raises(conf.ConfigError, match="X_FLAG"):
        conf.env_bool("X_FLAG")
    monkeypatch.setenv("X_INT", "ten")
    with pytest.raises(conf.ConfigError, match="X_INT"):
        conf.env_int("X_INT", 1)
