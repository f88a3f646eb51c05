"""How a file name is shown in problems, JSON, reports and on the terminal: one function,
so that a name that is not valid UTF-8 can never break an output."""

from __future__ import annotations

import os
from pathlib import PurePath


def shown(path: str | os.PathLike[str]) -> str:
    """`path` with forward slashes, its undecodable bytes shown as U+FFFD."""
    text = PurePath(path).as_posix() if isinstance(path, PurePath) else os.fspath(path)
    # A name that is not UTF-8 reaches Python with its bad bytes as lone surrogates
    # (surrogateescape); encoding them back gives the bytes, decoding marks them.
    try:
        raw = text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a surrogate no byte stands for (a Windows name)
        raw = text.encode("utf-8", "replace")
    return raw.decode("utf-8", "replace")
