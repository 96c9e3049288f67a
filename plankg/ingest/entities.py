"""Industries, chains, enterprises, parks, regions and cited documents named in plan text.

The pipeline calls :func:`extract_mentions` once per task text and per section intro. Matching is
vocabulary-first (``industries.json``, ``regions.json``); a phrase that has the shape of an
industry or chain (``XX产业``, ``XX产业链``) but is not in the vocabulary is kept with
``resolved=False`` so it can be reported. Names read backwards from a suffix (an enterprise
before 龙头企业, a park before 产业园区) end at the word that opens their clause
(:mod:`plankg.ingest.namescan`).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal

from plankg.canonical import IndustryEntry, industry_entries, strip_industry_suffix
from plankg.ingest.namescan import WindowWords
from plankg.ingest.wordscan import LongestWords
from plankg.models import Evidence, Mention, MentionKind
from plankg.resolve import Candidate, normalise_ref
from plankg.vocab import load_vocab

# ---------------------------------------------------------------------------- vocabularies


class IndustryVocab:
    """The industry and chain vocabulary with its lookups."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.version = str(data["version"])
        self.entries = industry_entries()
        self.generic_terms = frozenset(data.get("generic_terms", ()))
        # surface -> (entry, short?) for scanning text
        self.surfaces: dict[str, tuple[IndustryEntry, bool]] = {}
        for entry in self.entries.values():
            # the stem, not the name: 产业/产业链 after it is read as a suffix
            for surface in (entry.stem, *entry.zh_aliases):
                self.surfaces[surface] = (entry, False)
            for surface in entry.short_aliases:  # 化工 stays short even as the stem of 化工产业
                self.surfaces[surface] = (entry, True)
        self._by_key = {
            normalise_ref(a): e for e in self.entries.values() for a in (e.key, e.name, *e.aliases)
        }
        self._by_first_char: dict[str, list[str]] = {}
        for surface in sorted(self.surfaces, key=len, reverse=True):
            self._by_first_char.setdefault(surface[0], []).append(surface)
        self.surface_words = LongestWords(self.surfaces)

    def lookup(self, term: str) -> IndustryEntry | None:
        """The entry a term names, with or without its 产业/行业/产业链 suffix."""
        key = normalise_ref(term)
        return self._by_key.get(key) or self._by_key.get(strip_industry_suffix(key))

    def chain_for(self, entry: IndustryEntry) -> IndustryEntry:
        """The chain an entry names in ``XX产业链``: itself, or the industry's own chain."""
        if entry.kind == "chain":
            return entry
        return IndustryEntry(
            key=f"{entry.key}_chain",
            kind="chain",
            name=f"{entry.stem}产业链",
            name_en=f"{entry.name_en} chain",
            parent=entry.key,
            zh_aliases=(),
            short_aliases=(),
            en_aliases=(),
        )

    def longest_surface_at(self, text: str, pos: int) -> str | None:
        for surface in self._by_first_char.get(text[pos], ()):
            if text.startswith(surface, pos) and _ascii_bounded(text, pos, pos + len(surface)):
                return surface
        return None

    def candidates(self) -> list[Candidate]:
        """Every entry as a resolvable candidate (labels Industry / Chain)."""
        return [
            Candidate(
                id=e.key,
                label=e.kind.capitalize(),
                name_zh=e.name,
                name_en=e.name_en,
                aliases=e.aliases,
            )
            for e in self.entries.values()
        ]


@lru_cache(maxsize=1)
def industry_vocab() -> IndustryVocab:
    return IndustryVocab(load_vocab("industries"))


@dataclass(frozen=True)
class Region:
    code: str
    name: str
    level: str  # province | city | county
    parent: str | None
    stem: str
    home_only: bool
    former: tuple[str, ...]


