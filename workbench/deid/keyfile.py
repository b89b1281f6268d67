"""The encrypted de-identification key: originals and the original ↔ pseudonym mapping.

Kept apart from the project database (default ``<project>/keys/deid.key``, configurable with
``key_dir`` / ``WORKBENCH_KEY_DIR``). Without the file *and* its passphrase nothing in the
project, its exports or its logs can be re-identified.

File format (JSON, UTF-8)::

    {"format": "workbench-deid-key", "version": 1,
     "kdf": {"name": "scrypt", "salt": "<b64>", "n": 32768, "r": 8, "p": 1},
     "cipher": "AES-256-GCM", "nonce": "<b64>", "ciphertext": "<b64>"}

The 256-bit key is derived from the passphrase with scrypt; the payload (JSON) is encrypted with
AES-GCM, with the header (format, version, kdf, cipher) as associated data, so any change to the
file is detected. Every save uses a fresh nonce and is written atomically (temp file + rename).
"""

from __future__ import annotations

import base64
import json
import os
import secrets
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from workbench.errors import InputError, WorkbenchError

KEY_FILENAME = "deid.key"
FORMAT = "workbench-deid-key"
VERSION = 1
SCRYPT_N = 2**15
MIN_PASSPHRASE = 8


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def derive_key(passphrase: str, salt: bytes, *, n: int = SCRYPT_N, r: int = 8, p: int = 1) -> bytes:
    """A 32-byte key from the passphrase (scrypt)."""
    return Scrypt(salt=salt, length=32, n=n, r=r, p=p).derive(passphrase.encode("utf-8"))


@dataclass
class KeyData:
    """Decrypted content of the key file."""

    project: str = ""
    book: dict[str, Any] = field(default_factory=dict)
    known: list[dict[str, Any]] = field(default_factory=list)  # {id, value, category, pseudonym}
    originals: dict[str, dict[str, Any]] = field(default_factory=dict)  # "source:<id>" -> {...}

    def to_dict(self) -> dict[str, Any]:
        return {"project": self.project, "book": self.book, "known": self.known, "originals": self.originals}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> KeyData:
        return cls(project=str(data.get("project", "")), book=dict(data.get("book", {})),
                   known=list(data.get("known", [])), originals=dict(data.get("originals", {})))


def encrypt(data: KeyData, passphrase: str, *, salt: bytes | None = None) -> dict[str, Any]:
    if len(passphrase) < MIN_PASSPHRASE:
        raise WorkbenchError(f"the key passphrase must have at least {MIN_PASSPHRASE} characters")
    salt = salt or secrets.token_bytes(16)
    header = {"format": FORMAT, "version": VERSION,
              "kdf": {"name": "scrypt", "salt": _b64(salt), "n": SCRYPT_N, "r": 8, "p": 1},
              "cipher": "AES-256-GCM"}
    key = derive_key(passphrase, salt)
    nonce = secrets.token_bytes(12)
    aad = json.dumps(header, sort_keys=True).encode("utf-8")
    plaintext = json.dumps(data.to_dict(), ensure_ascii=False).encode("utf-8")
    ciphertext = AESGCM(key).encrypt(nonce, plaintext, aad)
    return {**header, "nonce": _b64(nonce), "ciphertext": _b64(ciphertext)}


def decrypt(blob: dict[str, Any], passphrase: str, *, path: str | None = None) -> tuple[KeyData, bytes]:
    """Decrypt a parsed key file. Returns the data and the salt (reused on save)."""
    try:
        if blob.get("format") != FORMAT:
            raise ValueError("format")
        header = {k: blob[k] for k in ("format", "version", "kdf", "cipher")}
        kdf = blob["kdf"]
        if kdf.get("name") != "scrypt" or blob["cipher"] != "AES-256-GCM":
            raise ValueError("algorithm")
        salt = _unb64(kdf["salt"])
        nonce = _unb64(blob["nonce"])
        ciphertext = _unb64(blob["ciphertext"])
        n, r, p = int(kdf["n"]), int(kdf["r"]), int(kdf["p"])
    except (KeyError, ValueError, TypeError, AttributeError) as exc:
        raise InputError("not a workbench de-identification key file (damaged or wrong format)", path=path) from exc
    key = derive_key(passphrase, salt, n=n, r=r, p=p)
    aad = json.dumps(header, sort_keys=True).encode("utf-8")
    try:
        plaintext = AESGCM(key).decrypt(nonce, ciphertext, aad)
    except InvalidTag:
        raise InputError("cannot open the key file: wrong passphrase or the file was changed", path=path) from None
    return KeyData.from_dict(json.loads(plaintext.decode("utf-8"))), salt


def read_key(path: Path, passphrase: str) -> KeyData:
    """Open and decrypt a key file; clear errors for missing, unreadable or wrong-passphrase files."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputError("key file not found", path=str(path)) from None
    except OSError as exc:
        raise InputError(f"cannot read the key file ({exc.strerror})", path=str(path)) from None
    try:
        blob = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise InputError("not a workbench de-identification key file (damaged or wrong format)",
                         path=str(path)) from None
    if not isinstance(blob, dict):
        raise InputError("not a workbench de-identification key file (damaged or wrong format)", path=str(path))
    data, _salt = decrypt(blob, passphrase, path=str(path))
    return data


def write_key(path: Path, data: KeyData, passphrase: str) -> None:
    """Encrypt and write atomically (the old file stays intact if anything fails)."""
    blob = encrypt(data, passphrase)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".deid-key-", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(blob, fh)
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
