"""A synthetic corpus of action plans that knows its own truth.

Each generated plan follows the 公文 conventions of the genre with the variation real bureaus
show: issuers drawn from the region vocabulary (cities and counties) crossed with bureaus,
document numbers, an office set of the bureau's level (科 in a city, 股 in a county), industries
and chains from the industry vocabulary, numbering depths (一、/（一）/1./（1）, kinds skipped),
responsibility clauses in every style (负责, 分别负责, 牵头/配合, 责任单位：, 牵头单位：…配合单位：,
collective and open-ended lists, ASCII parentheses), targets of every form, outside departments,
and page-break artefacts (a sentence broken across blank lines or across a form-feed page with a
page number).

Because the generator writes every task, owner, role and target value itself, it also returns
them (:class:`GeneratedPlan`), so a benchmark run doubles as a parser robustness check.
Generation is deterministic for a seed.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import lru_cache

from plankg.errors import InputError
from plankg.vocab import load_vocab

__all__ = [
    "ExpectedOwner",
    "ExpectedTarget",
    "ExpectedTask",
    "GeneratedPlan",
    "generate_corpus",
    "generate_plans",
]

_CN_DIGITS = "一二三四五六七八九"

# Bureaus that issue action plans: (name, abbreviation used in document numbers, theme).
_BUREAUS = (
    ("工业和信息化局", "工信", "制造业高质量发展"),
    ("发展和改革委员会", "发改", "现代化产业体系建设"),
    ("商务局", "商", "开放型经济高质量发展"),
    ("科学技术局", "科", "科技创新引领产业升级"),
    ("农业农村局", "农", "乡村产业振兴"),
    ("工业和信息化局", "工信", "数字经济和实体经济深度融合"),
)
_PLAN_KINDS = ("三年行动计划", "行动方案", "实施方案", "攻坚行动方案")

# Office stems of a bureau; the suffix comes from the issuer's level.
_OFFICE_STEMS = (
    "综合",
    "产业政策",
    "规划",
    "科技",
    "技术改造",
    "原材料产业",
    "装备产业",
    "消费品产业",
    "电子信息产业",
    "工业互联网",
    "信息化推进",
    "数字经济",
    "节能与综合利用",
    "运行监测协调",
    "中小企业服务",
    "民营经济发展",
    "投资促进",
    "利用外资",
    "对外贸易",
    "电子商务",
    "市场体系建设",
    "安全生产",
    "人事教育",
    "财务审计",
    "政策法规",
    "质量品牌",
    "智能制造",
    "服务型制造",
    "生物医药产业",
    "新材料产业",
    "高新技术发展",
    "成果转化",
    "知识产权",
    "乡村产业发展",
    "农产品质量安全",
    "农业机械化",
    "种业管理",
    "招商引资",
    "开发区建设",
    "培训与交流",
    "统计分析",
    "军民融合推进",
)
_OFFICE_SUFFIX = {"city": "科", "county": "股"}

_CHAPTER_TITLES = (
    "创新驱动，增强发展动力",
    "产业升级，夯实发展基础",
    "数字赋能，培育新增长点",
    "绿色转型，推动低碳发展",
    "开放合作，拓展发展空间",
    "协同推进，提升发展水平",
    "企业培育，壮大市场主体",
    "项目攻坚，扩大有效投资",
)
_TASK_TITLES = (
    "加快科技创新平台建设",
    "加强优质企业梯度培育",
    "实施技术改造提升工程",
    "推进数字化转型",
    "构建绿色制造体系",
    "开展质量品牌提升行动",
    "提升产业链供应链韧性",
    "强化要素保障",
    "推动园区提质增效",
    "深化产学研合作",
    "扩大有效投资",
    "优化营商环境",
    "培育壮大产业集群",
    "推进工业互联网创新应用",
    "加快新型基础设施建设",
    "促进中小企业专精特新发展",
    "推动服务型制造发展",
    "加强人才队伍建设",
    "深化国际经贸合作",
    "推进节能降碳",
)
_FILLERS = (
    "落实相关扶持政策，引导更多企业参与平台认定申请",
    "建立重点企业培育库，实行动态管理和梯度培育",
    "聚焦关键环节开展补链延链强链，提升产业配套能力",
    "组织企业开展对标交流活动，营造比学赶超的浓厚氛围",
    "加强政策宣传解读，推动惠企政策直达快享",
    "强化跟踪服务和督导调度，确保各项工作按期推进",
    "鼓励企业加大研发投入，支持建设高水平研发平台",
    "开展常态化政银企对接活动，拓宽企业融资渠道",
    "完善统计监测体系，定期分析研判运行态势",
    "推动龙头企业与配套企业协同发展，形成大中小企业融通发展格局",
)
_INDUSTRY_FILLERS = (
    "聚焦{name}延链补链强链，提升产业配套水平",
    "推动{name}向高端化、智能化、绿色化发展",
    "开展{name}“巡链”“诊链”活动，精准对接企业需求",
    "支持{name}重点企业实施技术改造，扩大有效供给",
)
_SUPPORT_DEPARTMENTS = ("发展改革委", "商务局", "财政局", "科技局", "生态环境局", "市场监管局")
_AGENCY_SENTENCES = (
    "配合{level}{dept}做好重点项目谋划储备",
    "会同{level}{dept}组织开展专项行动",
    "按照{level}{dept}的要求，做好相关工作",
    "联合{level}{dept}开展督导检查",
)
_SAFEGUARDS = ("加强组织领导", "强化政策支持", "加强宣传引导", "健全考核机制")
_SAFEGUARD_BODIES = (
    "成立工作领导小组，统筹推进各项工作，定期研究解决重大问题",
    "统筹用好各级专项资金，加大对重点项目和企业的支持力度",
    "及时总结推广典型经验做法，营造良好舆论氛围",
    "对重点任务实行台账管理，定期调度，及时汇总上报",
)


@dataclass(frozen=True)
class ExpectedOwner:
    name: str
    role: str


@dataclass(frozen=True)
class ExpectedTarget:
    value: float
    unit: str


@dataclass(frozen=True)
class ExpectedTask:
    code: str
    owners: tuple[ExpectedOwner, ...]
    targets: tuple[ExpectedTarget, ...]


@dataclass(frozen=True)
class GeneratedPlan:
    """A generated plan's file name and text, and what a parser should find in it."""

    file_name: str
    text: str
    issuer: str
    doc_no: str
    tasks: tuple[ExpectedTask, ...]


