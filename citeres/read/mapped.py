"""Text written piece by piece, each piece with the line of the original file it came from.

Line breaks, spaces, a note's number and opening marks are owed rather than written, and
paid only when text follows: the result never ends a line with a space, never starts with
a blank line, and every origin points at text, so each character maps to an original line.
"""

from __future__ import annotations


class MappedText:
    def __init__(self) -> None:
        self.parts: list[str] = []
        self.size = 0
        self.origins: list[tuple[int, int]] = []  # (offset, original line), both rising
        self.breaks = 0  # newlines owed before the next text
        self.space = False  # a space owed before the next text
        self.prefix = ""  # owed at the start of the next text: a note's `3. `
        self.opening = ""  # marks owed just before the next text: `*`, `“`

    @property
    def text(self) -> str:
        return "".join(self.parts)

    def block(self, breaks: int) -> None:
        """End the current line (1) or paragraph (2)."""
        if self.size or self.prefix:
            self.breaks = max(self.breaks, breaks)
        self.space = False

    def newline(self) -> None:
        """One more line break, however many are owed (preformatted text)."""
        if self.size:
            self.breaks += 1

    def request_space(self) -> None:
        self.space = True

    def at_block_start(self) -> bool:
        """Whether nothing was written since the last line break."""
        return not self.size or self.breaks > 0 or self.parts[-1].endswith("\n")

    def write(self, text: str, line: int) -> None:
        """Write `text`, which comes from original `line`, after whatever is owed."""
        if not text:
            return
        if self.size and self.breaks:
            self.add("\n" * self.breaks)
        elif self.size and self.space and not self.parts[-1].endswith("\n"):
            self.add(" ")
        self.breaks, self.space = 0, False
        head, self.prefix, self.opening = self.prefix + self.opening, "", ""
        last = self.origins[-1][1] if self.origins else 0
        if line > last:
            self.origins.append((self.size, line))
        self.add(head + text)

    def close(self, opening: str, closing: str) -> None:
        """Close a mark: glued to the text before it, or forgotten if no text followed."""
        if self.opening.endswith(opening):
            self.opening = self.opening[: -len(opening)]
        elif self.size:
            self.add(closing)

    def add(self, text: str) -> None:
        self.parts.append(text)
        self.size += len(text)

    def last_line(self) -> str:
        """The text of the last line written."""
        tail: list[str] = []
        for part in reversed(self.parts):
            cut = part.rfind("\n")
            tail.append(part[cut + 1 :])
            if cut >= 0:
                break
        return "".join(reversed(tail))