class RegionVocab:
    def __init__(self, data: dict[str, Any]) -> None:
        self.by_code = {
            r["code"]: Region(
                code=r["code"],
                name=r["name"],
                level=r["level"],
                parent=r["parent"],
                stem=r["stem"],
                home_only=r["home_only"],
                former=tuple(r["former"]),
            )
            for r in data["regions"]
        }
        self.by_name: dict[str, list[Region]] = {}
        for region in self.by_code.values():
            for name in (region.name, *region.former):
                self.by_name.setdefault(name, []).append(region)
        self.home_only = tuple(r for r in self.by_code.values() if r.home_only)
        self._lineage = {code: self._walk_up(code) for code in self.by_code}
        self._children: dict[str, list[Region]] = {}
        for region in self.by_code.values():
            if region.parent is not None:
                self._children.setdefault(region.parent, []).append(region)
        self._order = {code: index for index, code in enumerate(self.by_code)}

    def _walk_up(self, code: str) -> frozenset[str]:
        """The code with those of all the regions above it."""
        codes: list[str] = []
        current: str | None = code
        while current is not None:
            codes.append(current)
            current = self.by_code[current].parent
        return frozenset(codes)

    def is_within(self, region: Region, ancestor_codes: AbstractSet[str]) -> bool:
        return not self._lineage[region.code].isdisjoint(ancestor_codes)

    def children_of(self, codes: AbstractSet[str]) -> list[Region]:
        """The regions directly under any of ``codes``, in vocabulary order."""
        children = [r for code in codes for r in self._children.get(code, ())]
        return sorted(children, key=lambda r: self._order[r.code])


@lru_cache(maxsize=1)
def region_vocab() -> RegionVocab:
    return RegionVocab(load_vocab("regions"))


@lru_cache(maxsize=1)
def _words() -> dict[str, Any]:
    return load_vocab("entity_words")


# ---------------------------------------------------------------------------- small helpers

_ASCII_ALNUM = re.compile(r"[0-9A-Za-z]")
_CLAUSE_STOP = re.compile(r"[，。；：！？、,.;:!?\s（）()“”\"'‘’《》【】\[\]]")
_SENTENCE_STOP = re.compile(r"[。；！？;!?\n]")
_NUMERIC = re.compile(r"^[\d.０-９\-－～~—至到百千万亿元级个家多余过超约近年]+$")
_NAME_WINDOW = 18  # characters read backwards for a name; plan names are short


def _ascii_bounded(text: str, start: int, end: int) -> bool:
    """An ASCII surface (5G) must not be part of a longer ASCII token (15G)."""
    if _ASCII_ALNUM.match(text[start]) and start > 0 and _ASCII_ALNUM.match(text[start - 1]):
        return False
    return not (
        _ASCII_ALNUM.match(text[end - 1]) and end < len(text) and _ASCII_ALNUM.match(text[end])
    )


@lru_cache(maxsize=1)
def _window_words() -> WindowWords:
    """Lead words open a clause; the vocabularies' own words keep names like 有色 whole."""
    industries, regions = industry_vocab(), region_vocab()
    known = [
        *industries.surfaces,
        *industries.generic_terms,
        *regions.by_name,
        *_words().get("name_words", ()),
    ]
    return WindowWords(_words()["lead_words"], known)


@dataclass(frozen=True)
class _Phrase:
    start: int
    end: int
    tokens: tuple[str, ...]

    @property
    def text(self) -> str:
        return "".join(self.tokens)


@lru_cache(maxsize=4096)
def _name_tokens(window: str) -> tuple[str, ...]:
    """The words at the end of ``window`` after the last word that opens a clause.

    Plans repeat their stock phrases (培育特色, 加快培植…), so windows already read are
    remembered.
    """
    kept: list[str] = []
    for token in reversed(_window_words().tokens(window)):
        if token.lead:
            break
        kept.append(token.text)
    return tuple(reversed(kept))


def _name_before(text: str, end: int) -> _Phrase:
    """The noun phrase that ends at ``end``, read backwards until a lead word or a stop."""
    start = max(0, end - _NAME_WINDOW)
    window = text[start:end]
    stops = list(_CLAUSE_STOP.finditer(window))
    if stops:
        start += stops[-1].end()
        window = text[start:end]
    tokens = _name_tokens(window)
    length = sum(len(t) for t in tokens)
    return _Phrase(end - length, end, tokens)