# ------------------------------------------------------------------ vocabularies


@dataclass(frozen=True)
class _Region:
    name: str
    stem: str
    level: str
    county_names: tuple[str, ...]  # a city's counties; a county's own name


@lru_cache(maxsize=1)
def _regions() -> tuple[_Region, ...]:
    entries = load_vocab("regions")["regions"]
    counties_of: dict[str, list[str]] = {}
    for entry in entries:
        if entry["level"] == "county":
            counties_of.setdefault(entry["parent"], []).append(entry["name"])
    regions = []
    for entry in entries:
        if (
            entry["level"] == "city"
            and counties_of.get(entry["code"])
            and entry["name"][-1] == "市"
        ):
            regions.append(
                _Region(entry["name"], entry["stem"], "city", tuple(counties_of[entry["code"]]))
            )
        elif entry["level"] == "county" and entry["name"][-1] == "县" and len(entry["stem"]) >= 2:
            regions.append(_Region(entry["name"], entry["stem"], "county", (entry["name"],)))
    return tuple(regions)


@lru_cache(maxsize=1)
def _industry_names() -> tuple[str, ...]:
    return tuple(e["name"] for e in load_vocab("industries")["entries"])


@lru_cache(maxsize=1)
def _heading_industry_names() -> tuple[str, ...]:
    return tuple(name for name in _industry_names() if not name[0].isascii())


# ------------------------------------------------------------------ text pieces


def _cn_number(n: int) -> str:
    """1..99 as a Chinese numeral (十一, 二十)."""
    tens, units = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else _CN_DIGITS[tens - 1] + "十")
    return head + (_CN_DIGITS[units - 1] if units else "")


def _marker(kind: str, n: int, ascii_parens: bool) -> str:
    if kind == "cn":
        return f"{_cn_number(n)}、"
    if kind == "cn_paren":
        return f"({_cn_number(n)})" if ascii_parens else f"（{_cn_number(n)}）"
    if kind == "arabic":
        return f"{n}."
    return f"({n})" if ascii_parens else f"（{n}）"


