"""write.py: atomic writes through links and with the file's mode, the output folder checked
before a run, and temporary files of killed runs removed."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest

from citeres.errors import OutputError
from citeres.write import check_output_dir, remove_stale_temps, write_atomic

POSIX_ROOT = sys.platform != "win32" and os.geteuid() == 0


def test_a_symlink_stays_a_link_and_its_target_is_written(tmp_path: Path) -> None:
    library = tmp_path / "Dropbox" / "library.bib"
    library.parent.mkdir()
    library.write_text("old\n", encoding="utf-8")
    link = tmp_path / "bib" / "references.bib"
    link.parent.mkdir()
    link.symlink_to(library)
    write_atomic(link, "new\n")
    assert link.is_symlink() and os.readlink(link) == str(library)
    assert library.read_text(encoding="utf-8") == "new\n"
    # the temporary file was made next to the target, so the rename stayed on its disk
    assert sorted(p.name for p in library.parent.iterdir()) == ["library.bib"]
    assert sorted(p.name for p in link.parent.iterdir()) == ["references.bib"]


def test_a_chain_of_links_and_a_relative_link(tmp_path: Path) -> None:
    (tmp_path / "real.bib").write_text("old\n", encoding="utf-8")
    (tmp_path / "middle.bib").symlink_to("real.bib")
    (tmp_path / "references.bib").symlink_to("middle.bib")
    write_atomic(tmp_path / "references.bib", b"bytes\r\n")
    assert (tmp_path / "real.bib").read_bytes() == b"bytes\r\n"
    assert (tmp_path / "references.bib").is_symlink() and (tmp_path / "middle.bib").is_symlink()


def test_the_file_mode_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "references.bib"
    path.write_text("old\n", encoding="utf-8")
    path.chmod(0o640)
    write_atomic(path, "new\n")
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


def test_output_dir_that_is_a_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "bib").write_text("", encoding="utf-8")
    with pytest.raises(OutputError, match="is not a folder"):
        check_output_dir(tmp_path / "bib")
    with pytest.raises(OutputError, match="is not a folder"):
        check_output_dir(tmp_path / "bib" / "deeper")


def test_output_dir_to_be_created_is_accepted_and_not_created(tmp_path: Path) -> None:
    check_output_dir(tmp_path / "new" / "bib")
    assert not (tmp_path / "new").exists()
    check_output_dir(tmp_path)
    assert list(tmp_path.iterdir()) == []  # the probe file is gone


@pytest.mark.skipif(POSIX_ROOT, reason="root may write in a read-only folder")
def test_read_only_output_dir_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "bib"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(OutputError, match="cannot write"):
            check_output_dir(folder)
        with pytest.raises(OutputError, match="cannot create"):
            check_output_dir(folder / "sub")
    finally:
        folder.chmod(0o700)


def test_stale_temporary_files_of_citeres_only_are_removed(tmp_path: Path) -> None:
    names = {
        ".references.bib.k2j_9x0a.tmp",  # a killed write of references.bib: removed
        ".report.md.abcdefgh.tmp",  # idem
        ".notes.txt.abcdefgh.tmp",  # same pattern, but not a file citeres writes: kept
        "references.bib.tmp",  # not citeres' pattern: kept
        ".references.bib.short.tmp",  # idem
    }
    for name in names:
        (tmp_path / name).write_text("x", encoding="utf-8")
        os.utime(tmp_path / name, (1_000_000_000, 1_000_000_000))
    fresh = tmp_path / ".references.json.zzzzzzzz.tmp"  # another run's, being written now
    fresh.write_text("x", encoding="utf-8")
    os.utime(fresh, None)
    os.utime(fresh, (fresh.stat().st_mtime + 60, fresh.stat().st_mtime + 60))
    remove_stale_temps(tmp_path, {"references.bib", "references.json", "report.md"})
    left = {p.name for p in tmp_path.iterdir()}
    assert left == names - {".references.bib.k2j_9x0a.tmp", ".report.md.abcdefgh.tmp"} | {
        fresh.name
    }


def test_an_unwritable_output_dir_is_refused_even_as_root(tmp_path: Path, monkeypatch) -> None:
    """As root the mode bits do not stop a write; a read-only disk does, as faked here."""
    import citeres.write as write

    def read_only(*args: object, **kwargs: object) -> None:
        raise OSError(30, "Read-only file system")

    monkeypatch.setattr(write.tempfile, "mkstemp", read_only)
    monkeypatch.setattr(write.os, "access", lambda path, mode: False)
    with pytest.raises(OutputError, match=r"cannot write in .*: Read-only file system"):
        check_output_dir(tmp_path)
    with pytest.raises(OutputError, match="cannot create a folder in"):
        check_output_dir(tmp_path / "new")
