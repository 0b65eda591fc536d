"""Bytes to text, remembering enough to write the file back byte for byte.

Order of decisions, most certain first:

1. a byte-order mark (UTF-8, UTF-16, UTF-32) decides; the BOM is stripped
   from the text and remembered in :attr:`DecodedText.bom`;
2. an encoding configured for the file's glob (``[encoding]``) is used
   strictly: bytes it cannot decode are an error, not a guess;
3. NUL bytes mean a binary file with a text extension: skipped;
4. strict UTF-8;
5. otherwise charset-normalizer guesses (imported only now: most runs never
   need it).  Among equally plausible Western single-byte code pages cp1252
   is preferred, because that is what old newsroom archives are; the engine
   reports the guess as an info-level ``LN003 non-utf8-encoding`` violation
   at line 1, so it shows in every output format and can be ignored like any
   rule.

Text is never newline-normalised: offsets index the text exactly as decoded,
so a fix applied to the text and encoded back with ``encoding`` (plus the BOM)
reproduces every untouched byte.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from functools import cache

__all__ = ["BinaryFile", "DecodeError", "DecodedText", "decode_bytes", "encode_text"]

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_BOM_BYTES = {enc: bom for bom, enc in _BOMS}
#: every BOM, for one ``bytes.startswith`` before the loop (most files have none)
_BOM_PREFIXES = tuple(bom for bom, _ in _BOMS)

#: code pages that a Latin-script guess may fall back to cp1252 from
_WESTERN = {"cp1252", "latin_1", "iso8859_1", "iso8859_15", "cp1250", "cp1254", "iso8859_9"}


class DecodeError(ValueError):
    """The bytes are not text in any encoding we can trust; the message says why."""


class BinaryFile(ValueError):
    """The file has NUL bytes: binary data with a text extension."""


@dataclass(frozen=True, slots=True)
class DecodedText:
    """Decoded text and how to encode it back.

    ``encoding`` is a Python codec name; ``bom`` says a byte-order mark
    preceded the text (it is not part of ``text``); ``newline`` is the first
    line ending found (``"\\n"``, ``"\\r\\n"``, ``"\\r"``, or ``""`` for none);
    ``detected`` is true when the encoding was guessed rather than known.
    """

    text: str
    encoding: str = "utf-8"
    bom: bool = False
    newline: str = "\n"
    detected: bool = False


class _DecodedSlots:
    """:class:`DecodedText`'s slots and nothing else: the strict UTF-8 path (every
    file of a clean archive) fills one with plain stores and gives it the real
    class, as ``lintnews.readers.build`` makes articles' objects; the frozen
    dataclass's ``__init__`` stores each field through ``object.__setattr__``
    (~8,600 instructions per file against ~2,000)."""

    __slots__ = DecodedText.__slots__


def _newline(text: str) -> str:
    i = text.find("\n")
    # A "\r" decides only if it comes before the first "\n": look there alone
    # (the whole text when it has no "\n"), not through the whole file.
    j = text.find("\r") if i == -1 else text.find("\r", 0, i)
    if j != -1:
        return "\r\n" if text.startswith("\r\n", j) else "\r"
    return "" if i == -1 else "\n"


def _where(data: bytes, offset: int) -> str:
    line = data.count(b"\n", 0, offset) + 1
    col = offset - (data.rfind(b"\n", 0, offset) + 1) + 1
    return f"byte 0x{data[offset]:02x} at line {line}, column {col}"


def decode_bytes(data: bytes, encoding: str | None = None) -> DecodedText:
    """Decode a whole file's bytes; see the module docstring for the order.

    Raises :class:`BinaryFile` or :class:`DecodeError` with a one-line message.
    """
    # one C test rules out every BOM first (five ``startswith`` calls in a loop cost ~6,000
    # instructions per file)
    if data.startswith(_BOM_PREFIXES):
        for bom, name in _BOMS:
            if data.startswith(bom):
                try:
                    text = data[len(bom) :].decode(name)
                except UnicodeDecodeError as exc:
                    raise DecodeError(
                        f"starts with a {name} byte-order mark but is not valid {name} "
                        f"(bad bytes at offset {exc.start + len(bom)})"
                    ) from None
                return DecodedText(text, name, True, _newline(text))
    if encoding:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as exc:
            raise DecodeError(
                f"not valid {encoding} (the encoding configured for it): {_where(data, exc.start)}"
            ) from None
        except LookupError:
            raise DecodeError(f"unknown encoding {encoding!r} configured for it") from None
        return DecodedText(text, codecs.lookup(encoding).name, False, _newline(text))
    if b"\x00" in data:
        raise BinaryFile("binary file (contains NUL bytes); skipped")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    else:
        # DecodedText(text, "utf-8", False, _newline(text)), made as its slot twin
        decoded = _DecodedSlots()
        decoded.text = text
        decoded.encoding = "utf-8"
        decoded.bom = False
        decoded.newline = _newline(text)
        decoded.detected = False
        decoded.__class__ = DecodedText
        return decoded  # type: ignore[return-value]
    if _damaged_utf8(data):
        raise DecodeError(
            f"not valid UTF-8 ({_where(data, first_bad)}): UTF-8 text with stray bytes "
            "(a damaged file, not a legacy encoding); fix the bytes or set its encoding "
            "under [encoding]"
        )
    guessed = _detect(data)
    if guessed is None:
        raise DecodeError(
            f"not valid UTF-8 ({_where(data, first_bad)}) and no encoding could be "
            "detected; convert it to UTF-8 or set its encoding under [encoding]"
        )
    name, text = guessed
    return DecodedText(text, name, False, _newline(text), detected=True)


#: a well-formed multi-byte UTF-8 sequence (no overlongs, no surrogates); compiled
#: on first use (:func:`_utf8_multibyte`): only files that are not valid UTF-8
#: need it, and compiling it at import cost every run ~0.4 ms
_UTF8_MULTIBYTE = (
    rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}"
    rb"|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}"
    rb"|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)


@cache
def _utf8_multibyte() -> re.Pattern[bytes]:
    return re.compile(_UTF8_MULTIBYTE)


#: guesses messier than this (charset-normalizer's chaos ratio) are refused
_MAX_CHAOS = 0.1


def _damaged_utf8(data: bytes) -> bool:
    """True when the bytes are mostly UTF-8 with a few invalid bytes mixed in.

    Such a file (a truncated copy, a bad paste) is damaged UTF-8: any
    single-byte "detection" would turn every correct accented letter into
    mojibake.  Legacy cp1252 text almost never forms valid multi-byte UTF-8
    sequences, so when valid sequences are at least as many as invalid
    bytes, the file is reported instead of guessed.
    """
    valid = len(_utf8_multibyte().findall(data))
    if valid == 0:
        return False
    invalid = data.decode("utf-8", "replace").count("\ufffd") - data.count(b"\xef\xbf\xbd")
    return valid >= invalid


#: cp1252 punctuation and symbols that Western newsroom text is full of
_CP1252_PUNCT = frozenset("‘’‚“”„–—…•€™«»°£¥©®§¶·´¨¡¿×÷±½¼¾¹²³ªº¦¤¢¯¸\xa0\xad")


def _looks_cp1252(data: bytes) -> str | None:
    """``data`` decoded as cp1252 if it reads like Western-European text.

    charset-normalizer often prefers a DOS or Central-European code page for
    short English articles whose only non-ASCII bytes are curly quotes and
    dashes (0x91-0x97).  Old newsroom archives are cp1252, so cp1252 wins
    when it decodes strictly, every non-ASCII character is a Latin letter or
    common punctuation, and accented letters stay a minority of letters
    (Cyrillic or Greek in a single-byte code page is almost all high bytes).
    """
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    letters = accented = 0
    for ch in text:
        if ch.isascii():
            letters += ch.isalpha()
        elif ch.isalpha() and "\xc0" <= ch <= "\xff":
            letters += 1
            accented += 1
        elif ch not in _CP1252_PUNCT:
            return None
    if letters and accented / letters > 0.3:
        return None
    return text


def _detect(data: bytes) -> tuple[str, str] | None:
    western = _looks_cp1252(data)
    if western is not None:
        return "cp1252", western
    from charset_normalizer import from_bytes

    matches = from_bytes(data)
    best = matches.best()
    if best is None or best.chaos > _MAX_CHAOS:
        return None
    tied = [
        m for m in matches if m.chaos <= best.chaos + 1e-9 and m.coherence >= best.coherence - 1e-9
    ]
    if best.encoding in _WESTERN or any(m.encoding in _WESTERN for m in tied):
        names = {n for m in tied for n in (m.encoding, *m.could_be_from_charset)}
        if "cp1252" in names:
            try:
                return "cp1252", data.decode("cp1252")
            except UnicodeDecodeError:
                pass
    name = codecs.lookup(best.encoding).name
    return name, str(best)


def encode_text(decoded: DecodedText, text: str | None = None) -> bytes:
    """Bytes for ``text`` (default: the decoded text) in the original encoding and BOM."""
    body = (decoded.text if text is None else text).encode(decoded.encoding)
    if decoded.bom:
        return _BOM_BYTES.get(decoded.encoding, b"") + body
    return body
