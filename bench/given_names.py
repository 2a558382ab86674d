"""Write build_tools/data/given_names.tsv, the given-names table speaker detection reads.

Usage: python bench/given_names.py DIR [--faker FAKER_DIR]

DIR holds dist.male.first and dist.female.first as shipped in the `names` package 0.3.0 on PyPI
(MIT licence, Copyright (c) 2013 Trey Hunner; `pip download --no-deps names==0.3.0` and unpack
the sdist: the files are in names-0.3.0/names/). They are the US Census Bureau's 1990 first-name
frequency lists (a work of the US government, public domain): each line is a name, its share of
the male or female population in per cent, the cumulated share and the rank.

FAKER_DIR (optional) is the `faker` folder of the Faker package 40.54.0 (MIT licence, Copyright (c)
2012 Daniele Faraglia; `pip download --no-deps faker==40.54.0` and unzip the wheel). Its person
providers list the given names of many countries, for men and for women. The names of the
locales in LOCALES are added where the Census lists lack them: written in Latin letters, or in
Cyrillic and transliterated. A name Faker lists for men only is a man's (1.00), for women only a
woman's (0.00), for both or unsplit 0.50. Common Chinese, Korean and Vietnamese family names,
which copy writes first, are not taken from it. Words that news copy mostly writes in lower case
("among", "hope") are left out when the shared corpora are beside the repository: a word seen
in lower case at least as often as capitalised inside a sentence there is no name.

The table has one line per name: the name in lower case, the share of bearers who are men (0.00
to 1.00, taking both populations as the same size) and the name's frequency in per cent of one
population (the larger; "-" for a name from Faker, which gives none). Census names under 0.001%
of both populations are left out. Nothing from either package runs in the tool; neither is a
dependency.
"""

from __future__ import annotations

import ast
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "build_tools" / "data" / "given_names.tsv"
CORPORA = ROOT.parent / "shared" / "corpora"
MIN_SHARE = 0.001  # per cent of one population

# Countries whose people news copy quotes, with their names in Latin letters or in Cyrillic.
LOCALES = (
    "cs_CZ da_DK de_AT de_CH de_DE en_GB en_IE en_IN en_KE en_NG en_NZ en_PK es_AR es_CL es_CO es_ES "
    "es_MX fi_FI fr_BE fr_CA fr_CH fr_FR ga_IE hr_HR hu_HU id_ID it_IT ja_JP lv_LV nl_BE nl_NL no_NO "
    "pl_PL pt_BR pt_PT ro_RO sk_SK sl_SI sv_SE tr_TR yo_NG ig_NG ha_NG zh_CN zh_TW ru_RU uk_UA"
).split()
_MALE = ("first_names_male", "first_romanized_names_male")
_FEMALE = ("first_names_female", "first_romanized_names_female")
_UNSPLIT = ("first_names", "first_romanized_names")
_CYRILLIC = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєґ",
        "a b v g d e yo zh z i y k l m n o p r s t u f kh ts ch sh shch - y - e yu ya i yi ye g".split(),
        strict=True,
    )
)
_LATIN = re.compile(r"[^\W\d_]+(?:[-'][^\W\d_]+)?")
# Common Chinese, Korean and Vietnamese family names, which copy writes first ("Tan Kok Hong",
# "Chua Soi Lek"): never taken from Faker's romanised given names as a first word.
FAMILY_FIRST = frozenset(
    """
    tan lim lee ong goh ng chan wong li wang zhang liu chen yang huang zhao wu zhou xu sun ma zhu hu
    guo he lin gao luo zheng liang xie song tang han feng deng cao peng zeng xiao tian dong pan yuan
    cai jiang yu du ye cheng wei su lu ding ren shen yao qian chua teo koh tay yeo lau chong kim park
    choi jung kang cho yoon jang lim han shin seo kwon hwang ahn song hong nguyen tran le pham hoang
    huynh phan vu vo dang bui do ho ngo duong ly
    """.split()
)


