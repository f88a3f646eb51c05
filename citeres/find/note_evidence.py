"""What tells a run of numbered lines to be notes, apart from its markers: a notes heading
or a footnote rule above it, and entries that read like references (a year, a page
locator, a short form, an imprint, a title in italics or quotes after a name, a URL).
"""

from __future__ import annotations

import re

from citeres.identity import IBID, OPCIT, UPPER, YEAR

NOTES_HEADING = re.compile(
    r"^[ \t]*(?:end\s*notes|notes|footnotes|notes and (?:references|sources)"
    r"|(?:references|sources) and notes|anmerkungen|fu(?:ß|ss)noten|endnoten|notas"
    r"|notes et références)"
    r"(?:[ \t]+(?:to|for|on)[ \t]+(?:the[ \t]+)?(?:chapter|part|section|introduction|preface)"
    r"(?:[ \t]+[\w.]{1,12})?)?[ \t]*+:?[ \t]*+$",
    re.IGNORECASE | re.MULTILINE,
)
# The rule a printed page sets above its footnotes: `——————`, `____`, `-----`.
RULE = re.compile(r"[ \t]*(?:[—―–]{3,}|_{4,}|-{4,})[ \t]*")
HEADING_WINDOW = 200  # characters between a notes heading and the first note
RULE_LINES = 2  # lines between a rule and the first note under it
# Evidence that an entry is a reference, in any style: a year, a locator (`p. 5`, `S. 76`,
# `vol. 2`, `n. 3`, `at 5` after a comma), a short form (`Ibid.`, `Ebd.`, `Id.`, `op. cit.`,
# `supra`), a URL, an editor or translator, a law report (`539 U. S. 306`), an imprint
# (`Place: Publisher,`), a title in italics or quotes after a name, `See`/`Cf.` opening it.
QUOTED = r"[“\"„«‘][^”\"“»’\n]{3,}[”\"“»’]"  # a title in quotes or guillemets
OTHER_EVIDENCE = (
    r"\b(?:pp?|ss?|bd|vol|vols|t|nn?|col|fol|ch|chap|kap|no|nr|art|sec)\.\s*[\dxvilc]"
    rf"|(?<!\w){IBID}|{OPCIT}|\b(?:supra|infra|passim|ff)\b"
    r"|https?://|\bwww\.|\bdoi\b|\bisbn\b"
    r"|\b(?:eds?|trans|hg|hrsg|comp)\.|\b(?:edited|translated|compiled) by\b"
    r"|\ba cura di\b|\(\s*(?:eds?|dir|coord)\.?\s*\)|\bin:\s"
    r"|,\s*at\s+\d|\b\d+\s+(?:U\.\s?S\.|F\.\s?(?:2d|3d|4th|Supp)|S\.\s?Ct\.)"
)
EVIDENCE = re.compile(rf"(?<![\d\w]){YEAR}(?![\d\w])|{OTHER_EVIDENCE}", re.IGNORECASE)
# A year told in a sentence (`he died in 1667`, `born about 1580`, `ab 1987 Leiterin`) is
# history, not an imprint: it does not make a note cite something.
PROSE_YEAR = r"(?<!\bin )(?<!\babout )(?<!\bborn )(?<!\bsince )(?<!\buntil )(?<!\bab )(?<!\bseit )"
CITING = re.compile(rf"(?<![\d\w]){PROSE_YEAR}{YEAR}(?![\d\w])|{OTHER_EVIDENCE}", re.IGNORECASE)
OPENING = re.compile(r"[\s^*_“\"]*(?:see|cf|vgl|siehe|voir)\b", re.IGNORECASE)
CASED_EVIDENCE = re.compile(
    r"\b[A-Z][\w ]{2,30}:\s*[A-Z][\w.&' ]+(?:,|$)"  # Place: Publisher,
    rf"|[A-Z][\w.'’-]+,\s*(?:in\s+)?(?:\*[^*\n]{{3,}}\*|_[^_\n]{{3,}}_|{QUOTED})",
    re.MULTILINE,  # Name, *Title*
)
SEARCHED = 400  # characters of an entry read for evidence that the entries are notes
SEARCHED_FOR_ANY = 4000  # characters of a note read for whether it cites anything
# What a reference opens with or ends on when it shows none of the above: a name and a
# title (`Frederick Engels, The Peasant War`, `Bender et al., "Stochastic Parrots," 614`), a
# quoted title, a title in italics anywhere, a page after a comma at its end.
# Each word possessive (`*+`): a word may hold hyphens, and a hyphen may also join two
# words; tried both ways, `Smith-Smith-Smith-…` without a comma fails in exponential time.
NAME_TITLE = re.compile(
    r"[\s(\[^—–-]*(?:[A-Z][\w.'’-]*+"
    r"(?:(?:\s+|\s*[-–]\s*)(?:[A-Z][\w.'’-]*+|de|di|da|von|van|of|et al\.|and|&))*"
    rf",\s+(?:[A-Z\d*_“\"‘«„]|in\b)|{QUOTED})"
)
ITALICS = re.compile(r"\*[^*\n]{3,}\*|(?<!\w)_[^_\n]{3,}_(?!\w)")
PAGE_AT_END = re.compile(r",\s*\d+(?:\s*[–-]\s*\d+)?\.?\s*\Z")


