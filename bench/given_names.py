"""Write build_tools/data/given_names.tsv, the given-names table speaker detection reads.

Usage: python bench/given_names.py DIR

DIR holds dist.male.first and dist.female.first as shipped in the `names` package 0.3.0 on PyPI
(MIT licence, Copyright (c) 2013 Trey Hunner; `pip download --no-deps names==0.3.0` and unpack
the sdist: the files are in names-0.3.0/names/). They are the US Census Bureau's 1990 first-name
frequency lists (a work of the US government, public domain): each line is a name, its share of
the male or female population in per cent, the cumulated share and the rank.

The table has one line per name with at least 0.001% of either population: the name in lower
case, the share of bearers who are men (0.00 to 1.00, taking both populations as the same size)
and the name's frequency in per cent of one population (the larger). Nothing from the package
runs; it is no dependency of the tool.
"""

from __future__ import annotations

import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "build_tools" / "data" / "given_names.tsv"
MIN_SHARE = 0.001  # per cent of one population


def read(path: Path) -> dict[str, float]:
    shares: dict[str, float] = {}
    for line in path.read_text(encoding="ascii").splitlines():
        parts = line.split()
        if len(parts) == 4:
            shares[parts[0].lower()] = float(parts[1])
    return shares


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    folder = Path(argv[0])
    male, female = read(folder / "dist.male.first"), read(folder / "dist.female.first")
    lines = [
        "# given name\tmale share\tfrequency (%); from the US Census 1990 first-name lists (public domain),"
        " as shipped in the MIT-licensed `names` 0.3.0; made by bench/given_names.py"
    ]
    for name in sorted(set(male) | set(female)):
        m, f = male.get(name, 0.0), female.get(name, 0.0)
        if max(m, f) < MIN_SHARE:
            continue
        lines.append(f"{name}\t{m / (m + f):.2f}\t{max(m, f):.3f}")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(lines) - 1} names -> {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
