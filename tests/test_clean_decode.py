"""Bytes to text: UTF-16 without a byte-order mark, and Latin-1 (cp1252) HTML that names no charset."""

from __future__ import annotations

import pytest

from build_tools.clean import clean_source
from build_tools.clean.decode import decode_bytes
from build_tools.model import RawSource

ENGLISH = (
    "Zoë Brûlé met the mayor of Malmö on Tuesday.\n\n"
    "The council said the new bridge over the river would open next spring, after two years of work.\n"
)
RUSSIAN = "Привет, как дела? Это текст на русском языке, записанный без метки порядка байтов.\n"
ARABIC = "قال المجلس إن الجسر الجديد سيفتح في الربيع المقبل بعد عامين من العمل.\n"


@pytest.mark.parametrize("text", [ENGLISH, RUSSIAN, ARABIC], ids=["latin", "cyrillic", "arabic"])
@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_decoded(text, encoding):
    data = text.encode(encoding)
    assert not data.startswith((b"\xff\xfe", b"\xfe\xff"))
    decoded, name = decode_bytes(data)
    assert decoded == text
    assert name == encoding


@pytest.mark.parametrize("encoding", ["utf-16", "utf-8-sig"])
def test_text_with_a_bom_loses_the_bom(encoding):
    decoded, _ = decode_bytes(ENGLISH.encode(encoding))
    assert decoded == ENGLISH


def test_utf8_with_nul_free_text_is_not_taken_for_utf16():
    decoded, name = decode_bytes(ENGLISH.encode("utf-8"))
    assert (decoded, name) == (ENGLISH, "utf-8")


LATIN1_PAGE = (
    "<html><head><title>Le café de la Gare</title></head><body>"
    "<h1>Le café de la Gare rouvre à Besançon</h1>"
    "<p>Après deux ans de travaux, le café de la Gare a rouvert ses portes jeudi. Les habitués ont "
    "retrouvé leur comptoir en zinc, et la patronne, Hélène Müller, a offert la première tournée.</p>"
    "<p>« Nous avons gardé l'âme du lieu », a-t-elle déclaré, entourée de ses employés.</p>"
    "</body></html>"
)


def test_latin1_html_without_charset_is_decoded():
    data = LATIN1_PAGE.encode("latin-1")
    assert b"charset" not in data
    decoded, name = decode_bytes(data)
    assert decoded == LATIN1_PAGE
    assert name in ("cp1252", "latin-1", "iso8859-1")


def test_latin1_html_without_charset_is_cleaned_with_its_accents():
    text, encoding = decode_bytes(LATIN1_PAGE.encode("latin-1"))
    raw = RawSource(id="cafe", file="cafe.html", format="html", text=text, encoding=encoding)
    body = " ".join(p.text for p in clean_source(raw).paragraphs)
    assert "Hélène Müller" in body and "Après deux ans" in body
    assert "Ã" not in body  # no UTF-8 mojibake
