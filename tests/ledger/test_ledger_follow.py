"""Reports follow their task across a plan revision, or are orphaned."""

from __future__ import annotations

from plankg.ledger.follow import TargetKey, TaskKey, follow_targets, follow_tasks

OLD = [
    TaskKey(id="p:1.1", code="1.1", text="推进园区扩区，提升承载能力。（甲科负责）"),
    TaskKey(id="p:1.2", code="1.2", text="（二）举办招聘活动，完善用工机制。（乙科负责）"),
    TaskKey(id="p:1.3", code="1.3", text="开展摸底调研，出台转型方案。（丙科负责）"),
]
NEW = [
    # 1.1 lightly edited under its code; 1.2 renumbered to 1.4, only its number changed; 1.3 removed and its
    # code reused for an unrelated task.
    TaskKey(id="p:1.1", code="1.1", text="推进园区扩区和挖潜，提升承载能力。（甲科负责）"),
    TaskKey(id="p:1.3", code="1.3", text="支持企业上云，建设工业互联网平台。（丁科负责）"),
    TaskKey(id="p:1.4", code="1.4", text="（四）举办招聘活动，完善用工机制。（乙科负责）"),
]


def test_same_code_similar_text_or_same_text_new_code():
    assert follow_tasks(OLD, NEW) == {"p:1.1": "p:1.1", "p:1.2": "p:1.4", "p:1.3": None}


def test_targets_follow_their_task_by_metric():
    moved = {"p:1.1": "p:1.1", "p:1.2": "p:1.4", "p:1.3": None}
    old = [
        TargetKey(id="p:1.2:t1", holder_id="p:1.2", ordinal=1, metric="招聘会"),
        TargetKey(id="p:1.3:t1", holder_id="p:1.3", ordinal=1, metric="方案"),
        TargetKey(id="p:1.1:t2", holder_id="p:1.1", ordinal=2, metric="园区"),
    ]
    new = [
        TargetKey(id="p:1.4:t1", holder_id="p:1.4", ordinal=1, metric="招聘会"),
        TargetKey(id="p:1.1:t1", holder_id="p:1.1", ordinal=1, metric="园区"),
    ]
    assert follow_targets(old, new, moved) == {
        "p:1.2:t1": "p:1.4:t1",
        "p:1.3:t1": None,
        "p:1.1:t2": "p:1.1:t1",
    }
