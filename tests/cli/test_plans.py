"""Many plans in one store: side by side, revised, listed and removed through the CLI."""

from __future__ import annotations

import json
import re

import pytest

from plankg.store import EmbeddedStore
from tests.cli.conftest import EXAMPLES, content_of, export_of, invoke

WEIFANG = EXAMPLES / "weifang_kjj_2024_9.txt"
WEIFANG_ID = "潍科发-2024-9"
SAMPLE_ID = "聊工信发-2023-48"


def revise(text: str) -> str:
    """The same document number with task 2.1.4 added, 2.3.2 removed and 2.1.3's owner
    changed, as a bureau re-issues a plan."""
    added = (
        "4.培育新型研发机构。支持高校院所与企业共建新型研发机构，到2026年新增市级新型研发"
        "机构15家。（科技科、创新服务科分别负责）\n\n"
    )
    removed = (
        "2.完善科技金融服务。扩大科技成果转化贷款风险补偿规模，推动科技型企业知识产权质押"
        "融资。（资源配置与管理科负责）\n\n"
    )
    assert removed in text and "（创新服务科负责）" in text
    text = text.replace(removed, "").replace("（创新服务科负责）", "（高新技术科负责）")
    return text.replace("（二）服务重点产业链创新", added + "（二）服务重点产业链创新")


@pytest.fixture
def two_plans(sample_db):
    result = invoke("ingest", "--db", sample_db, WEIFANG)
    assert result.exit_code == 0, result.output
    return sample_db


def offices_by_issuer(db) -> dict[str, set[str]]:
    offices: dict[str, set[str]] = {}
    for node in export_of(db)["nodes"]:
        if node["label"] == "Office":
            offices.setdefault(node["properties"]["issuer"], set()).add(node["id"])
    return offices


def test_two_plans_keep_their_offices_apart(two_plans):
    offices = offices_by_issuer(two_plans)
    assert set(offices) == {"聊城市工业和信息化局", "潍坊市科学技术局"}
    assert "聊城市工业和信息化局/科技科" in offices["聊城市工业和信息化局"]
    assert "潍坊市科学技术局/科技科" in offices["潍坊市科学技术局"]
    assert len(offices["聊城市工业和信息化局"]) == 17
    assert len(offices["潍坊市科学技术局"]) == 7
    with EmbeddedStore(two_plans, read_only=True) as store:
        tasks = store.run_read(
            "MATCH (o:Office)-[:RESPONSIBLE_FOR]->(t:Task) WHERE o.name = '科技科' "
            "RETURN o.id AS office, t.plan_id AS plan, count(t) AS n ORDER BY office"
        )
    assert [(r["office"].split("/")[0], r["plan"]) for r in tasks] == [
        ("潍坊市科学技术局", WEIFANG_ID),
        ("聊城市工业和信息化局", SAMPLE_ID),
    ]


def test_plans_list_shows_both(two_plans):
    result = invoke("plans", "list", "--db", two_plans, "--json")
    assert result.exit_code == 0, result.output
    listed = {p["plan_id"]: p for p in json.loads(result.output)}
    assert set(listed) == {SAMPLE_ID, WEIFANG_ID}
    assert listed[SAMPLE_ID]["tasks"] == 29 and listed[WEIFANG_ID]["tasks"] == 9
    assert listed[WEIFANG_ID]["issuer"] == "潍坊市科学技术局"
    assert listed[WEIFANG_ID]["loaded_at"]
    table = invoke("plans", "list", "--db", two_plans).output
    assert "共 2 个规划" in table and WEIFANG_ID in table and "载入时间" in table
    english = invoke("plans", "list", "--db", two_plans, "--lang", "en").output
    assert "2 plan(s)" in english and "loaded at" in english


