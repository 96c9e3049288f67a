"""Small hand-built plans in the genre's styles, for the loader and embedded-store tests.

Every evidence offset is computed from the plan's own text, so ``text[start:end] == phrase``
holds as the records promise.
"""

from __future__ import annotations

from plankg.models import (
    AgencyMention,
    Evidence,
    Mention,
    Office,
    OfficeAlias,
    OwnerMention,
    PlanHeader,
    PlanRecord,
    Section,
    Target,
    Task,
)

CITY_ISSUER = "德州市工业和信息化局"
COUNTY_ISSUER = "临邑县工业和信息化局"

DIGITAL_TEXT = """德州市工业和信息化局
德工信发〔2024〕12号
德州市制造业数字化转型行动方案（2024-2026年）
一、重点任务
到2026年，全市规上工业企业数字化改造覆盖率达到80%以上。
（一）推进智能化改造
1.实施技改提级行动。每年实施500万元以上技改项目300个以上。（技术改造科负责）
2.培育智能工厂。到2026年，新培育省级智能工厂20家。（科技科、信息化推进科分别负责）
（二）壮大产业链条
1.做强铝精深加工产业链。支持信发集团发挥链主作用，做强有色金属产业，推动临邑化工产业园在临邑县集聚发展。（原材料科牵头，运行监测协调科配合）
2.谋划氢能产业链。配合市发展改革委编制氢能规划，按照《山东省制造业强省建设规划》要求推进。（各产业科室负责）
二、保障措施
1.加强要素保障。配合牵头部门落实用地指标。（规划与政策法规科、财务审计科等分别负责）
三、加强组织领导。建立工作推进机制，定期调度任务进展。（办公室负责）
"""

GREEN_TEXT = """德州市工业和信息化局
德工信发〔2024〕20号
德州市工业绿色低碳发展实施方案
一、主要任务
(一)推进节能改造。推动有色金属产业节能降碳改造，到2025年完成节能改造项目50个。责任单位：节能与综合利用科、科技科
(二)发展循环经济。各县(市、区)建设资源综合利用基地。责任单位：各县(市、区)
"""

COUNTY_TEXT = """临邑县工业和信息化局
临工信字〔2024〕3号
临邑县工业企业技术改造三年行动计划（2024-2026年）
一、实施技改项目
1.推进临邑化工产业园技改。对有色金属产业实施技术改造。（科技科负责）
"""


def ev(text: str, phrase: str) -> Evidence:
    start = text.index(phrase)
    return Evidence(phrase=phrase, start=start, end=start + len(phrase))


def span(text: str, phrase: str) -> dict[str, int]:
    start = text.index(phrase)
    return {"start": start, "end": start + len(phrase)}


def owner(
    text: str,
    name: str,
    role: str,
    clause: str,
    *,
    raw: str | None = None,
    collective: bool = False,
    open_ended: bool = False,
) -> OwnerMention:
    return OwnerMention(
        name=name,
        raw=raw or name,
        role=role,
        collective=collective,
        open_ended=open_ended,
        evidence=ev(text, clause),
    )


def mention(text: str, kind: str, key: str, name: str, phrase: str, **extra) -> Mention:
    return Mention(kind=kind, key=key, name=name, evidence=ev(text, phrase), **extra)