def _target_phrase(rng: random.Random) -> tuple[str, ExpectedTarget]:
    """One target clause and its normalised value."""
    form = rng.randrange(9)
    n = rng.choice((5, 8, 10, 12, 15, 20, 30, 50, 80, 100, 120, 200, 300, 500))
    if form == 0:
        metric = rng.choice(("规上企业", "专精特新企业", "高新技术企业", "省级绿色工厂"))
        return f"{metric}达到{n}家", ExpectedTarget(n, "家")
    if form == 1:
        metric = rng.choice(("省级企业技术中心", "市级工业设计中心", "单项冠军企业"))
        return f"新增{metric}{n}家以上", ExpectedTarget(n, "家")
    if form == 2:
        whole, tenth = rng.randrange(1, 5), rng.randrange(1, 10)
        metric = rng.choice(("5G基站总量", "工业互联网标识注册量"))
        return f"{metric}突破{whole}.{tenth}万个", ExpectedTarget((whole * 10 + tenth) * 1000, "个")
    if form == 3:
        p: float = rng.choice((35, 40, 45, 60, 75, 90))
        metric = rng.choice(
            ("化工企业入园率", "规上工业企业研发机构覆盖率", "数字化研发设计工具普及率")
        )
        return f"{metric}达到{p}%以上", ExpectedTarget(p, "%")
    if form == 4:
        p = rng.choice((5, 6, 6.5, 7, 8, 10))
        metric = rng.choice(("工业增加值", "营业收入", "工业投资"))
        return f"{metric}年均增长{p:g}%左右", ExpectedTarget(p, "%")
    if form == 5:
        amount = rng.choice((150, 500, 1000, 1600, 2000, 5500))
        return f"营业收入达到{amount}亿元", ExpectedTarget(amount, "亿元")
    if form == 6:
        low = rng.randrange(2, 5)
        return f"打造{low}-{low + 1}个百亿级产业集群", ExpectedTarget(low, "个")
    if form == 7:
        metric = rng.choice(("重点技改项目", "数字化转型项目", "绿色低碳项目"))
        return f"累计实施{metric}{n}个", ExpectedTarget(n, "个")
    return f"培育链主企业{n}家以上", ExpectedTarget(n, "家")


def _targets_sentence(
    rng: random.Random, year: int, count: int
) -> tuple[str, list[ExpectedTarget]]:
    phrases, expected = [], []
    for _ in range(count):
        phrase, target = _target_phrase(rng)
        phrases.append(phrase)
        expected.append(target)
    lead = rng.choice((f"到{year}年，力争", f"到{year}年，", "力争"))
    return f"{lead}{'，'.join(phrases)}。", expected


def _clause(
    rng: random.Random, offices: list[str], first_listed_leads: bool, ascii_parens: bool
) -> tuple[str, tuple[ExpectedOwner, ...]]:
    """A responsibility clause in one of the genre's styles, and the owners it names."""
    open_, close = ("(", ")") if ascii_parens else ("（", "）")
    style = rng.randrange(8)
    picked = rng.sample(offices, k=min(len(offices), rng.randrange(2, 5)))
    a = picked[0]
    if style == 0:
        return f"{open_}{a}负责{close}", (ExpectedOwner(a, "sole"),)
    if style == 1:
        return (
            f"{open_}{'、'.join(picked)}分别负责{close}",
            tuple(ExpectedOwner(o, "each") for o in picked),
        )
    if style == 2:
        return (
            f"{open_}{a}牵头，{'、'.join(picked[1:])}配合{close}",
            (ExpectedOwner(a, "lead"), *(ExpectedOwner(o, "support") for o in picked[1:])),
        )
    if style == 3:
        return (
            f"\n牵头单位：{a}；配合单位：{'、'.join(picked[1:])}",
            (ExpectedOwner(a, "lead"), *(ExpectedOwner(o, "support") for o in picked[1:])),
        )
    if style == 4:
        roles = (
            ["lead", *["support"] * (len(picked) - 1)]
            if first_listed_leads
            else ["each"] * len(picked)
        )
        return (
            f"\n责任单位：{'、'.join(picked)}",
            tuple(ExpectedOwner(o, r) for o, r in zip(picked, roles, strict=False)),
        )
    if style == 5:
        group = rng.choice(("各产业科室", "综合科室"))
        return (
            f"{open_}{'、'.join(picked[:2])}和{group}分别负责{close}",
            (*(ExpectedOwner(o, "each") for o in picked[:2]), ExpectedOwner(group, "collective")),
        )
    if style == 6:
        return (
            f"{open_}{'、'.join(picked)}等分别负责{close}",
            tuple(ExpectedOwner(o, "each") for o in picked),
        )
    return f"{open_}{a}、{picked[1]}负责{close}", (
        (ExpectedOwner(a, "lead"), ExpectedOwner(picked[1], "support"))
        if first_listed_leads
        else (ExpectedOwner(a, "each"), ExpectedOwner(picked[1], "each"))
    )