REVISION_REPORT = {
    "zh": (
        r"替换了旧版本\s*│\s*是",
        [
            "与旧版本相比的变化：",
            "  新增任务：2.1.4",
            "  删除任务：2.3.2",
            "  任务 2.1.3 的责任单位：创新服务科（独立负责） → 高新技术科（独立负责）",
        ],
    ),
    "en": (
        r"replaced earlier version\s*│\s*yes",
        [
            "changes since the earlier version:",
            "  tasks added: 2.1.4",
            "  tasks removed: 2.3.2",
            "  task 2.1.3 owners: 创新服务科（sole） -> 高新技术科（sole）",
        ],
    ),
}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_revision_replaces_its_predecessor_and_prints_the_changes(tmp_path, two_plans, lang):
    revised = tmp_path / "weifang_revised.txt"
    revised.write_text(revise(WEIFANG.read_text(encoding="utf-8")), encoding="utf-8")
    result = invoke("ingest", "--db", two_plans, revised, "--lang", lang)
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    replaced, expected = REVISION_REPORT[lang]
    assert re.search(replaced, result.output)
    changes = result.output[result.output.index(expected[0]) :]
    assert changes.splitlines() == expected
    listed = {
        p["plan_id"]: p["tasks"]
        for p in json.loads(invoke("plans", "list", "--db", two_plans, "--json").output)
    }
    assert listed == {SAMPLE_ID: 29, WEIFANG_ID: 9}


def test_revision_changes_in_json(tmp_path, two_plans):
    revised = tmp_path / "weifang_revised.txt"
    revised.write_text(revise(WEIFANG.read_text(encoding="utf-8")), encoding="utf-8")
    (summary,) = json.loads(invoke("ingest", "--db", two_plans, "--json", revised).output)
    assert summary["changes"]["tasks_added"] == ["2.1.4"]
    assert summary["changes"]["tasks_removed"] == ["2.3.2"]
    assert [c["task_code"] for c in summary["changes"]["owners_changed"]] == ["2.1.3"]


def test_removing_a_plan_leaves_the_other_as_it_was(sample_db_template, two_plans):
    result = invoke("plans", "remove", "--db", two_plans, WEIFANG_ID)
    assert result.exit_code == 0, result.output
    line = result.output.replace("\n", "")  # the console folds long lines
    assert f"已删除规划 {WEIFANG_ID}（" in line and "，9 项任务）" in line
    after, alone = (
        without_vocabulary_aliases(content_of(export_of(db)))
        for db in (two_plans, sample_db_template)
    )
    assert after == alone


def without_vocabulary_aliases(export: dict) -> dict:
    """Aliases of a shared industry are the surface forms of the last plan that named it (the
    store does not union them), so they are left out of the comparison."""
    for node in export["nodes"]:
        if node["label"] in ("Industry", "Chain"):
            node["properties"].pop("aliases")
    return export
    assert [
        p["plan_id"]
        for p in json.loads(invoke("plans", "list", "--db", two_plans, "--json").output)
    ] == [SAMPLE_ID]


@pytest.mark.parametrize(
    ("plan_id", "message"),
    [
        ("潍科发-2024-8", f"error: no plan with id '潍科发-2024-8'; did you mean {WEIFANG_ID}"),
        ("nonsense", "error: no plan with id 'nonsense'"),
    ],
)
def test_removing_an_unknown_plan_fails_with_suggestions(two_plans, plan_id, message):
    before = export_of(two_plans)
    result = invoke("plans", "remove", "--db", two_plans, plan_id)
    assert result.exit_code == 4
    assert result.stderr.startswith(message)
    assert len(result.stderr.strip().splitlines()) == 1
    assert export_of(two_plans) == before


def test_plans_list_on_an_empty_store(tmp_path):
    db = tmp_path / "empty.lbdb"
    EmbeddedStore(db).close()
    result = invoke("plans", "list", "--db", db)
    assert result.exit_code == 0
    assert "共 0 个规划" in result.output


def test_a_store_an_earlier_version_wrote_is_upgraded_once_on_request(sample_db):
    import ladybug

    before = export_of(sample_db)
    # The store as an earlier version wrote it: no sort_key column on Task.
    database = ladybug.Database(str(sample_db))
    ladybug.Connection(database).execute("ALTER TABLE Task DROP sort_key")
    database.close()
    # A reader cannot add the column: one line that says what to run, not a binder error.
    refused = invoke("stats", "--db", sample_db)
    assert refused.exit_code != 0
    line = refused.stderr.strip()
    assert "\n" not in line and "Task.sort_key" in line
    assert f"plankg plans upgrade --db {sample_db}" in line
    done = invoke("plans", "upgrade", "--db", sample_db)
    assert done.exit_code == 0, done.output
    assert (
        "added Task.sort_key" in done.stdout and "filled Task.sort_key of 29 tasks" in done.stdout
    )
    assert invoke("stats", "--db", sample_db).exit_code == 0
    assert content_of(export_of(sample_db)) == content_of(before)
    again = invoke("plans", "upgrade", "--db", sample_db)
    assert again.exit_code == 0 and "无需升级" in again.stdout