def _is_generic(tokens: tuple[str, ...]) -> bool:
    """True when every word is a modifier (特色, 主导), a number (千亿级) or a place name."""
    generic = industry_vocab().generic_terms
    regions = region_vocab().by_name
    return all(t in generic or _NUMERIC.match(t) or t in regions for t in tokens)


def _strip_generic_prefix(phrase: _Phrase) -> _Phrase:
    tokens = list(phrase.tokens)
    start = phrase.start
    while tokens and _is_generic((tokens[0],)):
        start += len(tokens.pop(0))
    return _Phrase(start, phrase.end, tuple(tokens))


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(start < s_end and s_start < end for s_start, s_end in spans)


class _Collector:
    """Mentions of one text, with evidence offsets shifted to the plan's clean text."""

    def __init__(self, text: str, offset: int) -> None:
        self.text = text
        self.offset = offset
        self.mentions: list[Mention] = []

    def add(
        self,
        kind: MentionKind,
        start: int,
        end: int,
        *,
        key: str,
        name: str,
        name_en: str | None = None,
        resolved: bool = True,
        role: str | None = None,
        parent: str | None = None,
    ) -> Mention:
        mention = Mention(
            kind=kind,
            key=key,
            name=name,
            name_en=name_en,
            resolved=resolved,
            role=role,
            parent=parent,
            evidence=Evidence(
                phrase=self.text[start:end], start=self.offset + start, end=self.offset + end
            ),
        )
        self.mentions.append(mention)
        return mention

    def local_span(self, mention: Mention) -> tuple[int, int]:
        return mention.evidence.start - self.offset, mention.evidence.end - self.offset


# ---------------------------------------------------------------------------- documents


_TITLE_MARK = re.compile("[《》]")


def _document_spans(text: str) -> list[tuple[int, int]]:
    """Outermost 《…》 spans; nested titles stay inside their outer title."""
    spans, depth, start = [], 0, 0
    for mark in _TITLE_MARK.finditer(text):
        i, ch = mark.start(), mark.group()
        if ch == "《":
            if depth == 0:
                start = i
            depth += 1
        elif ch == "》" and depth:
            depth -= 1
            if depth == 0 and i - start > 1:
                spans.append((start, i + 1))
    return spans


def _add_documents(out: _Collector, spans: list[tuple[int, int]]) -> None:
    for start, end in spans:
        title = out.text[start + 1 : end - 1].strip()
        if title:
            out.add("document", start, end, key=title, name=title)


# ---------------------------------------------------------------------------- industries, chains


@dataclass
class _Hit:
    start: int
    end: int
    entry: IndustryEntry
    short: bool


_CHAIN_SUFFIX = re.compile(r"(?:标志性|细分|重点|优势|特色|全)?产业链")
_INDUSTRY_SUFFIX_AFTER = re.compile(r"产业(?![链园集基示科处])|行业|业(?![务态绩主内界余])")
# 软件和信息服务科, 电子商务科: an office of the bureau, not the industry
_OFFICE_AFTER = re.compile(r"(?:产业|行业)?(?:科|处|办|局|室|股|厅|委|中心|部门)")
_LIST_JOINERS = "、及和与"
_UNRESOLVED_SUFFIX = re.compile(r"(产业|行业)(?![链园集基示科处办局室])")


def _vocab_hits(text: str, blocked: list[tuple[int, int]]) -> list[_Hit]:
    vocab = industry_vocab()
    hits, pos = [], 0
    for start, _ in vocab.surface_words.matches(text):
        if start < pos or _overlaps(start, start + 1, blocked):
            continue
        surface = vocab.longest_surface_at(text, start)  # the longest one ASCII-bounded
        if surface is None:
            continue
        entry, short = vocab.surfaces[surface]
        hits.append(_Hit(start, start + len(surface), entry, short))
        pos = start + len(surface)
    return [h for h in hits if not _OFFICE_AFTER.match(text, h.end)]


