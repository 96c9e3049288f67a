"""A hand-made county-level plan in another style than the sample (ASCII parentheses, 牵头/配合,
an open-ended owner list, a collective owner, a task with no owner, an outside lead, a vague
section target), built as a PlanRecord so the query tests do not depend on the parser."""

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

ISSUER = "东阿县工业和信息化局"
PLAN_ID = "东阿工信发〔2024〕7号"

TEXT = (
    "东阿县工业和信息化局2024-2025年产业提升行动方案\n"
    "一、产业提升\n"
    "(一)有色金属。依托信发集团链主作用，推动铝精深加工产业链延链补链，到2025年规上企业达到30家。"
    "(工业发展股牵头，中小股配合)\n"
    "(二)绿色化工。推动精细化工产业链发展，配合县发展改革局做好项目谋划。(安全生产股负责)\n"
    "(三)传统产业。推动有色、纺织等行业改造提升。(中小企业股、信息化股等分别负责)\n"
    "二、保障措施\n"
    "主要经济指标增速高于全市平均水平。\n"
    "(一)组织保障。各股室协同推进。(各股室负责)\n"
    "(二)资金保障。落实财政资金支持政策。\n"
)


def ev(phrase: str, after: str = "") -> Evidence:
    """Evidence for the first ``phrase`` at or after the first ``after`` in TEXT."""
    start = TEXT.index(phrase, TEXT.index(after) if after else 0)
    return Evidence(phrase=phrase, start=start, end=start + len(phrase))


def span(first: str, last: str) -> tuple[int, int]:
    start = TEXT.index(first)
    return start, TEXT.index(last, start) + len(last)


def office_owner(name: str, raw: str, role: str, clause: str, open_ended: bool = False):
    return OwnerMention(name=name, raw=raw, role=role, open_ended=open_ended, evidence=ev(clause))


def nonferrous(surface: str, after: str) -> Mention:
    return Mention(
        kind="industry",
        key="nonferrous",
        name="有色金属产业",
        name_en="Nonferrous metals",
        evidence=ev(surface, after),
    )


def task(code: str, number: str, title: str, first: str, last: str, **fields) -> Task:
    start, end = span(first, last)
    return Task(
        code=code,
        number=number,
        title=title,
        text=TEXT[start:end],
        level=2,
        section_code=code.split(".")[0],
        start=start,
        end=end,
        **fields,
    )


def county_plan() -> PlanRecord:
    lead_clause = "(工业发展股牵头，中小股配合)"
    shared_clause = "(中小企业股、信息化股等分别负责)"
    tasks = [
        task(
            "1.1",
            "(一)",
            "有色金属",
            "(一)有色金属",
            lead_clause,
            owners=[
                office_owner("工业发展股", "工业发展股", "lead", lead_clause),
                office_owner("中小企业股", "中小股", "support", lead_clause),
            ],
            targets=[
                Target(
                    ordinal=1,
                    metric="规上企业",
                    value=30,
                    unit="家",
                    raw_value="30家",
                    kind="count",
                    year=2025,
                    evidence=ev("到2025年规上企业达到30家"),
                )
            ],
            mentions=[
                nonferrous("有色金属", "(一)有色金属"),
                Mention(
                    kind="chain",
                    key="aluminium_processing",
                    name="铝加工产业链",
                    name_en="Aluminium processing",
                    parent="nonferrous",
                    evidence=ev("铝精深加工产业链"),
                ),
                Mention(
                    kind="enterprise",
                    key="信发集团",
                    name="信发集团",
                    role="链主",
                    parent="aluminium_processing",
                    evidence=ev("信发集团"),
                ),
            ],
        ),
        task(
            "1.2",
            "(二)",
            "绿色化工",
            "(二)绿色化工",
            "(安全生产股负责)",
            owners=[office_owner("安全生产股", "安全生产股", "sole", "(安全生产股负责)")],
            agencies=[
                AgencyMention(
                    name="发展改革部门",
                    raw="县发展改革局",
                    relation="support",
                    evidence=ev("配合县发展改革局"),
                )
            ],
            mentions=[
                Mention(
                    kind="industry",
                    key="chemicals",
                    name="化工产业",
                    name_en="Chemicals",
                    evidence=ev("化工", "(二)绿色化工"),
                ),
                Mention(
                    kind="chain",
                    key="fine_chemicals",
                    name="精细化工产业链",
                    parent="chemicals",
                    evidence=ev("精细化工产业链"),
                ),
            ],
        ),
        task(
            "1.3",
            "(三)",
            "传统产业",
            "(三)传统产业",
            shared_clause,
            owners=[
                office_owner("中小企业股", "中小企业股", "each", shared_clause, open_ended=True),
                office_owner("信息化股", "信息化股", "each", shared_clause, open_ended=True),
            ],
            mentions=[
                nonferrous("有色", "(三)传统产业"),
                Mention(
                    kind="industry",
                    key="textiles",
                    name="纺织服装产业",
                    name_en="Textiles and apparel",
                    evidence=ev("纺织", "(三)传统产业"),
                ),
            ],
        ),
        task(
            "2.1",
            "(一)",
            "组织保障",
            "(一)组织保障",
            "(各股室负责)",
            owners=[
                OwnerMention(
                    name="各股室",
                    raw="各股室",
                    role="collective",
                    collective=True,
                    evidence=ev("(各股室负责)"),
                )
            ],
        ),
        task("2.2", "(二)", "资金保障", "(二)资金保障", "落实财政资金支持政策。"),
    ]
    s1_start, s1_end = span("一、产业提升", shared_clause)
    s2_start, s2_end = span("二、保障措施", "落实财政资金支持政策。")
    sections = [
        Section(code="1", number="一、", title="产业提升", level=1, start=s1_start, end=s1_end),
        Section(
            code="2",
            number="二、",
            title="保障措施",
            level=1,
            intro="主要经济指标增速高于全市平均水平。",
            start=s2_start,
            end=s2_end,
            targets=[
                Target(
                    ordinal=1,
                    metric="主要经济指标增速",
                    qualifiers=["高于全市平均水平"],
                    vague=True,
                    evidence=ev("主要经济指标增速高于全市平均水平"),
                )
            ],
        ),
    ]
    offices = [
        Office(name="工业发展股"),
        Office(
            name="中小企业股",
            aliases=[
                OfficeAlias(
                    alias="中小股", rule="short form in the same plan", evidence=ev("中小股")
                )
            ],
        ),
        Office(name="安全生产股"),
        Office(name="信息化股"),
    ]
    return PlanRecord(
        id=PLAN_ID,
        header=PlanHeader(
            issuer=ISSUER,
            doc_no=PLAN_ID,
            title="产业提升行动方案",
            period_start=2024,
            period_end=2025,
            issued="2024-03-01",
        ),
        text=TEXT,
        source_name="dong_e_2024.txt",
        sections=sections,
        tasks=tasks,
        offices=offices,
    )
