"""The Policía Nacional's territorial tree as the Ministerio del Interior's registers describe it.

Registers carry zona, subzona, distrito, circuito and the subcircuit code; district (``09D08``) and circuit
(``09D08C04``) codes are the leading parts of the subcircuit code (``09D08C04S07``).  Zones and subzones
have no code in the register, so they get stable ones here: ``Z8`` for "ZONA 8"; ``SZ09`` for a province
subzone whose districts start with 09, and ``SZ09DMG`` / ``SZ17DMQ`` for the metropolitan districts that
share a province prefix with their province's subzone.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from scorecard.units import UnitSpec

INSTITUTION = "PN"
INSTITUTION_NAME = "Policía Nacional del Ecuador"
LEVELS = ["nacional", "zona", "subzona", "distrito", "circuito", "subcircuito"]
SUBCIRCUIT_CODE = re.compile(r"^(\d{2}D\d{2})(C\d{2})(S\d{2})$")


@dataclass(frozen=True)
class HierarchyRow:
    """The hierarchy columns of one register row (names as the register writes them)."""

    zona: str
    subzona: str
    distrito: str
    circuito: str
    subcircuito_code: str
    subcircuito: str
    row: int | None = None


def zone_code(name: str) -> str:
    match = re.search(r"(\d+)", name)
    return f"Z{int(match.group(1))}" if match else "Z-" + _initials(name)


def _initials(name: str) -> str:
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    words = re.findall(r"[A-Za-z]+", plain)
    return "".join(w[0] for w in words).upper()


def subzone_codes(district_prefix_by_subzone: dict[str, Counter[str]]) -> dict[str, str]:
    """Stable codes for subzones from the province prefixes of their districts."""
    codes: dict[str, str] = {}
    by_prefix: dict[str, list[str]] = defaultdict(list)
    for name, prefixes in district_prefix_by_subzone.items():
        by_prefix[prefixes.most_common(1)[0][0]].append(name)
    for prefix, names in by_prefix.items():
        for name in names:
            metropolitan = len(names) > 1 and name.upper().startswith("D.M.")
            rest = name.upper().removeprefix("D.M.")
            codes[name] = f"SZ{prefix}DM{_initials(rest)}" if metropolitan else f"SZ{prefix}"
    if len(set(codes.values())) != len(codes):  # two non-metropolitan subzones in one province
        codes = {name: f"SZ{p.most_common(1)[0][0]}{_initials(name)}" for name, p in district_prefix_by_subzone.items()}
    return codes


def tree_from_hierarchy(rows: Iterable[HierarchyRow]) -> tuple[list[UnitSpec], list[str]]:
    """The unit tree the rows describe, root first then level by level; and any inconsistencies found
    (a code whose parent names disagree between rows)."""
    zones: dict[str, str] = {}
    subzone_of_district: dict[str, str] = {}
    zone_of_subzone: dict[str, str] = {}
    districts: dict[str, str] = {}
    circuits: dict[str, tuple[str, str]] = {}
    subcircuits: dict[str, tuple[str, str]] = {}
    prefixes: dict[str, Counter[str]] = defaultdict(Counter)
    issues: list[str] = []
    for r in rows:
        code = r.subcircuito_code.strip().upper()
        match = SUBCIRCUIT_CODE.match(code)
        if not match:
            issues.append(f"fila {r.row}: código de subcircuito «{r.subcircuito_code}» no válido")
            continue
        district, circuit = match.group(1), match.group(1) + match.group(2)
        zones.setdefault(zone_code(r.zona), r.zona.strip())
        seen_zone = zone_of_subzone.setdefault(r.subzona.strip(), r.zona.strip())
        if seen_zone != r.zona.strip():
            issues.append(f"fila {r.row}: la subzona {r.subzona} aparece en {seen_zone} y en {r.zona}")
        seen_sub = subzone_of_district.setdefault(district, r.subzona.strip())
        if seen_sub != r.subzona.strip():
            issues.append(f"fila {r.row}: el distrito {district} aparece en {seen_sub} y en {r.subzona}")
        districts.setdefault(district, r.distrito.strip())
        circuits.setdefault(circuit, (r.circuito.strip(), district))
        subcircuits.setdefault(code, (r.subcircuito.strip(), circuit))
        prefixes[r.subzona.strip()][district[:2]] += 1
    sz_codes = subzone_codes(prefixes)
    specs = [UnitSpec(INSTITUTION, INSTITUTION_NAME, LEVELS[0], None)]
    specs += [
        UnitSpec(code, name.title(), LEVELS[1], INSTITUTION)
        for code, name in sorted(zones.items(), key=lambda kv: _zkey(kv[0]))
    ]
    specs += [
        UnitSpec(sz_codes[name], name, LEVELS[2], zone_code(zone))
        for name, zone in sorted(zone_of_subzone.items(), key=lambda kv: sz_codes[kv[0]])
    ]
    specs += [
        UnitSpec(code, name, LEVELS[3], sz_codes[subzone_of_district[code]]) for code, name in sorted(districts.items())
    ]
    specs += [UnitSpec(code, name, LEVELS[4], district) for code, (name, district) in sorted(circuits.items())]
    specs += [UnitSpec(code, name, LEVELS[5], circuit) for code, (name, circuit) in sorted(subcircuits.items())]
    return specs, issues


def _zkey(code: str) -> tuple[int, str]:
    digits = code[1:]
    return (int(digits), code) if digits.isdigit() else (99, code)
