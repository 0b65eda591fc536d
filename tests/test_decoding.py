"""Bytes to text: BOMs, configured encodings, detection, binary and invalid input."""

from __future__ import annotations

import codecs

import pytest

from lintnews.decoding import (
    BinaryFile,
    DecodedText,
    DecodeError,
    _newline,
    decode_bytes,
    encode_text,
)

TEXT = "Le café rouvre\r\n\r\nLe maire a dit « oui ».\r\n"


def test_plain_utf8() -> None:
    d = decode_bytes(TEXT.encode())
    assert d == DecodedText(TEXT, "utf-8", False, "\r\n", False)


def test_utf8_bom_stripped_and_remembered() -> None:
    data = codecs.BOM_UTF8 + TEXT.encode()
    d = decode_bytes(data)
    assert d.text == TEXT and d.bom and d.encoding == "utf-8" and not d.detected
    assert encode_text(d) == data


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32-le"])
def test_utf16_and_utf32_with_bom(encoding: str) -> None:
    bom = {"utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE}.get(
        encoding, codecs.BOM_UTF32_LE
    )
    data = bom + TEXT.encode(encoding)
    d = decode_bytes(data)
    assert (d.text, d.encoding, d.bom) == (TEXT, encoding, True)
    assert encode_text(d) == data
    assert encode_text(d, d.text.replace("café", "bar")) == bom + TEXT.replace(
        "café", "bar"
    ).encode(encoding)


def test_latin1_detected_as_cp1252() -> None:
    text = "Le café est fermé, señor. Über alles, the mayor said on Tuesday.\n"
    d = decode_bytes(text.encode("latin-1"))
    assert d.text == text
    assert d.encoding == "cp1252" and d.detected and not d.bom


def test_cp1252_quotes_detected() -> None:
    text = "The mayor said \u201cno comment\u201d \u2014 and left the café.\n"
    d = decode_bytes(text.encode("cp1252"))
    assert d.text == text and d.detected


def test_configured_encoding_is_used_strictly() -> None:
    text = "Москва, сказал мэр города в понедельник.\n"
    d = decode_bytes(text.encode("koi8-r"), "koi8-r")
    assert d.text == text and d.encoding == "koi8-r" and not d.detected
    latin = "café\n".encode("latin-1")
    assert decode_bytes(latin, "latin-1").text == "café\n"
    with pytest.raises(DecodeError) as info:
        decode_bytes("ok\ncafé\n".encode("latin-1"), "utf-8")
    assert str(info.value) == (
        "not valid utf-8 (the encoding configured for it): byte 0xe9 at line 2, column 4"
    )


def test_binary_file_is_skipped() -> None:
    with pytest.raises(BinaryFile, match="binary file"):
        decode_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")


def test_undecodable_bytes_give_a_positioned_message() -> None:
    with pytest.raises(DecodeError) as info:
        decode_bytes(b"ok\n" + bytes(range(128, 256)) * 2)
    message = str(info.value)
    assert message.startswith("not valid UTF-8 (byte 0x80 at line 2, column 1)")
    assert "[encoding]" in message and "\n" not in message


def test_broken_utf16_after_bom() -> None:
    with pytest.raises(DecodeError, match="utf-16-le byte-order mark"):
        decode_bytes(codecs.BOM_UTF16_LE + b"a\x00\x00\xd8")  # lone surrogate


@pytest.mark.parametrize(
    ("text", "newline"), [("a\nb\r\n", "\n"), ("a\r\nb\n", "\r\n"), ("a\rb", "\r"), ("ab", "")]
)
def test_newline_style(text: str, newline: str) -> None:
    assert decode_bytes(text.encode()).newline == newline


def test_text_is_not_newline_normalised() -> None:
    assert decode_bytes(b"a\r\nb\rc\n").text == "a\r\nb\rc\n"


def test_damaged_utf8_is_reported_not_guessed() -> None:
    """The multi-byte UTF-8 pattern (compiled on first use, not at import) still
    tells a damaged UTF-8 file from a legacy code page."""
    import lintnews.decoding as decoding

    damaged = "Le café rouvre, le maire a dit « oui ».".encode() + b"\xff\n"
    with pytest.raises(DecodeError, match="UTF-8 text with stray bytes"):
        decode_bytes(damaged)
    assert decoding._utf8_multibyte() is decoding._utf8_multibyte()  # compiled once
    assert decoding._utf8_multibyte().findall("é€😀".encode()) == [
        "é".encode(),
        "€".encode(),
        "😀".encode(),
    ]
    assert decoding._utf8_multibyte().findall(b"\xc0\xaf\xed\xa0\x80\xf4\x90\x80\x80") == []
    # cp1252 bytes form no valid sequence: guessed, not reported
    assert decode_bytes("Le café rouvre".encode("cp1252")).encoding == "cp1252"


# -- the fast paths of decode_bytes against the code they replaced ---------------------


def _old_newline(text: str) -> str:
    i = text.find("\n")
    j = text.find("\r")
    if i == -1 and j == -1:
        return ""
    if j != -1 and (i == -1 or j < i):
        return "\r\n" if text.startswith("\r\n", j) else "\r"
    return "\n"


def _old_decode(data: bytes, encoding: str | None = None) -> DecodedText:
    """``decode_bytes`` before the BOM pre-test, the bounded "\\r" search and the
    slot-twin result (the rest of it is unchanged and called as it is)."""
    from lintnews import decoding

    for bom, name in decoding._BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(name)
            except UnicodeDecodeError as exc:
                raise DecodeError(
                    f"starts with a {name} byte-order mark but is not valid {name} "
                    f"(bad bytes at offset {exc.start + len(bom)})"
                ) from None
            return DecodedText(text, name, True, _old_newline(text))
    if encoding or b"\x00" in data:
        return decode_bytes(data, encoding)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return decode_bytes(data, encoding)
    return DecodedText(text, "utf-8", False, _old_newline(text))


def _outcome(decode, data: bytes, encoding: str | None):  # type: ignore[no-untyped-def]
    try:
        d = decode(data, encoding)
    except (BinaryFile, DecodeError) as exc:
        return type(exc), str(exc)
    assert type(d) is DecodedText
    fields = (d.text, d.encoding, d.bom, d.newline, d.detected)
    return d, tuple(map(type, fields)), fields, hash(d), repr(d)


def test_decode_fast_paths_equal_the_old_code() -> None:
    import random

    rng = random.Random(59)
    boms = [codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE]
    boms += [codecs.BOM_UTF32_BE, b"\xef\xbb", b"\xff", b"\xfe", b"\x00\x00\xfe"]
    chunks = ["a", "\n", "\r", "\r\n", "\n\r", " ", "\u00e9", "\u201c", "\U0001f600", "\x00"]
    checked = 0
    for k in range(25_000):
        text = "".join(rng.choice(chunks) for _ in range(rng.randint(0, 12)))
        data = text.encode("utf-8")
        if k % 5 == 0:
            data = rng.choice(boms) + data
        if k % 499 == 0:
            data += b"\xff"  # not UTF-8: the unchanged detection path
        encoding = "utf-8" if k % 31 == 0 else None
        assert _outcome(decode_bytes, data, encoding) == _outcome(_old_decode, data, encoding), data
        assert _newline(text) == _old_newline(text), text
        checked += 1
    assert checked == 25_000
