"""Bytes → text: BOMs, UTF-8/UTF-16, cp1252 fallback, double-encoding repair, CRLF, NFC.

Every repair is reported as a warning; unreadable input raises ``InputError`` naming the file.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from workbench.errors import InputError

_MOJIBAKE = re.compile("Ã[¥¸¦…˜†]|Ã\u0098|Ã\u0085")


def looks_binary(data: bytes) -> bool:
    sample = data[:4096]
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    if b"\x00" in sample:
        return True
    control = sum(1 for b in sample if b < 9 or 13 < b < 32)
    return control > max(8, len(sample) // 50)


def decode_bytes(data: bytes, path: str) -> tuple[str, list[str]]:
    """Decode file content to NFC text with ``\\n`` line ends; returns (text, warnings)."""
    warnings: list[str] = []
    if not data.strip():
        raise InputError("file is empty", path=path)
    if data.startswith(codecs.BOM_UTF8):
        warnings.append(f"{path}: UTF-8 byte-order mark removed")
        data = data[len(codecs.BOM_UTF8):]
        text = _strict(data, "utf-8", path)
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        warnings.append(f"{path}: UTF-16 file converted to UTF-8")
        text = _strict(data, "utf-16", path)
    else:
        if looks_binary(data):
            raise InputError("binary file, not text (wrong file or format?)", path=path)
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            try:
                text = data.decode("cp1252")
            except UnicodeDecodeError:
                line = data[: exc.start].count(b"\n") + 1
                raise InputError("not valid UTF-8 or Windows-1252 text (unknown encoding)", path=path,
                                 line=line) from None
            warnings.append(f"{path}: not UTF-8; read as Windows-1252 (cp1252)")
    if _MOJIBAKE.search(text):
        try:
            repaired = text.encode("cp1252").decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            repaired = None
        if repaired is not None:
            text = repaired
            warnings.append(f"{path}: double-encoded UTF-8 (e.g. 'Ã¥' for 'å') repaired")
        else:
            warnings.append(f"{path}: text looks double-encoded (e.g. 'Ã¥' for 'å'); check the original file")
    if "\r" in text:
        warnings.append(f"{path}: Windows (CRLF) line endings normalised")
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\ufffd" in text:
        warnings.append(f"{path}: contains replacement characters (�): text was damaged before import")
    normalised = unicodedata.normalize("NFC", text)
    if normalised != text:
        warnings.append(f"{path}: text normalised to Unicode NFC")
    return normalised, warnings


def _strict(data: bytes, encoding: str, path: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(f"invalid {encoding.upper()} byte sequence", path=path, line=line) from None
