"""Control characters, kept out of every output by one function: a NUL, ESC or BEL from a
document or a catalogue makes biber abort and a terminal misbehave. Tab and newline stay."""

from __future__ import annotations

import re

# C0 and C1 controls and DEL, except tab and line feed.
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def strip_controls(text: str) -> str:
    """`text` without control characters."""
    return CONTROL.sub("", text)
