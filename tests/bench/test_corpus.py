"""The generated corpus is deterministic, varied, and parsed back to the truth it was built from
(a parser robustness test over many plans in many styles)."""

from __future__ import annotations

from collections import Counter

import pytest

from plankg.bench.corpus import generate_corpus, generate_plans
from plankg.errors import InputError
from plankg.ingest import build_plan
from plankg.ingest.read import clean_text

RECOVERY_FLOOR = 0.99


def test_same_seed_gives_same_plans_and_other_seed_other_plans():
    assert generate_plans(5, seed=3) == generate_plans(5, seed=3)
    assert generate_plans(5, seed=3) != generate_plans(5, seed=4)


def test_negative_count_is_refused():
    with pytest.raises(InputError, match="must be >= 0"):
        generate_corpus(-1, seed=1)


def test_corpus_covers_the_styles_of_the_genre():
    text = "\n".join(plan.text for plan in generate_corpus(60, seed=5))
    for marker in (
        "分别负责",
        "牵头，",
        "配合）",
        "责任单位：",
        "牵头单位：",
        "等分别负责",
        "各产业科室",
        "(一)",
        "（1）",
        "股负责",
        "科负责",
        "\f",
        "万个",
        "%左右",
        "按照",
        "会同",
        "排在第一位的为牵头单位",
    ):
        assert marker in text, marker


def test_document_numbers_are_unique_so_plans_do_not_replace_each_other():
    corpus = generate_corpus(300, seed=9)
    assert len({plan.doc_no for plan in corpus}) == 300


@pytest.mark.parametrize("seed", [1, 17, 2024])
def test_parser_recovers_what_the_generator_wrote(seed):
    expected, missed = Counter(), Counter()
    for generated in generate_corpus(40, seed):
        plan = build_plan(clean_text(generated.text, source_name=generated.file_name))
        assert plan.header.issuer == generated.issuer
        assert plan.header.doc_no == generated.doc_no
        tasks = {task.code: task for task in plan.tasks}
        for truth in generated.tasks:
            expected.update(task=1, owner=len(truth.owners), target=len(truth.targets))
            task = tasks.get(truth.code)
            if task is None:
                missed.update(task=1, owner=len(truth.owners), target=len(truth.targets))
                continue
            owners = {(o.name, o.role) for o in task.owners}
            missed["owner"] += sum((o.name, o.role) not in owners for o in truth.owners)
            values = Counter((t.value, t.unit) for t in task.targets)
            for target in truth.targets:
                if values[(target.value, target.unit)]:
                    values[(target.value, target.unit)] -= 1
                else:
                    missed["target"] += 1
    for kind in ("task", "owner", "target"):
        assert expected[kind] > 100
        assert 1 - missed[kind] / expected[kind] >= RECOVERY_FLOOR, (kind, missed, expected)