def _listed_before(hits_by_end: dict[int, _Hit], text: str, pos: int) -> list[_Hit]:
    """The items of an enumeration ``A、B及C`` that ends at ``pos``, left to right."""
    items: list[_Hit] = []
    while (hit := hits_by_end.get(pos)) is not None:
        items.append(hit)
        if hit.start == 0 or text[hit.start - 1] not in _LIST_JOINERS:
            break
        pos = hit.start - 1
    return list(reversed(items))


def _in_enumeration(hit: _Hit, text: str, hits: list[_Hit]) -> bool:
    """A short word (化工, 有色) names an industry only as an item of a list of industries."""
    ends, starts = {h.end for h in hits}, {h.start for h in hits}
    if hit.start > 0 and text[hit.start - 1] in _LIST_JOINERS and hit.start - 1 in ends:
        return True
    following = text[hit.end] if hit.end < len(text) else ""
    if following in _LIST_JOINERS and hit.end + 1 in starts:
        return True
    # 绿色石化、智能家电等: the word ends one item of a 、-list holding another industry
    clause_start = max(
        (m.end() for m in _CLAUSE_STOP.finditer(text, 0, hit.start) if m.group() != "、"), default=0
    )
    clause_end = next(
        (m.start() for m in _CLAUSE_STOP.finditer(text, hit.end) if m.group() != "、"), len(text)
    )
    item_start = text.rfind("、", clause_start, hit.start) + 1 or clause_start
    listed = following == "、" or (following == "等" and item_start > clause_start)
    others = [h for h in hits if h is not hit and clause_start <= h.start and h.end <= clause_end]
    return listed and bool(others)


def _add_chains(out: _Collector, hits: list[_Hit], blocked: list[tuple[int, int]]) -> set[int]:
    """Chain mentions from every ``XX产业链``; returns the ids of hits used as chain names."""
    text, vocab = out.text, industry_vocab()
    hits_by_end = {h.end: h for h in hits}
    used: set[int] = set()
    for match in _CHAIN_SUFFIX.finditer(text):
        if _overlaps(match.start(), match.end(), blocked):
            continue
        head = hits_by_end.get(match.start())
        list_end = (head.start if head else match.start()) - 1
        if list_end >= 0 and text[list_end] == "等" and list_end in hits_by_end:
            # 黑色金属、现代轻纺等重点产业链: each listed item is a chain; a word between 等
            # and the suffix (等绿色化工细分产业链) is the industry they belong to
            for item in _listed_before(hits_by_end, text, list_end):
                chain = vocab.chain_for(item.entry)
                out.add(
                    "chain",
                    item.start,
                    item.end,
                    key=chain.key,
                    name=chain.name,
                    name_en=chain.name_en,
                    parent=chain.parent,
                )
                used.add(id(item))
        elif head is not None:
            # 集成电路、生物医药、新能源汽车产业链: the suffix closes the whole list
            for item in _listed_before(hits_by_end, text, head.end):
                chain = vocab.chain_for(item.entry)
                end = match.end() if item is head else item.end
                out.add(
                    "chain",
                    item.start,
                    end,
                    key=chain.key,
                    name=chain.name,
                    name_en=chain.name_en,
                    parent=chain.parent,
                )
                used.add(id(item))
        else:
            _add_unresolved(out, "chain", match.start(), match.end(), hits, blocked)
    return used


def _add_unresolved(
    out: _Collector,
    kind: Literal["industry", "chain"],
    head_end: int,
    end: int,
    hits: list[_Hit],
    blocked: list[tuple[int, int]],
) -> None:
    phrase = _strip_generic_prefix(_name_before(out.text, head_end))
    if not phrase.tokens or _is_generic(phrase.tokens):
        return
    if _overlaps(phrase.start, end, [(h.start, h.end) for h in hits] + blocked):
        return  # a vocabulary word inside (汽车电子设备产业) already names it
    surface = out.text[phrase.start : end]
    out.add(kind, phrase.start, end, key=normalise_ref(surface), name=surface, resolved=False)