def _page_break(rng: random.Random, sentence: str, page: int) -> str:
    """Break a sentence between two Chinese characters as an export does at a page end."""
    spots = [
        i
        for i in range(4, len(sentence) - 4)
        if "\u4e00" <= sentence[i - 1] <= "\u9fff" and "\u4e00" <= sentence[i] <= "\u9fff"
    ]
    if not spots:
        return sentence
    cut = rng.choice(spots)
    gap = "\n\n" if rng.random() < 0.6 else f"\n\n- {page} -\n\f\n"
    return sentence[:cut] + gap + sentence[cut:]


# ------------------------------------------------------------------ one plan


@dataclass
class _Writer:
    rng: random.Random
    offices: list[str]
    region: _Region
    year_end: int
    first_listed_leads: bool
    ascii_parens: bool
    pages: int = 1

    def task_text(
        self, marker: str, title: str, with_owner: bool = True
    ) -> tuple[str, ExpectedTask]:
        rng = self.rng
        industry = rng.choice(_industry_names())
        sentences = [
            *rng.sample(_FILLERS, k=rng.randrange(2, 6)),
            rng.choice(_INDUSTRY_FILLERS).format(name=industry),
        ]
        rng.shuffle(sentences)
        if rng.random() < 0.4:
            sentences.append(
                rng.choice(_AGENCY_SENTENCES).format(
                    level=self.region.name[-1], dept=rng.choice(_SUPPORT_DEPARTMENTS)
                )
            )
        if rng.random() < 0.3:
            sentences.append(f"支持{rng.choice(self.region.county_names)}建设特色产业园区")
        body = "。".join(sentences) + "。"
        if rng.random() < 0.35:
            self.pages += 1
            body = _page_break(rng, body, self.pages)
        targets: list[ExpectedTarget] = []
        if rng.random() < 0.7:
            sentence, targets = _targets_sentence(rng, self.year_end, rng.randrange(1, 4))
            body += sentence
        clause, owners = (
            ("", ())
            if not with_owner
            else _clause(rng, self.offices, self.first_listed_leads, self.ascii_parens)
        )
        if rng.random() < 0.3:
            text = f"{marker}{title}\n\n{body}{clause}"
        else:
            text = f"{marker}{title}。{body}{clause}"
        return text, ExpectedTask("", tuple(owners), tuple(targets))


def _office_set(rng: random.Random, level: str) -> list[str]:
    suffix = _OFFICE_SUFFIX[level]
    return [stem + suffix for stem in rng.sample(_OFFICE_STEMS, k=rng.randrange(8, 18))]


def _chapter(
    writer: _Writer, number: int, title: str, depth: int
) -> tuple[list[str], list[ExpectedTask]]:
    """A chapter of tasks at ``depth`` (2: 一、（一）; 3: 一、（一）1.; 4: 一、（一）1.（1）;
    0: kinds skipped, 一、1.)."""
    rng, ascii_parens = writer.rng, writer.ascii_parens
    code = str(number)
    lines = [f"{_marker('cn', number, False)}{title}"]
    tasks: list[ExpectedTask] = []

    def add(marker: str, task_code: str) -> None:
        text, expected = writer.task_text(marker, rng.choice(_TASK_TITLES))
        lines.append(text)
        tasks.append(ExpectedTask(task_code, expected.owners, expected.targets))

    if depth == 0:
        for t in range(1, rng.randrange(3, 6)):
            add(_marker("arabic", t, ascii_parens), f"{code}.{t}")
        return lines, tasks
    for s in range(1, rng.randrange(3, 6)):
        sub_code = f"{code}.{s}"
        sub_marker = _marker("cn_paren", s, ascii_parens)
        if depth == 2 or rng.random() < 0.5:
            add(sub_marker, sub_code)
            continue
        lines.append(f"{sub_marker}{rng.choice(_TASK_TITLES)}")
        for t in range(1, rng.randrange(3, 5)):
            item_code = f"{sub_code}.{t}"
            if depth == 3 or rng.random() < 0.5:
                add(_marker("arabic", t, ascii_parens), item_code)
                continue
            # "1.5G产业链" would read as the number 1.5: headings take names that open with a word.
            lines.append(f"{t}.{rng.choice(_heading_industry_names())}")
            for u in range(1, rng.randrange(3, 5)):
                add(_marker("arabic_paren", u, ascii_parens), f"{item_code}.{u}")
    return lines, tasks