def reads_as_reference(text: str, start: int, end: int) -> bool:
    end = min(end, start + SEARCHED)
    return bool(
        OPENING.match(text, start, end)
        or EVIDENCE.search(text, start, end)
        or CASED_EVIDENCE.search(text, start, end)
    )


def cites(text: str, start: int, end: int) -> bool:
    """Whether a note reads as citing anything, rather than only commenting or thanking."""
    end = min(end, start + SEARCHED_FOR_ANY)
    return bool(
        CITING.search(text, start, end)
        or CASED_EVIDENCE.search(text, start, end)
        or OPENING.match(text, start, end)
        or NAME_TITLE.match(text, start, end)
        or ITALICS.search(text, start, end)
        or PAGE_AT_END.search(text, max(start, end - 40), end)
    )


def heading_start(text: str, first_label: int) -> int | None:
    """The start of the notes heading just above a run's first label, if there is one."""
    window_start = max(0, text.rfind("\n", 0, max(0, first_label - HEADING_WINDOW)))
    headings = list(NOTES_HEADING.finditer(text, window_start, first_label))
    return headings[-1].start() if headings else None


def rule_start(text: str, first_label: int) -> int | None:
    """The start of the footnote rule just above a label (blank lines may stand between)."""
    start, line = line_above(text, first_label)
    return start if RULE.fullmatch(line) else None


def frame_above(text: str, label: int) -> bool:
    """Whether a notes heading or a footnote rule stands right above a label."""
    _, line = line_above(text, label)
    return bool(RULE.fullmatch(line) or NOTES_HEADING.fullmatch(line))


def line_above(text: str, offset: int) -> tuple[int, str]:
    """The nearest line above the line at `offset` that is not blank (a few blank lines
    may stand between), and where it starts; an empty line when there is none."""
    end = offset - 1
    for _ in range(RULE_LINES + 1):
        if end < 0:
            break
        start = text.rfind("\n", 0, end) + 1
        line = text[start:end]
        if line.strip():
            return start, line
        end = start - 1
    return offset, ""


def has_heading(text: str, start: int, end: int) -> bool:
    return bool(NOTES_HEADING.search(text, start, end))


# A piece of a note that the parser reads as a title alone (and perhaps a year or a number)
# is what it makes of any sentence: `This is the date given by Mattheson. In some
# dictionaries we find 1667`. Such a piece is a reference only on a sign of its own: a
# short form, a title set off in italics or quotes, a name heading it, a date or page at
# its end; or on fields beyond a title and a year.
STRONG_FIELDS = ("authors", "editors", "translators", "edition", "pages", "url", "doi", "isbn")
# The names of a journal, a series, a place, a publisher are capitalised; what the parser
# takes for one in a sentence often is not (`In some dictionaries we find`).
NAMED_FIELDS = ("container", "series", "place", "publisher")
SHORT_FORM = re.compile(rf"[\s(\[*_]*(?:{IBID})|.{{0,80}}?{OPCIT}", re.IGNORECASE)
# A title set off: in italics (marks kept in a note) or in quotes, no quotation mark inside.
SET_OFF = re.compile(
    r"\*(?P<italic>[^*\n]{2,}?)\*|(?<!\w)_(?P<underscored>[^_\n]{2,}?)_(?!\w)"
    r"|[“\"„«‘](?P<quoted>[^”\"“»’‘„«\n]{2,})[”\"“»’]"
)
MAX_SET_OFF_WORDS = 20
NAME_HEAD = re.compile(rf"[\s(\[]*(?:[{UPPER}][\w'’.-]*\s+){{0,4}}[{UPPER}][\w'’-]+,\s")
# A date or page where an imprint or locator stands, `, 1910.`, `(1784).`, `16–21.`, not a
# year told in a sentence (`we find 1667`).
ENDS_ON_NUMBER = re.compile(r"(?:[,(]\s*\d+|\d+\s*[–-]+\s*\d+)\)?[.,;]?\s*$")


def piece_cites(raw: str) -> bool:
    """Whether one piece of a note that cites (split.py cut it out) is a reference."""
    if SHORT_FORM.match(raw) or NAME_HEAD.match(raw) or ENDS_ON_NUMBER.search(raw):
        return True
    if any(titled(found, raw) for found in SET_OFF.finditer(raw)):
        return True
    from citeres.parse.reference import parse_reference  # the models load on first use

    parsed = parse_reference(raw)
    reference = parsed.reference
    if parsed.pages or any(getattr(reference, name) for name in STRONG_FIELDS):
        return True
    return any((getattr(reference, name) or " ")[0].isupper() for name in NAMED_FIELDS)


def titled(found: re.Match[str], raw: str) -> bool:
    """A title set off: capitalised, not a sentence quoted whole (`"Si puo fare a Due
    Cembali."`), several words unless it opens the piece (`*Hamlet*, Act 3`)."""
    inner = next(group for group in found.groups() if group is not None).strip()
    words = inner.split()
    if not inner[:1].isupper() or inner.endswith((".", "!", "?")):
        return False
    if len(words) > MAX_SET_OFF_WORDS:
        return False
    return len(words) > 1 or not raw[: found.start()].strip(" ([")