def _add_industries(
    out: _Collector, hits: list[_Hit], used: set[int], blocked: list[tuple[int, int]]
) -> None:
    text = out.text
    ends = {h.end for h in hits}
    for hit in hits:
        if id(hit) in used:
            continue
        suffix = _INDUSTRY_SUFFIX_AFTER.match(text, hit.end)
        if hit.short and not suffix and not _in_enumeration(hit, text, hits):
            continue
        end = suffix.end() if suffix else hit.end
        entry = hit.entry
        out.add(
            entry.kind,
            hit.start,
            end,
            key=entry.key,
            name=entry.name,
            name_en=entry.name_en,
            parent=entry.parent,
        )
    taken = blocked + [(h.start, h.end) for h in hits]
    for match in _UNRESOLVED_SUFFIX.finditer(text):
        if not _overlaps(match.start(), match.end(), taken) and match.start() not in ends:
            _add_unresolved(out, "industry", match.start(), match.end(), hits, blocked)


# ---------------------------------------------------------------------------- regions


def _home_codes(home_region: str | None) -> set[str]:
    if not home_region:
        return set()
    return {r.code for r in region_vocab().by_name.get(home_region, ())}


@lru_cache(maxsize=1)
def _region_words() -> LongestWords:
    """Every surface a region may be written as in some plan: names, former names, and the
    suffix-less stems a home region and its children are also written as."""
    vocab = region_vocab()
    stems = [r.stem for r in vocab.by_code.values() if len(r.stem) >= 2 and not r.home_only]
    return LongestWords([*vocab.by_name, *stems])


@lru_cache(maxsize=2)
def _shared_region_surfaces(everywhere: bool) -> dict[str, tuple[Region, ...]]:
    """Surfaces that name the same regions whatever the home: full and former names of regions
    that are not home-only (all of them when ``everywhere``)."""
    surfaces = {}
    for name, regions in region_vocab().by_name.items():
        usable = tuple(r for r in regions if everywhere or not r.home_only)
        if usable:
            surfaces[name] = usable
    return surfaces


@lru_cache(maxsize=64)
def _region_surfaces(
    home: frozenset[str], everywhere: bool = False
) -> dict[str, tuple[Region, ...]]:
    """Surface -> regions it may name: full and former names everywhere (names that are
    ordinary words, 城区 or 和县, only at home unless ``everywhere``), and suffix-less names of
    the home region and its children (聊城, 茌平 for 茌平区 in a 聊城市 plan).

    Only what the home adds is computed here: plans come from many homes, and the shared part
    holds thousands of names.
    """
    vocab = region_vocab()
    surfaces = dict(_shared_region_surfaces(everywhere))
    if home and not everywhere:
        for region in vocab.home_only:
            if vocab.is_within(region, home):
                for name in (region.name, *region.former):
                    surfaces[name] = tuple(
                        r
                        for r in vocab.by_name[name]
                        if not r.home_only or vocab.is_within(r, home)
                    )
    for region in [*(vocab.by_code[c] for c in home), *vocab.children_of(home)]:
        if len(region.stem) >= 2 and not region.home_only:
            surfaces[region.stem] = (*surfaces.get(region.stem, ()), region)
    return surfaces


def _pick_region(regions: tuple[Region, ...], home: set[str]) -> Region | None:
    """One region for a surface: the one in the home region, else the only one."""
    vocab = region_vocab()
    at_home = [r for r in regions if home and vocab.is_within(r, home)]
    if len(at_home) == 1:
        return at_home[0]
    return regions[0] if len(regions) == 1 else None


def _scan_regions(
    text: str, surfaces: dict[str, tuple[Region, ...]], blocked: list[tuple[int, int]]
) -> list[tuple[int, int, tuple[Region, ...]]]:
    """Regions named in text, left to right, the longest surface at each place."""
    found, pos = [], 0
    for start, longest in _region_words().matches(text):
        if start < pos or _overlaps(start, start + 1, blocked):
            continue
        # the longest surface of any home starting here bounds the ones this home can use
        surface = next(
            (
                text[start : start + size]
                for size in range(len(longest), 0, -1)
                if text[start : start + size] in surfaces
            ),
            None,
        )
        if surface is None:
            continue
        found.append((start, start + len(surface), surfaces[surface]))
        pos = start + len(surface)
    return found


