"""Bytes → text: the encoding (a BOM, UTF-8, the charset an HTML file declares, else
cp1252), newlines normalised, control characters dropped, and the line of everything that
could not be read. Binary files are told from text files here too.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from typing import NamedTuple

from citeres.errors import InputError

BOMS = (  # UTF-32 first: its little-endian BOM begins with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Files people mistake for text; what to call them in the error.
MAGIC = (
    (b"%PDF-", "a PDF document; convert it to text or HTML first"),
    (b"PK\x03\x04", "a ZIP archive (as .docx, .odt and .epub files are); save it as text"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "a Microsoft Office document; save it as text"),
    (b"{\\rtf", "an RTF document; save it as plain text"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x7fELF", "a program"),
)
SAMPLE = 1 << 16  # characters looked at to tell a binary file from text
BINARY_SHARE = 0.05  # of control characters; text has next to none, binary data a tenth
C0 = re.compile("[\x00-\x08\x0e-\x1f\x7f]")  # controls that text never holds
DROPPED = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")  # those, and the C1 controls
UNDECODED = re.compile("[\udc80-\udcff]")  # bytes kept by surrogateescape
VALID_NON_ASCII = re.compile("[\x80-\udc7f\udd00-\U0010ffff]")
NON_ASCII = re.compile("[^\x00-\x7f]")
REPLACED = re.compile("\ufffd")
NEWLINES = re.compile(r"\r\n?")
MAX_REPORTED = 10  # lines reported one by one; the rest in one more problem
# The HTML prescan: a <meta charset> or an XML declaration near the start.
META_CHARSET = re.compile(
    rb"""<meta[^>]{0,512}?charset\s*=\s*["']?\s*([a-z0-9._:-]{1,40})""", re.IGNORECASE
)
XML_ENCODING = re.compile(
    rb"""^\s*<\?xml[^>]{0,200}?encoding\s*=\s*["']([a-z0-9._-]{1,40})""", re.IGNORECASE
)
# What browsers read these names as (the WHATWG encoding standard).
BROWSER_NAMES = {"iso-8859-1": "cp1252", "latin1": "cp1252", "ascii": "cp1252"}
# cp1252, with the five bytes it leaves undefined read as Latin-1 (C1 controls, dropped).
CP1252 = "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in range(256))


class NotText(InputError):
    """The file is binary: a program, an image, a PDF."""


@dataclass(frozen=True)
class Decoded:
    text: str  # newlines normalised to \n, control characters dropped
    encoding: str
    warnings: tuple[tuple[int, str], ...] = ()  # (line, message): `encoding` problems


def decode(data: bytes, declared: str | None = None) -> Decoded:
    """The text of `data`; `declared` is the charset the file names for itself (HTML).
    Raises NotText for a file that is not text."""
    for magic, what in MAGIC:
        if data.startswith(magic):
            raise NotText(f"not a text file ({what})")
    read = read_bytes(data, declared)
    if binary(read.text):
        raise NotText("not a text file (binary content)")
    text = read.text
    if "\r" in text:
        text = NEWLINES.sub("\n", text)
    if "\x0b" in text or "\x0c" in text:  # page breaks of old text files: a space
        text = text.replace("\x0b", " ").replace("\x0c", " ")
    warnings: list[tuple[int, str]] = []
    if read.guessed:
        first = first_line(text, NON_ASCII)
        warnings.append((first, f"not UTF-8; read as {read.encoding}"))
    if read.bad:
        what = f"(not valid {label(read.encoding)}), shown as U+FFFD"
        warnings += counted(lines_with(text, read.bad), "undecodable byte", what)
        text = UNDECODED.sub("\ufffd", text)
    if DROPPED.search(text):
        warnings += counted(lines_with(text, DROPPED), "control character", "removed")
        text = DROPPED.sub("", text)
    return Decoded(text, read.encoding, tuple(sorted(warnings)))


class Read(NamedTuple):
    text: str
    encoding: str
    bad: re.Pattern[str] | None = None  # what marks an undecodable byte in `text`
    guessed: bool = False  # not UTF-8 and nothing said which encoding: cp1252 was tried


def read_bytes(data: bytes, declared: str | None) -> Read:
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return strict_or_replaced(data[len(bom) :], encoding)
    utf16 = utf16_without_bom(data)
    if utf16:
        return strict_or_replaced(data, utf16)
    try:
        return Read(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    declared = usable_charset(declared)
    if declared and declared != "utf-8":
        return strict_or_replaced(data, declared)
    text = data.decode("utf-8", errors="surrogateescape")
    if declared or VALID_NON_ASCII.search(text):
        return Read(text, "utf-8", UNDECODED)  # UTF-8 with a few bad bytes
    # Not one valid UTF-8 sequence: a file saved by an older Windows editor.
    return Read(codecs.charmap_decode(data, "strict", CP1252)[0], "cp1252", guessed=True)


def strict_or_replaced(data: bytes, encoding: str) -> Read:
    try:
        return Read(data.decode(encoding), encoding)
    except UnicodeDecodeError:
        return Read(data.decode(encoding, errors="replace"), encoding, REPLACED)


def utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 told by its zero bytes: ASCII text in UTF-16 has one in every other byte."""
    sample = data[:4096]
    if len(sample) < 16:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    if odd > 0.4 * half and even < 0.02 * half:
        return "utf-16-le"
    if even > 0.4 * half and odd < 0.02 * half:
        return "utf-16-be"
    return None


def usable_charset(name: str | None) -> str | None:
    if not name:
        return None
    name = BROWSER_NAMES.get(name.lower(), name)
    try:
        found = codecs.lookup(name).name
    except LookupError:
        return None
    return None if found.startswith(("utf-16", "utf-32")) else found  # a meta cannot mean these


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML file declares in its first bytes, as the HTML prescan reads it."""
    head = data[:2048]
    match = XML_ENCODING.search(head) or META_CHARSET.search(head)
    return match.group(1).decode("ascii") if match else None


def binary(text: str) -> bool:
    sample = text[:SAMPLE]
    return bool(sample) and len(C0.findall(sample)) > BINARY_SHARE * len(sample)


def first_line(text: str, pattern: re.Pattern[str]) -> int:
    match = pattern.search(text)
    return text.count("\n", 0, match.start()) + 1 if match else 1


def lines_with(text: str, pattern: re.Pattern[str]) -> list[tuple[int, int]]:
    """(line, count) for each line holding `pattern`, in order."""
    lines: dict[int, int] = {}
    line, counted_to = 1, 0
    for match in pattern.finditer(text):
        line += text.count("\n", counted_to, match.start())
        counted_to = match.start()
        lines[line] = lines.get(line, 0) + 1
    return list(lines.items())


def counted(lines: list[tuple[int, int]], noun: str, what: str) -> list[tuple[int, str]]:
    """One warning per line, up to MAX_REPORTED, then one for the rest."""
    warnings = [
        (line, f"{count} {noun}{'s' if count > 1 else ''} {what}")
        for line, count in lines[:MAX_REPORTED]
    ]
    rest = lines[MAX_REPORTED:]
    if rest:
        total = sum(count for _, count in rest)
        message = f"{total} more {noun}s {what}, on {len(rest)} lines from here"
        warnings.append((rest[0][0], message))
    return warnings


def label(encoding: str) -> str:
    return encoding.upper() if encoding.startswith("utf") else encoding