def digital_plan() -> PlanRecord:
    """A city bureau's plan: three-level outline, every owner role, outside departments,
    targets on a section and on tasks, every kind of mention, and a top-level task."""
    t = DIGITAL_TEXT
    nonferrous = mention(
        t, "industry", "nonferrous", "有色金属产业", "有色金属产业", name_en="Nonferrous metals"
    )
    aluminium = mention(
        t,
        "chain",
        "aluminium_processing",
        "铝精深加工产业链",
        "铝精深加工产业链",
        name_en="Aluminium deep processing",
        parent="nonferrous",
    )
    hydrogen = mention(t, "chain", "氢能产业链", "氢能产业链", "氢能产业链", resolved=False)
    tasks = [
        Task(
            code="1.1.1",
            number="1.",
            title="实施技改提级行动",
            text="实施技改提级行动。每年实施500万元以上技改项目300个以上。（技术改造科负责）",
            level=3,
            section_code="1.1",
            **span(t, "1.实施技改提级行动。"),
            owners=[owner(t, "技术改造科", "sole", "（技术改造科负责）")],
            targets=[
                Target(
                    ordinal=1,
                    metric="500万元以上技改项目",
                    value=300,
                    unit="个",
                    raw_value="300个",
                    qualifiers=["每年", "以上"],
                    kind="annual",
                    evidence=ev(t, "每年实施500万元以上技改项目300个以上"),
                )
            ],
        ),
        Task(
            code="1.1.2",
            number="2.",
            title="培育智能工厂",
            text="培育智能工厂。到2026年，新培育省级智能工厂20家。（科技科、信息化推进科分别负责）",
            level=3,
            section_code="1.1",
            **span(t, "2.培育智能工厂。"),
            owners=[
                owner(t, "科技科", "each", "（科技科、信息化推进科分别负责）"),
                owner(t, "信息化推进科", "each", "（科技科、信息化推进科分别负责）"),
            ],
            targets=[
                Target(
                    ordinal=1,
                    metric="省级智能工厂",
                    value=20,
                    unit="家",
                    raw_value="20家",
                    qualifiers=["新培育"],
                    kind="cumulative",
                    year=2026,
                    evidence=ev(t, "到2026年，新培育省级智能工厂20家"),
                )
            ],
        ),
        Task(
            code="1.2.1",
            number="1.",
            title="做强铝精深加工产业链",
            text="做强铝精深加工产业链。支持信发集团发挥链主作用，做强有色金属产业，"
            "推动临邑化工产业园在临邑县集聚发展。（原材料科牵头，运行监测协调科配合）",
            level=3,
            section_code="1.2",
            **span(t, "1.做强铝精深加工产业链。"),
            owners=[
                owner(
                    t,
                    "原材料工业科",
                    "lead",
                    "（原材料科牵头，运行监测协调科配合）",
                    raw="原材料科",
                ),
                owner(t, "运行监测协调科", "support", "（原材料科牵头，运行监测协调科配合）"),
            ],
            mentions=[
                aluminium,
                nonferrous,
                mention(
                    t,
                    "enterprise",
                    "信发集团",
                    "信发集团",
                    "信发集团",
                    role="链主",
                    parent="aluminium_processing",
                ),
                mention(
                    t, "park", "临邑化工产业园", "临邑化工产业园", "临邑化工产业园", parent="临邑县"
                ),
                mention(t, "region", "临邑县", "临邑县", "临邑县"),
            ],
        ),
        Task(
            code="1.2.2",
            number="2.",
            title="谋划氢能产业链",
            text="谋划氢能产业链。配合市发展改革委编制氢能规划，按照《山东省制造业强省建设规划》"
            "要求推进。（各产业科室负责）",
            level=3,
            section_code="1.2",
            **span(t, "2.谋划氢能产业链。"),
            owners=[owner(t, "各产业科室", "collective", "（各产业科室负责）", collective=True)],
            agencies=[
                AgencyMention(
                    name="市发展改革委",
                    raw="市发展改革委",
                    relation="support",
                    evidence=ev(t, "配合市发展改革委"),
                )
            ],
            mentions=[
                hydrogen,
                mention(
                    t,
                    "document",
                    "山东省制造业强省建设规划",
                    "山东省制造业强省建设规划",
                    "《山东省制造业强省建设规划》",
                ),
            ],
        ),
        Task(
            code="2.1",
            number="1.",
            title="加强要素保障",
            text="加强要素保障。配合牵头部门落实用地指标。（规划与政策法规科、财务审计科等分别负责）",
            level=2,
            section_code="2",
            **span(t, "1.加强要素保障。"),
            owners=[
                owner(
                    t, name, "each", "（规划与政策法规科、财务审计科等分别负责）", open_ended=True
                )
                for name in ("规划与政策法规科", "财务审计科")
            ],
            agencies=[
                AgencyMention(
                    name="牵头部门",
                    raw="牵头部门",
                    relation="support",
                    unnamed=True,
                    evidence=ev(t, "配合牵头部门"),
                )
            ],
        ),
        Task(
            code="3",
            number="三、",
            title="加强组织领导",
            text="加强组织领导。建立工作推进机制，定期调度任务进展。（办公室负责）",
            level=1,
            section_code=None,
            **span(t, "三、加强组织领导。"),
            owners=[owner(t, "办公室", "sole", "（办公室负责）")],
        ),
    ]
    sections = [
        Section(
            code="1",
            number="一、",
            title="重点任务",
            level=1,
            **span(t, "一、重点任务"),
            intro="到2026年，全市规上工业企业数字化改造覆盖率达到80%以上。",
            targets=[
                Target(
                    ordinal=1,
                    metric="规上工业企业数字化改造覆盖率",
                    value=80,
                    unit="%",
                    raw_value="80%",
                    qualifiers=["以上"],
                    kind="share",
                    year=2026,
                    evidence=ev(t, "数字化改造覆盖率达到80%以上"),
                )
            ],
        ),
        Section(
            code="1.1",
            number="（一）",
            title="推进智能化改造",
            level=2,
            parent_code="1",
            **span(t, "（一）推进智能化改造"),
        ),
        Section(
            code="1.2",
            number="（二）",
            title="壮大产业链条",
            level=2,
            parent_code="1",
            **span(t, "（二）壮大产业链条"),
        ),
        Section(code="2", number="二、", title="保障措施", level=1, **span(t, "二、保障措施")),
    ]
    offices = [  # 办公室 is left out on purpose: an owner the office list missed
        Office(name="技术改造科"),
        Office(name="科技科", name_en="Science and Technology Office"),
        Office(name="信息化推进科"),
        Office(
            name="原材料工业科",
            aliases=[
                OfficeAlias(
                    alias="原材料科",
                    rule="short-form: X科 ⊂ X工业科 in the same plan",
                    evidence=ev(t, "原材料科"),
                )
            ],
        ),
        Office(name="运行监测协调科"),
        Office(name="规划与政策法规科"),
        Office(name="财务审计科"),
    ]
    return PlanRecord(
        id="德工信发〔2024〕12号",
        header=PlanHeader(
            issuer=CITY_ISSUER,
            doc_no="德工信发〔2024〕12号",
            issued="2024-03-01",
            title="德州市制造业数字化转型行动方案（2024-2026年）",
            period_start=2024,
            period_end=2026,
        ),
        text=t,
        source_name="dezhou_digital.txt",
        sha256="d1",
        sections=sections,
        tasks=tasks,
        offices=offices,
        unresolved=[hydrogen],
    )


