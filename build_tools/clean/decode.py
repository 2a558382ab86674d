"""Turn a raw file's bytes into text: UTF-8 (with or without BOM), UTF-16 (with or without BOM), else charset-normalizer's guess.

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
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return unicodedata.normalize("NFC", data.decode("utf-16")), "utf-16"
        except UnicodeDecodeError:
            pass
    utf16 = _utf16_without_bom(data)
    if utf16:
        return utf16
    try:
        return unicodedata.normalize("NFC", data.decode("utf-8")), "utf-8"
    except UnicodeDecodeError:
        pass
    encoding = _guess(data)
    return unicodedata.normalize("NFC", data.decode(encoding, errors="replace")), encoding


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 saved without its byte-order mark, told by where the high bytes sit.

    In UTF-16 text the high byte of every character of one script is the same few values (0 for
    ASCII and Latin-1, 4 for Cyrillic, 6 for Arabic), so the bytes at the high positions (odd for
    little-endian, even for big-endian) take a handful of values, the low bytes many. UTF-8 and
    the 8-bit encodings hold no NUL byte in text; a file without one is not looked at.
    """
    sample = data[:8192]
    if len(data) < 4 or len(data) % 2 or b"\x00" not in sample:
        return None
    even, odd = set(sample[0::2]), set(sample[1::2])
    if len(odd) <= 6 and len(even) > 2 * len(odd):
        encoding = "utf-16-le"
    elif len(even) <= 6 and len(odd) > 2 * len(even):
        encoding = "utf-16-be"
    else:
        return None
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return None
    return unicodedata.normalize("NFC", text), encoding


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
    odd = sum(
        1
        for ch in text
        if ord(ch) > 127 and not (ch.isalpha() and "LATIN" in unicodedata.name(ch, "")) and ch not in "‘’“”–—…€£©®°«»·•"
    )
    return odd == 0
