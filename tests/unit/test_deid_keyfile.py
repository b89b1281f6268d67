"""The encrypted key file: round trip, wrong passphrase, tampering, no plaintext on disk."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from workbench.deid.keyfile import KeyData, read_key, write_key
from workbench.errors import InputError, WorkbenchError


def test_round_trip_and_no_plaintext(tmp_path: Path) -> None:
    path = tmp_path / "deid.key"
    data = KeyData(project="p", known=[{"id": 1, "value": "Kari Nordmann", "category": "participant"}],
                   originals={"source:1": {"text": "Kari Nordmann bor i Hjelmeland."}})
    write_key(path, data, "correct horse")
    raw = path.read_bytes()
    assert b"Kari" not in raw and b"Hjelmeland" not in raw
    assert read_key(path, "correct horse") == data
    assert path.stat().st_mode & 0o777 == 0o600


def test_wrong_passphrase_and_tampering(tmp_path: Path) -> None:
    path = tmp_path / "deid.key"
    write_key(path, KeyData(project="p", known=[{"id": 1, "value": "Secret Name"}]), "correct horse")
    with pytest.raises(InputError) as err:
        read_key(path, "wrong horse")
    assert "passphrase" in str(err.value) and "Secret" not in str(err.value)
    blob = json.loads(path.read_text())
    ct = bytearray(blob["ciphertext"].encode())
    ct[10] = ord("A") if ct[10] != ord("A") else ord("B")
    blob["ciphertext"] = ct.decode()
    path.write_text(json.dumps(blob))
    with pytest.raises(InputError):
        read_key(path, "correct horse")


def test_header_is_authenticated(tmp_path: Path) -> None:
    path = tmp_path / "deid.key"
    write_key(path, KeyData(project="p"), "correct horse")
    blob = json.loads(path.read_text())
    blob["version"] = 2
    path.write_text(json.dumps(blob))
    with pytest.raises(InputError):
        read_key(path, "correct horse")


@pytest.mark.parametrize("content", [b"", b"not json", b"\xff\xfe\x00", b"[1, 2]", b'{"format": "other"}'])
def test_unreadable_files(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "deid.key"
    path.write_bytes(content)
    with pytest.raises(InputError):
        read_key(path, "correct horse")


def test_missing_file_and_short_passphrase(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        read_key(tmp_path / "none.key", "correct horse")
    with pytest.raises(WorkbenchError):
        write_key(tmp_path / "k.key", KeyData(), "short")
    assert not (tmp_path / "k.key").exists()