def _add_regions(
    out: _Collector, found: list[tuple[int, int, tuple[Region, ...]]], home: set[str]
) -> dict[int, str]:
    """Region mentions; returns start offset -> canonical name for the park step."""
    vocab = region_vocab()
    names: dict[int, str] = {}
    for start, end, regions in found:
        region = _pick_region(regions, home)
        if region is None:  # 新华区 in several cities, none of them home
            surface = out.text[start:end]
            out.add("region", start, end, key=normalise_ref(surface), name=surface, resolved=False)
            names[start] = surface
            continue
        parent = vocab.by_code[region.parent].name if region.parent else None
        out.add("region", start, end, key=region.code, name=region.name, parent=parent)
        names[start] = region.name
    return names


def home_region_of(issuer: str | None) -> str | None:
    """The issuer's own region: 潍坊市科学技术局 -> 潍坊市, 山东省临清市… -> 临清市."""
    if not issuer:
        return None
    vocab = region_vocab()
    found = _scan_regions(issuer, _region_surfaces(frozenset(), everywhere=True), [])
    chosen: Region | None = None
    for _start, _end, regions in found:
        inside = [r for r in regions if chosen and vocab.is_within(r, {chosen.code})]
        chosen = (inside or list(regions))[0]
    if chosen is None:
        # 聊城工信局: a city or province written without its suffix at the start
        stems = [
            r
            for r in vocab.by_code.values()
            if r.level != "county" and len(r.stem) >= 2 and issuer.startswith(r.stem)
        ]
        chosen = max(stems, key=lambda r: len(r.stem), default=None)
    return chosen.name if chosen else None


# ---------------------------------------------------------------------------- enterprises, parks


@lru_cache(maxsize=1)
def _enterprise_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    roles = "|".join(_words()["enterprise_roles"])
    role_pattern = re.compile(rf"[“\"]?({roles})[”\"]?企业")
    company_pattern = re.compile(
        r"(股份有限公司|有限责任公司|有限公司|股份公司|集团(?![化])"
        r"(?:股份)?(?:有限)?(?:公司)?)"
    )
    return role_pattern, company_pattern


def _valid_enterprise_name(tokens: tuple[str, ...]) -> bool:
    if not tokens or _is_generic(tokens):
        return False
    name = "".join(tokens)
    return len(name) >= 2 and not name.endswith(tuple(_words()["name_stop_words"]))


_BRACKETED_TAIL = re.compile(r"(?:（[^（）]{1,10}）|\([^()]{1,10}\))$")
_BRACKETED_TAIL_MAX = 12  # the longest text _BRACKETED_TAIL matches


def _company_name_start(text: str, suffix_start: int) -> int | None:
    """Start of the name before 有限公司/集团, including a bracketed place: 华虹半导体（无锡）."""
    # Searched in the last few characters only: over the whole text before it, every company
    # of a long list would rescan the list.
    bracket = _BRACKETED_TAIL.search(text, max(0, suffix_start - _BRACKETED_TAIL_MAX), suffix_start)
    head_end = bracket.start() if bracket else suffix_start
    phrase = _name_before(text, head_end)
    return phrase.start if _valid_enterprise_name(phrase.tokens) else None


def _names_before_role(text: str, role_start: int) -> list[_Phrase]:
    """The names a 龙头企业 phrase refers to: one before it, or each item of 甲、乙等."""
    if role_start == 0 or text[role_start - 1] != "等":
        return [_name_before(text, role_start)]
    names, end = [], role_start - 1
    while end > 0:
        phrase = _name_before(text, end)
        if not phrase.tokens:
            break
        names.append(phrase)
        if phrase.start == 0 or text[phrase.start - 1] != "、":
            break
        end = phrase.start - 1
    return list(reversed(names))


