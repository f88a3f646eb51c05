"""RIS export: one TY ... ER record per work, tags in the standard two-letter form."""

from __future__ import annotations

import re

from export_works import KEYS, WORKS

from citeres.export.ris import to_ris

TEXT = to_ris(WORKS)
RECORDS = {rec.split("\nID  - ")[1].split("\n")[0]: rec for rec in TEXT.split("\n\n")}


def test_every_line_is_a_tag() -> None:
    for line in TEXT.splitlines():
        assert line == "" or re.fullmatch(r"[A-Z][A-Z0-9]  - .*", line), line


def test_one_record_per_work_in_key_order() -> None:
    assert list(RECORDS) == KEYS
    assert TEXT.count("TY  - ") == TEXT.count("ER  - ") == len(WORKS)


def test_chapter() -> None:
    assert RECORDS["lenin1966state"].splitlines() == [
        "TY  - CHAP", "ID  - lenin1966state", "AU  - Lenin, V. I.", "ED  - Conner, James E.",
        "TI  - The State and Revolution", "T2  - Lenin on Politics and Revolution",
        "SP  - 185", "EP  - 196", "PY  - 1968", "PB  - Pegasus", "CY  - New York", "ER  - ",
    ]  # fmt: skip


def test_names_identifiers_and_types() -> None:
    assert "AU  - van Beethoven, Ludwig" in RECORDS["beethoven1961letters"]
    assert "AU  - King, Martin Luther, Jr." in RECORDS["king1964why"]
    assert "SN  - 978-3-16-148410-0" in RECORDS["king1964why"]
    assert "AU  - Marxists Internet Archive\n" in RECORDS["mia2007trotsky"]
    assert "TY  - ELEC" in RECORDS["mia2007trotsky"]
    assert "DO  - 10.5555/12345678" in RECORDS["fitzpatrick1988bolsheviks"]
    assert "VL  - II" in RECORDS["carr1952bolshevik"]
    assert "TY  - JOUR" in RECORDS["fitzpatrick1988bolsheviks"]
