"""Plain typed records that flow from ingest to the graph loader.

Nothing here touches a database. Offsets are character offsets into ``PlanRecord.text`` (the
clean text produced by the reader); ``Evidence.phrase == PlanRecord.text[start:end]`` always holds.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Role = Literal["sole", "each", "lead", "support", "collective"]
"""How an owner carries a task.

sole        A负责 — one office alone
each        A、B分别负责 / A、B负责 — shared, nobody leads
lead        A牵头 / 牵头单位： / first of 责任单位 when the plan says the first one leads
support     B配合 / 配合单位：
collective  各产业科室 / 综合科室 / 各县（市、区） — a group word, nobody in particular
"""

AgencyRelation = Literal["support", "joint", "assists", "per_requirement", "reports_to", "cites"]
"""How the bureau works with an outside department.

support          配合X (the outside department leads, the bureau supports)
joint            会同X / 联合X / 与X共同; or X shares a task with the bureau's offices (X、A科分别负责)
assists          X配合 a task the bureau leads (A科牵头，市财政局配合)
per_requirement  按照X的要求 / 根据X要求
reports_to       落实X部署 / 向X报送
cites            any other mention of an outside department
"""

MentionKind = Literal["industry", "chain", "enterprise", "park", "region", "document"]
TargetKind = Literal["cumulative", "annual", "share", "growth", "level", "count"]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Evidence(Model):
    """The exact phrase an extraction came from, with offsets into the plan's clean text."""

    phrase: str
    start: int
    end: int


class Paragraph(Model):
    """A clean logical paragraph of the source (broken lines already joined)."""

    text: str
    start: int
    end: int


class SourceText(Model):
    """What the reader hands to the parser."""

    text: str  # the clean text in its original script; paragraphs are slices of it, joined by "\n"
    match_text: str = ""  # same length as text, traditional characters mapped to simplified
    # one by one (so offsets are shared); empty when the text has nothing to convert
    paragraphs: list[Paragraph]
    source_name: str = ""  # file name, for messages
    source_format: str = "txt"  # txt | docx | pdf | html
    encoding: str = "utf-8"
    converted_from_traditional: bool = False
    sha256: str = ""  # of the clean text
    warnings: list[str] = Field(default_factory=list)


class PlanHeader(Model):
    issuer: str | None = None  # 聊城市工业和信息化局
    doc_no: str | None = None  # 聊工信发〔2023〕48号
    issued: str | None = None  # ISO date 2023-05-10
    title: str | None = None  # the plan's own title (without 关于印发…的通知)
    period_start: int | None = None
    period_end: int | None = None
    evidence: dict[str, Evidence] = Field(default_factory=dict)  # field name -> where it was read


class OwnerMention(Model):
    """One owner named in a responsibility clause."""

    name: str  # canonical name (after alias merging); for collectives, the group word
    raw: str  # as written in the clause
    role: Role
    collective: bool = False
    open_ended: bool = False  # the list ends in 等: more owners than named
    evidence: Evidence  # the whole clause, e.g. （科技科、产业政策科分别负责）


class AgencyMention(Model):
    """An outside department the task depends on or works with."""

    name: str  # canonical name from the agency vocabulary, or as written
    raw: str
    relation: AgencyRelation
    unnamed: bool = False  # 配合牵头部门: a lead department the plan does not name
    resolved: bool = True  # found in the agency vocabulary
    evidence: Evidence


class Target(Model):
    """A numeric (or vague) goal."""

    ordinal: int  # 1-based within its task or section
    metric: str  # 规上企业 / 营业收入 / 5G基站总量 …
    value: float | None = None  # normalised: 1.3万个 -> 13000
    value_max: float | None = None  # upper bound of a range such as 2-3个
    unit: str | None = None  # 家 个 名 亿元 % … (after scaling: 万个 -> 个)
    raw_value: str | None = None  # as written: "1.3 万个"
    qualifiers: list[str] = Field(default_factory=list)  # 以上 左右 突破 累计 每年 新增 力争 …
    kind: TargetKind = "level"
    year: int | None = None  # deadline year (到2025年)
    period_start: int | None = None  # 2023-2025年
    period_end: int | None = None
    vague: bool = False  # no number or no deadline (高于全省平均水平)
    evidence: Evidence


UnparsedKind = Literal["responsibility", "target"]


class UnparsedClause(Model):
    """A clause that looks like responsibility (负责, 牵头, 责任单位…) or like a target (a goal word
    before a number and a unit) but yielded nothing: what the parser did not understand."""

    kind: UnparsedKind
    code: str | None = None  # the task or section it sits in; None for the plan's opening text
    phrase: str
    start: int
    end: int


class Mention(Model):
    """An industry, chain, enterprise, park, region or cited document named in a text."""

    kind: MentionKind
    key: str  # vocabulary key (e.g. "nonferrous") or the normalised surface form if unresolved
    name: str  # canonical Chinese name
    name_en: str | None = None
    resolved: bool = True  # False: not in the vocabulary, kept and reported
    role: str | None = None  # enterprises: 链主 / 龙头 …
    parent: str | None = None  # chains: the industry key; parks: the region name
    evidence: Evidence


class OfficeAlias(Model):
    alias: str
    rule: str  # which rule merged it, e.g. "short-form: X科 ⊂ X产业科 in the same plan"
    evidence: Evidence | None = None


class Office(Model):
    """An internal unit of the issuing body (科室), canonical name plus aliases found in the plan."""

    name: str
    aliases: list[OfficeAlias] = Field(default_factory=list)
    name_en: str | None = None


class Section(Model):
    code: str  # numbering path in arabic digits: "4" or "4.1"
    number: str  # the heading's own marker as written: 四、 / （一）
    title: str
    level: int  # 1 = 一、, 2 = （一）, 3 = 1., 4 = （1）
    parent_code: str | None = None
    intro: str = ""  # the section's own text before its first child
    start: int
    end: int
    targets: list[Target] = Field(default_factory=list)
    mentions: list[Mention] = Field(default_factory=list)
    agencies: list[AgencyMention] = Field(default_factory=list)


class Task(Model):
    code: str  # "4.1.1"
    number: str  # 1.
    title: str  # the heading or first sentence
    text: str  # full text including the responsibility clause
    level: int
    section_code: str | None  # parent section's code
    start: int
    end: int
    owners: list[OwnerMention] = Field(default_factory=list)
    agencies: list[AgencyMention] = Field(default_factory=list)
    targets: list[Target] = Field(default_factory=list)
    mentions: list[Mention] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
    deadline: str | None = None  # 完成时限 of a task-division table row, as written (2025年底前)

    @property
    def has_owner(self) -> bool:
        return bool(self.owners)


class PlanRecord(Model):
    id: str
    header: PlanHeader
    text: str
    source_name: str = ""
    source_format: str = "txt"
    sha256: str = ""
    sections: list[Section] = Field(default_factory=list)
    tasks: list[Task] = Field(default_factory=list)
    offices: list[Office] = Field(default_factory=list)
    unresolved: list[Mention] = Field(default_factory=list)  # terms not in any vocabulary
    targets: list[Target] = Field(default_factory=list)  # set in the opening text, before 一、
    unparsed: list[UnparsedClause] = Field(default_factory=list)  # cues that yielded nothing
    warnings: list[str] = Field(default_factory=list)

    def evidence(self, start: int, end: int) -> Evidence:
        return Evidence(phrase=self.text[start:end], start=start, end=end)
