"""Claimed spans of text: the overlap test the running-text finders share, in log time."""

from __future__ import annotations

import bisect


class Spans:
    """Non-overlapping half-open spans, kept sorted by start."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def overlaps(self, start: int, end: int) -> bool:
        at = bisect.bisect_left(self.starts, end)
        return at > 0 and self.ends[at - 1] > start

    def claim(self, start: int, end: int) -> bool:
        """Claim a span unless it overlaps one already claimed; whether it was claimed."""
        if self.overlaps(start, end):
            return False
        at = bisect.bisect_left(self.starts, start)
        self.starts.insert(at, start)
        self.ends.insert(at, end)
        return True