def _add_enterprises(out: _Collector, blocked: list[tuple[int, int]]) -> list[Mention]:
    text = out.text
    role_pattern, company_pattern = _enterprise_patterns()
    companies: dict[int, Mention] = {}  # local end -> mention
    for match in company_pattern.finditer(text):
        start = _company_name_start(text, match.start())
        if start is None or _overlaps(start, match.end(), blocked):
            continue
        name = text[start : match.end()]
        companies[match.end()] = out.add(
            "enterprise", start, match.end(), key=normalise_ref(name), name=name
        )
    added = list(companies.values())
    taken = blocked + [out.local_span(m) for m in added]
    for match in role_pattern.finditer(text):
        role, end = match.group(1), match.start()
        if end > 0 and text[end - 1] == "等" and end - 1 in companies:
            # 甲有限公司、乙集团等链主企业: the role belongs to the listed companies
            company: Mention | None = companies[end - 1]
            while company is not None:
                company.role = role
                c_start = out.local_span(company)[0]
                company = (
                    companies.get(c_start - 1) if text[c_start - 1 : c_start] == "、" else None
                )
            continue
        for phrase in _names_before_role(text, end):
            if not _valid_enterprise_name(phrase.tokens):
                continue
            if _overlaps(phrase.start, phrase.end, taken):
                continue
            name = text[phrase.start : phrase.end]
            span_end = match.end() if phrase.end == end else phrase.end
            added.append(
                out.add(
                    "enterprise",
                    phrase.start,
                    span_end,
                    key=normalise_ref(name),
                    name=name,
                    role=role,
                )
            )
    return added


@lru_cache(maxsize=1)
def _park_pattern() -> re.Pattern[str]:
    suffixes = sorted(_words()["park_suffixes"], key=len, reverse=True)
    return re.compile("|".join(suffixes))


def _park_name_start(
    text: str,
    suffix_start: int,
    region_starts: dict[int, str],
    region_ends: dict[int, int],
    hit_spans: list[tuple[int, int]],
) -> int | None:
    """Where a place-named park's name begins: the first of the regions that open it."""
    pos = suffix_start
    while pos > 0 and pos not in region_starts:
        ch = text[pos - 1]
        inside_word = _overlaps(pos - 1, pos, hit_spans)  # 铜及铜深加工 keeps its 及
        if _CLAUSE_STOP.match(ch) or (ch in _LIST_JOINERS and not inside_word):
            return None
        pos -= 1
    if pos not in region_starts:
        return None
    while pos in region_ends:  # 聊城市茌平区…: the name starts at the outer region
        pos = region_ends[pos]
    return pos


def _add_parks(
    out: _Collector,
    region_names: dict[int, str],
    region_spans: list[tuple[int, int]],
    hits: list[_Hit],
    blocked: list[tuple[int, int]],
) -> None:
    text, words = out.text, _words()
    kinds, product_named = words["park_suffixes"], set(words["product_named"])
    hit_spans = [(h.start, h.end) for h in hits]
    region_ends = {end: start for start, end in region_spans}
    for match in _park_pattern().finditer(text):
        if _overlaps(match.start(), match.end(), blocked):
            continue
        kind = kinds[match.group(0)]
        start = _park_name_start(text, match.start(), region_names, region_ends, hit_spans)
        parent = None
        if start is not None:
            parent = next(
                region_names[s]
                for s in sorted(region_names, reverse=True)
                if start <= s < match.start()
            )
        elif kind in product_named:
            phrase = _strip_generic_prefix(_name_before(text, match.start()))
            if not phrase.tokens or _is_generic(phrase.tokens) or len(phrase.text) < 2:
                continue
            start = phrase.start
        else:
            continue  # 开发区 / 高新区 are named by their place
        name = text[start : match.end()]
        out.add(
            "park", start, match.end(), key=normalise_ref(name), name=name, role=kind, parent=parent
        )


def _sentence_index(text: str) -> tuple[list[int], list[int]]:
    """Where each sentence starts and ends (the stops between them excluded), found once."""
    stops = [m.start() for m in _SENTENCE_STOP.finditer(text)]
    return [0, *(stop + 1 for stop in stops)], [*stops, len(text)]