def _plan(index: int, seed: int, used_doc_nos: set[str]) -> GeneratedPlan:
    rng = random.Random(f"plankg-bench:{seed}:{index}")
    region = rng.choice(_regions())
    bureau, abbreviation, theme = rng.choice(_BUREAUS)
    issuer = region.name + bureau
    year = rng.randrange(2019, 2026)
    span = rng.choice((2, 3))
    year_end = year + span
    doc_no = ""
    while not doc_no or doc_no in used_doc_nos:
        doc_no = f"{region.stem}{abbreviation}发〔{year}〕{rng.randrange(1, 200)}号"
    used_doc_nos.add(doc_no)
    kind = _PLAN_KINDS[0] if span == 3 else rng.choice(_PLAN_KINDS[1:])
    title = f"{region.name}推动{theme}{kind}（{year}-{year_end}年）"
    writer = _Writer(
        rng,
        _office_set(rng, region.level),
        region,
        year_end,
        first_listed_leads=rng.random() < 0.3,
        ascii_parens=rng.random() < 0.3,
    )

    note = "各项任务中排在第一位的为牵头单位。" if writer.first_listed_leads else ""
    head = [
        f"{issuer}文件",
        doc_no,
        f"关于印发{title}的通知",
        "局机关各科室，直属事业单位：",
        f"现将《{title}》印发给你们，请认真贯彻落实。",
        issuer,
        f"{year}年{rng.randrange(1, 13)}月{rng.randrange(1, 29)}日",
        "（此件公开发布）",
        title,
        f"为深入贯彻落实国家、省关于{theme}的决策部署，结合{region.name}实际，制定本方案。{note}",
    ]
    goal_sentence, _ = _targets_sentence(rng, year_end, 2)
    chapters = [
        f"一、总体要求\n\n坚持稳中求进工作总基调，完整、准确、全面贯彻新发展理念，服务和融入新发展格局。"
        f"{goal_sentence}",
    ]
    tasks: list[ExpectedTask] = []
    titles = rng.sample(_CHAPTER_TITLES, k=rng.randrange(2, 5))
    for number, chapter_title in enumerate(titles, start=2):
        lines, chapter_tasks = _chapter(
            writer, number, chapter_title, rng.choice((0, 2, 2, 3, 3, 4))
        )
        chapters.append("\n\n".join(lines))
        tasks.extend(chapter_tasks)
    last = 2 + len(chapters) - 1
    safeguards = [f"{_marker('cn', last, False)}保障措施"]
    for s, (title_, body) in enumerate(
        zip(_SAFEGUARDS, rng.sample(_SAFEGUARD_BODIES, 3), strict=False), 1
    ):
        safeguards.append(f"{_marker('cn_paren', s, writer.ascii_parens)}{title_}。{body}。")
        tasks.append(ExpectedTask(f"{last}.{s}", (), ()))
    chapters.append("\n\n".join(safeguards))
    text = "\n\n".join(head) + "\n\n" + "\n\n".join(chapters) + "\n"
    return GeneratedPlan(f"plan_{seed}_{index:05d}.txt", text, issuer, doc_no, tuple(tasks))


def generate_corpus(n: int, seed: int) -> list[GeneratedPlan]:
    """``n`` plans with their truth; the same (n, seed) always gives the same plans."""
    if n < 0:
        raise InputError(f"generate_corpus: the number of plans must be >= 0, got {n}")
    used: set[str] = set()
    return [_plan(index, seed, used) for index in range(n)]


def generate_plans(n: int, seed: int) -> list[tuple[str, str]]:
    """``n`` realistic plans as (file name, text); deterministic for a seed."""
    return [(plan.file_name, plan.text) for plan in generate_corpus(n, seed)]
