"""Atomic writes: an output is complete or untouched, never half written; and the checks
and clean-up around them (the output folder before a run, temporary files a kill left)."""

from __future__ import annotations

import os
import re
import tempfile
import time
from pathlib import Path

from citeres.errors import OutputError
from citeres.paths import shown

# Files older than this are left by an earlier run: a temporary file lives for one write.
RUN_STARTED = time.time()
# mkstemp's names: `.<file name>.<8 random characters>.tmp`, next to the file they replace.
TEMP_NAME = re.compile(r"^\.(?P<name>.+)\.[a-z0-9_]{8}\.tmp$")


def file_mode(path: Path) -> int:
    """The mode the file has, or the one a new file gets (0666 less the umask): a
    temporary file is made 0600, which a bibliography shared with others should not be."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask


def final_target(path: Path) -> Path:
    """The file a write to `path` should replace: through a symbolic link (a library kept
    in Dropbox or Zotero's folder) to its target, so the link stays a link."""
    return Path(os.path.realpath(path)) if path.is_symlink() else path


def write_atomic(path: Path, text: str | bytes) -> None:
    """Write `text` (UTF-8 unless bytes) to `path` through a temporary file in the same
    folder as the file replaced, then a rename; the file keeps its mode."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    target = final_target(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        try:
            os.chmod(tmp, file_mode(target))
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise OutputError(f"cannot write {shown(path)}: {exc.strerror or exc}") from None


def check_output_dir(path: Path) -> None:
    """Raise OutputError unless `path` is, or can be made, a folder citeres can write in;
    called before any work starts, so a bad `-o` costs nothing. Creates nothing."""
    existing, name = path, shown(path)
    while not existing.exists():
        if existing.is_symlink():
            raise OutputError(f"cannot write {name}: {shown(existing)} is a broken link")
        if existing.parent == existing:
            break
        existing = existing.parent
    if not existing.is_dir():
        raise OutputError(f"cannot write {name}: {shown(existing)} is not a folder")
    if existing != path:  # to be created: the nearest folder there must take new entries
        if not os.access(existing, os.W_OK | os.X_OK):
            raise OutputError(f"cannot write {name}: cannot create a folder in {shown(existing)}")
        return
    try:  # the folder exists: a real file is the only test that sees read-only mounts and ACLs
        fd, probe = tempfile.mkstemp(prefix=".citeres-probe.", suffix=".tmp", dir=path)
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        raise OutputError(f"cannot write in {name}: {exc.strerror or exc}") from None


def remove_stale_temps(folder: Path, names: set[str]) -> None:
    """Delete temporary files an earlier run left in `folder` when it was killed mid-write:
    only citeres' own naming (`.<one of names>.XXXXXXXX.tmp`), only older than this run."""
    try:
        candidates = list(folder.iterdir())
    except OSError:
        return
    for candidate in candidates:
        match = TEMP_NAME.match(candidate.name)
        if not match or match.group("name") not in names:
            continue
        try:
            own = candidate.is_file() and not candidate.is_symlink()
            if own and candidate.stat().st_mtime < RUN_STARTED:
                candidate.unlink()
        except OSError:
            continue  # another run's, or gone already: not ours to insist on
