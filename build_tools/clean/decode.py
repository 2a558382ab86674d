"""Turn a raw file's bytes into text: UTF-8 (with or without BOM) first, else charset-normalizer's guess.

The text comes back NFC-normalised, so that "é" written as e + accent and as one code point compare
equal downstream; typographic quotes and dashes are kept as written. Line endings are left alone.
"""

from __future__ import annotations

import codecs
import unicodedata


def decode_bytes(data: bytes) -> tuple[str, str]:
    """(text, encoding name) for the bytes of a source file."""
    if data.startswith(codecs.BOM_UTF8):
        return unicodedata.normalize("NFC", data[len(codecs.BOM_UTF8) :].decode("utf-8")), "utf-8-sig"
    try:
        return unicodedata.normalize("NFC", data.decode("utf-8")), "utf-8"
    except UnicodeDecodeError:
        pass
    encoding = _guess(data)
    return unicodedata.normalize("NFC", data.decode(encoding, errors="replace")), encoding


def _guess(data: bytes) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        return "cp1252"
    name = codecs.lookup(best.encoding).name
    # Western pages that are not UTF-8 are nearly always cp1252, of which latin-1 is a subset but
    # for 0x80-0x9F; charset-normalizer often names a sibling (cp1250, latin-1) for short texts.
    if name in ("latin-1", "iso8859-1", "iso8859-15", "cp1250", "cp1257", "cp1254") and _cp1252_plausible(data):
        return "cp1252"
    return name


def _cp1252_plausible(data: bytes) -> bool:
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return False
    # letters used in western European languages only, or typographic punctuation
    odd = sum(1 for ch in text if ord(ch) > 127 and not (ch.isalpha() and "LATIN" in unicodedata.name(ch, "")) and ch not in "‘’“”–—…€£©®°«»·•")
    return odd == 0
