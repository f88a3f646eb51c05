"""Personal and corporate names in the forms BibTeX, CSL-JSON and RIS want."""

from __future__ import annotations

import re

from citeres.model import Name

# A letter straight after the period of an initial: "E.H." → "E. H.", so that BibTeX and
# biber see two initials rather than one token.
GLUED_INITIAL = re.compile(r"(?<=\.)(?=[^\W\d_])")


def spaced_initials(given: str) -> str:
    return GLUED_INITIAL.sub(" ", given).strip()


def family_with_particle(name: Name) -> str:
    """`van Gogh`, `al-Tabari`, `d'Alembert`: particles ending in - or ' join without a space."""
    if not name.particle:
        return name.family
    glue = "" if name.particle.endswith(("-", "'", "’")) else " "
    return f"{name.particle}{glue}{name.family}"


def name_parts(name: Name) -> tuple[str, str, str]:
    """(particle + family, suffix, given), the three parts of `Last, Jr, First`."""
    return family_with_particle(name), name.suffix.strip(), spaced_initials(name.given)


def csl_name(name: Name) -> dict[str, str]:
    """A CSL name; the particle is non-dropping, as BibTeX's von part is read by citeproc."""
    if name.corporate:
        return {"literal": name.family}
    # A particle glued to the name (al-, d') stays in the family name: CSL processors
    # would join a separate particle with a space.
    glued = name.particle.endswith(("-", "'", "’"))
    result = {"family": family_with_particle(name) if glued else name.family}
    if name.given:
        result["given"] = spaced_initials(name.given)
    if name.particle and not glued:
        result["non-dropping-particle"] = name.particle
    if name.suffix:
        result["suffix"] = name.suffix
    return result


def ris_name(name: Name) -> str:
    """RIS `Lastname, Firstname, Suffix`; an organisation is written whole."""
    if name.corporate:
        return name.family
    family, suffix, given = name_parts(name)
    return ", ".join(part for part in (family, given, suffix) if part)