def _nearest_sector(
    sectors: list[tuple[int, int, Mention]], start: int
) -> tuple[int, int, Mention] | None:
    """Of ``sectors`` (local start, order of finding, mention; sorted), the one starting nearest
    to ``start``, the first found on a tie."""
    i = bisect_left(sectors, (start, -1))
    best: tuple[int, int, Mention] | None = None
    for side in (i - 1, i):
        if not 0 <= side < len(sectors):
            continue
        # Every sector starting where the nearest one on this side starts ties with it.
        at = sectors[side][0]
        lo = bisect_left(sectors, (at, -1))
        hi = bisect_left(sectors, (at + 1, -1))
        for candidate in sectors[lo:hi]:
            if best is None or (abs(candidate[0] - start), candidate[1]) < (
                abs(best[0] - start),
                best[1],
            ):
                best = candidate
    return best


def _attach_enterprise_parents(out: _Collector, enterprises: list[Mention]) -> None:
    """An enterprise leads the industry or chain named nearest to it in its sentence (a
    resolved one before an unresolved one). Sentences are found once and the sectors of each
    looked up by position, so a long list of enterprises costs n log n, not n²."""
    sentence_starts, sentence_ends = _sentence_index(out.text)
    # sentence -> (resolved, unresolved) sectors as (local start, order of finding, mention)
    by_sentence: dict[int, tuple[list[tuple[int, int, Mention]], ...]] = {}
    order = 0
    for mention in out.mentions:
        if mention.kind not in ("industry", "chain"):
            continue
        m_start, m_end = out.local_span(mention)
        sentence = bisect_right(sentence_starts, m_start) - 1
        if m_end > sentence_ends[sentence]:
            continue  # runs over a sentence stop: in no sentence
        lists = by_sentence.setdefault(sentence, ([], []))
        lists[0 if mention.resolved else 1].append((m_start, order, mention))
        order += 1
    for resolved, unresolved in by_sentence.values():
        resolved.sort(key=lambda item: item[:2])
        unresolved.sort(key=lambda item: item[:2])
    for enterprise in enterprises:
        start, _ = out.local_span(enterprise)
        sentence = bisect_right(sentence_starts, start) - 1
        resolved, unresolved = by_sentence.get(sentence, ([], []))
        nearest = _nearest_sector(resolved, start) or _nearest_sector(unresolved, start)
        if nearest is not None:
            enterprise.parent = nearest[2].key


def _deduplicated(mentions: list[Mention]) -> list[Mention]:
    """One mention per (kind, key), the first in the text; an enterprise keeps any role."""
    first: dict[tuple[str, str], Mention] = {}
    for mention in sorted(mentions, key=lambda m: (m.evidence.start, -m.evidence.end)):
        seen = first.get((mention.kind, mention.key))
        if seen is None:
            first[(mention.kind, mention.key)] = mention
        elif seen.kind == "enterprise":
            seen.role = seen.role or mention.role
            seen.parent = seen.parent or mention.parent
    return sorted(first.values(), key=lambda m: (m.evidence.start, m.evidence.end))


# ---------------------------------------------------------------------------- entry point


def extract_mentions(
    text: str, offset: int = 0, *, home_region: str | None = None
) -> list[Mention]:
    """Industries, chains, enterprises, parks, regions and cited documents named in ``text``.

    ``offset`` is where ``text`` starts in the plan's clean text: every evidence offset is
    absolute. ``home_region`` (see :func:`home_region_of`) lets the issuer's own counties match
    without their 县/市/区 suffix. One mention per (kind, key), with its first evidence. Parks
    carry their kind (cluster, industrial_park, chemical_park, development_zone, base) in
    ``role`` and their region in ``parent``; enterprises carry 龙头/链主… in ``role`` and the
    industry or chain key of their sentence in ``parent``.
    """
    out = _Collector(text, offset)
    documents = _document_spans(text)
    _add_documents(out, documents)
    hits = _vocab_hits(text, documents)
    used = _add_chains(out, hits, documents)
    _add_industries(out, hits, used, documents)
    home = _home_codes(home_region)
    found_regions = _scan_regions(text, _region_surfaces(frozenset(home)), documents)
    region_names = _add_regions(out, found_regions, home)
    _add_parks(out, region_names, [(s, e) for s, e, _ in found_regions], hits, documents)
    enterprises = _add_enterprises(out, documents)
    _attach_enterprise_parents(out, enterprises)
    return _deduplicated(out.mentions)