def read(path: Path) -> dict[str, float]:
    shares: dict[str, float] = {}
    for line in path.read_text(encoding="ascii").splitlines():
        parts = line.split()
        if len(parts) == 4:
            shares[parts[0].lower()] = float(parts[1])
    return shares


def transliterate(name: str) -> str:
    """Cyrillic to Latin letters, as English-language copy writes Russian and Ukrainian names
    ("Владимир" Vladimir, "Юлия" Yuliya)."""
    out = "".join(_CYRILLIC.get(c, c) for c in name.lower()).replace("-", "")
    return out


def _lists(path: Path) -> dict[str, list[str]]:
    """The tuple and list literals of a provider module assigned to first-name attributes (the
    module is parsed, never imported)."""
    found: dict[str, list[str]] = {}
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            target = node.targets[0].id
            if target in (*_MALE, *_FEMALE, *_UNSPLIT):
                try:
                    value = ast.literal_eval(node.value)
                except ValueError:
                    continue
                names = list(value.keys()) if isinstance(value, dict) else list(value)
                found[target] = [n for n in names if isinstance(n, str)]
    return found


def faker_names(folder: Path) -> dict[str, float]:
    """Name -> share of men, from the person providers of LOCALES."""
    men: Counter[str] = Counter()
    women: Counter[str] = Counter()
    for locale in LOCALES:
        path = folder / "providers" / "person" / locale / "__init__.py"
        if not path.is_file():
            continue
        for attr, names in _lists(path).items():
            for raw in names:
                name = transliterate(raw) if re.search(r"[а-яА-ЯіїєґІЇЄҐ]", raw) else raw.lower()
                if not _LATIN.fullmatch(name) or len(name) < 2:
                    continue
                if attr in _MALE:
                    men[name] += 1
                elif attr in _FEMALE:
                    women[name] += 1
                else:
                    men[name] += 1
                    women[name] += 1
    return {n: men[n] / (men[n] + women[n]) for n in set(men) | set(women)}


def common_words(candidates: set[str]) -> set[str]:
    """Candidates the shared corpora write in lower case at least as often as capitalised inside
    a sentence ("among", "hope"): words, not names. Empty when the corpora are not there."""
    lower: Counter[str] = Counter()
    upper: Counter[str] = Counter()
    for path in sorted(CORPORA.glob("*/truth/*.txt")):
        text = path.read_text(encoding="utf-8", errors="replace")
        for m in re.finditer(r"(?<=[a-z,;] )([A-Za-zÀ-ÿ]+)", text):
            word = m.group(1)
            key = word.lower()
            if key in candidates:
                (upper if word[0].isupper() else lower)[key] += 1
    return {w for w in candidates if lower[w] and lower[w] >= upper[w]}


def main(argv: list[str]) -> int:
    args = [a for a in argv if a != "--faker"]
    faker_dir = Path(argv[argv.index("--faker") + 1]) if "--faker" in argv else None
    if faker_dir is not None:
        args.remove(str(faker_dir))
    if len(args) != 1:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    folder = Path(args[0])
    male, female = read(folder / "dist.male.first"), read(folder / "dist.female.first")
    table: dict[str, tuple[float, str]] = {}
    for name in set(male) | set(female):
        m, f = male.get(name, 0.0), female.get(name, 0.0)
        if max(m, f) >= MIN_SHARE:
            table[name] = (m / (m + f), f"{max(m, f):.3f}")
    source = "from the US Census 1990 first-name lists (public domain), as shipped in the MIT-licensed `names` 0.3.0"
    added = 0
    if faker_dir is not None:
        extra = {n: s for n, s in faker_names(faker_dir).items() if n not in table and n not in FAMILY_FIRST}
        for word in common_words(set(extra)):
            del extra[word]
        for name, share in extra.items():
            table[name] = (share, "-")
        added = len(extra)
        source += ", and the given names of other countries in the MIT-licensed Faker 40.54.0"
    lines = [f"# given name\tmale share\tfrequency (%); {source}; made by bench/given_names.py"]
    lines += [f"{name}\t{share:.2f}\t{freq}" for name, (share, freq) in sorted(table.items())]
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(lines) - 1} names ({added} from Faker) -> {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