def digital_plan_revised() -> PlanRecord:
    """The same plan id, re-issued: 1.1.2 now has a lead, task 3 is gone, 2.2 is new."""
    plan = digital_plan()
    t = plan.text
    tasks = [task for task in plan.tasks if task.code != "3"]
    smart = next(task for task in tasks if task.code == "1.1.2")
    smart.owners = [
        owner(t, "科技科", "lead", "（科技科、信息化推进科分别负责）"),
        owner(t, "信息化推进科", "support", "（科技科、信息化推进科分别负责）"),
    ]
    tasks.append(
        Task(
            code="2.2",
            number="2.",
            title="加强组织领导",
            text="加强组织领导。",
            level=2,
            section_code="2",
            **span(t, "三、加强组织领导。"),
            owners=[owner(t, "办公室", "sole", "（办公室负责）")],
        )
    )
    return plan.model_copy(update={"tasks": tasks, "sha256": "d2"})


def green_plan() -> PlanRecord:
    """Same issuer, ASCII parentheses and 责任单位： (first unit leads), a county collective."""
    t = GREEN_TEXT
    clause = "责任单位：节能与综合利用科、科技科"
    return PlanRecord(
        id="德工信发〔2024〕20号",
        header=PlanHeader(
            issuer=CITY_ISSUER,
            doc_no="德工信发〔2024〕20号",
            title="德州市工业绿色低碳发展实施方案",
        ),
        text=t,
        source_name="dezhou_green.txt",
        sections=[
            Section(code="1", number="一、", title="主要任务", level=1, **span(t, "一、主要任务"))
        ],
        tasks=[
            Task(
                code="1.1",
                number="(一)",
                title="推进节能改造",
                text="推进节能改造。",
                level=2,
                section_code="1",
                **span(t, "(一)推进节能改造。"),
                owners=[
                    owner(t, "节能与综合利用科", "lead", clause),
                    owner(t, "科技科", "support", clause),
                ],
                targets=[
                    Target(
                        ordinal=1,
                        metric="节能改造项目",
                        value=50,
                        unit="个",
                        raw_value="50个",
                        kind="cumulative",
                        year=2025,
                        evidence=ev(t, "到2025年完成节能改造项目50个"),
                    )
                ],
                mentions=[
                    mention(
                        t,
                        "industry",
                        "nonferrous",
                        "有色金属产业",
                        "有色金属产业",
                        name_en="Nonferrous metals",
                    )
                ],
            ),
            Task(
                code="1.2",
                number="(二)",
                title="发展循环经济",
                text="发展循环经济。",
                level=2,
                section_code="1",
                **span(t, "(二)发展循环经济。"),
                owners=[
                    owner(
                        t,
                        "各县（市、区）",
                        "collective",
                        "责任单位：各县(市、区)",
                        raw="各县(市、区)",
                        collective=True,
                    )
                ],
            ),
        ],
        offices=[
            Office(name="节能与综合利用科"),
            Office(name="科技科", name_en="Science and Technology Office"),
        ],
    )


def county_plan() -> PlanRecord:
    """Another issuer (a county bureau) with an office of the same name as the city's."""
    t = COUNTY_TEXT
    return PlanRecord(
        id="临工信字〔2024〕3号",
        header=PlanHeader(issuer=COUNTY_ISSUER, doc_no="临工信字〔2024〕3号"),
        text=t,
        sections=[
            Section(
                code="1",
                number="一、",
                title="实施技改项目",
                level=1,
                **span(t, "一、实施技改项目"),
            )
        ],
        tasks=[
            Task(
                code="1.1",
                number="1.",
                title="推进临邑化工产业园技改",
                text="推进技改。",
                level=2,
                section_code="1",
                **span(t, "1.推进临邑化工产业园技改。"),
                owners=[owner(t, "科技科", "sole", "（科技科负责）")],
                mentions=[
                    mention(t, "park", "临邑化工产业园", "临邑化工产业园", "临邑化工产业园"),
                    mention(t, "industry", "nonferrous", "有色金属产业", "有色金属产业"),
                ],
            )
        ],
        offices=[Office(name="科技科")],
    )
